"""Building blocks for PDF mutants: a base sample, an incremental update written
by hand, and the entries of the last cross-reference table.
"""
from __future__ import annotations

import io
import re

from hypothesis import strategies as st

from tests.fuzzing import samples
from tests.fuzzing.case import Case
from tests.fuzzing.zip_base import choose, draw


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
