"""The bytes of a PDF incremental update: objects, cross-reference section, trailer.

Strings are written the way Microsoft writes its label values: plain
literal strings such as `(72f988bf-86f1-41af-91ab-2d7cd011db47)`, escaping
only what PDF requires (backslash, unbalanced parentheses, non-printable
bytes).  Text that is not printable ASCII is written as a UTF-16 hex
string.  In an encrypted file every string and stream of the new objects is
encrypted with the file key, and the new trailer keeps /Encrypt and /ID.
"""
from __future__ import annotations

import io
import re
from collections.abc import Callable

from pypdf.generic import (ArrayObject, ByteStringObject, DictionaryObject, IndirectObject, NameObject,
                           NullObject, NumberObject, PdfObject, StreamObject, TextStringObject)

# The comment that ends every update we append, before `startxref`: it names
# the length of the file before the update, so that a later removal of the
# label can cut our own revisions off again (pdf_history.own_revisions_start).
MARKER = b"%Labeler-update base "
MARKER_LINE = re.compile(rb"%Labeler-update base (\d+)\r?\n")

Crypt = Callable[[bytes], bytes]


def text_bytes(value: str) -> bytes:
    """A text string's bytes: ASCII as it is, anything else UTF-16BE with a BOM."""
    if value.isascii():
        return value.encode("ascii")
    return b"\xfe\xff" + value.encode("utf-16-be")


def literal(data: bytes) -> bytes:
    """`data` as a PDF literal string, escaping only what PDF requires."""
    depth, balanced = 0, True
    for byte in data:
        if byte == 0x28:
            depth += 1
        elif byte == 0x29:
            depth -= 1
            if depth < 0:
                balanced = False
                break
    balanced = balanced and depth == 0
    out = bytearray(b"(")
    for byte in data:
        if byte == 0x5C:
            out += b"\\\\"
        elif byte in (0x28, 0x29) and not balanced:
            out += b"\\" + bytes([byte])
        elif byte < 0x20 or byte > 0x7E:
            out += b"\\%03o" % byte
        else:
            out.append(byte)
    return bytes(out + b")")


def _string_bytes(obj: TextStringObject | ByteStringObject) -> bytes:
    if isinstance(obj, TextStringObject):
        try:
            return obj.get_encoded_bytes()
        except Exception:  # pypdf lost the original encoding: write it our way
            return text_bytes(str(obj))
    return bytes(obj)


def write_string(data: bytes, out: io.BytesIO, crypt: Crypt | None) -> None:
    if crypt is not None:
        out.write(b"<" + crypt(data).hex().upper().encode() + b">")
    elif all(0x20 <= b <= 0x7E for b in data):
        out.write(literal(data))
    else:
        out.write(b"<" + data.hex().upper().encode() + b">")


# A name of regular characters only: written as it is, which is what pypdf's escaping makes of it.
_PLAIN_NAME = re.compile(r"/[!-~]*")
_ESCAPED_IN_NAMES = frozenset("#()<>[]{}/%")


def write_name(name: str, out: io.BytesIO) -> None:
    """A name as pypdf writes it (`#xx` for delimiters, white space and non-ASCII), the common
    plain ones without pypdf's character-by-character pass, which dominated building an update."""
    if _PLAIN_NAME.fullmatch(name) and not _ESCAPED_IN_NAMES.intersection(name[1:]):
        out.write(name.encode("ascii"))
    else:
        NameObject(name).write_to_stream(out)


def write_object(obj: PdfObject, out: io.BytesIO, crypt: Crypt | None = None) -> None:
    """Serialise a direct object (strings our way, everything else as pypdf does)."""
    if isinstance(obj, (TextStringObject, ByteStringObject)):
        write_string(_string_bytes(obj), out, crypt)
    elif isinstance(obj, StreamObject):
        raise TypeError("streams are written by Update.put_stream")
    elif isinstance(obj, NameObject):
        write_name(obj, out)
    elif isinstance(obj, DictionaryObject):
        out.write(b"<<")
        for key, value in obj.items():
            out.write(b" ")
            write_name(key, out)
            out.write(b" ")
            write_object(value, out, crypt)
        out.write(b" >>")
    elif isinstance(obj, ArrayObject):
        out.write(b"[")
        for item in obj:
            out.write(b" ")
            write_object(item, out, crypt)
        out.write(b" ]")
    elif obj is None:
        NullObject().write_to_stream(out)
    else:
        obj.write_to_stream(out)


