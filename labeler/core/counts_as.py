"""The label a file counts as when sharing it, and why.

A labelled file counts as its label: the person chose it, and nothing here
second-guesses that choice.  An unlabelled file counts as the *higher* of
the scheme's default label and the label its content suggests (an IBAN, a
card number, a national register number …), so `labeler check` and the
labelling dialog's consequences never call a memo full of account numbers
"Internal" just because nobody has labelled it yet.

    counts_as(scheme, recognised_id, findings)      # pure: the findings are already known
    counts_as_file(scheme, path, recognised_id)     # reads the content when the file has no label

The evidence is counts per detector ("1 IBAN number"), never the matched
values.  Nothing here writes anything or applies a label.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from policy import Label, Scheme
from policy.hints import recommend

from labeler.core.sharing import effective_label

# Why a file counts as its label.
LABELLED = "labelled"  # it carries the label (ours, or a foreign one the scheme maps)
DEFAULT = "default"  # no label: the scheme's default for unlabelled files
CONTENT = "content"  # no label, and its content suggests a higher label than the default


@dataclass(frozen=True)
class CountsAs:
    """The label a file counts as, and the reason, ready to be said in a sentence."""

    label: Label
    reason: str  # LABELLED | DEFAULT | CONTENT
    suggested: Label | None = None  # the label the content suggests (None: none, or not looked at)
    findings: dict[str, int] = field(default_factory=dict, hash=False)  # counts per detector id
    content_unread: str | None = None  # why the content could not be read, when it was looked at

    @property
    def assumed(self) -> bool:
        """True when the file carries no label: what it counts as is our inference."""
        return self.reason != LABELLED

    def evidence(self, lang: str = "en") -> str:
        """The findings that raised the label, in words: "1 IBAN number and 1 payment card number"."""
        from labeler.hints.detectors import describe

        return describe(self.findings, lang)

    def why(self, lang: str = "en") -> str:
        """One sentence, without the file's name: "counts as Confidential: no label yet, and it contains …"."""
        from labeler.languages import translation

        _ = translation(lang).gettext
        name = self.label.name(lang)
        if self.reason == LABELLED:
            return _("it is labelled {label}").format(label=name)
        if self.reason == CONTENT:
            return _("counts as {label}: no label yet, and it contains {evidence}").format(
                label=name, evidence=self.evidence(lang))
        if self.content_unread:
            return _("counts as {label}: no label yet, the default for unlabelled files (its content could "
                     "not be read to look for sensitive data)").format(label=name)
        return _("counts as {label}: no label yet, the default for unlabelled files").format(label=name)

    def to_json(self) -> dict:
        return {"reason": self.reason, "evidence": dict(self.findings),
                "suggested": self.suggested.id if self.suggested else None,
                "content_unread": self.content_unread}


def hint_rules(scheme: Scheme) -> tuple:
    """The scheme's hint rules, or the built-in ones restricted to labels the scheme has."""
    from policy.hints import DEFAULT_RULES

    rules = getattr(scheme, "hint_rules", None)
    if rules:
        return tuple(rules)
    ids = {label.id for label in scheme.labels}
    return tuple(rule for rule in DEFAULT_RULES if rule.label_id in ids)


def counts_as(scheme: Scheme, recognised_id: str | None, findings: Mapping[str, int] | None = None,
              *, content_unread: str | None = None) -> CountsAs:
    """What a file counts as, from its recognised label (None: unlabelled) and its content findings.

    No I/O: the labelling dialog passes the findings its hints worker already
    has (`Suggestion.findings`); `counts_as_file` reads them from the file.
    """
    label, assumed = effective_label(scheme, recognised_id)
    if not assumed:
        return CountsAs(label, LABELLED)
    findings = {k: int(v) for k, v in (findings or {}).items() if v}
    suggested_id, matched = recommend(hint_rules(scheme), findings)
    suggested = scheme.find(suggested_id) if suggested_id else None
    if suggested is not None and suggested.id != suggested_id:
        suggested = None  # found by name, not id: not the label the rule means
    if suggested is not None and scheme.rank_of(suggested) > scheme.rank_of(label):
        # Only the findings that made the winning rules match are the reason.
        detectors = {d for rule in matched if rule.label_id == suggested.id for d in rule.detectors}
        reason = {d: n for d, n in findings.items() if d in detectors}
        return CountsAs(suggested, CONTENT, suggested, reason)
    return CountsAs(label, DEFAULT, suggested, {}, content_unread)


@dataclass(frozen=True)
class CountedFile:
    """A file read for a sharing decision: the read's outcome and, when it could be read, what the file counts
    as and its size (None when it cannot be had: no attachment limit can be checked then)."""

    outcome: Any  # labeler.core.outcome.Outcome
    counted: CountsAs | None = None
    size: int | None = None


def read_counted(scheme: Scheme, service, path: str | Path, lang: str = "en") -> CountedFile:
    """What `labeler check`, `labeler share`, the sharing notice and the "Send by e-mail…" dialog read of a file:
    its label through `service` (a LabelService), else what it counts as, and its size."""
    outcome = service.show(path)
    if not outcome.ok:
        return CountedFile(outcome)
    return CountedFile(outcome, counts_as_file(scheme, path, outcome.recognised, lang), file_size(path))


def file_size(path: str | Path) -> int | None:
    try:
        return os.path.getsize(path)
    except OSError:
        return None


def counts_as_file(scheme: Scheme, path: str | Path, recognised_id: str | None, lang: str = "en") -> CountsAs:
    """`counts_as` for a file on disk: its content is read (bounded) only when it has no label."""
    if recognised_id:
        return counts_as(scheme, recognised_id)
    from formats.errors import UNSUPPORTED

    from labeler.hints import analyse, is_supported

    if not is_supported(path):
        return counts_as(scheme, None)
    analysis = analyse(path, lang)
    unread = analysis.reason if analysis.error and analysis.error != UNSUPPORTED else None
    return counts_as(scheme, None, analysis.findings, content_unread=unread)
