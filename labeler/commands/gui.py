"""`labeler gui` and `labeler label-dialog -- PATH...`: the desktop app.

Both hand over to the app if it already runs for this user (the file
manager's "Label…" entry starts one `label-dialog` per selected file in some
file managers; the running app gathers them into one dialog).  Qt is
imported only when one of these commands runs, so the rest of the command
line works without PySide6.
"""
from __future__ import annotations

import os
import sys

from .common import EXIT_USAGE

NO_PYSIDE = ("The desktop app needs PySide6: pip install 'labeler[gui]'. "
             "The command line works without it; see labeler --help.")


def register(sub) -> None:
    p = sub.add_parser("gui", help="Start the desktop app (tray icon, folder watching).",
                       description="Start the desktop app in the tray. If it already runs, show its window.")
    p.set_defaults(func=run_gui)
    p = sub.add_parser("label-dialog", help="Open the labelling dialog for files (used by file managers).",
                       description="Open the labelling dialog for PATH... in the running desktop app, "
                                   "starting the app if it does not run yet.")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.set_defaults(func=run_label_dialog)


def run_gui(args) -> int:
    return _start(None)


def run_label_dialog(args) -> int:
    return _start([os.path.abspath(p) for p in args.paths])


def _start(paths: list[str] | None) -> int:
    try:
        from ui.single_instance import try_hand_over
    except ImportError as exc:
        if not (exc.name or "").startswith(("PySide6", "shiboken6")):
            raise
        print(NO_PYSIDE, file=sys.stderr)
        return EXIT_USAGE
    if try_hand_over(paths or []):  # the quick path: the app runs, nothing else to load
        return 0
    if sys.platform.startswith("linux") and not any(
            os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
        print("labeler: there is no graphical session here (DISPLAY and WAYLAND_DISPLAY are not set), so the "
              "desktop app cannot start. The command line works without it; see labeler --help.",
              file=sys.stderr)
        return EXIT_USAGE
    from ui.app import run

    return run(paths)