class Update:
    """Appends objects to a file of `base` bytes whose offsets count from `header`."""

    def __init__(self, *, base: int, header: int, prev: int, kind: str, needs_newline: bool,
                 first_free: int, encryption=None, freed: dict[int, int] | None = None):
        self.buffer = io.BytesIO()
        self.base, self.header, self.prev, self.kind = base, header, prev, kind
        self.encryption = encryption  # pypdf's Encryption of a decrypted reader, or None
        if needs_newline:  # keeps our first object off the original's last line
            self.buffer.write(b"\n")
        self.offsets: dict[int, tuple[int, int]] = {}  # number -> (offset, generation)
        # Objects that the original lists at offset 0 (they do not exist):
        # our section marks them free, which is what every reader makes of them.
        self.freed = dict(freed or {})
        self.next_number = first_free

    def new_ref(self) -> IndirectObject:
        self.next_number += 1
        return IndirectObject(self.next_number - 1, 0, None)

    def _position(self) -> int:
        return self.base - self.header + self.buffer.tell()

    def _crypt(self, ref: IndirectObject, streams: bool = False) -> Crypt | None:
        if self.encryption is None:
            return None
        cf = self.encryption._make_crypt_filter(ref.idnum, ref.generation)
        return cf.stm_crypt.encrypt if streams else cf.str_crypt.encrypt

    def put(self, ref: IndirectObject, obj: DictionaryObject) -> None:
        self.offsets[ref.idnum] = (self._position(), ref.generation)
        self.buffer.write(f"{ref.idnum} {ref.generation} obj\n".encode())
        write_object(obj, self.buffer, self._crypt(ref))
        self.buffer.write(b"\nendobj\n")

    def put_stream(self, ref: IndirectObject, entries: DictionaryObject, data: bytes, encrypt: bool = True) -> None:
        self.offsets[ref.idnum] = (self._position(), ref.generation)
        crypt = self._crypt(ref, streams=True) if encrypt else None
        if crypt is not None:
            data = crypt(data)
        head = DictionaryObject(entries)
        head[NameObject("/Length")] = NumberObject(len(data))
        self.buffer.write(f"{ref.idnum} {ref.generation} obj\n".encode())
        write_object(head, self.buffer, self._crypt(ref) if encrypt else None)
        self.buffer.write(b"\nstream\n" + data + b"\nendstream\nendobj\n")

    def finish(self, trailer: DictionaryObject) -> bytes:
        """The complete update: objects so far, the cross-reference section, the trailer."""
        trailer = DictionaryObject(trailer)
        trailer[NameObject("/Prev")] = NumberObject(self.prev)
        if self.kind == "table":
            trailer[NameObject("/Size")] = NumberObject(self.next_number)
            start = self._position()
            self.buffer.write(b"xref\n")
            for first, rows in _subsections(self._rows()):
                self.buffer.write(f"{first} {len(rows)}\n".encode())
                for kind, field, generation in rows:
                    self.buffer.write(f"{field:010d} {generation:05d} {'n' if kind else 'f'}\r\n".encode())
            self.buffer.write(b"trailer\n")
            write_object(trailer, self.buffer)  # the trailer is never encrypted
            self.buffer.write(b"\n")
        else:
            xref_ref = self.new_ref()
            trailer[NameObject("/Size")] = NumberObject(self.next_number)
            start = self._position()
            self.offsets[xref_ref.idnum] = (start, 0)  # the section lists itself
            width = max(4, (start.bit_length() + 7) // 8)
            sections = _subsections(self._rows())
            trailer[NameObject("/Type")] = NameObject("/XRef")
            trailer[NameObject("/W")] = ArrayObject(NumberObject(n) for n in (1, width, 2))
            trailer[NameObject("/Index")] = ArrayObject(
                NumberObject(n) for first, rows in sections for n in (first, len(rows)))
            data = b"".join(bytes([kind]) + field.to_bytes(width, "big") + (generation % 65536).to_bytes(2, "big")
                            for _, rows in sections for kind, field, generation in rows)
            self.put_stream(xref_ref, trailer, data, encrypt=False)  # an xref stream is never encrypted
        return self.buffer.getvalue() + MARKER + b"%d\n" % self.base + b"startxref\n%d\n%%%%EOF\n" % start

    def _rows(self) -> dict[int, tuple[int, int, int]]:
        """number -> (type 0 free / 1 in use, offset or next free, generation)."""
        rows: dict[int, tuple[int, int, int]] = {n: (1, o, g) for n, (o, g) in self.offsets.items()}
        free = sorted(n for n in self.freed if n not in rows and n != 0)
        chain = free + [0]
        rows[0] = (0, chain[0], 65535)  # the head of the free list: strict readers want subsection 0
        for number, following in zip(free, chain[1:]):
            rows[number] = (0, following, min(self.freed[number] + 1, 65535))
        return rows


def _subsections(rows: dict[int, tuple[int, int, int]]) -> list[tuple[int, list[tuple[int, int, int]]]]:
    """Rows grouped into runs of consecutive object numbers."""
    runs: list[tuple[int, list[tuple[int, int, int]]]] = []
    last = None
    for number in sorted(rows):
        if runs and last == number - 1:
            runs[-1][1].append(rows[number])
        else:
            runs.append((number, [rows[number]]))
        last = number
    return runs
