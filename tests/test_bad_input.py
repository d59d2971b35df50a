"""Bad input: every broken, odd or busy file gets a specific outcome, never damage.

Each case goes through the real command line (`labeler apply` and `labeler
show`, with and without --json).  A failure must have its own outcome kind,
a sentence that names the file, exit code 1, no traceback on stderr, and the
file must be byte-for-byte unchanged (bytes, mtime and mode compared).
Races with other programs ("vanished"/"changed" while labelling) are
provoked through the handler API with a hook in the middle of the write.
"""
from __future__ import annotations

import errno
import json
import os
import stat
import tempfile
import zipfile
from pathlib import Path

import pytest

import conftest
from conftest import make_stamp, raw_members, run_cli
from formats import registry
from formats.atomic import TEMP_PREFIX
from formats.errors import FormatError
from formats.zippkg import ZipPackage

LABEL = "confidential"
OTHER_PROGRAM = b"content saved by another program meanwhile\n"
ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


# -- helpers ---------------------------------------------------------------
def need_sample(sample, name: str, as_name: str | None = None) -> Path:
    """A copy of tests/data/<name>; fails loudly if the sample is missing."""
    if not (conftest.DATA / name).is_file():
        pytest.fail(f"sample tests/data/{name} is missing (see tests/data/README.md)")
    return sample(name, as_name)


def snapshot(path: Path) -> tuple[bytes, int, int]:
    st = path.stat()
    return path.read_bytes(), st.st_mtime_ns, stat.S_IMODE(st.st_mode)


def assert_unchanged(path: Path, before: tuple[bytes, int, int]) -> None:
    data, mtime, mode = snapshot(path)
    assert data == before[0], f"{path.name} was modified"
    assert mtime == before[1], f"{path.name} mtime changed"
    assert mode == before[2], f"{path.name} mode changed"


def no_temp_files(folder: Path) -> None:
    leftovers = [p.name for p in folder.iterdir() if p.name.startswith(TEMP_PREFIX)]
    assert not leftovers, f"temp files left behind: {leftovers}"


def assert_sentence(message: str | None, path: Path) -> None:
    assert message, "no message for the user"
    assert path.name in message, f"the message does not name the file {path.name!r}: {message!r}"
    assert message.rstrip().endswith("."), f"not a sentence: {message!r}"
    assert "Traceback" not in message and "Error(" not in message


def assert_no_traceback(proc) -> None:
    assert "Traceback" not in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stdout, proc.stdout


def cli_json(command: str, path: Path, *extra, cwd=None):
    args = [command, *(("--label", LABEL) if command == "apply" else ()), "--json", *extra, path]
    proc = run_cli(*args, cwd=cwd)
    assert_no_traceback(proc)
    try:
        proc.json = json.loads(proc.stdout)
    except ValueError:
        pytest.fail(f"`labeler {command}` printed no JSON: stdout={proc.stdout!r} stderr={proc.stderr!r}")
    return proc


def assert_cli_fails(command: str, path: Path, kind: str) -> None:
    """`labeler <command>` fails on `path` with `kind`, in JSON and for a person."""
    proc = cli_json(command, path)
    assert proc.returncode == 1, (proc.returncode, proc.stdout, proc.stderr)
    assert proc.stderr == "", f"stderr should be empty with --json: {proc.stderr!r}"
    (entry,) = proc.json
    assert entry["status"] == "failed", entry
    assert entry["kind"] == kind, entry
    assert entry["path"] == str(path)
    assert_sentence(entry["error"], path)

    human = run_cli(command, *(("--label", LABEL) if command == "apply" else ()), path)
    assert_no_traceback(human)
    assert human.returncode == 1, (human.returncode, human.stdout, human.stderr)
    from labeler.core.names import safe_text  # names are escaped for a person (\n, \x1b, ...)
    assert safe_text(f"{path}: error: {entry['error']}") in human.stderr, human.stderr


def assert_cli_succeeds(command: str, path: Path, status: str, **kw) -> dict:
    proc = cli_json(command, path, **kw)
    assert proc.returncode == 0, (proc.stdout, proc.stderr)
    assert proc.stderr == ""
    (entry,) = proc.json
    assert entry["status"] == status and entry["kind"] is None and entry["error"] is None, entry
    return entry


