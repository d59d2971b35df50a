"""A ZIP package read through its directory and rewritten losslessly.

Office and ODF documents are ZIP packages.  To change metadata we rewrite
only the metadata members; every other member is copied as its raw bytes
(local header, compressed data, data descriptor), so its compressed data is
identical before and after and the cost is one sequential copy.
"""
from __future__ import annotations

import struct
import time
import zipfile
import zlib
from pathlib import Path
from typing import BinaryIO, Mapping

from .errors import CORRUPT, ENCRYPTED, TOO_LARGE, FormatError, from_os_error

# No metadata part is legitimately this large; refusing protects memory.
MAX_METADATA_BYTES = 8 * 1024 * 1024
_COPY_CHUNK = 1024 * 1024
_LOCAL_SIG = b"PK\x03\x04"
_CENTRAL_SIG = b"PK\x01\x02"
_ZIP32_LIMIT = 0xFFFFFFFF


class ZipPackage:
    """An open ZIP package: its directory, and raw access for rewriting."""

    def __init__(self, path: Path):
        self.path = Path(path)
        try:
            self._file = open(self.path, "rb")
        except OSError as exc:
            raise from_os_error(exc, self.path.name) from None
        try:
            self._zip = zipfile.ZipFile(self._file)
        except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError) as exc:
            self._file.close()
            raise FormatError(CORRUPT, f"{self.path.name} is damaged or truncated: its ZIP directory "
                                       f"cannot be read ({exc}).") from None
        self.infos = self._zip.infolist()
        self._by_name = {i.filename: i for i in self.infos}

    # -- reading -----------------------------------------------------------
    def __enter__(self) -> "ZipPackage":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._zip.close()
        self._file.close()

    def names(self) -> list[str]:
        return [i.filename for i in self.infos]

    def has(self, name: str) -> bool:
        return name in self._by_name

    def find(self, name: str) -> str | None:
        """The member name matching `name` case-insensitively (OPC part names are)."""
        if name in self._by_name:
            return name
        lowered = name.lower()
        return next((n for n in self._by_name if n.lower() == lowered), None)

    def read(self, name: str, limit: int = MAX_METADATA_BYTES) -> bytes:
        """Read a (small) member, refusing sizes that no metadata part has."""
        info = self._by_name[name]
        what = f"{name} in {self.path.name}"
        if info.flag_bits & 0x1:
            raise FormatError(ENCRYPTED, f"{what} is encrypted.")
        if info.file_size > limit:
            raise FormatError(TOO_LARGE, f"{what} claims {info.file_size:,} bytes, far more than any "
                                         "metadata part; the file was left alone.")
        try:
            with self._zip.open(info) as member:
                # The declared size may lie: never inflate more than the limit.
                data = member.read(limit + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as exc:
            raise FormatError(CORRUPT, f"{what} is damaged ({exc}).") from None
        if len(data) > limit:
            raise FormatError(TOO_LARGE, f"{what} inflates to more than {limit:,} bytes; "
                                         "the file was left alone.")
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
        other members are copied byte for byte.
        """
        self._refuse_zip64()
        extents = self._raw_extents()
        raw_central = self._raw_central_records()
        central: list[bytes] = []
        for info, record in zip(self.infos, raw_central):
            if info.filename in changes:
                data = changes[info.filename]
                if data is not None:
                    central.append(_write_member(out, info.filename, data, info.compress_type))
                continue
            offset = out.tell()
            start, end = extents[info.filename]
            self._copy_range(out, start, end)
            central.append(record[:42] + struct.pack("<I", offset) + record[46:])
        for name, data in changes.items():
            if name not in self._by_name and data is not None:
                central.append(_write_member(out, name, data, zipfile.ZIP_DEFLATED))
        cd_offset = out.tell()
        for record in central:
            out.write(record)
        cd_size = out.tell() - cd_offset
        if cd_offset + cd_size >= _ZIP32_LIMIT or len(central) >= 0xFFFF:
            raise FormatError(TOO_LARGE, f"{self.path.name} would need ZIP64, which is not supported yet.")
        comment = self._zip.comment or b""
        out.write(struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(central), len(central),
                              cd_size, cd_offset, len(comment)) + comment)

    def _refuse_zip64(self) -> None:
        for info in self.infos:
            if max(info.header_offset, info.file_size, info.compress_size) >= _ZIP32_LIMIT:
                raise FormatError(TOO_LARGE, f"{self.path.name} is a ZIP64 package (over 4 GB); "
                                             "labelling it is not supported yet.")

    def _raw_extents(self) -> dict[str, tuple[int, int]]:
        """Byte range of each member's local entry: header to the next entry.

        Taking everything up to the next entry includes data descriptors of
        any flavour without having to guess their size.
        """
        ordered = sorted(self.infos, key=lambda i: i.header_offset)
        ends = [i.header_offset for i in ordered[1:]] + [self._zip.start_dir]
        extents = {}
        for info, end in zip(ordered, ends):
            self._file.seek(info.header_offset)
            header = self._file.read(30)
            if len(header) < 30 or header[:4] != _LOCAL_SIG:
                raise FormatError(CORRUPT, f"{self.path.name} is damaged: the entry for "
                                           f"{info.filename} is missing.")
            n, m = struct.unpack("<HH", header[26:30])
            if info.header_offset + 30 + n + m + info.compress_size > end:
                raise FormatError(CORRUPT, f"{self.path.name} is damaged: {info.filename} overlaps "
                                           "the next entry.")
            extents[info.filename] = (info.header_offset, end)
        return extents

    def _raw_central_records(self) -> list[bytes]:
        self._file.seek(self._zip.start_dir)
        records = []
        for info in self.infos:
            fixed = self._file.read(46)
            if len(fixed) < 46 or fixed[:4] != _CENTRAL_SIG:
                raise FormatError(CORRUPT, f"{self.path.name} has a damaged ZIP directory.")
            n, m, k = struct.unpack("<HHH", fixed[28:34])
            records.append(fixed + self._file.read(n + m + k))
        return records

    def _copy_range(self, out: BinaryIO, start: int, end: int) -> None:
        self._file.seek(start)
        remaining = end - start
        while remaining:
            chunk = self._file.read(min(_COPY_CHUNK, remaining))
            if not chunk:
                raise FormatError(CORRUPT, f"{self.path.name} is truncated.")
            out.write(chunk)
            remaining -= len(chunk)


def _dos_datetime(now: float | None = None) -> tuple[int, int]:
    t = time.localtime(now)
    dos_time = (t.tm_hour << 11) | (t.tm_min << 5) | (t.tm_sec // 2)
    dos_date = (max(t.tm_year, 1980) - 1980) << 9 | (t.tm_mon << 5) | t.tm_mday
    return dos_time, dos_date


def _write_member(out: BinaryIO, name: str, data: bytes, method: int) -> bytes:
    """Write one new member's local entry; return its central directory record."""
    if method != zipfile.ZIP_STORED:
        method = zipfile.ZIP_DEFLATED
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
    return struct.pack("<4sHHHHHHIIIHHHHHII", _CENTRAL_SIG, 20, 20, flags, method, dos_time, dos_date,
                       crc, len(payload), len(data), len(encoded), 0, 0, 0, 0, 0, offset) + encoded
