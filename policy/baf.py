"""Import a LibreOffice / TSCP BAF policy (XML) as the start of a scheme file.

`import_baf(xml_bytes, source)` returns the TOML text of a scheme that loads
as it is, but that an admin should complete before using it: names and
descriptions are copied from the policy into every language, and sharing
rules are defaulted conservatively by rank, each marked `# review: defaulted`.

The policy layout is the one LibreOffice's classification bar reads
(namespace urn:tscp:names:baf:1.1): baf:PolicyAuthorityName, baf:PolicyName,
baf:AdministrativeData/baf:ProgramID and one baf:BusinessAuthorizationCategory
(Identifier, Name) per level, with baf:LabelingRules/…/baf:VisualMarkingPart
(baf:Identifier "Document: Header|Footer|Watermark", baf:Value) and
baf:ImpactLevel (baf:Scale, baf:ConfidentalityValue — sic).  Elements are
found by namespace and name wherever they are nested.

The XML is parsed without DTDs, entity expansion or network access; a
document with a DOCTYPE is refused.
"""
from __future__ import annotations

import json
import re
from collections.abc import Mapping

from lxml import etree

from . import languages
from .channels import CHANNEL_IDS
from .errors import SchemeError
from .messages import N_, local_text
from .scheme_format import FORMAT

BAF_NS = "urn:tscp:names:baf:1.1"
MAX_BYTES = 5 * 1024 * 1024

_MARKING_PARTS = {"Document: Header": "header", "Document: Footer": "footer",
                  "Document: Watermark": "watermark"}
_LEVEL_ORDER = {"UK-Cabinet": ("0", "1", "2", "3"), "FIPS-199": ("Low", "Moderate", "High")}
# From least to most sensitive; more levels than colours reuse the last one.
_COLOURS = ("#2E7D32", "#1565C0", "#EF6C00", "#C62828", "#6A1B9A")


def _must_label() -> tuple[str, ...]:
    """Every document extension the app labels: the format handlers declare them."""
    from formats import document_extensions  # the handlers are loaded only when this is called

    return tuple(sorted(document_extensions()))


# Conservative default verdicts per tier (0 public-like … 3 most sensitive):
# a = allowed, c = conditional, e = conditional, encrypted only, f = forbidden.
_DEFAULTS = {
    0: {"email-internal": "a", "email-partner": "a", "email-external": "a", "collaboration": "a",
        "personal-cloud": "a", "removable-media": "a", "print": "a", "chat": "a"},
    1: {"email-internal": "a", "email-partner": "c", "email-external": "f", "collaboration": "a",
        "personal-cloud": "f", "removable-media": "a", "print": "a", "chat": "c"},
    2: {"email-internal": "a", "email-partner": "e", "email-external": "f", "collaboration": "c",
        "personal-cloud": "f", "removable-media": "e", "print": "c", "chat": "c"},
    3: {"email-internal": "e", "email-partner": "f", "email-external": "f", "collaboration": "c",
        "personal-cloud": "f", "removable-media": "f", "print": "c", "chat": "f"},
}
# Written into the scheme in every language that has a translation (policy.messages.local_text).
_WHY = {
    "a": N_("This level may be shared this way."),
    "c": N_("This level may only be shared this way with care."),
    "f": N_("This level must not be shared this way."),
}
_CONDITION = {
    "c": N_("only with the people who need it for their work"),
    "e": N_("encrypted only, to the people who need it for their work"),
}
_DESCRIPTION = N_("Imported from the TSCP policy: describe what this level means.")


class BafImportError(SchemeError):
    """A BAF policy that cannot be imported (not XML, unsafe, or no categories)."""


def _q(value: str) -> str:
    """A TOML basic string (JSON's escapes are all valid TOML escapes)."""
    return json.dumps(value, ensure_ascii=False)


