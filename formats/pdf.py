"""PDF documents: labels in the information dictionary and the XMP packet.

Microsoft writes a PDF label twice, as `/MSIP_Label_<guid>_*` keys of the
document information dictionary and as `pdfx:` properties in the XMP packet
(INTEROP.md §3); we read and write both, with the same plain literal
strings (`(True)`, `(2019-10-22T06:43:35Z)`).

Labelling is an incremental update: the original bytes are copied unchanged
and a new info dictionary, XMP stream and cross-reference section are
appended, so digital signatures stay valid and the cost is one sequential
copy whatever the file's size.

Removing or replacing a label must not leave the old one readable in an
earlier revision.  In an unsigned file the write cuts off the revisions we
appended ourselves and blanks old label entries in place (pdf_history); in
a signed file it appends, and the handler's `last_note` says that earlier
revisions still hold the old label.
"""
from __future__ import annotations

import io
import re
import threading
from pathlib import Path
from typing import BinaryIO, cast

from pypdf.generic import ByteStringObject, DictionaryObject, IndirectObject, NameObject

from . import labelprops, markings, pdf_markings, pdf_xmp
from .base import NOT_MINE, SURE, ZIP_MAGIC, FormatHandler, WritePlan
from .atomic_follow import kernel_copies
from .copying import ShortSource, copy_range
from .errors import CORRUPT, TOO_LARGE, FormatError
from .model import OURS, FoundLabel, LabelStamp, ReadResult
from .pdf_history import FileView, is_signed, own_revisions_start, plan_scrub
from .pdf_open import (MAX_XMP_BYTES, Document, Tail, captured_warnings, compare_prefix, corrupt, damage,
                       header_offset, open_document, xmp_properties)
from .pdf_quick import check_revision, read_quick
from .pdf_write import Update, text_bytes

INFO_WHERE = "PDF info dictionary"
XMP_WHERE = "XMP"
_LABEL_KEY = re.compile(r"^(MSIP_Label_|Labeler_|urn:bails:)")

__all__ = ["PdfHandler", "MAX_XMP_BYTES", "INFO_WHERE", "XMP_WHERE"]


