"""File names and other text from outside, made safe to show and to store.

A POSIX file name is bytes: it can hold newlines and escape sequences that
would fake extra output lines, and bytes that are not UTF-8 (Python keeps
those as surrogate escapes).  Human output escapes them; JSON output and the
audit trail carry the exact bytes beside a readable form so that a script
can still act on the file.
"""
from __future__ import annotations

import base64
import os
import re

# C0 and C1 controls, DEL, line/paragraph separators and bidi controls:
# anything that can move the cursor, break a line or reorder what is shown.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069"
                     "\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match) -> str:
    ch = match.group()
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte kept as a surrogate escape
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def safe_text(text: str) -> str:
    """`text` for a terminal or a log line: control characters and odd bytes escaped."""
    return _UNSAFE.sub(_escape, text)


def clean_text(text: str | None) -> str | None:
    """Text that can be written as UTF-8: undecodable bytes and lone surrogates become U+FFFD.

    For human text (a justification): a replacement character is the honest
    way to keep what could not be decoded.
    """
    if text is None:
        return None
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raw = text.encode("utf-8", "replace")
    return raw.decode("utf-8", "replace")


def path_fields(path: str) -> dict[str, str]:
    """How a path is stored in JSON: ``path`` as text, plus ``path_b64`` when the name is not UTF-8.

    ``path_b64`` is the base64 of the exact bytes the file system has, so
    `base64 -d` gives a name a script can open; ``path`` then shows the
    undecodable bytes as ``\\xNN``.
    """
    try:
        path.encode("utf-8")
        return {"path": path}
    except UnicodeEncodeError:
        raw = os.fsencode(path)
        return {"path": raw.decode("utf-8", "backslashreplace"),
                "path_b64": base64.b64encode(raw).decode("ascii")}


def path_from_fields(fields: dict) -> str:
    """The path to act on, from what `path_fields` stored."""
    if fields.get("path_b64"):
        return os.fsdecode(base64.b64decode(fields["path_b64"]))
    return fields["path"]


def json_safe(value):
    """A JSON value whose strings can all be encoded as UTF-8 (see `clean_text`)."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {json_safe(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(v) for v in value]
    return value
