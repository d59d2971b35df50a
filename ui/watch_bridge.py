"""The folder watcher, seen from the GUI thread.

`FolderWatcher` (labeler/watcher.py) calls `on_ready` from its own worker
thread, and `is_candidate` (which reads the file) runs there too.  The
bridge re-emits `on_ready` as a Qt signal; the receiver lives in the GUI
thread, so Qt queues the call there.  Nothing here reads a document on the
GUI thread.

The bridge also hands out the service the app labels with: a thin wrapper
that records each file it wrote in the watcher's `OwnWrites`, so the app's
own label writes never come back as "new documents".
"""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal

from labeler.desktop.watch.indexing import indexing_check
from labeler.desktop.watch.watcher import FolderWatcher, OwnWrites, candidate_check

log = logging.getLogger(__name__)

STATUS_POLL_MS = 5000  # the watcher may fall back to polling at any time; look now and then
SETTLE_SECONDS = 2.0
RECONCILE_SECONDS = 600


class OwnWriteRecordingService:
    """A LabelService that tells the watcher about every file it changed."""

    def __init__(self, service, own_writes: OwnWrites):
        self._service = service
        self._own_writes = own_writes

    def apply(self, path, *args, **kwargs):
        return self._recorded(path, self._service.apply(path, *args, **kwargs))

    def remove(self, path, *args, **kwargs):
        return self._recorded(path, self._service.remove(path, *args, **kwargs))

    def restore(self, path, *args, **kwargs):
        return self._recorded(path, self._service.restore(path, *args, **kwargs))

    def _recorded(self, path, outcome):
        if outcome.ok:
            self._own_writes.record(path)  # the file's identity as we left it
        return outcome

    def __getattr__(self, name):  # show, stamp, scheme, user, audit, …
        return getattr(self._service, name)

    def __setattr__(self, name, value):
        if name in ("_service", "_own_writes"):
            object.__setattr__(self, name, value)
        else:
            setattr(self._service, name, value)


class WatchBridge(QObject):
    """Owns the FolderWatcher for the app's settings; reports on the GUI thread."""

    documentsReady = Signal(list)  # list[str]: settled documents that need a label
    statusChanged = Signal()
    labelDropped = Signal(object)  # a label_index.Dropped: another program's save removed a label we knew
    _ready = Signal(list)  # emitted in the watcher's thread
    _dropped = Signal(object)  # emitted in the watcher's thread

    def __init__(self, settings, service, settle_seconds: float | None = None,
                 reconcile_seconds: float | None = RECONCILE_SECONDS, parent: QObject | None = None):
        super().__init__(parent)
        self.settings = settings
        self.lang = "en"  # of the status sentences
        self.own_writes = OwnWrites()
        self.service = OwnWriteRecordingService(service, self.own_writes)
        self._ready.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._dropped.connect(self.labelDropped, Qt.ConnectionType.QueuedConnection)
        ignored = lambda: list(self.settings.ignored_folders)  # noqa: E731
        index = getattr(service, "index", None)
        # With a label index, the watcher's read of each settled file also keeps the index current
        # and notices labels that another program's save dropped.
        check = (indexing_check(self.service, index, ignored, self._dropped.emit) if index is not None
                 else candidate_check(self.service, ignored))
        self.watcher = FolderWatcher(
            settings.watched_folders,
            check,
            self._ready.emit,  # called in the watcher's thread: queued to ours
            settle_seconds=SETTLE_SECONDS if settle_seconds is None else settle_seconds,
            reconcile_interval=reconcile_seconds,
            own_writes=self.own_writes,
            ignored_folders=settings.ignored_folders,
            wants=lambda path: self.service.scheme.must_be_labelled(path))
        self._last_status: str | None = None
        self._status_timer = QTimer(self)
        self._status_timer.setInterval(STATUS_POLL_MS)
        self._status_timer.timeout.connect(self._check_status)

    # -- life

    def start(self) -> None:
        self.watcher.start()
        if self.settings.paused:
            self.watcher.pause()
        self._status_timer.start()
        self._check_status()

    def stop(self) -> None:
        self._status_timer.stop()
        self.watcher.stop()

    def pause(self) -> None:
        self.watcher.pause()
        self._check_status()

    def resume(self) -> None:
        if not self.watcher.running:
            self.watcher.start()
        self.watcher.resume()
        self._check_status()

    # -- changes from the settings

    def set_folders(self, folders: list[str]) -> None:
        self.watcher.set_folders(folders)
        self._check_status()

    def set_ignored(self, folders: list[str]) -> None:
        self.watcher.set_ignored_folders(folders)

    def set_scheme(self, scheme) -> None:
        self.service.scheme = scheme  # the next checks use the new scheme's rules

    # -- what the tray shows

    def polling(self) -> bool:
        return self.watcher.polling

    def describe(self, lang: str | None = None) -> str:
        """One or two sentences: how many folders are watched and, if any is polled, why."""
        lang = lang or self.lang
        statuses = self.watcher.status()
        if not statuses:
            return tr("No folder is watched.")
        if not self.watcher.running:
            return tr("Watching is stopped.")
        polled = [s for s in statuses if s.polling]
        missing = [s for s in statuses if s.mode == "unavailable"]
        text = tr("Watching %n folder(s) for documents without a label.", "", len(statuses))
        if polled:
            first = polled[0]
            text += " " + tr("Watching by polling %1: %2").replace("%1", Path(first.folder).name or first.folder) \
                .replace("%2", first.describe(lang))
            if len(polled) > 1:
                text += " " + tr("(%n more folder(s) polled)", "", len(polled) - 1)
        if missing:
            text += " " + tr("Not found: %1.").replace("%1", ", ".join(s.folder for s in missing))
        return text

    def _check_status(self) -> None:
        text = self.describe()
        if text != self._last_status:
            self._last_status = text
            self.statusChanged.emit()

    def _deliver(self, paths: list) -> None:
        self.documentsReady.emit([str(p) for p in paths])


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    # lupdate files a bare tr("…") call under the empty context; look it up there.
    return QCoreApplication.translate("", text, disambiguation, n)
