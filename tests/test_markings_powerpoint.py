"""Visual markings in PowerPoint presentations: header, footer and watermark on every slide.

Ours are text shapes named `LabelerMarking` on every slide master (and on
layouts and slides that hide their master's shapes), see
formats/ooxml_markings_powerpoint.py.  LibreOffice renders the deck and
every slide of its PDF must show them; python-pptx must see them on the
master; relabelling or removing the label must take exactly ours away, and
Office's own marking shapes of a replaced same-tenant Microsoft label too.
"""
from __future__ import annotations

import zipfile
from dataclasses import replace
from pathlib import Path
from xml.sax.saxutils import quoteattr

import pytest
from conftest import REPO, make_stamp, raw_members
from lxml import etree

from formats.markings import OFFICE_MARKING, OUR_MARKING
from formats.model import MarkingStyle, MicrosoftMapping, VisualMarkings
from formats.ooxml import OoxmlHandler
from marking_support import SOFFICE, apply, custom_props, members, pdf_pages
from policy import load_scheme

H = OoxmlHandler()
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
CORPORATE = REPO / "resources" / "schemes" / "corporate.toml"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
SAMPLE = "markings-3slides.pptx"  # three slides, python-pptx's default template
MASTER = "ppt/slideMasters/slideMaster1.xml"
STRICT_HEADER, STRICT_FOOTER = "STRICTLY CONFIDENTIAL", "Strictly Confidential - Example Corp"
STRICT_WATERMARK = "STRICTLY CONFIDENTIAL"
CONF_HEADER, CONF_FOOTER = "CONFIDENTIAL", "Confidential - Example Corp"
INTERNAL_FOOTER = "Internal - Example Corp"
# The foreign Microsoft label of msip-both.pptx (tests/data/README.md).
MSIP_GUID = "8a4e2f6b-3c1d-4e5f-9a7b-6c5d4e3f2a1b"
MSIP_SITE = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0"


@pytest.fixture(scope="module")
def scheme():
    return load_scheme(CORPORATE)










def master_markings(path) -> dict[str, str]:
    """descr → text of the master shapes named like ours, as python-pptx reads them."""
    from pptx import Presentation

    prs = Presentation(str(path))
    result = {}
    for master in prs.slide_masters:
        for shape in master.shapes:
            if shape.name == OUR_MARKING:
                descr = shape._element.xpath("./*[1]/p:cNvPr")[0].get("descr")
                result[descr] = shape.text_frame.text
    return result


def rewrite(src: Path, dst: Path, edit) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info, edit(info.filename, zin.read(info)))
    return dst


# -- what is drawn, and what the readers see ----------------------------------------------------

def test_strictly_confidential_draws_header_footer_and_watermark_on_the_master(sample, scheme):
    path = sample(SAMPLE)
    apply(scheme, path, "strictly-confidential")
    assert master_markings(path) == {f"{OUR_MARKING}: header": STRICT_HEADER,
                                     f"{OUR_MARKING}: footer": STRICT_FOOTER,
                                     f"{OUR_MARKING}: watermark": STRICT_WATERMARK}
    guid = scheme.label("strictly-confidential").microsoft.label_guid
    assert custom_props(path)[f"MSIP_Label_{guid}_ContentBits"] == "7"
    info = etree.fromstring(members(path)["docMetadata/LabelInfo.xml"])
    assert [el.get("contentBits") for el in info] == ["7"]
    props = custom_props(path)
    assert props["urn:bails:IntellectualProperty:Marking:document-watermark"] == STRICT_WATERMARK
    assert H.read(path).markings == ("header", "footer", "watermark")


def test_content_bits_follow_the_label(sample, scheme):
    path = sample(SAMPLE)
    apply(scheme, path, "internal")
    guid = scheme.label("internal").microsoft.label_guid
    assert custom_props(path)[f"MSIP_Label_{guid}_ContentBits"] == "2"
    assert master_markings(path) == {f"{OUR_MARKING}: footer": INTERNAL_FOOTER}
    assert H.read(path).markings == ("footer",)


def test_the_shapes_written(sample):
    path = sample(SAMPLE)
    style = MarkingStyle(font_size=12, watermark_font_size=60, color="#c62828", align="left")
    H.write(path, replace(make_stamp(), markings=VisualMarkings("Top", "Bottom", "Middle", style)))
    root = etree.fromstring(members(path)[MASTER])
    ours = [sp for sp in root.iter(f"{{{P}}}sp")
            if sp.find(f"{{{P}}}nvSpPr/{{{P}}}cNvPr").get("name") == OUR_MARKING]
    assert len(ours) == 3
    header, footer, watermark = ours
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    assert header.find(f".//{a}pPr").get("algn") == "l" and header.find(f".//{a}rPr").get("sz") == "1200"
    assert header.find(f".//{a}srgbClr").get("val") == "C62828"
    assert int(header.find(f".//{a}off").get("y")) < int(footer.find(f".//{a}off").get("y"))
    assert watermark.find(f".//{a}xfrm").get("rot") == "18900000"
    assert watermark.find(f".//{a}rPr").get("sz") == "6000"
    assert watermark.find(f".//{a}alpha").get("val") == "50000"
    ids = [c.get("id") for c in root.iter(f"{{{P}}}cNvPr")]
    assert len(ids) == len(set(ids))


def test_only_masters_and_label_metadata_change(sample, scheme):
    path = sample(SAMPLE)
    before = raw_members(path)
    apply(scheme, path, "confidential")
    after = raw_members(path)
    changed = {n for n in before if before[n] != after[n]}
    assert changed <= {MASTER, "[Content_Types].xml", "_rels/.rels"}
    assert MASTER in changed
    assert set(after) - set(before) == {"docProps/custom.xml", "docMetadata/LabelInfo.xml"}


