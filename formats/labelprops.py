"""Labels as flat string properties, the way every tool stores them.

Office custom properties, ODF user-defined properties, the PDF information
dictionary and extended attributes are all "name → string" bags.  This
module is the one place that knows which names mean what: our own label,
Microsoft's MSIP_Label_* groups, TSCP's urn:bails:* keys, Titus and Boldon
James.  Handlers only move the bag in and out of their container.
"""
from __future__ import annotations

import re
from typing import Mapping

from .model import (BOLDON_JAMES, MICROSOFT, OURS, TITUS, TSCP, FoundLabel, LabelStamp)

OUR_PREFIX = "Labeler_"
LABEL_ID = OUR_PREFIX + "LabelId"
LABEL_NAME = OUR_PREFIX + "LabelName"
SCHEME_ID = OUR_PREFIX + "SchemeId"
SCHEME_VERSION = OUR_PREFIX + "SchemeVersion"
SET_DATE = OUR_PREFIX + "SetDate"
SET_BY = OUR_PREFIX + "SetBy"
METHOD = OUR_PREFIX + "Method"
# Which foreign properties we wrote, so removing our label removes exactly them.
WROTE_MICROSOFT = OUR_PREFIX + "WroteMicrosoftLabel"
WROTE_TSCP = OUR_PREFIX + "WroteTscpPolicy"

_MSIP = re.compile(r"^MSIP_Label_([0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})_(.+)$")
BAILS_PREFIX = "urn:bails:"
TITUS_GUID = "TitusGUID"
# Admin-named Titus properties seen in the wild; the first one present names the label.
TITUS_NAME_KEYS = ("Classification", "Information Classification", "Data Classification",
                   "Security Classification", "Sensitivity")
BJ_LABEL = "bjDocumentSecurityLabel"
BJ_XML = "bjDocumentLabelXML"

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
        name_key = next((k for k in TITUS_NAME_KEYS if props.get(k)), None)
        raw = {k: props[k] for k in (TITUS_GUID, *TITUS_NAME_KEYS) if k in props}
        found.append(FoundLabel(TITUS, props[TITUS_GUID], props.get(name_key) if name_key else None,
                                where, raw))
    if props.get(BJ_LABEL) or props.get(BJ_XML):
        xml = props.get(BJ_XML, "") + "".join(
            props[f"{BJ_XML}-{i}"] for i in range(1000) if f"{BJ_XML}-{i}" in props)
        display = props.get(BJ_LABEL) or ""
        uid = re.search(r'uid="([^"]+)"', xml)
        found.append(FoundLabel(BOLDON_JAMES, uid.group(1) if uid else display, display or None, where,
                                {BJ_LABEL: display, BJ_XML: xml}))
    return found


def _decode_microsoft(props: Mapping[str, str], where: str) -> list[FoundLabel]:
    found = []
    groups = msip_groups(props)
    enabled = {g: a for g, a in groups.items() if _truthy(a.get("Enabled"))}
    for guid, attrs in enabled.items():
        name = attrs.get("Name")
        if not name and len(enabled) == 1 and props.get("Sensitivity"):
            name = props["Sensitivity"]  # the old AIP client's plain property
        found.append(FoundLabel(MICROSOFT, guid, name, where, dict(attrs)))
    return found


def _decode_tscp(props: Mapping[str, str], where: str) -> list[FoundLabel]:
    policies: dict[str, dict[str, str]] = {}
    for key, value in props.items():
        if key.startswith(BAILS_PREFIX):
            policy, _, field = key[len(BAILS_PREFIX):].partition(":")
            policies.setdefault(policy, {})[field] = value
    found = []
    for policy, fields in policies.items():
        ident = fields.get("BusinessAuthorizationCategory:Identifier", "None")
        name = fields.get("BusinessAuthorizationCategory:Name", "None")
        if ident == "None" and name == "None":
            continue
        raw = {"policy_type": policy, **fields}
        found.append(FoundLabel(TSCP, ident if ident != "None" else name,
                                name if name != "None" else None, where, raw))
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
        props[prefix + "ContentBits"] = str(ms.content_bits)
    return props


def encode_tscp(stamp: LabelStamp) -> dict[str, str]:
    t = stamp.tscp
    assert t is not None
    p = f"{BAILS_PREFIX}{t.policy_type}:"
    return {
        p + "BusinessAuthorization:Identifier": t.program_id,
        p + "BusinessAuthorizationCategory:Identifier": t.identifier,
        p + "BusinessAuthorizationCategory:Name": t.name,
        p + "PolicyAuthority:Name": t.policy_authority,
        p + "Policy:Name": t.policy_name,
        p + "Marking:document-header": t.header,
        p + "Marking:document-footer": t.footer,
        p + "Marking:document-watermark": t.watermark,
        p + "Impact:Scale": t.impact_scale,
        p + "Impact:Level:Confidentiality": t.impact_level,
    }


def encode(stamp: LabelStamp, style: str = OOXML_STYLE) -> dict[str, str]:
    """All properties that labelling with `stamp` sets."""
    props = {
        LABEL_ID: stamp.label_id, LABEL_NAME: stamp.label_name, SCHEME_ID: stamp.scheme_id,
        SCHEME_VERSION: str(stamp.scheme_version), SET_DATE: stamp.set_at, SET_BY: stamp.set_by,
        METHOD: stamp.method,
    }
    if stamp.microsoft:
        props[WROTE_MICROSOFT] = stamp.microsoft.label_guid
        props.update(encode_msip(stamp, style))
    if stamp.tscp:
        props[WROTE_TSCP] = stamp.tscp.policy_type
        props.update(encode_tscp(stamp))
    return props


def is_mirror_of(ours: FoundLabel, found: FoundLabel) -> bool:
    """Whether `found` is the Microsoft/TSCP copy that our label `ours` wrote."""
    if found.system == MICROSOFT:
        return found.id == (ours.raw.get(WROTE_MICROSOFT) or "").lower()
    if found.system == TSCP:
        return found.raw.get("policy_type") == ours.raw.get(WROTE_TSCP)
    return False


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
    theirs (the person chose a new label), other tenants' labels stay.
    """
    keys: set[str] = set()
    if stamp.microsoft:
        for guid, attrs in msip_groups(props).items():
            if (attrs.get("SiteId") or "").strip("{}").lower() == stamp.microsoft.site_id:
                keys |= {k for k in props if (m := _MSIP.match(k)) and m.group(1).lower() == guid}
    if stamp.tscp:
        keys |= {k for k in props if k.startswith(f"{BAILS_PREFIX}{stamp.tscp.policy_type}:")}
    return keys


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
