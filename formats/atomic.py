"""Replacing a file safely: temp file beside it, fsync, os.replace.

A crash or kill at any moment leaves either the old file or the new one.
Before replacing, the original's identity is compared with what was read, so
a file that another program changed meanwhile is never overwritten.  The new
file gets the original's owner, group, mode and extended attributes (POSIX
ACLs are xattrs on Linux); where one of them cannot be kept the write is
refused and the original stays as it was.

Our temp files are named `.~labeler-*.tmp` and are held under an exclusive
`flock` while being written.  A temp file nobody holds was left by a writer
that was killed: the next write in that folder removes it.

Cost: the write must hash the new file (the audit records its SHA-256) and
fsync it.  Neither needs to wait for the other, nor for the whole file: a
second thread hashes the temp file *as it is written*, following the writer
up to the point the writer says will not change again (`settled`), and the
fsync runs on its own thread while the caller verifies the new file
(`finish` starts it, `synced` waits for it).  The hash is of the temp
file's own bytes read back, in file order, never of what we meant to
write; if the writer moves back into bytes already hashed, the following
hash is dropped and the file is hashed again from the start (the following
hash and the log of kernel copies are in formats/atomic_follow.py).  So that
the fsync finds little left to write, the kernel is asked to start writing
the settled bytes to disk while the rest is still being written (Linux
`sync_file_range`; only a head start, durability comes from the fsync).
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from collections.abc import Iterator

from .atomic_follow import FOLLOW_CHUNK as FOLLOW_CHUNK
from .atomic_follow import _KERNEL_COPIES as _KERNEL_COPIES
from .atomic_follow import _KERNEL_COPIES_LOCK, _CopyLog, _FollowingHash, _Output
from .atomic_follow import kernel_copied as kernel_copied
from .errors import (CHANGED, HARD_LINKED, LOCKED, NOT_OWNER, PERMISSION_DENIED, READ_ONLY, FormatError,
                     from_os_error)

TEMP_PREFIX = ".~labeler-"
TEMP_SUFFIX = ".tmp"
HASH_CHUNK = 1024 * 1024

try:
    import fcntl
except ImportError:  # Windows: an open file cannot be deleted there, which protects live temps
    fcntl = None  # type: ignore[assignment]


@dataclass(frozen=True)
class FileIdentity:
    """Enough to notice that a file changed between reading and writing."""

    size: int
    mtime_ns: int
    inode: int
    # ctime also catches an in-place save that restored size and mtime.
    ctime_ns: int = 0

    @classmethod
    def of(cls, path: Path) -> FileIdentity:
        st = os.stat(path)
        return cls(st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns)


def sha256_of(path: Path) -> str:
    """SHA-256 of a file's content, streamed."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def lock_owner_files(path: Path) -> list[Path]:
    """Owner/lock files that editors keep beside a document while it is open."""
    name = path.name
    candidates = [f".~lock.{name}#", f"~${name}"]
    # Word and Excel shorten long names: "~$" replaces the first 1 or 2 chars.
    if len(name) > 2:
        candidates += [f"~${name[1:]}", f"~${name[2:]}"]
    return [path.parent / c for c in candidates if (path.parent / c).exists()]


def check_can_replace(path: Path, replacing: bool = True) -> None:
    """Refuse early, with a clear sentence, what would fail or surprise later.

    `replacing`: the file will be replaced by a new one (not changed in place),
    so hard links and ownership matter."""
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
    if not replacing:
        return
    if st.st_nlink > 1:
        # Replacing one name of a hard-linked file would leave the other
        # names with the old content: refuse rather than split them.
        raise FormatError(HARD_LINKED, f"{name} has {st.st_nlink - 1} other name(s) (hard links) that would "
                                       "keep the old content, so it was left as it was; make it a separate "
                                       "copy to label it.")
    _check_owner_can_be_kept(name, st)


def _check_owner_can_be_kept(name: str, st: os.stat_result) -> None:
    """Refuse a file whose owner or group the new file could not get."""
    if not hasattr(os, "geteuid") or os.geteuid() == 0:
        return  # Windows (ownership follows the folder) or root (may chown)
    if st.st_uid != os.geteuid():
        raise FormatError(NOT_OWNER, f"{name} belongs to another user; labelling it would make you its owner, "
                                     "so it was left as it was.")
    if st.st_gid != os.getegid() and st.st_gid not in os.getgroups():
        raise FormatError(NOT_OWNER, f"{name} belongs to a group you are not in; labelling it would change "
                                     "its group, so it was left as it was.")


def _temp_beside(directory: Path) -> tuple[int, str]:
    """A new temp file in `directory`, locked so that cleanup leaves it alone."""
    while True:
        fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=directory)
        if fcntl is None:
            return fd, tmp
        fcntl.flock(fd, fcntl.LOCK_EX)
        # A cleanup may have removed the name between mkstemp and flock.
        try:
            if os.stat(tmp).st_ino == os.fstat(fd).st_ino:
                return fd, tmp
        except FileNotFoundError:
            pass
        os.close(fd)


