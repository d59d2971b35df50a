"""Structural mutations of ZIP packages (Office and OpenDocument files).

Each `gen_*` function draws one mutant from a hypothesis `data` object and
returns a `Case`: which sample, what was done (a sentence precise enough to
rebuild the mutant by hand), and the bytes.
"""
from __future__ import annotations

import re
import struct
import zlib

from hypothesis import strategies as st
from lxml import etree

from tests.fuzzing import samples
from tests.fuzzing.contract import Case
from tests.fuzzing.zipmodel import (DEFLATED, DESCRIPTOR_SIG, END_SIG, STORED, ZipModel,
                                    central_record, new_entry)

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


# ====================================================================== zip-directory

def gen_zip_directory(data) -> Case:
    cls = "zip-directory"
    case = _as_is(data, cls)
    if case:
        return case
    sample, m = _model(data, samples.zip_samples())
    n = len(m.entries)
    op = choose(data, ["eocd-count", "eocd-cd-size", "eocd-cd-offset", "eocd-disk", "comment", "comment-length",
                       "after-end", "prefix", "gap-before-directory", "local-vs-central", "offset",
                       "data-descriptor", "extra-field", "central-order", "orphan-local", "missing-local",
                       "zip64-locator", "version-needed", "name-form", "second-end-record"], "operation")
    idx = draw(data, st.integers(0, n - 1), "member")
    e = m.entries[idx]
    what = ""
    if op == "eocd-count":
        field = choose(data, ["n_disk", "n_total", "both"], "which count")
        value = draw(data, st.one_of(st.integers(-3, 3).filter(bool), st.sampled_from([0, 0xFFFF, 0xFFFE, 1])),
                     "count change")
        delta_or_set = "set" if value in (0, 0xFFFF, 0xFFFE, 1) else "delta"
        change = (lambda v, x=value: x) if delta_or_set == "set" else (lambda v, x=value: max(0, v + x))
        for f in (["n_disk", "n_total"] if field == "both" else [field]):
            m.end_overrides[f] = change
        what = f"end record: {field} entry count {'set to' if delta_or_set == 'set' else 'changed by'} {value}"
    elif op in ("eocd-cd-size", "eocd-cd-offset"):
        key = "cd_size" if op == "eocd-cd-size" else "cd_offset"
        value = draw(data, st.one_of(st.integers(-200, 200).filter(bool), st.sampled_from([10**6, 0xFFFFFFFF])),
                     "delta")
        if value in (10**6, 0xFFFFFFFF):
            m.end_overrides[key] = value
            what = f"end record: {key} set to {value}"
        else:
            m.end_overrides[key] = lambda v, x=value: max(0, v + x)
            what = f"end record: {key} changed by {value}"
    elif op == "eocd-disk":
        key = choose(data, ["disk", "cd_disk"], "disk field")
        m.end_overrides[key] = draw(data, st.integers(1, 3), "disk")
        what = f"end record: {key} = {m.end_overrides[key]} (multi-volume)"
    elif op == "comment":
        kind = choose(data, ["text", "fake-end-record", "max-length", "binary"], "comment kind")
        if kind == "text":
            m.comment = "Archive comment Ünï 日本".encode()
        elif kind == "fake-end-record":
            m.comment = END_SIG + struct.pack("<HHHHIIH", 0, 0, 1, 1, 46, 0, 0)
        elif kind == "max-length":
            m.comment = b"c" * 0xFFFF
        else:
            m.comment = draw(data, st.binary(min_size=1, max_size=200), "comment bytes")
        what = f"archive comment added ({kind}, {len(m.comment)} bytes)"
    elif op == "comment-length":
        m.comment = b"comment"
        delta = draw(data, st.sampled_from([-7, -1, 1, 100]), "length delta")
        m.end_overrides["comment_len"] = lambda v, d=delta: max(0, v + d)
        what = f"archive comment of 7 bytes with its declared length off by {delta}"
    elif op == "after-end":
        kind = choose(data, ["garbage", "newline", "second-zip-tail", "nul-padding"], "tail kind")
        m.trailer = {"garbage": b"garbage after the archive", "newline": b"\r\n",
                     "second-zip-tail": END_SIG + b"\0" * 18, "nul-padding": b"\0" * 4096}[kind]
        what = f"bytes after the end record ({kind})"
    elif op == "prefix":
        size = draw(data, st.sampled_from([1, 4, 512, 70000]), "stub size")
        relative = draw(data, st.booleans(), "offsets ignore the stub")
        m.prefix = (b"MZ" + b"\x90" * size)[:size]
        m.prefix_counts_in_offsets = not relative
        offsets = "relative to the stub" if relative else "adjusted"
        what = f"{size}-byte self-extractor stub prepended, offsets {offsets}"
    elif op == "gap-before-directory":
        m.gap = draw(data, st.sampled_from([b"\0", b"PK\x03\x04junk", b"x" * 1000]), "gap")
        what = f"{len(m.gap)} bytes between the last entry and the central directory"
    elif op == "local-vs-central":
        field = choose(data, ["name", "crc", "csize", "usize", "method", "flags-encrypted", "flags-utf8",
                              "flags-descriptor"], "field")
        side = choose(data, ["local", "central"], "side")
        what = f"{e.text_name}: {field} differs between local header and central record ({side} changed)"
        if field == "name":
            mutated = e.name[:-1] + (b"X" if e.name[-1:] != b"X" else b"Y")
            if side == "local":
                e.local_name = mutated
            else:
                e.name = mutated
        elif field in ("crc", "csize", "usize"):
            delta = draw(data, st.sampled_from([1, -1, 1000]), "delta")
            attr = ("l_" if side == "local" else "") + field
            setattr(e, attr, max(0, getattr(e, attr) + delta))
            what += f" by {delta}"
        elif field == "method":
            attr = "l_method" if side == "local" else "method"
            setattr(e, attr, STORED if getattr(e, attr) == DEFLATED else DEFLATED)
        else:
            bit = {"flags-encrypted": 0x1, "flags-utf8": 0x800, "flags-descriptor": 0x8}[field]
            attr = "l_flags" if side == "local" else "flags"
            setattr(e, attr, getattr(e, attr) ^ bit)
    elif op == "offset":
        kind = choose(data, ["delta", "other-member", "zero", "beyond-end"], "offset kind")
        if kind == "delta":
            e.offset_delta = draw(data, st.sampled_from([-1, 1, 4, 30, -30]), "delta")
            what = f"{e.text_name}: local header offset in the directory off by {e.offset_delta}"
        elif kind == "other-member":
            other = m.entries[(idx + 1) % n]
            m.serialize()
            e.offset_override = other.local_offset
            what = f"{e.text_name}: directory offset points at {other.text_name}'s local header"
        elif kind == "zero":
            e.offset_override = 0
            what = f"{e.text_name}: directory offset set to 0"
        else:
            e.offset_override = 0xFFFFFFF0
            what = f"{e.text_name}: directory offset beyond the end of the file"
    elif op == "data-descriptor":
        kind = choose(data, ["add-with-signature", "add-without-signature", "wrong-values", "flag-central-only",
                             "drop-descriptor-keep-flag", "zip64-sized"], "descriptor kind")
        content = e.content() if e.method in (STORED, DEFLATED) else None
        what = f"{e.text_name}: data descriptor {kind}"
        if content is not None and kind in ("add-with-signature", "add-without-signature", "wrong-values",
                                            "zip64-sized"):
            e.flags |= 0x8
            e.l_flags |= 0x8
            e.set_content(content)
            if kind == "add-without-signature":
                e.after = e.after[4:]
            elif kind == "wrong-values":
                e.after = DESCRIPTOR_SIG + struct.pack("<III", e.crc ^ 1, e.csize + 3, e.usize + 3)
            elif kind == "zip64-sized":
                e.after = DESCRIPTOR_SIG + struct.pack("<IQQ", e.crc, e.csize, e.usize)
        elif kind == "flag-central-only":
            e.flags |= 0x8
        else:
            e.after = b""
            e.flags |= 0x8
            e.l_flags |= 0x8
    elif op == "extra-field":
        kind = choose(data, ["random-local", "random-central", "zip64-local", "unicode-path-other-name",
                             "timestamp-both", "truncated-header", "max-length"], "extra kind")
        what = f"{e.text_name}: extra field {kind}"
        if kind == "random-local":
            e.l_extra += struct.pack("<HH", 0xCAFE, 8) + b"fuzzfuzz"
        elif kind == "random-central":
            e.extra += struct.pack("<HH", 0xCAFE, 8) + b"fuzzfuzz"
        elif kind == "zip64-local":
            e.l_extra += struct.pack("<HHQQ", 0x0001, 16, e.usize, e.csize)
        elif kind == "unicode-path-other-name":
            other = ("renamed/" + e.text_name).encode("utf-8")
            body = struct.pack("<BI", 1, zlib.crc32(e.name)) + other
            e.extra += struct.pack("<HH", 0x7075, len(body)) + body
            e.l_extra += struct.pack("<HH", 0x7075, len(body)) + body
        elif kind == "timestamp-both":
            e.extra += struct.pack("<HHBI", 0x5455, 5, 1, 1700000000)
            e.l_extra += struct.pack("<HHBI", 0x5455, 5, 1, 1700000000)
        elif kind == "truncated-header":
            e.l_extra += struct.pack("<HH", 0xCAFE, 200) + b"short"
        else:
            e.l_extra += struct.pack("<HH", 0xCAFE, 0xFFFF - 4 - len(e.l_extra)) + b"e" * (0xFFFF - 4 - len(e.l_extra))
    elif op == "central-order":
        order = list(range(n))
        perm = draw(data, st.permutations(order), "order")
        m.central_order = list(perm)
        what = "central directory records in a different order than the local entries"
    elif op == "orphan-local":
        orphan = new_entry(draw(data, st.sampled_from(["orphan.xml", CUSTOM, "word/document.xml"]), "orphan name"),
                           b"<orphan/>")
        orphan.in_central = False
        m.entries.insert(idx, orphan)
        what = f"local entry {orphan.text_name} with no central record, before {e.text_name}"
    elif op == "missing-local":
        e.in_local = False
        e.offset_override = 0xFFFFFF
        what = f"{e.text_name}: central record whose local entry is missing"
    elif op == "zip64-locator":
        loc = b"PK\x06\x07" + struct.pack("<IQI", 0, 0, 1)
        m.gap = loc  # before the directory: still inconsistent enough
        m.trailer = b""
        where = choose(data, ["before-directory", "before-end"], "where")
        if where == "before-end":
            m.gap = b""
            blob = m.serialize()
            at = blob.rfind(END_SIG)
            return _case(cls, sample, "ZIP64 end-of-directory locator inserted before the end record",
                         blob[:at] + loc + blob[at:])
        what = "ZIP64 locator bytes between the entries and the directory"
    elif op == "version-needed":
        value = draw(data, st.sampled_from([45, 51, 63, 0xFFFF]), "version")
        e.needed = e.l_needed = value
        what = f"{e.text_name}: version needed to extract = {value}"
    elif op == "name-form":
        if e.text_name in METADATA or e.text_name == "mimetype":
            e = next(x for x in m.entries if x.text_name not in METADATA and x.text_name != "mimetype")
        form = choose(data, ["backslash", "leading-slash", "dot-dot", "trailing-nul", "drive"], "name form")
        name = e.text_name
        new = {"backslash": name.replace("/", "\\"), "leading-slash": "/" + name, "dot-dot": "../" + name,
               "trailing-nul": name + "\0", "drive": "C:" + name}[form]
        e.name = e.local_name = new.encode("utf-8")
        what = f"{name} renamed to {new!r} ({form})"
    elif op == "second-end-record":
        first = m.serialize()
        m2 = m.clone()
        m2.entries = m2.entries[:-1]
        tail = m2.serialize()
        at = tail.rfind(END_SIG)
        return _case(cls, sample, "a second, older end record (one member fewer) before the real one",
                     first[:first.rfind(END_SIG)] + tail[at:at + 22] + first[first.rfind(END_SIG):])
    return _case(cls, sample, what, m.serialize())


