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

import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from labeler.core.file_kinds import is_document
from labeler.core.files import is_transient

from ..outcome_text import outcome_sentence

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


def is_listed_document(scheme, path: str | Path) -> bool:
    """Files the page lists by default: documents we can label, and types the scheme wants labelled."""
    return is_document(path) or scheme.must_be_labelled(path)


def read_row(service, path: str | Path, roots: tuple[str, ...] = ()) -> FileRow:
    """Read one file's labels (file I/O: call it in a worker)."""
    path = str(path)
    try:
        modified = os.stat(path).st_mtime
    except OSError:
        modified = 0.0
    scheme = service.scheme
    outcome = service.show(path)
    return FileRow(
        path=path, name=os.path.basename(path), folder=os.path.dirname(path), roots=roots,
        modified=modified, document=is_listed_document(scheme, path),
        must_label=scheme.must_be_labelled(path), ok=outcome.ok, label_id=outcome.recognised,
        ours=outcome.label is not None and outcome.recognised is not None,
        foreign=tuple((f.system, f.name or f.id) for f in outcome.foreign),
        problem=None if outcome.ok else outcome_sentence(outcome))


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
    inside = [f for f in folders if _within(path, [f])]
    return tuple(sorted(inside, key=len, reverse=True))


def _within(path: str, folders: Iterable[str]) -> bool:
    return any(path == f or path.startswith(f.rstrip(os.sep) + os.sep) for f in folders)


def read_rows(service, folders: Iterable[str], ignored: Iterable[str] = (), everything: bool = False,
              batch_size: int | None = None, max_wait: float | None = None) -> Iterator[Progress]:
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


def reread(service, paths: Iterable[str], folders: Iterable[str]) -> list[FileRow]:
    """The rows of `paths` read again (after a label was applied); files gone are left out."""
    folders = [os.path.abspath(os.path.expanduser(f)) for f in folders]
    return [read_row(service, p, roots_of(str(p), folders)) for p in paths if os.path.isfile(p)]
