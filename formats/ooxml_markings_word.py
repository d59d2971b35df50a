"""Visual markings in Word documents (see formats/ooxml_markings.py for the contract).

Where: the header and footer parts every page shows.  Each section
(`w:sectPr` in word/document.xml: one in the paragraph that ends each
section, and the body's own, last) shows the `default` header and footer,
the `first` ones too when it has `w:titlePg`, and the `even` ones when
word/settings.xml has `w:evenAndOddHeaders`.  A section without a reference
of a type shows the previous section's part of that type (ISO/IEC 29500-1,
17.10.5), so for each section and type shown:

- the part it shows (its own or the inherited one) gets our paragraph, next
  to the document's own header/footer text, which stays;
- when no section before it has one either, a new part is added
  (word/headerN.xml or word/footerN.xml, its relationship in
  word/_rels/document.xml.rels, an Override in [Content_Types].xml and a
  `w:headerReference`/`w:footerReference` in that `w:sectPr`, in the
  schema's place: before every other section property).

What is drawn and how ours are recognised: formats/ooxml_markings_word_xml.py.

Before drawing, our earlier markings are removed from every header/footer
part (and Office's MIP markings when the Microsoft label they belong to is
replaced); a part we added that then shows nothing is deleted with its
relationship, content type and references.  Only the parts that change are
rewritten; word/document.xml only when a reference is added or removed, and
it is parsed only when needed and below MAX_DOCUMENT_BYTES.
"""
from __future__ import annotations

import posixpath
import re

from lxml import etree

from . import ooxml_markings_word_xml as x
from . import safexml
from .errors import CORRUPT, TOO_LARGE, FormatError
from .model import FOOTER, HEADER, WATERMARK, VisualMarkings
from .opc import PackageIndex, part_name
from .zippkg import MAX_METADATA_BYTES, ZipPackage

OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
REL_TYPE = {HEADER: _RELS + "header", FOOTER: _RELS + "footer"}
REL_SETTINGS = _RELS + "settings"
CONTENT_TYPE = {HEADER: "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml",
                FOOTER: "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"}
_REFERENCE = {HEADER: x.w("headerReference"), FOOTER: x.w("footerReference")}
# word/document.xml is parsed to find its sections only below this size; every
# part we rewrite must also be read back by the transaction's check (zippkg).
MAX_DOCUMENT_BYTES = MAX_METADATA_BYTES
# Needles that tell, without parsing, that a part may hold markings.
_OURS = x.OUR_MARKING.encode()
_OFFICE = tuple(p.encode() for p in x.OFFICE_PREFIXES)


class _Part:
    """One header or footer part, parsed, with what it looked like before."""

    def __init__(self, name: str, kind: str, rid: str, root: etree._Element, raw: bytes | None):
        self.name, self.kind, self.rid, self.root, self.raw = name, kind, rid, root, raw
        self.before = etree.tostring(root) if raw is not None else None
        self.added = False  # a part we added (now or earlier)
        self.rids = [rid]  # every relationship of the main part that leads to it

    def changed(self) -> bool:
        return self.before is None or etree.tostring(self.root) != self.before


