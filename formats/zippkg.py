"""A ZIP package read through its directory and rewritten losslessly.

Office and ODF documents are ZIP packages.  To change metadata we rewrite
only the metadata members; every other member is copied as its raw bytes
(local header, compressed data, data descriptor), so its compressed data is
identical before and after and the cost is one sequential copy.

The central directory is parsed here rather than through `zipfile`: reading
a label needs only names, sizes and offsets, and `labeler show` over a
folder of thousands of documents is dominated by that step.
"""
from __future__ import annotations

import struct
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Mapping

from .copying import ShortSource, copy_range
from .errors import CORRUPT, ENCRYPTED, TOO_LARGE, UNSUPPORTED, FormatError, from_os_error

# No metadata part is legitimately this large; refusing protects memory.
MAX_METADATA_BYTES = 8 * 1024 * 1024
_LOCAL_SIG = b"PK\x03\x04"
_CENTRAL_SIG = b"PK\x01\x02"
_END_SIG = b"PK\x05\x06"
_END = struct.Struct("<4sHHHHIIH")
_CENTRAL = struct.Struct("<4sHHHHHHIIIHHHHHII")
_ZIP32_LIMIT = 0xFFFFFFFF
STORED, DEFLATED = 0, 8


@dataclass(frozen=True)
class Member:
    """One entry of the central directory."""

    name: str
    flags: int
    method: int
    crc: int
    compress_size: int
    file_size: int
    header_offset: int  # absolute position of the local header in the file
    record: bytes  # the raw central directory record, copied on rewrite


