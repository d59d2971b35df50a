"""Office Open XML documents (Word, Excel, PowerPoint, Visio).

Labels live in docProps/custom.xml (ours, Microsoft's MSIP_Label_*, TSCP,
Titus, Boldon James) and docMetadata/LabelInfo.xml (newer Microsoft).  Only
those parts, the package relationships and the content types are rewritten
— plus, when the label draws visual markings, the parts that carry them
(formats/ooxml_markings.py); every other member is copied byte for byte.

For a write the package is read strictly first: an ambiguous ZIP, a
metadata relationship that points at a content part, or a digital
signature that covers a part we would change is refused, untouched.
"""
from __future__ import annotations

from pathlib import Path

from . import labelprops, markings, ooxml_custom, ooxml_labelinfo, ooxml_markings, safexml
from .base import PackageHandler
from .errors import CORRUPT, FormatError
from .model import OURS, MICROSOFT, FoundLabel, LabelStamp, ReadResult
from .opc import PackageIndex
from .zippkg import ZipPackage


class _Metadata:
    """The label-bearing parts of one open package."""

    def __init__(self, package: ZipPackage, strict: bool = False):
        if package.find("[Content_Types].xml") is None:
            raise FormatError(CORRUPT, f"{package.path.name} is a ZIP file but not an Office document "
                                       "(it has no [Content_Types].xml).")
        self.package = package
        self.index = PackageIndex(package)
        if strict:
            self.index.check_roots()
        self.custom_name = self.index.metadata_part(ooxml_custom.REL_TYPE, ooxml_custom.PART,
                                                    ooxml_custom.CONTENT_TYPE, strict)
        self.labelinfo_name = self.index.metadata_part(ooxml_labelinfo.REL_TYPE, ooxml_labelinfo.PART,
                                                       ooxml_labelinfo.CONTENT_TYPE, strict)
        if strict and self.custom_name and self.custom_name == self.labelinfo_name:
            raise FormatError(CORRUPT, f"{package.path.name} was refused because its custom properties and "
                                       f"its label information are the same part, {self.custom_name}; it "
                                       "was left as it was.")
        # The original bytes: a rewritten part keeps their text encoding.
        self.raw: dict[str, bytes] = {}
        self.custom = ooxml_custom.CustomProperties(self._parse(self.custom_name))
        # LabelInfo also gets its bytes: other tenants' labels are kept as they were written.
        self.labelinfo = ooxml_labelinfo.LabelInfo(self._parse(self.labelinfo_name),
                                                   self.raw.get(self.labelinfo_name or ""))

    def _parse(self, name: str | None):
        if not name:
            return None
        self.raw[name] = self.package.read(name)
        return safexml.parse(self.raw[name], f"{name} in {self.package.path.name}")

    def serialize(self, part, name: str | None) -> bytes:
        where = f"{name or 'a new part'} in {self.package.path.name}"
        return part.serialize(self.raw.get(name) if name else None, where)

    def labels(self) -> list[FoundLabel]:
        bag = self.custom.bag()
        from_custom = labelprops.decode(bag, self.custom_name or ooxml_custom.PART)
        # LabelInfo wins; custom.xml speaks only for tenants LabelInfo does not mention.
        info_labels = self.labelinfo.found(self.labelinfo_name or ooxml_labelinfo.PART)
        info_tenants = self.labelinfo.tenants()
        groups = labelprops.msip_groups(bag)
        result = [l for l in from_custom if l.system != MICROSOFT]
        for label in info_labels:
            name = groups.get(label.id, {}).get("Name")
            result.append(FoundLabel(MICROSOFT, label.id, name, label.where,
                                     {**groups.get(label.id, {}), **label.raw}))
        for label in from_custom:
            tenant = (label.raw.get("SiteId") or "").strip("{}").lower()
            if label.system == MICROSOFT and tenant not in info_tenants:
                result.append(label)
        return result


