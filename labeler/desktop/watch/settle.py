"""Debouncing per file: a path is ready only when it has settled.

"Settled" means, in this order:

1. no event for the path for `settle_seconds` (a burst of writes is one change);
2. its size and mtime are the same at two checks `check_gap` apart (a
   writer that pauses longer than the quiet time is still caught, and a
   polling observer's coarse events are covered);
3. no editor owner/lock file sits beside it (Word's `~$…`, LibreOffice's
   `.~lock.…#`): the document is still open there and could not be labelled
   anyway; it is held and looked at again when the lock file goes away;
4. it can be opened for reading (Windows refuses while a writer holds it).

The Settler only keeps state and does the checks; the watcher's thread
drives it.  All methods are thread-safe; file I/O happens outside the lock.
"""
from __future__ import annotations

import logging
import os
import stat as stat_mod
import threading
from dataclasses import dataclass
from pathlib import Path

from formats.atomic import lock_owner_files

log = logging.getLogger(__name__)

READY, WAIT, HOLD, GONE = "ready", "wait", "hold", "gone"


@dataclass
class _Entry:
    due: float  # when to look at it next (monotonic seconds)
    generation: int = 0  # bumped on every event, so a stale check is discarded
    signature: tuple[int, int] | None = None  # (size, mtime_ns) at the first check
    held: bool = False  # waiting for an editor to close it
    open_failures: int = 0


class Settler:
    def __init__(self, settle_seconds: float = 2.0, check_gap: float | None = None,
                 hold_recheck: float = 15.0, max_open_failures: int = 40):
        self.settle_seconds = settle_seconds
        self.check_gap = check_gap if check_gap is not None else max(0.1, min(1.0, settle_seconds / 2))
        self.hold_recheck = hold_recheck
        self.max_open_failures = max_open_failures
        self._lock = threading.Lock()
        self._entries: dict[Path, _Entry] = {}

    # -- events ------------------------------------------------------------
    def note(self, path: Path, now: float, quiet: bool = False) -> None:
        """Something happened to `path` (quiet: found by a scan, no need to wait)."""
        with self._lock:
            entry = self._entries.get(path)
            due = now if quiet else now + self.settle_seconds
            if entry is None:
                self._entries[path] = _Entry(due=due)
                return
            if quiet:
                return  # already being looked at; a scan adds nothing
            entry.generation += 1
            entry.due, entry.signature, entry.held = due, None, False

    def forget(self, path: Path) -> None:
        with self._lock:
            self._entries.pop(path, None)

    def forget_under(self, folder: Path) -> None:
        with self._lock:
            for path in [p for p in self._entries if p.is_relative_to(folder)]:
                del self._entries[path]

    def release_held(self, folder: Path, now: float) -> None:
        """A lock file in `folder` went away: look at held documents there again soon."""
        with self._lock:
            for path, entry in self._entries.items():
                if entry.held and path.parent == folder:
                    entry.held = False
                    entry.generation += 1
                    entry.due, entry.signature = now + self.settle_seconds, None

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    # -- state -------------------------------------------------------------
    def __contains__(self, path: Path) -> bool:
        with self._lock:
            return path in self._entries

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)

    def busy(self) -> int:
        """How many paths are still settling (held ones do not count)."""
        with self._lock:
            return sum(1 for e in self._entries.values() if not e.held)

    def held(self) -> list[Path]:
        with self._lock:
            return [p for p, e in self._entries.items() if e.held]

    def next_due(self) -> float | None:
        with self._lock:
            return min((e.due for e in self._entries.values()), default=None)

    # -- checking ----------------------------------------------------------
    def process(self, now: float) -> list[Path]:
        """Check every path that is due; return those that are ready (and drop them)."""
        with self._lock:
            due = [(p, e.generation, e.signature) for p, e in self._entries.items() if e.due <= now]
        ready = []
        for path, generation, signature in due:
            verdict, new_signature = self._check(path, signature)
            with self._lock:
                entry = self._entries.get(path)
                if entry is None or entry.generation != generation:
                    continue  # a newer event came in while we looked
                if verdict == READY:
                    del self._entries[path]
                    ready.append(path)
                elif verdict == GONE:
                    del self._entries[path]
                elif verdict == HOLD:
                    entry.held, entry.signature = True, None
                    entry.due = now + self.hold_recheck
                elif new_signature is None:  # could not open it yet
                    entry.open_failures += 1
                    if entry.open_failures > self.max_open_failures:
                        log.info("giving up on %s: it cannot be opened for reading", path)
                        del self._entries[path]
                    else:
                        entry.due = now + self.check_gap * 2
                elif signature is not None and new_signature != signature:
                    # still changing: start the quiet period again
                    entry.signature, entry.due = new_signature, now + self.settle_seconds
                else:
                    entry.signature, entry.due = new_signature, now + self.check_gap
        return ready

    def _check(self, path: Path, signature: tuple[int, int] | None) -> tuple[str, tuple[int, int] | None]:
        try:
            st = os.stat(path)
        except FileNotFoundError:
            return GONE, None
        except OSError:
            return WAIT, None
        if not stat_mod.S_ISREG(st.st_mode):
            return GONE, None
        current = (st.st_size, st.st_mtime_ns)
        if signature is None or current != signature:
            return WAIT, current
        if lock_owner_files(path):
            return HOLD, current
        try:
            with open(path, "rb") as f:
                f.read(1)
        except OSError:
            return WAIT, None
        return READY, current
