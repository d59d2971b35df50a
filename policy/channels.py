"""The ways a document can leave a person's hands: the sharing channels.

Every label of a loaded scheme has one sharing rule per channel: the rule the
scheme writes, or, for a channel the scheme does not name, a default with a
warning (policy/channel_defaults.py, docs/scheme.md).  The ids are stable:
schemes, the audit log and other code refer to them.

Adding a channel: append it here (id and names; English is required, other
languages fall back to it) and add a row to the channel table in
docs/scheme.md.  Schemes already distributed keep loading; they get the
default rule for the new channel until their admin names it.
"""
from __future__ import annotations

from dataclasses import dataclass

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
    Channel("email-internal", LocalText(
        en="E-mail inside the organisation",
        nl="E-mail binnen de organisatie",
        fr="Courriel au sein de l'organisation")),
    Channel("email-partner", LocalText(
        en="E-mail to partners",
        nl="E-mail naar partners",
        fr="Courriel aux partenaires")),
    Channel("email-external", LocalText(
        en="E-mail to anyone else",
        nl="E-mail naar alle anderen",
        fr="Courriel à tout autre destinataire")),
    Channel("collaboration", LocalText(
        en="Company collaboration space",
        nl="Samenwerkingsomgeving van het bedrijf",
        fr="Espace collaboratif de l'entreprise")),
    Channel("personal-cloud", LocalText(
        en="Personal cloud or web upload",
        nl="Persoonlijke cloud of upload naar een website",
        fr="Cloud personnel ou envoi vers un site web")),
    Channel("removable-media", LocalText(
        en="Removable media (USB stick, external disk)",
        nl="Verwisselbare media (usb-stick, externe schijf)",
        fr="Supports amovibles (clé USB, disque externe)")),
    Channel("print", LocalText(
        en="Printing",
        nl="Afdrukken",
        fr="Impression")),
    Channel("chat", LocalText(
        en="Chat and messaging",
        nl="Chat en berichtenapps",
        fr="Chat et messagerie instantanée")),
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
