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

The on-disk layout lives in `zippkg_layout`, the strict checks and the
verification of a rewrite in `zippkg_checks`, the encoding of a replaced
member in `zippkg_write`; their public names stay importable from here.
"""
from __future__ import annotations

import struct
import zlib
from pathlib import Path
from typing import BinaryIO, TypeVar
from collections.abc import Callable, Mapping

from . import deflate
from .copying import ShortSource, copy_range
from .errors import CORRUPT, ENCRYPTED, TOO_LARGE, UNSUPPORTED, FormatError, from_os_error
from .zippkg_checks import StrictReading, check_rewrite
from .zippkg_layout import (_CENTRAL, _CENTRAL_SIG, _END, _END_SIG, _LOCAL_SIG, _ZIP32_LIMIT, DEFLATED,
                            MAX_METADATA_BYTES, STORED, Member, Spliced, _Local)
from .zippkg_write import write_member

T = TypeVar("T")

__all__ = ["DEFLATED", "MAX_METADATA_BYTES", "STORED", "Member", "Spliced", "ZipPackage", "verify_rewrite"]


def shown(text: str) -> str:
    """Text naming members, fit for a sentence: a damaged name's unprintable characters become "?"."""
    return "".join(c if c.isprintable() else "?" for c in text)


class ZipPackage(StrictReading):
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
        return FormatError(CORRUPT, f"{self.path.name} is damaged or truncated: {shown(why)}.")

    def _ambiguous(self, why: str) -> FormatError:
        return FormatError(CORRUPT, f"{self.path.name} was refused because {shown(why)}; it was left as it was.")

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
        members: list[Member] = []
        at = 0
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
    def __enter__(self) -> ZipPackage:
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

    def _unencrypted(self, name: str) -> tuple[Member, str]:
        """Member `name` and how messages name it; an encrypted member is refused."""
        member = self.member(name)
        what = f"{shown(name)} in {self.path.name}"
        if member.flags & 0x1:
            raise FormatError(ENCRYPTED, f"{what} is encrypted.")
        return member, what

    def _data_start(self, member: Member, what: str) -> int:
        """Where `member`'s data begins: after its local header and the name and extra field that header
        gives the lengths of (they may differ from the directory's)."""
        self._file.seek(member.header_offset)
        header = self._file.read(30)
        if len(header) < 30 or header[:4] != _LOCAL_SIG:
            raise FormatError(CORRUPT, f"{what} is missing from the package; the file is damaged.")
        n, m = struct.unpack_from("<HH", header, 26)
        return member.header_offset + 30 + n + m

    def read(self, name: str, limit: int = MAX_METADATA_BYTES) -> bytes:
        """Read a (small) member, refusing sizes that no metadata part has."""
        member, what = self._unencrypted(name)
        if member.file_size > limit or member.compress_size > limit + 1024:
            raise FormatError(TOO_LARGE, f"{what} claims {member.file_size:,} bytes, far more than any "
                                         "metadata part; the file was left as it was.")
        self._file.seek(self._data_start(member, what))
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

    def stream(self, name: str, chunk: int = 1024 * 1024, limit: int | None = None):
        """The uncompressed content of member `name`, in chunks, checked against its CRC at the end.

        Memory stays bounded whatever the member's size; `limit` refuses
        members that inflate to more (a ZIP bomb), FormatError (too large).
        """
        member, what = self._unencrypted(name)
        if member.method not in (STORED, DEFLATED):
            raise FormatError(UNSUPPORTED, f"{what} uses a compression method ({member.method}) that Office "
                                           "and LibreOffice do not write.")
        position = self._data_start(member, what)
        remaining = member.compress_size
        inflater = deflate.inflater() if member.method == DEFLATED else None
        crc = total = 0
        while remaining or (inflater is not None and inflater.unconsumed_tail):
            if inflater is not None and inflater.unconsumed_tail:
                data = inflater.decompress(inflater.unconsumed_tail, chunk)
            else:
                self._file.seek(position)
                raw = self._file.read(min(chunk, remaining))
                if not raw:
                    raise FormatError(CORRUPT, f"{what} is cut short; the file is truncated.")
                position += len(raw)
                remaining -= len(raw)
                try:
                    data = inflater.decompress(raw, chunk) if inflater is not None else raw
                except deflate.ERRORS as exc:
                    raise FormatError(CORRUPT, f"{what} is damaged ({exc}).") from None
            total += len(data)
            if limit is not None and total > limit:
                raise FormatError(TOO_LARGE, f"{what} inflates to more than {limit:,} bytes; "
                                             "the file was left as it was.")
            crc = zlib.crc32(data, crc)
            if data:
                yield data
        if inflater is not None:
            rest = inflater.flush()
            if rest:
                crc = zlib.crc32(rest, crc)
                total += len(rest)
                yield rest
        if crc != member.crc or total != member.file_size:
            raise FormatError(CORRUPT, f"{what} is damaged (checksum mismatch).")

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
        for byte.  A replaced member keeps its local header's and its
        directory record's fields (times, flags, extra fields, attributes);
        only its sizes, CRC and data change.
        """
        self.check_unambiguous()
        self.check_changes(changes)
        entries = self._local_entries()
        # Unchanged entries that follow each other in the original are copied in one go: one
        # kernel copy instead of one per member (the check finds each member inside it).
        run_start, run_end = 0, min([m.header_offset for m in self.members] + [self.directory_start])
        written = out.tell()  # where the pending run [run_start, run_end) of the original goes
        central: list[bytes] = []
        for member in self.members:
            entry = entries[member.index]
            if member.name in changes:
                self._copy_range(out, run_start, run_end)
                run_start = run_end = 0
                data = changes[member.name]
                if isinstance(data, Spliced):
                    central.append(self._write_spliced(out, member, entry, data))
                elif data is not None:
                    central.append(write_member(out, member.name, data, member, entry))
                written = out.tell()
                continue
            if entry.start != run_end:
                self._copy_range(out, run_start, run_end)
                written = out.tell()
                run_start = run_end = entry.start
            offset = written + entry.start - run_start
            run_end = entry.end
            central.append(member.record[:42] + struct.pack("<I", offset) + member.record[46:])
        self._copy_range(out, run_start, run_end)
        for name, data in changes.items():
            if name not in self._by_name and data is not None:
                central.append(write_member(out, name, data))
        cd_offset = out.tell()
        for record in central:
            out.write(record)
        cd_size = out.tell() - cd_offset
        if cd_offset + cd_size >= _ZIP32_LIMIT or len(central) >= 0xFFFF:
            raise FormatError(TOO_LARGE, f"{self.path.name} would need ZIP64, which is not supported yet.")
        out.write(_END.pack(_END_SIG, 0, 0, len(central), len(central), cd_size, cd_offset,
                            len(self.comment)) + self.comment)

    def _write_spliced(self, out: BinaryIO, member: Member, local: _Local, splice: Spliced) -> bytes:
        """Write `member` as its first `splice.keep` bytes then `splice.tail`, streaming.

        The local header is written first with the old sizes and patched once
        the new CRC and sizes are known (the output is a seekable temp file).
        """
        def chunks():
            left = splice.keep
            for data in self.stream(member.name):
                if len(data) >= left:
                    yield data[:left]
                    break
                left -= len(data)
                yield data
            else:
                if left:
                    raise self._damaged(f"{member.name} is shorter than it was when it was read")
            yield splice.tail
        return write_member(out, member.name, chunks(), member, local)

    def _raw_extents(self) -> dict[int, tuple[int, int]]:
        """Byte range of each member's local entry, keyed by member index."""
        return {i: (e.start, e.end) for i, e in self._local_entries().items()}

    def _copy_range(self, out: BinaryIO, start: int, end: int) -> None:
        try:
            copy_range(self._file, out, start, end)
        except ShortSource:
            raise self._damaged("it ends too early") from None


def verify_rewrite(original: Path, new: Path, changes: Mapping[str, bytes | None],
                   then: Callable[[ZipPackage], T | None] | None = None) -> T | None:
    """Check a rewritten package before it replaces the original.

    The new package must be as unambiguous as the original had to be; every
    original member that was not meant to change must be there exactly once
    with identical raw bytes (local header, compressed data, descriptor) and
    CRC; changed members must hold exactly the new content; deleted ones
    must be gone.  `then(new package)`, once the check passed, reads the new
    package while it is open (its labels); its answer is returned.
    """
    with ZipPackage(original) as old, ZipPackage(new) as fresh:
        check_rewrite(old, fresh, changes)
        return then(fresh) if then is not None else None
