"""May this file go there?  The scheme's sharing rules applied to one file.

`labeler check` and the GUI's consequences panel ask the same question:
given the file's label and a destination (an e-mail address, a USB stick,
a printer, ...), is it allowed, allowed with conditions, or not allowed,
why, and what to do instead.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from policy import Label, Scheme
from policy.channels import CHANNELS

ALLOWED, CONDITIONAL, FORBIDDEN = "allowed", "conditional", "forbidden"

# Words people type for a destination → channel id.
TARGET_ALIASES = {
    "usb": "removable-media", "removable": "removable-media", "removable-media": "removable-media",
    "disk": "removable-media", "print": "print", "printer": "print",
    "personal-cloud": "personal-cloud", "cloud": "personal-cloud", "upload": "personal-cloud",
    "web": "personal-cloud", "collaboration": "collaboration", "sharepoint": "collaboration",
    "intranet": "collaboration", "chat": "chat", "messaging": "chat", "im": "chat",
    **{c.id: c.id for c in CHANNELS},
}


class UnknownTarget(ValueError):
    pass


def channel_for_target(scheme: Scheme, target: str) -> str:
    """The channel a destination means: an e-mail address or one of TARGET_ALIASES."""
    if "@" in target:
        return scheme.channel_for_email(target)
    channel = TARGET_ALIASES.get(target.strip().lower())
    if channel is None:
        choices = "an e-mail address, " + ", ".join(sorted(k for k in TARGET_ALIASES if k not in
                                                           {c.id for c in CHANNELS}))
        raise UnknownTarget(f"'{target}' is not a destination I know; use {choices}, or a channel id.")
    return channel


@dataclass(frozen=True)
class Decision:
    channel: str
    verdict: str  # allowed | conditional | forbidden, for this file at its size
    why: str
    condition: str | None
    instead: str | None
    size_limited: bool = False  # forbidden only because the file is over the attachment limit


# How strict a verdict is.  A file going to several destinations at once (one e-mail to a colleague and a
# partner) gets the strictest of their decisions; a verdict not known here counts as forbidden.
STRICTNESS = {ALLOWED: 0, CONDITIONAL: 1, FORBIDDEN: 2}


def strictest(decisions: Iterable[Decision]) -> Decision:
    """The strictest of several decisions for one file; the first of equally strict ones."""
    return max(decisions, key=lambda d: STRICTNESS.get(d.verdict, STRICTNESS[FORBIDDEN]))


def decide(label: Label, channel: str, size_bytes: int | None, lang: str = "en") -> Decision:
    """The rule for `label` on `channel`, with machine-checkable conditions checked."""
    rule = label.rule(channel)
    verdict = rule.verdict
    limit = rule.max_attachment_kb
    over_limit = limit is not None and size_bytes is not None and size_bytes > limit * 1024
    if verdict != FORBIDDEN and over_limit:
        verdict = FORBIDDEN
    return Decision(channel, verdict, rule.why_text(lang), rule.condition_text(lang), rule.instead_text(lang),
                    size_limited=over_limit and rule.verdict != FORBIDDEN)


def effective_label(scheme: Scheme, recognised_id: str | None) -> tuple[Label, bool]:
    """The label a file counts as, and whether it is only the default for unlabelled files."""
    if recognised_id:
        return scheme.label(recognised_id), False
    return (scheme.default_label or scheme.labels[0]), True
