"""Reminders respect the person's choice: documents wait until they carry a label.

Cancelling the label dialog (Esc), closing it with the window's close button
or restarting the app keeps every unlabelled document waiting and counted;
only labelling it, or "Don't ask for this folder", ends its reminder.  Real
shells, real label dialogs, real files; a restart is a new Shell built from
the saved settings, as the next start of the app builds it.
"""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")
pytest.importorskip("watchdog")

from PySide6.QtCore import Qt  # noqa: E402

from labeler.desktop import prompt_queue  # noqa: E402
from labeler.desktop.prompt_queue import PromptQueue  # noqa: E402
from labeler.desktop.settings import Settings  # noqa: E402

pytestmark = pytest.mark.gui  # the thread-leak and blocking-dialog guards of tests/gui_fixtures.py

DATA = Path(__file__).resolve().parent / "data"
SETTLE = 0.2
WAIT = 10000


@pytest.fixture
def docs(tmp_path):
    folder = tmp_path / "Documents"
    folder.mkdir()
    return folder


def put(folder: Path, *names: str) -> list[Path]:
    paths = []
    for name in names:
        shutil.copyfile(DATA / "pydocx.docx", folder / name)
        paths.append(folder / name)
    return paths


def waiting_text(shell) -> str:
    return shell.surface.waiting.text()


def open_waiting_dialog(qtbot, shell):
    """Click "Label them…" in the window and return the real label dialog it opens."""
    import ui.label_dialog as label_dialog

    before = set(label_dialog._open)
    shell.show_window()
    shell.surface.label_waiting.click()
    qtbot.waitUntil(lambda: len(set(label_dialog._open) - before) == 1, timeout=WAIT)
    [dialog] = set(label_dialog._open) - before
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.controller.loaded, timeout=WAIT)
    return dialog


def restart(make_shell, shell, docs):
    """Stop the app and start a new one from what was saved, as the next login does."""
    shell.stop()
    settings = Settings.load()
    assert settings.watched_folders == [str(docs)]
    return make_shell([docs], start=True, settle_seconds=SETTLE)


def test_cancel_close_and_restart_keep_the_documents_waiting(make_shell, qtbot, docs):
    shell = make_shell([docs], start=True, settle_seconds=SETTLE)
    put(docs, "a.docx", "b.docx", "c.docx")
    qtbot.waitUntil(lambda: shell.queue.count(check=False) == 3, timeout=WAIT)
    qtbot.waitUntil(shell.notifier.isVisible, timeout=WAIT)

    dialog = open_waiting_dialog(qtbot, shell)
    assert sorted(p.name for p in dialog.paths) == ["a.docx", "b.docx", "c.docx"]
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    assert shell.queue.count() == 3, "Esc in the dialog must not drop the documents from the reminders"
    shell.refresh()
    assert "3 documents waiting" in waiting_text(shell)
    assert shell.surface.label_waiting.isEnabled()
    # "Not now" was said: the prompt rests about these documents instead of popping up again at once.
    shell.maybe_prompt()
    assert not shell.notifier.isVisible()

    dialog = open_waiting_dialog(qtbot, shell)
    dialog.close()  # the window's close button
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    assert shell.queue.count() == 3, "closing the dialog must not drop the documents from the reminders"

    shell = restart(make_shell, shell, docs)
    assert shell.queue.count() == 3, "the waiting documents must survive a restart of the app"
    shell.refresh()
    assert "3 documents waiting" in waiting_text(shell)


def test_only_labelling_ends_the_reminder_and_it_survives_a_restart(make_shell, qtbot, docs, data_dir):
    shell = make_shell([docs], start=True, settle_seconds=SETTLE)
    put(docs, "a.docx", "b.docx")
    qtbot.waitUntil(lambda: shell.queue.count(check=False) == 2, timeout=WAIT)

    dialog = open_waiting_dialog(qtbot, shell)
    internal = next(c for c in dialog.view.cards if c.label_id == "internal")
    qtbot.mouseClick(internal, Qt.MouseButton.LeftButton)  # the person's choice
    qtbot.waitUntil(dialog.view.apply.isEnabled, timeout=WAIT)
    with qtbot.waitSignal(dialog.labelsApplied, timeout=WAIT):
        qtbot.mouseClick(dialog.view.apply, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shell.queue.count(check=False) == 0, timeout=WAIT)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    shell.refresh()
    assert "No documents waiting" in waiting_text(shell)

    put(docs, "c.docx")
    qtbot.waitUntil(lambda: shell.queue.count(check=False) == 1, timeout=WAIT)
    shell = restart(make_shell, shell, docs)
    assert [p.name for p in shell.queue.documents()] == ["c.docx"]


def test_dont_ask_for_this_folder_ends_the_reminder_for_good(make_shell, qtbot, docs):
    shell = make_shell([docs], start=True, settle_seconds=SETTLE)
    put(docs, "a.docx")
    qtbot.waitUntil(shell.notifier.isVisible, timeout=WAIT)
    qtbot.mouseClick(shell.notifier.ignore_button, Qt.MouseButton.LeftButton)
    assert shell.queue.count() == 0
    shell = restart(make_shell, shell, docs)
    assert shell.queue.count() == 0


def test_a_cancelled_batch_is_asked_about_again_later(tmp_path):
    folder = tmp_path / "Documents"
    folder.mkdir()
    settings = Settings(watched_folders=[str(folder)])
    settings.save(tmp_path / "config" / "settings.toml")
    queue = PromptQueue(settings)
    put(folder, "a.docx", "b.docx")
    noon = dt.datetime(2026, 11, 27, 12, 0).astimezone()
    queue.add(sorted(folder.iterdir()))
    assert queue.should_prompt(noon)
    assert len(queue.take(now=noon)) == 2  # "Label now", then the dialog was cancelled
    assert queue.count() == 2
    assert not queue.should_prompt(noon + dt.timedelta(minutes=1))
    assert queue.should_prompt(noon + dt.timedelta(minutes=prompt_queue.REMIND_MINUTES))
    put(folder, "c.docx")
    queue.add([folder / "c.docx"])
    assert queue.should_prompt(noon + dt.timedelta(minutes=1))  # a new document is news

    again = PromptQueue(Settings.load(settings.path))  # the next start
    assert [p.name for p in again.documents()] == ["a.docx", "b.docx", "c.docx"]
    assert again.should_prompt(noon + dt.timedelta(minutes=1))  # c.docx was never offered


def test_a_damaged_list_of_waiting_documents_is_one_clear_sentence_not_a_crash(tmp_path):
    settings = Settings()
    settings.save(tmp_path / "settings.toml")
    (tmp_path / prompt_queue.STORE_NAME).write_text("{not json")
    queue = PromptQueue(settings)
    assert queue.count() == 0
    assert queue.store_problem is not None and "could not be read" in queue.store_problem
