"""Reading an admin's scheme file (TOML) into a validated `Scheme`.

Admins write these files by hand, so every problem is reported at once, each
with its line and the field it is about
(`corporate.toml, line 57, labels[2].sharing.print.verdict: ...`), and a typo
in a key is an error rather than a silently ignored setting.  The format is
documented in docs/scheme.md.
"""
from __future__ import annotations

import dataclasses
import importlib.resources
import re
import tomllib
from pathlib import Path
from typing import Any

from formats.model import MicrosoftMapping, TscpMapping

from .channels import CHANNEL_IDS, EMAIL_CHANNELS
from .errors import SchemeError, SchemeProblem
from .hints import DEFAULT_RULES, HintRule
from .locate import Locator, format_path
from .scheme import CONDITIONAL, VERDICTS, Label, Markings, RuleMap, Scheme, SharingRule, normalize_guid
from .text import LocalText

REQUIRED_LANGUAGES = ("en", "nl", "fr")
BUILTIN_PACKAGE = "resources"
BUILTIN_FOLDER = "schemes"
BUILTIN_NAMES = ("corporate", "tlp")

_ID = re.compile(r"^[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?$")
_COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")
_GUID = re.compile(r"^\{?[0-9A-Fa-f]{8}(?:-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}\}?$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
_DOMAIN = re.compile(r"^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]$")
_EXTENSION = re.compile(r"^\.[a-z0-9][a-z0-9._-]*$")
_DETECTOR = re.compile(r"^[a-z0-9][a-z0-9:._-]*$")
_ID_RULE = "lower-case letters, digits, '-', '_' or '.'"

_TOP_KEYS = ("scheme", "labels", "hints", "tips", "recognise")
_RECOGNISE_KEYS = ("label_name_properties",)
# A property name: one line of printable text, not one of the names other
# tools' labels are already recognised by.
_PROPERTY_NAME = re.compile(r"^[^\x00-\x1f\x7f]{1,255}$")
_RESERVED_PROPERTY_PREFIXES = ("Labeler_", "MSIP_Label_", "urn:bails:", "TitusGUID", "bjDocumentLabelXML",
                               "bjDocumentSecurityLabel")
_SCHEME_KEYS = ("id", "version", "name", "organisation", "internal_domains", "partner_domains",
                "default_label", "must_label")
_SCHEME_REQUIRED = ("id", "version", "name", "organisation")
_LABEL_KEYS = ("id", "color", "name", "description", "handling", "justify_downgrade", "sharing",
               "markings", "microsoft", "tscp", "sublabels")
_LABEL_REQUIRED = ("id", "color", "name", "description", "sharing")
_SUBLABEL_KEYS = tuple(k for k in _LABEL_KEYS if k != "sublabels")
_SUBLABEL_REQUIRED = ("id", "name", "description")
_RULE_KEYS = ("verdict", "why", "condition", "instead", "max_attachment_kb", "encrypted_only")
_RULE_REQUIRED = ("verdict", "why")
_MARKING_KEYS = ("header", "footer", "watermark")
_HINT_KEYS = ("detectors", "min_count", "recommend")
_TIP_KEYS = ("text",)
# `content_bits` is still accepted from older schemes and ignored: ContentBits
# says which markings are in the document, so the app writes the bits of the
# markings it really wrote, never a number from the scheme.
_MICROSOFT_KEYS = (*(f.name for f in dataclasses.fields(MicrosoftMapping)), "content_bits")
_TSCP_KEYS = tuple(f.name for f in dataclasses.fields(TscpMapping))
_TSCP_POLICY_TYPES = ("IntellectualProperty", "ExportControl", "NationalSecurity")
# LibreOffice's scales and the levels each allows; "None" (older schemes) means unset.
_IMPACT_LEVELS = {"UK-Cabinet": ("0", "1", "2", "3"), "FIPS-199": ("Low", "Moderate", "High"),
                  "None": ("None",)}
_TOML_POSITION = re.compile(r"^(?P<text>.*?)\s*\(at line (?P<line>\d+), column (?P<column>\d+)\)$", re.S)


def load_scheme(path: str | Path) -> Scheme:
    """The scheme in a TOML file; SchemeError names every problem found."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SchemeError(f"{path}: cannot be read ({exc.strerror or exc}).", source=str(path)) from None
    return parse_scheme(data, str(path))


def builtin_names() -> tuple[str, ...]:
    """The names of the schemes shipped with the app ("corporate", "tlp", ...)."""
    folder = importlib.resources.files(BUILTIN_PACKAGE) / BUILTIN_FOLDER
    return tuple(sorted(f.name[:-5] for f in folder.iterdir() if f.name.endswith(".toml")))


def load_builtin(name: str = "corporate") -> Scheme:
    """A scheme shipped with the app: "corporate" or "tlp"."""
    available = builtin_names()
    if name not in available:
        raise SchemeError(f"There is no built-in scheme named {name!r}; available: "
                          f"{', '.join(available) or 'none'}.")
    resource = importlib.resources.files(BUILTIN_PACKAGE) / BUILTIN_FOLDER / f"{name}.toml"
    return parse_scheme(resource.read_bytes(), str(resource))


def parse_scheme(data: bytes, source: str) -> Scheme:
    """Validate the bytes of a scheme file; `source` names it in messages."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SchemeError(f"{source}: is not UTF-8 text (byte {exc.start}).", source=source) from None
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = _TOML_POSITION.match(str(exc))
        if match:
            problem = SchemeProblem("", int(match["line"]),
                                    f"not valid TOML: {match['text']} (column {match['column']})")
            raise SchemeError(f"{source}, {problem}", source=source, details=(problem,)) from None
        raise SchemeError(f"{source}: not valid TOML: {exc}", source=source) from None
    reader = _Reader()
    scheme = reader.scheme(document)
    if reader.problems:
        locator = Locator(text)
        details = tuple(SchemeProblem(where, locator.line_of(where), problem)
                        for where, problem in reader.problems)
        if len(details) == 1:
            message = f"{source}, {details[0]}" if details[0].line else f"{source}: {details[0]}"
        else:
            message = f"{source}: {len(details)} problems:\n" + "\n".join(f"  {d}" for d in details)
        raise SchemeError(message, source=source, details=details)
    assert scheme is not None
    return scheme


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    return {str: "a string", int: "a number", float: "a number", dict: "a table",
            list: "an array"}.get(type(value), type(value).__name__)


def _key(where: str, key: str) -> str:
    return f"{where}.{format_path((key,))}" if where else format_path((key,))


class _Reader:
    """Builds the scheme while collecting problems instead of stopping at the first."""

    def __init__(self) -> None:
        self.problems: list[tuple[str, str]] = []

    def problem(self, where: str, text: str) -> None:
        self.problems.append((where, text))

    # --- generic checks -------------------------------------------------

    def table(self, value: Any, where: str, allowed: tuple[str, ...],
              required: tuple[str, ...], what: str = "") -> dict | None:
        if not isinstance(value, dict):
            self.problem(where, f"must be a table{what}, not {_kind(value)}")
            return None
        for key in value:
            if key not in allowed:
                self.problem(_key(where, key), f"unknown key (allowed here: {', '.join(allowed)})")
        for key in required:
            if key not in value:
                self.problem(_key(where, key), "is missing")
        return value

    def tables(self, value: Any, where: str, header: str) -> list[dict]:
        """An array of tables ([[header]]), or [] after reporting why not."""
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            self.problem(where, f"must be an array of tables ([[{header}]]), not {_kind(value)}")
            return []
        return value

    def text(self, table: dict, key: str, where: str, default: str | None = None) -> str | None:
        value = table.get(key, default)
        if value is None:
            return None  # missing: reported by table()
        if not isinstance(value, str):
            self.problem(_key(where, key), f"must be a string, not {_kind(value)}")
            return None
        if not value.strip():
            self.problem(_key(where, key), "must not be empty")
            return None
        return value

    def matching(self, table: dict, key: str, where: str, pattern: re.Pattern, rule: str) -> str | None:
        value = self.text(table, key, where)
        if value is not None and not pattern.match(value):
            self.problem(_key(where, key), f"{value!r} is not valid: use {rule}")
            return None
        return value

    def integer(self, table: dict, key: str, where: str, low: int, high: int | None = None,
                default: int | None = None) -> int | None:
        value = table.get(key, default)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(_key(where, key), f"must be a whole number, not {_kind(value)}")
            return None
        if value < low or (high is not None and value > high):
            bounds = f"from {low} to {high}" if high is not None else f"{low} or more"
            self.problem(_key(where, key), f"{value} is out of range ({bounds})")
            return None
        return value

    def boolean(self, table: dict, key: str, where: str, default: bool = False) -> bool | None:
        value = table.get(key, default)
        if not isinstance(value, bool):
            self.problem(_key(where, key), f"must be true or false, not {_kind(value)}")
            return None
        return value

    def guid(self, table: dict, key: str, where: str) -> str | None:
        value = self.matching(table, key, where, _GUID,
                              "a GUID like 8b1d2f4e-3c5a-4e6b-9f7d-0a1b2c3d4e01")
        return normalize_guid(value) if value is not None else None

    def choice(self, table: dict, key: str, where: str, options: tuple[str, ...],
               default: str | None = None) -> str | None:
        value = self.text(table, key, where, default)
        if value is not None and value not in options:
            self.problem(_key(where, key), f"{value!r} is not one of {', '.join(options)}")
            return None
        return value

    def strings(self, table: dict, key: str, where: str, pattern: re.Pattern, rule: str,
                lower: bool = False) -> tuple[str, ...] | None:
        """An array of strings, each matching `pattern` (after lower-casing if `lower`)."""
        value = table.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.problem(_key(where, key), f"must be an array of strings, not {_kind(value)}")
            return None
        out: list[str] = []
        ok = True
        for index, item in enumerate(value):
            here = f"{_key(where, key)}[{index}]"
            if not isinstance(item, str):
                self.problem(here, f"must be a string, not {_kind(item)}")
                ok = False
                continue
            item = item.strip().lower() if lower else item.strip()
            if not pattern.match(item):
                self.problem(here, f"{item!r} is not valid: use {rule}")
                ok = False
            elif item in out:
                self.problem(here, f"{item!r} is listed twice")
                ok = False
            else:
                out.append(item)
        return tuple(out) if ok else None

    def local(self, table: dict, key: str, where: str, *, all_languages: bool = False,
              one_line: bool = False) -> LocalText | None:
        """A localized text: a string (English) or a table of texts per language.

        With `all_languages`, it must be a table with every REQUIRED_LANGUAGES text.
        """
        value = table.get(key)
        if value is None:
            return None
        here = _key(where, key)
        if isinstance(value, str) and not all_languages:
            text = self.text(table, key, where)
            if text is None:
                return None
            if one_line and "\n" in text.strip():
                self.problem(here, "must be one line")
                return None
            return LocalText({"en": text.strip() if one_line else text})
        if not isinstance(value, dict):
            wanted = ", ".join(REQUIRED_LANGUAGES)
            if all_languages:
                self.problem(here, f"must be a table of texts per language ({wanted}), not {_kind(value)}")
            else:
                self.problem(here, f"must be a string (English) or a table of texts per language "
                                   f"({wanted}), not {_kind(value)}")
            return None
        required = REQUIRED_LANGUAGES if all_languages else ("en",)
        ok = True
        for lang in required:
            if lang not in value:
                self.problem(f"{here}.{lang}", "is missing" if all_languages else
                             "is missing (English is required; other languages fall back to it)")
                ok = False
        texts: dict[str, str] = {}
        for lang in value:
            if not _LANGUAGE.match(lang):
                self.problem(_key(here, lang), "is not a language code such as en, nl, fr or pt-BR")
                ok = False
            elif (text := self.text(value, lang, here)) is None:
                ok = False
            elif one_line and "\n" in text.strip():
                self.problem(_key(here, lang), "must be one line")
                ok = False
            else:
                texts[lang] = text.strip() if one_line else text
        return LocalText(texts) if ok else None

    # --- the scheme -----------------------------------------------------

    def scheme(self, document: dict) -> Scheme | None:
        for key in document:
            if key not in _TOP_KEYS:
                self.problem(_key("", key), f"unknown key (allowed at the top: {', '.join(_TOP_KEYS)})")
        header: dict = {}
        if "scheme" not in document:
            self.problem("scheme", "is missing (a [scheme] table with id, version, name and organisation)")
        else:
            header = self.table(document["scheme"], "scheme", _SCHEME_KEYS, _SCHEME_REQUIRED) or {}
        scheme_id = self.matching(header, "id", "scheme", _ID, _ID_RULE)
        version = self.integer(header, "version", "scheme", low=1)
        name = self.text(header, "name", "scheme")
        organisation = self.text(header, "organisation", "scheme")
        domain_rule = "a domain name such as example.com (no @)"
        internal = self.strings(header, "internal_domains", "scheme", _DOMAIN, domain_rule, lower=True)
        partners = self.strings(header, "partner_domains", "scheme", _DOMAIN, domain_rule, lower=True)
        if internal and partners:
            for index, domain in enumerate(partners):
                if domain in internal:
                    self.problem(f"scheme.partner_domains[{index}]",
                                 f"{domain!r} is also an internal domain")
        must_label = self.strings(header, "must_label", "scheme", _EXTENSION,
                                  "a file extension with its dot, such as .docx", lower=True)
        default_label = self.matching(header, "default_label", "scheme", _ID, _ID_RULE) \
            if "default_label" in header else None

        labels = self.labels(document.get("labels"))
        ids = {label.id for label in labels}
        if default_label is not None and labels and default_label not in ids:
            self.problem("scheme.default_label", f"{default_label!r} is not a label id of this scheme "
                                                 f"({', '.join(l.id for l in labels)})")
        if "hints" in document:
            hint_rules = self.hints(document["hints"], ids)
        else:
            hint_rules = tuple(rule for rule in DEFAULT_RULES if rule.label_id in ids)
        tips = self.tips(document["tips"]) if "tips" in document else ()
        name_properties = self.recognise(document["recognise"]) if "recognise" in document else ()
        if self.problems:
            return None
        return Scheme(scheme_id, version, name, labels, organisation=organisation,
                      internal_domains=internal or (), partner_domains=partners or (),
                      default_label_id=default_label, must_label=frozenset(must_label or ()),
                      hint_rules=hint_rules, tips=tips, label_name_properties=name_properties or ())

    def labels(self, value: Any) -> tuple[Label, ...]:
        if value is None:
            self.problem("labels", "is missing (one [[labels]] table per label)")
            return ()
        items = self.tables(value, "labels", "labels")
        if not items:
            if isinstance(value, list) and not value:
                self.problem("labels", "a scheme needs at least one label")
            return ()
        found: list[tuple[str, Label]] = []
        complete = True
        for rank, item in enumerate(items):
            where = f"labels[{rank}]"
            parent = self.label(item, rank, where, None)
            if parent is None:
                complete = False
                continue
            found.append((where, parent))
            if "sublabels" in item:
                for index, sub in enumerate(self.tables(item["sublabels"], f"{where}.sublabels",
                                                        "labels.sublabels")):
                    sub_where = f"{where}.sublabels[{index}]"
                    sublabel = self.label(sub, rank, sub_where, parent)
                    if sublabel is None:
                        complete = False
                    else:
                        found.append((sub_where, sublabel))
        self.unique(found)
        return tuple(label for _, label in found) if complete else ()

    def label(self, value: dict, rank: int, where: str, parent: Label | None) -> Label | None:
        before = len(self.problems)
        if parent is None:
            table = self.table(value, where, _LABEL_KEYS, _LABEL_REQUIRED)
        else:
            table = self.table(value, where, _SUBLABEL_KEYS, _SUBLABEL_REQUIRED)
        if table is None:
            return None
        label_id = self.matching(table, "id", where, _ID, _ID_RULE)
        if parent is not None and "color" not in table:
            color = parent.color
        else:
            color = self.matching(table, "color", where, _COLOR, "#RRGGBB, e.g. #2E7D32")
        names = self.local(table, "name", where, all_languages=True)
        descriptions = self.local(table, "description", where, all_languages=True)
        handling = self.local(table, "handling", where)
        if parent is not None and "justify_downgrade" not in table:
            justify = parent.justify_downgrade
        else:
            justify = self.boolean(table, "justify_downgrade", where)
        sharing = self.sharing(table.get("sharing"), f"{where}.sharing", complete=parent is None) \
            if "sharing" in table else {}
        markings = self.markings(table["markings"], f"{where}.markings") if "markings" in table else None
        microsoft = self.microsoft(table["microsoft"], f"{where}.microsoft") if "microsoft" in table else None
        tscp = self.tscp(table["tscp"], f"{where}.tscp") if "tscp" in table else None
        if len(self.problems) > before:
            return None
        if parent is not None:
            sharing = {**parent.sharing, **sharing}
            handling = handling if handling is not None else parent.handling
            markings = markings if markings is not None else parent.markings
        ordered = {c: sharing[c] for c in CHANNEL_IDS if c in sharing}
        return Label(label_id, rank, color.upper(), names, descriptions, microsoft, tscp,
                     parent=parent.id if parent else None, handling=handling, justify_downgrade=justify,
                     sharing=RuleMap(ordered), markings=markings,
                     parent_names=parent.names if parent else None)

    def sharing(self, value: Any, where: str, complete: bool) -> dict[str, SharingRule]:
        if not isinstance(value, dict):
            self.problem(where, f"must be a table with one rule per channel ({', '.join(CHANNEL_IDS)}), "
                                f"not {_kind(value)}")
            return {}
        rules: dict[str, SharingRule] = {}
        for channel_id, rule_value in value.items():
            if channel_id not in CHANNEL_IDS:
                self.problem(_key(where, channel_id), f"unknown channel (channels: {', '.join(CHANNEL_IDS)})")
                continue
            rule = self.rule(rule_value, _key(where, channel_id), channel_id)
            if rule is not None:
                rules[channel_id] = rule
        if complete:
            for channel_id in CHANNEL_IDS:
                if channel_id not in value:
                    self.problem(f"{where}.{channel_id}", "is missing (every label needs a rule for each "
                                                          f"channel: {', '.join(CHANNEL_IDS)})")
        return rules

    def rule(self, value: Any, where: str, channel_id: str) -> SharingRule | None:
        before = len(self.problems)
        table = self.table(value, where, _RULE_KEYS, _RULE_REQUIRED)
        if table is None:
            return None
        verdict = self.choice(table, "verdict", where, VERDICTS)
        why = self.local(table, "why", where, one_line=True)
        condition = self.local(table, "condition", where)
        instead = self.local(table, "instead", where)
        max_kb = self.integer(table, "max_attachment_kb", where, low=1)
        encrypted = self.boolean(table, "encrypted_only", where)
        if verdict == CONDITIONAL and "condition" not in table:
            self.problem(f"{where}.condition", "is missing (a conditional rule says its condition, "
                                               "e.g. \"encrypted mail only\")")
        if verdict is not None and verdict != CONDITIONAL:
            for key in ("condition", "max_attachment_kb"):
                if key in table:
                    self.problem(f"{where}.{key}", f"only a conditional rule has one (verdict is {verdict!r})")
            if table.get("encrypted_only") is True:
                self.problem(f"{where}.encrypted_only", f"only a conditional rule can require encryption "
                                                        f"(verdict is {verdict!r})")
        if "max_attachment_kb" in table and channel_id not in EMAIL_CHANNELS:
            self.problem(f"{where}.max_attachment_kb", f"only for e-mail channels "
                                                       f"({', '.join(EMAIL_CHANNELS)}), not {channel_id!r}")
        if len(self.problems) > before:
            return None
        return SharingRule(channel_id, verdict, why, condition, instead, max_kb, encrypted)

    def markings(self, value: Any, where: str) -> Markings | None:
        table = self.table(value, where, _MARKING_KEYS, ())
        if table is None:
            return None
        if not any(key in table for key in _MARKING_KEYS):
            self.problem(where, f"needs at least one of {', '.join(_MARKING_KEYS)}")
            return None
        texts = {key: self.local(table, key, where) for key in _MARKING_KEYS}
        return Markings(**texts)

    def microsoft(self, value: Any, where: str) -> MicrosoftMapping | None:
        table = self.table(value, where, _MICROSOFT_KEYS, ("label_guid", "site_id"))
        if table is None:
            return None
        guid = self.guid(table, "label_guid", where)
        site = self.guid(table, "site_id", where)
        name = self.text(table, "name", where) if "name" in table else ""
        bits = self.integer(table, "content_bits", where, low=0, high=15, default=0)  # accepted, ignored
        if None in (guid, site, name, bits):
            return None
        return MicrosoftMapping(guid, site, name)

    def tscp(self, value: Any, where: str) -> TscpMapping | None:
        table = self.table(value, where, _TSCP_KEYS, ("identifier", "name"))
        if table is None:
            return None
        choices = ("policy_type", "impact_scale", "impact_level")
        # An unset field is empty; "None", which older schemes wrote for unset, means the same.
        fields = {key: self.text(table, key, where) if key in table else ""
                  for key in _TSCP_KEYS if key not in choices}
        fields = {key: "" if value is not None and value.strip() == "None" else value
                  for key, value in fields.items()}
        fields["policy_type"] = self.choice(table, "policy_type", where, _TSCP_POLICY_TYPES,
                                            default=_TSCP_POLICY_TYPES[0])
        scale = fields["impact_scale"] = self.choice(table, "impact_scale", where,
                                                     tuple(_IMPACT_LEVELS), default="None")
        fields["impact_level"] = self.choice(table, "impact_level", where,
                                             _IMPACT_LEVELS.get(scale, ()), default="None") \
            if scale is not None else None
        if None in fields.values():
            return None
        fields["impact_scale"] = "" if fields["impact_scale"] == "None" else fields["impact_scale"]
        fields["impact_level"] = "" if fields["impact_level"] == "None" else fields["impact_level"]
        return TscpMapping(**fields)

    def hints(self, value: Any, ids: set[str]) -> tuple[HintRule, ...]:
        rules: list[HintRule] = []
        for index, item in enumerate(self.tables(value, "hints", "hints")):
            where = f"hints[{index}]"
            before = len(self.problems)
            table = self.table(item, where, _HINT_KEYS, ("detectors", "recommend"))
            if table is None:
                continue
            detectors = self.strings(table, "detectors", where, _DETECTOR,
                                     "a detector id such as iban or keyword:personal-hr") \
                if "detectors" in table else None
            if detectors == ():
                self.problem(f"{where}.detectors", "needs at least one detector id")
            min_count = self.integer(table, "min_count", where, low=1, default=1)
            recommend = self.matching(table, "recommend", where, _ID, _ID_RULE)
            if recommend is not None and ids and recommend not in ids:
                self.problem(f"{where}.recommend", f"{recommend!r} is not a label id of this scheme "
                                                   f"({', '.join(sorted(ids))})")
            if len(self.problems) == before:
                rules.append(HintRule(detectors, min_count, recommend))
        return tuple(rules)

    def recognise(self, value: Any) -> tuple[str, ...] | None:
        """[recognise]: how to read other tools' labels; `label_name_properties` names Titus / Boldon James names."""
        table = self.table(value, "recognise", _RECOGNISE_KEYS, ())
        if table is None:
            return None
        names = self.strings(table, "label_name_properties", "recognise", _PROPERTY_NAME,
                             "the exact name of a custom document property, one line")
        for index, name in enumerate(names or ()):
            if name.startswith(_RESERVED_PROPERTY_PREFIXES):
                self.problem(f"recognise.label_name_properties[{index}]",
                             f"{name!r} is a property the app already recognises (ours, Microsoft's, "
                             "TSCP's, Titus's GUID or Boldon James's label)")
                names = None
        return names

    def tips(self, value: Any) -> tuple[LocalText, ...]:
        tips: list[LocalText] = []
        for index, item in enumerate(self.tables(value, "tips", "tips")):
            where = f"tips[{index}]"
            table = self.table(item, where, _TIP_KEYS, _TIP_KEYS)
            if table is not None and (text := self.local(table, "text", where)) is not None:
                tips.append(text)
        return tuple(tips)

    def unique(self, labels: list[tuple[str, Label]]) -> None:
        """Ids, names and mappings must each lead to one label, or look-ups would guess."""
        owners: dict[str, tuple[str, Label]] = {}
        for where, label in labels:
            key = label.id.casefold()
            if key in owners:
                self.problem(f"{where}.id", f"{label.id!r} is already the id of {owners[key][0]}")
            else:
                owners[key] = (where, label)
        for where, label in labels:
            for lang, name in label.names.items():
                other_where, other = owners.setdefault(name.strip().casefold(), (where, label))
                if other is not label:
                    self.problem(f"{where}.name.{lang}",
                                 f"{name!r} is already the id or a name of {other_where} ({other.id!r})")
        self.unique_mapping(labels, "microsoft", "label_guid")
        self.unique_mapping(labels, "tscp", "identifier")

    def unique_mapping(self, labels: list[tuple[str, Label]], mapping: str, key: str) -> None:
        seen: dict[str, tuple[str, Label]] = {}
        for where, label in labels:
            target = getattr(label, mapping)
            if target is None:
                continue
            value = getattr(target, key)
            if value in seen:
                self.problem(f"{where}.{mapping}.{key}",
                             f"{value!r} is already used by {seen[value][0]} ({seen[value][1].id!r})")
            else:
                seen[value] = (where, label)
