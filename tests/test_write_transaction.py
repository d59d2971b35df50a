"""The write transaction: verify, audit, then replace — and every outcome true.

One test per finding of the write-path audit that is not about a file
format: audit faults, owners, hard links, leftover temp files and names.
Failures are injected at each step of the transaction; before the replace
the file must be byte-identical and the audit must hold no change.
"""
from __future__ import annotations

import base64
import re
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import DATA, REPO
from formats import atomic, registry
from formats.atomic import TEMP_PREFIX, TEMP_SUFFIX
from labeler.org.audit import AuditLog
from labeler.core.outcome import FAILED, LABELLED
from labeler.core.service import LabelService
from policy import load_scheme

SCHEME = load_scheme(REPO / "resources" / "schemes" / "corporate.toml")


def service(tmp_path) -> LabelService:
    return LabelService(SCHEME, user="tester", audit=AuditLog(tmp_path / "audit" / "audit.jsonl"))


def copy_sample(tmp_path, name="pydocx.docx", as_name=None) -> Path:
    dest = tmp_path / (as_name or name)
    shutil.copyfile(DATA / name, dest)
    return dest


def label(scheme_id: str):
    return SCHEME.label(scheme_id)


def audit_entries(svc: LabelService) -> list:
    return svc.audit.entries()


def cli(*args, env_dir: Path, input_bytes=None):
    """The real CLI with byte arguments (file names need not be UTF-8)."""
    env = {**os.environ, "LABELER_DATA_DIR": str(env_dir)}
    return subprocess.run([sys.executable, "-m", "labeler", *args], capture_output=True, cwd=REPO,
                          env=env, timeout=120)


# -- failures injected at each step ---------------------------------------------
STEPS = ["plan", "verify", "attributes", "commit", "rename"]


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("sample_name", ["pydocx.docx", "lo-writer.odt", "pypdf.pdf"])
def test_a_failure_at_any_step_leaves_the_file_and_says_so(tmp_path, monkeypatch, step, sample_name):
    svc = service(tmp_path)
    path = copy_sample(tmp_path, sample_name)
    original = path.read_bytes()
    handler = registry.handler_for(path)
    boom = OSError(5, "Input/output error")

    if step == "plan":
        real = type(handler)._plan

        def plan(self, p, stamp):
            inner = real(self, p, stamp)

            def write(out):
                inner(out)
                raise boom
            return write
        monkeypatch.setattr(type(handler), "_plan", plan)
    elif step == "verify":
        monkeypatch.setattr(type(handler), "_verify_new",
                            lambda self, *a: (_ for _ in ()).throw(
                                registry.FormatError("corrupt", "x.docx was not labelled: the new file failed "
                                                                "its check; the original was left as it was.")))
    elif step == "attributes":
        monkeypatch.setattr(atomic, "_keep_attributes", lambda *a: (_ for _ in ()).throw(boom))
    elif step == "commit":
        def failing_append(self, event):
            raise boom
        monkeypatch.setattr(AuditLog, "_append", failing_append)
    elif step == "rename":
        real_replace = os.replace

        def replace(src, dst, *a, **k):
            if os.path.basename(str(src)).startswith(TEMP_PREFIX):
                raise boom
            return real_replace(src, dst, *a, **k)
        monkeypatch.setattr(atomic.os, "replace", replace)

    outcome = svc.apply(path, label("confidential"))
    assert outcome.status == FAILED
    assert "left as it was" in outcome.message or "nothing was written" in outcome.message
    assert not re.search(r"(?<!not )(?<!not be )labelled", outcome.message)
    assert path.read_bytes() == original
    assert not list(tmp_path.glob(f"{TEMP_PREFIX}*"))
    monkeypatch.undo()
    changes = AuditLog(svc.audit.path).entries(effective=True)
    assert changes == []
    if step == "rename":
        # Audited, then not made: the trail says both, in that order.
        every = AuditLog(svc.audit.path).entries()
        assert [e.action for e in every] == ["apply", "abort"]
        assert every[1].cancels == every[0].seq
        assert AuditLog(svc.audit.path).verify().ok


