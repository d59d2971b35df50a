"""Labels as flat string properties, the way every tool stores them.

Office custom properties, ODF user-defined properties, the PDF information
dictionary and extended attributes are all "name → string" bags.  This
module is the one place that knows which names mean what: our own label,
Microsoft's MSIP_Label_* groups, TSCP's urn:bails:* keys, Titus and Boldon
James.  Handlers only move the bag in and out of their container.
"""
from __future__ import annotations

import re
from collections.abc import Mapping

from .model import (MARKING_BITS, BOLDON_JAMES, MICROSOFT, OUR_PREFIX, OURS, TITUS, TSCP, WROTE_MICROSOFT, WROTE_TSCP,
                    FoundLabel, LabelStamp)
from .model import is_mirror_of  # noqa: F401 - re-exported: labelprops.is_mirror_of stays valid

LABEL_ID = OUR_PREFIX + "LabelId"
LABEL_NAME = OUR_PREFIX + "LabelName"
SCHEME_ID = OUR_PREFIX + "SchemeId"
SCHEME_VERSION = OUR_PREFIX + "SchemeVersion"
SET_DATE = OUR_PREFIX + "SetDate"
SET_BY = OUR_PREFIX + "SetBy"
METHOD = OUR_PREFIX + "Method"
# The visual markings drawn with our label ("header,footer"), so reading a
# label never has to search a big document for them.
MARKINGS = OUR_PREFIX + "Markings"
# Which foreign properties we wrote, so removing our label removes exactly them:
# WROTE_MICROSOFT and WROTE_TSCP (defined in model.py with is_mirror_of).

_MSIP = re.compile(r"^MSIP_Label_([0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})_(.+)$")
BAILS_PREFIX = "urn:bails:"
TITUS_GUID = "TitusGUID"
# Admin-named Titus properties seen in the wild; the first one present names the label.
TITUS_NAME_KEYS = ("Classification", "Information Classification", "Data Classification",
                   "Security Classification", "Sensitivity")
BJ_LABEL = "bjDocumentSecurityLabel"
BJ_XML = "bjDocumentLabelXML"
# The old AIP client's plain copy of its label's name.
AIP_SENSITIVITY = "Sensitivity"

# Custom properties that Office, SharePoint and Office's own labelling write:
# never a Titus label's name.
_OFFICE_PROPERTIES = frozenset({
    "ContentTypeId", "ComplianceAssetId", "GrammarlyDocumentId", "ICV", "KSOProductBuildVer",
    "Order", "SharedWithUsers", "TemplateUrl", "TriggerFlowInfo", "lcf76f155ced4ddcb4097134ff3c332f",
})
_OFFICE_PREFIXES = ("_", "ClassificationContentMarking", "ClassificationWatermark", "MediaService",
                    "TaxCatchAll", "TaxKeyword", "xd_", "AuthorIds_")

# Extra admin-named Titus / Boldon James name properties from the scheme
# (`[recognise] label_name_properties`), tried before TITUS_NAME_KEYS.
_extra_name_keys: tuple[str, ...] = ()


def use_name_properties(keys) -> None:
    """Let the scheme name further properties that hold a Titus / Boldon James label's name."""
    global _extra_name_keys
    _extra_name_keys = tuple(dict.fromkeys(k for k in keys if k))


def name_keys() -> tuple[str, ...]:
    """Properties that name a Titus label, the scheme's first."""
    return tuple(dict.fromkeys((*_extra_name_keys, *TITUS_NAME_KEYS)))


def _is_known_property(name: str) -> bool:
    """Ours, Microsoft's, TSCP's, a vendor's own key or one that Office writes."""
    return (name.startswith((OUR_PREFIX, BAILS_PREFIX, "MSIP_", "Titus", BJ_LABEL, BJ_XML))
            or name == AIP_SENSITIVITY or name in _OFFICE_PROPERTIES or name.startswith(_OFFICE_PREFIXES))


# How Microsoft spells the method attribute differs between containers.
OOXML_STYLE = "ooxml"  # MSIP_Label_<g>_Method
PDF_STYLE = "pdf"  # MSIP_Label_<g>_Extended_MSFT_Method


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in ("true", "1", "yes")


def msip_groups(props: Mapping[str, str]) -> dict[str, dict[str, str]]:
    """MSIP_Label_<guid>_<Attr> properties grouped by lower-case guid."""
    groups: dict[str, dict[str, str]] = {}
    for key, value in props.items():
        match = _MSIP.match(key)
        if match:
            groups.setdefault(match.group(1).lower(), {})[match.group(2)] = value
    return groups


