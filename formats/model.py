"""Values exchanged between the format handlers and the rest of the app.

Handlers know nothing of schemes: they receive a fully resolved
`LabelStamp` (what to write) and return `FoundLabel`s (what is there).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from collections.abc import Mapping

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


HEADER, FOOTER, WATERMARK = "header", "footer", "watermark"
MARKING_PARTS = (HEADER, FOOTER, WATERMARK)
# Microsoft's ContentBits: which visual markings are in the document.
MARKING_BITS = {HEADER: 1, FOOTER: 2, WATERMARK: 4}
FILE_VARIABLE = "${file}"


@dataclass(frozen=True)
class MarkingStyle:
    """How marking text looks: size in points, "#RRGGBB" colour, alignment."""

    font_size: float = 10.0  # header and footer
    watermark_font_size: float = 54.0
    color: str = "#000000"
    align: str = "center"  # left | center | right (header and footer; a watermark is centred)


@dataclass(frozen=True)
class VisualMarkings:
    """The marking texts a label puts into a document, ready to draw.

    The scheme's variables are already filled in, except `${file}`, which
    only the format layer knows (see `for_file`).
    """

    header: str | None = None
    footer: str | None = None
    watermark: str | None = None
    style: MarkingStyle = field(default_factory=MarkingStyle)

    def parts(self) -> dict[str, str]:
        """The parts with text, e.g. {"header": "CONFIDENTIAL"}."""
        return {part: text for part in MARKING_PARTS if (text := getattr(self, part))}

    def for_file(self, file_name: str) -> VisualMarkings:
        """The markings with `${file}` replaced by the document's name."""
        def fill(text: str | None) -> str | None:
            return text.replace(FILE_VARIABLE, file_name) if text else text
        return VisualMarkings(fill(self.header), fill(self.footer), fill(self.watermark), self.style)


def marking_bits(parts) -> int:
    """ContentBits for the marking parts really written (an iterable of part names)."""
    return sum(MARKING_BITS[part] for part in set(parts))


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
    # A handler that draws markings sets it from what it drew (`marking_bits`).
    content_bits: int = 0
    # What the label asks to draw; a handler draws what its format can hold.
    markings: VisualMarkings | None = None


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
    # Our visual markings found in the document: "header", "footer", "watermark".
    markings: tuple[str, ...] = ()

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
