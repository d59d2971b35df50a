"""The label scheme an admin wrote: ordered labels and what they mean for sharing.

Values only: the loader builds and validates them, everything else reads
them.  Rank is the sensitivity, 0 for the least sensitive: the position of a
top-level label in the scheme.  A sublabel has the rank of its parent (the
same sensitivity, a narrower audience) and follows it in `Scheme.labels`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from pathlib import PurePath
from collections.abc import Mapping

# The two mapping values are shared with formats/ on purpose: a scheme label
# is turned into a LabelStamp without translation.  They come from the
# package's public face (formats/__init__.py), never from its modules.
from formats import MicrosoftMapping, TscpMapping

from . import channels as _channels
from .errors import SchemeProblem
from .hints import HintRule
from .places import default_places
from .text import DEFAULT_LANGUAGE, LocalText

ALLOWED = "allowed"
CONDITIONAL = "conditional"
FORBIDDEN = "forbidden"
VERDICTS = (ALLOWED, CONDITIONAL, FORBIDDEN)

# Between a parent label's name and its sublabel's in display_name().
SUBLABEL_SEPARATOR = " › "

class RuleMap(Mapping):
    """An immutable, hashable, picklable channel id -> SharingRule mapping (Label.sharing)."""

    __slots__ = ("_rules",)
    _rules: dict[str, SharingRule]

    def __init__(self, rules: Mapping[str, SharingRule] | None = None) -> None:
        object.__setattr__(self, "_rules", dict(rules or {}))

    def __getitem__(self, channel_id: str) -> SharingRule:
        return self._rules[channel_id]

    def __iter__(self):
        return iter(self._rules)

    def __len__(self) -> int:
        return len(self._rules)

    def __hash__(self) -> int:
        return hash(frozenset(self._rules.items()))

    def __eq__(self, other: object) -> bool:
        return dict(self._rules) == dict(other) if isinstance(other, Mapping) else NotImplemented

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("RuleMap is immutable")

    def __reduce__(self):
        return (RuleMap, (dict(self._rules),))

    def __repr__(self) -> str:
        return f"RuleMap({self._rules!r})"


def normalize_guid(guid: str) -> str:
    """GUIDs are compared lower case and without braces, as Microsoft writes them."""
    return guid.strip().strip("{}").lower()


def _text(value: LocalText | str | None, lang: str) -> str | None:
    if value is None:
        return None
    return value.get_text(lang) if isinstance(value, LocalText) else str(value)


class VerdictChecks:
    """`allowed`, `conditional` and `forbidden` for any value that has a `verdict` (one of VERDICTS, or None).

    A plain mixin rather than a dataclass: the subclass supplies `verdict` as a
    field or a property, so it is declared here for the type checker only (a
    class attribute here would become the default of a dataclass field).
    """

    __slots__ = ()

    if TYPE_CHECKING:
        @property
        def verdict(self) -> str | None: ...

    @property
    def allowed(self) -> bool:
        return self.verdict == ALLOWED

    @property
    def conditional(self) -> bool:
        return self.verdict == CONDITIONAL

    @property
    def forbidden(self) -> bool:
        return self.verdict == FORBIDDEN


@dataclass(frozen=True)
class SharingRule(VerdictChecks):
    """What a label allows on one channel, and why."""

    channel: str  # a channel id, see policy.channels
    verdict: str  # ALLOWED | CONDITIONAL | FORBIDDEN
    why: LocalText  # one line
    condition: LocalText | None = None  # required iff CONDITIONAL, e.g. "encrypted mail only"
    instead: LocalText | None = None  # what to do instead
    max_attachment_kb: int | None = None  # e-mail channels only
    encrypted_only: bool = False

    def why_text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return self.why.get_text(lang)

    def condition_text(self, lang: str = DEFAULT_LANGUAGE) -> str | None:
        return _text(self.condition, lang)

    def instead_text(self, lang: str = DEFAULT_LANGUAGE) -> str | None:
        return _text(self.instead, lang)

    def to_json(self, lang: str | None = None) -> dict:
        """JSON-ready; with `lang`, texts in that language, else every language."""
        def out(value):
            if value is None:
                return None
            return value.get_text(lang) if lang else value.to_json()
        return {"channel": self.channel, "verdict": self.verdict, "why": out(self.why),
                "condition": out(self.condition), "instead": out(self.instead),
                "max_attachment_kb": self.max_attachment_kb, "encrypted_only": self.encrypted_only}


@dataclass(frozen=True)
class Markings:
    """Visual marking texts a label asks for (any may be absent), and how they look.

    Texts may hold the variables of MARKING_VARIABLES; `font_size` is for
    header and footer, `watermark_font_size` for the watermark (points).
    """

    header: LocalText | None = None
    footer: LocalText | None = None
    watermark: LocalText | None = None
    font_size: float = 10.0
    watermark_font_size: float = 54.0
    color: str = "#000000"
    align: str = "center"

    def text(self, part: str, lang: str = DEFAULT_LANGUAGE) -> str | None:
        """The text of "header", "footer" or "watermark" in `lang`, or None."""
        if part not in ("header", "footer", "watermark"):
            raise ValueError(f"no marking part {part!r}")
        return _text(getattr(self, part), lang)


# What a marking text may say besides plain words (docs/scheme.md, "Markings").
MARKING_VARIABLES = ("${label}", "${user}", "${date}", "${file}")
MARKING_ALIGNMENTS = ("left", "center", "right")


@dataclass(frozen=True)
class Label:
    """One sensitivity level of a scheme, or a sublabel of one."""

    id: str  # stable: written into documents, never reused
    rank: int  # 0 = least sensitive; a sublabel has its parent's rank
    color: str  # "#RRGGBB"
    names: LocalText  # language code -> name
    descriptions: LocalText  # language code -> description
    microsoft: MicrosoftMapping | None = None
    tscp: TscpMapping | None = None
    parent: str | None = None  # the parent label's id, for a sublabel
    handling: LocalText | None = None
    justify_downgrade: bool = False  # lowering below this rank or removing it needs a reason
    # channel id -> rule; a sublabel's mapping already includes what it inherits.
    sharing: Mapping[str, SharingRule] = field(default_factory=lambda: RuleMap())
    markings: Markings | None = None
    parent_names: LocalText | None = field(default=None, compare=False, repr=False)

    @property
    def is_sublabel(self) -> bool:
        return self.parent is not None

    def name(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """The name in `lang` ("nl", or "nl-BE" falling back to "nl"), else in English."""
        return LocalText.of(self.names).get_text(lang)

    def description(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return LocalText.of(self.descriptions).get_text(lang)

    def display_name(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """The name to show: "Confidential › HR" for a sublabel, else the name."""
        if self.parent_names is not None:
            return f"{self.parent_names.get_text(lang)}{SUBLABEL_SEPARATOR}{self.name(lang)}"
        return self.name(lang)

    def handling_advice(self, lang: str = DEFAULT_LANGUAGE) -> str | None:
        return _text(self.handling, lang)

    def rule(self, channel_id: str) -> SharingRule:
        """The sharing rule for a channel (inherited from the parent for a sublabel)."""
        _channels.channel(channel_id)  # KeyError for an unknown channel id
        try:
            return self.sharing[channel_id]
        except KeyError:
            raise KeyError(f"label {self.id!r} has no sharing rule for {channel_id!r}") from None

    def rules(self) -> tuple[SharingRule, ...]:
        """Every rule of this label, in channel order."""
        return tuple(self.sharing[c] for c in _channels.CHANNEL_IDS if c in self.sharing)


@dataclass(frozen=True)
class Scheme:
    """An admin's scheme: its identity, version, organisation and labels in rank order."""

    id: str
    version: int
    name: str
    labels: tuple[Label, ...]  # each top-level label followed by its sublabels
    organisation: str = ""
    internal_domains: tuple[str, ...] = ()
    partner_domains: tuple[str, ...] = ()
    default_label_id: str | None = None
    must_label: frozenset[str] = frozenset()  # extensions, lower case, with the dot
    hint_rules: tuple[HintRule, ...] = ()
    tips: tuple[LocalText, ...] = ()
    # Custom properties that hold the name of a Titus or Boldon James label
    # (`[recognise] label_name_properties`), tried before the usual ones.
    label_name_properties: tuple[str, ...] = ()
    format: int = 1  # the scheme file format (docs/scheme.md, "Format versions")
    # The language of the marking texts drawn into documents (falling back to English).
    marking_language: str = "en"
    # `[sharing]`: channel id -> place patterns (policy/places.py), the defaults merged in,
    # and the company's collaboration space, if the scheme names one.
    sharing_places: dict[str, tuple[str, ...]] = field(default_factory=default_places, hash=False)
    collaboration_url: str | None = None
    # What the admin should review although the scheme is usable, e.g. a
    # channel it does not name (see policy/channel_defaults.py); each with its line.
    warnings: tuple[SchemeProblem, ...] = field(default=(), compare=False)

    def find(self, id_or_name: str) -> Label | None:
        """The label with this id or, failing that, this name or display name in any language (any case)."""
        wanted = id_or_name.strip().casefold()
        for label in self.labels:
            if label.id.casefold() == wanted:
                return label
        for label in self.labels:
            if any(name.strip().casefold() == wanted for name in label.names.values()):
                return label
        for label in self.labels:
            if label.parent_names is not None and any(
                    label.display_name(lang).casefold() == wanted for lang in label.names):
                return label
        return None

    def label(self, label_id: str) -> Label:
        """The label with exactly this id; KeyError naming the valid ids otherwise."""
        for label in self.labels:
            if label.id == label_id:
                return label
        raise KeyError(f"{label_id!r} is not a label of scheme {self.id!r}; labels: "
                       f"{', '.join(l.id for l in self.labels)}")

    @property
    def default_label(self) -> Label | None:
        return self.label(self.default_label_id) if self.default_label_id else None

    def sublabels(self, parent: Label | str) -> tuple[Label, ...]:
        parent_id = parent.id if isinstance(parent, Label) else parent
        return tuple(l for l in self.labels if l.parent == parent_id)

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

    def must_be_labelled(self, path: str | PurePath) -> bool:
        """Whether the scheme requires a label on files of this type (by extension)."""
        name = PurePath(path).name.lower()
        return any(name.endswith(ext) and len(name) > len(ext) for ext in self.must_label)

    def channel_for_email(self, address: str) -> str:
        """"email-internal", "email-partner" or "email-external" for a recipient address.

        Subdomains of a listed domain count (mail.example.com is example.com);
        the most specific listed domain wins.  An address without a domain is external.
        """
        import email.utils  # here, not at the top: reading a scheme does not need the e-mail package

        _, parsed = email.utils.parseaddr(address)
        parsed = parsed or address
        domain = parsed.rpartition("@")[2].strip().strip(">").rstrip(".").lower() if "@" in parsed else ""
        best, result = -1, "email-external"
        if domain:
            for domains, channel_id in ((self.internal_domains, "email-internal"),
                                        (self.partner_domains, "email-partner")):
                for listed in domains:
                    if (domain == listed or domain.endswith("." + listed)) and len(listed) > best:
                        best, result = len(listed), channel_id
        return result