def test_a_layout_that_hides_the_master_gets_its_own_marking(sample, tmp_path):
    layout = "ppt/slideLayouts/slideLayout6.xml"  # "Title Only", the third slide's layout
    path = rewrite(sample(SAMPLE), tmp_path / "hidden.pptx", lambda n, d: d.replace(
        b"<p:sldLayout ", b'<p:sldLayout showMasterSp="0" ', 1) if n == layout else d)
    H.write(path, replace(make_stamp(), markings=VisualMarkings("Top", "Bottom")))
    from pptx import Presentation

    prs = Presentation(str(path))
    third_layout = prs.slides[2].slide_layout
    assert sorted(s.text_frame.text for s in third_layout.shapes if s.name == OUR_MARKING) == ["Bottom", "Top"]
    H.write(path, None)
    assert OUR_MARKING.encode() not in members(path)[layout]
    assert OUR_MARKING.encode() not in members(path)[MASTER]


def test_a_slide_that_hides_the_master_gets_its_own_marking(sample, tmp_path):
    slide = "ppt/slides/slide2.xml"
    path = rewrite(sample(SAMPLE), tmp_path / "hidden.pptx", lambda n, d: d.replace(
        b"<p:sld ", b'<p:sld showMasterSp="0" ', 1) if n == slide else d)
    H.write(path, replace(make_stamp(), markings=VisualMarkings(None, "Bottom")))
    assert members(path)[slide].count(OUR_MARKING.encode()) == 2  # name and descr of one shape
    assert H.read(path).markings == ("footer",)
    H.write(path, None)
    assert OUR_MARKING.encode() not in members(path)[slide]


# -- relabelling and removal ---------------------------------------------------------------------

def test_relabel_replaces_ours_and_public_removes_them(sample, scheme):
    path = sample(SAMPLE)
    apply(scheme, path, "strictly-confidential")
    apply(scheme, path, "confidential")
    assert master_markings(path) == {f"{OUR_MARKING}: header": CONF_HEADER,
                                     f"{OUR_MARKING}: footer": CONF_FOOTER}
    apply(scheme, path, "public")
    assert master_markings(path) == {}
    assert H.read(path).markings == ()


def test_removing_the_label_removes_ours_and_keeps_the_decks_own_shapes(sample):
    path = sample(SAMPLE)
    original = etree.fromstring(members(path)[MASTER])
    H.write(path, replace(make_stamp(), markings=VisualMarkings("Top", "Bottom", "Middle")))
    H.write(path, None)
    assert H.read(path).markings == () and H.read(path).ours is None
    again = etree.fromstring(members(path)[MASTER])
    assert etree.tostring(again, method="c14n") == etree.tostring(original, method="c14n")


def _with_office_marking(src: Path, dst: Path, descr: str) -> Path:
    shape = (f'<p:sp><p:nvSpPr><p:cNvPr id="99" name="{OFFICE_MARKING}" descr={quoteattr(descr)}/>'
             '<p:cNvSpPr txBox="1"/><p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr/>'
             '<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r><a:t>OFFICE SAYS CONFIDENTIAL</a:t></a:r></a:p>'
             '</p:txBody></p:sp>').encode()
    return rewrite(src, dst, lambda n, d: d.replace(b"</p:spTree>", shape + b"</p:spTree>", 1)
                   if n == MASTER else d)


@pytest.mark.parametrize("descr", [
    f'{{"LabelId":"{MSIP_GUID}","Placement":"Footer"}}',
    '{"HashCode":-1264680268,"Placement":"Footer","Top":519.343,"Left":0,"SlideWidth":960,"SlideHeight":540}',
])
def test_offices_marking_of_a_replaced_same_tenant_label_goes(sample, tmp_path, descr):
    path = _with_office_marking(sample("msip-both.pptx"), tmp_path / "office.pptx", descr)
    same_tenant = replace(make_stamp(), microsoft=MicrosoftMapping("6f1c5c8e-7b2a-4c1e-9a55-0d9a3c1b2e11",
                                                                   MSIP_SITE, "Confidential"),
                          markings=VisualMarkings("Ours", None))
    H.write(path, same_tenant)
    master = members(path)[MASTER]
    assert OFFICE_MARKING.encode() not in master and b"OFFICE SAYS" not in master
    assert b"Ours" in master


def test_offices_marking_of_another_tenants_label_stays(sample, tmp_path):
    path = _with_office_marking(sample("msip-both.pptx"), tmp_path / "office.pptx",
                                f'{{"LabelId":"{MSIP_GUID}"}}')
    H.write(path, replace(make_stamp(), markings=VisualMarkings("Ours", None)))  # conftest's tenant
    master = members(path)[MASTER]
    assert b"OFFICE SAYS CONFIDENTIAL" in master and b"Ours" in master


# -- LibreOffice renders it on every slide -------------------------------------------------------

@needs_soffice
def test_libreoffice_shows_the_marking_on_every_slide(sample, scheme):
    path = sample(SAMPLE)
    apply(scheme, path, "strictly-confidential")
    pages = pdf_pages(path)
    assert len(pages) == 3
    for text in pages:
        assert STRICT_HEADER in text and STRICT_FOOTER in text and text.count(STRICT_WATERMARK) >= 2, text
    assert "Quarterly review" in pages[0] and "Figures" in pages[1] and "Questions" in pages[2]
    apply(scheme, path, "public")
    for text in pdf_pages(path):
        assert "STRICTLY" not in text and "Example Corp" not in text, text
