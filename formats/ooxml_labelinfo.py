"""docMetadata/LabelInfo.xml: where newer Office keeps Microsoft labels.

Only GUIDs are stored here (no names, no dates); GUIDs are lower case in
braces and attributes keep the order Office writes.
"""
from __future__ import annotations

from lxml import etree

from . import safexml
from .model import MICROSOFT, FoundLabel, LabelStamp

PART = "docMetadata/LabelInfo.xml"
REL_TYPE = "http://schemas.microsoft.com/office/2020/02/relationships/classificationlabels"
CONTENT_TYPE = "application/vnd.ms-office.classificationlabels+xml"
NS = "http://schemas.microsoft.com/office/2020/mipLabelMetadata"


def _guid(value: str | None) -> str:
    return (value or "").strip().strip("{}").lower()


class LabelInfo:
    def __init__(self, root: etree._Element | None):
        if root is None:
            root = etree.Element(f"{{{NS}}}labelList", nsmap={"clbl": NS})
        self.root = root

    def _labels(self):
        return self.root.findall(f"{{{NS}}}label")

    def found(self, where: str = PART) -> list[FoundLabel]:
        """Active labels: enabled and not marked removed."""
        result = []
        for el in self._labels():
            if el.get("enabled", "1") in ("1", "true") and el.get("removed", "0") in ("0", "false"):
                raw = {k: v for k, v in el.attrib.items()}
                result.append(FoundLabel(MICROSOFT, _guid(el.get("id")), None, where, raw))
        return result

    def tenants(self) -> set[str]:
        return {_guid(el.get("siteId")) for el in self._labels()}

    def remove(self, guids: set[str]) -> None:
        for el in self._labels():
            if _guid(el.get("id")) in guids:
                self.root.remove(el)

    def put(self, stamp: LabelStamp) -> None:
        """Make `stamp`'s Microsoft label the one label of its tenant."""
        ms = stamp.microsoft
        assert ms is not None
        for el in self._labels():
            if _guid(el.get("siteId")) == ms.site_id:
                self.root.remove(el)
        el = etree.SubElement(self.root, f"{{{NS}}}label")
        # Attribute order matters to some readers: id, enabled, method, siteId, contentBits, removed.
        el.set("id", "{" + ms.label_guid + "}")
        el.set("enabled", "1")
        el.set("method", "Standard" if stamp.method == "default" else "Privileged")
        el.set("siteId", "{" + ms.site_id + "}")
        el.set("contentBits", str(ms.content_bits))
        el.set("removed", "0")

    def is_empty(self) -> bool:
        return not self._labels()

    def serialize(self) -> bytes:
        return safexml.serialize(self.root)
