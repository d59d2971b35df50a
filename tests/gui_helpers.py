"""Helpers for the GUI tests: real sample files, reading labels back, waiting for workers."""
from __future__ import annotations

import functools
import json
import shutil
import sys
from pathlib import Path

from formats import registry

DATA = Path(__file__).resolve().parent / "data"
IBAN = "BE71 0961 2345 6769"


def copy_sample(tmp_path: Path, name: str, as_name: str | None = None) -> Path:
    dest = tmp_path / (as_name or name)
    shutil.copyfile(DATA / name, dest)
    return dest


def make_sensitive_docx(path: Path) -> Path:
    """A Word document whose content hints recommend a label: an IBAN and the word "Confidential"."""
    import docx

    document = docx.Document()
    document.add_heading("Confidential", level=1)
    document.add_paragraph(f"Please transfer the deposit to {IBAN} before Friday.")
    document.save(path)
    return path


def card(dialog, label_id: str):
    """The label dialog's card of that label."""
    return next(c for c in dialog.view.cards if c.label_id == label_id)


def our_label_id(path: Path) -> str | None:
    """The id of our label in the file, read back by the format handler."""
    found = registry.handler_for(path).read(path).ours
    return found.id if found else None


def audit_entries(data_dir: Path) -> list[dict]:
    log = data_dir / "audit.jsonl"
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text("utf-8").splitlines() if line.strip()]


def workers_idle() -> bool:
    from ui import workers

    return workers.running() == 0


def uncaught_error_dialog(qtbot, reporter):
    """Raise ValueError("boom") and hand it to the ErrorReporter as Python's excepthook would; its dialog, shown."""
    try:
        raise ValueError("boom")
    except ValueError:
        reporter._hook(*sys.exc_info())
    qtbot.waitUntil(lambda: reporter._box is not None and reporter._box.isVisible(), timeout=5000)
    return reporter._box


@functools.cache
def fake_dialog_class():
    """A stand-in for the label dialog: only its `labelsApplied(list)` signal."""
    from PySide6.QtCore import QObject, Signal

    class FakeDialog(QObject):
        labelsApplied = Signal(list)
    return FakeDialog


class SlowService:
    """Wraps a LabelService and sleeps before each call: makes "never block" and cancelling observable."""

    def __init__(self, service, delay: float):
        self.service, self.delay = service, delay
        self.scheme = service.scheme

    def show(self, path):
        import time

        time.sleep(self.delay)
        return self.service.show(path)

    def apply(self, path, label, method="manual", justification=None):
        import time

        time.sleep(self.delay)
        return self.service.apply(path, label, method=method, justification=justification)

    def remove(self, path, justification=None):
        import time

        time.sleep(self.delay)
        return self.service.remove(path, justification=justification)


class GatedService:
    """Wraps a LabelService; each `show` waits until the test opens the gate.

    The test decides when reading the labels finishes, so "the dialog does not
    wait for the files" is checked by state, never by the clock:

        service = GatedService(LabelService(scheme))
        dialog = ...                      # built with service
        service.entered.wait(15)          # a worker is reading a file now
        ...                               # assert what the dialog shows meanwhile
        service.gate.set()                # let the read finish
    """

    def __init__(self, service, limit: float = 30.0):
        import threading

        self.service, self.scheme, self.limit = service, service.scheme, limit
        self.entered, self.gate = threading.Event(), threading.Event()

    def show(self, path):
        self.entered.set()
        self.gate.wait(self.limit)  # bounded: a test that forgets the gate fails, it does not hang
        return self.service.show(path)


def refuse_blocking_dialogs(monkeypatch) -> None:
    """A static file or message dialog, or a modal message box, fails the test instead of hanging it.

    Automatic in every GUI test (tests/gui_fixtures.py); a test that expects a
    dialog patches that one function again with its own answer.
    """
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    def refuse(*args, **kwargs):
        raise AssertionError(f"unexpected blocking dialog: {args[1:3]}")
    for name in ("getOpenFileNames", "getOpenFileName", "getExistingDirectory", "getSaveFileName"):
        monkeypatch.setattr(QFileDialog, name, staticmethod(refuse))
    for name in ("critical", "warning", "information", "question", "about"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(refuse))

    def refuse_exec(box, *args, **kwargs):
        raise AssertionError(f"unexpected modal message box: {box.text()!r}")
    monkeypatch.setattr(QMessageBox, "exec", refuse_exec)
