"""Content hints: `labeler suggest` on the command line shows counts, never the values found."""
from __future__ import annotations

from pathlib import Path


from tests.conftest import run_cli
from tests.hints_support import (BSN, IBAN_BE, NRN, fmt_nrn, make_docx)


# -- the command line ------------------------------------------------------------------------

def _secret_forms(*values: str) -> set[str]:
    forms = set()
    for v in values:
        forms |= {v, v.replace(" ", ""), v.replace(" ", "").lower()}
    forms |= {fmt_nrn(NRN), NRN}
    return forms


def test_cli_suggest_json_shows_counts_never_values(tmp_path):
    path = make_docx(tmp_path / "letter.docx", [f"Betaal op {IBAN_BE}", f"Rijksregisternummer {fmt_nrn(NRN)}"])
    before = path.read_bytes()
    proc = run_cli("suggest", path, "--json", check_json=True)
    assert proc.returncode == 0, proc.stderr
    [result] = proc.json
    assert result["path"] == str(path)
    assert result["recommended"] == {"id": "confidential", "name": "Confidential"}
    assert result["evidence"] == {"iban": 1, "be-national-register": 1}
    assert result["summary"] == "1 national register number and 1 IBAN number"
    assert result["truncated"] is False and result["error"] is None
    for form in _secret_forms(IBAN_BE):
        assert form not in proc.stdout and form not in proc.stderr
    assert path.read_bytes() == before  # a suggestion never changes the file

    human = run_cli("suggest", path, "--lang", "fr")
    assert human.returncode == 0
    assert "[confidential]" in human.stdout and "1 numéro IBAN" in human.stdout
    for form in _secret_forms(IBAN_BE):
        assert form not in human.stdout and form not in human.stderr


def test_cli_suggest_recursive_and_failures(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "notes.txt").write_text("lunch menu", encoding="utf-8")
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # skipped inside folders
    (folder / "payroll.csv").write_text(f"name;bsn\nJan;{BSN}\n", encoding="utf-8")
    proc = run_cli("suggest", "-r", folder, "--json", check_json=True)
    assert proc.returncode == 0, proc.stderr
    by_name = {Path(r["path"]).name: r for r in proc.json}
    assert set(by_name) == {"notes.txt", "payroll.csv"}
    assert by_name["notes.txt"]["recommended"] is None
    assert by_name["notes.txt"]["summary"] == "nothing sensitive found"
    assert by_name["payroll.csv"]["recommended"]["id"] == "confidential"
    assert BSN not in proc.stdout

    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a document")
    proc = run_cli("suggest", broken, folder / "notes.txt", "--json", check_json=True)
    assert proc.returncode == 1
    assert proc.json[0]["error"] and proc.json[0]["kind"] == "corrupt" and proc.json[0]["recommended"] is None
    assert proc.json[1]["error"] is None
