"""Moving the copies in a sharing place to the desktop's trash, and nothing else.

The notice offers to trash "this copy": the file that arrived in the sharing
place.  Before each move the path is checked to still lie inside its place
(a file renamed out of it, or a folder swapped for a link since, is left
alone), so the original -- wherever it is -- and anything outside the place
is never touched.  The move is the desktop's own trash (send2trash: the
freedesktop trash on Linux, the Recycle Bin, the macOS Trash), so the person
can take the copy back.  Runs in a worker: a batch of copies on a slow stick
takes a while.
"""
from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any



def inside(path: Path, place: Path) -> bool:
    """`path` lies inside `place` (links resolved on both sides; the place itself is not inside)."""
    folder = os.path.realpath(path.parent)
    root = os.path.realpath(place)
    try:
        return os.path.commonpath([folder, root]) == root
    except ValueError:  # different drives (Windows)
        return False


def trash_copies(moments: Sequence[Any]) -> tuple[list[Any], list[tuple[Any, str]]]:
    """Move each moment's copy to the trash: (the moments trashed, [(moment, why not)]).

    A copy that is already gone is in neither list: nothing was done to it, and nothing is said.
    """
    from send2trash import send2trash  # the platform's trash, chosen when first imported

    trashed: list[Any] = []
    failed: list[tuple[Any, str]] = []
    for moment in moments:
        path = Path(moment.path)
        if not os.path.lexists(path):
            continue
        if not inside(path, Path(moment.place.path)):
            failed.append((moment, _why_outside(moment)))
            continue
        if path.is_dir() and not path.is_symlink():
            failed.append((moment, _why_folder()))
            continue
        try:
            send2trash(str(path))
        except Exception as exc:  # TrashPermissionError, OSError, a platform error: the copy stays
            failed.append((moment, getattr(exc, "strerror", None) or str(exc) or type(exc).__name__))
        else:
            trashed.append(moment)
    return trashed, failed


def _why_outside(moment) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("SharingNotice", "it is no longer in %1").replace("%1", str(moment.place.path))


def _why_folder() -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("SharingNotice", "it is a folder now")
