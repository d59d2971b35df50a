#!/usr/bin/env python3
"""(Re)generate the multi-page Excel and PowerPoint samples of the visual-marking tests.

Run once by a developer, by hand; the files are committed (the tests never run
this).  Needs openpyxl and python-pptx.

    python tests/data/make_marking_samples_excel_powerpoint.py [--out DIR]

- `markings-2sheets.xlsx` (openpyxl): sheet "Figures", 150 rows × 3 columns
  (prints on several pages, no header or footer of its own); sheet "Notes",
  a few lines, with its own header (`&L` "Finance team", `&C` "Quarterly
  notes") and its own footer (`&R` "Page &P of &N").
- `markings-3slides.pptx` (python-pptx): three slides (title, title and
  content, title only layouts), no marking.
"""
from __future__ import annotations

import argparse
from pathlib import Path

HERE = Path(__file__).resolve().parent


def make_xlsx(out: Path) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    figures = wb.active
    figures.title = "Figures"
    figures.append(["Item", "Quantity", "Price"])
    for i in range(1, 150):
        figures.append([f"Item {i}", i, round(i * 1.25, 2)])
    notes = wb.create_sheet("Notes")
    for line in ("Notes for the quarter", "Revenue grew", "Costs were stable"):
        notes.append([line])
    notes.oddHeader.left.text = "Finance team"
    notes.oddHeader.center.text = "Quarterly notes"
    notes.oddFooter.right.text = "Page &P of &N"
    path = out / "markings-2sheets.xlsx"
    wb.save(path)
    return path


def make_pptx(out: Path) -> Path:
    from pptx import Presentation

    prs = Presentation()
    first = prs.slides.add_slide(prs.slide_layouts[0])
    first.shapes.title.text = "Quarterly review"
    first.placeholders[1].text = "Finance team"
    second = prs.slides.add_slide(prs.slide_layouts[1])
    second.shapes.title.text = "Figures"
    second.placeholders[1].text = "Revenue grew; costs were stable"
    third = prs.slides.add_slide(prs.slide_layouts[5])
    third.shapes.title.text = "Questions"
    path = out / "markings-3slides.pptx"
    prs.save(path)
    return path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=HERE)
    args = parser.parse_args()
    for path in (make_xlsx(args.out), make_pptx(args.out)):
        print(path, path.stat().st_size)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
