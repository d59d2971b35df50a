"""The audit trail: hash chain, tamper detection, concurrent appends, the `labeler audit` command."""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from datetime import datetime, timedelta, UTC

import pytest

from labeler.org.audit import GENESIS, AuditEvent, AuditLog, entry_hash, label_ref, sha256_file
from labeler.paths import audit_log_path

from conftest import REPO, run_cli

LABELS = [("public", "Public"), ("internal", "Internal"), ("confidential", "Confidential"), ("secret", "Secret")]


@pytest.fixture
def doc(tmp_path):
    path = tmp_path / "docs" / "report.txt"
    path.parent.mkdir()
    path.write_bytes(b"quarterly figures\n" * 100)
    return path


@pytest.fixture
def log(tmp_path):
    return AuditLog(tmp_path / "data" / "audit.jsonl")


def record_several(log: AuditLog, doc, n=5):
    events = []
    for i in range(n):
        old = LABELS[i % 4] if i else None
        new = LABELS[(i + 1) % 4]
        events.append(log.record("apply", doc, old, new, ["manual", "recommended", "default"][i % 3],
                                 justification=f"reason {i}" if i % 2 else None,
                                 scheme_id="test-scheme", scheme_version=3))
    return events


def lines(log: AuditLog) -> list[str]:
    return log.path.read_text("utf-8").splitlines(keepends=True)


def write_lines(log: AuditLog, content: list[str]) -> None:
    log.path.write_text("".join(content), "utf-8")


# -- the event -------------------------------------------------------------------
def test_event_records_who_what_where_and_how(log, doc):
    event = log.record("apply", doc, ("internal", "Internal"), ("confidential", "Confidential"), "recommended",
                       justification="contains salaries", scheme_id="test-scheme", scheme_version=3)
    stored = json.loads(log.path.read_text("utf-8"))
    assert stored["seq"] == 1 and stored["prev"] == GENESIS and stored["hash"] == event.hash
    assert stored["hash"] == entry_hash(stored)
    assert stored["path"] == str(doc.resolve())
    assert stored["content_sha256"] == hashlib.sha256(doc.read_bytes()).hexdigest()
    assert stored["old_label"] == {"id": "internal", "name": "Internal"}
    assert stored["new_label"] == {"id": "confidential", "name": "Confidential"}
    assert stored["method"] == "recommended" and stored["justification"] == "contains salaries"
    assert stored["scheme_id"] == "test-scheme" and stored["scheme_version"] == 3
    assert stored["action"] == "apply" and stored["user"] and stored["machine"]
    assert datetime.fromisoformat(stored["time"].replace("Z", "+00:00")).tzinfo is not None


def test_label_ref_accepts_found_labels_policy_labels_and_pairs():
    from formats.model import FoundLabel

    class SchemeLabel:  # like policy.Label: localised names through name(lang)
        id = "secret"

        def name(self, lang="en"):
            return {"en": "Secret", "nl": "Geheim"}[lang]

    found = FoundLabel(system="labeler", id="internal", name="Internal", where="docProps/custom.xml")
    assert label_ref(found) == {"id": "internal", "name": "Internal"}
    assert label_ref(SchemeLabel()) == {"id": "secret", "name": "Secret"}
    assert label_ref({"id": "x", "name": "X"}) == {"id": "x", "name": "X"}
    assert label_ref(None) is None and label_ref(("a", "A")) == {"id": "a", "name": "A"}


def test_bad_action_or_method_is_a_programming_error(doc):
    with pytest.raises(ValueError):
        AuditEvent.create("delete", doc, None, None, "manual")
    with pytest.raises(ValueError):
        AuditEvent.create("apply", doc, None, ("a", "A"), "automatic")


def test_streamed_hash_of_a_file_larger_than_one_chunk(tmp_path):
    big = tmp_path / "big.bin"
    big.write_bytes(bytes(range(256)) * 9000)  # about 2.2 MB
    assert sha256_file(big) == hashlib.sha256(big.read_bytes()).hexdigest()
    assert sha256_file(tmp_path / "missing") is None


# -- verification ------------------------------------------------------------------
def test_missing_log_is_intact_with_no_entries(log):
    result = log.verify()
    assert result.ok and result.entries == 0
    assert log.entries() == []


