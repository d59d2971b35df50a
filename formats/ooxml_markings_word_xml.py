"""The XML of our visual markings inside Word header and footer parts.

What we draw (formats/ooxml_markings_word.py decides where):

- header or footer text: one paragraph of our own, its runs enclosed in a
  hidden bookmark (a name starting with "_", which Word does not list) named
  `_LabelerMarking_<n>`, or `_LabelerMarkingPart_<n>` when we added the
  whole header/footer part for it (so that removing the marking can remove
  the part and its references again).  python-docx, LibreOffice and Word see
  the text as an ordinary header/footer paragraph;
- watermark: a run holding a VML WordArt shape (`v:shape` of type
  `#_x0000_t136` with a `v:textpath`), the markup Word writes for its own
  watermarks, with the id `PowerPlusWaterMarkObjectLabelerMarking<n>`: Word
  (Design > Watermark) and LibreOffice treat it as a watermark, and the
  `LabelerMarking` in its id tells it from the document's own watermark.

Recognising ours is by those names only; everything else in a part (the
document's own header text, fields, images, its own watermark) is left as
it was.  Office's MIP client names its content markings (text boxes and
WordArt in headers and footers) `MSIPCM…` / `MSIPWM…` (e.g.
`MSIPCMContentMarking`, uiElementName `MSIPCM_v1_header`); those are found
by `office_markings`.
"""
from __future__ import annotations

import re

from lxml import etree

from .markings import OFFICE_MARKING, OUR_MARKING
from .model import MarkingStyle

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
V_NS = "urn:schemas-microsoft-com:vml"
O_NS = "urn:schemas-microsoft-com:office:office"
W10_NS = "urn:schemas-microsoft-com:office:word"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
XML_NS = "http://www.w3.org/XML/1998/namespace"


def w(local: str) -> str:
    return f"{{{W_NS}}}{local}"


def v(local: str) -> str:
    return f"{{{V_NS}}}{local}"


def o(local: str) -> str:
    return f"{{{O_NS}}}{local}"


# Hidden bookmarks (Word hides names that start with "_") around our paragraphs.
BOOKMARK = "_" + OUR_MARKING  # every bookmark of ours starts with this
BOOKMARK_IN_THEIR_PART = BOOKMARK + "_"  # our paragraph in the document's own header/footer
BOOKMARK_IN_OUR_PART = BOOKMARK + "Part_"  # our paragraph in a part we added
# Word's watermark shape name, with ours inside.
WORD_WATERMARK = "PowerPlusWaterMarkObject"
WATERMARK_ID = WORD_WATERMARK + OUR_MARKING
# Office's MIP content markings (header/footer text boxes, watermark WordArt).
OFFICE_PREFIXES = (OFFICE_MARKING, "MSIPCM", "MSIPWM")

_NSMAP = {"w": W_NS, "r": R_NS, "v": V_NS, "o": O_NS, "w10": W10_NS}
_ALIGN = {"left": "left", "center": "center", "right": "right"}
# Characters XML 1.0 cannot hold.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

# Word's shape type 136 (text on a path, "WordArt"), as Word writes it for a watermark.
_SHAPETYPE_136 = (
    f'<v:shapetype xmlns:v="{V_NS}" xmlns:o="{O_NS}" id="_x0000_t136" coordsize="21600,21600" '
    'o:spt="136" adj="10800" path="m@7,l@8,m@5,21600l@6,21600e"><v:formulas>'
    '<v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/>'
    '<v:f eqn="sum 0 0 @2"/><v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/>'
    '<v:f eqn="if @0 21600 @1"/><v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/>'
    '<v:f eqn="mid @5 @6"/><v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/><v:f eqn="mid @6 @7"/>'
    '<v:f eqn="sum @6 0 @5"/></v:formulas><v:path textpathok="t" o:connecttype="custom" '
    'o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" o:connectangles="270,180,90,0"/>'
    '<v:textpath on="t" fitshape="t"/><v:handles><v:h position="#0,bottomRight" xrange="6629,14971"/>'
    '</v:handles><o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>')


def clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def new_part(kind: str) -> etree._Element:
    """An empty header ("header") or footer ("footer") part's root."""
    return etree.Element(w("hdr" if kind == "header" else "ftr"), nsmap=_NSMAP)


# -- drawing ---------------------------------------------------------------------------------

