"""Plain text out of documents, bounded in time, size and memory.

Content hints read the text of a document; this module gets it.  Every
extraction stops at a character budget and a time budget, so a 500-page PDF
or a 100 MB spreadsheet returns quickly with `truncated=True`.  Large XML
parts are parsed as a stream (lxml pull parser, no DTD, no entities, no
network) and forgotten as they go.  Nothing here raises: a file that cannot
be read gives empty text with the reason.
"""
from __future__ import annotations

import codecs
import re
import time
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from lxml import etree

from formats import errors
from formats.errors import FormatError
from formats.safexml import parse as parse_small_xml
from formats.zippkg import ZipPackage

TEXT_SUFFIXES = frozenset({".txt", ".text", ".csv", ".tsv", ".md", ".markdown", ".log"})
MAX_PDF_PAGES = 200
MAX_PDF_PAGE_CONTENT = 4 * 1024 * 1024  # compressed bytes of one page's content streams
MAX_INFLATED = 512 * 1024 * 1024  # bytes inflated from one package, all parts together
_CHUNK = 64 * 1024
_UNSAFE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)

# Truncation reasons (stable strings).
CHAR_BUDGET = "char-budget"
TIME_BUDGET = "time-budget"
PAGE_LIMIT = "page-limit"
PART_TOO_LARGE = "part-too-large"


@dataclass(frozen=True)
class Extracted:
    """The text of a document.

    `truncated`: only the beginning was read (`reason` says why: one of the
    constants above).  `error`: nothing could be read; a formats.errors kind
    ("encrypted", "corrupt", "unsupported", ...) with `reason` a sentence.
    """

    text: str
    truncated: bool = False
    reason: str | None = None
    error: str | None = None


