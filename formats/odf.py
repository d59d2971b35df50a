"""OpenDocument files (LibreOffice, OpenOffice): .odt .ods .odp and templates.

Labels are `meta:user-defined` string properties in meta.xml, which is also
where LibreOffice keeps its TSCP (urn:bails:*) classification.  The package
keeps `mimetype` first and stored: the zip engine copies it untouched.
"""
from __future__ import annotations

from pathlib import Path

from lxml import etree

from . import labelprops, markings, odf_markings, safexml
from .base import PackageHandler
from .errors import CORRUPT, ENCRYPTED, UNSUPPORTED, FormatError
from .model import LabelStamp, ReadResult
from .opc import part_name, signature_references
from .zippkg import ZipPackage

META = "meta.xml"
MANIFEST = "META-INF/manifest.xml"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
META_NS = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
MANIFEST_NS = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
_USER_DEFINED = f"{{{META_NS}}}user-defined"
_NAME = f"{{{META_NS}}}name"
_FULL_PATH = f"{{{MANIFEST_NS}}}full-path"


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


def _add_to_manifest(root: etree._Element, like: bytes, what: str) -> bytes:
    entry = etree.SubElement(root, f"{{{MANIFEST_NS}}}file-entry")
    entry.set(f"{{{MANIFEST_NS}}}full-path", META)
    entry.set(f"{{{MANIFEST_NS}}}media-type", "text/xml")
    return safexml.serialize(root, like, what)


def _encrypted_entries(manifest: etree._Element) -> list[str]:
    """Members the manifest says are encrypted (with a password)."""
    return [entry.get(_FULL_PATH, "") for entry in manifest.iter(f"{{{MANIFEST_NS}}}file-entry")
            if entry.find(f"{{{MANIFEST_NS}}}encryption-data") is not None]


class OdfHandler(PackageHandler):
    name = "OpenDocument file"
    extensions = frozenset({".odt", ".ods", ".odp", ".odg", ".ott", ".ots", ".otp", ".otg"})
    media_types = frozenset(f"application/vnd.oasis.opendocument.{kind}" for kind in (
        "text", "spreadsheet", "presentation", "graphics",
        "text-template", "spreadsheet-template", "presentation-template", "graphics-template"))

    def sniff(self, head: bytes, path: Path) -> int:
        # A ZIP named like an OpenDocument file, or any ZIP with a `mimetype` member (a misnamed one).
        return self._sniff_package(head, path, lambda names: "mimetype" in names)

    def _extract_text(self, path: Path, limit) -> None:
        from . import odf_text

        odf_text.extract_text(path, limit)

    @staticmethod
    def _manifest(package: ZipPackage) -> tuple[etree._Element | None, bytes | None]:
        if package.find("mimetype") is None and package.find(MANIFEST) is None:
            raise FormatError(CORRUPT, f"{package.path.name} is a ZIP file but not an OpenDocument file "
                                       "(it has no mimetype member).")
        if not package.has(MANIFEST):
            return None, None
        data = package.read(MANIFEST)
        return safexml.parse(data, f"{MANIFEST} in {package.path.name}"), data

    @staticmethod
    def _password_protected(package: ZipPackage) -> FormatError:
        return FormatError(ENCRYPTED, f"{package.path.name} is a password-protected OpenDocument file, so its "
                                      "label cannot be read or changed without the password; it was left "
                                      "as it was.")

    def _meta(self, package: ZipPackage, manifest: etree._Element | None,
              strict: bool) -> tuple[_Meta, bytes | None]:
        if not package.has(META):
            return _Meta(None), None
        if strict and manifest is not None and META in _encrypted_entries(manifest):
            raise self._password_protected(package)
        data = package.read(META)
        try:
            return _Meta(safexml.parse(data, f"{META} in {package.path.name}")), data
        except FormatError:
            # An encrypted meta.xml is not XML at all: say why, not "not well-formed".
            if manifest is None and not strict:
                try:
                    manifest, _ = self._manifest(package)
                except FormatError:
                    manifest = None
            if manifest is not None and META in _encrypted_entries(manifest):
                raise self._password_protected(package) from None
            raise

    def _read(self, path: Path) -> ReadResult:
        with ZipPackage(path) as package:
            # The manifest is only read when meta.xml does not parse (is it encrypted?).
            if package.find("mimetype") is None and package.find(MANIFEST) is None:
                raise FormatError(CORRUPT, f"{package.path.name} is a ZIP file but not an OpenDocument file "
                                           "(it has no mimetype member).")
            meta, _ = self._meta(package, None, strict=False)
            return ReadResult(tuple(labelprops.decode(meta.bag(), META)), self.name,
                              markings=odf_markings.found(package, meta.bag()))

    def _changes(self, package: ZipPackage, stamp: LabelStamp | None) -> dict[str, bytes | None]:
        package.check_unambiguous()
        manifest, manifest_bytes = self._manifest(package)
        if manifest is not None and _encrypted_entries(manifest):
            raise self._password_protected(package)
        meta, meta_bytes = self._meta(package, manifest, strict=True)
        old_bag = meta.bag()
        # Markings first: the label's Marking:* properties and ContentBits must say what was really drawn.
        marking_changes, parts = odf_markings.plan(package, markings.wanted(stamp, package.path.name),
                                                   *odf_markings.replaced(old_bag, stamp))
        stamp = markings.drawn(stamp, parts)
        new_bag = labelprops.apply(old_bag, stamp)
        changes: dict[str, bytes | None] = dict(marking_changes)
        if new_bag == old_bag and not changes:
            return {}
        where = package.path.name
        if new_bag != old_bag:
            meta.update(new_bag)
            changes[META] = safexml.serialize(meta.root, meta_bytes, f"{META} in {where}")
        # (the manifest and its bytes are both there or both None)
        if META in changes and meta_bytes is None and manifest is not None and manifest_bytes is not None:
            changes[MANIFEST] = _add_to_manifest(manifest, manifest_bytes, f"{MANIFEST} in {where}")
        package.check_changes(changes)
        self._check_signatures(package, changes)
        return changes

    @staticmethod
    def _check_signatures(package: ZipPackage, changes: dict[str, bytes | None]) -> None:
        """Refuse changes that would invalidate a document or macro signature.

        LibreOffice keeps signatures in META-INF/documentsignatures.xml (the
        whole document: every stream, meta.xml and the manifest included)
        and META-INF/macrosignatures.xml (the macros only).  A signature
        whose References name a member we change is refused; so is adding
        a member to a document-signed package, since LibreOffice requires a
        document signature to cover every stream.
        """
        signatures = [n for n in package.names()
                      if n.startswith("META-INF/") and "signatures" in n.lower() and n.lower().endswith(".xml")]
        for name in signatures:
            covers_all = "macro" not in name.lower()
            try:
                refs = {part_name(uri) for uri in signature_references(package.parse_xml(name))
                        if not uri.startswith("#")}
            except FormatError:
                raise FormatError(UNSUPPORTED, f"{package.path.name} is digitally signed and its signature "
                                               f"{name} cannot be read to tell which parts it covers, so "
                                               "labelling it could invalidate the signature; it was left as "
                                               "it was.") from None
            for member in changes:
                if member in refs:
                    what = f"the signature covers {member}, which labelling changes, so it"
                elif covers_all and not package.has(member):
                    what = f"its signature must cover every part, so adding {member}"
                else:
                    continue
                raise FormatError(UNSUPPORTED, f"{package.path.name} is digitally signed and {what} would "
                                               "invalidate the signature; it was left as it was.")