def paragraph(text: str | None, style: MarkingStyle, bookmark_name: str, bookmark_id: int,
              watermark: etree._Element | None = None) -> etree._Element:
    """Our marking paragraph: `text` (lines and tabs kept) in the style, inside our bookmark."""
    p = etree.Element(w("p"), nsmap={"w": W_NS})
    ppr = etree.SubElement(p, w("pPr"))
    etree.SubElement(ppr, w("spacing"), {w("before"): "0", w("after"): "0"})
    etree.SubElement(ppr, w("jc"), {w("val"): _ALIGN.get(style.align, "center")})
    etree.SubElement(p, w("bookmarkStart"), {w("id"): str(bookmark_id), w("name"): bookmark_name})
    if watermark is not None:
        p.append(watermark)
    if text:
        r = etree.SubElement(p, w("r"))
        rpr = etree.SubElement(r, w("rPr"))
        color = style.color.lstrip("#").upper() or "000000"
        etree.SubElement(rpr, w("color"), {w("val"): color})
        size = str(max(2, round(style.font_size * 2)))  # half-points
        etree.SubElement(rpr, w("sz"), {w("val"): size})
        etree.SubElement(rpr, w("szCs"), {w("val"): size})
        for i, line in enumerate(clean(text).split("\n")):
            if i:
                etree.SubElement(r, w("br"))
            for j, piece in enumerate(line.split("\t")):
                if j:
                    etree.SubElement(r, w("tab"))
                if piece:
                    t = etree.SubElement(r, w("t"))
                    t.set(f"{{{XML_NS}}}space", "preserve")
                    t.text = piece
    etree.SubElement(p, w("bookmarkEnd"), {w("id"): str(bookmark_id)})
    return p


def watermark_run(text: str, style: MarkingStyle, number: int) -> etree._Element:
    """A run with a WordArt watermark, as Word draws its own (diagonal, half transparent, behind text).

    The text path fits the shape (`fitshape`), so the shape's size sets the
    letters' size: about `watermark_font_size` points high, as wide as the
    text needs, scaled down to fit 500 pt (the width of a text column on A4
    or Letter) when longer.
    """
    text = " ".join(clean(text).split())
    height = max(8.0, float(style.watermark_font_size))
    width = max(height, 0.6 * height * len(text))
    if width > 500.0:
        height, width = height * 500.0 / width, 500.0
    r = etree.Element(w("r"), nsmap={"w": W_NS, "v": V_NS, "o": O_NS, "w10": W10_NS})
    etree.SubElement(etree.SubElement(r, w("rPr")), w("noProof"))
    pict = etree.SubElement(r, w("pict"))
    pict.append(etree.fromstring(_SHAPETYPE_136))
    shape = etree.SubElement(pict, v("shape"), {
        "id": f"{WATERMARK_ID}{number}",
        "type": "#_x0000_t136",
        "style": ("position:absolute;margin-left:0;margin-top:0;"
                  f"width:{width:.2f}pt;height:{height:.2f}pt;rotation:315;z-index:-251654144;"
                  "mso-position-horizontal:center;mso-position-horizontal-relative:margin;"
                  "mso-position-vertical:center;mso-position-vertical-relative:margin"),
        o("allowincell"): "f",
        "fillcolor": "#" + (style.color.lstrip("#").upper() or "000000"),
        "stroked": "f",
    })
    etree.SubElement(shape, v("fill"), {"opacity": ".5"})
    etree.SubElement(shape, v("textpath"), {"style": 'font-family:"Calibri";font-size:1pt', "string": text})
    etree.SubElement(shape, f"{{{W10_NS}}}wrap", {"anchorx": "margin", "anchory": "margin"})
    return r


def put_first(root: etree._Element, element: etree._Element) -> None:
    root.insert(0, element)


def put_last(root: etree._Element, element: etree._Element) -> None:
    root.append(element)


def put_run_in_first_paragraph(root: etree._Element, run: etree._Element) -> bool:
    """Put `run` at the start of the part's first paragraph; False when it has none."""
    p = root.find(w("p"))
    if p is None:
        return False
    ppr = p.find(w("pPr"))
    p.insert(0 if ppr is None else p.index(ppr) + 1, run)
    return True


# -- finding and removing --------------------------------------------------------------------

def _our_bookmark(p: etree._Element) -> str | None:
    # Only the paragraph's own bookmarks: a text box inside it has paragraphs of its own.
    for start in p.findall(w("bookmarkStart")):
        name = start.get(w("name")) or ""
        if name.startswith(BOOKMARK):
            return name
    return None


