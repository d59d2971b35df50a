"""The audit trail's gaps, closed: duplicate keys, lone surrogates, a deleted log, errors that name what failed,
and a sequence number on every forwarded entry.  Through the real `labeler` command line where it fits."""
from __future__ import annotations

import errno
import json
import logging

import pytest

from labeler.org import audit as audit_module
from labeler.org.audit import MARKER_NAME, AuditEvent, AuditLog, AuditWriteError, BadLine, entry_hash, parse_line
from labeler.org.syslog_forward import format_message

from conftest import run_cli

LABELS = [("public", "Public"), ("internal", "Internal"), ("confidential", "Confidential")]


@pytest.fixture
def env(tmp_path, monkeypatch):
    """A data folder and a settings folder of this test's own, here and in every CLI run."""
    values = {"LABELER_DATA_DIR": str(tmp_path / "data"), "LABELER_CONFIG_DIR": str(tmp_path / "config"),
              "LABELER_SYSLOG": "", "LANGUAGE": "en"}
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    return values


@pytest.fixture
def doc(tmp_path):
    path = tmp_path / "docs" / "report.txt"
    path.parent.mkdir()
    path.write_bytes(b"quarterly figures\n")
    return path


def record(log: AuditLog, doc, n: int = 3) -> list[AuditEvent]:
    return [log.record("apply", doc, LABELS[i % 3] if i else None, LABELS[(i + 1) % 3], "manual") for i in range(n)]


def lines(log: AuditLog) -> list[bytes]:
    return log.path.read_bytes().splitlines(keepends=True)


# -- duplicate keys ------------------------------------------------------------------
def forge_duplicate_path(log: AuditLog, line: int, forged: str = "/srv/forged.docx") -> None:
    """Put a second "path" key before the real one: json.loads keeps the last (the real one, so the hash
    still matches), a reader that keeps the first sees the forgery."""
    content = lines(log)
    content[line - 1] = b'{"path":' + json.dumps(forged).encode() + b"," + content[line - 1][1:]
    log.path.write_bytes(b"".join(content))


def test_a_duplicate_key_before_the_real_one_is_damage_at_its_line(env, doc):
    log = AuditLog.default()
    record(log, doc)
    forge_duplicate_path(log, 2)
    assert entry_hash(json.loads(lines(log)[1])) == json.loads(lines(log)[1])["hash"]  # the plain reader is fooled

    result = log.verify()
    assert not result.ok and result.line == 2 and result.entries == 1
    assert 'the key "path" appears twice' in result.reason

    proc = run_cli("audit", "verify")
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.startswith('Audit log damaged at line 2: the key "path" appears twice')
    assert "Traceback" not in proc.stderr


def test_listing_skips_a_duplicate_key_line_and_says_which(env, doc):
    log = AuditLog.default()
    record(log, doc)
    forge_duplicate_path(log, 2)
    proc = run_cli("audit")
    assert proc.returncode == 1
    assert len(proc.stdout.splitlines()) == 2 and "/srv/forged.docx" not in proc.stdout
    assert 'line 2 of the audit log was skipped: the key "path" appears twice' in proc.stderr
    assert "labeler audit verify" in proc.stderr
    proc = run_cli("audit", "--json", check_json=True)
    assert [e["seq"] for e in proc.json] == [1, 3] and "line 2" in proc.stderr


def test_parse_line_refuses_duplicates_at_any_depth():
    with pytest.raises(BadLine) as caught:
        parse_line(b'{"new_label": {"id": "public", "id": "secret"}, "hash": "x"}')
    assert caught.value.key == "duplicate" and caught.value.params == {"field": "id"}
    assert parse_line(b'{"a": {"b": 1}, "b": 2}') == {"a": {"b": 1}, "b": 2}  # the same key in two objects is fine


# -- lone surrogates -----------------------------------------------------------------
def put_surrogate(log: AuditLog, line: int) -> None:
    content = lines(log)
    entry = json.loads(content[line - 1])
    entry["justification"] = "see \ud800 here"
    # the \ud800 escape, as a forger writes it
    content[line - 1] = json.dumps(entry, ensure_ascii=True).encode() + b"\n"
    log.path.write_bytes(b"".join(content))


