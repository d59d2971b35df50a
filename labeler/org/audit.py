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
account can prevent that.  The chain detects accidental edits, a damaged
disk, interrupted writes and casual tampering (editing or deleting a line in
a text editor).  The real protection is forwarding each event as it happens
to the organisation's SIEM (labeler/syslog_forward.py), out of the user's
reach.

Appends are serialised across processes (the GUI, a CLI run, a file-manager
menu action) with an exclusive lock on a lock file beside the log
(``labeler.system.file_lock``), and each line is
written with one ``write`` and ``fsync``ed before the lock is released, so
two processes never interleave lines or fork the chain.
"""
from __future__ import annotations

from formats.atomic import fsync_dir

from labeler.core.names import clean_text, path_fields, path_from_fields
from labeler.system import current_user, file_lock, utc_now_ms

import contextlib
import hashlib
import json
import os
import socket
import threading
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime
from pathlib import Path
from typing import Any
from collections.abc import Iterator

ACTIONS = ("apply", "remove")
# Recorded when a change already audited could not be made after all (the
# final rename failed): it names the entry it cancels in ``cancels``.
ABORT = "abort"
METHODS = ("manual", "recommended", "default")
# A label another program's save dropped, put back at the person's request: not a new choice.
RESTORED = "restored"
GENESIS = "0" * 64
FORMAT_VERSION = 1
CHUNK = 1024 * 1024  # streamed hashing: 1 MB at a time


# -- small helpers -------------------------------------------------------------
def sha256_file(path: str | Path) -> str | None:
    """SHA-256 of a file's content, read 1 MB at a time; None if it cannot be read."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            while chunk := f.read(CHUNK):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def canonical(obj: Any) -> bytes:
    """The canonical JSON bytes that are hashed (and written)."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def entry_hash(entry: dict) -> str:
    """SHA-256 over the canonical JSON of the entry without its ``hash`` field (``prev`` included)."""
    return hashlib.sha256(canonical({k: v for k, v in entry.items() if k != "hash"})).hexdigest()


def parse_time(text: str) -> datetime:
    """An ISO 8601 time as an aware datetime (a naive one is taken as local time)."""
    value = datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
    return value if value.tzinfo else value.astimezone()


class AuditWriteError(Exception):
    """The audit trail could not record a change; ``reason`` completes a sentence."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def label_ref(label: Any) -> dict | None:
    """{id, name} from None, a FoundLabel, a policy Label (``name("en")``), a dict or an (id, name) pair."""
    if label is None:
        return None
    if isinstance(label, dict):
        return {"id": str(label["id"]), "name": label.get("name")}
    if isinstance(label, (tuple, list)):
        ident, name = label
        return {"id": str(ident), "name": name}
    name = getattr(label, "name", None)
    if callable(name):
        name = name("en")
    return {"id": str(label.id), "name": name}