def our_paragraphs(root: etree._Element) -> list[tuple[etree._Element, str]]:
    """Our marking paragraphs in a header/footer part, with their bookmark names."""
    result = []
    for p in root.iter(w("p")):
        name = _our_bookmark(p)
        if name is not None:
            result.append((p, name))
    return result


def our_watermarks(root: etree._Element) -> list[etree._Element]:
    """Our watermark shapes in a header part."""
    return [el for el in root.iter(v("shape")) if (el.get("id") or "").startswith(WATERMARK_ID)]


def paragraph_text(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(w("t")))


def _enclosing_run(el: etree._Element) -> etree._Element | None:
    return next((a for a in el.iterancestors(w("r"))), None)


def strip_ours(root: etree._Element) -> bool:
    """Remove our paragraphs and watermark runs; True when the part was one we added."""
    added = False
    for p, name in our_paragraphs(root):
        added = added or name.startswith(BOOKMARK_IN_OUR_PART)
        parent = p.getparent()
        if parent is not None:
            parent.remove(p)
    for shape in our_watermarks(root):
        run = _enclosing_run(shape)
        target = run if run is not None else shape
        if target.getparent() is not None:
            target.getparent().remove(target)
    return added


_GUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def _of_gone_label(description: str, gone: set[str]) -> bool:
    """Whether a marking belongs to a gone label: the GUIDs its description names, else the one replaced."""
    guids = {g.lower() for g in _GUID.findall(description)}
    return bool(guids & gone) if guids else bool(gone)


def office_markings(root: etree._Element, gone: set[str]) -> list[etree._Element]:
    """Office's MIP content markings of the `gone` labels in a header/footer part.

    A marking is a shape (DrawingML `wp:docPr` name, VML `id`) or content
    control (`w:tag`/`w:alias`) named MSIPCM…/MSIPWM…; what goes is the run
    or content control that holds it.  Its description (`descr`, `alt`)
    may name the label's GUID; one that names none belongs to the label
    being replaced, the only one Office marks with.
    """
    found: list[etree._Element] = []

    def add(el: etree._Element | None, description: str) -> None:
        if el is not None and _of_gone_label(description, gone) and not any(el is f for f in found):
            found.append(el)

    for docpr in root.iter(f"{{{WP_NS}}}docPr"):
        if (docpr.get("name") or "").startswith(OFFICE_PREFIXES):
            add(_enclosing_run(docpr), (docpr.get("descr") or "") + (docpr.get("title") or ""))
    for el in root.iter(f"{{{V_NS}}}*"):
        if (el.get("id") or "").startswith(OFFICE_PREFIXES):
            add(_enclosing_run(el), (el.get("alt") or "") + (el.get(o("title")) or ""))
    for sdt in root.iter(w("sdt")):
        pr = sdt.find(w("sdtPr"))
        if pr is None:
            continue
        names = [(c.get(w("val")) or "") for c in pr if c.tag in (w("tag"), w("alias"))]
        if any(n.startswith(OFFICE_PREFIXES) for n in names):
            add(sdt, " ".join(names))
    # Outermost only: removing one removes what it holds.
    return [el for el in found if not any(a in found for a in el.iterancestors())]


def strip_office(root: etree._Element, gone: set[str]) -> bool:
    removed = False
    for el in office_markings(root, gone):
        parent = el.getparent()
        if parent is not None:
            parent.remove(el)
            removed = True
    return removed


_EMPTY_PARAGRAPH_CHILDREN = {w("pPr"), w("bookmarkStart"), w("bookmarkEnd"), w("proofErr")}


def holds_nothing(root: etree._Element) -> bool:
    """Whether a header/footer part shows nothing: only paragraphs without runs or other content."""
    for child in root:
        if not isinstance(child.tag, str):
            continue
        if child.tag != w("p"):
            return False
        if any(isinstance(c.tag, str) and c.tag not in _EMPTY_PARAGRAPH_CHILDREN for c in child):
            return False
    return True


def ensure_block(root: etree._Element) -> None:
    """A header/footer part needs at least one paragraph (or other block) to be valid."""
    if not any(isinstance(c.tag, str) for c in root):
        etree.SubElement(root, w("p"))


def bookmark_ids(root: etree._Element) -> list[int]:
    ids = []
    for start in root.iter(w("bookmarkStart")):
        try:
            ids.append(int(start.get(w("id")) or ""))
        except ValueError:
            pass
    return ids
