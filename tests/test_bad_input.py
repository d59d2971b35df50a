"""Bad input: every broken, odd or busy file gets a specific outcome, never damage.

Each case goes through the real command line (`labeler apply` and `labeler
show`, with and without --json).  A failure must have its own outcome kind,
a sentence that names the file, exit code 1, no traceback on stderr, and the
file must be byte-for-byte unchanged (bytes, mtime and mode compared).
File systems without attributes are in test_bad_input_attributes.py, races with
other programs ("vanished"/"changed" while labelling) in test_bad_input_races.py.
"""
from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import bad_input_support as support
import pytest
from bad_input_support import (LABEL, ROOT, assert_cli_fails, assert_cli_succeeds, assert_no_traceback,
                               assert_sentence, assert_unchanged, cli_json, need_sample, no_temp_files, snapshot)

from conftest import raw_members, run_cli
from formats import registry
from formats.errors import FormatError

# The shared pytest fixtures, bound here so pytest finds them in this module.
make_docx, make_pdf = support.make_docx, support.make_pdf


# -- broken and unsupported files ------------------------------------------
# sample → (as_name or None, kind for apply, kind for show)
BROKEN = {
    "encrypted.docx": (None, "encrypted", "encrypted"),
    "truncated.docx": (None, "corrupt", "corrupt"),
    "truncated.pdf": (None, "corrupt", "corrupt"),
    "garbage.xlsx": (None, "corrupt", "corrupt"),
    "empty.docx": (None, "corrupt", "corrupt"),
    "legacy.doc": ("x.docx", "unsupported", "unsupported"),
    "entity-bomb.docx": (None, "unsafe-metadata", "unsafe-metadata"),
    "zip-bomb-meta.docx": (None, "too-large", "too-large"),
}


@pytest.mark.parametrize("command", ["apply", "show"])
@pytest.mark.parametrize("name", list(BROKEN))
def test_broken_file_gets_its_own_kind_and_stays_unchanged(sample, name, command):
    as_name, apply_kind, show_kind = BROKEN[name]
    path = need_sample(sample, name, as_name)
    before = snapshot(path)
    assert_cli_fails(command, path, apply_kind if command == "apply" else show_kind)
    assert_unchanged(path, before)
    no_temp_files(path.parent)


def _rezip(src: Path, dst: Path, replace: dict[str, bytes]) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info, replace.pop(info.filename, zin.read(info.filename)))
        for name, data in replace.items():
            zout.writestr(name, data)


@pytest.mark.parametrize("custom_xml, kind", [
    (b"<Properties><property>unclosed", "corrupt"),
    (b'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]><p>&x;</p>',
     "unsafe-metadata"),
], ids=["malformed-xml", "external-entity"])
def test_bad_metadata_xml_is_reported_with_the_file_name(make_docx, tmp_path, custom_xml, kind):
    good = make_docx("source.docx")
    path = tmp_path / "Quarterly figures.docx"
    _rezip(good, path, {"docProps/custom.xml": custom_xml})
    before = snapshot(path)
    assert_cli_fails("apply", path, kind)
    assert_unchanged(path, before)


def test_zip_bomb_is_refused_without_inflating(sample):
    """The declared size is enough to refuse; reading must not inflate gigabytes."""
    path = need_sample(sample, "zip-bomb-meta.docx")
    with zipfile.ZipFile(path) as z:
        assert max(i.file_size for i in z.infolist()) > 8 * 1024 * 1024
    with pytest.raises(FormatError) as info:
        registry.handler_for(path).read(path)
    assert info.value.kind == "too-large"


def test_pdf_renamed_docx_is_labelled_as_pdf(sample):
    path = need_sample(sample, "pdf-as.docx")
    original = path.read_bytes()
    assert original.startswith(b"%PDF-")
    entry = assert_cli_succeeds("apply", path, "labelled")
    assert entry["label"]["id"] == LABEL
    assert entry["format"] == registry.PDF.name
    data = path.read_bytes()
    assert data.startswith(original) and len(data) > len(original), "not an incremental update"
    from pypdf import PdfReader

    with open(path, "rb") as f:
        assert len(PdfReader(f, strict=True).pages) >= 1
    shown = assert_cli_succeeds("show", path, "shown")
    assert shown["label"]["id"] == LABEL
    no_temp_files(path.parent)


