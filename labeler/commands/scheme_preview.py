"""`labeler scheme preview FILE`: see a draft scheme as employees will, before signing it.

Opens a window with the labelling dialog (for a sample document) and the
labels × channels matrix of the draft, in any interface language; if the
draft is not valid, the window lists its problems with their lines instead,
and reads the file again whenever it is saved.  Nothing is written to any
document or to the audit log.  Qt is imported only when this runs.
"""
from __future__ import annotations

from pathlib import Path

from labeler import languages
from labeler.commands.common import EXIT_USAGE, UsageError


def register_preview(actions) -> None:
    p = actions.add_parser("preview", help="Preview a draft scheme in the labelling dialog (writes nothing).",
                           description="Open the labelling dialog and the sharing matrix for a draft scheme, "
                                       "before signing it. Problems in the file are listed with their lines; "
                                       "the window reloads when the file is saved. No document is changed.")
    p.add_argument("file", metavar="FILE", help="the draft scheme file (.toml)")
    p.add_argument("--lang", choices=languages.codes(), help="interface language (default: the system's)")
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
    from labeler.commands.gui import import_ui, missing_desktop_libraries, no_display

    preview = import_ui("ui.preview.app")
    if preview is None:
        return EXIT_USAGE
    if no_display("preview", f"Check the file without a window: labeler scheme validate {path}"):
        return EXIT_USAGE
    if missing_desktop_libraries():
        return EXIT_USAGE
    return preview.run(path, args.lang, args.sample)