def test_success_is_audited_with_the_hash_of_the_new_file(tmp_path):
    svc = service(tmp_path)
    path = copy_sample(tmp_path)
    outcome = svc.apply(path, label("confidential"))
    assert outcome.status == LABELLED
    [entry] = audit_entries(svc)
    import hashlib
    assert entry.content_sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


# -- audit faults (finding 6) ---------------------------------------------------
def test_damaged_audit_head_refuses_the_change(tmp_path):
    svc = service(tmp_path)
    path = copy_sample(tmp_path)
    assert svc.apply(path, label("internal")).status == LABELLED
    svc.audit.head_path.write_bytes(b"\x00garbage{")
    before = path.read_bytes()
    outcome = svc.apply(path, label("confidential"))
    assert outcome.status == FAILED and outcome.kind == "audit-failed"
    assert "audit log could not record" in outcome.message and "left as it was" in outcome.message
    assert path.read_bytes() == before
    assert len(audit_entries(svc)) == 1


def test_audit_line_with_an_absurd_number_does_not_break_recording(tmp_path):
    svc = service(tmp_path)
    path = copy_sample(tmp_path)
    assert svc.apply(path, label("internal")).status == LABELLED
    with open(svc.audit.path, "ab") as f:
        f.write(b'{"seq": 1e400, "hash": "x", "prev": "y"}\n')
    outcome = svc.apply(path, label("confidential"))
    assert outcome.status == LABELLED
    assert [e.new_label["id"] for e in audit_entries(svc) if e.new_label] == ["internal", "confidential"]


def test_non_utf8_file_name_is_labelled_audited_and_reported_exactly(tmp_path):
    raw_name = b"rapport-\xff\xfe.docx"
    folder = os.fsencode(tmp_path)
    path_bytes = os.path.join(folder, raw_name)
    shutil.copyfile(DATA / "pydocx.docx", path_bytes)
    data_dir = tmp_path / "userdata"
    done = cli(b"apply", b"--label", b"confidential", b"--json", path_bytes, env_dir=data_dir)
    assert done.returncode == 0, done.stderr
    [result] = json.loads(done.stdout)
    assert result["status"] == "labelled"
    assert base64.b64decode(result["path_b64"]) == path_bytes
    listing = cli(b"audit", b"--json", env_dir=data_dir)
    [entry] = json.loads(listing.stdout)
    assert base64.b64decode(entry["path_b64"]) == path_bytes
    verify = cli(b"audit", b"verify", env_dir=data_dir)
    assert verify.returncode == 0, verify.stdout


def test_non_utf8_justification_on_a_downgrade_is_audited(tmp_path):
    path = copy_sample(tmp_path)
    data_dir = tmp_path / "userdata"
    p = os.fsencode(path)
    assert cli(b"apply", b"--label", b"confidential", p, env_dir=data_dir).returncode == 0
    done = cli(b"apply", b"--label", b"public", b"--justification", b"caf\xe9 release", p, env_dir=data_dir)
    assert done.returncode == 0, done.stderr
    entries = json.loads(cli(b"audit", b"--json", env_dir=data_dir).stdout)
    assert entries[-1]["justification"] == "caf\ufffd release"
    assert entries[-1]["new_label"]["id"] == "public"


# -- owner, group, mode, xattrs (finding 7) ------------------------------------
@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to create other owners")
def test_root_keeps_the_owner_and_group_of_a_users_file(tmp_path):
    svc = service(tmp_path)
    path = copy_sample(tmp_path)
    os.chown(path, 1234, 2345)
    os.chmod(path, 0o640)
    assert svc.apply(path, label("confidential")).status == LABELLED
    st = os.stat(path)
    assert (st.st_uid, st.st_gid, st.st_mode & 0o7777) == (1234, 2345, 0o640)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to act as two users")
