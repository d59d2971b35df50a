"""A PDF's earlier revisions: where old label bytes are, and how to get rid of them.

An incremental update leaves every earlier revision in the file.  When a
label is removed or replaced in an unsigned PDF, no byte of the old label
may stay behind (tools and DLP engines grep for them), so a write

1. cuts off the revisions that we appended ourselves (each ends with the
   `%Labeler-update base N` comment naming the file's length before it), and
2. overwrites, byte for byte with spaces, every old label entry still found
   in an earlier information dictionary or uncompressed XMP packet.

Neither step moves a byte of any other object, so every offset stays
valid, the copy streams, and the result can be verified against the
original byte by byte.  Entries that cannot be overwritten in place (in
compressed object streams, compressed or encrypted XMP, indirect values)
are reported, and the caller keeps an incremental update and says so.
"""
from __future__ import annotations

import html
import re
import zlib
from dataclasses import dataclass, field
from collections.abc import Callable, Iterator
from typing import BinaryIO

from pypdf.generic import DictionaryObject, IndirectObject, NameObject, read_object

from .pdf_write import MARKER_LINE
from .pdf_xref import _MAX_SECTIONS, _OBJ_HEADER, _read_from, _Section, _sections, _stub, _Unreadable
from .pdf_xref import chain_problem as chain_problem

_STARTXREF_END = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_LABEL_KEY = re.compile(r"^(MSIP_Label_|Labeler_|urn:bails:)")
_XMP_KEY = rb"(?:MSIP_Label_|Labeler_)[A-Za-z0-9_.\-]*"
_XMP_ELEMENT = re.compile(rb"<(?P<p>[A-Za-z_][\w.\-]*):(?P<k>" + _XMP_KEY
                          + rb")(?:\s[^<>]*)?(?:/>|>(?P<v>[^<]*)</(?P=p):(?P=k)\s*>)")
_XMP_ATTRIBUTE = re.compile(rb"(?<=\s)(?P<p>[A-Za-z_][\w.\-]*):(?P<k>" + _XMP_KEY
                            + rb")\s*=\s*(?:\"(?P<v>[^\"]*)\"|'(?P<w>[^']*)')")
CHUNK = 1024 * 1024


class FileView:
    """The first `end` bytes of an open file, for reading a shorter revision of it."""

    def __init__(self, f: BinaryIO, end: int):
        self.f, self.end, self.pos = f, end, 0

    def seek(self, offset: int, whence: int = 0) -> int:
        base = {0: 0, 1: self.pos, 2: self.end}[whence]
        self.pos = max(0, base + offset)
        return self.pos

    def tell(self) -> int:
        return self.pos

    def read(self, n: int = -1) -> bytes:
        limit = self.end - self.pos if n is None or n < 0 else min(n, self.end - self.pos)
        if limit <= 0:
            return b""
        self.f.seek(self.pos)
        data = self.f.read(limit)
        self.pos += len(data)
        return data

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True


def own_revisions_start(f: BinaryIO, size: int) -> int:
    """Where the run of updates that we appended at the end of the file begins (`size` if none)."""
    end = size
    for _ in range(_MAX_SECTIONS):
        f.seek(max(0, end - 4096))
        tail = f.read(end - max(0, end - 4096))
        match = None
        for found in MARKER_LINE.finditer(tail):  # the last marker line in the tail
            match = found
        if match is None or not _STARTXREF_END.match(tail, match.end()):
            return end
        base = int(match.group(1))
        f.seek(max(0, base - 1024))
        before = f.read(base - max(0, base - 1024))
        if not 0 < base < end or not _STARTXREF_END.search(before):
            return end
        end = base
    return end


