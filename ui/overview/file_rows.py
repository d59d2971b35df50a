"""The Files page's data, without Qt: one `FileRow` per file, read in batches.

    for progress in read_rows(service, ["~/Documents"], ignored=[], everything=False):
        progress.rows        # the FileRows read since the last yield (a few hundred at most)
        progress.done        # files read so far
        progress.missing     # watched folders that do not exist

`read_rows` is a generator: the GUI runs it in a `ui.workers.Worker`, which
turns each yield into a signal and can cancel it between two batches.  A
batch is yielded after `batch_size` files or `max_wait` seconds, whichever
comes first, so a slow disk still shows progress.
"""
from __future__ import annotations

import gc
import logging
import os
import time
from contextlib import contextmanager
from dataclasses import dataclass
from types import SimpleNamespace
from pathlib import Path
from collections.abc import Generator, Iterable, Iterator

from labeler.core.file_kinds import is_document
from labeler.core.files import is_transient
from labeler.desktop.label_index import INSIDE

from ..outcome_text import outcome_sentence

log = logging.getLogger(__name__)

BATCH_SIZE = 200
MAX_WAIT = 0.25  # seconds between two yields at most (while files are being read)


@dataclass
class FileRow:
    """One file as the Files page shows it."""

    path: str
    name: str
    folder: str  # the folder the file is in
    roots: tuple[str, ...]  # the watched folders it is under, the most specific first
    modified: float = 0.0  # seconds since the epoch; 0 when unknown
    document: bool = True  # a document type (listed unless "Show all files")
    must_label: bool = False  # the scheme wants files of this type labelled
    ok: bool = True  # the labels could be read
    label_id: str | None = None  # the scheme label the file counts as (ours or a mapped foreign one)
    ours: bool = False  # that label was written by us (not only recognised from another tool's)
    foreign: tuple[tuple[str, str], ...] = ()  # (system, name or id) of other tools' labels
    problem: str | None = None  # why the labels could not be read
    # The label is stored beside the content (file-system attributes), not inside the file:
    # copies to USB sticks and e-mail attachments lose it.
    beside: bool = False

    @property
    def to_label(self) -> bool:
        """A document the scheme wants labelled that has no label yet."""
        return self.ok and self.must_label and self.label_id is None

    @property
    def root(self) -> str:
        return self.roots[0] if self.roots else self.folder


@dataclass
class Progress:
    rows: list[FileRow]
    done: int  # files read so far
    missing: tuple[str, ...] = ()  # watched folders that were not found (reported once)
    gone: tuple[str, ...] = ()  # paths the label index listed that are no longer there


def is_listed_document(scheme, path: str | Path) -> bool:
    """Files the page lists by default: documents we can label, and types the scheme wants labelled."""
    return is_document(path) or scheme.must_be_labelled(path)


def read_row(service, path: str | Path, roots: tuple[str, ...] = ()) -> FileRow:
    """Read one file's labels (file I/O: call it in a worker)."""
    path = str(path)
    try:
        st: os.stat_result | None = os.stat(path)
    except OSError:
        st = None
    return row_from_outcome(service.scheme, service.show(path), st, roots)


def row_from_outcome(scheme, outcome, st: os.stat_result | None, roots: tuple[str, ...] = ()) -> FileRow:
    path = str(outcome.path)
    return FileRow(
        path=path, name=os.path.basename(path), folder=os.path.dirname(path), roots=roots,
        modified=st.st_mtime_ns / 1e9 if st else 0.0, document=is_listed_document(scheme, path),
        must_label=scheme.must_be_labelled(path), ok=outcome.ok, label_id=outcome.recognised,
        ours=outcome.label is not None and outcome.recognised is not None,
        foreign=tuple((f.system, f.name or f.id) for f in outcome.foreign),
        problem=None if outcome.ok else outcome_sentence(outcome),
        beside=bool(outcome.ok and outcome.recognised is not None and not outcome.travels_with_file))


def row_from_entry(scheme, entry, roots: tuple[str, ...] = (), kinds: Kinds | None = None) -> FileRow:
    """The row of a label index entry (labeler/desktop/label_index.py), without reading the file."""
    path = entry.path
    problem = None
    if not entry.ok:
        problem = outcome_sentence(SimpleNamespace(path=path, kind=entry.kind, message=entry.problem))
    kinds = kinds or Kinds(scheme)
    document, must_label = kinds(path)
    folder, _, name = path.rpartition(os.sep)
    return FileRow(
        path=path, name=name, folder=folder or os.sep, roots=roots,
        modified=entry.mtime_ns / 1e9 if entry.mtime_ns else 0.0, document=document,
        must_label=must_label, ok=entry.ok, label_id=entry.label_id,
        ours=entry.ours_id is not None and entry.label_id is not None, foreign=tuple(entry.foreign),
        problem=problem, beside=bool(entry.ok and entry.label_id is not None and not _inside(entry, kinds)))


