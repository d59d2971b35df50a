"""The interface language: loading our Qt translations and switching at runtime.

    install_translator(app, "system")  # at start: the system language if we have it, else English
    set_language("nl")                 # later, e.g. from a settings menu
    current_language()                 # a code of labeler.languages.codes(), e.g. "nl"

Our strings live in resources/translations/<catalogue>_<lang>.qm, one
catalogue per part of the UI (labeler_ for the dialog, shell_ for the tray
and its windows, ...); every catalogue of the language is installed.  Switching re-installs the translator, so
Qt sends every widget a QEvent.LanguageChange; views re-set their texts in
`changeEvent` (see their `retranslate()`).  Label names, descriptions and
rules come from the scheme in the chosen language, not from these files.

Which language "system" means is decided by labeler.languages.resolve, the
same resolver the core uses for its own sentences; a registered language
without catalogues shows the English source strings.
"""
from __future__ import annotations

from pathlib import Path
from typing import TypedDict

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from labeler.languages import DEFAULT, resolve
from labeler.system import resource_path

TRANSLATIONS_DIR = resource_path("translations")



class _State(TypedDict):
    lang: str  # the language installed last
    ours: list[QTranslator]  # our catalogues' translators, installed
    qt: QTranslator | None  # Qt's own strings in that language, if installed
    installed: bool


_state: _State = {"lang": DEFAULT, "ours": [], "qt": None, "installed": False}


def catalogues(lang: str) -> list[Path]:
    """Our compiled catalogues for `lang` (English ones hold plural forms only)."""
    return sorted(TRANSLATIONS_DIR.glob(f"*_{lang}.qm"))


def current_language() -> str:
    """The language the interface is in now ("en" until a translator is installed)."""
    return _state["lang"]


def install_translator(app: QCoreApplication | None = None, lang: str | None = "system") -> str:
    """Install the translators for `lang` on `app`, replacing earlier ones; returns the language used."""
    app = app or QCoreApplication.instance()
    if app is None:
        raise RuntimeError("translators are installed on the application, which does not exist yet")
    lang = resolve(lang)
    for old in _state["ours"]:
        app.removeTranslator(old)
    _state["ours"] = []
    qt_before = _state["qt"]
    if qt_before is not None:
        app.removeTranslator(qt_before)
        _state["qt"] = None
    for path in catalogues(lang):
        ours = QTranslator(app)
        if ours.load(str(path)):
            app.installTranslator(ours)
            _state["ours"].append(ours)
    if lang != DEFAULT:
        # Qt's own strings (standard buttons, context menus) in the same language.
        qt = QTranslator(app)
        if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
            _state["qt"] = qt
    _state["lang"], _state["installed"] = lang, True
    return lang


def ensure_language(lang: str | None) -> str:
    """Install `lang` unless it is already the installed language; returns the language in use."""
    wanted = resolve(lang)
    if wanted != _state["lang"] or not _state["installed"]:
        install_translator(None, wanted)
    return wanted


def set_language(lang: str | None) -> str:
    """Switch the running interface to `lang`; open windows retranslate themselves.

    Installing or removing a translator makes Qt post a QEvent.LanguageChange
    to every widget; our views answer it with `retranslate()`.
    """
    return install_translator(QCoreApplication.instance(), lang)


def install_shell_translators(app: QCoreApplication | None, lang: str | None, switch: bool = False) -> str:
    """Install every catalogue of `lang` at start, or switch to it (`switch`); the language used."""
    return set_language(lang) if switch else install_translator(app, lang)