class PdfHandler(FormatHandler):
    name = "PDF document"
    extensions = frozenset({".pdf"})
    media_types = frozenset({"application/pdf"})
    _notes = threading.local()

    def sniff(self, head: bytes, path: Path) -> int:
        if head.startswith(b"%PDF-"):
            return SURE
        # Some writers put bytes before the header; readers accept that in a file named .pdf.
        # A ZIP archive that holds a PDF (a zipped PDF renamed .pdf) is not a PDF.
        if b"%PDF-" in head and path.suffix.lower() in self.extensions and not head.startswith(ZIP_MAGIC):
            return SURE
        return NOT_MINE

    def _extract_text(self, path: Path, limit) -> None:
        from . import pdf_text

        pdf_text.extract_text(path, limit)

    @property
    def last_note(self) -> str | None:
        """What the last write on this thread wants the person to know (None: nothing)."""
        return getattr(self._notes, "note", None)

    def _read(self, path: Path) -> ReadResult:
        with open(path, "rb") as f, captured_warnings():
            header = header_offset(path.name, f, writing=False)
            quick = read_quick(f, f.seek(0, io.SEEK_END), MAX_XMP_BYTES, header)
            if quick is not None:
                info_props, xmp_props = quick[0], xmp_properties(path.name, quick[1])
            else:
                doc = open_document(path, f, writing=False)
                info_props, xmp_props = doc.info_props, doc.xmp_props
        labels = _labels(info_props, xmp_props)
        # Our markings come with our label: the page tree is read only when it is there.
        drawn = pdf_markings.found_in_file(path) if any(l.system == OURS for l in labels) else ()
        return ReadResult(labels=labels, handler=self.name, markings=drawn)

    def _plan(self, path: Path, stamp: LabelStamp | None) -> WritePlan | None:
        self._notes.note = None
        name = path.name
        with open(path, "rb") as f:
            with captured_warnings() as complaints:
                header = header_offset(name, f, writing=True)
                size = f.seek(0, io.SEEK_END)
                tail = Tail.of(name, f, size, header)
                doc = open_document(path, f, writing=True)
                quick = read_quick(f, size, MAX_XMP_BYTES, header)
            freed = damage(name, doc, tail, header, complaints, _quick_agrees(quick, doc))
            # Markings first: the label must say what is really drawn (ContentBits, TSCP Marking:*).
            signed = pdf_markings.signed_check(f, size, doc.reader.trailer.get("/Root") and doc.reader.root_object)
            drawing = pdf_markings.plan(doc, markings.wanted(stamp, name), name, signed)
            stamp = markings.drawn(stamp, drawing.parts)
            old = doc.info_props
            new = _pdf_values(labelprops.apply(old, stamp, style=labelprops.PDF_STYLE), stamp)
            xmp_old = _managed(doc.xmp_props)
            xmp_new = _xmp_target(old, new, xmp_old, stamp)
            if new == old and xmp_new == xmp_old and drawing.unchanged(doc.reader):
                return None

            def stays(key: str, value: str) -> bool:
                return new.get(key) == value or xmp_new.get(key) == value

            replaced = any(_LABEL_KEY.match(k) and not stays(k, v) for k, v in (*old.items(), *xmp_old.items()))
            cut, ranges, note, base, base_tail, force = size, [], None, doc, tail, (False, False)
            if replaced and is_signed(f, size, doc.reader.trailer.get("/Root") and doc.reader.root_object):
                note = (f"{name} is digitally signed, so the label was changed by adding a revision that keeps "
                        "the signature valid; earlier revisions of the file still hold the old label.")
            elif replaced:
                cut = own_revisions_start(f, size)
                # The file as if it ended at `cut`; every reader of it only reads, seeks and tells.
                view = cast(BinaryIO, FileView(f, cut))
                if cut < size:
                    base, base_tail = _open_base(path, view, cut, header, freed)
                current = {"info": base.info_ref.idnum if base.info_ref is not None else None,
                           "xmp": base.xmp_ref.idnum if base.xmp_ref is not None else None}
                scrub = plan_scrub(view, header, base_tail.startxref, current, stays, base.encryption)
                ranges, force = _merged(scrub.ranges), (scrub.latest_info, scrub.latest_xmp)
                if scrub.unreachable:
                    note = (f"{name} still holds the old label in an earlier revision, because "
                            f"{scrub.unreachable[0]}.")
            update = _build(base, base_tail, cut, header, new, xmp_new, force, freed, drawing)
            quick_expected = quick is not None
        note = " ".join(n for n in (drawing.note, note) if n) or None
        self._notes.note = note

        def plan(out: BinaryIO) -> None:
            _copy(path, cut, ranges, out)
            out.write(update)

        def verify(original: Path, written: Path) -> ReadResult:
            with open(original, "rb") as a, open(written, "rb") as b:
                compare_prefix(name, a, b, cut, ranges, kernel_copies(written, original))
                b.seek(cut)
                if b.read(len(update) + 1) != update:
                    raise FormatError(CORRUPT, f"the new revision of {name} is not what was planned")
            appended = (cut, base_tail.startxref) if update else None
            labels, drawn = _check_new(written, name, header, new, xmp_new, quick_expected, drawing, appended)
            return ReadResult(labels=labels, handler=self.name, markings=drawn)

        plan.verify = verify  # type: ignore[attr-defined]
        plan.note = note  # type: ignore[attr-defined]
        return plan


def _quick_agrees(quick, doc: Document) -> bool:
    return quick is not None and quick[0] == doc.info_props


def _open_base(path: Path, view: BinaryIO, cut: int, header: int, freed: dict[int, int]) -> tuple[Document, Tail]:
    """The file as it was before our own revisions, checked like the whole file."""
    with captured_warnings() as complaints:
        base_tail = Tail.of(path.name, view, cut, header)
        base = open_document(path, view, writing=True)
        quick = read_quick(view, cut, MAX_XMP_BYTES, header)
    freed.update(damage(path.name, base, base_tail, header, complaints, _quick_agrees(quick, base)))
    return base, base_tail


def _managed(props: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in props.items() if pdf_xmp.is_managed(k)}


def _pdf_values(props: dict[str, str], stamp: LabelStamp | None) -> dict[str, str]:
    """Microsoft's spelling in PDF: `True` for Enabled."""
    if stamp is not None and stamp.microsoft is not None:
        key = f"MSIP_Label_{stamp.microsoft.label_guid}_Enabled"
        if props.get(key) == "true":
            props = {**props, key: "True"}
        if stamp.content_bits:
            # Microsoft's PDFs without markings carry no ContentBits; with ours drawn, say which.
            props = {**props, f"MSIP_Label_{stamp.microsoft.label_guid}_ContentBits": str(stamp.content_bits)}
    return props


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


