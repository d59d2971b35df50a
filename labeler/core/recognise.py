"""Which scheme label a file carries: ours, or a foreign one mapped to ours.

A Microsoft or TSCP label that the scheme maps to one of its labels counts
as that label (for the justification rule, `check`, the overview); one that
maps to nothing is shown and preserved, never interpreted.
"""
from __future__ import annotations

from formats.model import MICROSOFT, TSCP, ReadResult
from policy import Label, Scheme


def recognised_label(scheme: Scheme, result: ReadResult) -> Label | None:
    if result.ours is not None:
        label = scheme.find(result.ours.id)
        if label is not None:
            return label
    for found in result.foreign:
        if found.system == MICROSOFT:
            label = scheme.by_microsoft_guid(found.id)
        elif found.system == TSCP:
            label = scheme.by_tscp_identifier(found.id)
        else:
            label = None
        if label is not None:
            return label
    return None


def needs_justification(scheme: Scheme, current: Label | None, new: Label | None) -> bool:
    """Whether going from `current` to `new` (None = removing) needs a reason.

    Only lowering counts: a higher or equally sensitive label never needs one.
    """
    if current is None or not current.justify_downgrade:
        return False
    return new is None or scheme.rank_of(new) < scheme.rank_of(current)
