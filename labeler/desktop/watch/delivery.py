"""Checking settled files and delivering them to `on_ready` in batches.

One job: the worker thread's side of `FolderWatcher`.  Files the `Settler`
declares settled are checked against the app's own writes and
`is_candidate`, remembered, collected into a batch, and handed to
`on_ready` once per quiet period (or when the batch is overdue).
`Delivery` is a mixin of `FolderWatcher`, which owns the state it uses.
"""
from __future__ import annotations

import logging
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from labeler.desktop.watch.own_writes import OwnWrites
    from labeler.desktop.watch.settle import Settler

log = logging.getLogger(__name__)

_SEEN_MAX = 50_000


class Delivery:
    """The worker loop: settle, check, batch, deliver."""

    # The state it uses, which `FolderWatcher` owns.
    own_writes: OwnWrites
    _is_candidate: Callable[[Path], bool]
    _on_ready: Callable[[list[Path]], None]
    _max_batch_delay: float
    _paused: bool
    _stopping: threading.Event
    _kick: threading.Event
    _settler: Settler
    _batch_lock: threading.Lock
    _batch: list[Path]
    _batch_since: float | None
    _checking: int
    _seen: OrderedDict[Path, tuple[int, int]]

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
