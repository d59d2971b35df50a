"""A ZIP package read through its directory and rewritten losslessly.

Office and ODF documents are ZIP packages.  To change metadata we rewrite
only the metadata members; every other member is copied as its raw bytes
(local header, compressed data, data descriptor), so its compressed data is
identical before and after and the cost is one sequential copy.

The central directory is parsed here rather than through `zipfile`: reading
a label needs only names, sizes and offsets, and `labeler show` over a
folder of thousands of documents is dominated by that step.

Before a package is rewritten it is read strictly (`check_unambiguous`): a
package whose central directory, end record and local headers do not tell
the same story, or that holds two members of the same name, can be read
differently by different programs, and copying "what we see" of it could
silently drop or swap members.  Such packages are refused, untouched.
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
_DESCRIPTOR_SIG = b"PK\x07\x08"
_END = struct.Struct("<4sHHHHIIH")
_CENTRAL = struct.Struct("<4sHHHHHHIIIHHHHHII")
_LOCAL = struct.Struct("<4sHHHHHIIIHH")
_ZIP32_LIMIT = 0xFFFFFFFF
STORED, DEFLATED = 0, 8
_DATA_DESCRIPTOR = 0x8


@dataclass(frozen=True)
class Member:
    """One entry of the central directory."""

    index: int  # position in the central directory: members are keyed by this, never by name
    name: str
    raw_name: bytes  # the name as stored, compared with the local header's
    flags: int
    method: int
    crc: int
    compress_size: int
    file_size: int
    header_offset: int  # absolute position of the local header in the file
    record: bytes  # the raw central directory record, copied on rewrite


@dataclass(frozen=True)
class _Local:
    """What a member's local header says, and where its entry ends."""

    version: int
    flags: int
    dos_time: int
    dos_date: int
    extra: bytes
    start: int  # the local header
    end: int  # the next entry (or the central directory)


