"""Every real-world file in ../shared/corpus/realworld/ gets the outcome it should.

The files come unchanged from the test data of Apache POI and Apache Tika
(see the corpus README): each shows how a real program wrote, or damaged, a
document.  For each one the table below says what labelling must do:
label it (every original non-metadata member intact, our label read back,
other tools' labels kept) or refuse it with a specific kind (the file then
byte-identical).
"""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from conftest import REALWORLD
from formats import registry
from formats.atomic import TEMP_PREFIX
from formats.errors import FormatError
from labeler.core.outcome import FAILED, LABELLED
from labeler.core.service import LabelService
from policy import load_builtin

pytestmark = pytest.mark.skipif(not REALWORLD.is_dir(), reason="the shared real-world corpus is not here")

LABELLED_ = "labelled"
# file → "labelled" or the kind it must be refused with.
EXPECTED = {
    # Two different members named xl/worksheets/sheet1.xml: programs disagree about which one counts.
    # (ZIP reader: formats/zippkg.py.)
    "duplicate-filename.xlsx": "corrupt",
    # sheet1.xml and Sheet1.xml are different ZIP members: the control.
    "duplicate-filename-case-insensitive.xlsx": LABELLED_,
    # An Override for /docProps/custom.xml without the part: labelled with a single Override.
    "picture.xlsx": LABELLED_,
    # Decision: refused.  Every member name uses backslashes ("_rels\.rels", "xl\workbook.xml") and the
    # content types are in "[content_types].xml"; neither LibreOffice nor openpyxl opens it.  Labelling
    # it would add "_rels/.rels" beside "_rels\.rels" (a ZIP name must use forward slashes), which a
    # reader that treats backslashes as separators sees as a second package relationships part: the
    # label would make the package ambiguous.  (Package reader: formats/zippkg.py, opc.py.)
    "49609.xlsx": "corrupt",
    # A DTD in [Content_Types].xml (entity expansion): refused, rightly.
    "54764-2.xlsx": "unsafe-metadata",
    # Encrypted with Excel's default password: labelled inside, re-encrypted the same way.
    "protect.xlsx": LABELLED_,  # standard encryption (AES-128, SHA-1)
    "58616.xlsx": LABELLED_,  # standard encryption
    "protected_agile.docx": LABELLED_,  # agile encryption (AES-128, SHA-1)
    # A real password: refused as password-protected, whatever the case of the stream names.
    "protected_normal_case.docx": "encrypted",
    "protected_upper_case.docx": "encrypted",
    # ODF with encrypted streams (manifest encryption-data).  (formats/odf.py.)
    "testODTEncrypted.odt": "encrypted",
    # ODF without meta.xml: labelled (adds meta.xml and a manifest entry).
    "testODTNoMeta.odt": LABELLED_,
    # Offset-0 xref entries that qpdf and pypdf read: being fixed in the PDF handler (formats/pdf*.py).
    "testPDF.pdf": LABELLED_,
    "testAnnotations.pdf": LABELLED_,
    "testMicrosoftIRMServices.pdf": LABELLED_,  # also carries Microsoft's label, which must be kept
    # A UTF-8 BOM before %PDF-, which qpdf accepts: being fixed in the PDF handler.
    "testPDF_bom.pdf": LABELLED_,
    # An AppleSingle wrapper before the PDF: not a PDF file as such (borderline, refused).
    "testAppleSingleFile.pdf": "corrupt",
    # An owner password only (changes allowed, opens without a password).  The corpus README records
    # it as refused; the PDF handler now labels it (the empty user password opens it), which is right
    # for a file every reader opens without asking.  (PDF handler.)
    "testPDF_no_extract_no_accessibility_owner_empty.pdf": LABELLED_,
}
OOXML_METADATA = {"docProps/custom.xml", "docMetadata/LabelInfo.xml", "[Content_Types].xml", "_rels/.rels"}
# Parts that may change to carry the label's visual markings (Excel sheets, PowerPoint masters/layouts/slides,
# Word's main part, its relationships, headers and footers).
OOXML_MARKING_PARTS = re.compile(r"xl/(worksheets|chartsheets|dialogsheets|macrosheets)/[^/]+\.xml|"
                                 r"ppt/(slideMasters|slideLayouts|slides)/[^/]+\.xml|"
                                 r"word/(document|header\d*|footer\d*)\.xml|"
                                 r"word/_rels/(document|header\d*|footer\d*)\.xml\.rels")
