"""Visual markings in PDF: header, footer and watermark on every page, replaced and removed with the label."""
from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import DATA, MS_GUID, make_stamp, run_cli
from pypdf import PdfReader, PdfWriter

from formats import pdf_markings
from formats.model import MarkingStyle, VisualMarkings, marking_bits
from formats.pdf import PdfHandler

SOFFICE = shutil.which("soffice")
QPDF = shutil.which("qpdf")
TSCP = "urn:bails:IntellectualProperty:"

CONFIDENTIAL = VisualMarkings(header="CONFIDENTIAL", footer="Confidential - ${file}")
STRICT = VisualMarkings(header="STRICTLY CONFIDENTIAL", footer="Strictly Confidential - Example Corp",
                        watermark="DO NOT SHARE")


def stamp(markings: VisualMarkings | None = CONFIDENTIAL, label_id="confidential", name="Confidential"):
    return dataclasses.replace(make_stamp(label_id, name), markings=markings)


PUBLIC = stamp(None, "public", "Public")


def copy(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    shutil.copyfile(DATA / name, path)
    return path


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def rendered_texts(path: Path, tmp_path: Path) -> list[str]:
    """The text of each page of the PDF as LibreOffice renders it (imported and exported again)."""
    out = tmp_path / "rendered"
    out.mkdir(exist_ok=True)
    source = out / ("in-" + path.name)
    shutil.copyfile(path, source)
    subprocess.run([SOFFICE, "--headless", "--convert-to", "pdf", "--outdir", str(out), str(source)],
                   check=True, capture_output=True, timeout=180)
    return page_texts(out / source.name)


def info(path: Path) -> dict[str, str]:
    return {str(k)[1:]: str(v) for k, v in (PdfReader(path).metadata or {}).items()}


def qpdf_check(path: Path) -> None:
    if QPDF:
        proc = subprocess.run([QPDF, "--check", str(path)], capture_output=True, text=True)
        assert proc.returncode == 0, proc.stdout + proc.stderr


# -- drawing ------------------------------------------------------------------------------------

def test_header_and_footer_on_every_page_keep_the_documents_own(tmp_path):
    path = copy(tmp_path, "lo-writer-3pages.pdf")
    original = path.read_bytes()
    assert PdfHandler().write(path, stamp())
    assert path.read_bytes().startswith(original)  # an incremental update: the original is a prefix
    texts = page_texts(path)
    assert len(texts) == 3
    for n, text in enumerate(texts, 1):
        assert "CONFIDENTIAL" in text and "Confidential - lo-writer-3pages.pdf" in text
        assert "Own header: Quarterly report" in text and f"Own footer: page {n}" in text
    assert PdfHandler().read(path).markings == ("header", "footer")
    qpdf_check(path)


@pytest.mark.skipif(not SOFFICE, reason="LibreOffice is not installed")
def test_libreoffice_renders_the_markings_on_every_page_and_not_after_relabelling(tmp_path):
    path = copy(tmp_path, "lo-writer-3pages.pdf")
    PdfHandler().write(path, stamp(STRICT, "strictly-confidential", "Strictly Confidential"))
    for text in rendered_texts(path, tmp_path):
        assert "STRICTLY CONFIDENTIAL" in text and "Strictly Confidential - Example Corp" in text
        assert "Own header: Quarterly report" in text
    PdfHandler().write(path, PUBLIC)
    for text in rendered_texts(path, tmp_path):
        assert "CONFIDENTIAL" not in text.upper().replace("OWN HEADER: QUARTERLY REPORT", "")
        assert "Own header: Quarterly report" in text and "DO NOT SHARE" not in text


def test_watermark_is_diagonal_light_and_marked_as_a_pagination_artifact(tmp_path):
    path = copy(tmp_path, "lo-writer-3pages.pdf")
    PdfHandler().write(path, stamp(STRICT))
    reader = PdfReader(path)
    for page in reader.pages:
        ours = page["/Contents"][-1].get_object()
        assert bool(ours["/LabelerMarking"]) is True
        data = ours.get_data()
        assert data.startswith(b"\nQ\n")  # closes the q that opens the page: its state cannot leak into ours
        for part in ("Header", "Footer", "Watermark"):
            assert f"/Artifact <</Type /Pagination /Subtype /{part} >> BDC".encode() in data
        gs_name = re.search(rb"/(\S+) gs", data).group(1).decode()
        state = page["/Resources"]["/ExtGState"]["/" + gs_name]
        assert float(state["/ca"]) < 0.5
        angle = re.search(rb"([\d.]+) ([\d.]+) -[\d.]+ [\d.]+ [\d.]+ [\d.]+ Tm", data)
        assert 0.3 < float(angle.group(1)) < 0.95 and 0.3 < float(angle.group(2)) < 0.95  # neither flat nor upright
        first = page["/Contents"][0].get_object()
        assert first.get_data().strip() == b"q" and "/LabelerMarking" in first
        assert "DO NOT SHARE" in page.extract_text()


def _placements(page) -> dict[str, tuple[float, float]]:
    """Where each text starts, as shown (after /Rotate), as fractions of the shown width and height."""
    box = page.cropbox
    x0, y0, x1, y1 = float(box.left), float(box.bottom), float(box.right), float(box.top)
    rotate = page.rotation % 360
    found = {}

    def visit(text, cm, tm, font, size):
        if not text.strip():
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        u, v = (x - x0) / (x1 - x0), (y - y0) / (y1 - y0)
        shown = {0: (u, v), 90: (v, 1 - u), 180: (1 - u, 1 - v), 270: (1 - v, u)}[rotate]
        found[text.strip()] = shown

    page.extract_text(visitor_text=visit)
    return found


def test_header_top_and_footer_bottom_of_the_page_as_shown_rotate_cropbox_and_inherited_resources(tmp_path):
    path = copy(tmp_path, "pypdf-pages.pdf")
    PdfHandler().write(path, stamp(dataclasses.replace(STRICT, style=MarkingStyle(align="right"))))
    reader = PdfReader(path)
    assert [p.rotation for p in reader.pages] == [0, 90, 0, 0]
    for page in reader.pages:
        placed = _placements(page)
        header, footer = placed["STRICTLY CONFIDENTIAL"], placed["Strictly Confidential - Example Corp"]
        assert header[1] > 0.9 and footer[1] < 0.1, placed  # top and bottom of the page as shown
        assert 0.4 < header[0] < 1 and 0.4 < footer[0] < 1, placed  # right-aligned: they start right of centre
        assert "DO NOT SHARE" in placed
        # The inherited font stays usable, ours is added under a name of its own.
        fonts = page["/Resources"]["/Font"]
        assert "/F1" in fonts and any(str(k).startswith("/LabelerMarking") for k in fonts)
    assert page_texts(path)[0].startswith("Page one body text")
    qpdf_check(path)


def test_the_pages_own_graphics_state_is_wrapped(tmp_path):
    path = copy(tmp_path, "pypdf-pages.pdf")
    before = [page.get("/Contents") for page in PdfReader(DATA / "pypdf-pages.pdf").pages]
    PdfHandler().write(path, stamp())
    for page, old in zip(PdfReader(path).pages, before):
        refs = [r.idnum for r in page.raw_get("/Contents")]
        kept = [old.indirect_reference.idnum] if old is not None else []
        assert refs[1:-1] == kept  # [our q, the page's own streams unchanged, our Q + marking]


def test_content_bits_and_tscp_fields_say_what_was_drawn(tmp_path):
    path = copy(tmp_path, "lo-writer-3pages.pdf")
    PdfHandler().write(path, stamp(STRICT))
    props = info(path)
    drawn = PdfHandler().read(path).markings
    assert drawn == ("header", "footer", "watermark")
    assert props[f"MSIP_Label_{MS_GUID}_ContentBits"] == str(marking_bits(drawn)) == "7"
    assert props[TSCP + "Marking:document-header"] == "STRICTLY CONFIDENTIAL"
    assert props[TSCP + "Marking:document-watermark"] == "DO NOT SHARE"
    PdfHandler().write(path, stamp(VisualMarkings(footer="Internal")))
    assert PdfHandler().read(path).markings == ("footer",)
    assert info(path)[f"MSIP_Label_{MS_GUID}_ContentBits"] == "2"
    assert info(path)[TSCP + "Marking:document-header"] == ""


def test_text_outside_winansi_is_not_drawn_and_the_person_is_told(tmp_path):
    path = copy(tmp_path, "lo-writer-3pages.pdf")
    handler = PdfHandler()
    handler.write(path, stamp(VisualMarkings(header="機密", footer="Confidential – café")))
    assert handler.read(path).markings == ("footer",)
    assert "header was not drawn" in handler.last_note and "lo-writer-3pages.pdf" in handler.last_note
    assert all("Confidential – café" in t for t in page_texts(path))
    assert info(path)[f"MSIP_Label_{MS_GUID}_ContentBits"] == "2"


# -- relabelling and removing ---------------------------------------------------------------------

def test_relabelling_replaces_ours_and_public_removes_them(tmp_path):
    path = copy(tmp_path, "lo-writer-3pages.pdf")
    handler = PdfHandler()
    handler.write(path, stamp())
    handler.write(path, stamp(STRICT, "strictly-confidential", "Strictly Confidential"))
    for text in page_texts(path):
        assert text.count("CONFIDENTIAL") == 1 and "Confidential - lo-writer" not in text
        assert "Strictly Confidential - Example Corp" in text
    handler.write(path, PUBLIC)
    for text in page_texts(path):
        assert "CONFIDENTIAL" not in text and "DO NOT SHARE" not in text and "Example Corp" not in text
        assert "Own header: Quarterly report" in text
    assert handler.read(path).markings == ()
    assert f"MSIP_Label_{MS_GUID}_ContentBits" not in info(path)
    assert b"DO NOT SHARE" not in path.read_bytes()  # our revisions were cut off, not just hidden
    qpdf_check(path)


def test_removing_the_label_removes_the_markings(tmp_path):
    path = copy(tmp_path, "pypdf-pages.pdf")
    original = path.read_bytes()
    handler = PdfHandler()
    handler.write(path, stamp(STRICT))
    assert handler.clear(path)
    assert handler.read(path).markings == () and handler.read(path).labels == ()
    assert path.read_bytes() == original


def test_writing_the_same_label_twice_leaves_the_file_alone(tmp_path):
    path = copy(tmp_path, "lo-writer-3pages.pdf")
    handler = PdfHandler()
    assert handler.write(path, stamp())
    assert not handler.write(path, stamp())


@pytest.mark.skipif(not QPDF, reason="qpdf is not installed")
def test_ours_are_found_and_replaced_after_another_program_rewrote_the_file(tmp_path):
    path = copy(tmp_path, "pypdf-pages.pdf")
    PdfHandler().write(path, stamp(STRICT))
    rewritten = tmp_path / "rewritten.pdf"
    subprocess.run([QPDF, "--object-streams=generate", "--compress-streams=y", str(path), str(rewritten)],
                   check=True)
    handler = PdfHandler()
    assert handler.read(rewritten).markings == ("header", "footer", "watermark")
    handler.write(rewritten, stamp())
    for text in page_texts(rewritten):
        assert "CONFIDENTIAL" in text and "STRICTLY" not in text and "DO NOT SHARE" not in text
    handler.write(rewritten, PUBLIC)
    assert handler.read(rewritten).markings == ()
    texts = page_texts(rewritten)
    assert texts[0].strip() == "Page one body text" and all("CONFIDENTIAL" not in t for t in texts)
    for page in PdfReader(rewritten).pages:  # our names left the resources with our streams
        assert not any(str(k).startswith("/LabelerMarking") for k in page["/Resources"].get("/Font", {}))
    qpdf_check(rewritten)


def test_a_signed_pdf_gets_the_label_but_no_marking(tmp_path):
    from test_pdf_history import _signed

    path = _signed(tmp_path)
    before = path.read_bytes()
    handler = PdfHandler()
    assert handler.write(path, stamp(STRICT))
    assert path.read_bytes().startswith(before)
    assert handler.read(path).ours.id == "confidential" and handler.read(path).markings == ()
    note = handler.last_note
    assert note and "digitally signed" in note and "signature" in note and path.name in note
    props = info(path)
    assert f"MSIP_Label_{MS_GUID}_ContentBits" not in props  # ContentBits 0: nothing drawn
    assert props[TSCP + "Marking:document-header"] == ""
    assert all("CONFIDENTIAL" not in t for t in page_texts(path))


def test_an_encrypted_pdf_that_opens_without_password_is_marked(tmp_path):
    writer = PdfWriter(clone_from=DATA / "pypdf-pages.pdf")
    writer.encrypt(user_password="", owner_password="owner")
    path = tmp_path / "encrypted.pdf"
    writer.write(path)
    handler = PdfHandler()
    assert handler.write(path, stamp())
    reader = PdfReader(path)
    reader.decrypt("")
    assert all("CONFIDENTIAL" in page.extract_text() for page in reader.pages)
    assert handler.read(path).markings == ("header", "footer")
    qpdf_check(path)


def test_the_update_holds_only_new_objects_not_page_contents(tmp_path):
    path = copy(tmp_path, "lo-writer-3pages.pdf")
    size = path.stat().st_size
    PdfHandler().write(path, stamp(STRICT))
    update = path.read_bytes()[size:]
    assert b"Own header" not in update and b"FlateDecode" not in update  # no page content was copied
    assert len(update) < 12_000


def test_found_on_a_document_without_ours():
    reader = PdfReader(DATA / "lo-writer-3pages.pdf")
    assert pdf_markings.found(reader) == ()
    assert PdfHandler().read(DATA / "lo-writer-3pages.pdf").markings == ()


def test_the_command_line_with_the_built_in_scheme_marks_every_page(tmp_path):
    path = copy(tmp_path, "lo-writer-3pages.pdf")
    proc = run_cli("apply", "--label", "confidential", path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for text in page_texts(path):
        assert "CONFIDENTIAL" in text and "Confidential - Example Corp" in text
    proc = run_cli("apply", "--label", "public", "--justification", "Published in the annual report", path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for text in page_texts(path):
        assert "CONFIDENTIAL" not in text and "Own header: Quarterly report" in text


def test_a_pdfa_file_stays_pdfa_no_marking_is_drawn_and_the_person_is_told(tmp_path):
    path = copy(tmp_path, "lo-writer-pdfa2b.pdf")
    handler = PdfHandler()
    assert handler.write(path, stamp(STRICT))
    assert handler.read(path).ours.id == "confidential" and handler.read(path).markings == ()
    assert "No header, footer and watermark was drawn" in handler.last_note and "PDF/A" in handler.last_note
    assert f"MSIP_Label_{MS_GUID}_ContentBits" not in info(path)
    assert all("CONFIDENTIAL" not in t for t in page_texts(path))
