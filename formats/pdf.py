"""PDF documents: labels in the information dictionary and the XMP packet.

Microsoft writes a PDF label twice, as `/MSIP_Label_<guid>_*` keys of the
document information dictionary and as `pdfx:` properties in the XMP packet
(INTEROP.md §3); we read and write both.  Writing is an incremental update:
the original bytes are copied unchanged and a new info dictionary, XMP
stream and cross-reference section are appended, so digital signatures stay
valid and the cost is one sequential copy whatever the file's size.
"""
from __future__ import annotations

import io
import logging
import re
import struct
import threading
import zlib
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Iterator

from pypdf import PdfReader
from pypdf.errors import DependencyError, LimitReachedError, PyPdfError
from pypdf.generic import (ArrayObject, DecodedStreamObject, DictionaryObject, IndirectObject,
                           NameObject, NumberObject, PdfObject, StreamObject, TextStringObject)

from . import labelprops, pdf_xmp
from .base import FormatHandler, WritePlan
from .errors import CORRUPT, ENCRYPTED, TOO_LARGE, FormatError
from .model import FoundLabel, LabelStamp, ReadResult
from .copying import ShortSource, copy_range
from .pdf_quick import read_quick

MAX_XMP_BYTES = 8 * 1024 * 1024  # no real XMP packet is anywhere near this
_TAIL_BYTES = 4096  # where `startxref` must be found, counted from the end
INFO_WHERE = "PDF info dictionary"
XMP_WHERE = "XMP"

# pypdf and its helpers raise these (and worse) on damaged input; all mean "corrupt".
_PARSE_ERRORS = (PyPdfError, ValueError, KeyError, IndexError, TypeError, AttributeError,
                 AssertionError, RecursionError, struct.error, zlib.error, EOFError)


class _PypdfLog(logging.Handler):
    """Keeps pypdf's complaints about damaged files off the user's console.

    Records go to the current thread's capture list (if any) so that a write
    can refuse a file whose cross-reference data pypdf had to repair.
    """

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.local = threading.local()

    def emit(self, record: logging.LogRecord) -> None:
        captured = getattr(self.local, "messages", None)
        if captured is not None:
            try:
                captured.append(record.getMessage())
            except Exception:  # a malformed message must not break reading
                captured.append(str(record.msg))


_LOG = _PypdfLog()
logging.getLogger("pypdf").addHandler(_LOG)
logging.getLogger("pypdf").propagate = False


@contextmanager
def _captured_warnings() -> Iterator[list[str]]:
    messages: list[str] = []
    _LOG.local.messages = messages
    try:
        yield messages
    finally:
        _LOG.local.messages = None


# What pypdf says when it had to guess at a damaged file's structure.  An
# update appended to a structure that only a repair could read would chain
# onto bad offsets, so such files are read but not written.
_REPAIR_WARNING = re.compile(r"xref|trailer|root|catalog|wrong pointing|repaired|not defined|object stream"
                             r"|object number|objects within|eof marker (not|seems)|^Object \d+ \d+ found",
                             re.IGNORECASE)


def _corrupt(name: str, detail: str) -> FormatError:
    return FormatError(CORRUPT, f"{name} is damaged or not really a PDF: {detail}.")


def _check_header(name: str, f: BinaryIO) -> None:
    f.seek(0)
    if b"%PDF-" not in f.read(1024):
        raise _corrupt(name, "it has no PDF header")


@dataclass
class _Document:
    """What reading a PDF found, and what a write needs to append to it."""

    name: str
    reader: PdfReader
    info: DictionaryObject  # raw entries (indirect references kept)
    info_ref: IndirectObject | None  # None: the info dictionary is not an indirect object
    xmp: bytes | None
    xmp_ref: IndirectObject | None  # the existing indirect Metadata stream
    info_props: dict[str, str] = field(default_factory=dict)
    xmp_props: dict[str, str] = field(default_factory=dict)


def _open(path: Path, f: BinaryIO, writing: bool) -> _Document:
    name = path.name
    try:
        reader = PdfReader(f, strict=False)
    except DependencyError:
        raise _encrypted(name, writing) from None
    except _PARSE_ERRORS as exc:
        raise _corrupt(name, f"its structure cannot be read ({_reason(exc)})") from None
    try:
        if reader.is_encrypted:
            if writing or not reader.decrypt(""):
                raise _encrypted(name, writing)
        return _load(name, reader, writing)
    except DependencyError:
        raise _encrypted(name, writing) from None
    except LimitReachedError:
        raise FormatError(TOO_LARGE, f"The XMP metadata of {name} is far larger than any metadata "
                                     "packet; the file was left alone.") from None
    except _PARSE_ERRORS as exc:
        raise _corrupt(name, f"its metadata cannot be read ({_reason(exc)})") from None


