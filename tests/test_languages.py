"""The language registry, the one resolver, and what adding a language takes.

Adding a language is one entry in policy/languages.py plus its catalogues.
These tests hold the two halves to that:

- every registered language has every catalogue: a Qt .ts/.qm per UI
  catalogue of tools/build_translations.py and, but for English (the
  source language), a complete gettext .po with its compiled .mo;
- a language registered *without* catalogues ("de" below) already works:
  it is offered in the settings and in every --lang, and every text falls
  back to English without an error.
"""
from __future__ import annotations

import gettext
import importlib.util
import re

import pytest

from conftest import DATA, REPO
from labeler import languages
from policy import languages as registry
from policy import messages

BUILD = REPO / "tools" / "build_translations.py"
TS_DIR = REPO / "resources" / "translations"
TRANSLATED = tuple(code for code in languages.codes() if code != languages.DEFAULT)
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def build_script():
    spec = importlib.util.spec_from_file_location("build_translations", BUILD)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def german(monkeypatch):
    """"de" registered as a new language would be, before anyone wrote its catalogues."""
    monkeypatch.setattr(registry, "LANGUAGES", (*registry.LANGUAGES, registry.Language("de", "Deutsch")))
    messages._translation.cache_clear()
    yield "de"
    messages._translation.cache_clear()


@pytest.fixture
def no_locale(monkeypatch):
    for variable in languages.LOCALE_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setattr(languages, "_windows_languages", lambda: [])
    monkeypatch.setattr(languages, "_mac_languages", lambda: ())


# -- the registry and the resolver --------------------------------------------------------------
def test_the_registry_starts_with_english_and_names_each_language_in_itself():
    assert languages.codes()[0] == languages.DEFAULT == "en"
    assert len(set(languages.codes())) == len(languages.codes())
    assert [languages.native_name(c) for c in languages.codes()] == ["English", "Nederlands", "Français"]
    assert languages.setting_choices() == ("system", *languages.codes())
    assert languages.registered("nl_BE.UTF-8") == "nl" and languages.registered("fr-CA") == "fr"
    assert languages.registered("de") is None and languages.registered(None) is None


def test_a_chosen_language_wins_and_an_unknown_one_gives_english(no_locale, monkeypatch):
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert languages.resolve("nl") == "nl"
    assert languages.resolve("nl-BE") == "nl"
    assert languages.resolve("de") == "en"  # chosen, just not one we have: not the system's French
    assert languages.resolve("system") == languages.resolve(None) == "fr"


def test_the_system_language_comes_from_the_first_locale_variable_set(no_locale, monkeypatch):
    assert languages.resolve("system") == "en"  # nothing known: English
    monkeypatch.setenv("LANG", "nl_BE.UTF-8")
    assert languages.resolve("system") == "nl"
    monkeypatch.setenv("LC_MESSAGES", "de_DE.UTF-8")  # over LANG, and not ours: English, not Dutch
    assert languages.resolve("system") == "en"
    monkeypatch.setenv("LANGUAGE", "de:fr:nl")  # a list of preferences: the first we have
    assert languages.resolve("system") == "fr"
    monkeypatch.setenv("LC_ALL", "C")  # says nothing about a language; LANGUAGE still does
    assert languages.resolve("system") == "fr"


def test_without_environment_the_platform_preference_is_used(no_locale, monkeypatch):
    monkeypatch.setattr(languages, "_mac_languages", lambda: ("de-DE", "nl-BE", "en"))
    monkeypatch.setattr(languages.sys, "platform", "darwin")
    monkeypatch.setattr(languages.os, "name", "posix")
    assert languages.resolve("system") == "nl"


def test_the_desktop_settings_and_the_qt_interface_use_the_same_resolver(no_locale, monkeypatch):
    from labeler.desktop.settings import Settings

    monkeypatch.setenv("LANG", "fr_BE.UTF-8")
    assert Settings(watched_folders=[], language="system").ui_language() == "fr"
    pytest.importorskip("PySide6.QtCore")
    from ui import i18n

    assert i18n.resolve is languages.resolve


# -- every registered language has every catalogue ------------------------------------------------
def test_every_ui_module_belongs_to_exactly_one_qt_catalogue():
    build = build_script()
    owners: dict[str, list[str]] = {}
    for catalogue in build.CATALOGUES:
        for path in build.sources(catalogue):
            owners.setdefault(path, []).append(catalogue)
    modules = sorted(str(p.relative_to(REPO)) for p in (REPO / "ui").rglob("*.py"))
    assert {m: owners.get(m, []) for m in modules if len(owners.get(m, [])) != 1} == {}, \
        "add each ui module to one catalogue in tools/build_translations.py (CATALOGUES)"


