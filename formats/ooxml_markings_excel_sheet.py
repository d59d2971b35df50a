"""The end of a sheet part, found streaming: where its `<headerFooter>` is or goes.

A worksheet can inflate to hundreds of megabytes, almost all of it
`<sheetData>`.  Everything that decides the header and footer comes after
it: the sheet is inflated once in bounded chunks, only the root start tag
(for its namespace declarations) and the bytes after the last
`</sheetData>` (or `<sheetData/>`) are kept, and that tail is read with
expat, which reports the byte position of each top-level element.  A change
is then a splice of the tail (zippkg.Spliced): the bytes before it are
copied through unchanged.

Bounds (refused with one sentence, the file left as it was):
- a sheet part that inflates to more than MAX_SHEET_BYTES (ZIP bomb guard);
- more than MAX_TAIL_BYTES after the sheet data (no real sheet has that much
  print setup, merge, validation and hyperlink XML);
- a root start tag not within the first MAX_HEAD_BYTES.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from xml.parsers import expat

from .errors import CORRUPT, TOO_LARGE, UNSUPPORTED, FormatError
from .zippkg import MAX_METADATA_BYTES, ZipPackage

MAX_SHEET_BYTES = 4 * 1024 * 1024 * 1024 - 1  # what a non-ZIP64 member can hold
MAX_TAIL_BYTES = MAX_METADATA_BYTES
MAX_HEAD_BYTES = 1024 * 1024
_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>'
_ROOT = re.compile(rb"<(?:([A-Za-z_][\w.-]*):)?(worksheet|chartsheet|dialogsheet|macrosheet)[\s>/]")
_ENCODING = re.compile(rb"""^<\?xml[^>]*?\sencoding\s*=\s*["']([^"']*)["']""")


@dataclass
class Child:
    """A top-level element of the tail: namespace, local name, byte span in the tail."""

    ns: str
    name: str
    start: int
    end: int  # where the next child (or the root's end tag) starts
    close: int  # just after the element's own end tag


@dataclass
class SheetTail:
    """What a sheet's end looks like."""

    name: str  # member name
    prefix: str  # "" or "x:": the prefix of the sheet's main namespace
    ns: str  # the sheet's main namespace
    root_start: bytes  # the root start tag, as written
    keep: int  # uncompressed bytes before the tail
    tail: bytes
    children: list[Child]
    root_end: int  # position of the root end tag in the tail


def _refuse(kind: str, why: str) -> FormatError:
    return FormatError(kind, why)


def tag_end(data: bytes, at: int) -> int:
    """Just after the `>` that ends the tag starting at or before `at` (quoted values skipped); -1 if none."""
    quote = None
    for i in range(at, len(data)):
        c = data[i:i + 1]
        if quote:
            if c == quote:
                quote = None
        elif c in (b'"', b"'"):
            quote = c
        elif c == b">":
            return i + 1
    return -1


def _root_start(head: bytes) -> tuple[bytes, str, int] | None:
    """The root start tag, its prefix and where it ends, once `head` holds it."""
    match = _ROOT.search(head)
    if match is None:
        return None
    end = tag_end(head, match.end() - 1)
    if end < 0:
        return None
    return head[match.start(): end], (match.group(1) or b"").decode(), end


