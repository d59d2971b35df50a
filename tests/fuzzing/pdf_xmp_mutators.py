"""Mutations of a PDF's XMP metadata packet: its encoding, DTD, size, declared
length and stream filters, and packets that are not streams or not well formed.
"""
from __future__ import annotations

import re
import zlib

from hypothesis import strategies as st

from tests.fuzzing.case import Case
from tests.fuzzing.zip_base import choose, draw
from tests.fuzzing.pdf_base import MB8, append_update, _pick_base, _case, _as_is


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