class _Word:
    """The main document part's header/footer parts and references, loaded as needed."""

    def __init__(self, package: ZipPackage, index: PackageIndex | None):
        self.package = package
        self.index = index if index is not None else PackageIndex(package)
        self.main = self.index.target_of(OFFICE_DOCUMENT)
        folder, _, leaf = (self.main or "").rpartition("/")
        self.folder = folder
        self.rels_name = package.find(f"{folder}/_rels/{leaf}.rels".lstrip("/")) if self.main else None
        self.rels_raw: bytes | None = None
        self.rels: etree._Element | None = None
        if self.rels_name:
            self.rels_raw = package.read(self.rels_name)
            self.rels = safexml.parse(self.rels_raw, self._where(self.rels_name))
        self.rels_changed = False
        self.document: etree._Element | None = None
        self.document_raw: bytes | None = None
        self.document_before: bytes | None = None
        self.dropped: list[str] = []  # members to delete

    def _where(self, name: str) -> str:
        return f"{name} in {self.package.path.name}"

    def _main_part(self) -> str:
        """The main document part's name (plan() leaves a package without one alone)."""
        if self.main is None:
            raise FormatError(CORRUPT, f"{self.package.path.name} has no main document part.")
        return self.main

    def _target(self, rel: etree._Element) -> str | None:
        if rel.get("TargetMode") == "External":
            return None
        target = rel.get("Target") or ""
        if target.startswith("/"):
            return part_name(target)
        return part_name(posixpath.join(self.folder, target))

    def hdr_ftr(self) -> list[tuple[str, str, str]]:
        """(kind, member name, relationship id) of every header and footer part that exists."""
        result: list[tuple[str, str, str]] = []
        if self.rels is None:
            return result
        for rel in self.rels.iter(f"{{{_REL_NS}}}Relationship"):
            kind = next((k for k, t in REL_TYPE.items() if rel.get("Type") == t), None)
            name = self._target(rel) if kind else None
            member = self.package.find(name) if name else None
            if kind and member:
                result.append((kind, member, rel.get("Id") or ""))
        return result

    def read_part(self, name: str) -> bytes:
        member = self.package.member(name)
        if member.file_size > MAX_METADATA_BYTES:
            raise FormatError(TOO_LARGE, f"{self.package.path.name} was not labelled because its part {name} is "
                                         f"{member.file_size:,} bytes, more than the {MAX_METADATA_BYTES:,} bytes "
                                         "this app edits to draw or remove a label's marking; it was left as it was.")
        return self.package.read(name)

    def settings_even_odd(self) -> bool:
        """Whether the document has different headers on even and odd pages."""
        if self.rels is None:
            return False
        for rel in self.rels.iter(f"{{{_REL_NS}}}Relationship"):
            if rel.get("Type") == REL_SETTINGS:
                name = self._target(rel)
                member = self.package.find(name) if name else None
                if member:
                    root = safexml.parse(self.read_part(member), self._where(member))
                    return _on(root.find(x.w("evenAndOddHeaders")))
        return False

    def load_document(self) -> etree._Element:
        if self.document is None:
            main = self._main_part()
            size = self.package.member(main).file_size
            if size > MAX_DOCUMENT_BYTES:
                raise FormatError(TOO_LARGE, f"{self.package.path.name} was not labelled because its text part "
                                             f"{main} is {size:,} bytes, more than the "
                                             f"{MAX_DOCUMENT_BYTES:,} bytes this app reads to put a label's header, "
                                             "footer or watermark on every page; it was left as it was.")
            self.document_raw = self.package.read(main)
            self.document = safexml.parse(self.document_raw, self._where(main))
            self.document_before = etree.tostring(self.document)
        return self.document

    def new_relationship(self, kind: str, name: str) -> str:
        if self.rels is None:
            self.rels = etree.Element(f"{{{_REL_NS}}}Relationships", nsmap={None: _REL_NS})
            self.rels_name = f"{self.folder}/_rels/{self._main_part().rpartition('/')[2]}.rels".lstrip("/")
        ids = {rel.get("Id") for rel in self.rels}
        n = 1
        while f"rId{n}" in ids:
            n += 1
        target = posixpath.relpath(name, self.folder or ".")
        etree.SubElement(self.rels, f"{{{_REL_NS}}}Relationship", Id=f"rId{n}", Type=REL_TYPE[kind], Target=target)
        self.rels_changed = True
        return f"rId{n}"

    def drop_relationship(self, rid: str) -> None:
        if self.rels is None:  # no relationships: none with that id to drop
            return
        for rel in list(self.rels):
            if rel.get("Id") == rid:
                self.rels.remove(rel)
                self.rels_changed = True

    def set_override(self, name: str, content_type: str | None) -> None:
        """Add (or with None remove) the content type Override of part `name`."""
        types = self.index.types
        if types is None:
            return
        wanted = "/" + name.lower()
        found = [o for o in types.iter(f"{{{_CT_NS}}}Override")
                 if "/" + part_name(o.get("PartName", "")).lower() == wanted]
        if content_type is None:
            for override in found:
                types.remove(override)
                self.index.types_changed = True
        elif not found:
            etree.SubElement(types, f"{{{_CT_NS}}}Override", PartName="/" + name, ContentType=content_type)
            self.index.types_changed = True

    def is_transitional(self) -> bool:
        return self.document is not None and self.document.tag == x.w("document")


