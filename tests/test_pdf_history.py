"""Removing or replacing a PDF label leaves no byte of the old one (unsigned), or says so (signed)."""
from __future__ import annotations

import re

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, TextStringObject

from formats.pdf import PdfHandler
from test_pdf_support import (DATA, GUID, HIGH, HIGH_BYTES, LOW, OUR_BYTES, copy_in, pypdf_info, qpdf_clean)


def _objects(path):
    """Every object of the newest revision except the info dictionary and the XMP stream, resolved."""
    reader = PdfReader(path)
    skip = set()
    if "/Info" in reader.trailer:
        skip.add(reader.trailer.raw_get("/Info").idnum)
    if "/Metadata" in reader.root_object:
        skip.add(reader.root_object.raw_get("/Metadata").idnum)
    result = {}
    for number in range(1, int(reader.trailer["/Size"])):
        if number in skip:
            continue
        try:
            obj = reader.get_object(number)
        except Exception:
            continue
        if obj is None:
            continue
        if hasattr(obj, "get_data"):
            result[number] = (repr(sorted((k, repr(v)) for k, v in obj.items() if k != "/Length")), obj.get_data())
        elif isinstance(obj, DictionaryObject) and obj.get("/Type") == "/Catalog":
            result[number] = repr(sorted((k, repr(v)) for k, v in obj.items() if k != "/Metadata"))
        else:
            result[number] = repr(obj)
    return {n: _plain(v) for n, v in result.items()}


def _plain(value):
    """repr without pypdf's reader ids, which differ between two readers of the same file."""
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    if isinstance(value, str):
        return re.sub(r"IndirectObject\((\d+), (\d+), \d+\)", r"\1 \2 R", value)
    return value


@pytest.mark.parametrize("sample", ["pypdf.pdf", "lo-writer.pdf", "msip-labelled.pdf"])
def test_removing_our_label_leaves_none_of_its_bytes(tmp_path, sample):
    path = copy_in(tmp_path, DATA / sample)
    original = path.read_bytes()
    objects = _objects(path)
    handler = PdfHandler()
    assert handler.write(path, HIGH)
    assert handler.clear(path) is True
    data = path.read_bytes()
    assert not [b for b in OUR_BYTES + HIGH_BYTES if b in data]
    assert data == original  # our own revision was cut off; the original had no label of ours
    assert _objects(path) == objects
    assert handler.last_note is None


def test_no_empty_xmp_is_left_in_a_pdf_that_had_none(tmp_path):
    path = copy_in(tmp_path, DATA / "pypdf.pdf")
    assert "/Metadata" not in PdfReader(path).root_object
    PdfHandler().write(path, HIGH)
    PdfHandler().clear(path)
    assert "/Metadata" not in PdfReader(path).root_object


@pytest.mark.parametrize("sample", ["pypdf.pdf", "lo-writer.pdf"])
def test_lowering_leaves_no_byte_of_the_higher_label(tmp_path, sample):
    path = copy_in(tmp_path, DATA / sample)
    original = path.read_bytes()
    objects = _objects(path)
    assert PdfHandler().write(path, HIGH)
    assert PdfHandler().write(path, LOW)
    data = path.read_bytes()
    assert data.startswith(original)
    assert not [b for b in HIGH_BYTES if b in data]
    assert PdfHandler().read(path).ours.id == "public"
    assert _objects(path) == objects
    qpdf_clean(path)


def _labelled_by_an_older_version(tmp_path):
    """A file whose label sits in the original revision (no revision of ours to cut off)."""
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    writer.add_metadata({"/Title": "Kept", "/Labeler_LabelId": "secret", "/Labeler_SetBy": "ann-the-labeller",
                         f"/MSIP_Label_{GUID}_Enabled": "true",
                         f"/MSIP_Label_{GUID}_SiteId": "72f988bf-86f1-41af-91ab-2d7cd011db47",
                         "/Labeler_WroteMicrosoftLabel": GUID})
    path = tmp_path / "old-style.pdf"
    writer.write(path)
    return path


def test_label_in_the_original_revision_is_blanked_in_place(tmp_path):
    path = _labelled_by_an_older_version(tmp_path)
    original = path.read_bytes()
    objects = _objects(path)
    assert PdfHandler().clear(path) is True
    data = path.read_bytes()
    assert not [b for b in OUR_BYTES + [b"ann-the-labeller"] if b in data]
    # Nothing moved: the original's length is kept, only label bytes became spaces.
    changed = [i for i, (a, b) in enumerate(zip(original, data)) if a != b]
    assert changed and all(data[i] == 0x20 for i in changed)
    assert pypdf_info(path)["/Title"] == "Kept"
    assert PdfHandler().read(path).labels == ()
    assert _objects(path) == objects
    qpdf_clean(path)


def _signed(tmp_path):
    """A PDF with a signature field and a /ByteRange (the signature itself is not checked here)."""
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    sig = DictionaryObject({NameObject("/Type"): NameObject("/Sig"),
                            NameObject("/Filter"): NameObject("/Adobe.PPKLite"),
                            NameObject("/ByteRange"): ArrayObject([NumberObject(0)] * 4),
                            NameObject("/Contents"): TextStringObject("0000")})
    field = DictionaryObject({NameObject("/FT"): NameObject("/Sig"), NameObject("/T"): TextStringObject("Signature1"),
                              NameObject("/V"): writer._add_object(sig)})
    writer.root_object[NameObject("/AcroForm")] = DictionaryObject({
        NameObject("/Fields"): ArrayObject([writer._add_object(field)]), NameObject("/SigFlags"): NumberObject(3)})
    path = tmp_path / "signed.pdf"
    writer.write(path)
    return path


def test_signed_pdf_keeps_incremental_update_and_says_old_label_remains(tmp_path):
    path = _signed(tmp_path)
    handler = PdfHandler()
    assert handler.write(path, HIGH)
    assert handler.last_note is None  # nothing was replaced
    labelled = path.read_bytes()
    assert handler.write(path, LOW)
    assert path.read_bytes().startswith(labelled)  # signatures cover the earlier bytes: nothing rewritten
    note = handler.last_note
    assert note and path.name in note and "earlier revisions" in note and "old label" in note
    assert handler.clear(path)
    assert "earlier revisions" in handler.last_note
    assert PdfHandler().read(path).labels == ()
    qpdf_clean(path)


def test_relabel_of_a_label_written_twice_cuts_back_to_the_original(tmp_path):
    path = copy_in(tmp_path, DATA / "pypdf.pdf")
    original = path.read_bytes()
    for stamp in (HIGH, LOW, HIGH, LOW):
        assert PdfHandler().write(path, stamp)
    data = path.read_bytes()
    assert data.startswith(original) and len(re.findall(rb"%%EOF", data)) == len(re.findall(rb"%%EOF", original)) + 1
    assert not [b for b in HIGH_BYTES if b in data]
    qpdf_clean(path)
