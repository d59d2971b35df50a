"""Visual markings in Word documents: header, footer and watermark from the scheme.

The markings are drawn into the header/footer parts every page shows (see
formats/ooxml_markings_word.py); LibreOffice renders the result and every
page of its PDF must show them, python-docx must read them, and relabelling
or removing the label must take exactly ours away again.
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import MS_GUID, MS_SITE, REPO, make_stamp, raw_members
from lxml import etree

from formats import ooxml_markings_word
from formats.errors import TOO_LARGE, FormatError
from formats.model import MarkingStyle, VisualMarkings, marking_bits
from formats.ooxml import OoxmlHandler
from marking_support import CUSTOM_NS, SOFFICE, apply, custom_props, members, pdf_pages
from policy import load_scheme

H = OoxmlHandler()
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
CORPORATE = REPO / "resources" / "schemes" / "corporate.toml"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
SECTIONS = "word-sections.docx"  # 3 pages, 2 sections; the second has its own header
OWN_HEADER = "Annex A - own header"
# What the built-in scheme draws (English).
CONF_HEADER, CONF_FOOTER = "CONFIDENTIAL", "Confidential - Example Corp"
INTERNAL_FOOTER = "Internal - Example Corp"
STRICT = "STRICTLY CONFIDENTIAL"
# Metadata parts and the parts that carry markings: the only members that may change.
MARKING_PARTS = re.compile(r"^(word/(header|footer)\d+\.xml|word/document\.xml|word/_rels/document\.xml\.rels)$")
METADATA_PARTS = {"[Content_Types].xml", "_rels/.rels", "docProps/custom.xml", "docMetadata/LabelInfo.xml"}


@pytest.fixture(scope="module")
def scheme():
    return load_scheme(CORPORATE)










def docx_view(path) -> list[tuple[list[str], list[str]]]:
    """(header paragraphs, footer paragraphs) of every section, as python-docx reads them."""
    import docx

    return [([p.text for p in s.header.paragraphs], [p.text for p in s.footer.paragraphs])
            for s in docx.Document(str(path)).sections]


def only_allowed_members_changed(before: dict[str, bytes], after_path: Path) -> None:
    after = raw_members(after_path)
    for name, data in before.items():
        if name in METADATA_PARTS or MARKING_PARTS.match(name):
            continue
        assert after.get(name) == data, f"{name} changed"
    for name in set(after) - set(before):
        assert name in METADATA_PARTS or MARKING_PARTS.match(name), f"{name} was added"


# --- every page, as LibreOffice renders it -------------------------------------------------------

@needs_soffice
def test_every_page_of_every_section_shows_header_and_footer(sample, scheme):
    path = sample(SECTIONS)
    before = raw_members(path)
    apply(scheme, path, "confidential")
    pages = pdf_pages(path)
    assert len(pages) == 3
    for number, text in enumerate(pages, start=1):
        assert CONF_HEADER in text, f"page {number}: {text!r}"
        assert CONF_FOOTER in text, f"page {number}: {text!r}"
    assert OWN_HEADER in pages[2]  # the section's own header stays, beside ours
    only_allowed_members_changed(before, path)


@needs_soffice
def test_relabelling_to_a_label_without_markings_removes_them_from_every_page(sample, scheme):
    path = sample(SECTIONS)
    original = members(path)
    apply(scheme, path, "strictly-confidential")
    assert H.read(path).markings == ("header", "footer", "watermark")
    apply(scheme, path, "public")
    assert H.read(path).markings == ()
    pages = pdf_pages(path)
    assert len(pages) == 3
    for text in pages:
        assert "CONFIDENTIAL" not in text.upper() and "Example Corp" not in text
    assert OWN_HEADER in pages[2]
    after = members(path)
    # The parts we added are gone again; the document's own parts are as they were.
    assert {n for n in after if MARKING_PARTS.match(n)} == {n for n in original if MARKING_PARTS.match(n)}
    for name in original:
        if MARKING_PARTS.match(name):
            assert after[name] == original[name], name
    assert b"LabelerMarking" not in b"".join(after.values())


@needs_soffice
def test_relabelling_replaces_our_markings(sample, scheme):
    path = sample(SECTIONS)
    apply(scheme, path, "confidential")
    apply(scheme, path, "internal")
    assert H.read(path).markings == ("footer",)
    for text in pdf_pages(path):
        assert INTERNAL_FOOTER in text and CONF_FOOTER not in text and CONF_HEADER not in text
    assert {n for n in members(path) if n.startswith("word/header")} == {"word/header1.xml"}  # ours went


@needs_soffice
def test_different_first_page_and_even_pages_are_marked_too(tmp_path):
    import docx
    from docx.enum.text import WD_BREAK

    doc = docx.Document()
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    doc.settings.odd_and_even_pages_header_footer = True
    section.header.paragraphs[0].text = "Own odd header"
    for n in range(1, 4):
        doc.add_paragraph(f"Body of page {n}.")
        if n < 3:
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    path = tmp_path / "first-even.docx"
    doc.save(path)
    stamp = replace(make_stamp(), markings=VisualMarkings("TOP MARK", "BOTTOM MARK"))
    H.write(path, stamp)
    pages = pdf_pages(path)
    assert len(pages) == 3
    for number, text in enumerate(pages, start=1):
        assert "TOP MARK" in text and "BOTTOM MARK" in text, f"page {number}: {text!r}"
    assert "Own odd header" in pages[2]


@needs_soffice
@pytest.mark.parametrize("name", ["lo-writer.docx", "lo-writer.docm", "lo-writer.dotx", "pydocx.docx"])
def test_other_word_files_show_the_markings(sample, scheme, name):
    path = sample(name)
    before = raw_members(path)
    apply(scheme, path, "confidential")
    pages = pdf_pages(path)
    assert pages and all(CONF_HEADER in t and CONF_FOOTER in t for t in pages)
    only_allowed_members_changed(before, path)
    apply(scheme, path, "public")
    assert all(CONF_HEADER not in t and CONF_FOOTER not in t for t in pdf_pages(path))


# --- the readers' view, without LibreOffice ------------------------------------------------------

def test_python_docx_sees_the_header_and_footer_of_every_section(sample, scheme):
    path = sample(SECTIONS)
    apply(scheme, path, "confidential")
    view = docx_view(path)
    assert len(view) == 2
    for headers, footers in view:
        assert CONF_HEADER in headers and CONF_FOOTER in footers
    assert view[1][0] == [CONF_HEADER, OWN_HEADER]  # ours first, the document's own kept
    apply(scheme, path, "public")
    view = docx_view(path)
    assert view[1][0] == [OWN_HEADER]
    assert all(CONF_HEADER not in h and CONF_FOOTER not in f for h, f in view)


def test_what_is_drawn_exactly(sample):
    path = sample("pydocx.docx")
    style = MarkingStyle(font_size=11, color="#C00000", align="right", watermark_font_size=60)
    H.write(path, replace(make_stamp(), markings=VisualMarkings("TOP\tSECRET\nline 2", "Foot ${file}", "DRAFT",
                                                                style)))
    parts = members(path)
    header = etree.fromstring(parts["word/header1.xml"])
    footer = etree.fromstring(parts["word/footer1.xml"])
    ns = {"w": W, "v": "urn:schemas-microsoft-com:vml"}
    (p,) = header.findall("w:p", ns)
    assert p.find("w:bookmarkStart", ns).get(f"{{{W}}}name").startswith("_LabelerMarkingPart_")
    assert p.find("w:pPr/w:jc", ns).get(f"{{{W}}}val") == "right"
    run = p.findall("w:r", ns)[-1]
    assert run.find("w:rPr/w:sz", ns).get(f"{{{W}}}val") == "22"  # half-points
    assert run.find("w:rPr/w:color", ns).get(f"{{{W}}}val") == "C00000"
    assert [etree.QName(c).localname for c in run if etree.QName(c).localname != "rPr"] == \
        ["t", "tab", "t", "br", "t"]
    shape = header.find(".//v:shape", ns)
    assert shape.get("id").startswith("PowerPlusWaterMarkObjectLabelerMarking")
    assert shape.find("v:textpath", ns).get("string") == "DRAFT" and shape.get("fillcolor") == "#C00000"
    assert "".join(footer.itertext()) == "Foot pydocx.docx"
    rels = parts["word/_rels/document.xml.rels"].decode()
    assert 'relationships/header" Target="header1.xml"' in rels
    assert 'relationships/footer" Target="footer1.xml"' in rels
    types = parts["[Content_Types].xml"].decode()
    assert 'PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.' \
           'wordprocessingml.header+xml"' in types
    sect = etree.fromstring(parts["word/document.xml"]).find("w:body/w:sectPr", ns)
    # References come first in w:sectPr (schema order), header before footer.
    assert [etree.QName(c).localname for c in sect][:3] == ["headerReference", "footerReference", "pgSz"]


@pytest.mark.parametrize("label_id, parts", [("internal", {"footer"}), ("confidential", {"header", "footer"}),
                                             ("strictly-confidential", {"header", "footer", "watermark"}),
                                             ("public", set())])
def test_content_bits_and_tscp_markings_describe_what_was_drawn(sample, scheme, label_id, parts):
    path = sample(SECTIONS)
    apply(scheme, path, label_id)
    assert set(H.read(path).markings) == parts
    props = custom_props(path)
    guid = scheme.label(label_id).microsoft.label_guid
    assert props[f"MSIP_Label_{guid}_ContentBits"] == str(marking_bits(parts))
    info = etree.fromstring(members(path)["docMetadata/LabelInfo.xml"])
    assert [el.get("contentBits") for el in info] == [str(marking_bits(parts))]
    tscp = {k.rpartition(":Marking:")[2]: v for k, v in props.items() if ":Marking:document-" in k}
    drawn = {k.removeprefix("document-"): v for k, v in tscp.items() if v}
    assert set(drawn) == parts
    if "footer" in parts:
        assert drawn["footer"] in "".join(docx_view(path)[0][1])


def test_a_document_with_its_own_watermark_keeps_it(sample, tmp_path):
    import docx
    from docx.oxml import parse_xml

    path = sample(SECTIONS)
    doc = docx.Document(str(path))
    own = (f'<w:r xmlns:w="{W}" xmlns:v="urn:schemas-microsoft-com:vml"><w:pict>'
           '<v:shape id="PowerPlusWaterMarkObject77" type="#_x0000_t136" style="position:absolute;width:400pt;'
           'height:100pt;rotation:315"><v:textpath string="OWN DRAFT"/></v:shape></w:pict></w:r>')
    doc.sections[1].header.paragraphs[0]._p.append(parse_xml(own))
    doc.save(str(path))
    H.write(path, replace(make_stamp(), markings=VisualMarkings(watermark="OURS")))
    assert H.read(path).markings == ("watermark",)
    header = members(path)["word/header1.xml"]
    assert b"OWN DRAFT" in header and b'string="OURS"' in header
    H.write(path, make_stamp())  # a label without markings
    header = members(path)["word/header1.xml"]
    assert b"OWN DRAFT" in header and b"OURS" not in header and b"LabelerMarking" not in header
    assert H.read(path).markings == ()


def test_removing_the_label_removes_the_markings(sample):
    path = sample(SECTIONS)
    original = members(path)
    H.write(path, replace(make_stamp(), markings=VisualMarkings("H", "F", "W")))
    H.clear(path)
    after = members(path)
    assert H.read(path).markings == () and H.read(path).ours is None
    for name in original:
        if MARKING_PARTS.match(name):
            assert after[name] == original[name], name
    assert set(after) == set(original)


def test_labelling_again_with_the_same_markings_changes_nothing(sample):
    path = sample(SECTIONS)
    stamp = replace(make_stamp(), markings=VisualMarkings("H", "F", "W"))
    assert H.write(path, stamp)
    before = raw_members(path)
    assert H.write(path, stamp) is False
    assert raw_members(path) == before


def test_office_markings_of_a_replaced_same_tenant_label_go(sample, tmp_path):
    """Office's MIP client marks with shapes named MSIPCM…; relabelling that tenant's label removes them."""
    src = sample(SECTIONS)
    old_guid = "11111111-2222-4333-8444-555555555555"
    office = ('<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" '
              'distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0" locked="0" '
              'layoutInCell="0" allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="page">'
              '<wp:posOffset>0</wp:posOffset></wp:positionH><wp:positionV relativeFrom="page"><wp:posOffset>0'
              '</wp:posOffset></wp:positionV><wp:extent cx="7772400" cy="273050"/><wp:wrapNone/>'
              '<wp:docPr id="1" name="MSIPCM0f3d8e1a" descr="{&quot;HashCode&quot;:-1,&quot;Placement&quot;:'
              '&quot;Header&quot;}"/></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict>'
              '<v:shape id="MSIPCM0f3d8e1a" o:spid="_x0000_s1025" type="#_x0000_t202" '
              'alt="{&quot;HashCode&quot;:-1}"><v:textbox><w:txbxContent><w:p><w:r><w:t>OLD OFFICE MARKING'
              '</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>'
              '</mc:AlternateContent></w:r></w:p>')
    ns = (f'xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
          'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
          'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"')
    parts = members(src)
    root = etree.fromstring(parts["word/header1.xml"])
    root.append(etree.fromstring(office.replace("<w:p>", f"<w:p {ns}>", 1)))
    parts["word/header1.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    props = [(f"MSIP_Label_{old_guid}_Enabled", "true"), (f"MSIP_Label_{old_guid}_SiteId", MS_SITE),
             (f"MSIP_Label_{old_guid}_Method", "Standard"), (f"MSIP_Label_{old_guid}_Name", "Old"),
             (f"MSIP_Label_{old_guid}_ContentBits", "1")]
    path = tmp_path / "office-marked.docx"
    _write_with_custom(parts, props, path)
    assert b"OLD OFFICE MARKING" in members(path)["word/header1.xml"]
    H.write(path, replace(make_stamp(), markings=VisualMarkings("NEW")))  # same tenant: replaces the label
    header = members(path)["word/header1.xml"]
    assert b"OLD OFFICE MARKING" not in header and b"MSIPCM" not in header
    assert OWN_HEADER.encode() in header and b"NEW" in header
    assert f"MSIP_Label_{old_guid}_Enabled" not in custom_props(path)
    assert custom_props(path)[f"MSIP_Label_{MS_GUID}_ContentBits"] == "1"


def test_office_markings_of_another_tenant_stay(sample, tmp_path):
    src = sample(SECTIONS)
    parts = members(src)
    marking = (b'<w:p><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml" id="MSIPCMabc">'
               b'<v:textbox><w:txbxContent><w:p><w:r><w:t>OTHER TENANT</w:t></w:r></w:p></w:txbxContent>'
               b'</v:textbox></v:shape></w:pict></w:r></w:p></w:hdr>')
    parts["word/header1.xml"] = parts["word/header1.xml"].replace(b"</w:hdr>", marking)
    other = "99999999-2222-4333-8444-555555555555"
    path = tmp_path / "other-tenant.docx"
    _write_with_custom(parts, [(f"MSIP_Label_{other}_Enabled", "true"),
                               (f"MSIP_Label_{other}_SiteId", "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0")], path)
    H.write(path, replace(make_stamp(), markings=VisualMarkings("NEW")))
    assert b"OTHER TENANT" in members(path)["word/header1.xml"]


def _write_with_custom(parts: dict[str, bytes], props, path: Path) -> None:
    fmtid = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
    body = "".join(f'<property fmtid="{fmtid}" pid="{i}" name="{n}"><vt:lpwstr>{v}</vt:lpwstr></property>'
                   for i, (n, v) in enumerate(props, start=2))
    parts["docProps/custom.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        f'<Properties xmlns="{CUSTOM_NS}" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
        f'2006/docPropsVTypes">{body}</Properties>').encode()
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-'
                     b'officedocument.custom-properties+xml"/></Types>')
    parts["_rels/.rels"] = parts["_rels/.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rIdCustom" Type="http://schemas.openxmlformats.org/'
                             b'officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/>'
                             b"</Relationships>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


# --- limits and refusals -------------------------------------------------------------------------

def test_a_main_part_over_the_limit_is_refused_untouched(sample, monkeypatch):
    path = sample(SECTIONS)
    before = path.read_bytes()
    monkeypatch.setattr(ooxml_markings_word, "MAX_DOCUMENT_BYTES", 1000)
    with pytest.raises(FormatError) as info:
        H.write(path, replace(make_stamp(), markings=VisualMarkings("H")))
    assert info.value.kind == TOO_LARGE and "word/document.xml" in info.value.message
    assert info.value.message.count(". ") == 0  # one sentence
    assert path.read_bytes() == before


def test_without_markings_nothing_but_the_metadata_changes(sample):
    path = sample(SECTIONS)
    before = raw_members(path)
    H.write(path, make_stamp())
    after = raw_members(path)
    for name, data in before.items():
        if name not in METADATA_PARTS:
            assert after[name] == data, name


def test_office_markings_naming_another_label_stay(sample, tmp_path):
    """A marking whose description names a label GUID goes only with that label."""
    old_guid = "11111111-2222-4333-8444-555555555555"
    unrelated = "77777777-2222-4333-8444-555555555555"
    parts = members(sample(SECTIONS))

    def shape(name: str, guid: str, text: str) -> bytes:
        return (f'<w:p><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml" id="{name}" '
                f'alt="{{&quot;LabelId&quot;:&quot;{guid}&quot;}}"><v:textbox><w:txbxContent><w:p><w:r>'
                f'<w:t>{text}</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>').encode()

    parts["word/header1.xml"] = parts["word/header1.xml"].replace(
        b"</w:hdr>", shape("MSIPCM01", old_guid, "REPLACED LABEL") + shape("MSIPCM02", unrelated, "OTHER LABEL")
        + b"</w:hdr>")
    path = tmp_path / "two-markings.docx"
    _write_with_custom(parts, [(f"MSIP_Label_{old_guid}_Enabled", "true"),
                               (f"MSIP_Label_{old_guid}_SiteId", MS_SITE)], path)
    H.write(path, replace(make_stamp(), markings=VisualMarkings(footer="NEW")))
    header = members(path)["word/header1.xml"]
    assert b"REPLACED LABEL" not in header and b"OTHER LABEL" in header


@needs_soffice
def test_a_body_without_section_properties_gets_them_only_while_marked(sample):
    path = sample("pydocx.docx")
    parts = members(path)
    document = re.sub(rb"<w:sectPr\b.*</w:sectPr>", b"", parts["word/document.xml"], flags=re.DOTALL)
    assert b"sectPr" not in document
    parts["word/document.xml"] = document
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    H.write(path, replace(make_stamp(), markings=VisualMarkings("TOP MARK", "BOTTOM MARK")))
    assert b"<w:sectPr><w:headerReference" in members(path)["word/document.xml"]
    assert all("TOP MARK" in t and "BOTTOM MARK" in t for t in pdf_pages(path))
    H.write(path, make_stamp())
    assert members(path)["word/document.xml"] == document
