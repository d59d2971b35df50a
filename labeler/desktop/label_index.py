"""The label index: which label each known file carried when we last looked.  No Qt.

    index = LabelIndex.default()             # data_dir()/label-index.sqlite3, WAL mode
    index.record_change(outcome)             # after our own apply / remove / restore (LabelService does it)
    dropped = index.record_read(outcome, st) # after reading a file; a `Dropped` if another program's
                                             # save removed the label the index knew
    index.entries_under(folders)             # what the Overview shows at once
    seq, entries = index.changes_since(seq)  # what changed since (any process): live updates

One row per path, with the file's identity when it was read (size, mtime,
inode): a row whose identity still matches the file on disk is current, so
the Overview opens from it without reading the document again and only
re-reads files whose identity changed.  Every write bumps a change counter
(`seq`) and stamps the rows it wrote with it; a running app polls that
counter cheaply and fetches only the rows written since, whichever process
wrote them (the GUI, a `labeler apply` in a terminal, a file-manager menu).
Files that disappeared stay as tombstones (`present` false) so that readers
of `changes_since` learn about them too.  Each row also says where the file's
label is kept (`stored`: "inside" the file's own metadata or "beside" it, in
file-system attributes that copies to USB sticks and e-mail attachments
lose), taken from the same read, because the content decides the format and
a file's extension may lie.

A label dropped by another program (a spreadsheet library that rewrites
the package and leaves out what it does not model) is noticed here: the
index knew our label, the file changed, and our label is gone.  The row
keeps the dropped label until the person answers (put it back, or leave
it); our own removals go through `record_change`, so they never count as
dropped.  The index is a cache: losing it costs one slow Overview, never a
label; every failure to write it is logged and ignored by its callers.
"""
from __future__ import annotations

import json
import logging
import os
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Iterable
from typing import Any

log = logging.getLogger(__name__)