def test_a_user_cannot_take_another_users_file_in_a_shared_folder(tmp_path):
    import tempfile

    # pytest's own temp folders are private to root: use one everybody can reach.
    shared = Path(tempfile.mkdtemp(prefix="labeler-shared-"))
    os.chmod(shared, 0o777)  # world-writable, no sticky bit
    path = shared / "memo.docx"
    shutil.copyfile(DATA / "pydocx.docx", path)
    os.chown(path, 1234, 1234)
    os.chmod(path, 0o666)
    before = path.read_bytes()
    audit_dir = shared / "audit-2345"
    audit_dir.mkdir()
    os.chown(audit_dir, 2345, 2345)
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:  # act as another, unprivileged user in this process's copy
        try:
            os.close(read_end)
            os.setgroups([])
            os.setgid(2345)
            os.setuid(2345)
            svc = LabelService(SCHEME, user="other", audit=AuditLog(audit_dir / "audit.jsonl"))
            outcome = svc.apply(path, label("confidential"))
            os.write(write_end, json.dumps([outcome.kind, outcome.message]).encode())
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        kind, message = json.loads(pipe.read())
    os.waitpid(child, 0)
    try:
        assert kind == "owner-not-kept", message
        assert "belongs to another user" in message and "left as it was" in message
        assert path.read_bytes() == before and os.stat(path).st_uid == 1234
    finally:
        shutil.rmtree(shared)


def test_extended_attributes_and_acls_are_kept(tmp_path):
    if not hasattr(os, "setxattr"):
        pytest.skip("no xattrs on this platform")
    svc = service(tmp_path)
    path = copy_sample(tmp_path)
    try:
        os.setxattr(path, "user.origin", b"mail")
    except OSError:
        pytest.skip("this file system keeps no user xattrs")
    acl = shutil.which("setfacl")
    if acl:
        subprocess.run([acl, "-m", "u:1234:r", str(path)], check=False)
    acl_before = _acl(path)
    assert svc.apply(path, label("confidential")).status == LABELLED
    assert os.getxattr(path, "user.origin") == b"mail"
    assert _acl(path) == acl_before


def _acl(path: Path) -> bytes | None:
    try:
        return os.getxattr(path, "system.posix_acl_access")
    except OSError:
        return None


# -- hard links (finding 8) -----------------------------------------------------
def test_hard_linked_file_is_refused_and_no_name_changes(tmp_path):
    svc = service(tmp_path)
    a = copy_sample(tmp_path, as_name="a.docx")
    b = tmp_path / "b.docx"
    os.link(a, b)
    before = a.read_bytes()
    outcome = svc.apply(a, label("confidential"))
    assert outcome.status == FAILED and outcome.kind == "hard-linked"
    assert "hard links" in outcome.message and "left as it was" in outcome.message
    assert a.read_bytes() == before and b.read_bytes() == before
    assert os.stat(a).st_ino == os.stat(b).st_ino
    assert audit_entries(svc) == []


def test_hard_linked_plain_file_is_labelled_in_place_for_every_name(tmp_path):
    svc = service(tmp_path)
    a = copy_sample(tmp_path, "plain.txt", "a.txt")
    b = tmp_path / "b.txt"
    os.link(a, b)
    outcome = svc.apply(a, label("internal"))
    if outcome.kind == "cannot-label-here":
        pytest.skip("no user xattrs here")
    assert outcome.status == LABELLED
    assert svc.show(b).label.id == "internal"


# -- leftover temp files (finding 9) --------------------------------------------
def test_leftover_temp_files_of_a_killed_writer_are_removed_live_ones_kept(tmp_path):
    import fcntl

    svc = service(tmp_path)
    path = copy_sample(tmp_path)
    stale = tmp_path / f"{TEMP_PREFIX}dead1234{TEMP_SUFFIX}"
    stale.write_bytes(b"x" * 1000)
    live = tmp_path / f"{TEMP_PREFIX}live5678{TEMP_SUFFIX}"
    live.write_bytes(b"y" * 1000)
    unrelated = tmp_path / "notes.tmp"
    unrelated.write_bytes(b"mine")
    with open(live, "rb") as holder:
        fcntl.flock(holder.fileno(), fcntl.LOCK_EX)
        assert svc.apply(path, label("confidential")).status == LABELLED
        assert not stale.exists()
        assert live.exists()
    assert unrelated.exists()


