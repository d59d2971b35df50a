"""Importing a LibreOffice / TSCP BAF policy into a scheme (policy.baf.import_baf)."""
from __future__ import annotations

from pathlib import Path

import pytest

from policy import CONDITIONAL, FORBIDDEN, SchemeError, parse_scheme
from policy.baf import BafImportError, import_baf

SAMPLE = Path(__file__).resolve().parent / "data" / "example-baf.xml"


@pytest.fixture(scope="module")
def imported():
    text = import_baf(SAMPLE.read_bytes(), "example-baf.xml")
    return text, parse_scheme(text.encode("utf-8"), "imported.toml")


def test_the_import_loads_and_is_ordered_by_impact(imported):
    _, scheme = imported
    assert scheme.id == "urn-fabrikam-classification-2" and scheme.version == 1
    assert scheme.organisation == "Fabrikam Research" and scheme.name == "Fabrikam Information Policy"
    assert [l.id for l in scheme.labels] == ["non-business", "general-business", "confidential",
                                             "restricted-personal"]
    assert [l.name() for l in scheme.labels] == ["Non-Business", "General Business", "Confidential",
                                                 "Restricted & Personal"]
    assert all(set(l.names) == {"en", "nl", "fr"} for l in scheme.labels)


def test_tscp_mapping_comes_from_the_category(imported):
    _, scheme = imported
    restricted = scheme.label("restricted-personal")
    tscp = restricted.tscp
    assert tscp.identifier == "urn:fabrikam:classification:2:restricted"
    assert tscp.name == "Restricted & Personal"
    assert (tscp.policy_authority, tscp.policy_name, tscp.program_id) == (
        "Fabrikam Research", "Fabrikam Information Policy", "urn:fabrikam:classification:2")
    assert (tscp.impact_scale, tscp.impact_level) == ("UK-Cabinet", "3")
    assert (tscp.header, tscp.footer, tscp.watermark) == (
        "RESTRICTED", 'Fabrikam - Restricted "need to know"', "RESTRICTED")
    assert restricted.markings.text("footer") == 'Fabrikam - Restricted "need to know"'
    assert scheme.label("non-business").tscp.header == "" and scheme.label("non-business").markings is None
    assert [l.tscp.impact_level for l in scheme.labels] == ["0", "1", "2", "3"]


def test_sharing_is_defaulted_conservatively_and_marked_for_review(imported):
    text, scheme = imported
    assert text.count("# review: defaulted") >= 8 * 4
    low, high = scheme.labels[0], scheme.labels[-1]
    assert all(r.allowed for r in low.rules())
    assert high.rule("email-external").verdict == FORBIDDEN
    assert high.rule("personal-cloud").verdict == FORBIDDEN
    assert high.rule("email-internal").verdict == CONDITIONAL and high.rule("email-internal").encrypted_only
    for lab in scheme.labels[1:]:
        assert lab.rule("personal-cloud").forbidden and lab.rule("email-external").forbidden
    assert [l.justify_downgrade for l in scheme.labels] == [False, False, True, True]


def _baf(body: str, head: str = '<?xml version="1.0"?>\n') -> bytes:
    return (head + '<baf:BusinessAuthorization xmlns:baf="urn:tscp:names:baf:1.1">' + body
            + "</baf:BusinessAuthorization>").encode()


def test_doctype_and_entities_are_refused():
    evil = _baf("<baf:PolicyAuthorityName>&x;</baf:PolicyAuthorityName>",
                head='<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n')
    with pytest.raises(BafImportError, match="DOCTYPE"):
        import_baf(evil, "evil.xml")


def test_not_xml_not_baf_and_empty_policies_are_refused():
    with pytest.raises(BafImportError, match="not well-formed"):
        import_baf(b"<baf:oops", "broken.xml")
    with pytest.raises(BafImportError, match="not a BAF policy"):
        import_baf(b"<policy/>", "other.xml")
    with pytest.raises(BafImportError, match="no baf:BusinessAuthorizationCategory"):
        import_baf(_baf("<baf:PolicyName>Empty</baf:PolicyName>"), "empty.xml")
    assert issubclass(BafImportError, SchemeError)


def test_minimal_policy_with_unknown_scale_and_duplicate_names():
    xml = _baf('<baf:PolicyAuthorityName>Tiny Org</baf:PolicyAuthorityName>'
               '<baf:BusinessAuthorizationCategory Identifier="urn:t:1" Name="Secret">'
               '<baf:ImpactLevel><baf:Scale>Custom</baf:Scale><baf:ConfidentalityValue>9'
               '</baf:ConfidentalityValue></baf:ImpactLevel></baf:BusinessAuthorizationCategory>'
               '<baf:BusinessAuthorizationCategory Identifier="urn:t:2" Name="secret!"/>')
    text = import_baf(xml, "tiny.xml")
    scheme = parse_scheme(text.encode(), "tiny.toml")
    assert scheme.id == "tiny-org"
    assert [l.id for l in scheme.labels] == ["secret", "secret-2"]
    assert scheme.label("secret").tscp.impact_scale == ""
    assert "not one LibreOffice knows" in text


def test_import_baf_command_writes_a_scheme_that_validates(tmp_path):
    from conftest import DATA, run_cli

    out = tmp_path / "imported.toml"
    proc = run_cli("scheme", "import-baf", DATA / "example-baf.xml", "--out", out)
    assert proc.returncode == 0, proc.stderr
    assert run_cli("scheme", "validate", out).returncode == 0
    labels = run_cli("--scheme", out, "labels", "--json", check_json=True).json
    assert [l["id"] for l in labels][-1] == "restricted-personal"
    again = run_cli("scheme", "import-baf", DATA / "example-baf.xml", "--out", out)
    assert again.returncode == 2 and "--force" in again.stderr
    bad = tmp_path / "bad.xml"
    bad.write_text("<!DOCTYPE x [<!ENTITY a 'b'>]><x/>")
    refused = run_cli("scheme", "import-baf", bad)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
