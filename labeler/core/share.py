"""May these files be shared with these recipients?  One decision per file, before anything is opened.

    decisions = share_decisions(scheme, ["budget.xlsx"], "ann@example.com, bob@partner.example.net")
    [d.verdict for d in decisions]      # the strictest verdict over every recipient

`labeler share` and the desktop's "Send by e-mail…" dialog ask the same
question as `labeler check` (labeler/core/sharing.py): a labelled file
counts as its label, an unlabelled one as the higher of the default label
and what its content suggests (labeler/core/counts_as.py).  With several
recipients the strictest channel decides for each file: an attachment that
may go to a colleague but not to a partner is not sent to both.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from policy import Label, Scheme
from policy.scheme import VerdictChecks

from labeler.core.counts_as import CountsAs
from labeler.core.sharing import Decision, channel_for_target, decide, strictest

# An address as a person types it: something, one @, a domain with at least one dot and no empty part.
# `labeler share` and the "Send by e-mail…" dialog accept the same addresses: "ann@example" is a typo, not
# a recipient outside the organisation.
ADDRESS = re.compile(r"[^@\s<>,;\"()\[\]]+@(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,}")


def split_targets(target: str | Sequence[str]) -> list[str]:
    """The destinations in `--to` values: each may hold several, separated by commas or semicolons."""
    values = [target] if isinstance(target, str) else list(target)
    found: list[str] = []
    for value in values:
        for part in value.replace(";", ",").split(","):
            part = part.strip()
            if part and part not in found:
                found.append(part)
    return found


def is_email(target: str) -> bool:
    """Whether `target` is meant as an e-mail address (it has an @); is_address tells whether it is one."""
    return "@" in target


def is_address(target: str) -> bool:
    """Whether `target` is a well-formed e-mail address (see ADDRESS)."""
    return ADDRESS.fullmatch(target) is not None


@dataclass(frozen=True)
class ShareDecision(VerdictChecks):
    """One file: what it counts as and the strictest decision over every recipient; or why it could not be read."""

    path: Path
    counted: CountsAs | None  # None when the file could not be read
    decision: Decision | None
    error: str | None = None  # the sentence when the file could not be read (missing, encrypted, damaged)
    scheme_id: str | None = None
    scheme_version: int | str | None = None

    @property
    def label(self) -> Label | None:
        return self.counted.label if self.counted is not None else None

    @property
    def assumed(self) -> bool:
        return self.counted.assumed if self.counted is not None else False

    @property
    def channel(self) -> str:
        return self.decision.channel if self.decision is not None else ""

    @property
    def verdict(self) -> str | None:
        """allowed | conditional | forbidden, or None for a file that could not be checked."""
        return self.decision.verdict if self.decision is not None else None


def share_decisions(scheme: Scheme, paths: Sequence[str | Path], target: str | Sequence[str],
                    lang: str = "en", service=None) -> list[ShareDecision]:
    """The decision for each file when shared with every destination in `target` (see split_targets).

    UnknownTarget (labeler.core.sharing) for a destination that is neither an
    e-mail address nor a known word; ValueError when `target` names none.
    Reads the files (labels, and content hints for unlabelled ones): not on a GUI thread.
    """
    from labeler.core.counts_as import read_counted
    from labeler.core.service import LabelService

    destinations = split_targets(target)
    if not destinations:
        raise ValueError("no destination given")
    channels = list(dict.fromkeys(channel_for_target(scheme, t) for t in destinations))
    service = service if service is not None else LabelService(scheme)
    results = []
    for raw in paths:
        path = Path(raw)
        if not path.is_file():
            error = (f"{path} is a folder, not a file." if path.is_dir() else f"{path} does not exist.")
            results.append(ShareDecision(path, None, None, error, scheme.id, scheme.version))
            continue
        read = read_counted(scheme, service, path, lang)
        if read.counted is None:
            results.append(ShareDecision(path, None, None, read.outcome.message or f"{path} could not be read.",
                                         scheme.id, scheme.version))
            continue
        decision = strictest(decide(read.counted.label, channel, read.size, lang) for channel in channels)
        results.append(ShareDecision(path, read.counted, decision, None, scheme.id, scheme.version))
    return results