INDEX_FILE = "label-index.sqlite3"
# 1: the first layout; 2: `stored` (rows written before it, or by an older version of the app, have
# NULL there: unknown).  Opening an older index adds what it lacks (`_migrate`).
SCHEMA_VERSION = 2
BUSY_TIMEOUT_MS = 3000  # another process writing: wait this long, then give up (callers ignore it)

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS files (
    path BLOB PRIMARY KEY,          -- os.fsencode(path): any name the file system allows
    size INTEGER, mtime_ns INTEGER, inode INTEGER,
    ok INTEGER NOT NULL,            -- the labels could be read
    label_id TEXT,                  -- the scheme label the file counts as (ours or a mapped foreign one)
    ours_id TEXT, ours_name TEXT,   -- our own label in the file
    foreign_json TEXT,              -- [[system, name or id], ...]
    problem TEXT, kind TEXT,        -- why the labels could not be read
    dropped_id TEXT, dropped_name TEXT,  -- our label another program's save removed (until answered)
    present INTEGER NOT NULL DEFAULT 1,
    seq INTEGER NOT NULL,
    stored TEXT                     -- where the label is kept: 'inside' or 'beside'; NULL: not known
);
CREATE INDEX IF NOT EXISTS files_seq ON files (seq);
CREATE INDEX IF NOT EXISTS files_dropped ON files (dropped_id) WHERE dropped_id IS NOT NULL;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT OR IGNORE INTO meta VALUES ('seq', 0);
INSERT OR IGNORE INTO meta VALUES ('schema', {SCHEMA_VERSION});
"""
_COLUMNS = ("path, size, mtime_ns, inode, ok, label_id, ours_id, ours_name, foreign_json, problem, kind, "
            "dropped_id, dropped_name, present, seq, stored")
INSIDE, BESIDE = "inside", "beside"  # `stored`: the same words as `labeler show --json`


@dataclass(slots=True)  # not frozen: thirty thousand are built when the Overview opens
class IndexEntry:
    """One file as the index knows it."""

    path: str
    size: int | None
    mtime_ns: int | None
    inode: int | None
    ok: bool
    label_id: str | None = None
    ours_id: str | None = None
    ours_name: str | None = None
    foreign: tuple[tuple[str, str], ...] = ()
    problem: str | None = None
    kind: str | None = None
    dropped_id: str | None = None
    dropped_name: str | None = None
    present: bool = True
    seq: int = 0
    stored: str | None = None  # INSIDE, BESIDE, or None: not known (no format read, or an older row)

    def matches(self, st: os.stat_result) -> bool:
        """Whether the file on disk (`os.stat`) is still the one this entry describes."""
        return (self.size, self.mtime_ns, self.inode) == (st.st_size, st.st_mtime_ns, st.st_ino)

    @property
    def dropped(self) -> Dropped | None:
        if self.dropped_id is None or not self.present:
            return None
        return Dropped(self.path, self.dropped_id, self.dropped_name or self.dropped_id)


@dataclass(frozen=True)
class Dropped:
    """Our label `label_id` was on `path` until another program saved the file without it."""

    path: str
    label_id: str
    label_name: str


def index_path() -> Path:
    from labeler.paths import data_dir

    return data_dir() / INDEX_FILE


class LabelIndex:
    """The SQLite label index; every method is thread-safe (one connection, one lock)."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False,
                                   isolation_level=None)
        try:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")  # a cache: a power cut may lose the last rows
            self._db.executescript(_SCHEMA)
            self._migrate()
        except sqlite3.Error:
            self._db.close()
            raise

    @classmethod
    def default(cls) -> LabelIndex:
        return cls(index_path())

    @classmethod
    def open_default(cls) -> LabelIndex | None:
        """The user's index, or None (logged) when it cannot be opened: labelling works without it."""
        try:
            return cls.default()
        except (sqlite3.Error, OSError) as exc:
            log.warning("label index not available (%s): the overview reads every file", exc)
            return None

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # -- writing -----------------------------------------------------------------------
    def record_change(self, outcome, st: os.stat_result | None = None) -> None:
        """Our own label change (apply, remove, restore) just made: the file's state, no drop pending."""
        st = st if st is not None else _stat(outcome.path)
        with self._write() as (db, seq):
            self._put(db, seq, _entry(outcome, st, None, None))

    def record_read(self, outcome, st: os.stat_result | None = None) -> Dropped | None:
        """A file read by the app (the watcher, the Overview); returns a `Dropped` if its label was dropped.

        Dropped means: the index knew our label on this file, the file has
        changed since, it can be read, our label is no longer in it, and it
        does not count as another label now (a person who relabels in
        another tool is not second-guessed).  A drop stays pending until
        `record_change` or `dismiss_dropped`.
        """
        st = st if st is not None else _stat(outcome.path)
        with self._write() as (db, seq):
            before = self._get(db, outcome.path)
            dropped = _dropped(before, outcome, st)
            self._put(db, seq, _entry(outcome, st, *(dropped if dropped else (None, None))))
        return Dropped(outcome.path, *dropped) if dropped else None

    def record_reads(self, items: Iterable[tuple[Any, os.stat_result | None]]) -> list[Dropped]:
        """Many reads in one transaction (the Overview's reconciliation); the drops they revealed."""
        found: list[Dropped] = []
        with self._write() as (db, seq):
            for outcome, st in items:
                before = self._get(db, outcome.path)
                dropped = _dropped(before, outcome, st)
                if dropped:
                    found.append(Dropped(outcome.path, *dropped))
                self._put(db, seq, _entry(outcome, st, *(dropped if dropped else (None, None))))
        return found

    def forget(self, paths: Iterable[str]) -> None:
        """The files are gone: keep tombstones so live readers hear of it."""
        keys = [(os.fsencode(p),) for p in paths]
        if not keys:
            return
        with self._write() as (db, seq):
            db.executemany(f"UPDATE files SET present = 0, dropped_id = NULL, dropped_name = NULL, seq = {seq} "
                           "WHERE path = ? AND present = 1", keys)

    def dismiss_dropped(self, path: str) -> None:
        """The person chose to leave the file without the label: stop offering it."""
        with self._write() as (db, seq):
            db.execute("UPDATE files SET dropped_id = NULL, dropped_name = NULL, seq = ? WHERE path = ?",
                       (seq, os.fsencode(path)))

    # -- reading -----------------------------------------------------------------------
    def get(self, path: str) -> IndexEntry | None:
        with self._lock:
            return self._get(self._db, path)

    def seq(self) -> int:
        """The change counter: it moves whenever any process writes the index."""
        with self._lock:
            return int(self._db.execute("SELECT value FROM meta WHERE key = 'seq'").fetchone()[0])

    def changes_since(self, seq: int | None) -> tuple[int, list[IndexEntry]]:
        """(current seq, entries written after `seq`); with None only the current seq (a starting point)."""
        with self._lock:
            db = self._db
            db.execute("BEGIN")
            try:
                now = int(db.execute("SELECT value FROM meta WHERE key = 'seq'").fetchone()[0])
                if seq is None or now <= seq:
                    return now, []
                rows = db.execute(f"SELECT {_COLUMNS} FROM files WHERE seq > ? ORDER BY seq", (seq,)).fetchall()
            finally:
                db.execute("COMMIT")
        return now, [_from_row(r) for r in rows]

    def entries_under(self, folders: Iterable[str]) -> tuple[int, list[IndexEntry]]:
        """(seq, the present entries below any of `folders`), read in one snapshot."""
        ranges = []
        for folder in folders:
            prefix = os.fsencode(os.path.join(os.path.abspath(folder), ""))
            ranges.append((prefix, prefix[:-1] + bytes([prefix[-1] + 1])))
        seen: set[str] = set()
        result: list[IndexEntry] = []
        with self._lock:
            db = self._db
            db.execute("BEGIN")
            try:
                now = int(db.execute("SELECT value FROM meta WHERE key = 'seq'").fetchone()[0])
                for low, high in ranges:
                    for row in db.execute(f"SELECT {_COLUMNS} FROM files WHERE path >= ? AND path < ? "
                                          "AND present = 1", (low, high)):
                        entry = _from_row(row)
                        if entry.path not in seen:
                            seen.add(entry.path)
                            result.append(entry)
            finally:
                db.execute("COMMIT")
        return now, result

    def dropped(self) -> list[Dropped]:
        """The drops still waiting for an answer (after a restart, too)."""
        with self._lock:
            rows = self._db.execute(f"SELECT {_COLUMNS} FROM files WHERE dropped_id IS NOT NULL "
                                    "AND present = 1 ORDER BY seq").fetchall()
        return [d for d in (_from_row(r).dropped for r in rows) if d is not None]

    # -- internals ---------------------------------------------------------------------
    def _migrate(self) -> None:
        """Bring an index written by an earlier version up to `SCHEMA_VERSION`, keeping its rows.

        Several processes may open the same old index at once: the first one
        to get the write lock migrates, the others find it done.  A newer
        index (an older app started again) is used as it is: its extra
        columns are only ever left empty by this version.
        """
        db = self._db
        if _schema(db) >= SCHEMA_VERSION:
            return
        db.execute("BEGIN IMMEDIATE")
        try:
            if _schema(db) < 2 and "stored" not in {row[1] for row in db.execute("PRAGMA table_info(files)")}:
                # Old rows keep NULL (not known): the Overview re-reads those that carry a label.
                db.execute("ALTER TABLE files ADD COLUMN stored TEXT")
            db.execute("UPDATE meta SET value = ? WHERE key = 'schema' AND value < ?",
                       (SCHEMA_VERSION, SCHEMA_VERSION))
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
        log.info("label index %s brought up to schema %d", self.path, SCHEMA_VERSION)

    def _write(self):
        return _Transaction(self)

    @staticmethod
    def _get(db, path: str) -> IndexEntry | None:
        row = db.execute(f"SELECT {_COLUMNS} FROM files WHERE path = ?", (os.fsencode(path),)).fetchone()
        return _from_row(row) if row else None

    @staticmethod
    def _put(db, seq: int, entry: IndexEntry) -> None:
        db.execute(f"INSERT OR REPLACE INTO files ({_COLUMNS}) VALUES ({', '.join('?' * 16)})",
                   (os.fsencode(entry.path), entry.size, entry.mtime_ns, entry.inode, int(entry.ok),
                    entry.label_id, entry.ours_id, entry.ours_name,
                    json.dumps([list(f) for f in entry.foreign]) if entry.foreign else None,
                    entry.problem, entry.kind, entry.dropped_id, entry.dropped_name, int(entry.present), seq,
                    entry.stored))


