"""Content hints: detectors with real validation, bounded text extraction, rules, `labeler suggest`."""
from __future__ import annotations

import dataclasses
import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from labeler.hints import Analysis, Suggestion, analyse, suggest
from labeler.hints import detectors as d
from labeler.hints.extract import MAX_PDF_PAGES, extract_text
from policy.hints import DEFAULT_RULES, HintRule, recommend
from tests.conftest import DATA, run_cli

SOFFICE = shutil.which("soffice")


# -- generated test numbers ------------------------------------------------------------------

def make_nrn(yy: int, mm: int, dd: int, serial: int, born_2000: bool = False) -> str:
    base = f"{yy:02d}{mm:02d}{dd:02d}{serial:03d}"
    check = 97 - int(("2" if born_2000 else "") + base) % 97
    return base + f"{check:02d}"


def fmt_nrn(n: str) -> str:
    return f"{n[0:2]}.{n[2:4]}.{n[4:6]}-{n[6:9]}.{n[9:]}"


def make_bsn(prefix: str) -> str:
    """Complete 8 digits with the 11-test digit (prefix chosen so it is 0..9)."""
    total = sum(int(c) * w for c, w in zip(prefix, (9, 8, 7, 6, 5, 4, 3, 2)))
    last = total % 11
    assert last <= 9, "choose another prefix"
    return prefix + str(last)


def luhn_complete(partial: str) -> str:
    for digit in "0123456789":
        if d.luhn_valid(partial + digit):
            return partial + digit
    raise AssertionError


IBAN_BE = "BE71 0961 2345 6769"
IBAN_NL = "NL91 ABNA 0417 1643 00"
IBAN_FR = "FR14 2004 1010 0505 0001 3M02 606"
NRN = make_nrn(85, 7, 30, 33)          # born in 1985
NRN_2000 = make_nrn(5, 3, 14, 123, True)  # born in 2005
BSN = make_bsn("12345678")


# -- detectors -------------------------------------------------------------------------------

@pytest.mark.parametrize("iban", [IBAN_BE, IBAN_NL, IBAN_FR, IBAN_BE.replace(" ", ""), IBAN_NL.replace(" ", ""),
                                  "DE89 3704 0044 0532 0130 00", "GB29 NWBK 6016 1331 9268 19"])
def test_valid_ibans(iban):
    assert d.iban_valid(iban)
    assert d.count_iban(f"Please pay to {iban}. Thanks") == 1
    assert d.count_iban(f"IBAN:{iban}\n") == 1


@pytest.mark.parametrize("text", [
    "BE72 0961 2345 6769",            # check digits wrong
    "BE71 0961 2345 6768",            # one digit changed
    "NL91 ABNA 0417 1643 01",
    "BE71 0961 2345 67",              # too short for Belgium
    "XX71 0961 2345 6769",            # no such country
    "BE71 0961 2345 67691",           # too long
    "ZBE71096123456769",              # inside a longer word
])
def test_invalid_ibans(text):
    assert d.count_iban(text) == 0


def test_iban_distinct_values_counted_once_and_neighbours_ignored():
    text = f"{IBAN_BE} ABCD\n{IBAN_BE.replace(' ', '')}\n{IBAN_NL} and {IBAN_FR}"
    assert d.count_iban(text) == 3


def test_payment_cards():
    visa = "4111 1111 1111 1111"
    assert d.count_payment_cards(f"card {visa} exp 12/29") == 1
    assert d.count_payment_cards("4111-1111-1111-1111") == 1
    assert d.count_payment_cards("4111111111111111") == 1
    assert d.count_payment_cards("5555 5555 5555 4444") == 1       # Mastercard test number
    assert d.count_payment_cards("3782 822463 10005") == 1          # Amex test number
    bancontact = luhn_complete("670312345678901")
    assert d.card_brand(bancontact) == "bancontact"
    assert d.count_payment_cards(bancontact) == 1
    maestro = luhn_complete("675912345678901")
    assert d.count_payment_cards(maestro) == 1


