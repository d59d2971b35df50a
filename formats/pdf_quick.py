"""A quick path for reading a PDF's labels, for the common well-formed file.

pypdf's reader parses every cross-reference section and object header up
front; reading a label needs three objects (trailer, Info, XMP stream).  For
files with classic cross-reference tables this module looks up just those
through the tables' fixed 20-byte entries.  Anything unusual (xref streams,
object streams, encryption, filters other than Flate, anything malformed)
returns None and the caller falls back to pypdf, which decides errors.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, BinaryIO, cast

from pypdf.generic import (DictionaryObject, IndirectObject, NumberObject, StreamObject, TextStringObject,
                           read_object)

if TYPE_CHECKING:
    from pypdf._protocols import PdfReaderProtocol

_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF", re.S)
_SUBSECTION = re.compile(rb"\s*(\d+)\s+(\d+)\s*?(?:\r\n|\r|\n)")
_OBJ_HEADER = re.compile(rb"\s*(\d+)\s+(\d+)\s+obj\s*")
_MAX_SECTIONS = 64


class _Unusual(Exception):
    """Not a file for the quick path: let pypdf read it."""


class _Resolver:
    """What pypdf's object parser needs from a document: indirect /Length values."""

    strict = False

    def __init__(self, tables: _Tables):
        self.tables = tables

    @classmethod
    def of(cls, tables: _Tables) -> PdfReaderProtocol:
        """One as the reader pypdf's parser takes (of a reader it uses only `strict` and `get_object`)."""
        return cast("PdfReaderProtocol", cls(tables))

    def get_object(self, ref):
        here = self.tables.f.tell()
        try:
            return self.tables.object(ref)
        finally:
            self.tables.f.seek(here)


class _Tables:
    def __init__(self, f: BinaryIO, size: int, header: int = 0):
        self.f = f
        self.header = header  # offsets count from the `%PDF-` header (a UTF-8 BOM may precede it)
        self.sections: list[list[tuple[int, int, int]]] = []  # newest first: (first, count, entries_at)
        f.seek(max(0, size - 1024))
        match = None
        for found in _STARTXREF.finditer(f.read()):  # the last one counts
            match = found
        if match is None:
            raise _Unusual
        offset: int | None = int(match.group(1))
        seen: set[int] = set()
        newest: DictionaryObject | None = None
        while offset is not None:
            if offset in seen or len(seen) > _MAX_SECTIONS:
                raise _Unusual
            seen.add(offset)
            trailer = self._section(offset)
            newest = newest if newest is not None else trailer
            prev = trailer.get("/Prev")
            if "/XRefStm" in trailer or "/Encrypt" in trailer:
                raise _Unusual
            offset = int(prev) if isinstance(prev, NumberObject) else None
        if newest is None:  # cannot happen: the loop reads at least one section
            raise _Unusual
        self.trailer: DictionaryObject = newest

    def _section(self, offset: int) -> DictionaryObject:
        f = self.f
        offset += self.header
        f.seek(offset)
        if f.read(4) != b"xref":
            raise _Unusual  # a cross-reference stream
        subsections, pos = [], offset + 4
        while True:
            f.seek(pos)
            head = f.read(64)
            match = _SUBSECTION.match(head)
            if not match:
                break
            first, count = int(match.group(1)), int(match.group(2))
            entries_at = pos + match.end()
            subsections.append((first, count, entries_at))
            pos = entries_at + 20 * count
        f.seek(pos)
        chunk = f.read(64)
        if chunk.lstrip()[:7] != b"trailer" or b"<<" not in chunk:
            raise _Unusual  # entries not 20 bytes long: let pypdf cope
        f.seek(pos + chunk.index(b"<<"))
        trailer = read_object(f, _Resolver.of(self))
        if not isinstance(trailer, DictionaryObject):
            raise _Unusual
        self.sections.append(subsections)
        return trailer

    def offset_of(self, number: int) -> int:
        for subsections in self.sections:
            for first, count, entries_at in subsections:
                if first <= number < first + count:
                    self.f.seek(entries_at + 20 * (number - first))
                    entry = self.f.read(20)
                    if entry[17:18] != b"n":
                        raise _Unusual
                    return int(entry[:10]) + self.header
        raise _Unusual

    def object(self, ref) -> object:
        if not isinstance(ref, IndirectObject):
            return ref
        offset = self.offset_of(ref.idnum)
        self.f.seek(offset)
        head = self.f.read(32)
        match = _OBJ_HEADER.match(head)
        if not match or int(match.group(1)) != ref.idnum:
            raise _Unusual
        self.f.seek(offset + match.end())
        return read_object(self.f, _Resolver.of(self))


