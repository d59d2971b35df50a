"""Visual markings in PDF: header, footer and watermark on every page.

A marking is drawn by the same incremental update that writes the label:
for each page a new page object whose /Contents is

    [ <<our "q">>  original streams…  <<our "Q" + drawing>> ]

so the page's own graphics state (a `cm`, a colour, a clipping path, a
text rendering mode left set at the end of its content) cannot leak into
ours, and the original content streams are referenced, never copied or
read.  The text is set in Helvetica (one of the standard 14 fonts every
reader has, WinAnsiEncoding, nothing embedded) under a resource name that
no page uses yet; the watermark is diagonal, large and made light by an
ExtGState with /ca.  Header and footer follow the page as it is shown:
its /CropBox (else /MediaBox) and its /Rotate.

Ours are recognisable twice over: every object we add carries the private
key `/LabelerMarking true` (content streams, font, graphics state), and the
drawing is marked as what it is, a pagination artifact
(`/Artifact <</Type /Pagination /Subtype /Header>> BDC … EMC`), which also
tells assistive technology to skip it.  Relabelling and removing drop our
streams from /Contents and our names from the resources, whatever wrote the
file since; the page's own headers and watermarks are never touched.

Text outside WinAnsiEncoding (Greek, Cyrillic, CJK…) cannot be shown by a
standard font without embedding one: such a part is not drawn (a sentence
says so) rather than drawn as question marks.  A signed PDF gets no marking:
changing its pages would break the signature.

Only the small objects are read: the page tree, the first bytes of each
content stream (to tell ours from the document's) and our own streams.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import BinaryIO

from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    ContentStream,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NullObject,
    StreamObject,
    TextStringObject,
)

from . import pdf_pdfa, pdf_xmp
from .errors import CORRUPT, FormatError
from .labelprops import LABEL_ID
from .model import FOOTER, HEADER, MARKING_PARTS, WATERMARK, VisualMarkings
from .pdf_write import literal

MARK = NameObject("/LabelerMarking")
FONT_NAME = "LabelerMarkingF"
GS_NAME = "LabelerMarkingGS"
WATERMARK_OPACITY = 0.25
_SUBTYPE = {HEADER: "Header", FOOTER: "Footer", WATERMARK: "Watermark"}
_PART_OF = {v: k for k, v in _SUBTYPE.items()}
_PEEK = 2048  # bytes read at a content stream's offset to tell ours from the document's
_OBJ_HEADER = re.compile(rb"\s*(\d+)\s+(\d+)\s+obj\b\s*")
_MAX_DEPTH = 64
_LETTER = (0.0, 0.0, 612.0, 792.0)  # what readers assume for a page without a usable /MediaBox
_HELVETICA_CAP, _HELVETICA_DESCENT = 0.718, 0.207


class Unusual(Exception):
    """A page tree we do not draw on (direct page objects, a cycle, absurd nesting)."""


def _helvetica_widths() -> tuple[dict[str, float], int]:
    try:  # pypdf ships Adobe's core-14 metrics
        from pypdf._codecs.core_font_metrics import CORE_FONT_METRICS

        widths = dict(CORE_FONT_METRICS["Helvetica"].character_widths)
        return widths, int(widths.get("default", 556))
    except Exception:  # an older or newer pypdf: an average width still centres reasonably
        return {}, 556


_WIDTHS, _DEFAULT_WIDTH = _helvetica_widths()


def text_width(text: str, size: float) -> float:
    return sum(_WIDTHS.get(ch, _DEFAULT_WIDTH) for ch in text) * size / 1000


def encodable(text: str) -> bytes | None:
    """The WinAnsiEncoding bytes of `text`, or None when a standard font cannot show it."""
    if any(ord(ch) < 0x20 for ch in text):
        return None
    try:
        return text.encode("cp1252")
    except UnicodeEncodeError:
        return None


# -- reading the page tree ------------------------------------------------------------------------

@dataclass
class Page:
    ref: IndirectObject
    page: DictionaryObject  # raw entries
    resources: DictionaryObject  # resolved: the page's own or inherited (empty when none)
    box: tuple[float, float, float, float]  # what is shown: CropBox within MediaBox
    rotate: int  # 0, 90, 180, 270
    contents: list[IndirectObject]  # every content stream, in order
    ours: list[IndirectObject]  # those of them that are ours


def _number(value) -> float:
    value = value.get_object() if hasattr(value, "get_object") else value
    return float(value)


def _rect(value) -> tuple[float, float, float, float] | None:
    try:
        value = value.get_object()
        if len(value) != 4:
            return None
        a, b, c, d = (_number(v) for v in value)
    except Exception:
        return None
    box = (min(a, c), min(b, d), max(a, c), max(b, d))
    return box if box[2] - box[0] > 1 and box[3] - box[1] > 1 and all(map(math.isfinite, box)) else None


def _shown_box(media, crop) -> tuple[float, float, float, float]:
    media_box = _rect(media) if media is not None else None
    media_box = media_box or _LETTER
    crop_box = _rect(crop) if crop is not None else None
    if crop_box is None:
        return media_box
    box = (max(media_box[0], crop_box[0]), max(media_box[1], crop_box[1]),
           min(media_box[2], crop_box[2]), min(media_box[3], crop_box[3]))
    return box if box[2] - box[0] > 1 and box[3] - box[1] > 1 else media_box


def _rotation(value) -> int:
    try:
        return int(round(_number(value) / 90)) % 4 * 90
    except Exception:
        return 0


def peek(reader, ref: IndirectObject) -> bytes | None:
    """The first bytes of an uncompressed object after `N G obj`; None when in an object stream."""
    if ref.generation == 0 and ref.idnum in reader.xref_objStm:
        return None
    offset = reader.xref.get(ref.generation, {}).get(ref.idnum)
    if offset is None:
        return b""
    stream = reader.stream
    stream.seek(offset)
    head = stream.read(_PEEK)
    match = _OBJ_HEADER.match(head)
    if not match or (int(match.group(1)), int(match.group(2))) != (ref.idnum, ref.generation):
        return b""
    return head[match.end():]


def _is_ours(reader, ref: IndirectObject) -> bool:
    head = peek(reader, ref)
    if head:
        return b"/LabelerMarking" in head.split(b"stream", 1)[0]
    obj = ref.get_object()  # compressed or unusual: never a big content stream
    return isinstance(obj, DictionaryObject) and MARK in obj


def _contents(reader, page: DictionaryObject) -> list[IndirectObject]:
    if "/Contents" not in page:
        return []
    raw = page.raw_get("/Contents")
    if isinstance(raw, IndirectObject):
        head = peek(reader, raw)
        if head is not None and head.startswith(b"<<"):
            return [raw]  # one stream, left unread
        target = raw.get_object()  # an array of streams (small), or an object pypdf had to look for
        if isinstance(target, StreamObject):
            return [raw]
        if target is None or isinstance(target, NullObject):
            return []
        raw = target
    if not isinstance(raw, ArrayObject) or not all(isinstance(item, IndirectObject) for item in raw):
        raise Unusual
    return list(raw)


def pages(reader) -> list[Page]:
    """Every page, with what it inherits from the page tree."""
    root = reader.trailer["/Root"].get_object()
    top = root.raw_get("/Pages") if isinstance(root, DictionaryObject) and "/Pages" in root else None
    if not isinstance(top, IndirectObject):
        raise Unusual
    result: list[Page] = []
    seen: set[tuple[int, int]] = set()

    def visit(ref, inherited: dict, depth: int) -> None:
        if not isinstance(ref, IndirectObject) or depth > _MAX_DEPTH:
            raise Unusual
        if (ref.idnum, ref.generation) in seen:
            raise Unusual  # a page (or node) that appears twice: one new object could not serve both
        seen.add((ref.idnum, ref.generation))
        node = ref.get_object()
        if not isinstance(node, DictionaryObject):
            raise Unusual
        here = dict(inherited)
        for key in ("/Resources", "/MediaBox", "/CropBox", "/Rotate"):
            if key in node:
                here[key] = node.raw_get(key)
        if node.get("/Type") == "/Pages" or "/Kids" in node:
            kids = node.get("/Kids")
            if not isinstance(kids, ArrayObject):
                raise Unusual
            for kid in kids:
                visit(kid, here, depth + 1)
            return
        resources = here.get("/Resources")
        resources = resources.get_object() if resources is not None else None
        contents = _contents(reader, node)
        result.append(Page(ref, node, resources if isinstance(resources, DictionaryObject) else DictionaryObject(),
                           _shown_box(here.get("/MediaBox"), here.get("/CropBox")),
                           _rotation(here.get("/Rotate", 0)), contents,
                           [c for c in contents if _is_ours(reader, c)]))

    visit(top, {}, 0)
    return result


def _stream_parts(reader, ref: IndirectObject, cache: dict) -> dict[str, str]:
    """part → text drawn by one of our content streams."""
    key = (ref.idnum, ref.generation)
    if key not in cache:
        found: dict[str, str] = {}
        stream = ref.get_object()
        part = None
        if isinstance(stream, StreamObject):
            for operands, operator in ContentStream(stream, reader).operations:
                if operator == b"BDC" and len(operands) == 2 and operands[0] == "/Artifact":
                    props = operands[1].get_object()
                    subtype = str(props.get("/Subtype", ""))[1:] if isinstance(props, DictionaryObject) else None
                    part = _PART_OF.get(subtype) if subtype is not None else None
                elif operator == b"EMC":
                    part = None
                elif operator == b"Tj" and part is not None and operands:
                    text = operands[0]
                    raw = text.get_original_bytes() if isinstance(text, TextStringObject) else bytes(text)
                    found[part] = found.get(part, "") + raw.decode("cp1252", "replace")
        cache[key] = found
    return cache[key]


def page_parts(reader, page: Page, cache: dict) -> dict[str, str]:
    found: dict[str, str] = {}
    for ref in page.ours:
        found.update(_stream_parts(reader, ref, cache))
    return found


def found(reader, page_list: list[Page] | None = None) -> tuple[str, ...]:
    """Our marking parts on any page ("header", "footer", "watermark")."""
    cache: dict = {}
    present: set[str] = set()
    for page in pages(reader) if page_list is None else page_list:
        present |= page_parts(reader, page, cache).keys()
    return tuple(part for part in MARKING_PARTS if part in present)


def _our_names(group) -> set[str]:
    """Names in a resource sub-dictionary (/Font, /ExtGState) that lead to our objects."""
    group = group.get_object() if group is not None else None
    if not isinstance(group, DictionaryObject):
        return set()
    names = set()
    for name, value in group.items():
        try:
            obj = value.get_object()
        except Exception:
            continue
        if isinstance(obj, DictionaryObject) and MARK in obj and not isinstance(obj, StreamObject):
            names.add(str(name))
    return names


def _used_names(page: Page, key: str) -> set[str]:
    group = page.resources.get(key)
    return set(map(str, group.keys())) - _our_names(group) if isinstance(group, DictionaryObject) else set()


# -- drawing -------------------------------------------------------------------------------------

def _n(value: float) -> str:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _rgb(color: str) -> str:
    try:
        value = int(color.lstrip("#")[:6], 16)
    except ValueError:
        value = 0
    return " ".join(_n(((value >> shift) & 255) / 255) for shift in (16, 8, 0))


# The matrix from the page as shown (origin bottom left, x to the right, y up)
# to user space, for each /Rotate (the page is turned clockwise when shown).
def _matrix(box, rotate: int) -> tuple[float, ...]:
    x0, y0, x1, y1 = box
    return {0: (1, 0, 0, 1, x0, y0), 90: (0, 1, -1, 0, x1, y0), 180: (-1, 0, 0, -1, x1, y1),
            270: (0, -1, 1, 0, x0, y1)}[rotate]


def drawing(box, rotate: int, markings: VisualMarkings, parts: dict[str, str], font: str, gs: str) -> bytes:
    """The content stream that ends the page's own (`Q`) and draws `parts` over it."""
    x0, y0, x1, y1 = box
    width, height = (y1 - y0, x1 - x0) if rotate in (90, 270) else (x1 - x0, y1 - y0)
    style = markings.style
    cm = " ".join(_n(v) for v in _matrix(box, rotate)) + " cm"
    color = _rgb(style.color)
    margin = max(2.0, min(28.0, 0.05 * min(width, height)))
    lines = ["", "Q"]

    def begin(part: str) -> None:
        lines.append(f"q {cm} /Artifact <</Type /Pagination /Subtype /{_SUBTYPE[part]} >> BDC")

    def show(text: str) -> str:
        return literal(encodable(text) or b"").decode("latin-1") + " Tj"

    if WATERMARK in parts:
        text = parts[WATERMARK]
        angle = math.atan2(height, width)
        size = max(1.0, min(style.watermark_font_size,
                            0.8 * math.hypot(width, height) / max(text_width(text, 1.0), 1e-6)))
        w, cap = text_width(text, size), _HELVETICA_CAP * size
        c, s = math.cos(angle), math.sin(angle)
        tx = width / 2 - c * w / 2 + s * cap / 2
        ty = height / 2 - s * w / 2 - c * cap / 2
        begin(WATERMARK)
        lines.append(f"/{gs} gs BT /{font} {_n(size)} Tf {color} rg "
                     f"{_n(c)} {_n(s)} {_n(-s)} {_n(c)} {_n(tx)} {_n(ty)} Tm {show(text)} ET EMC Q")
    for part in (HEADER, FOOTER):
        if part not in parts:
            continue
        text = parts[part]
        size = max(1.0, min(style.font_size, (width - 2 * margin) / max(text_width(text, 1.0), 1e-6)))
        w = text_width(text, size)
        x = {"left": margin, "right": width - margin - w}.get(style.align, (width - w) / 2)
        y = height - margin - _HELVETICA_CAP * size if part == HEADER else margin + _HELVETICA_DESCENT * size
        begin(part)
        lines.append(f"BT /{font} {_n(size)} Tf {color} rg {_n(x)} {_n(y)} Td {show(text)} ET EMC Q")
    return ("\n".join(lines) + "\n").encode("latin-1")