# -- generated good files (independent of tests/data) ------------------------
@pytest.fixture
def make_docx(tmp_path):
    def make(name: str = "good.docx", folder: Path | None = None) -> Path:
        import docx

        document = docx.Document()
        document.add_paragraph("A perfectly ordinary document.")
        path = (folder or tmp_path) / name
        document.save(str(path))
        return path
    return make


@pytest.fixture
def make_pdf(tmp_path):
    def make(name: str = "good.pdf") -> Path:
        from pypdf import PdfWriter

        writer = PdfWriter()
        writer.add_blank_page(200, 200)
        path = tmp_path / name
        with open(path, "wb") as f:
            writer.write(f)
        return path
    return make


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


# -- file systems that keep no attributes -------------------------------------
_NO_XATTR_TYPES = {"vfat", "msdos", "exfat", "ramfs", "fat", "umsdos", "iso9660", "udf", "hfs"}


def _folder_without_xattrs() -> Path | None:
    """A writable folder on a file system without user xattrs, if this machine has one."""
    candidates = [os.environ["LABELER_NOXATTR_DIR"]] if os.environ.get("LABELER_NOXATTR_DIR") else []
    try:
        with open("/proc/mounts", encoding="utf-8") as f:
            for line in f:
                _dev, mount, fstype, options, *_ = line.split()
                if fstype in _NO_XATTR_TYPES and "rw" in options.split(","):
                    candidates.append(mount.replace("\\040", " "))
    except OSError:
        pass
    for folder in candidates:
        if not os.access(folder, os.W_OK):
            continue
        try:
            fd, probe = tempfile.mkstemp(dir=folder, prefix="labeler-xattr-probe-")
        except OSError:
            continue
        os.close(fd)
        try:
            os.setxattr(probe, "user.labeler.probe", b"1")
        except OSError as exc:
            if exc.errno in (errno.ENOTSUP, errno.EOPNOTSUPP):
                return Path(folder)
        finally:
            os.unlink(probe)
    return None


@pytest.mark.skipif(not hasattr(os, "setxattr"), reason="Linux xattr API needed")
def test_file_on_file_system_without_attributes_cannot_be_labelled_there():
    folder = _folder_without_xattrs()
    if folder is None:
        pytest.skip("no writable file system without user xattrs is mounted here (vfat, ramfs, ...); "
                    "set LABELER_NOXATTR_DIR to a folder on one to run this case")
    fd, name = tempfile.mkstemp(dir=folder, prefix="labeler-test-", suffix=".txt")
    os.close(fd)
    path = Path(name)
    try:
        path.write_text("plain text\n")
        before = snapshot(path)
        assert_cli_fails("apply", path, "cannot-label-here")
        assert_unchanged(path, before)
    finally:
        path.unlink()


def test_attribute_store_refusing_attributes_is_cannot_label_here(tmp_path):
    """The same case simulated: the file system answers ENOTSUP to setxattr."""
    from formats.fsattr import LINUX_PREFIX, FileAttributeHandler, _XattrStore

    class NoAttributes:
        @staticmethod
        def listxattr(path):
            return []

        @staticmethod
        def getxattr(path, attribute):
            raise OSError(errno.ENODATA, "no data")

        @staticmethod
        def setxattr(path, attribute, value):
            raise OSError(errno.EOPNOTSUPP, "Operation not supported")

        @staticmethod
        def removexattr(path, attribute):
            raise OSError(errno.EOPNOTSUPP, "Operation not supported")

    handler = FileAttributeHandler(_XattrStore(LINUX_PREFIX, "user.", NoAttributes()))
    path = tmp_path / "notes.txt"
    path.write_text("plain text\n")
    before = snapshot(path)
    with pytest.raises(FormatError) as info:
        handler.write(path, make_stamp())
    assert info.value.kind == "cannot-label-here"
    assert_sentence(info.value.message, path)
    assert_unchanged(path, before)
    assert handler.read(path).ours is None


# -- races with another program (handler API with a hook) ---------------------
def _hook_zip_rewrite(monkeypatch, before_writing):
    original = ZipPackage.rewrite

    def rewrite(self, out, changes):
        before_writing(self.path)
        return original(self, out, changes)
    monkeypatch.setattr(ZipPackage, "rewrite", rewrite)


