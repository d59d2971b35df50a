"""docMetadata/LabelInfo.xml: where newer Office keeps Microsoft labels.

Only GUIDs are stored here (no names, no dates); GUIDs are lower case in
braces.  The part is written by hand in exactly the form Office writes
(MS-OI29500 §3.4.1.5 asks cooperating writers for byte-identical parts):
one line, a lower-case `utf-8` declaration, the attributes in Office's
order, `contentBits` and `removed` on every label, a space before `/>`.
Other tenants' `clbl:label` elements are kept as the very bytes they were
in the original part, never re-serialised.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

from . import safexml
from .errors import FormatError
from .model import MICROSOFT, FoundLabel, LabelStamp

PART = "docMetadata/LabelInfo.xml"
REL_TYPE = "http://schemas.microsoft.com/office/2020/02/relationships/classificationlabels"
CONTENT_TYPE = "application/vnd.ms-office.classificationlabels+xml"
NS = "http://schemas.microsoft.com/office/2020/mipLabelMetadata"
_LABEL = f"{{{NS}}}label"

DECLARATION = b'<?xml version="1.0" encoding="utf-8" standalone="yes"?>'
ROOT_START = b'<clbl:labelList xmlns:clbl="' + NS.encode() + b'">'
ROOT_END = b"</clbl:labelList>"
# Office's attribute order on a label.
ATTRIBUTE_ORDER = ("id", "enabled", "method", "siteId", "contentBits", "removed")


def _guid(value: str | None) -> str:
    return (value or "").strip().strip("{}").lower()


def _escape(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")


def label_element(attributes: dict[str, str]) -> bytes:
    """A `clbl:label` element as Office writes it: its attributes in Office's order, then any others."""
    ordered = [k for k in ATTRIBUTE_ORDER if k in attributes] + [k for k in attributes if k not in ATTRIBUTE_ORDER]
    text = "".join(f' {k}="{_escape(attributes[k])}"' for k in ordered)
    return f"<clbl:label{text} />".encode()


@dataclass
class _Entry:
    """One child element of the label list: its parsed form and the bytes to write."""

    element: etree._Element
    text: bytes

    @property
    def is_label(self) -> bool:
        return self.element.tag == _LABEL


class LabelInfo:
    def __init__(self, root: etree._Element | None, data: bytes | None = None):
        """The part parsed into `root`; with its original bytes `data`, other labels keep their bytes."""
        children = [c for c in root if isinstance(c.tag, str)] if root is not None else []
        slices: Sequence[bytes | None] | None = _child_slices(data) if data is not None else None
        if slices is None or len(slices) != len(children):
            slices = [None] * len(children)
        self.entries = [_Entry(el, _kept(el, raw)) for el, raw in zip(children, slices)]

    def _labels(self):
        return [e.element for e in self.entries if e.is_label]

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
        self.entries = [e for e in self.entries if not (e.is_label and _guid(e.element.get("id")) in guids)]

    def put(self, stamp: LabelStamp) -> None:
        """Make `stamp`'s Microsoft label the one label of its tenant."""
        ms = stamp.microsoft
        assert ms is not None
        self.entries = [e for e in self.entries
                        if not (e.is_label and _guid(e.element.get("siteId")) == ms.site_id)]
        attributes = {
            "id": "{" + ms.label_guid + "}",
            "enabled": "1",
            "method": "Standard" if stamp.method == "default" else "Privileged",
            "siteId": "{" + ms.site_id + "}",
            # The markings really written with the label.
            "contentBits": str(stamp.content_bits),
            "removed": "0",
        }
        element = etree.Element(_LABEL, nsmap={"clbl": NS})
        for key, value in attributes.items():
            element.set(key, value)
        # After the last label, before anything else the list holds (an extension list comes last).
        at = max((i + 1 for i, e in enumerate(self.entries) if e.is_label), default=0)
        self.entries.insert(at, _Entry(element, label_element(attributes)))

    def is_empty(self) -> bool:
        return not self.entries

    def serialize(self, like: bytes | None = None, what: str | None = None) -> bytes:
        """The part in Office's form (always UTF-8, whatever `like`, the old bytes, used)."""
        return DECLARATION + ROOT_START + b"".join(e.text for e in self.entries) + ROOT_END


