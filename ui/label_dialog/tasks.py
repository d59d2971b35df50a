"""The dialog's file work, as plain generators a `ui.workers.Worker` runs off the GUI thread.

No Qt here: each yields `(index, result)` per file, so the worker reports
progress per file and a cancel takes effect between two files.
"""
from __future__ import annotations

from labeler.hints import suggest


def read_labels(service, paths):
    """Core work for a worker: one `show` Outcome per file (a generator: one yield per file)."""
    for index, path in enumerate(paths):
        yield index, service.show(path)


def run_hints(paths, rules, lang):
    for index, path in enumerate(paths):
        yield index, suggest(path, rules, lang)


def change_labels(service, paths, label, method, justification):
    """Apply `label` (None: remove ours) to each file; one Outcome per file, between which cancel works."""
    for index, path in enumerate(paths):
        if label is None:
            outcome = service.remove(path, justification=justification)
        else:
            outcome = service.apply(path, label, method=method, justification=justification)
        yield index, outcome
