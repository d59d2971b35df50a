"""Starting the desktop app with what the person asked for first.

When the file manager's "Label…" entry starts the app (`labeler label-dialog
-- FILE` while no app runs), this process becomes the app and the label
dialog is on the screen, painted, before the tray, the notifications, the
folder watchers and the instance server are even imported (ui/app.py).  They
load while the person reads the dialog; then the dialog belongs to the app
like any other (`Shell.adopt_dialog`): it labels through the app's service,
and the other files of the same multi-select, handed over meanwhile, join it.

`labeler gui`, `labeler` alone and "Send by e-mail…" import the whole app first (ui.app._run_app).
"""
from __future__ import annotations

import os
import sys
import time
from typing import TYPE_CHECKING, NamedTuple, cast

from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtWidgets import QWidget

    from labeler.core.service import LabelService
    from labeler.desktop.settings import Settings
    from labeler.org.distribution import InForce

LABEL = "label"  # ui.single_instance.LABEL: what a hand-over is for when it does not say
PAINT_WAIT_S = 0.25  # how long the dialog may take to be shown before the rest of the app loads anyway


class Started(NamedTuple):
    """What was made before ui/app.py was imported, for `ui.app._run_app` to carry on with."""

    app: QApplication
    settings: Settings
    lang: str
    force: InForce
    service: LabelService
    dialog: QWidget


def application() -> tuple[QApplication, Settings, str]:
    """The application object (created once), the user's settings with the admin's forced ones applied, and
    the interface language, whose translators are installed."""
    from labeler.desktop.settings import Settings
    from labeler.org.admin_config import load_admin_settings

    from .i18n import install_shell_translators
    from .tray import app_icon

    # instance() is typed as the core application; here it is always the widgets one.
    app = cast(QApplication, QApplication.instance() or QApplication(sys.argv[:1]))
    app.setQuitOnLastWindowClosed(False)
    app.setApplicationName("labeler")
    app.setApplicationDisplayName("Labeler")
    app.setOrganizationName("labeler")
    app.setWindowIcon(app_icon())
    settings = Settings.load()
    # What the administrator forces wins over the user's own choice (shown read-only in Settings).
    admin, _problem = load_admin_settings()
    admin.apply_to(settings)
    lang = install_shell_translators(app, settings.language)
    return app, settings, lang


def run(argv_files: list[str] | None, kind: str = LABEL) -> int:
    """Start the app (or hand `argv_files` to the running one, to label or, `kind` "send", to send); the exit
    code.  With files to label, the dialog comes first."""
    from .single_instance import hand_over_or_lock

    paths = [os.path.abspath(p) for p in argv_files or []]
    try:
        lock = hand_over_or_lock(paths, kind=kind)
    except OSError as exc:
        print(f"labeler: {exc}", file=sys.stderr)
        return 1
    if lock is None:
        return 0  # the running app took them
    try:
        if paths and kind == LABEL:
            return _dialog_first(paths)
        from .app import _run_app

        return _run_app(paths, kind)
    finally:
        lock.release()


def _dialog_first(paths: list[str]) -> int:
    app, settings, lang = application()
    from labeler.core.service import LabelService
    from labeler.org.distribution import in_force

    from .label_dialog import open_label_dialog

    force = in_force()
    service = LabelService.for_desktop(force.scheme)
    files: list[str | Path] = list(paths)
    dialog = open_label_dialog(files, force.scheme, service=service, lang=lang)
    _until_shown(app, dialog)
    from .app import _run_app

    return _run_app(paths, LABEL, Started(app, settings, lang, force, service, dialog))


def _until_shown(app: QApplication, dialog: QWidget) -> None:
    """Let the window system map the dialog and Qt paint it before the rest of the app is imported: the
    imports hold the event loop for a while, and a mapped window left unpainted is an empty frame."""
    window = dialog.windowHandle()
    deadline = time.monotonic() + PAINT_WAIT_S
    app.processEvents()
    while window is not None and not window.isExposed() and time.monotonic() < deadline:
        time.sleep(0.002)
        app.processEvents()
    app.processEvents()  # the paint that follows the exposure
