"""Visual markings in Excel documents (see formats/ooxml_markings.py for the contract).

Excel prints a header and a footer from each sheet's `<headerFooter>`: the
`oddHeader`/`oddFooter` strings (and `firstHeader`/`evenHeader`… when the
sheet asks for a different first page or different odd and even pages),
each made of `&L`, `&C`, `&R` sections with Excel's formatting codes.
Every sheet that prints gets ours: worksheets, chart sheets, dialog sheets
and macro sheets (all four have the same `<headerFooter>` element).  Excel
has no watermark: a watermark is never drawn, so never claimed in
ContentBits.

Ours, in the section chosen by the style's alignment, always at the end of
that section and always in exactly this form (Excel's own codes):

    &"-,Regular"&10&K1565C0CONFIDENTIAL

(current font, regular; size in whole points; RGB colour; the text with
every `&` doubled).  When the section already holds the sheet's own text,
ours follows on a new line ("\\n" before the codes).  That form is how ours
is found again: a section ending with it loses it (and the line break
before it) on relabelling and removal; everything before stays as it was.

The sheet part is never parsed whole: see ooxml_markings_excel_sheet.py.
Office's own Excel markings carry no name to tell them from the sheet's own
header text, so they are left alone.
"""
from __future__ import annotations

import re

from lxml import etree

from . import safexml
from .errors import UNSUPPORTED, FormatError
from .model import FOOTER, HEADER, VisualMarkings
from .ooxml_markings_excel_sheet import SheetTail, children_of, read_tail, tag_end
from .opc import PackageIndex, related_parts
from .zippkg import Spliced, ZipPackage

OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_STRICT_OFFICE_DOCUMENT = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"
# Parts whose <headerFooter> prints: worksheets, chart sheets, dialog sheets, macro sheets.
_SHEET_TYPES = ("/worksheet", "/chartsheet", "/dialogsheet", "/xlMacrosheet", "/xlIntlMacrosheet")
# Children that come before <headerFooter> in the schemas of all four sheet kinds.
_BEFORE = {
    "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetCalcPr",
    "sheetProtection", "protectedRanges", "scenarios", "autoFilter", "sortState", "dataConsolidate",
    "customSheetViews", "mergeCells", "phoneticPr", "conditionalFormatting", "dataValidations",
    "hyperlinks", "printOptions", "pageMargins", "pageSetup",
}
_ORDER = ("oddHeader", "oddFooter", "evenHeader", "evenFooter", "firstHeader", "firstFooter")
_SECTION = {"left": "L", "center": "C", "right": "R"}
# Ours at the end of a section: optional line break, our codes, text with every & doubled.
_OURS = re.compile(r'(\n?)&"-,Regular"&\d{1,3}&K[0-9A-F]{6}((?:[^&]|&&)*)\Z')


def _sheets(package: ZipPackage, index: PackageIndex) -> list[str]:
    """The sheet parts of the workbook that print, in workbook order."""
    workbook = index.target_of(OFFICE_DOCUMENT) or index.target_of(_STRICT_OFFICE_DOCUMENT)
    return related_parts(package, workbook, _SHEET_TYPES) if workbook else []


# -- Excel header strings ------------------------------------------------------------------------

def _sections(text: str) -> list[tuple[str, int, int]]:
    """(section letter, start, end) of each section's text in a header string.

    Text before any section code is centred (Excel's rule).  `&&` is a
    literal ampersand, never a code.
    """
    spans: list[tuple[str, int, int]] = []
    current, start, explicit, i = "C", 0, False, 0
    while i < len(text):
        if text[i] == "&" and i + 1 < len(text):
            code = text[i + 1]
            if code in "LCR":
                if explicit or i > start:
                    spans.append((current, start, i))
                current, start, explicit = code, i + 2, True
            i += 2
            continue
        i += 1
    if explicit or len(text) > start:
        spans.append((current, start, len(text)))
    return spans


def _strip_ours(text: str) -> tuple[str, bool]:
    """`text` without our marking in any section, and whether one was there."""
    found = False
    for letter, start, end in reversed(_sections(text)):
        match = _OURS.search(text[start:end])
        if match is None:
            continue
        found = True
        cut_from = start + match.start()
        if cut_from == start and start >= 2 and text[start - 2:start] == f"&{letter}":
            cut_from = start - 2  # the section holds only ours: its code goes too
        text = text[:cut_from] + text[end:]
    return text, found


def _ours(text: str, style) -> str:
    size = max(1, min(999, round(style.font_size)))
    color = (style.color or "#000000").lstrip("#").upper()
    if not re.fullmatch(r"[0-9A-F]{6}", color):
        color = "000000"
    return f'&"-,Regular"&{size}&K{color}' + text.replace("&", "&&")


def _add_ours(text: str, ours: str, align: str) -> str:
    """`text` (without ours) with `ours` at the end of the section for `align`."""
    letter = _SECTION.get(align, "C")
    sections = _sections(text)
    for section, start, end in reversed(sections):
        if section == letter:
            own = text[start:end]
            glue = "\n" if own else ""
            return text[:end] + glue + ours + text[end:]
    # A new section goes where Excel puts it, in the order &L, &C, &R (readers such as
    # openpyxl expect that order).
    for section, start, _end in sections:
        if "LCR".index(section) > "LCR".index(letter):
            if start >= 2 and text[start - 2:start] == f"&{section}":
                return text[:start - 2] + f"&{letter}" + ours + text[start - 2:]
            return text[:start] + f"&{letter}" + ours + f"&{section}" + text[start:]  # implicit centre
    return text + f"&{letter}" + ours


