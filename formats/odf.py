"""OpenDocument files (LibreOffice, OpenOffice): .odt .ods .odp and templates.

Labels are `meta:user-defined` string properties in meta.xml, which is also
where LibreOffice keeps its TSCP (urn:bails:*) classification.  The package
keeps `mimetype` first and stored: the zip engine copies it untouched.
"""
from __future__ import annotations

from pathlib import Path

from lxml import etree

from . import labelprops, safexml
from .base import PackageHandler
from .errors import CORRUPT, FormatError
from .model import LabelStamp, ReadResult
from .zippkg import ZipPackage

META = "meta.xml"
MANIFEST = "META-INF/manifest.xml"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
META_NS = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
MANIFEST_NS = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
_USER_DEFINED = f"{{{META_NS}}}user-defined"
_NAME = f"{{{META_NS}}}name"


class _Meta:
    """meta.xml's user-defined properties, edited in place."""

    def __init__(self, root: etree._Element | None):
        if root is None:
            self.root = etree.Element(f"{{{OFFICE}}}document-meta", nsmap={"office": OFFICE, "meta": META_NS})
            self.root.set(f"{{{OFFICE}}}version", "1.2")
        else:
            self.root = root
        self.meta = self.root.find(f"{{{OFFICE}}}meta")
        if self.meta is None:
            self.meta = etree.SubElement(self.root, f"{{{OFFICE}}}meta")

    def bag(self) -> dict[str, str]:
        return {el.get(_NAME): "".join(el.itertext())
                for el in self.meta.findall(_USER_DEFINED) if el.get(_NAME) is not None}

    def update(self, new_bag: dict[str, str]) -> None:
        old = self.bag()
        for el in self.meta.findall(_USER_DEFINED):
            name = el.get(_NAME)
            if name in old and name not in new_bag:
                self.meta.remove(el)
            elif name in new_bag and old.get(name) != new_bag[name]:
                for child in list(el):
                    el.remove(child)
                el.text = new_bag[name]
                el.set(f"{{{META_NS}}}value-type", "string")
        for name, value in new_bag.items():
            if name not in old:
                el = etree.SubElement(self.meta, _USER_DEFINED)
                el.set(_NAME, name)
                el.set(f"{{{META_NS}}}value-type", "string")
                el.text = value

    def serialize(self) -> bytes:
        return safexml.serialize(self.root)


def _add_to_manifest(root: etree._Element) -> bytes:
    entry = etree.SubElement(root, f"{{{MANIFEST_NS}}}file-entry")
    entry.set(f"{{{MANIFEST_NS}}}full-path", META)
    entry.set(f"{{{MANIFEST_NS}}}media-type", "text/xml")
    return safexml.serialize(root)


class OdfHandler(PackageHandler):
    name = "OpenDocument file"
    extensions = frozenset({".odt", ".ods", ".odp", ".odg", ".ott", ".ots", ".otp", ".otg"})

    @staticmethod
    def _meta(package: ZipPackage) -> tuple[_Meta, bool]:
        if package.find("mimetype") is None and package.find(MANIFEST) is None:
            raise FormatError(CORRUPT, f"{package.path.name} is a ZIP file but not an OpenDocument file "
                                       "(it has no mimetype member).")
        exists = package.has(META)
        return _Meta(package.parse_xml(META) if exists else None), exists

    def _read(self, path: Path) -> ReadResult:
        with ZipPackage(path) as package:
            meta, _ = self._meta(package)
            return ReadResult(tuple(labelprops.decode(meta.bag(), META)), self.name)

    def _changes(self, package: ZipPackage, stamp: LabelStamp | None) -> dict[str, bytes | None]:
        meta, exists = self._meta(package)
        old_bag = meta.bag()
        new_bag = labelprops.apply(old_bag, stamp)
        if new_bag == old_bag:
            return {}
        meta.update(new_bag)
        changes: dict[str, bytes | None] = {META: meta.serialize()}
        if not exists and package.has(MANIFEST):
            changes[MANIFEST] = _add_to_manifest(package.parse_xml(MANIFEST))
        return changes
