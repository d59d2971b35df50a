"""The scheme file format version: `format` in `[scheme]`.

FORMAT is the newest format this app reads.  A scheme without `format` is
format 1 (schemes written before the key existed).  A scheme of a newer
format is refused as a whole with one sentence, before anything else is
checked: its keys may mean things this app does not know, and reporting them
as typos would mislead the admin.  A scheme of an older format keeps working
(docs/scheme.md, "Format versions").

Raise FORMAT only for a change an older app would misread.  Adding a sharing
channel does not need it: a scheme that does not name a channel gets a
default rule for it (policy/channel_defaults.py).
"""
from __future__ import annotations

from typing import Any

FORMAT = 1
FIRST_FORMAT = 1


def declared_format(document: dict) -> Any:
    """The `format` the document declares (any TOML value), FIRST_FORMAT when it declares none."""
    header = document.get("scheme")
    if isinstance(header, dict) and "format" in header:
        return header["format"]
    return FIRST_FORMAT


def too_new(document: dict) -> int | None:
    """The declared format if it is a whole number newer than FORMAT, else None."""
    value = declared_format(document)
    if isinstance(value, int) and not isinstance(value, bool) and value > FORMAT:
        return value
    return None


def too_new_reason(declared: int) -> str:
    """What is wrong with a scheme of format `declared`: "needs a newer version of the app (…)"."""
    return f"needs a newer version of the app (scheme format {declared}, this app reads up to {FORMAT})"
