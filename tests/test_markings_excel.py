"""Visual markings in Excel workbooks: the label's header and footer in every sheet.

Ours go into each sheet's `<headerFooter>` (see formats/ooxml_markings_excel.py);
LibreOffice renders the workbook and every page of its PDF must show them,
openpyxl must read them, and relabelling or removing the label must take
exactly ours away again, leaving the sheet's own header and footer.
"""
from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import REPO, make_stamp, raw_members
from lxml import etree

from formats import ooxml_markings_excel as X
from formats.model import MarkingStyle, VisualMarkings
from formats.ooxml import OoxmlHandler
from formats.zippkg import MAX_METADATA_BYTES
from marking_support import SOFFICE, apply, custom_props, members, pdf_pages
from policy import load_scheme

H = OoxmlHandler()
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
CORPORATE = REPO / "resources" / "schemes" / "corporate.toml"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SAMPLE = "markings-2sheets.xlsx"  # "Figures" (several pages), "Notes" (its own header and footer)
CONF_HEADER, CONF_FOOTER = "CONFIDENTIAL", "Confidential - Example Corp"
INTERNAL_FOOTER = "Internal - Example Corp"
STRICT_HEADER, STRICT_FOOTER = "STRICTLY CONFIDENTIAL", "Strictly Confidential - Example Corp"
SHEETS = ("xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml")
METADATA_PARTS = {"[Content_Types].xml", "_rels/.rels", "docProps/custom.xml", "docMetadata/LabelInfo.xml"}


@pytest.fixture(scope="module")
def scheme():
    return load_scheme(CORPORATE)








def content_bits(path, scheme, label_id) -> str:
    return custom_props(path)[f"MSIP_Label_{scheme.label(label_id).microsoft.label_guid}_ContentBits"]


def labelinfo_bits(path) -> list[str]:
    info = etree.fromstring(members(path)["docMetadata/LabelInfo.xml"])
    return [el.get("contentBits") for el in info]




def openpyxl_view(path) -> dict[str, dict[str, tuple[str | None, str | None, str | None]]]:
    """Sheet title → {"header"/"footer": (left, center, right) texts}, as openpyxl reads them."""
    import openpyxl

    wb = openpyxl.load_workbook(path)
    view = {}
    for ws in wb.worksheets:
        view[ws.title] = {part: (hf.left.text, hf.center.text, hf.right.text)
                          for part, hf in (("header", ws.oddHeader), ("footer", ws.oddFooter))}
    return view


def header_footer(path, sheet) -> etree._Element | None:
    root = etree.fromstring(members(path)[sheet])
    return root.find(f"{{{MAIN}}}headerFooter")


# -- what is drawn, and what the readers see ----------------------------------------------------

def test_confidential_marks_every_sheet_and_keeps_the_sheets_own_header(sample, scheme):
    path = sample(SAMPLE)
    apply(scheme, path, "confidential")
    view = openpyxl_view(path)
    assert view["Figures"] == {"header": (None, CONF_HEADER, None), "footer": (None, CONF_FOOTER, None)}
    left, center, _right = view["Notes"]["header"]
    assert left == "Finance team"
    assert center.startswith("Quarterly notes\n") and center.endswith(CONF_HEADER)
    assert view["Notes"]["footer"][2] == "Page &P of &N"  # the sheet's own footer, unchanged
    assert view["Notes"]["footer"][1] == CONF_FOOTER
    assert H.read(path).markings == ("header", "footer")


def test_content_bits_are_the_bits_of_what_was_drawn(sample, scheme):
    path = sample(SAMPLE)
    apply(scheme, path, "internal")  # a footer only
    assert content_bits(path, scheme, "internal") == "2" and labelinfo_bits(path) == ["2"]
    assert custom_props(path)["urn:bails:IntellectualProperty:Marking:document-footer"] == INTERNAL_FOOTER
    assert custom_props(path)["urn:bails:IntellectualProperty:Marking:document-header"] == ""
    apply(scheme, path, "strictly-confidential")  # header, footer and a watermark Excel cannot hold
    assert content_bits(path, scheme, "strictly-confidential") == "3" and labelinfo_bits(path) == ["3"]
    assert custom_props(path)["urn:bails:IntellectualProperty:Marking:document-watermark"] == ""
    assert H.read(path).markings == ("header", "footer")


def test_the_exact_form_written(sample):
    path = sample(SAMPLE)
    style = MarkingStyle(font_size=9, color="#1565c0", align="right")
    H.write(path, replace(make_stamp(), markings=VisualMarkings("R&D only", "Foot", None, style)))
    hf = header_footer(path, SHEETS[0])
    assert [etree.QName(c).localname for c in hf] == ["oddHeader", "oddFooter"]
    assert hf[0].text == '&R&"-,Regular"&9&K1565C0R&&D only'
    assert hf[1].text == '&R&"-,Regular"&9&K1565C0Foot'
    own = header_footer(path, SHEETS[1])
    assert own[0].text == '&LFinance team&CQuarterly notes&R&"-,Regular"&9&K1565C0R&&D only'
    assert own[1].text == '&RPage &P of &N\n&"-,Regular"&9&K1565C0Foot'


