"""The text of an OpenDocument file (text, spreadsheet, presentation), for content hints.

content.xml and styles.xml (page headers and footers) are read as streams
(zip_text.py): paragraphs and headings one per line, numeric cells by value.
"""
from __future__ import annotations

from pathlib import Path

from lxml import etree

from . import errors
from .errors import FormatError
from .text import TextLimit
from .zip_text import ElementHandler, Member, cell_number, forget, local, open_package, stream_xml

_BLOCKS = {"p", "h"}
_NUMERIC = {"float", "currency", "percentage"}
_TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"


def _text(el: etree._Element, out: list[str]) -> None:
    if el.text:
        out.append(el.text)
    for child in el:
        name = local(child.tag)
        if name == "s":
            out.append(" " * min(int(child.get(f"{{{_TEXT_NS}}}c", "1") or 1), 100))
        elif name == "tab":
            out.append("\t")
        elif name == "line-break":
            out.append("\n")
        elif name in _BLOCKS:
            _text(child, out)
            out.append("\n")
        else:
            _text(child, out)
        if child.tail:
            out.append(child.tail)


def _handler(limit: TextLimit) -> ElementHandler:
    def on_end(el: etree._Element) -> None:
        name = local(el.tag)
        if name in _BLOCKS and el.tag.startswith(f"{{{_TEXT_NS}}}"):
            parent = el.getparent()
            while parent is not None:  # a paragraph in a text box inside a paragraph: the outer one reads it
                if local(parent.tag) in _BLOCKS and parent.tag.startswith(f"{{{_TEXT_NS}}}"):
                    return
                parent = parent.getparent()
            out: list[str] = []
            _text(el, out)
            limit.add("".join(out))
            limit.add("\n")
            forget(el)
        elif name == "table-cell":
            if el.get(f"{{{_OFFICE_NS}}}value-type") in _NUMERIC:
                value = el.get(f"{{{_OFFICE_NS}}}value")
                if value:
                    limit.add(cell_number(value) + "\n")
            forget(el)
        elif name == "table-row":
            forget(el)
    return ElementHandler(on_end, _BLOCKS | {"table-cell", "table-row"})


def extract_text(path: Path, limit: TextLimit) -> None:
    """Feed the text of the OpenDocument file at `path` to `limit`."""
    pkg, zf = open_package(path)
    with pkg, zf:
        manifest = pkg.find("META-INF/manifest.xml")
        if manifest is not None and b"encryption-data" in pkg.read(manifest):
            raise FormatError(errors.ENCRYPTED, f"{path.name} is password-protected; its text cannot be read "
                                                "without the password.")
        infos = {i.filename: i for i in zf.infolist()}
        if "content.xml" not in infos:
            raise FormatError(errors.CORRUPT, f"{path.name} has no content.xml; it is damaged.")
        for member in ("content.xml", "styles.xml"):  # styles.xml holds page headers and footers
            if member in infos:
                stream_xml(Member(zf, infos[member], limit, path.name), _handler(limit))
