"""Reading a whole scheme document: `[scheme]`, `[[labels]]`, `[[hints]]`, `[[tips]]`, `[recognise]`, `[sharing]`.

`SchemeReader().scheme(document)` returns the Scheme, or None with every
problem in `problems`; things the admin should know but that do not stop the
scheme are in `warnings`.  policy/loader.py adds file names and lines.
"""
from __future__ import annotations

import re
from typing import Any

from formats import document_extensions

from .fields import key_path
from .hints import DEFAULT_RULES, HintRule
from .label_reader import ID, ID_RULE, LabelReader
from .places import default_places, read_sharing
from .scheme import Scheme
from .scheme_format import FIRST_FORMAT, FORMAT
from .text import LocalText

_TOP_KEYS = ("scheme", "labels", "hints", "tips", "recognise", "sharing")
_SCHEME_KEYS = ("format", "id", "version", "name", "organisation", "internal_domains", "partner_domains",
                "default_label", "must_label", "marking_language")
_SCHEME_REQUIRED = ("id", "version", "name", "organisation")
_RECOGNISE_KEYS = ("label_name_properties",)
_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")
_HINT_KEYS = ("detectors", "min_count", "recommend")
_TIP_KEYS = ("text",)
_DOMAIN = re.compile(r"^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]$")
_EXTENSION = re.compile(r"^\.[a-z0-9][a-z0-9._-]*$")
_DETECTOR = re.compile(r"^[a-z0-9][a-z0-9:._-]*$")
# A property name: one line of printable text, not one of the names other
# tools' labels are already recognised by.
_PROPERTY_NAME = re.compile(r"^[^\x00-\x1f\x7f]{1,255}$")
_RESERVED_PROPERTY_PREFIXES = ("Labeler_", "MSIP_Label_", "urn:bails:", "TitusGUID", "bjDocumentLabelXML",
                               "bjDocumentSecurityLabel")


class SchemeReader(LabelReader):
    """Builds the scheme while collecting problems instead of stopping at the first."""

    def scheme(self, document: dict) -> Scheme | None:
        for key in document:
            if key not in _TOP_KEYS:
                self.problem(key_path("", key), f"unknown key (allowed at the top: {', '.join(_TOP_KEYS)})")
        header: dict = {}
        if "scheme" not in document:
            self.problem("scheme", "is missing (a [scheme] table with id, version, name and organisation)")
        else:
            header = self.table(document["scheme"], "scheme", _SCHEME_KEYS, _SCHEME_REQUIRED) or {}
        # A newer format never gets here (the loader refuses it first).
        scheme_format = self.integer(header, "format", "scheme", low=FIRST_FORMAT, high=FORMAT,
                                     default=FIRST_FORMAT)
        scheme_id = self.matching(header, "id", "scheme", ID, ID_RULE)
        version = self.integer(header, "version", "scheme", low=1)
        name = self.text(header, "name", "scheme")
        organisation = self.text(header, "organisation", "scheme")
        marking_language = self.matching(header, "marking_language", "scheme", _LANGUAGE_CODE,
                                         "a language code such as en, nl or fr") if "marking_language" in header \
            else "en"
        domain_rule = "a domain name such as example.com (no @)"
        internal = self.strings(header, "internal_domains", "scheme", _DOMAIN, domain_rule, lower=True)
        partners = self.strings(header, "partner_domains", "scheme", _DOMAIN, domain_rule, lower=True)
        if internal and partners:
            for index, domain in enumerate(partners):
                if domain in internal:
                    self.problem(f"scheme.partner_domains[{index}]",
                                 f"{domain!r} is also an internal domain")
        must_label = self.strings(header, "must_label", "scheme", _EXTENSION,
                                  "a file extension with its dot, such as .docx", lower=True)
        default_label = self.matching(header, "default_label", "scheme", ID, ID_RULE) \
            if "default_label" in header else None

        labels = self.labels(document.get("labels"))
        ids = {label.id for label in labels}
        if default_label is not None and labels and default_label not in ids:
            self.problem("scheme.default_label", f"{default_label!r} is not a label id of this scheme "
                                                 f"({', '.join(l.id for l in labels)})")
        if "hints" in document:
            hint_rules = self.hints(document["hints"], ids)
        else:
            hint_rules = tuple(rule for rule in DEFAULT_RULES if rule.label_id in ids)
        tips = self.tips(document["tips"]) if "tips" in document else ()
        name_properties = self.recognise(document["recognise"]) if "recognise" in document else ()
        places, collaboration_url = (read_sharing(self, document["sharing"]) if "sharing" in document
                                     else (default_places(), None))
        if self.problems:
            return None
        # A reader gives None for a required key only after reporting a problem.
        assert scheme_id is not None and version is not None and name is not None and organisation is not None
        assert scheme_format is not None
        return Scheme(scheme_id, version, name, labels, organisation=organisation,
                      internal_domains=internal or (), partner_domains=partners or (),
                      default_label_id=default_label,
                      # Without a list, every document format the app can label must be labelled.
                      must_label=(frozenset(must_label or ()) if "must_label" in header
                                  else frozenset(document_extensions())),
                      hint_rules=hint_rules, tips=tips, label_name_properties=name_properties or (),
                      format=scheme_format, marking_language=marking_language or "en",
                      sharing_places=places, collaboration_url=collaboration_url)

    def hints(self, value: Any, ids: set[str]) -> tuple[HintRule, ...]:
        rules: list[HintRule] = []
        for index, item in enumerate(self.tables(value, "hints", "hints")):
            where = f"hints[{index}]"
            before = len(self.problems)
            table = self.table(item, where, _HINT_KEYS, ("detectors", "recommend"))
            if table is None:
                continue
            detectors = self.strings(table, "detectors", where, _DETECTOR,
                                     "a detector id such as iban or keyword:personal-hr") \
                if "detectors" in table else None
            if detectors == ():
                self.problem(f"{where}.detectors", "needs at least one detector id")
            min_count = self.integer(table, "min_count", where, low=1, default=1)
            recommend = self.matching(table, "recommend", where, ID, ID_RULE)
            if recommend is not None and ids and recommend not in ids:
                self.problem(f"{where}.recommend", f"{recommend!r} is not a label id of this scheme "
                                                   f"({', '.join(sorted(ids))})")
            if len(self.problems) == before:
                assert detectors is not None and min_count is not None and recommend is not None
                rules.append(HintRule(detectors, min_count, recommend))
        return tuple(rules)

    def recognise(self, value: Any) -> tuple[str, ...] | None:
        """[recognise]: how to read other tools' labels; `label_name_properties` names Titus / Boldon James names."""
        table = self.table(value, "recognise", _RECOGNISE_KEYS, ())
        if table is None:
            return None
        names = self.strings(table, "label_name_properties", "recognise", _PROPERTY_NAME,
                             "the exact name of a custom document property, one line")
        for index, name in enumerate(names or ()):
            if name.startswith(_RESERVED_PROPERTY_PREFIXES):
                self.problem(f"recognise.label_name_properties[{index}]",
                             f"{name!r} is a property the app already recognises (ours, Microsoft's, "
                             "TSCP's, Titus's GUID or Boldon James's label)")
                names = None
        return names

    def tips(self, value: Any) -> tuple[LocalText, ...]:
        tips: list[LocalText] = []
        for index, item in enumerate(self.tables(value, "tips", "tips")):
            where = f"tips[{index}]"
            table = self.table(item, where, _TIP_KEYS, _TIP_KEYS)
            if table is not None and (text := self.local(table, "text", where)) is not None:
                tips.append(text)
        return tuple(tips)
