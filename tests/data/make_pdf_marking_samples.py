"""Generate the multi-page PDF samples of the marking tests (run once, commit the output).

    python tests/data/make_pdf_marking_samples.py

* `lo-writer-3pages.pdf`: LibreOffice (`soffice --headless --convert-to pdf`) from a
  flat ODF text of three pages whose page style has its own header
  ("Own header: Quarterly report") and footer ("Own footer: page N").
* `pypdf-pages.pdf`: pypdf, four pages in a page tree that is not the
  simple kind: /Resources and /MediaBox inherited from the /Pages node,
  page 2 /Rotate 90, page 3 a /CropBox, page 4 no /Contents; each page's
  own content leaves its graphics state changed (a `cm`, a fill colour,
  an unbalanced `q`), which our marking must not inherit.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOFFICE = shutil.which("soffice") or "/usr/bin/soffice"

FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:meta><dc:title>Quarterly report</dc:title></office:meta>
 <office:automatic-styles>
  <style:style style:name="Break" style:family="paragraph"><style:paragraph-properties
   fo:break-before="page"/></style:style>
  <style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"
   fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2cm" fo:margin-right="2cm"/>
   <style:header-style/><style:footer-style/></style:page-layout>
 </office:automatic-styles>
 <office:master-styles>
  <style:master-page style:name="Standard" style:page-layout-name="pm1">
   <style:header><text:p>Own header: Quarterly report</text:p></style:header>
   <style:footer><text:p>Own footer: page <text:page-number
    text:select-page="current">1</text:page-number></text:p></style:footer>
  </style:master-page>
 </office:master-styles>
 <office:body><office:text>
  <text:p>First page: sales went up in every region.</text:p>
  <text:p text:style-name="Break">Second page: costs went down.</text:p>
  <text:p text:style-name="Break">Third page: outlook.</text:p>
 </office:text></office:body>
</office:document>
"""


def make_lo(out: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "lo-writer-3pages.fodt"
        src.write_text(FODT, encoding="utf-8")
        subprocess.run([SOFFICE, "--headless", "--convert-to", "pdf:writer_pdf_Export", "--outdir", tmp, str(src)],
                       check=True, capture_output=True, timeout=180)
        shutil.copyfile(Path(tmp) / "lo-writer-3pages.pdf", out / "lo-writer-3pages.pdf")


def make_pypdf_pages(out: Path) -> None:
    from pypdf import PdfWriter
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        NameObject,
        NumberObject,
        RectangleObject,
    )

    writer = PdfWriter()
    font = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Times-Roman"), NameObject("/Encoding"): NameObject("/WinAnsiEncoding")}))
    shared = writer._add_object(DictionaryObject({
        NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}))
    bodies = [
        b"0.5 0 0 0.5 0 0 cm 1 0 0 rg BT /F1 24 Tf 72 700 Td (Page one body text) Tj ET",
        b"q 2 0 0 2 0 0 cm 0 0 1 rg BT /F1 12 Tf 40 150 Td (Page two body text, rotated page) Tj ET",
        b"BT 3 Tr /F1 14 Tf 100 400 Td (Page three body text) Tj ET 0 1 0 rg",
        None,
    ]
    for i, body in enumerate(bodies):
        page = writer.add_blank_page(612, 792)
        del page["/Resources"]  # inherited from the /Pages node
        del page["/MediaBox"]
        if body is not None:
            stream = DecodedStreamObject()
            stream.set_data(body)
            page[NameObject("/Contents")] = writer._add_object(stream)
        if i == 1:
            page[NameObject("/Rotate")] = NumberObject(90)
        if i == 2:
            page[NameObject("/CropBox")] = RectangleObject([50, 100, 450, 600])
    pages = writer._root_object["/Pages"]
    pages[NameObject("/Resources")] = shared
    pages[NameObject("/MediaBox")] = ArrayObject([NumberObject(0), NumberObject(0), NumberObject(612),
                                                  NumberObject(792)])
    writer.add_metadata({"/Title": "Pages of every kind"})
    with open(out / "pypdf-pages.pdf", "wb") as f:
        writer.write(f)


if __name__ == "__main__":
    make_lo(HERE)
    make_pypdf_pages(HERE)
    for name in ("lo-writer-3pages.pdf", "pypdf-pages.pdf"):
        print(name, (HERE / name).stat().st_size, "bytes")
