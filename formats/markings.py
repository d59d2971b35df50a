"""What every format does around visual markings, whatever it draws.

A handler draws the parts of `stamp.markings` its format can hold, then
labels with `drawn(stamp, parts)`: Microsoft's ContentBits and LibreOffice's
`Marking:*` properties then describe exactly the markings in the document —
never what the scheme wished for (INTEROP.md §8).
"""
from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from .model import LabelStamp, VisualMarkings, marking_bits

# Ours are recognisable by this name wherever a format names its objects
# (shape names, bookmark or field names, style names), so that relabelling
# and removing find exactly them and leave the document's own markings.
OUR_MARKING = "LabelerMarking"
# The name Office gives its own content-marking shapes (PowerPoint, Word).
OFFICE_MARKING = "MSIPCMContentMarking"


def wanted(stamp: LabelStamp | None, file_name: str) -> VisualMarkings | None:
    """The markings to draw for `stamp` in the file named `file_name`, if any."""
    if stamp is None or stamp.markings is None:
        return None
    return stamp.markings.for_file(file_name)


def drawn(stamp: LabelStamp | None, parts: Mapping[str, str]) -> LabelStamp | None:
    """`stamp` describing the markings really drawn: `parts` maps part name → text drawn."""
    if stamp is None:
        return None
    tscp = stamp.tscp
    if tscp is not None:
        tscp = dataclasses.replace(tscp, header=parts.get("header", ""), footer=parts.get("footer", ""),
                                   watermark=parts.get("watermark", ""))
    return dataclasses.replace(stamp, content_bits=marking_bits(parts), tscp=tscp)
