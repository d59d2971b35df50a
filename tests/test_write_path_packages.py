"""The package side of a write is strict and truthful (ZIP engine, OOXML, ODF).

One named test per finding of the outside audit.  Each builds its case from a
real sample (tests/data, ../shared/corpus/realworld) and asserts either a
refusal -- a FormatError of a specific kind whose one sentence names the file
and says it was left as it was, with the file byte-identical -- or a correct
result.
"""
from __future__ import annotations

import shutil
import struct
import warnings
import zipfile
from pathlib import Path

import pytest
from lxml import etree

import conftest
from conftest import REALWORLD, make_stamp, raw_members
from formats import errors, safexml
from formats.atomic import TEMP_PREFIX
from formats.errors import FormatError
from formats.odf import OdfHandler
from formats.ooxml import OoxmlHandler
from formats.zippkg import MAX_METADATA_BYTES, ZipPackage

OOXML, ODF = OoxmlHandler(), OdfHandler()
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
LABELINFO_REL = "http://schemas.microsoft.com/office/2020/02/relationships/classificationlabels"
ORIGIN_REL = "http://schemas.openxmlformats.org/package/2006/relationships/digital-signature/origin"
SIGNATURE_REL = "http://schemas.openxmlformats.org/package/2006/relationships/digital-signature/signature"
DSIG = "http://www.w3.org/2000/09/xmldsig#"


# -- helpers ---------------------------------------------------------------
def copy_of(tmp_path: Path, source: Path, as_name: str | None = None) -> Path:
    if not source.is_file():
        pytest.fail(f"sample {source} is missing")
    dest = tmp_path / (as_name or source.name)
    shutil.copyfile(source, dest)
    return dest


def data(name: str) -> Path:
    return conftest.DATA / name


def rebuild(source: Path, dest: Path, replace: dict | None = None, add=(), drop=()) -> Path:
    """A copy of the package `source` with members replaced, added (even twice) or dropped."""
    replace = replace or {}
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(dest, "w") as zout, warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "Duplicate name": on purpose
        for info in zin.infolist():
            if info.filename in drop:
                continue
            zout.writestr(info, replace.get(info.filename, zin.read(info.filename)))
        for name, content in add:
            zout.writestr(name, content, compress_type=zipfile.ZIP_DEFLATED)
    return dest


def assert_refused(handler, path: Path, kind: str, *phrases: str) -> FormatError:
    """Writing fails with `kind` and one sentence, and the file stays byte for byte as it was."""
    before = path.read_bytes()
    st = path.stat()
    with pytest.raises(FormatError) as info:
        handler.write(path, make_stamp())
    message = info.value.message
    assert info.value.kind == kind, (info.value.kind, message)
    assert path.name in message, message
    assert message.endswith("left as it was."), message
    assert message.count(". ") == 0, f"more than one sentence: {message!r}"
    for phrase in phrases:
        assert phrase in message, message
    assert path.read_bytes() == before, "the file was changed"
    assert path.stat().st_mtime_ns == st.st_mtime_ns
    assert not [p.name for p in path.parent.iterdir() if p.name.startswith(TEMP_PREFIX)], "temp files left behind"
    return info.value


def end_record_offset(blob: bytes) -> int:
    return blob.rindex(b"PK\x05\x06")


def local_header_offset(path: Path, name: str) -> int:
    with zipfile.ZipFile(path) as z:
        return z.getinfo(name).header_offset


# -- 1. directory, end record and local headers must agree --------------------
def test_end_record_counting_fewer_members_than_the_directory_holds_is_refused(tmp_path):
    """Before: the directory was read only as far as the count said; the rewrite dropped the rest."""
    path = copy_of(tmp_path, data("msip-custom.docx"))
    blob = bytearray(path.read_bytes())
    end = end_record_offset(blob)
    count = struct.unpack_from("<H", blob, end + 10)[0]
    struct.pack_into("<HH", blob, end + 8, count - 2, count - 2)  # both counts of the end record
    path.write_bytes(bytes(blob))
    assert_refused(OOXML, path, errors.CORRUPT, "its ZIP directory and end record disagree",
                   f"counts {count - 2} members, the directory lists {count}")
    # Reading still sees every member, the one listed last included.
    with ZipPackage(path) as package:
        assert len(package.members) == count
    assert OOXML.read(path).labels