@pytest.mark.parametrize("text", [
    "4111 1111 1111 1112",          # Luhn fails
    "1234 5678 9012 3456",          # random 16 digits, no known issuer
    "4556 7375 8689 9854",          # plausible prefix, Luhn fails
    luhn_complete("999912345678901"),  # Luhn fine, no such issuer
    "0000 0000 0000 0000",
    "4111 1111 1111 1111 2222 3",   # longer digit run
])
def test_invalid_cards(text):
    assert d.count_payment_cards(text) == 0


def test_belgian_national_register_numbers():
    assert d.be_national_register_valid(NRN)
    assert d.be_national_register_valid(NRN_2000)
    assert d.count_be_national_register(f"RRN {fmt_nrn(NRN)} here") == 1
    assert d.count_be_national_register(f"nr {NRN}.") == 1
    assert d.count_be_national_register(f"born 2005: {fmt_nrn(NRN_2000)}") == 1
    bis = make_nrn(80, 1 + 40, 15, 201)  # BIS number: month + 40
    assert d.count_be_national_register(bis) == 1
    assert d.count_be_national_register(f"{fmt_nrn(NRN)} and again {NRN}") == 1


def test_invalid_national_register_numbers():
    wrong_check = NRN[:9] + f"{(int(NRN[9:]) % 97) + 1:02d}"
    assert not d.be_national_register_valid(wrong_check)
    assert d.count_be_national_register(fmt_nrn(wrong_check)) == 0
    assert d.count_be_national_register(make_nrn(85, 14, 30, 33)) == 0   # month 14
    assert d.count_be_national_register(make_nrn(85, 7, 30, 0)) == 0     # serial 000
    assert d.count_be_national_register("123456789012") == 0             # 12 digits


def test_dutch_bsn():
    assert d.nl_bsn_valid(BSN) and d.nl_bsn_valid("111222333")
    assert d.count_nl_bsn(f"BSN {BSN}") == 1
    assert d.count_nl_bsn(f"BSN {BSN[:4]}.{BSN[4:6]}.{BSN[6:]}") == 1
    assert d.count_nl_bsn("000000000") == 0
    assert d.count_nl_bsn("BSN 123456789") == 0        # fails the 11-test
    assert not d.nl_bsn_valid("012345678")              # a 9-digit phone number
    assert d.count_nl_bsn("tel 012 34 56 78") == 0
    assert d.count_nl_bsn("1234567890") == 0            # 10 digits


def test_emails():
    text = "Write to ann.peeters@example.be, or BOB+x@mail.example.co.uk; not me@localhost nor a@b.c nor x@@y.com"
    assert d.count_emails(text) == 2
    assert d.count_emails("Ann.Peeters@Example.be and ann.peeters@example.be") == 1


def test_keywords_in_three_languages_with_accents():
    assert d.count_confidential_markings("STRICTLY CONFIDENTIAL — do not forward") == 1
    assert d.count_confidential_markings("Strikt vertrouwelijk") == 1
    assert d.count_confidential_markings("Document confidentiel, strictement confidentielle") == 2
    assert d.count_confidential_markings("geheim") == 1
    assert d.count_confidential_markings("confidentiality policy, confidentially") == 0  # whole words only
    assert d.count_personal_hr("Fiche de paie et certificat MÉDICAL") == 2
    assert d.count_personal_hr("certificat medical (without accent)") == 1
    assert d.count_personal_hr("Loonstrook en medische gegevens") == 2
    assert d.count_personal_hr("Salaris\nSalary review") == 2
    assert d.count_personal_hr("the salaryman's payrolls") == 0


def test_find_all_masks_identifiers_for_other_detectors():
    # The FR IBAN's digits contain a 16-digit run; it must not also count as a card or a number.
    findings = d.find_all(f"{IBAN_FR}\n{IBAN_BE}")
    assert findings == {"iban": 2}
    assert d.find_all("nothing here at all") == {}