def _local(texts: Mapping[str, str]) -> str:
    return "{ " + ", ".join(f"{lang} = {_q(text)}" for lang, text in texts.items()) + " }"


def _translated(message: str) -> str:
    """A localised TOML value of one of our sentences, in every language that translates it."""
    return _local(local_text(message))


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9._-]+", "-", text.strip().lower())
    return re.sub(r"-{2,}", "-", slug).strip("-._")


def _text(element) -> str:
    return "".join(element.itertext()).strip() if element is not None else ""


def _find(root, name: str):
    return root.find(f".//{{{BAF_NS}}}{name}")


def _parse(xml_bytes: bytes, source: str):
    if len(xml_bytes) > MAX_BYTES:
        raise BafImportError(f"{source}: is larger than {MAX_BYTES // (1024 * 1024)} MB; not a BAF policy.",
                             source=source)
    if re.search(rb"<!DOCTYPE|<!ENTITY", xml_bytes[:65536], re.I) or b"<!ENTITY" in xml_bytes:
        raise BafImportError(f"{source}: has a DOCTYPE or entity declarations, which are refused "
                             f"for safety.", source=source)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                             huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(xml_bytes, parser)
    except etree.XMLSyntaxError as exc:
        raise BafImportError(f"{source}: is not well-formed XML ({exc}).", source=source) from None
    if root.getroottree().docinfo.doctype:
        raise BafImportError(f"{source}: has a DOCTYPE, which is refused for safety.", source=source)
    if etree.QName(root).namespace != BAF_NS:
        raise BafImportError(f"{source}: is not a BAF policy (the root element is not in the "
                             f"{BAF_NS} namespace).", source=source)
    return root


def _categories(root) -> list[dict]:
    found = []
    for position, element in enumerate(root.iter(f"{{{BAF_NS}}}BusinessAuthorizationCategory")):
        markings: dict[str, str] = {}
        for part in element.iter(f"{{{BAF_NS}}}VisualMarkingPart"):
            kind = _MARKING_PARTS.get(_text(part.find(f"{{{BAF_NS}}}Identifier")))
            value = _text(part.find(f"{{{BAF_NS}}}Value"))
            if kind and value:
                markings[kind] = value
        scale = _text(_find(element, "Scale")) or "None"
        level = _text(_find(element, "ConfidentalityValue")) or "None"
        found.append({"identifier": (element.get("Identifier") or "").strip(),
                      "name": (element.get("Name") or "").strip(), "scale": scale, "level": level,
                      "markings": markings, "position": position})
    return found


def _order(category: dict) -> tuple:
    levels = _LEVEL_ORDER.get(category["scale"])
    if levels and category["level"] in levels:
        return (0, levels.index(category["level"]), category["position"])
    try:
        return (0, float(category["level"]), category["position"])
    except ValueError:
        return (1, 0, category["position"])  # unknown level: after the known ones, in file order


