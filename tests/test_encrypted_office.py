"""Office files encrypted with Excel's default password are labelled inside and stay encrypted the same way.

Excel encrypts a workbook with the built-in password `VelvetSweatshop` when
only its structure is protected; Office and LibreOffice open it without
asking.  Files with a real password stay refused as password-protected.
Real files from Apache POI and Apache Tika (../shared/corpus/realworld/).
"""
from __future__ import annotations

import functools
import io
import re
import shutil
import struct
import subprocess
import zipfile
from pathlib import Path

import pytest

from conftest import DATA, REALWORLD, corpus_copy, raw_members
from fuzzing.contract import MARKING_PARTS
from formats import office_crypto, registry
from formats.errors import FormatError
from labeler.core.outcome import LABELLED, UNCHANGED
from labeler.core.service import LabelService
from policy import load_builtin

msoffcrypto = pytest.importorskip("msoffcrypto")
olefile = pytest.importorskip("olefile")

DEFAULT_PASSWORD_FILES = {"protect.xlsx": "standard", "58616.xlsx": "standard", "protected_agile.docx": "agile"}
REAL_PASSWORD_FILES = ["protected_normal_case.docx", "protected_upper_case.docx"]
METADATA = {"docProps/custom.xml", "docMetadata/LabelInfo.xml", "[Content_Types].xml", "_rels/.rels"}
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def one_sentence(message: str) -> bool:
    return message.endswith(".") and not re.search(r"[.!?]\s+[A-Z]", message[:-1])


@pytest.fixture
def corpus_file(tmp_path):
    return functools.partial(corpus_copy, tmp_path)


@pytest.fixture
def service():
    return LabelService(load_builtin(), user="tester")


@pytest.fixture
def confidential():
    return load_builtin().find("confidential")


def decrypt(path: Path) -> bytes:
    with open(path, "rb") as f:
        office = msoffcrypto.OfficeFile(f)
        office.load_key(password="VelvetSweatshop")
        out = io.BytesIO()
        office.decrypt(out)
    return out.getvalue()


def raw_of(data: bytes, tmp_path: Path, name: str) -> dict[str, bytes]:
    path = tmp_path / name
    path.write_bytes(data)
    return raw_members(path)


def streams(path: Path) -> dict[str, tuple]:
    """Every directory entry of a compound file: path → (type, clsid, times, content)."""
    ole = olefile.OleFileIO(str(path))
    try:
        result = {}
        for entry_path in ole.listdir(streams=True, storages=True):
            sid = ole._find(entry_path)
            entry = ole.direntries[sid]
            content = ole.openstream(entry_path).read() if entry.entry_type == olefile.STGTY_STREAM else None
            result["/".join(entry_path)] = (entry.entry_type, entry.clsid, entry.createTime, entry.modifyTime,
                                            content)
        return result
    finally:
        ole.close()


def encryption_info(path: Path) -> bytes:
    ole = olefile.OleFileIO(str(path))
    try:
        return ole.openstream("EncryptionInfo").read()
    finally:
        ole.close()


def make_agile_sha512(tmp_path: Path, extra: bytes = b"") -> Path:
    """A document encrypted by msoffcrypto-tool (agile, AES-256, SHA-512) with the default password."""
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = (DATA / "pydocx.docx").read_bytes()
    if extra:
        source, buf = zipfile.ZipFile(io.BytesIO(plain)), io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            for info in source.infolist():
                z.writestr(info, source.read(info.filename))
            z.writestr(zipfile.ZipInfo("word/media/noise.bin"), extra)  # stored, incompressible
        plain = buf.getvalue()
    out = io.BytesIO()
    OOXMLFile(io.BytesIO(plain)).encrypt("VelvetSweatshop", out)
    path = tmp_path / "generated.docx"
    path.write_bytes(out.getvalue())
    return path


# -- labelled inside, re-encrypted the same way ------------------------------------------------

@pytest.mark.parametrize("name", list(DEFAULT_PASSWORD_FILES))
def test_default_password_file_is_labelled_and_stays_encrypted_the_same_way(corpus_file, service, confidential,
                                                                           tmp_path, name):
    path = corpus_file(name)
    before_streams = streams(path)
    before_info = encryption_info(path)
    before_plain = decrypt(path)

    outcome = service.apply(path, confidential)
    assert outcome.status == LABELLED, outcome.message
    assert outcome.kind is None

    # Still an encrypted compound file, opened by the default password.
    assert path.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    after_streams = streams(path)
    assert set(after_streams) == set(before_streams)
    for key, (kind, clsid, created, modified, content) in before_streams.items():
        new = after_streams[key]
        assert new[:4] == (kind, clsid, created, modified), key
        if key not in ("EncryptedPackage", "EncryptionInfo"):
            assert new[4] == content, key
    after_info = encryption_info(path)
    if DEFAULT_PASSWORD_FILES[name] == "standard":
        assert after_info == before_info  # same algorithm, salt and verifier
    else:
        # Same parameters and key encryptors: only the integrity value over the new stream differs.
        pattern = rb'encryptedHmacValue="[^"]*"'
        assert re.sub(pattern, b"", after_info) == re.sub(pattern, b"", before_info)
        assert after_info != before_info

    # Inside: every original member intact, and our label read back.
    after_plain = decrypt(path)
    old_raw = raw_of(before_plain, tmp_path, "before.zip")
    new_raw = raw_of(after_plain, tmp_path, "after.zip")
    for member, raw in old_raw.items():
        # Confidential draws a header and footer: the worksheets carry them.
        if member not in METADATA and not MARKING_PARTS.fullmatch(member.lower()):
            assert new_raw[member] == raw, member
    assert registry.handler_for(path).read(path).ours.id == "confidential"
    assert service.show(path).recognised == "confidential"


