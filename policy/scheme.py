"""The label scheme an admin wrote: ordered labels and what they map to.

Values only: the loader builds and validates them, everything else reads
them.  Rank is the position in the scheme, 0 for the least sensitive.
"""
from __future__ import annotations

from dataclasses import dataclass, field

# The two mapping values are shared with formats/ on purpose: a scheme label
# is turned into a LabelStamp without translation.
from formats.model import MicrosoftMapping, TscpMapping

DEFAULT_LANGUAGE = "en"


def normalize_guid(guid: str) -> str:
    """GUIDs are compared lower case and without braces, as Microsoft writes them."""
    return guid.strip().strip("{}").lower()


@dataclass(frozen=True)
class Label:
    """One sensitivity level of a scheme."""

    id: str  # stable: written into documents, never reused
    rank: int  # 0 = least sensitive
    color: str  # "#RRGGBB"
    names: dict[str, str] = field(hash=False)  # language code -> name
    descriptions: dict[str, str] = field(hash=False)  # language code -> description
    microsoft: MicrosoftMapping | None = None
    tscp: TscpMapping | None = None

    def name(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """The name in `lang` ("nl", or "nl-BE" falling back to "nl"), else in English."""
        return _localized(self.names, lang)

    def description(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return _localized(self.descriptions, lang)


def _localized(texts: dict[str, str], lang: str) -> str:
    lang = lang.replace("_", "-")
    for candidate in (lang, lang.split("-")[0], DEFAULT_LANGUAGE):
        if candidate in texts:
            return texts[candidate]
    return next(iter(texts.values()), "")


@dataclass(frozen=True)
class Scheme:
    """An admin's scheme: its identity, version and labels in rank order."""

    id: str
    version: int
    name: str
    labels: tuple[Label, ...]

    def find(self, id_or_name: str) -> Label | None:
        """The label with this id or, failing that, this name in any language (any case)."""
        wanted = id_or_name.strip().casefold()
        for label in self.labels:
            if label.id.casefold() == wanted:
                return label
        for label in self.labels:
            if any(name.strip().casefold() == wanted for name in label.names.values()):
                return label
        return None

    def rank_of(self, label: Label | str) -> int:
        """The rank of a label of this scheme (given as Label or id)."""
        label_id = label.id if isinstance(label, Label) else label
        for candidate in self.labels:
            if candidate.id == label_id:
                return candidate.rank
        raise ValueError(f"{label_id!r} is not a label of scheme {self.id!r}")

    def by_microsoft_guid(self, guid: str) -> Label | None:
        wanted = normalize_guid(guid)
        return next((l for l in self.labels if l.microsoft and l.microsoft.label_guid == wanted), None)

    def by_tscp_identifier(self, identifier: str) -> Label | None:
        wanted = identifier.strip()
        return next((l for l in self.labels if l.tscp and l.tscp.identifier == wanted), None)
