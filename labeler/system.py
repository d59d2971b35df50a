"""Operating-system helpers that every part of the app shares, in one place.

- `APP_NAME`: the name of the app's folders, logs and sockets;
- `current_user()` and the UTC clock (`utc_now`, `utc_now_ms`);
- `file_lock()`: one inter-process lock (the `filelock` package: `fcntl.flock`
  on POSIX, `msvcrt.locking` on Windows) for the audit trail, the SIEM spool,
  the scheme store and the single running instance;
- `write_bytes_atomically()`: crash-safe writes of the app's own small files;
- `resource_path()`: files shipped in the `resources` package (schemes, icons,
  translations, menu templates), found the same way from a checkout or a wheel.
"""
from __future__ import annotations

import contextlib
import os
from pathlib import Path
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from formats.atomic import write_bytes_atomically

# getpass, datetime, importlib.resources and formats.atomic are imported where they are used: every
# command imports this module, and `labeler show FILE` needs none of them (they cost it start-up time).

APP_NAME = "labeler"

__all__ = ["APP_NAME", "current_user", "utc_now", "utc_now_ms", "file_lock", "write_bytes_atomically",
           "resource_path", "InstanceLock"]


def current_user() -> str:
    """The login name; "unknown" where a container or service has none."""
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers/services
        return os.environ.get("USERNAME", "unknown")


def utc_now() -> str:
    """Now in UTC, to the second, as labels store it: 2026-11-30T10:00:00Z."""
    from datetime import datetime, UTC

    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def utc_now_ms() -> str:
    """Now in UTC with milliseconds, as the audit trail stores it."""
    from datetime import datetime, UTC

    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@contextlib.contextmanager
def file_lock(lock_path: str | Path, blocking: bool = True) -> Iterator[bool]:
    """Exclusive inter-process lock on `lock_path` (created if needed).

    Yields True when held.  With `blocking=False` it yields False at once if
    another process or thread holds it.  Each call takes its own lock object
    (its own file descriptor), so it also excludes other threads.
    """
    lock_path = Path(lock_path)
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    from filelock import FileLock, Timeout  # imported when a lock is taken: `labeler show` takes none

    lock = FileLock(lock_path, timeout=-1 if blocking else 0, thread_local=False)
    try:
        lock.acquire()
    except Timeout:
        yield False
        return
    try:
        yield True
    finally:
        lock.release()


class InstanceLock:
    """A lock held for a process's lifetime (the running app); the OS drops it if the process dies."""

    def __init__(self, path: Path):
        self.path = Path(path)
        from filelock import FileLock

        self._lock = FileLock(self.path, timeout=0, thread_local=False)

    def acquire(self) -> bool:
        from filelock import Timeout

        try:
            self._lock.acquire()
        except Timeout:
            return False
        return True

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release()


def resource_path(*parts: str) -> Path:
    """A file shipped in the `resources` package, e.g. resource_path("icons", "labeler.svg")."""
    import importlib.resources

    return Path(str(importlib.resources.files("resources").joinpath(*parts)))


def __getattr__(name: str):
    """`write_bytes_atomically`, formats.atomic's, imported when first asked for."""
    if name == "write_bytes_atomically":
        from formats.atomic import write_bytes_atomically

        return write_bytes_atomically
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
