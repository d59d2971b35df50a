"""No visible string of the main windows is left in English in any registered language (Dutch, French).

Three nets, from the files to the screen:

(a) every catalogue resources/translations/*_<lang>.ts (nl, fr …) is complete
    (no empty, unfinished or vanished message; placeholders kept) and its
    compiled .qm says the same as the .ts;
(b) every string that lupdate finds in ui/ is translated in some catalogue
    of the language, under the context Qt will look it up in (Qt searches
    every installed catalogue, so a string may live in any of them), and
    every plural string has its English forms ("1 file", "2 files");
(c) the real windows, built offscreen in nl and fr, show no text that is an
    English interface string where a translation exists or should exist:
    the labelling dialog, the tray's fallback window, the notifier, the
    overview, the settings and the scheme preview.  Texts that come from
    the scheme (label names, rules) and file names are not interface strings.

When (b) or (c) fails, the message lists each (context, source) to translate:
run tools/build_translations.py (lupdate for every catalogue), fill in the
translation, and run it again with --compile (lrelease).  The core's gettext
catalogues and the language registry are checked in tests/test_languages.py.
"""
from __future__ import annotations

import gc
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")
pytest.importorskip("pytestqt")

from PySide6.QtCore import QCoreApplication, QTranslator, Qt  # noqa: E402
from PySide6.QtGui import QAction, QTextDocument  # noqa: E402
from PySide6.QtGui import Qt as GuiQt  # noqa: E402  (mightBeRichText lives in QtGui)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QFileDialog, QGroupBox,  # noqa: E402
                               QHeaderView, QLabel, QLineEdit, QListWidget, QMessageBox, QPlainTextEdit,
                               QStackedWidget, QTableWidget, QTabWidget, QTextEdit, QTreeWidget, QWidget)

from gui_helpers import copy_sample, workers_idle  # noqa: E402
from labeler import languages  # noqa: E402
from ui import i18n  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
TS_DIR = REPO / "resources" / "translations"
UI = REPO / "ui"
LANGUAGES = tuple(code for code in languages.codes() if code != languages.DEFAULT)  # the translated ones
WAIT = 15_000
PLACEHOLDER = re.compile(r"%(?:\d|n|L\d)")
# (n, numerus form) probes per language (Qt's rules): nl "1 bestand / 2 bestanden", fr "0 et 1 fichier /
# 2 fichiers"; a language with other plural forms (Polish: 1 / 2-4 / 5) adds its own entry.
TWO_FORMS = ((1, 0), (2, 1))
PLURAL_PROBES = {"nl": TWO_FORMS, "fr": TWO_FORMS, "en": TWO_FORMS}


# -- reading catalogues -----------------------------------------------------------------------
@dataclass(frozen=True)
class Message:
    file: str
    context: str
    source: str
    numerus: bool
    kind: str | None  # translation type: None (finished), "unfinished", "vanished", "obsolete"
    forms: tuple[str, ...]  # the translation, or its plural forms


def read_ts(path: Path) -> list[Message]:
    messages = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            numerus = message.get("numerus") == "yes"
            if translation is None:
                forms, kind = (), "unfinished"
            else:
                kind = translation.get("type")
                forms = tuple(f.text or "" for f in translation.findall("numerusform")) if numerus \
                    else (translation.text or "",)
            messages.append(Message(path.name, name, message.findtext("source") or "", numerus, kind, forms))
    return messages


def catalogues(lang: str) -> list[Path]:
    return sorted(TS_DIR.glob(f"*_{lang}.ts"))


def finished(lang: str) -> dict[tuple[str, str], tuple[str, ...]]:
    """(context, source) -> translation forms, over every catalogue of `lang` (finished messages only)."""
    table = {}
    for path in catalogues(lang):
        for m in read_ts(path):
            if m.kind is None and m.forms and all(m.forms):
                table.setdefault((m.context, m.source), m.forms)
    return table


