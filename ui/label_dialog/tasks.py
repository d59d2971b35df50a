"""The dialog's file work, as plain generators a `ui.workers.Worker` runs off the GUI thread.

No Qt here: each yields `(index, result)` per file, so the worker reports
progress per file and a cancel takes effect between two files.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from labeler.hints import suggest
from policy import Label


@dataclass(frozen=True)
class PlannedChange:
    """What Apply will do to one file: `label` None removes ours."""

    index: int
    path: Path
    label: Label | None
    method: str  # "manual" | "recommended": a person chose it, in the dialog
    justification: str | None = None
    below_recommendation: dict | None = None  # {"recommended": id, "reason": text}


def read_labels(service, paths, first: int = 0):
    """Core work for a worker: one `show` Outcome per file (a generator: one yield per file).  `first`: the
    index of paths[0] in the dialog (files added to an open dialog follow those it has)."""
    for index, path in enumerate(paths, first):
        yield index, service.show(path)


def run_hints(paths, rules, lang, first: int = 0):
    for index, path in enumerate(paths, first):
        yield index, suggest(path, rules, lang)


def change_labels(service, plan):
    """Carry out `plan`, one `PlannedChange` per file; one Outcome per file, between which cancel works.

    Each file gets its own label, method and reasons: a batch may label groups
    differently, and what the audit records is true for each file.
    """
    for change in plan:
        extra = {"below_recommendation": change.below_recommendation} if change.below_recommendation else {}
        if change.label is None:
            outcome = service.remove(change.path, justification=change.justification, **extra)
        else:
            outcome = service.apply(change.path, change.label, method=change.method,
                                    justification=change.justification, **extra)
        yield change.index, outcome