def test_docx_renamed_pdf_is_labelled_as_office_document(sample):
    path = need_sample(sample, "docx-as.pdf")
    before_raw = raw_members(path)
    entry = assert_cli_succeeds("apply", path, "labelled")
    assert entry["label"]["id"] == LABEL
    assert entry["format"] == registry.OOXML.name
    import docx

    docx.Document(str(path))
    with zipfile.ZipFile(path) as z:
        assert z.testzip() is None
    after_raw = raw_members(path)
    metadata = {"docProps/custom.xml", "docMetadata/LabelInfo.xml", "[Content_Types].xml", "_rels/.rels",
                # the label's header and footer go into the main part's header/footer parts
                "word/document.xml", "word/_rels/document.xml.rels"}
    for name, raw in before_raw.items():
        if name not in metadata:
            assert after_raw[name] == raw, f"{name} was recompressed"
    assert assert_cli_succeeds("show", path, "shown")["label"]["id"] == LABEL


def test_legacy_doc_with_its_own_extension_is_not_called_corrupt(sample):
    """Under its real name a .doc has no metadata slot we write: labelled beside it, or refused clearly."""
    path = need_sample(sample, "legacy.doc")
    proc = cli_json("apply", path)
    (entry,) = proc.json
    assert entry["kind"] not in ("corrupt", "encrypted", "internal-error"), entry
    if entry["status"] == "failed":
        assert_sentence(entry["error"], path)
    else:
        assert entry["stored"] == "beside"


# -- files the user or another program holds ---------------------------------
@pytest.mark.parametrize("kind_of_file", ["docx", "pdf", "txt"])
def test_read_only_file_is_refused(make_docx, make_pdf, tmp_path, kind_of_file):
    """The read-only flag is honoured even for root, for whom os.access always says yes."""
    if kind_of_file == "docx":
        path = make_docx()
    elif kind_of_file == "pdf":
        path = make_pdf()
    else:
        path = tmp_path / "notes.txt"
        path.write_text("plain text, labelled beside the content\n")
    os.chmod(path, 0o444)
    if ROOT:
        assert os.access(path, os.W_OK), "root: os.access alone would not notice"
    before = snapshot(path)
    assert_cli_fails("apply", path, "read-only")
    assert_unchanged(path, before)
    if kind_of_file == "txt":
        assert not [a for a in os.listxattr(path) if a.startswith("user.labeler.")]
    # Reading a read-only file is fine.
    assert_cli_succeeds("show", path, "shown")
    no_temp_files(tmp_path)


@pytest.mark.parametrize("lock_name", [".~lock.{name}#", "~${name}"])
def test_file_open_in_an_editor_is_locked(make_docx, tmp_path, lock_name):
    path = make_docx("Report.docx")
    lock = tmp_path / lock_name.format(name=path.name)
    lock.write_bytes(b"owner info of the editor")
    before, lock_before = snapshot(path), snapshot(lock)
    assert_cli_fails("apply", path, "locked")
    assert_unchanged(path, before)
    assert_unchanged(lock, lock_before)
    assert_cli_succeeds("show", path, "shown")  # reading while open elsewhere is fine
    no_temp_files(tmp_path)


def test_vanished_file(tmp_path):
    # Never there when the command started: "no such file" (kind not-found), not "it was moved or deleted".
    path = tmp_path / "gone.docx"
    for command in ("apply", "show"):
        assert_cli_fails(command, path, "not-found")
        assert not path.exists(), "labelling must not create the file"
    assert list(tmp_path.iterdir()) == []


def test_folder_without_recursive_is_not_a_file(make_docx, tmp_path):
    folder = tmp_path / "Reports"
    folder.mkdir()
    inner = make_docx("inside.docx", folder)
    before = snapshot(inner)
    for command in ("apply", "show"):
        assert_cli_fails(command, folder, "not-a-file")
    assert_unchanged(inner, before)
    # With --recursive the same command labels the file inside.
    proc = cli_json("apply", folder, "--recursive")
    assert proc.returncode == 0 and [e["status"] for e in proc.json] == ["labelled"], proc.json




# -- odd names ---------------------------------------------------------------
DASH_NAME = '-rapport "final" 2024 ünïcødé 日本.docx'


