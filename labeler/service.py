"""The labelling service: one call per file, one Outcome per call.

The command line and the GUI both go through here.  Whatever goes wrong in
a handler becomes a failed Outcome with a sentence; the file is unchanged
because handlers only ever replace a file atomically.
"""
from __future__ import annotations

import getpass
import logging
import os
from datetime import datetime, timezone
from pathlib import Path

from formats import registry
from formats.errors import FormatError
from formats.model import LabelStamp
from policy import Label, Scheme

from .outcome import FAILED, LABELLED, REMOVED, SHOWN, UNCHANGED, Outcome

log = logging.getLogger(__name__)
INTERNAL = "internal-error"


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers/services
        return os.environ.get("USERNAME", "unknown")


def utc_now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class LabelService:
    def __init__(self, scheme: Scheme, user: str | None = None):
        self.scheme = scheme
        self.user = user or current_user()

    def stamp(self, label: Label, method: str = "manual") -> LabelStamp:
        return LabelStamp(label_id=label.id, label_name=label.name("en"), scheme_id=self.scheme.id,
                          scheme_version=self.scheme.version, set_at=utc_now(), set_by=self.user,
                          method=method, microsoft=label.microsoft, tscp=label.tscp)

    def show(self, path: str | Path) -> Outcome:
        return self._guarded(path, lambda p: self._show(p))

    def apply(self, path: str | Path, label: Label, method: str = "manual") -> Outcome:
        return self._guarded(path, lambda p: self._write(p, self.stamp(label, method)))

    def remove(self, path: str | Path) -> Outcome:
        return self._guarded(path, lambda p: self._write(p, None))

    # -- internals -----------------------------------------------------------
    def _show(self, path: Path) -> Outcome:
        handler = registry.handler_for(path)
        return Outcome.from_read(str(path), SHOWN, handler.read(path))

    def _write(self, path: Path, stamp: LabelStamp | None) -> Outcome:
        handler = registry.handler_for(path)
        before = handler.read(path)
        if stamp is not None and before.ours and before.ours.id == stamp.label_id:
            return Outcome.from_read(str(path), UNCHANGED, before,
                                     f"{path.name} already carries {stamp.label_name}.")
        if stamp is None and before.ours is None:
            return Outcome.from_read(str(path), UNCHANGED, before, f"{path.name} has no label of ours.")
        changed = handler.write(path, stamp)
        after = handler.read(path)
        status = (REMOVED if stamp is None else LABELLED) if changed else UNCHANGED
        return Outcome.from_read(str(path), status, after)

    @staticmethod
    def _guarded(path: str | Path, operation) -> Outcome:
        path = Path(path)
        try:
            return operation(path)
        except FormatError as exc:
            return Outcome(str(path), FAILED, exc.kind, exc.message)
        except Exception as exc:  # a bug must not cost the user a file or a traceback
            log.debug("unexpected error on %s", path, exc_info=True)
            return Outcome(str(path), FAILED, INTERNAL,
                           f"{path.name} could not be processed because of an unexpected problem "
                           f"({type(exc).__name__}); it was left as it was.")
