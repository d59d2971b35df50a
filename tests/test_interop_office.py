"""We write exactly what Office, Purview, LibreOffice and PDF tools write.

Checked against real files from public test suites (tests/data/README.md,
"Public labelled samples") and against LibreOffice's own source.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from conftest import DATA, MS_GUID, MS_SITE, REPO, make_stamp, run_cli
from formats import labelprops, registry
from formats.model import LabelStamp, MicrosoftMapping, TscpMapping
from formats.ooxml import OoxmlHandler
from labeler.core.outcome import Outcome, SHOWN
from labeler.core.service import LabelService
from policy import SchemeError, load_scheme
from policy.loader import parse_scheme

H = OoxmlHandler()
CORPORATE = REPO / "resources" / "schemes" / "corporate.toml"
LABELINFO = "docMetadata/LabelInfo.xml"
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
META_NS = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def part(path, name) -> bytes | None:
    with zipfile.ZipFile(path) as z:
        return z.read(name) if name in z.namelist() else None


def custom_props(path) -> dict[str, str]:
    root = etree.fromstring(part(path, "docProps/custom.xml"))
    return {p.get("name"): "".join(p.itertext()) for p in root.iter(f"{{{CUSTOM_NS}}}property")}


def odf_props(path) -> dict[str, str]:
    root = etree.fromstring(part(path, "meta.xml"))
    return {el.get(f"{{{META_NS}}}name"): el.text or "" for el in root.iter(f"{{{META_NS}}}user-defined")}


def stamp_for(guid: str, site: str, method: str = "manual", name: str = "Confidential",
              set_at: str = "2026-11-27T10:00:00Z") -> LabelStamp:
    return LabelStamp("confidential", name, "test-scheme", 3, set_at, "tester", method=method,
                      microsoft=MicrosoftMapping(guid, site, name))


def with_member(src: Path, dst: Path, name: str, data: bytes) -> Path:
    """A copy of the package `src` whose member `name` holds `data` (test fixture building only)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info, data if info.filename == name else zin.read(info.filename))
    return dst


def with_custom_xml(src: Path, dst: Path, props: list[tuple[str, str]]) -> Path:
    """A copy of the .docx `src` with a docProps/custom.xml holding `props` (as Office lays it out)."""
    body = "".join(f'<property fmtid="{FMTID}" pid="{i}" name="{n}"><vt:lpwstr>{v}</vt:lpwstr></property>'
                   for i, (n, v) in enumerate(props, start=2))
    custom = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
              f'<Properties xmlns="{CUSTOM_NS}" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
              f'2006/docPropsVTypes">{body}</Properties>').encode()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/docProps/custom.xml" ContentType="'
                                    b'application/vnd.openxmlformats-officedocument.custom-properties+xml"/>'
                                    b"</Types>")
            elif info.filename == "_rels/.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdCustom" Type="http://schemas.'
                                    b'openxmlformats.org/officeDocument/2006/relationships/custom-properties" '
                                    b'Target="docProps/custom.xml"/></Relationships>')
            zout.writestr(info, data)
        zout.writestr("docProps/custom.xml", custom)
    return dst


# --- 2. ContentBits describes markings really present --------------------------------------------

@pytest.mark.parametrize("label_id, bits", [("internal", "2"), ("confidential", "3"), ("strictly-confidential", "7")])
def test_content_bits_are_the_markings_drawn(sample, label_id, bits):
    """The scheme asks for header/footer/watermark; Word draws them all, and ContentBits says so."""
    scheme = load_scheme(CORPORATE)
    label = scheme.label(label_id)
    assert label.markings is not None
    path = sample("pydocx.docx")
    outcome = LabelService(scheme, user="tester").apply(path, label)
    assert outcome.status == "labelled", outcome.message
    guid = label.microsoft.label_guid
    assert custom_props(path)[f"MSIP_Label_{guid}_ContentBits"] == bits  # what is in the document
    info = etree.fromstring(part(path, LABELINFO))
    assert [el.get("contentBits") for el in info] == [bits]


