"""The rules that belong on the desktop, through the real command line."""
from __future__ import annotations

import os

import pytest

from conftest import DATA, REPO, run_cli

CORPORATE = (REPO / "resources" / "schemes" / "corporate.toml").read_text(encoding="utf-8")
SAMPLE_GUID = "8a4e2f6b-3c1d-4e5f-9a7b-6c5d4e3f2a1b"  # Microsoft label in msip-custom.docx
SAMPLE_SITE = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0"


def data_env(tmp_path):
    return {"LABELER_DATA_DIR": str(tmp_path / "userdata")}


def test_lowering_needs_justification_and_is_audited(sample, tmp_path):
    env = data_env(tmp_path)
    path = sample("pydocx.docx")
    assert run_cli("apply", "--label", "confidential", path, env=env).returncode == 0
    labelled = path.read_bytes()

    refused = run_cli("apply", "--label", "public", path, "--json", env=env, check_json=True)
    assert refused.returncode == 1
    assert refused.json[0]["kind"] == "justification-required"
    assert "justification" in refused.json[0]["error"]
    assert path.read_bytes() == labelled

    removed = run_cli("remove", path, "--json", env=env, check_json=True)
    assert removed.returncode == 1 and removed.json[0]["kind"] == "justification-required"
    assert path.read_bytes() == labelled

    # Raising never needs a reason; lowering with one is accepted.
    assert run_cli("apply", "--label", "strictly-confidential", path, env=env).returncode == 0
    ok = run_cli("apply", "--label", "internal", path, "--justification", "Published in the annual report",
                 "--json", env=env, check_json=True)
    assert ok.returncode == 0 and ok.json[0]["label"]["id"] == "internal"
    # Internal needs no justification to remove.
    assert run_cli("remove", path, env=env).returncode == 0

    audit = run_cli("audit", "--json", env=env, check_json=True)
    entries = audit.json
    assert [e["new_label"]["id"] if e["new_label"] else None for e in entries] == \
        ["confidential", "strictly-confidential", "internal", None]
    assert entries[2]["justification"] == "Published in the annual report"
    assert entries[2]["old_label"]["id"] == "strictly-confidential"
    assert all(len(e["content_sha256"]) == 64 for e in entries)
    assert run_cli("audit", "verify", env=env).returncode == 0


def mapped_scheme(tmp_path):
    """The corporate scheme with 'confidential' mapped to the sample's Microsoft label."""
    text = CORPORATE.replace('label_guid = "8b1d2f4e-3c5a-4e6b-9f7d-0a1b2c3d4e03"',
                             f'label_guid = "{SAMPLE_GUID}"')
    text = text.replace('site_id = "4f1c7a2b-9d3e-4a5f-8b6c-7d8e9f0a1b2c"', f'site_id = "{SAMPLE_SITE}"')
    path = tmp_path / "mapped.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_foreign_label_mapped_by_the_scheme_counts_as_that_label(sample, tmp_path):
    env = data_env(tmp_path)
    path = sample("msip-custom.docx")
    scheme = mapped_scheme(tmp_path)
    shown = run_cli("--scheme", scheme, "show", path, "--json", env=env, check_json=True).json[0]
    assert shown["label"] is None and shown["recognised_as"] == "confidential"
    before = path.read_bytes()
    # It counts as Confidential: lowering it needs a justification.
    refused = run_cli("--scheme", scheme, "apply", "--label", "public", path, "--json", env=env, check_json=True)
    assert refused.json[0]["kind"] == "justification-required" and path.read_bytes() == before


def test_unmapped_foreign_label_is_shown_and_preserved(sample, tmp_path):
    env = data_env(tmp_path)
    path = sample("msip-custom.docx")
    shown = run_cli("show", path, "--json", env=env, check_json=True).json[0]
    assert shown["recognised_as"] is None
    systems = {f["system"] for f in shown["foreign"]}
    assert systems == {"microsoft", "titus", "boldon-james"}
    labelled = run_cli("apply", "--label", "internal", path, "--json", env=env, check_json=True).json[0]
    assert {f["system"] for f in labelled["foreign"]} == systems


def check(path, target, tmp_path, *extra):
    return run_cli("check", path, "--to", target, "--json", *extra, env=data_env(tmp_path), check_json=True)


def test_check_exit_codes_and_advice(sample, tmp_path):
    env = data_env(tmp_path)
    path = sample("pydocx.docx")
    run_cli("apply", "--label", "confidential", path, env=env)
    allowed = check(path, "colleague@example.com", tmp_path)
    assert allowed.returncode == 0 and allowed.json["channel"] == "email-internal"
    forbidden = check(path, "someone@gmail.com", tmp_path)
    assert forbidden.returncode == 3 and forbidden.json["verdict"] == "forbidden"
    assert forbidden.json["instead"]
    conditional = check(path, "usb", tmp_path)
    assert conditional.returncode == 4 and conditional.json["condition"]
    assert check(path, "personal-cloud", tmp_path).returncode == 3


