"""PDF handler: real files made with pypdf (and qpdf / LibreOffice when present)."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DecodedStreamObject, NameObject

from formats import errors
from formats.errors import FormatError
from formats.model import MICROSOFT, OURS, TITUS, LabelStamp, MicrosoftMapping, TscpMapping
from formats.pdf import PdfHandler

GUID = "6f1c5c8e-7b2a-4c1e-9a55-0d9a3c1b2e11"
GUID2 = "0b6a3c2d-1e4f-4a5b-8c9d-112233445566"
SITE = "72f988bf-86f1-41af-91ab-2d7cd011db47"
MSIP = f"MSIP_Label_{GUID}_"
QPDF = shutil.which("qpdf")
SOFFICE = shutil.which("soffice")

STAMP = LabelStamp("confidential", "Confidentiel é", "acme", 3, "2024-05-06T07:08:09Z", "ann",
                   microsoft=MicrosoftMapping(GUID, SITE, "Confidential"))
STAMP2 = LabelStamp("internal", "Internal", "acme", 3, "2024-05-07T07:08:09Z", "bob",
                    microsoft=MicrosoftMapping(GUID2, SITE, "Internal"),
                    tscp=TscpMapping("cat-2", "Internal"))

OTHER_XMP = b"""<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">Quarterly report</rdf:li></rdf:Alt></dc:title>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:CreatorTool="OtherTool 9"/>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


# -- sample files ----------------------------------------------------------

def _writer(**info: str) -> PdfWriter:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_blank_page(200, 200)
    writer.add_metadata({"/Title": "Hello", "/Author": "Ann", **{f"/{k}": v for k, v in info.items()}})
    return writer


def _save(writer: PdfWriter, path: Path) -> Path:
    with open(path, "wb") as f:
        writer.write(f)
    return path


def _set_xmp(writer: PdfWriter, packet: bytes, compress: bool = False) -> None:
    stream = DecodedStreamObject()
    stream[NameObject("/Type")] = NameObject("/Metadata")
    stream[NameObject("/Subtype")] = NameObject("/XML")
    stream.set_data(packet)
    writer.root_object[NameObject("/Metadata")] = writer._add_object(
        stream.flate_encode() if compress else stream)


def make_table(tmp: Path) -> Path:
    return _save(_writer(), tmp / "table.pdf")


def make_xref_stream(tmp: Path) -> Path:
    # pypdf's incremental mode appends an xref *stream* section.
    base = make_table(tmp)
    writer = PdfWriter(base, incremental=True)
    writer.add_metadata({"/Subject": "Revised"})
    return _save(writer, tmp / "xrefstream.pdf")


def make_other_xmp(tmp: Path) -> Path:
    writer = _writer()
    _set_xmp(writer, OTHER_XMP)
    return _save(writer, tmp / "otherxmp.pdf")


def make_qpdf_object_streams(tmp: Path) -> Path:
    if not QPDF:
        pytest.skip("qpdf is not installed")
    out = tmp / "objstm.pdf"
    subprocess.run([QPDF, "--object-streams=generate", str(make_other_xmp(tmp)), str(out)], check=True)
    return out


def make_soffice(tmp: Path) -> Path:
    if not SOFFICE:
        pytest.skip("LibreOffice is not installed")
    (tmp / "note.txt").write_text("Hello from LibreOffice\n")
    subprocess.run([SOFFICE, "--headless", "--convert-to", "pdf", "--outdir", str(tmp), str(tmp / "note.txt")],
                   check=True, capture_output=True, timeout=180)
    return tmp / "note.pdf"


