"""Raw byte damage to any sample family: flipped bits, truncation, inserted,
deleted, zeroed or duplicated ranges.
"""
from __future__ import annotations

from hypothesis import strategies as st

from tests.fuzzing import samples
from tests.fuzzing.case import Case
from tests.fuzzing.zip_base import choose, draw


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