# ====================================================================== duplicate-names

def gen_duplicate_names(data) -> Case:
    cls = "duplicate-names"
    case = _as_is(data, cls)
    if case:
        return case
    sample, m = _model(data, samples.zip_samples())
    if _is_ooxml(sample) and draw(data, st.booleans(), "with custom.xml"):
        ensure_custom(m)
    names = [e.text_name for e in m.entries]
    meta = [nm for nm in names if nm in METADATA or nm == "mimetype"]
    target = choose(data, meta + names, "member to duplicate")
    e = m.find(target)
    op = choose(data, ["same-bytes", "different-content", "case-variant", "spelling-variant", "central-only",
                       "before-original", "utf8-flag-variant"], "operation")
    twin = e.clone()
    twin.flags &= ~0x8
    twin.l_flags &= ~0x8
    where = len(m.entries)
    if op == "same-bytes":
        what = f"{target} stored twice with identical bytes"
    elif op in ("different-content", "before-original"):
        content = e.content()
        twin.set_content(content.replace(b"</", b"<!-- twin --></", 1) if content.startswith(b"<") else content + b"x")
        if op == "before-original":
            where = m.entries.index(e)
        which = "duplicate first" if op == "before-original" else "duplicate last"
        what = f"{target} stored twice with different content ({which})"
    elif op == "case-variant":
        variant = target.swapcase() if target.lower() != target.swapcase().lower() or target.upper() != target \
            else target.lower()
        if variant == target:
            variant = target.upper()
        twin.name = twin.local_name = variant.encode("utf-8")
        twin.set_content(e.content() + b"\n")
        what = f"{target} and {variant} (names differing only in case), different content"
    elif op == "spelling-variant":
        form = choose(data, ["/" + target, target.replace("/", "\\"), target.replace("/", "//", 1),
                             "./" + target], "spelling")
        twin.name = twin.local_name = form.encode("utf-8")
        twin.set_content(e.content() + b"\n")
        what = f"{target} and {form!r} (the same part spelled two ways), different content"
    elif op == "utf8-flag-variant":
        twin.flags ^= 0x800
        twin.l_flags ^= 0x800
        twin.set_content(e.content() + b"\n")
        what = f"{target} twice, the second with the UTF-8 name flag flipped, different content"
    else:
        m.serialize()
        m.extra_central.append(central_record(e, e.local_offset))
        return _case(cls, sample, f"two central records for {target} pointing at the same local entry",
                     m.serialize())
    m.entries.insert(where, twin)
    return _case(cls, sample, what, m.serialize())


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