def _kept(element: etree._Element, raw: bytes | None) -> bytes:
    """The original bytes of `element` if they read back as the same element, else Office's form of it."""
    if raw is not None:
        try:
            wrapped = safexml.parse(ROOT_START + raw + ROOT_END, PART)
        except FormatError:
            wrapped = None
        if wrapped is not None and len(wrapped) == 1 and wrapped[0].tag == element.tag \
                and dict(wrapped[0].attrib) == dict(element.attrib):
            return raw
    if element.tag == _LABEL and not len(element) and all(not k.startswith("{") for k in element.attrib):
        return label_element(dict(element.attrib))
    return etree.tostring(element, encoding="utf-8", with_tail=False)


# -- finding each child element's original bytes ---------------------------

_SPACE = re.compile(rb"[ \t\r\n]*")
_ENCODING = re.compile(rb'^<\?xml[^>]*encoding\s*=\s*["\']([^"\']+)["\']')


def _tag_end(data: bytes, pos: int) -> int | None:
    """The index just after the `>` that closes the tag opening at `pos` (quotes respected)."""
    quote = None
    for i in range(pos + 1, len(data)):
        c = data[i]
        if quote is not None:
            if c == quote:
                quote = None
        elif c in (0x22, 0x27):
            quote = c
        elif c == 0x3E:
            return i + 1
    return None


def _skip(data: bytes, pos: int) -> int | None:
    """Past a comment or processing instruction at `pos`, or None if there is none."""
    for start, end in ((b"<!--", b"-->"), (b"<?", b"?>")):
        if data.startswith(start, pos):
            found = data.find(end, pos + len(start))
            return None if found < 0 else found + len(end)
    return None


def _element_end(data: bytes, pos: int) -> int | None:
    """The index just after the element that starts at `pos`."""
    end = _tag_end(data, pos)
    if end is None or data[end - 2:end] == b"/>":
        return end
    depth = 1
    while depth:
        pos = data.find(b"<", end)
        if pos < 0:
            return None
        if data.startswith(b"<![CDATA[", pos):
            found = data.find(b"]]>", pos)
            end = None if found < 0 else found + 3
        elif data.startswith((b"<!--", b"<?"), pos):
            end = _skip(data, pos)
        else:
            end = _tag_end(data, pos)
            if end is not None and data.startswith(b"</", pos):
                depth -= 1
            elif end is not None and data[end - 2:end] != b"/>":
                depth += 1
        if end is None:
            return None
    return end


def _after_space(data: bytes, pos: int) -> int:
    space = _SPACE.match(data, pos)
    assert space is not None  # the pattern matches the empty string too
    return space.end()


def _child_slices(data: bytes) -> list[bytes] | None:
    """The original bytes of each child element of the root, or None when unsure."""
    match = _ENCODING.match(data)
    if match and match.group(1).lower() not in (b"utf-8", b"utf8"):
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    pos = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    following: int | None
    while True:  # the prolog
        pos = _after_space(data, pos)
        if data.startswith((b"<?", b"<!--"), pos):
            following = _skip(data, pos)
            if following is None:
                return None
            pos = following
        elif data.startswith(b"<", pos) and not data.startswith(b"<!", pos):
            break
        else:
            return None
    end = _tag_end(data, pos)
    if end is None:
        return None
    if data[end - 2:end] == b"/>":
        return []
    pos = end
    children: list[bytes] = []
    while True:  # the root's content
        pos = _after_space(data, pos)
        if data.startswith(b"</", pos):
            return children
        if data.startswith((b"<?", b"<!--"), pos):
            following = _skip(data, pos)
        elif data.startswith(b"<", pos) and not data.startswith(b"<!", pos):
            following = _element_end(data, pos)
            if following is not None:
                children.append(data[pos:following])
        else:
            return None
        if following is None:
            return None
        pos = following