def _marked(entries: dict) -> DictionaryObject:
    result = DictionaryObject({NameObject(k): v for k, v in entries.items()})
    result[MARK] = BooleanObject(True)
    return result


def _without(group, names: set[str]) -> DictionaryObject | None:
    group = group.get_object() if group is not None else None
    if not isinstance(group, DictionaryObject):
        return None
    return DictionaryObject({k: v for k, v in group.items() if str(k) not in names})


@dataclass
class Drawing:
    """The markings one write draws (or removes), decided before the label is encoded.

    `parts` is what will be on every page afterwards (what the label's
    ContentBits and TSCP fields must say); `note` tells the person what was
    not drawn and why.  An inactive drawing leaves every page alone.
    """

    parts: dict[str, str] = field(default_factory=dict)
    note: str | None = None
    markings: VisualMarkings | None = None
    active: bool = False
    _pages: dict = field(default_factory=dict, repr=False)
    expected: dict[int, list[int]] = field(default_factory=dict, repr=False)  # page number → kept streams

    def _pages_of(self, reader) -> list[Page]:
        if id(reader) not in self._pages:
            try:
                self._pages[id(reader)] = pages(reader)
            except Exception:  # plan() read this page tree already: it changed or is damaged further in
                raise FormatError(CORRUPT, "its page tree cannot be read for the markings") from None
        return self._pages[id(reader)]

    def unchanged(self, reader) -> bool:
        """Whether every page already shows exactly `parts` of ours."""
        if not self.active:
            return True
        cache: dict = {}
        return all(page_parts(reader, page, cache) == self.parts for page in self._pages_of(reader))

    def needed(self, reader) -> bool:
        return self.active and not self.unchanged(reader)

    def put(self, reader, update) -> None:
        """Add the new page objects (and our font, graphics state and streams) to `update`."""
        all_pages = self._pages_of(reader)
        font = _free_name(all_pages, "/Font", FONT_NAME)
        gs = _free_name(all_pages, "/ExtGState", GS_NAME)
        font_ref: IndirectObject | None = None
        gs_ref: IndirectObject | None = None
        open_ref: IndirectObject | None = None
        streams: dict[tuple, IndirectObject] = {}
        for page in all_pages:
            keep = [c for c in page.contents if c not in page.ours]
            old_fonts = _our_names(page.resources.get("/Font"))
            old_gs = _our_names(page.resources.get("/ExtGState"))
            self.expected[page.ref.idnum] = [c.idnum for c in keep]
            if not self.parts and not page.ours and not old_fonts and not old_gs:
                continue
            new_page = DictionaryObject(page.page.items())
            resources = DictionaryObject(page.resources.items())
            fonts = _without(page.resources.get("/Font"), old_fonts)
            states = _without(page.resources.get("/ExtGState"), old_gs)
            contents = keep
            if self.parts:
                if self.markings is None:
                    raise ValueError("a drawing with parts to draw needs the markings they come from")
                if font_ref is None or open_ref is None:  # (both are made together)
                    font_ref = update.new_ref()
                    update.put(font_ref, _marked({"/Type": NameObject("/Font"), "/Subtype": NameObject("/Type1"),
                                                  "/BaseFont": NameObject("/Helvetica"),
                                                  "/Encoding": NameObject("/WinAnsiEncoding")}))
                    open_ref = update.new_ref()
                    update.put_stream(open_ref, _marked({}), b"q\n")
                fonts = fonts if fonts is not None else DictionaryObject()
                fonts[NameObject("/" + font)] = font_ref
                if WATERMARK in self.parts:
                    if gs_ref is None:
                        gs_ref = update.new_ref()
                        update.put(gs_ref, _marked({"/Type": NameObject("/ExtGState"),
                                                    "/ca": FloatObject(WATERMARK_OPACITY),
                                                    "/CA": FloatObject(WATERMARK_OPACITY)}))
                    states = states if states is not None else DictionaryObject()
                    states[NameObject("/" + gs)] = gs_ref
                key = (page.box, page.rotate)
                if key not in streams:
                    streams[key] = update.new_ref()
                    update.put_stream(streams[key], _marked({}),
                                      drawing(page.box, page.rotate, self.markings, self.parts, font, gs))
                contents = [open_ref, *keep, streams[key]]
            for name, group in (("/Font", fonts), ("/ExtGState", states)):
                if group is not None:
                    resources[NameObject(name)] = group
            new_page[NameObject("/Resources")] = resources
            if contents:
                new_page[NameObject("/Contents")] = ArrayObject(contents)
            elif "/Contents" in new_page:
                del new_page["/Contents"]
            update.put(page.ref, new_page)

    def verify(self, reader, name: str) -> None:
        """The new revision shows exactly `parts` on every page and keeps every page's own content."""
        if not self.active:
            return
        cache: dict = {}
        try:
            new_pages = pages(reader)
            shown = [(page, page_parts(reader, page, cache)) for page in new_pages]
        except Exception:
            raise FormatError(CORRUPT, f"the pages of the new revision of {name} cannot be read") from None
        for page, parts in shown:
            kept = [c.idnum for c in page.contents if c not in page.ours]
            if parts != self.parts or self.expected.get(page.ref.idnum, kept) != kept:
                raise FormatError(CORRUPT, f"the new revision of {name} does not show the planned markings")