# ====================================================================== xml-encoding-dtd

_DECL = re.compile(rb"^\s*<\?xml[^>]*\?>\s*")


def _reencode(xml: bytes, encoding: str, bom: bool, declared: str | None) -> bytes:
    text = _DECL.sub(b"", xml).decode("utf-8")
    decl = f'<?xml version="1.0" encoding="{declared}" standalone="yes"?>\r\n' if declared else ""
    codec = {"UTF-16LE": "utf-16-le", "UTF-16BE": "utf-16-be", "UTF-32LE": "utf-32-le", "UTF-32BE": "utf-32-be",
             "UTF-8": "utf-8", "ISO-8859-1": "latin-1"}[encoding]
    boms = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff", "utf-32-le": b"\xff\xfe\0\0",
            "utf-32-be": b"\0\0\xfe\xff", "utf-8": b"\xef\xbb\xbf", "latin-1": b""}
    return (boms[codec] if bom else b"") + (decl + text).encode(codec, "xmlcharrefreplace")


def gen_xml_encoding_dtd(data) -> Case:
    cls = "xml-encoding-dtd"
    case = _as_is(data, cls)
    if case:
        return case
    sample, m = _model(data, samples.zip_samples())
    ooxml = _is_ooxml(sample)
    if ooxml and draw(data, st.booleans(), "with custom.xml"):
        ensure_custom(m)
    parts = [n for n in ([CUSTOM, LABELINFO, CT, RELS, "docProps/core.xml"] if ooxml
                         else ["meta.xml", "META-INF/manifest.xml", "content.xml"]) if m.find(n)]
    part = choose(data, parts, "part")
    e = m.find(part)
    original = e.content()
    op = choose(data, ["encoding", "dtd", "dtd-in-utf16", "odd-xml"], "operation")
    if op == "encoding":
        encoding = choose(data, ["UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE", "UTF-8", "ISO-8859-1"], "encoding")
        bom = draw(data, st.booleans(), "BOM")
        declared = choose(data, [encoding.replace("LE", "").replace("BE", ""), encoding, "UTF-8", "UTF-16",
                                 "ISO-8859-1", None, "x-unknown"], "declared")
        blob = _reencode(original, encoding, bom and encoding != "ISO-8859-1", declared)
        what = f"{part} encoded {encoding}{' with BOM' if bom else ' without BOM'}, declaration says {declared}"
    elif op in ("dtd", "dtd-in-utf16"):
        kind = choose(data, ["internal-entity-used", "laughs", "external-system", "doctype-only", "parameter-entity",
                             "lowercase-doctype", "after-4k-comment"], "dtd kind")
        body = _DECL.sub(b"", original).decode("utf-8")
        root = re.match(r"\s*(?:<!--.*?-->\s*|<\?.*?\?>\s*)*<([\w:.-]+)", body, re.S).group(1)
        dtd = {
            "internal-entity-used": f'<!DOCTYPE {root} [<!ENTITY e "entity-text">]>',
            "laughs": f'<!DOCTYPE {root} [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
                      f'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>',
            "external-system": f'<!DOCTYPE {root} SYSTEM "file:///etc/passwd">',
            "doctype-only": f"<!DOCTYPE {root}>",
            "parameter-entity": f'<!DOCTYPE {root} [<!ENTITY % p "x"> %p;]>',
            "lowercase-doctype": f"<!doctype {root}>",
            "after-4k-comment": "<!--" + "c" * 5000 + f'-->\n<!DOCTYPE {root} [<!ENTITY e "x">]>',
        }[kind]
        if kind in ("internal-entity-used", "laughs") and part == CUSTOM:
            ref = "&e;" if kind == "internal-entity-used" else "&c;"
            body = body.replace("</Properties>",
                                '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="99" name="Ent">'
                                f"<vt:lpwstr>{ref}</vt:lpwstr></property></Properties>")
        text = "<?xml version=\"1.0\" encoding=\"@ENC@\" standalone=\"no\"?>\n" + dtd + "\n" + body
        if op == "dtd-in-utf16":
            enc = choose(data, ["UTF-16LE", "UTF-16BE", "UTF-32LE"], "dtd encoding")
            bom = draw(data, st.booleans(), "BOM")
            codec = {"UTF-16LE": "utf-16-le", "UTF-16BE": "utf-16-be", "UTF-32LE": "utf-32-le"}[enc]
            boms = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff", "utf-32-le": b"\xff\xfe\0\0"}
            blob = (boms[codec] if bom else b"") + text.replace("@ENC@", enc[:6]).encode(codec)
            what = f"{part} declares a DTD ({kind}), encoded {enc}{' with BOM' if bom else ''}"
        else:
            blob = text.replace("@ENC@", "UTF-8").encode("utf-8")
            what = f"{part} declares a DTD ({kind})"
    else:
        kind = choose(data, ["comment-pi-before-root", "cdata-values", "char-refs", "non-bmp", "nul-char-ref",
                             "single-quoted-declaration", "no-declaration", "standalone-no", "xml11"], "odd kind")
        body = _DECL.sub(b"", original)
        if kind == "comment-pi-before-root":
            blob = b'<?xml version="1.0" encoding="UTF-8"?>\n<!-- a comment --><?fuzz pi?>\n' + body
        elif kind == "cdata-values":
            blob = re.sub(rb"<vt:lpwstr>([^<]*)</vt:lpwstr>", rb"<vt:lpwstr><![CDATA[\1]]></vt:lpwstr>",
                          original)
        elif kind == "char-refs":
            blob = re.sub(rb'name="([A-Za-z])', rb'name="&#x41;\1', original, count=1)
        elif kind == "non-bmp":
            blob = original.replace(b"</", "<!-- 𝄞😀 -->".encode() + b"</", 1)
        elif kind == "nul-char-ref":
            blob = re.sub(rb">([^<]+)</", rb">\1&#0;</", original, count=1)
        elif kind == "single-quoted-declaration":
            blob = b"<?xml version='1.0' encoding='utf-8' standalone='yes'?>" + body
        elif kind == "no-declaration":
            blob = body
        elif kind == "standalone-no":
            blob = b'<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n' + body
        else:
            blob = b'<?xml version="1.1" encoding="UTF-8"?>\n' + body
        what = f"{part}: {kind}"
    e.set_content(blob)
    return _case(cls, sample, what, m.serialize())


