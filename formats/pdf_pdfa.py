"""PDF/A: describe the pdfx label properties in the packet's extension schemas.

A PDF/A file (its XMP has `pdfaid:part`) may only use XMP properties outside
the predefined schemas when the same packet describes them in a
`pdfaExtension:schemas` bag (ISO 19005-1 §6.7.8, kept in parts 2 and 3).
`sync` makes the pdfx schema entry list exactly the managed label
properties present (plus whatever other tools described), adding the entry
when needed and removing ours again when the label goes.
"""
from __future__ import annotations

from collections.abc import Callable

from lxml import etree

PDFAID = "http://www.aiim.org/pdfa/ns/id/"
EXTENSION = "http://www.aiim.org/pdfa/ns/extension/"
SCHEMA = "http://www.aiim.org/pdfa/ns/schema#"
PROPERTY = "http://www.aiim.org/pdfa/ns/property#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
PDFX = "http://ns.adobe.com/pdfx/1.3/"
_LI = f"{{{RDF}}}li"
_PARSE_TYPE = f"{{{RDF}}}parseType"
_DESCRIPTION = f"{{{RDF}}}Description"
_ABOUT = f"{{{RDF}}}about"


def is_pdfa(rdf: etree._Element) -> bool:
    """Whether the packet claims PDF/A conformance (pdfaid:part as attribute or element)."""
    for desc in rdf.iter(_DESCRIPTION):
        if desc.get(f"{{{PDFAID}}}part") is not None or desc.find(f"{{{PDFAID}}}part") is not None:
            return True
    return False


def _fields(li: etree._Element) -> etree._Element:
    """The element holding a structure's fields (rdf:parseType="Resource" or an inner Description)."""
    inner = li.find(_DESCRIPTION)
    return inner if inner is not None else li


def _value(container: etree._Element, tag: str) -> str:
    element = container.find(tag)
    if element is not None:
        return (element.text or "").strip()
    return (container.get(tag) or "").strip()


def _pdfx_schemas(rdf: etree._Element) -> list[etree._Element]:
    return [li for schemas in rdf.iter(f"{{{EXTENSION}}}schemas") for li in schemas.iter(_LI)
            if _value(_fields(li), f"{{{SCHEMA}}}namespaceURI") == PDFX]


def _properties_seq(schema_li: etree._Element, create: bool) -> etree._Element | None:
    fields = _fields(schema_li)
    holder = fields.find(f"{{{SCHEMA}}}property")
    if holder is None:
        if not create:
            return None
        holder = etree.SubElement(fields, f"{{{SCHEMA}}}property")
    seq = holder.find(f"{{{RDF}}}Seq")
    if seq is None and create:
        seq = etree.SubElement(holder, f"{{{RDF}}}Seq")
    return seq


def sync(rdf: etree._Element, present: set[str], managed: Callable[[str], bool]) -> None:
    """Describe exactly the managed pdfx properties `present` in the packet's extension schemas."""
    if not is_pdfa(rdf):
        return
    described: set[str] = set()
    for schema_li in _pdfx_schemas(rdf):
        seq = _properties_seq(schema_li, create=False)
        if seq is None:
            continue
        removed = False
        for prop in list(seq.findall(_LI)):
            name = _value(_fields(prop), f"{{{PROPERTY}}}name")
            if managed(name) and name not in present:
                seq.remove(prop)
                removed = True
            else:
                described.add(name)
        if removed and len(seq) == 0:
            _remove_up(schema_li)
    missing = [name for name in sorted(present) if name not in described]
    if not missing:
        return
    schemas = _pdfx_schemas(rdf)
    schema_li = schemas[0] if schemas else _new_schema(rdf)
    seq = _properties_seq(schema_li, create=True)
    for name in missing:
        prop = etree.SubElement(seq, _LI, {_PARSE_TYPE: "Resource"})
        for tag, text in (("name", name), ("valueType", "Text"), ("category", "external"),
                          ("description", "Sensitivity label property")):
            etree.SubElement(prop, f"{{{PROPERTY}}}{tag}").text = text


def _new_schema(rdf: etree._Element) -> etree._Element:
    bag = next((b for s in rdf.iter(f"{{{EXTENSION}}}schemas") for b in s.findall(f"{{{RDF}}}Bag")), None)
    if bag is None:
        about = next((d.get(_ABOUT) for d in rdf.findall(_DESCRIPTION) if d.get(_ABOUT) is not None), "")
        desc = etree.SubElement(rdf, _DESCRIPTION, {_ABOUT: about},
                                nsmap={"pdfaExtension": EXTENSION, "pdfaSchema": SCHEMA, "pdfaProperty": PROPERTY})
        desc.tail = "\n"
        bag = etree.SubElement(etree.SubElement(desc, f"{{{EXTENSION}}}schemas"), f"{{{RDF}}}Bag")
    schema_li = etree.SubElement(bag, _LI, {_PARSE_TYPE: "Resource"})
    for tag, text in (("schema", "Sensitivity label properties"), ("namespaceURI", PDFX), ("prefix", "pdfx")):
        etree.SubElement(schema_li, f"{{{SCHEMA}}}{tag}").text = text
    return schema_li


def _remove_up(schema_li: etree._Element) -> None:
    """Remove a schema entry that described only our properties, and containers it leaves empty."""
    node = schema_li
    while node is not None and node.tag != f"{{{RDF}}}RDF":
        parent = node.getparent()
        if parent is None:
            return
        parent.remove(node)
        empty = len(parent) == 0 and not set(parent.attrib) - {_ABOUT}
        if not empty:
            return
        node = parent


def described(rdf: etree._Element) -> set[str]:
    """The pdfx property names the extension schemas describe (for checks)."""
    names = set()
    for schema_li in _pdfx_schemas(rdf):
        seq = _properties_seq(schema_li, create=False)
        if seq is not None:
            names |= {_value(_fields(p), f"{{{PROPERTY}}}name") for p in seq.findall(_LI)}
    return names