def decode(props: Mapping[str, str], where: str) -> list[FoundLabel]:
    """Every label that the property bag carries."""
    found: list[FoundLabel] = []
    if props.get(LABEL_ID):
        raw = {k: v for k, v in props.items() if k.startswith(OUR_PREFIX)}
        found.append(FoundLabel(OURS, props[LABEL_ID], props.get(LABEL_NAME), where, raw))
    found += _decode_microsoft(props, where)
    found += _decode_tscp(props, where)
    if props.get(TITUS_GUID):
        found.append(_decode_titus(props, where))
    if props.get(BJ_LABEL) or props.get(BJ_XML):
        xml = props.get(BJ_XML, "") + "".join(
            props[f"{BJ_XML}-{i}"] for i in range(1000) if f"{BJ_XML}-{i}" in props)
        display = props.get(BJ_LABEL) or ""
        name_from = None
        if not display.strip():
            name_from = next((k for k in _extra_name_keys if (props.get(k) or "").strip()), None)
            display = props[name_from] if name_from else ""
        uid = re.search(r'uid="([^"]+)"', xml)
        found.append(FoundLabel(BOLDON_JAMES, uid.group(1) if uid else display, display or None, where,
                                {BJ_LABEL: props.get(BJ_LABEL) or "", BJ_XML: xml}, name_from=name_from))
    return found


def _decode_titus(props: Mapping[str, str], where: str) -> FoundLabel:
    """Titus keeps a GUID and admin-named properties; the first named one present names the label.

    With none of the names we know, the first other non-empty property that
    is not ours, Microsoft's, TSCP's or Office's is taken, and `name_from`
    says which one it was.
    """
    keys = name_keys()
    name_key = next((k for k in keys if (props.get(k) or "").strip()), None)
    guessed = None
    if name_key is None:
        name_key = guessed = next((k for k, v in props.items() if (v or "").strip()
                                   and not _is_known_property(k) and k not in keys), None)
    raw = {k: props[k] for k in (TITUS_GUID, *keys) if k in props}
    if name_key is not None:
        raw[name_key] = props[name_key]
    return FoundLabel(TITUS, props[TITUS_GUID], props[name_key].strip() if name_key else None, where, raw,
                      name_from=guessed)


def _decode_microsoft(props: Mapping[str, str], where: str) -> list[FoundLabel]:
    found = []
    groups = msip_groups(props)
    enabled = {g: a for g, a in groups.items() if _truthy(a.get("Enabled"))}
    for guid, attrs in enabled.items():
        name, name_from = attrs.get("Name"), None
        if not name and len(enabled) == 1 and props.get(AIP_SENSITIVITY):
            name, name_from = props[AIP_SENSITIVITY], AIP_SENSITIVITY  # the old AIP client's plain property
        found.append(FoundLabel(MICROSOFT, guid, name, where, dict(attrs), name_from=name_from))
    return found


def _unset(value: str | None) -> bool:
    """LibreOffice writes "None" (and we once did) for a field that has no value."""
    text = (value or "").strip()
    return not text or text == "None"


def _decode_tscp(props: Mapping[str, str], where: str) -> list[FoundLabel]:
    policies: dict[str, dict[str, str]] = {}
    for key, value in props.items():
        if key.startswith(BAILS_PREFIX):
            policy, _, field = key[len(BAILS_PREFIX):].partition(":")
            policies.setdefault(policy, {})[field] = value
    found = []
    for policy, fields in policies.items():
        ident = fields.get("BusinessAuthorizationCategory:Identifier")
        name = fields.get("BusinessAuthorizationCategory:Name")
        if _unset(ident) and _unset(name):
            continue
        raw = {"policy_type": policy, **fields}
        label_id = name if _unset(ident) else ident
        assert label_id is not None  # one of the two is set
        found.append(FoundLabel(TSCP, label_id, None if _unset(name) else name, where, raw))
    return found