def import_baf(xml_bytes: bytes, source: str) -> str:
    """The TOML text of a scheme made from a BAF policy; BafImportError if it cannot be read."""
    root = _parse(xml_bytes, source)
    authority = _text(_find(root, "PolicyAuthorityName"))
    policy_name = _text(_find(root, "PolicyName"))
    program_id = _text(_find(root, "ProgramID"))
    categories = [c for c in _categories(root) if c["identifier"] or c["name"]]
    if not categories:
        raise BafImportError(f"{source}: has no baf:BusinessAuthorizationCategory with an Identifier or "
                             f"Name; nothing to import.", source=source)
    categories.sort(key=_order)

    scheme_id = _slug(program_id) or _slug(authority) or _slug(policy_name) or "imported-baf"
    organisation = authority or policy_name or "Your organisation"
    lines = [
        f"# Imported from the TSCP BAF policy {source}.",
        "# Complete it before use: describe each label (translations are optional;",
        "# a missing language falls back to English), write handling advice, add your",
        "# e-mail domains and review every sharing rule marked 'review: defaulted'.",
        "# The format is described in docs/scheme.md.",
        "",
        "[scheme]",
        f"format = {FORMAT}",
        f"id = {_q(scheme_id)}",
        "version = 1",
        f"name = {_q(policy_name or organisation)}",
        f"organisation = {_q(organisation)}",
        "internal_domains = []  # review: add your organisation's e-mail domains",
        "partner_domains = []  # review: add your partners' e-mail domains",
        "must_label = [" + ", ".join(_q(e) for e in _must_label()) + "]",
        "# default_label = \"...\"  # review: the label suggested for new documents",
    ]
    used: set[str] = set()
    count = len(categories)
    for rank, category in enumerate(categories):
        name = category["name"] or category["identifier"]
        base = _slug(category["name"]) or _slug(category["identifier"].rsplit(":", 1)[-1]) or f"level-{rank}"
        label_id, n = base, 2
        while label_id in used:
            label_id, n = f"{base}-{n}", n + 1
        used.add(label_id)
        tier = 2 if count == 1 else round(3 * rank / (count - 1))
        colour = _COLOURS[min(rank if count <= len(_COLOURS) else round(rank * 4 / (count - 1)),
                              len(_COLOURS) - 1)]
        lines += [
            "",
            "# " + "-" * 75,
            "[[labels]]",
            f"id = {_q(label_id)}",
            f"color = {_q(colour)}  # review: defaulted",
            f"name = {_local(dict.fromkeys(languages.codes(), name))}  # review: translate",
            f"description = {_translated(_DESCRIPTION)}  # review: describe",
            f"justify_downgrade = {'true' if tier >= 2 else 'false'}  # review: defaulted",
            "",
            "[labels.sharing]",
        ]
        for channel_id in CHANNEL_IDS:
            code = _DEFAULTS[tier].get(channel_id)
            if code is None:
                continue  # a channel without a default here gets the loader's (docs/scheme.md)
            verdict = {"a": "allowed", "c": "conditional", "e": "conditional", "f": "forbidden"}[code]
            parts = [f"verdict = {_q(verdict)}"]
            if code in _CONDITION:
                parts.append(f"condition = {_translated(_CONDITION[code])}")
            if code == "e":
                parts.append("encrypted_only = true")
            parts.append(f"why = {_translated(_WHY['c' if code == 'e' else code])}")
            lines.append(f"{channel_id} = {{ {', '.join(parts)} }}  # review: defaulted")
        markings = category["markings"]
        if markings:
            lines += ["", "[labels.markings]"]
            lines += [f"{part} = {_q(markings[part])}" for part in ("header", "footer", "watermark")
                      if part in markings]
        scale, level = category["scale"], category["level"]
        supported = level in _LEVEL_ORDER.get(scale, ())
        lines += [
            "",
            "[labels.tscp]",
            f"identifier = {_q(category['identifier'] or name)}",
            f"name = {_q(name)}",
        ]
        # A field the policy does not give stays unset (written empty, as LibreOffice writes it).
        lines += [f"{key} = {_q(value)}" for key, value in (("policy_authority", authority),
                                                            ("policy_name", policy_name),
                                                            ("program_id", program_id)) if value]
        if supported:
            lines += [f"impact_scale = {_q(scale)}", f"impact_level = {_q(level)}"]
        elif scale != "None" or level != "None":
            lines.append(f"# review: the policy's impact scale {scale!r} / level {level!r} is not one "
                         f"LibreOffice knows (UK-Cabinet 0-3, FIPS-199 Low/Moderate/High)")
        lines += [f"{part} = {_q(markings[part])}" for part in ("header", "footer", "watermark")
                  if part in markings]
    text = "\n".join(lines) + "\n"

    # The result must load as it is; a failure here is a bug of this importer.
    from .loader import parse_scheme
    parse_scheme(text.encode("utf-8"), f"{source} (imported)")
    return text