def test_name_with_leading_dash_quotes_and_unicode(sample, tmp_path):
    path = need_sample(sample, DASH_NAME)
    # Relative, so the name really starts with a dash on the command line.
    proc = run_cli("apply", "--label", LABEL, "--json", "--", DASH_NAME, cwd=tmp_path)
    assert_no_traceback(proc)
    assert proc.returncode == 0, (proc.returncode, proc.stderr)
    (entry,) = json.loads(proc.stdout)
    assert entry["status"] == "labelled" and entry["label"]["id"] == LABEL
    assert entry["path"] == DASH_NAME
    assert registry.handler_for(path).read(path).ours.id == LABEL
    shown = run_cli("show", "--json", "--", DASH_NAME, cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)[0]["label"]["id"] == LABEL


def test_leading_dash_without_separator_is_a_usage_error_not_an_option(sample, tmp_path):
    """Without `--`, argparse reads "-rapport..." as -r plus junk: a usage error (exit 2),
    never a traceback and never a half-understood command that touches files."""
    path = need_sample(sample, DASH_NAME)
    before = snapshot(path)
    proc = run_cli("apply", "--label", LABEL, "--json", DASH_NAME, cwd=tmp_path)
    assert_no_traceback(proc)
    if proc.returncode == 0:  # a future parser that accepts it must then label the file
        assert registry.handler_for(path).read(path).ours.id == LABEL
        return
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    assert "usage:" in proc.stderr
    assert_unchanged(path, before)


def test_name_with_a_newline(make_docx, tmp_path):
    path = make_docx("first line\nsecond line.docx")
    entry = assert_cli_succeeds("apply", path, "labelled")
    assert entry["path"] == str(path) and entry["label"]["id"] == LABEL
    assert registry.handler_for(path).read(path).ours.id == LABEL
    human = run_cli("show", path)
    assert_no_traceback(human)
    assert human.returncode == 0 and "Confidential" in human.stdout
    no_temp_files(tmp_path)


def test_failure_sentence_names_a_file_with_a_newline(tmp_path):
    path = tmp_path / "broken\nname.docx"
    path.write_bytes(b"not a zip at all")
    before = snapshot(path)
    assert_cli_fails("apply", path, "corrupt")
    assert_unchanged(path, before)


# -- one bad file in a batch -------------------------------------------------
def test_one_bad_file_does_not_stop_the_batch(sample, make_docx, make_pdf, tmp_path):
    good1 = make_docx("one.docx")
    bad = need_sample(sample, "truncated.docx")
    good2 = make_pdf("two.pdf")
    locked = make_docx("three.docx")
    (tmp_path / f"~${locked.name}").write_bytes(b"owner")
    good3 = make_docx("four.docx")
    batch = [good1, bad, good2, locked, good3]
    before_bad, before_locked = snapshot(bad), snapshot(locked)

    proc = run_cli("apply", "--label", LABEL, "--json", *batch)
    assert_no_traceback(proc)
    assert proc.returncode == 1, (proc.stdout, proc.stderr)
    entries = json.loads(proc.stdout)
    assert [e["path"] for e in entries] == [str(p) for p in batch]
    by_path = {e["path"]: e for e in entries}
    for good in (good1, good2, good3):
        assert by_path[str(good)]["status"] == "labelled", by_path[str(good)]
        assert registry.handler_for(good).read(good).ours.id == LABEL
    assert by_path[str(bad)]["kind"] == "corrupt"
    assert by_path[str(locked)]["kind"] == "locked"
    for path, before in ((bad, before_bad), (locked, before_locked)):
        assert by_path[str(path)]["status"] == "failed"
        assert_sentence(by_path[str(path)]["error"], path)
        assert_unchanged(path, before)

    # For a person: the failures on stderr, and a summary line.
    human = run_cli("apply", "--label", "internal", "--justification", "batch test", *batch)
    assert_no_traceback(human)
    assert human.returncode == 1
    assert "2 of 5 files failed" in human.stderr, human.stderr
    assert f"{bad}: error:" in human.stderr and f"{locked}: error:" in human.stderr
    assert_unchanged(bad, before_bad)
    assert_unchanged(locked, before_locked)
    no_temp_files(tmp_path)
