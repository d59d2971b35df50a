"""Shared by the content-hint tests: generated valid identifiers (NRN, BSN, cards, IBANs) and a .docx maker."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from labeler.hints import detectors as d

SOFFICE = shutil.which("soffice")


# -- generated test numbers ------------------------------------------------------------------

def make_nrn(yy: int, mm: int, dd: int, serial: int, born_2000: bool = False) -> str:
    base = f"{yy:02d}{mm:02d}{dd:02d}{serial:03d}"
    check = 97 - int(("2" if born_2000 else "") + base) % 97
    return base + f"{check:02d}"


def fmt_nrn(n: str) -> str:
    return f"{n[0:2]}.{n[2:4]}.{n[4:6]}-{n[6:9]}.{n[9:]}"


def make_bsn(prefix: str) -> str:
    """Complete 8 digits with the 11-test digit (prefix chosen so it is 0..9)."""
    total = sum(int(c) * w for c, w in zip(prefix, (9, 8, 7, 6, 5, 4, 3, 2)))
    last = total % 11
    assert last <= 9, "choose another prefix"
    return prefix + str(last)


def luhn_complete(partial: str) -> str:
    for digit in "0123456789":
        if d.luhn_valid(partial + digit):
            return partial + digit
    raise AssertionError


IBAN_BE = "BE71 0961 2345 6769"
IBAN_NL = "NL91 ABNA 0417 1643 00"
IBAN_FR = "FR14 2004 1010 0505 0001 3M02 606"
NRN = make_nrn(85, 7, 30, 33)          # born in 1985
NRN_2000 = make_nrn(5, 3, 14, 123, True)  # born in 2005
BSN = make_bsn("12345678")


def make_docx(path: Path, body: list[str], header: str | None = None) -> Path:
    docx = pytest.importorskip("docx")
    doc = docx.Document()
    for line in body:
        doc.add_paragraph(line)
    if header:
        doc.sections[0].header.paragraphs[0].text = header
    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "cell text"
    doc.save(path)
    return path