class _Transaction:
    """BEGIN IMMEDIATE, bump the counter, yield (db, seq), COMMIT (or ROLLBACK on error)."""

    def __init__(self, index: LabelIndex):
        self._index = index

    def __enter__(self):
        self._index._lock.acquire()
        db = self._index._db
        try:
            db.execute("BEGIN IMMEDIATE")
            db.execute("UPDATE meta SET value = value + 1 WHERE key = 'seq'")
            seq = int(db.execute("SELECT value FROM meta WHERE key = 'seq'").fetchone()[0])
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            self._index._lock.release()
            raise
        return db, seq

    def __exit__(self, exc_type, exc, tb):
        db = self._index._db
        try:
            db.execute("ROLLBACK" if exc_type else "COMMIT")
        finally:
            self._index._lock.release()
        return False


def _schema(db) -> int:
    return int(db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()[0])


def _stat(path: str) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:
        return None


def _entry(outcome, st: os.stat_result | None, dropped_id: str | None, dropped_name: str | None) -> IndexEntry:
    ours = outcome.label if outcome.ok else None
    return IndexEntry(
        path=str(outcome.path), size=st.st_size if st else None, mtime_ns=st.st_mtime_ns if st else None,
        inode=st.st_ino if st else None, ok=bool(outcome.ok), label_id=outcome.recognised if outcome.ok else None,
        ours_id=ours.id if ours is not None else None, ours_name=(ours.name or ours.id) if ours is not None else None,
        foreign=tuple((f.system, f.name or f.id) for f in outcome.foreign) if outcome.ok else (),
        problem=None if outcome.ok else outcome.message, kind=None if outcome.ok else outcome.kind,
        dropped_id=dropped_id, dropped_name=dropped_name, present=st is not None, stored=stored_in(outcome))


