"""Labelled files still open in LibreOffice, and it sees our TSCP category.

Skipped where LibreOffice is not installed (CI installs it).
"""
from __future__ import annotations

import shutil
import subprocess
import zipfile

import pytest
from lxml import etree

from conftest import make_stamp
from formats import registry

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
META_NS = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"


def convert(files, target: str, outdir, tmp_path):
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", target,
                    "--outdir", str(outdir), *map(str, files)],
                   check=True, capture_output=True, timeout=240)


def test_labelled_file_of_each_family_converts_to_pdf(sample, tmp_path):
    names = ["pydocx.docx", "openpyxl.xlsx", "pptx.pptx", "lo-writer.odt", "lo-calc.ods", "lo-impress.odp",
             "msip-custom.docx"]
    files = []
    for name in names:
        path = sample(name)
        assert registry.handler_for(path).write(path, make_stamp()) is True
        files.append(path)
    out = tmp_path / "pdf"
    convert(files, "pdf", out, tmp_path)
    for path in files:
        pdf = out / (path.stem + ".pdf")
        assert pdf.exists() and pdf.stat().st_size > 500, f"LibreOffice could not convert {path.name}"
        assert pdf.read_bytes().startswith(b"%PDF-")


def test_tscp_label_is_visible_to_libreoffice(sample, tmp_path):
    path = sample("pydocx.docx")
    registry.handler_for(path).write(path, make_stamp())
    out = tmp_path / "odt"
    convert([path], "odt", out, tmp_path)
    with zipfile.ZipFile(out / "pydocx.odt") as z:
        meta = etree.fromstring(z.read("meta.xml"))
    props = {el.get(f"{{{META_NS}}}name"): el.text for el in meta.iter(f"{{{META_NS}}}user-defined")}
    key = "urn:bails:IntellectualProperty:BusinessAuthorizationCategory:Name"
    assert props[key] == "Confidential"
    assert props["urn:bails:IntellectualProperty:BusinessAuthorizationCategory:Identifier"] == \
        "urn:example:confidential"
    # And our own label survives LibreOffice's conversion, read by our ODF handler.
    assert registry.handler_for(out / "pydocx.odt").read(out / "pydocx.odt").ours.id == "confidential"
