"""Microsoft's two places for labels in Office files, read and written."""
from __future__ import annotations

import zipfile

from lxml import etree

from conftest import MS_GUID, MS_SITE, make_stamp, raw_members
from formats.ooxml import OoxmlHandler

H = OoxmlHandler()
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def part(path, name):
    with zipfile.ZipFile(path) as z:
        return z.read(name) if name in z.namelist() else None


def test_reads_old_aip_client_titus_and_boldon_james(sample):
    result = H.read(sample("msip-custom.docx"))
    by_system = {l.system: l for l in result.foreign}
    ms = by_system["microsoft"]
    assert ms.name == "Confidential" and ms.raw["Method"] == "Privileged"
    assert ms.raw["Enabled"] == "True"  # read case-insensitively
    assert by_system["titus"].name == "General"
    bj = by_system["boldon-james"]
    assert bj.name == "OFFICIAL" and bj.id == "id_classification_official"
    assert bj.raw["bjDocumentLabelXML"].endswith("</sisl>")  # continuation chunks joined


def test_labelinfo_and_custom_agree_for_same_guid(sample):
    result = H.read(sample("msip-both.pptx"))
    ms = [l for l in result.foreign if l.system == "microsoft"]
    assert len(ms) == 1 and ms[0].name  # name from custom.xml, label from LabelInfo


def test_write_creates_parts_relationships_and_content_types(sample):
    path = sample("pydocx.docx")
    assert part(path, "docMetadata/LabelInfo.xml") is None
    H.write(path, make_stamp())
    custom = etree.fromstring(part(path, "docProps/custom.xml"))
    props = {p.get("name"): (p.get("pid"), p[0].text) for p in custom}
    assert props[f"MSIP_Label_{MS_GUID}_Method"][1] == "Privileged"
    assert props[f"MSIP_Label_{MS_GUID}_SiteId"][1] == MS_SITE
    assert props[f"MSIP_Label_{MS_GUID}_Enabled"][1] == "true"
    pids = [int(p.get("pid")) for p in custom]
    assert len(set(pids)) == len(pids) and min(pids) >= 2
    assert all(p.get("fmtid") == "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" for p in custom)
    info = etree.fromstring(part(path, "docMetadata/LabelInfo.xml"))
    (label,) = list(info)
    assert list(label.attrib) == ["id", "enabled", "method", "siteId", "contentBits", "removed"]
    assert label.get("id") == "{" + MS_GUID + "}" and label.get("siteId") == "{" + MS_SITE + "}"
    assert label.get("method") == "Privileged"
    types = etree.fromstring(part(path, "[Content_Types].xml"))
    overrides = {o.get("PartName"): o.get("ContentType") for o in types.iter(CT + "Override")}
    assert overrides["/docProps/custom.xml"].endswith("custom-properties+xml")
    assert overrides["/docMetadata/LabelInfo.xml"] == "application/vnd.ms-office.classificationlabels+xml"
    rels = etree.fromstring(part(path, "_rels/.rels"))
    types_ = {r.get("Type") for r in rels.iter(REL + "Relationship")}
    assert "http://schemas.microsoft.com/office/2020/02/relationships/classificationlabels" in types_
    assert len({r.get("Id") for r in rels}) == len(rels)


def test_clear_removes_exactly_what_we_wrote(sample):
    path = sample("msip-custom.docx")
    before = {p.get("name") for p in etree.fromstring(part(path, "docProps/custom.xml"))}
    H.write(path, make_stamp())
    H.write(path, None)
    after = {p.get("name") for p in etree.fromstring(part(path, "docProps/custom.xml"))}
    assert after == before
    assert part(path, "docMetadata/LabelInfo.xml") is None


def test_default_method_is_standard(sample):
    path = sample("pydocx.docx")
    H.write(path, make_stamp(method="default"))
    info = etree.fromstring(part(path, "docMetadata/LabelInfo.xml"))
    assert info[0].get("method") == "Standard"


def test_same_tenant_microsoft_label_is_replaced_other_tenants_kept(sample):
    path = sample("missingcalcchainpart.xlsx")  # tenant 72f988bf-…
    stamp = make_stamp()
    other_tenant = stamp.microsoft.__class__(MS_GUID, "72f988bf-86f1-41af-91ab-2d7cd011db47", "Confidential")
    H.write(path, stamp)  # our example tenant: theirs stays
    ids = {l.id for l in H.read(path).labels if l.system == "microsoft"}
    assert ids == {MS_GUID, "f42aa342-8706-4288-bd11-ebb85995028c"}
    from dataclasses import replace
    H.write(path, replace(stamp, label_id="x", microsoft=other_tenant))
    ids = {l.id for l in H.read(path).labels if l.system == "microsoft"}
    assert ids == {MS_GUID}  # one label per tenant: the person's new choice


def test_reading_and_writing_touch_only_the_directory_and_metadata_parts(sample):
    """Damage inside the document body does not matter: we never inflate it."""
    import zipfile as zf

    path = sample("pydocx.docx")
    with zf.ZipFile(path) as z:
        info = z.getinfo("word/document.xml")
    data = bytearray(path.read_bytes())
    with open(path, "rb") as f:
        f.seek(info.header_offset + 26)
        n, m = (int.from_bytes(f.read(2), "little") for _ in range(2))
    start = info.header_offset + 30 + n + m
    data[start:start + info.compress_size] = bytes(b ^ 0x5A for b in data[start:start + info.compress_size])
    path.write_bytes(bytes(data))
    body_before = raw_members(path)["word/document.xml"]
    assert H.read(path).ours is None
    assert H.write(path, make_stamp()) is True
    assert H.read(path).ours.id == "confidential"
    assert raw_members(path)["word/document.xml"] == body_before  # copied as it was, damage and all
