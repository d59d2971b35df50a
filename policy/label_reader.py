"""Reading the `[[labels]]` of a scheme: labels, sublabels, sharing rules, markings and mappings.

The rules are those of docs/scheme.md; every problem is recorded with the
path of its field (see policy/fields.py).  A channel a label's `sharing`
does not name gets a default and a warning (policy/channel_defaults.py).
"""
from __future__ import annotations

import dataclasses
import re
from typing import Any

from formats import MicrosoftMapping, TscpMapping

from . import channel_defaults, channels
from .fields import FieldReader, key_path, kind
from .scheme import (CONDITIONAL, MARKING_ALIGNMENTS, MARKING_VARIABLES, VERDICTS, Label, Markings, RuleMap,
                     SharingRule)

ID = re.compile(r"^[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?$")
ID_RULE = "lower-case letters, digits, '-', '_' or '.'"
_COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")

OTHER_CHANNELS = "other_channels"
_LABEL_KEYS = ("id", "color", "name", "description", "handling", "justify_downgrade", "sharing",
               OTHER_CHANNELS, "markings", "microsoft", "tscp", "sublabels")
_LABEL_REQUIRED = ("id", "color", "name", "description", "sharing")
# A sublabel inherits its parent's rules, defaults for unnamed channels included.
_SUBLABEL_KEYS = tuple(k for k in _LABEL_KEYS if k not in ("sublabels", OTHER_CHANNELS))
_SUBLABEL_REQUIRED = ("id", "name", "description")
_RULE_KEYS = ("verdict", "why", "condition", "instead", "max_attachment_kb", "encrypted_only")
_RULE_REQUIRED = ("verdict", "why")
_MARKING_KEYS = ("header", "footer", "watermark")
_MARKING_STYLE_KEYS = ("font_size", "watermark_font_size", "color", "align")
_VARIABLE = re.compile(r"\$\{[^}]*\}?")
# `content_bits` is still accepted from older schemes and ignored: ContentBits
# says which markings are in the document, so the app writes the bits of the
# markings it really wrote, never a number from the scheme.
_MICROSOFT_KEYS = (*(f.name for f in dataclasses.fields(MicrosoftMapping)), "content_bits")
_TSCP_KEYS = tuple(f.name for f in dataclasses.fields(TscpMapping))
_TSCP_POLICY_TYPES = ("IntellectualProperty", "ExportControl", "NationalSecurity")
# LibreOffice's scales and the levels each allows; "None" (older schemes) means unset.
_IMPACT_LEVELS = {"UK-Cabinet": ("0", "1", "2", "3"), "FIPS-199": ("Low", "Moderate", "High"),
                  "None": ("None",)}


@dataclasses.dataclass
class _Named:
    """A top-level label's rules as the scheme writes them, for its sublabels' defaults."""

    rules: dict[str, SharingRule]
    other: SharingRule | None


