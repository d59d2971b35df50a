"""The rule a label gets for a sharing channel its scheme does not name.

A new version of the app may know a channel that schemes written for an
older one do not mention.  Such a scheme keeps working (docs/scheme.md,
"Channels the scheme does not name"):

- if the label has an `other_channels` rule, that rule applies;
- otherwise the label gets the strictest verdict among its own rules for the
  channels the scheme does name (forbidden > conditional > allowed), with a
  reason saying so.  A sublabel counts the rules it inherits and its own.

The loader records a warning for every label that got such a default, so
`labeler scheme validate` shows the admin what to review.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping

from . import channels
from .messages import N_, local_text
from .scheme import ALLOWED, CONDITIONAL, FORBIDDEN, SharingRule

STRICTNESS = {ALLOWED: 0, CONDITIONAL: 1, FORBIDDEN: 2}

DEFAULT_WHY = local_text(N_("The scheme has no rule for this channel yet, so the strictest rule of this "
                            "label applies."))
DEFAULT_CONDITION = local_text(N_("only after checking with your administrator"))


def strictest_verdict(rules: Iterable[SharingRule]) -> str:
    """The strictest verdict among `rules`; forbidden when there are none."""
    verdicts = [rule.verdict for rule in rules]
    return max(verdicts, key=STRICTNESS.__getitem__) if verdicts else FORBIDDEN


def default_rule(channel_id: str, named: Mapping[str, SharingRule], other: SharingRule | None) -> SharingRule:
    """The rule for `channel_id`, which `named` (the label's rules per named channel) lacks."""
    if other is not None:
        return dataclasses.replace(other, channel=channel_id)
    verdict = strictest_verdict(named.values())
    return SharingRule(channel_id, verdict, DEFAULT_WHY,
                       condition=DEFAULT_CONDITION if verdict == CONDITIONAL else None)


def complete(named: Mapping[str, SharingRule], other: SharingRule | None
             ) -> tuple[dict[str, SharingRule], tuple[str, ...]]:
    """Every known channel's rule, in channel order, and the ids of the channels that were defaulted."""
    missing = tuple(c for c in channels.CHANNEL_IDS if c not in named)
    rules = {c: named[c] if c in named else default_rule(c, named, other) for c in channels.CHANNEL_IDS}
    return rules, missing


def warning(missing: tuple[str, ...], rule: SharingRule, explicit: bool) -> str:
    """The admin's warning for a label whose rules for `missing` channels were defaulted to `rule`."""
    names = ", ".join(f"{c!r} ({channels.channel(c).name()})" for c in missing)
    how = ("this label's other_channels rule applies" if explicit else
           "the strictest verdict among this label's rules for the channels the scheme names applies")
    return f"no rule for {names}: {how} ({rule.verdict}); add a rule to decide yourself"
