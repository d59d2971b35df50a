"""Mutations of the XML parts' text: character encodings, declarations, DTDs
and entities, and part sizes around the limits.
"""
from __future__ import annotations

import re
import struct

from hypothesis import strategies as st

from tests.fuzzing import samples
from tests.fuzzing.case import Case
from tests.fuzzing.zipmodel import DEFLATED, STORED, new_entry
from tests.fuzzing.zip_base import (CT, CUSTOM, LABELINFO, MB8, METADATA, RELS, _as_is, _case, _is_ooxml, _model,
                                    choose, draw, ensure_custom)


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