def make_minimal(tmp: Path, with_info: bool = False, final_newline: bool = True) -> Path:
    """A hand-made PDF: no /Info unless asked, optionally no final newline."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] >>"]
    if with_info:
        objects.append(b"<< /Title (Minimal) /Information#20Classification (Secret) /TitusGUID (t-1) >>")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f\r\n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n\r\n" % o for o in offsets))
    info = b" /Info 4 0 R" if with_info else b""
    out.write(b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF" % (len(objects) + 1, info, xref))
    if final_newline:
        out.write(b"\n")
    path = tmp / "minimal.pdf"
    path.write_bytes(out.getvalue())
    return path


SAMPLES = {"table": make_table, "xref-stream": make_xref_stream, "other-xmp": make_other_xmp,
           "qpdf-object-streams": make_qpdf_object_streams, "libreoffice": make_soffice,
           "minimal-no-info": make_minimal}


# -- helpers ---------------------------------------------------------------

def info_of(path: Path) -> dict[str, str]:
    reader = PdfReader(path, strict=True)
    return {k: str(v) for k, v in (reader.metadata or {}).items()}


def xmp_of(path: Path) -> bytes:
    reader = PdfReader(path, strict=True)
    meta = reader.root_object.get("/Metadata")
    return meta.get_object().get_data() if meta is not None else b""


def qpdf_check(path: Path) -> None:
    if QPDF:
        result = subprocess.run([QPDF, "--check", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "WARNING" not in result.stdout + result.stderr


def last_startxref(data: bytes) -> int:
    return int(re.findall(rb"startxref\s+(\d+)", data)[-1])


# -- round trips -----------------------------------------------------------

@pytest.mark.parametrize("kind", SAMPLES)
def test_label_relabel_clear_round_trip(tmp_path, kind):
    path = SAMPLES[kind](tmp_path)
    handler = PdfHandler()
    original = path.read_bytes()
    pages = len(PdfReader(path).pages)
    info_before = {k: v for k, v in info_of(path).items()}

    assert handler.write(path, STAMP) is True
    labelled = path.read_bytes()
    assert labelled.startswith(original)
    info = info_of(path)
    assert info[f"/{MSIP}Enabled"] == "True"
    assert info[f"/{MSIP}Extended_MSFT_Method"] == "Privileged"
    assert info[f"/{MSIP}SiteId"] == SITE
    assert info["/Labeler_LabelName"] == "Confidentiel é"
    assert all(info[k] == v for k, v in info_before.items())
    assert len(PdfReader(path, strict=True).pages) == pages
    assert f"pdfx:{MSIP}Enabled".encode() in xmp_of(path)
    qpdf_check(path)

    found = {(label.system, label.id): label for label in handler.read(path).labels}
    assert found[(OURS, "confidential")].where == "PDF info dictionary"
    assert found[(MICROSOFT, GUID)].name == "Confidential"
    assert len(found) == 2  # the XMP mirror is not a second label

    assert handler.write(path, STAMP2) is True
    # Replacing our label cuts our earlier revision off: the original stays the prefix.
    assert path.read_bytes().startswith(original) and GUID.encode() not in path.read_bytes()
    info = info_of(path)
    assert not any(GUID in k for k in info)  # same tenant: the new label replaces the old one
    assert info[f"/MSIP_Label_{GUID2}_Enabled"] == "True"
    assert info["/urn:bails:IntellectualProperty:BusinessAuthorizationCategory:Name"] == "Internal"
    assert {l.system for l in handler.read(path).labels} == {OURS, MICROSOFT, "tscp"}
    qpdf_check(path)

    assert handler.clear(path) is True
    info = info_of(path)
    assert not any(k.startswith(("/Labeler_", "/MSIP_Label_", "/urn:bails:")) for k in info)
    assert info == info_before
    xmp = xmp_of(path)
    assert b"Labeler_" not in xmp and b"MSIP_Label_" not in xmp
    assert handler.read(path).labels == ()
    assert len(PdfReader(path, strict=True).pages) == pages
    assert path.read_bytes() == original  # clearing cut our own revisions off again
    assert handler.clear(path) is False


def test_other_tools_xmp_survives(tmp_path):
    path = make_other_xmp(tmp_path)
    handler = PdfHandler()
    handler.write(path, STAMP)
    for step in ("labelled", "cleared"):
        xmp = xmp_of(path)
        assert b"Quarterly report" in xmp and b'xmp:CreatorTool="OtherTool 9"' in xmp, step
        assert xmp.startswith(b'<?xpacket begin="\xef\xbb\xbf"'), step
        assert PdfReader(path).xmp_metadata.dc_title == {"x-default": "Quarterly report"}, step
        handler.clear(path)


def test_successive_writes_chain_through_prev(tmp_path):
    path = make_table(tmp_path)
    handler = PdfHandler()
    start = last_startxref(path.read_bytes())
    for stamp in (STAMP, STAMP2):
        handler.write(path, stamp)
        data = path.read_bytes()
        update = data[data.rindex(b"\nxref\n"):]
        # A relabel replaces our own revision, so each update chains onto the original.
        assert int(re.search(rb"/Prev (\d+)", update).group(1)) == start
        assert data[last_startxref(data):last_startxref(data) + 4] == b"xref"
    _ = PdfReader(path, strict=True).metadata
    qpdf_check(path)


def test_update_uses_the_same_kind_of_xref_section(tmp_path):
    handler = PdfHandler()
    table, stream = make_table(tmp_path), make_xref_stream(tmp_path)
    for path in (table, stream):
        size = path.stat().st_size
        handler.write(path, STAMP)
        update = path.read_bytes()[size:]
        if path is table:
            assert b"\nxref\n" in update and b"trailer" in update and b"/XRef" not in update
            assert re.search(rb"\n\d{10} \d{5} n\r\n", update)  # entries are exactly 20 bytes
        else:
            assert b"/Type /XRef" in update and b"trailer" not in update
            assert b"/W [ 1 4 2 ]" in update


def test_same_label_twice_leaves_file_alone(tmp_path):
    path = make_table(tmp_path)
    handler = PdfHandler()
    assert handler.write(path, STAMP)
    before = path.read_bytes()
    assert handler.write(path, STAMP) is False
    assert path.read_bytes() == before


def test_no_info_dictionary_and_no_final_newline(tmp_path):
    path = make_minimal(tmp_path, final_newline=False)
    original = path.read_bytes()
    PdfHandler().write(path, STAMP)
    assert path.read_bytes().startswith(original + b"\n")
    assert info_of(path)[f"/{MSIP}Enabled"] == "True"
    qpdf_check(path)


def test_foreign_names_with_spaces_survive_escaped(tmp_path):
    path = make_minimal(tmp_path, with_info=True)
    handler = PdfHandler()
    titus = [l for l in handler.read(path).labels if l.system == TITUS]
    assert titus and titus[0].name == "Secret"
    size = path.stat().st_size
    handler.write(path, STAMP2)
    update = path.read_bytes()[size:]
    assert b"/Information#20Classification" in update
    assert b"/urn:bails:IntellectualProperty:Marking:document-header" in update
    assert info_of(path)["/Information Classification"] == "Secret"
    assert {l.system for l in handler.read(path).labels} >= {OURS, MICROSOFT, TITUS, "tscp"}
    qpdf_check(path)


def test_microsoft_label_only_in_xmp_is_read(tmp_path):
    writer = _writer()
    packet = OTHER_XMP.replace(b'xmp:CreatorTool="OtherTool 9"/>', (
        b'xmp:CreatorTool="OtherTool 9" xmlns:pdfx="http://ns.adobe.com/pdfx/1.3/" '
        b'pdfx:MSIP_Label_' + GUID2.encode() + b'_Enabled="True" pdfx:MSIP_Label_' + GUID2.encode()
        + b'_SiteId="' + SITE.encode() + b'"/>'))
    _set_xmp(writer, packet, compress=True)
    path = _save(writer, tmp_path / "xmponly.pdf")
    labels = PdfHandler().read(path).labels
    assert [(l.system, l.id, l.where) for l in labels] == [(MICROSOFT, GUID2, "XMP")]
    # Labelling for the same tenant replaces it in the XMP too; the rest stays.
    PdfHandler().write(path, STAMP)
    xmp = xmp_of(path)
    assert GUID2.encode() not in xmp and f"pdfx:{MSIP}Enabled".encode() in xmp
    assert b"OtherTool 9" in xmp


# -- bad input -------------------------------------------------------------

def assert_refused(path: Path, kind: str, *, read: bool = True) -> FormatError:
    before = path.read_bytes()
    handler = PdfHandler()
    with pytest.raises(FormatError) as caught:
        handler.write(path, STAMP)
    assert caught.value.kind == kind, caught.value.message
    assert path.name in caught.value.message
    if read:
        with pytest.raises(FormatError) as caught_read:
            handler.read(path)
        assert caught_read.value.kind == kind
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir() if p.name.startswith(".~labeler")] == []
    return caught.value


def test_truncated_pdf(tmp_path, capsys):
    data = make_soffice(tmp_path).read_bytes() if SOFFICE else make_table(tmp_path).read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(data[: len(data) // 2])
    assert_refused(path, errors.CORRUPT, read=False)
    try:
        PdfHandler().read(path)  # reading is tolerant; it may find nothing, but must not spam
    except FormatError as exc:
        assert exc.kind == errors.CORRUPT
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


def test_garbage_with_pdf_extension(tmp_path, capsys):
    path = tmp_path / "garbage.pdf"
    path.write_bytes(b"this is not a PDF at all\x00\xff" * 50)
    assert_refused(path, errors.CORRUPT)
    assert capsys.readouterr().err == ""


def test_empty_file(tmp_path):
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    assert_refused(path, errors.CORRUPT)


def test_encrypted_pdf(tmp_path):
    writer = _writer()
    writer.encrypt("secret")
    path = _save(writer, tmp_path / "locked.pdf")
    error = assert_refused(path, errors.ENCRYPTED)
    assert "password-protected" in error.message


def test_encrypted_with_empty_user_password_is_read_and_written(tmp_path):
    writer = _writer(**{f"{MSIP}Enabled": "true", f"{MSIP}SiteId": SITE})
    writer.encrypt(user_password="", owner_password="owner")
    path = _save(writer, tmp_path / "restricted.pdf")
    assert [l.id for l in PdfHandler().read(path).labels] == [GUID]
    # Changes are allowed: the label is written as an encrypted update (tests/test_pdf_encrypted.py).
    assert PdfHandler().write(path, STAMP2) is True
    assert {l.id for l in PdfHandler().read(path).labels} == {"internal", GUID2, "cat-2"}


def test_xmp_with_dtd_is_refused(tmp_path):
    writer = _writer()
    _set_xmp(writer, b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>' + OTHER_XMP.split(b"?>", 1)[1])
    path = _save(writer, tmp_path / "dtd.pdf")
    assert_refused(path, errors.UNSAFE_XML)


def test_huge_xmp_is_refused(tmp_path):
    writer = _writer()
    _set_xmp(writer, OTHER_XMP + b" " * (9 * 1024 * 1024), compress=True)
    path = _save(writer, tmp_path / "huge.pdf")
    assert path.stat().st_size < 200_000
    assert_refused(path, errors.TOO_LARGE)


def test_broken_startxref_is_not_written(tmp_path):
    path = make_table(tmp_path)
    data = path.read_bytes()
    start = last_startxref(data)
    path.write_bytes(data.replace(b"startxref\n%d" % start, b"startxref\n%d" % (start - 7)))
    assert_refused(path, errors.CORRUPT, read=False)


def test_file_that_needs_xref_repair_is_read_but_not_written(tmp_path):
    path = make_minimal(tmp_path, with_info=True)
    data = path.read_bytes()
    entries = re.findall(rb"\d{10} 00000 n", data)
    wrong = b"%010d 00000 n" % (int(entries[-1][:10]) + 3)  # the Info entry points mid-object
    path.write_bytes(data.replace(entries[-1], wrong))
    assert {l.system for l in PdfHandler().read(path).labels} == {TITUS}
    error = assert_refused(path, errors.CORRUPT, read=False)
    assert "cross-reference" in error.message


def test_data_before_header_is_read_but_not_written(tmp_path):
    path = tmp_path / "junk.pdf"
    path.write_bytes(b"junk\n" + make_table(tmp_path).read_bytes())
    PdfHandler().read(path)
    assert_refused(path, errors.CORRUPT, read=False)
