"""Visual markings in spreadsheets (Calc); see formats/odf_markings.py for the contract.

A Calc page style's header and footer hold either paragraphs (the centre
part) or three regions, `style:region-left`, `-center` and `-right` (ODF
1.3, 16.4).  Our text is a paragraph of the automatic paragraph style
`LabelerMarking` in the region the marking's alignment names; a header
written as bare paragraphs becomes regions, its paragraphs the centre one,
which is what Calc reads them as.  Calc has no watermark in page styles, so
none is drawn; Calc's header and footer fields cannot show a document
property, so the text is plain text.
"""
from __future__ import annotations

from collections.abc import Mapping

from lxml import etree

from .markings import OUR_MARKING
from .model import VisualMarkings
from .odf_markings import (FOOTERS, HEADERS, container, header_or_footer, master_pages, q, remove_styles,
                           set_style, shown, text_align, text_props, variants)

_TEXT_STYLE = OUR_MARKING + "Text"  # the text style of our span, for size and colour
_PARTS = {"header": HEADERS, "footer": FOOTERS}
_REGIONS = ("style:region-left", "style:region-center", "style:region-right")
_REGION_OF = {"left": "style:region-left", "center": "style:region-center", "right": "style:region-right"}


def _ours(element: etree._Element, old_text: str | None = None) -> list[etree._Element]:
    """Our paragraphs: of our style, or (LibreOffice drops the style names of header paragraphs
    when it saves) of exactly the text our last label drew there."""
    return [p for p in element.iter(q("text:p")) if p.get(q("text:style-name")) == OUR_MARKING
            or (old_text and "".join(p.itertext()).strip() == old_text)]


def _remove_ours(master: etree._Element, old_texts: Mapping[str, str]) -> None:
    for part_name, names in _PARTS.items():
        for part in variants(master, names):
            ours = _ours(part, old_texts.get(part_name))
            if not ours:
                continue
            for p in ours:
                p.getparent().remove(p)
            for region in [r for r in part if r.tag in {q(n) for n in _REGIONS}]:
                if len(region) == 0:
                    part.remove(region)
            regions = [r for r in part if r.tag in {q(n) for n in _REGIONS}]
            if len(regions) == 1 and regions[0].tag == q("style:region-center") and len(part) == 1:
                # Back to bare paragraphs, as it was before we added a region.
                center = regions[0]
                part.remove(center)
                part.extend(list(center))
            if len(part) == 0 and part.getparent() is master:
                master.remove(part)


def _region(part: etree._Element, align: str) -> etree._Element:
    regions = {q(n) for n in _REGIONS}
    loose = [child for child in part if child.tag not in regions]
    if loose:
        # Bare paragraphs are the centre region: say so, to add a region beside them.
        center = part.find(q("style:region-center"))
        if center is None:
            center = etree.Element(q("style:region-center"))
            part.insert(part.index(loose[0]), center)
        for child in loose:
            center.append(child)
    name = _REGION_OF.get(align, "style:region-center")
    region = part.find(q(name))
    if region is None:
        region = etree.Element(q(name))
        order = _REGIONS.index(name)
        index = sum(1 for child in part if child.tag in {q(n) for n in _REGIONS[:order]})
        part.insert(index, region)
    return region


def plan(root: etree._Element, markings: VisualMarkings | None, policy: str | None,
         lo_policies: set[str], old_texts: Mapping[str, str]) -> dict[str, str]:
    masters = master_pages(root)
    for master in masters:
        _remove_ours(master, old_texts)
    auto = root.find(q("office:automatic-styles"))
    if markings is None:
        remove_styles(auto, {OUR_MARKING, _TEXT_STYLE})
        return {}
    wanted = {k: v for k, v in markings.parts().items() if k in _PARTS}
    drawn: dict[str, str] = {}
    for master in masters:
        for part_name, text in wanted.items():
            main = header_or_footer(master, _PARTS[part_name][0])
            if not shown(main):
                continue  # the page style's header is switched off: the document's choice
            for part in [main, *[v for v in variants(master, _PARTS[part_name][1:]) if shown(v)]]:
                p = etree.SubElement(_region(part, markings.style.align), q("text:p"))
                p.set(q("text:style-name"), OUR_MARKING)
                span = etree.SubElement(p, q("text:span"))
                span.set(q("text:style-name"), _TEXT_STYLE)
                span.text = text
            drawn[part_name] = text
    if drawn:
        auto = container(root, "office:automatic-styles")
        style = markings.style
        set_style(auto, OUR_MARKING, "paragraph",
                  [("style:paragraph-properties", {"fo:text-align": text_align(style.align)}),
                   ("style:text-properties", text_props(style.font_size, style.color))])
        set_style(auto, _TEXT_STYLE, "text", [("style:text-properties", text_props(style.font_size, style.color))])
    else:
        remove_styles(auto, {OUR_MARKING, _TEXT_STYLE})
    return drawn


def found(root: etree._Element, old_texts: Mapping[str, str]) -> tuple[str, ...]:
    parts = []
    for part_name, names in _PARTS.items():
        if any("".join(p.itertext()).strip() for master in master_pages(root)
               for part in variants(master, names) for p in _ours(part, old_texts.get(part_name))):
            parts.append(part_name)
    return tuple(parts)
