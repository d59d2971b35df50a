"""Pages that follow the label index: read again shortly after any label changes anywhere.

    LiveRefresh(page, shell)   # page: .refresh(), .is_loading(), ._started

The shell's `IndexFeed` reports every change the index hears of (our dialog,
`labeler apply` in a terminal, a file-manager menu, a save the watcher
read).  A page that has been shown reads its data again a moment later;
a burst of changes is one refresh, and a change during a refresh is picked
up by another one after it.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

DELAY_MS = 150  # gathers a burst (a batch of files labelled) into one refresh


class LiveRefresh(QObject):
    def __init__(self, page, shell):
        super().__init__(page)
        self._page = page
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self._refresh)
        feed = getattr(shell, "feed", None)
        if feed is not None:
            feed.changed.connect(self._changed)

    def _changed(self, _entries) -> None:
        if getattr(self._page, "_started", False):
            self._timer.start()

    def _refresh(self) -> None:
        if self._page.is_loading():
            self._timer.start()  # after the read in progress, which may have missed this change
            return
        self._page.refresh(quietly=True)