def test_local_header_that_disagrees_with_the_directory_is_refused(tmp_path):
    """A local header naming another member (same length) is read differently by other programs."""
    path = copy_of(tmp_path, data("lo-writer.docx"))
    offset = local_header_offset(path, "word/styles.xml")
    blob = bytearray(path.read_bytes())
    assert blob[offset + 30: offset + 30 + 15] == b"word/styles.xml"
    blob[offset + 30: offset + 30 + 15] = b"word/stylez.xml"
    path.write_bytes(bytes(blob))
    assert_refused(OOXML, path, errors.CORRUPT, "its ZIP directory and a local header disagree",
                   "word/styles.xml")


def test_local_header_sizes_that_disagree_with_the_directory_are_refused(tmp_path):
    path = copy_of(tmp_path, data("pydocx.docx"))
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("word/settings.xml")
    assert not info.flag_bits & 0x8
    blob = bytearray(path.read_bytes())
    struct.pack_into("<I", blob, info.header_offset + 14, info.CRC ^ 1)  # the local CRC
    path.write_bytes(bytes(blob))
    assert_refused(OOXML, path, errors.CORRUPT, "local header of word/settings.xml disagree")


def test_data_descriptor_that_disagrees_with_the_directory_is_refused(tmp_path):
    path = copy_of(tmp_path, data("lo-writer.docx"))
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("word/styles.xml")
    assert info.flag_bits & 0x8
    blob = bytearray(path.read_bytes())
    n, m = struct.unpack_from("<HH", blob, info.header_offset + 26)
    at = info.header_offset + 30 + n + m + info.compress_size
    at += 4 if blob[at:at + 4] == b"PK\x07\x08" else 0
    struct.pack_into("<I", blob, at + 4, info.compress_size + 1)  # the descriptor's compressed size
    path.write_bytes(bytes(blob))
    assert_refused(OOXML, path, errors.CORRUPT, "data descriptor of word/styles.xml disagree")


# -- 2. duplicate member names ---------------------------------------------
def test_duplicate_member_names_are_refused_case_twins_still_label(tmp_path):
    """Two members named xl/worksheets/sheet1.xml: before, the first sheet's data was lost."""
    path = copy_of(tmp_path, REALWORLD / "duplicate-filename.xlsx")
    assert_refused(OOXML, path, errors.CORRUPT, "two different members named xl/worksheets/sheet1.xml")

    twins = copy_of(tmp_path, REALWORLD / "duplicate-filename-case-insensitive.xlsx", "twins.xlsx")
    before = raw_members(twins)
    assert OOXML.write(twins, make_stamp()) is True
    assert OOXML.read(twins).ours.id == "confidential"
    after = raw_members(twins)
    for name in ("xl/worksheets/sheet1.xml", "xl/worksheets/Sheet1.xml"):
        assert after[name] == before[name]


def test_odf_with_a_second_mimetype_member_is_refused(tmp_path):
    path = rebuild(data("lo-writer.odt"), tmp_path / "twice.odt",
                   add=[("mimetype", b"application/vnd.oasis.opendocument.spreadsheet")])
    assert_refused(ODF, path, errors.CORRUPT, "two different members named mimetype")


def test_raw_extents_are_keyed_by_member_not_name(tmp_path):
    with ZipPackage(REALWORLD / "duplicate-filename.xlsx") as package:
        extents = package._raw_extents()
        assert len(extents) == len(package.members)  # keyed by name, one sheet would vanish here


# -- 3. metadata relationships must lead to metadata parts -------------------
def _with_package_rel(tmp_path, source: Path, rel_type: str, target: str, name: str) -> Path:
    with zipfile.ZipFile(source) as z:
        rels = etree.fromstring(z.read("_rels/.rels"))
    etree.SubElement(rels, f"{{{REL_NS}}}Relationship", Id="rIdBad", Type=rel_type, Target=target)
    return rebuild(source, tmp_path / name, replace={"_rels/.rels": etree.tostring(rels)})


