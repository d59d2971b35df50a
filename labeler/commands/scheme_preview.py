"""`labeler scheme preview FILE`: see a draft scheme as employees will, before signing it.

Opens a window with the labelling dialog (for a sample document) and the
labels × channels matrix of the draft, in English, Dutch or French; if the
draft is not valid, the window lists its problems with their lines instead,
and reads the file again whenever it is saved.  Nothing is written to any
document or to the audit log.  Qt is imported only when this runs.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from .common import EXIT_USAGE, UsageError


def register_preview(actions) -> None:
    p = actions.add_parser("preview", help="Preview a draft scheme in the labelling dialog (writes nothing).",
                           description="Open the labelling dialog and the sharing matrix for a draft scheme, "
                                       "before signing it. Problems in the file are listed with their lines; "
                                       "the window reloads when the file is saved. No document is changed.")
    p.add_argument("file", metavar="FILE", help="the draft scheme file (.toml)")
    p.add_argument("--lang", choices=("en", "nl", "fr"), help="interface language (default: the system's)")
    p.add_argument("--sample", metavar="DOCUMENT",
                   help="show this document's current label in the dialog (it is only read)")
    p.set_defaults(func=run)


def run(args) -> int:
    path = Path(args.file)
    if not path.exists():
        raise UsageError(f"{path}: no such scheme file.")
    if path.is_dir():
        raise UsageError(f"{path} is a folder, not a scheme file.")
    if args.sample and not Path(args.sample).is_file():
        raise UsageError(f"{args.sample}: no such document (--sample).")
    try:
        from ui.preview.app import run as run_preview
        import PySide6.QtWidgets  # noqa: F401
    except ImportError as exc:
        if not (exc.name or "").startswith(("PySide6", "shiboken6")):
            raise
        from .gui import NO_PYSIDE

        print(NO_PYSIDE, file=sys.stderr)
        return EXIT_USAGE
    if sys.platform.startswith("linux") and not any(
            os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
        print("labeler: there is no graphical session here (DISPLAY and WAYLAND_DISPLAY are not set), so the "
              "preview cannot open. Check the file without a window: labeler scheme validate " + str(path),
              file=sys.stderr)
        return EXIT_USAGE
    return run_preview(path, args.lang, args.sample)