def tool(name: str) -> str:
    for candidate in (Path(sys.executable).with_name(f"pyside6-{name}"), shutil.which(f"pyside6-{name}"),
                      shutil.which(name)):
        if candidate and Path(candidate).exists():
            return str(candidate)
    pytest.skip(f"pyside6-{name} is not installed")


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> list[Message]:
    """Every translatable string in ui/, as lupdate sees it (context, source, numerus)."""
    out = tmp_path_factory.mktemp("lupdate") / "extracted_nl.ts"
    files = sorted(str(p.relative_to(REPO)) for p in UI.rglob("*.py"))
    proc = subprocess.run([tool("lupdate"), "-locations", "none", "-no-obsolete", *files, "-ts", str(out)],
                          cwd=REPO, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    messages = read_ts(out)
    assert len(messages) > 100, "lupdate found suspiciously few strings in ui/"
    return messages


ALL_TS = [p for lang in LANGUAGES for p in catalogues(lang)]


# -- (a) the catalogues themselves ----------------------------------------------------------
@pytest.mark.parametrize("path", ALL_TS, ids=[p.name for p in ALL_TS])
def test_every_message_of_the_catalogue_is_translated(path):
    problems = []
    for m in read_ts(path):
        where = f"{m.context or '<empty context>'}: {m.source!r}"
        if m.kind in ("unfinished", "vanished", "obsolete"):
            problems.append(f"{where} is {m.kind}")
        elif not m.forms or not all(f.strip() for f in m.forms):
            problems.append(f"{where} has an empty translation")
        else:
            wanted = set(PLACEHOLDER.findall(m.source)) - {"%n"}
            for form in m.forms:
                if wanted - set(PLACEHOLDER.findall(form)):
                    problems.append(f"{where}: {form!r} lacks {sorted(wanted - set(PLACEHOLDER.findall(form)))}")
            if "%n" in m.source and m.numerus and not any("%n" in f for f in m.forms):
                problems.append(f"{where}: no plural form shows the number (%n)")
    assert not problems, f"{path.name}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("path", ALL_TS, ids=[p.name for p in ALL_TS])
def test_the_compiled_catalogue_says_what_the_ts_says(path, tmp_path):
    """The .qm next to the .ts is what lrelease makes of it now (not an older build)."""
    qm = path.with_suffix(".qm")
    assert qm.exists(), f"{qm.name} is missing: run pyside6-lrelease {path.name}"
    rebuilt = tmp_path / qm.name
    proc = subprocess.run([tool("lrelease"), str(path), "-qm", str(rebuilt)], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0, proc.stderr
    if rebuilt.read_bytes() == qm.read_bytes():
        return
    # Another lrelease may lay the file out differently: then compare what it answers.
    translator = QTranslator()
    assert translator.load(str(qm)), f"{qm.name} cannot be loaded"
    lang = path.stem.rsplit("_", 1)[1]
    stale = []
    for m in read_ts(path):
        if m.kind is not None:
            continue
        probes = PLURAL_PROBES.get(lang, TWO_FORMS) if m.numerus else ((-1, 0),)
        for n, form in probes:
            got = translator.translate(m.context, m.source, None, n)
            if got != m.forms[min(form, len(m.forms) - 1)]:
                stale.append(f"{m.context}: {m.source!r} -> {got!r}")
                break
    assert not stale, f"{qm.name} is older than {path.name}; run pyside6-lrelease:\n  " + "\n  ".join(stale)


def test_every_compiled_catalogue_has_its_source():
    orphans = [qm.name for qm in TS_DIR.glob("*.qm") if not qm.with_suffix(".ts").exists()]
    assert not orphans, f"compiled catalogues without a .ts (they would be loaded but cannot be kept up): {orphans}"


# -- (b) every string in ui/ has a translation --------------------------------------------
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_string_in_ui_is_translated(lang, extracted):
    table = finished(lang)
    missing = sorted({(m.context, m.source) for m in extracted} - set(table))
    assert not missing, (f"{len(missing)} interface string(s) have no {lang} translation in any "
                         f"resources/translations/*_{lang}.ts:\n  "
                         + "\n  ".join(f"{c or '<empty context>'}: {s!r}" for c, s in missing))


def test_every_plural_string_has_its_english_forms(extracted):
    table = finished("en")
    missing = sorted({(m.context, m.source) for m in extracted if m.numerus} - set(table))
    assert not missing, ("plural strings without English forms (English would show '%n file(s)'):\n  "
                         + "\n  ".join(f"{c or '<empty context>'}: {s!r}" for c, s in missing))


# -- (c) what the windows show -------------------------------------------------------------
class EnglishOnScreen:
    """Recognises English interface strings in a text shown while the interface is in `lang`."""

    def __init__(self, lang: str, extracted: list[Message]):
        translated = finished(lang)
        english = finished("en")
        sources = {(m.context, m.source) for m in extracted} | set(translated)
        self.exact: dict[str, set[str]] = {}  # English text -> its translations (empty: none)
        self.patterns: list[tuple[re.Pattern, list[re.Pattern], str]] = []
        for key in sources:
            context, source = key
            forms = translated.get(key, ())
            english_forms = [source, *english.get(key, ())]
            for text in english_forms:
                if PLACEHOLDER.search(text):
                    literal = PLACEHOLDER.sub("", text)
                    if len(literal.strip()) >= 10:  # "%1 of %2" would match too much
                        self.patterns.append((_pattern(text), [_pattern(f) for f in forms], source))
                else:
                    self.exact.setdefault(text, set()).update(forms)

    def problem(self, text: str) -> str | None:
        """Why `text` is English where it should not be, or None."""
        if text in self.exact:
            translations = self.exact[text]
            if not translations:
                return "has no translation"
            if text not in translations:
                return f"is English; the translation is {sorted(translations)[0]!r}"
            return None
        for english, translated, source in self.patterns:
            if english.fullmatch(text) and not any(t.fullmatch(text) for t in translated):
                return f"is English (from {source!r})" if translated else f"has no translation (from {source!r})"
        return None


def _pattern(text: str) -> re.Pattern:
    parts = PLACEHOLDER.split(text)
    return re.compile("(?:.+?)".join(re.escape(p) for p in parts), re.S)


def _plain(text: str) -> str:
    if text and GuiQt.mightBeRichText(text):
        document = QTextDocument()
        document.setHtml(text)
        return document.toPlainText()
    return text


def shown_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) of every text a person can see or hover in `root` and its children."""
    found: list[tuple[str, str]] = []

    def add(widget, what, text):
        text = _plain(text or "").strip()
        if text:
            found.append((f"{type(widget).__name__}({widget.objectName() or '-'}).{what}", text))

    for widget in [root, *root.findChildren(QWidget)]:
        if widget.isWindow():
            add(widget, "windowTitle", widget.windowTitle())
        add(widget, "toolTip", widget.toolTip())
        add(widget, "accessibleName", widget.accessibleName())
        if isinstance(widget, QLabel):
            add(widget, "text", widget.text())
        elif isinstance(widget, QAbstractButton):
            add(widget, "text", widget.text())
        elif isinstance(widget, QGroupBox):
            add(widget, "title", widget.title())
        elif isinstance(widget, QLineEdit):
            add(widget, "placeholderText", widget.placeholderText())
        elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
            add(widget, "placeholderText", widget.placeholderText())
        if isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                add(widget, f"tab[{i}]", widget.tabText(i))
                add(widget, f"tabToolTip[{i}]", widget.tabToolTip(i))
        elif isinstance(widget, QComboBox):
            for i in range(widget.count()):
                add(widget, f"item[{i}]", widget.itemText(i))
        elif isinstance(widget, QListWidget):
            for i in range(widget.count()):
                add(widget, f"item[{i}]", widget.item(i).text())
                add(widget, f"itemToolTip[{i}]", widget.item(i).toolTip())
        elif isinstance(widget, QTreeWidget):
            header = widget.headerItem()
            for c in range(widget.columnCount()):
                add(widget, f"header[{c}]", header.text(c))
            for i in range(widget.topLevelItemCount()):
                for c in range(widget.columnCount()):
                    add(widget, f"item[{i},{c}]", widget.topLevelItem(i).text(c))
        elif isinstance(widget, QTableWidget):
            for c in range(widget.columnCount()):
                item = widget.horizontalHeaderItem(c)
                if item is not None:
                    add(widget, f"header[{c}]", item.text())
            for r in range(widget.rowCount()):
                for c in range(widget.columnCount()):
                    item = widget.item(r, c)
                    if item is not None:
                        add(widget, f"item[{r},{c}]", item.text())
                        add(widget, f"itemToolTip[{r},{c}]", item.toolTip())
        elif isinstance(widget, QHeaderView) and widget.model() is not None \
                and not isinstance(widget.parent(), (QTableWidget, QTreeWidget)):
            model = widget.model()
            count = model.columnCount() if widget.orientation() == Qt.Orientation.Horizontal else 0
            for c in range(count):
                add(widget, f"header[{c}]", model.headerData(c, Qt.Orientation.Horizontal))
    for action in root.findChildren(QAction):
        add(root, f"action({action.objectName() or '-'}).text", action.text())
        add(root, f"action({action.objectName() or '-'}).toolTip", action.toolTip()
            if action.toolTip() != action.text().replace("&", "") else "")
    return found


def scheme_texts(scheme) -> set[str]:
    """Every text that comes from the scheme, in every language: not ours to translate."""
    from policy.channels import CHANNELS

    texts = {scheme.name, scheme.organisation}
    langs = languages.codes()
    for label in scheme.labels:
        for lang in langs:
            texts |= {label.name(lang), label.display_name(lang), label.description(lang),
                      label.handling_advice(lang) or ""}
            for rule in label.rules():
                texts |= {rule.why_text(lang), rule.condition_text(lang) or "", rule.instead_text(lang) or ""}
    for channel in CHANNELS:
        texts |= {channel.name(lang) for lang in langs}
    for tip in getattr(scheme, "tips", ()):
        texts |= {tip.get_text(lang) for lang in langs}
    return {t for t in texts if t}


@pytest.fixture(autouse=True)
def no_blocking_dialogs(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError(f"unexpected blocking dialog: {args[1:3]}")
    for name in ("getOpenFileNames", "getOpenFileName", "getExistingDirectory", "getSaveFileName"):
        monkeypatch.setattr(QFileDialog, name, staticmethod(refuse))
    for name in ("critical", "warning", "information", "question", "about"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(refuse))
    monkeypatch.setattr(QMessageBox, "exec", refuse)


@pytest.fixture
def isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("LABELER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("LABELER_CONFIG_DIR", str(tmp_path / "config"))
    docs = tmp_path / "Documents"
    docs.mkdir()
    return docs


@pytest.fixture
def in_language(qtbot):
    """Install a language for the whole app; back to English afterwards."""
    def install(lang: str) -> str:
        return i18n.install_translator(QApplication.instance(), lang)
    yield install
    qtbot.waitUntil(workers_idle, timeout=WAIT)
    i18n.install_translator(QApplication.instance(), "en")


def _label_dialog(qtbot, lang, docs, closers):
    from labeler.core.service import LabelService
    from policy import load_builtin
    from ui.label_dialog import LabelDialog

    scheme = load_builtin()
    paths = [copy_sample(docs, "pydocx.docx"), copy_sample(docs, "msip-custom.docx")]
    single = LabelDialog(paths[:1], scheme, service=LabelService(scheme), lang=lang)
    batch = LabelDialog(paths, scheme, service=LabelService(scheme), lang=lang)
    windows = []
    for dialog in (single, batch):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda d=dialog: d.controller.loaded and d.controller.hints_done, timeout=WAIT)
        closers.append(dialog.controller.shutdown)
        windows.append(dialog)
    # The batch goes through to its summary: those sentences are shown too.
    batch.controller.select_index(2)
    with qtbot.waitSignal(batch.labelsApplied, timeout=WAIT):
        batch.view.apply.click()
    return windows, scheme, [p.name for p in paths] + [str(docs)]


def _preview(qtbot, lang, docs, closers):
    from ui.preview import PreviewWindow

    corporate = (REPO / "resources" / "schemes" / "corporate.toml").read_text("utf-8")
    good = docs / "draft.toml"
    good.write_text(corporate, "utf-8")
    bad = docs / "broken.toml"
    bad.write_text(corporate.replace('verdict = "allowed"', 'verdict = "maybe"', 1), "utf-8")
    windows = []
    for path in (good, bad):
        window = PreviewWindow(path, lang)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda w=window: w.draft is not None and not w.reading, timeout=WAIT)
        if window.valid:
            qtbot.waitUntil(lambda w=window: w.dialog.controller.loaded, timeout=WAIT)
        else:
            window.problems.show_problem(0)
        closers.append(window.close)
        windows.append(window)
    from policy import load_builtin

    return windows, load_builtin(), ["draft.toml", "broken.toml", str(docs)]


def _make_shell(lang, docs, closers):
    from labeler.org.distribution import InForce
    from labeler.core.service import LabelService
    from labeler.desktop.settings import Settings
    from policy import load_builtin
    from ui.app import Shell

    settings = Settings(watched_folders=[str(docs)], language=lang)
    settings.save()
    scheme = load_builtin()
    shell = Shell(settings, InForce(scheme, True, None, False, None), LabelService(scheme), lang)

    def stop():
        shell.stop()
        for worker in list(getattr(shell, "_workers", ())):
            worker.cancel()
    closers.append(stop)
    return shell, scheme


def _tray_window(qtbot, lang, docs, closers):
    from ui.tray import ShellState
    from ui.tray_window import TrayWindow

    windows = []
    for state in (ShellState(waiting=3), ShellState(waiting=0, paused=True)):
        window = TrayWindow(lambda s=state: s)
        qtbot.addWidget(window)
        window.show()
        windows.append(window)
    shell, scheme = _make_shell(lang, docs, closers)
    shell.show_window()
    windows.append(shell.surface)
    return windows, scheme, [str(docs), docs.name]


def _notifier(qtbot, lang, docs, closers):
    from ui.notifier import Notifier

    notifier = Notifier()
    qtbot.addWidget(notifier)
    notifier.present("…", str(docs))
    return [notifier], None, [str(docs)]


def _overview(qtbot, lang, docs, closers):
    shell, scheme = _make_shell(lang, docs, closers)
    shell.open_overview()
    window = shell.overview
    qtbot.addWidget(window)
    qtbot.wait(300)  # let its first counts arrive
    visit_every_page(qtbot, window)
    return [window], scheme, [str(docs), docs.name]


def _settings(qtbot, lang, docs, closers):
    shell, scheme = _make_shell(lang, docs, closers)
    window = shell.open_settings()
    qtbot.addWidget(window)
    visit_every_page(qtbot, window)
    return [window], scheme, [str(docs), docs.name]


def visit_every_page(qtbot, window) -> None:
    """Show each page of each tab or stack once, so pages built or filled on first sight are checked too."""
    for stack in [*window.findChildren(QTabWidget), *window.findChildren(QStackedWidget)]:
        for i in range(stack.count()):
            stack.setCurrentIndex(i)
            qtbot.wait(30)
        stack.setCurrentIndex(0)
    qtbot.waitUntil(workers_idle, timeout=WAIT)


WINDOWS = {"label-dialog": _label_dialog, "tray-window": _tray_window, "notifier": _notifier,
           "overview": _overview, "settings": _settings, "preview": _preview}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", list(WINDOWS))
def test_no_english_is_shown_in_the_window(name, lang, qtbot, isolated, in_language, extracted):
    assert in_language(lang) == lang
    closers: list = []
    try:
        windows, scheme, names = WINDOWS[name](qtbot, lang, isolated, closers)
        QCoreApplication.processEvents()
        check = EnglishOnScreen(lang, extracted)
        excluded = set(names) | (scheme_texts(scheme) if scheme is not None else set())
        problems = []
        for window in windows:
            for where, text in shown_texts(window):
                if text in excluded:
                    continue
                why = check.problem(text)
                if why:
                    problems.append(f"{where}: {text!r} {why}")
        assert not problems, (f"{name} in {lang} shows English:\n  " + "\n  ".join(sorted(set(problems))))
    finally:
        for close in reversed(closers):
            try:
                close()
            except RuntimeError:  # already deleted
                pass
        gc.collect()


def test_the_check_itself_catches_an_english_string(qtbot, in_language, extracted):
    """A test that cannot fail is worse than none: English on a Dutch screen is found."""
    from ui.tray import ShellState
    from ui.tray_window import TrayWindow

    in_language("nl")
    tray = TrayWindow(lambda: ShellState(waiting=3))
    qtbot.addWidget(tray)
    assert tray.quit.text() == "Afsluiten"
    tray.quit.setText("Quit")  # as if its translation were missing
    tray.waiting.setText("3 documents waiting for a label")  # the English plural on a Dutch screen
    QLabel("An interface string nobody wrote", tray)  # not an interface string: not our business
    check = EnglishOnScreen("nl", extracted)
    found = {text: check.problem(text) for _where, text in shown_texts(tray)}
    assert "Afsluiten" in found["Quit"]
    assert found["3 documents waiting for a label"]
    assert found["An interface string nobody wrote"] is None
    assert found["Nu labelen…"] is None  # translated texts pass
    assert check.problem("Openbaar") is None and check.problem("report.docx") is None
