"""Running the preview window as its own small app (`labeler scheme preview FILE`).

It is a tool for admins, separate from the running desktop app: no single-
instance hand-over, no tray, no folder watching.  LABELER_PREVIEW_AUTOCLOSE_MS
closes it after that many milliseconds (scripts and tests check that it
starts).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import cast

AUTOCLOSE_ENV = "LABELER_PREVIEW_AUTOCLOSE_MS"


def run(path: str | Path, lang: str | None = None, sample: str | Path | None = None) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ui.i18n import install_translator
    from ui.tray import app_icon

    from .window import PreviewWindow

    # instance() is typed as the core application; here it is always the widgets one.
    app = cast(QApplication, QApplication.instance() or QApplication(sys.argv[:1]))
    app.setApplicationName("labeler")
    app.setApplicationDisplayName("Labeler")
    app.setWindowIcon(app_icon())
    install_translator(app, lang or "system")
    window = PreviewWindow(path, lang or "system", sample=sample)
    window.show()
    autoclose = _autoclose_ms()
    if autoclose is not None:
        QTimer.singleShot(autoclose, window.close)
    app.exec()
    return 0


def _autoclose_ms() -> int | None:
    value = os.environ.get(AUTOCLOSE_ENV, "").strip()
    if not value:
        return None
    try:
        return max(0, int(value))
    except ValueError:
        print(f"labeler: ignoring {AUTOCLOSE_ENV}={value!r} (not a number of milliseconds).", file=sys.stderr)
        return None
