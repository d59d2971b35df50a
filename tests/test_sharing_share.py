"""`labeler share` as a real subprocess, with a stand-in `xdg-email` on PATH that writes down its arguments."""
from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

import pytest

from labeler.core.service import LabelService
from policy import load_builtin
from tests.conftest import DATA, run_cli

STAND_IN = """#!/bin/sh
# A stand-in for xdg-email: one argument a line, in the file the test names.
printf '%s\\n' "$@" > "$XDG_EMAIL_LOG"
"""


@pytest.fixture
def env(tmp_path) -> dict:
    home, bin_dir = tmp_path / "home", tmp_path / "bin"
    home.mkdir()
    bin_dir.mkdir()
    helper = bin_dir / "xdg-email"
    helper.write_text(STAND_IN)
    helper.chmod(helper.stat().st_mode | stat.S_IEXEC)
    return {"HOME": str(home), "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
            "XDG_EMAIL_LOG": str(tmp_path / "xdg-email.args"), "LABELER_DATA_DIR": str(tmp_path / "data"),
            "LABELER_CONFIG_DIR": str(tmp_path / "config")}


@pytest.fixture
def doc(tmp_path):
    """A copy of a real document carrying the given label (None: left unlabelled)."""
    scheme = load_builtin("corporate")
    service = LabelService(scheme)

    def make(name: str, label_id: str | None, sample: str = "lo-writer.docx") -> Path:
        path = tmp_path / name
        shutil.copyfile(DATA / sample, path)
        if label_id:
            assert service.apply(path, scheme.label(label_id)).ok
        return path
    return make


def started(env) -> list[str] | None:
    """The stand-in's arguments, or None when it was never started."""
    log = Path(env["XDG_EMAIL_LOG"])
    return log.read_text().splitlines() if log.exists() else None


def audit(env, *args) -> str:
    proc = run_cli("audit", *args, env=env)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_a_refused_file_never_starts_the_mail_program(env, doc):
    secret = doc("budget.docx", "confidential")
    proc = run_cli("share", secret, "--to", "someone@gmail.com", env=env)
    assert proc.returncode == 3, proc.stderr
    assert started(env) is None
    assert "budget.docx is Confidential. E-mail to anyone else: not allowed." in proc.stdout
    assert "Why:" in proc.stdout and "Instead:" in proc.stdout
    assert "Nothing was opened: 1 file may not go there." in proc.stdout
    listing = audit(env)
    assert f"share: refused      Confidential → email-external: forbidden  {secret}" in listing
    assert "someone@gmail.com" not in listing  # the channel is recorded, not the address
    # One refused file among allowed ones: nothing is opened for any of them.
    public = doc("flyer.docx", "public")
    proc = run_cli("share", public, secret, "--to", "someone@gmail.com", env=env)
    assert proc.returncode == 3 and started(env) is None
    assert audit(env, "--kind", "sharing").count("share: refused") == 3


