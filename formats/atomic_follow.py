"""Following a temp file as it is written: its SHA-256 on a second thread, and the kernel copies into it.

The write pipeline of formats/atomic.py hashes the new file while it is
written (`_FollowingHash`), and remembers which ranges of it the kernel
copied from an original (`kernel_copied`), so that verifying can skip them.
`_Output` is the temp file as a plan writes to it, telling both of them
how far the content is final.
"""
from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path
from typing import BinaryIO

FOLLOW_CHUNK = 4 * 1024 * 1024  # the following hash reads this much at a time


class _FollowingHash:
    """SHA-256 of a file being written, computed on a second thread that follows the writer.

    The writer calls `advance(n)` once bytes [0, n) will not change any more
    and `rewound(n)` when it moves back to offset n; moving back before what
    was declared final spoils the hash (`result` is then None and the caller
    hashes the finished file instead).  The thread reads the file through its
    own descriptor, so what it hashes is what the file holds.
    """

    def __init__(self, path: Path):
        self._fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        self._digest = hashlib.sha256()
        self._cond = threading.Condition()
        self._final = 0  # bytes [0, _final) will not change
        self._hashed = 0
        self._closing = False
        self._spoiled = False
        self._failed = False
        self._thread = threading.Thread(target=self._run, name="labeler-hash", daemon=True)
        self._thread.start()

    def advance(self, offset: int) -> None:
        with self._cond:
            if offset > self._final:
                self._final = offset
                self._cond.notify()

    def rewound(self, offset: int) -> None:
        if offset < self._final:
            with self._cond:
                self._spoiled = True
                self._cond.notify()

    def _run(self) -> None:
        buffer = bytearray(FOLLOW_CHUNK)
        view = memoryview(buffer)
        try:
            while True:
                with self._cond:
                    while not (self._closing or self._spoiled) and self._hashed >= self._final:
                        self._cond.wait()
                    if self._spoiled or self._hashed >= self._final:
                        return
                    target = self._final
                while self._hashed < target:
                    want = min(FOLLOW_CHUNK, target - self._hashed)
                    n = os.preadv(self._fd, [view[:want]], self._hashed) if hasattr(os, "preadv") else \
                        _pread_into(self._fd, view, want, self._hashed)
                    if n <= 0:
                        raise OSError("the new file ended before the bytes written to it")
                    self._digest.update(view[:n])
                    self._hashed += n
        except Exception:  # noqa: BLE001 - any failure: the finished file is hashed instead
            with self._cond:
                self._failed = True
        finally:
            view.release()

    def result(self, size: int) -> str | None:
        """The SHA-256 of the file's first `size` bytes (its whole content), or None if it must be hashed anew."""
        self.advance(size)
        self._stop()
        if self._spoiled or self._failed or self._hashed != size:
            return None
        return self._digest.hexdigest()

    def close(self) -> None:
        with self._cond:
            self._spoiled = True
        self._stop()

    def _stop(self) -> None:
        with self._cond:
            self._closing = True
            self._cond.notify()
        self._thread.join()
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1


def _pread_into(fd: int, view: memoryview, want: int, offset: int) -> int:
    data = os.pread(fd, want, offset)
    view[:len(data)] = data
    return len(data)


class _CopyLog:
    """The ranges the kernel copied into one temp file: (dst, (dev, inode), start, length).

    A set and the end of the furthest range, so that looking up a member and
    the writer's seek to the end stay constant-time in packages of many
    thousands of members.
    """

    def __init__(self) -> None:
        self.entries: set[tuple[int, tuple[int, int], int, int]] = set()
        self.end = 0

    def add(self, entry: tuple[int, tuple[int, int], int, int]) -> None:
        self.entries.add(entry)
        self.end = max(self.end, entry[0] + entry[3])

    def forget_after(self, position: int) -> None:
        """Ranges reaching past `position` may be overwritten: they no longer count as copied."""
        if position >= self.end:
            return
        self.entries = {c for c in self.entries if c[0] + c[3] <= position}
        self.end = max((c[0] + c[3] for c in self.entries), default=0)


# Temp file → the ranges the kernel copied into it from an original, while its transaction lives.
_KERNEL_COPIES: dict[str, _CopyLog] = {}
_KERNEL_COPIES_LOCK = threading.Lock()


def kernel_copied(new: Path, new_start: int, original: Path, start: int, length: int) -> bool:
    """Whether bytes [new_start, new_start + length) of the temp file `new` were copied, in one
    uninterrupted kernel copy, from bytes [start, start + length) of `original` (same device and
    inode), by the transaction still writing `new`.  See formats/base.py, "Verifying cheaply"."""
    try:
        st = os.stat(original)
    except OSError:
        return False
    with _KERNEL_COPIES_LOCK:
        copies = _KERNEL_COPIES.get(os.path.realpath(new))
        return copies is not None and (new_start, (st.st_dev, st.st_ino), start, length) in copies.entries


class _Output:
    """The temp file as a plan sees it (write, seek, tell, flush, fileno).  It tells the
    following hash how far the content is final, and keeps the log of kernel copies."""

    def __init__(self, f: BinaryIO, follower: _FollowingHash | None, log: _CopyLog):
        self._f = f
        self._follower = follower
        self._log = log

    def write(self, data) -> int:
        return self._f.write(data)

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        position = self._f.seek(offset, whence)
        self._rewound(position)
        return position

    def truncate(self, size: int | None = None) -> int:
        result = self._f.truncate(size)
        self._rewound(result)
        return result

    def _rewound(self, position: int) -> None:
        if self._follower is not None:
            self._follower.rewound(position)
        # Bytes a kernel copy put there may be overwritten: they no longer count as copied.
        with _KERNEL_COPIES_LOCK:
            self._log.forget_after(position)

    def settled(self, position: int | None = None) -> None:
        """Everything before the current position (or `position`, where the kernel is copying
        to) is final: copy_range calls this as it copies."""
        if self._follower is None:
            return
        if position is None:
            self._f.flush()
            position = self._f.tell()
        self._follower.advance(position)

    def kernel_copied(self, dst: int, src_fd: int, start: int, length: int) -> None:
        """copy_range: the kernel copied `length` bytes from offset `start` of `src_fd` to `dst`."""
        st = os.fstat(src_fd)
        with _KERNEL_COPIES_LOCK:
            self._log.add((dst, (st.st_dev, st.st_ino), start, length))

    def __getattr__(self, name: str):
        return getattr(self._f, name)
