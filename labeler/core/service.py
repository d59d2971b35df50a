"""The labelling service: one call per file, one Outcome per call.

The command line and the GUI both go through here.  It enforces the desktop
rules (a justification where the scheme asks for one), records every change
in the audit trail *before* the new file replaces the old one (no record, no
change), and turns whatever goes wrong into an Outcome whose sentence says
what really happened: "left as it was" only while nothing was replaced.
"""
from __future__ import annotations

import logging
from pathlib import Path

from formats import labelprops, registry
from formats.errors import FormatError
from formats.base import PreparedWrite
from formats.model import LabelStamp
from policy import Label, Scheme

from labeler.system import current_user, utc_now
from labeler.core.markings import visual_markings
from labeler.core.outcome import FAILED, LABELLED, REMOVED, SHOWN, UNCHANGED, Outcome
from labeler.core.recognise import needs_justification, recognised_label

log = logging.getLogger(__name__)
INTERNAL = "internal-error"
JUSTIFICATION_REQUIRED = "justification-required"
AUDIT_FAILED = "audit-failed"
METHODS = ("manual", "recommended", "default")
RESTORED = "restored"  # the method of `restore`: a label another program's save dropped, put back on request


class LabelService:
    """Labels files according to a scheme; `audit`/`forwarder` record changes."""

    def __init__(self, scheme: Scheme, user: str | None = None, audit=None, forwarder=None, index=None):
        self.scheme = scheme
        labelprops.use_name_properties(scheme.label_name_properties)
        self.user = user or current_user()
        self.audit = audit
        self.forwarder = forwarder
        self.index = index  # a LabelIndex (labeler/desktop/label_index.py) told of every change made

    @classmethod
    def for_desktop(cls, scheme: Scheme) -> LabelService:
        """A service that records to the user's audit log and the SIEM, if configured."""
        from labeler.org.audit import AuditLog
        from labeler.org.syslog_forward import SyslogConfigError, forwarder_from_environment

        try:
            forwarder = forwarder_from_environment()
        except SyslogConfigError as exc:
            log.warning("syslog forwarding disabled: %s", exc)
            forwarder = None
        from labeler.desktop.label_index import LabelIndex

        return cls(scheme, audit=AuditLog.default(), forwarder=forwarder, index=LabelIndex.open_default())

    def stamp(self, label: Label, method: str = "manual") -> LabelStamp:
        now = utc_now()
        return LabelStamp(label_id=label.id, label_name=label.name("en"), scheme_id=self.scheme.id,
                          scheme_version=self.scheme.version, set_at=now, set_by=self.user,
                          method=method, microsoft=label.microsoft, tscp=label.tscp,
                          markings=visual_markings(label, self.scheme.marking_language, self.user, now))

    def show(self, path: str | Path) -> Outcome:
        return self._guarded(path, lambda p, _: self._show(p))

    def apply(self, path: str | Path, label: Label, method: str = "manual",
              justification: str | None = None, below_recommendation: dict | None = None) -> Outcome:
        """`below_recommendation`: {"recommended": id, "reason": text} when a person chose a label below the
        content hints' recommendation; recorded in the audit entry as it is."""
        if method not in METHODS:
            raise ValueError(f"method must be one of {METHODS}")
        return self._indexed(self._guarded(path, lambda p, done: self._change(
            p, label, method, justification, done, below_recommendation)))

    def remove(self, path: str | Path, justification: str | None = None,
               below_recommendation: dict | None = None) -> Outcome:
        return self._indexed(self._guarded(path, lambda p, done: self._change(
            p, None, "manual", justification, done, below_recommendation)))

    def restore(self, path: str | Path, label: Label) -> Outcome:
        """Put back `label`, which another program's save dropped; audited with the method "restored"."""
        return self._indexed(self._guarded(path, lambda p, done: self._change(p, label, RESTORED, None, done)))

    # -- internals -----------------------------------------------------------
    def _indexed(self, outcome: Outcome) -> Outcome:
        """Tell the index about a change made; the index is a cache, so its failure changes nothing."""
        if self.index is not None and outcome.status in (LABELLED, REMOVED):
            try:
                self.index.record_change(outcome)
            except Exception as exc:  # sqlite3.Error, a full disk, …: the label change stands
                log.warning("label index not updated for %s: %s", outcome.path, exc)
        return outcome

    def _outcome(self, path: Path, status: str, result, message: str | None = None) -> Outcome:
        outcome = Outcome.from_read(str(path), status, result, message)
        label = recognised_label(self.scheme, result)
        outcome.recognised = label.id if label else None
        return outcome

    def _show(self, path: Path) -> Outcome:
        handler = registry.handler_for(path)
        return self._outcome(path, SHOWN, handler.read(path))

    def _change(self, path: Path, label: Label | None, method: str, justification: str | None,
                done: dict, below_recommendation: dict | None = None) -> Outcome:
        handler = registry.handler_for(path)
        before = handler.read(path)
        current = recognised_label(self.scheme, before)
        if label is not None and before.ours and before.ours.id == label.id:
            return self._outcome(path, UNCHANGED, before, f"{path.name} already carries {label.name('en')}.")
        if label is None and before.ours is None:
            return self._outcome(path, UNCHANGED, before, f"{path.name} has no label of ours to remove.")
        justification = (justification or "").strip() or None
        if current is not None and needs_justification(self.scheme, current, label) and not justification:
            change = "removing it" if label is None else f"lowering it to {label.name('en')}"
            return Outcome(str(path), FAILED, JUSTIFICATION_REQUIRED,
                           f"{path.name} is labelled {current.name('en')} and {change} needs a justification "
                           "(--justification \"…\"), so it was left as it was.")
        stamp = self.stamp(label, method) if label is not None else None
        events: list = []

        def commit(prepared: PreparedWrite) -> None:
            # Runs after the new file is verified and before it replaces the
            # original: if the audit cannot be written, nothing changes.
            if self.audit is not None:
                events.append(self.audit.record("remove" if label is None else "apply", path,
                                                before.ours, label, method=method, justification=justification,
                                                scheme_id=self.scheme.id, scheme_version=self.scheme.version,
                                                content_sha256=prepared.content_sha256,
                                                **({"below_recommendation": below_recommendation}
                                                   if below_recommendation else {})))
            done["replacing"] = True
            done["note"] = prepared.note
            done["result"] = prepared.result  # the file that replaces the original, already read

        from labeler.org.audit import AuditWriteError

        try:
            changed = handler.write(path, stamp, commit=commit)
        except AuditWriteError as exc:
            return Outcome(str(path), FAILED, AUDIT_FAILED,
                           f"{path.name} was not labelled because the audit log could not record the change "
                           f"({exc.reason}); it was left as it was.")
        except BaseException as exc:
            if events:  # audited, then the final rename failed: the record must say so
                self._cancel(events[0], exc)
            raise
        if not changed:
            return self._outcome(path, UNCHANGED, before, f"{path.name} already carried exactly this label.")
        done["replaced"] = True
        if self.forwarder is not None and events:
            self.forwarder.send(events[0])  # never raises, never blocks for long
        status = REMOVED if label is None else LABELLED
        try:
            after = done.get("result") or handler.read(path)  # read again only if the write did not
        except FormatError as exc:
            what = f"The label of {path.name} was removed" if label is None else \
                f"{path.name} was labelled {label.name('en')}"
            return Outcome(str(path), status, exc.kind,
                           f"{what}, but reading it back failed ({exc.message.rstrip('.')}).")
        return self._outcome(path, status, after, done.get("note"))

    def _cancel(self, event, exc: BaseException) -> None:
        from labeler.org.audit import AuditEvent, AuditWriteError

        reason = getattr(exc, "message", None) or type(exc).__name__
        try:
            abort = self.audit.append(AuditEvent.abort_of(event, f"not made: {reason}"))
            if self.forwarder is not None:  # the SIEM sees both, so no sequence number goes missing
                self.forwarder.send(event)
                self.forwarder.send(abort)
        except AuditWriteError:
            log.error("the audited change %s was not made and the abort could not be recorded", event.seq)

    @staticmethod
    def _guarded(path: str | Path, operation) -> Outcome:
        path = Path(path)
        done: dict = {}
        try:
            return operation(path, done)
        except FormatError as exc:
            return Outcome(str(path), FAILED, exc.kind, exc.message)
        except Exception as exc:  # a bug must not cost the user a file or a traceback
            log.debug("unexpected error on %s", path, exc_info=True)
            if done.get("replaced"):
                return Outcome(str(path), FAILED, INTERNAL,
                               f"{path.name} was changed as asked, but an unexpected problem "
                               f"({type(exc).__name__}) followed; check it with labeler show.")
            if done.get("replacing"):
                return Outcome(str(path), FAILED, INTERNAL,
                               f"{path.name} may or may not have been changed: an unexpected problem "
                               f"({type(exc).__name__}) happened while it was being replaced; check it with "
                               "labeler show.")
            return Outcome(str(path), FAILED, INTERNAL,
                           f"{path.name} could not be processed because of an unexpected problem "
                           f"({type(exc).__name__}); it was left as it was.")
