"""Parsing of untrusted metadata XML, and writing it back the way it came.

Metadata parts come from arbitrary files, so parsing refuses DTDs outright
(no entity bombs, no external entities) in whatever encoding the part is
written, and never touches the network.  A part we rewrite keeps its text
encoding; if it could not be written back so that it reads exactly as we
mean it, the write is refused instead.
"""
from __future__ import annotations

import codecs
import re

from lxml import etree

from .errors import CORRUPT, UNSAFE_XML, UNSUPPORTED, FormatError

_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_DOCTYPE_TEXT = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_DECLARED = re.compile(rb"""^<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z][A-Za-z0-9._-]*)["']""")

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                          huge_tree=False, remove_blank_text=False)

# Byte order marks and the first bytes of "<?" without one, longest first.
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_NO_BOM = ((b"<\x00\x00\x00", "utf-32-le"), (b"\x00\x00\x00<", "utf-32-be"),
           (b"<\x00", "utf-16-le"), (b"\x00<", "utf-16-be"))
_UTF8 = {"utf-8", "utf8", "us-ascii", "ascii"}


class Encoding:
    """How a part's bytes encode its text: codec, byte order mark, declared name."""

    def __init__(self, codec: str, bom: bytes = b"", declared: str | None = None):
        self.codec, self.bom, self.declared = codec, bom, declared

    @property
    def is_utf8(self) -> bool:
        return self.codec in ("utf-8",)

    @property
    def label(self) -> str:
        return self.declared or self.codec.upper()


def sniff(data: bytes) -> Encoding:
    """The encoding of an XML document, from its BOM or declaration (XML 1.0, appendix F)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            declared = _declared(data[len(bom):], codec)
            return Encoding(codec, bom, declared)
    for start, codec in _NO_BOM:
        if data.startswith(start):
            return Encoding(codec, b"", _declared(data, codec))
    declared = _declared(data, "latin-1")
    codec = "utf-8"
    if declared and declared.lower() not in _UTF8:
        try:
            codec = codecs.lookup(declared).name
        except LookupError:
            codec = declared.lower()
    return Encoding(codec, b"", declared)


def _declared(data: bytes, codec: str) -> str | None:
    try:
        head = data[:400].decode(codec, "ignore").encode("latin-1", "ignore")
    except LookupError:
        return None
    match = _DECLARED.match(head)
    return match.group(1).decode("ascii") if match else None


def _declares_dtd(data: bytes, encoding: Encoding) -> bool:
    if _DOCTYPE.search(data):
        return True
    if encoding.codec == "utf-8":
        return False
    try:
        return bool(_DOCTYPE_TEXT.search(data.decode(encoding.codec, "replace")))
    except LookupError:
        return False  # an encoding Python lacks: the parsed tree is checked below


def parse(data: bytes, what: str) -> etree._Element:
    """Parse `data` (the content of the part named `what`) safely."""
    def refusal() -> FormatError:
        return FormatError(UNSAFE_XML, f"{what} declares a DTD or entities, which a metadata part never "
                                       "needs, so as a precaution the file was left as it was.")
    if _declares_dtd(data, sniff(data)):
        raise refusal()
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        why = " ".join(str(exc.msg).split()).rstrip(".")  # libxml2's messages hold line breaks
        raise FormatError(CORRUPT, f"{what} is not well-formed XML ({why}).") from None
    info = root.getroottree().docinfo
    # Whatever the encoding, the parser saw it: a DTD it found is refused too.
    if info.internalDTD is not None or info.doctype or info.system_url or info.public_id:
        raise refusal()
    return root


_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'


def serialize(root: etree._Element, like: bytes | None = None, what: str | None = None) -> bytes:
    """The part `root`, written as Office writes it, in the encoding of `like` (its old bytes).

    UTF-8 parts (and new parts) get Office's own declaration.  A part in
    another encoding is written in that encoding with the same byte order
    mark; characters it cannot hold become character references.  If the
    result would not read back exactly as `root`, FormatError (unsupported).
    """
    encoding = sniff(like) if like is not None else Encoding("utf-8")
    if encoding.is_utf8:
        # Written by hand: Office expects the double-quoted declaration it writes itself.
        return encoding.bom + _DECLARATION + etree.tostring(root, encoding="UTF-8")
    def refusal() -> FormatError:
        return FormatError(UNSUPPORTED, f"{what or 'a metadata part'} is written in the {encoding.label} text "
                                        "encoding, which cannot be kept exactly when it is rewritten; the file "
                                        "was left as it was.")
    text = (f'<?xml version="1.0" encoding="{encoding.label}" standalone="yes"?>\r\n'
            + etree.tostring(root, encoding="unicode"))
    try:
        data = encoding.bom + text.encode(encoding.codec, "xmlcharrefreplace")
        again = etree.fromstring(data, _PARSER)
    except (LookupError, UnicodeError, ValueError, etree.XMLSyntaxError):
        raise refusal() from None
    if etree.tostring(again, method="c14n") != etree.tostring(root, method="c14n"):
        raise refusal()
    return data