def test_killed_writer_leftover_is_removed_by_the_next_write(tmp_path):
    """A real writer process killed mid-copy leaves its temp; the next write removes it."""
    import signal

    big = tmp_path / "big.docx"
    with zipfile.ZipFile(DATA / "pydocx.docx") as src, zipfile.ZipFile(big, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item.filename))
        dst.writestr("word/media/noise.bin", os.urandom(40 * 1024 * 1024), compress_type=zipfile.ZIP_STORED)
    code = ("import sys, time\n"
            "from formats import registry, copying\n"
            "real = copying.copy_range\n"
            "def slow(*a, **k):\n"
            "    real(*a, **k); print('copying', flush=True); time.sleep(60)\n"
            "copying.copy_range = slow\n"
            "import formats.zippkg as z; z.copy_range = slow\n"
            "from conftest import make_stamp\n"
            "registry.handler_for(sys.argv[1]).write(sys.argv[1], make_stamp())\n")
    proc = subprocess.Popen([sys.executable, "-c", code, str(big)], cwd=REPO / "tests",
                            env={**os.environ, "PYTHONPATH": f"{REPO}:{REPO / 'tests'}"},
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "copying"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    leftovers = list(tmp_path.glob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}"))
    assert leftovers, "the killed writer should have left its temp file"
    svc = service(tmp_path)
    other = copy_sample(tmp_path)
    assert svc.apply(other, label("internal")).status == LABELLED
    assert not list(tmp_path.glob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}"))
    with zipfile.ZipFile(big) as z:
        assert z.testzip() is None


# -- names (finding 10) ---------------------------------------------------------
def test_control_characters_in_names_are_escaped_in_human_output_and_audit(tmp_path):
    path = copy_sample(tmp_path, as_name="fake\nline\x1b[31m.docx")
    data_dir = tmp_path / "userdata"
    done = cli(b"apply", b"--label", b"confidential", os.fsencode(path), env_dir=data_dir)
    assert done.returncode == 0, done.stderr
    out = done.stdout.decode()
    assert out.count("\n") == 1 and "\x1b" not in out
    assert "fake\\nline\\x1b[31m.docx" in out
    listing = cli(b"audit", env_dir=data_dir).stdout.decode()
    assert listing.count("\n") == 1 and "fake\\nline" in listing
    as_json = json.loads(cli(b"show", b"--json", os.fsencode(path), env_dir=data_dir).stdout)
    assert as_json[0]["path"] == str(path)


def test_a_note_from_the_format_reaches_the_person(tmp_path):
    """A signed PDF keeps earlier revisions: the outcome says the old label is still in them."""
    from test_pdf_history import _signed

    svc = service(tmp_path)
    path = _signed(tmp_path)
    assert svc.apply(path, label("confidential")).status == LABELLED
    outcome = svc.apply(path, label("strictly-confidential"))
    assert outcome.status == LABELLED
    assert outcome.message and "earlier revisions" in outcome.message and path.name in outcome.message


def test_read_back_must_show_exactly_the_new_label(tmp_path, monkeypatch):
    """A writer that garbles a field (here who set the label) is caught before the replace."""
    from formats import labelprops

    svc = service(tmp_path)
    path = copy_sample(tmp_path)
    before = path.read_bytes()
    real = labelprops.apply

    def garbled(old, stamp, *a, **k):
        bag = real(old, stamp, *a, **k)
        if stamp is not None:
            bag = {**bag, "Labeler_SetBy": "someone-else"}
        return bag
    monkeypatch.setattr(labelprops, "apply", garbled)
    outcome = svc.apply(path, label("confidential"))
    assert outcome.status == FAILED and "does not carry the new label exactly" in outcome.message
    assert path.read_bytes() == before
    monkeypatch.undo()
    assert AuditLog(svc.audit.path).entries() == []


def test_show_says_who_set_our_label_when_and_how(tmp_path):
    path = copy_sample(tmp_path)
    data_dir = tmp_path / "userdata"
    assert cli(b"apply", b"--label", b"internal", os.fsencode(path), env_dir=data_dir).returncode == 0
    shown = json.loads(cli(b"show", b"--json", os.fsencode(path), env_dir=data_dir).stdout)[0]
    assert shown["label"]["set_by"] and shown["label"]["method"] == "manual"
    assert shown["label"]["set_at"].endswith("Z")
    human = cli(b"show", os.fsencode(path), env_dir=data_dir).stdout.decode()
    assert f"set by {shown['label']['set_by']}" in human and "(manual)" in human