def remove_stale_temp_files(directory: Path) -> list[Path]:
    """Remove our temp files in `directory` that no live writer holds; return them."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return removed
    uid = os.geteuid() if hasattr(os, "geteuid") else None
    for entry in entries:
        if not (entry.name.startswith(TEMP_PREFIX) and entry.name.endswith(TEMP_SUFFIX)):
            continue
        try:
            st = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(st.st_mode) or (uid not in (None, 0) and st.st_uid != uid):
                continue  # only our own regular files
            if fcntl is None:
                os.unlink(entry.path)  # fails while a writer has it open
                removed.append(Path(entry.path))
                continue
            fd = os.open(entry.path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                if os.fstat(fd).st_ino == os.stat(entry.path, follow_symlinks=False).st_ino:
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
            except (BlockingIOError, FileNotFoundError):
                pass  # a live writer holds it, or it is gone already
            finally:
                os.close(fd)
        except OSError:
            continue
    return removed


def _keep_attributes(original: Path, tmp: str) -> None:
    """Give the new file the original's owner, group, mode and xattrs, or refuse."""
    name = original.name
    st = os.stat(original)
    if hasattr(os, "chown"):
        new = os.stat(tmp)
        if (new.st_uid, new.st_gid) != (st.st_uid, st.st_gid):
            try:
                os.chown(tmp, st.st_uid, st.st_gid)
            except PermissionError:
                raise FormatError(NOT_OWNER, f"{name} could not keep its owner and group, so it was left as "
                                             "it was.") from None
    os.chmod(tmp, stat.S_IMODE(st.st_mode))
    if not hasattr(os, "listxattr"):
        return
    try:
        keys = os.listxattr(original)
    except OSError:
        return  # the file system has no xattrs: nothing to keep
    for key in keys:
        try:
            os.setxattr(tmp, key, os.getxattr(original, key))
        except OSError as exc:
            raise FormatError(PERMISSION_DENIED, f"{name} has an extended attribute ({key}) that could not be "
                                                 f"kept ({exc.strerror or exc}), so it was left as it "
                                                 "was.") from None


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
    fd, tmp = _temp_beside(path.parent)
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


class Replacement:
    """The new file being written beside the original (see `replace_atomically`)."""

    def __init__(self, out: BinaryIO, temp: Path, original: Path, expected: FileIdentity,
                 want_sha256: bool = False):
        self.file = out
        self.temp = temp
        self.original = original
        self.expected = expected
        self.finished = False
        self._follower = _FollowingHash(temp) if want_sha256 else None
        self._key = os.path.realpath(temp)
        log = _CopyLog()
        with _KERNEL_COPIES_LOCK:
            _KERNEL_COPIES[self._key] = log
        self.out: BinaryIO = _Output(out, self._follower, log)  # type: ignore[assignment]
        self._sync: threading.Thread | None = None
        self._sync_error: OSError | None = None
        self._size = 0

    def finish(self) -> None:
        """Make the new file complete: owner, group, mode and xattrs kept; its fsync started.

        Called before the new file is verified and committed, so that after
        the commit only the rename is left to do.  The fsync runs on a second
        thread while the caller verifies the file; `synced()` waits for it
        (the commit must not come before it).
        """
        self.file.flush()
        self._size = os.fstat(self.file.fileno()).st_size
        self._sync = threading.Thread(target=self._fsync, name="labeler-fsync", daemon=True)
        self._sync.start()
        _keep_attributes(self.original, str(self.temp))
        self.check_unchanged()
        self.finished = True

    def _fsync(self) -> None:
        try:
            os.fsync(self.file.fileno())
        except OSError as exc:
            self._sync_error = exc

    def synced(self) -> None:
        """Wait until the new file's content is on disk; raises the fsync's error."""
        if self._sync is not None:
            self._sync.join()
            self._sync = None
        if self._sync_error is not None:
            raise self._sync_error

    def sha256(self) -> str:
        """SHA-256 of the finished new file (usually already computed while it was written)."""
        digest = self._follower.result(self._size) if self._follower is not None else None
        self._follower = None
        return digest if digest is not None else sha256_of(self.temp)

    def _cleanup(self) -> None:
        with _KERNEL_COPIES_LOCK:
            _KERNEL_COPIES.pop(self._key, None)
        if self._sync is not None:
            self._sync.join()
            self._sync = None
        if self._follower is not None:
            self._follower.close()
            self._follower = None

    def check_unchanged(self) -> None:
        if FileIdentity.of(self.original) != self.expected:
            raise FormatError(CHANGED, f"{self.original.name} was changed by another program while it was "
                                       "being labelled, so nothing was written; try again.")


@contextlib.contextmanager
def replace_atomically(path: Path, expected: FileIdentity, want_sha256: bool = False) -> Iterator[Replacement]:
    """Yield a Replacement to write the new content to; on success it replaces `path`.

    On any exception the temp file is removed and `path` is untouched.
    `want_sha256`: the caller will ask `tx.sha256()`; hash while writing.
    """
    path = Path(os.path.realpath(path))  # replace the target, not a symlink
    try:
        fd, tmp = _temp_beside(path.parent)
    except OSError as exc:
        raise from_os_error(exc, path.name) from None
    tx: Replacement | None = None
    try:
        # The descriptor (and its lock) stays open until the rename is done.
        with os.fdopen(fd, "w+b") as out:
            try:
                tx = Replacement(out, Path(tmp), path, expected, want_sha256)
                yield tx
                if not tx.finished:
                    tx.finish()
                tx.synced()
                tx.check_unchanged()
                os.replace(tmp, path)
            finally:
                if tx is not None:
                    tx._cleanup()
        fsync_dir(path.parent)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise from_os_error(exc, path.name, writing=True) from None
        raise