@pytest.mark.parametrize("rel_type, target", [
    (CUSTOM_REL, "word/document.xml"),
    (CUSTOM_REL, "/docProps/core.xml"),
    (CUSTOM_REL, "word/styles.xml"),
    (LABELINFO_REL, "docProps/app.xml"),
], ids=["custom-to-document", "custom-to-core", "custom-to-styles", "labelinfo-to-app"])
def test_metadata_relationship_into_a_content_part_is_refused(tmp_path, rel_type, target):
    """Before: our properties were written into word/document.xml (or core.xml …)."""
    path = _with_package_rel(tmp_path, data("pydocx.docx"), rel_type, target, "bad-rel.docx")
    assert_refused(OOXML, path, errors.CORRUPT, "relationship points at " + target.lstrip("/"))
    assert OOXML.read(path).ours is None  # reading ignores the bogus target


# -- 4. an Override for an absent custom.xml -------------------------------
def test_existing_override_for_absent_custom_part_is_not_duplicated(tmp_path):
    """picture.xlsx declares /docProps/custom.xml without the part; before, a second Override was added."""
    path = copy_of(tmp_path, REALWORLD / "picture.xlsx")
    with warnings.catch_warnings():
        warnings.simplefilter("error", FutureWarning)  # lxml's element truth test warns
        assert OOXML.write(path, make_stamp()) is True
        assert OOXML.read(path).ours.id == "confidential"
    with zipfile.ZipFile(path) as z:
        types = etree.fromstring(z.read("[Content_Types].xml"))
    overrides = [o for o in types.iter(f"{{{CT_NS}}}Override")
                 if o.get("PartName").lower() == "/docprops/custom.xml"]
    assert len(overrides) == 1


def test_no_element_truth_tests_in_formats():
    """`if element` / `element or …` on lxml elements is False for a childless element."""
    import re

    formats = Path(__file__).resolve().parent.parent / "formats"
    suspicious = re.compile(
        r"\b(if|elif|while) (not )?(self\._)?"
        r"(override|el|elem|element|root|rels|types|node|meta|child)\b(?! is| in|\.|\[|\()"
        r"|\b(override|elem|element)\s+or\b"
        r"|\b(if|elif|and|or|not)\s+(not\s+)?[\w.]+\.(find|_override_for|getparent|getprevious|getnext)"
        r"\([^()]*\)(?!\s*(is|==|!=|\.|\[|\)))")
    found = [f"{p.name}:{i}: {line.strip()}" for p in formats.glob("*.py")
             for i, line in enumerate(p.read_text().splitlines(), 1) if suspicious.search(line)]
    assert not found, found


# -- 5. DTDs in any encoding, encodings kept or refused, size checked first ---
def _utf16_custom_xml(with_dtd: bool, encoding: str = "utf-16") -> bytes:
    with zipfile.ZipFile(data("msip-custom.docx")) as z:
        text = z.read("docProps/custom.xml").decode("utf-8")
    body = text[text.index("?>") + 2:]
    dtd = '<!DOCTYPE Properties [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>' if with_dtd else ""
    return (f'<?xml version="1.0" encoding="{encoding.upper()}" standalone="yes"?>' + dtd + body).encode(encoding)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_dtd_in_utf16_or_utf32_metadata_is_refused(tmp_path, encoding):
    """Before: the ASCII-only <!DOCTYPE check missed it and the part was rewritten."""
    declared = "utf-16" if encoding == "utf-16-be" else encoding
    blob = _utf16_custom_xml(True, declared)
    if encoding == "utf-16-be":
        blob = blob.decode("utf-16").encode("utf-16-be")  # no BOM: found from "\0<"
    path = rebuild(data("msip-custom.docx"), tmp_path / "dtd.docx", replace={"docProps/custom.xml": blob})
    assert_refused(OOXML, path, errors.UNSAFE_XML, "declares a DTD")


def test_dtd_in_utf32_meta_xml_is_refused(tmp_path):
    with zipfile.ZipFile(data("lo-writer.odt")) as z:
        text = z.read("meta.xml").decode("utf-8")
    text = '<?xml version="1.0" encoding="UTF-32"?><!DOCTYPE x [<!ENTITY e "e">]>' + text[text.index("?>") + 2:]
    path = rebuild(data("lo-writer.odt"), tmp_path / "dtd.odt", replace={"meta.xml": text.encode("utf-32")})
    assert_refused(ODF, path, errors.UNSAFE_XML, "declares a DTD")


