"""Structural mutations of PDF files: cross-reference data and trailer,
encryption dictionaries, XMP metadata packets.

Most mutations append an incremental update written here by hand (objects,
a classic xref table, a trailer), so a mutant is a real PDF whose *last*
revision is odd in exactly one way; others edit the last xref section or
the file's tail in place.
"""
from __future__ import annotations

import io
import re
import zlib

from hypothesis import strategies as st

from tests.fuzzing import samples
from tests.fuzzing.contract import Case
from tests.fuzzing.zip_mutators import choose, draw

MB8 = 8 * 1024 * 1024
_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF")


class Base:
    """What an update needs to know about a PDF: its trailer and objects."""

    def __init__(self, name: str, blob: bytes):
        from pypdf import PdfReader
        from pypdf.generic import IndirectObject

        self.name, self.blob = name, blob
        reader = PdfReader(io.BytesIO(blob), strict=False)
        self.reader = reader
        trailer = reader.trailer
        root = trailer.raw_get("/Root")
        self.root = (root.idnum, root.generation)
        info = trailer.raw_get("/Info") if "/Info" in trailer else None
        self.info = (info.idnum, info.generation) if isinstance(info, IndirectObject) else None
        self.size = int(trailer.get("/Size", 0))
        self.startxref = int(list(_STARTXREF.finditer(blob))[-1].group(1))
        self.catalog = reader.trailer["/Root"].get_object()
        self.has_id = "/ID" in trailer
        self.encrypted = "/Encrypt" in trailer

    def catalog_bytes(self, **changes: str | None) -> bytes:
        """The document catalog re-serialized, with entries changed (None removes)."""
        out = io.BytesIO()
        parts = []
        for key in self.catalog:
            if key[1:] in changes:
                continue
            buf = io.BytesIO()
            self.catalog.raw_get(key).write_to_stream(buf)
            parts.append(f"{key} ".encode() + buf.getvalue())
        for key, value in changes.items():
            if value is not None:
                parts.append(f"/{key} {value}".encode())
        out.write(b"<< " + b"\n".join(parts) + b" >>")
        return out.getvalue()


def append_update(base: Base, objects: dict[int, bytes], trailer: dict[str, str | None] | None = None,
                  blob: bytes | None = None, prev: int | None = None) -> tuple[bytes, int]:
    """`blob` (default: the base) with one more revision; returns (bytes, offset of its xref)."""
    out = bytearray(base.blob if blob is None else blob)
    if not out.endswith((b"\n", b"\r")):
        out += b"\n"
    offsets = {}
    for num, body in objects.items():
        offsets[num] = len(out)
        out += f"{num} 0 obj\n".encode() + body + b"\nendobj\n"
    xref_at = len(out)
    out += b"xref\n"
    for num in sorted(offsets):
        out += f"{num} 1\n{offsets[num]:010d} 00000 n\r\n".encode()
    size = max([base.size, *(n + 1 for n in objects)])
    entries = {"Size": str(size), "Root": f"{base.root[0]} {base.root[1]} R",
               "Prev": str(base.startxref if prev is None else prev)}
    if base.info:
        entries["Info"] = f"{base.info[0]} {base.info[1]} R"
    if base.has_id:
        buf = io.BytesIO()
        base.reader.trailer.raw_get("/ID").write_to_stream(buf)
        entries["ID"] = buf.getvalue().decode("latin-1")
    for key, value in (trailer or {}).items():
        if value is None:
            entries.pop(key, None)
        else:
            entries[key] = value
    body = " ".join(f"/{k} {v}" for k, v in entries.items())
    out += f"trailer\n<< {body} >>\nstartxref\n{xref_at}\n%%EOF\n".encode("latin-1")
    return bytes(out), xref_at


def _pick_base(data, encrypted_too: bool = False) -> Base:
    pool = samples.pdf_structures()
    name = choose(data, sorted(pool), "PDF sample")
    return Base(name, pool[name])


def _case(cls: str, base_name: str, what: str, blob: bytes) -> Case:
    file_name = base_name.split(":")[-1]
    return Case(cls, base_name, what, blob, file_name)