def _free_name(all_pages: list[Page], key: str, base: str) -> str:
    used: set[str] = set()
    for page in all_pages:
        used |= _used_names(page, key)
    name, n = base, 0
    while "/" + name in used:
        n += 1
        name = f"{base}{n}"
    return name


def plan(doc, wanted: VisualMarkings | None, name: str, signed) -> Drawing:
    """What to draw in the opened document `doc` (pdf_open.Document) for the markings `wanted`.

    None wants none of ours.  A file without our label carries none of our
    markings either, so its page tree is not read when none is wanted.
    `signed()` tells whether the file carries a digital signature (asked
    only when pages would change).
    """
    reader = doc.reader
    if wanted is None and LABEL_ID not in {**doc.info_props, **doc.xmp_props}:
        return Drawing()
    try:
        page_list = pages(reader)
        present = found(reader, page_list)
    except Exception:  # a page tree we cannot read has none of ours we could remove
        page_list, present = None, ()
    if wanted is None and not present:
        return Drawing()
    if signed():
        note = None
        if wanted is not None:
            note = (f"No {_listed(wanted.parts())} was drawn in {name}, because it is digitally signed and "
                    "changing its pages would break the signature.")
        return Drawing(note=note)
    if wanted is not None and _is_pdfa(doc.xmp):
        # PDF/A embeds every font it uses and (PDF/A-1) allows no transparency: a standard
        # font and a light watermark would end the file's conformance.
        return Drawing(note=f"No {_listed(wanted.parts())} was drawn in {name}, because it is an archival "
                            "PDF/A file, which a marking in a standard font would make non-conforming.")
    parts: dict[str, str] = {}
    refused = []
    for part, text in (wanted.parts() if wanted is not None else {}).items():
        text = " ".join(text.split())
        if encodable(text) is None:
            refused.append(part)
        elif text:
            parts[part] = text
    note = None
    if refused:
        note = (f"The {_listed(refused)} was not drawn in {name}, because its text has characters that the "
                "standard PDF fonts cannot show.")
    if page_list is None:
        return Drawing(note=(f"No marking was drawn in {name}, because its page tree is unusual; "
                             "the label was written.") if wanted is not None else None)
    drawing = Drawing(parts, note, wanted, active=True)
    drawing._pages[id(reader)] = page_list
    return drawing