def _encrypted(name: str, writing: bool) -> FormatError:
    if writing:
        return FormatError(ENCRYPTED, f"{name} is password-protected; labels cannot be written into it "
                                      "without the password.")
    return FormatError(ENCRYPTED, f"{name} is password-protected; its labels cannot be read without "
                                  "the password.")


def _reason(exc: Exception) -> str:
    text = str(exc).strip().rstrip(".")
    return text[:200] if text else type(exc).__name__


def _load(name: str, reader: PdfReader, writing: bool) -> _Document:
    trailer = reader.trailer
    info_raw = trailer.raw_get("/Info") if "/Info" in trailer else None
    info_ref = info_raw if isinstance(info_raw, IndirectObject) else None
    info = info_raw.get_object() if info_raw is not None else None
    if not isinstance(info, DictionaryObject):
        info, info_ref = DictionaryObject(), None
    doc = _Document(name, reader, info, info_ref, None, None)
    doc.info_props = {str(k)[1:]: str(v.get_object()) for k, v in info.items()
                      if isinstance(v.get_object(), TextStringObject)}
    doc.xmp, doc.xmp_ref = _read_xmp(reader)
    doc.xmp_props = _xmp_properties(name, doc.xmp, writing)
    return doc


def _xmp_properties(name: str, xmp: bytes | None, writing: bool = False) -> dict[str, str]:
    if xmp is None:
        return {}
    try:
        return pdf_xmp.properties(pdf_xmp.parse(xmp, f"The XMP metadata of {name}"))
    except FormatError as exc:
        # A broken packet still lets us report the info dictionary's labels,
        # but we must not replace a packet we could not read.
        if writing or exc.kind != CORRUPT:
            raise
        return {}


def _read_xmp(reader: PdfReader) -> tuple[bytes | None, IndirectObject | None]:
    catalog = reader.trailer.get("/Root")
    catalog = catalog.get_object() if catalog is not None else None
    if not isinstance(catalog, DictionaryObject) or "/Metadata" not in catalog:
        return None, None
    raw = catalog.raw_get("/Metadata")
    if reader.is_encrypted:
        # pypdf knows whether the packet is exempt from encryption (/EncryptMetadata).
        xmp = reader.xmp_metadata
        stream = xmp.stream if xmp is not None else None
    else:
        stream = raw.get_object()
    if not isinstance(stream, StreamObject):
        return None, None
    declared = stream.get("/Length")
    declared = declared.get_object() if declared is not None else 0
    if isinstance(declared, int) and declared > MAX_XMP_BYTES:
        raise LimitReachedError("declared length")
    data = stream.get_data()
    if len(data) > MAX_XMP_BYTES:
        raise LimitReachedError("decoded length")
    return data, raw if isinstance(raw, IndirectObject) else None


class PdfHandler(FormatHandler):
    name = "PDF document"
    extensions = frozenset({".pdf"})

    def _read(self, path: Path) -> ReadResult:
        with open(path, "rb") as f, _captured_warnings():
            _check_header(path.name, f)
            quick = read_quick(f, f.seek(0, io.SEEK_END), MAX_XMP_BYTES)
            if quick is not None:
                info_props, xmp_props = quick[0], _xmp_properties(path.name, quick[1])
            else:
                doc = _open(path, f, writing=False)
                info_props, xmp_props = doc.info_props, doc.xmp_props
        found = labelprops.decode(info_props, INFO_WHERE) + labelprops.decode(xmp_props, XMP_WHERE)
        # The same label mirrored in both places is one label; the info dictionary wins.
        unique: dict[tuple[str, str], FoundLabel] = {}
        for label in found:
            unique.setdefault((label.system, label.id), label)
        return ReadResult(labels=tuple(unique.values()), handler=self.name)

    def _plan(self, path: Path, stamp: LabelStamp | None) -> WritePlan | None:
        with open(path, "rb") as f, _captured_warnings() as complaints:
            _check_header(path.name, f)
            size = f.seek(0, io.SEEK_END)
            tail = _Tail.of(path.name, f, size)
            doc = _open(path, f, writing=True)
            if tail.startxref != doc.reader._startxref or any(_REPAIR_WARNING.search(w) for w in complaints):
                raise FormatError(CORRUPT, f"{path.name} has a damaged cross-reference table; open it in a "
                                           "PDF program and save it again before labelling it.")
            old = doc.info_props
            new = labelprops.apply(old, stamp, style=labelprops.PDF_STYLE)
            xmp_old = {k: v for k, v in doc.xmp_props.items() if pdf_xmp.is_managed(k)}
            xmp_new = _xmp_target(old, new, xmp_old, stamp)
            if new == old and xmp_new == xmp_old:
                return None
            update = _Update(doc, tail, size).build(old, new, xmp_new if xmp_new != xmp_old else None)

        def plan(out: BinaryIO) -> None:
            _copy_prefix(path, size, out)
            out.write(update)

        return plan


