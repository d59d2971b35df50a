"""The result of one operation on one file: a value, never an exception."""
from __future__ import annotations

from dataclasses import dataclass, field

from formats.model import MICROSOFT, FoundLabel, ReadResult

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
    markings: tuple[str, ...] = ()  # our visual markings in the document: "header", "footer", "watermark"

    @property
    def ok(self) -> bool:
        return self.status != FAILED

    @classmethod
    def from_read(cls, path: str, status: str, result: ReadResult, message: str | None = None) -> Outcome:
        return cls(path, status, message=message, label=result.ours, foreign=result.foreign,
                   handler=result.handler, travels_with_file=result.travels_with_file,
                   markings=tuple(result.markings))

    def to_json(self) -> dict:
        from labeler.core.names import path_fields

        return {
            **path_fields(self.path),
            "status": self.status,
            "label": ours_json(self.label) if self.label else None,
            "markings": list(self.markings),
            "foreign": [foreign_json(f) for f in self.foreign],
            "recognised_as": self.recognised,
            "error": self.message if self.status == FAILED else None,
            "kind": self.kind,
            "format": self.handler,
            "stored": None if self.handler is None else ("inside" if self.travels_with_file else "beside"),
        }


def ours_json(found: FoundLabel) -> dict:
    """Our label for `--json`: id and name, and who set it, when and how, where the file says."""
    raw = found.raw or {}
    data = {"id": found.id, "name": found.name}
    extra = {"set_by": raw.get("Labeler_SetBy"), "set_at": raw.get("Labeler_SetDate"),
             "method": raw.get("Labeler_Method")}
    data.update({k: v for k, v in extra.items() if v})
    return data


def _first(raw, *keys: str) -> str | None:
    return next((raw[k].strip() for k in keys if (raw.get(k) or "").strip()), None)


def foreign_json(found: FoundLabel) -> dict:
    """A foreign label for `--json`: system, id, name, and what else identifies it.

    A Microsoft label also gives its tenant (`site_id`), `method` and
    `set_at` where the file holds them (custom.xml, LabelInfo.xml or a
    PDF's information dictionary); a name not taken from the label's own
    name field says where it came from (`name_from`).
    """
    data = {"system": found.system, "id": found.id, "name": found.name}
    raw = found.raw or {}
    if found.system == MICROSOFT:
        # LabelInfo.xml's attributes (lower case) win over custom.xml's properties.
        site = _first(raw, "siteId", "SiteId")
        extra = {"site_id": site.strip("{}").lower() if site else None,
                 "method": _first(raw, "method", "Method", "Extended_MSFT_Method"),
                 "set_at": _first(raw, "SetDate")}
        data.update({k: v for k, v in extra.items() if v})
    if found.name_from:
        data["name_from"] = found.name_from
    return data