def _build(doc: Document, tail: Tail, base: int, header: int, new: dict[str, str], xmp_new: dict[str, str],
           force: tuple[bool, bool], freed: dict[int, int], drawing: pdf_markings.Drawing | None = None) -> bytes:
    """The update appended to the first `base` bytes (b"" when they already say it all)."""
    old, xmp_old = doc.info_props, _managed(doc.xmp_props)
    write_info = new != old or force[0]
    write_xmp = (xmp_new != xmp_old or force[1]) and (doc.xmp is not None or bool(xmp_new))
    draw = drawing is not None and drawing.needed(doc.reader)
    if not write_info and not write_xmp and not draw:
        return b""
    reader = doc.reader
    update = Update(base=base, header=header, prev=tail.startxref, kind=tail.kind,
                    needs_newline=tail.needs_newline, first_free=_first_free_number(reader),
                    encryption=doc.encryption, freed=freed)
    info_ref = doc.info_ref
    if write_info:
        info_ref = info_ref if info_ref is not None else update.new_ref()
        update.put(info_ref, _new_info(doc.info, old, new))
    if write_xmp:
        packet = pdf_xmp.merge(doc.xmp, xmp_new, f"The XMP metadata of {doc.name}")
        if len(packet) > MAX_XMP_BYTES:
            raise FormatError(TOO_LARGE, f"The XMP metadata of {doc.name} would grow beyond "
                                         f"{MAX_XMP_BYTES // (1024 * 1024)} MB with the label, so the file "
                                         "was left as it was.")
        entries = DictionaryObject({NameObject("/Type"): NameObject("/Metadata"),
                                    NameObject("/Subtype"): NameObject("/XML")})
        # Uncompressed, so that XMP-only scanners can find it; encrypted unless /EncryptMetadata is false.
        encrypt = doc.encryption is not None and getattr(doc.encryption, "EncryptMetadata", True) is not False
        if doc.xmp_ref is not None:
            update.put_stream(doc.xmp_ref, entries, packet, encrypt)
        else:
            root_ref = reader.trailer.raw_get("/Root")
            catalog = root_ref.get_object() if isinstance(root_ref, IndirectObject) else None
            if not isinstance(catalog, DictionaryObject):
                raise corrupt(doc.name, "its document catalog is missing")
            meta_ref = update.new_ref()
            update.put_stream(meta_ref, entries, packet, encrypt)
            new_catalog = DictionaryObject(catalog.items())
            new_catalog[NameObject("/Metadata")] = meta_ref
            update.put(root_ref, new_catalog)
    if draw and drawing is not None:  # (draw implies a drawing)
        drawing.put(doc.reader, update)
    trailer = DictionaryObject({NameObject("/Root"): reader.trailer.raw_get("/Root")})
    if info_ref is not None:
        trailer[NameObject("/Info")] = info_ref
    for key in ("/Encrypt", "/ID"):
        if key in reader.trailer:
            trailer[NameObject(key)] = reader.trailer.raw_get(key)
    return update.finish(trailer)


def _new_info(info: DictionaryObject, old: dict[str, str], new: dict[str, str]) -> DictionaryObject:
    """The info dictionary with the label entries changed and everything else as it was."""
    result = DictionaryObject()
    for key, value in info.items():
        bag_key = str(key)[1:]
        if bag_key in old and bag_key not in new:
            continue
        changed = bag_key in new and new[bag_key] != old.get(bag_key)
        result[NameObject(key)] = ByteStringObject(text_bytes(new[bag_key])) if changed else value
    for bag_key, value in new.items():
        if NameObject("/" + bag_key) not in result:
            result[NameObject("/" + bag_key)] = ByteStringObject(text_bytes(value))
    return result


def _first_free_number(reader) -> int:
    used = [n for table in reader.xref.values() for n in table] + list(reader.xref_objStm)
    size = reader.trailer.get("/Size", 0)
    size = size.get_object() if hasattr(size, "get_object") else size
    return max([int(size) if isinstance(size, int) else 0, *(n + 1 for n in used)])


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    result: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if result and start <= result[-1][1]:
            result[-1] = (result[-1][0], max(end, result[-1][1]))
        else:
            result.append((start, end))
    return result