def test_intact_chain_verifies(log, doc):
    events = record_several(log, doc, 6)
    result = log.verify()
    assert result.ok and result.entries == 6, result
    assert [e.seq for e in log.entries()] == [1, 2, 3, 4, 5, 6]
    assert [e.hash for e in log.entries()] == [e.hash for e in events]
    assert str(result) == "Audit log intact: 6 entries"


def test_edited_middle_entry_is_detected_at_its_line(log, doc):
    record_several(log, doc, 5)
    content = lines(log)
    entry = json.loads(content[2])
    entry["new_label"] = {"id": "public", "name": "Public"}
    content[2] = json.dumps(entry) + "\n"
    write_lines(log, content)
    result = log.verify()
    assert not result.ok and result.line == 3 and "hash mismatch" in result.reason
    assert result.entries == 2


def test_edited_entry_with_recomputed_hash_breaks_the_next_link(log, doc):
    record_several(log, doc, 5)
    content = lines(log)
    entry = json.loads(content[1])
    entry["user"] = "somebody-else"
    entry["hash"] = entry_hash(entry)
    content[1] = json.dumps(entry) + "\n"
    write_lines(log, content)
    result = log.verify()
    assert not result.ok and result.line == 3 and "prev mismatch" in result.reason


def test_deleted_middle_entry_is_detected(log, doc):
    record_several(log, doc, 5)
    content = lines(log)
    del content[2]
    write_lines(log, content)
    result = log.verify()
    assert not result.ok and result.line == 3 and "prev mismatch" in result.reason


def test_reordered_entries_are_detected(log, doc):
    record_several(log, doc, 4)
    content = lines(log)
    content[1], content[2] = content[2], content[1]
    write_lines(log, content)
    result = log.verify()
    assert not result.ok and result.line == 2


def test_deleted_last_entry_is_detected_through_the_head(log, doc):
    record_several(log, doc, 5)
    write_lines(log, lines(log)[:-1])
    result = log.verify()
    assert not result.ok and result.line == 5 and "deleted" in result.reason
    assert result.entries == 4


def test_truncation_stays_detectable_after_new_appends(log, doc):
    record_several(log, doc, 5)
    write_lines(log, lines(log)[:-2])
    log.record("remove", doc, ("secret", "Secret"), None, "manual", justification="no longer secret")
    result = log.verify()
    assert not result.ok and result.line == 4 and "prev mismatch" in result.reason


def test_deleted_log_with_head_left_is_detected(log, doc):
    record_several(log, doc, 3)
    log.path.unlink()
    result = log.verify()
    assert not result.ok and "missing" in result.reason


def test_deleted_head_is_detected(log, doc):
    record_several(log, doc, 3)
    log.head_path.unlink()
    result = log.verify()
    assert not result.ok and "head" in result.reason


def test_truncated_final_line_is_reported_as_such(log, doc):
    record_several(log, doc, 3)
    data = log.path.read_bytes()
    log.path.write_bytes(data[:-40])
    result = log.verify()
    assert not result.ok and result.line == 3 and "incomplete" in result.reason


def test_unparseable_line_is_reported(log, doc):
    record_several(log, doc, 3)
    content = lines(log)
    content.insert(1, "this is not json\n")
    write_lines(log, content)
    result = log.verify()
    assert not result.ok and result.line == 2 and "not valid JSON" in result.reason


def test_entries_since(log, doc):
    old = (datetime.now(UTC) - timedelta(days=10)).isoformat().replace("+00:00", "Z")
    log.append(AuditEvent.create("apply", doc, None, ("internal", "Internal"), "default", time=old))
    log.record("apply", doc, ("internal", "Internal"), ("secret", "Secret"), "manual")
    assert len(log.entries()) == 2
    recent = log.entries(since=datetime.now(UTC) - timedelta(days=1))
    assert [e.new_label["id"] for e in recent] == ["secret"]
    assert log.verify().ok


# -- concurrency -------------------------------------------------------------------
WRITER = """
import sys
sys.path.insert(0, {repo!r})
from labeler.org.audit import AuditLog
log = AuditLog({log!r})
for i in range(25):
    log.record("apply", {doc!r}, None, ("internal", "Internal"), "manual", justification=f"w{{sys.argv[1]}}-{{i}}")
"""


