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


# Content types of the parts whose text we read, with their order of reading.
_WORD_PARTS = ("document.main+xml", "template.main+xml", "macroenabled.main+xml", "header+xml", "footer+xml",
               "footnotes+xml", "endnotes+xml", "comments+xml")


def _part_kind(content_type: str) -> tuple[int, str] | None:
    ct = content_type.lower()
    if "wordprocessingml" in ct or "ms-word" in ct:
        for order, suffix in enumerate(_WORD_PARTS):
            if ct.endswith(suffix):
                return (0 if order < 3 else order), "word"
    if "spreadsheetml" in ct or "ms-excel" in ct:
        if ct.endswith("sharedstrings+xml"):
            return 0, "shared-strings"
        if ct.endswith("worksheet+xml"):
            return 1, "sheet"
        if ct.endswith("comments+xml"):
            return 2, "shared-strings"
    if "presentationml" in ct or "ms-powerpoint" in ct:
        if ct.endswith("slide+xml"):
            return 0, "slide"
        if ct.endswith("notesslide+xml"):
            return 1, "slide"
        if ct.endswith("comments+xml"):
            return 2, "slide-comments"
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