def read_tail(package: ZipPackage, name: str) -> SheetTail:
    """Stream sheet part `name` and return its tail (see the module's docstring)."""
    where = f"{name} in {package.path.name}"
    head = b""
    root: tuple[bytes, str, int] | None = None
    marker: re.Pattern | None = None
    window = b""  # bytes after the last sheet data end seen (or, before one, the last few)
    window_start = 0  # absolute position of window[0]
    found_end = False
    lost = False  # bytes of the body were dropped before any sheet data end was seen
    position = 0
    for chunk in package.stream(name, limit=MAX_SHEET_BYTES):
        position += len(chunk)
        if root is None:
            head += chunk
            if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00", b"<\x00")):
                raise _refuse(UNSUPPORTED, f"{where} is not UTF-8 text, so its header and footer cannot be "
                                           "changed in place; the file was left as it was.")
            declared = _ENCODING.match(head.removeprefix(b"\xef\xbb\xbf"))
            if declared and declared.group(1).lower() not in (b"utf-8", b"utf8"):
                raise _refuse(UNSUPPORTED, f"{where} is written in the {declared.group(1).decode('ascii', 'replace')} "
                                           "text encoding, so its header and footer cannot be changed in place; "
                                           "the file was left as it was.")
            if re.search(rb"<!\s*(DOCTYPE|ENTITY)", head, re.IGNORECASE):
                raise FormatError(CORRUPT, f"{where} declares a DTD, which a sheet never needs; the file was left "
                                           "as it was.")
            root = _root_start(head)
            if root is None:
                if len(head) > MAX_HEAD_BYTES:
                    raise FormatError(CORRUPT, f"{where} does not start like a sheet; the file was left as it was.")
                continue
            prefix = re.escape(root[1].encode() + b":") if root[1] else b""
            marker = re.compile(rb"</" + prefix + rb"sheetData\s*>|<" + prefix + rb"sheetData\s*/>")
            window_start = root[2]
            window = head[root[2]:]
            search_from = 0
        else:
            search_from = max(0, len(window) - 64)
            window += chunk
        assert marker is not None  # compiled once the root start tag was read
        last = None
        for match in marker.finditer(window, search_from):
            last = match
        if last is not None:
            found_end = True
            window_start += last.end()
            window = window[last.end():]
        if len(window) > MAX_TAIL_BYTES:
            if found_end:
                raise FormatError(TOO_LARGE, f"{where} holds more than {MAX_TAIL_BYTES:,} bytes after its cells, "
                                             "more than the header and footer can be changed in; the file was "
                                             "left as it was.")
            window_start += len(window) - 64
            window = window[-64:]
            lost = True
    if root is None:
        raise FormatError(CORRUPT, f"{where} does not start like a sheet; the file was left as it was.")
    if lost and not found_end:
        raise FormatError(CORRUPT, f"{where} has no sheet data end where one was expected; the file was left "
                                   "as it was.")
    return _tail(name, where, root[0], root[1], window_start, window)


def _tail(name: str, where: str, root_start: bytes, prefix: str, keep: int, tail: bytes) -> SheetTail:
    children, root_end, ns = children_of(root_start, tail, where)
    return SheetTail(name, f"{prefix}:" if prefix else "", ns, root_start, keep, tail, children, root_end)


def children_of(root_start: bytes, tail: bytes, where: str) -> tuple[list[Child], int, str]:
    """The top-level elements of `tail` read after `root_start`, the root end tag's position, the root's namespace."""
    document = _DECLARATION + root_start + tail
    offset = len(_DECLARATION) + len(root_start)
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    depth = 0
    starts: list[tuple[str, str, int]] = []
    closes: list[int] = []
    root_ns = ""
    root_end = -1

    def refuse_dtd(*_args):
        raise FormatError(CORRUPT, f"{where} declares a DTD, which a sheet never needs; the file was left as it was.")

    def start(tag, _attrs):
        nonlocal depth, root_ns
        ns, _, local = tag.rpartition(" ")
        if depth == 0:
            root_ns = ns
        elif depth == 1:
            starts.append((ns, local, parser.CurrentByteIndex - offset))
        depth += 1

    def end(_tag):
        nonlocal depth, root_end
        depth -= 1
        if depth == 1:
            # An empty-element tag (<x/>) is its own end; else the end tag starts here.
            begin = starts[-1][2] + offset
            own = tag_end(document, begin)
            closes.append((own if document[own - 2:own] == b"/>" else
                           tag_end(document, parser.CurrentByteIndex)) - offset)
        elif depth == 0:
            root_end = parser.CurrentByteIndex - offset

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.StartDoctypeDeclHandler = refuse_dtd
    parser.EntityDeclHandler = refuse_dtd
    try:
        parser.Parse(document, True)
    except expat.ExpatError as exc:
        raise FormatError(CORRUPT, f"{where} is not well-formed XML ({expat.ErrorString(exc.code)}); the file "
                                   "was left as it was.") from None
    if root_end < 0:
        raise FormatError(CORRUPT, f"{where} is not well-formed XML; the file was left as it was.")
    children = [Child(ns, local, s, (starts[i + 1][2] if i + 1 < len(starts) else root_end), closes[i])
                for i, (ns, local, s) in enumerate(starts)]
    return children, root_end, root_ns
