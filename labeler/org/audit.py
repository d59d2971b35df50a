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
"""
from __future__ import annotations

from formats.atomic import fsync_dir

from labeler.core.names import clean_text, path_fields, path_from_fields
from labeler.system import current_user, file_lock, utc_now_ms
from policy.messages import N_, N_plural, translation

import contextlib
import hashlib
import json
import logging
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
MARKER_NAME = "audit-marker.json"  # in the settings folder: how many entries the log had (see above)

log = logging.getLogger(__name__)


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


class BadLine(ValueError):
    """A line that is not an entry we could have written; ``key`` and ``params`` name the reason."""

    def __init__(self, key: str, **params: Any):
        super().__init__(key)
        self.key, self.params = key, params


def _strict_object(pairs: list[tuple[str, Any]]) -> dict:
    """json object_pairs_hook: refuse a repeated key and any lone surrogate, in keys or string values."""
    result: dict = {}
    for key, value in pairs:
        if key in result:
            raise BadLine("duplicate", field=_printable(key))
        _refuse_surrogates(key, key)
        _refuse_surrogates(value, key)
        result[key] = value
    return result


def _refuse_surrogates(value: Any, key: str) -> None:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise BadLine("surrogate", field=_printable(key)) from None
    elif isinstance(value, list):
        for item in value:
            _refuse_surrogates(item, key)


def _printable(key: str) -> str:
    return key.encode("utf-8", "backslashreplace").decode("ascii", "backslashreplace")[:64]


def parse_line(raw: bytes) -> dict:
    """One line of the log as an entry's JSON object; BadLine, with the reason, if it cannot be one.

    Stricter than ``json.loads``: the text must be UTF-8, a key may appear
    only once (``{"path": "forged", …, "path": "real"}`` would show one path
    to readers that take the first key and another to those that take the
    last), and no string may hold a lone surrogate (``"\\ud800"``), which
    can be neither hashed nor printed.
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BadLine("not_utf8") from None
    try:
        entry = json.loads(text, object_pairs_hook=_strict_object)
    except BadLine:
        raise
    except (ValueError, RecursionError):
        raise BadLine("not_json") from None
    if not isinstance(entry, dict):
        raise BadLine("not_json")
    return entry


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
# Why a line or the log is damaged: the sentence (in English here; translated for people by
# VerifyResult.text) and, for those that count, its singular/plural pair with the count in "n".
REASONS: dict[str, str | tuple[str, str]] = {
    "incomplete": N_("the last line is incomplete: the log was truncated or a write was interrupted"),
    "empty": N_("empty line where an entry was expected"),
    "not_utf8": N_("the line is not UTF-8 text"),
    "not_json": N_("the line cannot be read as an entry (not valid JSON)"),
    "duplicate": N_("the key \"{field}\" appears twice in the line: programs that read the first one and "
                    "programs that read the last one would see different entries"),
    "surrogate": N_("the value of \"{field}\" holds an escape that is not a character (a lone surrogate such "
                    "as \\ud800)"),
    "not_entry": N_("the line is not an audit entry (no hash or prev)"),
    "bad_time": N_("the time of the entry cannot be read"),
    "changed": N_("the entry was changed after it was written (hash mismatch)"),
    "prev": N_("the entry does not follow the one before it (prev mismatch): an entry was deleted, inserted "
               "or moved"),
    "starts_late": N_plural("the log starts at entry {seq}: the first entry was deleted",
                            "the log starts at entry {seq}: the first {n} entries were deleted"),
    "seq": N_("sequence number {found} where {expected} was expected"),
    "head_unreadable": N_("the head file {name} cannot be read"),
    "head_missing": N_("the head file {name} is missing"),
    "log_missing": N_plural("the log file is missing but {n} entry was written",
                            "the log file is missing but {n} entries were written"),
    "deleted": N_plural("the audit log was deleted after {n} entry (the marker {marker} remembers it)",
                        "the audit log was deleted after {n} entries (the marker {marker} remembers them)"),
    "truncated": N_plural("the log ends after entry {count} but entry {written} was written: it was deleted",
                          "the log ends after entry {count} but {written} entries were written: the last "
                          "{n} entries were deleted"),
    "rewritten": N_("entry {count} is not the one recorded in the head file: the log was rewritten"),
    "marker_rewritten": N_("entry {count} is not the one recorded in the marker {marker}: the log was "
                           "rewritten"),
}


@dataclass
class VerifyResult:
    ok: bool
    entries: int  # entries checked and found intact (before the damage, if any)
    line: int | None = None  # 1-based line of the damage; None if intact or not tied to a line
    reason: str | None = None  # in English (scripts, the JSON output); text(lang) for people
    key: str | None = None  # which of REASONS
    params: dict = field(default_factory=dict)

    @classmethod
    def damaged(cls, entries: int, line: int | None, key: str, **params: Any) -> VerifyResult:
        result = cls(False, entries, line, None, key, params)
        result.reason = result.reason_text()
        return result

    def reason_text(self, lang: str | None = None) -> str | None:
        """The reason in ``lang`` (English by default); None when the log is intact."""
        if self.key is None:
            return self.reason
        translated = translation(lang)
        message = REASONS[self.key]
        if isinstance(message, tuple):
            return translated.ngettext(*message, self.params["n"]).format(**self.params)
        return translated.gettext(message).format(**self.params)

    def to_json(self) -> dict:
        return {"ok": self.ok, "entries": self.entries, "line": self.line, "reason": self.reason}

    def text(self, lang: str | None = None) -> str:
        """One sentence for a person, in ``lang`` (English by default)."""
        translated = translation(lang)
        if self.ok:
            return translated.ngettext("Audit log intact: {n} entry", "Audit log intact: {n} entries",
                                       self.entries).format(n=self.entries)
        reason = self.reason_text(lang)
        if self.line is not None:
            return translated.gettext("Audit log damaged at line {line}: {reason}").format(line=self.line,
                                                                                          reason=reason)
        return translated.gettext("Audit log damaged: {reason}").format(reason=reason)

    def __str__(self) -> str:
        return self.text()


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
