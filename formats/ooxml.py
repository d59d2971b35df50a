"""Office Open XML documents (Word, Excel, PowerPoint, Visio).

Labels live in docProps/custom.xml (ours, Microsoft's MSIP_Label_*, TSCP,
Titus, Boldon James) and docMetadata/LabelInfo.xml (newer Microsoft).  Only
those parts, the package relationships and the content types are ever
rewritten; every other member is copied byte for byte.
"""
from __future__ import annotations

from pathlib import Path

from . import labelprops, ooxml_custom, ooxml_labelinfo
from .base import PackageHandler
from .errors import CORRUPT, FormatError
from .model import MICROSOFT, FoundLabel, LabelStamp, ReadResult
from .opc import PackageIndex
from .zippkg import ZipPackage


class _Metadata:
    """The label-bearing parts of one open package."""

    def __init__(self, package: ZipPackage):
        if package.find("[Content_Types].xml") is None:
            raise FormatError(CORRUPT, f"{package.path.name} is a ZIP file but not an Office document "
                                       "(it has no [Content_Types].xml).")
        self.index = PackageIndex(package)
        # The usual part names first: looking up relationships costs a parse.
        self.custom_name = (package.find(ooxml_custom.PART)
                            or self.index.target_of(ooxml_custom.REL_TYPE))
        self.labelinfo_name = (package.find(ooxml_labelinfo.PART)
                               or self.index.target_of(ooxml_labelinfo.REL_TYPE))
        self.custom = ooxml_custom.CustomProperties(
            package.parse_xml(self.custom_name) if self.custom_name else None)
        self.labelinfo = ooxml_labelinfo.LabelInfo(
            package.parse_xml(self.labelinfo_name) if self.labelinfo_name else None)

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

    def _read(self, path: Path) -> ReadResult:
        with ZipPackage(path) as package:
            return ReadResult(tuple(_Metadata(package).labels()), self.name)

    def _changes(self, package: ZipPackage, stamp: LabelStamp | None) -> dict[str, bytes | None]:
        meta = _Metadata(package)
        index = meta.index
        old_bag = meta.custom.bag()
        new_bag = labelprops.apply(old_bag, stamp)
        changes: dict[str, bytes | None] = {}
        if new_bag != old_bag:
            meta.custom.update(new_bag)
            self._store_part(changes, index, meta.custom, meta.custom_name, ooxml_custom)

        # LabelInfo must agree with custom.xml about Microsoft labels.
        gone = labelprops.removed_microsoft_guids(old_bag, new_bag)
        before = meta.labelinfo.serialize()
        meta.labelinfo.remove(gone)
        if stamp is not None and stamp.microsoft is not None:
            meta.labelinfo.put(stamp)
        if meta.labelinfo.serialize() != before:
            self._store_part(changes, index, meta.labelinfo, meta.labelinfo_name, ooxml_labelinfo)
        changes.update(index.changes())
        return changes

    @staticmethod
    def _store_part(changes, index: PackageIndex, part, name: str | None, kind) -> None:
        """Record the new content of a metadata part, adding or dropping it as needed."""
        if part.is_empty():
            if name:
                changes[name] = None
                index.drop_part(name, kind.REL_TYPE)
            return
        if not name:
            name = kind.PART
            index.add_part(name, kind.REL_TYPE, kind.CONTENT_TYPE)
        changes[name] = part.serialize()
