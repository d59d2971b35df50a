"""Write word-sections.docx: a 3-page Word document in two sections (python-docx).

Section 1 (pages 1 and 2) has no header or footer of its own; section 2
(page 3, starting on a new page) has its own header with the text
"Annex A - own header".  Used by tests/test_markings_word.py.

    python tests/data/make_word_sections.py
"""
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_BREAK

OUT = Path(__file__).resolve().parent / "word-sections.docx"


def main() -> None:
    doc = Document()
    doc.core_properties.title = "Sections report"
    doc.core_properties.author = "Ann Example"
    doc.add_heading("Sections report", level=1)
    doc.add_paragraph("Page one: the summary of the report.")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_paragraph("Page two: the details of the report.")
    annex = doc.add_section(WD_SECTION.NEW_PAGE)
    annex.header.is_linked_to_previous = False
    annex.header.paragraphs[0].text = "Annex A - own header"
    doc.add_paragraph("Page three: the annex, in a section with its own header.")
    doc.save(OUT)
    again = Document(OUT)
    assert len(again.sections) == 2
    assert again.sections[1].header.paragraphs[0].text == "Annex A - own header"
    print(OUT.name, OUT.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
