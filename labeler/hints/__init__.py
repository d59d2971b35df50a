"""Content hints: what a document contains, and the label that suggests.

    analyse(path, lang)  -> Analysis(findings, truncated, evidence_text, ...)
    suggest(path, rules) -> Suggestion(label_id, findings, evidence, ...)

Findings are counts per detector id, never the matched values, so nothing
sensitive reaches a log or the screen.  A suggestion is only ever shown:
nothing here (or anywhere) applies it.  Reading is bounded in time and size
(see extract.py); nothing here raises for a bad file.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from collections.abc import Iterable
from typing import TYPE_CHECKING

from policy.hints import DEFAULT_RULES, HintRule, recommend

from labeler.hints.extract import Extracted, extract_text, is_supported

# The detectors (python-stdnum, which imports ssl and pydoc) are imported by the first analysis, not with
# the package: the label dialog imports it while it opens and runs the analysis in a worker.
if TYPE_CHECKING:
    from labeler.hints.detectors import describe

__all__ = ["Analysis", "Suggestion", "analyse", "suggest", "describe", "extract_text", "Extracted",
           "is_supported", "DEFAULT_RULES", "HintRule"]


@dataclass(frozen=True)
class Analysis:
    """What was found in one file: counts per detector id (only those above zero)."""

    findings: dict[str, int] = field(hash=False)
    truncated: bool  # only the beginning of the file was read
    evidence_text: str  # the findings in words, e.g. "2 IBAN numbers and 1 national register number"
    reason: str | None = None  # why truncated, or why nothing could be read
    error: str | None = None  # formats.errors kind when the file could not be read

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True)
class Suggestion:
    """The label the rules recommend for one file (None: no recommendation)."""

    label_id: str | None
    findings: dict[str, int] = field(hash=False)
    evidence: str  # the findings in words
    truncated: bool = False
    reason: str | None = None
    error: str | None = None
    matched_rules: tuple[HintRule, ...] = ()

    @property
    def ok(self) -> bool:
        return self.error is None


def analyse(path, lang: str = "en", *, max_chars: int = 2_000_000, time_budget_s: float = 3.0) -> Analysis:
    from labeler.hints.detectors import describe, find_all

    extracted = extract_text(path, max_chars=max_chars, time_budget_s=time_budget_s)
    findings = find_all(extracted.text) if extracted.text else {}
    return Analysis(findings, extracted.truncated, describe(findings, lang), extracted.reason, extracted.error)


def suggest(path, rules: Iterable[HintRule] = DEFAULT_RULES, lang: str = "en", **limits) -> Suggestion:
    analysis = analyse(path, lang, **limits)
    label_id, matched = recommend(rules, analysis.findings)
    return Suggestion(label_id, analysis.findings, analysis.evidence_text, analysis.truncated, analysis.reason,
                      analysis.error, matched)


def __getattr__(name: str):
    """`describe` (labeler.hints.detectors), imported when first asked for."""
    if name == "describe":
        from labeler.hints.detectors import describe

        return describe
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
