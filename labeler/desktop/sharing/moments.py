"""What documents arriving in sharing places mean under the scheme: the moments and the calm notice.

    notice = assess(scheme, arrivals, lang)     # None: every copy is allowed there (allowed copies are silent)
    notice.title(lang), notice.body(lang)       # "budget.xlsx is Confidential. Personal cloud …: not allowed. Why: …"

A labelled file counts as its label (ours, or a foreign one the scheme maps,
as the labelling service recognises it).  A file without a label counts as
the higher of the scheme's default label and what its content suggests
(labeler/core/counts_as.py); it gets a notice only when its content raised
it: a file nobody labelled and in which nothing sensitive was seen is not
worth interrupting anyone for.  The texts name the file, the label, the
channel and the scheme's why and instead, and for an unlabelled file the
kinds and counts of what was found ("2 IBAN numbers"), never a matched value
or any other content.  assess reads the files: call it off the GUI thread.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from policy.channels import channel as channel_named
from policy.messages import sentence

from labeler.core.sharing import CONDITIONAL, FORBIDDEN, decide
from labeler.desktop.sharing.places import Arrival, Place
from labeler.languages import translation

__all__ = ["Arrival", "Notice", "SharingMoment", "assess", "explain"]


@dataclass(frozen=True)
class SharingMoment:
    """One document in a place whose rule for its label is forbidden or conditional."""

    path: Path
    place: Place
    channel: str
    label_id: str | None
    label_name: str
    assumed: bool  # no label in the file: counts-as from the default label and the content hints
    verdict: str  # allowed | conditional | forbidden
    why: str
    condition: str | None
    instead: str | None
    label_rank: int = 0  # the label's sensitivity (the strictest moment of a notice is the highest)
    # The label's name as the audit trail records every label: in English, whatever the interface speaks.
    label_record_name: str = ""
    # For an assumed label: what the content hints found, as (detector id, count) pairs; never the values.
    evidence: tuple[tuple[str, int], ...] = ()

    @property
    def severity(self) -> tuple[int, int]:
        """Sorts the strictest first: forbidden before conditional, then the more sensitive label."""
        return (0 if self.verdict == FORBIDDEN else 1, -self.label_rank)


@dataclass(frozen=True)
class Notice:
    """One calm notice for a batch of arrivals: the moments that are not simply allowed."""

    moments: tuple[SharingMoment, ...]
    collaboration_url: str | None
    scheme_id: str | None = None
    scheme_version: int | str | None = None

    @property
    def paths(self) -> tuple[Path, ...]:
        return tuple(m.path for m in self.moments)

    @property
    def strictest(self) -> SharingMoment:
        return min(self.moments, key=lambda m: m.severity)

    def title(self, lang: str = "en") -> str:
        """"budget.xlsx — Personal cloud or web upload"; "3 documents — …"; "3 documents in sharing places"."""
        translated = translation(lang)
        n = len(self.moments)
        channels = {m.channel for m in self.moments}
        if n == 1:
            moment = self.moments[0]
            return f"{moment.path.name} — {channel_named(moment.channel).name(lang)}"
        if len(channels) == 1:
            return translated.ngettext("{n} document — {channel}", "{n} documents — {channel}", n).format(
                n=n, channel=channel_named(next(iter(channels))).name(lang))
        return translated.ngettext("{n} document in sharing places", "{n} documents in sharing places",
                                   n).format(n=n)

    def body(self, lang: str = "en") -> str:
        """The explanation: one moment in full, or for many a summary sentence and the strictest in full."""
        if len(self.moments) == 1:
            return explain(self.moments[0], lang)
        translated = translation(lang)
        n = len(self.moments)
        forbidden = sum(1 for m in self.moments if m.verdict == FORBIDDEN)
        # What the summary says must hold for every document it counts: "not allowed" only when none of
        # them is merely conditional, and the other way round.
        if forbidden == n:
            summary = translated.ngettext("{n} document arrived where its label does not allow it.",
                                          "{n} documents arrived where their labels do not allow them.", n)
        elif forbidden == 0:
            summary = translated.ngettext("{n} document arrived where its label allows it only with conditions.",
                                          "{n} documents arrived where their labels allow them only with "
                                          "conditions.", n)
        else:
            # TRANSLATORS: {forbidden} and {conditional} are counts of documents; together they make {n}.
            summary = translated.ngettext(
                "{n} document arrived where its label does not allow it ({forbidden}) or allows it only with "
                "conditions ({conditional}).",
                "{n} documents arrived where their labels do not allow them ({forbidden}) or allow them only "
                "with conditions ({conditional}).", n)
        summary = summary.format(n=n, forbidden=forbidden, conditional=n - forbidden)
        strictest = translated.gettext("The strictest:")
        return f"{summary} {strictest} {explain(self.strictest, lang)}"


def explain(moment: SharingMoment, lang: str = "en") -> str:
    """"budget.xlsx is Confidential. Personal cloud or web upload: not allowed. Why: … Instead: …"."""
    _ = translation(lang).gettext
    if moment.assumed and moment.evidence:
        from labeler.hints.detectors import describe

        # TRANSLATORS: {evidence} is a list of counts, e.g. "1 IBAN number and 1 payment card number".
        subject = _("{path} counts as {label}: no label yet, and it contains {evidence}.").format(
            path=moment.path.name, label=moment.label_name, evidence=describe(dict(moment.evidence), lang))
    elif moment.assumed:
        subject = _("{path} has no label; it counts as {label}.").format(path=moment.path.name,
                                                                          label=moment.label_name)
    else:
        subject = _("{path} is {label}.").format(path=moment.path.name, label=moment.label_name)
    verdict = _("not allowed") if moment.verdict == FORBIDDEN else _("allowed with conditions")
    parts = [subject, _("{channel}: {verdict}.").format(channel=channel_named(moment.channel).name(lang),
                                                         verdict=verdict)]
    if moment.condition and moment.verdict == CONDITIONAL:
        parts.append(_("Condition: {what}").format(what=sentence(moment.condition)))
    if moment.why:
        parts.append(_("Why: {what}").format(what=sentence(moment.why)))
    if moment.instead:
        parts.append(_("Instead: {what}").format(what=sentence(moment.instead)))
    return " ".join(parts)


def assess(scheme, arrivals: Sequence[Arrival], lang: str = "en") -> Notice | None:
    """The notice for a batch of arrivals, or None when every one is allowed where it arrived.

    A file that is gone again, cannot be read, or has no label and nothing
    sensitive in it gives no moment.
    """
    from labeler.core.counts_as import CONTENT, LABELLED, read_counted
    from labeler.core.service import LabelService

    service = LabelService(scheme)
    moments: list[SharingMoment] = []
    seen: set[Path] = set()
    for arrival in arrivals:
        path = Path(arrival.path)
        if path in seen or not path.is_file():
            continue
        seen.add(path)
        read = read_counted(scheme, service, path, lang)
        counted = read.counted
        if counted is None:
            continue  # unreadable, encrypted, corrupt: nothing can be said about its label
        if counted.reason not in (LABELLED, CONTENT):
            continue  # no label and nothing sensitive seen: no reason to interrupt
        decision = decide(counted.label, arrival.place.channel, read.size, lang)
        if decision.verdict not in (FORBIDDEN, CONDITIONAL):
            continue
        label = counted.label
        moments.append(SharingMoment(
            path=path, place=arrival.place, channel=arrival.place.channel, label_id=label.id,
            label_name=label.display_name(lang), label_record_name=label.name("en"), assumed=counted.assumed,
            verdict=decision.verdict,
            why=decision.why, condition=decision.condition, instead=decision.instead,
            label_rank=scheme.rank_of(label), evidence=tuple(sorted(counted.findings.items()))))
    if not moments:
        return None
    moments.sort(key=lambda m: m.severity)
    return Notice(tuple(moments), getattr(scheme, "collaboration_url", None), scheme.id, scheme.version)
