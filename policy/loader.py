"""Reading an admin's scheme file (TOML) into a validated `Scheme`.

Admins write these files by hand, so every problem is reported at once,
each with the field it is about (`labels[2].color`), and a typo in a key
is an error rather than a silently ignored setting.
"""
from __future__ import annotations

import dataclasses
import importlib.resources
import re
import tomllib
from pathlib import Path
from typing import Any

from formats.model import MicrosoftMapping, TscpMapping

from .errors import SchemeError
from .scheme import Label, Scheme, normalize_guid

REQUIRED_LANGUAGES = ("en", "nl", "fr")
BUILTIN_PACKAGE = "resources"
BUILTIN_FOLDER = "schemes"

_ID = re.compile(r"^[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?$")
_COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")
_GUID = re.compile(r"^\{?[0-9A-Fa-f]{8}(?:-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}\}?$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
_ID_RULE = "lower-case letters, digits, '-', '_' or '.'"

_SCHEME_KEYS = ("id", "version", "name")
_LABEL_KEYS = ("id", "color", "name", "description", "microsoft", "tscp")
_LABEL_REQUIRED = ("id", "color", "name", "description")
_MICROSOFT_KEYS = tuple(f.name for f in dataclasses.fields(MicrosoftMapping))
_TSCP_KEYS = tuple(f.name for f in dataclasses.fields(TscpMapping))
_TSCP_POLICY_TYPES = ("IntellectualProperty", "ExportControl", "NationalSecurity")
# LibreOffice's scales and the levels each allows; "None" means unset.
_IMPACT_LEVELS = {"UK-Cabinet": ("0", "1", "2", "3"), "FIPS-199": ("Low", "Moderate", "High"),
                  "None": ("None",)}


def load_scheme(path: str | Path) -> Scheme:
    """The scheme in a TOML file; SchemeError names every problem found."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SchemeError(f"{path}: cannot be read ({exc.strerror or exc}).", source=str(path)) from None
    return parse_scheme(data, str(path))


def load_builtin(name: str = "corporate") -> Scheme:
    """A scheme shipped with the app, e.g. "corporate"."""
    folder = importlib.resources.files(BUILTIN_PACKAGE) / BUILTIN_FOLDER
    available = sorted(f.name[:-5] for f in folder.iterdir() if f.name.endswith(".toml"))
    if name not in available:
        raise SchemeError(f"There is no built-in scheme named {name!r}; available: "
                          f"{', '.join(available) or 'none'}.")
    resource = folder / f"{name}.toml"
    return parse_scheme(resource.read_bytes(), str(resource))


def parse_scheme(data: bytes, source: str) -> Scheme:
    """Validate the bytes of a scheme file; `source` names it in messages."""
    try:
        document = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise SchemeError(f"{source}: is not UTF-8 text (byte {exc.start}).", source=source) from None
    except tomllib.TOMLDecodeError as exc:
        # tomllib's message ends with "(at line L, column C)".
        raise SchemeError(f"{source}: not valid TOML: {exc}", source=source) from None
    reader = _Reader()
    scheme = reader.scheme(document)
    if reader.problems:
        problems = tuple(reader.problems)
        if len(problems) == 1:
            message = f"{source}: {problems[0]}"
        else:
            message = f"{source}: {len(problems)} problems:\n" + "\n".join(f"  {p}" for p in problems)
        raise SchemeError(message, source=source, problems=problems)
    assert scheme is not None
    return scheme


class _Reader:
    """Builds the scheme while collecting problems instead of stopping at the first."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def problem(self, where: str, text: str) -> None:
        self.problems.append(f"{where}: {text}")

    # --- generic checks -------------------------------------------------

    def table(self, value: Any, where: str, allowed: tuple[str, ...],
              required: tuple[str, ...]) -> dict | None:
        if not isinstance(value, dict):
            self.problem(where, f"must be a table, not {_kind(value)}")
            return None
        for key in value:
            if key not in allowed:
                self.problem(f"{where}.{key}", f"unknown key (allowed here: {', '.join(allowed)})")
        for key in required:
            if key not in value:
                self.problem(f"{where}.{key}", "is missing")
        return value

    def text(self, table: dict, key: str, where: str, default: str | None = None) -> str | None:
        value = table.get(key, default)
        if value is None:
            return None  # missing: reported by table()
        if not isinstance(value, str):
            self.problem(f"{where}.{key}", f"must be a string, not {_kind(value)}")
            return None
        if not value.strip():
            self.problem(f"{where}.{key}", "must not be empty")
            return None
        return value

    def matching(self, table: dict, key: str, where: str, pattern: re.Pattern, rule: str) -> str | None:
        value = self.text(table, key, where)
        if value is not None and not pattern.match(value):
            self.problem(f"{where}.{key}", f"{value!r} is not valid: use {rule}")
            return None
        return value

    def integer(self, table: dict, key: str, where: str, low: int, high: int | None = None,
                default: int | None = None) -> int | None:
        value = table.get(key, default)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(f"{where}.{key}", f"must be a whole number, not {_kind(value)}")
            return None
        if value < low or (high is not None and value > high):
            bounds = f"from {low} to {high}" if high is not None else f"{low} or more"
            self.problem(f"{where}.{key}", f"{value} is out of range ({bounds})")
            return None
        return value

    def guid(self, table: dict, key: str, where: str) -> str | None:
        value = self.matching(table, key, where, _GUID,
                              "a GUID like 8b1d2f4e-3c5a-4e6b-9f7d-0a1b2c3d4e01")
        return normalize_guid(value) if value is not None else None

    def choice(self, table: dict, key: str, where: str, options: tuple[str, ...],
               default: str) -> str | None:
        value = self.text(table, key, where, default)
        if value is not None and value not in options:
            self.problem(f"{where}.{key}", f"{value!r} is not one of {', '.join(options)}")
            return None
        return value

    # --- the scheme -----------------------------------------------------

    def scheme(self, document: dict) -> Scheme | None:
        for key in document:
            if key not in ("scheme", "labels"):
                self.problem(key, "unknown key (allowed at the top: scheme, labels)")
        scheme_id = version = name = None
        if "scheme" not in document:
            self.problem("scheme", "is missing (a [scheme] table with id, version and name)")
        elif (header := self.table(document["scheme"], "scheme", _SCHEME_KEYS, _SCHEME_KEYS)) is not None:
            scheme_id = self.matching(header, "id", "scheme", _ID, _ID_RULE)
            version = self.integer(header, "version", "scheme", low=1)
            name = self.text(header, "name", "scheme")
        labels = self.labels(document.get("labels"))
        if self.problems:
            return None
        return Scheme(scheme_id, version, name, labels)

    def labels(self, value: Any) -> tuple[Label, ...]:
        if value is None:
            self.problem("labels", "is missing (one [[labels]] table per label)")
            return ()
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            self.problem("labels", "must be an array of tables ([[labels]])")
            return ()
        if not value:
            self.problem("labels", "a scheme needs at least one label")
        labels = [self.label(item, rank) for rank, item in enumerate(value)]
        found = [label for label in labels if label is not None]
        self.unique(found)
        return tuple(found)

    def label(self, value: dict, rank: int) -> Label | None:
        where = f"labels[{rank}]"
        before = len(self.problems)
        table = self.table(value, where, _LABEL_KEYS, _LABEL_REQUIRED)
        if table is None:
            return None
        label_id = self.matching(table, "id", where, _ID, _ID_RULE)
        color = self.matching(table, "color", where, _COLOR, "#RRGGBB, e.g. #2E7D32")
        names = self.texts(table, "name", where)
        descriptions = self.texts(table, "description", where)
        microsoft = self.microsoft(table["microsoft"], f"{where}.microsoft") if "microsoft" in table else None
        tscp = self.tscp(table["tscp"], f"{where}.tscp") if "tscp" in table else None
        if len(self.problems) > before:
            return None
        return Label(label_id, rank, color.upper(), names, descriptions, microsoft, tscp)

    def texts(self, table: dict, key: str, where: str) -> dict[str, str] | None:
        value = table.get(key)
        if value is None:
            return None
        where = f"{where}.{key}"
        if not isinstance(value, dict):
            self.problem(where, f"must be a table of texts per language ([...{key}] with "
                                f"{', '.join(REQUIRED_LANGUAGES)}), not {_kind(value)}")
            return None
        for lang in REQUIRED_LANGUAGES:
            if lang not in value:
                self.problem(f"{where}.{lang}", "is missing")
        texts = {}
        for lang in value:
            if not _LANGUAGE.match(lang):
                self.problem(f"{where}.{lang}", "is not a language code such as en, nl, fr or pt-BR")
            elif (text := self.text(value, lang, where)) is not None:
                texts[lang] = text
        return texts

    def microsoft(self, value: Any, where: str) -> MicrosoftMapping | None:
        table = self.table(value, where, _MICROSOFT_KEYS, ("label_guid", "site_id"))
        if table is None:
            return None
        guid = self.guid(table, "label_guid", where)
        site = self.guid(table, "site_id", where)
        name = self.text(table, "name", where) if "name" in table else ""
        bits = self.integer(table, "content_bits", where, low=0, high=15, default=0)
        if None in (guid, site, name, bits):
            return None
        return MicrosoftMapping(guid, site, name, bits)

    def tscp(self, value: Any, where: str) -> TscpMapping | None:
        table = self.table(value, where, _TSCP_KEYS, ("identifier", "name"))
        if table is None:
            return None
        choices = ("policy_type", "impact_scale", "impact_level")
        fields = {key: self.text(table, key, where, default="None")
                  for key in _TSCP_KEYS if key not in choices}
        fields["policy_type"] = self.choice(table, "policy_type", where, _TSCP_POLICY_TYPES,
                                            default=_TSCP_POLICY_TYPES[0])
        scale = fields["impact_scale"] = self.choice(table, "impact_scale", where,
                                                     tuple(_IMPACT_LEVELS), default="None")
        fields["impact_level"] = self.choice(table, "impact_level", where,
                                             _IMPACT_LEVELS.get(scale, ()), default="None") \
            if scale is not None else None
        if None in fields.values():
            return None
        return TscpMapping(**fields)

    def unique(self, labels: list[Label]) -> None:
        """Ids, names and mappings must each lead to one label, or look-ups would guess."""
        owners: dict[str, Label] = {}
        for label in labels:
            key = label.id.casefold()
            if key in owners:
                self.problem(f"labels[{label.rank}].id",
                             f"{label.id!r} is already the id of labels[{owners[key].rank}]")
            else:
                owners[key] = label
        for label in labels:
            for lang, name in label.names.items():
                other = owners.setdefault(name.strip().casefold(), label)
                if other is not label:
                    self.problem(f"labels[{label.rank}].name.{lang}",
                                 f"{name!r} is already the id or a name of labels[{other.rank}] "
                                 f"({other.id!r})")
        self.unique_mapping(labels, "microsoft", "label_guid")
        self.unique_mapping(labels, "tscp", "identifier")

    def unique_mapping(self, labels: list[Label], mapping: str, key: str) -> None:
        seen: dict[str, Label] = {}
        for label in labels:
            target = getattr(label, mapping)
            if target is None:
                continue
            value = getattr(target, key)
            if value in seen:
                self.problem(f"labels[{label.rank}].{mapping}.{key}",
                             f"{value!r} is already used by labels[{seen[value].rank}] "
                             f"({seen[value].id!r})")
            else:
                seen[value] = label


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    return {str: "a string", int: "a number", float: "a number", dict: "a table",
            list: "an array"}.get(type(value), type(value).__name__)
