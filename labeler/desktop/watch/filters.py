"""Names and folders the watcher never looks at.

Editors surround a document with owner, lock and temp files while it is
open or being saved (Word `~$report.docx`, `~WRL0001.tmp`; LibreOffice
`.~lock.report.docx#`; our own `.~labeler-….tmp`); none of them is a
document, and reacting to them would prompt about files that vanish a
second later.
"""
from __future__ import annotations

import os
from pathlib import Path
from collections.abc import Iterable

from labeler.core.files import is_transient

# System clutter that is never a document.
_CLUTTER = frozenset({"thumbs.db", "desktop.ini", "icon\r"})


def is_ignored_name(name: str) -> bool:
    """Owner/lock/temp/backup/hidden files: never a document to label."""
    return (is_transient(name) or name.startswith((".", "#")) or name.endswith(("~", "#"))
            or name.lower() in _CLUTTER)


def is_lock_name(name: str) -> bool:
    """An editor's owner/lock file: its removal means the document was closed."""
    return name.startswith(("~$", ".~lock."))


def in_hidden_folder(path: Path, root: Path) -> bool:
    """Whether a folder between `root` and `path` is hidden (.git, .Trash, …)."""
    try:
        parts = path.relative_to(root).parts[:-1]
    except ValueError:
        return False
    return any(part.startswith(".") for part in parts)


def is_within(path: Path, folders: Iterable[Path]) -> bool:
    # String prefixes rather than Path.is_relative_to: this runs for every
    # document of a burst of thousands, on paths already normalised.
    text = str(path)
    for folder in folders:
        root = str(folder)
        if text == root or text.startswith(root.rstrip(os.sep) + os.sep):
            return True
    return False


def normalise(folder: str | os.PathLike) -> Path:
    """An absolute, symlink-free spelling, so paths from events and settings compare."""
    return Path(os.path.realpath(os.path.expanduser(os.fspath(folder))))
