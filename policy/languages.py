"""The languages the app speaks: the one list every language menu, `--lang` choice and catalogue follows.

    codes()                  # ("en", "nl", "fr"): English first, it is the source language
    native_name("fr")        # "Français": how a language menu shows it
    registered("nl_BE.UTF-8")  # "nl"; None for a language that is not registered

Adding a language is one entry in LANGUAGES plus its catalogues: a Qt
`resources/translations/<catalogue>_<code>.ts` for every UI catalogue and
`resources/locale/<code>/LC_MESSAGES/labeler.po` for the core's sentences
(tools/build_translations.py makes and compiles them).  A registered
language without catalogues works: every text falls back to English.

The registry lives here, in the lowest layer, because the scheme importer
(policy.baf) writes texts in every language; labeler.languages re-exports
it for the command line, the desktop and the UI.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1, as in scheme files ("nl") and catalogue names (settings_nl.qm, locale/nl/)
    native_name: str  # the language's name for itself, shown in language menus


#: Every language of the interface, English (the source language) first.
LANGUAGES: tuple[Language, ...] = (
    Language("en", "English"),
    Language("nl", "Nederlands"),
    Language("fr", "Français"),
)
DEFAULT = "en"


def codes() -> tuple[str, ...]:
    """The registered language codes, English first (read at call time, so tests can add one)."""
    return tuple(language.code for language in LANGUAGES)


def native_name(code: str) -> str:
    """"Nederlands" for "nl"; the code itself for a language that is not registered."""
    return next((language.native_name for language in LANGUAGES if language.code == code), code)


def base_code(name: str) -> str:
    """The language part of a locale or tag: "nl_BE.UTF-8" -> "nl", "fr-CA" -> "fr"."""
    return name.split(".")[0].split("@")[0].replace("_", "-").split("-")[0].strip().lower()


def registered(name: str | None) -> str | None:
    """The registered language of a code, tag or locale name ("nl-BE" -> "nl"), or None."""
    code = base_code(name or "")
    return code if code in codes() else None
