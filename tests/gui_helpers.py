"""Helpers for the GUI tests: real sample files, reading labels back, waiting for workers."""
from __future__ import annotations

import json
import shutil
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


def refuse_blocking_dialogs(monkeypatch) -> None:
    """A static file or message dialog reached by mistake fails the test instead of hanging it."""
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    def refuse(*args, **kwargs):
        raise AssertionError(f"unexpected blocking dialog: {args[1:3]}")
    for name in ("getOpenFileNames", "getOpenFileName", "getExistingDirectory", "getSaveFileName"):
        monkeypatch.setattr(QFileDialog, name, staticmethod(refuse))
    for name in ("critical", "warning", "information", "question"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(refuse))