class ZipPackage:
    """An open ZIP package: its directory, bounded member reads, raw rewriting."""

    def __init__(self, path: Path):
        self.path = Path(path)
        # Reasons why the package is ambiguous; reading tolerates them, a rewrite does not.
        self._problems: list[str] = []
        self._locals: dict[int, _Local] | None = None
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
        self._by_name: dict[str, Member] = {}
        self._doubled: set[str] = set()
        for member in self.members:
            if member.name in self._by_name:
                self._doubled.add(member.name)
            self._by_name.setdefault(member.name, member)
        for name in sorted(self._doubled):
            self._problems.append(f"it holds two different members named {name}, and programs disagree "
                                  "about which one counts")
        for member in self.members:
            # APPNOTE 4.4.17: forward slashes only, no drive or leading slash.
            if "\\" in member.name or member.name.startswith("/") or "../" in member.name:
                self._problems.append(f"its member name {member.name} is not a plain relative path with "
                                      "forward slashes, which programs read differently")
                break
        offsets: dict[int, Member] = {}
        for member in self.members:
            if member.header_offset in offsets and member.name not in self._doubled:
                self._problems.append(f"its ZIP directory lists {offsets[member.header_offset].name} and "
                                      f"{member.name} at the same place")
            offsets.setdefault(member.header_offset, member)
        self._lower: dict[str, list[str]] | None = None

    def _damaged(self, why: str) -> FormatError:
        return FormatError(CORRUPT, f"{self.path.name} is damaged or truncated: {why}.")

    def _ambiguous(self, why: str) -> FormatError:
        return FormatError(CORRUPT, f"{self.path.name} was refused because {why}; it was left as it was.")

    def _read_directory(self) -> None:
        f = self._file
        size = f.seek(0, 2)
        tail_len = min(size, 0xFFFF + _END.size)
        f.seek(size - tail_len)
        tail = f.read(tail_len)
        # The end record is the one whose comment reaches exactly the end of
        # the file; a signature inside a comment or trailing junk is not it.
        pos = tail.rfind(_END_SIG)
        first = pos
        while pos >= 0 and (pos + _END.size > len(tail) or
                            pos + _END.size + struct.unpack_from("<H", tail, pos + 20)[0] != len(tail)):
            pos = tail.rfind(_END_SIG, 0, pos)
        if pos < 0:
            pos = first
            if pos >= 0:
                self._problems.append("bytes follow its ZIP end record that the package does not account for")
        if pos < 0 or pos + _END.size > len(tail):
            raise self._damaged("its ZIP directory is missing")
        _, disk, cd_disk, disk_count, count, cd_size, cd_offset, comment_len = _END.unpack_from(tail, pos)
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
        # Every record the directory holds is read, whatever the end record
        # counts: a count that disagrees is reported, never trusted.
        members, at = [], 0
        while at < len(directory):
            if directory[at:at + 4] != _CENTRAL_SIG or at + 46 > len(directory):
                if len(members) >= count:
                    self._problems.append("its ZIP directory and end record disagree (the directory holds "
                                          "bytes that are not a directory entry)")
                    break
                raise self._damaged("its ZIP directory is inconsistent")
            (_, _, _, flags, method, _, _, crc, csize, usize, n, m, k, _, _, _, offset) = \
                _CENTRAL.unpack_from(directory, at)
            end = at + 46 + n + m + k
            if end > len(directory):
                raise self._damaged("its ZIP directory is inconsistent")
            raw_name = directory[at + 46: at + 46 + n]
            name = raw_name.decode("utf-8" if flags & 0x800 else "cp437", "replace")
            if max(csize, usize, offset) == _ZIP32_LIMIT:
                raise FormatError(TOO_LARGE, f"{self.path.name} is a ZIP64 package; this is not supported yet.")
            members.append(Member(len(members), name, raw_name, flags, method, crc, csize, usize,
                                  offset + self._prefix, directory[at:end]))
            at = end
        if len(members) < count:
            raise self._damaged("its ZIP directory is inconsistent")
        if len(members) != count or disk_count != count:
            self._problems.append(f"its ZIP directory and end record disagree (the end record counts "
                                  f"{count:,} members, the directory lists {len(members):,})")
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

    def member(self, name: str) -> Member:
        """The one member called `name`; a doubled name is refused, never guessed."""
        if name in self._doubled:
            raise self._ambiguous(f"it holds two different members named {name}")
        return self._by_name[name]

    def find(self, name: str) -> str | None:
        """The member name matching `name` case-insensitively (OPC part names are).

        Two members that differ only in case are legitimate for parts we
        never touch; for a part we look up they would be ambiguous.
        """
        if self._lower is None:
            self._lower = {}
            for n in self.names():
                variants = self._lower.setdefault(n.lower(), [])
                if n not in variants:
                    variants.append(n)
        variants = self._lower.get(name.lower(), [])
        if len(variants) > 1:
            raise self._ambiguous(f"it holds both {variants[0]} and {variants[1]}, names that Office "
                                  "treats as the same part")
        return variants[0] if variants else None

    def read(self, name: str, limit: int = MAX_METADATA_BYTES) -> bytes:
        """Read a (small) member, refusing sizes that no metadata part has."""
        member = self.member(name)
        what = f"{name} in {self.path.name}"
        if member.flags & 0x1:
            raise FormatError(ENCRYPTED, f"{what} is encrypted.")
        if member.file_size > limit or member.compress_size > limit + 1024:
            raise FormatError(TOO_LARGE, f"{what} claims {member.file_size:,} bytes, far more than any "
                                         "metadata part; the file was left as it was.")
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
                                             "the file was left as it was.")
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

    # -- strict reading, for a rewrite -------------------------------------
    def check_unambiguous(self) -> None:
        """Refuse a package that programs could read in more than one way.

        The central directory must agree with the end record (count, size)
        and with every local header (name, method, flags, and CRC and sizes
        unless a data descriptor carries them); no two members may share a
        name or a local entry; no bytes may sit between entries unexplained.
        """
        if self._problems:
            raise self._ambiguous(self._problems[0])
        self._local_entries()

    def check_changes(self, changes: Mapping[str, bytes | None]) -> None:
        """Refuse, before anything is written, changes the new file could not carry."""
        for name, data in changes.items():
            if name in self._doubled:
                raise self._ambiguous(f"it holds two different members named {name}")
            if data is not None and len(data) > MAX_METADATA_BYTES:
                raise FormatError(TOO_LARGE, f"{self.path.name} was refused because {name} would grow "
                                             f"to {len(data):,} bytes, more than the {MAX_METADATA_BYTES:,} bytes "
                                             "a metadata part may have to be read back; it was left as it was.")

    def _local_entries(self) -> dict[int, _Local]:
        """Each member's local header, checked against its directory record.

        An entry runs from its local header to the next entry, which takes
        in the data descriptor of any flavour; anything else found there is
        data the directory does not list, and refused.
        """
        if self._locals is not None:
            return self._locals
        ordered = sorted(self.members, key=lambda m: m.header_offset)
        ends = [m.header_offset for m in ordered[1:]] + [self.directory_start]
        entries: dict[int, _Local] = {}
        f = self._file
        for member, end in zip(ordered, ends):
            f.seek(member.header_offset)
            header = f.read(30)
            if len(header) < 30 or header[:4] != _LOCAL_SIG:
                raise self._damaged(f"the entry for {member.name} is missing")
            (_, version, flags, method, dos_time, dos_date, crc, csize, usize, n, m) = _LOCAL.unpack(header)
            name_and_extra = f.read(n + m)
            if len(name_and_extra) < n + m:
                raise self._damaged("it ends too early")
            disagree = f"its ZIP directory and the local header of {member.name} disagree"
            if name_and_extra[:n] != member.raw_name:
                raise self._ambiguous(f"its ZIP directory and a local header disagree about the name of "
                                      f"{member.name}")
            if method != member.method or (flags ^ member.flags) & (_DATA_DESCRIPTOR | 0x1):
                raise self._ambiguous(disagree)
            if flags & _DATA_DESCRIPTOR:
                if any(v and v != w for v, w in ((crc, member.crc), (csize, member.compress_size),
                                                  (usize, member.file_size))):
                    raise self._ambiguous(disagree)
            elif (crc, csize, usize) != (member.crc, member.compress_size, member.file_size):
                raise self._ambiguous(disagree)
            data_end = member.header_offset + 30 + n + m + member.compress_size
            if data_end > end:
                raise self._damaged(f"{member.name} overlaps the next entry")
            expected_end = data_end
            if flags & _DATA_DESCRIPTOR:
                f.seek(data_end)
                descriptor = f.read(16)
                signed = descriptor[:4] == _DESCRIPTOR_SIG
                expected_end += 16 if signed else 12
                fields = descriptor[4:16] if signed else descriptor[:12]
                if len(fields) < 12 or struct.unpack("<III", fields) != \
                        (member.crc, member.compress_size, member.file_size):
                    raise self._ambiguous(f"its ZIP directory and the data descriptor of {member.name} disagree")
            if expected_end != end:
                raise self._ambiguous(f"it holds {end - expected_end:,} bytes after {member.name} that its "
                                      "ZIP directory does not list" if expected_end < end else
                                      f"{member.name} overlaps the next entry")
            entries[member.index] = _Local(version, flags, dos_time, dos_date, name_and_extra[n:],
                                           member.header_offset, end)
        self._locals = entries
        return entries

    # -- rewriting ---------------------------------------------------------
    def rewrite(self, out: BinaryIO, changes: Mapping[str, bytes | None]) -> None:
        """Write the package to `out` with `changes` applied.

        `changes` maps member names to new content (replace or add) or None
        (delete).  Members keep their order; new ones are appended.  All
        other members, and any bytes before the first one, are copied byte
        for byte.  A replaced member keeps its local header's and its
        directory record's fields (times, flags, extra fields, attributes);
        only its sizes, CRC and data change.
        """
        self.check_unambiguous()
        self.check_changes(changes)
        entries = self._local_entries()
        self._copy_range(out, 0, min([m.header_offset for m in self.members] + [self.directory_start]))
        central: list[bytes] = []
        for member in self.members:
            if member.name in changes:
                data = changes[member.name]
                if data is not None:
                    central.append(_write_member(out, member.name, data, member, entries[member.index]))
                continue
            offset = out.tell()
            entry = entries[member.index]
            self._copy_range(out, entry.start, entry.end)
            central.append(member.record[:42] + struct.pack("<I", offset) + member.record[46:])
        for name, data in changes.items():
            if name not in self._by_name and data is not None:
                central.append(_write_member(out, name, data))
        cd_offset = out.tell()
        for record in central:
            out.write(record)
        cd_size = out.tell() - cd_offset
        if cd_offset + cd_size >= _ZIP32_LIMIT or len(central) >= 0xFFFF:
            raise FormatError(TOO_LARGE, f"{self.path.name} would need ZIP64, which is not supported yet.")
        out.write(_END.pack(_END_SIG, 0, 0, len(central), len(central), cd_size, cd_offset,
                            len(self.comment)) + self.comment)

    def _raw_extents(self) -> dict[int, tuple[int, int]]:
        """Byte range of each member's local entry, keyed by member index."""
        return {i: (e.start, e.end) for i, e in self._local_entries().items()}

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


