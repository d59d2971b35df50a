"""Which language the interface speaks: the registry, and the one resolver for the CLI, desktop and UI.

    resolve("system")        # the user's language if registered, else "en"
    resolve("nl-BE")         # "nl"
    setting_choices()        # ("system", "en", "nl", "fr"): the values of Settings.language
    codes(), native_name()   # the registry (policy.languages), for --lang choices and menus
    translation(lang)        # the core's sentences (policy.messages); N_, N_plural mark them

"system" follows, in order: the environment (LANGUAGE, LC_ALL, LC_MESSAGES,
LANG: the first one set decides, as for gettext), then the platform's
preferred languages (Windows: the user's display language; macOS: the
AppleLanguages preference, since an app started from the Finder has no
LANG).  The Qt interface uses this resolver too rather than QLocale, so the
tray's Qt texts and the core's notification sentences never disagree.
"""
from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
from functools import lru_cache

from policy.languages import DEFAULT, LANGUAGES, Language, base_code, codes, native_name, registered
from policy.messages import N_, N_plural, translation

__all__ = ["DEFAULT", "LANGUAGES", "Language", "N_", "N_plural", "SYSTEM", "base_code", "codes", "native_name",
           "registered", "resolve", "setting_choices", "system_languages", "translation"]

SYSTEM = "system"
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def setting_choices() -> tuple[str, ...]:
    """The values a language setting may take: "system", then every registered code."""
    return (SYSTEM, *codes())


def resolve(setting: str | None) -> str:
    """The registered language to use for a setting ("system", "nl", "nl-BE", None …); English if none fits.

    A language asked for by name that is not registered gives English, not
    the system's language: the person chose a language, just not one we have.
    """
    if setting and setting != SYSTEM:
        return registered(setting) or DEFAULT
    for name in system_languages():
        found = registered(name)
        if found:
            return found
    return DEFAULT


def system_languages() -> list[str]:
    """The user's preferred languages as the system gives them ("nl_BE.UTF-8", "fr-CA" …), best first."""
    from_environment = _environment_languages()
    if from_environment is not None:
        return from_environment
    if os.name == "nt":
        return _windows_languages()
    if sys.platform == "darwin":
        return list(_mac_languages())
    return []


def _environment_languages() -> list[str] | None:
    """The languages of the first locale variable set (LANGUAGE may list several), None if none is set.

    "C" and "POSIX" say nothing about a language: they are skipped.
    """
    for variable in LOCALE_VARIABLES:
        names = [n for n in os.environ.get(variable, "").split(":")
                 if n and n != "C" and not n.startswith(("C.", "POSIX"))]
        if names:
            return names
    return None


def _windows_languages() -> list[str]:
    with contextlib.suppress(Exception):
        import ctypes
        import locale

        ui_language = ctypes.windll.kernel32.GetUserDefaultUILanguage()  # type: ignore[attr-defined]
        name = locale.windows_locale.get(ui_language, "")
        return [name] if name else []
    return []


@lru_cache(maxsize=1)
def _mac_languages() -> tuple[str, ...]:
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        proc = subprocess.run(["defaults", "read", "-g", "AppleLanguages"], capture_output=True, text=True,
                              timeout=5)
        return tuple(re.findall(r'^\s*"?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)"?,?\s*$', proc.stdout, re.M))
    return ()
