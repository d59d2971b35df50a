"""The ZIP file format as this package reads and writes it.

One job: the on-disk layouts (signatures, record structs, the ZIP32
limit, compression methods, the data descriptor flag), the metadata size
limit, and the records a package is described by: `Member` (a central
directory entry), `Spliced` (new content for a huge member) and `_Local`
(what a local header says).  No I/O happens here.
"""
from __future__ import annotations

import struct
from dataclasses import dataclass

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
class Spliced:
    """New content for a (possibly huge) member: its original bytes up to `keep`, then `tail`.

    A worksheet's header and footer sit near its end: the member is rewritten
    and verified streaming, in bounded memory, whatever its size.  `keep`
    counts uncompressed bytes of the original member.
    """

    keep: int
    tail: bytes


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