def _as_is(data, cls: str) -> Case | None:
    pool = samples.corpus_as_is(cls)
    if pool and draw(data, st.integers(0, 9), "as-is?") == 0:
        sample = choose(data, pool, "real-world file")
        return Case(cls, sample, "real-world file, unmodified", samples.load(sample), samples.file_name(sample))
    return None


def _last_table(blob: bytes) -> tuple[int, list[tuple[int, int, int]]] | None:
    """(startxref, [(object number, entry offset in file, entry length)]) of a classic last section."""
    start = int(list(_STARTXREF.finditer(blob))[-1].group(1))
    if not blob[start:start + 4] == b"xref":
        return None
    pos, entries = start + 4, []
    while True:
        m = re.compile(rb"\s*(\d+)\s+(\d+)\s*?(\r\n|\r|\n)").match(blob, pos)
        if not m:
            break
        first, count = int(m.group(1)), int(m.group(2))
        pos = m.end()
        for i in range(count):
            entries.append((first + i, pos, 20))
            pos += 20
    return start, entries


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


# ====================================================================== pdf-encrypt

def gen_pdf_encrypt(data) -> Case:
    cls = "pdf-encrypt"
    case = _as_is(data, cls)
    if case:
        return case
    enc = samples.pdf_encrypted()
    if enc and draw(data, st.integers(0, 3), "really encrypted?") == 0:
        name = choose(data, sorted(enc), "encrypted sample")
        return _case(cls, name, "encrypted by qpdf (unmodified)", enc[name])
    base = _pick_base(data)
    flt = choose(data, ["/Standard", "/Adobe.PubSec", "/FooBar", None, "/Standard /Standard"], "Filter")
    v = choose(data, [None, 0, 1, 2, 4, 5, 6, 99], "V")
    r = choose(data, [None, 2, 3, 4, 5, 6, 7], "R")
    extras = choose(data, ["", "/CF << /StdCF << /CFM /AESV2 /Length 16 >> >> /StmF /StdCF /StrF /StdCF",
                           "/CF << /StdCF << /CFM /Foo >> >> /StmF /StdCF /StrF /StdCF",
                           "/StmF /Identity /StrF /Identity", "/EncryptMetadata false",
                           "/CF << /StdCF << /CFM /None >> >> /StmF /StdCF /StrF /Identity",
                           "/SubFilter /adbe.pkcs7.s5 /Recipients [ <00> ]", "/Length 12345"], "extras")
    ou = choose(data, ["proper", "short", "missing"], "O and U")
    parts = []
    if flt:
        parts.append(f"/Filter {flt}")
    if v is not None:
        parts.append(f"/V {v}")
    if r is not None:
        parts.append(f"/R {r}")
    if ou == "proper":
        parts.append("/O <" + "ab" * 32 + "> /U <" + "cd" * 32 + "> /P -3904")
    elif ou == "short":
        parts.append("/O <abcd> /U <> /P 0")
    parts.append(extras)
    enc_dict = ("<< " + " ".join(p for p in parts if p) + " >>").encode()
    where = choose(data, ["indirect", "direct", "missing-object", "null", "to-integer"], "Encrypt form")
    n = base.size
    objs, value = {}, None
    if where == "indirect":
        objs, value = {n: enc_dict}, f"{n} 0 R"
    elif where == "direct":
        value = enc_dict.decode()
    elif where == "missing-object":
        value = "777 0 R"
    elif where == "null":
        value = "null"
    else:
        objs, value = {n: b"7"}, f"{n} 0 R"
    trailer = {"Encrypt": value}
    if not base.has_id and draw(data, st.booleans(), "add ID"):
        trailer["ID"] = "[<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]"
    out, _ = append_update(base, objs, trailer)
    return _case(cls, base.name, f"update adds /Encrypt ({where}) {enc_dict.decode()}", out)


# ====================================================================== pdf-xmp

_XMP = ('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:pdfx="http://ns.adobe.com/pdfx/1.3/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">'
        '<pdfx:MSIP_Label_8a4e2f6b-3c1d-4e5f-9a7b-6c5d4e3f2a1b_Enabled>true</pdfx:MSIP_Label_8a4e2f6b-3c1d-4e5f-9a7b-6c5d4e3f2a1b_Enabled>'
        '<pdfx:MSIP_Label_8a4e2f6b-3c1d-4e5f-9a7b-6c5d4e3f2a1b_SiteId>0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0</pdfx:MSIP_Label_8a4e2f6b-3c1d-4e5f-9a7b-6c5d4e3f2a1b_SiteId>'
        '<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Ünïcødé 日本</rdf:li></rdf:Alt></dc:title>'
        '</rdf:Description></rdf:RDF></x:xmpmeta>\n<?xpacket end="w"?>')


