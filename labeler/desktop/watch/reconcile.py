"""Finding the files that events missed, by walking the watched folders.

One job: the reconciliation walk (`reconcile_now`, and the reconciler
thread that runs it now and then and retries unavailable folders), and the
scan of a folder that appeared whole (created or moved in), whose files
produce no events of their own.  `Reconciliation` is a mixin of
`FolderWatcher`, which owns the state it uses.
"""
from __future__ import annotations

import logging
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from labeler.desktop.watch.filters import in_hidden_folder, is_ignored_name, is_within

if TYPE_CHECKING:
    from labeler.desktop.watch.observers import _Folder
    from labeler.desktop.watch.settle import Settler

log = logging.getLogger(__name__)

_DIR_SCAN_MAX = 10_000


class Reconciliation:
    """The reconciliation walk and the reconciler thread's loop."""

    # The state it uses, which `FolderWatcher` owns.
    settle_seconds: float
    reconcile_interval: float | None
    last_reconcile: float | None
    _changed_since: float | None
    _recursive: bool
    _wants: Callable[[Path], bool] | None
    _running: bool
    _paused: bool
    _lock: threading.RLock
    _reconcile_lock: threading.Lock
    _batch_lock: threading.Lock
    _stopping: threading.Event
    _kick: threading.Event
    _folders: dict[Path, _Folder]
    _ignored: list[Path]
    _settler: Settler
    _batch: list[Path]
    _seen: OrderedDict[Path, tuple[int, int]]

    if TYPE_CHECKING:  # the host's, and its other mixins'
        def _root_for(self, path: Path) -> Path | None: ...
        def _note(self, path: Path, quiet: bool = False) -> bool: ...
        def _drain(self, deadline: float) -> None: ...
        def _retry_unavailable(self) -> None: ...

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