def _copy(path: Path, cut: int, ranges: list[tuple[int, int]], out: BinaryIO) -> None:
    """Copy the first `cut` bytes, with spaces over `ranges`."""
    with open(path, "rb") as f:
        try:
            position = 0
            for start, end in ranges:
                copy_range(f, out, position, start)
                out.write(b" " * (end - start))
                position = end
            copy_range(f, out, position, cut)
        except ShortSource:
            raise corrupt(path.name, "it became shorter while it was being labelled") from None


def _labels(info_props: dict[str, str], xmp_props: dict[str, str]) -> tuple[FoundLabel, ...]:
    """The labels the info dictionary and the XMP packet carry."""
    found = labelprops.decode(info_props, INFO_WHERE) + labelprops.decode(xmp_props, XMP_WHERE)
    # The same label mirrored in both places is one label; the info dictionary wins, and
    # what only the XMP copy says (SiteId, method, date) completes it.
    unique: dict[tuple[str, str], FoundLabel] = {}
    for label in found:
        key = (label.system, label.id)
        if key in unique:
            first = unique[key]
            unique[key] = FoundLabel(first.system, first.id, first.name or label.name, first.where,
                                     {**label.raw, **first.raw})
        else:
            unique[key] = label
    return tuple(unique.values())


def _check_new(path: Path, name: str, header: int, new: dict[str, str], xmp_new: dict[str, str],
               quick_expected: bool, drawing: pdf_markings.Drawing, appended: tuple[int, int] | None = None
               ) -> tuple[tuple[FoundLabel, ...], tuple[str, ...]]:
    """The new file parses with exactly the new label; returns its labels and our markings on its pages.

    `appended`: (where, prev) when the new file is the checked original's
    first `where` bytes (compared before this) and an update appended to
    the cross-reference chain that starts at `prev`.  When that original is
    one our quick reader reads (classic tables, no encryption) and the pages
    do not change, only the new revision is parsed (pdf_quick.check_revision)
    and the labels are read through it with the quick reader: the bytes
    before it are the ones the plan read strictly.  Otherwise the whole file
    is parsed with pypdf and, where it applies, the quick reader, and both
    must read the new label.

    The labels are those `_read` would find; the markings come from the
    page tree of the reading just checked, or, when the pages did not
    change, from the plan's reading of them (`Drawing.present`), so the new
    file is not opened and parsed once more.
    """
    with open(path, "rb") as f:
        size = f.seek(0, io.SEEK_END)
        if appended is not None and quick_expected and not drawing.active:
            tail = Tail.of(name, f, size, header)
            problem = "is not a cross-reference table" if tail.kind != "table" else \
                check_revision(f, size, header, *appended)
            if problem is not None:
                raise FormatError(CORRUPT, f"the new revision of {name} {problem}")
            quick = read_quick(f, size, MAX_XMP_BYTES, header)
            if quick is None:
                raise FormatError(CORRUPT, f"the new revision of {name} cannot be read by the quick reader")
            readings = [(quick[0], xmp_properties(name, quick[1], writing=True))]
            doc = None
        else:
            with captured_warnings() as complaints:
                tail = Tail.of(name, f, size, header)
                doc = open_document(Path(name), f, writing=False)
                quick = read_quick(f, size, MAX_XMP_BYTES, header)
            damage(name, doc, tail, header, complaints, _quick_agrees(quick, doc))
            drawing.verify(doc.reader, name)
            readings = [(doc.info_props, doc.xmp_props)]
            if quick is not None:
                readings.append((quick[0], xmp_properties(name, quick[1], writing=True)))
            elif quick_expected:
                raise FormatError(CORRUPT, f"the new revision of {name} cannot be read by the quick reader")
        for info, xmp in readings:
            if info != new or _managed(xmp) != xmp_new:
                raise FormatError(CORRUPT, f"the new revision of {name} does not read back as the new label")
        labels = _labels(*readings[-1])
        drawn: tuple[str, ...] = ()
        if any(label.system == OURS for label in labels):
            if not drawing.active:
                drawn = drawing.present  # the pages are the ones the plan read
            elif doc is not None:
                try:
                    drawn = pdf_markings.found(doc.reader)
                except Exception:  # as found_in_file: a page tree it cannot follow shows no markings
                    drawn = ()
    return labels, drawn
