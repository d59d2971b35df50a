"""PDF/A: the pdfx label properties are described in the packet's pdfaExtension:schemas."""
from __future__ import annotations

from lxml import etree

from formats import pdf_pdfa, pdf_xmp
from formats.pdf import PdfHandler
from test_pdf_support import DATA, GUID, HIGH, LOW, copy_in, pypdf_xmp, qpdf_clean

SAMPLE = DATA / "lo-writer-pdfa2b.pdf"  # LibreOffice PDF/A-2b export (tests/data/README.md)


def _rdf(path):
    return pdf_xmp._rdf(pdf_xmp.parse(pypdf_xmp(path), "test"))


def test_labelling_pdfa_describes_each_added_property(tmp_path):
    path = copy_in(tmp_path, SAMPLE)
    assert pdf_pdfa.is_pdfa(_rdf(path)) and pdf_pdfa.described(_rdf(path)) == set()
    assert PdfHandler().write(path, HIGH)
    rdf = _rdf(path)
    added = {k for k in pdf_xmp.properties(rdf) if pdf_xmp.is_managed(k)}
    assert f"MSIP_Label_{GUID}_Enabled" in added and "Labeler_LabelId" in added
    assert pdf_pdfa.described(rdf) == added
    xmp = pypdf_xmp(path)
    assert b"<pdfaSchema:namespaceURI>http://ns.adobe.com/pdfx/1.3/</pdfaSchema:namespaceURI>" in xmp
    assert b"<pdfaSchema:prefix>pdfx</pdfaSchema:prefix>" in xmp
    assert b"<pdfaid:part>2</pdfaid:part>" in xmp
    qpdf_clean(path)


def test_relabel_and_removal_keep_descriptions_in_step(tmp_path):
    path = copy_in(tmp_path, SAMPLE)
    PdfHandler().write(path, HIGH)
    PdfHandler().write(path, LOW)
    rdf = _rdf(path)
    assert pdf_pdfa.described(rdf) == {k for k in pdf_xmp.properties(rdf) if pdf_xmp.is_managed(k)}
    assert not any(GUID in name for name in pdf_pdfa.described(rdf))
    PdfHandler().clear(path)
    assert path.read_bytes() == SAMPLE.read_bytes()


def test_existing_extension_schema_is_extended_not_replaced():
    packet = b"""<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" pdfaid:part="1" pdfaid:conformance="B"/>
<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
  xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
 <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
  <pdfaSchema:schema>Other</pdfaSchema:schema><pdfaSchema:namespaceURI>http://example.com/other/</pdfaSchema:namespaceURI>
  <pdfaSchema:prefix>other</pdfaSchema:prefix>
  <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource"><pdfaProperty:name>Thing</pdfaProperty:name>
  </rdf:li></rdf:Seq></pdfaSchema:property></rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description></rdf:RDF></x:xmpmeta>"""
    target = {"Labeler_LabelId": "secret"}
    merged = pdf_xmp.merge(packet, target, "test")
    rdf = pdf_xmp._rdf(pdf_xmp.parse(merged, "test"))
    assert pdf_pdfa.described(rdf) == {"Labeler_LabelId"}
    assert b"<pdfaProperty:name>Thing</pdfaProperty:name>" in merged
    assert len(rdf.findall(".//{http://www.aiim.org/pdfa/ns/extension/}schemas")) == 1
    cleared = pdf_xmp.merge(merged, {}, "test")
    rdf = pdf_xmp._rdf(pdf_xmp.parse(cleared, "test"))
    assert pdf_pdfa.described(rdf) == set() and b"Thing" in cleared
    assert etree.QName(rdf).localname == "RDF"