def test_content_bits_come_from_what_was_drawn_not_from_a_wish(sample):
    path = sample("pydocx.docx")
    from dataclasses import replace

    H.write(path, replace(make_stamp(), content_bits=2))  # claims a footer, but none is drawn
    assert custom_props(path)[f"MSIP_Label_{MS_GUID}_ContentBits"] == "0"
    assert b'contentBits="0"' in part(path, LABELINFO)


def test_old_schemes_with_content_bits_still_load_and_it_is_ignored():
    text = CORPORATE.read_text("utf-8").replace(
        'name = "Highly Confidential"', 'name = "Highly Confidential"\ncontent_bits = 7')
    scheme = parse_scheme(text.encode(), "old.toml")
    assert not hasattr(scheme.label("strictly-confidential").microsoft, "content_bits")
    with pytest.raises(SchemeError, match="out of range"):
        parse_scheme(text.replace("content_bits = 7", "content_bits = 99").encode(), "bad.toml")


# --- 3. LabelInfo.xml in Office's exact form -------------------------------------------------------

def test_labelinfo_is_byte_identical_to_offices(sample):
    """bug66675.xlsx (Apache POI) holds LabelInfo.xml as Office wrote it: write the same label, get the same bytes."""
    office = part(DATA / "bug66675.xlsx", LABELINFO)
    path = sample("pydocx.docx")
    H.write(path, stamp_for("d0cb1e24-a0e2-4a4c-9340-733297c9cd7c", "db1e96a8-a3da-442a-930b-235cac24cd5c"))
    assert part(path, LABELINFO) == office


def test_labelinfo_standard_method_is_byte_identical_to_offices(sample):
    """missingcalcchainpart.xlsx (Open XML SDK): a Standard (default) label, same bytes."""
    office = part(DATA / "missingcalcchainpart.xlsx", LABELINFO)
    path = sample("pydocx.docx")
    H.write(path, stamp_for("f42aa342-8706-4288-bd11-ebb85995028c", "72f988bf-86f1-41af-91ab-2d7cd011db47",
                            method="default"))
    assert part(path, LABELINFO) == office


def test_relabelling_offices_own_label_leaves_labelinfo_untouched(sample):
    path = sample("bug66675.xlsx")
    before = part(path, LABELINFO)
    H.write(path, stamp_for("d0cb1e24-a0e2-4a4c-9340-733297c9cd7c", "db1e96a8-a3da-442a-930b-235cac24cd5c"))
    assert part(path, LABELINFO) == before


def test_other_tenants_label_is_kept_byte_for_byte(sample):
    path = sample("bug66675.xlsx")
    office = part(path, LABELINFO)
    H.write(path, make_stamp())  # our tenant, not theirs
    ours = (f'<clbl:label id="{{{MS_GUID}}}" enabled="1" method="Privileged" siteId="{{{MS_SITE}}}" '
            'contentBits="0" removed="0" />').encode()
    assert part(path, LABELINFO) == office[:-len(b"</clbl:labelList>")] + ours + b"</clbl:labelList>"
    H.write(path, None)  # and removing ours gives Office's part back exactly
    assert part(path, LABELINFO) == office


def test_an_unusually_written_foreign_label_keeps_its_own_bytes(sample, tmp_path):
    """Single quotes, another attribute order, an unknown attribute, CRLF: their element is theirs."""
    theirs = (b"<clbl:label siteId='{72f988bf-86f1-41af-91ab-2d7cd011db47}' id='{f42aa342-8706-4288-bd11-"
              b"ebb85995028c}'  enabled=\"1\" method=\"Standard\" removed=\"0\" future=\"x&amp;y\"/>")
    odd = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<clbl:labelList xmlns:clbl='
           b'"http://schemas.microsoft.com/office/2020/mipLabelMetadata">\r\n  ' + theirs
           + b"\r\n</clbl:labelList>")
    path = with_member(sample("missingcalcchainpart.xlsx"), tmp_path / "odd.xlsx", LABELINFO, odd)
    H.write(path, make_stamp())
    written = part(path, LABELINFO)
    assert written.startswith(b'<?xml version="1.0" encoding="utf-8" standalone="yes"?><clbl:labelList ')
    assert theirs in written and b"\r\n" not in written
    ids = {l.id for l in H.read(path).labels if l.system == "microsoft"}
    assert ids == {MS_GUID, "f42aa342-8706-4288-bd11-ebb85995028c"}


