"""What kind of file a path is, for callers above the core (the desktop UI).

    is_document("report.docx")   # True: a format we read and write labels in

The UI asks here instead of reaching into `formats.registry`, so the
format layer can change without touching the interface.
"""
from __future__ import annotations

import os
from pathlib import Path

from formats import registry


def is_document(path: str | os.PathLike) -> bool:
    """Whether the extension promises a document format we label (no file access)."""
    return registry.is_document(Path(path))