def _xmp_target(old: dict[str, str], new: dict[str, str], xmp_old: dict[str, str],
                stamp: LabelStamp | None) -> dict[str, str]:
    """The managed pdfx properties after the change.

    Labels only the XMP carries (another tool's mirror) follow the same
    rules as the info dictionary; whatever left the info dictionary leaves
    the XMP too, and the new info entries are mirrored.
    """
    removed = old.keys() - new.keys()
    target = {k: v for k, v in labelprops.apply(xmp_old, stamp, style=labelprops.PDF_STYLE).items()
              if k not in removed}
    target.update(new)
    return {k: v for k, v in target.items() if pdf_xmp.is_managed(k)}


@dataclass(frozen=True)
class _Tail:
    """Where the last cross-reference section is, and what kind it is."""

    startxref: int
    kind: str  # "table" or "stream": our section must be of the same kind
    needs_newline: bool  # the original's last line is not terminated

    @classmethod
    def of(cls, name: str, f: BinaryIO, size: int) -> "_Tail":
        f.seek(0)
        if not f.read(5) == b"%PDF-":
            # Offsets in such files may count from the header, not the file's start.
            raise _corrupt(name, "it has data before its PDF header, so it cannot be updated safely")
        f.seek(max(0, size - _TAIL_BYTES))
        tail = f.read()
        match = None
        for match in re.finditer(rb"startxref\s+(\d+)\s+%%EOF", tail):
            pass
        if match is None:
            raise _corrupt(name, "its end is missing (the file is probably truncated)")
        startxref = int(match.group(1))
        f.seek(startxref)
        section = f.read(64)
        if re.match(rb"\s*xref", section):
            kind = "table"
        elif re.match(rb"\s*\d+\s+\d+\s+obj", section):
            kind = "stream"
        else:
            raise _corrupt(name, "its cross-reference pointer leads nowhere")
        return cls(startxref, kind, not tail.endswith((b"\n", b"\r")))


