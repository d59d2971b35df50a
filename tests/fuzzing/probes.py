"""How a file looks from outside the labelling code: its ZIP members and parts
as other readers see them, whether document libraries and qpdf accept it, and
where a PDF's label properties lie.
"""
from __future__ import annotations

import contextlib
import io
import logging
import re
import shutil
import subprocess
import warnings
import zipfile
from pathlib import Path

from tests.fuzzing.zipmodel import LOCAL_SIG
from tests.fuzzing.contract_names import CT_NS, CUSTOM_CT, LABELINFO_CT, ODF_SUFFIXES, REL_NS


def _quiet():
    stack = contextlib.ExitStack()
    stack.enter_context(warnings.catch_warnings())
    warnings.simplefilter("ignore")
    logging.disable(logging.CRITICAL)
    stack.callback(logging.disable, logging.NOTSET)
    return stack


def zip_members(data: bytes) -> list[dict] | None:
    """The mutant's members as Python's zipfile sees them (the reference
    reader of python-docx, openpyxl and python-pptx), with raw bytes."""
    try:
        with _quiet(), zipfile.ZipFile(io.BytesIO(data)) as z:
            result = []
            for info in z.infolist():
                at = info.header_offset
                if data[at:at + 4] != LOCAL_SIG:
                    raw = None
                else:
                    n = int.from_bytes(data[at + 26:at + 28], "little")
                    m = int.from_bytes(data[at + 28:at + 30], "little")
                    raw = data[at + 30 + n + m: at + 30 + n + m + info.compress_size]
                result.append({"name": info.filename, "crc": info.CRC, "method": info.compress_type,
                               "csize": info.compress_size, "usize": info.file_size, "raw": raw})
            return result
    except Exception:
        return None


def model_members(data: bytes) -> list[dict] | None:
    """The members as the raw central directory lists them (no zipfile checks)."""
    from tests.fuzzing.zipmodel import ZipModel
    try:
        model = ZipModel.parse(data)
    except Exception:
        return None
    return [{"name": e.text_name, "crc": e.crc, "method": e.method, "csize": e.csize, "usize": e.usize,
             "raw": e.data} for e in model.entries]


def testzip_ok(data: bytes) -> bool:
    try:
        with _quiet(), zipfile.ZipFile(io.BytesIO(data)) as z:
            return z.testzip() is None
    except Exception:
        return False


def _read_member(data: bytes, name: str) -> bytes | None:
    try:
        with _quiet(), zipfile.ZipFile(io.BytesIO(data)) as z:
            return z.read(name)
    except Exception:
        pass
    try:  # a directory zipfile refuses (e.g. an unknown version needed): read it raw
        from tests.fuzzing.zipmodel import ZipModel
        entry = ZipModel.parse(data).find(name)
        return None if entry is None else entry.content()
    except Exception:
        return None


def open_with_library(path: Path) -> tuple[bool, object]:
    """Whether the library a user's tools are built on opens the file, and
    what it saw (page/sheet/slide count)."""
    suffix = path.suffix.lower()
    try:
        with _quiet():
            if suffix in (".docx", ".dotx", ".docm", ".dotm"):
                if suffix in (".docx",):
                    import docx
                    d = docx.Document(str(path))
                    return True, len(d.paragraphs)
                from docx.opc.package import OpcPackage
                return True, OpcPackage.open(str(path)).main_document_part is not None
            if suffix in (".xlsx", ".xlsm", ".xltx", ".xltm"):
                import openpyxl
                # read-only mode streams the sheets (full mode spends seconds on merged cells)
                wb = openpyxl.load_workbook(str(path), read_only=True)
                seen = []
                for ws in wb.worksheets:
                    rows = sum(1 for _ in ws.iter_rows(max_row=200, values_only=True))
                    seen.append((ws.title, rows))
                wb.close()
                return True, tuple(seen)
            if suffix in (".pptx", ".pptm", ".potx", ".potm"):
                import pptx
                return True, len(pptx.Presentation(str(path)).slides)
            if suffix == ".pdf":
                import pypdf
                with open(path, "rb") as f:
                    reader = pypdf.PdfReader(f, strict=False)
                    return True, len(reader.pages)
            if suffix in ODF_SUFFIXES:
                from lxml import etree
                with zipfile.ZipFile(path) as z:
                    etree.fromstring(z.read("content.xml"))
                return True, None
    except Exception as exc:
        return False, f"{type(exc).__name__}: {exc}"[:200]
    return True, None


def pypdf_label(path: Path) -> str | None:
    """Our label id as another PDF tool (pypdf) reads it from the info dictionary."""
    try:
        import pypdf
        with _quiet(), open(path, "rb") as f:
            reader = pypdf.PdfReader(f, strict=False)
            if reader.is_encrypted:
                reader.decrypt("")
            meta = reader.metadata or {}
            value = meta.get("/Labeler_LabelId")
            return None if value is None else str(value)
    except Exception as exc:
        return f"unreadable: {type(exc).__name__}"


def qpdf_check(path: Path) -> int | None:
    """qpdf --check's exit code (0 fine, 2 errors, 3 warnings), None without qpdf."""
    exe = shutil.which("qpdf")
    if exe is None:
        return None
    try:
        return subprocess.run([exe, "--check", str(path)], capture_output=True, timeout=60).returncode
    except subprocess.TimeoutExpired:
        return 2


