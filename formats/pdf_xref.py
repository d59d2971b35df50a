"""Walking a PDF's chain of cross-reference sections, read by ourselves rather than through pypdf's repairs.

Tables and cross-reference streams, following /Prev and /XRefStm: what
every section lists, and whether the chain could carry an appended update
(`chain_problem`).  formats/pdf_history.py finds old label entries with it.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, cast

from pypdf.generic import ArrayObject, DictionaryObject, StreamObject, read_object

if TYPE_CHECKING:
    from pypdf._protocols import PdfReaderProtocol

_OBJ_HEADER = re.compile(rb"\s*(\d+)\s+(\d+)\s+obj\b")
_SUBSECTION = re.compile(rb"\s*(\d+)\s+(\d+)\s*?(?:\r\n|\r|\n| )")
_ENTRY = re.compile(rb"(\d{10})[ ](\d{5})[ ]([nf])")
_MAX_SECTIONS = 1000


class _Unreadable(Exception):
    """A cross-reference section we cannot walk."""


def _read_from(f: IO[bytes], position: int):
    """The object that starts at `position`, after any whitespace."""
    f.seek(position)
    while True:
        byte = f.read(1)
        if not byte:
            raise _Unreadable
        if byte not in b" \t\r\n\f\x00":
            break
    f.seek(f.tell() - 1)
    return read_object(f, _stub())


class _Stub:
    """What pypdf's object parser needs from a document; indirect lengths are not followed."""

    strict = False

    def get_object(self, ref):
        raise _Unreadable


def _stub() -> PdfReaderProtocol:
    """A `_Stub` as the reader pypdf's parser takes (of a reader it uses only `strict` and `get_object`)."""
    return cast("PdfReaderProtocol", _Stub())


_Entries = Callable[[int], tuple[int, int, int] | None]  # number -> (type, field2, field3)


def _either(first: _Entries, second: _Entries) -> _Entries:
    """The entries of a table section merged with those of its /XRefStm stream."""
    return lambda n: first(n) or second(n)


def _int(value: object) -> int:
    """A number as pypdf read it; anything else is not a cross-reference stream we can walk."""
    if isinstance(value, (int, float, str, bytes)):
        return int(value)
    raise _Unreadable


@dataclass
class _Section:
    trailer: DictionaryObject
    entries: _Entries
    ranges: list[tuple[int, int]] = field(default_factory=list)  # (first, count) of the numbers listed


def _sections(f: IO[bytes], header: int, startxref: int) -> list[_Section]:
    result: list[_Section] = []
    seen: set[int] = set()
    offset: int | None = startxref
    while offset is not None:
        if offset in seen or len(seen) > _MAX_SECTIONS:
            raise _Unreadable
        seen.add(offset)
        section = _section(f, header, offset)
        result.append(section)
        extra = section.trailer.get("/XRefStm")
        if isinstance(extra, int) and extra not in seen:
            seen.add(extra)
            stream = _section(f, header, int(extra))
            first = section.entries
            result[-1] = _Section(section.trailer, _either(first, stream.entries), section.ranges + stream.ranges)
        prev = section.trailer.get("/Prev")
        offset = int(prev) if isinstance(prev, int) else None
    return result