_PROLOG = re.compile(rb"^(?:\xef\xbb\xbf)?(?:<\?xml[^>]*\?>)?\s*")


def _serialize(root: etree._Element, raw: bytes | None, where: str) -> bytes:
    """A rewritten part, keeping its XML declaration and trailing white space as they were.

    lxml writes the rest as it was read, so a part whose markings are
    removed again usually gets back its very bytes.  New parts, parts in
    other encodings or with comments around the root: safexml's way.
    """
    if raw is None or not safexml.sniff(raw).is_utf8 or root.getprevious() is not None \
            or root.getnext() is not None:
        return safexml.serialize(root, raw, where)
    start = _PROLOG.match(raw)  # (every part of the pattern is optional: it always matches)
    if start is None:
        return safexml.serialize(root, raw, where)
    prolog = start.group(0)
    if not prolog.lstrip(b"\xef\xbb\xbf").startswith(b"<?xml"):
        return safexml.serialize(root, raw, where)
    tail = raw[len(raw.rstrip()):]
    return prolog + etree.tostring(root, encoding="UTF-8", xml_declaration=False) + tail


def _on(el: etree._Element | None) -> bool:
    """An OOXML on/off property: present and not switched off."""
    return el is not None and (el.get(x.w("val")) or "true").lower() not in ("0", "false", "off")


def _mentions(data: bytes, needles: tuple[bytes, ...]) -> bool:
    encoding = safexml.sniff(data)
    if not encoding.is_utf8:
        try:
            data = data.decode(encoding.codec, "replace").encode("utf-8")
        except LookupError:
            return True  # an encoding Python lacks: let the parser decide
    return any(n in data for n in needles)


def found(package: ZipPackage) -> tuple[str, ...]:
    """Our markings in the document's header and footer parts (none where they cannot be read)."""
    try:
        word = _Word(package, None)
        hdr_ftr = word.hdr_ftr()
    except FormatError:
        return ()
    present: set[str] = set()
    for kind, name, _ in hdr_ftr:
        try:
            data = package.read(name)
            if not _mentions(data, (_OURS,)):
                continue
            root = safexml.parse(data, word._where(name))
        except FormatError:
            continue  # a part we could not have written
        if any(x.paragraph_text(p).strip() for p, _ in x.our_paragraphs(root)):
            present.add(kind)
        if kind == HEADER and x.our_watermarks(root):
            present.add(WATERMARK)
    return tuple(p for p in (HEADER, FOOTER, WATERMARK) if p in present)