def is_signed(f: BinaryIO, size: int, catalog: DictionaryObject | None) -> bool:
    """Whether the file carries a digital signature (a signature field or a /ByteRange)."""
    try:
        form = catalog.get("/AcroForm") if catalog is not None else None
        form = form.get_object() if form is not None else None
        if isinstance(form, DictionaryObject) and int(form.get("/SigFlags", 0) or 0) & 1:
            return True
        if catalog is not None and "/Perms" in catalog:
            return True
    except Exception:  # a strange AcroForm: let the byte scan decide
        pass
    f.seek(0)
    previous = b""
    for _ in range(0, size, CHUNK):
        chunk = f.read(CHUNK)
        if not chunk:
            break
        if b"/ByteRange" in previous[-16:] + chunk or b"/SigFlags" in previous[-16:] + chunk:
            return True
        previous = chunk
    return False


@dataclass
class Scrub:
    """What overwriting the old label entries of the earlier revisions needs."""

    ranges: list[tuple[int, int]] = field(default_factory=list)  # absolute [start, end) to fill with spaces
    unreachable: list[str] = field(default_factory=list)  # why some old entries could not be overwritten
    latest_info: bool = False  # the newest info dictionary was touched: a new one must be appended
    latest_xmp: bool = False


def plan_scrub(f: BinaryIO, header: int, startxref: int, current: dict[str, int | None],
               stays: Callable[[str, str], bool], encryption=None) -> Scrub:
    """Where the label entries that do not stay (`stays(key, value)` is False) are, in every revision.

    `current` maps "info" / "xmp" to the object numbers the newest revision uses.
    """
    scrub = Scrub()
    try:
        sections = _sections(f, header, startxref)
    except Exception:
        scrub.unreachable.append("its revision history cannot be followed")
        return scrub
    info_numbers = {s.trailer.raw_get("/Info").idnum for s in sections
                    if isinstance(s.trailer.get("/Info") and s.trailer.raw_get("/Info"), IndirectObject)}
    root_numbers = {s.trailer.raw_get("/Root").idnum for s in sections
                    if isinstance(s.trailer.get("/Root") and s.trailer.raw_get("/Root"), IndirectObject)}
    current_xmp = current.get("xmp")
    meta_numbers = {current_xmp} if current_xmp is not None else set()
    locations: dict[int, tuple[int, int, bool]] = {}  # offset -> (number, generation, newest)
    for section in sections:
        for number in root_numbers:
            entry = _entry(section, number)
            if entry and entry[0] == 1:
                catalog = _object_at(f, header, entry[1])
                has_meta = isinstance(catalog, DictionaryObject) and "/Metadata" in catalog
                meta = catalog.raw_get("/Metadata") if has_meta else None
                if isinstance(meta, IndirectObject):
                    meta_numbers.add(meta.idnum)
    for number in info_numbers | meta_numbers:
        newest = True
        for section in sections:
            entry = _entry(section, number)
            if entry is None:
                continue
            if entry[0] == 1 and entry[1] not in locations:
                locations[entry[1]] = (number, entry[2], newest and number in current.values())
            elif entry[0] == 2 and not newest:
                scrub.unreachable.append("an earlier revision keeps metadata in a compressed object stream")
            newest = False
    for offset, (number, generation, newest) in sorted(locations.items()):
        _scrub_object(f, header, offset, number, generation, newest, stays, encryption, scrub)
    return scrub


def _entry(section: _Section, number: int) -> tuple[int, int, int] | None:
    try:
        return section.entries(number)
    except _Unreadable:
        return None


def _object_at(f: BinaryIO, header: int, offset: int):
    try:
        f.seek(header + offset)
        match = _OBJ_HEADER.match(f.read(64))
        if not match:
            return None
        return _read_from(f, header + offset + match.end())
    except Exception:
        return None


