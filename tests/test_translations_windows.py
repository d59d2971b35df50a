"""Translations (c): the real windows, built offscreen in each translated language, show no English.

The labelling dialog, the tray's fallback window, the notifier, the overview, the settings
and the scheme preview; texts from the scheme and file names are not interface strings.
"""
from __future__ import annotations

import gc

import pytest

pytest.importorskip("PySide6.QtWidgets")
pytest.importorskip("pytestqt")

from PySide6.QtCore import QCoreApplication  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel, QStackedWidget, QTabWidget  # noqa: E402
import translations_support as support  # noqa: E402
from translations_support import LANGUAGES, REPO, WAIT, EnglishOnScreen, scheme_texts, shown_texts  # noqa: E402

from gui_helpers import copy_sample, workers_idle  # noqa: E402
from ui import i18n  # noqa: E402

# The shared pytest fixtures, bound here so pytest finds them in this module.
extracted, no_blocking_dialogs = support.extracted, support.no_blocking_dialogs


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
