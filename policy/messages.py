"""The core's own sentences in the reader's language: gettext catalogues, no Qt.

    _ = translation(lang).gettext
    _("Why: {what}")                                     # "Waarom: {what}" in "nl"
    translation(lang).ngettext("{n} IBAN number", "{n} IBAN numbers", n).format(n=n)

The catalogues are resources/locale/<code>/LC_MESSAGES/labeler.mo, compiled
from the .po files next to them by tools/build_translations.py, which also
extracts every `_()`, `gettext()`, `ngettext()`, `N_()` and `N_plural()` call
from labeler/ and policy/.  Texts that come from the scheme (label names,
rules) are not here: the scheme carries its own translations; `local_text`
gives one of ours the same shape (channel names, defaulted rules).

A language that is not registered (policy.languages), or that has no
catalogue yet, gets English: the sentences as written in the code.
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from . import languages
from .text import LocalText

if TYPE_CHECKING:  # gettext and importlib.resources are imported by the first translation, not with the module
    import gettext

DOMAIN = "labeler"


def locale_dir() -> Path:
    """resources/locale, where <code>/LC_MESSAGES/labeler.mo live."""
    import importlib.resources

    return Path(str(importlib.resources.files("resources").joinpath("locale")))


def translation(lang: str | None) -> gettext.NullTranslations:
    """The catalogue for `lang` ("nl", "nl-BE", "fr_FR.UTF-8"); English for anything else."""
    return _translation(languages.registered(lang) or languages.DEFAULT)


@cache
def _translation(code: str) -> gettext.NullTranslations:
    import gettext

    if code == languages.DEFAULT:
        return gettext.NullTranslations()  # the source language: the code's own sentences
    return gettext.translation(DOMAIN, str(locale_dir()), languages=[code], fallback=True)


def N_(message: str) -> str:
    """Marks a sentence for extraction where it is defined; translate it where it is used."""
    return message


def N_plural(singular: str, plural: str) -> tuple[str, str]:
    """Marks a singular/plural pair for extraction; pass both to `ngettext` where it is used."""
    return singular, plural


def local_text(message: str) -> LocalText:
    """`message` in every registered language whose catalogue translates it, as a scheme text is.

    For our texts that sit beside the scheme's (channel names, the rule a
    channel gets when the scheme does not name it) or that are written into
    a scheme file (policy.baf).  A language left out falls back to English,
    so no untranslated copy of the English is kept under another code.
    """
    texts = {languages.DEFAULT: message}
    for code in languages.codes():
        text = translation(code).gettext(message)
        if code != languages.DEFAULT and text != message:
            texts[code] = text
    return LocalText(texts)


def sentence(text: str | None) -> str:
    """A scheme text as a sentence, for printing: a capital first letter and a full stop at the end.

    Schemes often hold fragments ("encrypted USB only"); the scheme's own text
    is left as written, only the printed copy is made a sentence.
    """
    text = (text or "").strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?…。" else text + "."


def join_list(items: Iterable[str], lang: str | None) -> str:
    """Items joined as the language joins a list: "A, B and C", "A, B en C", "A, B et C" (no comma before
    the last one in any of them)."""
    items = list(items)
    if len(items) < 2:
        return "".join(items)
    # The same pattern as two folder names ("Documents and Desktop"): {a} is everything but the last item.
    return translation(lang).gettext("{a} and {b}").format(a=", ".join(items[:-1]), b=items[-1])
