"""Bad cases the long fuzz run found, rebuilt deterministically from real samples.

Each test builds one mutant from a file in tests/data (made with qpdf where
the case needs a PDF structure only qpdf produces), labels it through the
service under the fuzz contract (tests/fuzzing/contract.py) and also checks
the particular outcome the fix promises.
"""
from __future__ import annotations

import re
import shutil

import pytest
from lxml import etree

from tests.fuzzing import samples
from tests.fuzzing.contract import (
    Case,
    ContractChecker,
    blanked_label_problem,
    label_property_spans,
    unclean_message,
)
from tests.fuzzing.pdf_mutators import Base, _last_table, append_update
from tests.fuzzing.zip_mutators import (
    CUSTOM,
    CUSTOM_REL,
    LABELINFO_REL,
    REL_NS,
    RELS,
    _set_xml,
    _xml_member,
    ensure_custom,
)
from tests.fuzzing.zipmodel import ZipModel

needs_qpdf = pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf makes the PDF variant")
_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF")


def _check(tmp_path, case: Case):
    verdict = ContractChecker(tmp_path / "work").check(case)
    assert verdict.good, verdict.describe()
    return verdict


def _refused_cleanly(verdict, kind: str = "corrupt") -> None:
    assert verdict.status == "failed" and verdict.kind == kind, verdict.describe()
    assert unclean_message(verdict.message) is None, verdict.message


def _qpdf_variant(tag: str, base: str) -> bytes:
    variants = samples._qpdf_variants()
    key = f"qpdf:{tag}:{base}"
    if key not in variants:
        pytest.skip(f"qpdf could not make the {tag} variant of {base}")
    return variants[key]


# 1. relationships ------------------------------------------------------------------------------

def _external_relationship(sample: str, rel_type: str, target: str) -> Case:
    model = ZipModel.parse(samples.load(sample))
    ensure_custom(model)  # docProps/custom.xml exists, with its content type
    rels = _xml_member(model, RELS)
    for rel in list(rels):
        if rel.get("Type") == rel_type:
            rels.remove(rel)
    etree.SubElement(rels, f"{{{REL_NS}}}Relationship", Id="rIdFuzz1", Type=rel_type, Target=target,
                     TargetMode="External")
    _set_xml(model, RELS, rels)
    return Case("relationships", sample, f"{rel_type.rsplit('/', 1)[1]} relationship is External, "
                                         f"Target={target!r}", model.serialize(), sample)


@pytest.mark.parametrize("sample", ["lo-calc.xlsx", "bug66675.xlsx"])
def test_external_custom_properties_relationship_to_the_existing_part_is_refused(tmp_path, sample):
    verdict = _check(tmp_path, _external_relationship(sample, CUSTOM_REL, CUSTOM))
    _refused_cleanly(verdict)
    assert "outside the package" in verdict.message


@pytest.mark.parametrize("rel_type, target", [(CUSTOM_REL, "http://example.com/custom.xml"),
                                              (LABELINFO_REL, "docMetadata/LabelInfo.xml")])
def test_any_external_label_metadata_relationship_is_refused(tmp_path, rel_type, target):
    verdict = _check(tmp_path, _external_relationship("lo-calc.xlsx", rel_type, target))
    _refused_cleanly(verdict)
    assert "outside the package" in verdict.message


# 2. pdf-xref-trailer: startxref into an object ----------------------------------------------------

def test_startxref_into_an_object_is_refused_without_python_error_text(tmp_path):
    blob = samples.load("lo-writer.pdf")
    last = list(_STARTXREF.finditer(blob))[-1]
    into_object = blob.find(b" 0 obj") - 1
    assert into_object == 19
    mutant = blob[:last.start(1)] + str(into_object).encode() + blob[last.end(1):]
    verdict = _check(tmp_path, Case("pdf-xref-trailer", "lo-writer.pdf", "startxref 19 (to-object)", mutant,
                                    "lo-writer.pdf"))
    _refused_cleanly(verdict)
    assert "object has no attribute" not in verdict.message and "PdfReader" not in verdict.message