def test_concurrent_appends_from_four_processes_keep_one_chain(log, doc):
    code = WRITER.format(repo=str(REPO), log=str(log.path), doc=str(doc))
    procs = [subprocess.Popen([sys.executable, "-c", code, str(n)], stderr=subprocess.PIPE, text=True)
             for n in range(4)]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    result = log.verify()
    assert result.ok and result.entries == 100, result
    entries = log.entries()
    assert [e.seq for e in entries] == list(range(1, 101))
    assert sorted(e.justification for e in entries) == sorted(f"w{n}-{i}" for n in range(4) for i in range(25))


# -- the command line --------------------------------------------------------------
@pytest.fixture
def cli_env(tmp_path):
    data = tmp_path / "labeler-data"
    return {"LABELER_DATA_DIR": str(data), "LABELER_SYSLOG": ""}


def test_default_log_is_in_the_data_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("LABELER_DATA_DIR", str(tmp_path))
    assert audit_log_path() == tmp_path / "audit.jsonl"
    assert AuditLog.default().path == tmp_path / "audit.jsonl"


def test_cli_audit_lists_verifies_and_filters(cli_env, doc, tmp_path, monkeypatch):
    monkeypatch.setenv("LABELER_DATA_DIR", cli_env["LABELER_DATA_DIR"])
    log = AuditLog.default()
    week_ago = (datetime.now(UTC) - timedelta(days=7)).isoformat().replace("+00:00", "Z")
    log.append(AuditEvent.create("apply", doc, None, ("internal", "Internal"), "default", time=week_ago))
    log.record("apply", doc, ("internal", "Internal"), ("confidential", "Confidential"), "recommended")
    log.record("remove", doc, ("confidential", "Confidential"), None, "manual", justification="sent to the press")

    proc = run_cli("audit", "--json", env=cli_env, check_json=True)
    assert proc.returncode == 0, proc.stderr
    assert [e["seq"] for e in proc.json] == [1, 2, 3]
    assert proc.json[2]["action"] == "remove" and proc.json[2]["justification"] == "sent to the press"
    assert proc.json[1]["method"] == "recommended" and proc.json[1]["path"] == str(doc.resolve())

    yesterday = (datetime.now() - timedelta(days=1)).strftime("%Y-%m-%d")
    proc = run_cli("audit", "--json", "--since", yesterday, env=cli_env, check_json=True)
    assert [e["seq"] for e in proc.json] == [2, 3]
    proc = run_cli("audit", "--json", "--since", "2999-01-01T00:00:00Z", env=cli_env, check_json=True)
    assert proc.json == []

    proc = run_cli("audit", env=cli_env)
    assert proc.returncode == 0
    rows = proc.stdout.splitlines()
    assert len(rows) == 3
    assert "Internal → Confidential" in rows[1] and "recommended" in rows[1] and str(doc.resolve()) in rows[1]
    assert "remove" in rows[2] and "Confidential → —" in rows[2] and "sent to the press" in rows[2]

    proc = run_cli("audit", "verify", env=cli_env)
    assert proc.returncode == 0 and proc.stdout.strip() == "Audit log intact: 3 entries"

    content = lines(log)
    del content[1]
    write_lines(log, content)
    proc = run_cli("audit", "verify", env=cli_env)
    assert proc.returncode == 1
    assert proc.stdout.startswith("Audit log damaged at line 2: ")
    proc = run_cli("audit", "verify", "--json", env=cli_env, check_json=True)
    assert proc.returncode == 1 and proc.json["ok"] is False and proc.json["line"] == 2


def test_cli_audit_with_no_log(cli_env):
    proc = run_cli("audit", "verify", env=cli_env)
    assert proc.returncode == 0 and proc.stdout.strip() == "Audit log intact: 0 entries"
    proc = run_cli("audit", "--json", env=cli_env, check_json=True)
    assert proc.returncode == 0 and proc.json == []


def test_cli_audit_bad_usage(cli_env):
    assert run_cli("audit", "--since", "last tuesday", env=cli_env).returncode == 2
    assert run_cli("audit", "frobnicate", env=cli_env).returncode == 2
