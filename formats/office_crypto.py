"""Office documents encrypted with Excel's default password.

An encrypted OOXML document is an OLE compound file holding the package in
a stream named "EncryptedPackage", encrypted as described by the stream
"EncryptionInfo" (MS-OFFCRYPTO §2.3.4).  Excel encrypts a workbook with the
built-in password `VelvetSweatshop` when only its structure or sheets are
protected; Office and LibreOffice open such files without asking, so for
the user they are ordinary documents.

Such a file is labelled like this, inside the usual write transaction:

1. decrypt the package in memory (bounded: `MAX_DECRYPTED_BYTES`);
2. label the decrypted package with the OOXML handler's own transaction on a
   private temporary copy (which verifies every original member's raw bytes);
3. encrypt the new package *the same way*: the same encryption type, the same
   algorithms, salt and key, so that EncryptionInfo stays byte-identical (for
   agile encryption only the integrity value, an HMAC over the new stream,
   changes).  Keeping the key keeps every key encryptor valid, the password
   one and any certificate one.  The password is public, so reusing the key
   gives away nothing that was not already public;
4. write a compound file with the original's directory (names, colours, tree,
   class ids, times, unused entries) and every other stream unchanged;
5. verify the result: parse it again, compare every stream and directory
   entry with the original, decrypt it independently with msoffcrypto-tool
   and compare with the labelled package byte for byte.

A file with a real password is refused as password-protected.

The compound file is read and written by ole.py, the encryption by
office_encryption.py; this module is the handler that ties them together.
"""
from __future__ import annotations

import io
import os
import struct
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .base import NOT_MINE, SURE, FormatHandler, WritePlan
from .errors import CORRUPT, ENCRYPTED, TOO_LARGE, UNSUPPORTED, FormatError, from_os_error
from .model import LabelStamp, ReadResult
from .office_encryption import Agile, Scheme, scheme_of
from .ole import OLE_MAGIC, Container, has_encrypted_package, why

_Agile = Agile  # its earlier name here (tests patch the class through it)
__all__ = ["DEFAULT_PASSWORD", "MAX_DECRYPTED_BYTES", "EncryptedOoxmlHandler", "has_encrypted_package"]

DEFAULT_PASSWORD = "VelvetSweatshop"
# Decrypting happens in memory (msoffcrypto-tool and olefile read whole
# streams): refuse packages above this size rather than exhaust memory.
MAX_DECRYPTED_BYTES = 200 * 1024 * 1024


def _container(path: Path, name: str) -> Container:
    return Container(path, name, MAX_DECRYPTED_BYTES, _too_large)


def _too_large(name: str) -> FormatError:
    return FormatError(TOO_LARGE, f"{name} is encrypted with Office's default password and is larger than "
                                  f"{MAX_DECRYPTED_BYTES // (1024 * 1024)} MB, too large to decrypt in memory "
                                  "here; it was left as it was.")


@dataclass
class _Opened:
    container: Container
    scheme: Scheme
    plain: bytes


def _open(path: Path) -> _Opened:
    """Decrypt the package of an Office file encrypted with the default password, or refuse."""
    name = path.name
    container = _container(path, name)
    stream = container.package
    if len(stream) < 8:
        raise FormatError(CORRUPT, f"{name} is a damaged encrypted Office file (its package is empty); "
                                   "it was left as it was.")
    declared = struct.unpack_from("<Q", stream)[0]
    if declared > MAX_DECRYPTED_BYTES:
        raise _too_large(name)
    scheme = scheme_of(container.info, name)
    if not scheme.unlock(DEFAULT_PASSWORD):
        raise FormatError(ENCRYPTED, f"{name} is password-protected, so its label cannot be read or changed "
                                     "without the password; label it in Office or remove the password first.")
    if isinstance(scheme, Agile) and not scheme.check_integrity(stream):
        raise FormatError(CORRUPT, f"{name} is encrypted and its content fails the encryption's integrity "
                                   "check, so it may be damaged; it was left as it was.")
    if declared > len(stream) - 8:
        raise FormatError(CORRUPT, f"{name} is a damaged encrypted Office file (its package is cut short); "
                                   "it was left as it was.")
    try:
        plain = scheme.decrypt(stream)
    except ValueError as exc:
        raise FormatError(CORRUPT, f"{name} is a damaged encrypted Office file ({why(exc)}); "
                                   "it was left as it was.") from None
    if len(plain) != declared or not plain.startswith(b"PK"):
        raise FormatError(CORRUPT, f"{name} is encrypted with Office's default password but decrypts to "
                                   "something that is not an Office package; it was left as it was.")
    return _Opened(container, scheme, plain)


class _Scratch:
    """A private folder for the decrypted package, removed when done."""

    def __init__(self, name: str):
        self._dir = tempfile.TemporaryDirectory(prefix="labeler-decrypted-")
        self.path = Path(self._dir.name) / name  # same name: messages name the user's file

    def __enter__(self) -> _Scratch:
        return self

    def __exit__(self, *exc) -> None:
        self._dir.cleanup()


