"""Watching the user's folders for new or changed documents that need a label.

    watcher = FolderWatcher(settings.watched_folders, is_candidate, on_ready,
                            own_writes=own_writes, ignored_folders=settings.ignored_folders)
    watcher.start()
    ...
    watcher.stop()

Events from watchdog (created, modified, closed-after-write and the
*destination* of moves, which is how Word's and LibreOffice's
temp-and-rename saves arrive) are filtered (owner, lock, temp, hidden
files; ignored folders), debounced per file by a `Settler` (quiet, size
and mtime stable, no editor lock beside it, readable), checked against the
app's own writes (`OwnWrites`) and `is_candidate`, and handed to
`on_ready(paths)` in batches: one call per quiet period, never one per file.

Where native watching is refused (inotify limits: ENOSPC, EMFILE) or
unreliable (network and FUSE file systems) a folder is polled instead, and
`status()` says so in a sentence.  A periodic reconciliation walk catches
what events missed.

Threads: watchdog's observer threads only record events; one worker thread
does the checks and calls `is_candidate` and `on_ready` (so both run off the
GUI thread; a Qt bridge must re-emit `on_ready` as a queued signal); a
reconciler thread walks the folders now and then.  Every public method is
thread-safe.  watchdog is needed here only; `import labeler` does not
import this module.

This module holds the public API and the intake of events; the rest of
`FolderWatcher` comes from mixins, one job each: `observers`
(native or polling watches), `delivery` (the worker: check, batch,
deliver) and `reconcile` (the walks that catch what events missed).
"""
from __future__ import annotations

import logging
import os
import threading
import time
from collections import OrderedDict
from pathlib import Path
from collections.abc import Callable, Iterable

from watchdog.events import FileSystemEvent, FileSystemEventHandler

from labeler.desktop.watch.candidates import candidate_check, needs_label
from labeler.desktop.watch.delivery import Delivery
from labeler.desktop.watch.filters import in_hidden_folder, is_ignored_name, is_lock_name, is_within, normalise
from labeler.desktop.watch.observers import NativeObserver, ObserverScheduling, _Folder
from labeler.desktop.watch.own_writes import OwnWrites
from labeler.desktop.watch.reconcile import Reconciliation
from labeler.desktop.watch.settle import Settler
from labeler.desktop.watch.status import NATIVE, POLLING, STOPPED, UNAVAILABLE, FolderStatus

__all__ = ["FolderWatcher", "FolderStatus", "OwnWrites", "candidate_check", "needs_label",
           "NATIVE", "POLLING", "UNAVAILABLE", "STOPPED"]

log = logging.getLogger(__name__)


class _Handler(FileSystemEventHandler):
    def __init__(self, watcher: FolderWatcher):
        self._watcher = watcher

    def on_any_event(self, event: FileSystemEvent) -> None:
        try:
            self._watcher._on_event(event)
        except Exception:  # never kill watchdog's dispatch thread
            log.exception("watcher: failed to handle %r", event)