class LabelReader(FieldReader):
    """Reads `[[labels]]` into Label values."""

    def __init__(self) -> None:
        super().__init__()
        self._named: dict[str, _Named] = {}

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
        label_id = self.matching(table, "id", where, ID, ID_RULE)
        color: str | None
        justify: bool | None
        if parent is not None and "color" not in table:
            color = parent.color
        else:
            color = self.matching(table, "color", where, _COLOR, "#RRGGBB, e.g. #2E7D32")
        names = self.local(table, "name", where)
        descriptions = self.local(table, "description", where)
        handling = self.local(table, "handling", where)
        if parent is not None and "justify_downgrade" not in table:
            justify = parent.justify_downgrade
        else:
            justify = self.boolean(table, "justify_downgrade", where)
        sharing = self.sharing(table.get("sharing"), f"{where}.sharing", top_level=parent is None) \
            if "sharing" in table else {}
        other = self.rule(table[OTHER_CHANNELS], key_path(where, OTHER_CHANNELS), None) \
            if OTHER_CHANNELS in table else None
        markings = self.markings(table["markings"], f"{where}.markings") if "markings" in table else None
        microsoft = self.microsoft(table["microsoft"], f"{where}.microsoft") if "microsoft" in table else None
        tscp = self.tscp(table["tscp"], f"{where}.tscp") if "tscp" in table else None
        if len(self.problems) > before:
            return None
        # A reader gives None for a required key only after reporting a problem.
        assert label_id is not None and color is not None and names is not None and descriptions is not None
        assert justify is not None
        if parent is None:
            self._named[label_id] = _Named(dict(sharing), other)
        else:
            inherited = self._named.get(parent.id, _Named({}, None))
            sharing = {**inherited.rules, **sharing}
            other = inherited.other
            handling = handling if handling is not None else parent.handling
            markings = markings if markings is not None else parent.markings
        rules, missing = channel_defaults.complete(sharing, other)
        if missing and (parent is None or rules[missing[0]] != parent.sharing.get(missing[0])):
            # A sublabel is reported only where its default differs from its parent's.
            self.warning(f"{where}.sharing" if "sharing" in table or parent is None else where,
                         channel_defaults.warning(missing, rules[missing[0]], explicit=other is not None))
        return Label(label_id, rank, color.upper(), names, descriptions, microsoft, tscp,
                     parent=parent.id if parent else None, handling=handling, justify_downgrade=justify,
                     sharing=RuleMap(rules), markings=markings,
                     parent_names=parent.names if parent else None)

    def sharing(self, value: Any, where: str, top_level: bool) -> dict[str, SharingRule]:
        known = channels.CHANNEL_IDS
        if not isinstance(value, dict):
            self.problem(where, f"must be a table with one rule per channel ({', '.join(known)}), "
                                f"not {kind(value)}")
            return {}
        if top_level and not value:
            self.problem(where, f"needs a rule for at least one channel ({', '.join(known)})")
        rules: dict[str, SharingRule] = {}
        for channel_id, rule_value in value.items():
            if channel_id not in known:
                self.problem(key_path(where, channel_id), f"unknown channel (channels: {', '.join(known)})")
                continue
            rule = self.rule(rule_value, key_path(where, channel_id), channel_id)
            if rule is not None:
                rules[channel_id] = rule
        return rules

    def rule(self, value: Any, where: str, channel_id: str | None) -> SharingRule | None:
        """One sharing rule; `channel_id` None for a label's `other_channels` rule."""
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
        if "max_attachment_kb" in table and channel_id not in channels.EMAIL_CHANNELS:
            self.problem(f"{where}.max_attachment_kb", f"only for e-mail channels "
                                                       f"({', '.join(channels.EMAIL_CHANNELS)}), not "
                                                       f"{channel_id or OTHER_CHANNELS!r}")
        if len(self.problems) > before:
            return None
        assert verdict is not None and why is not None and encrypted is not None  # else a problem was reported
        return SharingRule(channel_id or "", verdict, why, condition, instead, max_kb, encrypted)

    def markings(self, value: Any, where: str) -> Markings | None:
        table = self.table(value, where, _MARKING_KEYS + _MARKING_STYLE_KEYS, ())
        if table is None:
            return None
        if not any(key in table for key in _MARKING_KEYS):
            self.problem(where, f"needs at least one of {', '.join(_MARKING_KEYS)}")
            return None
        before = len(self.problems)
        texts = {key: self.local(table, key, where, one_line=True) for key in _MARKING_KEYS}
        for key, text in texts.items():
            for lang, value in (text or {}).items():
                for variable in _VARIABLE.findall(value):
                    if variable not in MARKING_VARIABLES:
                        self.problem(f"{key_path(where, key)}.{lang}",
                                     f"{variable} is not a marking variable (use {', '.join(MARKING_VARIABLES)})")
        font_size = self.number(table, "font_size", where, 6, 72, 10.0)
        watermark_font_size = self.number(table, "watermark_font_size", where, 12, 200, 54.0)
        color = self.matching(table, "color", where, _COLOR, "#RRGGBB, e.g. #C00000") if "color" in table \
            else "#000000"
        align = self.choice(table, "align", where, MARKING_ALIGNMENTS, "center")
        if len(self.problems) > before:
            return None
        assert font_size is not None and watermark_font_size is not None  # else a problem was reported
        assert color is not None and align is not None
        return Markings(header=texts["header"], footer=texts["footer"], watermark=texts["watermark"],
                        font_size=font_size, watermark_font_size=watermark_font_size, color=color.upper(),
                        align=align)

    def number(self, table: dict, key: str, where: str, low: float, high: float, default: float) -> float | None:
        value = table.get(key, default)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.problem(key_path(where, key), f"must be a number, not {kind(value)}")
            return None
        if not low <= value <= high:
            self.problem(key_path(where, key), f"{value} is out of range (from {low:g} to {high:g})")
            return None
        return float(value)

    def microsoft(self, value: Any, where: str) -> MicrosoftMapping | None:
        table = self.table(value, where, _MICROSOFT_KEYS, ("label_guid", "site_id"))
        if table is None:
            return None
        guid = self.guid(table, "label_guid", where)
        site = self.guid(table, "site_id", where)
        name = self.text(table, "name", where) if "name" in table else ""
        bits = self.integer(table, "content_bits", where, low=0, high=15, default=0)  # accepted, ignored
        if guid is None or site is None or name is None or bits is None:
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
        given = {key: value for key, value in fields.items() if value is not None}
        if len(given) < len(fields):
            return None
        given["impact_scale"] = "" if given["impact_scale"] == "None" else given["impact_scale"]
        given["impact_level"] = "" if given["impact_level"] == "None" else given["impact_level"]
        return TscpMapping(**given)

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
