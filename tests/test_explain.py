"""`labeler explain LABEL`: what a label means per channel, through the real command line."""
from __future__ import annotations

from conftest import REPO, run_cli


def test_explain_in_dutch():
    proc = run_cli("explain", "confidential", "--lang", "nl")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert out.startswith("Vertrouwelijk  [confidential]")
    assert "Dit label verlagen of verwijderen kan alleen met een reden." in out
    lines = [l.strip() for l in out.splitlines() if l.startswith("  ")]
    assert len(lines) == 8
    assert lines[0].startswith("✔ E-mail binnen de organisatie: toegestaan.")
    assert lines[1].startswith("◐ E-mail naar partners: onder voorwaarden: alleen versleutelde e-mail")
    assert lines[2].startswith("✘ E-mail naar alle anderen: niet toegestaan. Vertrouwelijke informatie")
    assert "In plaats daarvan: Vraag je leidinggevende" in lines[2]
    assert lines[4].startswith("✘ Persoonlijke cloud")


def test_explain_by_name_in_french_and_english_default():
    proc = run_cli("explain", "Interne", "--lang", "fr")
    assert proc.returncode == 0, proc.stderr
    assert "pièces jointes jusqu'à 30 Ko" in proc.stdout and "Partage :" in proc.stdout
    english = run_cli("explain", "strictly-confidential").stdout
    assert "✘ Chat and messaging: not allowed." in english
    assert "Lowering or removing this label needs a justification." in english


def test_explain_json():
    proc = run_cli("explain", "internal", "--json", "--lang", "nl", check_json=True)
    assert proc.returncode == 0, proc.stderr
    data = proc.json
    assert data["label"]["id"] == "internal" and data["label"]["name"] == "Intern"
    assert [c["channel"] for c in data["channels"]] == [
        "email-internal", "email-partner", "email-external", "collaboration", "personal-cloud",
        "removable-media", "print", "chat"]
    external = data["channels"][2]
    assert external["verdict"] == "conditional" and external["max_attachment_kb"] == 30
    assert external["name"] == "E-mail naar alle anderen" and "30 kB" in external["condition"]
    assert data["channels"][4]["instead"] == "Gebruik de samenwerkingsomgeving van het bedrijf."


def test_explain_with_another_scheme():
    proc = run_cli("--scheme", REPO / "resources" / "schemes" / "tlp.toml", "explain", "TLP:RED")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("TLP:RED  [red]")
    assert "◐ Printing: with conditions: only for your own use" in proc.stdout


def test_unknown_label_is_a_usage_error():
    proc = run_cli("explain", "secret")
    assert proc.returncode == 2
    assert "public, internal, confidential, strictly-confidential" in proc.stderr
    assert run_cli("explain", "public", "--lang", "de").returncode == 2