# -- the watcher -----------------------------------------------------------------
class FolderWatcher(ObserverScheduling, Reconciliation, Delivery):
    """Watches folders (recursively) and delivers settled documents needing a label, in batches.

    folders            folders to watch (strings or paths; missing ones are retried later)
    is_candidate(p)    whether a settled file should be offered for labelling (reads the file;
                       e.g. `candidate_check(service, lambda: settings.ignored_folders)`)
    on_ready(paths)    called from the worker thread with a list of candidate paths
    settle_seconds     quiet time after the last event before a file is looked at
    reconcile_interval seconds between reconciliation walks (0 or None: never automatically)
    own_writes         the app's own label writes, never delivered
    ignored_folders    folders whose files are never looked at ("Don't ask for this folder")
    wants(p)           optional cheap name-only filter applied at event time (e.g. scheme.must_be_labelled)
    poll_interval      seconds between polls for folders that are polled
    force_polling      poll every folder (for tests, or a setting)
    changed_since      epoch seconds: the first reconciliation also considers files changed since
                       then (e.g. when the app last ran); default: only changes after start()
    max_batch_delay    deliver at the latest this long after the first ready file, even if
                       other files are still settling (default: max(30, 10 × settle_seconds))
    """

    def __init__(self, folders: Iterable[str | os.PathLike], is_candidate: Callable[[Path], bool],
                 on_ready: Callable[[list[Path]], None], settle_seconds: float = 2.0,
                 reconcile_interval: float | None = 600, own_writes: OwnWrites | None = None, *,
                 ignored_folders: Iterable[str | os.PathLike] = (), wants: Callable[[Path], bool] | None = None,
                 poll_interval: float = 10.0, force_polling: bool = False, recursive: bool = True,
                 changed_since: float | None = None, max_batch_delay: float | None = None):
        self._is_candidate = is_candidate
        self._on_ready = on_ready
        self.settle_seconds = settle_seconds
        self.reconcile_interval = reconcile_interval
        self.own_writes = own_writes if own_writes is not None else OwnWrites()
        self._wants = wants
        self.poll_interval = poll_interval
        self.force_polling = force_polling
        self._recursive = recursive
        self._max_batch_delay = max_batch_delay if max_batch_delay is not None else max(30.0, 10 * settle_seconds)

        # Guards folders, observers and running state.  Lock order: watchdog's
        # observer lock, then this one (events are dispatched under the former),
        # so never call an observer's schedule/unschedule while holding it.
        self._lock = threading.RLock()
        self._batch_lock = threading.Lock()
        self._reconcile_lock = threading.Lock()
        self._kick = threading.Event()
        self._stopping = threading.Event()
        self._settler = Settler(settle_seconds)
        self._handler = _Handler(self)
        self._folders: dict[Path, _Folder] = {}
        self._ignored: list[Path] = [normalise(f) for f in ignored_folders]
        self._batch: list[Path] = []
        self._batch_since: float | None = None
        self._checking = 0  # settled files being checked right now (between settler and batch)
        self._seen: OrderedDict[Path, tuple[int, int]] = OrderedDict()
        self._native = None
        self._polling = None
        self._running = False
        self._paused = False
        self._worker: threading.Thread | None = None
        self._reconciler: threading.Thread | None = None
        self._changed_since = changed_since
        self.last_reconcile: float | None = None  # epoch seconds when the last walk started
        for folder in folders:
            self._add(folder)

    # -- public API --------------------------------------------------------
    def start(self, block: bool = True) -> None:
        """Start watching every folder (and the worker and reconciler threads).

        Setting up native watches walks each folder tree (one inotify watch
        per sub-folder on Linux); with `block=False` that happens in the
        background, so a GUI thread never waits on it.
        """
        with self._lock:
            if self._running:
                return
            self._running = True
            self._stopping.clear()
            self._native = NativeObserver()
            self._native.start()
            self._polling = None
            if self.last_reconcile is None:
                self.last_reconcile = self._changed_since if self._changed_since is not None else time.time()
            self._worker = threading.Thread(target=self._work, name="labeler-watch-worker", daemon=True)
            self._worker.start()
        if block:
            self._schedule_all()
        else:
            threading.Thread(target=self._schedule_all, name="labeler-watch-setup", daemon=True).start()
        with self._lock:
            if self._running:
                self._reconciler = threading.Thread(target=self._reconcile_loop, name="labeler-watch-reconcile",
                                                    daemon=True)
                self._reconciler.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop watching; files still settling are forgotten. Safe to call twice."""
        with self._lock:
            if not self._running:
                return
            self._running = False
            self._stopping.set()
            self._kick.set()
            observers = [o for o in (self._native, self._polling) if o is not None]
            self._native = self._polling = None
            for folder in self._folders.values():
                folder.mode, folder.reason_code, folder.detail = STOPPED, "stopped", ""
                folder.watch = folder.observer = None
            threads = [t for t in (self._worker, self._reconciler) if t is not None]
        for observer in observers:
            observer.stop()
        for thread in observers + threads:
            if thread is not threading.current_thread():
                thread.join(timeout)
        self._settler.clear()
        self._drop_batch()

    @property
    def running(self) -> bool:
        return self._running

    def pause(self) -> None:
        """Drop events (and skip reconciliation) until resume(); pending files are forgotten."""
        with self._lock:
            self._paused = True
        self._settler.clear()
        self._drop_batch()

    def resume(self) -> None:
        with self._lock:
            self._paused = False

    @property
    def paused(self) -> bool:
        return self._paused

    def add_folder(self, folder: str | os.PathLike) -> FolderStatus:
        """Watch one more folder (at once if running); returns its status."""
        entry = self._add(folder)
        if self._running and entry.watch is None:
            self._schedule(entry)
        with self._lock:
            return self._status_of(entry)

    def remove_folder(self, folder: str | os.PathLike) -> None:
        """Stop watching a folder and forget its pending files."""
        root = normalise(folder)
        with self._lock:
            entry = self._folders.pop(root, None)
        if entry is not None:
            self._unschedule(entry)
        self._settler.forget_under(root)
        self._drop_from_batch(root)

    def set_folders(self, folders: Iterable[str | os.PathLike]) -> None:
        """Watch exactly these folders (adds and removes as needed)."""
        wanted = {normalise(f): f for f in folders}
        for root in [r for r in list(self._folders) if r not in wanted]:
            self.remove_folder(root)
        for root, given in wanted.items():
            if root not in self._folders:
                self.add_folder(given)

    def folders(self) -> list[str]:
        with self._lock:
            return [f.given for f in self._folders.values()]

    def set_ignored_folders(self, folders: Iterable[str | os.PathLike]) -> None:
        """Replace the ignored folders; pending files inside them are forgotten."""
        ignored = [normalise(f) for f in folders]
        with self._lock:
            self._ignored = ignored
        for root in ignored:
            self._settler.forget_under(root)
            self._drop_from_batch(root)

    def status(self) -> list[FolderStatus]:
        """Per folder: mode (native/polling/unavailable/stopped) and why, as a sentence."""
        with self._lock:
            return [self._status_of(f) for f in self._folders.values()]

    @property
    def polling(self) -> bool:
        """Whether any folder is polled (for the tray's "watching by polling" hint)."""
        return any(s.mode == POLLING for s in self.status())

    def pending(self) -> int:
        """Files seen but not yet settled (held by an open editor included)."""
        return len(self._settler)

    def idle(self) -> bool:
        """Nothing settling and nothing waiting to be delivered."""
        with self._batch_lock:
            batch = bool(self._batch) or self._checking > 0
        return not batch and self._settler.busy() == 0

    def wait_idle(self, timeout: float = 30.0) -> bool:
        """Block until idle() (for scripts and benchmarks); False on timeout."""
        deadline = time.monotonic() + timeout
        while not self.idle():
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.02)
        return True

    # -- folders and observers ---------------------------------------------
    def _add(self, folder: str | os.PathLike) -> _Folder:
        root = normalise(folder)
        with self._lock:
            entry = self._folders.get(root)
            if entry is None:
                entry = self._folders[root] = _Folder(given=os.fspath(folder), root=root)
            return entry

    def _status_of(self, folder: _Folder) -> FolderStatus:
        return FolderStatus(folder.given, folder.mode, folder.reason_code, self.poll_interval, folder.detail)

    def _root_for(self, path: Path) -> Path | None:
        best = None
        for root in self._folders:
            if (path == root or path.is_relative_to(root)) and (best is None or len(root.parts) > len(best.parts)):
                best = root
        return best

    # -- events ------------------------------------------------------------
    def _on_event(self, event: FileSystemEvent) -> None:
        if self._paused or not self._running:
            return
        src = Path(os.fsdecode(event.src_path))
        kind = event.event_type
        if kind == "moved":
            dest = Path(os.fsdecode(event.dest_path))
            if event.is_directory:
                self._settler.forget_under(src)
                self._scan_folder(dest)
                return
            self._settler.forget(src)
            if is_lock_name(src.name):
                self._settler.release_held(src.parent, time.monotonic())
                self._kick.set()
            self._note(dest)
        elif kind == "deleted":
            if event.is_directory:
                self._folder_gone(src)
                self._settler.forget_under(src)
                return
            self._settler.forget(src)
            if is_lock_name(src.name):
                self._settler.release_held(src.parent, time.monotonic())
                self._kick.set()
        elif kind in ("created", "modified", "closed"):
            if event.is_directory:
                if kind == "created":
                    self._scan_folder(src)
                return
            self._note(src)

    def _note(self, path: Path, quiet: bool = False) -> bool:
        if is_ignored_name(path.name):
            return False
        with self._lock:
            root = self._root_for(path)
            ignored = self._ignored
        if root is None or in_hidden_folder(path, root) or is_within(path, ignored):
            return False
        if self._wants is not None and not self._wants(path):
            return False
        self._settler.note(path, time.monotonic(), quiet=quiet)
        self._kick.set()
        return True

    def _folder_gone(self, path: Path) -> None:
        with self._lock:
            folder = self._folders.get(path)
            if folder is not None:
                # Unscheduling here would join the emitter from its own dispatch; the
                # reconciler re-schedules (or keeps it unavailable) later.
                folder.mode, folder.reason_code, folder.detail = UNAVAILABLE, "missing", ""