def _inside(entry, kinds: Kinds) -> bool:
    """Whether the entry's label is kept inside the file: as the read that wrote the entry found it.

    Rows written before the index recorded it (`stored` None) fall back to
    the extension, until `reconcile_rows` reads those files again."""
    if entry.stored is not None:
        return entry.stored == INSIDE
    return kinds.inside(entry.path)


def storage_unknown(entry) -> bool:
    """An index entry with a label but no record of where it is kept (written by an older version)."""
    return entry.ok and entry.label_id is not None and entry.stored is None


class Kinds:
    """(listed document, must be labelled) of a path, by its extension, asked once per extension.

    Thirty thousand index entries hold a handful of extensions; the checks
    behind `is_listed_document` and `must_be_labelled` build path objects.
    """

    def __init__(self, scheme):
        self.scheme = scheme
        self._cache: dict[str, tuple[bool, bool]] = {}
        self._inside: dict[str, bool] = {}
        # A scheme extension with an inner dot (".tar.gz") needs the whole name: no cache then.
        self._by_suffix = all(ext.count(".") <= 1 for ext in scheme.must_label)

    def __call__(self, path: str) -> tuple[bool, bool]:
        dot, sep = path.rfind("."), path.rfind(os.sep)
        if not self._by_suffix or dot <= sep + 1:
            return is_listed_document(self.scheme, path), self.scheme.must_be_labelled(path)
        suffix = path[dot:].lower()
        kinds = self._cache.get(suffix)
        if kinds is None:
            kinds = self._cache[suffix] = (is_listed_document(self.scheme, path),
                                           self.scheme.must_be_labelled(path))
        return kinds

    def inside(self, path: str) -> bool:
        """Whether a label of this file is written into it (a document format), by its extension alone."""
        dot, sep = path.rfind("."), path.rfind(os.sep)
        if dot <= sep + 1:
            return is_document(path)
        suffix = path[dot:].lower()
        inside = self._inside.get(suffix)
        if inside is None:
            inside = self._inside[suffix] = is_document(path)
        return inside


def walk(folders: Iterable[str], ignored: Iterable[str] = (), missing: list[str] | None = None
         ) -> Iterator[tuple[str, tuple[str, ...]]]:
    """(path, roots) of every file below the watched `folders`, each once.

    Like `labeler.core.files.expand` (hidden and transient files skipped, sorted),
    but ignored folders are pruned from the walk instead of filtered after it.
    """
    folders = [os.path.abspath(os.path.expanduser(f)) for f in folders]
    ignored = [os.path.abspath(os.path.expanduser(f)) for f in ignored]
    seen: set[str] = set()
    for top in folders:
        if not os.path.isdir(top):
            if missing is not None:
                missing.append(top)
            continue
        if _within(top, ignored):
            continue
        for here, dirs, files in os.walk(top):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                             and not _within(os.path.join(here, d), ignored))
            for name in sorted(files):
                if name.startswith(".") or is_transient(name):
                    continue
                path = os.path.join(here, name)
                if path in seen:
                    continue
                seen.add(path)
                yield path, roots_of(path, folders)


def roots_of(path: str, folders: Iterable[str]) -> tuple[str, ...]:
    """The watched folders containing `path`, the most specific (longest) first."""
    inside = [f for f in folders if path == f or path.startswith(f.rstrip(os.sep) + os.sep)]
    return tuple(sorted(inside, key=len, reverse=True))


def _within(path: str, folders: Iterable[str]) -> bool:
    return any(path == f or path.startswith(f.rstrip(os.sep) + os.sep) for f in folders)


def read_rows(service, folders: Iterable[str], ignored: Iterable[str] = (), everything: bool = False,
              batch_size: int | None = None, max_wait: float | None = None) -> Generator[Progress, None, int]:
    """Walk the watched folders and read each file's labels; yields a `Progress` per batch.

    Without `everything`, only documents are read (see `is_listed_document`).
    Returns the number of files read.
    """
    batch_size = batch_size or BATCH_SIZE
    max_wait = MAX_WAIT if max_wait is None else max_wait
    scheme = service.scheme
    missing: list[str] = []
    batch: list[FileRow] = []
    done = 0
    reported = 0
    last = time.monotonic()
    for path, roots in walk(folders, ignored, missing):
        if not everything and not is_listed_document(scheme, path):
            continue
        batch.append(read_row(service, path, roots))
        done += 1
        if len(batch) >= batch_size or time.monotonic() - last >= max_wait:
            yield Progress(batch, done, tuple(missing[reported:]))
            reported = len(missing)
            batch, last = [], time.monotonic()
    yield Progress(batch, done, tuple(missing[reported:]))
    return done


