"""Mutations of a PDF's encryption dictionary, added in an incremental update.
"""
from __future__ import annotations

from hypothesis import strategies as st

from tests.fuzzing import samples
from tests.fuzzing.case import Case
from tests.fuzzing.zip_base import choose, draw
from tests.fuzzing.pdf_base import append_update, _pick_base, _case, _as_is


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
