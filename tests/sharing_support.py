"""Shared fixtures of the sharing GUI tests: a throwaway home with ~/Dropbox and ~/Documents and its own trash.

Registered as a plugin by tests/conftest.py (with PySide6); a module defining its own `home` uses that one.
"""
from __future__ import annotations

import importlib
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"
WAIT_MS = 5000  # the promise: a notice within 5 s


def use_trash_of(home: Path) -> None:
    """send2trash finds the home trash when it is imported: import it again for this HOME."""
    try:
        import send2trash
        import send2trash.plat_other
    except ImportError:  # the tests that trash skip without it
        return
    importlib.reload(send2trash.plat_other)
    importlib.reload(send2trash)


@pytest.fixture
def home(tmp_path, monkeypatch):
    folder = tmp_path / "home"
    (folder / "Dropbox").mkdir(parents=True)
    (folder / "Documents").mkdir()
    monkeypatch.setenv("HOME", str(folder))
    monkeypatch.setenv("XDG_DATA_HOME", str(folder / ".local" / "share"))
    use_trash_of(folder)
    yield folder
    monkeypatch.undo()
    use_trash_of(Path.home())


@pytest.fixture
def docs(home):
    return home / "Documents"