def pdf_signed(data: bytes) -> bool:
    """Whether a PDF carries a digital signature (its bytes name a /ByteRange, /SigFlags or /Perms)."""
    return any(key in data for key in (b"/ByteRange", b"/SigFlags", b"/Perms"))


_LABEL_NAME = rb"(?:MSIP_Label_|Labeler_)[A-Za-z0-9_.\-]*"
# A label property in an XMP packet: an element (with or without content) or an attribute.
_XMP_LABEL_ELEMENT = re.compile(rb"<(?P<p>[A-Za-z_][\w.\-]*):(?P<k>" + _LABEL_NAME +
                                rb")(?:\s[^<>]*)?(?:/>|>[^<]*</(?P=p):(?P=k)\s*>)")
_XMP_LABEL_ATTRIBUTE = re.compile(rb"(?<=\s)[A-Za-z_][\w.\-]*:" + _LABEL_NAME +
                                  rb"\s*=\s*(?:\"[^\"]*\"|'[^']*')")
_INFO_LABEL_KEY = re.compile(rb"/" + _LABEL_NAME)


def _pdf_string_end(data: bytes, at: int) -> int | None:
    """Where the PDF string (literal or hex) starting at `at` ends, or None."""
    if data[at:at + 1] == b"<" and data[at + 1:at + 2] != b"<":
        end = data.find(b">", at)
        return None if end < 0 else end + 1
    if data[at:at + 1] != b"(":
        return None
    depth, i = 0, at
    while i < len(data):
        c = data[i:i + 1]
        if c == b"\\":
            i += 2
            continue
        if c == b"(":
            depth += 1
        elif c == b")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return None


def label_property_spans(data: bytes) -> list[tuple[int, int]]:
    """[start, end) of every label property (ours `Labeler_*`, Microsoft's `MSIP_Label_*`) in a PDF's bytes:
    info-dictionary entries `/Key (value)` and XMP elements or attributes, found without our own code."""
    spans = [m.span() for pattern in (_XMP_LABEL_ELEMENT, _XMP_LABEL_ATTRIBUTE) for m in pattern.finditer(data)]
    for m in _INFO_LABEL_KEY.finditer(data):
        at = m.end()
        while data[at:at + 1] in (b" ", b"\t", b"\r", b"\n", b"\f", b"\x00") and at < len(data):
            at += 1
        end = _pdf_string_end(data, at)
        if end is not None:
            spans.append((m.start(), end))
    return sorted(spans)


def blanked_label_problem(before: bytes, after: bytes) -> str | None:
    """Why `after` is not `before` with old label properties blanked in place (plus a new revision), or None.

    Removing or replacing a label in an unsigned PDF must leave no byte of
    the old one, so the write overwrites old label properties with spaces
    inside earlier revisions.  Allowed: the same length up to the original
    size, and every byte that differs is a space written over a byte that
    lies inside a label property of the original.
    """
    if len(after) < len(before):
        return "it is shorter than the original"
    spans = label_property_spans(before)
    head = after[:len(before)]
    chunk = 64 * 1024
    for at in range(0, len(before), chunk):
        if head[at:at + chunk] == before[at:at + chunk]:
            continue
        for i in range(at, min(len(before), at + chunk)):
            if head[i] == before[i]:
                continue
            if head[i] != 0x20:
                return f"byte {i} was changed to something other than a space"
            if not any(start <= i < end for start, end in spans):
                return f"byte {i} was blanked outside any label property"
    return None


def _xml(data: bytes | None):
    if data is None:
        return None
    from lxml import etree
    try:
        return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False))
    except Exception:
        return None


def _override_counts(root) -> dict[str, int]:
    counts: dict[str, int] = {}
    if root is None:
        return counts
    for o in root.iter(f"{CT_NS}Override"):
        key = (o.get("PartName") or "").lower()
        counts[key] = counts.get(key, 0) + 1
    return counts


def _rel_id_counts(root) -> dict[str, int]:
    counts: dict[str, int] = {}
    if root is None:
        return counts
    for r in root.iter(f"{REL_NS}Relationship"):
        counts[r.get("Id")] = counts.get(r.get("Id"), 0) + 1
    return counts


def _find_ci(names, wanted: str) -> str | None:
    return next((n for n in names if n == wanted), None) or \
        next((n for n in names if n.lower() == wanted.lower()), None)


def _label_part_types(root) -> dict[str, str]:
    """Member names (lower case) whose Override says custom properties / LabelInfo."""
    result = {}
    if root is None:
        return result
    for o in root.iter(f"{CT_NS}Override"):
        if o.get("ContentType") in (CUSTOM_CT, LABELINFO_CT):
            result[(o.get("PartName") or "").lstrip("/").lower()] = o.get("ContentType")
    return result


def _resolve(target: str) -> str:
    """A package relationship's Target as a member name (lower case), the way OPC resolves it."""
    import posixpath
    from urllib.parse import unquote

    path = unquote(target.split("#", 1)[0]).strip()
    return posixpath.normpath("/" + path.lstrip("/")).lstrip("/").lower()


def _labels(path: Path):
    from formats import registry
    try:
        with _quiet():
            return registry.handler_for(path).read(path)
    except Exception:
        return None
