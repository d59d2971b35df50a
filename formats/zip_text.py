"""Text out of ZIP packages (OOXML, ODF): members read in chunks, XML parsed as a stream.

Large XML parts are parsed as a stream (lxml pull parser, no DTD, no
entities, no network) and forgotten as they go; every chunk is counted
against the caller's limit (formats/text.py).  The families' own modules
(ooxml_text.py, odf_text.py) say which parts and elements hold text.
"""
from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path
from collections.abc import Callable, Iterable, Iterator

from lxml import etree

from . import errors
from .errors import FormatError
from .text import TextLimit
from .zippkg import ZipPackage

_CHUNK = 64 * 1024
_UNSAFE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def local(tag) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


class Member:
    """One package member read in chunks, bounded by the limit."""

    def __init__(self, zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: TextLimit, package: str):
        self.zf, self.info, self.limit, self.package = zf, info, limit, package

    def chunks(self) -> Iterator[bytes]:
        what = f"{self.info.filename} in {self.package}"
        if self.info.flag_bits & 0x1:
            raise FormatError(errors.ENCRYPTED, f"{what} is encrypted.")
        try:
            with self.zf.open(self.info) as member:
                while True:
                    self.limit.check_time()
                    chunk = member.read(_CHUNK)
                    if not chunk:
                        return
                    self.limit.inflated(len(chunk))
                    yield chunk
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
            raise FormatError(errors.CORRUPT, f"{what} is damaged ({exc}).") from None


class ElementHandler:
    """A `stream_xml` callback with the elements it looks at: `tags`, local names in any namespace."""

    __slots__ = ("on_end", "tags")

    def __init__(self, on_end: Callable[[etree._Element], None], tags: Iterable[str]) -> None:
        self.on_end = on_end
        self.tags = frozenset(tags)

    def __call__(self, element: etree._Element) -> None:
        self.on_end(element)


def stream_xml(member: Member, on_end: Callable[[etree._Element], None]) -> None:
    """Parse a member as a stream, calling `on_end` for each closed element it wants.

    `on_end.tags` (local names, any namespace; see `ElementHandler`) limits the
    callbacks to the elements the handler looks at, which keeps big parts fast.
    """
    tags = [f"{{*}}{name}" for name in sorted(getattr(on_end, "tags", ()))] or None
    parser = etree.XMLPullParser(events=("end",), tag=tags, resolve_entities=False, no_network=True,
                                 load_dtd=False, huge_tree=False, remove_comments=True, remove_pis=True)
    tail = b""
    what = f"{member.info.filename} in {member.package}"
    try:
        for chunk in member.chunks():
            if _UNSAFE.search(tail + chunk):
                raise FormatError(errors.UNSAFE_XML, f"{what} declares a DTD or entities, which a document "
                                                     "never needs; it was not read as a precaution.")
            tail = chunk[-16:]
            parser.feed(chunk)
            for _, element in parser.read_events():
                on_end(element)
        parser.close()
        for _, element in parser.read_events():
            on_end(element)
    except etree.XMLSyntaxError as exc:
        raise FormatError(errors.CORRUPT, f"{what} is not well-formed XML ({exc.msg}).") from None


def forget(element: etree._Element) -> None:
    """Free a processed element and the siblings before it."""
    element.clear(keep_tail=True)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def markup_handler(limit: TextLimit, text_tags: set[str], block_tags: set[str], tab_tags=frozenset(),
                   break_tags=frozenset(), skip_parents=frozenset()):
    """Text of elements named `text_tags`, read per block (`block_tags`), one line per block.

    A block nested in another (a text box in a paragraph) is read and
    emptied first, so the outer block does not read it twice.
    """
    wanted = [f"{{*}}{name}" for name in sorted(set(text_tags) | set(tab_tags) | set(break_tags))]

    def on_end(el: etree._Element) -> None:
        out = []
        for node in el.iter(*wanted):
            tag = node.tag
            name = tag[tag.rfind("}") + 1:]
            if name in text_tags:
                if node.text and (not skip_parents or local(node.getparent().tag) not in skip_parents):
                    out.append(node.text)
            elif name in tab_tags:
                out.append("\t")
            else:
                out.append("\n")
        out.append("\n")
        limit.add("".join(out))
        forget(el)
    return ElementHandler(on_end, block_tags)


def cell_number(value: str) -> str:
    """Spreadsheets write 123456782 as "123456782" but also as "1.23456782E8"."""
    if "E" in value or "e" in value:
        try:
            number = float(value)
        except ValueError:
            return value
        if number.is_integer() and abs(number) < 1e16:
            return str(int(number))
    return value


def open_package(path: Path) -> tuple[ZipPackage, zipfile.ZipFile]:
    """The package (strictly read directory) and a ZipFile to stream its members."""
    pkg = ZipPackage(path)  # FormatError if the ZIP directory cannot be read
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        pkg.close()
        raise FormatError(errors.CORRUPT, f"{path.name} is damaged ({exc}).") from None
    return pkg, zf


__all__ = ["Member", "cell_number", "forget", "local", "markup_handler", "open_package", "stream_xml"]
