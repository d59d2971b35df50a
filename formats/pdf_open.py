"""Opening a PDF strictly enough to write into it.

Everything pypdf can raise on a damaged or exotic file becomes a
FormatError with one sentence (kind "encrypted" for encryption it cannot
handle, "corrupt" for the rest); nothing escapes as an unexpected problem.
"""
from __future__ import annotations

import logging
import re
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO
from collections.abc import Callable, Iterator

from pypdf import PdfReader
from pypdf.errors import DependencyError, LimitReachedError, PyPdfError
from pypdf.generic import DictionaryObject, IndirectObject, StreamObject, TextStringObject

from . import pdf_xmp
from .errors import CORRUPT, ENCRYPTED, TOO_LARGE, FormatError
from .pdf_history import chain_problem

MAX_XMP_BYTES = 8 * 1024 * 1024  # no real XMP packet is anywhere near this
_CHUNK = 1024 * 1024  # comparing files this much at a time
TAIL_BYTES = 4096  # where `startxref` must be found, counted from the end
_UTF8_BOM = b"\xef\xbb\xbf"
_APPLE_SINGLE = b"\x00\x05\x16\x00"
_MODIFY = 1 << 3  # permission bit 4: change the document


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
def captured_warnings() -> Iterator[list[str]]:
    messages: list[str] = []
    previous = getattr(_LOG.local, "messages", None)
    _LOG.local.messages = messages
    try:
        yield messages
    finally:
        _LOG.local.messages = previous


# What pypdf says when it had to guess at a damaged file's structure.  An
# update appended to a structure that only a repair could read would chain
# onto bad offsets, so such files are read but not written.
_REPAIR_WARNING = re.compile(r"xref|trailer|root|catalog|wrong pointing|repaired|not defined|object stream"
                             r"|object number|objects within|eof marker (not|seems)|^Object \d+ \d+ found"
                             r"|invalid pdf header",
                             re.IGNORECASE)
# An xref entry at offset 0 (Tika's test files): qpdf warns, pypdf ignores the entry.
_OFFSET_ZERO = re.compile(r"^Ignoring wrong pointing object (\d+) (\d+) \(offset 0\)$")
# What pypdf says about a header that does not start at byte 0 (the UTF-8 BOM case).
_SHIFTED_HEADER = re.compile(r"^invalid pdf header|^incorrect startxref pointer\(1\)$|^parsing for Object Streams$")

# pypdf and its helpers raise these (and worse) on damaged input; all mean "corrupt".
_PARSE_ERRORS = (Exception,)


def corrupt(name: str, detail: str) -> FormatError:
    return FormatError(CORRUPT, f"{name} is damaged or not really a PDF: {detail}; it was left as it was.")


def header_offset(name: str, f: BinaryIO, writing: bool) -> int:
    """Where `%PDF-` starts: 0, or 3 after a UTF-8 byte order mark; other prefixes are refused for writing."""
    f.seek(0)
    head = f.read(1024)
    at = head.find(b"%PDF-")
    if at < 0:
        raise corrupt(name, "it has no PDF header")
    if not writing or at == 0 or (at == 3 and head.startswith(_UTF8_BOM)):
        return at
    if head.startswith(_APPLE_SINGLE):
        raise FormatError(CORRUPT, f"{name} is a PDF inside an AppleSingle (Mac) wrapper, which records the "
                                   "document's length, so a label appended to it would fall outside the "
                                   "document; it was left as it was.")
    raise corrupt(name, "it has data before its PDF header, so it cannot be updated safely")


# Python exception text that pypdf passes on inside its own messages.
_PYTHON_TEXT = re.compile(r"'?\w+'? object (?:has no attribute|is not)|not subscriptable|unsupported operand"
                          r"|invalid literal for|index out of range|NoneType|positional argument|unhashable"
                          r"|unexpected keyword|must be (?:str|int|bytes)|\b[A-Z]\w*(?:Error|Exception)\b"
                          r"|\w+\(\)")