def encode_msip(stamp: LabelStamp, style: str) -> dict[str, str]:
    ms = stamp.microsoft
    assert ms is not None
    prefix = f"MSIP_Label_{ms.label_guid}_"
    method = "Standard" if stamp.method == "default" else "Privileged"
    props = {prefix + "Enabled": "true", prefix + "SetDate": stamp.set_at}
    props[prefix + ("Extended_MSFT_Method" if style == PDF_STYLE else "Method")] = method
    props[prefix + "Name"] = ms.name or stamp.label_name
    props[prefix + "SiteId"] = ms.site_id
    if style != PDF_STYLE:
        # The markings really written with the label, not the ones the scheme would like.
        props[prefix + "ContentBits"] = str(stamp.content_bits)
    return props


# The keys LibreOffice's own classification (.uno:ClassificationApply, LibreOffice
# 7.4) writes for one category, after `urn:bails:<policy type>:`.  Source:
# LibreOffice core, sfx2/source/view/classificationhelper.cxx
# (SfxClassificationParser::startElement / endElement, Impl::setStartValidity,
# pushToDocumentProperties), plus CreationOrigin from
# svx/source/dialog/ClassificationCommon.cxx (insertCreationOrigin), called by
# sw/source/core/edit/edfcol.cxx (SwEditShell::SetClassification).
# LibreOffice writes the text "None" where the policy gives no value; we write
# those empty, as LibreOffice writes an unset Marking:* key.
TSCP_KEYS = (
    "Authorization:StartValidity", "Authorization:StopValidity",
    "BusinessAuthorization:Identifier", "BusinessAuthorization:Locator", "BusinessAuthorization:Name",
    "BusinessAuthorizationCategory:Identifier", "BusinessAuthorizationCategory:Identifier:OID",
    "BusinessAuthorizationCategory:Locator", "BusinessAuthorizationCategory:Name",
    "CreationOrigin",
    "Impact:Level:Availability", "Impact:Level:Confidentiality", "Impact:Level:Integrity", "Impact:Scale",
    "Marking:document-footer", "Marking:document-header", "Marking:document-watermark",
    "Marking:email-first-line-of-text", "Marking:email-last-line-of-text",
    "Marking:email-subject-prefix", "Marking:email-subject-suffix",
    "Marking:general-distribution-statement", "Marking:general-distribution-statement:ext:2",
    "Marking:general-distribution-statement:ext:3", "Marking:general-distribution-statement:ext:4",
    "Marking:general-summary",
    "Marking:general-warning-statement", "Marking:general-warning-statement:ext:2",
    "Marking:general-warning-statement:ext:3", "Marking:general-warning-statement:ext:4",
    "MarkingPrecedence",
    "Policy:Identifier", "Policy:Name",
    "PolicyAuthority:Country", "PolicyAuthority:Identifier", "PolicyAuthority:Name",
)
CREATION_ORIGIN = "BAF_POLICY"  # what .uno:ClassificationApply records


def _value(text: str | None) -> str:
    text = (text or "").strip()
    return "" if text == "None" else text


def encode_tscp(stamp: LabelStamp) -> dict[str, str]:
    """LibreOffice's full set of keys for the category, in its (sorted) order; unset ones empty."""
    t = stamp.tscp
    assert t is not None
    level = _value(t.impact_level)
    values = dict.fromkeys(TSCP_KEYS, "")
    values.update({
        "Authorization:StartValidity": stamp.set_at,
        "BusinessAuthorization:Identifier": _value(t.program_id),
        "BusinessAuthorizationCategory:Identifier": _value(t.identifier),
        "BusinessAuthorizationCategory:Name": _value(t.name),
        "CreationOrigin": CREATION_ORIGIN,
        # BAF makes integrity and availability optional, BAILS does not:
        # LibreOffice copies the confidentiality level into both.
        "Impact:Level:Availability": level,
        "Impact:Level:Confidentiality": level,
        "Impact:Level:Integrity": level,
        "Impact:Scale": _value(t.impact_scale),
        "Marking:document-footer": _value(t.footer),
        "Marking:document-header": _value(t.header),
        "Marking:document-watermark": _value(t.watermark),
        "Policy:Name": _value(t.policy_name),
        "PolicyAuthority:Name": _value(t.policy_authority),
    })
    p = f"{BAILS_PREFIX}{t.policy_type}:"
    return {p + key: values[key] for key in sorted(TSCP_KEYS)}


