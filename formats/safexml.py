"""Parsing of untrusted metadata XML.

Metadata parts come from arbitrary files, so parsing refuses DTDs outright
(no entity bombs, no external entities) and never touches the network.
"""
from __future__ import annotations

import re

from lxml import etree

from .errors import UNSAFE_XML, CORRUPT, FormatError

_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                          huge_tree=False, remove_blank_text=False)


def parse(data: bytes, what: str) -> etree._Element:
    """Parse `data` (the content of the part named `what`) safely."""
    if _DOCTYPE.search(data[:4096]) or _DOCTYPE.search(data):
        raise FormatError(UNSAFE_XML, f"{what} declares a DTD or entities, which a metadata part never "
                                      "needs; the file was left alone as a precaution.")
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise FormatError(CORRUPT, f"{what} is not well-formed XML ({exc.msg}).") from None


_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'


def serialize(root: etree._Element) -> bytes:
    # Written by hand: Office expects the double-quoted declaration it writes itself.
    return _DECLARATION + etree.tostring(root, encoding="UTF-8")
