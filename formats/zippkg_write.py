"""Writing one replaced or new member of a ZIP package.

One job: encoding a member's local entry (header and compressed data,
from bytes or streamed from chunks) and returning its central directory
record, keeping every field of the member it replaces that still holds.
"""
from __future__ import annotations

import struct
import time
import zlib
from typing import BinaryIO

from . import deflate
from .errors import TOO_LARGE, FormatError
from .zippkg_layout import (_CENTRAL, _CENTRAL_SIG, _DATA_DESCRIPTOR, _LOCAL, _LOCAL_SIG, _ZIP32_LIMIT, DEFLATED,
                            STORED, Member, _Local)


def _dos_datetime(now: float | None = None) -> tuple[int, int]:
    t = time.localtime(now)
    dos_time = (t.tm_hour << 11) | (t.tm_min << 5) | (t.tm_sec // 2)
    dos_date = (max(t.tm_year, 1980) - 1980) << 9 | (t.tm_mon << 5) | t.tm_mday
    return dos_time, dos_date


def write_member(out: BinaryIO, name: str, data, like: Member | None = None,
                  local: _Local | None = None) -> bytes:
    """Write one member's local entry; return its central directory record.

    With `like` (the member being replaced) and its `local` header, every
    field that still holds is kept: version needed, flags (less the data
    descriptor bit: sizes and CRC are now in the header), method, DOS time
    and date, the stored name and both extra fields, and the directory
    record's version made by, attributes and comment.

    `data` is bytes, or (for a replaced member) an iterator of byte chunks
    written streaming, the local header patched afterwards.
    """
    method = like.method if like is not None and like.method in (STORED, DEFLATED) else DEFLATED
    if not isinstance(data, (bytes, bytearray)):
        assert like is not None and local is not None  # only a replaced member's content is streamed
        return _write_streamed(out, data, method, like, local)
    payload: bytes | bytearray
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


def _write_streamed(out: BinaryIO, chunks, method: int, like: Member, local: _Local) -> bytes:
    """`write_member` for content given as chunks: header first, sizes and CRC patched after."""
    offset = out.tell()
    flags = local.flags & ~_DATA_DESCRIPTOR
    out.write(_LOCAL.pack(_LOCAL_SIG, local.version, flags, method, local.dos_time, local.dos_date,
                          0, 0, 0, len(like.raw_name), len(local.extra)) + like.raw_name + local.extra)
    # A streamed member is a big content part (a worksheet that carries a
    # marking): see formats/deflate.py for why it is compressed fast.
    compressor = deflate.compressor() if method == DEFLATED else None
    crc = size = csize = 0
    for data in chunks:
        crc = zlib.crc32(data, crc)
        size += len(data)
        payload = compressor.compress(data) if compressor is not None else data
        csize += len(payload)
        out.write(payload)
    if compressor is not None:
        payload = compressor.flush()
        csize += len(payload)
        out.write(payload)
    if max(size, csize, out.tell()) >= _ZIP32_LIMIT:
        raise FormatError(TOO_LARGE, f"{like.name} would need ZIP64, which is not supported yet.")
    end = out.tell()
    out.seek(offset + 14)
    out.write(struct.pack("<III", crc, csize, size))
    out.seek(end)
    (_, made_by, needed, cflags, _, c_time, c_date, _, _, _, n, m, k, disk, internal, external, _) = \
        _CENTRAL.unpack_from(like.record)
    return _CENTRAL.pack(_CENTRAL_SIG, made_by, needed, cflags & ~_DATA_DESCRIPTOR, method, c_time, c_date,
                         crc, csize, size, n, m, k, disk, internal, external, offset) + like.record[46:]