def encode(stamp: LabelStamp, style: str = OOXML_STYLE) -> dict[str, str]:
    """All properties that labelling with `stamp` sets."""
    props = {
        LABEL_ID: stamp.label_id, LABEL_NAME: stamp.label_name, SCHEME_ID: stamp.scheme_id,
        SCHEME_VERSION: str(stamp.scheme_version), SET_DATE: stamp.set_at, SET_BY: stamp.set_by,
        METHOD: stamp.method,
    }
    drawn = [part for part, bit in MARKING_BITS.items() if stamp.content_bits & bit]
    if drawn:
        props[MARKINGS] = ",".join(drawn)
    if stamp.microsoft:
        props[WROTE_MICROSOFT] = stamp.microsoft.label_guid
        props.update(encode_msip(stamp, style))
    if stamp.tscp:
        props[WROTE_TSCP] = stamp.tscp.policy_type
        props.update(encode_tscp(stamp))
    return props


def ours_to_remove(props: Mapping[str, str]) -> set[str]:
    """Keys that our last label wrote: removing our label removes exactly these."""
    keys = {k for k in props if k.startswith(OUR_PREFIX)}
    guid = (props.get(WROTE_MICROSOFT) or "").lower()
    if guid:
        keys |= {k for k in props if (m := _MSIP.match(k)) and m.group(1).lower() == guid}
    policy = props.get(WROTE_TSCP)
    if policy:
        keys |= {k for k in props if k.startswith(f"{BAILS_PREFIX}{policy}:")}
    return keys


def superseded_by(props: Mapping[str, str], stamp: LabelStamp) -> set[str]:
    """Foreign keys that the new label replaces rather than sits beside.

    A Microsoft tenant has one label per document, and a TSCP policy type
    one category: writing ours for the same tenant / policy type replaces
    theirs (the person chose a new label), other tenants' labels stay.  The
    old AIP client's plain `Sensitivity` copy of a replaced label's name goes
    with it (its `_Owner`, `_Application` and `_Extended_MSFT_Method` are in
    the label's own group and go anyway).
    """
    keys: set[str] = set()
    if stamp.microsoft:
        groups = msip_groups(props)
        replaced = {guid for guid, attrs in groups.items()
                    if (attrs.get("SiteId") or "").strip().strip("{}").lower() == stamp.microsoft.site_id}
        for guid in replaced:
            keys |= {k for k in props if (m := _MSIP.match(k)) and m.group(1).lower() == guid}
        if replaced and _describes_replaced(props, groups, replaced):
            keys.add(AIP_SENSITIVITY)
    if stamp.tscp:
        keys |= {k for k in props if k.startswith(f"{BAILS_PREFIX}{stamp.tscp.policy_type}:")}
    return keys


def _describes_replaced(props: Mapping[str, str], groups: dict[str, dict[str, str]], replaced: set[str]) -> bool:
    """Whether the plain `Sensitivity` property names one of the replaced Microsoft labels."""
    value = (props.get(AIP_SENSITIVITY) or "").strip().casefold()
    if not value:
        return False
    names = set()
    for guid in replaced:
        name = (groups[guid].get("Name") or "").strip().casefold()
        names |= {name, name.rpartition("\\")[2].strip()} - {""}
    if value in names:
        return True
    # A nameless label's name was read from `Sensitivity` (see _decode_microsoft):
    # it is that label's, unless another label or Titus may be the one it names.
    others = [g for g, a in groups.items() if g not in replaced and _truthy(a.get("Enabled"))]
    titus_name = props.get(TITUS_GUID) and next((k for k in name_keys() if props.get(k)), None) == AIP_SENSITIVITY
    return not names and not others and not titus_name


def apply(props: Mapping[str, str], stamp: LabelStamp | None, style: str = OOXML_STYLE) -> dict[str, str]:
    """The property bag after labelling with `stamp` (or clearing when None).

    Order of untouched properties is kept; ours are appended.
    """
    drop = ours_to_remove(props)
    if stamp is not None:
        drop |= superseded_by(props, stamp)
    result = {k: v for k, v in props.items() if k not in drop}
    if stamp is not None:
        result.update(encode(stamp, style))
    return result


def removed_microsoft_guids(before: Mapping[str, str], after: Mapping[str, str]) -> set[str]:
    """Microsoft label guids present before and gone after (for LabelInfo.xml)."""
    return set(msip_groups(before)) - set(msip_groups(after))


def markings_of(label) -> tuple[str, ...]:
    """The marking parts our label says were drawn with it (see MARKINGS)."""
    if label is None:
        return ()
    text = (label.raw or {}).get(MARKINGS, "")
    return tuple(part for part in text.split(",") if part in MARKING_BITS)
