"""Visual markings in OpenDocument files: header, footer and watermark in the master pages.

Headers, footers and a text document's watermark live in styles.xml, in the
`style:master-page` elements of `office:master-styles`; each kind of
document has its own module with the same two functions as here:

- `plan(root, markings, policy, ...)` edits the parsed styles.xml so that
  exactly `markings` (None: none) of ours are in the document and returns
  the parts drawn (part → text);
- `found(root)` → the parts of ours present.

Writer (odf_markings_text.py) follows LibreOffice's own classification
(`.uno:ClassificationApply`, sw/source/core/edit/edfcol.cxx): a
`text:user-defined` field bound to the `urn:bails:…:Marking:document-header`
/ `-footer` property at the end of every page style's header and footer,
and a fontwork watermark shape named `PowerPlusWaterMarkObject…` anchored
in the header.  Calc (odf_markings_sheet.py) puts plain text into a header
or footer region; Impress (odf_markings_slides.py) puts text frames on every
master page.  Ours carry the name `LabelerMarking` (a paragraph style, a
shape name), so relabelling finds exactly them and the document's own
header, footer and watermark stay.

Only styles.xml changes (with meta.xml, which the handler writes); it is
read with a size bound, as every metadata part is.
"""
from __future__ import annotations

import re
from importlib import import_module
from types import ModuleType
from collections.abc import Iterable, Mapping

from lxml import etree

from . import labelprops, safexml
from .errors import ENCRYPTED, TOO_LARGE, FormatError
from .markings import OFFICE_MARKING, OUR_MARKING
from .model import WROTE_TSCP, LabelStamp, VisualMarkings
from .zippkg import MAX_METADATA_BYTES, ZipPackage

STYLES = "styles.xml"
# styles.xml grows with the number of styles; it is parsed whole, so bound it.
MAX_STYLES_BYTES = MAX_METADATA_BYTES

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    "presentation": "urn:oasis:names:tc:opendocument:xmlns:presentation:1.0",
    "loext": "urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0",
}


def q(name: str) -> str:
    """'style:name' → '{urn:…style…}name'."""
    prefix, _, local = name.partition(":")
    return f"{{{NS[prefix]}}}{local}"


# Which module draws in which kind of document (the `mimetype` member).
_BY_MIMETYPE = {
    "application/vnd.oasis.opendocument.text": "text",
    "application/vnd.oasis.opendocument.text-template": "text",
    "application/vnd.oasis.opendocument.spreadsheet": "sheet",
    "application/vnd.oasis.opendocument.spreadsheet-template": "sheet",
    "application/vnd.oasis.opendocument.presentation": "slides",
    "application/vnd.oasis.opendocument.presentation-template": "slides",
}


def _kind(package: ZipPackage) -> ModuleType | None:
    if not package.has("mimetype"):
        return None
    try:
        mimetype = package.read("mimetype", 200).decode("ascii").strip()
    except (FormatError, UnicodeDecodeError):
        return None
    kind = _BY_MIMETYPE.get(mimetype)
    return import_module(f"formats.odf_markings_{kind}") if kind else None


def _may_hold_markings(data: bytes, lo_policies: set[str], office_gone: bool) -> bool:
    """Whether styles.xml may hold markings to take away (ours, or the replaced labels')."""
    marks = [OUR_MARKING.encode()]
    if office_gone:
        marks.append(OFFICE_MARKING.encode())
    if lo_policies:
        marks.append(labelprops.BAILS_PREFIX.encode())
    if not data.startswith((b"<", b"\xef\xbb\xbf")):
        return True  # UTF-16 or UTF-32: not searched byte-wise
    return any(mark in data for mark in marks)


def replaced(old_bag: Mapping[str, str],
             stamp: LabelStamp | None) -> tuple[str | None, set[str], bool, dict[str, str]]:
    """What labelling the properties `old_bag` with `stamp` means for markings: `plan`'s
    (policy, lo_policies, office_gone, old_texts)."""
    after = labelprops.apply(old_bag, stamp)
    policy = stamp.tscp.policy_type if stamp is not None and stamp.tscp is not None else None
    lo_policies = set()
    for key in old_bag:
        if key.startswith(labelprops.BAILS_PREFIX):
            kind = key[len(labelprops.BAILS_PREFIX):].partition(":")[0]
            if key not in after or kind == policy:
                lo_policies.add(kind)
    return policy, lo_policies, bool(labelprops.removed_microsoft_guids(old_bag, after)), drawn_before(old_bag)