class _Update:
    """The bytes appended to the original file: objects, xref section, trailer."""

    def __init__(self, doc: _Document, tail: _Tail, size: int):
        self.doc, self.tail = doc, tail
        self.buffer = io.BytesIO()
        self.base = size
        if tail.needs_newline:  # keeps our first object off the original's last line
            self.buffer.write(b"\n")
        self.offsets: dict[int, tuple[int, int]] = {}  # number -> (offset, generation)
        self.next_number = _first_free_number(doc.reader)

    def build(self, old: dict[str, str], new: dict[str, str], xmp_target: dict[str, str] | None) -> bytes:
        doc = self.doc
        info_ref = doc.info_ref if doc.info_ref is not None else self._new_ref()
        if new != old or doc.info_ref is None:
            self._put(info_ref, _new_info(doc.info, old, new))
        if xmp_target is not None:
            packet = pdf_xmp.merge(doc.xmp, xmp_target, f"The XMP metadata of {doc.name}")
            stream = DecodedStreamObject()
            stream[NameObject("/Type")] = NameObject("/Metadata")
            stream[NameObject("/Subtype")] = NameObject("/XML")
            stream.set_data(packet)  # uncompressed, so that XMP-only scanners can find it
            if doc.xmp_ref is not None:
                self._put(doc.xmp_ref, stream)
            else:
                self._add_metadata_to_catalog(stream)
        self._write_xref(info_ref)
        return self.buffer.getvalue()

    def _add_metadata_to_catalog(self, stream: StreamObject) -> None:
        root_ref = self.doc.reader.trailer.raw_get("/Root")
        catalog = root_ref.get_object() if isinstance(root_ref, IndirectObject) else None
        if not isinstance(catalog, DictionaryObject):
            raise _corrupt(self.doc.name, "its document catalog is missing")
        meta_ref = self._new_ref()
        self._put(meta_ref, stream)
        new_catalog = DictionaryObject(catalog.items())
        new_catalog[NameObject("/Metadata")] = meta_ref
        self._put(root_ref, new_catalog)

    def _new_ref(self) -> IndirectObject:
        self.next_number += 1
        return IndirectObject(self.next_number - 1, 0, None)

    def _position(self) -> int:
        return self.base + self.buffer.tell()

    def _put(self, ref: IndirectObject, obj: PdfObject) -> None:
        self.offsets[ref.idnum] = (self._position(), ref.generation)
        self.buffer.write(f"{ref.idnum} {ref.generation} obj\n".encode())
        obj.write_to_stream(self.buffer)
        self.buffer.write(b"\nendobj\n")

    def _trailer_entries(self, info_ref: IndirectObject) -> DictionaryObject:
        trailer = self.doc.reader.trailer
        entries = DictionaryObject()
        entries[NameObject("/Size")] = NumberObject(self.next_number)
        entries[NameObject("/Root")] = trailer.raw_get("/Root")
        entries[NameObject("/Info")] = info_ref
        entries[NameObject("/Prev")] = NumberObject(self.tail.startxref)
        if "/ID" in trailer:
            entries[NameObject("/ID")] = trailer.raw_get("/ID")
        return entries

    def _write_xref(self, info_ref: IndirectObject) -> None:
        if self.tail.kind == "table":
            start = self._position()
            self.buffer.write(b"xref\n")
            for first, numbers in _subsections(self.offsets):
                self.buffer.write(f"{first} {len(numbers)}\n".encode())
                for number in numbers:
                    offset, generation = self.offsets[number]
                    self.buffer.write(f"{offset:010d} {generation:05d} n\r\n".encode())
            self.buffer.write(b"trailer\n")
            self._trailer_entries(info_ref).write_to_stream(self.buffer)
        else:
            xref_ref = self._new_ref()
            start = self._position()
            self.offsets[xref_ref.idnum] = (start, 0)  # the section lists itself
            width = max(4, (start.bit_length() + 7) // 8)
            stream = DecodedStreamObject()
            stream.update(self._trailer_entries(info_ref))
            stream[NameObject("/Type")] = NameObject("/XRef")
            stream[NameObject("/W")] = ArrayObject(NumberObject(n) for n in (1, width, 2))
            sections = _subsections(self.offsets)
            stream[NameObject("/Index")] = ArrayObject(
                NumberObject(n) for first, numbers in sections for n in (first, len(numbers)))
            stream.set_data(b"".join(
                b"\x01" + self.offsets[n][0].to_bytes(width, "big") + self.offsets[n][1].to_bytes(2, "big")
                for _, numbers in sections for n in numbers))
            self.buffer.write(f"{xref_ref.idnum} 0 obj\n".encode())
            stream.write_to_stream(self.buffer)
            self.buffer.write(b"\nendobj\n")
        self.buffer.write(f"\nstartxref\n{start}\n%%EOF\n".encode())


def _new_info(info: DictionaryObject, old: dict[str, str], new: dict[str, str]) -> DictionaryObject:
    """The info dictionary with the label entries changed and everything else as it was."""
    result = DictionaryObject()
    for key, value in info.items():
        bag_key = str(key)[1:]
        if bag_key in old and bag_key not in new:
            continue
        changed = bag_key in new and new[bag_key] != old.get(bag_key)
        result[NameObject(key)] = _text(new[bag_key]) if changed else value
    for bag_key, value in new.items():
        if NameObject("/" + bag_key) not in result:
            result[NameObject("/" + bag_key)] = _text(value)
    return result


def _text(value: str) -> TextStringObject:
    """A PDF text string: escaped literal if ASCII, UTF-16BE with BOM otherwise."""
    text = TextStringObject(value)
    if not value.isascii():
        text.autodetect_pdfdocencoding = False
        text.autodetect_utf16 = True
        text.utf16_bom = b"\xfe\xff"
    return text


def _first_free_number(reader: PdfReader) -> int:
    used = [n for table in reader.xref.values() for n in table] + list(reader.xref_objStm)
    size = reader.trailer.get("/Size", NumberObject(0)).get_object()
    return max([int(size) if isinstance(size, int) else 0, *(n + 1 for n in used)])


def _subsections(offsets: dict[int, tuple[int, int]]) -> list[tuple[int, list[int]]]:
    """Object numbers grouped into runs of consecutive numbers."""
    runs: list[tuple[int, list[int]]] = []
    for number in sorted(offsets):
        if runs and runs[-1][1][-1] == number - 1:
            runs[-1][1].append(number)
        else:
            runs.append((number, [number]))
    return runs


def _copy_prefix(path: Path, size: int, out: BinaryIO) -> None:
    """Copy exactly the `size` bytes that were read."""
    with open(path, "rb") as f:
        try:
            copy_range(f, out, 0, size)
        except ShortSource:
            raise _corrupt(path.name, "it became shorter while it was being labelled") from None
