"""Mutations of the ZIP container itself: directory and end records, local
headers, extra fields, member order and duplicate member names.
"""
from __future__ import annotations

import struct
import zlib

from hypothesis import strategies as st

from tests.fuzzing import samples
from tests.fuzzing.case import Case
from tests.fuzzing.zipmodel import DEFLATED, DESCRIPTOR_SIG, END_SIG, STORED, central_record, new_entry
from tests.fuzzing.zip_base import CUSTOM, METADATA, _as_is, _case, _is_ooxml, _model, choose, draw, ensure_custom


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