def test_attachment_size_rule(sample, tmp_path):
    small = tmp_path / "small.txt"
    small.write_text("a short internal note\n")
    env = data_env(tmp_path)
    big = sample("pydocx.docx")  # 36 KB, over the 30 KB limit for Internal
    for path in (small, big):
        assert run_cli("apply", "--label", "internal", path, env=env).returncode == 0
    within = check(small, "someone@gmail.com", tmp_path)
    assert within.returncode == 4 and "30 KB" in within.json["condition"]
    over = check(big, "someone@gmail.com", tmp_path)
    assert over.returncode == 3 and over.json["size_limited"] is True
    assert "collaboration" in over.json["instead"]
    human = run_cli("check", big, "--to", "someone@gmail.com", env=env)
    assert "over the attachment limit" in human.stdout and human.returncode == 3


def test_check_unlabelled_counts_as_default_and_speaks_dutch(sample, tmp_path):
    path = sample("lo-writer.odt")
    result = check(path, "usb", tmp_path, "--lang", "nl")
    assert result.json["label_assumed"] is True and result.json["label"]["id"] == "internal"
    human = run_cli("check", path, "--to", "usb", "--lang", "nl", env=data_env(tmp_path))
    assert "heeft geen label" in human.stdout


@pytest.mark.parametrize("lang, why, condition", [
    ("en", "  Why: Whoever finds", "  Condition: Encrypted USB only.\n"),
    ("nl", "  Waarom: Wie een", "  Voorwaarde: Alleen op een versleutelde usb-stick.\n"),
    ("fr", "  Pourquoi\u00a0: Quiconque", "  Condition\u00a0: Uniquement sur une clé USB chiffrée.\n")])
def test_check_prints_why_and_condition_as_sentences_in_each_language(sample, tmp_path, lang, why, condition):
    """French puts a no-break space before the colon; the scheme's fragment "encrypted USB only" is printed
    as a sentence (the scheme's text itself stays as written: --json gives it unchanged)."""
    env = data_env(tmp_path)
    path = sample("pydocx.docx")
    assert run_cli("apply", "--label", "confidential", path, env=env).returncode == 0
    human = run_cli("check", path, "--to", "usb", "--lang", lang, env=env)
    assert human.returncode == 4
    assert why in human.stdout and condition in human.stdout
    assert " :" not in human.stdout.replace("\u00a0:", "")  # never a plain space before a colon
    assert check(path, "usb", tmp_path, "--lang", lang).json["condition"][0].islower()


def test_check_bad_target_is_usage_error(sample, tmp_path):
    proc = run_cli("check", sample("pydocx.docx"), "--to", "carrier-pigeon", env=data_env(tmp_path))
    assert proc.returncode == 2 and "not a destination" in proc.stderr and "Traceback" not in proc.stderr


def test_scan_reports_counts_unlabelled_foreign_and_errors(tmp_path):
    env = data_env(tmp_path)
    folder = tmp_path / "home"
    (folder / "sub").mkdir(parents=True)
    for name in ("pydocx.docx", "openpyxl.xlsx", "msip-custom.docx", "encrypted.docx"):
        (folder / name).write_bytes((DATA / name).read_bytes())
    (folder / "sub" / "lo-writer.odt").write_bytes((DATA / "lo-writer.odt").read_bytes())
    (folder / "notes.txt").write_text("hello")
    (folder / "~$report.docx").write_bytes(b"owner file")  # editors' lock files are skipped
    run_cli("apply", "--label", "confidential", folder / "pydocx.docx", env=env)
    run_cli("apply", "--label", "public", folder / "sub" / "lo-writer.odt", env=env)
    proc = run_cli("scan", folder, "--json", env=env, check_json=True)
    report = proc.json
    assert proc.returncode == 1  # the encrypted file could not be read
    assert report["files"] == 6 and report["documents"] == 5
    assert report["by_label"] == {"confidential": 1, "public": 1}
    assert sorted(os.path.basename(p) for p in report["unlabelled"]) == ["msip-custom.docx", "openpyxl.xlsx"]
    assert {f["system"] for f in report["foreign"]} == {"microsoft", "titus", "boldon-james"}
    assert [e["kind"] for e in report["errors"]] == ["encrypted"]
    human = run_cli("scan", folder, env=env)
    assert "not labelled yet" in human.stdout and "Traceback" not in human.stderr
