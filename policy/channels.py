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


CHANNELS: tuple[Channel, ...] = (
    Channel("email-internal", local_text(N_("E-mail inside the organisation"))),
    Channel("email-partner", local_text(N_("E-mail to partners"))),
    Channel("email-external", local_text(N_("E-mail to anyone else"))),
    Channel("collaboration", local_text(N_("Company collaboration space"))),
    Channel("personal-cloud", local_text(N_("Personal cloud or web upload"))),
    Channel("removable-media", local_text(N_("Removable media (USB stick, external disk)"))),
    Channel("print", local_text(N_("Printing"))),
    Channel("chat", local_text(N_("Chat and messaging"))),
)

CHANNEL_IDS: tuple[str, ...] = tuple(c.id for c in CHANNELS)
EMAIL_CHANNELS: tuple[str, ...] = tuple(c.id for c in CHANNELS if c.is_email)

_BY_ID = {c.id: c for c in CHANNELS}


def channel(channel_id: str) -> Channel:
    """The channel with this id; KeyError (naming the valid ids) for any other."""
    try:
        return _BY_ID[channel_id]
    except KeyError:
        raise KeyError(f"{channel_id!r} is not a sharing channel; channels: "
                       f"{', '.join(CHANNEL_IDS)}") from None
