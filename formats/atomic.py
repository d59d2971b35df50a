"""Replacing a file safely: temp file beside it, fsync, os.replace.

A crash or kill at any moment leaves either the old file or the new one.
Before replacing, the original's identity is compared with what was read, so
a file that another program changed meanwhile is never overwritten.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterator

from .errors import CHANGED, LOCKED, READ_ONLY, PERMISSION_DENIED, FormatError, from_os_error

TEMP_PREFIX = ".~labeler-"
TEMP_SUFFIX = ".tmp"


@dataclass(frozen=True)
class FileIdentity:
    """Enough to notice that a file changed between reading and writing."""

    size: int
    mtime_ns: int
    inode: int
    # ctime also catches an in-place save that restored size and mtime.
    ctime_ns: int = 0

    @classmethod
    def of(cls, path: Path) -> "FileIdentity":
        st = os.stat(path)
        return cls(st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns)


def lock_owner_files(path: Path) -> list[Path]:
    """Owner/lock files that editors keep beside a document while it is open."""
    name = path.name
    candidates = [f".~lock.{name}#", f"~${name}"]
    # Word and Excel shorten long names: "~$" replaces the first 1 or 2 chars.
    if len(name) > 2:
        candidates += [f"~${name[1:]}", f"~${name[2:]}"]
    return [path.parent / c for c in candidates if (path.parent / c).exists()]


def check_can_replace(path: Path) -> None:
    """Refuse early, with a clear sentence, what would fail or surprise later."""
    name = path.name
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):
        raise FormatError("not-a-file", f"{name} is not a regular file.")
    # os.replace would happily replace a read-only file in a writable
    # folder: honour the read-only flag the user set.
    if not os.access(path, os.W_OK) or not (st.st_mode & stat.S_IWUSR):
        raise FormatError(READ_ONLY, f"{name} is read-only; it was left as it was.")
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise FormatError(PERMISSION_DENIED,
                          f"The folder of {name} does not allow creating files, so it cannot be labelled safely.")
    locks = lock_owner_files(path)
    if locks:
        raise FormatError(LOCKED, f"{name} is open in another program (lock file {locks[0].name}); "
                                  "close it there and try again.")


def _copy_xattrs(src: Path, dst: str) -> None:
    # Keep other tools' extended attributes (quarantine flags, tags, ...).
    if not hasattr(os, "listxattr"):
        return
    with contextlib.suppress(OSError):
        for key in os.listxattr(src):
            with contextlib.suppress(OSError):
                os.setxattr(dst, key, os.getxattr(src, key))


def fsync_dir(directory: Path) -> None:
    """Make a rename in `directory` durable (POSIX; a no-op elsewhere)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_bytes_atomically(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write a small file of the app's own (settings, state, menu entries) crash-safely.

    A crash leaves the old file or the new one.  The permissions of an
    existing file are kept unless `mode` is given (new files: 0o644).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if mode is None:
        try:
            mode = path.stat().st_mode & 0o7777
        except FileNotFoundError:
            mode = 0o644
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)


@contextlib.contextmanager
def replace_atomically(path: Path, expected: FileIdentity) -> Iterator[BinaryIO]:
    """Yield a file to write the new content to; on success it replaces `path`.

    On any exception the temp file is removed and `path` is untouched.
    """
    path = Path(os.path.realpath(path))  # replace the target, not a symlink
    try:
        fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=path.parent)
    except OSError as exc:
        raise from_os_error(exc, path.name) from None
    try:
        with os.fdopen(fd, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        shutil.copymode(path, tmp)
        _copy_xattrs(path, tmp)
        if FileIdentity.of(path) != expected:
            raise FormatError(CHANGED, f"{path.name} was changed by another program while it was being "
                                       "labelled; nothing was written. Try again.")
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise from_os_error(exc, path.name) from None
        raise
