"""The text of an Office document (Word, Excel, PowerPoint), for content hints.

Parts are found by their content type in [Content_Types].xml and read in a
stable order (body before headers, shared strings before sheets, slides in
their natural order), each as a stream (zip_text.py).
"""
from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from . import errors
from .errors import FormatError
from .safexml import parse as parse_small_xml
from .text import TextLimit
from .zip_text import (ElementHandler, Member, cell_number, forget, local, markup_handler, open_package,
                       stream_xml)
from .zippkg import ZipPackage

_HEADER_FOOTER = {"oddHeader", "evenHeader", "firstHeader", "oddFooter", "evenFooter", "firstFooter"}


def _sheet_handler(limit: TextLimit):
    """Cell values row by row: numbers, formula strings, inline strings (shared ones are read apart)."""
    def on_end(el: etree._Element) -> None:
        name = local(el.tag)
        if name != "row":  # page headers and footers
            limit.add((el.text or "") + "\n")
            return
        out = []
        for cell in el:
            kind = cell.get("t")
            if kind == "inlineStr":
                out.extend(cell.itertext("{*}t"))
            elif kind not in ("s", "b", "e"):
                value = cell.findtext("{*}v")
                if value:
                    out.append(cell_number(value.strip()) if kind in (None, "n") else value)
            out.append("\n")
        limit.add("".join(out))
        forget(el)
    return ElementHandler(on_end, {"row"} | _HEADER_FOOTER)


# The parts whose text we read, by the words that name an application's content types: the ending of
# a part's content type, the part's place in the order of reading, and how it is read.  The first
# ending that fits decides.
_PART_KINDS: tuple[tuple[tuple[str, ...], tuple[tuple[str, int, str], ...]], ...] = (
    (("wordprocessingml", "ms-word"), (("document.main+xml", 0, "word"), ("template.main+xml", 0, "word"),
                                       ("macroenabled.main+xml", 0, "word"), ("header+xml", 3, "word"),
                                       ("footer+xml", 4, "word"), ("footnotes+xml", 5, "word"),
                                       ("endnotes+xml", 6, "word"), ("comments+xml", 7, "word"))),
    (("spreadsheetml", "ms-excel"), (("sharedstrings+xml", 0, "shared-strings"), ("worksheet+xml", 1, "sheet"),
                                     ("comments+xml", 2, "shared-strings"))),
    (("presentationml", "ms-powerpoint"), (("slide+xml", 0, "slide"), ("notesslide+xml", 1, "slide"),
                                           ("comments+xml", 2, "slide-comments"))),
)


def _part_kind(content_type: str) -> tuple[int, str] | None:
    ct = content_type.lower()
    for words, endings in _PART_KINDS:
        if any(word in ct for word in words):
            for ending, order, kind in endings:
                if ct.endswith(ending):
                    return order, kind
    return None


def _natural(name: str):
    return [int(p) if p.isdigit() else p.lower() for p in re.split(r"(\d+)", name)]


def _content_types(pkg: ZipPackage) -> dict[str, str]:
    """Part name (without leading slash) -> content type, from [Content_Types].xml."""
    name = pkg.find("[Content_Types].xml")
    if name is None:
        raise FormatError(errors.CORRUPT, f"{pkg.path.name} has no [Content_Types].xml; it is damaged.")
    root = parse_small_xml(pkg.read(name), name)
    defaults, types = {}, {}
    for el in root:
        if local(el.tag) == "Default" and el.get("Extension") and el.get("ContentType"):
            defaults[el.get("Extension").lower()] = el.get("ContentType")
        elif local(el.tag) == "Override" and el.get("PartName") and el.get("ContentType"):
            types[el.get("PartName").lstrip("/").lower()] = el.get("ContentType")
    result = {}
    for member in pkg.names():
        ct = types.get(member.lower()) or defaults.get(member.rpartition(".")[2].lower())
        if ct:
            result[member] = ct
    return result


def _handler(kind: str, limit: TextLimit):
    if kind == "word":
        return markup_handler(limit, {"t", "delText"}, {"p"}, tab_tags={"tab"}, break_tags={"br", "cr"})
    if kind == "shared-strings":
        return markup_handler(limit, {"t"}, {"si", "comment"}, skip_parents={"rPh"})
    if kind == "sheet":
        return _sheet_handler(limit)
    if kind == "slide":
        return markup_handler(limit, {"t"}, {"p"}, break_tags={"br"})
    return markup_handler(limit, {"text"}, {"cm"})  # presentation comments


def extract_text(path: Path, limit: TextLimit) -> None:
    """Feed the text of the Office document at `path` to `limit`."""
    pkg, zf = open_package(path)
    with pkg, zf:
        parts = []
        for member, content_type in _content_types(pkg).items():
            kind = _part_kind(content_type)
            if kind is not None:
                parts.append((kind[0], _natural(member), member, kind[1]))
        infos = {i.filename: i for i in zf.infolist()}
        for _, _, member, part_kind in sorted(parts):
            if member in infos:
                stream_xml(Member(zf, infos[member], limit, path.name), _handler(part_kind, limit))
