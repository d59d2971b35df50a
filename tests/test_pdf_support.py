"""Helpers shared by the tests/test_pdf_*.py files (and checks of the helpers themselves)."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from formats.errors import FormatError
from formats.model import LabelStamp, MicrosoftMapping, TscpMapping
from formats.pdf import PdfHandler

QPDF = shutil.which("qpdf")
CORPUS = Path("/work/shared/corpus/realworld")
DATA = Path(__file__).resolve().parent / "data"

GUID = "6f1c5c8e-7b2a-4c1e-9a55-0d9a3c1b2e11"
GUID2 = "0b6a3c2d-1e4f-4a5b-8c9d-112233445566"
SITE = "72f988bf-86f1-41af-91ab-2d7cd011db47"
HIGH = LabelStamp("secret", "Secret", "acme", 3, "2024-05-06T07:08:09Z", "ann-the-labeller",
                  microsoft=MicrosoftMapping(GUID, SITE, "Secret"),
                  tscp=TscpMapping("cat-secret", "Secret"))
LOW = LabelStamp("public", "Public", "acme", 3, "2024-05-07T07:08:09Z", "bob",
                 microsoft=MicrosoftMapping(GUID2, SITE, "Public"))
# Bytes of HIGH that must not survive its replacement by LOW ...
HIGH_BYTES = [b"MSIP_Label_" + GUID.encode(), b"ann-the-labeller", b"cat-secret", b"urn:bails:"]
# ... and of any label of ours that must not survive its removal.
OUR_BYTES = [b"Labeler_SetBy", b"Labeler_LabelId", b"MSIP_Label_" + GUID.encode(), b"MSIP_Label_" + GUID2.encode()]


def copy_in(tmp_path: Path, source: Path) -> Path:
    """A writable copy of a sample, or skip when the sample is not on this machine."""
    if not source.exists():
        pytest.skip(f"{source} is not available")
    dest = tmp_path / source.name
    shutil.copyfile(source, dest)
    dest.chmod(0o644)
    return dest


def qpdf_check(path: Path) -> str:
    """`qpdf --check` must find no error (warnings the original already had are allowed by callers)."""
    if not QPDF:
        pytest.skip("qpdf is not installed")
    result = subprocess.run([QPDF, "--check", str(path)], capture_output=True, text=True)
    output = result.stdout + result.stderr
    assert result.returncode in (0, 3), output  # 2 means errors
    cleaned = output.lower().replace("no syntax or stream encoding errors", "").replace("errors that qpdf cannot", "")
    assert "error" not in cleaned, output
    return output


def qpdf_clean(path: Path) -> None:
    """`qpdf --check` without errors and without warnings."""
    output = qpdf_check(path)
    assert "WARNING" not in output, output


def pypdf_info(path: Path, strict: bool = True) -> dict[str, str]:
    reader = PdfReader(path, strict=strict)
    if reader.is_encrypted:
        assert reader.decrypt("")
    return {k: str(v) for k, v in (reader.metadata or {}).items()}


def pypdf_xmp(path: Path) -> bytes:
    reader = PdfReader(path, strict=False)
    if reader.is_encrypted:
        assert reader.decrypt("")
    xmp = reader.xmp_metadata
    return xmp.stream.get_data() if xmp is not None else b""


def assert_refused(path: Path, kind: str, stamp=HIGH) -> FormatError:
    """A FormatError of `kind`, one sentence naming the file, and the file byte-identical."""
    before = path.read_bytes()
    with pytest.raises(FormatError) as caught:
        PdfHandler().write(path, stamp)
    error = caught.value
    assert error.kind == kind, error.message
    assert path.name in error.message and "left as it was" in error.message, error.message
    assert error.message.count(". ") == 0 and error.message.endswith("."), error.message
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir() if p.name != path.name] == []
    return error


def startxrefs(data: bytes) -> list[int]:
    return [int(n) for n in re.findall(rb"startxref\s+(\d+)", data)]


def test_helpers_find_the_corpus_or_skip():
    assert DATA.joinpath("lo-writer-pdfa2b.pdf").exists()