def _write_member(out: BinaryIO, name: str, data: bytes, like: Member | None = None,
                  local: _Local | None = None) -> bytes:
    """Write one member's local entry; return its central directory record.

    With `like` (the member being replaced) and its `local` header, every
    field that still holds is kept: version needed, flags (less the data
    descriptor bit: sizes and CRC are now in the header), method, DOS time
    and date, the stored name and both extra fields, and the directory
    record's version made by, attributes and comment.
    """
    method = like.method if like is not None and like.method in (STORED, DEFLATED) else DEFLATED
    if method == DEFLATED:
        compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
        payload = compressor.compress(data) + compressor.flush()
    else:
        payload = data
    crc = zlib.crc32(data)
    offset = out.tell()
    if like is None or local is None:
        encoded = name.encode("utf-8")
        flags = 0x800 if not name.isascii() else 0
        dos_time, dos_date = _dos_datetime()
        out.write(_LOCAL.pack(_LOCAL_SIG, 20, flags, method, dos_time, dos_date,
                              crc, len(payload), len(data), len(encoded), 0) + encoded)
        out.write(payload)
        return _CENTRAL.pack(_CENTRAL_SIG, 20, 20, flags, method, dos_time, dos_date,
                             crc, len(payload), len(data), len(encoded), 0, 0, 0, 0, 0, offset) + encoded
    out.write(_LOCAL.pack(_LOCAL_SIG, local.version, local.flags & ~_DATA_DESCRIPTOR, method,
                          local.dos_time, local.dos_date, crc, len(payload), len(data),
                          len(like.raw_name), len(local.extra)) + like.raw_name + local.extra)
    out.write(payload)
    (_, made_by, needed, flags, _, c_time, c_date, _, _, _, n, m, k, disk, internal, external, _) = \
        _CENTRAL.unpack_from(like.record)
    tail = like.record[46:]  # name, extra field, comment: as they were
    return _CENTRAL.pack(_CENTRAL_SIG, made_by, needed, flags & ~_DATA_DESCRIPTOR, method, c_time, c_date,
                         crc, len(payload), len(data), n, m, k, disk, internal, external, offset) + tail


