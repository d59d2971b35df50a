"""The labelling service: one call per file, one Outcome per call.

The command line and the GUI both go through here.  It enforces the desktop
rules (a justification where the scheme asks for one), records every change
in the audit trail, and turns whatever goes wrong into a failed Outcome with
a sentence; the file is then unchanged, because handlers only ever replace a
file atomically.
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
from .recognise import needs_justification, recognised_label

log = logging.getLogger(__name__)
INTERNAL = "internal-error"
JUSTIFICATION_REQUIRED = "justification-required"
METHODS = ("manual", "recommended", "default")


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers/services
        return os.environ.get("USERNAME", "unknown")


def utc_now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class LabelService:
    """Labels files according to a scheme; `audit`/`forwarder` record changes."""

    def __init__(self, scheme: Scheme, user: str | None = None, audit=None, forwarder=None):
        self.scheme = scheme
        self.user = user or current_user()
        self.audit = audit
        self.forwarder = forwarder

    @classmethod
    def for_desktop(cls, scheme: Scheme) -> "LabelService":
        """A service that records to the user's audit log and the SIEM, if configured."""
        from .audit import AuditLog
        from .syslog_forward import SyslogConfigError, forwarder_from_environment

        try:
            forwarder = forwarder_from_environment()
        except SyslogConfigError as exc:
            log.warning("syslog forwarding disabled: %s", exc)
            forwarder = None
        return cls(scheme, audit=AuditLog.default(), forwarder=forwarder)

    def stamp(self, label: Label, method: str = "manual") -> LabelStamp:
        return LabelStamp(label_id=label.id, label_name=label.name("en"), scheme_id=self.scheme.id,
                          scheme_version=self.scheme.version, set_at=utc_now(), set_by=self.user,
                          method=method, microsoft=label.microsoft, tscp=label.tscp)

    def show(self, path: str | Path) -> Outcome:
        return self._guarded(path, self._show)

    def apply(self, path: str | Path, label: Label, method: str = "manual",
              justification: str | None = None) -> Outcome:
        if method not in METHODS:
            raise ValueError(f"method must be one of {METHODS}")
        return self._guarded(path, lambda p: self._change(p, label, method, justification))

    def remove(self, path: str | Path, justification: str | None = None) -> Outcome:
        return self._guarded(path, lambda p: self._change(p, None, "manual", justification))

    # -- internals -----------------------------------------------------------
    def _outcome(self, path: Path, status: str, result, message: str | None = None) -> Outcome:
        outcome = Outcome.from_read(str(path), status, result, message)
        label = recognised_label(self.scheme, result)
        outcome.recognised = label.id if label else None
        return outcome

    def _show(self, path: Path) -> Outcome:
        handler = registry.handler_for(path)
        return self._outcome(path, SHOWN, handler.read(path))

    def _change(self, path: Path, label: Label | None, method: str, justification: str | None) -> Outcome:
        handler = registry.handler_for(path)
        before = handler.read(path)
        current = recognised_label(self.scheme, before)
        if label is not None and before.ours and before.ours.id == label.id:
            return self._outcome(path, UNCHANGED, before, f"{path.name} already carries {label.name('en')}.")
        if label is None and before.ours is None:
            return self._outcome(path, UNCHANGED, before, f"{path.name} has no label of ours to remove.")
        justification = (justification or "").strip() or None
        if needs_justification(self.scheme, current, label) and not justification:
            change = "Removing" if label is None else f"Lowering it to {label.name('en')}"
            return Outcome(str(path), FAILED, JUSTIFICATION_REQUIRED,
                           f"{path.name} is labelled {current.name('en')}. {change} needs a justification "
                           "(--justification \"…\"); the file was left as it was.")
        stamp = self.stamp(label, method) if label is not None else None
        changed = handler.write(path, stamp)
        after = handler.read(path)
        status = (REMOVED if label is None else LABELLED) if changed else UNCHANGED
        outcome = self._outcome(path, status, after)
        if changed:
            outcome.message = self._record(path, before.ours, label, method, justification)
        return outcome

    def _record(self, path: Path, old, new: Label | None, method: str, justification: str | None) -> str | None:
        """Append the change to the audit trail; a failure is a warning, not a lost label."""
        if self.audit is None:
            return None
        try:
            event = self.audit.record("remove" if new is None else "apply", path,
                                      old, new, method=method, justification=justification,
                                      scheme_id=self.scheme.id, scheme_version=self.scheme.version)
        except OSError as exc:
            return f"The label was changed, but the audit log could not be written ({exc.strerror or exc})."
        if self.forwarder is not None:
            self.forwarder.send(event)  # never raises, never blocks for long
        return None

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
