"""Moments of sharing in the audit trail and at the organisation's syslog collector.

    record_notice(audit, notice)                          # one "sharing-notice" entry per file
    record_choice(audit, notice, "keep", "sent to our notary")
    record_share(audit, decisions, "ann@partner.example.net", "opened-mail")

Each entry names the file, the label it counts as (and whether that is
assumed: no label, content hints), the channel and the verdict, and what
happened; a reason the person typed is kept as one line.  No document
content, matched value or recipient address is recorded.

`audit` None is the user's own log (AuditLog.default()); `forwarder` None
is the syslog destination in force (the admin config's `[syslog]`, else
$LABELER_SYSLOG), if any; False forwards nothing.  A log that cannot be written raises
AuditWriteError (labeler.org.audit): the caller says so; nothing else
depends on the record.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path

from labeler.org.audit import SHARE, SHARING_CHOICE, SHARING_NOTICE, AuditEvent, AuditLog

log = logging.getLogger(__name__)

# A notice not shown (quiet hours, notifications off): recorded all the same, as held back.
HELD = "held"
# What the person chose after a notice.
TRASH, KEEP, COLLABORATION, DISMISSED = "trash", "keep", "collaboration", "dismissed"
CHOICES = (TRASH, KEEP, COLLABORATION, DISMISSED)
# How a share (`labeler share`, "Send by e-mail…") ended, per file.  "unconfirmed": allowed only with
# conditions, and not sent because the person did not confirm them.
OPENED_MAIL, REFUSED, ACKNOWLEDGED, CHECKED = "opened-mail", "refused", "acknowledged", "checked"
UNCONFIRMED = "unconfirmed"
SHARE_RESULTS = (OPENED_MAIL, REFUSED, ACKNOWLEDGED, CHECKED, UNCONFIRMED)

_UNSET = object()
_default_forwarder: object = _UNSET
_forwarder_lock = threading.Lock()


def default_forwarder():
    """The syslog forwarder in force, made once per process (it keeps a delivery thread); None if none."""
    global _default_forwarder
    with _forwarder_lock:
        if _default_forwarder is _UNSET:
            from labeler.org.syslog_forward import SyslogConfigError, forwarder_from_environment

            try:
                _default_forwarder = forwarder_from_environment()
            except SyslogConfigError as exc:
                log.warning("syslog forwarding disabled: %s", exc)
                _default_forwarder = None
        return _default_forwarder


def _write(audit: AuditLog | None, events: Iterable[AuditEvent], forwarder) -> list[AuditEvent]:
    log_ = audit if audit is not None else AuditLog.default()
    forwarder = default_forwarder() if forwarder is None else (forwarder or None)
    written = []
    for event in events:
        written.append(log_.append(event))  # AuditWriteError: the caller says the record failed
        if forwarder is not None:
            forwarder.send(event)  # never raises, never blocks for long
    return written


def _notice_events(action: str, notice, choice: str | None = None, reason: str | None = None
                   ) -> list[AuditEvent]:
    # The English name, as for every label in the trail (label changes and shares alike), not the name in
    # the language the notice was shown in.
    return [AuditEvent.sharing(action, m.path, {"id": m.label_id, "name": m.label_record_name or m.label_name}
                               if m.label_id else None,
                               m.channel, m.verdict, choice=choice, reason=reason, assumed=m.assumed,
                               scheme_id=notice.scheme_id, scheme_version=notice.scheme_version)
            for m in notice.moments]


def record_notice(audit: AuditLog | None, notice, forwarder=None, shown: bool = True) -> list[AuditEvent]:
    """One "sharing-notice" entry per file of a notice; returns them.

    `shown` False: the notice was held back (quiet hours, notifications
    off); its entries carry the choice "held".
    """
    return _write(audit, _notice_events(SHARING_NOTICE, notice, None if shown else HELD), forwarder)


def record_choice(audit: AuditLog | None, notice, choice: str, reason: str | None = None,
                  forwarder=None) -> list[AuditEvent]:
    """One "sharing-choice" entry per file: `choice` is one of CHOICES; `reason` is kept for "keep" only."""
    if choice not in CHOICES:
        raise ValueError(f"choice must be one of {CHOICES}, not {choice!r}")
    return _write(audit, _notice_events(SHARING_CHOICE, notice, choice, reason if choice == KEEP else None),
                  forwarder)


def record_share(audit: AuditLog | None, decisions: Sequence, target: str, choice: str,
                 forwarder=None) -> list[AuditEvent]:
    """One "share" entry per file of `decisions` (labeler.core.share.ShareDecision) shared with `target`.

    `choice` is one of SHARE_RESULTS.  `target` is what the person typed
    (addresses, "usb"); it is not recorded, as an address names a person:
    the channel each decision carries says where the file was meant to go.
    """
    if choice not in SHARE_RESULTS:
        raise ValueError(f"choice must be one of {SHARE_RESULTS}, not {choice!r}")
    events = []
    for decision in decisions:
        label = decision.label
        events.append(AuditEvent.sharing(
            SHARE, Path(decision.path), {"id": label.id, "name": label.name("en")} if label is not None else None,
            decision.channel, decision.verdict, choice=choice, assumed=decision.assumed,
            scheme_id=decision.scheme_id, scheme_version=decision.scheme_version))
    return _write(audit, events, forwarder)
