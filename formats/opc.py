"""Open Packaging Conventions plumbing: relationships and content types.

Just enough of OPC to find, add and drop package-level metadata parts the
way Office expects, while leaving every other entry of these files as is.

A metadata relationship is trusted only when its target is a metadata part:
a `custom-properties` relationship that points at word/document.xml (or at
docProps/core.xml) would make us write our properties into that part.  Such
packages are refused for writing and their bogus target ignored for reading.
"""
from __future__ import annotations

import posixpath
from urllib.parse import unquote, urlsplit

from lxml import etree

from . import safexml
from .errors import CORRUPT, UNSUPPORTED, FormatError
from .zippkg import ZipPackage

CONTENT_TYPES = "[Content_Types].xml"
PACKAGE_RELS = "_rels/.rels"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
SIGNATURE_ORIGIN = "http://schemas.openxmlformats.org/package/2006/relationships/digital-signature/origin"
SIGNATURES_FOLDER = "_xmlsignatures/"
_XMLDSIG_NS = "http://www.w3.org/2000/09/xmldsig#"
_RELATIONSHIP_TRANSFORM = "http://schemas.openxmlformats.org/package/2006/RelationshipTransform"
# Content types that say nothing about what a part is (a Default for .xml).
_GENERIC = {"application/xml", "text/xml"}
# What the relationship types we meet in a package root are, for sentences.
_KIND = {
    _OFFICE_RELS + "officeDocument": "main document",
    _OFFICE_RELS + "extended-properties": "application properties",
    _OFFICE_RELS + "custom-properties": "custom properties",
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties":
        "core properties",
    "http://schemas.microsoft.com/office/2020/02/relationships/classificationlabels": "label information",
    SIGNATURE_ORIGIN: "digital signature",
}


def part_name(target: str) -> str:
    """Zip member name of a package-relationship target ('/a/b.xml', 'a/b.xml', './a%20b.xml')."""
    path = unquote(urlsplit(target).path)
    path = posixpath.normpath("/" + path.lstrip("/"))
    return path.lstrip("/")


def related_parts(package: ZipPackage, source: str, suffix: str | tuple[str, ...]) -> list[str]:
    """The parts that part `source` relates to internally by a relationship type ending in `suffix`
    (one or any of several), in the order of its relationships, each once."""
    folder, _, leaf = source.rpartition("/")
    rels = package.find(f"{folder}/_rels/{leaf}.rels" if folder else f"_rels/{leaf}.rels")
    if rels is None:
        return []
    result = []
    for rel in package.parse_xml(rels).iter(f"{{{_REL_NS}}}Relationship"):
        if rel.get("TargetMode") == "External" or not (rel.get("Type") or "").endswith(suffix):
            continue
        target = rel.get("Target", "")
        wanted = part_name(target if target.startswith("/") else f"{folder}/{target}")
        # An exact name decides between case twins (as for the package's own relationships).
        name = wanted if package.has(wanted) else package.find(wanted)
        if name is not None and name not in result:
            result.append(name)
    return result


def signature_references(root: etree._Element) -> list[str]:
    """The URIs of every XML-DSig Reference in a signature document, as written."""
    return [ref.get("URI") for ref in root.iter(f"{{{_XMLDSIG_NS}}}Reference") if ref.get("URI")]


