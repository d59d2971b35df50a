"""The app's own log and crash file: where they are, what goes in (and what never does), --debug, and the
"Open log folder" buttons.  Through the real `labeler` command line where it fits."""
from __future__ import annotations

import logging
import logging.handlers
import os
import subprocess
import sys
from pathlib import Path

import pytest

from labeler import logs

from conftest import REPO, run_cli

IBAN = "NL91 ABNA 0417 1643 00"


@pytest.fixture
def env(tmp_path, monkeypatch):
    """This test's own data, settings and log folders, here and in every CLI run."""
    values = {"LABELER_DATA_DIR": str(tmp_path / "data"), "LABELER_CONFIG_DIR": str(tmp_path / "config"),
              "LABELER_LOG_DIR": str(tmp_path / "logs"), "LABELER_SYSLOG": "", "LANGUAGE": "en"}
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("LABELER_DEBUG", raising=False)
    yield tmp_path / "logs"
    logs.shutdown()


def everything_logged(folder: Path) -> str:
    return "".join(p.read_text("utf-8", "replace") for p in sorted(folder.iterdir()) if p.is_file())


# -- where ----------------------------------------------------------------------------
def test_the_log_folder_is_the_platforms_user_log_folder(monkeypatch):
    import platformdirs

    monkeypatch.delenv("LABELER_LOG_DIR", raising=False)
    monkeypatch.delenv("LABELER_DATA_DIR", raising=False)
    assert logs.log_dir() == Path(platformdirs.user_log_dir("labeler", appauthor=False))
    monkeypatch.setenv("LABELER_DATA_DIR", "/tmp/portable")
    assert logs.log_dir() == Path("/tmp/portable/logs")  # a portable install (or a test run) keeps its logs
    monkeypatch.setenv("LABELER_LOG_DIR", "/tmp/elsewhere")
    assert logs.log_file("app") == Path("/tmp/elsewhere/app.log")


def test_setup_rotates_a_few_megabytes_over_a_few_files_and_can_be_undone(env):
    done = logs.setup("app")
    files = [h for h in done.handlers if isinstance(h, logging.handlers.RotatingFileHandler)]
    assert len(files) == 1 and Path(files[0].baseFilename) == env / "app.log"
    assert files[0].maxBytes == logs.MAX_BYTES == 2 * 1024 * 1024 and files[0].backupCount == logs.BACKUPS == 3
    assert not done.debug and not any(type(h).__name__ == "_Stderr" for h in done.handlers)  # a tray app
    logging.getLogger("labeler.desktop.watch").info("watching %s", "/home/ann/Documents")
    logging.getLogger("labeler.desktop.watch").debug("not without --debug")
    logging.getLogger("somelibrary").info("not from other libraries")
    text = (env / "app.log").read_text("utf-8")
    assert "INFO labeler.desktop.watch: watching /home/ann/Documents" in text
    assert "not without" not in text and "other libraries" not in text
    again = logs.setup("app")  # once more (the CLI starts the app): replaced, not doubled
    assert sum(h in logging.getLogger().handlers for h in again.handlers) == len(again.handlers)
    logs.shutdown()
    assert not set(again.handlers) & set(logging.getLogger().handlers) and logs.current() is None


# -- the command line ------------------------------------------------------------------
def test_debug_logs_to_the_file_and_to_stderr(env, sample):
    doc = sample("lo-writer.docx")
    quiet = run_cli("show", doc)
    assert quiet.returncode == 0 and quiet.stderr == ""
    loud = run_cli("--debug", "show", doc)
    assert loud.returncode == 0 and " DEBUG labeler.logs: debug logging to " in loud.stderr
    assert " DEBUG labeler.logs: debug logging to " in (env / "cli.log").read_text("utf-8")
    assert " DEBUG labeler.logs: " in run_cli("show", "--debug", doc).stderr  # after the command too
    assert " DEBUG labeler.logs: " in run_cli("show", doc, env={"LABELER_DEBUG": "1"}).stderr


def test_a_warning_still_reaches_the_person_at_the_terminal_and_the_log(env, sample):
    doc = sample("lo-writer.docx")
    proc = run_cli("apply", "--label", "internal", doc, env={"LABELER_SYSLOG": "carrier-pigeon://nowhere"})
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.startswith("syslog forwarding disabled: ")  # as before: the message alone
    assert " WARNING labeler.core.service: syslog forwarding disabled: " in (env / "cli.log").read_text("utf-8")


def test_labelling_a_document_with_an_iban_logs_neither_its_content_nor_the_iban(env, tmp_path):
    docx = pytest.importorskip("docx")
    path = tmp_path / "salaries.docx"
    document = docx.Document()
    document.add_paragraph(f"Pay the salary of Ann Smith to IBAN {IBAN} before Friday.")
    document.save(str(path))
    outputs = []
    for args in (("--debug", "suggest", path), ("--debug", "check", "--to", "personal-cloud", path),
                 ("--debug", "apply", "--label", "confidential", path), ("--debug", "show", path)):
        proc = run_cli(*args)
        outputs.append(proc.stderr)
    assert "confidential" in run_cli("show", "--json", path).stdout
    logged = everything_logged(env) + "".join(outputs)
    assert "DEBUG" in logged  # something was logged, at the most detailed level
    for secret in (IBAN, IBAN.replace(" ", ""), "0417 1643", "Ann Smith", "salary of"):
        assert secret not in logged