def _section(f: IO[bytes], header: int, offset: int) -> _Section:
    f.seek(header + offset)
    head = f.read(4)
    if head == b"xref":
        return _table(f, header + offset + 4)
    f.seek(header + offset)
    match = _OBJ_HEADER.match(f.read(64))
    if not match:
        raise _Unreadable
    stream = _read_from(f, header + offset + match.end())
    if not isinstance(stream, StreamObject) or stream.get("/Type") != "/XRef":
        raise _Unreadable
    data = stream.get_data()
    listed_widths = stream["/W"]
    if not isinstance(listed_widths, ArrayObject):
        raise _Unreadable
    widths = [_int(w) for w in listed_widths]
    size = _int(stream["/Size"])
    index = [int(i) for i in stream.get("/Index", [0, size])]
    row = sum(widths)
    starts, position = [], 0
    for first, count in zip(index[::2], index[1::2]):
        starts.append((first, count, position))
        position += count * row

    def entries(number: int) -> tuple[int, int, int] | None:
        for first, count, at in starts:
            if first <= number < first + count:
                raw = data[at + (number - first) * row: at + (number - first + 1) * row]
                fields: list[int] = []
                i = 0
                for width in widths:
                    fields.append(int.from_bytes(raw[i:i + width], "big") if width else (1 if not fields else 0))
                    i += width
                return fields[0], fields[1], fields[2]
        return None

    trailer = DictionaryObject({k: v for k, v in stream.items() if k not in ("/Filter", "/DecodeParms")})
    # Rows past the end of the data are not there (a huge /Index lists nothing).
    listed = [(first, min(count, max(0, (len(data) - at) // row) if row else 0)) for first, count, at in starts]
    return _Section(trailer, entries, listed)


def _table(f: IO[bytes], position: int) -> _Section:
    subsections = []
    for _ in range(100000):
        f.seek(position)
        match = _SUBSECTION.match(f.read(64))
        if not match:
            break
        first, count = int(match.group(1)), int(match.group(2))
        at = position + match.end()
        f.seek(at)
        probe = f.read(41)
        entry = _ENTRY.match(probe.lstrip())
        if count and not entry:
            raise _Unreadable
        width = 20
        if count:
            after = probe.lstrip()[18:20]
            width = 20 if after in (b" \n", b" \r", b"\r\n") else 19
        subsections.append((first, count, at, width))
        position = at + width * count
    f.seek(position)
    chunk = f.read(64)
    if chunk.lstrip()[:7] != b"trailer":
        raise _Unreadable
    trailer = _read_from(f, position + chunk.index(b"trailer") + 7)
    if not isinstance(trailer, DictionaryObject):
        raise _Unreadable

    def entries(number: int) -> tuple[int, int, int] | None:
        for first, count, at, width in subsections:
            if first <= number < first + count:
                f.seek(at + width * (number - first))
                entry = _ENTRY.match(f.read(20).lstrip())
                if not entry:
                    raise _Unreadable
                return (1 if entry.group(3) == b"n" else 0), int(entry.group(1)), int(entry.group(2))
        return None

    return _Section(trailer, entries, [(first, count) for first, count, _, _ in subsections])


def chain_problem(f: IO[bytes], header: int, startxref: int, needed: set[int]) -> str | None:
    """Why the cross-reference chain from `startxref` cannot carry an update, or None.

    Read by ourselves, not through pypdf's repairs (which only tell of
    themselves in log records a host application may switch off): every
    section of the chain (/Prev, /XRefStm) must be there, and every object
    the newest sections list as in use must start where its entry says,
    with the number and generation the entry names.  An update is appended
    to exactly this chain, and it is what every reader of the result
    follows (an update also ends a linearized file's first-page shortcut).
    Entries at offset 0 are tolerated for objects not in `needed`: every
    reader takes them as free, and the update marks them so.
    """
    try:
        sections = _sections(f, header, startxref)
    except Exception:
        return "its chain of cross-reference sections is broken"
    seen: set[int] = set()
    try:
        for section in sections:
            for first, count in section.ranges:
                for number in range(first, first + count):
                    if number in seen:
                        continue
                    seen.add(number)
                    entry = section.entries(number)
                    if entry is None or entry[0] != 1 or number == 0:
                        continue
                    offset, generation = entry[1], entry[2]
                    if offset == 0 and number not in needed:
                        continue
                    f.seek(header + offset)
                    match = _OBJ_HEADER.match(f.read(64))
                    if not match or (int(match.group(1)), int(match.group(2))) != (number, generation):
                        return f"its cross-reference entry for object {number} does not point at that object"
    except Exception:
        return "its cross-reference entries cannot be read"
    return None
