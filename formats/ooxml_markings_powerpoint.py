"""Visual markings in PowerPoint documents (see formats/ooxml_markings.py for the contract).

Every slide shows the shapes of its layout and, unless the layout or the
slide says `showMasterSp="0"`, of its master.  Ours are text shapes:

- on every slide master;
- on every layout that hides its master's shapes (`showMasterSp="0"`);
- on every slide that hides them itself (the slide's root start tag is read
  to tell; only those slides are parsed).

Header at the top of the slide, footer at the bottom (both as wide as the
slide less a margin, aligned as the style says), watermark a large text
rotated by 315° (-45°), 50 % transparent, in the middle.

Ours are named `LabelerMarking` (markings.OUR_MARKING) and their `descr`
(the shape's alternative text) says which part they are, e.g.
`LabelerMarking: header`.  They deliberately do not take Office's name,
`MSIPCMContentMarking`: Office keeps label metadata of its own in that
shape's `descr`, and a shape that carries our form of it could be
misread by Office's own labelling.  Relabelling and removal find ours by
their name.

Office's `MSIPCMContentMarking` shapes belong to a Microsoft label; they
are removed when that label is replaced by one of the same tenant
(`office_guids_gone`): when their `descr` names a label GUID, only the gone
labels' shapes are removed; when it names none, they are taken to belong
to the Microsoft label being replaced, the only one Office marks with.
"""
from __future__ import annotations

import re

from lxml import etree

from . import safexml
from .errors import FormatError
from .markings import OFFICE_MARKING, OUR_MARKING
from .model import HEADER, MARKING_PARTS, WATERMARK, VisualMarkings
from .ooxml_markings_excel_sheet import tag_end
from .opc import PackageIndex, related_parts
from .zippkg import ZipPackage

OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_GUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_ROOT = re.compile(rb"<(?:[\w.-]+:)?(?:sld|sldLayout)(?=[\s>/])")
_HIDES_MASTER = re.compile(rb"""\sshowMasterSp\s*=\s*["'](0|false)["']""")
_DEFAULT_SIZE = (9144000, 6858000)  # 10 × 7.5 in, PowerPoint's 4:3 default
_EMU_PER_POINT = 12700
_ALIGN = {"left": "l", "center": "ctr", "right": "r"}


def _q(ns: str, tag: str) -> str:
    return f"{{{ns}}}{tag}"


def _head_hides_master(package: ZipPackage, name: str) -> bool:
    """Whether the root start tag of part `name` says showMasterSp="0" (reads only its beginning)."""
    head = b""
    for chunk in package.stream(name, chunk=64 * 1024):
        head += chunk
        start = _ROOT.search(head)
        if start is not None:
            end = tag_end(head, start.end())
            if end >= 0:
                return bool(_HIDES_MASTER.search(head[start.start():end]))
        if len(head) > 256 * 1024:
            break
    return False


class _Parts:
    """The presentation's masters, layouts and slides that carry (or may carry) markings."""

    def __init__(self, package: ZipPackage, index: PackageIndex):
        self.presentation = index.target_of(OFFICE_DOCUMENT)
        self.masters: list[str] = []
        self.layouts: list[str] = []
        self.slides: list[str] = []
        if not self.presentation:
            return
        self.masters = related_parts(package, self.presentation, "/slideMaster")
        for master in self.masters:
            for layout in related_parts(package, master, "/slideLayout"):
                if layout not in self.layouts:
                    self.layouts.append(layout)
        self.slides = related_parts(package, self.presentation, "/slide")


def _slide_size(package: ZipPackage, presentation: str | None) -> tuple[int, int]:
    if not presentation:
        return _DEFAULT_SIZE
    size = package.parse_xml(presentation).find(_q(P, "sldSz"))
    try:
        return int(size.get("cx")), int(size.get("cy"))
    except (AttributeError, TypeError, ValueError):
        return _DEFAULT_SIZE


def _name_and_descr(shape) -> tuple[str | None, str]:
    for nv in shape:
        if isinstance(nv.tag, str) and nv.tag.startswith(f"{{{P}}}nv"):
            c = nv.find(_q(P, "cNvPr"))
            if c is not None:
                return c.get("name"), c.get("descr") or ""
    return None, ""


def _our_part(descr: str) -> str | None:
    tail = descr.partition(":")[2].strip()
    return tail if tail in MARKING_PARTS else None


def _office_gone(descr: str, gone: set[str]) -> bool:
    guids = {g.lower() for g in _GUID.findall(descr)}
    return bool(guids & gone) if guids else bool(gone)