def test_an_allowed_file_is_attached_for_every_recipient(env, doc):
    public, internal = doc("flyer.docx", "public"), doc("memo.docx", "internal")
    proc = run_cli("share", public, internal, "--to", "ann@example.com, bob@example.be", "--to", "eve@example.com",
                   env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert started(env) == ["--attach", str(public), "--attach", str(internal), "ann@example.com",
                            "bob@example.be", "eve@example.com"]
    assert "Your mail program was asked to open a new message with 2 attachments" in proc.stdout
    listing = audit(env)
    assert listing.count("share: opened-mail") == 2 and "email-internal: allowed" in listing
    assert run_cli("audit", "verify", env=env).returncode == 0


def test_conditions_need_ack(env, doc):
    internal = doc("memo.docx", "internal")
    proc = run_cli("share", internal, "--to", "someone@gmail.com", env=env)
    assert proc.returncode == 4 and started(env) is None
    assert "allowed with conditions" in proc.stdout and "Condition:" in proc.stdout and "--ack" in proc.stdout
    # Not sent because the conditions were not confirmed: recorded as "unconfirmed", as "Send by e-mail…" does.
    assert f"share: unconfirmed  Internal → email-external: conditional  {internal}" in audit(env)
    dutch = run_cli("share", internal, "--to", "someone@gmail.com", "--lang", "nl", env=env)
    assert dutch.returncode == 4 and "Er is niets geopend." in dutch.stdout and started(env) is None
    assert audit(env).count("share: unconfirmed") == 2 and "share: acknowledged" not in audit(env)
    proc = run_cli("share", internal, "--to", "someone@gmail.com", "--ack", env=env)
    assert proc.returncode == 0, proc.stderr
    assert started(env) == ["--attach", str(internal), "someone@gmail.com"]
    assert "share: acknowledged" in audit(env)


def test_without_a_mail_program_one_sentence_and_exit_1(env, doc, tmp_path):
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    proc = run_cli("share", doc("flyer.docx", "public"), "--to", "ann@example.com",
                   env={**env, "PATH": str(empty)})
    assert proc.returncode == 1 and proc.stdout.count("\n") == 2  # the verdict (2 lines), no more
    assert proc.stderr.strip() == ("labeler: No mail program could be opened: xdg-email (package xdg-utils) "
                                   "is not installed.")
    assert "share:" not in audit(env)


def test_other_destinations_are_checked_and_nothing_is_opened(env, doc):
    internal = doc("memo.docx", "internal")
    proc = run_cli("share", internal, "--to", "usb", env=env)
    assert proc.returncode == 0 and started(env) is None
    assert "Removable media (USB stick, external disk): allowed." in proc.stdout
    assert proc.stdout.endswith("The file may go there. Nothing was opened: sharing it is up to you.\n")
    assert "share: checked" in audit(env)
    secret = doc("budget.docx", "strictly-confidential")
    assert run_cli("share", secret, "--to", "personal-cloud", env=env).returncode == 3


def test_the_last_sentence_fits_every_destination_without_e_mail(env, doc):
    """It once said "copying or printing the files is up to you" for chat and the collaboration space too,
    and "Nothing was opened … with --ack" where --ack opens nothing either."""
    internal, public = doc("memo.docx", "internal"), doc("flyer.docx", "public")
    chat = run_cli("share", internal, public, "--to", "chat", env=env)
    assert chat.returncode == 4 and started(env) is None
    assert chat.stdout.endswith("Allowed only on the conditions above: if they are met, run the command again "
                                "with --ack to confirm them.\n")
    acked = run_cli("share", internal, public, "--to", "chat", "--ack", env=env)
    assert acked.returncode == 0 and started(env) is None
    assert acked.stdout.endswith("The 2 files may go there, 1 of them on the conditions you confirmed. Nothing "
                                 "was opened: sharing them is up to you.\n")
    for target in ("usb", "print", "personal-cloud", "chat", "collaboration"):
        proc = run_cli("share", public, "--to", target, "--lang", "nl", env=env)
        assert proc.returncode == 0 and "kopiëren of afdrukken" not in proc.stdout
        assert proc.stdout.endswith("Het bestand mag daarheen. Er is niets geopend: het delen is aan jou.\n")
    assert audit(env, "--kind", "sharing").count("share: acknowledged") == 1


def test_an_unlabelled_file_counts_as_the_default(env, doc):
    plain = doc("plain.docx", None)
    proc = run_cli("share", plain, "--to", "someone@gmail.com", "--json", env=env)
    report = json.loads(proc.stdout)
    assert proc.returncode == 4 and report["result"] == "conditions" and report["exit_code"] == 4
    [file] = report["files"]
    assert file["label"]["id"] == "internal" and file["label_assumed"] and file["verdict"] == "conditional"


def test_bad_usage_and_missing_files(env, doc, tmp_path):
    public = doc("flyer.docx", "public")
    mixed = run_cli("share", public, "--to", "usb", "--to", "ann@example.com", env=env)
    assert mixed.returncode == 2 and "not both" in mixed.stderr
    # Two destinations without e-mail are not "both" kinds: the sentence says what to do instead.
    two = run_cli("share", public, "--to", "usb", "--to", "print", env=env)
    assert two.returncode == 2 and "not both" not in two.stderr
    assert "one destination without e-mail at a time" in two.stderr
    unknown = run_cli("share", public, "--to", "carrier-pigeon", env=env)
    assert unknown.returncode == 2
    assert unknown.stderr.strip() == ("labeler: 'carrier-pigeon' is not a destination; use e-mail addresses, or "
                                      "one of usb, print, personal-cloud, chat or collaboration.")
    missing = run_cli("share", public, tmp_path / "nope.docx", "--to", "ann@example.com", "-q", env=env)
    assert missing.returncode == 1 and "nope.docx" in missing.stderr and missing.stdout == ""
    assert started(env) is None


def test_an_address_with_a_typo_is_not_taken_for_someone_outside(env, doc):
    """"ann@example" (no top-level domain) was checked as e-mail to anyone else and handed to the mail
    program; the "Send by e-mail…" dialog refuses it, and so does the command now."""
    proc = run_cli("share", doc("flyer.docx", "public"), "--to", "ann@example", env=env)
    assert proc.returncode == 2 and started(env) is None
    assert "'ann@example' is not an e-mail address; an address looks like name@example.com." in proc.stderr
    assert "share:" not in audit(env)


def test_json_lists_a_missing_file_with_its_error(env, doc, tmp_path):
    """The report's "files" once left out a file that is not there, so a script could not tell which failed."""
    public = doc("flyer.docx", "public")
    nope = tmp_path / "nope.docx"
    proc = run_cli("share", nope, public, "--to", "usb", "--json", env=env)
    report = json.loads(proc.stdout)
    assert proc.returncode == 1 and report["result"] == "error"
    assert [f["path"] for f in report["files"]] == [str(nope), str(public)]
    assert "nope.docx" in report["files"][0]["error"] and report["files"][1]["verdict"] == "allowed"


def test_the_command_is_documented_and_completed():
    assert "share" in run_cli("--help").stdout
    assert "--ack" in run_cli("completion", "bash").stdout
    assert "`labeler share" in (Path(__file__).resolve().parent.parent / "docs" / "cli.md").read_text()


def test_the_mail_program_commands(env, tmp_path, monkeypatch):
    from labeler.desktop.mail_client import apple_mail_script, xdg_email_command

    script = apple_mail_script(['/tmp/the "plan".pdf'], ["ann@example.com"])
    assert 'address:"ann@example.com"' in script and 'POSIX file "/tmp/the \\"plan\\".pdf"' in script
    monkeypatch.setenv("PATH", env["PATH"])
    assert xdg_email_command(["/tmp/a.pdf"], ["x@example.com"])[1:] == ["--attach", "/tmp/a.pdf", "x@example.com"]
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    assert xdg_email_command(["/tmp/a.pdf"], ["x@example.com"]) is None