def drawn_before(bag: Mapping[str, str]) -> dict[str, str]:
    """The texts our last label drew, as its TSCP mirror recorded them (part → text)."""
    policy = bag.get(WROTE_TSCP)
    if not policy:
        return {}
    texts = {part: (bag.get(f"{labelprops.BAILS_PREFIX}{policy}:Marking:document-{part}") or "").strip()
             for part in ("header", "footer", "watermark")}
    return {part: text for part, text in texts.items() if text}


def plan(package: ZipPackage, markings: VisualMarkings | None, policy: str | None, lo_policies: set[str],
         office_gone: bool, old_texts: Mapping[str, str]) -> tuple[dict[str, bytes | None], dict[str, str]]:
    """styles.xml changed so that exactly `markings` of ours are drawn; and the parts drawn.

    `policy`: the TSCP policy type the label writes (its `Marking:*`
    properties hold the texts drawn), or None; our header and footer text
    is then a field bound to that property, as LibreOffice inserts it.
    `lo_policies`: TSCP policy types whose category the label replaces or
    removes: LibreOffice's own marking fields bound to them go.
    `office_gone`: a Microsoft label of the same tenant is replaced: Office's
    content markings (`MSIPCMContentMarking` shapes) go.
    `old_texts`: the texts our previous label drew (`drawn_before`): where a
    program dropped our name from a marking (Calc keeps no paragraph styles
    in headers), a marking paragraph of exactly that text is ours.
    """
    kind = _kind(package)
    if kind is None or not package.has(STYLES):
        return {}, {}
    try:
        data = package.read(STYLES, MAX_STYLES_BYTES)
    except FormatError as exc:
        if exc.kind == TOO_LARGE and markings is None:
            return {}, {}  # nothing to draw; markings we could have drawn were refused the same way
        if exc.kind == TOO_LARGE:
            raise FormatError(TOO_LARGE, f"{package.path.name} has a styles part (styles.xml) larger than "
                                         f"{MAX_STYLES_BYTES:,} bytes, so the label's header, footer and "
                                         "watermark cannot be drawn; it was left as it was.") from None
        raise
    if markings is None and not old_texts and not _may_hold_markings(data, lo_policies, office_gone):
        return {}, {}  # nothing to draw and nothing to take away: styles.xml is not even parsed
    root = safexml.parse(data, f"{STYLES} in {package.path.name}")
    before = etree.tostring(root, method="c14n")
    parts = kind.plan(root, markings, policy, lo_policies, old_texts)
    if office_gone:
        remove_office_markings(root)
    if etree.tostring(root, method="c14n") == before:
        return {}, parts
    return {STYLES: safexml.serialize(root, data, f"{STYLES} in {package.path.name}")}, parts


def found(package: ZipPackage, bag: Mapping[str, str]) -> tuple[str, ...]:
    """Our markings in the document: "header", "footer", "watermark" (`bag`: meta.xml's properties)."""
    kind = _kind(package)
    if kind is None:
        return ()
    try:
        member = package.member(STYLES) if package.has(STYLES) else None
        if member is None or member.file_size > MAX_STYLES_BYTES:
            return ()
        data = package.read(STYLES, MAX_STYLES_BYTES)
    except FormatError as exc:
        if exc.kind in (ENCRYPTED, TOO_LARGE):
            return ()
        raise
    old_texts = drawn_before(bag)
    if not old_texts and not _may_hold_markings(data, set(), False):
        return ()  # the quick answer for almost every document
    try:
        root = safexml.parse(data, f"{STYLES} in {package.path.name}")
    except FormatError:
        return ()  # an encrypted styles.xml is not XML; the label is read from meta.xml all the same
    return kind.found(root, old_texts)


# -- shared helpers --------------------------------------------------------

def master_pages(root: etree._Element) -> list[etree._Element]:
    masters = root.find(q("office:master-styles"))
    return [] if masters is None else masters.findall(q("style:master-page"))


def page_layout(root: etree._Element, master: etree._Element) -> etree._Element | None:
    """The `style:page-layout-properties` of a master page, if any."""
    name = master.get(q("style:page-layout-name"))
    auto = root.find(q("office:automatic-styles"))
    if name is None or auto is None:
        return None
    for layout in auto.findall(q("style:page-layout")):
        if layout.get(q("style:name")) == name:
            return layout.find(q("style:page-layout-properties"))
    return None


_LENGTH = re.compile(r"^\s*([-+]?(?:\d+\.?\d*|\.\d+))\s*(cm|mm|in|pt|pc|px)?\s*$")
_CM = {"cm": 1.0, "mm": 0.1, "in": 2.54, "pt": 2.54 / 72, "pc": 2.54 / 6, "px": 2.54 / 96, None: 1.0}


