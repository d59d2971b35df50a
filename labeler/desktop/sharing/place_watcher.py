"""Watching the sharing places for documents that arrive, sticks mounted later included.

    watcher = PlaceWatcher(resolve_places(scheme, settings.sharing_places), on_arrivals)
    watcher.start()             # on_arrivals(list[Arrival]) runs on the watcher's thread
    ...
    watcher.stop()

A file *arrives* when it is created in a place, copied there or moved in
(a download renamed from `x.part`, a folder moved in with its files); it is
reported once its write has settled, in batches: one `on_arrivals` call per
quiet period, so a burst of 500 files is one call.  A file edited in place
was already there and is not an arrival; nor is a file reported before,
until it leaves the place again.

The folder watcher (labeler/desktop/watch) does the watching, settling and
batching: native events, polling where native watching fails, editors' and
our own temp files, hidden files and folders and partial downloads
(`.~labeler-*.tmp`, `.~lock*`, `~$*`, `*.part`, `*.crdownload`) left out.
This module adds what is particular to sharing places:

- Places that do not exist yet, and sticks mounted later, are looked for
  every `rescan_seconds`: each existing place is watched, and so is each
  mount point directly below a place (a stick at /media/ann/STICK below the
  place /media/ann).  A place watched afresh, or a mount point whose file
  system changed, brings no reports for the files already on it: only what
  arrives afterwards counts.
- Files on a file system mounted below a watched folder but not watched
  itself yet are left out, so a stick's contents are never mistaken for
  arrivals in the moment between its mount and the next rescan.
- `own_writes` (the app's label writes) are never reported; neither are
  the app's trash moves, which leave the place rather than arrive in it.
- `refresh`, when given, is called at every rescan for the current places
  (e.g. `lambda: resolve_places(scheme, settings.sharing_places)`), so that
  Windows drive letters of sticks plugged in later are watched too.
"""
from __future__ import annotations

import logging
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path

from watchdog.events import FileSystemEvent

from labeler.desktop.sharing.places import Arrival, Place, place_of
from labeler.desktop.watch.filters import is_ignored_name, normalise
from labeler.desktop.watch.own_writes import OwnWrites
from labeler.desktop.watch.watcher import FolderWatcher

__all__ = ["Arrival", "Place", "PlaceWatcher"]

log = logging.getLogger(__name__)

_MAX_REMEMBERED = 50_000  # paths reported, or arrived and not yet settled
_FOLDER_GRACE = 300.0  # seconds a folder moved in counts as arriving (its files settle within it)


class _ArrivalWatcher(FolderWatcher):
    """A FolderWatcher that passes on only arrivals: created or moved-in files, each once."""

    def __init__(self, owner: PlaceWatcher, settle_seconds: float, own_writes: OwnWrites, force_polling: bool,
                 poll_interval: float):
        super().__init__((), self._is_arrival, owner._deliver, settle_seconds=settle_seconds,
                         reconcile_interval=None, own_writes=own_writes, force_polling=force_polling,
                         poll_interval=poll_interval)
        self._owner = owner
        self._arrivals_lock = threading.Lock()
        self._arriving: OrderedDict[Path, None] = OrderedDict()  # created or moved in, not yet settled
        self._arriving_folders: dict[Path, float] = {}  # folders created or moved in -> when (monotonic)
        self._reported: OrderedDict[Path, None] = OrderedDict()

    # -- which events are arrivals ---------------------------------------------------
    def _on_event(self, event: FileSystemEvent) -> None:
        if event.is_directory:
            super()._on_event(event)  # a folder moved in or created: scanned (see _scan_folder)
            return
        src = Path(os.fsdecode(event.src_path))
        kind = event.event_type
        with self._arrivals_lock:
            if kind == "created":
                _keep(self._arriving, src)
            elif kind == "moved":
                self._arriving.pop(src, None)
                self._reported.pop(src, None)  # it left: arriving again later is news
                _keep(self._arriving, Path(os.fsdecode(event.dest_path)))
            elif kind == "deleted":
                self._arriving.pop(src, None)
                self._reported.pop(src, None)
            elif src not in self._arriving:
                return  # modified or closed: an edit of a file that was already there
        super()._on_event(event)

    def _scan_folder(self, folder: Path) -> None:
        if os.path.ismount(folder):
            return  # a stick mounted below a place: its files were there already; the rescan watches it
        with self._arrivals_lock:
            self._arriving_folders[folder] = time.monotonic()
        super()._scan_folder(folder)

    # -- the check of a settled file (worker thread) ----------------------------------
    def _in_arriving_folder(self, path: Path, now: float) -> bool:
        for folder, since in list(self._arriving_folders.items()):
            if now - since > _FOLDER_GRACE:
                del self._arriving_folders[folder]
            elif path.is_relative_to(folder):
                return True
        return False

    def _is_arrival(self, path: Path) -> bool:
        with self._arrivals_lock:
            arrived = path in self._arriving or self._in_arriving_folder(path, time.monotonic())
            self._arriving.pop(path, None)
            if not arrived or path in self._reported:
                return False
        if self._below_unwatched_mount(path):
            return False
        with self._arrivals_lock:
            _keep(self._reported, path)
        return True

    def _below_unwatched_mount(self, path: Path) -> bool:
        """Whether `path` is on a file system mounted below the watched folder that holds it (a stick
        mounted a moment ago, not watched yet: its files were there before)."""
        with self._lock:
            root = self._root_for(path)
        if root is None:
            return True
        folder = path.parent
        while folder != root and folder.is_relative_to(root):
            if os.path.ismount(folder):
                return True
            folder = folder.parent
        return False


