"""Values exchanged between the format handlers and the rest of the app.

Handlers know nothing of schemes: they receive a fully resolved
`LabelStamp` (what to write) and return `FoundLabel`s (what is there).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

# Systems that can have written a label.  "labeler" is this project.
OURS = "labeler"
MICROSOFT = "microsoft"
TSCP = "tscp"
TITUS = "titus"
BOLDON_JAMES = "boldon-james"

# Our property names that record which foreign labels we wrote beside ours
# (formats/labelprops.py writes them; a reader tells our mirrors by them).
OUR_PREFIX = "Labeler_"
WROTE_MICROSOFT = OUR_PREFIX + "WroteMicrosoftLabel"
WROTE_TSCP = OUR_PREFIX + "WroteTscpPolicy"


@dataclass(frozen=True)
class MicrosoftMapping:
    """The Microsoft Purview label a scheme label corresponds to."""

    label_guid: str  # lower case, no braces
    site_id: str  # tenant GUID, lower case, no braces
    name: str = ""  # Microsoft's internal label name (`Parent \\ Child`)
    # No content bits here: ContentBits says which markings are *in* the
    # document, so it comes from the stamp (what was written), never the scheme.


@dataclass(frozen=True)
class TscpMapping:
    """The TSCP / BAILS category (LibreOffice classification bar).

    An unset field is the empty string and is written empty, as LibreOffice
    writes an unset marking; never the text "None".
    """

    identifier: str
    name: str
    policy_authority: str = ""
    policy_name: str = ""
    program_id: str = ""
    impact_scale: str = ""  # "UK-Cabinet" or "FIPS-199", or "" when unset
    impact_level: str = ""  # e.g. "2", or "" when unset
    header: str = ""
    footer: str = ""
    watermark: str = ""
    # LibreOffice knows three policy types; documents use the first.
    policy_type: str = "IntellectualProperty"


@dataclass(frozen=True)
class LabelStamp:
    """Everything written into a file when a person labels it."""

    label_id: str
    label_name: str
    scheme_id: str
    scheme_version: int
    set_at: str  # ISO 8601 UTC, second precision, "Z" suffix
    set_by: str
    method: str = "manual"  # manual | recommended | default
    microsoft: MicrosoftMapping | None = None
    tscp: TscpMapping | None = None
    # Bits of the visual markings really written into the document with this
    # label (1 header, 2 footer, 4 watermark); 0 while no markings are written.
    content_bits: int = 0


@dataclass(frozen=True)
class FoundLabel:
    """One label found in a file, ours or another tool's."""

    system: str
    id: str
    name: str | None
    where: str  # the part / dictionary / attribute it was read from
    raw: Mapping[str, str] = field(default_factory=dict)
    # The property the name was taken from, when it is not the label's own
    # name field (e.g. an admin-named Titus property, or AIP's `Sensitivity`).
    name_from: str | None = field(default=None, compare=False)

    def to_json(self) -> dict:
        data = {"system": self.system, "id": self.id, "name": self.name,
                "where": self.where, "raw": dict(self.raw)}
        if self.name_from:
            data["name_from"] = self.name_from
        return data


@dataclass(frozen=True)
class ReadResult:
    """What a handler found in one file."""

    labels: tuple[FoundLabel, ...]
    handler: str  # human name of the file family
    travels_with_file: bool = True

    @property
    def ours(self) -> FoundLabel | None:
        return next((l for l in self.labels if l.system == OURS), None)

    @property
    def foreign(self) -> tuple[FoundLabel, ...]:
        """Labels written by other tools (not the Microsoft/TSCP mirrors of ours)."""
        mirrors = self.mirrors
        return tuple(l for l in self.labels if l.system != OURS and l not in mirrors)

    @property
    def mirrors(self) -> tuple[FoundLabel, ...]:
        """The Microsoft and TSCP labels we wrote beside ours so other tools see it."""
        ours = self.ours
        return tuple(l for l in self.labels if ours is not None and is_mirror_of(ours, l))


def is_mirror_of(ours: FoundLabel, found: FoundLabel) -> bool:
    """Whether `found` is the Microsoft/TSCP copy that our label `ours` wrote."""
    if found.system == MICROSOFT:
        return found.id == (ours.raw.get(WROTE_MICROSOFT) or "").lower()
    if found.system == TSCP:
        return found.raw.get("policy_type") == ours.raw.get(WROTE_TSCP)
    return False
