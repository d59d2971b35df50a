"""Reading a PDF's page tree for the visual markings: every page, and which of its content streams are ours.

Only the small objects are read: the page tree, the first bytes of each
content stream (to tell ours from the document's) and our own streams.
formats/pdf_markings.py decides and writes the markings from what this finds.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from pypdf.generic import (
    ArrayObject,
    ContentStream,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NullObject,
    StreamObject,
    TextStringObject,
)

from .model import FOOTER, HEADER, MARKING_PARTS, WATERMARK

MARK = NameObject("/LabelerMarking")
_SUBTYPE = {HEADER: "Header", FOOTER: "Footer", WATERMARK: "Watermark"}
_PART_OF = {v: k for k, v in _SUBTYPE.items()}
_PEEK = 2048  # bytes read at a content stream's offset to tell ours from the document's
_OBJ_HEADER = re.compile(rb"\s*(\d+)\s+(\d+)\s+obj\b\s*")
_MAX_DEPTH = 64
_LETTER = (0.0, 0.0, 612.0, 792.0)  # what readers assume for a page without a usable /MediaBox


class Unusual(Exception):
    """A page tree we do not draw on (direct page objects, a cycle, absurd nesting)."""


@dataclass
class Page:
    ref: IndirectObject
    page: DictionaryObject  # raw entries
    resources: DictionaryObject  # resolved: the page's own or inherited (empty when none)
    box: tuple[float, float, float, float]  # what is shown: CropBox within MediaBox
    rotate: int  # 0, 90, 180, 270
    contents: list[IndirectObject]  # every content stream, in order
    ours: list[IndirectObject]  # those of them that are ours


def _number(value) -> float:
    value = value.get_object() if hasattr(value, "get_object") else value
    return float(value)


def _rect(value) -> tuple[float, float, float, float] | None:
    try:
        value = value.get_object()
        if len(value) != 4:
            return None
        a, b, c, d = (_number(v) for v in value)
    except Exception:
        return None
    box = (min(a, c), min(b, d), max(a, c), max(b, d))
    return box if box[2] - box[0] > 1 and box[3] - box[1] > 1 and all(map(math.isfinite, box)) else None


def _shown_box(media, crop) -> tuple[float, float, float, float]:
    media_box = _rect(media) if media is not None else None
    media_box = media_box or _LETTER
    crop_box = _rect(crop) if crop is not None else None
    if crop_box is None:
        return media_box
    box = (max(media_box[0], crop_box[0]), max(media_box[1], crop_box[1]),
           min(media_box[2], crop_box[2]), min(media_box[3], crop_box[3]))
    return box if box[2] - box[0] > 1 and box[3] - box[1] > 1 else media_box


def _rotation(value) -> int:
    try:
        return int(round(_number(value) / 90)) % 4 * 90
    except Exception:
        return 0


def peek(reader, ref: IndirectObject) -> bytes | None:
    """The first bytes of an uncompressed object after `N G obj`; None when in an object stream."""
    if ref.generation == 0 and ref.idnum in reader.xref_objStm:
        return None
    offset = reader.xref.get(ref.generation, {}).get(ref.idnum)
    if offset is None:
        return b""
    stream = reader.stream
    stream.seek(offset)
    head = stream.read(_PEEK)
    match = _OBJ_HEADER.match(head)
    if not match or (int(match.group(1)), int(match.group(2))) != (ref.idnum, ref.generation):
        return b""
    return head[match.end():]


def _is_ours(reader, ref: IndirectObject) -> bool:
    head = peek(reader, ref)
    if head:
        return b"/LabelerMarking" in head.split(b"stream", 1)[0]
    obj = ref.get_object()  # compressed or unusual: never a big content stream
    return isinstance(obj, DictionaryObject) and MARK in obj


def _contents(reader, page: DictionaryObject) -> list[IndirectObject]:
    if "/Contents" not in page:
        return []
    raw = page.raw_get("/Contents")
    if isinstance(raw, IndirectObject):
        head = peek(reader, raw)
        if head is not None and head.startswith(b"<<"):
            return [raw]  # one stream, left unread
        target = raw.get_object()  # an array of streams (small), or an object pypdf had to look for
        if isinstance(target, StreamObject):
            return [raw]
        if target is None or isinstance(target, NullObject):
            return []
        raw = target
    if not isinstance(raw, ArrayObject) or not all(isinstance(item, IndirectObject) for item in raw):
        raise Unusual
    return list(raw)


def pages(reader) -> list[Page]:
    """Every page, with what it inherits from the page tree."""
    root = reader.trailer["/Root"].get_object()
    top = root.raw_get("/Pages") if isinstance(root, DictionaryObject) and "/Pages" in root else None
    if not isinstance(top, IndirectObject):
        raise Unusual
    result: list[Page] = []
    seen: set[tuple[int, int]] = set()

    def visit(ref, inherited: dict, depth: int) -> None:
        if not isinstance(ref, IndirectObject) or depth > _MAX_DEPTH:
            raise Unusual
        if (ref.idnum, ref.generation) in seen:
            raise Unusual  # a page (or node) that appears twice: one new object could not serve both
        seen.add((ref.idnum, ref.generation))
        node = ref.get_object()
        if not isinstance(node, DictionaryObject):
            raise Unusual
        here = dict(inherited)
        for key in ("/Resources", "/MediaBox", "/CropBox", "/Rotate"):
            if key in node:
                here[key] = node.raw_get(key)
        if node.get("/Type") == "/Pages" or "/Kids" in node:
            kids = node.get("/Kids")
            if not isinstance(kids, ArrayObject):
                raise Unusual
            for kid in kids:
                visit(kid, here, depth + 1)
            return
        resources = here.get("/Resources")
        resources = resources.get_object() if resources is not None else None
        contents = _contents(reader, node)
        result.append(Page(ref, node, resources if isinstance(resources, DictionaryObject) else DictionaryObject(),
                           _shown_box(here.get("/MediaBox"), here.get("/CropBox")),
                           _rotation(here.get("/Rotate", 0)), contents,
                           [c for c in contents if _is_ours(reader, c)]))

    visit(top, {}, 0)
    return result


def _stream_parts(reader, ref: IndirectObject, cache: dict) -> dict[str, str]:
    """part → text drawn by one of our content streams."""
    key = (ref.idnum, ref.generation)
    if key not in cache:
        found: dict[str, str] = {}
        stream = ref.get_object()
        part = None
        if isinstance(stream, StreamObject):
            for operands, operator in ContentStream(stream, reader).operations:
                if operator == b"BDC" and len(operands) == 2 and operands[0] == "/Artifact":
                    props = operands[1].get_object()
                    subtype = str(props.get("/Subtype", ""))[1:] if isinstance(props, DictionaryObject) else None
                    part = _PART_OF.get(subtype) if subtype is not None else None
                elif operator == b"EMC":
                    part = None
                elif operator == b"Tj" and part is not None and operands:
                    text = operands[0]
                    raw = text.get_original_bytes() if isinstance(text, TextStringObject) else bytes(text)
                    found[part] = found.get(part, "") + raw.decode("cp1252", "replace")
        cache[key] = found
    return cache[key]


def page_parts(reader, page: Page, cache: dict) -> dict[str, str]:
    found: dict[str, str] = {}
    for ref in page.ours:
        found.update(_stream_parts(reader, ref, cache))
    return found


def found(reader, page_list: list[Page] | None = None) -> tuple[str, ...]:
    """Our marking parts on any page ("header", "footer", "watermark")."""
    cache: dict = {}
    present: set[str] = set()
    for page in pages(reader) if page_list is None else page_list:
        present |= page_parts(reader, page, cache).keys()
    return tuple(part for part in MARKING_PARTS if part in present)


def _our_names(group) -> set[str]:
    """Names in a resource sub-dictionary (/Font, /ExtGState) that lead to our objects."""
    group = group.get_object() if group is not None else None
    if not isinstance(group, DictionaryObject):
        return set()
    names = set()
    for name, value in group.items():
        try:
            obj = value.get_object()
        except Exception:
            continue
        if isinstance(obj, DictionaryObject) and MARK in obj and not isinstance(obj, StreamObject):
            names.add(str(name))
    return names


def _used_names(page: Page, key: str) -> set[str]:
    group = page.resources.get(key)
    return set(map(str, group.keys())) - _our_names(group) if isinstance(group, DictionaryObject) else set()
