"""The OLE compound files that hold encrypted Office documents.

An encrypted OOXML document is an OLE compound file holding the package in
a stream named "EncryptedPackage", encrypted as described by the stream
"EncryptionInfo" (MS-OFFCRYPTO §2.3.4).  This module finds such a file
(`has_encrypted_package`), reads its directory and streams (`Container`) and
writes it again with some streams replaced and every directory entry kept
(`write_compound_file`).  The encryption itself is in office_encryption.py,
the labelling in office_crypto.py.
"""
from __future__ import annotations

import os
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO
from collections.abc import Callable

from .errors import CORRUPT, FormatError, from_os_error

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def has_encrypted_package(path: Path) -> bool:
    """Whether an OLE compound file holds an encrypted OOXML package.

    The directory is parsed properly: the stream may sit in any directory
    sector, and its name is compared case-insensitively, as the compound
    file format asks (some writers store "ENCRYPTEDPACKAGE").
    """
    import olefile

    try:
        with open(path, "rb") as f:
            if f.read(8) != OLE_MAGIC:
                return False
            f.seek(0)
            ole = olefile.OleFileIO(f)
            try:
                return any(len(p) == 1 and p[0].lower() == "encryptedpackage" for p in ole.listdir())
            finally:
                ole.close()
    except OSError:
        return False
    except Exception:  # noqa: BLE001 - a damaged compound file: fall back to its raw directory
        return _raw_directory_names_package(path)


def _raw_directory_names_package(path: Path) -> bool:
    """Case-insensitive scan of the directory chain of a compound file olefile refused."""
    wanted = "encryptedpackage".encode("utf-16-le")
    try:
        with open(path, "rb") as f:
            header = f.read(512)
            shift = struct.unpack_from("<H", header, 30)[0]
            sector = 1 << shift if 7 <= shift <= 16 else 512
            first = struct.unpack_from("<I", header, 48)[0]
            size = f.seek(0, 2)
            f.seek((first + 1) * sector)
            # Directories of encrypted documents are a few sectors long.
            directory = f.read(min(size, sector * 64))
    except (OSError, struct.error):
        return False
    lowered = bytes(b | 0x20 if 0x41 <= b <= 0x5A else b for b in directory)
    return wanted in lowered


# -- the compound file -------------------------------------------------------------------------

@dataclass
class _Entry:
    sid: int
    raw: bytes  # the 128-byte directory entry
    kind: int  # 0 unused, 1 storage, 2 stream, 5 root
    path: tuple[str, ...] | None  # None: not reachable from the root
    data: bytes = b""


