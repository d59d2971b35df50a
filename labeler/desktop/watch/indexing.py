"""The watcher's check that also keeps the label index current and notices dropped labels.

    is_candidate = indexing_check(service, index, lambda: settings.ignored_folders, on_dropped)

Like `candidates.candidate_check`, but the one read it makes of a settled
file also goes into the label index, so the Overview learns of other
programs' saves without reading the file again.  When that read shows that
another program's save removed the label the index knew, `on_dropped(d)` is
called (in the watcher's thread) and the file is not offered as "to label":
the person is asked whether to put the same label back instead.  Reads the
file: call it off the GUI thread (the watcher's worker does).
"""
from __future__ import annotations

import logging
import os
from pathlib import Path
from collections.abc import Callable, Iterable

from labeler.desktop.label_index import Dropped
from labeler.desktop.watch.filters import is_within, normalise

log = logging.getLogger(__name__)


def indexing_check(service, index, ignored_folders: Callable[[], Iterable[str]] = lambda: (),
                   on_dropped: Callable[[Dropped], None] = lambda dropped: None) -> Callable[[Path], bool]:
    """`is_candidate` for FolderWatcher: needs a label, not ignored; records the read in `index`."""
    def is_candidate(path: Path) -> bool:
        try:
            path = Path(path)
            if is_within(normalise(path), [normalise(f) for f in ignored_folders()]):
                return False
            if not service.scheme.must_be_labelled(path) or not path.is_file():
                return False
            st = os.stat(path)
            outcome = service.show(path)
            dropped = _record(index, outcome, st)
            if dropped is not None:
                on_dropped(dropped)
                return False  # offered as "put the label back", not as a new document to label
            if not outcome.ok:
                return False
            return outcome.label is None and outcome.recognised is None
        except Exception:  # a bug here must not stop the watcher
            log.debug("candidate check failed for %s", path, exc_info=True)
            return False
    return is_candidate


def _record(index, outcome, st) -> Dropped | None:
    try:
        return index.record_read(outcome, st)
    except Exception as exc:  # the index is a cache: the check goes on without it
        log.warning("label index not updated for %s: %s", outcome.path, exc)
        return None
