"""The built-in scheme, and what an admin sees when a scheme file is wrong."""
from __future__ import annotations

import textwrap

import pytest

from formats.model import MicrosoftMapping, TscpMapping
from policy import Label, Scheme, SchemeError, load_builtin, load_scheme


# --- the built-in scheme ----------------------------------------------------

@pytest.fixture(scope="module")
def corporate() -> Scheme:
    return load_builtin()


def test_builtin_has_four_labels_least_sensitive_first(corporate):
    assert (corporate.id, corporate.version, corporate.name, corporate.organisation) == (
        "example-corp", 1, "Example Corp classification", "Example Corp")
    assert [l.id for l in corporate.labels] == [
        "public", "internal", "confidential", "strictly-confidential"]
    assert [l.rank for l in corporate.labels] == [0, 1, 2, 3]
    assert [corporate.rank_of(l) for l in corporate.labels] == [0, 1, 2, 3]
    assert corporate.rank_of("confidential") == 2


def test_builtin_labels_have_three_languages_and_a_colour(corporate):
    for label in corporate.labels:
        assert set(label.names) >= {"en", "nl", "fr"}
        assert set(label.descriptions) >= {"en", "nl", "fr"}
        assert label.color.startswith("#") and len(label.color) == 7
    assert len({l.color for l in corporate.labels}) == 4


def test_find_by_id_and_by_localized_name(corporate):
    assert corporate.find("confidential").id == "confidential"
    assert corporate.find("Strictly-Confidential").id == "strictly-confidential"
    assert corporate.find("Vertrouwelijk").id == "confidential"
    assert corporate.find("strikt VERTROUWELIJK").id == "strictly-confidential"
    assert corporate.find("Interne").id == "internal"
    assert corporate.find("Secret") is None


def test_label_name_falls_back_to_english(corporate):
    label = corporate.find("internal")
    assert label.name() == "Internal"
    assert label.name("nl") == "Intern"
    assert label.name("nl-BE") == "Intern"
    assert label.name("de") == "Internal"


def test_builtin_mappings(corporate):
    confidential = corporate.find("confidential")
    assert isinstance(confidential.microsoft, MicrosoftMapping)
    assert isinstance(confidential.tscp, TscpMapping)
    assert confidential.tscp.impact_scale == "UK-Cabinet"
    assert [l.tscp.impact_level for l in corporate.labels] == ["0", "1", "2", "3"]
    assert len({l.microsoft.site_id for l in corporate.labels}) == 1
    guid = confidential.microsoft.label_guid
    assert guid == guid.lower() and "{" not in guid
    assert corporate.by_microsoft_guid("{" + guid.upper() + "}") is confidential
    assert corporate.by_tscp_identifier(confidential.tscp.identifier) is confidential
    assert corporate.by_microsoft_guid("00000000-0000-0000-0000-000000000000") is None


def test_scheme_and_labels_are_values(corporate):
    assert corporate == load_builtin("corporate")
    assert hash(corporate.labels[0]) == hash(load_builtin().labels[0])
    with pytest.raises(AttributeError):
        corporate.labels[0].rank = 5  # type: ignore[misc]


def test_unknown_builtin_is_refused():
    with pytest.raises(SchemeError, match="no built-in scheme named 'nope'.*corporate"):
        load_builtin("nope")


# --- files an admin wrote ---------------------------------------------------

HEADER = """\
[scheme]
id = "acme"
version = 3
name = "Acme"
organisation = "Acme Inc."
"""

CHANNEL_IDS = ("email-internal", "email-partner", "email-external", "collaboration", "personal-cloud",
               "removable-media", "print", "chat")
SHARING = "\n[labels.sharing]\n" + "".join(
    f'{c} = {{ verdict = "allowed", why = "Fine." }}\n' for c in CHANNEL_IDS)


def label_toml(label_id="open", color="#00FF00", nl="Open", extra=""):
    return f"""
[[labels]]
id = "{label_id}"
color = "{color}"
{extra}
[labels.name]
en = "{label_id.title()}"
nl = "{nl}"
fr = "{label_id.title()} (fr)"

[labels.description]
en = "d"
nl = "d"
fr = "d"
""" + SHARING


