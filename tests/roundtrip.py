"""Opening a document in the library that a user's other tools are built on.

After every write the file must still open where it opened before.
"""
from __future__ import annotations

import zipfile
from pathlib import Path

ZIP_METADATA_PARTS = {"docProps/custom.xml", "docMetadata/LabelInfo.xml", "[Content_Types].xml",
                      "_rels/.rels", "meta.xml", "META-INF/manifest.xml"}


def open_docx(path: Path) -> None:
    import docx
    doc = docx.Document(str(path))
    assert doc.paragraphs is not None


def open_docm(path: Path) -> None:
    # python-docx's Document() refuses macro-enabled main parts; open the package.
    from docx.opc.package import OpcPackage
    assert OpcPackage.open(str(path)).main_document_part is not None


def open_xlsx(path: Path) -> None:
    import openpyxl
    wb = openpyxl.load_workbook(str(path), read_only=True)
    assert wb.sheetnames
    wb.close()


def open_pptx(path: Path) -> None:
    import pptx
    assert len(pptx.Presentation(str(path)).slides) >= 1


def open_pdf(path: Path) -> None:
    import pypdf
    with open(path, "rb") as f:
        assert len(pypdf.PdfReader(f, strict=True).pages) >= 1


def open_zip(path: Path) -> None:
    """Templates and ODF: no Python library opens them; check the package."""
    with zipfile.ZipFile(path) as z:
        assert z.testzip() is None
        names = z.namelist()
        if "mimetype" in names:
            first = z.infolist()[0]
            assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED


OPENERS = {".docx": open_docx, ".docm": open_docm, ".xlsm": open_xlsx, ".xlsx": open_xlsx,
           ".xltx": open_xlsx, ".pptx": open_pptx, ".pptm": open_pptx, ".pdf": open_pdf}


def opener_for(path: Path):
    return OPENERS.get(path.suffix.lower(), open_zip)
