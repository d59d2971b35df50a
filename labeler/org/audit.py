"""The audit trail: every label change, appended to a hash-chained local log.

One JSON object per line in ``paths.audit_log_path()`` (the user's data
folder).  Each entry records who changed which label on which file, when, on
which machine, how the label was chosen and why::

    {"action": "apply", "content_sha256": "…", "hash": "…", "justification": null,
     "machine": "pc-042", "method": "manual", "new_label": {"id": "confidential", "name": "Confidential"},
     "old_label": {"id": "internal", "name": "Internal"}, "path": "/home/ann/report.docx",
     "prev": "…", "scheme_id": "example", "scheme_version": 3, "seq": 7,
     "time": "2026-11-27T10:00:00.123Z", "user": "ann", "v": 1}

Chaining: ``prev`` is the ``hash`` of the entry before (64 zeros for the
first), and ``hash`` is the SHA-256 of the canonical JSON of the entry
without ``hash`` (sorted keys, no spaces, UTF-8).  Editing an entry breaks
its own hash; deleting or reordering entries breaks the ``prev`` of the
entry that follows.  Deleting the *last* entries leaves a shorter but
consistent chain, so a small "head" file beside the log records the count
and hash of the last entry written; ``verify`` compares the two.

What this protects against, honestly: the chain is not keyed.  A local user
(or program) with write access to the data folder can rewrite the whole log
and head consistently; nothing stored on the same machine under the same
account can prevent that.  An entry appended at the end with a correctly
recomputed ``prev`` and ``hash`` verifies as intact, for the same reason.  The chain detects accidental edits, a damaged
disk, interrupted writes and casual tampering (editing or deleting a line in
a text editor).  The real protection is forwarding each event as it happens
to the organisation's SIEM (labeler/syslog_forward.py), out of the user's
reach.

Appends are serialised across processes (the GUI, a CLI run, a file-manager
menu action) with an exclusive lock on a lock file beside the log
(``labeler.system.file_lock``), and each line is
written with one ``write`` and ``fsync``ed before the lock is released, so
two processes never interleave lines or fork the chain.

Reading is strict where it matters: a line whose JSON repeats a key (readers
that take the first one and readers that take the last one would see
different entries) or holds a lone surrogate escape such as ``\ud800`` (not
a character: it cannot be hashed or printed) is damage, reported by
``verify`` with its line number and skipped, with its line number, when the
entries are listed.

A log deleted together with its head would look like a log never written.
So each append also records the count and hash of the last entry in a small
"marker" kept in a second place, the user's settings folder
(``AuditLog.default()``; ``marker_path``), and ``verify`` says "the audit log
was deleted after N entries" when the marker knows more entries than the log
and head.  New entries after such a loss continue the numbering, so the gap
stays visible locally and at the SIEM, which receives every entry's ``seq``.

This module is the log itself (appending and verifying the chain); the line
format is ``audit_lines``, the entry ``audit_event`` and the verdict
``audit_verify``, all importable from here.
"""
from __future__ import annotations

from formats.atomic import fsync_dir

from labeler.org.audit_event import (ABORT, ACTIONS, FORMAT_VERSION, METHODS, RESTORED, SHARE, SHARING_ACTIONS,
                                     SHARING_CHOICE, SHARING_METHODS, SHARING_NOTICE, AuditEvent, label_ref,
                                     parse_time)
from labeler.org.audit_lines import CHUNK, BadLine, canonical, entry_hash, parse_line, sha256_file
from labeler.org.audit_verify import REASONS, VerifyResult
from labeler.system import file_lock

import contextlib
import logging
import os
import threading
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from collections.abc import Iterator

__all__ = [
    "ABORT", "ACTIONS", "CHUNK", "FORMAT_VERSION", "GENESIS", "MARKER_NAME", "METHODS", "REASONS", "RESTORED",
    "SHARE", "SHARING_ACTIONS", "SHARING_CHOICE", "SHARING_METHODS", "SHARING_NOTICE",
    "AuditEvent", "AuditLog", "AuditWriteError", "BadLine", "VerifyResult", "canonical", "entry_hash",
    "label_ref", "parse_line", "parse_time", "sha256_file",
]

GENESIS = "0" * 64
MARKER_NAME = "audit-marker.json"  # in the settings folder: how many entries the log had (see above)

log = logging.getLogger(__name__)