def _scrub_object(f, header, offset, number, generation, newest, stays, encryption, scrub: Scrub) -> None:
    f.seek(header + offset)
    match = _OBJ_HEADER.match(f.read(64))
    if not match:
        return
    start = header + offset + match.end()
    f.seek(start)
    while f.read(1) in b" \t\r\n\f\x00":
        pass
    f.seek(f.tell() - 1)
    if f.read(2) != b"<<":
        return
    try:
        pairs = list(_dict_pairs(f))
    except Exception:
        scrub.unreachable.append("an earlier metadata object cannot be parsed")
        return
    after = f.tell()
    f.seek(after)
    is_stream = re.match(rb"\s*stream", f.read(16)) is not None
    crypt = encryption._make_crypt_filter(number, generation) if encryption is not None else None
    if not is_stream:
        for key, value, begin, end in pairs:
            if not _LABEL_KEY.match(key):
                continue
            if isinstance(value, IndirectObject):
                scrub.unreachable.append("an earlier information dictionary holds a label value indirectly")
                continue
            text = _text(value, crypt)
            if not stays(key, text):
                scrub.ranges.append((begin, end))
                scrub.latest_info |= newest
        return
    head = {key: value for key, value, _, _ in pairs}
    if head.get("Type") != "/Metadata" and head.get("Subtype") != "/XML":
        return
    length = head.get("Length")
    if not isinstance(length, int):
        scrub.unreachable.append("an earlier XMP packet has no direct length")
        return
    f.seek(after)
    opening = re.match(rb"\s*stream(\r\n|\n|\r)", f.read(16))
    if opening is None:
        return
    data_start = after + opening.end()
    f.seek(data_start)
    data = f.read(int(length))
    plain = head.get("Filter") is None and crypt is None
    for begin, end, key, value in _xmp_entries(data if plain else _decoded(data, head, crypt)):
        if stays(key, value):
            continue
        if not plain:
            scrub.unreachable.append("an earlier XMP packet is compressed or encrypted")
            return
        scrub.ranges.append((data_start + begin, data_start + end))
        scrub.latest_xmp |= newest


def _decoded(data: bytes, head: dict, crypt) -> bytes:
    if crypt is not None:
        data = crypt.stm_crypt.decrypt(data)
    if head.get("Filter") in ("/FlateDecode", ["/FlateDecode"]):
        data = zlib.decompressobj().decompress(data, 64 * 1024 * 1024)
    return data


def _xmp_entries(data: bytes) -> Iterator[tuple[int, int, str, str]]:
    if b"\x00" in data[:64]:  # UTF-16/32: only the label's presence can be told
        for encoding in ("utf-16", "utf-32"):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            for key in re.finditer(_XMP_KEY.decode(), text):
                yield 0, 0, key.group(0), "\x00"
            return
    for pattern in (_XMP_ELEMENT, _XMP_ATTRIBUTE):
        for match in pattern.finditer(data):
            value = match.group("v") if match.group("v") is not None else (match.groupdict().get("w") or b"")
            unescaped = html.unescape(value.decode("utf-8", "replace")).strip()
            yield match.start(), match.end(), match.group("k").decode(), unescaped


def _text(value, crypt) -> str:
    try:
        raw = value.original_bytes if hasattr(value, "original_bytes") else bytes(value)
        if crypt is not None:
            raw = crypt.str_crypt.decrypt(raw)
        if raw.startswith((b"\xfe\xff", b"\xff\xfe")):
            return raw.decode("utf-16")
        from pypdf.generic import create_string_object
        return str(create_string_object(raw))
    except Exception:
        return str(value)


def _dict_pairs(f: BinaryIO) -> Iterator[tuple[str, object, int, int]]:
    """(key, value, start, end) of each entry of the dictionary whose `<<` was just read."""
    stub = _stub()
    while True:
        begin = f.tell()
        byte = f.read(1)
        if byte in b" \t\r\n\f\x00" and byte:
            continue
        if byte == b"%":
            f.readline()
            continue
        if byte == b">" or not byte:
            f.read(1)
            return
        f.seek(begin)
        key = read_object(f, stub)
        if not isinstance(key, NameObject):
            raise _Unreadable
        value = _read_from(f, f.tell())
        yield str(key)[1:], value, begin, f.tell()