def test_only_the_sheets_and_the_label_metadata_change(sample, scheme):
    path = sample(SAMPLE)
    before = raw_members(path)
    apply(scheme, path, "confidential")
    after = raw_members(path)
    assert set(after) == set(before) | {"docProps/custom.xml", "docMetadata/LabelInfo.xml"}
    changed = {n for n in before if before[n] != after[n]}
    assert changed <= set(SHEETS) | METADATA_PARTS and set(SHEETS) <= changed


def test_header_footer_goes_after_page_setup_and_before_breaks_and_drawings(sample, tmp_path):
    src = sample(SAMPLE)
    path = tmp_path / "ordered.xlsx"
    tail = (b'<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
            b'<pageSetup orientation="portrait"/><rowBreaks count="1" manualBreakCount="1">'
            b'<brk id="20" max="16383" man="1"/></rowBreaks><ignoredErrors><ignoredError sqref="A1" '
            b'numberStoredAsText="1"/></ignoredErrors></worksheet>')
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == SHEETS[0]:
                data = data[:data.index(b"<pageMargins")] + tail
            zout.writestr(info, data)
    H.write(path, replace(make_stamp(), markings=VisualMarkings("H", "F")))
    root = etree.fromstring(members(path)[SHEETS[0]])
    names = [etree.QName(c).localname for c in root]
    assert names[-5:] == ["pageMargins", "pageSetup", "headerFooter", "rowBreaks", "ignoredErrors"]
    H.write(path, None)
    assert b"headerFooter" not in members(path)[SHEETS[0]]


def test_a_different_first_page_gets_the_marking_too(sample, tmp_path):
    src = sample(SAMPLE)
    path = tmp_path / "first.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == SHEETS[1]:
                data = data.replace(b"<headerFooter>", b'<headerFooter differentFirst="1">').replace(
                    b"<firstHeader></firstHeader>", b"<firstHeader>&amp;CCover</firstHeader>")
            zout.writestr(info, data)
    H.write(path, replace(make_stamp(), markings=VisualMarkings("H", "F")))
    hf = header_footer(path, SHEETS[1])
    texts = {etree.QName(c).localname: c.text for c in hf}
    assert hf.get("differentFirst") == "1"
    assert texts["firstHeader"] == '&CCover\n&"-,Regular"&10&K000000H'
    assert texts["firstFooter"] == '&C&"-,Regular"&10&K000000F'
    H.write(path, None)
    texts = {etree.QName(c).localname: c.text for c in header_footer(path, SHEETS[1])}
    assert texts == {"oddHeader": "&LFinance team&CQuarterly notes", "oddFooter": "&RPage &P of &N",
                     "firstHeader": "&CCover"}


# -- relabelling and removal ---------------------------------------------------------------------

def test_relabel_replaces_ours_and_public_removes_them(sample, scheme):
    path = sample(SAMPLE)
    original = members(path)
    apply(scheme, path, "strictly-confidential")
    apply(scheme, path, "internal")
    view = openpyxl_view(path)
    assert view["Figures"] == {"header": (None, None, None), "footer": (None, INTERNAL_FOOTER, None)}
    assert STRICT_HEADER not in str(view) and STRICT_FOOTER not in str(view)
    apply(scheme, path, "public")
    view = openpyxl_view(path)
    assert view["Notes"] == {"header": ("Finance team", "Quarterly notes", None),
                             "footer": (None, None, "Page &P of &N")}
    assert INTERNAL_FOOTER not in str(view)
    assert members(path)[SHEETS[0]] == original[SHEETS[0]]  # the added headerFooter is gone again
    assert H.read(path).markings == ()


def test_removing_the_label_removes_ours(sample):
    path = sample(SAMPLE)
    H.write(path, replace(make_stamp(), markings=VisualMarkings("H & Co", "F")))
    assert H.read(path).markings == ("header", "footer")
    H.write(path, None)
    result = H.read(path)
    assert result.markings == () and result.ours is None
    assert openpyxl_view(path)["Notes"]["header"] == ("Finance team", "Quarterly notes", None)


def test_the_sheets_own_text_that_looks_like_codes_stays():
    own = '&L&"-,Bold"&12&KFF0000Draft&C&"-,Regular"&10&K000000Own & not ours? &P'
    marked = X._add_ours(own, X._ours("Ours", MarkingStyle()), "center")
    assert marked == own + '\n&"-,Regular"&10&K000000Ours'
    assert X._strip_ours(marked) == (own, True)
    assert X._strip_ours(own) == (own, False)
    assert X._strip_ours(X._add_ours("", X._ours("A&B", MarkingStyle()), "left")) == ("", True)
    # A new section goes in Excel's order &L, &C, &R, before a later one (openpyxl reads that order).
    ours = X._ours("O", MarkingStyle())
    assert X._add_ours("&CMid&RRight", ours, "left") == f"&L{ours}&CMid&RRight"
    assert X._add_ours("Plain", ours, "left") == f"&L{ours}&CPlain"  # an implicit centre stays the centre
    assert X._strip_ours(f"&L{ours}&CPlain") == ("&CPlain", True)