def write(tmp_path, text, name="scheme.toml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def refused(path) -> SchemeError:
    with pytest.raises(SchemeError) as caught:
        load_scheme(path)
    assert str(path) in caught.value.message
    return caught.value


def test_a_valid_hand_written_file(tmp_path):
    path = write(tmp_path, HEADER + label_toml("open") + label_toml("closed", "#ff0000", "Dicht", extra=""))
    scheme = load_scheme(path)
    assert [l.id for l in scheme.labels] == ["open", "closed"]
    assert scheme.labels[1].color == "#FF0000"
    assert scheme.labels[0].microsoft is None and scheme.labels[0].tscp is None
    assert isinstance(scheme.labels[0], Label)


def test_missing_label_id_names_the_field(tmp_path):
    text = HEADER + label_toml("open") + label_toml("closed", nl="Dicht").replace('id = "closed"\n', "")
    error = refused(write(tmp_path, text))
    assert "labels[1].id: is missing" in error.message


def test_bad_colour_names_the_field(tmp_path):
    text = HEADER + label_toml("open") + label_toml("closed", color="#FF00", nl="Dicht")
    error = refused(write(tmp_path, text))
    assert "labels[1].color" in error.message
    assert "'#FF00'" in error.message and "#RRGGBB" in error.message


def test_duplicate_id_names_both_labels(tmp_path):
    text = HEADER + label_toml("open") + label_toml("other", nl="Ander") + label_toml(
        "open", nl="Nogmaals")
    error = refused(write(tmp_path, text))
    assert "labels[2].id: 'open' is already the id of labels[0]" in error.message


def test_unknown_keys_are_errors_at_every_level(tmp_path):
    text = HEADER.replace('name = "Acme"', 'name = "Acme"\nrevision = 2') + label_toml(
        "open", extra='colour = "#00FF00"')
    error = refused(write(tmp_path, text))
    assert "scheme.revision: unknown key" in error.message
    assert "labels[0].colour: unknown key" in error.message
    assert len(error.problems) == 2


def test_unknown_key_in_a_mapping(tmp_path):
    extra = """
[labels.microsoft]
label_guid = "{8B1D2F4E-3C5A-4E6B-9F7D-0A1B2C3D4E01}"
site_id = "4f1c7a2b-9d3e-4a5f-8b6c-7d8e9f0a1b2c"
tenant = "acme"
"""
    text = HEADER + label_toml("open").replace("\n[labels.name]", extra + "\n[labels.name]")
    error = refused(write(tmp_path, text))
    assert "labels[0].microsoft.tenant: unknown key" in error.message


def test_guid_is_normalised(tmp_path):
    extra = """
[labels.microsoft]
label_guid = "{8B1D2F4E-3C5A-4E6B-9F7D-0A1B2C3D4E01}"
site_id = "4F1C7A2B-9D3E-4A5F-8B6C-7D8E9F0A1B2C"
"""
    text = HEADER + label_toml("open").replace("\n[labels.name]", extra + "\n[labels.name]")
    label = load_scheme(write(tmp_path, text)).labels[0]
    assert label.microsoft == MicrosoftMapping("8b1d2f4e-3c5a-4e6b-9f7d-0a1b2c3d4e01",
                                               "4f1c7a2b-9d3e-4a5f-8b6c-7d8e9f0a1b2c")


def test_bad_guid_and_impact_level(tmp_path):
    extra = """
[labels.microsoft]
label_guid = "not-a-guid"
site_id = "4f1c7a2b-9d3e-4a5f-8b6c-7d8e9f0a1b2c"

[labels.tscp]
identifier = "urn:acme:open"
name = "Open"
impact_scale = "UK-Cabinet"
impact_level = "High"
"""
    text = HEADER + label_toml("open").replace("\n[labels.name]", extra + "\n[labels.name]")
    error = refused(write(tmp_path, text))
    assert "labels[0].microsoft.label_guid: 'not-a-guid' is not valid" in error.message
    assert "labels[0].tscp.impact_level: 'High' is not one of 0, 1, 2, 3" in error.message


def test_missing_english_and_wrong_types(tmp_path):
    text = HEADER.replace("version = 3", 'version = "3"') + label_toml("open").replace(
        'en = "Open"\n', "", 1)
    error = refused(write(tmp_path, text))
    assert "scheme.version: must be a whole number, not a string" in error.message
    assert "labels[0].name.en: is missing (English is required" in error.message


def test_a_missing_translation_falls_back_to_english(tmp_path):
    scheme = load_scheme(write(tmp_path, HEADER + label_toml("open").replace('nl = "Open"\n', "")))
    assert "nl" not in scheme.label("open").names
    assert scheme.label("open").name("nl") == "Open" and scheme.label("open").name("nl-BE") == "Open"


def test_same_name_for_two_labels_is_ambiguous(tmp_path):
    text = HEADER + label_toml("open", nl="Intern") + label_toml("internal", nl="Intern")
    error = refused(write(tmp_path, text))
    assert "labels[1].name.nl: 'Intern' is already the id or a name of labels[0]" in error.message


def test_toml_syntax_error_names_the_line(tmp_path):
    text = HEADER + label_toml("open").replace('color = "#00FF00"', 'color = #00FF00')
    error = refused(write(tmp_path, text))
    line = text.splitlines().index("color = #00FF00") + 1
    assert "not valid TOML" in error.message
    assert f"line {line}" in error.message


def test_missing_sections(tmp_path):
    error = refused(write(tmp_path, "# nothing yet\n"))
    assert "scheme: is missing" in error.message
    assert "labels: is missing" in error.message


def test_unreadable_file(tmp_path):
    error = refused(tmp_path / "absent.toml")
    assert "cannot be read" in error.message


def test_not_utf8(tmp_path):
    path = tmp_path / "latin1.toml"
    path.write_bytes((HEADER + label_toml("open", nl="Geheim é")).encode("latin-1"))
    assert "not UTF-8" in refused(path).message
