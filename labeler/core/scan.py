"""A folder overview: what is labelled how, and what still needs a label.

Long work is a generator that yields progress, so the command line can draw
a bar and the GUI can run it in a worker and cancel it between files.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Iterator

from labeler.core.files import expand
from labeler.core.service import LabelService


@dataclass
class ScanReport:
    root: str
    files: int = 0
    documents: int = 0  # files of the types the scheme wants labelled
    by_label: Counter = field(default_factory=Counter)  # scheme label id → files
    unlabelled: list[str] = field(default_factory=list)  # documents that need a label
    foreign: Counter = field(default_factory=Counter)  # (system, name) → files
    errors: list[tuple[str, str | None, str | None]] = field(default_factory=list)  # path, kind, message

    def to_json(self) -> dict:
        return {
            "root": self.root, "files": self.files, "documents": self.documents,
            "by_label": dict(self.by_label), "unlabelled": self.unlabelled,
            "foreign": [{"system": s, "name": n, "files": c} for (s, n), c in sorted(self.foreign.items())],
            "errors": [{"path": p, "kind": k, "error": m} for p, k, m in self.errors],
        }


def scan(service: LabelService, root: str | Path) -> Iterator[tuple[int, int, ScanReport]]:
    """Yield (done, total, report-so-far) after each file."""
    scheme = service.scheme
    paths = list(expand([str(root)], recursive=True))
    report = ScanReport(str(root))
    for done, path in enumerate(paths, 1):
        must = scheme.must_be_labelled(path)
        outcome = service.show(path)
        report.files += 1
        report.documents += must
        if not outcome.ok:
            report.errors.append((str(path), outcome.kind, outcome.message))
        else:
            if outcome.recognised:
                report.by_label[outcome.recognised] += 1
            elif must:
                report.unlabelled.append(str(path))
            for found in outcome.foreign:
                report.foreign[(found.system, found.name or found.id)] += 1
        yield done, len(paths), report
