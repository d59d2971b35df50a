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
content stream (to tell ours from the document's) and our own streams
(formats/pdf_markings_pages.py); the drawing itself is made in
formats/pdf_markings_draw.py.  This module decides what a write draws or
removes, and adds it to the update.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import BinaryIO

from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
)

from . import pdf_pdfa, pdf_xmp
from .errors import CORRUPT, FormatError
from .labelprops import LABEL_ID
from .model import WATERMARK, VisualMarkings
from .pdf_markings_draw import drawing as drawing
from .pdf_markings_draw import encodable as encodable
from .pdf_markings_draw import text_width as text_width
from .pdf_markings_pages import MARK as MARK
from .pdf_markings_pages import Page as Page
from .pdf_markings_pages import Unusual as Unusual
from .pdf_markings_pages import _our_names, _used_names
from .pdf_markings_pages import found as found
from .pdf_markings_pages import page_parts as page_parts
from .pdf_markings_pages import pages as pages
from .pdf_markings_pages import peek as peek

FONT_NAME = "LabelerMarkingF"
GS_NAME = "LabelerMarkingGS"
WATERMARK_OPACITY = 0.25


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
    # Our parts on the pages before the write, which an inactive drawing leaves as they are: what
    # the new file shows.  () also for a file without our label, whose pages are not read (`plan`).
    present: tuple[str, ...] = ()
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
        return Drawing(note=note, present=present)
    if wanted is not None and _is_pdfa(doc.xmp):
        # PDF/A embeds every font it uses and (PDF/A-1) allows no transparency: a standard
        # font and a light watermark would end the file's conformance.
        return Drawing(note=f"No {_listed(wanted.parts())} was drawn in {name}, because it is an archival "
                            "PDF/A file, which a marking in a standard font would make non-conforming.",
                       present=present)
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
