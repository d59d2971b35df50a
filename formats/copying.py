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


def copy_range(src: BinaryIO, out: BinaryIO, start: int, end: int) -> None:
    """Append bytes [start, end) of `src` to `out`."""
    if end <= start:
        return
    if hasattr(os, "copy_file_range"):
        out.flush()
        try:
            done = _kernel_copy(src.fileno(), out.fileno(), start, end)
        except OSError:
            done = 0  # e.g. EXDEV/ENOSYS/EINVAL: fall back to the loop
        out.seek(0, os.SEEK_END)  # the kernel moved the descriptor; resync the buffer
        start += done
        if start == end:
            return
    src.seek(start)
    remaining = end - start
    while remaining:
        chunk = src.read(min(CHUNK, remaining))
        if not chunk:
            raise ShortSource
        out.write(chunk)
        remaining -= len(chunk)


def _kernel_copy(src_fd: int, out_fd: int, start: int, end: int) -> int:
    offset = start
    while offset < end:
        n = os.copy_file_range(src_fd, out_fd, min(end - offset, 1 << 30), offset)
        if n == 0:
            break  # end of the source: the caller's loop reports it
        offset += n
    return offset - start
