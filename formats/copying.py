"""Copying a byte range of the original into the new file, as cheaply as the OS allows.

Both ZIP rewriting and PDF incremental updates spend almost all their time
copying the original's bytes.  `os.copy_file_range` lets the kernel do that
without passing the data through Python (and lets file systems such as
Btrfs or XFS share the blocks); where it is unavailable or refused, a
bounded read/write loop does the same.
"""
from __future__ import annotations

import os
from typing import BinaryIO

CHUNK = 1024 * 1024


class ShortSource(Exception):
    """The source ended before `end`: it was truncated or changed meanwhile."""


# When the new file is hashed while it is written (formats/atomic.py), the kernel
# copies this much at a time and the hash follows each step.
FOLLOWED_STEP = 2 * CHUNK


def copy_range(src: BinaryIO, out: BinaryIO, start: int, end: int) -> None:
    """Append bytes [start, end) of `src` to `out`.

    An `out` with a `settled()` method (the transaction's temp file, when it
    is hashed as it is written) is told, before and as the bytes are copied,
    that everything before its position is final: copied bytes are never
    rewritten, and what the writer wrote before a copy is never patched
    after it (if it were, `settled` would notice and the hash is redone).
    """
    if end <= start:
        return
    settled = getattr(out, "settled", None)
    if hasattr(os, "copy_file_range"):
        out.flush()
        after_step = None
        dst = os.lseek(out.fileno(), 0, os.SEEK_CUR)  # where the kernel writes
        if settled is not None:
            settled()

            def after_step(offset: int) -> None:
                settled(dst + offset - start)
        try:
            done = _kernel_copy(src.fileno(), out.fileno(), start, end,
                                step=FOLLOWED_STEP if settled is not None else 1 << 30, after_step=after_step)
        except OSError:
            done = 0  # e.g. EXDEV/ENOSYS/EINVAL: fall back to the loop
        out.seek(0, os.SEEK_END)  # the kernel moved the descriptor; resync the buffer
        if done == end - start and hasattr(out, "kernel_copied"):
            out.kernel_copied(dst, src.fileno(), start, done)  # the verification may rely on it
        start += done
        if start == end:
            if settled is not None:
                settled()
            return
    src.seek(start)
    remaining = end - start
    while remaining:
        chunk = src.read(min(CHUNK, remaining))
        if not chunk:
            raise ShortSource
        out.write(chunk)
        remaining -= len(chunk)
    if settled is not None:
        settled()


def _kernel_copy(src_fd: int, out_fd: int, start: int, end: int, step: int = 1 << 30, after_step=None) -> int:
    offset = start
    while offset < end:
        n = os.copy_file_range(src_fd, out_fd, min(end - offset, step), offset)
        if n == 0:
            break  # end of the source: the caller's loop reports it
        offset += n
        if after_step is not None:
            after_step(offset)
    return offset - start