class ZipPackage:
    """An open ZIP package: its directory, bounded member reads, raw rewriting."""

    def __init__(self, path: Path):
        self.path = Path(path)
        try:
            self._file = open(self.path, "rb")
        except OSError as exc:
            raise from_os_error(exc, self.path.name) from None
        try:
            self._read_directory()
        except OSError as exc:
            self._file.close()
            raise from_os_error(exc, self.path.name) from None
        except BaseException:
            self._file.close()
            raise
        self._by_name = {m.name: m for m in self.members}
        self._lower = None

    def _damaged(self, why: str) -> FormatError:
        return FormatError(CORRUPT, f"{self.path.name} is damaged or truncated: {why}.")

    def _read_directory(self) -> None:
        f = self._file
        size = f.seek(0, 2)
        tail_len = min(size, 0xFFFF + _END.size)
        f.seek(size - tail_len)
        tail = f.read(tail_len)
        pos = tail.rfind(_END_SIG)
        if pos < 0 or pos + _END.size > len(tail):
            raise self._damaged("its ZIP directory is missing")
        _, disk, cd_disk, _, count, cd_size, cd_offset, comment_len = _END.unpack_from(tail, pos)
        if count == 0xFFFF or cd_size == _ZIP32_LIMIT or cd_offset == _ZIP32_LIMIT:
            raise FormatError(TOO_LARGE, f"{self.path.name} is a ZIP64 package (over 4 GB or 65,535 parts); "
                                         "this is not supported yet.")
        if disk or cd_disk:
            raise self._damaged("it is one part of a multi-volume archive")
        end_offset = size - tail_len + pos
        # Bytes prepended to the archive (e.g. a self-extractor stub) shift every offset.
        self._prefix = end_offset - cd_size - cd_offset
        if self._prefix < 0:
            raise self._damaged("its ZIP directory points outside the file")
        self.comment = tail[pos + _END.size: pos + _END.size + comment_len]
        self.directory_start = cd_offset + self._prefix
        f.seek(self.directory_start)
        directory = f.read(cd_size)
        if len(directory) < cd_size:
            raise self._damaged("its ZIP directory is cut short")
        members, at = [], 0
        for _ in range(count):
            if directory[at:at + 4] != _CENTRAL_SIG or at + 46 > len(directory):
                raise self._damaged("its ZIP directory is inconsistent")
            (_, _, _, flags, method, _, _, crc, csize, usize, n, m, k, _, _, _, offset) = \
                _CENTRAL.unpack_from(directory, at)
            end = at + 46 + n + m + k
            raw_name = directory[at + 46: at + 46 + n]
            name = raw_name.decode("utf-8" if flags & 0x800 else "cp437", "replace")
            if max(csize, usize, offset) == _ZIP32_LIMIT:
                raise FormatError(TOO_LARGE, f"{self.path.name} is a ZIP64 package; this is not supported yet.")
            members.append(Member(name, flags, method, crc, csize, usize, offset + self._prefix,
                                  directory[at:end]))
            at = end
        self.members = members

    # -- reading -----------------------------------------------------------
    def __enter__(self) -> "ZipPackage":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._file.close()

    def names(self) -> list[str]:
        return [m.name for m in self.members]

    def has(self, name: str) -> bool:
        return name in self._by_name

    def find(self, name: str) -> str | None:
        """The member name matching `name` case-insensitively (OPC part names are)."""
        if name in self._by_name:
            return name
        if self._lower is None:
            self._lower = {n.lower(): n for n in reversed(self.names())}
        return self._lower.get(name.lower())

    def read(self, name: str, limit: int = MAX_METADATA_BYTES) -> bytes:
        """Read a (small) member, refusing sizes that no metadata part has."""
        member = self._by_name[name]
        what = f"{name} in {self.path.name}"
        if member.flags & 0x1:
            raise FormatError(ENCRYPTED, f"{what} is encrypted.")
        if member.file_size > limit or member.compress_size > limit + 1024:
            raise FormatError(TOO_LARGE, f"{what} claims {member.file_size:,} bytes, far more than any "
                                         "metadata part; the file was left alone.")
        self._file.seek(member.header_offset)
        header = self._file.read(30)
        if len(header) < 30 or header[:4] != _LOCAL_SIG:
            raise FormatError(CORRUPT, f"{what} is missing from the package; the file is damaged.")
        n, m = struct.unpack_from("<HH", header, 26)
        self._file.seek(member.header_offset + 30 + n + m)
        data = self._file.read(member.compress_size)
        if len(data) < member.compress_size:
            raise FormatError(CORRUPT, f"{what} is cut short; the file is truncated.")
        if member.method == DEFLATED:
            inflater = zlib.decompressobj(-15)
            try:
                # The declared size may lie: never inflate more than the limit.
                data = inflater.decompress(data, limit + 1)
            except zlib.error as exc:
                raise FormatError(CORRUPT, f"{what} is damaged ({exc}).") from None
            if len(data) > limit or inflater.unconsumed_tail:
                raise FormatError(TOO_LARGE, f"{what} inflates to more than {limit:,} bytes; "
                                             "the file was left alone.")
        elif member.method != STORED:
            raise FormatError(UNSUPPORTED, f"{what} uses a compression method ({member.method}) that Office "
                                           "and LibreOffice do not write.")
        if zlib.crc32(data) != member.crc:
            raise FormatError(CORRUPT, f"{what} is damaged (checksum mismatch).")
        return data

    def parse_xml(self, name: str):
        """A metadata member parsed safely; errors name the member and the file."""
        from . import safexml

        return safexml.parse(self.read(name), f"{name} in {self.path.name}")

    # -- rewriting ---------------------------------------------------------
    def rewrite(self, out: BinaryIO, changes: Mapping[str, bytes | None]) -> None:
        """Write the package to `out` with `changes` applied.

        `changes` maps member names to new content (replace or add) or None
        (delete).  Members keep their order; new ones are appended.  All
        other members, and any bytes before the first one, are copied byte
        for byte.
        """
        extents = self._raw_extents()
        self._copy_range(out, 0, min([m.header_offset for m in self.members] + [self.directory_start]))
        central: list[bytes] = []
        for member in self.members:
            if member.name in changes:
                data = changes[member.name]
                if data is not None:
                    central.append(_write_member(out, member.name, data, member.method))
                continue
            offset = out.tell()
            start, end = extents[member.name]
            self._copy_range(out, start, end)
            central.append(member.record[:42] + struct.pack("<I", offset) + member.record[46:])
        for name, data in changes.items():
            if name not in self._by_name and data is not None:
                central.append(_write_member(out, name, data, DEFLATED))
        cd_offset = out.tell()
        for record in central:
            out.write(record)
        cd_size = out.tell() - cd_offset
        if cd_offset + cd_size >= _ZIP32_LIMIT or len(central) >= 0xFFFF:
            raise FormatError(TOO_LARGE, f"{self.path.name} would need ZIP64, which is not supported yet.")
        out.write(_END.pack(_END_SIG, 0, 0, len(central), len(central), cd_size, cd_offset,
                            len(self.comment)) + self.comment)

    def _raw_extents(self) -> dict[str, tuple[int, int]]:
        """Byte range of each member's local entry: header to the next entry.

        Taking everything up to the next entry includes data descriptors of
        any flavour without having to guess their size.
        """
        ordered = sorted(self.members, key=lambda m: m.header_offset)
        ends = [m.header_offset for m in ordered[1:]] + [self.directory_start]
        extents = {}
        for member, end in zip(ordered, ends):
            self._file.seek(member.header_offset)
            header = self._file.read(30)
            if len(header) < 30 or header[:4] != _LOCAL_SIG:
                raise self._damaged(f"the entry for {member.name} is missing")
            n, m = struct.unpack_from("<HH", header, 26)
            if member.header_offset + 30 + n + m + member.compress_size > end:
                raise self._damaged(f"{member.name} overlaps the next entry")
            extents[member.name] = (member.header_offset, end)
        return extents

    def _copy_range(self, out: BinaryIO, start: int, end: int) -> None:
        try:
            copy_range(self._file, out, start, end)
        except ShortSource:
            raise self._damaged("it ends too early") from None