class _Stop(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class _Budget:
    """Collects text until the character or time budget runs out."""

    def __init__(self, max_chars: int, time_budget_s: float):
        self.max_chars = max(0, int(max_chars))
        self.deadline = time.monotonic() + max(0.0, time_budget_s)
        self.parts: list[str] = []
        self.chars = 0
        self.inflated = 0

    def add(self, text: str | None) -> None:
        if not text:
            return
        room = self.max_chars - self.chars
        if len(text) >= room:
            self.parts.append(text[:room])
            self.chars = self.max_chars
            raise _Stop(CHAR_BUDGET)
        self.parts.append(text)
        self.chars += len(text)

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise _Stop(TIME_BUDGET)

    def text(self) -> str:
        return "".join(self.parts)


def extract_text(path, max_chars: int = 2_000_000, time_budget_s: float = 3.0) -> Extracted:
    """The text of the document at `path`, never more than `max_chars`, in about `time_budget_s`."""
    path = Path(path)
    budget = _Budget(max_chars, time_budget_s)
    try:
        extractor = _extractor_for(path)
        extractor(path, budget)
    except _Stop as stop:
        return Extracted(budget.text(), True, stop.reason)
    except FormatError as exc:
        return Extracted("", False, exc.message, exc.kind)
    except MemoryError:
        return Extracted("", False, f"{path.name} is too large to read.", errors.TOO_LARGE)
    except Exception as exc:  # noqa: BLE001 - a damaged file must never escape as an exception
        return Extracted("", False, f"{path.name} could not be read ({type(exc).__name__}).", errors.CORRUPT)
    return Extracted(budget.text())


def is_supported(path) -> bool:
    """Whether the extension names a kind of file whose text can be read (no I/O)."""
    from formats.registry import is_document

    path = Path(path)
    return is_document(path) or path.suffix.lower() in TEXT_SUFFIXES


def _extractor_for(path: Path) -> Callable[[Path, _Budget], None]:
    from formats.registry import ENCRYPTED_OOXML, FILE_ATTRIBUTES, ODF, OOXML, PDF, handler_for

    handler = handler_for(path)  # FormatError for folders, damaged files
    if handler is ENCRYPTED_OOXML:
        raise FormatError(errors.ENCRYPTED, f"{path.name} is an encrypted Office file, so its text is not "
                                            "read for recommendations.")
    if handler is OOXML:
        return _ooxml
    if handler is ODF:
        return _odf
    if handler is PDF:
        return _pdf
    if handler is FILE_ATTRIBUTES and path.suffix.lower() in TEXT_SUFFIXES:
        return _plain_text
    raise FormatError(errors.UNSUPPORTED, f"{path.name} is not a kind of document whose text can be read "
                                          "(Office, OpenDocument, PDF or plain text).")


# -- plain text ------------------------------------------------------------------------------

def _plain_text(path: Path, budget: _Budget) -> None:
    try:
        with open(path, "rb") as f:
            data = f.read(budget.max_chars + 1)
    except OSError as exc:
        raise errors.from_os_error(exc, path.name) from None
    more = len(data) > budget.max_chars
    data = data[:budget.max_chars]
    budget.add(_decode(data, final=not more))
    if more:
        raise _Stop(CHAR_BUDGET)


def _decode(data: bytes, final: bool) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        decoder = codecs.getincrementaldecoder("utf-16")(errors="replace")
        return decoder.decode(data, final=final)
    try:
        return codecs.getincrementaldecoder("utf-8-sig")().decode(data, final=final)
    except UnicodeDecodeError:
        return data.decode("latin-1")


# -- PDF -------------------------------------------------------------------------------------

def _pdf(path: Path, budget: _Budget) -> None:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")  # documents with only an owner password open like this
            except Exception:  # noqa: BLE001 - e.g. an encryption pypdf cannot handle
                opened = 0
            if not opened:
                raise FormatError(errors.ENCRYPTED, f"{path.name} is password-protected; its text cannot "
                                                    "be read without the password.")
        count = len(reader.pages)
    except FormatError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        raise FormatError(errors.CORRUPT, f"{path.name} is damaged ({type(exc).__name__}).") from None
    except OSError as exc:
        raise errors.from_os_error(exc, path.name) from None
    skipped = False
    for index in range(count):
        budget.check_time()
        if index >= MAX_PDF_PAGES:
            raise _Stop(PAGE_LIMIT)
        try:
            page = reader.pages[index]
            if _pdf_content_size(page) > MAX_PDF_PAGE_CONTENT:
                skipped = True
                continue
            text = page.extract_text()
        except Exception:  # noqa: BLE001 - one bad page does not hide the others
            skipped = True
            continue
        budget.add(text)
        budget.add("\n")
    if skipped:
        raise _Stop(PART_TOO_LARGE)


def _pdf_content_size(page) -> int:
    contents = page.get("/Contents")
    if contents is None:
        return 0
    contents = contents.get_object()
    streams = contents if isinstance(contents, list) else [contents]
    total = 0
    for stream in streams:
        stream = stream.get_object()
        try:
            total += int(stream.get("/Length", 0))
        except (TypeError, ValueError):
            total += len(getattr(stream, "_data", b"") or b"")
    return total


# -- ZIP packages: streamed XML --------------------------------------------------------------

def _local(tag) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


class _Member:
    """One package member read in chunks, bounded by the budget."""

    def __init__(self, zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: _Budget, package: str):
        self.zf, self.info, self.budget, self.package = zf, info, budget, package

    def chunks(self) -> Iterator[bytes]:
        what = f"{self.info.filename} in {self.package}"
        if self.info.flag_bits & 0x1:
            raise FormatError(errors.ENCRYPTED, f"{what} is encrypted.")
        try:
            with self.zf.open(self.info) as member:
                while True:
                    self.budget.check_time()
                    chunk = member.read(_CHUNK)
                    if not chunk:
                        return
                    self.budget.inflated += len(chunk)
                    if self.budget.inflated > MAX_INFLATED:
                        raise _Stop(PART_TOO_LARGE)
                    yield chunk
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
            raise FormatError(errors.CORRUPT, f"{what} is damaged ({exc}).") from None


def _stream_xml(member: _Member, on_end: Callable[[etree._Element], None]) -> None:
    """Parse a member as a stream, calling `on_end` for each closed element it wants.

    `on_end.tags` (local names, any namespace) limits the callbacks to the
    elements the handler looks at, which keeps big parts fast.
    """
    tags = [f"{{*}}{name}" for name in sorted(getattr(on_end, "tags", ()))] or None
    parser = etree.XMLPullParser(events=("end",), tag=tags, resolve_entities=False, no_network=True,
                                 load_dtd=False, huge_tree=False, remove_comments=True, remove_pis=True)
    tail = b""
    what = f"{member.info.filename} in {member.package}"
    try:
        for chunk in member.chunks():
            if _UNSAFE.search(tail + chunk):
                raise FormatError(errors.UNSAFE_XML, f"{what} declares a DTD or entities, which a document "
                                                     "never needs; it was not read as a precaution.")
            tail = chunk[-16:]
            parser.feed(chunk)
            for _, element in parser.read_events():
                on_end(element)
        parser.close()
        for _, element in parser.read_events():
            on_end(element)
    except etree.XMLSyntaxError as exc:
        raise FormatError(errors.CORRUPT, f"{what} is not well-formed XML ({exc.msg}).") from None


def _forget(element: etree._Element) -> None:
    """Free a processed element and the siblings before it."""
    element.clear(keep_tail=True)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def _markup_handler(budget: _Budget, text_tags: set[str], block_tags: set[str], tab_tags=frozenset(),
                    break_tags=frozenset(), skip_parents=frozenset()):
    """Text of elements named `text_tags`, read per block (`block_tags`), one line per block.

    A block nested in another (a text box in a paragraph) is read and
    emptied first, so the outer block does not read it twice.
    """
    wanted = [f"{{*}}{name}" for name in sorted(set(text_tags) | set(tab_tags) | set(break_tags))]

    def on_end(el: etree._Element) -> None:
        out = []
        for node in el.iter(*wanted):
            tag = node.tag
            name = tag[tag.rfind("}") + 1:]
            if name in text_tags:
                if node.text and (not skip_parents or _local(node.getparent().tag) not in skip_parents):
                    out.append(node.text)
            elif name in tab_tags:
                out.append("\t")
            else:
                out.append("\n")
        out.append("\n")
        budget.add("".join(out))
        _forget(el)
    on_end.tags = set(block_tags)
    return on_end


_HEADER_FOOTER = {"oddHeader", "evenHeader", "firstHeader", "oddFooter", "evenFooter", "firstFooter"}


def _cell_number(value: str) -> str:
    """Excel writes 123456782 as "123456782" but also as "1.23456782E8"."""
    if "E" in value or "e" in value:
        try:
            number = float(value)
        except ValueError:
            return value
        if number.is_integer() and abs(number) < 1e16:
            return str(int(number))
    return value


def _sheet_handler(budget: _Budget):
    """Cell values row by row: numbers, formula strings, inline strings (shared ones are read apart)."""
    def on_end(el: etree._Element) -> None:
        name = _local(el.tag)
        if name != "row":  # page headers and footers
            budget.add((el.text or "") + "\n")
            return
        out = []
        for cell in el:
            kind = cell.get("t")
            if kind == "inlineStr":
                out.extend(cell.itertext("{*}t"))
            elif kind not in ("s", "b", "e"):
                value = cell.findtext("{*}v")
                if value:
                    out.append(_cell_number(value.strip()) if kind in (None, "n") else value)
            out.append("\n")
        budget.add("".join(out))
        _forget(el)
    on_end.tags = {"row"} | _HEADER_FOOTER
    return on_end


# Content types of the parts whose text we read, with their order of reading.
_WORD_PARTS = ("document.main+xml", "template.main+xml", "macroenabled.main+xml", "header+xml", "footer+xml",
               "footnotes+xml", "endnotes+xml", "comments+xml")


def _ooxml_part_kind(content_type: str) -> tuple[int, str] | None:
    ct = content_type.lower()
    if "wordprocessingml" in ct or "ms-word" in ct:
        for order, suffix in enumerate(_WORD_PARTS):
            if ct.endswith(suffix):
                return (0 if order < 3 else order), "word"
    if "spreadsheetml" in ct or "ms-excel" in ct:
        if ct.endswith("sharedstrings+xml"):
            return 0, "shared-strings"
        if ct.endswith("worksheet+xml"):
            return 1, "sheet"
        if ct.endswith("comments+xml"):
            return 2, "shared-strings"
    if "presentationml" in ct or "ms-powerpoint" in ct:
        if ct.endswith("slide+xml"):
            return 0, "slide"
        if ct.endswith("notesslide+xml"):
            return 1, "slide"
        if ct.endswith("comments+xml"):
            return 2, "slide-comments"
    return None


def _natural(name: str):
    return [int(p) if p.isdigit() else p.lower() for p in re.split(r"(\d+)", name)]


def _content_types(pkg: ZipPackage) -> dict[str, str]:
    """Part name (without leading slash) -> content type, from [Content_Types].xml."""
    name = pkg.find("[Content_Types].xml")
    if name is None:
        raise FormatError(errors.CORRUPT, f"{pkg.path.name} has no [Content_Types].xml; it is damaged.")
    root = parse_small_xml(pkg.read(name), name)
    defaults, types = {}, {}
    for el in root:
        if _local(el.tag) == "Default" and el.get("Extension") and el.get("ContentType"):
            defaults[el.get("Extension").lower()] = el.get("ContentType")
        elif _local(el.tag) == "Override" and el.get("PartName") and el.get("ContentType"):
            types[el.get("PartName").lstrip("/").lower()] = el.get("ContentType")
    result = {}
    for member in pkg.names():
        ct = types.get(member.lower()) or defaults.get(member.rpartition(".")[2].lower())
        if ct:
            result[member] = ct
    return result


def _handler(kind: str, budget: _Budget):
    if kind == "word":
        return _markup_handler(budget, {"t", "delText"}, {"p"}, tab_tags={"tab"}, break_tags={"br", "cr"})
    if kind == "shared-strings":
        return _markup_handler(budget, {"t"}, {"si", "comment"}, skip_parents={"rPh"})
    if kind == "sheet":
        return _sheet_handler(budget)
    if kind == "slide":
        return _markup_handler(budget, {"t"}, {"p"}, break_tags={"br"})
    return _markup_handler(budget, {"text"}, {"cm"})  # presentation comments


def _open_package(path: Path):
    pkg = ZipPackage(path)  # FormatError if the ZIP directory cannot be read
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        pkg.close()
        raise FormatError(errors.CORRUPT, f"{path.name} is damaged ({exc}).") from None
    return pkg, zf


def _ooxml(path: Path, budget: _Budget) -> None:
    pkg, zf = _open_package(path)
    with pkg, zf:
        parts = []
        for member, content_type in _content_types(pkg).items():
            kind = _ooxml_part_kind(content_type)
            if kind is not None:
                parts.append((kind[0], _natural(member), member, kind[1]))
        infos = {i.filename: i for i in zf.infolist()}
        for _, _, member, kind in sorted(parts):
            if member in infos:
                _stream_xml(_Member(zf, infos[member], budget, path.name), _handler(kind, budget))


# -- OpenDocument ----------------------------------------------------------------------------

_ODF_BLOCKS = {"p", "h"}
_ODF_NUMERIC = {"float", "currency", "percentage"}


def _odf_text(el: etree._Element, out: list[str]) -> None:
    if el.text:
        out.append(el.text)
    for child in el:
        name = _local(child.tag)
        if name == "s":
            out.append(" " * min(int(child.get(f"{{{_TEXT_NS}}}c", "1") or 1), 100))
        elif name == "tab":
            out.append("\t")
        elif name == "line-break":
            out.append("\n")
        elif name in _ODF_BLOCKS:
            _odf_text(child, out)
            out.append("\n")
        else:
            _odf_text(child, out)
        if child.tail:
            out.append(child.tail)


_TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"


def _odf_handler(budget: _Budget):
    def on_end(el: etree._Element) -> None:
        name = _local(el.tag)
        if name in _ODF_BLOCKS and el.tag.startswith(f"{{{_TEXT_NS}}}"):
            parent = el.getparent()
            while parent is not None:  # a paragraph in a text box inside a paragraph: the outer one reads it
                if _local(parent.tag) in _ODF_BLOCKS and parent.tag.startswith(f"{{{_TEXT_NS}}}"):
                    return
                parent = parent.getparent()
            out: list[str] = []
            _odf_text(el, out)
            budget.add("".join(out))
            budget.add("\n")
            _forget(el)
        elif name == "table-cell":
            if el.get(f"{{{_OFFICE_NS}}}value-type") in _ODF_NUMERIC:
                value = el.get(f"{{{_OFFICE_NS}}}value")
                if value:
                    budget.add(_cell_number(value) + "\n")
            _forget(el)
        elif name == "table-row":
            _forget(el)
    on_end.tags = _ODF_BLOCKS | {"table-cell", "table-row"}
    return on_end


def _odf(path: Path, budget: _Budget) -> None:
    pkg, zf = _open_package(path)
    with pkg, zf:
        manifest = pkg.find("META-INF/manifest.xml")
        if manifest is not None and b"encryption-data" in pkg.read(manifest):
            raise FormatError(errors.ENCRYPTED, f"{path.name} is password-protected; its text cannot be read "
                                                "without the password.")
        infos = {i.filename: i for i in zf.infolist()}
        if "content.xml" not in infos:
            raise FormatError(errors.CORRUPT, f"{path.name} has no content.xml; it is damaged.")
        for member in ("content.xml", "styles.xml"):  # styles.xml holds page headers and footers
            if member in infos:
                _stream_xml(_Member(zf, infos[member], budget, path.name), _odf_handler(budget))
