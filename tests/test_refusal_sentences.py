"""Every refusal is one sentence that names the file, and the file stays byte-identical.

Real refused files: the public test files in ../shared/corpus/realworld/ and
the broken samples in tests/data/.  Some real-world files are being made
labelable (PDF xref and BOM quirks, duplicate member names, a stale
Override, encrypted ODF): for those the test accepts "labelled correctly"
as well as "refused with one sentence, byte-identical".
"""
from __future__ import annotations

import re
import shutil

import pytest

from conftest import DATA, corpus_copy
from formats import registry
from labeler.core.outcome import FAILED, LABELLED
from labeler.core.service import LabelService
from policy import load_builtin

# Real-world files that are refused today and must stay refused.
REFUSED = ["54764-2.xlsx", "protected_normal_case.docx", "protected_upper_case.docx", "testAppleSingleFile.pdf"]
# Real-world files whose status is changing while others work on them.
EITHER = ["testPDF.pdf", "testAnnotations.pdf", "testMicrosoftIRMServices.pdf", "testPDF_bom.pdf",
          "testPDF_no_extract_no_accessibility_owner_empty.pdf", "duplicate-filename.xlsx", "picture.xlsx",
          "testODTEncrypted.odt", "49609.xlsx"]
# tests/data samples: (file, name to copy it as).  legacy.doc under its own name is labelled beside
# the file (extended attributes), so only its misnamed twin is a refusal.
BROKEN_SAMPLES = [("encrypted.docx", None), ("legacy.doc", "legacy-as.docx"),
                  ("garbage.xlsx", None), ("truncated.docx", None), ("truncated.pdf", None),
                  ("entity-bomb.docx", None), ("zip-bomb-meta.docx", None), ("empty.docx", None)]

_SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-Z]")


def sentences(message: str) -> list[str]:
    """A small sentence splitter: a break is '.', '!' or '?' followed by space and a capital."""
    parts, start = [], 0
    for match in _SENTENCE_BREAK.finditer(message):
        parts.append(message[start:match.start() + 1].strip())
        start = match.end() - 1
    parts.append(message[start:].strip())
    return [p for p in parts if p]


def assert_one_sentence(message: str | None, name: str) -> None:
    assert message, "a refusal without a sentence"
    found = sentences(message)
    assert len(found) == 1, f"{len(found)} sentences: {message!r}"
    assert message.endswith("."), f"does not end with a full stop: {message!r}"
    assert name in message, f"does not name {name}: {message!r}"


@pytest.fixture(scope="module")
def scheme():
    return load_builtin()


@pytest.fixture
def service(scheme):
    return LabelService(scheme, user="tester")


def test_the_splitter_counts_sentences():
    assert sentences("a.docx is damaged; it was left as it was.") == ["a.docx is damaged; it was left as it was."]
    assert len(sentences("a.docx is damaged. Label it again.")) == 2
    assert len(sentences("a.docx is damaged (bad CRC.) and was left as it was.")) == 1


@pytest.mark.parametrize("command", ["apply", "show"])
@pytest.mark.parametrize("name", REFUSED)
def test_refused_real_world_file_gets_one_sentence_and_stays_identical(tmp_path, service, scheme, name, command):
    path = corpus_copy(tmp_path, name)
    original = path.read_bytes()
    if command == "apply":
        outcome = service.apply(path, scheme.find("confidential"))
        assert outcome.status == FAILED, outcome.message
        assert_one_sentence(outcome.message, name)
    else:
        outcome = service.show(path)
        if outcome.status == FAILED:  # some refuse only the write (e.g. the data before a PDF header)
            assert_one_sentence(outcome.message, name)
    assert path.read_bytes() == original


@pytest.mark.parametrize("name", EITHER)
def test_changing_real_world_file_is_labelled_or_refused_in_one_sentence(tmp_path, service, scheme, name):
    path = corpus_copy(tmp_path, name)
    original = path.read_bytes()
    outcome = service.apply(path, scheme.find("confidential"))
    if outcome.status == LABELLED:
        assert outcome.kind is None, outcome.message
        assert registry.handler_for(path).read(path).ours.id == "confidential"
    else:
        assert outcome.status == FAILED
        assert_one_sentence(outcome.message, name)
        assert path.read_bytes() == original


@pytest.mark.parametrize("command", ["apply", "show"])
@pytest.mark.parametrize("name,as_name", BROKEN_SAMPLES)
def test_broken_sample_gets_one_sentence_and_stays_identical(tmp_path, service, scheme, name, as_name, command):
    source = DATA / name
    if not source.exists():
        pytest.skip(f"{name} is not in tests/data")
    path = tmp_path / (as_name or name)
    shutil.copyfile(source, path)
    original = path.read_bytes()
    outcome = service.apply(path, scheme.find("confidential")) if command == "apply" else service.show(path)
    if command == "apply" or outcome.status == FAILED:
        assert outcome.status == FAILED, outcome.message
        assert_one_sentence(outcome.message, path.name)
    assert path.read_bytes() == original


def test_justification_refusal_is_one_sentence(tmp_path, service, scheme):
    path = tmp_path / "report.docx"
    shutil.copyfile(DATA / "pydocx.docx", path)
    assert service.apply(path, scheme.find("confidential")).status == LABELLED
    labelled = path.read_bytes()
    outcome = service.apply(path, scheme.find("public"))
    assert outcome.kind == "justification-required"
    assert_one_sentence(outcome.message, path.name)
    assert path.read_bytes() == labelled


def test_registry_sentences_for_misnamed_and_empty_files(tmp_path, service, scheme):
    cases = {"empty.docx": b"", "text.xlsx": b"just some text\n", "zip.pdf": None}
    for name, content in cases.items():
        path = tmp_path / name
        if content is None:  # a plain ZIP archive (no Office or ODF package) named .pdf
            import zipfile

            with zipfile.ZipFile(path, "w") as z:
                z.writestr("notes.txt", "not a document")
        else:
            path.write_bytes(content)
        original = path.read_bytes()
        outcome = service.apply(path, scheme.find("confidential"))
        assert outcome.status == FAILED, (name, outcome.message)
        assert_one_sentence(outcome.message, name)
        assert path.read_bytes() == original