def listed_entry(scheme, path: str, folders: list[str], ignored: list[str], everything: bool,
                 kinds: Kinds | None = None) -> tuple[str, ...]:
    """The watched folders an index entry shows under (most specific first); () when `walk` would skip it."""
    roots = roots_of(path, folders)
    if not roots or (ignored and _within(path, ignored)):
        return ()
    if not everything and not (kinds or Kinds(scheme))(path)[0]:
        return ()
    inside = path[len(roots[-1].rstrip(os.sep)) + 1:]
    if inside.startswith(".") or (os.sep + ".") in inside or is_transient(inside.rpartition(os.sep)[2]):
        return ()
    return roots


def index_rows(index, scheme, folders: Iterable[str], ignored: Iterable[str] = (), everything: bool = False
               ) -> tuple[int, list[FileRow], dict]:
    """What the label index knows below the watched folders: (its seq, the rows, path -> entry).

    One query, no document read: the Overview shows this at once, then
    `reconcile_rows` checks it against the disk.
    """
    folders = [os.path.abspath(os.path.expanduser(f)) for f in folders]
    ignored = [os.path.abspath(os.path.expanduser(f)) for f in ignored]
    with bulk_allocation():
        seq, entries = index.entries_under(folders)
        rows, known = [], {}
        kinds = Kinds(scheme)
        for entry in entries:
            roots = listed_entry(scheme, entry.path, folders, ignored, everything, kinds)
            if roots:
                rows.append(row_from_entry(scheme, entry, roots, kinds))
                known[entry.path] = entry
    return seq, rows, known


@contextmanager
def bulk_allocation():
    """Tens of thousands of new objects that all stay alive: no cyclic garbage collection meanwhile.

    Each collection would walk every live object only to find no garbage; it
    runs when the block ends instead (once, not dozens of times).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def reconcile_rows(service, index, folders: Iterable[str], ignored: Iterable[str] = (), everything: bool = False,
                   known: dict | None = None, batch_size: int | None = None, max_wait: float | None = None
                   ) -> Generator[Progress, None, int]:
    """Walk the folders; read only the files the index does not know as they are now; yields `Progress`.

    A file whose size, mtime and inode match its index entry is not read,
    unless the entry has a label but not where it is kept (an index written
    by an older version): reading it once records that.
    The files read go into the index (one transaction per batch); files the
    index listed that are gone are reported in the last `Progress.gone` and
    kept in the index as tombstones.  Returns the number of files listed.
    """
    batch_size = batch_size or BATCH_SIZE
    max_wait = MAX_WAIT if max_wait is None else max_wait
    known = dict(known or {})
    scheme = service.scheme
    missing: list[str] = []
    batch: list[FileRow] = []
    reads: list = []
    done = reported = 0
    last = time.monotonic()
    for path, roots in walk(folders, ignored, missing):
        if not everything and not is_listed_document(scheme, path):
            continue
        done += 1
        entry = known.pop(path, None)
        try:
            st = os.stat(path)
        except OSError:
            continue
        if entry is not None and entry.matches(st) and not storage_unknown(entry):
            continue
        outcome = service.show(path)
        batch.append(row_from_outcome(scheme, outcome, st, roots))
        reads.append((outcome, st))
        if len(batch) >= batch_size or time.monotonic() - last >= max_wait:
            _record(index, reads)
            yield Progress(batch, done, tuple(missing[reported:]))
            reported = len(missing)
            batch, reads, last = [], [], time.monotonic()
    _record(index, reads)
    gone = tuple(known)
    if gone:
        try:
            index.forget(gone)
        except Exception as exc:  # a cache: the table is right even if the index is not
            log.warning("label index not updated: %s", exc)
    yield Progress(batch, done, tuple(missing[reported:]), gone)
    return done


def _record(index, reads: list) -> None:
    if not reads:
        return
    try:
        index.record_reads(reads)  # drops found here reach the shell through the index feed
    except Exception as exc:
        log.warning("label index not updated: %s", exc)


def reread(service, paths: Iterable[str], folders: Iterable[str]) -> list[FileRow]:
    """The rows of `paths` read again (after a label was applied); files gone are left out."""
    folders = [os.path.abspath(os.path.expanduser(f)) for f in folders]
    return [read_row(service, p, roots_of(str(p), folders)) for p in paths if os.path.isfile(p)]
