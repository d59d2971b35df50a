"""Mutations of a package's bookkeeping parts: OPC relationships and content
types, and an OpenDocument package's mimetype and manifest.
"""
from __future__ import annotations

import re

from hypothesis import strategies as st
from lxml import etree

from tests.fuzzing import samples
from tests.fuzzing.case import Case
from tests.fuzzing.zipmodel import DEFLATED, STORED, ZipModel, new_entry
from tests.fuzzing.zip_base import (CT, CT_NS, CUSTOM, CUSTOM_CT, CUSTOM_REL, LABELINFO, LABELINFO_CT, LABELINFO_REL,
                                    METADATA, REL_NS, RELS, _as_is, _case, _is_ooxml, _main_part, _model, _set_xml,
                                    _xml_member, choose, draw, ensure_custom)


# ====================================================================== relationships

def gen_relationships(data) -> Case:
    cls = "relationships"
    case = _as_is(data, cls)
    if case:
        return case
    sample, m = _model(data, samples.ooxml_samples())
    if draw(data, st.booleans(), "with custom.xml"):
        ensure_custom(m)
    has_custom = m.find(CUSTOM) is not None
    rels = _xml_member(m, RELS)
    main = _main_part(m)
    op = choose(data, ["metadata-to-content", "external", "missing-target", "target-spelling", "two-rels",
                       "duplicate-ids", "to-package-part", "no-rels-part", "malformed", "moved-custom",
                       "part-level-rels", "custom-rel-removed"], "operation")
    rel_type = choose(data, [CUSTOM_REL, LABELINFO_REL], "relationship type")
    short = "custom-properties" if rel_type == CUSTOM_REL else "classificationlabels"

    def set_rel(target: str, mode: str | None = None, replace: bool = True) -> None:
        if replace:
            for r in list(rels):
                if r.get("Type") == rel_type:
                    rels.remove(r)
        attrs = {"Id": "rIdFuzz1", "Type": rel_type, "Target": target}
        if mode:
            attrs["TargetMode"] = mode
        etree.SubElement(rels, f"{{{REL_NS}}}Relationship", **attrs)

    what = ""
    if op == "metadata-to-content":
        content = [e.text_name for e in m.entries if e.text_name not in METADATA and not e.text_name.endswith(".rels")]
        target = choose(data, [main, "docProps/app.xml", "docProps/core.xml"] + content, "content part")
        set_rel(target)
        if draw(data, st.booleans(), "drop custom.xml") and has_custom:
            m.entries.remove(m.find(CUSTOM))
            what = f"{short} relationship targets content part {target}; docProps/custom.xml removed"
        else:
            what = f"{short} relationship targets content part {target}"
    elif op == "external":
        target = choose(data,
                        ["http://example.com/custom.xml", "file:///etc/passwd", CUSTOM, "\\\\server\\share\\x.xml"],
                        "external target")
        set_rel(target, "External")
        what = f"{short} relationship is External, Target={target!r}"
    elif op == "missing-target":
        target = choose(data, ["docProps/nothere.xml", "docProps/custom2.xml", "", "docProps/"], "missing target")
        set_rel(target, replace=draw(data, st.booleans(), "replace existing"))
        what = f"{short} relationship to a part that does not exist ({target!r})"
    elif op == "target-spelling":
        base = CUSTOM if rel_type == CUSTOM_REL else LABELINFO
        if rel_type == CUSTOM_REL:
            ensure_custom(m)
            rels = _xml_member(m, RELS)
        target = choose(data, ["/" + base, "docProps/../" + base, base.upper(), base + "#frag", "./" + base,
                               base.replace("P", "%50", 1), " " + base], "spelling")
        set_rel(target)
        what = f"{short} relationship Target spelled {target!r}"
    elif op == "two-rels":
        first = choose(data, [CUSTOM, LABELINFO, main, "docProps/app.xml"], "first target")
        second = choose(data, [CUSTOM, LABELINFO, main, "docProps/other.xml"], "second target")
        set_rel(first)
        etree.SubElement(rels, f"{{{REL_NS}}}Relationship", Id="rIdFuzz2", Type=rel_type, Target=second)
        what = f"two {short} relationships: {first} and {second}"
    elif op == "duplicate-ids":
        ids = [r.get("Id") for r in rels]
        rid = choose(data, ids, "id")
        etree.SubElement(rels, f"{{{REL_NS}}}Relationship", Id=rid,
                         Type="http://example.com/fuzz", Target="docProps/app.xml")
        what = f"relationship Id {rid} used twice"
    elif op == "to-package-part":
        target = choose(data, [RELS, CT, "/" + CT, "_rels/"], "package part")
        set_rel(target)
        what = f"{short} relationship targets {target}"
    elif op == "no-rels-part":
        m.entries.remove(m.find(RELS))
        return _case(cls, sample, "package relationships part _rels/.rels removed", m.serialize())
    elif op == "malformed":
        kind = choose(data, ["not-well-formed", "empty-root", "wrong-namespace", "no-target", "prefixed"],
                      "malformed kind")
        e = m.find(RELS)
        if kind == "not-well-formed":
            e.set_content(e.content()[:-20])
        elif kind == "empty-root":
            e.set_content(b'<?xml version="1.0"?><Relationships xmlns="' + REL_NS.encode() + b'"/>')
        elif kind == "wrong-namespace":
            e.set_content(e.content().replace(REL_NS.encode(), b"http://example.com/not-opc"))
        elif kind == "no-target":
            r = etree.SubElement(rels, f"{{{REL_NS}}}Relationship", Id="rIdFuzz3", Type=rel_type)
            _set_xml(m, RELS, rels)
        else:
            text = etree.tostring(rels).decode()
            text = re.sub(r'xmlns="[^"]+"', f'xmlns:r="{REL_NS}"', text, count=1)
            text = re.sub(r"<(/?)(Relationships?)\b", r"<\1r:\2", text)
            e.set_content(text.encode())
        return _case(cls, sample, f"_rels/.rels {kind}", m.serialize())
    elif op == "moved-custom":
        ensure_custom(m)
        e = m.find(CUSTOM)
        newname = choose(data, ["docProps/props-custom.xml", "custom.xml", "docProps/Custom.XML"], "new name")
        e.name = e.local_name = newname.encode()
        rels = _xml_member(m, RELS)
        for r in rels:
            if r.get("Type") == CUSTOM_REL:
                r.set("Target", newname)
        types = _xml_member(m, CT)
        for o in types.iter(f"{{{CT_NS}}}Override"):
            if (o.get("PartName") or "").lower() == "/" + CUSTOM.lower():
                o.set("PartName", "/" + newname)
        _set_xml(m, CT, types)
        _set_xml(m, RELS, rels)
        return _case(cls, sample, f"custom properties part moved to {newname} (relationship and Override follow)",
                     m.serialize())
    elif op == "part-level-rels":
        ensure_custom(m)
        rels_xml = (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{REL_NS}">'
                    f'<Relationship Id="rId1" Type="{CUSTOM_REL}" Target="../word/document.xml"/></Relationships>')
        m.entries.append(new_entry("docProps/_rels/custom.xml.rels", rels_xml.encode()))
        return _case(cls, sample, "docProps/custom.xml has its own relationships part", m.serialize())
    elif op == "custom-rel-removed":
        ensure_custom(m)
        rels = _xml_member(m, RELS)
        for r in list(rels):
            if r.get("Type") == CUSTOM_REL:
                rels.remove(r)
        what = "docProps/custom.xml present and registered in content types, but no relationship points at it"
    _set_xml(m, RELS, rels)
    return _case(cls, sample, what, m.serialize())


