"""`labeler gui`, `labeler label-dialog -- PATH...` and `labeler send-dialog -- PATH...`: the desktop app.

All hand over to the app if it already runs for this user (the file
manager's "Label…" entry starts one `label-dialog` per selected file in some
file managers, its "Send by e-mail…" entry one `send-dialog`; the running app
gathers them into one dialog).  Qt is
imported only when one of these commands runs, so the rest of the command
line works without PySide6.
"""
from __future__ import annotations

import importlib
import os
import sys

from labeler.commands.common import EXIT_USAGE

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
    p = sub.add_parser("send-dialog", help="Open the \"Send by e-mail…\" dialog for files (used by file managers).",
                       description="Ask for the recipients, show what each file's label allows for them, then "
                                   "open your mail app with the files that may go, in the running desktop app "
                                   "(started if it does not run yet). `labeler share` does the same without a "
                                   "window.")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.set_defaults(func=run_send_dialog)


def run_gui(args) -> int:
    return _start(None, getattr(args, "debug", False))


def run_label_dialog(args) -> int:
    return _start([os.path.abspath(p) for p in args.paths], getattr(args, "debug", False))


def run_send_dialog(args) -> int:
    return _start([os.path.abspath(p) for p in args.paths], getattr(args, "debug", False), kind="send")


def import_ui(module: str):
    """Import a Qt module of ui/; None, after saying why, when PySide6 is not installed."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        if not (exc.name or "").startswith(("PySide6", "shiboken6")):
            raise
        print(NO_PYSIDE, file=sys.stderr)
        return None


def no_display(what: str, instead: str) -> bool:
    """True, after saying so, where Qt would abort for want of a graphical session."""
    if sys.platform.startswith("linux") and not any(
            os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
        print(f"labeler: there is no graphical session here (DISPLAY and WAYLAND_DISPLAY are not set), so the "
              f"{what} cannot start. {instead}", file=sys.stderr)
        return True
    return False


def missing_desktop_libraries() -> bool:
    """True, after naming them and their packages, when Qt would abort for want of system libraries."""
    from labeler.desktop.desktop_libs import explain, missing_libraries

    missing = missing_libraries()
    if missing:
        print(explain(missing), file=sys.stderr)
        return True
    return False


def _start(paths: list[str] | None, debug: bool = False, kind: str = "label") -> int:
    single_instance = import_ui("ui.single_instance")
    if single_instance is None:
        return EXIT_USAGE
    if single_instance.try_hand_over(paths or [], kind=kind):  # the quick path: the app runs, nothing else to load
        return 0
    # This process becomes the app: its log is app.log (a tray app's stderr is seen by nobody), with
    # the crash file for a death in Qt's native code.
    from labeler import logs

    logs.setup("app", debug)
    if no_display("desktop app", "The command line works without it; see labeler --help."):
        return EXIT_USAGE
    if missing_desktop_libraries():
        return EXIT_USAGE
    from ui.startup import run  # with files to label, their dialog is shown before the rest of the app loads

    return run(paths, kind)
