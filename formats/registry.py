"""Choosing the handler for a file: by its extension *and* its content.

Every Office file is a ZIP, an encrypted Office file is an OLE compound
file, and files get renamed: the content decides what a file is, the
extension only tells which family is meant.

The registry knows no format: it asks every registered handler to `sniff`
the file's first bytes (the handler the extension names first) and takes the
surest answer.  When the extension promises a document but only the
fallback (file attributes) takes the content, the file is refused: a handler
that recognises the content says what it really is (`misnamed`), otherwise
it is "not a valid <document>".

Adding a file format: write its handler module (formats/<family>.py with
extensions, media types, sniff, read/write and, optionally, text) and list
it in HANDLERS below, or call `register(handler)`.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

from .base import FALLBACK, SURE, FormatHandler
from .errors import CORRUPT, NOT_A_FILE, FormatError, from_os_error
from .fsattr import FileAttributeHandler
from .odf import OdfHandler
from .office_crypto import EncryptedOoxmlHandler
from .ooxml import OoxmlHandler
from .pdf import PdfHandler

OOXML = OoxmlHandler()
# Office files encrypted with Excel's default password open without asking:
# this handler labels them inside (and refuses those with a real password).
ENCRYPTED_OOXML = EncryptedOoxmlHandler(OOXML)
ODF = OdfHandler()
PDF = PdfHandler()
FILE_ATTRIBUTES = FileAttributeHandler()

# Every handler, in the order that settles a tie between equally sure answers.
HANDLERS: list[FormatHandler] = [OOXML, ENCRYPTED_OOXML, ODF, PDF, FILE_ATTRIBUTES]

HEAD_BYTES = 1024  # what `sniff` sees of a file


def register(handler: FormatHandler) -> FormatHandler:
    """Add a handler (a new file format); it is asked after those already registered."""
    if handler not in HANDLERS:
        HANDLERS.append(handler)
    return handler


def unregister(handler: FormatHandler) -> None:
    """Remove a handler added with `register`."""
    if handler in HANDLERS:
        HANDLERS.remove(handler)


def handlers() -> tuple[FormatHandler, ...]:
    return tuple(HANDLERS)


def document_handlers() -> tuple[FormatHandler, ...]:
    """The handlers of document formats: those that declare extensions."""
    return tuple(h for h in HANDLERS if h.extensions)


def document_extensions() -> frozenset[str]:
    """Every extension of a document format we label: a scheme's default `must_label`."""
    return frozenset().union(*(h.extensions for h in document_handlers()))


def text_extensions() -> frozenset[str]:
    """Every extension of a file whose text a handler reads (content hints)."""
    return frozenset().union(*(h.text_extensions() for h in HANDLERS))


def expected_handler(path: Path) -> FormatHandler | None:
    """The document handler the extension promises, if any."""
    suffix = Path(path).suffix.lower()
    return next((h for h in document_handlers() if suffix in h.extensions), None)


def is_document(path: Path) -> bool:
    return expected_handler(path) is not None


def reads_text(path: Path) -> bool:
    """Whether the extension names a kind of file whose text can be read (no file access)."""
    return Path(path).suffix.lower() in text_extensions()


def handler_for(path: Path) -> FormatHandler:
    """The handler for `path`, or FormatError saying why there is none."""
    path = Path(path)
    name = path.name
    try:
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):
            raise FormatError(NOT_A_FILE, f"{name} is a folder, not a file.")
        if not stat.S_ISREG(st.st_mode):
            raise FormatError(NOT_A_FILE, f"{name} is not a regular file (device, pipe or socket).")
        with open(path, "rb") as f:
            head = f.read(HEAD_BYTES)
    except OSError as exc:
        raise from_os_error(exc, name) from None

    expected = expected_handler(path)
    best, best_score = None, 0
    # The handler the extension names is asked first: a SURE answer ends the search.
    for handler in sorted(HANDLERS, key=lambda h: h is not expected):
        score = handler.sniff(head, path)
        if score > best_score:
            best, best_score = handler, score
            if score >= SURE:
                break
    if expected is not None and (best is None or best_score <= FALLBACK):
        raise _refusal(head, path, expected)
    if best is None:
        raise FormatError(CORRUPT, f"{name} could not be read as any kind of file; it was left as it was.")
    return best


def _refusal(head: bytes, path: Path, expected: FormatHandler) -> FormatError:
    """Why a file named like `expected` is not one: from the handler that recognises it, if any."""
    for handler in HANDLERS:
        error = handler.misnamed(head, path, expected)
        if error is not None:
            return error
    what = "empty" if not head else "something else"
    return FormatError(CORRUPT, f"{path.name} is not a valid {expected.name} (its content is {what}), so it "
                                "may be damaged or misnamed; it was left as it was.")