# -- LibreOffice renders it on every page --------------------------------------------------------

@needs_soffice
def test_libreoffice_prints_the_marking_on_every_page(sample, scheme):
    path = sample(SAMPLE)
    apply(scheme, path, "confidential")
    pages = pdf_pages(path)
    assert len(pages) >= 3  # "Figures" runs over several pages, "Notes" has its own
    for text in pages:
        assert CONF_HEADER in text and CONF_FOOTER in text, text
    notes = pages[-1]
    assert "Finance team" in notes and "Quarterly notes" in notes and "Notes for the quarter" in notes
    apply(scheme, path, "public")
    pages = pdf_pages(path)
    for text in pages:
        assert CONF_HEADER not in text and CONF_FOOTER not in text, text
    assert "Finance team" in pages[-1] and "Quarterly notes" in pages[-1]


# -- big sheets: streamed, never parsed whole -----------------------------------------------------

def _big_workbook(path: Path, rows: int) -> None:
    """A workbook whose only sheet inflates to more than any metadata part may hold."""
    import openpyxl

    buf = io.BytesIO()
    openpyxl.Workbook().save(buf)
    row = "".join(f'<row r="{{r}}"><c r="A{{r}}" t="inlineStr"><is><t>line {{r}} {"x" * 60}</t></is></c></row>'
                  for _ in range(1))
    body = "".join(row.format(r=r) for r in range(1, rows + 1)).encode()
    with zipfile.ZipFile(buf) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == SHEETS[0]:
                start = data.index(b"<sheetData")
                end = data.index(b"</sheetData>") + len(b"</sheetData>") if b"</sheetData>" in data else \
                    data.index(b"/>", start) + 2
                data = data[:start] + b"<sheetData>" + body + b"</sheetData>" + data[end:]
            zout.writestr(info, data)


def test_a_sheet_larger_than_any_metadata_part_is_spliced_streaming(tmp_path):
    path = tmp_path / "big.xlsx"
    _big_workbook(path, 140_000)
    with zipfile.ZipFile(path) as z:
        size = z.getinfo(SHEETS[0]).file_size
        assert size > MAX_METADATA_BYTES
        crc_before = z.getinfo(SHEETS[0]).CRC
    H.write(path, replace(make_stamp(), markings=VisualMarkings("BIG", "FOOT")))
    assert H.read(path).markings == ("header", "footer")
    with zipfile.ZipFile(path) as z:
        data = z.read(SHEETS[0])
    assert data.endswith(b'<headerFooter><oddHeader>&amp;C&amp;"-,Regular"&amp;10&amp;K000000BIG</oddHeader>'
                         b'<oddFooter>&amp;C&amp;"-,Regular"&amp;10&amp;K000000FOOT</oddFooter></headerFooter>'
                         b'</worksheet>')
    H.write(path, None)
    with zipfile.ZipFile(path) as z:
        assert zlib.crc32(z.read(SHEETS[0])) == crc_before


def test_the_tail_bound_refuses_with_one_sentence(tmp_path, monkeypatch):
    from formats import ooxml_markings_excel_sheet as S
    from formats.errors import TOO_LARGE, FormatError

    path = tmp_path / "tail.xlsx"
    _big_workbook(path, 10)
    monkeypatch.setattr(S, "MAX_TAIL_BYTES", 40)
    before = path.read_bytes()
    with pytest.raises(FormatError) as info:
        H.write(path, replace(make_stamp(), markings=VisualMarkings("H", "F")))
    assert info.value.kind == TOO_LARGE and info.value.message.count(". ") == 0
    assert path.read_bytes() == before


def test_chart_sheets_get_the_marking_too():
    """A chart sheet prints a page of its own: it has the same <headerFooter>."""
    from formats.ooxml_markings_excel_sheet import _tail

    root = (b'<chartsheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">')
    tail = (b'<sheetPr/><sheetViews><sheetView workbookViewId="0"/></sheetViews><pageMargins left="0.7" '
            b'right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><drawing r:id="rId1"/></chartsheet>')
    sheet = _tail("xl/chartsheets/sheet1.xml", "chart", root, "", len(root), tail)
    new, drawn, _ = X._new_tail(sheet, VisualMarkings("H", None), "chart")
    assert drawn == {"header": "H"}
    assert re.search(rb"<pageMargins[^>]*/><headerFooter><oddHeader>.*</oddHeader></headerFooter><drawing", new)
