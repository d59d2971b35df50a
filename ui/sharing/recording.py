"""The sharing notices' records, written off the GUI thread and in the order they happened.

Each record is a line in the audit trail and, where the admin configured it,
a syslog message: a network send that may wait.  So records are written by
one worker thread of their own, one after the other: a choice never lands
before the notice it answers.  A record that cannot be written is logged
(the app's log, not a dialog): the person's choice has been made either way.

    queue = RecordQueue(parent)
    queue.notice(audit, notice, forwarder, shown)           # records.record_notice
    queue.choice(audit, notice, "keep", reason, forwarder)  # records.record_choice
    queue.wait()                                            # before the app quits
"""
from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QThreadPool

from ..workers import Worker, start

log = logging.getLogger(__name__)

WAIT_MS = 10000  # at quitting, for records still on their way (a slow syslog server)


def _record_notice(audit, notice, forwarder, shown: bool) -> None:
    from labeler.desktop.sharing import records

    try:
        # `shown` False: held back (quiet hours, notifications off); the entry says so.
        records.record_notice(audit, notice, forwarder=forwarder, shown=shown)
    except Exception:  # the trail is unwritable or syslog is down: logged, the app goes on
        log.warning("the sharing notice could not be recorded", exc_info=True)


def _record_choice(audit, notice, choice: str, reason: str | None, forwarder) -> None:
    from labeler.desktop.sharing import records

    try:
        records.record_choice(audit, notice, choice, reason=reason, forwarder=forwarder)
    except Exception:
        log.warning("the choice %r about a sharing notice could not be recorded", choice, exc_info=True)


class RecordQueue(QObject):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)  # one at a time, in order
        self.pool.setExpiryTimeout(2000)  # the thread ends soon after the last record

    def notice(self, audit, notice, forwarder=None, shown: bool = True) -> None:
        start(Worker(_record_notice, audit, notice, forwarder, shown), self.pool)

    def choice(self, audit, notice, choice: str, reason: str | None = None, forwarder=None) -> None:
        start(Worker(_record_choice, audit, notice, choice, reason, forwarder), self.pool)

    def wait(self, timeout_ms: int = WAIT_MS) -> bool:
        return self.pool.waitForDone(timeout_ms)

    def idle(self) -> bool:
        return self.pool.activeThreadCount() == 0