def length_cm(value: str | None, default: float) -> float:
    match = _LENGTH.match(value or "")
    return float(match.group(1)) * _CM[match.group(2)] if match else default


def page_box(root: etree._Element, master: etree._Element, portrait=(21.0, 29.7)) -> tuple[float, ...]:
    """(width, height, left, right, top, bottom) of a master page's page, in cm."""
    props = page_layout(root, master)
    get = (lambda attr: None) if props is None else (lambda attr: props.get(q(attr)))
    return (length_cm(get("fo:page-width"), portrait[0]), length_cm(get("fo:page-height"), portrait[1]),
            length_cm(get("fo:margin-left"), 2.0), length_cm(get("fo:margin-right"), 2.0),
            length_cm(get("fo:margin-top"), 2.0), length_cm(get("fo:margin-bottom"), 2.0))


def cm(value: float) -> str:
    return f"{value:.3f}cm"


def text_align(align: str) -> str:
    return {"left": "start", "right": "end"}.get(align, "center")


def set_style(container: etree._Element, name: str, family: str, children: list[tuple[str, dict[str, str]]],
              extra: dict[str, str] | None = None) -> None:
    """Create or replace the style `name` of `family` in `container` (office:styles or automatic-styles)."""
    remove_styles(container, {name})
    style = etree.SubElement(container, q("style:style"))
    style.set(q("style:name"), name)
    style.set(q("style:family"), family)
    for attr, value in (extra or {}).items():
        style.set(q(attr), value)
    for tag, attrs in children:
        child = etree.SubElement(style, q(tag))
        for attr, value in attrs.items():
            child.set(q(attr), value)


def remove_styles(container: etree._Element | None, names: set[str]) -> None:
    if container is None:
        return
    for style in container.findall(q("style:style")):
        if style.get(q("style:name")) in names:
            container.remove(style)


def child_in_order(parent: etree._Element, name: str, before: Iterable[str] = ()) -> etree._Element:
    """`parent`'s child `name`; created when missing, after the last child named in `before` (the
    children the schema puts ahead of it), else first."""
    found = parent.find(q(name))
    if found is not None:
        return found
    element = etree.Element(q(name))
    ahead = {q(b) for b in before}
    index = 0
    for i, child in enumerate(parent):
        if child.tag in ahead:
            index = i + 1
    parent.insert(index, element)
    return element


def container(root: etree._Element, name: str) -> etree._Element:
    """office:styles or office:automatic-styles, created in schema order when missing."""
    order = ["office:font-face-decls", "office:styles", "office:automatic-styles", "office:master-styles"]
    return child_in_order(root, name, order[:order.index(name)])


# A master page's headers and footers: the main one first, then its left-page and first-page variants.
HEADERS = ("style:header", "style:header-left", "style:header-first", "loext:header-first")
FOOTERS = ("style:footer", "style:footer-left", "style:footer-first", "loext:footer-first")


def header_or_footer(master: etree._Element, name: str) -> etree._Element:
    """The master page's header or footer `name`, created (shown) when it has none; a footer
    goes after every header (ODF 1.3, 16.9)."""
    return child_in_order(master, name, HEADERS if name == "style:footer" else ())


def variants(master: etree._Element, names: Iterable[str]) -> list[etree._Element]:
    """Those of `names` (HEADERS or FOOTERS, or some of them) that the master page has."""
    return [el for name in names if (el := master.find(q(name))) is not None]


def shown(element: etree._Element) -> bool:
    """Whether a header or footer is switched on (style:display="false" switches it off)."""
    return element.get(q("style:display")) != "false"


def text_props(font_size: float, color: str) -> dict[str, str]:
    size = f"{font_size:g}pt"
    return {"fo:font-size": size, "style:font-size-asian": size, "style:font-size-complex": size,
            "fo:color": color}


def remove_keeping_tail(element: etree._Element) -> None:
    """Remove `element` from its parent, keeping the text that follows it."""
    parent = element.getparent()
    tail = element.tail
    if tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def is_ours(element: etree._Element) -> bool:
    return OUR_MARKING in (element.get(q("draw:name")) or "") or \
        element.get(q("text:style-name")) == OUR_MARKING


def remove_office_markings(root: etree._Element) -> None:
    """Office's content markings (shapes named MSIPCMContentMarking…) in the master pages."""
    masters = root.find(q("office:master-styles"))
    if masters is None:
        return
    for element in list(masters.iter(f"{{{NS['draw']}}}*")):
        if (element.get(q("draw:name")) or "").startswith(OFFICE_MARKING) and element.getparent() is not None:
            remove_keeping_tail(element)
