"""Previewing a draft scheme before it is signed: `labeler scheme preview FILE`.

    window = PreviewWindow("draft.toml", "nl")    # errors, or the dialog and the matrix
    window.show()

Nothing here writes to a document or to the audit log: the labelling dialog
is given a `PreviewService` whose apply/remove only say what would happen.

Its strings live in resources/translations/preview_<lang>.ts (one per registered
language; en holds the plural forms only).  After changing a string, run
tools/build_translations.py, translate what it marks unfinished, and run it
again with --compile.

tests/test_translations.py fails while any of them is missing or stale.
"""
from __future__ import annotations

from .service import PREVIEW, PreviewService
from .window import PreviewWindow

__all__ = ["PREVIEW", "PreviewService", "PreviewWindow"]
