"""The desktop half of `labeler --self-test` (labeler/selftest.py): open the labelling dialog once, then close it.

It lives with the preview because it shows the dialog the preview's way: the
built-in scheme and a `PreviewService` (it reads the sample, never writes,
records nothing), so a self-test changes no document
and no audit trail.  It closes as soon as it is on screen with the sample's
label read and the content hints done; if that does not happen within
`timeout` seconds the self-test fails.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import cast


def open_dialog_once(sample: Path, scheme, timeout: float = 60.0) -> str:
    """Show the dialog for `sample` and close it; returns what it showed.  Raises RuntimeError on failure."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from ui.i18n import install_translator
    from ui.label_dialog import LabelDialog
    from .service import PreviewService
    from ui.tray import app_icon

    app = cast(QApplication, QApplication.instance() or QApplication(sys.argv[:1]))
    app.setApplicationName("labeler")
    app.setApplicationDisplayName("Labeler")
    icon = app_icon()
    if icon.isNull():
        raise RuntimeError("the app icon could not be loaded from the resources")
    app.setWindowIcon(icon)
    lang = install_translator(app, "system")
    dialog = LabelDialog([sample], scheme, service=PreviewService(scheme), lang=lang)
    dialog.show()
    loop = QEventLoop()

    def ready() -> bool:
        handle = dialog.windowHandle()
        return (dialog.isVisible() and handle is not None and handle.isExposed()
                and dialog.controller.loaded and dialog.controller.hints_done)

    poll = QTimer()
    poll.setInterval(20)
    poll.timeout.connect(lambda: loop.quit() if ready() else None)
    poll.start()
    deadline = QTimer()
    deadline.setSingleShot(True)
    deadline.timeout.connect(loop.quit)
    started = time.monotonic()
    deadline.start(int(timeout * 1000))
    loop.exec()
    poll.stop()
    deadline.stop()
    shown = ready()
    elapsed = time.monotonic() - started
    cards = len(dialog.view.cards)
    title = dialog.windowTitle()
    dialog.reject()
    dialog.deleteLater()
    app.processEvents()
    if not shown:
        raise RuntimeError(f"the labelling dialog was not on screen with the file read after {timeout:g} s")
    return (f"the labelling dialog opened ({title!r}, {cards} labels, platform {app.platformName()}, "
            f"language {lang}) in {elapsed:.2f} s and closed")