def _has_ours(text: str | None) -> bool:
    return _strip_ours(text)[1] if text else False


# -- the <headerFooter> element ------------------------------------------------------------------

def _escape(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\r", "&#13;"))


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in ("1", "true")


def _read_header_footer(sheet: SheetTail, where: str):
    """(child, element) of the sheet's top-level <headerFooter>, or (None, None)."""
    child = next((c for c in sheet.children if c.ns == sheet.ns and c.name == "headerFooter"), None)
    if child is None:
        return None, None
    start_tag = re.match(rb"<([^\s/>]+)", sheet.root_start)
    assert start_tag is not None  # root_start is a start tag, as read_tail found it
    root_name = start_tag.group(1)
    text = sheet.root_start + sheet.tail[child.start:child.close] + b"</" + root_name + b">"
    root = safexml.parse(text, where)
    return child, root[0]


def _new_tail(sheet: SheetTail, markings: VisualMarkings | None, where: str) -> tuple[bytes | None, dict, set]:
    """The sheet's new tail (None: unchanged), the texts drawn, and whether ours was found."""
    child, element = _read_header_footer(sheet, where)
    texts: dict[str, str] = {}
    attrs = b""
    if element is not None:
        for sub in element:
            if not isinstance(sub.tag, str):
                continue
            local = etree.QName(sub).localname
            if etree.QName(sub).namespace != sheet.ns or local not in _ORDER:
                raise FormatError(UNSUPPORTED, f"{where} has a header and footer with content this app does "
                                               "not know, so its markings were not changed; the file was left "
                                               "as it was.")
            texts[local] = "".join(sub.itertext())
        start_tag = sheet.tail[child.start:child.close]
        head = start_tag[:tag_end(start_tag, 0)]
        attrs = head[len(b"<" + sheet.prefix.encode() + b"headerFooter"):].rstrip(b">").rstrip(b"/")
    before = dict(texts)
    found = set()
    for key, value in list(texts.items()):
        stripped, had = _strip_ours(value)
        if had:
            found.add(HEADER if key.endswith("Header") else FOOTER)
            texts[key] = stripped
    drawn: dict[str, str] = {}
    if markings is not None:
        keys = ["odd"]
        if element is not None and _truthy(element.get("differentFirst")):
            keys.append("first")
        if element is not None and _truthy(element.get("differentOddEven")):
            keys.append("even")
        for part, suffix in ((HEADER, "Header"), (FOOTER, "Footer")):
            text = getattr(markings, part)
            if not text:
                continue
            for key in keys:
                texts[key + suffix] = _add_ours(texts.get(key + suffix, ""), _ours(text, markings.style),
                                                markings.style.align)
            drawn[part] = text
    if {k: v for k, v in texts.items() if v} == {k: v for k, v in before.items() if v}:
        return None, drawn, found  # the same header and footer: the sheet stays as it is
    p = sheet.prefix
    body = "".join(f"<{p}{k}>{_escape(texts[k])}</{p}{k}>" for k in _ORDER if texts.get(k))
    if body:
        new = f"<{p}headerFooter".encode() + attrs + f">{body}</{p}headerFooter>".encode()
    elif attrs.strip():
        new = f"<{p}headerFooter".encode() + attrs + b"/>"
    else:
        new = b""
    tail = sheet.tail
    if child is not None:
        return tail[:child.start] + new + tail[child.close:], drawn, found
    if not new:
        return None, drawn, found
    at = 0
    for c in sheet.children:
        if c.ns == sheet.ns and c.name in _BEFORE:
            at = c.close
    return tail[:at] + new + tail[at:], drawn, found


def plan(package: ZipPackage, index: PackageIndex, markings: VisualMarkings | None,
         office_guids_gone: set[str]) -> tuple[dict[str, bytes | Spliced | None], dict[str, str]]:
    changes: dict[str, bytes | Spliced | None] = {}
    parts: dict[str, str] = {}
    if markings is not None and not (markings.header or markings.footer):
        markings = None  # a watermark only: Excel has none
    for name in _sheets(package, index):
        where = f"{name} in {package.path.name}"
        sheet = read_tail(package, name)
        tail, drawn, _found = _new_tail(sheet, markings, where)
        parts.update(drawn)
        if tail is not None:
            children_of(sheet.root_start, tail, where)  # the new end must read as a sheet again
            changes[name] = Spliced(sheet.keep, tail)
    return changes, parts


def found(package: ZipPackage) -> tuple[str, ...]:
    index = PackageIndex(package)
    result: set[str] = set()
    try:
        sheets = _sheets(package, index)
    except FormatError:
        return ()
    for name in sheets:
        try:
            sheet = read_tail(package, name)
            _child, element = _read_header_footer(sheet, f"{name} in {package.path.name}")
        except FormatError:
            continue
        if element is None:
            continue
        for sub in element:
            if isinstance(sub.tag, str) and _has_ours("".join(sub.itertext())):
                result.add(HEADER if etree.QName(sub).localname.endswith("Header") else FOOTER)
    return tuple(p for p in (HEADER, FOOTER) if p in result)
