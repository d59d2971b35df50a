"""Strict reading of a ZIP package, for a rewrite, and checking the rewrite.

One job: refusing what could be read in more than one way.  Before a
package is rewritten its central directory, end record and local headers
must tell the same story (`check_unambiguous`) and the changes must fit
(`check_changes`); after, the new package must hold exactly the original's
untouched members, byte for byte, and the new content (`check_rewrite`,
which `zippkg.verify_rewrite` runs).  `StrictReading` is a mixin of
`ZipPackage`, which owns the state it uses.
"""
from __future__ import annotations

import struct
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from .atomic_follow import kernel_copies
from .errors import TOO_LARGE, FormatError
from .zippkg_layout import (_DATA_DESCRIPTOR, _DESCRIPTOR_SIG, _LOCAL, _LOCAL_SIG, MAX_METADATA_BYTES, Member,
                            Spliced, _Local)


class StrictReading:
    """The checks a package must pass before it is rewritten."""

    # The state and reads of the package, which `ZipPackage` owns.
    path: Path
    members: list[Member]
    directory_start: int
    _file: BinaryIO
    _problems: list[str]
    _locals: dict[int, _Local] | None
    _by_name: dict[str, Member]
    _doubled: set[str]

    if TYPE_CHECKING:
        def _damaged(self, why: str) -> FormatError: ...
        def _ambiguous(self, why: str) -> FormatError: ...
        def read(self, name: str, limit: int = MAX_METADATA_BYTES) -> bytes: ...
        def stream(self, name: str, chunk: int = 1024 * 1024, limit: int | None = None) -> Iterator[bytes]: ...

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
            if isinstance(data, Spliced):
                if name not in self._by_name:
                    raise ValueError(f"{name}: only an existing member can be spliced")
                data = data.tail
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


def _same_content(old: StrictReading, fresh: StrictReading, name: str, splice: Spliced) -> bool:
    """Whether member `name` of `fresh` is `old`'s first `splice.keep` bytes then `splice.tail`."""
    def expected():
        left = splice.keep
        for data in old.stream(name):
            if len(data) >= left:
                yield data[:left]
                break
            left -= len(data)
            yield data
        yield splice.tail
    want = (c for c in expected() if c)
    got = (c for c in fresh.stream(name) if c)
    a = b = b""
    while True:
        if not a:
            a = next(want, b"")
        if not b:
            b = next(got, b"")
        if not a or not b:
            return not a and not b
        n = min(len(a), len(b))
        if a[:n] != b[:n]:
            return False
        a, b = a[n:], b[n:]


def check_rewrite(old: StrictReading, fresh: StrictReading, changes: Mapping[str, bytes | None]) -> None:
    """Check the rewritten package `fresh` against `old`, both open.

    The new package must be as unambiguous as the original had to be; every
    original member that was not meant to change must be there exactly once
    with identical raw bytes (local header, compressed data, descriptor) and
    CRC; changed members must hold exactly the new content; deleted ones
    must be gone.
    """
    if fresh._doubled:
        raise fresh._damaged(f"{sorted(fresh._doubled)[0]} appears twice in the new file")
    if fresh._problems:
        raise fresh._damaged(fresh._problems[0])
    old_entries = old._local_entries()
    new_entries = fresh._local_entries()
    copied = kernel_copies(fresh.path, old.path)
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
        length = before.end - before.start
        # Bytes the kernel copied straight from the original need no second reading (formats/base.py,
        # "Verifying cheaply"); anything else is compared byte for byte.
        if length != after.end - after.start or not (
                copied(after.start, before.start, length)
                or _same_bytes(old._file, before.start, fresh._file, after.start, length)):
            raise fresh._damaged(f"{member.name} differs in the new file")
    for name, data in changes.items():
        if data is None:
            if name in fresh._by_name:
                raise fresh._damaged(f"{name} was meant to be removed")
        elif isinstance(data, Spliced):
            if name not in fresh._by_name or not _same_content(old, fresh, name, data):
                raise fresh._damaged(f"{name} does not hold the new content")
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