def test_utf16_custom_xml_keeps_its_encoding(tmp_path):
    """Re-serialised faithfully: still UTF-16 with its BOM, and read back with the new label."""
    path = rebuild(data("msip-custom.docx"), tmp_path / "utf16.docx",
                   replace={"docProps/custom.xml": _utf16_custom_xml(False)})
    foreign_before = {l.id for l in OOXML.read(path).labels}
    assert OOXML.write(path, make_stamp()) is True
    with zipfile.ZipFile(path) as z:
        blob = z.read("docProps/custom.xml")
    assert blob.startswith(b"\xff\xfe<\x00?\x00x\x00m\x00l\x00")
    assert 'encoding="UTF-16"' in blob.decode("utf-16")
    result = OOXML.read(path)
    assert result.ours.id == "confidential"
    assert foreign_before <= {l.id for l in result.labels}


def test_metadata_in_an_encoding_we_cannot_write_back_is_refused(tmp_path):
    """VISCII: libxml2 reads it, Python cannot write it; rewriting it as UTF-8 would change it."""
    with zipfile.ZipFile(data("lo-writer.odt")) as z:
        text = z.read("meta.xml").decode("utf-8")
    assert text.isascii()
    text = '<?xml version="1.0" encoding="VISCII"?>' + text[text.index("?>") + 2:]
    path = rebuild(data("lo-writer.odt"), tmp_path / "viscii.odt", replace={"meta.xml": text.encode("ascii")})
    assert ODF.read(path).ours is None  # reading is fine
    assert_refused(ODF, path, errors.UNSUPPORTED, "meta.xml", "VISCII text encoding")


def test_metadata_growing_over_the_limit_is_refused_before_writing(tmp_path, monkeypatch):
    """Before: the file was written, then failed its re-read ("failed its check"), a wrong reason."""
    with zipfile.ZipFile(data("msip-custom.docx")) as z:
        root = etree.fromstring(z.read("docProps/custom.xml"))
    ns = root.nsmap[None]
    prop = etree.SubElement(root, f"{{{ns}}}property", fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}",
                            pid="99", name="Filler")
    filler = etree.SubElement(prop, f"{{{root.nsmap['vt']}}}lpwstr")
    filler.text = ""
    base = len(safexml.serialize(root))
    filler.text = "x" * (MAX_METADATA_BYTES - base - 64)  # just under the limit
    blob = safexml.serialize(root)
    assert MAX_METADATA_BYTES - 100 < len(blob) <= MAX_METADATA_BYTES
    path = rebuild(data("msip-custom.docx"), tmp_path / "big.docx", replace={"docProps/custom.xml": blob})
    assert OOXML.read(path).ours is None

    def never(*args, **kwargs):
        raise AssertionError("the new file was started although the plan could not work")
    monkeypatch.setattr(ZipPackage, "rewrite", never)
    assert_refused(OOXML, path, errors.TOO_LARGE, "docProps/custom.xml would grow to")


# -- 6. a rewritten member keeps its header fields ---------------------------
def test_rewritten_member_keeps_its_local_and_central_header_fields(tmp_path):
    source = data("msip-custom.docx")
    path = tmp_path / "fields.docx"
    ut_extra = struct.pack("<HHBI", 0x5455, 5, 1, 946684800)  # Info-ZIP extended timestamp
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(path, "w") as zout:
        for info in zin.infolist():
            content = zin.read(info.filename)
            if info.filename == "docProps/custom.xml":
                info = zipfile.ZipInfo("docProps/custom.xml", date_time=(2001, 2, 3, 4, 5, 6))
                info.compress_type = zipfile.ZIP_DEFLATED
                info.extra = ut_extra
                info.create_system = 3
                info.external_attr = 0o100640 << 16
                info.comment = b"kept"
            zout.writestr(info, content)

    def fields(p: Path):
        with zipfile.ZipFile(p) as z:
            info = z.getinfo("docProps/custom.xml")
        blob = p.read_bytes()
        (_, version, flags, method, t, d, _, _, _, n, m) = struct.unpack_from("<4sHHHHHIIIHH", blob, info.header_offset)
        extra_at = info.header_offset + 30 + n
        local = (version, flags & ~0x8, method, t, d, blob[extra_at:extra_at + m])
        central = (info.create_system, info.create_version, info.extract_version, info.external_attr,
                   info.internal_attr, info.extra, info.comment, info.date_time, info.flag_bits & ~0x8)
        return local, central

    before = fields(path)
    assert OOXML.write(path, make_stamp()) is True
    assert fields(path) == before
    assert OOXML.read(path).ours.id == "confidential"
    with zipfile.ZipFile(path) as z:
        assert z.testzip() is None


