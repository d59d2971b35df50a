"""Fixtures shared by the GUI tests (tests/test_gui_*.py), loaded as a pytest plugin.

tests/conftest.py registers this module only when PySide6 is installed, so
the core tests never need Qt.  Every test in a test_gui_*.py file gets the
`gui` marker and, through it, two automatic guards:

    no_blocking_dialogs   a static file or message dialog, or a modal QMessageBox.exec(),
                          fails the test instead of hanging it (offscreen, nobody clicks)
    no_leaked_threads     after the test, Qt's global thread pool must drain and every
                          Python thread the test started must have ended

and can ask for (besides `scheme` and `data_dir` from tests/conftest.py)

    make_shell            real `ui.app.Shell`s on temp folders, stopped (workers awaited) after the test
    files                 an empty folder for the documents a test labels (a module may have its own `files`)
    make_dialog           real label dialogs, shown, shut down (workers awaited) after the test
"""
from __future__ import annotations

import gc
import threading
import time

import pytest

# Daemon threads a library may start during a GUI test and keep for the life of
# the process, by name prefix (-> why).  Nothing else is allowed: not our own
# threads ("labeler-watch-…", "labeler-syslog"), not watchdog's observers (the
# Shell stops them), and never a non-daemon thread, whatever its name.
ALLOWED_THREADS = {
    "pydevd.": "a debugger's own threads, when the tests run under one",
}
POOL_WAIT_MS = 5000  # QThreadPool.waitForDone after each GUI test
DIALOG_WAIT_MS = 15_000  # a label dialog reads its labels and hints in at most a few seconds
THREAD_GRACE = 5.0  # seconds a stopped thread gets to finish before it counts as leaked


def pytest_configure(config):
    config.addinivalue_line("markers", "gui: a Qt test from a test_gui_*.py file (guards in tests/gui_fixtures.py)")


def pytest_collection_modifyitems(items):
    for item in items:
        if item.path.name.startswith("test_gui_"):
            item.add_marker(pytest.mark.gui)


def _is_gui(request) -> bool:
    return request.node.get_closest_marker("gui") is not None


# -- guards (automatic in GUI tests) -----------------------------------------------------------
@pytest.fixture(autouse=True)
def no_leaked_threads(request):
    """Fail a GUI test that leaves Qt pool work running or a Python thread of its own alive."""
    if not _is_gui(request):
        yield
        return
    before = set(threading.enumerate())
    yield
    from PySide6.QtCore import QThreadPool

    drained = QThreadPool.globalInstance().waitForDone(POOL_WAIT_MS)
    deadline = time.monotonic() + THREAD_GRACE
    leaked = []
    for thread in set(threading.enumerate()) - before:
        # Qt's pool threads show up as dummy entries once they run Python code; the pool is checked above.
        if isinstance(thread, threading._DummyThread):
            continue
        if thread.daemon and thread.name.startswith(tuple(ALLOWED_THREADS)):
            continue
        thread.join(max(0.0, deadline - time.monotonic()))
        if thread.is_alive():
            leaked.append(f"{thread.name} (daemon={thread.daemon})")
    assert drained, f"Qt's global thread pool still had work {POOL_WAIT_MS} ms after the test"
    assert not leaked, "threads started by the test are still running: " + ", ".join(sorted(leaked))


@pytest.fixture(autouse=True)
def no_blocking_dialogs(request, monkeypatch):
    """A blocking dialog reached by mistake fails the GUI test (see gui_helpers.refuse_blocking_dialogs)."""
    if _is_gui(request):
        from gui_helpers import refuse_blocking_dialogs

        refuse_blocking_dialogs(monkeypatch)


# -- shared fixtures --------------------------------------------------------------------------
@pytest.fixture
def files(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    return folder


@pytest.fixture
def make_dialog(qtbot, scheme, data_dir):
    """Create a label dialog (desktop service, audit log in data_dir), show it and wait for its labels.

        dialog = make_dialog([path])                      # labels read, content checked
        dialog = make_dialog([path], lang="nl")           # in Dutch (English again after the test)
        dialog = make_dialog([path], service=s, wait=False)
    """
    from gui_helpers import workers_idle
    from labeler.core.service import LabelService
    from ui import i18n
    from ui.label_dialog import LabelDialog

    created = []

    def make(paths, lang="en", service=None, wait=True):
        dialog = LabelDialog(paths, scheme, service=service or LabelService.for_desktop(scheme), lang=lang)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        created.append(dialog)
        if wait:  # the labels read and the content checked: Apply waits for both
            qtbot.waitUntil(lambda: dialog.controller.loaded and dialog.controller.hints_done,
                            timeout=DIALOG_WAIT_MS)
        return dialog

    yield make
    for dialog in created:
        try:
            dialog.controller.shutdown()
        except RuntimeError:  # already deleted
            pass
    qtbot.waitUntil(workers_idle, timeout=DIALOG_WAIT_MS)
    if i18n.current_language() != "en":
        i18n.install_translator(None, "en")


@pytest.fixture
def make_shell(qtbot, tmp_path, monkeypatch, scheme):
    """Build real Shells (settings in a temp config folder, the built-in scheme, English).

        shell = make_shell([docs])                                  # not started, no tray
        shell = make_shell([docs], start=True, settle_seconds=0.2)  # watching, prompting
        shell = make_shell([docs], record_dialogs=True)             # shell.opened: the batches
                                                                    # the label dialog got

    After the test every shell is stopped, its workers cancelled and awaited,
    and its overview window deleted, so nothing runs on into the next test.
    """
    from PySide6.QtWidgets import QApplication

    from gui_helpers import workers_idle
    from labeler.org.distribution import InForce
    from labeler.core.service import LabelService
    from labeler.desktop.settings import Settings
    from ui.app import Shell
    from ui.i18n import install_shell_translators

    monkeypatch.setenv("LABELER_CONFIG_DIR", str(tmp_path / "config"))
    install_shell_translators(QApplication.instance(), "en")  # English plurals ("1 document")
    shells: list[Shell] = []

    def make(folders, service=None, start=False, record_dialogs=False, **shell_kwargs) -> Shell:
        settings = Settings(watched_folders=[str(f) for f in folders])
        settings.save()
        force = InForce(scheme, True, None, False, None)
        shell_kwargs.setdefault("use_tray", False)
        shell = Shell(settings, force, service or LabelService(scheme), "en", **shell_kwargs)
        shells.append(shell)
        if record_dialogs:
            _record_dialogs(shell)
        if start:
            shell.start()
        return shell

    yield make
    for shell in shells:
        if shell.overview is not None:
            shell.overview.files.cancel_loading(quietly=True)
            shell.overview.hide()
        shell.stop()
        for worker in list(shell._workers):
            worker.cancel()
    qtbot.waitUntil(lambda: workers_idle() and all(not s._workers and s._scheme_worker is None for s in shells),
                    timeout=10000)
    for shell in shells:
        if shell.overview is not None:
            shell.overview.deleteLater()
    gc.collect()  # widgets of this test die now, not in the middle of the next one


def _record_dialogs(shell) -> None:
    """Replace the shell's label dialog by a recorder: `shell.opened`, `shell.last_dialog`."""
    from gui_helpers import fake_dialog_class

    shell.opened = []

    def record(paths):
        shell.opened.append([str(p) for p in paths])
        shell.last_dialog = fake_dialog_class()()
        return shell.last_dialog
    shell.open_dialog = record
