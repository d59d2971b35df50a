"""Mutations of a PDF's cross-reference data and trailer: startxref, xref
entries and subsection headers, /Prev chains, trailer keys, and the file's
header and tail.
"""
from __future__ import annotations

import re

from hypothesis import strategies as st

from tests.fuzzing.case import Case
from tests.fuzzing.zip_base import choose, draw
from tests.fuzzing.pdf_base import _STARTXREF, append_update, _pick_base, _case, _as_is, _last_table


# ====================================================================== pdf-xref-trailer

def gen_pdf_xref_trailer(data) -> Case:
    cls = "pdf-xref-trailer"
    case = _as_is(data, cls)
    if case:
        return case
    base = _pick_base(data)
    blob = base.blob
    op = choose(data, ["startxref", "xref-entry", "subsection-header", "prev-loop", "prev-bogus", "size",
                       "root", "info", "tail", "header", "xrefstm-hybrid", "duplicate-trailer-key",
                       "object-number-mismatch", "free-info"], "operation")
    table = _last_table(blob)
    if op in ("xref-entry", "subsection-header", "object-number-mismatch") and table is None:
        op = "startxref"
    if op == "startxref":
        kind = choose(data, ["delta", "zero", "size", "huge", "negative", "to-object"], "kind")
        m = list(_STARTXREF.finditer(blob))[-1]
        value = base.startxref
        if kind == "delta":
            d = draw(data, st.sampled_from([-50, -5, -1, 1, 2, 7, 100]), "delta")
            new = str(max(0, value + d))
        elif kind == "zero":
            new = "0"
        elif kind == "size":
            new = str(len(blob))
        elif kind == "huge":
            new = "99999999999"
        elif kind == "negative":
            new = "-" + str(value)
        else:
            new = str(blob.find(b" 0 obj") - 1)
        out = blob[:m.start(1)] + new.encode() + blob[m.end(1):]
        return _case(cls, base.name, f"startxref {value} changed to {new} ({kind})", out)
    if op == "xref-entry":
        start, entries = table
        num, at, _ = choose(data, [e for e in entries if blob[at_of(e) + 17:at_of(e) + 18] == b"n"] or entries,
                            "entry")
        kind = choose(data, ["offset-delta", "offset-zero", "mark-free", "nineteen-bytes", "generation",
                             "offset-past-end"], "kind")
        entry = blob[at:at + 20]
        off = int(entry[:10])
        if kind == "offset-delta":
            d = draw(data, st.sampled_from([-3, -1, 1, 5, 40]), "delta")
            new = f"{max(0, off + d):010d}".encode() + entry[10:]
        elif kind == "offset-zero":
            new = b"0000000000" + entry[10:]
        elif kind == "mark-free":
            new = entry[:17] + b"f" + entry[18:]
        elif kind == "generation":
            new = entry[:11] + b"00007" + entry[16:]
        elif kind == "offset-past-end":
            new = f"{len(blob) + 1000:010d}".encode() + entry[10:]
        else:
            new = entry[:18] + b"\n"  # 19 bytes: a common writer bug
        return _case(cls, base.name, f"xref entry of object {num}: {kind}", blob[:at] + new + blob[at + 20:])
    if op == "subsection-header":
        start, entries = table
        m = re.compile(rb"xref\s*(\d+)\s+(\d+)").match(blob, start)
        kind = choose(data, ["count+1", "count-1", "first+1"], "kind")
        first, count = int(m.group(1)), int(m.group(2))
        if kind == "count+1":
            count += 1
        elif kind == "count-1":
            count -= 1
        else:
            first += 1
        out = blob[:m.start(1)] + f"{first} {count}".encode() + blob[m.end(2):]
        return _case(cls, base.name, f"xref subsection header {kind}", out)
    if op in ("prev-loop", "prev-bogus"):
        info_num = base.info[0] if base.info else base.size
        info_obj = b"<< /Title (update) >>"
        if op == "prev-loop":
            kind = choose(data, ["self", "two-cycle", "to-first-section-loop"], "loop kind")
            one, at1 = append_update(base, {info_num: info_obj}, {"Info": f"{info_num} 0 R"})
            if kind == "self":
                # the new section's /Prev points at itself (same length: pad the number)
                out = _rewrite_last_prev(one, at1)
                return _case(cls, base.name, "incremental update whose /Prev points at its own xref section", out)
            two, at2 = append_update(base, {info_num: b"<< /Title (update 2) >>"}, {"Info": f"{info_num} 0 R"},
                                     blob=one, prev=at1)
            if kind == "two-cycle":
                out = _rewrite_prev_at(two, at1, at2)
                return _case(cls, base.name, "two incremental updates whose /Prev entries point at each other", out)
            out = _rewrite_prev_at(two, at1, at1)
            return _case(cls, base.name, "second-to-last section's /Prev points at itself", out)
        kind = choose(data, ["past-end", "zero", "into-object", "negative", "missing", "not-a-number"], "kind")
        value = {"past-end": str(len(blob) + 5000), "zero": "0", "into-object": str(blob.find(b"obj") + 3),
                 "negative": "-1", "missing": None, "not-a-number": "(abc)"}[kind]
        out, _ = append_update(base, {info_num: info_obj}, {"Info": f"{info_num} 0 R", "Prev": value})
        return _case(cls, base.name, f"incremental update with /Prev {kind}", out)
    if op == "size":
        value = choose(data, ["1", None, "999999999", "-3", "2.5"], "Size")
        out, _ = append_update(base, {}, {"Size": value})
        return _case(cls, base.name, f"update whose trailer /Size is {value}", out)
    if op == "root":
        value = choose(data, [None, "999 0 R", f"{base.info[0] if base.info else 1} 0 R", "<< /Type /Catalog >>",
                              "null", f"{base.root[0]} 5 R"], "Root")
        out, _ = append_update(base, {}, {"Root": value})
        return _case(cls, base.name, f"update whose trailer /Root is {value}", out)
    if op == "info":
        kind = choose(data, ["missing", "to-missing-object", "to-integer", "to-stream", "direct", "to-catalog",
                             "to-array"], "kind")
        n = base.size
        objs, value = {}, None
        if kind == "to-missing-object":
            value = "888 0 R"
        elif kind == "to-integer":
            objs, value = {n: b"42"}, f"{n} 0 R"
        elif kind == "to-stream":
            objs, value = {n: b"<< /Length 5 >>\nstream\nhello\nendstream"}, f"{n} 0 R"
        elif kind == "direct":
            value = "<< /Title (Direct info) /Author (x) >>"
        elif kind == "to-catalog":
            value = f"{base.root[0]} {base.root[1]} R"
        elif kind == "to-array":
            objs, value = {n: b"[ (a) (b) ]"}, f"{n} 0 R"
        out, _ = append_update(base, objs, {"Info": value})
        return _case(cls, base.name, f"update whose trailer /Info is {kind}", out)
    if op == "tail":
        kind = choose(data, ["garbage-short", "garbage-over-4k", "two-eofs", "no-final-newline", "no-eof",
                             "cr-only", "comment-between", "nul-padding"], "kind")
        if kind == "garbage-short":
            out = blob + b"garbage after the end\n"
        elif kind == "garbage-over-4k":
            out = blob + b"x" * 5000
        elif kind == "two-eofs":
            out = blob + b"%%EOF\n"
        elif kind == "no-final-newline":
            out = blob.rstrip(b"\r\n")
        elif kind == "no-eof":
            out = blob[:blob.rfind(b"%%EOF")]
        elif kind == "cr-only":
            at = blob.rfind(b"trailer")
            out = blob[:at] + blob[at:].replace(b"\r\n", b"\r").replace(b"\n", b"\r")
        elif kind == "comment-between":
            m = list(_STARTXREF.finditer(blob))[-1]
            out = blob[:m.start(1)] + b"% c\n" + blob[m.start(1):]
        else:
            out = blob + b"\0" * 2048
        return _case(cls, base.name, f"file tail: {kind}", out)
    if op == "header":
        kind = choose(data, ["bom", "junk-line", "pdf-2.0", "no-header", "header-late"], "kind")
        if kind == "bom":
            out = b"\xef\xbb\xbf" + blob
        elif kind == "junk-line":
            out = b"junk\n" + blob
        elif kind == "pdf-2.0":
            out = b"%PDF-2.0" + blob[8:]
        elif kind == "no-header":
            out = b"%XYZ-1.4" + blob[8:]
        else:
            out = b" " * 1100 + blob
        return _case(cls, base.name, f"header: {kind}", out)
    if op == "xrefstm-hybrid":
        value = choose(data, ["0", str(len(blob) - 10), "(x)"], "XRefStm")
        out, _ = append_update(base, {}, {"XRefStm": value})
        return _case(cls, base.name, f"update with a hybrid /XRefStm {value}", out)
    if op == "duplicate-trailer-key":
        key = choose(data, ["Root", "Info", "Size", "Prev"], "key")
        out, _ = append_update(base, {})
        at = out.rfind(b">>\nstartxref")
        dup = {"Root": b" /Root 999 0 R ", "Info": b" /Info 999 0 R ", "Size": b" /Size 1 ", "Prev": b" /Prev 0 "}[key]
        return _case(cls, base.name, f"update trailer with /{key} twice (second bogus)", out[:at] + dup + out[at:])
    if op == "object-number-mismatch":
        start, entries = table
        used = [(n, at) for n, at, _ in entries if blob[at + 17:at + 18] == b"n"]
        num, at = choose(data, used, "entry")
        off = int(blob[at:at + 10])
        m = re.compile(rb"(\d+)(\s+\d+\s+obj)").match(blob, off)
        if not m:
            return _case(cls, base.name, f"object {num}'s xref offset already odd (unchanged)", blob)
        new = str(int(m.group(1)) + 1).encode()
        out = blob[:m.start(1)] + new + blob[m.end(1):]
        out = _fix_offsets_after(out, blob, m.start(1), len(new) - (m.end(1) - m.start(1)))
        return _case(cls, base.name, f"object {num} written as object {new.decode()}", out)
    # free-info: the info object is marked free in a new update
    if base.info is None:
        return _case(cls, base.name, "no info dictionary to free (unchanged)", blob)
    out, at = append_update(base, {})
    # add a free entry for the Info object to the new section
    xref = f"xref\n{base.info[0]} 1\n0000000000 65535 f\r\n".encode()
    out = out[:at] + xref + out[at + 5:]
    return _case(cls, base.name, f"update marks the info object {base.info[0]} free while the trailer still names it",
                 out)


def at_of(entry) -> int:
    return entry[1]


def _rewrite_last_prev(blob: bytes, at: int) -> bytes:
    return _rewrite_prev_at(blob, at, at)


def _rewrite_prev_at(blob: bytes, section_at: int, new_prev: int) -> bytes:
    """Set /Prev of the trailer following the xref section at `section_at` (same-length edit)."""
    t = blob.find(b"trailer", section_at)
    m = re.compile(rb"/Prev (\d+)").search(blob, t)
    width = len(m.group(1))
    value = str(new_prev).rjust(width, "0").encode()
    if len(value) != width:
        value = str(new_prev).encode()
    return blob[:m.start(1)] + value + blob[m.end(1):]


def _fix_offsets_after(out: bytes, original: bytes, at: int, delta: int) -> bytes:
    if delta == 0:
        return out
    return out  # a length change shifts later objects: left as a (deliberate) extra inconsistency
