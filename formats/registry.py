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


class _Builtin:
    """A built-in handler not created yet: its module (and the libraries it needs, pypdf, lxml, …) is
    imported only when a file may be its kind.  `extensions` must equal the handler class's own (a test
    checks it); they only say which handler to ask first without importing any."""

    def __init__(self, attribute: str, module: str, make, extensions: frozenset[str]):
        self.attribute, self.module, self.make, self.extensions = attribute, module, make, extensions

    def load(self) -> FormatHandler:
        handler = globals().get(self.attribute)
        if not isinstance(handler, FormatHandler):
            import importlib

            handler = self.make(importlib.import_module(self.module, __package__))
            globals()[self.attribute] = handler
        return handler


_OOXML_EXTENSIONS = frozenset({".docx", ".docm", ".dotx", ".dotm", ".xlsx", ".xlsm", ".xltx", ".xltm", ".pptx",
                               ".pptm", ".potx", ".potm", ".ppsx", ".ppsm", ".vsdx", ".vsdm", ".vstx", ".vstm"})
_ODF_EXTENSIONS = frozenset({".odt", ".ods", ".odp", ".odg", ".ott", ".ots", ".otp", ".otg"})

# Every handler, in the order that settles a tie between equally sure answers.  The built-in ones are
# created on first use: `registry.OOXML` (PDF, ODF, …) or a file that may be theirs.  Office files
# encrypted with Excel's default password open without asking: ENCRYPTED_OOXML labels them inside (and
# refuses those with a real password).
HANDLERS: list[FormatHandler | _Builtin] = [
    _Builtin("OOXML", ".ooxml", lambda m: m.OoxmlHandler(), _OOXML_EXTENSIONS),
    _Builtin("ENCRYPTED_OOXML", ".office_crypto", lambda m: m.EncryptedOoxmlHandler(_loaded("OOXML")),
             frozenset()),
    _Builtin("ODF", ".odf", lambda m: m.OdfHandler(), _ODF_EXTENSIONS),
    _Builtin("PDF", ".pdf", lambda m: m.PdfHandler(), frozenset({".pdf"})),
    _Builtin("FILE_ATTRIBUTES", ".fsattr", lambda m: m.FileAttributeHandler(), frozenset()),
]
_BUILTIN_NAMES = frozenset(entry.attribute for entry in HANDLERS if isinstance(entry, _Builtin))

HEAD_BYTES = 1024  # what `sniff` sees of a file


def _loaded(attribute: str) -> FormatHandler:
    entry = next(e for e in HANDLERS if isinstance(e, _Builtin) and e.attribute == attribute)
    return entry.load()


def __getattr__(name: str) -> FormatHandler:
    """registry.OOXML, registry.PDF, …: the built-in handler, created when first asked for."""
    if name in _BUILTIN_NAMES:
        return _loaded(name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _handler(entry: FormatHandler | _Builtin) -> FormatHandler:
    return entry.load() if isinstance(entry, _Builtin) else entry


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
    """Every handler (creates the built-in ones not yet used)."""
    return tuple(_handler(entry) for entry in HANDLERS)


def document_handlers() -> tuple[FormatHandler, ...]:
    """The handlers of document formats: those that declare extensions."""
    return tuple(h for h in handlers() if h.extensions)


def document_extensions() -> frozenset[str]:
    """Every extension of a document format we label: a scheme's default `must_label` (creates no handler)."""
    return frozenset().union(*(entry.extensions for entry in HANDLERS))


def text_extensions() -> frozenset[str]:
    """Every extension of a file whose text a handler reads (content hints)."""
    return frozenset().union(*(h.text_extensions() for h in handlers()))


def _expected_entry(path: Path) -> FormatHandler | _Builtin | None:
    suffix = Path(path).suffix.lower()
    return next((e for e in HANDLERS if suffix in e.extensions), None)


def expected_handler(path: Path) -> FormatHandler | None:
    """The document handler the extension promises, if any (creates only that one)."""
    entry = _expected_entry(path)
    return None if entry is None else _handler(entry)


def is_document(path: Path) -> bool:
    return _expected_entry(path) is not None


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

    expected_entry = _expected_entry(path)
    expected = None if expected_entry is None else _handler(expected_entry)
    best, best_score = None, 0
    # The handler the extension names is asked first: a SURE answer ends the search (and the handlers
    # after it are never created).
    for entry in sorted(HANDLERS, key=lambda e: e is not expected_entry):
        handler = _handler(entry)
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
    for handler in handlers():
        error = handler.misnamed(head, path, expected)
        if error is not None:
            return error
    what = "empty" if not head else "something else"
    return FormatError(CORRUPT, f"{path.name} is not a valid {expected.name} (its content is {what}), so it "
                                "may be damaged or misnamed; it was left as it was.")