def test_describe_plurals_per_language():
    findings = {"iban": 2, "be-national-register": 1}
    assert d.describe(findings, "en") == "1 national register number, 2 IBAN numbers"
    assert d.describe(findings, "nl") == "1 rijksregisternummer, 2 IBAN-nummers"
    assert d.describe(findings, "fr") == "1 numéro de registre national, 2 numéros IBAN"
    assert d.describe({"email": 1}, "nl-BE") == "1 e-mailadres"
    assert d.describe({"email": 3}, "fr") == "3 adresses e-mail"
    assert d.describe({}, "fr") == "rien de sensible trouvé"
    assert d.describe({"future-detector": 4}, "en") == "4 × future-detector"
    assert d.describe({"iban": 1, "email": 1}, "fr") == "1 numéro IBAN, 1 adresse e-mail"
    assert set(d.PHRASES) == set(d.DETECTOR_IDS)  # every detector has its words (translated: test_languages)


# -- rules -----------------------------------------------------------------------------------

def test_recommend_first_matching_rule_wins():
    assert recommend(DEFAULT_RULES, {}) == (None, ())
    assert recommend(DEFAULT_RULES, {"be-national-register": 1})[0] == "confidential"
    assert recommend(DEFAULT_RULES, {"be-national-register": 6, "nl-bsn": 4})[0] == "strictly-confidential"
    assert recommend(DEFAULT_RULES, {"iban": 1})[0] == "confidential"
    assert recommend(DEFAULT_RULES, {"keyword:personal-hr": 2})[0] == "confidential"
    assert recommend(DEFAULT_RULES, {"keyword:confidential-marking": 1})[0] == "confidential"
    assert recommend(DEFAULT_RULES, {"email": 19})[0] is None
    label, matched = recommend(DEFAULT_RULES, {"email": 25, "iban": 1})
    assert label == "confidential" and [r.label_id for r in matched] == ["confidential", "internal"]


def test_hint_rule_is_simple_validated_data():
    rule = HintRule(["iban", "nl-bsn"], 2, "confidential")
    assert rule.detectors == ("iban", "nl-bsn") and rule.count({"iban": 1, "nl-bsn": 1}) == 2
    assert hash(rule) == hash(HintRule(("iban", "nl-bsn"), 2, "confidential"))
    with pytest.raises(ValueError):
        HintRule((), 1, "x")
    with pytest.raises(ValueError):
        HintRule(("iban",), 0, "x")
    with pytest.raises(dataclasses.FrozenInstanceError):
        rule.min_count = 3


def test_default_rules_name_labels_of_the_builtin_scheme():
    from policy import load_builtin

    ids = {label.id for label in load_builtin().labels}
    assert {rule.label_id for rule in DEFAULT_RULES} <= ids


# -- extraction from real files --------------------------------------------------------------

def make_docx(path: Path, body: list[str], header: str | None = None) -> Path:
    docx = pytest.importorskip("docx")
    doc = docx.Document()
    for line in body:
        doc.add_paragraph(line)
    if header:
        doc.sections[0].header.paragraphs[0].text = header
    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "cell text"
    doc.save(path)
    return path


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


# -- the command line ------------------------------------------------------------------------

def _secret_forms(*values: str) -> set[str]:
    forms = set()
    for v in values:
        forms |= {v, v.replace(" ", ""), v.replace(" ", "").lower()}
    forms |= {fmt_nrn(NRN), NRN}
    return forms


def test_cli_suggest_json_shows_counts_never_values(tmp_path):
    path = make_docx(tmp_path / "letter.docx", [f"Betaal op {IBAN_BE}", f"Rijksregisternummer {fmt_nrn(NRN)}"])
    before = path.read_bytes()
    proc = run_cli("suggest", path, "--json", check_json=True)
    assert proc.returncode == 0, proc.stderr
    [result] = proc.json
    assert result["path"] == str(path)
    assert result["recommended"] == {"id": "confidential", "name": "Confidential"}
    assert result["evidence"] == {"iban": 1, "be-national-register": 1}
    assert result["summary"] == "1 national register number, 1 IBAN number"
    assert result["truncated"] is False and result["error"] is None
    for form in _secret_forms(IBAN_BE):
        assert form not in proc.stdout and form not in proc.stderr
    assert path.read_bytes() == before  # a suggestion never changes the file

    human = run_cli("suggest", path, "--lang", "fr")
    assert human.returncode == 0
    assert "[confidential]" in human.stdout and "1 numéro IBAN" in human.stdout
    for form in _secret_forms(IBAN_BE):
        assert form not in human.stdout and form not in human.stderr