# -- the event -----------------------------------------------------------------
@dataclass
class AuditEvent:
    """One label change.  ``seq``, ``prev`` and ``hash`` are filled in by ``AuditLog.append``."""

    action: str  # "apply" | "remove"
    path: str  # absolute
    content_sha256: str | None  # of the file after the change; None if it could not be read
    old_label: dict | None  # {"id", "name"} or None
    new_label: dict | None  # {"id", "name"} or None
    method: str  # "manual" | "recommended" | "default"
    justification: str | None = None
    scheme_id: str | None = None
    scheme_version: int | str | None = None
    user: str = ""
    machine: str = ""
    time: str = ""  # UTC, ISO 8601 with milliseconds and "Z"
    seq: int = 0
    prev: str | None = None
    hash: str | None = None
    v: int = FORMAT_VERSION
    path_b64: str | None = None  # the exact name's bytes, only when it is not UTF-8
    cancels: int | None = None  # for an "abort": the seq of the change that was not made
    # A label below the one the content hints recommended, chosen by a person with a one-line reason:
    # {"recommended": label id, "reason": text}.  Absent from every other entry.
    below_recommendation: dict | None = None

    @classmethod
    def create(cls, action: str, path: str | Path, old_label: Any, new_label: Any, method: str = "manual",
               justification: str | None = None, scheme_id: str | None = None,
               scheme_version: int | str | None = None, *, user: str | None = None,
               machine: str | None = None, time: str | None = None,
               content_sha256: str | None = None,
               below_recommendation: dict | None = None) -> AuditEvent:
        """An event for a change that has just been made to ``path``.

        ``old_label``/``new_label``: None, a FoundLabel / policy Label, a
        dict with id and name, or an (id, name) pair.  The file's content is
        hashed now (streamed) unless ``content_sha256`` is given.
        """
        if action not in ACTIONS:
            raise ValueError(f"audit action must be one of {ACTIONS}, not {action!r}")
        if method not in METHODS + (RESTORED,):
            raise ValueError(f"audit method must be one of {METHODS + (RESTORED,)}, not {method!r}")
        absolute = os.path.abspath(os.fspath(path))
        where = path_fields(absolute)
        return cls(action=action, path=where["path"], path_b64=where.get("path_b64"),
                   content_sha256=content_sha256 if content_sha256 is not None else sha256_file(absolute),
                   old_label=_clean_ref(label_ref(old_label)), new_label=_clean_ref(label_ref(new_label)),
                   method=method, justification=clean_text(justification) or None,
                   scheme_id=scheme_id, scheme_version=scheme_version,
                   user=user or current_user(), machine=machine or socket.gethostname(),
                   time=time or utc_now_ms(), below_recommendation=_clean_below(below_recommendation))

    def to_json(self) -> dict:
        entry = asdict(self)
        for optional in ("path_b64", "cancels", "below_recommendation"):
            if entry[optional] is None:
                del entry[optional]  # ordinary entries look as they always did
        return entry

    @property
    def file_path(self) -> str:
        """The path to act on: the exact bytes where the name is not UTF-8."""
        return path_from_fields({"path": self.path, "path_b64": self.path_b64})

    @classmethod
    def from_json(cls, data: dict) -> AuditEvent:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})

    @classmethod
    def abort_of(cls, event: AuditEvent, reason: str) -> AuditEvent:
        """The entry saying that the audited change `event` was not made after all."""
        return cls(action=ABORT, path=event.path, path_b64=event.path_b64, content_sha256=None,
                   old_label=event.old_label, new_label=event.old_label, method=event.method,
                   justification=clean_text(reason), scheme_id=event.scheme_id,
                   scheme_version=event.scheme_version, user=event.user, machine=event.machine,
                   time=utc_now_ms(), cancels=event.seq)

    @property
    def when(self) -> datetime:
        """``time`` as an aware datetime."""
        return parse_time(self.time)


def _clean_below(below: dict | None) -> dict | None:
    """{"recommended": id, "reason": text} with both cleaned; None when there is nothing to record."""
    if not below:
        return None
    return {"recommended": clean_text(str(below["recommended"])), "reason": clean_text(below.get("reason")) or None}


def _clean_ref(ref: dict | None) -> dict | None:
    if ref is None:
        return None
    return {"id": clean_text(ref["id"]), "name": clean_text(ref.get("name"))}


# -- verification result -------------------------------------------------------
@dataclass
class VerifyResult:
    ok: bool
    entries: int  # entries checked and found intact (before the damage, if any)
    line: int | None = None  # 1-based line of the damage; None if intact or not tied to a line
    reason: str | None = None

    def to_json(self) -> dict:
        return {"ok": self.ok, "entries": self.entries, "line": self.line, "reason": self.reason}

    def __str__(self) -> str:
        if self.ok:
            return f"Audit log intact: {self.entries} entries"
        where = f" at line {self.line}" if self.line is not None else ""
        return f"Audit log damaged{where}: {self.reason}"