def plan(package: ZipPackage, index: PackageIndex, markings: VisualMarkings | None,
         office_guids_gone: set[str]) -> tuple[dict[str, bytes | None], dict[str, str]]:
    word = _Word(package, index)
    if word.main is None:
        return {}, {}
    wanted = markings.parts() if markings is not None else {}
    needles = (_OURS, *_OFFICE) if office_guids_gone else (_OURS,)

    # 1. Every header/footer part that holds markings (or will get some) is parsed; ours go.
    parts: dict[str, _Part] = {}
    by_rid: dict[str, _Part] = {}
    for kind, name, rid in word.hdr_ftr():
        if name in parts:
            by_rid[rid] = parts[name]
            parts[name].rids.append(rid)
            continue
        data = word.read_part(name)
        if not wanted and not _mentions(data, needles):
            continue
        part = _Part(name, kind, rid, safexml.parse(data, word._where(name)), data)
        if part.root.tag not in (x.w("hdr"), x.w("ftr")):
            continue  # not transitional WordprocessingML: never ours
        part.added = x.strip_ours(part.root)
        if office_guids_gone:
            x.strip_office(part.root, {g.lower() for g in office_guids_gone})
        parts[name] = part
        by_rid[rid] = part
    if not wanted and not any(p.changed() for p in parts.values()):
        return {}, {}

    # 2. Draw into the part each section shows, adding parts where none is shown.
    drawn: dict[str, str] = {}
    if wanted and markings is not None:  # (wanted implies markings)
        document = word.load_document()
        if word.is_transitional() and document.find(x.w("body")) is not None:
            drawn = _draw(word, parts, by_rid, markings)

    # 3. Parts we added that now show nothing go, with their references.
    for part in list(parts.values()):
        if part.added and x.holds_nothing(part.root):
            _drop(word, part)
            del parts[part.name]

    changes: dict[str, bytes | None] = {}

    def store(name: str, root: etree._Element, raw: bytes | None) -> None:
        data = _serialize(root, raw, word._where(name))
        if data != raw:
            changes[name] = data

    for part in parts.values():
        if part.before is None or part.changed():
            x.ensure_block(part.root)
            store(part.name, part.root, part.raw)
    for name in word.dropped:
        changes[name] = None
    if word.rels_changed:
        if word.rels_name is None or word.rels is None:
            raise ValueError("the main part's relationships changed but were never loaded or made")
        store(word.rels_name, word.rels, word.rels_raw)
    if word.document is not None and etree.tostring(word.document) != word.document_before:
        store(word.main, word.document, word.document_raw)
    return changes, drawn


def _sections(body: etree._Element) -> list[etree._Element | None]:
    """Every section's properties in document order; the body's own last (None when it has none)."""
    sections = []
    for sect in body.iter(x.w("sectPr")):
        parent = sect.getparent()
        if parent is body:
            continue
        if parent.tag == x.w("pPr") and parent.getparent() is not None and parent.getparent().tag == x.w("p") \
                and not any(a.tag in (x.w("txbxContent"), x.w("pPrChange"), x.w("sectPrChange"))
                            for a in sect.iterancestors()):
            sections.append(sect)
    sections.append(body.find(x.w("sectPr")))
    return sections


def _types_shown(sect: etree._Element | None, even_odd: bool) -> list[str]:
    shown = ["default"]
    if sect is not None and _on(sect.find(x.w("titlePg"))):
        shown.append("first")
    if even_odd:
        shown.append("even")
    return shown


def _draw(word: _Word, parts: dict[str, _Part], by_rid: dict[str, _Part],
          markings: VisualMarkings) -> dict[str, str]:
    style = markings.style
    document = word.load_document()  # (loaded already)
    body = document.find(x.w("body"))
    sections = _sections(body)
    even_odd = word.settings_even_odd()
    # Our bookmark ids follow every bookmark id in the document and its headers and footers.
    ids = x.bookmark_ids(document)
    for part in parts.values():
        ids += x.bookmark_ids(part.root)
    counter = {"bookmark": max(ids, default=0) + 1, "n": 1}
    drawn: dict[str, str] = {}

    for kind, text in ((HEADER, markings.header), (FOOTER, markings.footer)):
        watermark = markings.watermark if kind == HEADER else None
        if not text and not watermark:
            continue
        targets: list[_Part] = []
        inherited: dict[str, str] = {}
        for i, sect in enumerate(sections):
            for ref in (sect.findall(_REFERENCE[kind]) if sect is not None else ()):
                inherited[ref.get(x.w("type")) or "default"] = ref.get(f"{{{x.R_NS}}}id") or ""
            for kind_type in _types_shown(sect, even_odd):
                rid = inherited.get(kind_type)
                if rid is not None:
                    part = by_rid.get(rid) or _missing(word, kind, rid)
                else:
                    part = _add_part(word, parts, by_rid, kind)
                    if sect is None:
                        # The last section has default properties, as with an empty sectPr.
                        sect = sections[i] = etree.SubElement(body, x.w("sectPr"))
                    _add_reference(sect, kind, kind_type, part.rid)
                    inherited[kind_type] = part.rid
                if part not in targets:
                    targets.append(part)
        for part in targets:
            _draw_into(part, text, watermark, style, counter)
        if text:
            drawn[kind] = text
        if watermark:
            drawn[WATERMARK] = watermark
    return drawn