def test_an_unexpected_problem_is_one_line_here_and_the_traceback_in_the_log(env, monkeypatch, capsys):
    from labeler import cli
    from labeler.org import audit

    def broken(cls):
        raise RuntimeError("a bug")

    monkeypatch.setattr(audit.AuditLog, "default", classmethod(broken))
    assert cli.main(["audit"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("labeler: unexpected problem (RuntimeError: a bug)") and "Traceback" not in err
    assert f"Details are in {env / 'cli.log'}" in err and "--debug" in err
    text = (env / "cli.log").read_text("utf-8")
    assert "ERROR labeler.cli: unexpected problem" in text and "Traceback" in text and "a bug" in text
    with pytest.raises(RuntimeError):  # --debug: the whole story, here
        cli.main(["--debug", "audit"])


CRASH = """
import sys
sys.path.insert(0, {repo!r})
from labeler import logs
logs.setup("app")  # the app: it creates the folder
import faulthandler
faulthandler._sigsegv()
"""


@pytest.mark.skipif(sys.platform == "win32", reason="a segmentation fault takes the test runner's console too")
def test_a_fatal_crash_leaves_its_stack_in_the_crash_file(env):
    proc = subprocess.run([sys.executable, "-c", CRASH.format(repo=str(REPO))], capture_output=True, text=True,
                          timeout=60, env={k: v for k, v in os.environ.items() if k != "PYTHONFAULTHANDLER"})
    assert proc.returncode != 0
    crash = (env / "crash.log").read_text("utf-8")
    assert "Fatal Python error: Segmentation fault" in crash and "<module>" in crash


def test_a_command_with_nothing_to_log_leaves_no_folder_behind(env):
    proc = run_cli("labels")
    assert proc.returncode == 0 and not env.exists()


def test_the_crash_file_is_enabled_for_commands_and_left_alone_when_the_user_chose(env):
    code = ("import faulthandler, sys; from labeler import cli; cli.main(['labels']); "
            "print(faulthandler.is_enabled(), file=sys.stderr)")
    logs.ensure_log_dir()  # the app ran once, or a command logged something
    plain = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=REPO,
                           env={k: v for k, v in os.environ.items() if k != "PYTHONFAULTHANDLER"})
    assert plain.stderr.strip().endswith("True") and (env / "crash.log").exists()
    (env / "crash.log").unlink()
    chosen = subprocess.run([sys.executable, "-X", "faulthandler", "-c", code], capture_output=True, text=True,
                            timeout=60, cwd=REPO)
    assert chosen.stderr.strip().endswith("True") and not (env / "crash.log").exists()


# -- the desktop app ------------------------------------------------------------------------
@pytest.fixture
def opened(monkeypatch):
    pytest.importorskip("PySide6.QtWidgets")
    from PySide6.QtGui import QDesktopServices

    urls: list = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(url) or True)
    return urls


def test_an_uncaught_exception_in_the_app_is_written_to_its_log_and_the_dialog_opens_the_folder(env, qtbot,
                                                                                                opened):
    from PySide6.QtWidgets import QMessageBox

    from gui_helpers import uncaught_error_dialog
    from ui.app import ErrorReporter

    logs.setup("app")
    reporter = ErrorReporter()
    box = uncaught_error_dialog(qtbot, reporter)
    text = (env / "app.log").read_text("utf-8")
    assert "ERROR ui.app: uncaught exception" in text and "ValueError: boom" in text
    button = next(b for b in box.buttons() if b.text() == "Open log folder")
    assert box.buttonRole(button) == QMessageBox.ButtonRole.ActionRole
    button.click()
    assert [url.toLocalFile() for url in opened] == [str(env)]
    if reporter._box is not None:
        reporter._box.close()


def test_the_settings_open_the_log_folder(env, qtbot, opened, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QApplication

    from labeler.core.service import LabelService
    from labeler.desktop.settings import Settings
    from labeler.org.distribution import InForce
    from policy import load_builtin
    from ui.app import Shell
    from ui.i18n import install_shell_translators
    from ui.settings import SettingsWindow

    monkeypatch.setenv("LABELER_ADMIN_CONFIG", str(tmp_path / "no-admin.toml"))
    install_shell_translators(QApplication.instance(), "en")
    scheme = load_builtin()
    shell = Shell(Settings(watched_folders=[]), InForce(scheme, True, None, False, None), LabelService(scheme),
                  "en", use_tray=False)
    window = SettingsWindow(shell)
    qtbot.addWidget(window)
    general = window.view.general
    assert general.open_logs.text() == "Open &log folder" and "log file" in general.logs_hint.text()
    assert not env.exists()
    general.open_logs.click()
    assert [url.toLocalFile() for url in opened] == [str(env)] and env.is_dir()
    window.close()
    shell.stop()