def reason(exc: BaseException) -> str:
    """pypdf's explanation, without the raw bytes and positions it often quotes."""
    if not isinstance(exc, PyPdfError):
        # Python's own exceptions (a KeyError's bare key, an AttributeError) say nothing to a person.
        return "its objects are inconsistent"
    text = re.split(r"\s*(?:b'|b\"|@\d|:\s*$)", str(exc).strip(), maxsplit=1)[0]
    # pypdf wraps Python errors in its own ("Trailer cannot be read: 'PdfReader' object has no
    # attribute 'stream'"): keep pypdf's part of the sentence only.
    internal = _PYTHON_TEXT.search(text)
    if internal:
        text = text[:internal.start()].rpartition(":")[0] if ":" in text[:internal.start()] else ""
    text = "".join(c for c in text if c.isprintable()).strip().rstrip(".:;,")
    if text[:1].isupper() and text[1:2].islower():  # it goes inside our sentence
        text = text[0].lower() + text[1:]
    return text[:120] if text else "its objects are inconsistent"


@dataclass
class Document:
    """What reading a PDF found, and what a write needs to append to it."""

    name: str
    reader: PdfReader
    info: DictionaryObject  # raw entries (indirect references kept)
    info_ref: IndirectObject | None  # None: the info dictionary is not an indirect object
    xmp: bytes | None
    xmp_ref: IndirectObject | None  # the existing indirect Metadata stream
    info_props: dict[str, str] = field(default_factory=dict)
    xmp_props: dict[str, str] = field(default_factory=dict)

    @property
    def encryption(self):
        return self.reader._encryption if self.reader.is_encrypted else None


def encrypted(name: str, writing: bool, why: str = "") -> FormatError:
    if why and writing:
        return FormatError(ENCRYPTED, f"{name} is encrypted {why}, so no label can be written into it; "
                                      "it was left as it was.")
    if why:
        return FormatError(ENCRYPTED, f"{name} is encrypted {why}, so its labels cannot be read.")
    if writing:
        return FormatError(ENCRYPTED, f"{name} is password-protected; labels cannot be written into it "
                                      "without the password, so it was left as it was.")
    return FormatError(ENCRYPTED, f"{name} is password-protected; its labels cannot be read without "
                                  "the password.")


def open_document(path: Path, f: BinaryIO, writing: bool) -> Document:
    name = path.name
    try:
        reader = PdfReader(f, strict=False)
    except DependencyError:
        raise encrypted(name, writing, "with a method this computer cannot handle") from None
    except NotImplementedError:
        raise encrypted(name, writing, "with a method this program does not support") from None
    except RecursionError:
        raise corrupt(name, "its structure is nested too deeply to read") from None
    except _PARSE_ERRORS as exc:
        raise corrupt(name, f"its structure cannot be read ({reason(exc)})") from None
    try:
        if reader.is_encrypted:
            if not reader.decrypt(""):
                raise encrypted(name, writing)
            encryption = reader._encryption
            if encryption is None:  # decrypt("") succeeded, so pypdf holds the encryption dictionary
                raise corrupt(name, "its encryption dictionary cannot be read")
            if writing and not int(encryption.P) & _MODIFY:
                raise encrypted(name, writing, "and its owner does not allow changes to it")
        return _load(name, reader, writing)
    except FormatError:
        raise
    except (DependencyError, NotImplementedError):
        raise encrypted(name, writing, "with a method this program does not support") from None
    except LimitReachedError:
        raise FormatError(TOO_LARGE, f"The XMP metadata of {name} is far larger than any metadata "
                                     "packet; the file was left as it was.") from None
    except _PARSE_ERRORS as exc:
        raise corrupt(name, f"its metadata cannot be read ({reason(exc)})") from None


def _load(name: str, reader: PdfReader, writing: bool) -> Document:
    trailer = reader.trailer
    if writing:
        # Our update repeats the trailer's /Root: without an indirect reference to a catalog
        # dictionary (pypdf may have guessed one) there is nothing sound to append to.
        root = trailer.raw_get("/Root") if "/Root" in trailer else None
        if not isinstance(root, IndirectObject) or not isinstance(root.get_object(), DictionaryObject):
            raise corrupt(name, "its trailer does not lead to its document catalog")
    info_raw = trailer.raw_get("/Info") if "/Info" in trailer else None
    info_ref = info_raw if isinstance(info_raw, IndirectObject) else None
    info = info_raw.get_object() if info_raw is not None else None
    if not isinstance(info, DictionaryObject):
        info, info_ref = DictionaryObject(), None
    doc = Document(name, reader, info, info_ref, None, None)
    doc.info_props = {str(k)[1:]: str(v.get_object()) for k, v in info.items()
                      if isinstance(v.get_object(), TextStringObject)}
    doc.xmp, doc.xmp_ref = _read_xmp(reader)
    doc.xmp_props = xmp_properties(name, doc.xmp, writing)
    return doc


