"""The usual "does this file need a label?" check, built from a LabelService.

The watcher asks it about each settled file; the prompt queue asks it again
before counting or handing out documents (they may have been labelled or
removed meanwhile).  It reads the file, so call it off the GUI thread.
"""
from __future__ import annotations

import logging
from pathlib import Path
from collections.abc import Callable, Iterable

from labeler.desktop.watch.filters import is_within, normalise

log = logging.getLogger(__name__)


def needs_label(service, path: Path) -> bool:
    """A document type the scheme wants labelled, that exists and carries no label it recognises."""
    path = Path(path)
    if not service.scheme.must_be_labelled(path) or not path.is_file():
        return False
    outcome = service.show(path)
    if not outcome.ok:
        return False  # unreadable, encrypted, corrupt: a prompt could not help
    return outcome.label is None and outcome.recognised is None


def candidate_check(service, ignored_folders: Callable[[], Iterable[str]] = lambda: ()
                    ) -> Callable[[Path], bool]:
    """`is_candidate` for FolderWatcher: needs a label and not in an ignored folder.

    `ignored_folders` is called each time, so changes to the settings apply at once.
    """
    def is_candidate(path: Path) -> bool:
        try:
            if is_within(normalise(path), [normalise(f) for f in ignored_folders()]):
                return False
            return needs_label(service, path)
        except Exception:  # a bug here must not stop the watcher
            log.debug("candidate check failed for %s", path, exc_info=True)
            return False
    return is_candidate