def _is_pdfa(xmp: bytes | None) -> bool:
    if not xmp:
        return False
    try:
        return pdf_pdfa.is_pdfa(pdf_xmp.parse(xmp, "XMP"))
    except FormatError:
        return False


def _listed(parts) -> str:
    parts = list(parts)
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


_SIGNATURE_BYTES = re.compile(rb"/(?:ByteRange|SigFlags)")
_CHUNK = 4 * 1024 * 1024


def signed_check(f: BinaryIO, size: int, catalog):
    """A function telling, once, whether pages of the file may not change because of a signature.

    pdf_history.is_signed answers from the catalog (signature flags,
    /Perms) and else scans every byte for a /ByteRange or /SigFlags.  A
    signature is validated through a signature field of the interactive
    form, so without an /AcroForm (and without /Perms) no reader validates
    one and the scan is skipped; with a form, the scan runs as a regular
    expression over the mapped file (bytes.find over compressed images
    costs more than copying them).
    """
    answer: list[bool] = []

    def signed() -> bool:
        if not answer:
            answer.append(_signed(f, size, catalog))
        return answer[0]

    return signed


def _signed(f: BinaryIO, size: int, catalog) -> bool:
    import io

    from .pdf_history import is_signed

    if is_signed(io.BytesIO(b""), 0, catalog):  # the catalog's answer alone
        return True
    try:
        if not isinstance(catalog, DictionaryObject) or "/AcroForm" not in catalog:
            return False
    except Exception:
        pass  # a strange catalog: let the scan decide
    try:
        import mmap

        with mmap.mmap(f.fileno(), size, access=mmap.ACCESS_READ) as view:
            return _SIGNATURE_BYTES.search(view) is not None
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        pass
    f.seek(0)
    previous, position = b"", 0
    while position < size:
        chunk = f.read(min(_CHUNK, size - position))
        if not chunk:
            break
        if _SIGNATURE_BYTES.search(previous[-16:] + chunk):
            return True
        previous, position = chunk, position + len(chunk)
    return False


def found_in_file(path) -> tuple[str, ...]:
    """Our marking parts in the file at `path`; () when it cannot be read."""
    from pypdf import PdfReader

    try:
        with open(path, "rb") as f:
            reader = PdfReader(f, strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                return ()
            return found(reader)
    except Exception:
        return ()


__all__ = ["MARK", "Drawing", "encodable", "found", "found_in_file", "pages", "plan"]
