"""Content hints: bounded text extraction from real files (Office, ODF, text, PDF, broken files)."""
from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

import pytest

from labeler.hints import Analysis, Suggestion, analyse, suggest
from labeler.hints.extract import MAX_PDF_PAGES, extract_text
from tests.conftest import DATA
from tests.hints_support import (BSN, IBAN_BE, IBAN_FR, IBAN_NL, NRN, SOFFICE, fmt_nrn, make_docx)


# -- extraction from real files --------------------------------------------------------------

def test_docx_body_header_and_table(tmp_path):
    path = make_docx(tmp_path / "a.docx", [f"Account {IBAN_BE}", f"RRN {fmt_nrn(NRN)}", "Salaire: voir annexe"],
                     header="Strikt vertrouwelijk")
    extracted = extract_text(path)
    assert not extracted.truncated and extracted.error is None
    assert "cell text" in extracted.text and "Strikt vertrouwelijk" in extracted.text
    analysis = analyse(path, "nl")
    assert isinstance(analysis, Analysis)
    assert analysis.findings == {"iban": 1, "be-national-register": 1, "keyword:confidential-marking": 1,
                                 "keyword:personal-hr": 1}
    assert analysis.evidence_text.startswith("1 rijksregisternummer, 1 IBAN-nummer")


def test_xlsx_shared_inline_and_numeric_cells(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "Payroll 2026"
    ws["A2"] = int(BSN)                # a number cell: <v>123456782</v>
    ws["B2"] = IBAN_NL
    ws["A3"] = 1234.5
    ws2 = wb.create_sheet("Other")
    ws2["C7"] = "card 4111 1111 1111 1111"
    path = tmp_path / "b.xlsx"
    wb.save(path)
    extracted = extract_text(path)
    assert BSN in extracted.text and "1234.5" in extracted.text
    s = suggest(path)
    assert isinstance(s, Suggestion) and s.ok
    assert s.findings == {"nl-bsn": 1, "iban": 1, "payment-card": 1, "keyword:personal-hr": 1}
    assert s.label_id == "confidential"


def test_xlsx_number_in_scientific_notation(tmp_path):
    path = tmp_path / "sci.xlsx"
    sheet = (b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             b'<sheetData><row r="1"><c r="A1"><v>' + f"{int(BSN) / 1e8}E8".encode() +
             b'</v></c><c r="B1" t="inlineStr"><is><t>vertrouwelijk</t></is></c></row></sheetData></worksheet>')
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", CT.format(
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.worksheet+xml"/>'))
        z.writestr("xl/worksheets/sheet1.xml", sheet)
    assert analyse(path).findings == {"nl-bsn": 1, "keyword:confidential-marking": 1}


CT = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="xml" ContentType="application/xml"/>{}</Types>')


def test_pptx_slides(tmp_path):
    pptx = pytest.importorskip("pptx")
    from pptx.util import Inches

    prs = pptx.Presentation()
    for text in ("Confidentiel", f"Contact: jan.janssens@example.be, {IBAN_FR}"):
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        slide.shapes.add_textbox(Inches(1), Inches(1), Inches(5), Inches(1)).text_frame.text = text
    path = tmp_path / "c.pptx"
    prs.save(path)
    assert analyse(path).findings == {"iban": 1, "email": 1, "keyword:confidential-marking": 1}


ODF_MANIFEST = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
                'opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type'
                '="{}"/>{}</manifest:manifest>')
ODF_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"')


def make_odf(path: Path, body: str, mimetype="application/vnd.oasis.opendocument.text", manifest_extra="") -> Path:
    content = f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODF_NS}><office:body>{body}' \
              f'</office:body></office:document-content>'
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), mimetype)
        z.writestr("content.xml", content)
        z.writestr("META-INF/manifest.xml", ODF_MANIFEST.format(mimetype, manifest_extra))
    return path


