"""A ZIP archive as editable records, for structural mutation.

`ZipModel.parse` splits a well-formed sample into its local entries
(header fields, extra field, compressed data, whatever follows the data up
to the next entry, e.g. a data descriptor), its central records and its end
record.  `serialize` writes it back with freshly computed offsets and
counts, and every field can be overridden first, so a mutation can make one
record disagree with another without breaking the rest of the file.
"""
from __future__ import annotations

import copy
import struct
import zlib
from dataclasses import dataclass, field

LOCAL_SIG = b"PK\x03\x04"
CENTRAL_SIG = b"PK\x01\x02"
END_SIG = b"PK\x05\x06"
DESCRIPTOR_SIG = b"PK\x07\x08"
_LOCAL = struct.Struct("<4sHHHHHIIIHH")
_CENTRAL = struct.Struct("<4sHHHHHHIIIHHHHHII")
_END = struct.Struct("<4sHHHHIIH")
STORED, DEFLATED = 0, 8


def deflate(data: bytes, level: int = 6) -> bytes:
    c = zlib.compressobj(level, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


@dataclass
class Entry:
    name: bytes  # central record's name
    local_name: bytes
    data: bytes  # compressed bytes as stored
    after: bytes = b""  # bytes between the data and the next entry (data descriptor)
    # central record fields
    made_by: int = 20
    needed: int = 20
    flags: int = 0
    method: int = DEFLATED
    time: int = 0
    date: int = 0x21
    crc: int = 0
    csize: int = 0
    usize: int = 0
    extra: bytes = b""
    comment: bytes = b""
    disk: int = 0
    iattr: int = 0
    eattr: int = 0
    # local header fields
    l_needed: int = 20
    l_flags: int = 0
    l_method: int = DEFLATED
    l_time: int = 0
    l_date: int = 0x21
    l_crc: int = 0
    l_csize: int = 0
    l_usize: int = 0
    l_extra: bytes = b""
    # structural knobs
    offset_delta: int = 0  # added to the central record's local-header offset
    offset_override: int | None = None
    in_central: bool = True
    in_local: bool = True
    local_offset: int = field(default=0, compare=False)  # filled by serialize

    @property
    def text_name(self) -> str:
        return self.name.decode("utf-8" if self.flags & 0x800 else "cp437", "replace")

    def set_content(self, content: bytes, method: int | None = None) -> None:
        """Replace the member's uncompressed content, keeping both headers consistent."""
        method = self.method if method is None else method
        self.data = deflate(content) if method == DEFLATED else content
        self.method = self.l_method = method
        self.crc = self.l_crc = zlib.crc32(content)
        self.csize = self.l_csize = len(self.data)
        self.usize = self.l_usize = len(content)
        if self.flags & 0x8 or self.l_flags & 0x8:
            self.after = DESCRIPTOR_SIG + struct.pack("<III", self.crc, self.csize, self.usize)
            self.l_crc = self.l_csize = self.l_usize = 0
        else:
            self.after = b""

    def content(self) -> bytes:
        if self.method == DEFLATED:
            return zlib.decompressobj(-15).decompress(self.data)
        return self.data

    def clone(self) -> Entry:
        return copy.deepcopy(self)


def new_entry(name: str, content: bytes, method: int = DEFLATED) -> Entry:
    raw = name.encode("utf-8")
    flags = 0 if name.isascii() else 0x800
    e = Entry(name=raw, local_name=raw, data=b"", flags=flags, l_flags=flags)
    e.set_content(content, method)
    return e


@dataclass
class ZipModel:
    entries: list[Entry]
    prefix: bytes = b""  # before the first local header (a self-extractor stub)
    gap: bytes = b""  # between the last entry and the central directory
    comment: bytes = b""
    trailer: bytes = b""  # after the end record's comment
    central_order: list[int] | None = None  # indexes into entries; None = file order
    extra_central: list[bytes] = field(default_factory=list)  # raw records appended to the directory
    # end record overrides: callables (computed value -> value) or ints
    end_overrides: dict = field(default_factory=dict)
    prefix_counts_in_offsets: bool = True  # False: offsets relative to the stub (like `zip -A` not run)

    @classmethod
    def parse(cls, blob: bytes) -> ZipModel:
        pos = blob.rfind(END_SIG)
        if pos < 0:
            raise ValueError("no end record")
        _, _, _, _, count, cd_size, cd_offset, clen = _END.unpack_from(blob, pos)
        comment = blob[pos + 22: pos + 22 + clen]
        trailer = blob[pos + 22 + clen:]
        cd_start = pos - cd_size
        prefix_len = cd_start - cd_offset
        entries, at = [], cd_start
        offsets = []
        for _ in range(count):
            (sig, made, needed, flags, method, t, d, crc, cs, us, n, m, k, disk, ia, ea,
             off) = _CENTRAL.unpack_from(blob, at)
            assert sig == CENTRAL_SIG
            name = blob[at + 46: at + 46 + n]
            extra = blob[at + 46 + n: at + 46 + n + m]
            com = blob[at + 46 + n + m: at + 46 + n + m + k]
            at += 46 + n + m + k
            lo = off + prefix_len
            (lsig, lneed, lflags, lmeth, lt, ld, lcrc, lcs, lus, ln, lm) = _LOCAL.unpack_from(blob, lo)
            assert lsig == LOCAL_SIG
            lname = blob[lo + 30: lo + 30 + ln]
            lextra = blob[lo + 30 + ln: lo + 30 + ln + lm]
            dstart = lo + 30 + ln + lm
            e = Entry(name=name, local_name=lname, data=blob[dstart: dstart + cs], made_by=made, needed=needed,
                      flags=flags, method=method, time=t, date=d, crc=crc, csize=cs, usize=us, extra=extra,
                      comment=com, disk=disk, iattr=ia, eattr=ea, l_needed=lneed, l_flags=lflags,
                      l_method=lmeth, l_time=lt, l_date=ld, l_crc=lcrc, l_csize=lcs, l_usize=lus,
                      l_extra=lextra)
            e.local_offset = lo
            entries.append(e)
            offsets.append((lo, dstart + cs))
        # what follows each entry's data up to the next entry: descriptors
        order = sorted(range(len(entries)), key=lambda i: offsets[i][0])
        ends = [offsets[j][0] for j in order[1:]] + [cd_start]
        for i, nxt in zip(order, ends):
            entries[i].after = blob[offsets[i][1]: nxt]
        first = min([o[0] for o in offsets] + [cd_start])
        model = cls([entries[i] for i in order], prefix=blob[:first], comment=comment, trailer=trailer)
        if prefix_len == 0 and first:
            model.prefix_counts_in_offsets = True
        return model

    def clone(self) -> ZipModel:
        return copy.deepcopy(self)

    def find(self, name: str) -> Entry | None:
        return next((e for e in self.entries if e.text_name == name), None)

    def find_ci(self, name: str) -> Entry | None:
        return next((e for e in self.entries if e.text_name.lower() == name.lower()), None)

    def serialize(self) -> bytes:
        out = bytearray(self.prefix)
        base = 0 if self.prefix_counts_in_offsets else len(self.prefix)
        for e in self.entries:
            if not e.in_local:
                continue
            e.local_offset = len(out) - base
            out += _LOCAL.pack(LOCAL_SIG, e.l_needed, e.l_flags, e.l_method, e.l_time, e.l_date,
                               e.l_crc & 0xFFFFFFFF, e.l_csize & 0xFFFFFFFF, e.l_usize & 0xFFFFFFFF,
                               len(e.local_name), len(e.l_extra))
            out += e.local_name + e.l_extra + e.data + e.after
        out += self.gap
        cd_offset = len(out) - base
        order = self.central_order if self.central_order is not None else range(len(self.entries))
        records = 0
        for i in order:
            e = self.entries[i]
            if not e.in_central:
                continue
            off = e.offset_override if e.offset_override is not None else e.local_offset + e.offset_delta
            out += _CENTRAL.pack(CENTRAL_SIG, e.made_by, e.needed, e.flags, e.method, e.time, e.date,
                                 e.crc & 0xFFFFFFFF, e.csize & 0xFFFFFFFF, e.usize & 0xFFFFFFFF,
                                 len(e.name), len(e.extra), len(e.comment), e.disk, e.iattr, e.eattr,
                                 off & 0xFFFFFFFF)
            out += e.name + e.extra + e.comment
            records += 1
        for raw in self.extra_central:
            out += raw
            records += 1
        cd_size = len(out) - base - cd_offset
        values = {"disk": 0, "cd_disk": 0, "n_disk": records, "n_total": records, "cd_size": cd_size,
                  "cd_offset": cd_offset, "comment_len": len(self.comment)}
        for key, change in self.end_overrides.items():
            values[key] = change(values[key]) if callable(change) else change
        out += _END.pack(END_SIG, *(values[k] & (0xFFFFFFFF if k in ("cd_size", "cd_offset") else 0xFFFF)
                                    for k in ("disk", "cd_disk", "n_disk", "n_total", "cd_size", "cd_offset",
                                              "comment_len")))
        out += self.comment + self.trailer
        return bytes(out)


def central_record(e: Entry, offset: int) -> bytes:
    """A raw central record for `e` pointing at `offset` (for duplicated records)."""
    return _CENTRAL.pack(CENTRAL_SIG, e.made_by, e.needed, e.flags, e.method, e.time, e.date,
                         e.crc, e.csize, e.usize, len(e.name), len(e.extra), len(e.comment), e.disk,
                         e.iattr, e.eattr, offset) + e.name + e.extra + e.comment
