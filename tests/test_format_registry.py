"""The format registry: every handler declares what it reads, the registry picks by content and extension.

The last part registers a made-up format (a ".lbl" text file) from this file
alone and uses it through the registry, the labelling service and content
hints: adding a file format touches its own module, its tests and the format
docs, nothing else.
"""
from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path
from typing import BinaryIO

import pytest

from conftest import DATA
from formats import labelprops, registry
from formats.base import FALLBACK, NOT_MINE, SURE, FormatHandler, WritePlan
from formats.errors import CORRUPT, UNSUPPORTED, FormatError
from formats.model import LabelStamp, ReadResult
from formats.text import TextLimit

_EXTENSION = re.compile(r"^\.[a-z0-9]+$")


def write_zip(path: Path, members: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        for name, text in members.items():
            z.writestr(name, text)
    return path


def copy(tmp_path: Path, name: str, as_name: str) -> Path:
    dest = tmp_path / as_name
    shutil.copyfile(DATA / name, dest)
    return dest


# -- what every handler declares -------------------------------------------------------------

@pytest.mark.parametrize("handler", registry.handlers(), ids=lambda h: type(h).__name__)
def test_every_handler_declares_its_files(handler):
    assert isinstance(handler, FormatHandler)
    assert handler.name
    assert isinstance(handler.extensions, frozenset)
    assert all(_EXTENSION.match(ext) for ext in handler.extensions), handler.extensions
    assert isinstance(handler.media_types, frozenset)
    assert all("/" in media for media in handler.media_types)
    assert type(handler).sniff is not FormatHandler.sniff  # each family sniffs for itself
    assert handler.sniff(b"", Path("nothing.bin")) in (NOT_MINE, FALLBACK)
    assert handler.text_extensions() <= handler.extensions or not handler.extensions


def test_document_handlers_declare_extensions_and_media_types():
    documents = registry.document_handlers()
    assert set(documents) == {registry.OOXML, registry.ODF, registry.PDF}
    for handler in documents:
        assert handler.extensions and handler.media_types
    claimed = [ext for handler in documents for ext in handler.extensions]
    assert len(claimed) == len(set(claimed)), "an extension is claimed by two handlers"


def test_document_extensions_are_the_union_of_the_handlers():
    extensions = registry.document_extensions()
    assert extensions == registry.OOXML.extensions | registry.ODF.extensions | registry.PDF.extensions
    assert {".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".pdf"} <= extensions
    assert ".txt" not in extensions and ".zip" not in extensions
    assert registry.is_document(Path("a.DOCX")) and not registry.is_document(Path("a.txt"))


def test_text_extensions_are_the_documents_and_plain_text():
    assert registry.document_extensions() <= registry.text_extensions()
    assert {".txt", ".csv", ".md"} <= registry.text_extensions()
    assert registry.reads_text(Path("notes.md")) and not registry.reads_text(Path("photo.png"))


# -- picking by content and by extension -----------------------------------------------------

def test_sniff_scores_are_content_based(tmp_path):
    docx = copy(tmp_path, "pydocx.docx", "a.docx")
    pdf = copy(tmp_path, "pypdf.pdf", "a.pdf")
    head_docx, head_pdf = docx.read_bytes()[:1024], pdf.read_bytes()[:1024]
    assert registry.OOXML.sniff(head_docx, docx) == SURE
    assert registry.PDF.sniff(head_docx, docx) == NOT_MINE
    assert registry.PDF.sniff(head_pdf, pdf) == SURE
    assert registry.OOXML.sniff(head_pdf, pdf) == NOT_MINE
    assert registry.FILE_ATTRIBUTES.sniff(head_pdf, pdf) == FALLBACK
    assert registry.ENCRYPTED_OOXML.sniff(head_docx, docx) == NOT_MINE


@pytest.mark.parametrize("source,as_name,expected", [
    ("pydocx.docx", "a.docx", "OOXML"),
    ("lo-writer.odt", "a.odt", "ODF"),
    ("pypdf.pdf", "a.pdf", "PDF"),
    ("pdf-as.docx", "really-a-pdf.docx", "PDF"),  # content wins over the extension
    ("pydocx.docx", "misnamed.bin", "OOXML"),  # a ZIP with [Content_Types].xml
    ("lo-writer.odt", "misnamed.dat", "ODF"),  # a ZIP with a mimetype member
    ("pydocx.docx", "office-named.pdf", "OOXML"),
    ("encrypted.docx", "encrypted.docx", "ENCRYPTED_OOXML"),  # an OLE EncryptedPackage
    ("encrypted.docx", "encrypted.bin", "ENCRYPTED_OOXML"),
    ("legacy.doc", "legacy.doc", "FILE_ATTRIBUTES"),  # an older Office file under its own name
    ("plain.txt", "plain.txt", "FILE_ATTRIBUTES"),
    ("photo.png", "photo.png", "FILE_ATTRIBUTES"),
])
def test_registry_picks_by_content_and_extension(tmp_path, source, as_name, expected):
    path = copy(tmp_path, source, as_name)
    assert registry.handler_for(path) is getattr(registry, expected)


def test_plain_zip_is_labelled_beside_it_and_refused_when_named_as_a_document(tmp_path):
    archive = write_zip(tmp_path / "notes.zip", {"notes.txt": "not a document"})
    assert registry.handler_for(archive) is registry.FILE_ATTRIBUTES
    misnamed = write_zip(tmp_path / "notes.pdf", {"notes.txt": "not a document"})
    with pytest.raises(FormatError) as err:
        registry.handler_for(misnamed)
    assert err.value.kind == CORRUPT and "is a ZIP archive, not a PDF document" in err.value.message


def test_zipped_pdf_renamed_pdf_is_not_a_pdf(tmp_path):
    path = tmp_path / "zipped.pdf"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        z.writestr("inner.pdf", (DATA / "pypdf.pdf").read_bytes())
    assert b"%PDF-" in path.read_bytes()[:1024]
    with pytest.raises(FormatError) as err:
        registry.handler_for(path)
    assert err.value.kind == CORRUPT and "ZIP archive" in err.value.message


def test_pdf_with_bytes_before_its_header(tmp_path):
    path = tmp_path / "prefixed.pdf"
    path.write_bytes(b"junk before the header\n" + (DATA / "pypdf.pdf").read_bytes())
    assert registry.handler_for(path) is registry.PDF
    renamed = tmp_path / "prefixed.bin"  # only a file named .pdf may have bytes before its header
    renamed.write_bytes(path.read_bytes())
    assert registry.handler_for(renamed) is registry.FILE_ATTRIBUTES


def test_renamed_old_office_file_is_unsupported(tmp_path):
    path = copy(tmp_path, "legacy.doc", "legacy-as.docx")
    with pytest.raises(FormatError) as err:
        registry.handler_for(path)
    assert err.value.kind == UNSUPPORTED and "older-format Office file" in err.value.message


@pytest.mark.parametrize("content,what", [(b"", "empty"), (b"just some text\n", "something else")])
def test_document_with_foreign_content_is_refused(tmp_path, content, what):
    path = tmp_path / "report.xlsx"
    path.write_bytes(content)
    with pytest.raises(FormatError) as err:
        registry.handler_for(path)
    assert err.value.kind == CORRUPT
    assert f"is not a valid Office document (its content is {what})" in err.value.message


# -- a new format, added from this file alone -------------------------------------------------

class LabelTextHandler(FormatHandler):
    """A made-up format: "LBL1", properties as `name=value` lines, "---", then the text."""

    name = "label text file"
    extensions = frozenset({".lbl"})
    media_types = frozenset({"text/x-label-text"})
    MAGIC = b"LBL1\n"

    def sniff(self, head: bytes, path: Path) -> int:
        return SURE if head.startswith(self.MAGIC) else NOT_MINE

    @staticmethod
    def _parse(path: Path) -> tuple[dict[str, str], str]:
        data = path.read_bytes()
        if not data.startswith(LabelTextHandler.MAGIC) or b"\n---\n" not in data:
            raise FormatError(CORRUPT, f"{path.name} is not a valid label text file; it was left as it was.")
        header, _, body = data[len(LabelTextHandler.MAGIC):].decode("utf-8").partition("---\n")
        props = dict(line.split("=", 1) for line in header.splitlines() if line)
        return props, body

    def _read(self, path: Path) -> ReadResult:
        props, _ = self._parse(path)
        return ReadResult(tuple(labelprops.decode(props, "header")), self.name)

    def _plan(self, path: Path, stamp: LabelStamp | None) -> WritePlan | None:
        props, body = self._parse(path)
        new = labelprops.apply(props, stamp)
        if new == props:
            return None

        def write(out: BinaryIO) -> None:
            header = "".join(f"{k}={v}\n" for k, v in new.items())
            out.write(self.MAGIC + f"{header}---\n{body}".encode())
        return write

    def _extract_text(self, path: Path, limit: TextLimit) -> None:
        _, body = self._parse(path)
        for line in body.splitlines(keepends=True):
            limit.check_time()
            limit.add(line)


IBAN = "BE71 0961 2345 6769"


@pytest.fixture
def label_text():
    handler = registry.register(LabelTextHandler())
    try:
        yield handler
    finally:
        registry.unregister(handler)
    assert handler not in registry.handlers()


def make_lbl(path: Path, body: str) -> Path:
    path.write_bytes(LabelTextHandler.MAGIC + b"Author=someone\n---\n" + body.encode("utf-8"))
    return path


def test_a_registered_format_is_a_document_with_a_default_must_label(label_text):
    assert label_text in registry.handlers() and label_text in registry.document_handlers()
    assert ".lbl" in registry.document_extensions() and ".lbl" in registry.text_extensions()
    assert registry.expected_handler(Path("notes.lbl")) is label_text
    from labeler.core.file_kinds import is_document

    assert is_document("notes.LBL")


def test_a_registered_format_is_picked_by_content_and_extension(label_text, tmp_path):
    assert registry.handler_for(make_lbl(tmp_path / "a.lbl", "hello")) is label_text
    assert registry.handler_for(make_lbl(tmp_path / "a.txt", "hello")) is label_text  # by content
    empty = tmp_path / "empty.lbl"
    empty.write_bytes(b"")
    with pytest.raises(FormatError) as err:
        registry.handler_for(empty)
    assert err.value.kind == CORRUPT and "not a valid label text file" in err.value.message
    zipped = write_zip(tmp_path / "zipped.lbl", {"a.txt": "x"})
    with pytest.raises(FormatError) as err:
        registry.handler_for(zipped)
    assert "is a ZIP archive, not a label text file" in err.value.message


def test_a_registered_format_is_labelled_through_the_service(label_text, tmp_path):
    from labeler.core.outcome import LABELLED, REMOVED, SHOWN
    from labeler.core.service import LabelService
    from policy import load_builtin

    scheme = load_builtin()
    service = LabelService(scheme, user="tester")
    path = make_lbl(tmp_path / "notes.lbl", f"Pay to {IBAN}.\n")
    outcome = service.apply(path, scheme.find("confidential"))
    assert outcome.status == LABELLED, outcome.message
    data = path.read_bytes()
    assert data.startswith(b"LBL1\nAuthor=someone\n") and data.endswith(f"---\nPay to {IBAN}.\n".encode())
    shown = service.show(path)
    assert shown.status == SHOWN and shown.recognised == "confidential" and shown.handler == "label text file"
    assert registry.handler_for(path).read(path).ours.id == "confidential"
    removed = service.remove(path, justification="test")
    assert removed.status == REMOVED, removed.message
    assert registry.handler_for(path).read(path).ours is None
    assert service.show(path).recognised is None


def test_a_registered_format_gives_its_text_to_content_hints(label_text, tmp_path):
    from labeler.hints import analyse, extract_text, is_supported

    path = make_lbl(tmp_path / "notes.lbl", f"Betaal op {IBAN}.\nAnother line.\n")
    assert is_supported(path)
    extracted = extract_text(path)
    assert extracted.error is None and not extracted.truncated
    assert extracted.text == f"Betaal op {IBAN}.\nAnother line.\n"
    assert analyse(path).findings == {"iban": 1}
    cut = extract_text(path, max_chars=10)
    assert cut.truncated and cut.reason == "char-budget" and cut.text == "Betaal op "
    broken = tmp_path / "broken.lbl"
    broken.write_bytes(b"LBL1\nno separator")
    assert extract_text(broken).error == CORRUPT


def test_without_registration_the_format_is_unknown(tmp_path):
    path = make_lbl(tmp_path / "notes.lbl", "hello")
    assert ".lbl" not in registry.document_extensions()
    assert registry.handler_for(path) is registry.FILE_ATTRIBUTES
    from labeler.hints import extract_text

    assert extract_text(path).error == UNSUPPORTED