# -- 7. digital signatures -----------------------------------------------------
def _signature_xml(uris: list, transforms: str = "") -> bytes:
    """An XML-DSig document listing `uris` as References.

    Enough to test detection: the check reads only the Reference URIs (no
    cryptography is needed to know which parts a signature covers); a real
    signature would also carry digests, a SignatureValue and a certificate.
    """
    refs = "".join(f'<Reference URI="{u}">{transforms if ".rels" in u else ""}'
                   f'<DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>'
                   f"<DigestValue>AAAA</DigestValue></Reference>" for u in uris)
    return (f'<?xml version="1.0" encoding="UTF-8"?><Signature xmlns="{DSIG}" Id="idPackageSignature">'
            f'<SignedInfo><Reference URI="#idPackageObject"/></SignedInfo><SignatureValue>AAAA</SignatureValue>'
            f'<Object Id="idPackageObject"><Manifest>{refs}</Manifest></Object></Signature>').encode()


def _signed_ooxml(tmp_path, source: Path, uris: list[str], name: str, transforms: str = "") -> Path:
    """`source` with an OPC signature (origin part, its relationships, a signature part) over `uris`."""
    with zipfile.ZipFile(source) as z:
        rels = etree.fromstring(z.read("_rels/.rels"))
        types = etree.fromstring(z.read("[Content_Types].xml"))
    etree.SubElement(rels, f"{{{REL_NS}}}Relationship", Id="rIdSig", Type=ORIGIN_REL,
                     Target="_xmlsignatures/origin.sigs")
    etree.SubElement(types, f"{{{CT_NS}}}Default", Extension="sigs",
                     ContentType="application/vnd.openxmlformats-package.digital-signature-origin")
    etree.SubElement(types, f"{{{CT_NS}}}Override", PartName="/_xmlsignatures/sig1.xml",
                     ContentType="application/vnd.openxmlformats-package.digital-signature-xmlsignature+xml")
    origin_rels = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{REL_NS}">'
                   f'<Relationship Id="rId1" Type="{SIGNATURE_REL}" Target="sig1.xml"/></Relationships>').encode()
    return rebuild(source, tmp_path / name,
                   replace={"_rels/.rels": etree.tostring(rels), "[Content_Types].xml": etree.tostring(types)},
                   add=[("_xmlsignatures/origin.sigs", b""),
                        ("_xmlsignatures/_rels/origin.sigs.rels", origin_rels),
                        ("_xmlsignatures/sig1.xml", _signature_xml(uris, transforms))])


CT = "?ContentType=application/vnd.openxmlformats-officedocument"


@pytest.mark.parametrize("signed", ["/docProps/custom.xml", "/_rels/.rels", "/[Content_Types].xml"])
def test_signature_over_a_part_we_change_is_refused(tmp_path, signed):
    """Before: the file was labelled and its signature silently broken."""
    uris = ["/word/document.xml" + CT + ".wordprocessingml.document.main+xml", signed + CT + ".custom-properties+xml"]
    path = _signed_ooxml(tmp_path, data("msip-custom.docx"), uris, "signed.docx")
    assert_refused(OOXML, path, errors.UNSUPPORTED, "digitally signed", "would invalidate the signature")


def test_signature_over_parts_we_do_not_change_is_kept(tmp_path):
    uris = ["/word/document.xml" + CT + ".wordprocessingml.document.main+xml",
            "/word/styles.xml" + CT + ".wordprocessingml.styles+xml"]
    path = _signed_ooxml(tmp_path, data("msip-custom.docx"), uris, "signed.docx")
    before = raw_members(path)
    assert OOXML.write(path, make_stamp(microsoft=False)) is True
    after = raw_members(path)
    for name in ("_xmlsignatures/sig1.xml", "_xmlsignatures/origin.sigs", "word/document.xml", "word/styles.xml"):
        assert after[name] == before[name]
    assert OOXML.read(path).ours.id == "confidential"


