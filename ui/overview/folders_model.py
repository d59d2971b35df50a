"""How far each watched folder is labelled: counts kept up to date as rows arrive.  No Qt.

    tally = CoverageTally(["~/Documents", "~/Desktop"])
    tally.add(rows)              # a batch from file_rows.read_rows
    tally.remove(old_rows)       # before adding them again, re-read
    tally["~/Documents"].labelled, .to_label, .by_label, .unreadable

Only documents count (`FileRow.document`), so showing all files in the
table does not change the bars.  A file in a watched folder inside another
watched folder counts for both.
"""
from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from .file_rows import FileRow


@dataclass
class FolderCoverage:
    folder: str
    by_label: Counter = field(default_factory=Counter)  # scheme label id -> documents
    to_label: int = 0  # documents of must-label types without a label
    unreadable: int = 0
    documents: int = 0
    missing: bool = False  # the folder does not exist

    @property
    def labelled(self) -> int:
        return sum(self.by_label.values())


class CoverageTally:
    def __init__(self, folders: Iterable[str]):
        self.folders = [os.path.abspath(os.path.expanduser(f)) for f in folders]
        self._coverage = {f: FolderCoverage(f) for f in self.folders}

    def __getitem__(self, folder: str) -> FolderCoverage:
        return self._coverage[os.path.abspath(os.path.expanduser(folder))]

    def __iter__(self):
        return (self._coverage[f] for f in self.folders)

    def add(self, rows: Iterable[FileRow]) -> None:
        self._count(rows, +1)

    def remove(self, rows: Iterable[FileRow]) -> None:
        self._count(rows, -1)

    def mark_missing(self, folders: Iterable[str]) -> None:
        for folder in folders:
            if folder in self._coverage:
                self._coverage[folder].missing = True

    def _count(self, rows: Iterable[FileRow], sign: int) -> None:
        for row in rows:
            if not row.document:
                continue
            for root in row.roots:
                coverage = self._coverage.get(root)
                if coverage is None:
                    continue
                coverage.documents += sign
                if not row.ok:
                    coverage.unreadable += sign
                elif row.label_id is not None:
                    coverage.by_label[row.label_id] += sign
                    if coverage.by_label[row.label_id] <= 0:
                        del coverage.by_label[row.label_id]
                elif row.must_label:
                    coverage.to_label += sign