def test_same_tenant_label_is_replaced_in_offices_form(sample):
    path = sample("bug66675.xlsx")
    H.write(path, stamp_for(MS_GUID, "db1e96a8-a3da-442a-930b-235cac24cd5c", method="default"))
    assert part(path, LABELINFO) == (
        b'<?xml version="1.0" encoding="utf-8" standalone="yes"?><clbl:labelList xmlns:clbl="http://schemas.'
        b'microsoft.com/office/2020/mipLabelMetadata"><clbl:label id="{' + MS_GUID.encode()
        + b'}" enabled="1" method="Standard" siteId="{db1e96a8-a3da-442a-930b-235cac24cd5c}" contentBits="0"'
        b' removed="0" /></clbl:labelList>')


def test_custom_properties_match_excels_as_in_xlsxwriters_test(sample):
    """XlsxWriter's test_properties06.py compares its custom.xml with one Excel wrote
    (xlsx_files/properties06.xlsx): the same label gives the same property elements."""
    guid, site = "2096f6a2-d2f7-48be-b329-b73aaa526e5d", "cb46c030-1825-4e81-a295-151c039dbf02"
    excel = [("Enabled", "true"), ("SetDate", "2024-01-01T12:00:00Z"), ("Method", "Privileged"),
             ("Name", "Confidential"), ("SiteId", site),
             ("ActionId", "88124cf5-1340-457d-90e1-0000a9427c99"), ("ContentBits", "2")]
    path = sample("pydocx.docx")
    H.write(path, stamp_for(guid, site, set_at="2024-01-01T12:00:00Z"))
    text = part(path, "docProps/custom.xml")
    written = re.findall(rb'<property fmtid="[^"]+" pid="\d+" name="MSIP_Label_[^"]+">.*?</property>', text)
    ours = [(m, v) for m, v in excel if m != "ActionId"]  # ActionId: see docs/formats.md
    expected = [f'<property fmtid="{FMTID}" pid="PID" name="MSIP_Label_{guid}_{m}"><vt:lpwstr>'
                f'{"0" if m == "ContentBits" else v}</vt:lpwstr></property>'.encode() for m, v in ours]
    assert [re.sub(rb'pid="\d+"', b'pid="PID"', w) for w in written] == expected
    pids = [int(p) for p in re.findall(rb'pid="(\d+)"', text)]
    assert pids == sorted(pids) and len(set(pids)) == len(pids)


# --- 7. LibreOffice's full set of TSCP keys, never "None" -----------------------------------------

# Written out here from LibreOffice's source, independently of formats.labelprops:
# sfx2/source/view/classificationhelper.cxx and svx/source/dialog/ClassificationCommon.cxx.
LIBREOFFICE_KEYS = {
    "PolicyAuthority:Name", "Policy:Name", "BusinessAuthorization:Identifier",
    "BusinessAuthorizationCategory:Identifier", "PolicyAuthority:Identifier", "PolicyAuthority:Country",
    "Policy:Identifier", "BusinessAuthorization:Name", "BusinessAuthorization:Locator",
    "BusinessAuthorizationCategory:Identifier:OID", "BusinessAuthorizationCategory:Locator",
    "MarkingPrecedence", "Marking:general-summary", "Marking:general-warning-statement",
    "Marking:general-warning-statement:ext:2", "Marking:general-warning-statement:ext:3",
    "Marking:general-warning-statement:ext:4", "Marking:general-distribution-statement",
    "Marking:general-distribution-statement:ext:2", "Marking:general-distribution-statement:ext:3",
    "Marking:general-distribution-statement:ext:4", "Marking:document-header", "Marking:document-footer",
    "Marking:document-watermark", "Marking:email-first-line-of-text", "Marking:email-last-line-of-text",
    "Marking:email-subject-prefix", "Marking:email-subject-suffix", "Authorization:StartValidity",
    "Authorization:StopValidity", "Impact:Scale", "Impact:Level:Confidentiality", "Impact:Level:Integrity",
    "Impact:Level:Availability", "BusinessAuthorizationCategory:Name", "CreationOrigin",
}
IP = "urn:bails:IntellectualProperty:"


