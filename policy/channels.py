"""The ways a document can leave a person's hands: the sharing channels.

Every label of a loaded scheme has one sharing rule per channel: the rule the
scheme writes, or, for a channel the scheme does not name, a default with a
warning (policy/channel_defaults.py, docs/scheme.md).  The ids are stable:
schemes, the audit log and other code refer to them.

Adding a channel: append it here (id and English name; the other languages
come from the catalogues, resources/locale/*/LC_MESSAGES/labeler.po, and
fall back to English until translated) and add a row to the channel table in
docs/scheme.md.  Schemes already distributed keep loading; they get the
default rule for the new channel until their admin names it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .messages import N_, local_text
from .text import LocalText


@dataclass(frozen=True)
class Channel:
    """One sharing channel, with its name in several languages."""

    id: str
    names: LocalText

    def name(self, lang: str = "en") -> str:
        return self.names.get_text(lang)

    @property
    def is_email(self) -> bool:
        return self.id.startswith("email-")


# The channels, in the order they are shown.  Their names in every language (`CHANNELS`) are made when first
# asked for: that reads the translation catalogues, and most commands never show a channel.
_NAMES: tuple[tuple[str, str], ...] = (
    ("email-internal", N_("E-mail inside the organisation")),
    ("email-partner", N_("E-mail to partners")),
    ("email-external", N_("E-mail to anyone else")),
    ("collaboration", N_("Company collaboration space")),
    ("personal-cloud", N_("Personal cloud or web upload")),
    ("removable-media", N_("Removable media (USB stick, external disk)")),
    ("print", N_("Printing")),
    ("chat", N_("Chat and messaging")),
)

CHANNEL_IDS: tuple[str, ...] = tuple(channel_id for channel_id, _ in _NAMES)
EMAIL_CHANNELS: tuple[str, ...] = tuple(channel_id for channel_id in CHANNEL_IDS if channel_id.startswith("email-"))


if TYPE_CHECKING:  # made on first use, by __getattr__, and kept as the module's own names from then on
    CHANNELS: tuple[Channel, ...]
    _BY_ID: dict[str, Channel]


def _made() -> dict:
    """The module's names, with CHANNELS and _BY_ID in them (made now if they are not yet)."""
    names = globals()
    if "CHANNELS" not in names:
        names["CHANNELS"] = tuple(Channel(channel_id, local_text(name)) for channel_id, name in _NAMES)
    if "_BY_ID" not in names:
        names["_BY_ID"] = {c.id: c for c in names["CHANNELS"]}
    return names


def __getattr__(name: str):
    """`CHANNELS`: every channel with its names, made on first use."""
    if name in ("CHANNELS", "_BY_ID"):
        return _made()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def channel(channel_id: str) -> Channel:
    """The channel with this id; KeyError (naming the valid ids) for any other."""
    try:
        return _made()["_BY_ID"][channel_id]
    except KeyError:
        raise KeyError(f"{channel_id!r} is not a sharing channel; channels: "
                       f"{', '.join(CHANNEL_IDS)}") from None