class PackageIndex:
    """The package relationships and content types, editable in place."""

    def __init__(self, package: ZipPackage):
        self.package = package
        self.rels_name = package.find(PACKAGE_RELS)
        self.types_name = package.find(CONTENT_TYPES)
        self._rels: etree._Element | None = None
        self._types: etree._Element | None = None
        self._rels_bytes: bytes | None = None
        self._types_bytes: bytes | None = None
        self.rels_changed = False
        self.types_changed = False

    # Parsed on first use: reading a label needs the relationships at most,
    # the content types only matter when a part is added, dropped or checked.
    @property
    def rels(self):
        if self._rels is None and self.rels_name:
            self._rels_bytes = self.package.read(self.rels_name)
            self._rels = safexml.parse(self._rels_bytes, f"{self.rels_name} in {self.package.path.name}")
        return self._rels

    @rels.setter
    def rels(self, value) -> None:
        self._rels = value

    @property
    def types(self):
        if self._types is None and self.types_name:
            self._types_bytes = self.package.read(self.types_name)
            self._types = safexml.parse(self._types_bytes, f"{self.types_name} in {self.package.path.name}")
        return self._types

    def check_roots(self) -> None:
        """Refuse relationships or content types whose root is not OPC's: Office would not read them."""
        for name, root, tag in ((self.rels_name, self.rels, f"{{{_REL_NS}}}Relationships"),
                                (self.types_name, self.types, f"{{{_CT_NS}}}Types")):
            if root is not None and root.tag != tag:
                raise self._refuse(f"its {name} is not an Open Packaging Conventions part (its root is "
                                   f"{etree.QName(root).localname} in the wrong namespace)")

    def _relationships(self):
        """(type, member name or None, element) of every internal package relationship."""
        if self.rels is None:
            return []
        result = []
        for rel in self.rels.iter(f"{{{_REL_NS}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            name = part_name(rel.get("Target", ""))
            try:
                member = self.package.find(name)
            except FormatError:  # case twins: only an exact name says which
                member = name if self.package.has(name) else None
            result.append((rel.get("Type"), member, rel))
        return result

    def _external(self, rel_type: str) -> bool:
        """Whether a package relationship of `rel_type` has TargetMode External."""
        return self.rels is not None and any(
            rel.get("Type") == rel_type and rel.get("TargetMode") == "External"
            for rel in self.rels.iter(f"{{{_REL_NS}}}Relationship"))

    def target_of(self, rel_type: str) -> str | None:
        """Member name of the first package relationship of `rel_type` that exists."""
        return next((name for t, name, _ in self._relationships() if t == rel_type and name), None)

    def content_type(self, name: str) -> tuple[str | None, bool]:
        """The content type of member `name`, and whether it comes from an Override."""
        if self.types is None:
            return None, False
        override = self._override_for(name)
        if override is not None:
            return override.get("ContentType"), True
        extension = name.rpartition("/")[2].rpartition(".")[2].lower()
        for default in self.types.iter(f"{{{_CT_NS}}}Default"):
            if (default.get("Extension") or "").lower() == extension:
                return default.get("ContentType"), False
        return None, False

    def metadata_part(self, rel_type: str, usual: str, content_type: str, strict: bool) -> str | None:
        """The member that holds the metadata of `rel_type`, or None.

        The relationship decides (its usual name only when no relationship
        of the type leads to an existing part).  The part must not be
        anything else: no other package relationship may point at it, and
        its content type must be `content_type`.  Strictly (for a write) a
        part that fails is refused; otherwise it is ignored.
        """
        if strict and self._external(rel_type):
            # Under OPC (ISO/IEC 29500-2, 9.3) a relationship with TargetMode="External" points at a
            # resource outside the package: its Target is a URI, never a part name, even when it reads
            # "docProps/custom.xml".  The metadata relationships we write (custom properties, label
            # information) must lead to a part of the package (ISO/IEC 29500-1, 15.2.12.2), so such a
            # package declares its metadata to be elsewhere.  Adding an internal relationship of the
            # same type would leave two that disagree about where the label is (a reader taking the
            # first one misses ours), and writing the part without one gives a label Office never
            # sees: the package is ambiguous, so it is refused.
            raise self._refuse(f"its {_KIND.get(rel_type, 'metadata')} relationship points outside the "
                               "package (TargetMode External), so Office would not find a label written "
                               "into it")
        targets = []
        for t, name, _ in self._relationships():
            if t == rel_type and name and name not in targets:
                targets.append(name)
        if strict and len(targets) > 1:
            raise self._refuse(f"it has two {_KIND.get(rel_type, 'metadata')} parts, {targets[0]} and "
                               f"{targets[1]}")
        usual_name = self.package.find(usual)
        candidates = targets or ([usual_name] if usual_name else [])
        for name in candidates:
            # Reading trusts the usual name's content type (one parse less).
            check_type = strict or name.lower() != usual.lower()
            why = self._misuse(name, rel_type, content_type if check_type else None)
            if why is None:
                return name
            if strict:
                kind = _KIND.get(rel_type, "metadata")
                raise self._refuse(f"its {kind} relationship points at {name}, {why}" if name in targets
                                   else f"its {kind} would go into {name}, {why}")
        return None

    def _misuse(self, name: str, rel_type: str, content_type: str | None) -> str | None:
        """Why `name` is not a part that `rel_type` metadata may be written to, or None."""
        for t, target, _ in self._relationships():
            if target == name and t != rel_type:
                return (f"which is also its {_KIND[t]}" if t in _KIND
                        else "which is also the target of another relationship")
        if content_type is None:
            return None
        actual, overridden = self.content_type(name)
        if actual is not None and actual != content_type and (overridden or actual not in _GENERIC):
            return f"which is a part of type {actual}, not a metadata part"
        return None

    def _refuse(self, why: str) -> FormatError:
        return FormatError(CORRUPT, f"{self.package.path.name} was refused because {why}; "
                                    "it was left as it was.")

    def add_part(self, name: str, rel_type: str, content_type: str) -> None:
        """Register a new package-level part: relationship and content type."""
        if self.rels is None:
            self.rels = etree.Element(f"{{{_REL_NS}}}Relationships", nsmap={None: _REL_NS})
            self.rels_name = PACKAGE_RELS
        # A relationship that already names the part (it was missing) is reused.
        if not any(rel.get("Type") == rel_type and rel.get("TargetMode") != "External"
                   and part_name(rel.get("Target", "")).lower() == name.lower()
                   for rel in self.rels.iter(f"{{{_REL_NS}}}Relationship")):
            ids = {r.get("Id") for r in self.rels}
            n = 1
            while f"rId{n}" in ids:
                n += 1
            etree.SubElement(self.rels, f"{{{_REL_NS}}}Relationship",
                             Id=f"rId{n}", Type=rel_type, Target=name)
            self.rels_changed = True
        override = self._override_for(name)
        if self.types is not None and override is None:
            etree.SubElement(self.types, f"{{{_CT_NS}}}Override", PartName="/" + name,
                             ContentType=content_type)
            self.types_changed = True
        elif override is not None and override.get("ContentType") != content_type:
            override.set("ContentType", content_type)
            self.types_changed = True

    def drop_part(self, name: str, rel_type: str) -> None:
        """Unregister a package-level part (the caller deletes the member)."""
        if self.rels is not None:
            for rel in list(self.rels):
                if rel.get("Type") == rel_type and part_name(rel.get("Target", "")).lower() == name.lower():
                    self.rels.remove(rel)
                    self.rels_changed = True
        override = self._override_for(name)
        if override is not None:
            self.types.remove(override)
            self.types_changed = True

    def _override_for(self, name: str):
        if self.types is None:
            return None
        wanted = "/" + name.lower()
        return next((o for o in self.types.iter(f"{{{_CT_NS}}}Override")
                     if "/" + part_name(o.get("PartName", "")).lower() == wanted), None)

    def changes(self) -> dict[str, bytes]:
        out = {}
        where = self.package.path.name
        if self.rels_changed:
            assert self.rels_name is not None  # named when the relationships were read or created
            out[self.rels_name] = safexml.serialize(self.rels, self._rels_bytes, f"{self.rels_name} in {where}")
        if self.types_changed:
            assert self.types_name is not None  # only content types that were read can change
            out[self.types_name] = safexml.serialize(self.types, self._types_bytes,
                                                     f"{self.types_name} in {where}")
        return out

    # -- digital signatures ------------------------------------------------
    def check_signatures(self, changes) -> list[str]:
        """Refuse `changes` that would break a digital signature of the package.

        An OPC signature (the parts under _xmlsignatures/, reached from the
        package's digital-signature/origin relationship) lists the parts it
        signs as Reference URIs ("/word/document.xml?ContentType=…").  If
        any of them is a part we change, add or delete, the signature would
        no longer verify: the write is refused.  Returns the signature parts
        found (the caller may note that they were kept valid).
        """
        package = self.package
        signatures = [n for n in package.names()
                      if n.lower().startswith(SIGNATURES_FOLDER) and n.lower().endswith(".xml")
                      and "/_rels/" not in n.lower()]
        origin = self.target_of(SIGNATURE_ORIGIN)
        if origin is not None:
            # The origin part's own relationships name the signature parts.
            folder, _, leaf = origin.rpartition("/")
            origin_rels = package.find(f"{folder}/_rels/{leaf}.rels".lstrip("/"))
            if origin_rels is not None:
                for rel in package.parse_xml(origin_rels).iter(f"{{{_REL_NS}}}Relationship"):
                    if rel.get("TargetMode") != "External":
                        target = rel.get("Target", "")
                        name = package.find(part_name(target if target.startswith("/")
                                                      else f"{folder}/{target}"))
                        if name is not None and name not in signatures:
                            signatures.append(name)
        touched = {name.lower(): name for name in changes}
        for signature in signatures:
            try:
                root = package.parse_xml(signature)
            except FormatError:
                raise FormatError(UNSUPPORTED, f"{package.path.name} is digitally signed and its signature "
                                               f"{signature} cannot be read to tell which parts it covers, so "
                                               "labelling it could invalidate the signature; it was left as "
                                               "it was.") from None
            for reference in root.iter(f"{{{_XMLDSIG_NS}}}Reference"):
                uri = reference.get("URI") or ""
                if not uri or uri.startswith("#"):
                    continue  # an element of the signature itself
                signed = part_name(uri).lower()
                if signed in touched and not self._selected_relationships_kept(reference, touched[signed],
                                                                               changes):
                    raise FormatError(UNSUPPORTED, f"{package.path.name} is digitally signed and the "
                                                   f"signature covers {touched[signed]}, which labelling "
                                                   "changes, so it would invalidate the signature; it was "
                                                   "left as it was.")
        return signatures

    def _selected_relationships_kept(self, reference, name: str, changes) -> bool:
        """Whether a signed relationships part still says what its signature covers.

        Office signs _rels/.rels through a RelationshipReference transform:
        only the relationships it selects (by Id or by type) are signed, so
        adding our own relationship leaves the signature valid.  Any other
        reference to a part we change is broken by the change.
        """
        if name != self.rels_name or self._rels_bytes is None or changes.get(name) is None:
            return False
        ids, types, others = set(), set(), 0
        for transform in reference.iter(f"{{{_XMLDSIG_NS}}}Transform"):
            if transform.get("Algorithm") == _RELATIONSHIP_TRANSFORM:
                for selector in transform:
                    if not isinstance(selector.tag, str):
                        continue
                    local = etree.QName(selector).localname
                    if local == "RelationshipReference":
                        ids.add(selector.get("SourceId"))
                    elif local == "RelationshipsGroupReference":
                        types.add(selector.get("SourceType"))
                    else:
                        others += 1
        if not (ids or types) or others:
            return False

        def selected(data: bytes) -> list[tuple]:
            root = safexml.parse(data, f"{name} in {self.package.path.name}")
            return sorted((r.get("Id"), r.get("Type"), r.get("Target"), r.get("TargetMode"))
                          for r in root.iter(f"{{{_REL_NS}}}Relationship")
                          if r.get("Id") in ids or r.get("Type") in types)
        return selected(self._rels_bytes) == selected(changes[name])


__all__ = ["CONTENT_TYPES", "PACKAGE_RELS", "PackageIndex", "part_name",
           "signature_references"]