def test_pypdf_reasons_lose_python_internals():
    from pypdf.errors import PdfReadError

    from formats.pdf_open import reason

    wrapped = PdfReadError("Trailer cannot be read: 'PdfReader' object has no attribute 'stream'")
    assert reason(wrapped) == "trailer cannot be read"
    assert reason(KeyError("/Root")) == "its objects are inconsistent"
    assert reason(PdfReadError("'NoneType' object is not subscriptable")) == "its objects are inconsistent"


# 3. pdf-xref-trailer: xref streams and a /Prev past the end ----------------------------------------

@needs_qpdf
def test_update_of_an_xref_stream_file_whose_prev_points_past_the_end_is_refused(tmp_path):
    name = "qpdf:xrefstream:lo-writer.pdf"
    base = Base(name, _qpdf_variant("xrefstream", "lo-writer.pdf"))
    info = base.info[0] if base.info else base.size
    mutant, _ = append_update(base, {info: b"<< /Title (update) >>"},
                              {"Info": f"{info} 0 R", "Prev": str(len(base.blob) + 5000)})
    verdict = _check(tmp_path, Case("pdf-xref-trailer", name, "incremental update with /Prev past-end", mutant,
                                    "lo-writer.pdf"))
    _refused_cleanly(verdict)


# 4. pdf-xref-trailer: linearized file, an entry that misses its object -------------------------------

@needs_qpdf
@pytest.mark.parametrize("delta", [-3, 1])
def test_linearized_file_whose_xref_entry_misses_its_object_is_refused(tmp_path, delta):
    name = "qpdf:linearized:msip-labelled.pdf"
    blob = _qpdf_variant("linearized", "msip-labelled.pdf")
    _, entries = _last_table(blob)
    _, at, _ = next(e for e in entries if e[0] == 7)  # the hint stream, in the first-page section
    entry = blob[at:at + 20]
    mutant = blob[:at] + f"{int(entry[:10]) + delta:010d}".encode() + entry[10:] + blob[at + 20:]
    verdict = _check(tmp_path, Case("pdf-xref-trailer", name, f"xref entry of object 7: offset {delta:+d}",
                                    mutant, "msip-labelled.pdf"))
    _refused_cleanly(verdict)


def test_a_good_chain_has_no_problem():
    import io

    from formats.pdf_history import chain_problem

    blob = samples.load("lo-writer.pdf")
    startxref = int(list(_STARTXREF.finditer(blob))[-1].group(1))
    assert chain_problem(io.BytesIO(blob), 0, startxref, set()) is None
    past_end, _ = append_update(Base("lo-writer.pdf", blob), {}, {"Prev": str(len(blob) + 5000)})
    last = int(list(_STARTXREF.finditer(past_end))[-1].group(1))
    assert chain_problem(io.BytesIO(past_end), 0, last, set()) is not None


# 5. pdf-xmp: a forged label property in a second rdf:Description -----------------------------------

def _forged_description(name: str, blob: bytes) -> Case:
    base = Base(name, blob)
    packet = base.catalog["/Metadata"].get_object().get_data() if "/Metadata" in base.catalog else None
    if packet is None:
        from tests.fuzzing.pdf_mutators import _XMP
        packet = _XMP.encode("utf-8")
    text = packet.decode("utf-8", "replace").replace(
        "</rdf:RDF>", '<rdf:Description rdf:about="" xmlns:pdfx="http://ns.adobe.com/pdfx/1.3/">'
                      "<pdfx:Labeler_Id>forged</pdfx:Labeler_Id></rdf:Description></rdf:RDF>")
    payload = text.encode("utf-8")
    number = base.size
    objects = {number: f"<< /Type /Metadata /Subtype /XML /Length {len(payload)} >>\nstream\n".encode()
               + payload + b"\nendstream",
               base.root[0]: base.catalog_bytes(Metadata=f"{number} 0 R")}
    mutant, _ = append_update(base, objects)
    return Case("pdf-xmp", name, "XMP packet two-descriptions", mutant, name.split(":")[-1])


