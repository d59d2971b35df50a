"""Sample generators for the files written by libraries: python-docx, openpyxl, python-pptx, pypdf."""
from __future__ import annotations

from pathlib import Path


# ------------------------------------------------------- written by libraries
def make_pydocx(out: Path) -> None:
    import docx
    doc = docx.Document()
    doc.core_properties.title = "Quarterly report"
    doc.core_properties.author = "Ann Example"
    doc.add_heading("Quarterly report", level=1)
    doc.add_paragraph("Sales went up in every region; details are in the table below.")
    table = doc.add_table(rows=3, cols=2)
    for row, (region, amount) in zip(table.rows, [("Region", "Sales"), ("North", "120"), ("South", "95")]):
        row.cells[0].text, row.cells[1].text = region, amount
    doc.save(out / "pydocx.docx")


def make_openpyxl(out: Path) -> None:
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Figures"
    for row in [("Item", "Amount"), ("Apples", 12), ("Pears", 7.5), ("Plums", 3)]:
        ws.append(row)
    ws["A5"], ws["B5"] = "Total", "=SUM(B2:B4)"
    notes = wb.create_sheet("Notes")
    notes["A1"], notes["A2"] = "Figures are illustrative.", 42
    wb.properties.title, wb.properties.creator = "Fruit", "Ann Example"
    wb.save(out / "openpyxl.xlsx")


def make_pptx(out: Path) -> None:
    import pptx
    prs = pptx.Presentation()
    for title, text in [("Quarterly review", "Prepared by Ann Example"),
                        ("Results", "Sales went up in every region")]:
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        slide.shapes.title.text = title
        slide.placeholders[1].text = text
    prs.core_properties.title, prs.core_properties.author = "Quarterly review", "Ann Example"
    prs.save(out / "pptx.pptx")


def pypdf_writer():
    from pypdf import PdfWriter
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_blank_page(200, 200)
    writer.add_metadata({"/Title": "Hello", "/Author": "Ann Example"})
    return writer


def make_pypdf(out: Path) -> None:
    with open(out / "pypdf.pdf", "wb") as f:
        pypdf_writer().write(f)