def _dos_datetime(now: float | None = None) -> tuple[int, int]:
    t = time.localtime(now)
    dos_time = (t.tm_hour << 11) | (t.tm_min << 5) | (t.tm_sec // 2)
    dos_date = (max(t.tm_year, 1980) - 1980) << 9 | (t.tm_mon << 5) | t.tm_mday
    return dos_time, dos_date


def _write_member(out: BinaryIO, name: str, data: bytes, method: int) -> bytes:
    """Write one new member's local entry; return its central directory record."""
    if method != STORED:
        method = DEFLATED
        compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
        payload = compressor.compress(data) + compressor.flush()
    else:
        payload = data
    encoded = name.encode("utf-8")
    flags = 0x800 if not name.isascii() else 0
    dos_time, dos_date = _dos_datetime()
    crc = zlib.crc32(data)
    offset = out.tell()
    out.write(struct.pack("<4sHHHHHIIIHH", _LOCAL_SIG, 20, flags, method, dos_time, dos_date,
                          crc, len(payload), len(data), len(encoded), 0) + encoded)
    out.write(payload)
    return _CENTRAL.pack(_CENTRAL_SIG, 20, 20, flags, method, dos_time, dos_date,
                         crc, len(payload), len(data), len(encoded), 0, 0, 0, 0, 0, offset) + encoded


def verify_rewrite(original: Path, new: Path, changes: Mapping[str, bytes | None]) -> None:
    """Check a rewritten package before it replaces the original.

    The new directory must parse; every original member that was not meant
    to change must be there exactly once with identical raw bytes (local
    header, compressed data, descriptor) and CRC; changed members must hold
    exactly the new content; deleted ones must be gone.
    """
    with ZipPackage(original) as old, ZipPackage(new) as fresh:
        counts: dict[str, int] = {}
        for member in fresh.members:
            counts[member.name] = counts.get(member.name, 0) + 1
        doubled = [n for n, c in counts.items() if c > 1]
        if doubled:
            raise fresh._damaged(f"{doubled[0]} appears twice in the new file")
        old_extents = old._raw_extents()
        new_extents = fresh._raw_extents()
        for member in old.members:
            if member.name in changes:
                continue
            twin = fresh._by_name.get(member.name)
            if twin is None:
                raise fresh._damaged(f"{member.name} is missing from the new file")
            if (twin.crc, twin.compress_size, twin.file_size, twin.method) != \
                    (member.crc, member.compress_size, member.file_size, member.method):
                raise fresh._damaged(f"{member.name} differs in the new file")
            start, end = old_extents[member.name]
            new_start, new_end = new_extents[member.name]
            if end - start != new_end - new_start or \
                    not _same_bytes(old._file, start, fresh._file, new_start, end - start):
                raise fresh._damaged(f"{member.name} differs in the new file")
        for name, data in changes.items():
            if data is None:
                if name in fresh._by_name:
                    raise fresh._damaged(f"{name} was meant to be removed")
            elif name not in fresh._by_name or fresh.read(name) != data:
                raise fresh._damaged(f"{name} does not hold the new metadata")
        expected = {m.name for m in old.members if m.name not in changes} | \
                   {n for n, d in changes.items() if d is not None}
        if set(counts) != expected:
            raise fresh._damaged("it holds members the original did not")


def _same_bytes(a: BinaryIO, a_start: int, b: BinaryIO, b_start: int, length: int) -> bool:
    """Compare two byte ranges in bounded chunks."""
    done = 0
    while done < length:
        n = min(1024 * 1024, length - done)
        a.seek(a_start + done)
        b.seek(b_start + done)
        if a.read(n) != b.read(n):
            return False
        done += n
    return True
