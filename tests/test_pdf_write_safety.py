"""PDF writes: refusals that leave the file byte-identical, and Microsoft's way of writing strings."""
from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DecodedStreamObject, NameObject

from formats import errors
from formats.pdf import MAX_XMP_BYTES, PdfHandler
from formats.pdf_write import literal
from test_pdf_support import (DATA, GUID, HIGH, SITE, assert_refused, copy_in, pypdf_info, qpdf_clean,
                              startxrefs)

_DTD_PACKET = ('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?><!DOCTYPE x [<!ENTITY a "aaaa">]>'
               '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
               '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:format>&a;</dc:format>'
               '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>')


def _pdf_with_xmp(path: Path, packet: bytes, compress: bool = False) -> Path:
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    stream = DecodedStreamObject()
    stream[NameObject("/Type")] = NameObject("/Metadata")
    stream[NameObject("/Subtype")] = NameObject("/XML")
    stream.set_data(packet)
    writer.root_object[NameObject("/Metadata")] = writer._add_object(stream.flate_encode() if compress else stream)
    writer.write(path)
    return path


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-16", "utf-32-le", "utf-32-be"])
def test_xmp_dtd_in_any_encoding_is_refused(tmp_path, encoding):
    path = _pdf_with_xmp(tmp_path / f"dtd-{encoding}.pdf", _DTD_PACKET.encode(encoding))
    error = assert_refused(path, errors.UNSAFE_XML)
    assert "DTD" in error.message


def test_utf16_xmp_without_dtd_is_labelled_and_kept(tmp_path):
    packet = _DTD_PACKET.replace('<!DOCTYPE x [<!ENTITY a "aaaa">]>', "").replace("&a;", "Hello")
    path = _pdf_with_xmp(tmp_path / "utf16.pdf", packet.encode("utf-16-le"))
    assert PdfHandler().write(path, HIGH)
    xmp = PdfReader(path).xmp_metadata
    assert b"<dc:format>Hello</dc:format>" in xmp.stream.get_data()
    assert {l.id for l in PdfHandler().read(path).labels} >= {"secret", GUID}
    qpdf_clean(path)


def _unknown_filter(tmp_path: Path) -> Path:
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    writer.encrypt("", "owner")
    buffer = io.BytesIO()
    writer.write(buffer)
    data = buffer.getvalue()
    assert b"/Filter /Standard" in data
    path = tmp_path / "unknown-filter.pdf"
    path.write_bytes(data.replace(b"/Filter /Standard", b"/Filter /FooBarXY"))  # same length: offsets hold
    return path


def test_unknown_encryption_filter_is_refused_as_encrypted(tmp_path):
    path = _unknown_filter(tmp_path)
    error = assert_refused(path, errors.ENCRYPTED)
    assert "encrypted" in error.message


@pytest.mark.parametrize("exception", [NotImplementedError, KeyError, RuntimeError, OSError("odd")])
def test_no_pypdf_exception_escapes_as_unexpected(tmp_path, monkeypatch, exception):
    import formats.pdf_open as pdf_open

    def boom(*args, **kwargs):
        raise exception if isinstance(exception, Exception) else exception("boom")
    path = copy_in(tmp_path, DATA / "pypdf.pdf")
    monkeypatch.setattr(pdf_open, "PdfReader", boom)
    error = assert_refused(path, errors.ENCRYPTED if exception is NotImplementedError else errors.CORRUPT)
    assert error.message


def test_xmp_that_would_grow_too_large_is_refused_before_writing(tmp_path):
    base = ('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:format>{}</dc:format></rdf:Description></rdf:RDF>'
            '</x:xmpmeta><?xpacket end="w"?>')
    filler = "x" * (MAX_XMP_BYTES - len(base) - 100)  # fits now, not with the label added
    path = _pdf_with_xmp(tmp_path / "almost-full.pdf", base.format(filler).encode(), compress=True)
    assert path.stat().st_size < 200_000
    error = assert_refused(path, errors.TOO_LARGE)
    assert "grow" in error.message


def test_strings_are_written_the_way_microsoft_writes_them(tmp_path):
    path = copy_in(tmp_path, DATA / "pypdf.pdf")
    size = path.stat().st_size
    assert PdfHandler().write(path, HIGH)
    update = path.read_bytes()[size:]
    assert f"/MSIP_Label_{GUID}_SiteId ({SITE})".encode() in update
    assert f"/MSIP_Label_{GUID}_Enabled (True)".encode() in update
    assert f"/MSIP_Label_{GUID}_SetDate (2024-05-06T07:08:09Z)".encode() in update
    assert b"\\055" not in update and b"\\072" not in update
    assert pypdf_info(path)[f"/MSIP_Label_{GUID}_Enabled"] == "True"
    qpdf_clean(path)


def test_literal_strings_escape_only_what_pdf_requires():
    assert literal(b"72f988bf-86f1:41af") == b"(72f988bf-86f1:41af)"
    assert literal(b"a (b) c") == b"(a (b) c)"
    assert literal(b"a ) b (") == b"(a \\) b \\()"
    assert literal(b"back\\slash\n") == b"(back\\\\slash\\012)"


def test_strict_pypdf_does_not_warn_about_our_xref_section(tmp_path, caplog):
    path = copy_in(tmp_path, DATA / "pypdf.pdf")
    assert PdfHandler().write(path, HIGH)
    data = path.read_bytes()
    section = data[startxrefs(data)[-1]:]
    assert section.startswith(b"xref\n0 ") and section.split(b"\n")[2] == b"0000000000 65535 f\r"
    import logging
    logger = logging.getLogger("pypdf")
    logger.propagate = True
    try:
        with caplog.at_level(logging.WARNING, logger="pypdf"):
            _ = PdfReader(path, strict=True).metadata
    finally:
        logger.propagate = False
    assert not [r for r in caplog.records if "zero-indexed" in r.getMessage()]


def test_verify_refuses_a_new_file_that_does_not_keep_the_original(tmp_path, monkeypatch):
    import formats.pdf as pdf

    path = copy_in(tmp_path, DATA / "pypdf.pdf")
    original = pdf._copy

    def damaged_copy(source, cut, ranges, out):
        original(source, cut, ranges, out)
        out.seek(20)
        out.write(b"X")
        out.seek(0, 2)
    monkeypatch.setattr(pdf, "_copy", damaged_copy)
    error = assert_refused(path, errors.CORRUPT)
    assert "original bytes" in error.message


def test_update_lists_what_it_replaces_and_chains(tmp_path):
    path = copy_in(tmp_path, DATA / "lo-writer.pdf")
    before = path.read_bytes()
    assert PdfHandler().write(path, HIGH)
    data = path.read_bytes()
    assert data.startswith(before)
    assert re.search(rb"/Prev %d\b" % startxrefs(before)[-1], data[len(before):])
    qpdf_clean(path)
