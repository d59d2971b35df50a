"""The result of one operation on one file: a value, never an exception."""
from __future__ import annotations

from dataclasses import dataclass, field

from formats.model import FoundLabel, ReadResult

# Statuses
SHOWN = "shown"
LABELLED = "labelled"
REMOVED = "removed"
UNCHANGED = "unchanged"
FAILED = "failed"


@dataclass
class Outcome:
    path: str
    status: str
    kind: str | None = None  # error kind (formats.errors) when FAILED
    message: str | None = None  # a sentence for a person
    label: FoundLabel | None = None  # ours, after the operation
    foreign: tuple[FoundLabel, ...] = field(default_factory=tuple)
    handler: str | None = None
    travels_with_file: bool = True
    recognised: str | None = None  # the scheme label id the file counts as (ours or a mapped foreign one)

    @property
    def ok(self) -> bool:
        return self.status != FAILED

    @classmethod
    def from_read(cls, path: str, status: str, result: ReadResult, message: str | None = None) -> "Outcome":
        return cls(path, status, message=message, label=result.ours, foreign=result.foreign,
                   handler=result.handler, travels_with_file=result.travels_with_file)

    def to_json(self) -> dict:
        return {
            "path": self.path,
            "status": self.status,
            "label": {"id": self.label.id, "name": self.label.name} if self.label else None,
            "foreign": [{"system": f.system, "id": f.id, "name": f.name} for f in self.foreign],
            "recognised_as": self.recognised,
            "error": self.message if self.status == FAILED else None,
            "kind": self.kind,
            "format": self.handler,
            "stored": None if self.handler is None else ("inside" if self.travels_with_file else "beside"),
        }
