"""docProps/custom.xml: Office's custom document properties.

Edited in place rather than regenerated, so properties of other types
(dates, numbers, booleans) and their order and pids survive untouched.
"""
from __future__ import annotations

from lxml import etree

from . import safexml

PART = "docProps/custom.xml"
REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


class CustomProperties:
    def __init__(self, root: etree._Element | None):
        if root is None:
            root = etree.Element(f"{{{NS}}}Properties", nsmap={None: NS, "vt": VT})
        self.root = root

    def _properties(self):
        return self.root.findall(f"{{{NS}}}property")

    def bag(self) -> dict[str, str]:
        """Name → text value of every property (non-string values as text)."""
        bag = {}
        for prop in self._properties():
            name = prop.get("name")
            if name is not None and len(prop):
                bag[name] = "".join(prop[0].itertext())
        return bag

    def update(self, new_bag: dict[str, str]) -> None:
        """Make the string properties say `new_bag`, touching only differences."""
        old = self.bag()
        for prop in self._properties():
            name = prop.get("name")
            if name in old and name not in new_bag:
                self.root.remove(prop)
            elif name in new_bag and old.get(name) != new_bag[name]:
                for child in list(prop):
                    prop.remove(child)
                etree.SubElement(prop, f"{{{VT}}}lpwstr").text = new_bag[name]
        pids = [int(p.get("pid")) for p in self._properties() if (p.get("pid") or "").isdigit()]
        next_pid = max(pids + [1]) + 1
        for name, value in new_bag.items():
            if name not in old:
                prop = etree.SubElement(self.root, f"{{{NS}}}property", fmtid=FMTID,
                                        pid=str(next_pid), name=name)
                etree.SubElement(prop, f"{{{VT}}}lpwstr").text = value
                next_pid += 1

    def is_empty(self) -> bool:
        return not self._properties()

    def serialize(self, like: bytes | None = None, what: str | None = None) -> bytes:
        """The part as Office writes it, in the text encoding of `like` (its old bytes)."""
        return safexml.serialize(self.root, like, what)
