"""What the marking tests of every Office format share: labelling through the service,
reading members and custom properties, and the pages as LibreOffice renders them."""
from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

from lxml import etree

from labeler.core.service import LabelService

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"


def apply(scheme, path, label_id):
    """Label `path` with the scheme's `label_id` through the real service; it must succeed."""
    outcome = LabelService(scheme, user="tester").apply(path, scheme.label(label_id), justification="test")
    assert outcome.status == "labelled", outcome.message
    return outcome


def members(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def custom_props(path) -> dict[str, str]:
    root = etree.fromstring(members(path)["docProps/custom.xml"])
    return {p.get("name"): "".join(p.itertext()) for p in root.iter(f"{{{CUSTOM_NS}}}property")}


def pdf_pages(path: Path) -> list[str]:
    """The text of every page of the document as LibreOffice renders it."""
    import pypdf

    out = path.parent / "pdf"
    out.mkdir(exist_ok=True)
    profile = path.parent / "lo-profile"
    subprocess.run([SOFFICE or "soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(out), str(path)], check=True, capture_output=True, timeout=180)
    return [page.extract_text() for page in pypdf.PdfReader(out / (path.stem + ".pdf")).pages]