@needs_qpdf
@pytest.mark.parametrize("tag, base", [("linearized", "msip-labelled.pdf"), ("qdf", "lo-writer.pdf")])
def test_forged_label_in_a_second_xmp_description_is_blanked_in_place(tmp_path, tag, base):
    case = _forged_description(f"qpdf:{tag}:{base}", _qpdf_variant(tag, base))
    checker = ContractChecker(tmp_path / "work", keep_bad=None)
    folder = tmp_path / "by-hand"
    folder.mkdir()
    verdict = checker.check(case)
    assert verdict.good, verdict.describe()
    assert verdict.status == "labelled", verdict.describe()
    # The same write by hand, to look at the bytes.
    from labeler.core.service import LabelService
    from labeler.org.audit import AuditLog

    path = folder / case.name
    path.write_bytes(case.data)
    LabelService(checker.scheme, user="tester", audit=AuditLog(folder / "audit.jsonl")).apply(path, checker.label)
    after = path.read_bytes()
    assert b">forged<" not in after
    assert not after.startswith(case.data)  # blanked inside the original revision ...
    assert blanked_label_problem(case.data, after) is None  # ... and only there


def test_contract_accepts_only_spaces_over_label_properties():
    before = (b"%PDF-1.7\n1 0 obj\n<< /Title (t) /Labeler_Id (old) /MSIP_Label_x_Enabled (True) >>\nendobj\n"
              b"2 0 obj\n<< /Length 60 >>\nstream\n<pdfx:Labeler_Id>forged</pdfx:Labeler_Id><dc:x>keep</dc:x>"
              b"\nendstream\nendobj\n%%EOF\n")
    spans = label_property_spans(before)
    assert [before[s:e] for s, e in spans] == [b"/Labeler_Id (old)", b"/MSIP_Label_x_Enabled (True)",
                                              b"<pdfx:Labeler_Id>forged</pdfx:Labeler_Id>"]

    def blank(data: bytes, piece: bytes, fill: bytes = b" ") -> bytes:
        at = data.index(piece)
        return data[:at] + fill * len(piece) + data[at + len(piece):]

    appended = b"3 0 obj\n<< >>\nendobj\n"
    assert blanked_label_problem(before, blank(before, b"<pdfx:Labeler_Id>forged</pdfx:Labeler_Id>") + appended) \
        is None
    assert blanked_label_problem(before, blank(before, b"/Labeler_Id (old)")) is None
    assert "outside" in blanked_label_problem(before, blank(before, b"<dc:x>keep</dc:x>"))
    assert "other than a space" in blanked_label_problem(before, blank(before, b"/Labeler_Id (old)", b"x"))
    assert "shorter" in blanked_label_problem(before, before[:-1])


def test_contract_keeps_the_strict_prefix_rule_for_signed_pdfs():
    from tests.fuzzing.contract import pdf_signed

    signed = b"%PDF-1.7\n1 0 obj\n<< /Type /Sig /ByteRange [0 10 20 30] >>\nendobj\n"
    assert pdf_signed(signed)
    assert not pdf_signed(samples.load("lo-writer.pdf"))


# 6. byte-damage: a trailer that lost its /Root -------------------------------------------------------

@pytest.mark.parametrize("flips", [((165, 3), (546, 3), (375, 2)), ((165, 3), (546, 3), (165, 2))])
def test_bit_flips_that_break_the_trailer_root_are_a_clean_corrupt_refusal(tmp_path, flips):
    blob = bytearray(samples.load("pypdf.pdf"))
    for at, bit in flips:
        blob[at] ^= 1 << bit
    what = f"{len(flips)} bit flip(s) at " + ", ".join(f"{at}:{bit}" for at, bit in flips)
    verdict = _check(tmp_path, Case("byte-damage", "pypdf.pdf", what, bytes(blob), "pypdf.pdf"))
    _refused_cleanly(verdict)
    assert "catalog" in verdict.message


def test_a_damaged_member_name_is_shown_without_raw_bytes(tmp_path):
    from conftest import DATA
    """Byte damage in a member name: the refusal names the member printably."""
    from formats import registry
    from formats.errors import FormatError
    from conftest import make_stamp

    path = tmp_path / "lo-calc.xlsx"
    data = bytearray((DATA / "lo-calc.xlsx").read_bytes())
    at = data.rindex(b"xl/sharedStrings.xml")  # the last copy is in the central directory
    data[at + len("xl/sharedStrings.")] = 0
    path.write_bytes(bytes(data))
    before = path.read_bytes()
    with pytest.raises(FormatError) as info:
        registry.handler_for(path).write(path, make_stamp())
    message = info.value.message
    assert "\x00" not in message and "\\x" not in message
    assert "xl/sharedStrings.?ml" in message
    assert path.read_bytes() == before
