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
"""
from __future__ import annotations

import contextlib
import errno
import logging
import os
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from watchdog.events import (DirCreatedEvent, DirDeletedEvent, DirMovedEvent, FileClosedEvent,
                             FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent,
                             FileSystemEvent, FileSystemEventHandler)
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from labeler.desktop.watch.candidates import candidate_check, needs_label
from labeler.desktop.watch.filters import in_hidden_folder, is_ignored_name, is_lock_name, is_within, normalise
from labeler.desktop.watch.mounts import network_filesystem
from labeler.desktop.watch.own_writes import OwnWrites
from labeler.desktop.watch.settle import Settler
from labeler.desktop.watch.status import NATIVE, POLLING, STOPPED, UNAVAILABLE, FolderStatus

__all__ = ["FolderWatcher", "FolderStatus", "OwnWrites", "candidate_check", "needs_label",
           "NATIVE", "POLLING", "UNAVAILABLE", "STOPPED"]

log = logging.getLogger(__name__)

# The platform's native observer class; tests patch its `schedule` to simulate limits.
NativeObserver = Observer

_EVENTS = [FileCreatedEvent, FileModifiedEvent, FileClosedEvent, FileMovedEvent, FileDeletedEvent,
           DirCreatedEvent, DirMovedEvent, DirDeletedEvent]
_SEEN_MAX = 50_000
_DIR_SCAN_MAX = 10_000


@dataclass
class _Folder:
    given: str
    root: Path
    mode: str = STOPPED
    reason_code: str = "stopped"
    detail: str = ""
    watch: object | None = None  # watchdog ObservedWatch
    observer: object | None = None  # the observer holding `watch`
    scheduling: bool = False


class _Handler(FileSystemEventHandler):
    def __init__(self, watcher: "FolderWatcher"):
        self._watcher = watcher

    def on_any_event(self, event: FileSystemEvent) -> None:
        try:
            self._watcher._on_event(event)
        except Exception:  # never kill watchdog's dispatch thread
            log.exception("watcher: failed to handle %r", event)


# -- the watcher -----------------------------------------------------------------
class FolderWatcher:
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

    def _schedule_all(self) -> None:
        with self._lock:
            folders = [f for f in self._folders.values() if f.watch is None and f.mode == STOPPED]
        for folder in folders:
            self._schedule(folder)

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

    def reconcile_now(self) -> int:
        """Walk the folders for files changed since the last walk; returns how many were queued.

        Found files go through the same checks as events.  If the watcher is
        not running they are checked here, and `on_ready` is called before
        this returns.  Does nothing while paused.
        """
        if self._paused:
            return 0
        with self._reconcile_lock:
            started = time.time()
            since = self.last_reconcile
            found = 0
            with self._lock:
                roots = [f.root for f in self._folders.values()]
            for path in self._walk(roots):
                if self._paused:
                    return found
                try:
                    st = os.stat(path)
                except OSError:
                    continue
                # ctime too: a file moved or copied in keeps its old mtime
                if since is not None and max(st.st_mtime, st.st_ctime) < since - 1.0:
                    continue
                with self._batch_lock:
                    if self._seen.get(path) == (st.st_size, st.st_mtime_ns) or path in self._batch:
                        continue
                if path in self._settler:
                    continue
                self._settler.note(path, time.monotonic(), quiet=True)
                found += 1
            self.last_reconcile = started
        if self._running:
            self._kick.set()
        elif found:
            self._drain(deadline=time.monotonic() + max(10.0, 5 * self.settle_seconds))
        return found

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
        if watch is not None:  # stopped or removed meanwhile
            with contextlib.suppress(KeyError, OSError, RuntimeError):
                observer.unschedule(watch)

    def _watch(self, root: Path, native) -> tuple:
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

    def _polling_observer(self):
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

    def _scan_folder(self, folder: Path) -> None:
        """A folder appeared (created or moved in): its files produce no events of their own."""
        with self._lock:
            root = self._root_for(folder)
            ignored = self._ignored
        if root is None or in_hidden_folder(folder / "x", root) or is_within(folder, ignored):
            return
        for count, path in enumerate(self._walk([folder])):
            if count >= _DIR_SCAN_MAX:
                break
            self._note(path)

    def _folder_gone(self, path: Path) -> None:
        with self._lock:
            folder = self._folders.get(path)
            if folder is not None:
                # Unscheduling here would join the emitter from its own dispatch; the
                # reconciler re-schedules (or keeps it unavailable) later.
                folder.mode, folder.reason_code, folder.detail = UNAVAILABLE, "missing", ""

    def _walk(self, roots: Iterable[Path]) -> Iterator[Path]:
        with self._lock:
            ignored = list(self._ignored)
        for top in roots:
            if is_within(top, ignored):
                continue
            for dirpath, dirs, files in os.walk(top, onerror=lambda exc: None):
                here = Path(dirpath)
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not is_within(here / d, ignored))
                if not self._recursive:
                    dirs[:] = []
                for name in sorted(files):
                    if is_ignored_name(name):
                        continue
                    path = here / name
                    if self._wants is None or self._wants(path):
                        yield path

    # -- worker ------------------------------------------------------------
    def _work(self) -> None:
        while not self._stopping.is_set():
            self._kick.clear()
            try:
                timeout = self._step(time.monotonic())
            except Exception:
                log.exception("watcher: worker step failed")
                timeout = 1.0
            self._kick.wait(timeout)

    def _step(self, now: float) -> float | None:
        """Check due files, deliver a batch if the burst is over; returns seconds until next due."""
        with self._batch_lock:
            self._checking += 1
        try:
            ready = self._settler.process(now)
            if ready:
                self._accept(ready)
            self._maybe_deliver(time.monotonic())
        finally:
            with self._batch_lock:
                self._checking -= 1
        next_due = self._settler.next_due()
        waits = []
        if next_due is not None:
            waits.append(next_due - time.monotonic())
        with self._batch_lock:
            if self._batch_since is not None:
                waits.append(self._batch_since + self._max_batch_delay - time.monotonic())
        return max(0.01, min(waits)) if waits else None

    def _accept(self, paths: list[Path]) -> None:
        for path in paths:
            if self._paused:
                return
            try:
                st = os.stat(path)
            except OSError:
                continue
            identity = (st.st_size, st.st_mtime_ns)
            if self.own_writes.matches(path):
                self._remember(path, identity)
                continue
            try:
                wanted = bool(self._is_candidate(path))
            except Exception:
                log.exception("watcher: is_candidate failed for %s", path)
                wanted = False
            self._remember(path, identity)
            if wanted:
                with self._batch_lock:
                    if path not in self._batch:
                        self._batch.append(path)
                        if self._batch_since is None:
                            self._batch_since = time.monotonic()

    def _remember(self, path: Path, identity: tuple[int, int]) -> None:
        with self._batch_lock:
            self._seen[path] = identity
            self._seen.move_to_end(path)
            while len(self._seen) > _SEEN_MAX:
                self._seen.popitem(last=False)

    def _maybe_deliver(self, now: float, force: bool = False) -> None:
        with self._batch_lock:
            if not self._batch:
                return
            overdue = now - (self._batch_since or now) >= self._max_batch_delay
            if not (force or overdue or self._settler.busy() == 0):
                return
            batch, self._batch, self._batch_since = self._batch, [], None
        if self._paused:
            return
        try:
            self._on_ready(batch)
        except Exception:
            log.exception("watcher: on_ready failed")

    def _drop_batch(self) -> None:
        # Undelivered: not "seen", so a later reconciliation may still find them.
        with self._batch_lock:
            for path in self._batch:
                self._seen.pop(path, None)
            self._batch, self._batch_since = [], None

    def _drop_from_batch(self, folder: Path) -> None:
        with self._batch_lock:
            self._batch = [p for p in self._batch if not p.is_relative_to(folder)]
            if not self._batch:
                self._batch_since = None

    def _drain(self, deadline: float) -> None:
        """Settle and deliver in the calling thread (the watcher is not running)."""
        while True:
            now = time.monotonic()
            ready = self._settler.process(now)
            if ready:
                self._accept(ready)
            if self._settler.busy() == 0 or now >= deadline:
                break
            next_due = self._settler.next_due() or now
            time.sleep(min(max(next_due - now, 0.01), max(deadline - now, 0.01)))
        self._maybe_deliver(time.monotonic(), force=True)

    # -- reconciler --------------------------------------------------------
    def _reconcile_loop(self) -> None:
        first = self._changed_since is not None
        interval = self.reconcile_interval or 0
        retry_every = min(60.0, interval) if interval else 60.0
        next_walk = time.monotonic() + interval if interval else None
        while True:
            if not first and self._stopping.wait(retry_every if next_walk is None
                                                 else max(0.05, min(retry_every, next_walk - time.monotonic()))):
                return
            try:
                self._retry_unavailable()
                if first or (next_walk is not None and time.monotonic() >= next_walk):
                    first = False
                    if not self._paused:
                        self.reconcile_now()
                    if interval:
                        next_walk = time.monotonic() + interval
            except Exception:
                log.exception("watcher: reconciliation failed")


def _reason_for(exc: OSError) -> tuple[str, str]:
    if exc.errno == errno.ENOSPC:
        return "watch-limit", ""
    if exc.errno in (errno.EMFILE, errno.ENFILE):
        return "instance-limit", ""
    return "error", exc.strerror or str(exc)
