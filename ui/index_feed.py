"""Live news from the label index: what changed since we last looked, whichever process changed it.

    feed = IndexFeed(index)          # shell.feed; None-safe: no index, no news
    feed.changed.connect(page.on_index_changed)   # list[IndexEntry], written after the last report
    feed.start(); feed.stop()

Every `POLL_MS` a worker asks the index for its change counter and, when it
moved, for the rows written since (`LabelIndex.changes_since`): a label
applied in the dialog, by `labeler apply` in a terminal, from a file
manager's menu, or a save the watcher read.  The poll is one small SQLite
query off the GUI thread; nothing is polled while another poll is running.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from .workers import Worker, start

log = logging.getLogger(__name__)

POLL_MS = 250  # a change shows well within a second


class IndexFeed(QObject):
    changed = Signal(object)  # list[IndexEntry], oldest first

    def __init__(self, index, interval_ms: int = POLL_MS, parent: QObject | None = None):
        super().__init__(parent)
        self.index = index
        self.seq: int | None = None  # the counter reported last (None: not asked yet)
        self._worker: Worker | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.poll)

    def start(self) -> None:
        if self.index is not None:
            self._timer.start()
            self.poll()

    def stop(self) -> None:
        self._timer.stop()
        if self._worker is not None:
            self._worker.cancel()

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def poll(self) -> None:
        """Ask the index for what changed (a worker); `changed` follows if anything did."""
        if self.index is None or (self._worker is not None and not self._worker.done):
            return
        worker = Worker(self.index.changes_since, self.seq)
        worker.signals.result.connect(self._polled)
        worker.signals.error.connect(self._failed)
        self._worker = start(worker)

    def _polled(self, result) -> None:
        seq, entries = result
        if self.seq is not None and seq < self.seq:
            entries = []  # the index was recreated: start again from its counter
        self.seq = seq
        if entries:
            self.changed.emit(entries)

    def _failed(self, exc: Exception) -> None:
        log.debug("label index poll failed: %s", exc)
