"""Visual markings in text documents (Writer); see formats/odf_markings.py for the contract.

What LibreOffice's classification writes, and so what we write
(sw/source/core/edit/edfcol.cxx: SwEditShell::SetClassification and
SetWatermark, LibreOffice 7.4, checked against a file it saved):

- every page style gets a header and a footer; at their end a field
  `<text:user-defined text:name="urn:bails:IntellectualProperty:Marking:document-header">`
  (`…:document-footer`) showing the property of that name;
- the watermark is a fontwork custom shape named `PowerPlusWaterMarkObject`,
  anchored to a character of the header, running through the page behind
  the text, centred on the page area, rotated 45°.

Ours are paragraphs of the paragraph style `LabelerMarking`, appended to
the header / footer (and to the left-page and first-page variants when the
page style has them), and the watermark is named
`PowerPlusWaterMarkObjectLabelerMarking` (LibreOffice's watermark dialog
finds it by its prefix).  A header or footer that held nothing but ours was
ours, and goes with them.  Without a TSCP category the text is plain text,
since there is no property to bind a field to.
"""
from __future__ import annotations

from collections.abc import Mapping

from lxml import etree

from .markings import OUR_MARKING
from .model import VisualMarkings
from .odf_markings import (FOOTERS, HEADERS, NS, cm, container, header_or_footer, is_ours, master_pages,
                           page_box, q, remove_keeping_tail, remove_styles, set_style, shown, text_align,
                           text_props, variants)

WATERMARK_NAME = "PowerPlusWaterMarkObject" + OUR_MARKING
_WATERMARK_STYLE = OUR_MARKING + "Watermark"  # graphic, in styles.xml's automatic styles
_WATERMARK_TEXT = OUR_MARKING + "WatermarkText"  # paragraph, likewise

_DRAW = f"{{{NS['draw']}}}"
_FIELD = {"header": "Marking:document-header", "footer": "Marking:document-footer"}


def _our_paragraphs(region: etree._Element) -> list[etree._Element]:
    return [p for p in region.iter(q("text:p"), q("text:h")) if p.get(q("text:style-name")) == OUR_MARKING]


def _paragraph_text(p: etree._Element) -> str:
    """The text of a paragraph without the text inside its shapes."""
    parts = [p.text or ""]
    for child in p:
        if not isinstance(child.tag, str) or child.tag.startswith(_DRAW):
            parts.append(child.tail or "")
        else:
            parts.append("".join(child.itertext()) + (child.tail or ""))
    return "".join(parts)


def _remove_ours(master: etree._Element, lo_fields: set[str]) -> None:
    for names in (HEADERS, FOOTERS):
        present = variants(master, names)
        for region in present:
            had_ours = False
            for shape in [el for el in region.iter(f"{_DRAW}*") if is_ours(el)]:
                if shape.getparent() is not None:
                    remove_keeping_tail(shape)
                    had_ours = True
            for p in _our_paragraphs(region):
                p.getparent().remove(p)
                had_ours = True
            for field in list(region.iter(q("text:user-defined"))):
                if field.get(q("text:name")) in lo_fields:
                    remove_keeping_tail(field)
            if had_ours and len(region) == 0 and not (region.text or "").strip():
                master.remove(region)
        # The left and first-page variants of a header that was ours alone mean nothing without it.
        if master.find(q(names[0])) is None:
            for region in present[1:]:
                if region.getparent() is master and len(region) == 0 and not shown(region):
                    master.remove(region)


def _watermark(text: str, markings: VisualMarkings, box: tuple[float, ...]) -> etree._Element:
    """LibreOffice's watermark shape (lcl_placeWatermarkInHeader), sized for `text`."""
    width_page, height_page, left, right, top, bottom = box
    size_cm = markings.style.watermark_font_size * 2.54 / 72
    width, height = 0.6 * size_cm * max(len(text), 1), 1.15 * size_cm
    room = max(min(width_page - left - right, height_page - top - bottom), 1.0)
    if width > room:
        width, height = room, height * room / width
    shape = etree.Element(q("draw:custom-shape"))
    shape.set(q("text:anchor-type"), "char")
    shape.set(q("draw:name"), WATERMARK_NAME)
    shape.set(q("draw:style-name"), _WATERMARK_STYLE)
    shape.set(q("draw:text-style-name"), _WATERMARK_TEXT)
    shape.set(q("svg:width"), cm(width))
    shape.set(q("svg:height"), cm(height))
    shape.set(q("draw:transform"), "rotate (0.785398163397448)")
    etree.SubElement(shape, q("text:p")).text = text
    geometry = etree.SubElement(shape, q("draw:enhanced-geometry"))
    for attr, value in (("svg:viewBox", "0 0 21600 21600"), ("draw:text-areas", "0 0 21600 21600"),
                        ("draw:text-path", "true"), ("draw:type", "fontwork-plain-text"),
                        ("draw:modifiers", "10800"),
                        ("draw:enhanced-path", "M ?f3 0 L ?f5 0 N M ?f6 21600 L ?f7 21600 N")):
        geometry.set(q(attr), value)
    for name, formula in (("f0", "$0 -10800"), ("f1", "?f0 *2"), ("f2", "abs(?f1 )"), ("f3", "if(?f1 ,0,?f2 )"),
                          ("f4", "21600-?f2 "), ("f5", "if(?f1 ,?f4 ,21600)"), ("f6", "if(?f1 ,?f2 ,0)"),
                          ("f7", "if(?f1 ,21600,?f4 )")):
        equation = etree.SubElement(geometry, q("draw:equation"))
        equation.set(q("draw:name"), name)
        equation.set(q("draw:formula"), formula)
    handle = etree.SubElement(geometry, q("draw:handle"))
    handle.set(q("draw:handle-position"), "$0 21600")
    handle.set(q("draw:handle-range-x-minimum"), "6629")
    handle.set(q("draw:handle-range-x-maximum"), "14971")
    return shape