# -- the log -------------------------------------------------------------------
@dataclass
class AuditLog:
    path: Path
    _thread_lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def __post_init__(self):
        self.path = Path(self.path)

    @classmethod
    def default(cls) -> AuditLog:
        from labeler.paths import audit_log_path

        return cls(audit_log_path())

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

        Raises AuditWriteError, saying why, if the entry could not be written
        (the caller then must not make the change); the log is never left
        with a half line from this process unless the machine dies mid-write.
        """
        try:
            return self._append(event)
        except _BadHead:
            raise AuditWriteError(f"its head file {self.head_path.name} is damaged (see labeler audit "
                                  "verify)") from None
        except OSError as exc:
            raise AuditWriteError(f"{self.path.name} could not be written: {exc.strerror or exc}") from None
        except (ValueError, TypeError, OverflowError) as exc:
            raise AuditWriteError(f"the entry could not be encoded ({type(exc).__name__})") from None

    def _append(self, event: AuditEvent) -> AuditEvent:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._thread_lock, file_lock(self.lock_path):
            last_seq, last_hash, needs_newline = self._tail()
            head = self._read_head()
            # If the head is ahead of the log, the last entries were deleted:
            # chain to the head so the gap stays detectable instead of being
            # papered over by new entries.
            if head is not None and head[0] > last_seq:
                last_seq, last_hash = head
            entry = event.to_json()
            entry.pop("hash", None)
            entry["seq"] = last_seq + 1
            entry["prev"] = last_hash
            entry["hash"] = entry_hash(entry)
            line = canonical(entry) + b"\n"
            if needs_newline:  # an interrupted write left a fragment: keep it visible, on its own line
                line = b"\n" + line
            created = not self.path.exists()
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
            try:
                view = memoryview(line)
                while view:
                    written = os.write(fd, view)
                    view = view[written:]
                os.fsync(fd)
            finally:
                os.close(fd)
            if created:
                fsync_dir(self.path.parent)
            try:
                self._write_head(entry["seq"], entry["hash"])
            except OSError as exc:
                # The entry is on disk: the change is recorded.  A head that
                # lags behind is repaired by the next append.
                import logging

                logging.getLogger(__name__).warning("audit head not updated: %s", exc)
        event.seq, event.prev, event.hash = entry["seq"], entry["prev"], entry["hash"]
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
                    entry = json.loads(raw)
                    seq, last_hash = entry["seq"], entry["hash"]
                    if isinstance(seq, bool) or not isinstance(seq, int) or not isinstance(last_hash, str):
                        continue  # e.g. a seq of 1e400: not a line we wrote
                    return seq, last_hash, needs_newline
                except (ValueError, KeyError, TypeError, OverflowError):
                    continue
        return 0, GENESIS, needs_newline

    def _read_head(self) -> tuple[int, str] | None:
        try:
            data = json.loads(self.head_path.read_text("utf-8"))
            count, last_hash = data["count"], data["hash"]
            if isinstance(count, bool) or not isinstance(count, int) or not isinstance(last_hash, str):
                raise ValueError("not a head")
            return count, last_hash
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

    # -- reading ---------------------------------------------------------------
    def entries(self, since: datetime | None = None, effective: bool = False) -> list[AuditEvent]:
        """The readable entries, oldest first; with ``since``, only those at or after it.

        A naive ``since`` is taken as local time.  Damaged lines are skipped
        here; ``verify`` is what reports them.  ``effective``: only the
        changes that were really made (no aborts, nor what they cancel).
        """
        if effective:
            every = self.entries(since)
            cancelled = {e.cancels for e in every if e.action == ABORT}
            return [e for e in every if e.action != ABORT and e.seq not in cancelled]
        if since is not None and since.tzinfo is None:
            since = since.astimezone()
        result = []
        for _, raw in self._lines():
            try:
                event = AuditEvent.from_json(json.loads(raw))
                if since is not None and event.when < since:
                    continue
            except (ValueError, TypeError, AttributeError):
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
        bad_head = False
        try:
            head = self._read_head()
        except _BadHead:
            head, bad_head = None, True
        expected_prev, count = GENESIS, 0
        hash_at_head = GENESIS if head is not None and head[0] == 0 else None
        exists = self.path.exists()
        for number, raw in self._lines():
            if not raw.endswith(b"\n"):
                return VerifyResult(False, count, number, "the last line is incomplete: the log was "
                                    "truncated or a write was interrupted")
            if not raw.strip():
                return VerifyResult(False, count, number, "empty line where an entry was expected")
            try:
                entry = json.loads(raw)
                if not isinstance(entry, dict):
                    raise ValueError
            except (ValueError, UnicodeDecodeError):
                return VerifyResult(False, count, number, "the line cannot be read as an entry (not valid JSON)")
            if "hash" not in entry or "prev" not in entry:
                return VerifyResult(False, count, number, "the line is not an audit entry (no hash or prev)")
            if entry_hash(entry) != entry["hash"]:
                return VerifyResult(False, count, number, "the entry was changed after it was written "
                                    "(hash mismatch)")
            if entry["prev"] != expected_prev:
                return VerifyResult(False, count, number, "the entry does not follow the one before it "
                                    "(prev mismatch): an entry was deleted, inserted or moved")
            if entry.get("seq") != count + 1:
                return VerifyResult(False, count, number, f"sequence number {entry.get('seq')!r} where "
                                    f"{count + 1} was expected")
            count += 1
            expected_prev = entry["hash"]
            if head is not None and head[0] == count:
                hash_at_head = entry["hash"]
        if bad_head:
            return VerifyResult(False, count, None, f"the head file {self.head_path.name} cannot be read")
        if head is None:
            if count == 0:
                return VerifyResult(True, 0)
            return VerifyResult(False, count, None, f"the head file {self.head_path.name} is missing")
        head_count, head_hash = head
        if head_count > count:
            missing = head_count - count
            if not exists:
                return VerifyResult(False, 0, 1, f"the log file is missing but {head_count} entries were written")
            return VerifyResult(False, count, count + 1,
                                f"the log ends after entry {count} but {head_count} entries were written: "
                                f"the last {missing} {'entry was' if missing == 1 else 'entries were'} deleted")
        if hash_at_head != head_hash:
            return VerifyResult(False, count, head_count or None,
                                f"entry {head_count} is not the one recorded in the head file: "
                                "the log was rewritten")
        # head_count < count is an append whose head update was interrupted; the next append repairs it.
        return VerifyResult(True, count)


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