def tscp_of(props: dict[str, str]) -> dict[str, str]:
    return {k[len(IP):]: v for k, v in props.items() if k.startswith(IP)}


def test_tscp_keys_are_the_36_libreoffice_writes_and_never_none(sample):
    assert len(LIBREOFFICE_KEYS) == 36
    scheme = load_scheme(CORPORATE)
    path = sample("lo-writer.odt")
    assert LabelService(scheme, user="tester").apply(path, scheme.label("internal")).status == "labelled"
    names = [k for k in odf_props(path) if k.startswith(IP)]
    assert names == sorted(names)  # LibreOffice's own (std::map) order
    tscp = tscp_of(odf_props(path))
    assert set(tscp) == LIBREOFFICE_KEYS
    assert "None" not in tscp.values()
    assert tscp["CreationOrigin"] == "BAF_POLICY"
    assert tscp["Impact:Scale"] == "UK-Cabinet"
    assert tscp["Impact:Level:Confidentiality"] == tscp["Impact:Level:Integrity"] == \
        tscp["Impact:Level:Availability"] == "1"
    assert tscp["Marking:document-footer"] == "Internal - Example Corp"
    assert tscp["Marking:document-header"] == tscp["Marking:document-watermark"] == ""
    assert tscp["Authorization:StartValidity"].endswith("Z") and tscp["Authorization:StopValidity"] == ""
    assert tscp["BusinessAuthorizationCategory:Identifier"] == "urn:example-corp:classification:1:internal"


def test_tscp_in_office_custom_properties_has_no_none_either(sample):
    path = sample("pydocx.docx")
    H.write(path, make_stamp())  # conftest's TSCP mapping leaves program_id, markings... unset
    tscp = tscp_of(custom_props(path))
    assert set(tscp) == LIBREOFFICE_KEYS and "None" not in tscp.values()
    assert tscp["Marking:document-header"] == "" and tscp["Policy:Name"] == ""


def test_unset_tscp_fields_of_a_scheme_are_empty_and_old_none_means_unset():
    text = CORPORATE.read_text("utf-8").replace('impact_level = "0"', 'impact_level = "0"\nheader = "None"')
    tscp = parse_scheme(text.encode(), "old.toml").label("public").tscp
    assert tscp.header == tscp.footer == tscp.watermark == ""
    assert TscpMapping("x", "X").policy_authority == ""


def test_libreoffices_none_still_reads_as_unset():
    found = labelprops.decode({IP + "BusinessAuthorizationCategory:Identifier": "None",
                               IP + "BusinessAuthorizationCategory:Name": "Geheim"}, "meta.xml")
    assert [(f.id, f.name) for f in found] == [("Geheim", "Geheim")]


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_labelled_odt_and_keeps_every_key(sample, tmp_path):
    scheme = load_scheme(CORPORATE)
    path = sample("lo-writer.odt")
    LabelService(scheme, user="tester").apply(path, scheme.label("strictly-confidential"))
    out = tmp_path / "out"
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "odt",
                    "--outdir", str(out), str(path)], check=True, capture_output=True, timeout=240)
    again = odf_props(out / path.name)
    assert tscp_of(again) == tscp_of(odf_props(path))  # every key, empty ones included, as we wrote them
    assert registry.handler_for(out / path.name).read(out / path.name).ours.id == "strictly-confidential"


# --- 8. the old AIP client's Sensitivity goes with the label it describes --------------------------

def test_replacing_a_same_tenant_aip_label_drops_its_classic_properties(sample):
    path = sample("msip-custom.docx")  # AIP classic label 8a4e2f6b… of tenant 0f1e2d3c…, Sensitivity = Confidential
    before = custom_props(path)
    H.write(path, stamp_for(MS_GUID, "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0"))
    after = custom_props(path)
    assert "Sensitivity" not in after
    assert not [k for k in after if k.startswith("MSIP_Label_8a4e2f6b")]  # _Owner, _Application, … too
    kept = {k: v for k, v in before.items() if not k.startswith("MSIP_Label_8a4e2f6b") and k != "Sensitivity"}
    assert {k: after[k] for k in kept} == kept  # Titus, Boldon James: untouched
    assert [(l.system, l.name) for l in H.read(path).foreign if l.system == "titus"] == [("titus", "General")]


