"""Visual markings in presentations (Impress); see formats/odf_markings.py for the contract.

Every slide shows the shapes of its master page (`style:master-page` in
styles.xml, layer `backgroundobjects`, behind the slide's own content).
Ours are text frames on every master page named `LabelerMarking header`,
`LabelerMarking footer` and `LabelerMarking watermark`: the header along the
top edge, the footer along the bottom edge, the watermark centred and
turned 45°.  Their automatic styles in styles.xml are named after them.
The master pages' own header and footer placeholders (presentation:class
"header" / "footer") stay as they are.
"""
from __future__ import annotations

import math

from collections.abc import Mapping

from lxml import etree

from .markings import OUR_MARKING
from .model import VisualMarkings
from .odf_markings import (cm, container, master_pages, page_box, q, remove_styles, set_style, text_align,
                           text_props)

_NAMES = {part: f"{OUR_MARKING} {part}" for part in ("header", "footer", "watermark")}
_FRAME_STYLE = OUR_MARKING  # graphic: no line, no fill, no autogrow
_TEXT_STYLES = {"header": OUR_MARKING + "Header", "footer": OUR_MARKING + "Footer",
                "watermark": OUR_MARKING + "Watermark"}
_ANGLE = math.pi / 4


def _ours(master: etree._Element) -> list[etree._Element]:
    return [el for el in master if (el.get(q("draw:name")) or "").startswith(OUR_MARKING + " ")]


def _frame(part: str, text: str, x: float | None, y: float | None, width: float, height: float,
           transform: str | None = None) -> etree._Element:
    frame = etree.Element(q("draw:frame"))
    frame.set(q("draw:name"), _NAMES[part])
    frame.set(q("draw:style-name"), _FRAME_STYLE)
    frame.set(q("draw:text-style-name"), _TEXT_STYLES[part])
    frame.set(q("draw:layer"), "backgroundobjects")
    frame.set(q("svg:width"), cm(width))
    frame.set(q("svg:height"), cm(height))
    if transform:
        frame.set(q("draw:transform"), transform)
    elif x is not None and y is not None:
        frame.set(q("svg:x"), cm(x))
        frame.set(q("svg:y"), cm(y))
    box = etree.SubElement(frame, q("draw:text-box"))
    p = etree.SubElement(box, q("text:p"))
    p.set(q("text:style-name"), _TEXT_STYLES[part])
    p.text = text
    return frame


def _watermark_size(text: str, markings: VisualMarkings, boxes) -> float:
    """The watermark's font size in points: the scheme's, smaller where the text would not fit
    diagonally on the smallest page."""
    room = min(min(w, h) / math.sin(_ANGLE) * 0.85 for w, h, *_ in boxes)
    fits = room / (0.6 * max(len(text), 1)) * 72 / 2.54
    return max(min(markings.style.watermark_font_size, fits), 6.0)


def _frames(wanted: dict[str, str], markings: VisualMarkings, box: tuple[float, ...],
            watermark_pt: float) -> list[etree._Element]:
    width, height = box[0], box[1]
    line = markings.style.font_size * 2.54 / 72 * 1.6
    frames = []
    if "header" in wanted:
        frames.append(_frame("header", wanted["header"], 0.5, 0.1, width - 1.0, line))
    if "footer" in wanted:
        frames.append(_frame("footer", wanted["footer"], 0.5, height - line - 0.1, width - 1.0, line))
    if "watermark" in wanted:
        size = watermark_pt * 2.54 / 72
        w, h = 0.6 * size * max(len(wanted["watermark"]), 1) + 1.0, size * 1.6
        # ODF turns a shape about its top left corner (counter-clockwise on the page), then moves it:
        # move it so that its centre lands on the page's centre.
        cos, sin = math.cos(_ANGLE), math.sin(_ANGLE)
        cx, cy = w / 2 * cos + h / 2 * sin, -w / 2 * sin + h / 2 * cos
        transform = f"rotate ({_ANGLE!r}) translate ({width / 2 - cx:.3f}cm {height / 2 - cy:.3f}cm)"
        frames.append(_frame("watermark", wanted["watermark"], None, None, w, h, transform))
    return frames


def plan(root: etree._Element, markings: VisualMarkings | None, policy: str | None,
         lo_policies: set[str], old_texts: Mapping[str, str]) -> dict[str, str]:
    masters = master_pages(root)
    for master in masters:
        for frame in _ours(master):
            master.remove(frame)
    auto = root.find(q("office:automatic-styles"))
    if markings is None:
        remove_styles(auto, {_FRAME_STYLE, *_TEXT_STYLES.values()})
        return {}
    wanted = markings.parts()
    drawn: dict[str, str] = {}
    boxes = {id(master): page_box(root, master, portrait=(28.0, 15.75)) for master in masters}
    watermark_pt = _watermark_size(wanted["watermark"], markings, boxes.values()) if "watermark" in wanted else 0.0
    for master in masters if wanted else ():
        frames = _frames(wanted, markings, boxes[id(master)], watermark_pt)
        notes = master.find(q("presentation:notes"))
        for frame in frames:
            # Shapes come before the master page's notes page (ODF 1.3, 16.9).
            if notes is not None:
                notes.addprevious(frame)
            else:
                master.append(frame)
        drawn = dict(wanted)
    if drawn:
        auto = container(root, "office:automatic-styles")
        style = markings.style
        set_style(auto, _FRAME_STYLE, "graphic", [("style:graphic-properties", {
            "draw:stroke": "none", "draw:fill": "none", "draw:auto-grow-height": "false",
            "draw:auto-grow-width": "false", "draw:textarea-vertical-align": "middle",
            "fo:padding": "0cm"})])
        for part, name in _TEXT_STYLES.items():
            size = watermark_pt if part == "watermark" else style.font_size
            align = "center" if part == "watermark" else style.align
            set_style(auto, name, "paragraph",
                      [("style:paragraph-properties", {"fo:text-align": text_align(align)}),
                       ("style:text-properties", text_props(size, style.color))])
    else:
        remove_styles(auto, {_FRAME_STYLE, *_TEXT_STYLES.values()})
    return drawn


def found(root: etree._Element, old_texts: Mapping[str, str]) -> tuple[str, ...]:
    names = {el.get(q("draw:name")) for master in master_pages(root) for el in _ours(master)
             if "".join(el.itertext()).strip()}
    return tuple(part for part, name in _NAMES.items() if name in names)