def _relationship_transform(selectors: str) -> str:
    """How Office signs _rels/.rels: only the relationships the transform selects are signed."""
    return (f'<Transforms><Transform Algorithm="http://schemas.openxmlformats.org/package/2006/RelationshipTransform">'
            f'{selectors}</Transform>'
            f'<Transform Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/></Transforms>')


def test_signed_relationships_transform_allows_adding_our_relationship(tmp_path):
    """Office signs _rels/.rels by relationship Id: a new custom-properties relationship keeps it valid."""
    uris = ["/word/document.xml" + CT + ".wordprocessingml.document.main+xml",
            "/_rels/.rels?ContentType=application/vnd.openxmlformats-package.relationships+xml"]
    selectors = ('<mdssi:RelationshipReference'
                 ' xmlns:mdssi="http://schemas.openxmlformats.org/package/2006/digital-signature" SourceId="rId1"/>')
    path = _signed_ooxml(tmp_path, data("pydocx.docx"), uris, "signed.docx", _relationship_transform(selectors))
    assert OOXML.write(path, make_stamp()) is True
    assert OOXML.read(path).ours.id == "confidential"

    by_type = ('<mdssi:RelationshipsGroupReference xmlns:mdssi="http://schemas.openxmlformats.org/package/2006/'
               f'digital-signature" SourceType="{CUSTOM_REL}"/>')
    path = _signed_ooxml(tmp_path, data("pydocx.docx"), uris, "signed-type.docx", _relationship_transform(by_type))
    assert_refused(OOXML, path, errors.UNSUPPORTED, "digitally signed", "_rels/.rels")


ODF_STREAMS = ["content.xml", "styles.xml", "meta.xml", "settings.xml", "manifest.rdf", "META-INF/manifest.xml"]


def test_odf_document_signature_is_refused_macro_signature_is_kept(tmp_path):
    """LibreOffice's document signature covers every stream, meta.xml included."""
    path = rebuild(data("lo-writer.odt"), tmp_path / "signed.odt",
                   add=[("META-INF/documentsignatures.xml", _signature_xml(ODF_STREAMS))])
    assert_refused(ODF, path, errors.UNSUPPORTED, "digitally signed", "meta.xml")

    macros = rebuild(data("lo-writer.odt"), tmp_path / "macros.odt",
                     add=[("Basic/Standard/Module1.xml", b"<module/>"),
                          ("META-INF/macrosignatures.xml", _signature_xml(["Basic/Standard/Module1.xml"]))])
    before = raw_members(macros)
    assert ODF.write(macros, make_stamp()) is True
    assert raw_members(macros)["META-INF/macrosignatures.xml"] == before["META-INF/macrosignatures.xml"]
    assert ODF.read(macros).ours.id == "confidential"


def test_odf_document_signature_refuses_adding_meta_xml(tmp_path):
    """Without meta.xml, labelling adds it: a whole-document signature would no longer cover every stream."""
    streams = [s for s in ODF_STREAMS if s not in ("meta.xml", "META-INF/manifest.xml")]
    path = rebuild(REALWORLD / "testODTNoMeta.odt", tmp_path / "signed-nometa.odt",
                   add=[("META-INF/documentsignatures.xml", _signature_xml(streams))])
    assert_refused(ODF, path, errors.UNSUPPORTED, "digitally signed")


# -- 8. encrypted ODF ----------------------------------------------------------
def test_password_protected_odf_is_reported_as_encrypted(tmp_path):
    """Before: "meta.xml … is not well-formed XML", a wrong reason."""
    path = copy_of(tmp_path, REALWORLD / "testODTEncrypted.odt")
    error = assert_refused(ODF, path, errors.ENCRYPTED, "password-protected OpenDocument file")
    assert "well-formed" not in error.message
    with pytest.raises(FormatError) as info:
        ODF.read(path)
    assert info.value.kind == errors.ENCRYPTED
