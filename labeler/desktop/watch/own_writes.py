"""The app's own label writes, remembered so they never re-trigger a prompt.

After labelling a file the app calls `record(path)`; the watcher drops any
event for that path while the file's identity (size, mtime, inode) is still
the one recorded.  Identity, not time: a later change by someone else makes
the file count as changed again, however soon it comes.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path

from formats.atomic import FileIdentity

from labeler.desktop.watch.filters import normalise


class OwnWrites:
    """Thread-safe record of path → identity of files the app just wrote."""

    def __init__(self, max_entries: int = 10_000):
        self._lock = threading.Lock()
        self._entries: OrderedDict[Path, FileIdentity] = OrderedDict()
        self._max = max_entries

    def record(self, path: str | Path, identity: FileIdentity | None = None) -> None:
        """Remember `path` as written by us; identity defaults to the file's current one."""
        key = normalise(path)
        try:
            identity = identity or FileIdentity.of(key)
        except OSError:
            return  # gone already: nothing can re-trigger
        with self._lock:
            self._entries[key] = identity
            self._entries.move_to_end(key)
            while len(self._entries) > self._max:
                self._entries.popitem(last=False)

    def matches(self, path: str | Path) -> bool:
        """Whether the file is exactly as we last wrote it (then its events are ours)."""
        key = normalise(path)
        with self._lock:
            recorded = self._entries.get(key)
        if recorded is None:
            return False
        try:
            same = FileIdentity.of(key) == recorded
        except OSError:
            same = False
        if not same:
            self.forget(key)
        return same

    def forget(self, path: str | Path) -> None:
        key = normalise(path)
        with self._lock:
            self._entries.pop(key, None)

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)