def test_another_tenants_label_keeps_the_sensitivity_property(sample):
    path = sample("msip-custom.docx")
    H.write(path, make_stamp())  # a different tenant: the AIP label and its Sensitivity stay
    assert custom_props(path)["Sensitivity"] == "Confidential"


# --- 9. admin-named Titus properties ---------------------------------------------------------------

TITUS_PROPS = [("ContentTypeId", "0x0101009E3B"), ("_NewReviewCycle", "x"),
               ("TitusGUID", "3b9f6c2a-7d41-4e8a-b5c6-d7e8f9a0b1c2"), ("InterpolClassification", "RESTRICTED")]


def test_titus_label_with_an_unknown_name_property_is_named_and_says_from_where(sample, tmp_path):
    path = with_custom_xml(sample("pydocx.docx"), tmp_path / "titus.docx", TITUS_PROPS)
    (titus,) = [l for l in H.read(path).foreign if l.system == "titus"]
    assert (titus.name, titus.name_from) == ("RESTRICTED", "InterpolClassification")


def test_scheme_can_name_titus_properties(sample, tmp_path):
    path = with_custom_xml(sample("pydocx.docx"), tmp_path / "titus.docx",
                           [("Owner", "ann"), *TITUS_PROPS])
    text = CORPORATE.read_text("utf-8") + '\n[recognise]\nlabel_name_properties = ["InterpolClassification"]\n'
    scheme = parse_scheme(text.encode(), "titus.toml")
    assert scheme.label_name_properties == ("InterpolClassification",)
    try:
        outcome = LabelService(scheme, user="tester").show(path)
        (titus,) = [f for f in outcome.to_json()["foreign"] if f["system"] == "titus"]
        assert titus == {"system": "titus", "id": "3b9f6c2a-7d41-4e8a-b5c6-d7e8f9a0b1c2", "name": "RESTRICTED"}
    finally:
        labelprops.use_name_properties(())


@pytest.mark.parametrize("value, message", [
    ('["MSIP_Label_x"]', "already recognises"),
    ('[""]', "is not valid"),
    ("[3]", "must be a string"),
    ('["A", "A"]', "listed twice"),
])
def test_label_name_properties_are_validated(value, message):
    text = CORPORATE.read_text("utf-8") + f"\n[recognise]\nlabel_name_properties = {value}\n"
    with pytest.raises(SchemeError, match=message):
        parse_scheme(text.encode(), "bad.toml")
    with pytest.raises(SchemeError, match="unknown key"):
        parse_scheme((CORPORATE.read_text("utf-8") + "\n[recognise]\ntitus = 1\n").encode(), "bad.toml")


# --- 10. show --json: tenant, method and date of foreign Microsoft labels -------------------------

@pytest.mark.parametrize("name, expected", [
    ("msip-custom.docx", {"site_id": "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0", "method": "Privileged",
                          "set_at": "2019-03-14T09:26:53.3456789Z"}),
    ("msip-both.pptx", {"site_id": "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0", "method": "Privileged",
                        "set_at": "2024-05-06T07:08:09Z"}),
    ("bug66675.xlsx", {"site_id": "db1e96a8-a3da-442a-930b-235cac24cd5c", "method": "Privileged"}),
    ("missingcalcchainpart.xlsx", {"site_id": "72f988bf-86f1-41af-91ab-2d7cd011db47", "method": "Standard"}),
])
def test_show_json_gives_tenant_method_and_date_of_microsoft_labels(name, expected):
    proc = run_cli("show", "--json", DATA / name, check_json=True)
    assert proc.returncode == 0, proc.stderr
    (ms,) = [f for f in proc.json[0]["foreign"] if f["system"] == "microsoft"]
    assert {k: ms.get(k) for k in ("site_id", "method", "set_at") if k in ms} == expected


def test_pdf_labels_give_their_tenant_and_extended_method_too():
    result = registry.handler_for(DATA / "msip-labelled.pdf").read(DATA / "msip-labelled.pdf")
    outcome = Outcome.from_read("msip-labelled.pdf", SHOWN, result)
    (ms,) = [f for f in outcome.to_json()["foreign"] if f["system"] == "microsoft"]
    assert ms["site_id"] and ms["method"] and ms["set_at"]