def test_odt_and_ods_written_by_hand(tmp_path):
    odt = make_odf(tmp_path / "d.odt", '<office:text><text:h>Strictement<text:s/>confidentiel</text:h>'
                   f'<text:p>Rek. {IBAN_BE[:9]}<text:span>{IBAN_BE[9:]}</text:span> door '
                   f'<text:a>bob@example.org</text:a></text:p></office:text>')
    extracted = extract_text(odt)
    assert "Strictement confidentiel" in extracted.text
    assert analyse(odt).findings == {"iban": 1, "email": 1, "keyword:confidential-marking": 1}
    ods = make_odf(tmp_path / "e.ods", '<office:spreadsheet><table:table><table:table-row>'
                   f'<table:table-cell office:value-type="float" office:value="{BSN}"><text:p>{int(BSN):,}</text:p>'
                   '</table:table-cell></table:table-row></table:table></office:spreadsheet>',
                   mimetype="application/vnd.oasis.opendocument.spreadsheet")
    assert analyse(ods).findings == {"nl-bsn": 1}


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_files_written_by_libreoffice(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "writer.txt").write_text(f"Vertrouwelijk\nRRN {fmt_nrn(NRN)}\n", encoding="utf-8")
    (src / "calc.csv").write_text(f"name,iban\nAnn,{IBAN_BE}\n", encoding="utf-8")
    profile = (tmp_path / "profile").as_uri()
    out = tmp_path / "out"
    for name, target in (("writer.txt", "odt"), ("calc.csv", "ods"), ("writer.txt", "docx"), ("writer.txt", "pdf")):
        subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", target,
                        "--outdir", str(out), str(src / name)], capture_output=True, timeout=180)
    made = {p.suffix: p for p in out.glob("*")} if out.exists() else {}
    if not made:
        pytest.skip("LibreOffice could not convert here")
    for suffix in (".odt", ".docx", ".pdf"):
        if suffix in made:
            assert analyse(made[suffix]).findings == {"be-national-register": 1, "keyword:confidential-marking": 1}
    if ".ods" in made:
        assert analyse(made[".ods"]).findings == {"iban": 1}