def _hook_plan(monkeypatch, handler, before_writing):
    """For any family: run `before_writing` as the new file starts to be written."""
    original = handler._plan

    def plan(path, stamp):
        write = original(path, stamp)
        if write is None:
            return None

        def hooked(out):
            before_writing(path)
            write(out)
        return hooked
    monkeypatch.setattr(handler, "_plan", plan)


SAVED_BY_OTHER: dict[Path, bytes] = {}


def _other_program_saves_in_place(path: Path) -> None:
    path.write_bytes(OTHER_PROGRAM)
    SAVED_BY_OTHER[path] = OTHER_PROGRAM


def _other_program_replaces_same_size_same_mtime(path: Path) -> None:
    """An editor's "safe save": new inode, same size, and (unluckily) the same mtime."""
    st = path.stat()
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    tmp = path.with_name(path.name + ".editor-save")
    tmp.write_bytes(bytes(data))
    os.utime(tmp, ns=(st.st_atime_ns, st.st_mtime_ns))
    os.replace(tmp, path)
    SAVED_BY_OTHER[path] = bytes(data)


def test_vanished_mid_write(make_docx, tmp_path, monkeypatch):
    path = make_docx()
    _hook_zip_rewrite(monkeypatch, os.unlink)
    handler = registry.handler_for(path)
    with pytest.raises(FormatError) as info:
        handler.write(path, make_stamp())
    assert info.value.kind == "vanished"
    assert_sentence(info.value.message, path)
    assert not path.exists(), "the deleted file must not be brought back"
    assert list(tmp_path.iterdir()) == [], "temp file left behind"


def _hook_zip_rewrite_after(monkeypatch, after_writing):
    original = ZipPackage.rewrite

    def rewrite(self, out, changes):
        original(self, out, changes)
        after_writing(self.path)
    monkeypatch.setattr(ZipPackage, "rewrite", rewrite)


@pytest.mark.parametrize("when", ["before-copy", "after-copy"])
@pytest.mark.parametrize("other_program", [_other_program_saves_in_place,
                                           _other_program_replaces_same_size_same_mtime],
                         ids=["saves-in-place", "replaces-same-size-and-mtime"])
def test_changed_mid_write(make_docx, tmp_path, monkeypatch, other_program, when):
    """Another program saves the file while we copy it: its save wins, we report why."""
    path = make_docx()
    (_hook_zip_rewrite if when == "before-copy" else _hook_zip_rewrite_after)(monkeypatch, other_program)
    handler = registry.handler_for(path)
    with pytest.raises(FormatError) as info:
        handler.write(path, make_stamp())
    assert path.read_bytes() == SAVED_BY_OTHER.pop(path), "the other program's save was overwritten"
    assert [p.name for p in tmp_path.iterdir()] == [path.name], "temp file left behind"
    assert info.value.kind == "changed-on-disk", info.value.message
    assert_sentence(info.value.message, path)


def test_changed_mid_write_pdf(make_pdf, tmp_path, monkeypatch):
    path = make_pdf()
    handler = registry.handler_for(path)
    assert handler is registry.PDF
    _hook_plan(monkeypatch, handler, _other_program_saves_in_place)
    with pytest.raises(FormatError) as info:
        handler.write(path, make_stamp())
    assert info.value.kind == "changed-on-disk"
    assert path.read_bytes() == OTHER_PROGRAM
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_vanished_mid_write_pdf(make_pdf, tmp_path, monkeypatch):
    path = make_pdf()
    handler = registry.handler_for(path)
    _hook_plan(monkeypatch, handler, os.unlink)
    with pytest.raises(FormatError) as info:
        handler.write(path, make_stamp())
    assert info.value.kind == "vanished"
    assert list(tmp_path.iterdir()) == []


def test_service_reports_a_race_as_an_outcome(make_docx, tmp_path, monkeypatch):
    from labeler.core.service import LabelService
    from policy import load_builtin

    path = make_docx()
    _hook_zip_rewrite_after(monkeypatch, _other_program_saves_in_place)
    service = LabelService(load_builtin(), user="tester")
    outcome = service.apply(path, service.scheme.find(LABEL))
    assert outcome.status == "failed" and outcome.kind == "changed-on-disk", outcome
    assert_sentence(outcome.message, path)
    assert path.read_bytes() == OTHER_PROGRAM


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