def verify_rewrite(original: Path, new: Path, changes: Mapping[str, bytes | None]) -> None:
    """Check a rewritten package before it replaces the original.

    The new package must be as unambiguous as the original had to be; every
    original member that was not meant to change must be there exactly once
    with identical raw bytes (local header, compressed data, descriptor) and
    CRC; changed members must hold exactly the new content; deleted ones
    must be gone.
    """
    with ZipPackage(original) as old, ZipPackage(new) as fresh:
        if fresh._doubled:
            raise fresh._damaged(f"{sorted(fresh._doubled)[0]} appears twice in the new file")
        if fresh._problems:
            raise fresh._damaged(fresh._problems[0])
        old_entries = old._local_entries()
        new_entries = fresh._local_entries()
        for member in old.members:
            if member.name in changes:
                continue
            twin = fresh._by_name.get(member.name)
            if twin is None:
                raise fresh._damaged(f"{member.name} is missing from the new file")
            if (twin.crc, twin.compress_size, twin.file_size, twin.method) != \
                    (member.crc, member.compress_size, member.file_size, member.method):
                raise fresh._damaged(f"{member.name} differs in the new file")
            before, after = old_entries[member.index], new_entries[twin.index]
            if before.end - before.start != after.end - after.start or \
                    not _same_bytes(old._file, before.start, fresh._file, after.start, before.end - before.start):
                raise fresh._damaged(f"{member.name} differs in the new file")
        for name, data in changes.items():
            if data is None:
                if name in fresh._by_name:
                    raise fresh._damaged(f"{name} was meant to be removed")
            elif name not in fresh._by_name or fresh.read(name) != data:
                raise fresh._damaged(f"{name} does not hold the new metadata")
        expected = {m.name for m in old.members if m.name not in changes} | \
                   {n for n, d in changes.items() if d is not None}
        if set(fresh._by_name) != expected or len(fresh.members) != len(expected):
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