def _missing(word: _Word, kind: str, rid: str) -> _Part:
    """A reference to a header/footer the package lacks (every existing one is loaded when drawing)."""
    raise FormatError(CORRUPT, f"{word.package.path.name} was refused because a section of it refers to a "
                               f"{kind} ({rid}) that the document does not have; it was left as it was.")


def _add_part(word: _Word, parts: dict[str, _Part], by_rid: dict[str, _Part], kind: str) -> _Part:
    taken = {n.lower() for n in word.package.names()} | {n.lower() for n in parts}
    n = 1
    while f"{word.folder}/{kind}{n}.xml".lstrip("/").lower() in taken:
        n += 1
    name = f"{word.folder}/{kind}{n}.xml".lstrip("/")
    rid = word.new_relationship(kind, name)
    word.set_override(name, CONTENT_TYPE[kind])
    part = _Part(name, kind, rid, x.new_part(kind), None)
    part.added = True
    parts[name] = part
    by_rid[rid] = part
    return part


def _add_reference(sect: etree._Element, kind: str, kind_type: str, rid: str) -> None:
    """A header/footer reference in `sect`, where the schema puts them: before all other properties."""
    refs = [c for c in sect if c.tag in (_REFERENCE[HEADER], _REFERENCE[FOOTER])]
    same = [c for c in refs if c.tag == _REFERENCE[kind]]
    if same:
        position = sect.index(same[-1]) + 1
    elif kind == HEADER or not refs:
        position = sect.index(refs[0]) if refs else 0
    else:
        position = sect.index(refs[-1]) + 1
    ref = etree.Element(_REFERENCE[kind], {x.w("type"): kind_type, f"{{{x.R_NS}}}id": rid})
    sect.insert(position, ref)


def _draw_into(part: _Part, text: str | None, watermark: str | None, style, counter: dict) -> None:
    """Our paragraph (header first, footer last); a lone watermark goes into the part's first paragraph."""
    run = x.watermark_run(watermark, style, counter["n"]) if watermark else None
    alone = run is not None and not text and not part.added
    if not alone or not x.put_run_in_first_paragraph(part.root, run):
        prefix = x.BOOKMARK_IN_OUR_PART if part.added else x.BOOKMARK_IN_THEIR_PART
        p = x.paragraph(text, style, f"{prefix}{counter['n']}", counter["bookmark"], run)
        counter["bookmark"] += 1
        if part.kind == HEADER:
            x.put_first(part.root, p)
        else:
            x.put_last(part.root, p)
    counter["n"] += 1


def _drop(word: _Word, part: _Part) -> None:
    """Delete a part we added, its relationship, content type and every reference to it."""
    document = word.load_document()
    for ref in list(document.iter(_REFERENCE[part.kind])):
        if ref.get(f"{{{x.R_NS}}}id") in part.rids:
            sect = ref.getparent()
            sect.remove(ref)
            if len(sect) == 0 and not sect.attrib and sect.getparent().tag == x.w("body"):
                # The body's section properties we added for our reference: the same as none.
                sect.getparent().remove(sect)
    for rid in part.rids:
        word.drop_relationship(rid)
    word.set_override(part.name, None)
    if part.before is not None:  # a part of the package, not one added in this plan
        folder, _, leaf = part.name.rpartition("/")
        own_rels = word.package.find(f"{folder}/_rels/{leaf}.rels".lstrip("/"))
        word.dropped.append(part.name)
        if own_rels is not None:
            word.dropped.append(own_rels)