ODF_METADATA = {"meta.xml", "META-INF/manifest.xml", "styles.xml"}  # styles.xml: master pages with markings
CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"


def corpus_files() -> list[str]:
    if not REALWORLD.is_dir():
        return sorted(EXPECTED)
    return sorted(p.name for p in REALWORLD.iterdir() if p.is_file() and p.name != "README.md")


def raw_entries(data: bytes) -> list[tuple[str, bytes]]:
    """(name, raw compressed bytes) of every member, duplicates included."""
    result = []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for info in z.infolist():
            start = info.header_offset
            n, m = int.from_bytes(data[start + 26:start + 28], "little"), \
                int.from_bytes(data[start + 28:start + 30], "little")
            body = start + 30 + n + m
            result.append((info.filename, data[body:body + info.compress_size]))
    return result


def decrypted(data: bytes) -> bytes:
    import msoffcrypto

    office = msoffcrypto.OfficeFile(io.BytesIO(data))
    office.load_key(password="VelvetSweatshop")
    out = io.BytesIO()
    office.decrypt(out)
    return out.getvalue()


def foreign_labels(path: Path) -> set[tuple[str, str]] | None:
    try:
        result = registry.handler_for(path).read(path)
    except FormatError:
        return None
    return {(l.system, l.id) for l in result.foreign}


def assert_members_intact(before: bytes, after: bytes, metadata: set[str]) -> None:
    old, new = raw_entries(before), raw_entries(after)
    names = [n for n, _ in new]
    assert len(names) == len(set(names)), "a member appears twice in the labelled file"
    new_by_name = dict(new)
    for name, raw in old:
        if name in metadata or (metadata is OOXML_METADATA and OOXML_MARKING_PARTS.fullmatch(name)):
            continue
        assert name in new_by_name, f"{name} is missing after labelling"
        assert new_by_name[name] == raw, f"{name} changed"


def test_every_corpus_file_has_an_expectation():
    assert set(corpus_files()) == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_world_file(tmp_path, name):
    scheme = load_builtin()
    source = REALWORLD / name
    if not source.exists():
        pytest.skip(f"{name} is not in the corpus")
    path = tmp_path / name
    path.write_bytes(source.read_bytes())
    before = path.read_bytes()
    foreign_before = foreign_labels(path)

    outcome = LabelService(scheme, user="tester").apply(path, scheme.find("confidential"))
    expected = EXPECTED[name]
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(TEMP_PREFIX)]
    assert not leftovers, leftovers

    if expected != LABELLED_:
        assert (outcome.status, outcome.kind) == (FAILED, expected), outcome.message
        assert path.read_bytes() == before
        return

    assert outcome.status == LABELLED and outcome.kind is None, outcome.message
    after = path.read_bytes()
    result = registry.handler_for(path).read(path)
    assert result.ours is not None and result.ours.id == "confidential"
    if foreign_before:
        assert foreign_before <= {(l.system, l.id) for l in result.foreign}, "another tool's label was lost"

    if before.startswith(b"\xd0\xcf\x11\xe0"):  # encrypted Office file: compare what is inside
        assert_members_intact(decrypted(before), decrypted(after), OOXML_METADATA)
    elif name.endswith(".pdf"):
        assert after.startswith(before), "the original PDF is not an identical prefix of the labelled one"
    elif name.endswith((".odt", ".ods", ".odp")):
        assert_members_intact(before, after, ODF_METADATA)
    else:
        assert_members_intact(before, after, OOXML_METADATA)

    if name == "picture.xlsx":
        with zipfile.ZipFile(path) as z:
            types = etree.fromstring(z.read("[Content_Types].xml"))
        overrides = [o for o in types.iter(f"{CT_NS}Override")
                     if o.get("PartName", "").lower() == "/docprops/custom.xml"]
        assert len(overrides) == 1, "the Override for /docProps/custom.xml is duplicated"