class OoxmlHandler(PackageHandler):
    name = "Office document"
    extensions = frozenset({
        ".docx", ".docm", ".dotx", ".dotm", ".xlsx", ".xlsm", ".xltx", ".xltm",
        ".pptx", ".pptm", ".potx", ".potm", ".ppsx", ".ppsm", ".vsdx", ".vsdm", ".vstx", ".vstm",
    })
    media_types = frozenset({
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.ms-word.document.macroEnabled.12",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.template",
        "application/vnd.ms-word.template.macroEnabled.12",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.ms-excel.sheet.macroEnabled.12",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.template",
        "application/vnd.ms-excel.template.macroEnabled.12",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "application/vnd.ms-powerpoint.presentation.macroEnabled.12",
        "application/vnd.openxmlformats-officedocument.presentationml.template",
        "application/vnd.ms-powerpoint.template.macroEnabled.12",
        "application/vnd.openxmlformats-officedocument.presentationml.slideshow",
        "application/vnd.ms-powerpoint.slideshow.macroEnabled.12",
        "application/vnd.ms-visio.drawing", "application/vnd.ms-visio.drawing.macroEnabled.12",
        "application/vnd.ms-visio.template", "application/vnd.ms-visio.template.macroEnabled.12",
    })

    def sniff(self, head: bytes, path: Path) -> int:
        # A ZIP named like an Office file, or any ZIP with [Content_Types].xml (a misnamed one).
        return self._sniff_package(head, path, lambda names: "[Content_Types].xml" in names)

    def _extract_text(self, path: Path, limit) -> None:
        from . import ooxml_text

        ooxml_text.extract_text(path, limit)

    def _read(self, path: Path) -> ReadResult:
        with ZipPackage(path) as package:
            return self._read_package(package)

    def _read_package(self, package) -> ReadResult:
        meta = _Metadata(package)
        labels = tuple(meta.labels())
        ours = next((label for label in labels if label.system == OURS), None)
        return ReadResult(labels, self.name, markings=ooxml_markings.found(package, meta.index, ours))

    def _changes(self, package: ZipPackage, stamp: LabelStamp | None) -> dict[str, bytes | None]:
        package.check_unambiguous()
        meta = _Metadata(package, strict=True)
        index = meta.index
        old_bag = meta.custom.bag()
        # Markings first: the label's ContentBits must say what was really drawn.
        office_gone = labelprops.removed_microsoft_guids(old_bag, labelprops.apply(old_bag, stamp))
        if stamp is not None and stamp.microsoft is not None \
                and stamp.microsoft.label_guid in labelprops.msip_groups(old_bag):
            office_gone.add(stamp.microsoft.label_guid)  # rewritten by us: our markings replace Office's
        previously = labelprops.markings_of(next((label for label in labelprops.decode(old_bag, "")
                                                  if label.system == OURS), None))
        marking_changes, parts = ooxml_markings.plan(package, index, markings.wanted(stamp, package.path.name),
                                                     office_gone, previously)
        stamp = markings.drawn(stamp, parts)
        new_bag = labelprops.apply(old_bag, stamp)
        changes: dict[str, bytes | None] = dict(marking_changes)
        if new_bag != old_bag:
            meta.custom.update(new_bag)
            self._store_part(changes, meta, meta.custom, meta.custom_name, ooxml_custom)

        # LabelInfo must agree with custom.xml about Microsoft labels.
        gone = labelprops.removed_microsoft_guids(old_bag, new_bag)
        before = meta.labelinfo.serialize()
        meta.labelinfo.remove(gone)
        if stamp is not None and stamp.microsoft is not None:
            meta.labelinfo.put(stamp)
        if meta.labelinfo.serialize() != before:
            self._store_part(changes, meta, meta.labelinfo, meta.labelinfo_name, ooxml_labelinfo)
        changes.update(index.changes())
        if changes:
            package.check_changes(changes)
            index.check_signatures(changes)
        return changes

    @staticmethod
    def _store_part(changes, meta: _Metadata, part, name: str | None, kind) -> None:
        """Record the new content of a metadata part, adding or dropping it as needed."""
        index = meta.index
        if part.is_empty():
            if name:
                changes[name] = None
                index.drop_part(name, kind.REL_TYPE)
            return
        # Registered as well: a part that no relationship points at (or that
        # has no content type of its own) would carry a label Office never sees.
        index.add_part(name or kind.PART, kind.REL_TYPE, kind.CONTENT_TYPE)
        changes[name or kind.PART] = meta.serialize(part, name)