@pytest.mark.parametrize("code", languages.codes())
def test_every_registered_language_has_every_qt_catalogue(code):
    missing = [f"{name}_{code}.{ext}" for name in build_script().CATALOGUES for ext in ("ts", "qm")
               if not (TS_DIR / f"{name}_{code}.{ext}").is_file()]
    assert not missing, f"run tools/build_translations.py to create them, then translate: {missing}"


def test_every_qt_catalogue_file_is_of_a_known_catalogue_and_language():
    build = build_script()
    stray = [p.name for p in TS_DIR.glob("*_*.*") if p.suffix in (".ts", ".qm")
             and (p.stem.rsplit("_", 1)[0] not in build.CATALOGUES
                  or p.stem.rsplit("_", 1)[1] not in languages.codes())]
    assert not stray, f"catalogues no catalogue or language of the registry knows: {stray}"


@pytest.fixture(scope="module")
def core_sentences() -> list:
    """Every sentence of labeler/ and policy/ as the build script extracts it (Babel)."""
    pytest.importorskip("babel")
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
    from babel.messages.frontend import parse_keywords

    build = build_script()
    keywords = {**DEFAULT_KEYWORDS, **parse_keywords(list(build.GETTEXT_KEYWORDS))}
    found = {}
    for folder in build.GETTEXT_SOURCES:
        for _file, _line, message, _comments, _context in extract_from_dir(REPO / folder, keywords=keywords):
            found[message] = message
    assert len(found) > 40, "suspiciously few core sentences were extracted"
    return list(found)


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_core_catalogue_translates_every_sentence(code, core_sentences):
    from babel.messages.pofile import read_po

    po = messages.locale_dir() / code / "LC_MESSAGES" / f"{messages.DOMAIN}.po"
    assert po.is_file(), f"{po} is missing: run tools/build_translations.py"
    with po.open("rb") as f:
        catalog = read_po(f, locale=code)
    problems = []
    for sentence in core_sentences:
        entry = catalog.get(sentence[0] if isinstance(sentence, tuple) else sentence)
        forms = () if entry is None else entry.string if isinstance(entry.string, tuple) else (entry.string,)
        english = sentence if isinstance(sentence, tuple) else (sentence,)
        if entry is None or not all(forms) or entry.fuzzy:
            problems.append(f"{english[0]!r} is {'fuzzy' if entry is not None and entry.fuzzy else 'untranslated'}")
        # Each form keeps the placeholders of its English form and uses no others: the first form answers to
        # the English singular, which may say "the file" where the plural says "{n} files" (nl and fr use the
        # first form for one only, so it may name {n} or not).
        elif any(not set(PLACEHOLDER.findall(english[min(i, len(english) - 1)])) <= set(PLACEHOLDER.findall(f))
                 <= set(PLACEHOLDER.findall(" ".join(english))) for i, f in enumerate(forms)):
            problems.append(f"{english[0]!r}: {forms} does not keep the placeholders")
    assert not problems, f"{po.relative_to(REPO)}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_compiled_core_catalogue_says_what_the_po_says(code):
    pytest.importorskip("babel")
    from babel.messages.pofile import read_po

    folder = messages.locale_dir() / code / "LC_MESSAGES"
    mo = folder / f"{messages.DOMAIN}.mo"
    assert mo.is_file(), f"{mo.name} is missing: run tools/build_translations.py --compile"
    with (folder / f"{messages.DOMAIN}.po").open("rb") as f:
        catalog = read_po(f, locale=code)
    with mo.open("rb") as f:
        compiled = gettext.GNUTranslations(f)
    stale = []
    for entry in catalog:
        if not entry.id:
            continue
        if isinstance(entry.id, tuple):
            got = (compiled.ngettext(*entry.id, 1), compiled.ngettext(*entry.id, 2))
            wanted = (entry.string[compiled.plural(1)], entry.string[compiled.plural(2)])
        else:
            got, wanted = compiled.gettext(entry.id), entry.string
        if got != wanted:
            stale.append(f"{entry.id!r}: {got!r}, the .po says {wanted!r}")
    assert not stale, f"{mo.name} is older than its .po; run tools/build_translations.py --compile:\n  " \
                      + "\n  ".join(stale)