def test_a_lone_surrogate_is_reported_with_its_line_and_never_crashes_the_cli(env, doc):
    log = AuditLog.default()
    record(log, doc)
    put_surrogate(log, 2)
    assert b"\\ud800" in lines(log)[1]

    proc = run_cli("audit", "verify")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr and "UnicodeEncodeError" not in proc.stderr
    assert proc.stdout.startswith('Audit log damaged at line 2: the value of "justification" holds an escape')

    proc = run_cli("audit", "verify", "--json", check_json=True)
    assert proc.json["ok"] is False and proc.json["line"] == 2

    proc = run_cli("audit")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert len(proc.stdout.splitlines()) == 2
    assert "line 2 of the audit log was skipped" in proc.stderr


def test_a_new_entry_after_a_damaged_last_line_is_still_chained_to_the_good_one(tmp_path, doc):
    log = AuditLog(tmp_path / "audit.jsonl")
    record(log, doc)
    put_surrogate(log, 3)
    event = log.record("remove", doc, LABELS[0], None, "manual", justification="fine")
    assert event.seq == 4  # the head remembers 3 entries; the damaged line stays visible to verify
    result = log.verify()
    assert not result.ok and result.line == 3


def test_a_line_that_is_json_but_not_an_entry_is_skipped_when_listing(env, doc):
    log = AuditLog.default()
    record(log, doc, 2)
    content = lines(log)
    content.insert(1, b'{"old_label": 5, "new_label": "x", "time": 7}\n')
    log.path.write_bytes(b"".join(content))
    proc = run_cli("audit")
    assert "Traceback" not in proc.stderr
    skipped: list = []
    assert len(log.entries(skipped=skipped)) == 2 and [s.line for s in skipped] == [2]


# -- a deleted log -------------------------------------------------------------------
def test_deleting_the_log_and_its_head_is_reported_as_a_deletion(env, doc, tmp_path):
    log = AuditLog.default()
    record(log, doc)
    marker = tmp_path / "config" / MARKER_NAME
    assert json.loads(marker.read_text())["count"] == 3

    log.path.unlink()
    log.head_path.unlink()
    proc = run_cli("audit", "verify")
    assert proc.returncode == 1
    assert proc.stdout.strip().endswith("the audit log was deleted after 3 entries (the marker "
                                        f"{marker} remembers them)")
    assert "intact" not in proc.stdout

    # Labelling goes on, numbered after the lost entries: the gap stays visible, here and at the SIEM.
    event = log.record("apply", doc, None, LABELS[1], "manual")
    assert event.seq == 4
    proc = run_cli("audit", "verify", "--json", check_json=True)
    assert proc.returncode == 1 and proc.json["line"] == 1
    assert proc.json["reason"] == "the log starts at entry 4: the first 3 entries were deleted"


def test_a_log_and_head_both_cut_short_are_caught_by_the_marker(env, doc):
    log = AuditLog.default()
    record(log, doc, 5)
    content = lines(log)[:3]
    log.path.write_bytes(b"".join(content))
    last = json.loads(content[-1])
    log.head_path.write_text(json.dumps({"count": 3, "hash": last["hash"]}))
    result = log.verify()
    assert not result.ok and result.line == 4
    assert result.reason == ("the log ends after entry 3 but 5 entries were written: the last 2 entries were "
                             "deleted")


def test_a_rewritten_log_with_a_consistent_head_disagrees_with_the_marker(env, doc):
    log = AuditLog.default()
    record(log, doc, 2)
    # Rewrite entry 2 and re-chain it, and the head too: only the marker, kept elsewhere, still knows.
    content = lines(log)
    entry = json.loads(content[1])
    entry["user"] = "someone-else"
    entry["hash"] = entry_hash(entry)
    content[1] = json.dumps(entry).encode() + b"\n"
    log.path.write_bytes(b"".join(content))
    log.head_path.write_text(json.dumps({"count": 2, "hash": entry["hash"]}))
    result = log.verify()
    assert not result.ok and result.line == 2 and "the marker" in result.reason and "rewritten" in result.reason