def _ascii_hex(b: bytes) -> bytes:
    return b.hex().encode() + b">"


def _lzw(data: bytes) -> bytes:
    """A minimal LZW (PDF flavour, early change) encoder."""
    table = {bytes([i]): i for i in range(256)}
    next_code, width, bits, nbits = 258, 9, 0, 0
    out = bytearray()

    def emit(code: int) -> None:
        nonlocal bits, nbits
        bits = (bits << width) | code
        nbits += width
        while nbits >= 8:
            nbits -= 8
            out.append((bits >> nbits) & 0xFF)

    emit(256)
    w = b""
    for byte in data:
        wc = w + bytes([byte])
        if wc in table:
            w = wc
            continue
        emit(table[w])
        table[wc] = next_code
        next_code += 1
        if next_code + 1 >= (1 << width) and width < 12:
            width += 1
        if next_code >= 4094:
            emit(256)
            table = {bytes([i]): i for i in range(256)}
            next_code, width = 258, 9
        w = bytes([byte])
    if w:
        emit(table[w])
    emit(257)
    if nbits:
        out.append((bits << (8 - nbits)) & 0xFF)
    return bytes(out)


def gen_pdf_xmp(data) -> Case:
    cls = "pdf-xmp"
    case = _as_is(data, cls)
    if case:
        return case
    base = _pick_base(data)
    existing = None
    if "/Metadata" in base.catalog:
        try:
            existing = base.catalog["/Metadata"].get_object().get_data()
        except Exception:
            existing = None
    text = choose(data, ["ours", "existing"] if existing else ["ours"], "packet source")
    packet = _XMP.encode("utf-8") if text == "ours" else existing
    op = choose(data, ["encoding", "dtd", "huge", "length", "filter", "not-a-stream", "malformed"], "operation")
    what = ""
    length_override = None
    filters = None
    payload = packet
    if op == "encoding":
        enc = choose(data, ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "utf-8-bom"], "encoding")
        bom = draw(data, st.booleans(), "BOM")
        decl = draw(data, st.booleans(), "xml declaration")
        s = packet.decode("utf-8")
        if decl:
            declared = choose(data, ["matching", "UTF-8", "UTF-16", "ISO-8859-1"], "declared encoding")
            name = enc.upper().replace("-BOM", "") if declared == "matching" else declared
            s = f'<?xml version="1.0" encoding="{name}"?>' + s
        if enc == "utf-8-bom":
            payload = (b"\xef\xbb\xbf" if bom else b"") + s.encode("utf-8")
        else:
            boms = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff", "utf-32-le": b"\xff\xfe\0\0",
                    "utf-32-be": b"\0\0\xfe\xff"}
            payload = (boms[enc] if bom else b"") + s.encode(enc)
        what = f"XMP packet in {enc}{' with BOM' if bom else ''}" + (f", XML declaration says {name}" if decl else "")
    elif op == "dtd":
        kind = choose(data, ["internal-entity", "external", "laughs", "utf16-internal", "lowercase"], "dtd kind")
        s = packet.decode("utf-8")
        dtd = {"internal-entity": '<!DOCTYPE x:xmpmeta [<!ENTITY e "entity">]>',
               "external": '<!DOCTYPE x:xmpmeta SYSTEM "file:///etc/passwd">',
               "laughs": '<!DOCTYPE x:xmpmeta [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
               "utf16-internal": '<!DOCTYPE x:xmpmeta [<!ENTITY e "entity">]>',
               "lowercase": "<!doctype x:xmpmeta>"}[kind]
        at = s.find("<x:xmpmeta")
        s = s[:at] + dtd + "\n" + s[at:]
        if kind in ("internal-entity", "utf16-internal", "laughs"):
            s = s.replace(">true<", ">&e;<" if kind != "laughs" else ">&b;<", 1)
        payload = s.encode("utf-16-le" if kind == "utf16-internal" else "utf-8")
        if kind == "utf16-internal":
            payload = b"\xff\xfe" + payload
        what = f"XMP packet with a DTD ({kind})"
    elif op == "huge":
        target = choose(data, [MB8 - 4096, MB8 - 1, MB8, MB8 + 1, 3 * MB8], "size")
        compress = draw(data, st.booleans(), "compressed")
        s = packet
        at = s.rfind(b"</x:xmpmeta>")
        if at < 0:
            at = len(s)
        pad = max(0, target - len(s))
        payload = s[:at] + b" " * pad + s[at:]
        if compress:
            filters = "/FlateDecode"
        what = f"XMP packet of {len(payload):,} bytes{' (Flate-compressed)' if compress else ''}"
    elif op == "length":
        kind = choose(data, ["short", "long", "indirect-missing", "negative", "huge-declared", "indirect-ok"],
                      "length kind")
        length_override = {"short": str(len(payload) - 10), "long": str(len(payload) + 10),
                           "indirect-missing": "999 0 R", "negative": "-1", "huge-declared": str(MB8 * 4),
                           "indirect-ok": "LENGTH_REF"}[kind]
        what = f"XMP stream /Length {kind}"
    elif op == "filter":
        kind = choose(data, ["flate", "flate-garbage", "ascii-hex", "hex-then-flate", "lzw", "dct", "unknown",
                             "crypt", "flate-with-predictor", "flate-bomb", "run-length"], "filter kind")
        if kind == "flate":
            filters = "/FlateDecode"
        elif kind == "flate-garbage":
            filters, payload = "/FlateDecode", b"\x78\x9cnot really deflate data"
        elif kind == "ascii-hex":
            filters, payload = "/ASCIIHexDecode", _ascii_hex(packet)
        elif kind == "hex-then-flate":
            filters, payload = "[ /ASCIIHexDecode /FlateDecode ]", _ascii_hex(zlib.compress(packet))
        elif kind == "lzw":
            filters, payload = "/LZWDecode", _lzw(packet)
        elif kind == "dct":
            filters = "/DCTDecode"
        elif kind == "unknown":
            filters = "/FooDecode"
        elif kind == "crypt":
            filters = "/Crypt"
        elif kind == "flate-with-predictor":
            filters = "/FlateDecode /DecodeParms << /Predictor 12 /Columns 4 >>"
        elif kind == "run-length":
            filters = "/RunLengthDecode"
            payload = b"".join(bytes([len(packet[i:i + 128]) - 1]) + packet[i:i + 128]
                               for i in range(0, len(packet), 128)) + b"\x80"
        else:  # a small stream inflating to 200 MB
            filters = "/FlateDecode"
            c = zlib.compressobj(9)
            payload = c.compress(b" " * (200 * 1024 * 1024)) + c.flush()
            payload = ("RAW", payload)
        what = f"XMP stream with filter {kind}"
    elif op == "not-a-stream":
        kind = choose(data, ["dict", "integer", "missing-object", "null", "array", "direct-dict"], "kind")
        n = base.size
        objs, value = {}, None
        if kind == "dict":
            objs, value = {n: b"<< /Type /Metadata /Subtype /XML >>"}, f"{n} 0 R"
        elif kind == "integer":
            objs, value = {n: b"12"}, f"{n} 0 R"
        elif kind == "missing-object":
            value = "555 0 R"
        elif kind == "null":
            value = "null"
        elif kind == "array":
            objs, value = {n: b"[ 1 2 3 ]"}, f"{n} 0 R"
        else:
            value = "<< /Type /Metadata >>"
        objs[base.root[0]] = base.catalog_bytes(Metadata=value)
        out, _ = append_update(base, objs)
        return _case(cls, base.name, f"catalog /Metadata is {kind}", out)
    else:
        kind = choose(data, ["truncated", "no-rdf", "rdf-root", "attribute-form", "not-xml", "empty",
                             "nested-alt", "two-descriptions"], "kind")
        s = packet.decode("utf-8", "replace")
        if kind == "truncated":
            s = s[: len(s) // 2]
        elif kind == "no-rdf":
            s = '<x:xmpmeta xmlns:x="adobe:ns:meta/"><other/></x:xmpmeta>'
        elif kind == "rdf-root":
            s = re.sub(r"(?s)^.*?(<rdf:RDF)", r"\1", s)
            s = re.sub(r"(?s)(</rdf:RDF>).*$", r"\1", s)
        elif kind == "attribute-form":
            s = ('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
                 '<rdf:Description rdf:about="" xmlns:pdfx="http://ns.adobe.com/pdfx/1.3/" '
                 'pdfx:MSIP_Label_8a4e2f6b-3c1d-4e5f-9a7b-6c5d4e3f2a1b_Enabled="true" pdfx:Other="x"/>'
                 '</rdf:RDF></x:xmpmeta>')
        elif kind == "not-xml":
            s = "this is not XML at all"
        elif kind == "empty":
            s = ""
        elif kind == "nested-alt":
            s = s.replace(">true<", "><rdf:Alt><rdf:li xml:lang=\"x-default\">true</rdf:li></rdf:Alt><", 1)
        else:
            s = s.replace("</rdf:RDF>", '<rdf:Description rdf:about="" xmlns:pdfx="http://ns.adobe.com/pdfx/1.3/">'
                                        "<pdfx:Labeler_Id>forged</pdfx:Labeler_Id></rdf:Description></rdf:RDF>")
        payload = s.encode("utf-8")
        what = f"XMP packet {kind}"
    raw = isinstance(payload, tuple)
    if raw:
        payload = payload[1]
    elif filters and filters.startswith("/FlateDecode") and "garbage" not in what:
        payload = zlib.compress(payload)
    n = base.size
    objs = {}
    length = str(len(payload))
    if length_override == "LENGTH_REF":
        objs[n + 1] = length.encode()
        length = f"{n + 1} 0 R"
    elif length_override is not None:
        length = length_override
    head = f"<< /Type /Metadata /Subtype /XML /Length {length}"
    if filters:
        head += f" /Filter {filters}"
    head += " >>\nstream\n"
    objs[n] = head.encode() + payload + b"\nendstream"
    objs[base.root[0]] = base.catalog_bytes(Metadata=f"{n} 0 R")
    out, _ = append_update(base, objs)
    return _case(cls, base.name, what, out)


# ====================================================================== byte-damage (all families)

def gen_byte_damage(data) -> Case:
    cls = "byte-damage"
    pool = samples.available(samples.OOXML + samples.ODF + samples.PDF)
    pool += samples.available(["realworld/testPDF.pdf", "realworld/49609.xlsx"])
    sample = choose(data, pool, "sample")
    blob = bytearray(samples.load(sample))
    size = len(blob)
    near_end = draw(data, st.booleans(), "near the end")
    lo = max(0, size - 2048) if near_end else 0
    pos = st.integers(lo, size - 1)
    op = choose(data, ["flip", "truncate", "insert", "delete", "zero-range", "duplicate-range"], "operation")
    if op == "flip":
        count = draw(data, st.integers(1, 8), "flips")
        where = []
        for _ in range(count):
            at = draw(data, pos, "position")
            bit = draw(data, st.integers(0, 7), "bit")
            blob[at] ^= 1 << bit
            where.append(f"{at}:{bit}")
        what = f"{count} bit flip(s) at {', '.join(where)}"
    elif op == "truncate":
        at = draw(data, pos, "cut")
        blob = blob[:at]
        what = f"truncated to {at} of {size} bytes"
    elif op == "insert":
        at = draw(data, pos, "position")
        junk = draw(data, st.binary(min_size=1, max_size=64), "bytes")
        blob[at:at] = junk
        what = f"{len(junk)} bytes {junk[:16].hex()}… inserted at {at}"
    elif op == "delete":
        at = draw(data, pos, "position")
        n = draw(data, st.integers(1, 64), "length")
        del blob[at:at + n]
        what = f"{n} bytes deleted at {at}"
    elif op == "zero-range":
        at = draw(data, pos, "position")
        n = draw(data, st.integers(1, 256), "length")
        blob[at:at + n] = b"\0" * len(blob[at:at + n])
        what = f"{n} bytes zeroed at {at}"
    else:
        at = draw(data, pos, "position")
        n = draw(data, st.integers(1, 256), "length")
        blob[at:at] = blob[at:at + n]
        what = f"{n} bytes at {at} duplicated in place"
    return Case(cls, sample, what, bytes(blob), samples.file_name(sample))
