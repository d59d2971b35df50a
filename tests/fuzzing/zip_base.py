"""Shared ground for the ZIP package mutators: part names and relationship and
content types, drawing from hypothesis, picking a sample and editing its XML members.
"""
from __future__ import annotations

from hypothesis import strategies as st
from lxml import etree

from tests.fuzzing import samples
from tests.fuzzing.case import Case
from tests.fuzzing.zipmodel import (ZipModel,
                                    new_entry)


MB8 = 8 * 1024 * 1024
CUSTOM = "docProps/custom.xml"
LABELINFO = "docMetadata/LabelInfo.xml"
CT = "[Content_Types].xml"
RELS = "_rels/.rels"
CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
LABELINFO_REL = "http://schemas.microsoft.com/office/2020/02/relationships/classificationlabels"
OFFICE_DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
CUSTOM_CT = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
LABELINFO_CT = "application/vnd.ms-office.classificationlabels+xml"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
METADATA = {CUSTOM, LABELINFO, CT, RELS, "meta.xml", "META-INF/manifest.xml"}

FOREIGN_CUSTOM = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Company Ünïcødé 日本">'
    '<vt:lpwstr>Example Corp — “quoted” 😀</vt:lpwstr></property>'
    '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" '
    'name="MSIP_Label_8a4e2f6b-3c1d-4e5f-9a7b-6c5d4e3f2a1b_Enabled"><vt:lpwstr>true</vt:lpwstr></property>'
    '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="4" '
    'name="MSIP_Label_8a4e2f6b-3c1d-4e5f-9a7b-6c5d4e3f2a1b_SiteId">'
    '<vt:lpwstr>0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0</vt:lpwstr></property>'
    '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="5" name="Pages"><vt:i4>12</vt:i4></property>'
    '</Properties>')


def draw(data, strategy, label: str):
    return data.draw(strategy, label=label)


def choose(data, options, label: str):
    return data.draw(st.sampled_from(list(options)), label=label)


def _model(data, pool: list[str]) -> tuple[str, ZipModel]:
    sample = choose(data, pool, "sample")
    return sample, ZipModel.parse(samples.load(sample))


def _case(cls: str, sample: str, what: str, blob: bytes) -> Case:
    return Case(cls, sample, what, blob, samples.file_name(sample))


def _as_is(data, cls: str) -> Case | None:
    """Now and then, a real-world file of this class, unmodified."""
    pool = samples.corpus_as_is(cls)
    if pool and draw(data, st.integers(0, 9), "as-is?") == 0:
        sample = choose(data, pool, "real-world file")
        return _case(cls, sample, "real-world file, unmodified", samples.load(sample))
    return None


def _is_ooxml(sample: str) -> bool:
    return not sample.endswith((".odt", ".ods", ".odp", ".ott", ".ots", ".otp"))


def _xml_member(model: ZipModel, name: str):
    e = model.find(name)
    return None if e is None else etree.fromstring(e.content())


def _set_xml(model: ZipModel, name: str, root, declaration: bool = True) -> None:
    body = etree.tostring(root, encoding="UTF-8", xml_declaration=False)
    blob = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' if declaration else b"") + body
    e = model.find(name)
    if e is None:
        model.entries.append(new_entry(name, blob))
    else:
        e.set_content(blob)


def ensure_custom(model: ZipModel, content: bytes | None = None) -> None:
    """Give an Office package a registered docProps/custom.xml with other tools' properties."""
    content = content if content is not None else FOREIGN_CUSTOM.encode("utf-8")
    e = model.find(CUSTOM)
    if e is not None:
        if content is not None:
            e.set_content(content)
        return
    model.entries.append(new_entry(CUSTOM, content))
    rels = _xml_member(model, RELS)
    if rels is not None and not any(r.get("Type") == CUSTOM_REL for r in rels):
        etree.SubElement(rels, f"{{{REL_NS}}}Relationship", Id="rIdFuzz9", Type=CUSTOM_REL, Target=CUSTOM)
        _set_xml(model, RELS, rels)
    types = _xml_member(model, CT)
    if types is not None and not any((o.get("PartName") or "").lower() == "/" + CUSTOM.lower()
                                     for o in types.iter(f"{{{CT_NS}}}Override")):
        etree.SubElement(types, f"{{{CT_NS}}}Override", PartName="/" + CUSTOM, ContentType=CUSTOM_CT)
        _set_xml(model, CT, types)


def _main_part(model: ZipModel) -> str:
    rels = _xml_member(model, RELS)
    for r in rels if rels is not None else []:
        if r.get("Type") == OFFICE_DOC_REL:
            return r.get("Target", "").lstrip("/")
    return model.entries[0].text_name
