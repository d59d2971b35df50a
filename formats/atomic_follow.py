"""Following a temp file as it is written: its SHA-256 on a second thread, and the kernel copies into it.

The write pipeline of formats/atomic.py hashes the new file while it is
written (`_FollowingHash`), and remembers which ranges of it the kernel
copied from an original (`kernel_copied`), so that verifying can skip them.
`_Output` is the temp file as a plan writes to it, telling both of them
how far the content is final, and handing the final bytes to the kernel's
writeback early (`_Writeback`).
"""
from __future__ import annotations

import bisect
import hashlib
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

FOLLOW_CHUNK = 1024 * 1024  # the following hash reads this much at a time (its buffer stays in cache)


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
    """The ranges the kernel copied into one temp file, each from one range of one original.

    Kept sorted by where they went in the temp file, with their furthest
    end, so that looking up a member and the writer's seek to the end stay
    cheap in packages of many thousands of members.
    """

    def __init__(self) -> None:
        self.starts: list[int] = []  # where each copy went in the temp file, ascending
        self.copies: list[tuple[int, tuple[int, int], int, int]] = []  # (dst, (dev, inode), start, length)
        self.end = 0

    def add(self, entry: tuple[int, tuple[int, int], int, int]) -> None:
        at = bisect.bisect_right(self.starts, entry[0])
        self.starts.insert(at, entry[0])
        self.copies.insert(at, entry)
        self.end = max(self.end, entry[0] + entry[3])

    def covers(self, new_start: int, source: tuple[int, int], start: int, length: int) -> bool:
        """Whether one copy put bytes [start, start + length) of `source` at `new_start`.

        Copies never overlap in the temp file (a writer that moves back
        drops the ones it may overwrite), so only the copy that begins last
        at or before `new_start` can hold the range.
        """
        at = bisect.bisect_right(self.starts, new_start) - 1
        if at < 0 or length <= 0:
            return False
        dst, origin, copied_from, copied = self.copies[at]
        return (origin == source and new_start + length <= dst + copied
                and new_start - dst == start - copied_from and start >= copied_from)

    def forget_after(self, position: int) -> None:
        """Ranges reaching past `position` may be overwritten: they no longer count as copied."""
        if position >= self.end:
            return
        kept = [c for c in self.copies if c[0] + c[3] <= position]
        self.copies = kept
        self.starts = [c[0] for c in kept]
        self.end = max((c[0] + c[3] for c in kept), default=0)


# Temp file → the ranges the kernel copied into it from an original, while its transaction lives.
_KERNEL_COPIES: dict[str, _CopyLog] = {}
_KERNEL_COPIES_LOCK = threading.Lock()


def kernel_copies(new: Path, original: Path) -> Callable[[int, int, int], bool]:
    """`copied(new_start, start, length)`: whether bytes [new_start, new_start + length) of the
    temp file `new` were copied, within one uninterrupted kernel copy, from bytes [start, start +
    length) of `original` (same device and inode), by the transaction still writing `new`.  The
    paths are resolved once, for checking many members.  See formats/base.py, "Verifying cheaply"."""
    try:
        st = os.stat(original)
    except OSError:
        return lambda new_start, start, length: False
    source = (st.st_dev, st.st_ino)
    key = os.path.realpath(new)

    def copied(new_start: int, start: int, length: int) -> bool:
        with _KERNEL_COPIES_LOCK:
            log = _KERNEL_COPIES.get(key)
            return log is not None and log.covers(new_start, source, start, length)
    return copied


def kernel_copied(new: Path, new_start: int, original: Path, start: int, length: int) -> bool:
    """Whether bytes [new_start, new_start + length) of the temp file `new` were copied, within one
    uninterrupted kernel copy, from bytes [start, start + length) of `original` (see `kernel_copies`)."""
    return kernel_copies(new, original)(new_start, start, length)


WRITEBACK_STEP = 2 * 1024 * 1024  # the kernel is asked to start writing after this many final bytes
# The C library's sync_file_range, looked up on first use ([] until then, [None] where there is none).
_sync_file_range: list[Callable[[int, int, int, int], int] | None] = []


def _start_writeback(fd: int, offset: int, length: int) -> bool:
    """Linux `sync_file_range(fd, offset, length, SYNC_FILE_RANGE_WRITE)`: start writing those
    dirty pages to disk and return at once.  False where the C library has no such call or it failed."""
    if not _sync_file_range:
        _sync_file_range.append(_load_sync_file_range())
    call = _sync_file_range[0]
    return call is not None and call(fd, offset, length, 2) == 0  # 2: SYNC_FILE_RANGE_WRITE


def _load_sync_file_range() -> Callable[[int, int, int, int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        function = ctypes.CDLL(None, use_errno=True).sync_file_range
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_int64, ctypes.c_int64, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


class _Writeback:
    """Gives the temp file's fsync a head start: the kernel starts writing the bytes the writer
    has declared final while the rest is still being copied and hashed, so that the fsync the
    rename must wait for finds little left to write.  Only a head start: durability still comes
    from that fsync alone, and where the call is missing or refused nothing else changes."""

    def __init__(self, fd: int):
        self._fd = fd
        self._started = 0  # bytes [0, _started) have been handed to the kernel's writeback
        self._works = True

    def reached(self, position: int) -> None:
        if not self._works or position - self._started < WRITEBACK_STEP:
            return
        self._works = _start_writeback(self._fd, self._started, position - self._started)
        self._started = position


class _Output:
    """The temp file as a plan sees it (write, seek, tell, flush, fileno).  It tells the
    following hash how far the content is final, and keeps the log of kernel copies."""

    def __init__(self, f: BinaryIO, follower: _FollowingHash | None, log: _CopyLog):
        self._f = f
        self._follower = follower
        self._log = log
        self._writeback = _Writeback(f.fileno())

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
        if position is None:
            self._f.flush()
            position = self._f.tell()
        if self._follower is not None:
            self._follower.advance(position)
        self._writeback.reached(position)

    def kernel_copied(self, dst: int, src_fd: int, start: int, length: int) -> None:
        """copy_range: the kernel copied `length` bytes from offset `start` of `src_fd` to `dst`."""
        st = os.fstat(src_fd)
        with _KERNEL_COPIES_LOCK:
            self._log.add((dst, (st.st_dev, st.st_ino), start, length))

    def __getattr__(self, name: str):
        return getattr(self._f, name)
