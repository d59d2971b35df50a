"""Why a file could not be read or labelled.

Every failure the user can meet is a `FormatError` with a `kind` that the
outcome of a batch reports, and a sentence a person can act on.  Handlers
raise these; nothing else is allowed to escape to the user.
"""
from __future__ import annotations

# Outcome kinds (stable strings: they appear in --json output).
ENCRYPTED = "encrypted"
CORRUPT = "corrupt"
UNSUPPORTED = "unsupported"
NOT_A_FILE = "not-a-file"
PERMISSION_DENIED = "permission-denied"
READ_ONLY = "read-only"
LOCKED = "locked"
VANISHED = "vanished"
CHANGED = "changed-on-disk"
UNSAFE_XML = "unsafe-metadata"
TOO_LARGE = "too-large"
CANNOT_LABEL_HERE = "cannot-label-here"
NO_SPACE = "no-space"
IO_ERROR = "io-error"
HARD_LINKED = "hard-linked"
NOT_OWNER = "owner-not-kept"


class FormatError(Exception):
    """A specific, explainable reason why an operation on a file failed."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind
        self.message = message

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.message


def from_os_error(exc: OSError, name: str, writing: bool = False) -> FormatError:
    """Turn an operating-system error into a sentence about the file `name`.

    `writing`: the error happened while labelling, before anything replaced
    the file, so the sentence can say that it was left as it was."""
    import errno

    if isinstance(exc, FileNotFoundError):
        return FormatError(VANISHED, f"{name} no longer exists (it was moved or deleted).")
    if isinstance(exc, IsADirectoryError):
        return FormatError(NOT_A_FILE, f"{name} is a folder, not a file.")
    if isinstance(exc, PermissionError):
        # Windows reports a file opened by another program as a sharing
        # violation, which Python maps to PermissionError (winerror 32/33).
        if getattr(exc, "winerror", None) in (32, 33):
            return FormatError(LOCKED, f"{name} is open in another program; close it and try again.")
        return FormatError(PERMISSION_DENIED, f"You are not allowed to change {name}.")
    if exc.errno == errno.ENOSPC:
        return FormatError(NO_SPACE, f"The disk is full; {name} was left as it was.")
    if exc.errno in (errno.EROFS,):
        return FormatError(READ_ONLY, f"{name} is on a read-only disk.")
    if writing:
        return FormatError(IO_ERROR, f"{name} could not be labelled ({exc.strerror or exc}), so it was left "
                                     "as it was.")
    return FormatError(IO_ERROR, f"{name} could not be accessed: {exc.strerror or exc}.")
