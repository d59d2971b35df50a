"""Label properties in a PDF's XMP packet, merged without harming other tools.

Microsoft mirrors the information-dictionary label into the XMP packet as
`pdfx:MSIP_Label_<guid>_<Attr>` properties (INTEROP.md §3); we mirror ours
(`Labeler_*`) the same way.  Other tools' namespaces and properties are
kept exactly; only the pdfx properties we manage are added, changed or
removed.
"""
from __future__ import annotations

import re
from collections.abc import Mapping

from lxml import etree

from . import pdf_pdfa, safexml
from .errors import CORRUPT, UNSAFE_XML, FormatError
from .labelprops import OUR_PREFIX

PDFX = "http://ns.adobe.com/pdfx/1.3/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
ADOBE_META = "adobe:ns:meta/"
_DESCRIPTION = f"{{{RDF}}}Description"
_ABOUT = f"{{{RDF}}}about"

# Only these are mirrored into XMP.  urn:bails:* names contain colons, which
# an XML element name cannot, so TSCP keys live in the info dictionary only.
_MANAGED_PREFIXES = ("MSIP_Label_", OUR_PREFIX)
_NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")

# Room to edit the packet in place later, as the XMP specification recommends.
_PADDING = (b" " * 99 + b"\n") * 20

_EMPTY_PACKET = (
    b'<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>'
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="' + RDF.encode() + b'"/></x:xmpmeta>'
    b'<?xpacket end="w"?>')


def is_managed(key: str) -> bool:
    """Whether `key` is a label property that we mirror into XMP."""
    return key.startswith(_MANAGED_PREFIXES) and bool(_NCNAME.match(key))


# A DTD or entity declaration in any encoding: in UTF-16/32 the ASCII letters
# of `<!DOCTYPE` are interleaved with zero bytes, which are dropped first.
_DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def _unsafe(what: str) -> FormatError:
    return FormatError(UNSAFE_XML, f"{what} declares a DTD or entities, which an XMP packet never needs; "
                                   "the file was left as it was.")


def parse(data: bytes, what: str) -> etree._Element:
    if _DECLARATION.search(data.replace(b"\x00", b"")):
        raise _unsafe(what)
    root = safexml.parse(data, what)
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None or info.externalDTD is not None:
        raise _unsafe(what)  # whatever the encoding, the parser saw one
    return root


def properties(root: etree._Element) -> dict[str, str]:
    """Every simple pdfx property of the packet (attribute or element form)."""
    props: dict[str, str] = {}
    for desc in _descriptions(_rdf(root)):
        for attr, value in desc.attrib.items():
            qname = etree.QName(attr)
            if qname.namespace == PDFX:
                props.setdefault(qname.localname, value)
        for child in desc:
            if isinstance(child.tag, str) and etree.QName(child).namespace == PDFX:
                props.setdefault(etree.QName(child).localname, _text(child))
    return props


def merge(data: bytes | None, target: Mapping[str, str], what: str) -> bytes:
    """The packet `data` (or a new one) whose managed pdfx properties are `target`."""
    root = parse(data if data is not None else _EMPTY_PACKET, what)
    rdf = _rdf(root)
    if rdf is None:
        if etree.QName(root).namespace != ADOBE_META:
            raise FormatError(CORRUPT, f"{what} is not an XMP packet (it has no rdf:RDF element).")
        rdf = etree.SubElement(root, f"{{{RDF}}}RDF", nsmap={"rdf": RDF})
    remaining = dict(target)
    for desc in _descriptions(rdf):
        touched = _update_description(desc, remaining)
        # Do not leave behind an empty Description that only held our labels.
        if touched and len(desc) == 0 and set(desc.attrib) <= {_ABOUT}:
            rdf.remove(desc)
    if remaining:
        _add_properties(rdf, remaining)
    pdf_pdfa.sync(rdf, {k for k in properties(root) if is_managed(k)}, is_managed)
    packet = _serialize(root)
    _check_round_trip(data, packet, target, what)
    return packet