def test_cli_suggest_recursive_and_failures(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "notes.txt").write_text("lunch menu", encoding="utf-8")
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # skipped inside folders
    (folder / "payroll.csv").write_text(f"name;bsn\nJan;{BSN}\n", encoding="utf-8")
    proc = run_cli("suggest", "-r", folder, "--json", check_json=True)
    assert proc.returncode == 0, proc.stderr
    by_name = {Path(r["path"]).name: r for r in proc.json}
    assert set(by_name) == {"notes.txt", "payroll.csv"}
    assert by_name["notes.txt"]["recommended"] is None
    assert by_name["notes.txt"]["summary"] == "nothing sensitive found"
    assert by_name["payroll.csv"]["recommended"]["id"] == "confidential"
    assert BSN not in proc.stdout

    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a document")
    proc = run_cli("suggest", broken, folder / "notes.txt", "--json", check_json=True)
    assert proc.returncode == 1
    assert proc.json[0]["error"] and proc.json[0]["kind"] == "corrupt" and proc.json[0]["recommended"] is None
    assert proc.json[1]["error"] is None


# -- validation by python-stdnum --------------------------------------------------------------

def iban_with_check_digits(country: str, bban: str) -> str:
    """`country` + the ISO 7064 mod 97-10 check digits + `bban`, whatever the BBAN means."""
    numeric = "".join(str(int(c, 36)) for c in bban + country + "00")
    return f"{country}{98 - int(numeric) % 97:02d}{bban}"


def test_iban_countries_and_lengths_come_from_the_registry():
    from stdnum import iban as stdnum_iban

    assert d.IBAN_LENGTHS["BE"] == 16 and d.IBAN_LENGTHS["NL"] == 18 and d.IBAN_LENGTHS["FR"] == 27
    # Oman joined the registry after the hand-kept table was written: found all the same.
    oman = iban_with_check_digits("OM", "018" + "0000001299123456")
    assert stdnum_iban.is_valid(oman) and d.IBAN_LENGTHS["OM"] == len(oman)
    assert d.count_iban(f"Transfer to {oman} please") == 1
    # Jersey, Guernsey and the Isle of Man use GB IBANs: their codes are no IBAN countries.
    for code in ("JE", "GG", "IM"):
        assert code not in d.IBAN_LENGTHS
        assert d.count_iban(iban_with_check_digits(code, "NWBK60161331926819")) == 0


def test_iban_structure_comes_from_the_registry():
    # Mod 97 holds, but a Dutch BBAN starts with a four-letter bank code.
    digits_for_bank = iban_with_check_digits("NL", "1234" + "0417164300")
    assert not d.iban_valid(digits_for_bank) and d.count_iban(digits_for_bank) == 0
    assert iban_with_check_digits("NL", "ABNA0417164300") == IBAN_NL.replace(" ", "")
    # Country-specific checks are not applied (docstring of iban_valid): mod 97 and the structure decide.
    assert d.count_iban(iban_with_check_digits("BE", "096123456768")) == 1


def test_belgian_bis_numbers_and_plausibility_filters():
    assert d.count_be_national_register(fmt_nrn(make_nrn(80, 1 + 20, 15, 201))) == 1  # BIS: month + 20
    assert d.count_be_national_register(make_nrn(80, 13 + 20, 15, 201)) == 0  # BIS month 13
    assert d.count_be_national_register(make_nrn(85, 7, 30, 999)) == 0  # serial 999 is never issued
    assert d.count_be_national_register(make_nrn(83, 21, 55, 794)) == 0  # day 55: digits that pass by chance
    assert d.count_be_national_register(make_nrn(85, 0, 0, 33)) == 1  # birth date unknown


def test_luhn_comes_from_stdnum_and_agrees_on_card_numbers():
    from stdnum import luhn

    for number in ("4111111111111111", "5555555555554444", "378282246310005", luhn_complete("670312345678901")):
        assert luhn.is_valid(number) and d.luhn_valid(number)
    assert not d.luhn_valid("4111111111111112") and not d.luhn_valid("4111 1111")