def test_agile_file_written_by_msoffcrypto_keeps_a_valid_integrity_check(tmp_path, service, confidential):
    path = make_agile_sha512(tmp_path)
    assert service.apply(path, confidential).status == LABELLED
    with open(path, "rb") as f:
        office = msoffcrypto.OfficeFile(f)
        office.load_key(password="VelvetSweatshop", verify_password=True)
        out = io.BytesIO()
        office.decrypt(out, verify_integrity=True)  # msoffcrypto checks the HMAC itself here
    assert zipfile.ZipFile(out).testzip() is None


def test_large_encrypted_file_needs_more_than_109_fat_sectors(tmp_path, service, confidential):
    import os

    path = make_agile_sha512(tmp_path, extra=os.urandom(8 * 1024 * 1024))
    before = decrypt(path)
    assert service.apply(path, confidential).status == LABELLED
    header = path.read_bytes()[:512]
    assert struct.unpack_from("<I", header, 0x48)[0] >= 1  # DIFAT sectors in use
    old_raw, new_raw = raw_of(before, tmp_path, "a.zip"), raw_of(decrypt(path), tmp_path, "b.zip")
    assert new_raw["word/media/noise.bin"] == old_raw["word/media/noise.bin"]


def test_labelling_again_changes_nothing_and_removing_works(corpus_file, service, confidential):
    path = corpus_file("protect.xlsx")
    assert service.apply(path, confidential).status == LABELLED
    labelled = path.read_bytes()
    again = service.apply(path, confidential)
    assert again.status == UNCHANGED and path.read_bytes() == labelled
    removed = service.remove(path, justification="test")
    assert removed.ok, removed.message
    assert registry.handler_for(path).read(path).ours is None
    assert encryption_info(path) == encryption_info(REALWORLD / "protect.xlsx")


def test_a_bad_re_encryption_is_caught_before_anything_is_replaced(corpus_file, service, confidential, monkeypatch):
    path = corpus_file("protected_agile.docx")
    original = path.read_bytes()
    real = office_crypto._Agile.encrypt

    def flipped(self, plain):
        stream, info = real(self, plain)
        return stream[:-1] + bytes([stream[-1] ^ 1]), info

    monkeypatch.setattr(office_crypto._Agile, "encrypt", flipped)
    outcome = service.apply(path, confidential)
    assert not outcome.ok and outcome.kind == "corrupt", outcome.message
    assert one_sentence(outcome.message) and path.name in outcome.message
    assert path.read_bytes() == original


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_labelled_files_without_asking(corpus_file, service, confidential, tmp_path):
    files = [corpus_file(name) for name in DEFAULT_PASSWORD_FILES]
    for path in files:
        assert service.apply(path, confidential).status == LABELLED
    out = tmp_path / "pdf"
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out), *map(str, files)], check=True, capture_output=True, timeout=240)
    for path in files:
        pdf = out / (path.stem + ".pdf")
        assert pdf.exists() and pdf.stat().st_size > 1000, f"LibreOffice could not open {path.name}"


# -- refused, with one sentence, byte-identical -------------------------------------------------

@pytest.mark.parametrize("name", REAL_PASSWORD_FILES)
@pytest.mark.parametrize("command", ["apply", "show"])
def test_real_password_is_refused_as_password_protected(corpus_file, service, confidential, name, command):
    path = corpus_file(name)
    original = path.read_bytes()
    outcome = service.apply(path, confidential) if command == "apply" else service.show(path)
    assert outcome.kind == "encrypted", outcome.message
    assert "password-protected" in outcome.message and "older-format" not in outcome.message
    assert one_sentence(outcome.message) and path.name in outcome.message
    assert path.read_bytes() == original


def test_upper_case_stream_names_are_found(corpus_file):
    # The control file and its upper-case twin are the same kind of file.
    for name in REAL_PASSWORD_FILES:
        path = corpus_file(name)
        assert office_crypto.has_encrypted_package(path)
        assert registry.handler_for(path) is registry.ENCRYPTED_OOXML


def test_sample_with_a_real_password_stays_refused(sample, service, confidential):
    path = sample("encrypted.docx")
    original = path.read_bytes()
    outcome = service.apply(path, confidential)
    assert outcome.kind == "encrypted" and one_sentence(outcome.message)
    assert path.read_bytes() == original


@pytest.mark.parametrize("command", ["apply", "show"])
def test_too_large_to_decrypt_in_memory_is_refused(corpus_file, service, confidential, monkeypatch, command):
    monkeypatch.setattr(office_crypto, "MAX_DECRYPTED_BYTES", 4096)
    path = corpus_file("58616.xlsx")
    original = path.read_bytes()
    outcome = service.apply(path, confidential) if command == "apply" else service.show(path)
    assert outcome.kind == "too-large", outcome.message
    assert one_sentence(outcome.message) and path.name in outcome.message
    assert path.read_bytes() == original


def test_damaged_encrypted_file_is_refused_with_one_sentence(corpus_file, service, confidential):
    path = corpus_file("protect.xlsx")
    data = bytearray(path.read_bytes())
    path.write_bytes(bytes(data[:len(data) // 2]))
    damaged = path.read_bytes()
    outcome = service.apply(path, confidential)
    assert not outcome.ok and outcome.kind in ("corrupt", "encrypted"), outcome.message
    assert one_sentence(outcome.message) and path.name in outcome.message
    assert path.read_bytes() == damaged


def test_reading_needs_no_write_access(corpus_file):
    path = corpus_file("58616.xlsx")
    path.chmod(0o444)
    try:
        result = registry.handler_for(path).read(path)
    except FormatError as exc:  # pragma: no cover - the assertion explains
        pytest.fail(exc.message)
    assert result.ours is None