# ====================================================================== size-limits

def _padded(xml: bytes, size: int, how: str) -> bytes:
    """`xml` grown to exactly `size` bytes (if it is smaller) by whitespace, a comment or a property."""
    body = xml
    close = body.rstrip().rfind(b"</")
    if close < 0:
        return body + b" " * max(0, size - len(body))
    need = size - len(body)
    if need <= 0:
        return body
    if how == "whitespace":
        filler = b" " * need
    elif how == "comment":
        filler = b"<!--" + b"p" * max(0, need - 7) + b"-->"
        filler = filler[:need] if len(filler) > need else filler
        if len(filler) < 7:
            filler = b" " * need
    else:  # a big property value (custom.xml), or whitespace elsewhere
        if b"custom-properties" in body:
            head = (b'<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="77" name="Big">'
                    b"<vt:lpwstr>")
            tail = b"</vt:lpwstr></property>"
            filler = head + b"b" * max(0, need - len(head) - len(tail)) + tail
            if len(filler) != need:
                filler = b" " * need
        else:
            filler = b" " * need
    return body[:close] + filler + body[close:]


def gen_size_limits(data) -> Case:
    cls = "size-limits"
    case = _as_is(data, cls)
    if case:
        return case
    sample, m = _model(data, samples.zip_samples())
    ooxml = _is_ooxml(sample)
    op = choose(data, ["metadata-near-limit", "declared-size-lies", "inflates-beyond-declared", "long-name",
                       "long-comment-and-extra", "many-members"], "operation")
    if ooxml and (op == "metadata-near-limit" or draw(data, st.booleans(), "with custom.xml")):
        ensure_custom(m)
    parts = [n for n in ([CUSTOM, LABELINFO, CT, RELS] if ooxml else ["meta.xml", "META-INF/manifest.xml"])
             if m.find(n)]
    part = choose(data, parts, "part")
    e = m.find(part)
    if op == "metadata-near-limit":
        offset = choose(data, [-4096, -1500, -600, -1, 0, 1, 4096], "size relative to 8 MiB")
        how = choose(data, ["whitespace", "comment", "property"], "padding")
        method = choose(data, [DEFLATED, STORED], "method")
        blob = _padded(e.content(), MB8 + offset, how)
        e.set_content(blob, method)
        what = (f"{part} padded ({how}) to 8 MiB{offset:+d} bytes ({len(blob):,}), "
                f"{'stored' if method == STORED else 'deflated'}")
    elif op == "declared-size-lies":
        field = choose(data, ["usize-small", "usize-huge", "csize-huge-central", "usize-zero"], "lie")
        if field == "usize-small":
            e.usize = e.l_usize = 10
        elif field == "usize-huge":
            e.usize = e.l_usize = 0xFFFFFFFE
        elif field == "csize-huge-central":
            e.csize = 0x7FFFFFFF
        else:
            e.usize = e.l_usize = 0
        what = f"{part}: declared size lies ({field})"
    elif op == "inflates-beyond-declared":
        size = choose(data, [MB8 + 1, 64 * 1024 * 1024], "real size")
        blob = _padded(e.content(), size, "whitespace")
        e.set_content(blob, DEFLATED)
        e.usize = e.l_usize = len(e.content()) if False else 1000
        what = f"{part} inflates to {size:,} bytes but declares 1,000"
    elif op == "long-name":
        n = choose(data, [255, 4096, 0xFFFF - 1], "name length")
        name = ("x/" * (n // 2))[:n - 4] + ".xml"
        m.entries.append(new_entry(name, b"<x/>"))
        what = f"a member with a {len(name):,}-character name"
    elif op == "long-comment-and-extra":
        m.comment = b"c" * 0xFFFF
        t = next(x for x in m.entries if x.text_name not in METADATA)
        t.l_extra = struct.pack("<HH", 0xCAFE, 0xFFFF - 4) + b"e" * (0xFFFF - 4)
        t.extra = struct.pack("<HH", 0xCAFE, 0xFFFF - 4) + b"e" * (0xFFFF - 4)
        what = f"65,535-byte archive comment and 65,535-byte extra fields on {t.text_name}"
    else:
        total = choose(data, [1000, 0xFFFE, 0xFFFF], "member count")
        add = total - len(m.entries)
        proto = new_entry("fill/0.bin", b"")
        for i in range(add):
            x = proto.clone()
            x.name = x.local_name = f"fill/{i}.bin".encode()
            m.entries.append(x)
        what = f"{add:,} empty members added ({total:,} in all)"
    return _case(cls, sample, what, m.serialize())