def xmp_properties(name: str, xmp: bytes | None, writing: bool = False) -> dict[str, str]:
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


@dataclass(frozen=True)
class Tail:
    """Where the last cross-reference section is, and what kind it is."""

    startxref: int  # as written: counted from the PDF header
    kind: str  # "table" or "stream": our section must be of the same kind
    needs_newline: bool  # the original's last line is not terminated

    @classmethod
    def of(cls, name: str, f: BinaryIO, size: int, header: int) -> Tail:
        f.seek(max(0, size - TAIL_BYTES))
        tail = f.read()
        match = None
        for found in re.finditer(rb"startxref\s+(\d+)\s+%%EOF", tail):  # the last one counts
            match = found
        if match is None:
            raise corrupt(name, "its end is missing (the file is probably truncated)")
        startxref = int(match.group(1))
        f.seek(header + startxref)
        section = f.read(64)
        if re.match(rb"\s*xref", section):
            kind = "table"
        elif re.match(rb"\s*\d+\s+\d+\s+obj", section):
            kind = "stream"
        else:
            raise corrupt(name, "its cross-reference pointer leads nowhere")
        return cls(startxref, kind, not tail.endswith((b"\n", b"\r")))


def damage(name: str, doc: Document, tail: Tail, header: int, complaints: list[str],
           quick_ok: bool) -> dict[int, int]:
    """Refuse a structure that only a repair could read; return the harmless offset-0 objects.

    Objects listed at offset 0 do not exist; qpdf warns and pypdf ignores
    them.  When none of them is one we need (catalog, info, XMP, /Encrypt),
    our update marks them free, which is what every reader makes of them.
    """
    needed = {ref.idnum for ref in (doc.reader.trailer.raw_get(k) for k in ("/Root", "/Info", "/Encrypt")
                                    if k in doc.reader.trailer) if isinstance(ref, IndirectObject)}
    if doc.xmp_ref is not None:
        needed.add(doc.xmp_ref.idnum)
    freed: dict[int, int] = {}
    broken = tail.startxref != doc.reader._startxref
    # pypdf's complaints arrive as log records, which a host application can switch off
    # (logging.disable): the chain our update is appended to is also checked directly.
    if not broken and chain_problem(doc.reader.stream, header, tail.startxref, needed) is not None:
        broken = True
    for message in complaints:
        zero = _OFFSET_ZERO.match(message)
        if zero and int(zero.group(1)) not in needed:
            freed[int(zero.group(1))] = int(zero.group(2))
        elif header and quick_ok and _SHIFTED_HEADER.match(message):
            continue  # pypdf does not count offsets from a shifted header; qpdf and our reader do
        elif _REPAIR_WARNING.search(message):
            broken = True
    if broken:
        raise FormatError(CORRUPT, f"{name} has a damaged cross-reference table, so it was left as it was; "
                                   "open it in a PDF program and save it again before labelling it.")
    return freed


def compare_prefix(name: str, original: BinaryIO, new: BinaryIO, length: int, ranges: list[tuple[int, int]],
                   copied: Callable[[int, int, int], bool]) -> None:
    """The new file starts with the original's first `length` bytes, with spaces over `ranges`.

    `ranges` are sorted, apart and inside the first `length` bytes.  A stretch
    between them that the copy log shows the kernel copied from the same
    place of the original (`copied(new_start, start, length)`, formats/base.py,
    "Verifying cheaply") is not read again; every other byte, the spaces
    included, is read from both files and compared, in chunks.
    """
    position = 0
    for start, end in [*ranges, (length, length)]:
        if start > position and not copied(position, position, start - position):
            _compare(name, original, new, position, start)
        if end > start:
            new.seek(start)
            left = end - start
            while left:
                got = new.read(min(_CHUNK, left))
                if not got or got.strip(b" "):
                    raise FormatError(CORRUPT, f"the new file of {name} does not blank the old label")
                left -= len(got)
        position = end


def _compare(name: str, original: BinaryIO, new: BinaryIO, start: int, end: int) -> None:
    original.seek(start)
    new.seek(start)
    while start < end:
        want = original.read(min(_CHUNK, end - start))
        if not want or new.read(len(want)) != want:
            raise FormatError(CORRUPT, f"the new file of {name} does not keep the original bytes")
        start += len(want)


__all__ = ["MAX_XMP_BYTES", "Document", "Tail", "captured_warnings", "compare_prefix", "corrupt", "damage",
           "encrypted", "header_offset", "open_document", "reason", "xmp_properties"]