class Container:
    """The directory and streams of an encrypted document's compound file.

    `max_bytes` bounds every stream (streams are read whole, in memory);
    `too_large(name)` is the error raised above it.
    """

    def __init__(self, path: Path, name: str, max_bytes: int, too_large: Callable[[str], FormatError]):
        import olefile

        self.name = name
        self._max_bytes, self._too_large = max_bytes, too_large
        try:
            size = os.path.getsize(path)
        except OSError as exc:
            raise from_os_error(exc, name) from None
        if size > max_bytes + 16 * 1024 * 1024:
            raise too_large(name)
        try:
            with open(path, "rb") as f:
                self.header = f.read(512)
                f.seek(0)
                ole = olefile.OleFileIO(f)
                try:
                    self._load(ole)
                finally:
                    ole.close()
        except FormatError:
            raise
        except (olefile.olefile.OleFileError, ValueError, IndexError, KeyError, struct.error) as exc:
            # olefile reports damage with these (its own error is an OSError: catch it first).
            raise FormatError(CORRUPT, f"{name} is a damaged encrypted Office file ({why(exc)}); "
                                       "it was left as it was.") from None
        except OSError as exc:
            raise from_os_error(exc, name) from None

    def _load(self, ole) -> None:
        import olefile

        directory = ole.directory_fp
        directory.seek(0)
        raw = directory.read()
        count = len(raw) // 128
        self.entries = [_Entry(sid, raw[sid * 128:(sid + 1) * 128], raw[sid * 128 + 66], None)
                        for sid in range(count)]
        self.entries[0].path = ()
        self.streams: dict[str, _Entry] = {}  # top-level streams by lower-case name
        stack: list[tuple[Any, tuple[str, ...]]] = [(ole.root, ())]
        while stack:
            node, prefix = stack.pop()
            seen = set()
            for kid in node.kids:
                lowered = kid.name.lower()
                if lowered in seen:
                    raise FormatError(CORRUPT, f"{self.name} is a damaged encrypted Office file (two entries "
                                               f"named {kid.name!r}); it was left as it was.")
                seen.add(lowered)
                path = prefix + (kid.name,)
                entry = self.entries[kid.sid]
                entry.path = path
                if kid.entry_type == olefile.STGTY_STREAM:
                    if kid.size > self._max_bytes + 1024:
                        raise self._too_large(self.name)
                    entry.data = ole.openstream(list(path)).read()
                    if len(entry.data) != kid.size:
                        raise FormatError(CORRUPT, f"{self.name} is a damaged encrypted Office file (a stream "
                                                   "is cut short); it was left as it was.")
                    if not prefix:
                        self.streams[lowered] = entry
                elif kid.entry_type == olefile.STGTY_STORAGE:
                    stack.append((kid, path))
        for needed in ("encryptioninfo", "encryptedpackage"):
            if needed not in self.streams:
                raise FormatError(CORRUPT, f"{self.name} is a damaged encrypted Office file (its "
                                           f"{needed} stream is missing); it was left as it was.")

    @property
    def info(self) -> bytes:
        return self.streams["encryptioninfo"].data

    @property
    def package(self) -> bytes:
        return self.streams["encryptedpackage"].data

    def write(self, out: BinaryIO, replaced: dict[str, bytes]) -> None:
        """Write the compound file with the top-level streams in `replaced` (lower-case names) changed."""
        contents = {}
        for entry in self.entries:
            if entry.kind == 2 and entry.path is not None:
                data = entry.data
                if len(entry.path) == 1 and entry.path[0].lower() in replaced:
                    data = replaced[entry.path[0].lower()]
                contents[entry.sid] = data
        write_compound_file(out, self.header, [e.raw for e in self.entries], contents)


def why(exc: Exception) -> str:
    """A short reason for a message, from an exception of a library."""
    text = str(exc).strip().rstrip(".")
    return text[:120] if text else type(exc).__name__


_FREE, _END, _FATSECT, _DIFSECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFC
_SECTOR, _MINI, _CUTOFF = 512, 64, 4096


