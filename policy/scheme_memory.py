"""What a scheme keeps in memory once read: equal values shared, and a bound on the rest.

A scheme of thousands of labels repeats itself: the same sharing rules, the
same reasons in three languages, the same colours.  `Interner` hands out one
object for each distinct value (texts, LocalTexts, sharing rules, rule maps,
markings: all immutable, so sharing them changes nothing for their readers),
which makes the scheme in memory and its compiled copy (policy/compiled.py)
a fraction of its text: the built-in scheme's labels repeated to 8,050
(35 MiB of TOML) keep about 12 MB as counted here, and compile to 1.3 MB
instead of 35 MB (loaded back in about 30 ms instead of 0.9 s).

It also counts what it keeps (with `sys.getsizeof`, plus a fixed cost per
label for the reader's own bookkeeping) and raises `SchemeTooLarge` past
`MAX_KEPT`, so that a text within the size and shape limits
(policy/toml_shape.py) but made of distinct values cannot make the reader
keep more than that, whatever it holds.
"""
from __future__ import annotations

import dataclasses
import sys
from collections.abc import Hashable, Mapping
from typing import Any

from .scheme import Label, Markings, RuleMap, SharingRule
from .text import LocalText

MAX_KEPT = 48 * 1024 * 1024  # bytes a scheme's labels may keep, as counted here
# The reader's own memory for each label (its path, the entries of the id and name checks, the
# rules a sublabel inherits), measured rather than counted object by object.
LABEL_OVERHEAD = 1024


class SchemeTooLarge(ValueError):
    """The labels read so far keep more than MAX_KEPT bytes; the message is part of a sentence."""


class Interner:
    """One object per distinct immutable value, and a count of the memory kept."""

    def __init__(self, limit: int | None = None) -> None:
        self.limit = MAX_KEPT if limit is None else limit
        self.kept = 0
        self._seen: dict[Hashable, Any] = {}

    def _keep(self, size: int) -> None:
        self.kept += size
        if self.kept > self.limit:
            raise SchemeTooLarge(f"its labels would keep more than {self.limit / (1024 * 1024):g} MB in memory")

    def _known(self, key: Hashable, make) -> Any:
        found = self._seen.get(key)
        if found is None:
            found = make()
            self._seen[key] = found
            self._keep(sys.getsizeof(found) + (sys.getsizeof(vars(found)) if hasattr(found, "__dict__") else 0))
        return found

    def text(self, value: str) -> str:
        found = self._seen.get(value)
        if found is None:
            self._seen[value] = found = value
            self._keep(sys.getsizeof(value))
        return found

    def optional(self, value: LocalText | None) -> LocalText | None:
        return None if value is None else self.local(value)

    def local(self, value: LocalText) -> LocalText:
        items = tuple(value.items())  # in order: the same languages in another order stay apart
        return self._known((LocalText, items), lambda: LocalText({self.text(k): self.text(v) for k, v in items}))

    def optional_rule(self, rule: SharingRule | None) -> SharingRule | None:
        return None if rule is None else self.rule(rule)

    def rule(self, rule: SharingRule) -> SharingRule:
        why, condition, instead = self.local(rule.why), self.optional(rule.condition), self.optional(rule.instead)
        key = (SharingRule, rule.channel, rule.verdict, id(why), id(condition), id(instead),
               type(rule.max_attachment_kb), rule.max_attachment_kb, rule.encrypted_only)
        return self._known(key, lambda: dataclasses.replace(
            rule, channel=self.text(rule.channel), verdict=self.text(rule.verdict), why=why, condition=condition,
            instead=instead))

    def rules(self, rules: Mapping[str, SharingRule]) -> RuleMap:
        canonical = [(self.text(channel), self.rule(rule)) for channel, rule in rules.items()]
        key = (RuleMap, tuple((channel, id(rule)) for channel, rule in canonical))
        return self._known(key, lambda: RuleMap(dict(canonical)))

    def markings(self, markings: Markings | None) -> Markings | None:
        if markings is None:
            return None
        header, footer, watermark = (self.optional(markings.header), self.optional(markings.footer),
                                     self.optional(markings.watermark))
        key = (Markings, id(header), id(footer), id(watermark), type(markings.font_size), markings.font_size,
               type(markings.watermark_font_size), markings.watermark_font_size, markings.color, markings.align)
        return self._known(key, lambda: dataclasses.replace(
            markings, header=header, footer=footer, watermark=watermark, color=self.text(markings.color),
            align=self.text(markings.align)))

    def label(self, label: Label) -> Label:
        """The label with its values shared; a label itself is never shared (each has its own id)."""
        shared = dataclasses.replace(
            label, color=self.text(label.color), names=self.local(label.names),
            descriptions=self.local(label.descriptions), handling=self.optional(label.handling),
            sharing=self.rules(label.sharing), markings=self.markings(label.markings),
            parent_names=self.optional(label.parent_names))
        mappings = [m for m in (label.microsoft, label.tscp) if m is not None]
        self._keep(sys.getsizeof(shared) + sys.getsizeof(vars(shared)) + sys.getsizeof(label.id) + LABEL_OVERHEAD
                   + sum(sys.getsizeof(m) + _strings(vars(m)) for m in mappings if hasattr(m, "__dict__")))
        return shared

    def note(self, where: str, text: str) -> None:
        """Count a problem or warning the reader keeps."""
        self._keep(sys.getsizeof(where) + sys.getsizeof(text) + 64)


def _strings(values: Mapping[str, Any]) -> int:
    return sys.getsizeof(values) + sum(sys.getsizeof(v) for v in values.values() if isinstance(v, str))
