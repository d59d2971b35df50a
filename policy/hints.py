"""Hint rules: which label the scheme recommends for what a document contains.

Content detectors (labeler/hints) count findings per detector id ("iban",
"be-national-register", "keyword:confidential-marking", ...).  A scheme maps
those counts to a recommended label with an ordered list of rules, from the
most to the least sensitive: the first rule whose detectors together found at
least `min_count` items gives the recommendation.  A recommendation is only
ever shown to a person; nothing applies it.

Pure data and a pure function: no I/O, no imports from formats/ or labeler/.
"""
from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Iterable, Mapping


@dataclass(frozen=True)
class HintRule:
    """Recommend `label_id` when `detectors` together found at least `min_count` items."""

    detectors: tuple[str, ...]
    min_count: int
    label_id: str

    def __post_init__(self) -> None:
        detectors = (self.detectors,) if isinstance(self.detectors, str) else tuple(self.detectors)
        object.__setattr__(self, "detectors", detectors)
        if not detectors or not all(isinstance(d, str) and d for d in detectors):
            raise ValueError("a hint rule needs at least one detector id")
        if not isinstance(self.min_count, int) or isinstance(self.min_count, bool) or self.min_count < 1:
            raise ValueError(f"a hint rule's min_count must be a whole number of at least 1, "
                             f"not {self.min_count!r}")
        if not isinstance(self.label_id, str) or not self.label_id:
            raise ValueError("a hint rule needs a label id")

    def count(self, findings: Mapping[str, int]) -> int:
        """How many items this rule's detectors found together."""
        return sum(int(findings.get(d, 0) or 0) for d in self.detectors)

    def matches(self, findings: Mapping[str, int]) -> bool:
        return self.count(findings) >= self.min_count


def recommend(rules: Iterable[HintRule], findings: Mapping[str, int]) -> tuple[str | None, tuple[HintRule, ...]]:
    """The recommended label id (or None) and every rule that matched, in rule order.

    `rules` are ordered from most to least sensitive; the first matching rule
    wins, so the recommendation is matched[0].label_id.
    """
    matched = tuple(rule for rule in rules if rule.matches(findings))
    return (matched[0].label_id if matched else None), matched


_IDENTIFIERS = ("be-national-register", "nl-bsn", "payment-card")

# For the built-in corporate scheme (resources/schemes/corporate.toml).
DEFAULT_RULES: tuple[HintRule, ...] = (
    HintRule(_IDENTIFIERS, 10, "strictly-confidential"),
    HintRule(_IDENTIFIERS, 1, "confidential"),
    HintRule(("keyword:confidential-marking",), 1, "confidential"),
    HintRule(("iban",), 1, "confidential"),
    HintRule(("keyword:personal-hr",), 1, "confidential"),
    HintRule(("email",), 20, "internal"),
)
