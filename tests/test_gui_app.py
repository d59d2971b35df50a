"""The desktop shell with real widgets, a real watcher on a temp folder and real files.

Static dialogs (QFileDialog, QMessageBox) are refused so no test can hang
(tests/gui_fixtures.py); the label dialog is replaced by a recorder except where the real one is the
point.  Offscreen there is no system tray, so the fallback window is what
these tests see, as a user on GNOME without AppIndicator would.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")
pytest.importorskip("watchdog")

from PySide6.QtWidgets import QApplication, QFileDialog  # noqa: E402

from labeler.core.service import LabelService  # noqa: E402
from labeler.desktop.settings import Settings  # noqa: E402
from policy import load_builtin  # noqa: E402

import ui.label_dialog  # noqa: E402
from ui.app import ErrorReporter  # noqa: E402
from ui.i18n import install_shell_translators  # noqa: E402
from ui.single_instance import InstanceLock, InstanceServer  # noqa: E402
from ui.tray import Tray  # noqa: E402
from ui.tray_window import TrayWindow  # noqa: E402

from gui_helpers import fake_dialog_class, uncaught_error_dialog  # noqa: E402
from instance_support import close_instance, hand_over_each, private_runtime  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"
REPO = Path(__file__).resolve().parent.parent
SETTLE = 0.2


@pytest.fixture
def opened(monkeypatch):
    """Records the files each label dialog would have been opened for."""
    batches: list[list[str]] = []

    def fake_open(paths, scheme=None, service=None, lang=None, parent=None):
        batch = [str(p) for p in paths]
        batches.append(batch)
        dialog = fake_dialog_class()()
        # Files that join an open dialog (the rest of one multi-select) are recorded with its batch.
        dialog.accepts_files = lambda: True
        dialog.add_paths = lambda more: batch.extend(str(p) for p in more)
        return dialog
    monkeypatch.setattr(ui.label_dialog, "open_label_dialog", fake_open)
    return batches


@pytest.fixture
def docs(tmp_path):
    folder = tmp_path / "Documents"
    folder.mkdir()
    return folder


@pytest.fixture
def app_shell(make_shell, docs):
    """A Shell watching `docs` as the tray app runs it: started, files settle quickly."""
    def make(start=True, **kwargs):
        return make_shell([docs], start=start, settle_seconds=SETTLE, **kwargs)
    return make


def put(folder: Path, *names: str, sample: str = "lo-writer.docx") -> list[Path]:
    paths = []
    for name in names:
        path = folder / name
        shutil.copyfile(DATA / sample, path)
        paths.append(path)
    return paths


def test_without_a_tray_the_window_stands_in_and_shows_the_count(app_shell, qtbot, docs, opened):
    shell = app_shell()
    assert not shell.has_tray  # offscreen: no system tray
    window = shell.surface
    assert isinstance(window, TrayWindow)
    shell.show_window()
    qtbot.waitExposed(window)
    assert "No documents waiting" in window.waiting.text()
    assert not window.label_waiting.isEnabled()
    assert "Watching 1 folder" in window.watching.text()
    assert "built-in demo scheme" in window.scheme.text()

    put(docs, "a.docx", "b.docx")
    qtbot.waitUntil(lambda: "2 documents waiting" in window.waiting.text(), timeout=10000)
    assert window.label_waiting.isEnabled()
    window.grab().save(os.path.join(tempfile.gettempdir(), "labeler-fallback-window.png"))

    window.label_waiting.click()
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=5000)
    assert sorted(Path(p).name for p in opened[0]) == ["a.docx", "b.docx"]
    assert "2 documents waiting" in window.waiting.text()  # waiting until labelled, not until shown


def test_a_burst_of_files_gives_one_notifier_and_later_snoozes(app_shell, qtbot, docs, opened):
    shell = app_shell()
    shown = []
    shell.notifier.present = _spy(shell.notifier.present, shown)

    put(docs, "one.docx", "two.docx", "three.docx")
    qtbot.waitUntil(shell.notifier.isVisible, timeout=10000)
    qtbot.waitUntil(lambda: shell.queue.count(check=False) == 3, timeout=10000)
    qtbot.wait(int(SETTLE * 3000))
    assert shell.notifier.message.text() == "3 new documents in Documents are not labelled"
    assert len(shown) <= 2  # one burst: one notifier, at most updated once, never one per file
    assert shell.notifier.ignore_button.isVisible()  # all in one folder
    shell.notifier.grab().save(os.path.join(tempfile.gettempdir(), "labeler-notifier.png"))

    shell.notifier.later_button.click()
    assert not shell.notifier.isVisible()
    assert Settings.load().snoozed_until is not None  # persisted
    assert shell.queue.count(check=False) == 3  # still waiting, still counted

    put(docs, "four.docx")
    qtbot.waitUntil(lambda: shell.queue.count(check=False) == 4, timeout=10000)
    qtbot.wait(200)
    assert not shell.notifier.isVisible()  # snoozed: no prompt
    assert opened == []


def test_label_now_opens_one_dialog_for_all_waiting(app_shell, qtbot, docs, opened):
    shell = app_shell()
    put(docs, "x.docx", "y.docx")
    qtbot.waitUntil(lambda: shell.queue.count(check=False) == 2, timeout=10000)
    qtbot.waitUntil(shell.notifier.isVisible, timeout=5000)
    shell.notifier.label_now.click()
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=5000)
    assert sorted(Path(p).name for p in opened[0]) == ["x.docx", "y.docx"]
    assert not shell.notifier.isVisible()


def test_dont_ask_for_this_folder_is_remembered(app_shell, qtbot, docs, opened):
    shell = app_shell()
    put(docs, "a.docx")
    qtbot.waitUntil(shell.notifier.isVisible, timeout=10000)
    assert shell.notifier.folder == str(docs)

    shell.notifier.ignore_button.click()
    assert not shell.notifier.isVisible()
    assert shell.queue.count(check=False) == 0
    assert str(docs) in Settings.load().ignored_folders  # persisted

    put(docs, "b.docx")
    qtbot.wait(int(SETTLE * 5000))
    assert shell.queue.count(check=False) == 0
    assert not shell.notifier.isVisible()


def test_the_apps_own_label_write_does_not_prompt(app_shell, qtbot, docs, opened):
    # Labelled by someone else before: no prompt for it.
    scheme = load_builtin()
    path = put(docs, "plan.docx")[0]
    assert LabelService(scheme).apply(path, scheme.find("confidential"), justification="x").ok

    shell = app_shell()
    qtbot.wait(int(SETTLE * 3000))
    assert shell.queue.count(check=False) == 0
    # The app now removes the label: the file changes and carries no label,
    # which would prompt for any other writer; for the app's own write it must not.
    outcome = shell.service.remove(path, justification="test: wrong label")
    assert outcome.ok and outcome.label is None, outcome.message
    assert shell.bridge.own_writes.matches(path)
    qtbot.wait(int(SETTLE * 8000))
    assert shell.queue.count(check=False) == 0
    assert not shell.notifier.isVisible()

    # Someone else touching it afterwards does count.
    os.utime(path, (1_700_000_000, 1_700_000_000))
    with open(path, "ab"):
        pass
    put(docs, "other.docx")
    qtbot.waitUntil(lambda: shell.queue.count(check=False) >= 1, timeout=10000)


def test_pause_is_persisted_and_stops_prompting(app_shell, qtbot, docs, opened):
    shell = app_shell()
    window = shell.surface
    window.pause.click()
    assert shell.settings.paused and Settings.load().paused
    assert "paused" in window.watching.text()
    put(docs, "a.docx")
    qtbot.wait(int(SETTLE * 5000))
    assert shell.queue.count(check=False) == 0 and not shell.notifier.isVisible()
    window.pause.click()
    assert not Settings.load().paused


def test_label_a_file_asks_for_files_and_opens_the_dialog(app_shell, qtbot, monkeypatch, docs, opened):
    shell = app_shell()
    chosen = [str(p) for p in put(docs, "a.docx", "b.docx")]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: (chosen, "")))
    shell.surface.label_file.click()
    assert opened == [chosen]


def test_files_handed_over_by_two_processes_open_one_dialog(app_shell, qtbot, monkeypatch, opened, tmp_path):
    runtime = private_runtime()
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    shell = app_shell()
    lock = InstanceLock()
    assert lock.acquire()
    server = InstanceServer()
    procs = []
    try:
        assert server.listen()
        server.filesArrived.connect(shell.gatherer.add)
        hand_over_each(procs, "label-dialog", ("a.docx", "b c.docx"), tmp_path, runtime)
        qtbot.waitUntil(lambda: all(p.poll() is not None for p in procs), timeout=15000)
        assert [p.returncode for p in procs] == [0, 0]
        qtbot.waitUntil(lambda: bool(opened), timeout=5000)
        qtbot.wait(600)
        assert len(opened) == 1
        assert sorted(opened[0]) == sorted([str(tmp_path / "a.docx"), str(tmp_path / "b c.docx")])
    finally:
        close_instance(procs, server, lock, runtime)


def test_the_real_label_dialog_opens_for_a_batch(app_shell, qtbot, docs):
    shell = app_shell(start=False)
    paths = [str(p) for p in put(docs, "a.docx", "b.docx")]
    dialog = shell.open_dialog(paths)
    try:
        assert dialog.isVisible()
        assert [str(p) for p in dialog.paths] == paths
    finally:
        gone = []
        dialog.destroyed.connect(lambda *args: gone.append(True))
        dialog.reject()  # it deletes itself when closed
        qtbot.waitUntil(lambda: bool(gone), timeout=5000)


def test_overview_counts_the_watched_folders(app_shell, qtbot, docs):
    scheme = load_builtin()
    labelled, _ = put(docs, "labelled.docx", "bare.docx")
    assert LabelService(scheme).apply(labelled, scheme.find("internal")).ok
    shell = app_shell(start=False)
    shell.open_overview()
    qtbot.addWidget(shell.overview)
    page = shell.overview.files
    qtbot.waitUntil(lambda: not page.is_loading() and page.proxy.rowCount() == 2, timeout=10000)
    counts = page.tally[str(docs)]
    assert (counts.labelled, counts.to_label, dict(counts.by_label)) == (1, 1, {"internal": 1})


def test_tray_menu_is_rebuilt_with_the_current_count(app_shell, qtbot, docs):
    shell = app_shell(start=False, use_tray=True)
    assert isinstance(shell.surface, Tray)
    shell.queue.add(put(docs, "a.docx", "b.docx"))
    shell.surface.menu.aboutToShow.emit()
    texts = [a.text() for a in shell.surface.menu.actions() if not a.isSeparator()]
    assert texts[:3] == ["Label a file…", "Documents waiting (2)", "Pause watching"]
    assert texts[-3:] == ["Open overview", "Settings…", "Quit"]
    assert "2 documents waiting" in shell.surface.icon.toolTip()


def test_an_uncaught_exception_shows_a_dialog_and_the_app_keeps_running(qtbot):
    reporter = ErrorReporter()
    uncaught_error_dialog(qtbot, reporter)
    assert "boom" in reporter._box.text()
    reporter._hook(RuntimeError, RuntimeError("second"), None)  # no second dialog on top
    qtbot.wait(50)
    assert "boom" in reporter._box.text()
    reporter._box.close()


def _spy(method, calls):
    def wrapper(*args, **kwargs):
        calls.append(args)
        return method(*args, **kwargs)
    return wrapper


def test_the_shell_speaks_dutch_and_french(qtbot):
    from ui.tray import ShellState

    app = QApplication.instance()
    window = TrayWindow(lambda: ShellState(waiting=3))
    qtbot.addWidget(window)
    try:
        install_shell_translators(app, "nl", switch=True)
        qtbot.waitUntil(lambda: window.label_waiting.text() == "Nu labelen…")  # on LanguageChange
        assert window.waiting.text() == "3 documenten wachten op een label"
        install_shell_translators(app, "fr", switch=True)
        qtbot.waitUntil(lambda: window.quit.text() == "Quitter")
        assert window.waiting.text() == "3 documents attendent une étiquette"
    finally:
        install_shell_translators(app, "en", switch=True)
    qtbot.waitUntil(lambda: window.waiting.text() == "3 documents waiting for a label")