def test_the_marker_of_another_log_says_nothing_about_this_one(env, doc, tmp_path, monkeypatch):
    record(AuditLog.default(), doc)
    monkeypatch.setenv("LABELER_DATA_DIR", str(tmp_path / "other-data"))  # same settings folder, another log
    fresh = AuditLog.default()
    assert fresh.verify().ok and fresh.verify().entries == 0
    assert fresh.record("apply", doc, None, LABELS[0]).seq == 1


def test_a_log_never_written_is_intact_with_no_entries(env):
    proc = run_cli("audit", "verify")
    assert proc.returncode == 0 and proc.stdout.strip() == "Audit log intact: 0 entries"


# -- errors that name what failed -------------------------------------------------------
def test_a_lock_that_cannot_be_taken_is_named(tmp_path, doc):
    log = AuditLog(tmp_path / "data" / "audit.jsonl")
    log.lock_path.mkdir(parents=True)  # a folder where the lock file should be
    with pytest.raises(AuditWriteError) as caught:
        log.record("apply", doc, None, LABELS[0])
    assert caught.value.reason.startswith("its lock file audit.jsonl.lock could not be opened")
    assert not log.path.exists()


def test_a_log_that_cannot_be_read_is_named(tmp_path, doc):
    log = AuditLog(tmp_path / "data" / "audit.jsonl")
    log.path.mkdir(parents=True)  # a folder where the log should be
    with pytest.raises(AuditWriteError) as caught:
        log.record("apply", doc, None, LABELS[0])
    assert caught.value.reason.startswith("audit.jsonl could not be read")


def test_a_full_disk_while_writing_the_entry_blames_the_entry(tmp_path, doc, monkeypatch):
    log = AuditLog(tmp_path / "data" / "audit.jsonl")
    record(log, doc, 1)

    def full(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(audit_module.os, "write", full)
    with pytest.raises(AuditWriteError) as caught:
        log.record("apply", doc, LABELS[0], LABELS[1])
    monkeypatch.undo()
    assert caught.value.reason == "the entry could not be written to audit.jsonl: No space left on device"
    assert len(log.entries()) == 1 and log.verify().ok


def test_a_head_that_cannot_be_written_does_not_fail_the_change(tmp_path, doc, monkeypatch, caplog):
    log = AuditLog(tmp_path / "data" / "audit.jsonl")
    record(log, doc, 1)

    def full(self, count, last_hash):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(AuditLog, "_write_head", full)
    with caplog.at_level(logging.WARNING, logger="labeler.org.audit"):
        event = log.record("apply", doc, LABELS[0], LABELS[1])  # no AuditWriteError: the entry is on disk
    assert event.seq == 2 and len(log.entries()) == 2
    assert any("head" in r.getMessage() and "No space left" in r.getMessage() for r in caplog.records)
    monkeypatch.undo()
    assert log.verify().ok  # a head that lags is repaired by the next append
    log.record("apply", doc, LABELS[1], LABELS[2])
    assert json.loads(log.head_path.read_text())["count"] == 3


def test_the_cli_says_the_lock_failed_not_the_log(env, sample, tmp_path):
    doc = sample("lo-writer.docx")
    lock = tmp_path / "data" / "audit.jsonl.lock"
    lock.mkdir(parents=True)
    proc = run_cli("apply", "--label", "internal", doc)
    assert proc.returncode == 1
    assert "its lock file audit.jsonl.lock could not be opened" in proc.stdout + proc.stderr
    assert "left as it was" in proc.stdout + proc.stderr


# -- every forwarded entry carries its sequence number --------------------------------------
def params(message: str) -> dict[str, str]:
    sd = message[message.index("[labeler@32473 ") + len("[labeler@32473 "):message.index("] ")]
    return dict(part.split("=", 1) for part in sd.replace('"', "").split(" ") if "=" in part)


def test_every_forwarded_entry_carries_its_seq_and_an_abort_names_what_it_cancels(tmp_path, doc):
    log = AuditLog(tmp_path / "audit.jsonl")
    change = log.record("apply", doc, None, LABELS[1], "manual")
    abort = log.append(AuditEvent.abort_of(change, "not made: the file was locked"))
    first, second = params(format_message(change)), params(format_message(abort))
    assert first["seq"] == "1" and "cancels" not in first
    assert second["seq"] == "2" and second["cancels"] == "1"