def _verify_container(original: Container, fresh: Container, replaced: dict[str, bytes], name: str) -> None:
    """The new compound file has the original's directory and streams, except `replaced`."""
    def fail(why: str) -> FormatError:
        return FormatError(CORRUPT, f"{name} was not labelled because the re-encrypted file failed its check "
                                    f"({why}); the original was left as it was.")

    if len(fresh.entries) < len(original.entries):
        raise fail("directory entries are missing")
    for old, new in zip(original.entries, fresh.entries):
        if old.path is None:
            continue
        if old.raw[:116] != new.raw[:116] or old.path != new.path:
            raise fail(f"the directory entry {'/'.join(old.path) or 'root'} differs")
        if old.kind == 2:
            lowered = old.path[0].lower() if len(old.path) == 1 else None
            expected = replaced.get(lowered, old.data) if lowered else old.data
            if new.data != expected:
                raise fail(f"the stream {'/'.join(old.path)} differs")
    if any(e.path is not None for e in fresh.entries[len(original.entries):]):
        raise fail("it holds entries the original did not")


class EncryptedOoxmlHandler(FormatHandler):
    """Office documents encrypted with the default password: labelled inside, re-encrypted the same way."""

    name = "Office document"
    extensions = frozenset()  # chosen by content, never by extension
    media_types = frozenset({"application/x-ole-storage"})

    def __init__(self, inner):
        self.inner = inner  # the OOXML handler: labels the decrypted package

    def sniff(self, head: bytes, path: Path) -> int:
        # Whatever its name: decided when reading (the default password opens it, or it is refused
        # as password-protected).
        return SURE if head.startswith(OLE_MAGIC) and has_encrypted_package(path) else NOT_MINE

    def misnamed(self, head: bytes, path: Path, expected: FormatHandler) -> FormatError | None:
        if head.startswith(OLE_MAGIC):  # a compound file without an encrypted package: Word 97-2003 & co
            return FormatError(UNSUPPORTED, f"{path.name} is really an older-format Office file (Word 97-2003 "
                                            f"style), not a {path.suffix} file; save it in the current "
                                            "format to label it.")
        return None

    def _extract_text(self, path: Path, limit) -> None:
        raise FormatError(ENCRYPTED, f"{path.name} is an encrypted Office file, so its text is not "
                                     "read for recommendations.")

    def _read(self, path: Path) -> ReadResult:
        opened = _open(path)
        with _Scratch(path.name) as scratch:
            scratch.path.write_bytes(opened.plain)
            result = self.inner._read(scratch.path)
        return ReadResult(result.labels, self.name, result.travels_with_file)

    def _plan(self, path: Path, stamp: LabelStamp | None) -> WritePlan | None:
        opened = _open(path)
        with _Scratch(path.name) as scratch:
            scratch.path.write_bytes(opened.plain)
            os.chmod(scratch.path, 0o600)
            # The OOXML handler's own transaction: strict read, rewrite of the
            # metadata parts only, raw-byte check of every other member, re-read.
            if not self.inner.write(scratch.path, stamp):
                return None
            new_plain = scratch.path.read_bytes()
        new_stream, new_info = opened.scheme.encrypt(new_plain)
        replaced = {"encryptedpackage": new_stream, "encryptioninfo": new_info}
        container = opened.container

        def write(out: BinaryIO) -> None:
            container.write(out, replaced)

        def verify(original: Path, new: Path) -> None:
            fresh = _container(new, original.name)
            _verify_container(container, fresh, replaced, original.name)
            decrypted = _decrypt_independently(new, original.name)
            if decrypted != new_plain:
                raise FormatError(CORRUPT, f"{original.name} was not labelled because the re-encrypted file "
                                           "does not decrypt to the labelled document; the original was left "
                                           "as it was.")
            reopened = _open(new)
            if isinstance(reopened.scheme, Agile) and reopened.plain != new_plain:
                raise FormatError(CORRUPT, f"{original.name} was not labelled because the re-encrypted file "
                                           "failed its integrity check; the original was left as it was.")

        write.verify = verify  # type: ignore[attr-defined]
        return write


def _decrypt_independently(path: Path, name: str) -> bytes:
    """Decrypt with msoffcrypto-tool's own reader, as a second opinion on what was written."""
    import msoffcrypto

    try:
        with open(path, "rb") as f:
            office = msoffcrypto.OfficeFile(f)
            office.load_key(password=DEFAULT_PASSWORD)
            out = io.BytesIO()
            office.decrypt(out)
            return out.getvalue()
    except OSError as exc:
        raise from_os_error(exc, name) from None
    except Exception as exc:  # noqa: BLE001 - msoffcrypto raises its own exception types
        raise FormatError(CORRUPT, f"{name} was not labelled because the re-encrypted file could not be "
                                   f"decrypted again ({why(exc)}); the original was left as it was.") from None