def test_samples_in_tests_data_never_fail_unexpectedly():
    for path in sorted(DATA.glob("*")):
        if path.suffix.lower() in {".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".pdf"}:
            extracted = extract_text(path)
            assert extracted.error in (None, "encrypted", "corrupt", "unsafe-metadata"), path.name


def test_text_files_and_encodings(tmp_path):
    utf8 = tmp_path / "a.md"
    utf8.write_text(f"# Médical\n{IBAN_BE}\n", encoding="utf-8")
    assert analyse(utf8).findings == {"iban": 1, "keyword:personal-hr": 1}
    latin = tmp_path / "b.csv"
    latin.write_bytes("nom;note\nAnn;certificat médical\n".encode("latin-1"))
    assert "médical" in extract_text(latin).text
    utf16 = tmp_path / "c.txt"
    utf16.write_text("geheim", encoding="utf-16")
    assert extract_text(utf16).text == "geheim"
    big = tmp_path / "big.txt"
    big.write_text("é" * 3000, encoding="utf-8")
    cut = extract_text(big, max_chars=1001)
    assert cut.truncated and cut.reason == "char-budget" and len(cut.text) <= 1001 and set(cut.text) == {"é"}


def _text_pdf(pages: int) -> bytes:
    """A text-heavy PDF with `pages` pages of Helvetica text, written by hand."""
    lines = " ".join(f"({'Lorem ipsum dolor sit amet consectetur adipiscing elit ' * 2}{i}) '" for i in range(40))
    content = f"BT /F1 9 Tf 12 TL 40 800 Td {lines} ET".encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", None,
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
               b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"]
    kids = []
    for _ in range(pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                       b"/Resources << /Font << /F1 3 0 R >> >> >>")
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Count {pages} /Kids [{' '.join(kids)}] >>".encode()
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def test_500_page_pdf_is_read_only_in_part(tmp_path):
    path = tmp_path / "long.pdf"
    path.write_bytes(_text_pdf(500))
    extracted = extract_text(path)
    assert extracted.truncated
    assert extracted.reason in ("page-limit", "time-budget", "char-budget")
    assert "Lorem ipsum" in extracted.text
    assert extracted.text.count("Lorem ipsum dolor sit amet consectetur adipiscing elit 0") <= MAX_PDF_PAGES
    tiny_budget = extract_text(path, time_budget_s=0.0)
    assert tiny_budget.truncated and tiny_budget.reason == "time-budget"
    few_chars = extract_text(path, max_chars=5000)
    assert few_chars.truncated and few_chars.reason == "char-budget" and len(few_chars.text) == 5000


def test_short_pdf_read_fully(tmp_path):
    path = tmp_path / "short.pdf"
    path.write_bytes(_text_pdf(3))
    extracted = extract_text(path)
    assert not extracted.truncated and extracted.error is None and "Lorem ipsum" in extracted.text


def test_encrypted_pdf(tmp_path):
    from pypdf import PdfReader, PdfWriter

    source = tmp_path / "plain.pdf"
    source.write_bytes(_text_pdf(1))
    writer = PdfWriter(clone_from=PdfReader(source))
    try:
        writer.encrypt("secret-pw", algorithm="RC4-128")
    except Exception as exc:  # pragma: no cover - depends on pypdf's crypto backends
        pytest.skip(f"pypdf cannot encrypt here: {exc}")
    path = tmp_path / "locked.pdf"
    with open(path, "wb") as f:
        writer.write(f)
    extracted = extract_text(path)
    assert extracted.error == "encrypted" and extracted.text == ""


def test_bad_files_give_a_reason_not_an_exception(tmp_path):
    garbage = tmp_path / "broken.docx"
    garbage.write_bytes(b"PK\x03\x04 this is no zip at all")
    assert extract_text(garbage).error == "corrupt"
    bad_xml = tmp_path / "bad.docx"
    with zipfile.ZipFile(bad_xml, "w") as z:
        z.writestr("[Content_Types].xml", CT.format(
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/>'))
        z.writestr("word/document.xml", "<w:document xmlns:w='x'><w:body><w:p>")
    assert extract_text(bad_xml).error == "corrupt"
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w") as z:
        z.writestr("[Content_Types].xml", CT.format(
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/>'))
        z.writestr("word/document.xml", '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><d>&a;</d>')
    assert extract_text(bomb).error == "unsafe-metadata"
    locked = make_odf(tmp_path / "locked.odt", "<office:text/>", manifest_extra=(
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">'
        '<manifest:encryption-data/></manifest:file-entry>'))
    assert extract_text(locked).error == "encrypted"
    ole = tmp_path / "old.docx"
    ole.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2000)
    assert extract_text(ole).error is not None
    assert extract_text(tmp_path / "missing.pdf").error == "vanished"
    assert extract_text(tmp_path).error == "not-a-file"
    image = tmp_path / "photo.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n")
    assert extract_text(image).error == "unsupported"
    s = suggest(garbage)
    assert s.label_id is None and not s.ok and s.findings == {}


def test_large_sheet_is_streamed_and_cut_at_the_budget(tmp_path):
    path = tmp_path / "big.xlsx"
    rows = "".join(f'<row r="{i}"><c r="A{i}"><v>{i}</v></c><c r="B{i}" t="inlineStr"><is><t>row text {i}</t>'
                   f'</is></c></row>' for i in range(1, 60001))
    sheet = ('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             f'<sheetData>{rows}</sheetData></worksheet>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT.format(
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.worksheet+xml"/>'))
        z.writestr("xl/worksheets/sheet1.xml", sheet)
    full = extract_text(path, time_budget_s=120)  # generous: no timing assertions, only completeness
    assert not full.truncated and "row text 60000" in full.text
    cut = extract_text(path, max_chars=10_000)
    assert cut.truncated and cut.reason == "char-budget" and len(cut.text) == 10_000
