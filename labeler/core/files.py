"""Turning command-line paths into the files to work on."""
from __future__ import annotations

import os
from pathlib import Path
from collections.abc import Iterator

# Files editors keep while a document is open (our own temp files too: formats.atomic.TEMP_PREFIX).
_EDITOR_PREFIXES = ("~$", ".~lock.", "~WRL")


def is_transient(name: str) -> bool:
    """Lock, owner and temp files that are never documents to label."""
    # Imported here: formats.atomic (hashlib, tempfile) is for writing, and `labeler show FILE` walks no folder.
    from formats.atomic import TEMP_PREFIX

    return name.startswith((*_EDITOR_PREFIXES, TEMP_PREFIX)) or name.endswith((".tmp", ".crdownload", ".part"))


def expand(paths: list[str], recursive: bool) -> Iterator[Path]:
    """Each given file, and with `recursive` every file below given folders.

    Folders without `recursive` are yielded as they are, so the caller
    reports them ("is a folder") instead of silently skipping them.
    """
    for raw in paths:
        path = Path(raw)
        if recursive and path.is_dir():
            yield from _walk(path)
        else:
            yield path


def _walk(top: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not is_transient(name) and not name.startswith("."):
                yield Path(root) / name