def _shape(shape_id: int, part: str, text: str, markings: VisualMarkings, size: tuple[int, int]):
    """Our text shape for `part`."""
    style = markings.style
    cx, cy = size
    margin = cx // 40
    color = (style.color or "#000000").lstrip("#").upper()
    if not re.fullmatch(r"[0-9A-F]{6}", color):
        color = "000000"
    if part == WATERMARK:
        points = style.watermark_font_size
        height = int(points * _EMU_PER_POINT * 1.6)
        width = min(cx - 2 * margin, int(min(cx, cy) * 1.25))
        x, y = (cx - width) // 2, (cy - height) // 2
        align, anchor, rot = "ctr", "ctr", "18900000"
    else:
        points = style.font_size
        height = int(points * _EMU_PER_POINT * 2)
        width = cx - 2 * margin
        x = margin
        y = margin // 2 if part == HEADER else cy - height - margin // 2
        align, anchor, rot = _ALIGN.get(style.align, "ctr"), ("t" if part == HEADER else "b"), None
    sp = etree.Element(_q(P, "sp"), nsmap={"p": P, "a": A})
    nv = etree.SubElement(sp, _q(P, "nvSpPr"))
    etree.SubElement(nv, _q(P, "cNvPr"), id=str(shape_id), name=OUR_MARKING, descr=f"{OUR_MARKING}: {part}")
    c_nv_sp = etree.SubElement(nv, _q(P, "cNvSpPr"), txBox="1")
    etree.SubElement(c_nv_sp, _q(A, "spLocks"), noGrp="1")
    etree.SubElement(nv, _q(P, "nvPr"), userDrawn="1")
    sp_pr = etree.SubElement(sp, _q(P, "spPr"))
    xfrm = etree.SubElement(sp_pr, _q(A, "xfrm"), **({"rot": rot} if rot else {}))
    etree.SubElement(xfrm, _q(A, "off"), x=str(x), y=str(y))
    etree.SubElement(xfrm, _q(A, "ext"), cx=str(width), cy=str(height))
    geom = etree.SubElement(sp_pr, _q(A, "prstGeom"), prst="rect")
    etree.SubElement(geom, _q(A, "avLst"))
    etree.SubElement(sp_pr, _q(A, "noFill"))
    body = etree.SubElement(sp, _q(P, "txBody"))
    etree.SubElement(body, _q(A, "bodyPr"), wrap="square", lIns="0", tIns="0", rIns="0", bIns="0",
                     anchor=anchor, rtlCol="0")
    etree.SubElement(body, _q(A, "lstStyle"))
    para = etree.SubElement(body, _q(A, "p"))
    etree.SubElement(para, _q(A, "pPr"), algn=align)
    run = etree.SubElement(para, _q(A, "r"))
    r_pr = etree.SubElement(run, _q(A, "rPr"), lang="en-US", sz=str(max(100, min(400000, round(points * 100)))),
                            dirty="0")
    fill = etree.SubElement(r_pr, _q(A, "solidFill"))
    clr = etree.SubElement(fill, _q(A, "srgbClr"), val=color)
    if part == WATERMARK:
        etree.SubElement(clr, _q(A, "alpha"), val="50000")
    etree.SubElement(run, _q(A, "t")).text = text
    return sp


def _max_id(root) -> int:
    ids = [0]
    for c in root.iter(_q(P, "cNvPr")):
        try:
            ids.append(int(c.get("id", "0")))
        except ValueError:
            pass
    return max(ids)


def _redraw(root, markings: VisualMarkings | None, gone: set[str], size) -> tuple[bool, set[str]]:
    """Remove ours (and Office's gone ones) from one part's shape tree and draw `markings`."""
    tree = root.find(f"{{{P}}}cSld/{{{P}}}spTree")
    if tree is None:
        return False, set()
    changed = False
    for shape in list(tree):
        if not isinstance(shape.tag, str):
            continue
        name, descr = _name_and_descr(shape)
        if name == OUR_MARKING or (name == OFFICE_MARKING and _office_gone(descr, gone)):
            tree.remove(shape)
            changed = True
    drawn: set[str] = set()
    if markings is not None:
        next_id = _max_id(root) + 1
        ext = tree.find(_q(P, "extLst"))
        for part, text in markings.parts().items():
            shape = _shape(next_id, part, text, markings, size)
            next_id += 1
            if ext is not None:
                ext.addprevious(shape)
            else:
                tree.append(shape)
            drawn.add(part)
            changed = True
    return changed, drawn


def _ours_in(root) -> set[str]:
    tree = root.find(f"{{{P}}}cSld/{{{P}}}spTree")
    result: set[str] = set()
    if tree is None:
        return result
    for shape in tree:
        if isinstance(shape.tag, str):
            name, descr = _name_and_descr(shape)
            if name == OUR_MARKING:
                result.add(_our_part(descr) or HEADER)
    return result


def _hides_master(root) -> bool:
    return (root.get("showMasterSp") or "").strip().lower() in ("0", "false")


def plan(package: ZipPackage, index: PackageIndex, markings: VisualMarkings | None,
         office_guids_gone: set[str]) -> tuple[dict[str, bytes | None], dict[str, str]]:
    parts = _Parts(package, index)
    gone = {g.strip("{}").lower() for g in office_guids_gone}
    size = _slide_size(package, parts.presentation)
    changes: dict[str, bytes | None] = {}
    drawn: set[str] = set()
    where = package.path.name

    def redraw(name: str, draw: bool) -> None:
        raw = package.read(name)
        root = safexml.parse(raw, f"{name} in {where}")
        changed, here = _redraw(root, markings if draw else None, gone, size)
        if draw:
            drawn.update(here)
        if changed:
            changes[name] = safexml.serialize(root, raw, f"{name} in {where}")

    for master in parts.masters:
        redraw(master, True)
    for layout in parts.layouts:
        raw_root = safexml.parse(package.read(layout), f"{layout} in {where}")
        if _hides_master(raw_root) or _ours_in(raw_root) or gone:
            redraw(layout, _hides_master(raw_root))
    for slide in parts.slides:
        if _head_hides_master(package, slide):
            redraw(slide, True)
    texts = markings.parts() if markings is not None else {}
    return changes, {part: texts[part] for part in drawn}


def found(package: ZipPackage) -> tuple[str, ...]:
    index = PackageIndex(package)
    try:
        parts = _Parts(package, index)
    except FormatError:  # a damaged package shows no markings; reading the label reports the damage
        return ()
    result: set[str] = set()
    where = package.path.name
    for name in parts.masters + parts.layouts:
        try:
            result |= _ours_in(safexml.parse(package.read(name), f"{name} in {where}"))
        except FormatError:
            continue
    for name in parts.slides:
        try:
            if _head_hides_master(package, name):
                result |= _ours_in(safexml.parse(package.read(name), f"{name} in {where}"))
        except FormatError:
            continue
    return tuple(p for p in MARKING_PARTS if p in result)