def write_compound_file(out: BinaryIO, old_header: bytes, raw_entries: list[bytes],
                        contents: dict[int, bytes]) -> None:
    """Write a version-3 compound file (512-byte sectors) with these directory entries.

    Every directory entry keeps its bytes (name, type, colour, siblings,
    child, class id, state bits, times) except its start sector and size;
    stream `sid` gets `contents[sid]`.  Unreachable stream entries are
    emptied so they point at nothing.
    """
    def sectors(n: int, unit: int) -> int:
        return (n + unit - 1) // unit

    mini_sids = [sid for sid, d in contents.items() if 0 < len(d) < _CUTOFF]
    big_sids = [sid for sid, d in contents.items() if len(d) >= _CUTOFF]
    mini_start: dict[int, int] = {}
    mini_count = 0
    for sid in mini_sids:
        mini_start[sid] = mini_count
        mini_count += sectors(len(contents[sid]), _MINI)
    ministream_len = mini_count * _MINI
    n_minifat = sectors(mini_count * 4, _SECTOR)
    n_ministream = sectors(ministream_len, _SECTOR)
    entries = list(raw_entries)
    while len(entries) % (_SECTOR // 128):
        entries.append(_empty_entry())
    n_dir = len(entries) * 128 // _SECTOR
    n_big = sum(sectors(len(contents[sid]), _SECTOR) for sid in big_sids)
    body = n_dir + n_minifat + n_ministream + n_big
    n_fat = n_difat = 0
    while True:
        total = n_fat + n_difat + body
        need_fat = sectors(total, _SECTOR // 4)
        need_difat = sectors(max(0, need_fat - 109), _SECTOR // 4 - 1)
        if (need_fat, need_difat) == (n_fat, n_difat):
            break
        n_fat, n_difat = need_fat, need_difat

    fat = [_FREE] * (n_fat * (_SECTOR // 4))
    pos = 0
    fat_sectors = list(range(pos, pos + n_fat))
    for s in fat_sectors:
        fat[s] = _FATSECT
    pos += n_fat
    difat_sectors = list(range(pos, pos + n_difat))
    for s in difat_sectors:
        fat[s] = _DIFSECT
    pos += n_difat

    def chain(count: int) -> int:
        nonlocal pos
        if count == 0:
            return _END
        start = pos
        for i in range(count):
            fat[start + i] = start + i + 1 if i < count - 1 else _END
        pos += count
        return start

    dir_start = chain(n_dir)
    minifat_start = chain(n_minifat)
    ministream_start = chain(n_ministream)
    big_start = {sid: chain(sectors(len(contents[sid]), _SECTOR)) for sid in big_sids}

    def place(raw: bytes, start: int, size: int) -> bytes:
        return raw[:116] + struct.pack("<IQ", start, size)

    for sid, raw in enumerate(entries):
        kind = raw[66]
        if sid == 0:
            entries[sid] = place(raw, ministream_start if ministream_len else _END, ministream_len)
        elif kind == 2:
            data = contents.get(sid, b"")
            if sid in big_start:
                entries[sid] = place(raw, big_start[sid], len(data))
            elif sid in mini_start:
                entries[sid] = place(raw, mini_start[sid], len(data))
            else:
                entries[sid] = place(raw, _END, 0)

    header = bytearray(512)
    header[0:8] = OLE_MAGIC
    header[8:24] = old_header[8:24] if len(old_header) >= 24 else bytes(16)  # header class id
    struct.pack_into("<HHHHH6xIIIIIIIII", header, 24, 0x3E, 3, 0xFFFE, 9, 6,
                     0, n_fat, dir_start, 0, _CUTOFF, minifat_start, n_minifat,
                     difat_sectors[0] if difat_sectors else _END, n_difat)
    head_difat = fat_sectors[:109] + [_FREE] * (109 - min(109, n_fat))
    struct.pack_into("<109I", header, 76, *head_difat)
    out.write(bytes(header))
    out.write(struct.pack(f"<{len(fat)}I", *fat))
    rest = fat_sectors[109:]
    per = _SECTOR // 4 - 1
    for i in range(len(difat_sectors)):
        part = rest[i * per:(i + 1) * per]
        part += [_FREE] * (per - len(part))
        nxt = difat_sectors[i + 1] if i + 1 < len(difat_sectors) else _END
        out.write(struct.pack(f"<{per + 1}I", *part, nxt))
    out.write(b"".join(entries))
    minifat = [_FREE] * (n_minifat * (_SECTOR // 4))
    for sid in mini_sids:
        start, count = mini_start[sid], sectors(len(contents[sid]), _MINI)
        for i in range(count):
            minifat[start + i] = start + i + 1 if i < count - 1 else _END
    out.write(struct.pack(f"<{len(minifat)}I", *minifat))
    for sid in mini_sids:
        data = contents[sid]
        out.write(data + bytes(-len(data) % _MINI))
    out.write(bytes(n_ministream * _SECTOR - ministream_len))
    for sid in big_sids:
        data = contents[sid]
        out.write(data)
        out.write(bytes(-len(data) % _SECTOR))


def _empty_entry() -> bytes:
    raw = bytearray(128)
    struct.pack_into("<III", raw, 68, _FREE, _FREE, _FREE)
    return bytes(raw)