# ====================================================================== content-types

def gen_content_types(data) -> Case:
    cls = "content-types"
    case = _as_is(data, cls)
    if case:
        return case
    sample, m = _model(data, samples.zip_samples())
    if not _is_ooxml(sample):
        return _odf_package(data, sample, m)
    if draw(data, st.booleans(), "with custom.xml"):
        ensure_custom(m)
    types = _xml_member(m, CT)
    op = choose(data, ["duplicate-override", "dangling-override", "missing-override", "lower-case-name",
                       "both-names", "no-xml-default", "override-case", "malformed", "no-partname",
                       "default-says-custom", "no-content-types", "wrong-type-for-custom"], "operation")
    part = "/" + choose(data, [CUSTOM, LABELINFO], "part")
    ctype = CUSTOM_CT if part == "/" + CUSTOM else LABELINFO_CT
    what = ""
    if op == "duplicate-override":
        same = draw(data, st.booleans(), "same content type")
        etree.SubElement(types, f"{{{CT_NS}}}Override", PartName=part, ContentType=ctype)
        etree.SubElement(types, f"{{{CT_NS}}}Override", PartName=part,
                         ContentType=ctype if same else "application/xml")
        what = f"two extra Overrides for {part} ({'same' if same else 'different'} content type)"
    elif op == "dangling-override":
        if m.find(part[1:]) is not None:
            m.entries.remove(m.find(part[1:]))
        if not any(o.get("PartName") == part for o in types.iter(f"{{{CT_NS}}}Override")):
            etree.SubElement(types, f"{{{CT_NS}}}Override", PartName=part, ContentType=ctype)
        what = f"Override for {part} with no such part in the package"
    elif op == "missing-override":
        for o in list(types.iter(f"{{{CT_NS}}}Override")):
            if (o.get("PartName") or "").lower() == part.lower():
                types.remove(o)
        what = f"no Override for {part}"
    elif op in ("lower-case-name", "both-names"):
        e = m.find(CT)
        if op == "lower-case-name":
            e.name = e.local_name = b"[content_types].xml"
            return _case(cls, sample, "content types member named [content_types].xml (lower case)", m.serialize())
        twin = new_entry("[content_types].xml", e.content().replace(b"<Override", b"<Override ", 1))
        m.entries.append(twin)
        return _case(cls, sample, "both [Content_Types].xml and [content_types].xml present", m.serialize())
    elif op == "no-xml-default":
        for d in list(types.iter(f"{{{CT_NS}}}Default")):
            if (d.get("Extension") or "").lower() in ("xml", "rels"):
                types.remove(d)
        what = "Default content types for .xml and .rels removed"
    elif op == "override-case":
        for o in types.iter(f"{{{CT_NS}}}Override"):
            o.set("PartName", (o.get("PartName") or "").upper())
        what = "every Override PartName in upper case"
    elif op == "malformed":
        kind = choose(data, ["truncated", "wrong-root", "prefixed", "comment-and-pi"], "kind")
        e = m.find(CT)
        raw = e.content()
        if kind == "truncated":
            e.set_content(raw[: len(raw) // 2])
        elif kind == "wrong-root":
            e.set_content(raw.replace(b"<Types", b"<Typez").replace(b"</Types>", b"</Typez>"))
        elif kind == "prefixed":
            text = etree.tostring(types).decode()
            text = re.sub(r'xmlns="[^"]+"', f'xmlns:ct="{CT_NS}"', text, count=1)
            text = re.sub(r"<(/?)(Types|Default|Override)\b", r"<\1ct:\2", text)
            e.set_content(text.encode())
        else:
            e.set_content(raw.replace(b"<Types", b"<!-- c --><?pi x?><Types", 1))
        return _case(cls, sample, f"[Content_Types].xml {kind}", m.serialize())
    elif op == "no-partname":
        etree.SubElement(types, f"{{{CT_NS}}}Override", ContentType=ctype)
        what = "an Override without a PartName"
    elif op == "default-says-custom":
        for d in types.iter(f"{{{CT_NS}}}Default"):
            if (d.get("Extension") or "").lower() == "xml":
                d.set("ContentType", ctype)
        what = f"Default for .xml says {ctype}"
    elif op == "no-content-types":
        m.entries.remove(m.find(CT))
        return _case(cls, sample, "[Content_Types].xml removed", m.serialize())
    elif op == "wrong-type-for-custom":
        for o in types.iter(f"{{{CT_NS}}}Override"):
            if (o.get("PartName") or "").lower() == part.lower():
                o.set("ContentType", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")
        what = f"Override for {part} claims a main-document content type"
    _set_xml(m, CT, types)
    return _case(cls, sample, what, m.serialize())


def _odf_package(data, sample: str, m: ZipModel) -> Case:
    cls = "content-types"
    op = choose(data, ["mimetype-deflated", "mimetype-not-first", "mimetype-missing", "manifest-missing",
                       "manifest-lists-missing-meta", "manifest-malformed", "mimetype-wrong", "meta-missing"],
                "ODF operation")
    mt = m.find("mimetype")
    if op == "mimetype-deflated" and mt:
        mt.set_content(mt.content(), DEFLATED)
    elif op == "mimetype-not-first" and mt:
        m.entries.remove(mt)
        m.entries.append(mt)
    elif op == "mimetype-missing" and mt:
        m.entries.remove(mt)
    elif op == "manifest-missing":
        m.entries.remove(m.find("META-INF/manifest.xml"))
    elif op == "manifest-lists-missing-meta" or op == "meta-missing":
        if m.find("meta.xml"):
            m.entries.remove(m.find("meta.xml"))
    elif op == "manifest-malformed":
        e = m.find("META-INF/manifest.xml")
        e.set_content(e.content()[:-30])
    elif op == "mimetype-wrong" and mt:
        mt.set_content(b"application/zip", STORED)
    return _case(cls, sample, f"ODF package: {op}", m.serialize())
