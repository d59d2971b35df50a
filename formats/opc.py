"""Open Packaging Conventions plumbing: relationships and content types.

Just enough of OPC to find, add and drop package-level metadata parts the
way Office expects, while leaving every other entry of these files as is.
"""
from __future__ import annotations

from lxml import etree

from . import safexml
from .zippkg import ZipPackage

CONTENT_TYPES = "[Content_Types].xml"
PACKAGE_RELS = "_rels/.rels"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


def part_name(target: str) -> str:
    """Zip member name of a package-relationship target ('/a/b.xml' or 'a/b.xml')."""
    return target.lstrip("/")


class PackageIndex:
    """The package relationships and content types, editable in place."""

    def __init__(self, package: ZipPackage):
        self.package = package
        self.rels_name = package.find(PACKAGE_RELS)
        self.types_name = package.find(CONTENT_TYPES)
        self._rels = self._types = None
        self.rels_changed = False
        self.types_changed = False

    # Parsed on first use: reading a label needs the relationships at most,
    # the content types only matter when a part is added or dropped.
    @property
    def rels(self):
        if self._rels is None and self.rels_name:
            self._rels = self.package.parse_xml(self.rels_name)
        return self._rels

    @rels.setter
    def rels(self, value) -> None:
        self._rels = value

    @property
    def types(self):
        if self._types is None and self.types_name:
            self._types = self.package.parse_xml(self.types_name)
        return self._types

    def target_of(self, rel_type: str) -> str | None:
        """Member name of the first package relationship of `rel_type` that exists."""
        if self.rels is None:
            return None
        for rel in self.rels.iter(f"{{{_REL_NS}}}Relationship"):
            if rel.get("Type") == rel_type and rel.get("TargetMode") != "External":
                name = self.package.find(part_name(rel.get("Target", "")))
                if name:
                    return name
        return None

    def add_part(self, name: str, rel_type: str, content_type: str) -> None:
        """Register a new package-level part: relationship and content type."""
        if self.rels is None:
            self.rels = etree.Element(f"{{{_REL_NS}}}Relationships", nsmap={None: _REL_NS})
            self.rels_name = PACKAGE_RELS
        ids = {r.get("Id") for r in self.rels}
        n = 1
        while f"rId{n}" in ids:
            n += 1
        etree.SubElement(self.rels, f"{{{_REL_NS}}}Relationship",
                         Id=f"rId{n}", Type=rel_type, Target=name)
        self.rels_changed = True
        if self.types is not None and not self._override_for(name):
            etree.SubElement(self.types, f"{{{_CT_NS}}}Override", PartName="/" + name,
                             ContentType=content_type)
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
                     if o.get("PartName", "").lower() == wanted), None)

    def changes(self) -> dict[str, bytes]:
        out = {}
        if self.rels_changed:
            out[self.rels_name] = safexml.serialize(self.rels)
        if self.types_changed:
            out[self.types_name] = safexml.serialize(self.types)
        return out