def test_the_catalogues_are_used_at_run_time():
    assert messages.translation("nl-BE").gettext("Why: {what}") == "Waarom: {what}"
    assert messages.translation("fr").ngettext("{n} IBAN number", "{n} IBAN numbers", 0) == "{n} numéro IBAN"
    assert messages.translation("nl").ngettext("{n} IBAN number", "{n} IBAN numbers", 0) == "{n} IBAN-nummers"
    assert messages.translation("xx").gettext("Why: {what}") == "Why: {what}"


# -- a new language without catalogues yet ------------------------------------------------------
def test_a_new_language_is_offered_in_the_settings_and_on_the_command_line(german):
    from labeler.cli import parser
    from labeler.desktop.settings import Settings

    assert "de" in languages.codes() and "de" in languages.setting_choices()
    settings = Settings(watched_folders=[], language="de")
    settings.validate()
    assert settings.ui_language() == "de" and languages.resolve("de_AT.UTF-8") == "de"
    cli = parser()
    for argv in (["explain", "public"], ["suggest", "x.docx"], ["check", "x.docx", "--to", "usb"],
                 ["scheme", "preview", "draft.toml"]):
        assert cli.parse_args([*argv, "--lang", "de"]).lang == "de", argv


def test_a_new_language_falls_back_to_english_in_every_core_sentence(german, capsys):
    from labeler.cli import main
    from labeler.desktop.prompt_queue import PromptQueue
    from labeler.desktop.settings import Settings
    from labeler.desktop.watch.status import FolderStatus
    from labeler.hints.detectors import DETECTOR_IDS, describe

    findings = dict.fromkeys(DETECTOR_IDS, 2) | {"iban": 1}
    assert describe(findings, "de") == describe(findings, "en") and describe({}, "de") == "nothing sensitive found"
    status = FolderStatus("/x", "polling", "network", 2, "nfs4")
    assert status.describe("de") == status.describe("en") == status.reason
    queue = PromptQueue(Settings(watched_folders=[], language="de"), save=lambda s: None)
    groups = [("/a/Documents", ["/a/Documents/1", "/a/Documents/2"]), ("/b/Desktop", ["/b/Desktop/3"])]
    assert queue.message(None, groups) == "3 new documents in Documents and Desktop are not labelled"
    assert queue.tray_text() == "Documents waiting (0)"

    scheme = str(REPO / "resources" / "schemes" / "corporate.toml")
    outputs = {}
    for lang in ("en", "de"):
        assert main(["--scheme", scheme, "explain", "confidential", "--lang", lang]) == 0
        outputs[lang] = capsys.readouterr().out
    assert outputs["de"] == outputs["en"] and "Lowering or removing this label" in outputs["de"]
    args = ["--scheme", scheme, "check", str(DATA / "msip-custom.docx"), "--to", "usb", "--lang", "de"]
    assert main(args) in (0, 3, 4)
    assert "Why: " in capsys.readouterr().out


def test_an_imported_policy_names_labels_in_a_new_language_but_leaves_untranslated_texts_out(german):
    from policy import parse_scheme
    from policy.baf import import_baf

    text = import_baf((DATA / "example-baf.xml").read_bytes(), "example-baf.xml")
    scheme = parse_scheme(text.encode("utf-8"), "imported.toml")
    label = scheme.labels[0]
    assert set(label.names) == {"en", "nl", "fr", "de"}
    assert label.description("de") == label.description("en")  # not written for "de": English by fallback
    assert "de = " not in text.split("description = ", 1)[1].split("\n", 1)[0]


def test_a_new_language_shows_the_qt_interface_in_english(german, qtbot):
    pytest.importorskip("PySide6.QtWidgets")
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from ui import i18n
    from ui.settings.views import GeneralPage

    page = GeneralPage()
    qtbot.addWidget(page)
    offered = [page.language.itemData(i) for i in range(page.language.count())]
    assert offered == ["system", "en", "nl", "fr", "de"]
    assert page.language.itemText(offered.index("de")) == "Deutsch"
    try:
        assert i18n.install_translator(QApplication.instance(), "de") == "de"
        assert i18n.catalogues("de") == []
        assert QCoreApplication.translate("TrayWindow", "Quit") == "Quit"
    finally:
        i18n.install_translator(QApplication.instance(), "en")