_ENTRY = re.compile(rb"(\d{10}) (\d{5}) ([nf])(?:\r\n| \r| \n)")
_END_OBJECT = re.compile(rb"\s*endobj\b")


def check_revision(f: BinaryIO, size: int, header: int, base: int, prev: int) -> str | None:
    """Why the revision appended at byte `base` is not sound, or None.

    For a file whose first `base` bytes were read strictly already (an
    update we appended to them): its newest cross-reference section must be
    a classic table inside the new bytes whose trailer goes back to `prev`,
    the start of the chain it was appended to, and counts every object it
    lists; each entry must be 20 bytes, and each object in use must start
    inside the new bytes where its entry says, with the number and
    generation it names, parse (pypdf's object parser, as a full reading
    would use) and end with `endobj`.  Objects before `base` are not read
    again: every one of them is where the strict reading found it.
    """
    try:
        tables = _Tables(f, size, header)
    except Exception:
        return "has no cross-reference table that can be read"
    trailer = tables.trailer
    newest = tables.sections[0]
    prev_value, size_value = trailer.get("/Prev"), trailer.get("/Size")
    if not isinstance(prev_value, NumberObject) or int(prev_value) != prev:
        return "does not lead back to the original's cross-reference section"
    if not isinstance(trailer.raw_get("/Root"), IndirectObject):
        return "has no document catalog"
    highest = 0
    try:
        for first, count, entries_at in newest:
            if entries_at < base:
                return "lists objects from outside the new revision"
            f.seek(entries_at)
            table = f.read(20 * count)
            for i in range(count):
                entry = _ENTRY.fullmatch(table, 20 * i, 20 * i + 20)
                if entry is None:
                    return f"has a damaged cross-reference entry for object {first + i}"
                highest = max(highest, first + i)
                if entry.group(3) == b"n" and not _object_at(tables, int(entry.group(1)) + header, first + i,
                                                             int(entry.group(2)), base, size):
                    return f"does not hold object {first + i} where its cross-reference entry says"
    except Exception:
        return "holds an object that cannot be parsed"
    if not isinstance(size_value, NumberObject) or int(size_value) <= highest:
        return "counts fewer objects than it lists"
    return None


def _object_at(tables: _Tables, offset: int, number: int, generation: int, base: int, size: int) -> bool:
    """Whether object `number` `generation` starts at `offset` in the new bytes, parses and ends there."""
    if not base <= offset < size:
        return False
    f = tables.f
    f.seek(offset)
    match = _OBJ_HEADER.match(f.read(32))
    if not match or (int(match.group(1)), int(match.group(2))) != (number, generation):
        return False
    f.seek(offset + match.end())
    read_object(f, _Resolver.of(tables))
    return _END_OBJECT.match(f.read(32)) is not None


def read_quick(f: BinaryIO, size: int, max_xmp: int, header: int = 0) -> tuple[dict[str, str], bytes | None] | None:
    """(info properties, XMP packet) of a plain PDF, or None for pypdf to handle."""
    try:
        tables = _Tables(f, size, header)
        trailer = tables.trailer
        info = tables.object(trailer.raw_get("/Info")) if "/Info" in trailer else DictionaryObject()
        if not isinstance(info, DictionaryObject):
            return None
        props = {}
        for key in info:
            value = tables.object(dict.get(info, key))  # values may be indirect strings
            if isinstance(value, TextStringObject):
                props[str(key)[1:]] = str(value)
        return props, _xmp(tables, trailer, max_xmp)
    except Exception:  # _Unusual, or any parse error: pypdf reads it and decides
        return None


def _xmp(tables: _Tables, trailer: DictionaryObject, max_xmp: int) -> bytes | None:
    catalog = tables.object(trailer.raw_get("/Root"))
    if not isinstance(catalog, DictionaryObject):
        raise _Unusual
    if "/Metadata" not in catalog:
        return None
    stream = tables.object(catalog.raw_get("/Metadata"))
    if not isinstance(stream, StreamObject):
        raise _Unusual
    filters = stream.get("/Filter")
    # pypdf has already read the (encoded) data and dropped /Length from the dictionary.
    if len(stream._data) > max_xmp or filters not in (None, "/FlateDecode") or "/DecodeParms" in stream:
        raise _Unusual  # large, exotic or odd: pypdf's checks apply
    data = stream.get_data()
    if len(data) > max_xmp:
        raise _Unusual
    return data
