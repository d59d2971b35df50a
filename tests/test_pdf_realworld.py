"""Real-world PDFs from public test suites (Apache Tika's): what qpdf and pypdf accept, we label."""
from __future__ import annotations

import pytest
from pypdf import PdfReader

from formats import errors
from formats.model import MICROSOFT, OURS
from formats.pdf import PdfHandler
from test_pdf_support import (CORPUS, GUID, HIGH, HIGH_BYTES, LOW, assert_refused, copy_in, pypdf_info,
                              pypdf_xmp, qpdf_check, qpdf_clean)

OFFSET_ZERO = ["testPDF.pdf", "testAnnotations.pdf", "testMicrosoftIRMServices.pdf"]


@pytest.mark.parametrize("name", OFFSET_ZERO)
def test_xref_entry_at_offset_zero_is_labelled(tmp_path, name):
    path = copy_in(tmp_path, CORPUS / name)
    original = path.read_bytes()
    pages = len(PdfReader(path).pages)
    assert PdfHandler().write(path, HIGH) is True
    if name == "testMicrosoftIRMServices.pdf":  # its own label (same tenant) was replaced: blanked in place
        assert b"9fbde396-1a24" not in path.read_bytes()
    else:
        assert path.read_bytes().startswith(original)
    info = pypdf_info(path, strict=False)
    assert info[f"/MSIP_Label_{GUID}_Enabled"] == "True" and info["/Labeler_LabelId"] == "secret"
    assert len(PdfReader(path).pages) == pages
    qpdf_clean(path)  # our section marks the non-existent objects free: qpdf no longer warns
    assert {(l.system, l.id) for l in PdfHandler().read(path).labels} >= {(OURS, "secret"), (MICROSOFT, GUID)}
    assert PdfHandler().clear(path) is True
    if name != "testMicrosoftIRMServices.pdf":
        assert path.read_bytes() == original
        return
    # That file's own Microsoft label is of the same tenant, so ours replaced it: its entries
    # in the original revision were blanked in place, and clearing ours leaves none.
    data = path.read_bytes()
    assert b"9fbde396-1a24" not in data and b"Labeler_" not in data
    assert PdfHandler().read(path).labels == ()
    assert len(PdfReader(path).pages) == pages
    qpdf_check(path)  # no revision of ours is left, so qpdf warns about offset 0 as for the original


def test_utf8_bom_before_header_is_labelled(tmp_path):
    path = copy_in(tmp_path, CORPUS / "testPDF_bom.pdf")
    original = path.read_bytes()
    assert PdfHandler().write(path, HIGH) is True
    assert path.read_bytes().startswith(original)
    qpdf_clean(path)
    assert pypdf_info(path, strict=False)["/Labeler_LabelId"] == "secret"
    assert PdfHandler().read(path).ours.id == "secret"
    assert PdfHandler().write(path, LOW) is True  # relabel: cut back and append again
    data = path.read_bytes()
    assert data.startswith(original) and not any(b in data for b in HIGH_BYTES)
    qpdf_clean(path)
    assert PdfHandler().read(path).ours.id == "public"


def test_apple_single_wrapper_is_refused_with_a_reason(tmp_path):
    path = copy_in(tmp_path, CORPUS / "testAppleSingleFile.pdf")
    error = assert_refused(path, errors.CORRUPT)
    assert "AppleSingle" in error.message


def test_owner_password_only_gets_an_encrypted_update(tmp_path):
    path = copy_in(tmp_path, CORPUS / "testPDF_no_extract_no_accessibility_owner_empty.pdf")
    original = path.read_bytes()
    trailer = PdfReader(path).trailer
    assert PdfHandler().write(path, HIGH) is True
    data = path.read_bytes()
    assert data.startswith(original)
    update = data[len(original):]
    # Strings in the new objects are encrypted with the file key: no label text in clear.
    assert b"ann-the-labeller" not in update and b"2024-05-06T07:08:09Z" not in update
    assert b"/Encrypt 9 0 R" in update and b"/ID" in update
    reader = PdfReader(path)
    assert reader.is_encrypted and reader.decrypt("")
    assert reader.trailer["/ID"] == trailer["/ID"]
    info = {k: str(v) for k, v in reader.metadata.items()}
    assert info["/Labeler_SetBy"] == "ann-the-labeller" and info[f"/MSIP_Label_{GUID}_Enabled"] == "True"
    assert b"MSIP_Label_" + GUID.encode() in pypdf_xmp(path)
    qpdf_clean(path)
    assert PdfHandler().read(path).ours.id == "secret"
    assert PdfHandler().clear(path) is True
    assert path.read_bytes() == original


def test_owner_password_that_forbids_changes_is_refused(tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    writer.encrypt(user_password="", owner_password="owner", permissions_flag=0b1111_1111_0100)  # no "modify"
    path = tmp_path / "no-modify.pdf"
    writer.write(path)
    error = assert_refused(path, errors.ENCRYPTED)
    assert "does not allow changes" in error.message


def test_foreign_microsoft_label_carries_site_method_and_date(tmp_path):
    path = copy_in(tmp_path, CORPUS / "testMicrosoftIRMServices.pdf")
    label = next(l for l in PdfHandler().read(path).labels if l.system == MICROSOFT)
    assert label.raw["SiteId"] == "72f988bf-86f1-41af-91ab-2d7cd011db47"
    assert label.raw["Extended_MSFT_Method"] == "Standard"
    assert label.raw["SetDate"] == "2023-06-13T20:21:31Z"


def test_label_only_partly_in_info_is_completed_from_xmp(tmp_path):
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, NameObject

    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    writer.add_metadata({f"/MSIP_Label_{GUID}_Enabled": "True", f"/MSIP_Label_{GUID}_Name": "Secret"})
    stream = DecodedStreamObject()
    stream[NameObject("/Type")] = NameObject("/Metadata")
    stream[NameObject("/Subtype")] = NameObject("/XML")
    stream.set_data((
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:pdfx="http://ns.adobe.com/pdfx/1.3/" '
        f'pdfx:MSIP_Label_{GUID}_Enabled="True" pdfx:MSIP_Label_{GUID}_SiteId="s-1" '
        f'pdfx:MSIP_Label_{GUID}_Method="Privileged" pdfx:MSIP_Label_{GUID}_SetDate="2020-01-02T03:04:05Z"/>'
        '</rdf:RDF></x:xmpmeta>').encode())
    writer.root_object[NameObject("/Metadata")] = writer._add_object(stream)
    path = tmp_path / "split.pdf"
    writer.write(path)
    (label,) = PdfHandler().read(path).labels
    assert label.where == "PDF info dictionary" and label.name == "Secret"
    assert (label.raw["SiteId"], label.raw["Method"], label.raw["SetDate"]) == ("s-1", "Privileged",
                                                                              "2020-01-02T03:04:05Z")


def test_qpdf_helper_accepts_warnings_of_untouched_originals():
    path = CORPUS / "testPDF.pdf"
    if not path.exists():
        pytest.skip("corpus not available")
    assert "offset 0" in qpdf_check(path)