class AuditWriteError(Exception):
    """The audit trail could not record a change; ``reason`` completes a sentence."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


# -- the log -------------------------------------------------------------------
@dataclass
class AuditLog:
    path: Path
    _thread_lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)
    # Where the count and hash of the last entry are also kept, away from the log (None: nowhere).
    marker_path: Path | None = None

    def __post_init__(self):
        self.path = Path(self.path)
        if self.marker_path is not None:
            self.marker_path = Path(self.marker_path)

    @classmethod
    def default(cls) -> AuditLog:
        """The user's log in the data folder, with its marker in the settings folder."""
        from labeler.desktop.settings import config_dir
        from labeler.paths import audit_log_path

        return cls(audit_log_path(), marker_path=config_dir() / MARKER_NAME)

    @property
    def head_path(self) -> Path:
        return self.path.with_name(self.path.name + ".head")

    @property
    def lock_path(self) -> Path:
        return self.path.with_name(self.path.name + ".lock")

    # -- writing ---------------------------------------------------------------
    def record(self, action: str, path: str | Path, old_label: Any, new_label: Any, method: str = "manual",
               justification: str | None = None, scheme_id: str | None = None,
               scheme_version: int | str | None = None, **kwargs) -> AuditEvent:
        """Create the event for a change just made to ``path`` and append it; returns it (with seq/hash)."""
        return self.append(AuditEvent.create(action, path, old_label, new_label, method, justification,
                                             scheme_id, scheme_version, **kwargs))

    def append(self, event: AuditEvent) -> AuditEvent:
        """Chain ``event`` to the last entry and append it durably.  Sets and returns its seq/prev/hash.

        Raises AuditWriteError, saying what failed (the folder, the lock, reading
        the log, the head, writing the entry), if the entry could not be
        written; the caller then must not make the change.  The log is never
        left with a half line from this process unless the machine dies
        mid-write.  Once the entry is on disk the change is recorded: a head
        or marker that cannot be updated is only logged.
        """
        try:
            return self._append(event)
        except _BadHead:
            raise AuditWriteError(f"its head file {self.head_path.name} is damaged (see labeler audit "
                                  "verify)") from None
        except (ValueError, TypeError, OverflowError) as exc:
            raise AuditWriteError(f"the entry could not be encoded ({type(exc).__name__})") from None
        except OSError as exc:  # not foreseen below: still say which file
            raise AuditWriteError(f"{self.path.name} could not be written: {_why(exc)}") from None

    def _append(self, event: AuditEvent) -> AuditEvent:
        folder = self.path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise AuditWriteError(f"its folder {folder} could not be created: {_why(exc)}") from None
        lock = contextlib.ExitStack()
        try:
            lock.enter_context(file_lock(self.lock_path))
        except OSError as exc:
            raise AuditWriteError(f"its lock file {self.lock_path.name} could not be opened: {_why(exc)}") from None
        with self._thread_lock, lock:
            try:
                last_seq, last_hash, needs_newline = self._tail()
            except OSError as exc:
                raise AuditWriteError(f"{self.path.name} could not be read: {_why(exc)}") from None
            # If the head (or the marker kept elsewhere) is ahead of the log, entries were deleted:
            # chain to it so the gap stays detectable instead of being papered over by new entries.
            for ahead in (self._read_head(), self._read_marker()):
                if ahead is not None and ahead[0] > last_seq:
                    last_seq, last_hash = ahead
            entry = event.to_json()
            entry.pop("hash", None)
            entry["seq"] = last_seq + 1
            entry["prev"] = last_hash
            entry["hash"] = entry_hash(entry)
            line = canonical(entry) + b"\n"
            if needs_newline:  # an interrupted write left a fragment: keep it visible, on its own line
                line = b"\n" + line
            created = not self.path.exists()
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
            except OSError as exc:
                raise AuditWriteError(f"{self.path.name} could not be opened for writing: {_why(exc)}") from None
            try:
                view = memoryview(line)
                while view:
                    written = os.write(fd, view)
                    view = view[written:]
                os.fsync(fd)
            except OSError as exc:
                raise AuditWriteError(f"the entry could not be written to {self.path.name}: {_why(exc)}") from None
            finally:
                os.close(fd)
            if created:
                with contextlib.suppress(OSError):  # the entry is written; a lost directory entry is rare
                    fsync_dir(folder)
            # The entry is on disk: the change is recorded.  A head or a marker that lags behind is
            # repaired by the next append; it is no reason to refuse the change.
            try:
                self._write_head(entry["seq"], entry["hash"])
            except OSError as exc:
                log.warning("audit log head %s not updated: %s", self.head_path, _why(exc))
            self._write_marker(entry["seq"], entry["hash"])
        event.seq, event.prev, event.hash = entry["seq"], entry["prev"], entry["hash"]
        log.debug("audit entry %d recorded: %s %s", event.seq, event.action, event.path)
        return event

    def _tail(self) -> tuple[int, str, bool]:
        """(seq, hash) of the last readable entry, and whether the file ends without a newline."""
        try:
            f = open(self.path, "rb")
        except FileNotFoundError:
            return 0, GENESIS, False
        with f:
            f.seek(0, os.SEEK_END)
            size = f.tell()
            if size == 0:
                return 0, GENESIS, False
            f.seek(size - 1)
            needs_newline = f.read(1) != b"\n"
            for raw in _reverse_lines(f, size):
                try:
                    entry = parse_line(raw)
                    seq, last_hash = entry["seq"], entry["hash"]
                    if isinstance(seq, bool) or not isinstance(seq, int) or not isinstance(last_hash, str):
                        continue  # e.g. a seq of 1e400: not a line we wrote
                    return seq, last_hash, needs_newline
                except (ValueError, KeyError, TypeError, OverflowError):
                    continue
        return 0, GENESIS, needs_newline

    def _read_head(self) -> tuple[int, str] | None:
        try:
            return _count_and_hash(parse_line(self.head_path.read_bytes().strip()))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError, OverflowError):
            raise _BadHead() from None

    def _write_head(self, count: int, last_hash: str) -> None:
        tmp = self.head_path.with_name(self.head_path.name + ".tmp")
        with open(tmp, "wb") as f:
            f.write(canonical({"count": count, "hash": last_hash}) + b"\n")
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.head_path)

    def _read_marker(self) -> tuple[int, str] | None:
        """(count, hash) the marker remembers for this log; None if there is none, or it is another log's.

        A marker that cannot be read is only logged: it is evidence, never a
        reason to refuse a change.
        """
        if self.marker_path is None:
            return None
        try:
            data = parse_line(self.marker_path.read_bytes().strip())
            if data.get("log") != str(self.path.absolute()):
                return None  # the marker of another log (another data folder): says nothing about this one
            return _count_and_hash(data)
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError, OverflowError) as exc:
            log.warning("audit log marker %s not readable: %s", self.marker_path, exc)
            return None

    def _write_marker(self, count: int, last_hash: str) -> None:
        """Remember (count, hash) in the marker.  Not fsynced: a marker that lags after a crash is harmless
        (it only ever says "at least this many"), and it keeps labelling fast."""
        if self.marker_path is None:
            return
        tmp = self.marker_path.with_name(f"{self.marker_path.name}.{os.getpid()}.tmp")
        try:
            self.marker_path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_bytes(canonical({"count": count, "hash": last_hash, "log": str(self.path.absolute())})
                            + b"\n")
            os.replace(tmp, self.marker_path)
        except OSError as exc:
            log.warning("audit log marker %s not updated: %s", self.marker_path, _why(exc))
            with contextlib.suppress(OSError):
                tmp.unlink()

    # -- reading ---------------------------------------------------------------
    def entries(self, since: datetime | None = None, effective: bool = False,
                skipped: list[VerifyResult] | None = None) -> list[AuditEvent]:
        """The readable entries, oldest first; with ``since``, only those at or after it.

        A naive ``since`` is taken as local time.  Damaged lines are skipped
        here (``verify`` is what reports the damage to the chain); pass a list
        as ``skipped`` to learn which: one VerifyResult (its ``line`` and
        reason) is appended for each line that could not be read.
        ``effective``: only the changes that were really made (no aborts, nor
        what they cancel).
        """
        if effective:
            every = self.entries(since, skipped=skipped)
            cancelled = {e.cancels for e in every if e.action == ABORT}
            return [e for e in every if e.action != ABORT and e.seq not in cancelled]
        if since is not None and since.tzinfo is None:
            since = since.astimezone()
        result: list[AuditEvent] = []
        for number, raw in self._lines():
            if not raw.strip():
                continue
            try:
                event = AuditEvent.from_json(parse_line(raw))
            except BadLine as exc:
                if skipped is not None:
                    skipped.append(VerifyResult.damaged(len(result), number, exc.key, **exc.params))
                continue
            except (ValueError, TypeError, AttributeError):
                if skipped is not None:
                    skipped.append(VerifyResult.damaged(len(result), number, "not_entry"))
                continue
            if since is not None:
                try:
                    if event.when < since:
                        continue
                except (ValueError, TypeError, AttributeError):
                    if skipped is not None:
                        skipped.append(VerifyResult.damaged(len(result), number, "bad_time"))
                    continue
            result.append(event)
        return result

    def _lines(self) -> Iterator[tuple[int, bytes]]:
        try:
            f = open(self.path, "rb")
        except FileNotFoundError:
            return
        with f:
            yield from enumerate(f, 1)

    def verify(self) -> VerifyResult:
        """Walk the chain; report the first damage with its line number and a reason."""
        lock = file_lock(self.lock_path) if self.path.parent.exists() else contextlib.nullcontext()
        try:
            with lock:
                return self._verify()
        except PermissionError:  # e.g. an admin checking someone else's read-only log
            return self._verify()

    def _verify(self) -> VerifyResult:
        damaged = VerifyResult.damaged
        bad_head = False
        try:
            head = self._read_head()
        except _BadHead:
            head, bad_head = None, True
        marker = self._read_marker()
        marker_name = str(self.marker_path) if self.marker_path is not None else ""
        expected_prev, count = GENESIS, 0
        hashes: dict[int, str] = {}  # seq -> hash, only at the head's and the marker's counts
        wanted = {known[0] for known in (head, marker) if known is not None}
        exists = self.path.exists()
        for number, raw in self._lines():
            if not raw.endswith(b"\n"):
                return damaged(count, number, "incomplete")
            if not raw.strip():
                return damaged(count, number, "empty")
            try:
                entry = parse_line(raw)
            except BadLine as exc:
                return damaged(count, number, exc.key, **exc.params)
            if "hash" not in entry or "prev" not in entry:
                return damaged(count, number, "not_entry")
            if entry_hash(entry) != entry["hash"]:
                return damaged(count, number, "changed")
            seq = entry.get("seq")
            if (number == 1 and entry["prev"] != GENESIS and isinstance(seq, int) and not isinstance(seq, bool)
                    and seq > 1):
                # The first entries are gone (the whole log, say) and new ones continued the numbering.
                return damaged(0, 1, "starts_late", seq=seq, n=seq - 1)
            if entry["prev"] != expected_prev:
                return damaged(count, number, "prev")
            if seq != count + 1:
                return damaged(count, number, "seq", found=repr(seq), expected=count + 1)
            count += 1
            expected_prev = entry["hash"]
            if count in wanted:
                hashes[count] = entry["hash"]
        if bad_head:
            return damaged(count, None, "head_unreadable", name=self.head_path.name)
        if marker is not None and marker[0] > max(count, head[0] if head is not None else 0):
            if count == 0:
                return damaged(0, None, "deleted", n=marker[0], marker=marker_name)
            return damaged(count, count + 1, "truncated", count=count, written=marker[0], n=marker[0] - count)
        if head is None:
            if count == 0:
                return VerifyResult(True, 0)
            return damaged(count, None, "head_missing", name=self.head_path.name)
        head_count, head_hash = head
        if head_count > count:
            if not exists:
                return damaged(0, 1, "log_missing", n=head_count)
            return damaged(count, count + 1, "truncated", count=count, written=head_count, n=head_count - count)
        if head_count and hashes.get(head_count) != head_hash:
            return damaged(count, head_count, "rewritten", count=head_count)
        if marker is not None and marker[0] and hashes.get(marker[0]) != marker[1]:
            return damaged(count, marker[0], "marker_rewritten", count=marker[0], marker=marker_name)
        # head_count < count is an append whose head update was interrupted; the next append repairs it.
        return VerifyResult(True, count)


def _count_and_hash(data: dict) -> tuple[int, str]:
    count, last_hash = data["count"], data["hash"]
    if isinstance(count, bool) or not isinstance(count, int) or not isinstance(last_hash, str):
        raise ValueError("not a count and hash")
    return count, last_hash


def _why(exc: OSError) -> str:
    return exc.strerror or str(exc)


class _BadHead(Exception):
    pass


def _reverse_lines(f, size: int, block: int = 64 * 1024) -> Iterator[bytes]:
    """The lines of an open binary file, last first (the trailing fragment included)."""
    pos, buffer = size, b""
    while pos > 0:
        step = min(block, pos)
        pos -= step
        f.seek(pos)
        buffer = f.read(step) + buffer
        parts = buffer.split(b"\n")
        buffer = parts[0]  # may be incomplete: keep it for the next block
        for line in reversed(parts[1:]):
            if line.strip():
                yield line
    if buffer.strip():
        yield buffer