def stored_in(outcome) -> str | None:
    """Where the read behind `outcome` found the file's labels kept: the format its content has, not its name.

    `handler` is None when no format could read the file (then nothing is known)."""
    if not outcome.ok or outcome.handler is None:
        return None
    return INSIDE if outcome.travels_with_file else BESIDE


def _dropped(before: IndexEntry | None, outcome, st: os.stat_result | None) -> tuple[str, str] | None:
    if before is None or st is None or not outcome.ok or outcome.label is not None:
        return None
    if outcome.recognised is not None:
        # The file counts as a label through another tool's metadata: if it is the same
        # label, only our copy was dropped; a different one is somebody's choice.
        label = before.ours_id or before.dropped_id
        if outcome.recognised != label:
            return None
    if before.dropped_id is not None:
        return before.dropped_id, before.dropped_name or before.dropped_id  # still unanswered
    if before.ours_id is None or before.matches(st):
        return None
    return before.ours_id, before.ours_name or before.ours_id


def _from_row(row) -> IndexEntry:
    (path, size, mtime_ns, inode, ok, label_id, ours_id, ours_name, foreign_json, problem, kind,
     dropped_id, dropped_name, present, seq, stored) = row
    foreign = tuple(tuple(f) for f in json.loads(foreign_json)) if foreign_json else ()
    return IndexEntry(os.fsdecode(path), size, mtime_ns, inode, bool(ok), label_id, ours_id, ours_name,
                      foreign, problem, kind, dropped_id, dropped_name, bool(present), seq, stored)
