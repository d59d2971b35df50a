"""Choosing the handler for a file: by its extension *and* its content.

Every Office file is a ZIP, an encrypted Office file is an OLE compound
file, and files get renamed: the content decides what a file is, the
extension only tells which ZIP family is meant.
"""
from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path

from .base import FormatHandler
from .errors import CORRUPT, NOT_A_FILE, UNSUPPORTED, FormatError, from_os_error
from .fsattr import FileAttributeHandler
from .odf import OdfHandler
from .office_crypto import EncryptedOoxmlHandler, has_encrypted_package
from .ooxml import OoxmlHandler
from .pdf import PdfHandler

OOXML = OoxmlHandler()
# Office files encrypted with Excel's default password open without asking:
# this handler labels them inside (and refuses those with a real password).
ENCRYPTED_OOXML = EncryptedOoxmlHandler(OOXML)
ODF = OdfHandler()
PDF = PdfHandler()
FILE_ATTRIBUTES = FileAttributeHandler()
DOCUMENT_HANDLERS = (OOXML, ODF, PDF)

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def expected_handler(path: Path) -> FormatHandler | None:
    """The document handler the extension promises, if any."""
    suffix = Path(path).suffix.lower()
    return next((h for h in DOCUMENT_HANDLERS if suffix in h.extensions), None)


def is_document(path: Path) -> bool:
    return expected_handler(path) is not None


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
            head = f.read(1024)
    except OSError as exc:
        raise from_os_error(exc, name) from None

    expected = expected_handler(path)
    if head.startswith(_ZIP_MAGIC):
        if expected in (OOXML, ODF):
            return expected
        return _zip_family(path) or _mismatch(path, expected, "a ZIP archive")
    if head.startswith(b"%PDF-") or (b"%PDF-" in head and expected is PDF):
        return PDF
    if head.startswith(_OLE_MAGIC):
        if has_encrypted_package(path):
            # Decided when reading: the default password opens it, or it is refused as password-protected.
            return ENCRYPTED_OOXML
        if expected is not None:
            raise FormatError(UNSUPPORTED, f"{name} is really an older-format Office file (Word 97-2003 "
                                           f"style), not a {path.suffix} file; save it in the current "
                                           "format to label it.")
        return FILE_ATTRIBUTES
    if expected is not None:
        what = "empty" if not head else "something else"
        raise FormatError(CORRUPT, f"{name} is not a valid {expected.name} (its content is {what}), so it "
                                   "may be damaged or misnamed; it was left as it was.")
    return FILE_ATTRIBUTES


def _mismatch(path: Path, expected: FormatHandler | None, what: str) -> FormatHandler:
    if expected is None:
        return FILE_ATTRIBUTES  # a plain .zip archive: label beside it
    raise FormatError(CORRUPT, f"{path.name} is {what}, not a {expected.name}, so it may be misnamed; "
                               "it was left as it was.")


def _zip_family(path: Path) -> FormatHandler | None:
    """OOXML or ODF for a ZIP whose extension does not say (e.g. misnamed)."""
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            if "[Content_Types].xml" in names:
                return OOXML
            if "mimetype" in names:
                return ODF
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    return None