def _paragraph(text: str | None, field: str | None) -> etree._Element:
    p = etree.Element(q("text:p"))
    p.set(q("text:style-name"), OUR_MARKING)
    if text and field:
        el = etree.SubElement(p, q("text:user-defined"))
        el.set(q("text:name"), field)
        el.text = text
    elif text:
        p.text = text
    return p


def plan(root: etree._Element, markings: VisualMarkings | None, policy: str | None,
         lo_policies: set[str], old_texts: Mapping[str, str]) -> dict[str, str]:
    lo_fields = {f"urn:bails:{p}:{_FIELD[part]}" for p in lo_policies for part in _FIELD}
    if policy is not None:
        # A field bound to the property we write would show our text a second time.
        lo_fields |= {f"urn:bails:{policy}:{_FIELD[part]}" for part in _FIELD}
    masters = master_pages(root)
    for master in masters:
        _remove_ours(master, lo_fields)
    if markings is None:
        _styles(root, None, False)
        return {}
    wanted = markings.parts()
    drawn: dict[str, str] = {}
    for master in masters:
        if "header" in wanted or "watermark" in wanted:
            header = header_or_footer(master, "style:header")
            if shown(header):
                for region in [header, *[v for v in variants(master, HEADERS[1:]) if shown(v)]]:
                    p = _paragraph(wanted.get("header"), policy and f"urn:bails:{policy}:{_FIELD['header']}")
                    if "watermark" in wanted:
                        p.append(_watermark(wanted["watermark"], markings, page_box(root, master)))
                    region.append(p)
                drawn.update({k: wanted[k] for k in ("header", "watermark") if k in wanted})
        if "footer" in wanted:
            footer = header_or_footer(master, "style:footer")
            if shown(footer):
                for region in [footer, *[v for v in variants(master, FOOTERS[1:]) if shown(v)]]:
                    region.append(_paragraph(wanted["footer"], policy and f"urn:bails:{policy}:{_FIELD['footer']}"))
                drawn["footer"] = wanted["footer"]
    _styles(root, markings if drawn else None, "watermark" in drawn)
    return drawn


def _styles(root: etree._Element, markings: VisualMarkings | None, watermark: bool) -> None:
    """Our paragraph style (and the watermark's automatic styles) while ours are drawn."""
    styles, auto = root.find(q("office:styles")), root.find(q("office:automatic-styles"))
    if markings is None:
        remove_styles(styles, {OUR_MARKING})
    else:
        style = markings.style
        set_style(container(root, "office:styles"), OUR_MARKING, "paragraph",
                  [("style:paragraph-properties", {"fo:text-align": text_align(style.align)}),
                   ("style:text-properties", text_props(style.font_size, style.color))],
                  {"style:display-name": OUR_MARKING, "style:class": "extra"})
    if not watermark or markings is None:
        remove_styles(auto, {_WATERMARK_STYLE, _WATERMARK_TEXT})
        return
    auto = container(root, "office:automatic-styles")
    colour = markings.style.color
    set_style(auto, _WATERMARK_STYLE, "graphic", [("style:graphic-properties", {
        "draw:stroke": "none", "draw:fill": "solid", "draw:fill-color": colour, "draw:opacity": "50%",
        "draw:auto-grow-height": "false", "draw:auto-grow-width": "false",
        "style:run-through": "background", "style:wrap": "run-through",
        "style:number-wrapped-paragraphs": "no-limit", "style:vertical-pos": "middle",
        "style:vertical-rel": "page-content", "style:horizontal-pos": "center",
        "style:horizontal-rel": "page-content", "draw:wrap-influence-on-position": "once-concurrent",
        "style:flow-with-text": "false"})])
    set_style(auto, _WATERMARK_TEXT, "paragraph", [("style:text-properties", {"fo:font-size": "1pt"})])


def found(root: etree._Element, old_texts: Mapping[str, str]) -> tuple[str, ...]:
    parts = set()
    for master in master_pages(root):
        for names, part in ((HEADERS, "header"), (FOOTERS, "footer")):
            for region in variants(master, names):
                if any(_paragraph_text(p).strip() for p in _our_paragraphs(region)):
                    parts.add(part)
                if part == "header" and any(el.get(q("draw:name")) == WATERMARK_NAME
                                            for el in region.iter(q("draw:custom-shape"))):
                    parts.add("watermark")
    return tuple(p for p in ("header", "footer", "watermark") if p in parts)