class PlaceWatcher:
    """Reports documents arriving in sharing places, in batches (see the module's docstring)."""

    def __init__(self, places: Sequence[Place], on_arrivals: Callable[[list[Arrival]], None],
                 settle_seconds: float = 1.0, rescan_seconds: float = 2.0, *, own_writes: OwnWrites | None = None,
                 refresh: Callable[[], Sequence[Place]] | None = None, force_polling: bool = False,
                 poll_interval: float = 5.0):
        self.settle_seconds = settle_seconds
        self.rescan_seconds = rescan_seconds
        self.own_writes = own_writes if own_writes is not None else OwnWrites()
        self._on_arrivals = on_arrivals
        self._refresh = refresh
        self._force_polling = force_polling
        self._poll_interval = poll_interval
        self._lock = threading.Lock()
        self._places: list[Place] = list(places)
        self._roots: dict[Path, int] = {}  # watched folder -> the st_dev it had when it was watched
        self._watcher: _ArrivalWatcher | None = None
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()
        self._kick = threading.Event()
        self._scanning = threading.Lock()

    # -- public API --------------------------------------------------------------------
    def start(self, block: bool = True) -> None:
        """Start watching; with `block` (default) the places that exist are watched when this returns.

        Watching a place walks its folder tree; a GUI passes block=False and
        the first scan happens on the watcher's thread.
        """
        with self._lock:
            if self._watcher is not None:
                return
            self._stopping.clear()
            self._watcher = _ArrivalWatcher(self, self.settle_seconds, self.own_writes, self._force_polling,
                                            self._poll_interval)
            self._watcher.start()
            self._thread = threading.Thread(target=self._loop, args=(not block,), name="labeler-sharing-places",
                                            daemon=True)
        if block:
            self.rescan()
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop watching; files still settling are forgotten.  Safe to call twice."""
        with self._lock:
            watcher, thread, self._watcher, self._thread = self._watcher, self._thread, None, None
            self._roots = {}
        self._stopping.set()
        self._kick.set()
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)
        if watcher is not None:
            watcher.stop(timeout)

    @property
    def running(self) -> bool:
        return self._watcher is not None

    @property
    def places(self) -> list[Place]:
        with self._lock:
            return list(self._places)

    def set_places(self, places: Sequence[Place]) -> None:
        """Watch these places from now on (folders no longer wanted are let go at the next rescan, soon)."""
        with self._lock:
            self._places = list(places)
        self._kick.set()

    def watched(self) -> list[Path]:
        """The folders watched right now: existing places and the mount points just below them."""
        with self._lock:
            return sorted(self._roots)

    def wait_idle(self, timeout: float = 30.0) -> bool:
        """Block until nothing is settling or waiting to be reported; False on timeout."""
        deadline = time.monotonic() + timeout
        while True:
            watcher = self._watcher
            if watcher is None or (watcher.idle() and not self._scanning.locked()):
                return True
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.02)

    def rescan(self) -> None:
        """Look for places and mount points that appeared, changed or went away, now."""
        with self._scanning:
            watcher = self._watcher
            if watcher is None:
                return
            if self._refresh is not None:
                try:
                    places = list(self._refresh())
                except Exception:  # keep the places we have
                    log.exception("sharing places: refreshing the places failed")
                else:
                    with self._lock:
                        self._places = places
            wanted = _wanted_roots(self.places)
            with self._lock:
                current = dict(self._roots)
            for root, device in current.items():
                if wanted.get(root) != device:
                    watcher.remove_folder(root)
                    with self._lock:
                        self._roots.pop(root, None)
            for root, device in wanted.items():
                if current.get(root) != device:
                    with self._lock:
                        if self._watcher is not watcher:
                            return
                        self._roots[root] = device
                    watcher.add_folder(root)

    # -- internals ---------------------------------------------------------------------
    def _loop(self, scan_first: bool) -> None:
        if scan_first:
            self._safe_rescan()
        while not self._stopping.is_set():
            self._kick.wait(self.rescan_seconds)
            self._kick.clear()
            if self._stopping.is_set():
                return
            self._safe_rescan()

    def _safe_rescan(self) -> None:
        try:
            self.rescan()
        except Exception:
            log.exception("sharing places: rescan failed")

    def _deliver(self, paths: list[Path]) -> None:
        places = self.places
        arrivals = [Arrival(path, place) for path in paths if (place := place_of(path, places)) is not None]
        if arrivals:
            self._on_arrivals(arrivals)


def _keep(table: OrderedDict[Path, None], path: Path) -> None:
    """Remember `path` in `table` (bounded: the oldest are forgotten first); names never watched are not kept."""
    if is_ignored_name(path.name):
        return
    table[path] = None
    table.move_to_end(path)
    while len(table) > _MAX_REMEMBERED:
        table.popitem(last=False)


def _device(path: str) -> int | None:
    try:
        return os.stat(path).st_dev
    except OSError:
        return None


def _wanted_roots(places: Sequence[Place]) -> dict[Path, int]:
    """Each existing place and each mount point directly below one, with its file system's device."""
    wanted: dict[Path, int] = {}
    for place in places:
        folder = os.fspath(place.path)
        if not os.path.isdir(folder):
            continue
        root = normalise(folder)
        device = _device(os.fspath(root))
        if device is None:
            continue
        wanted.setdefault(root, device)
        try:
            entries = list(os.scandir(root))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith(".") or not entry.is_dir(follow_symlinks=False):
                continue
            if os.path.ismount(entry.path) and (child := _device(entry.path)) is not None:
                wanted.setdefault(Path(entry.path), child)
    return wanted
