"""Write lo-writer-3pages.odt: a three-page Writer document with its own header and footer.

Used by tests/test_markings_odf.py (markings on every page; the document's
own header and footer stay).  Run once by a developer, the output is
committed; needs LibreOffice (soffice):

    python tests/data/make_odf_marking_samples.py
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:meta><dc:title>Project plan</dc:title></office:meta>
 <office:styles>
  <style:style style:name="Standard" style:family="paragraph" style:class="text"/>
  <style:style style:name="Header" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"/>
  <style:style style:name="Footer" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"/>
 </office:styles>
 <office:automatic-styles>
  <style:style style:name="P1" style:family="paragraph" style:parent-style-name="Standard">
   <style:paragraph-properties fo:break-before="page"/>
  </style:style>
  <style:page-layout style:name="pm1">
   <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2cm"
    fo:margin-bottom="2cm" fo:margin-left="2cm" fo:margin-right="2cm"/>
   <style:header-style><style:header-footer-properties fo:min-height="0cm" fo:margin-bottom="0.5cm"/></style:header-style>
   <style:footer-style><style:header-footer-properties fo:min-height="0cm" fo:margin-top="0.5cm"/></style:footer-style>
  </style:page-layout>
 </office:automatic-styles>
 <office:master-styles>
  <style:master-page style:name="Standard" style:page-layout-name="pm1">
   <style:header><text:p text:style-name="Header">Acme project plan (own header)</text:p></style:header>
   <style:footer><text:p text:style-name="Footer">Own footer, page <text:page-number text:select-page="current">1</text:page-number></text:p></style:footer>
  </style:master-page>
 </office:master-styles>
 <office:body><office:text>
  <text:p text:style-name="Standard">First page: goals of the project.</text:p>
  <text:p text:style-name="P1">Second page: milestones.</text:p>
  <text:p text:style-name="P1">Third page: budget.</text:p>
 </office:text></office:body>
</office:document>
"""  # noqa: E501  (document XML, kept as LibreOffice writes it)


def main() -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is needed")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "lo-writer-3pages.fodt"
        src.write_text(FODT, encoding="utf-8")
        profile = (Path(tmp) / "profile").as_uri()
        subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "odt:writer8",
                        "--outdir", tmp, str(src)], check=True, capture_output=True, timeout=240)
        out = Path(tmp) / "lo-writer-3pages.odt"
        with zipfile.ZipFile(out) as z:
            first = z.infolist()[0]
            assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
            assert z.read("mimetype") == b"application/vnd.oasis.opendocument.text"
            assert b"Acme project plan" in z.read("styles.xml")
        shutil.copyfile(out, HERE / out.name)
        print(out.name, out.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
