"""Scheduling watched folders on watchdog observers.

One job: put each folder under a native observer (inotify, FSEvents, ...),
or under a polling observer where native watching is refused (inotify
limits: ENOSPC, EMFILE) or unreliable (network and FUSE file systems), and
retry folders that were unavailable.  `ObserverScheduling` is a mixin of
`FolderWatcher`, which owns the state it uses: `_lock`, `_folders`,
`_native`, `_polling`, `_running`, `_handler` (which receives the events),
`force_polling`, `poll_interval` and `_recursive`.
"""
from __future__ import annotations

import contextlib
import errno
import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from watchdog.events import (DirCreatedEvent, DirDeletedEvent, DirMovedEvent, FileClosedEvent,
                             FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent,
                             FileSystemEventHandler)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver, ObservedWatch
from watchdog.observers.polling import PollingObserver

from labeler.desktop.watch.mounts import network_filesystem
from labeler.desktop.watch.status import NATIVE, POLLING, STOPPED, UNAVAILABLE

log = logging.getLogger(__name__)

# The platform's native observer class; tests patch its `schedule` to simulate limits.
NativeObserver = Observer

_EVENTS = [FileCreatedEvent, FileModifiedEvent, FileClosedEvent, FileMovedEvent, FileDeletedEvent,
           DirCreatedEvent, DirMovedEvent, DirDeletedEvent]


@dataclass
class _Folder:
    given: str
    root: Path
    mode: str = STOPPED
    reason_code: str = "stopped"
    detail: str = ""
    watch: ObservedWatch | None = None
    observer: BaseObserver | None = None  # the observer holding `watch`
    scheduling: bool = False


class ObserverScheduling:
    """Watching each folder natively or by polling, and re-watching folders that came back."""

    # The state it uses, which `FolderWatcher` owns.
    force_polling: bool
    poll_interval: float
    _recursive: bool
    _running: bool
    _lock: threading.RLock
    _folders: dict[Path, _Folder]
    _native: BaseObserver | None
    _polling: BaseObserver | None
    _handler: FileSystemEventHandler

    def _schedule_all(self) -> None:
        with self._lock:
            folders = [f for f in self._folders.values() if f.watch is None and f.mode == STOPPED]
        for folder in folders:
            self._schedule(folder)

    def _schedule(self, folder: _Folder) -> None:
        """Watch one folder natively, or by polling if that is refused or unreliable.

        Runs without holding the watcher's lock: a native recursive watch
        and a polling snapshot both walk the whole folder tree.
        """
        with self._lock:
            native = self._native
            if native is None or folder.scheduling or self._folders.get(folder.root) is not folder:
                return
            folder.scheduling = True
        try:
            result = self._watch(folder.root, native)
        finally:
            with self._lock:
                folder.scheduling = False
        watch, observer, mode, code, detail = result
        with self._lock:
            if self._running and self._folders.get(folder.root) is folder:
                if folder.watch is not None:  # scheduled twice: keep the first
                    watch, observer = folder.watch, folder.observer
                folder.watch, folder.observer = watch, observer
                folder.mode, folder.reason_code, folder.detail = mode, code, detail
                return
        if watch is not None and observer is not None:  # stopped or removed meanwhile
            with contextlib.suppress(KeyError, OSError, RuntimeError):
                observer.unschedule(watch)

    def _watch(self, root: Path, native: BaseObserver
               ) -> tuple[ObservedWatch | None, BaseObserver | None, str, str, str]:
        """(watch, observer, mode, reason code, detail) for one folder."""
        if not root.is_dir():
            return None, None, UNAVAILABLE, "missing", ""
        fstype = network_filesystem(root)
        if self.force_polling:
            code, detail = "forced", ""
        elif fstype:
            code, detail = "network", fstype
        else:
            try:
                watch = native.schedule(self._handler, str(root), recursive=self._recursive, event_filter=_EVENTS)
                return watch, native, NATIVE, "native", ""
            except OSError as exc:
                code, detail = _reason_for(exc)
                log.warning("watcher: cannot watch %s natively (%s); polling instead", root, exc)
        try:
            observer = self._polling_observer()
            if observer is None:
                return None, None, STOPPED, "stopped", ""
            watch = observer.schedule(self._handler, str(root), recursive=self._recursive, event_filter=_EVENTS)
            return watch, observer, POLLING, code, detail
        except OSError as exc:
            log.warning("watcher: cannot watch %s at all: %s", root, exc)
            return None, None, UNAVAILABLE, "missing", ""

    def _polling_observer(self) -> BaseObserver | None:
        with self._lock:
            if not self._running:
                return None
            if self._polling is None:
                self._polling = PollingObserver(timeout=self.poll_interval)
                self._polling.start()
            return self._polling

    def _unschedule(self, folder: _Folder) -> None:
        # Never call with self._lock held: watchdog dispatches events (into
        # _on_event, which takes self._lock) while holding its own lock.
        with self._lock:
            watch, observer = folder.watch, folder.observer
            folder.watch = folder.observer = None
        if watch is not None and observer is not None:
            with contextlib.suppress(KeyError, OSError, RuntimeError):
                observer.unschedule(watch)

    def _retry_unavailable(self) -> None:
        with self._lock:
            if not self._running:
                return
            retry = [f for f in self._folders.values() if f.mode == UNAVAILABLE and not f.scheduling]
        for folder in retry:
            self._unschedule(folder)
            self._schedule(folder)
            if folder.mode != UNAVAILABLE:
                log.info("watcher: %s is watched again (%s)", folder.root, folder.mode)


def _reason_for(exc: OSError) -> tuple[str, str]:
    if exc.errno == errno.ENOSPC:
        return "watch-limit", ""
    if exc.errno in (errno.EMFILE, errno.ENFILE):
        return "instance-limit", ""
    return "error", exc.strerror or str(exc)