def _check_round_trip(before: bytes | None, after: bytes, target: Mapping[str, str], what: str) -> None:
    """The new packet, re-read, says exactly `target` and keeps everything else of the old one."""
    try:
        new_root = parse(after, what)
    except FormatError:
        new_root = None
    old_root = parse(before, what) if before is not None else None
    same = new_root is not None and {k: v for k, v in properties(new_root).items() if is_managed(k)} == dict(target)
    if same and old_root is not None:
        same = _fingerprint(old_root) == _fingerprint(new_root)
    if same and pdf_pdfa.is_pdfa(_rdf(new_root)):
        same = {k for k in target} <= pdf_pdfa.described(_rdf(new_root))
    if not same:
        raise FormatError(CORRUPT, f"{what} cannot be rewritten so that it reads back exactly as intended; "
                                   "the file was left as it was.")


def _fingerprint(root: etree._Element) -> list[tuple]:
    """Every value of the packet outside our label properties and the PDF/A descriptions of them."""
    items: list[tuple] = []
    skip = (f"{{{pdf_pdfa.EXTENSION}}}schemas",)
    for element in root.iter():
        if not isinstance(element.tag, str) or any(a.tag in skip for a in element.iterancestors()) \
                or element.tag in skip:
            continue
        qname = etree.QName(element)
        if qname.namespace == PDFX and is_managed(qname.localname):
            continue
        path = tuple(etree.QName(a).localname for a in element.iterancestors() if isinstance(a.tag, str))
        attrs = tuple(sorted((k, v) for k, v in element.attrib.items()
                             if not (etree.QName(k).namespace == PDFX and is_managed(etree.QName(k).localname))))
        text = (element.text or "").strip()
        if element.tag == _DESCRIPTION:
            # Descriptions may merge or go; their values may not
            items += [(path, k, v) for k, v in attrs if k != _ABOUT]
        else:
            items.append((path, qname.text, attrs, text))
    return sorted(items, key=repr)


def _update_description(desc: etree._Element, remaining: dict[str, str]) -> bool:
    """Set or drop the managed pdfx properties of one Description; pop what was set."""
    touched = False
    for attr in list(desc.attrib):
        qname = etree.QName(attr)
        if qname.namespace == PDFX and is_managed(qname.localname):
            touched = True
            if qname.localname in remaining:
                desc.set(attr, remaining.pop(qname.localname))
            else:
                del desc.attrib[attr]
    for child in list(desc):
        if not isinstance(child.tag, str) or etree.QName(child).namespace != PDFX:
            continue
        local = etree.QName(child).localname
        if not is_managed(local):
            continue
        touched = True
        if local in remaining:
            for grandchild in list(child):
                child.remove(grandchild)
            child.text = remaining.pop(local)
        else:
            desc.remove(child)
    return touched


def _add_properties(rdf: etree._Element, props: Mapping[str, str]) -> None:
    descriptions = _descriptions(rdf)
    home = next((d for d in descriptions if PDFX in d.nsmap.values()), None)
    if home is None:
        # All Descriptions of a packet describe the same resource.
        about = descriptions[0].get(_ABOUT, "") if descriptions else ""
        home = etree.SubElement(rdf, _DESCRIPTION, {_ABOUT: about}, nsmap={"pdfx": PDFX})
        home.text = "\n"
        home.tail = "\n"
    for key, value in props.items():
        element = etree.SubElement(home, f"{{{PDFX}}}{key}")
        element.text = value
        element.tail = "\n"


def _rdf(root: etree._Element) -> etree._Element | None:
    if root.tag == f"{{{RDF}}}RDF":
        return root
    return root.find(f".//{{{RDF}}}RDF")


def _descriptions(rdf: etree._Element | None) -> list[etree._Element]:
    return [] if rdf is None else rdf.findall(_DESCRIPTION)


def _text(element: etree._Element) -> str:
    # A language alternative (rdf:Alt/rdf:li) counts by its first value.
    item = element.find(f".//{{{RDF}}}li")
    return ((item if item is not None else element).text or "").strip()


def _serialize(root: etree._Element) -> bytes:
    """The packet with its xpacket wrapper (processing instructions) kept."""
    before = reversed(list(root.itersiblings(preceding=True)))
    head = b"".join(etree.tostring(node, encoding="UTF-8") for node in before)
    body = etree.tostring(root, encoding="UTF-8", xml_declaration=False)
    tail = b"".join(etree.tostring(node, encoding="UTF-8") for node in root.itersiblings())
    if tail:
        return head + b"\n" + body + b"\n" + _PADDING + tail
    return head + b"\n" + body if head else body
