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
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import io
import os
import re
import struct
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .base import FormatHandler, WritePlan
from .errors import CORRUPT, ENCRYPTED, TOO_LARGE, UNSUPPORTED, FormatError, from_os_error
from .model import LabelStamp, ReadResult

DEFAULT_PASSWORD = "VelvetSweatshop"
# Decrypting happens in memory (msoffcrypto-tool and olefile read whole
# streams): refuse packages above this size rather than exhaust memory.
MAX_DECRYPTED_BYTES = 200 * 1024 * 1024
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MAX_SPIN_COUNT = 10_000_000  # MS-OFFCRYPTO §2.3.4.10

_HASHES = {"SHA1": hashlib.sha1, "SHA256": hashlib.sha256, "SHA384": hashlib.sha384,
           "SHA512": hashlib.sha512}
_BLK_VERIFIER_INPUT = bytes([0xFE, 0xA7, 0xD2, 0x76, 0x3B, 0x4B, 0x9E, 0x79])
_BLK_VERIFIER_VALUE = bytes([0xD7, 0xAA, 0x0F, 0x6D, 0x30, 0x61, 0x34, 0x4E])
_BLK_KEY_VALUE = bytes([0x14, 0x6E, 0x0B, 0xE7, 0xAB, 0xAC, 0xD0, 0xD6])
_BLK_HMAC_KEY = bytes([0x5F, 0xB2, 0xAD, 0x01, 0x0C, 0xB9, 0xE1, 0xF6])
_BLK_HMAC_VALUE = bytes([0xA0, 0x67, 0x7F, 0x02, 0xB2, 0x2C, 0x84, 0x33])
_ENC_NS = "{http://schemas.microsoft.com/office/2006/encryption}"
_PASSWORD_URI = "http://schemas.microsoft.com/office/2006/keyEncryptor/password"
_PASSWORD_NS = "{" + _PASSWORD_URI + "}"
_SEGMENT = 4096
_AES_ALG_IDS = {0x660E: 128, 0x660F: 192, 0x6610: 256}


def has_encrypted_package(path: Path) -> bool:
    """Whether an OLE compound file holds an encrypted OOXML package.

    The directory is parsed properly: the stream may sit in any directory
    sector, and its name is compared case-insensitively, as the compound
    file format asks (some writers store "ENCRYPTEDPACKAGE").
    """
    import olefile

    try:
        with open(path, "rb") as f:
            if f.read(8) != _OLE_MAGIC:
                return False
            f.seek(0)
            ole = olefile.OleFileIO(f)
            try:
                return any(len(p) == 1 and p[0].lower() == "encryptedpackage" for p in ole.listdir())
            finally:
                ole.close()
    except OSError:
        return False
    except Exception:  # noqa: BLE001 - a damaged compound file: fall back to its raw directory
        return _raw_directory_names_package(path)


def _raw_directory_names_package(path: Path) -> bool:
    """Case-insensitive scan of the directory chain of a compound file olefile refused."""
    wanted = "encryptedpackage".encode("utf-16-le")
    try:
        with open(path, "rb") as f:
            header = f.read(512)
            shift = struct.unpack_from("<H", header, 30)[0]
            sector = 1 << shift if 7 <= shift <= 16 else 512
            first = struct.unpack_from("<I", header, 48)[0]
            size = f.seek(0, 2)
            f.seek((first + 1) * sector)
            # Directories of encrypted documents are a few sectors long.
            directory = f.read(min(size, sector * 64))
    except (OSError, struct.error):
        return False
    lowered = bytes(b | 0x20 if 0x41 <= b <= 0x5A else b for b in directory)
    return wanted in lowered


# -- the compound file -------------------------------------------------------------------------

@dataclass
class _Entry:
    sid: int
    raw: bytes  # the 128-byte directory entry
    kind: int  # 0 unused, 1 storage, 2 stream, 5 root
    path: tuple[str, ...] | None  # None: not reachable from the root
    data: bytes = b""


class _Container:
    """The directory and streams of an encrypted document's compound file."""

    def __init__(self, path: Path, name: str):
        import olefile

        self.name = name
        try:
            size = os.path.getsize(path)
        except OSError as exc:
            raise from_os_error(exc, name) from None
        if size > MAX_DECRYPTED_BYTES + 16 * 1024 * 1024:
            raise _too_large(name)
        try:
            with open(path, "rb") as f:
                self.header = f.read(512)
                f.seek(0)
                ole = olefile.OleFileIO(f)
                try:
                    self._load(ole)
                finally:
                    ole.close()
        except FormatError:
            raise
        except (olefile.olefile.OleFileError, ValueError, IndexError, KeyError, struct.error) as exc:
            # olefile reports damage with these (its own error is an OSError: catch it first).
            raise FormatError(CORRUPT, f"{name} is a damaged encrypted Office file ({_why(exc)}); "
                                       "it was left as it was.") from None
        except OSError as exc:
            raise from_os_error(exc, name) from None

    def _load(self, ole) -> None:
        import olefile

        directory = ole.directory_fp
        directory.seek(0)
        raw = directory.read()
        count = len(raw) // 128
        self.entries = [_Entry(sid, raw[sid * 128:(sid + 1) * 128], raw[sid * 128 + 66], None)
                        for sid in range(count)]
        self.entries[0].path = ()
        self.streams: dict[str, _Entry] = {}  # top-level streams by lower-case name
        stack = [(ole.root, ())]
        while stack:
            node, prefix = stack.pop()
            seen = set()
            for kid in node.kids:
                lowered = kid.name.lower()
                if lowered in seen:
                    raise FormatError(CORRUPT, f"{self.name} is a damaged encrypted Office file (two entries "
                                               f"named {kid.name!r}); it was left as it was.")
                seen.add(lowered)
                path = prefix + (kid.name,)
                entry = self.entries[kid.sid]
                entry.path = path
                if kid.entry_type == olefile.STGTY_STREAM:
                    if kid.size > MAX_DECRYPTED_BYTES + 1024:
                        raise _too_large(self.name)
                    entry.data = ole.openstream(list(path)).read()
                    if len(entry.data) != kid.size:
                        raise FormatError(CORRUPT, f"{self.name} is a damaged encrypted Office file (a stream "
                                                   "is cut short); it was left as it was.")
                    if not prefix:
                        self.streams[lowered] = entry
                elif kid.entry_type == olefile.STGTY_STORAGE:
                    stack.append((kid, path))
        for needed in ("encryptioninfo", "encryptedpackage"):
            if needed not in self.streams:
                raise FormatError(CORRUPT, f"{self.name} is a damaged encrypted Office file (its "
                                           f"{needed} stream is missing); it was left as it was.")

    @property
    def info(self) -> bytes:
        return self.streams["encryptioninfo"].data

    @property
    def package(self) -> bytes:
        return self.streams["encryptedpackage"].data

    def write(self, out: BinaryIO, replaced: dict[str, bytes]) -> None:
        """Write the compound file with the top-level streams in `replaced` (lower-case names) changed."""
        contents = {}
        for entry in self.entries:
            if entry.kind == 2 and entry.path is not None:
                data = entry.data
                if len(entry.path) == 1 and entry.path[0].lower() in replaced:
                    data = replaced[entry.path[0].lower()]
                contents[entry.sid] = data
        _write_compound_file(out, self.header, [e.raw for e in self.entries], contents)


def _too_large(name: str) -> FormatError:
    return FormatError(TOO_LARGE, f"{name} is encrypted with Office's default password and is larger than "
                                  f"{MAX_DECRYPTED_BYTES // (1024 * 1024)} MB, too large to decrypt in memory "
                                  "here; it was left as it was.")


def _why(exc: Exception) -> str:
    text = str(exc).strip().rstrip(".")
    return text[:120] if text else type(exc).__name__


_FREE, _END, _FATSECT, _DIFSECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFC
_SECTOR, _MINI, _CUTOFF = 512, 64, 4096


def _write_compound_file(out: BinaryIO, old_header: bytes, raw_entries: list[bytes],
                         contents: dict[int, bytes]) -> None:
    """Write a version-3 compound file (512-byte sectors) with these directory entries.

    Every directory entry keeps its bytes (name, type, colour, siblings,
    child, class id, state bits, times) except its start sector and size;
    stream `sid` gets `contents[sid]`.  Unreachable stream entries are
    emptied so they point at nothing.
    """
    def sectors(n: int, unit: int) -> int:
        return (n + unit - 1) // unit

    mini_sids = [sid for sid, d in contents.items() if 0 < len(d) < _CUTOFF]
    big_sids = [sid for sid, d in contents.items() if len(d) >= _CUTOFF]
    mini_start: dict[int, int] = {}
    mini_count = 0
    for sid in mini_sids:
        mini_start[sid] = mini_count
        mini_count += sectors(len(contents[sid]), _MINI)
    ministream_len = mini_count * _MINI
    n_minifat = sectors(mini_count * 4, _SECTOR)
    n_ministream = sectors(ministream_len, _SECTOR)
    entries = list(raw_entries)
    while len(entries) % (_SECTOR // 128):
        entries.append(_empty_entry())
    n_dir = len(entries) * 128 // _SECTOR
    n_big = sum(sectors(len(contents[sid]), _SECTOR) for sid in big_sids)
    body = n_dir + n_minifat + n_ministream + n_big
    n_fat = n_difat = 0
    while True:
        total = n_fat + n_difat + body
        need_fat = sectors(total, _SECTOR // 4)
        need_difat = sectors(max(0, need_fat - 109), _SECTOR // 4 - 1)
        if (need_fat, need_difat) == (n_fat, n_difat):
            break
        n_fat, n_difat = need_fat, need_difat

    fat = [_FREE] * (n_fat * (_SECTOR // 4))
    pos = 0
    fat_sectors = list(range(pos, pos + n_fat))
    for s in fat_sectors:
        fat[s] = _FATSECT
    pos += n_fat
    difat_sectors = list(range(pos, pos + n_difat))
    for s in difat_sectors:
        fat[s] = _DIFSECT
    pos += n_difat

    def chain(count: int) -> int:
        nonlocal pos
        if count == 0:
            return _END
        start = pos
        for i in range(count):
            fat[start + i] = start + i + 1 if i < count - 1 else _END
        pos += count
        return start

    dir_start = chain(n_dir)
    minifat_start = chain(n_minifat)
    ministream_start = chain(n_ministream)
    big_start = {sid: chain(sectors(len(contents[sid]), _SECTOR)) for sid in big_sids}

    def place(raw: bytes, start: int, size: int) -> bytes:
        return raw[:116] + struct.pack("<IQ", start, size)

    for sid, raw in enumerate(entries):
        kind = raw[66]
        if sid == 0:
            entries[sid] = place(raw, ministream_start if ministream_len else _END, ministream_len)
        elif kind == 2:
            data = contents.get(sid, b"")
            if sid in big_start:
                entries[sid] = place(raw, big_start[sid], len(data))
            elif sid in mini_start:
                entries[sid] = place(raw, mini_start[sid], len(data))
            else:
                entries[sid] = place(raw, _END, 0)

    header = bytearray(512)
    header[0:8] = _OLE_MAGIC
    header[8:24] = old_header[8:24] if len(old_header) >= 24 else bytes(16)  # header class id
    struct.pack_into("<HHHHH6xIIIIIIIII", header, 24, 0x3E, 3, 0xFFFE, 9, 6,
                     0, n_fat, dir_start, 0, _CUTOFF, minifat_start, n_minifat,
                     difat_sectors[0] if difat_sectors else _END, n_difat)
    head_difat = fat_sectors[:109] + [_FREE] * (109 - min(109, n_fat))
    struct.pack_into("<109I", header, 76, *head_difat)
    out.write(bytes(header))
    out.write(struct.pack(f"<{len(fat)}I", *fat))
    rest = fat_sectors[109:]
    per = _SECTOR // 4 - 1
    for i, s in enumerate(difat_sectors):
        part = rest[i * per:(i + 1) * per]
        part += [_FREE] * (per - len(part))
        nxt = difat_sectors[i + 1] if i + 1 < len(difat_sectors) else _END
        out.write(struct.pack(f"<{per + 1}I", *part, nxt))
    out.write(b"".join(entries))
    minifat = [_FREE] * (n_minifat * (_SECTOR // 4))
    for sid in mini_sids:
        start, count = mini_start[sid], sectors(len(contents[sid]), _MINI)
        for i in range(count):
            minifat[start + i] = start + i + 1 if i < count - 1 else _END
    out.write(struct.pack(f"<{len(minifat)}I", *minifat))
    for sid in mini_sids:
        data = contents[sid]
        out.write(data + bytes(-len(data) % _MINI))
    out.write(bytes(n_ministream * _SECTOR - ministream_len))
    for sid in big_sids:
        data = contents[sid]
        out.write(data)
        out.write(bytes(-len(data) % _SECTOR))


def _empty_entry() -> bytes:
    raw = bytearray(128)
    struct.pack_into("<III", raw, 68, _FREE, _FREE, _FREE)
    return bytes(raw)


# -- encryption --------------------------------------------------------------------------------

def _aes(key: bytes, mode):
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms

    return Cipher(algorithms.AES(key), mode)


def _cbc_decrypt(key: bytes, iv: bytes, data: bytes) -> bytes:
    from cryptography.hazmat.primitives.ciphers import modes

    d = _aes(key, modes.CBC(iv)).decryptor()
    return d.update(data) + d.finalize()


def _cbc_encrypt(key: bytes, iv: bytes, data: bytes) -> bytes:
    from cryptography.hazmat.primitives.ciphers import modes

    e = _aes(key, modes.CBC(iv)).encryptor()
    return e.update(data) + e.finalize()


def _fit(data: bytes, size: int, pad: bytes = b"\x36") -> bytes:
    return data[:size] if len(data) >= size else data + pad * (size - len(data))


def _pad(data: bytes, block: int) -> bytes:
    return data + bytes(-len(data) % block)


class _Scheme:
    """How a package is encrypted; `kind` is "standard" or "agile"."""

    kind: str

    def unlock(self, password: str) -> bool: ...

    def decrypt(self, stream: bytes) -> bytes: ...

    def encrypt(self, plain: bytes) -> tuple[bytes, bytes]:
        """The new EncryptedPackage stream and EncryptionInfo stream for `plain`."""
        ...


class _Standard(_Scheme):
    """ECMA-376 standard encryption (AES-ECB, SHA-1, 50,000 rounds): MS-OFFCRYPTO §2.3.4.5."""

    kind = "standard"

    def __init__(self, info: bytes, name: str):
        self.info = info
        try:
            flags, header_size = struct.unpack_from("<II", info, 4)
            (self.header_flags, _, self.alg_id, self.alg_hash, self.key_bits, self.provider,
             _, _) = struct.unpack_from("<8I", info, 12)
            at = 12 + header_size
            salt_size = struct.unpack_from("<I", info, at)[0]
            self.salt = info[at + 4: at + 4 + salt_size]
            self.verifier = info[at + 20: at + 36]
            hash_size = struct.unpack_from("<I", info, at + 36)[0]
            self.verifier_hash = info[at + 40: at + 72]
        except struct.error:
            raise FormatError(CORRUPT, f"{name} is a damaged encrypted Office file (its EncryptionInfo is "
                                       "cut short); it was left as it was.") from None
        aes = self.alg_id in _AES_ALG_IDS and self.header_flags & 0x20 and not self.header_flags & 0x10
        if not aes or self.alg_hash not in (0, 0x8004) or salt_size != 16 or hash_size != 20 \
                or len(self.verifier_hash) != 32 or _AES_ALG_IDS.get(self.alg_id) != self.key_bits:
            raise FormatError(UNSUPPORTED, f"{name} uses an Office encryption (standard, algorithm "
                                           f"{self.alg_id:#x}) that cannot be read here; it was left as it was.")
        self.key = b""

    def unlock(self, password: str) -> bool:
        from cryptography.hazmat.primitives.ciphers import modes
        from msoffcrypto.method.ecma376_standard import ECMA376Standard

        key = ECMA376Standard.makekey_from_password(password, self.alg_id, self.alg_hash, self.provider,
                                                    self.key_bits, len(self.salt), self.salt)
        d = _aes(key, modes.ECB()).decryptor()
        verifier = d.update(self.verifier) + d.update(self.verifier_hash) + d.finalize()
        if hashlib.sha1(verifier[:16]).digest() != verifier[16:36]:
            return False
        self.key = key
        return True

    def decrypt(self, stream: bytes) -> bytes:
        from msoffcrypto.method.ecma376_standard import ECMA376Standard

        return ECMA376Standard.decrypt(self.key, io.BytesIO(stream))

    def encrypt(self, plain: bytes) -> tuple[bytes, bytes]:
        from cryptography.hazmat.primitives.ciphers import modes

        e = _aes(self.key, modes.ECB()).encryptor()
        return struct.pack("<Q", len(plain)) + e.update(_pad(plain, 16)) + e.finalize(), self.info


class _Agile(_Scheme):
    """ECMA-376 agile encryption: MS-OFFCRYPTO §2.3.4.10-15."""

    kind = "agile"

    def __init__(self, info: bytes, name: str):
        from . import safexml

        self.info = info
        self.name = name
        root = safexml.parse(info[8:], f"the encryption description of {name}")
        key_data = root.find(f"{_ENC_NS}keyData")
        integrity = root.find(f"{_ENC_NS}dataIntegrity")
        password = None
        for encryptor in root.iter(f"{_ENC_NS}keyEncryptor"):
            if encryptor.get("uri") == _PASSWORD_URI:
                password = encryptor.find(f"{_PASSWORD_NS}encryptedKey")
        if key_data is None or password is None:
            raise FormatError(ENCRYPTED, f"{name} is encrypted without a password (with a certificate or "
                                         "rights management), so its label cannot be read or changed here; "
                                         "it was left as it was.")
        try:
            self.data = self._params(key_data)
            self.pw = self._params(password)
            self.spin = int(password.get("spinCount"))
            self.pw_key_value = base64.b64decode(password.get("encryptedKeyValue"))
            self.pw_verifier_input = base64.b64decode(password.get("encryptedVerifierHashInput"))
            self.pw_verifier_value = base64.b64decode(password.get("encryptedVerifierHashValue"))
            self.hmac_key_enc = base64.b64decode(integrity.get("encryptedHmacKey")) if integrity is not None else None
            self.hmac_value_enc = (base64.b64decode(integrity.get("encryptedHmacValue"))
                                   if integrity is not None else None)
        except (TypeError, ValueError):
            raise FormatError(CORRUPT, f"{name} is a damaged encrypted Office file (its encryption description "
                                       "is incomplete); it was left as it was.") from None
        if not 0 <= self.spin <= _MAX_SPIN_COUNT:
            raise FormatError(CORRUPT, f"{name} is a damaged encrypted Office file (spin count {self.spin}); "
                                       "it was left as it was.")
        self.secret = b""

    def _params(self, element) -> dict:
        cipher, chaining, hash_name = (element.get("cipherAlgorithm"), element.get("cipherChaining"),
                                       element.get("hashAlgorithm"))
        try:
            params = {"salt": base64.b64decode(element.get("saltValue") or ""),
                      "key_bits": int(element.get("keyBits")), "block": int(element.get("blockSize")),
                      "hash_size": int(element.get("hashSize")), "hash": _HASHES.get(hash_name)}
        except (TypeError, ValueError):
            params = None
        if cipher != "AES" or chaining != "ChainingModeCBC" or params is None or params["hash"] is None \
                or params["key_bits"] not in (128, 192, 256) or params["block"] != 16 or not params["salt"] \
                or params["hash_size"] != params["hash"]().digest_size:
            raise FormatError(UNSUPPORTED, f"{self.name} uses an Office encryption ({cipher}, {chaining}, "
                                           f"{hash_name}) that cannot be read here; it was left as it was.")
        return params

    def _iv(self, block_key: bytes) -> bytes:
        return _fit(self.data["hash"](self.data["salt"] + block_key).digest(), self.data["block"])

    def unlock(self, password: str) -> bool:
        pw, H = self.pw, self.pw["hash"]
        h = H(pw["salt"] + password.encode("utf-16-le")).digest()
        for i in range(self.spin):
            h = H(struct.pack("<I", i) + h).digest()

        def key(block_key: bytes) -> bytes:
            return _fit(H(h + block_key).digest(), pw["key_bits"] // 8)

        iv = _fit(pw["salt"], pw["block"])
        try:
            verifier = _cbc_decrypt(key(_BLK_VERIFIER_INPUT), iv, self.pw_verifier_input)
            expected = _cbc_decrypt(key(_BLK_VERIFIER_VALUE), iv, self.pw_verifier_value)
            secret = _cbc_decrypt(key(_BLK_KEY_VALUE), iv, self.pw_key_value)
        except ValueError:  # not a whole number of blocks
            return False
        # Compare only hashSize bytes: the stored value is padded to the block size.
        if H(verifier[:len(pw["salt"])]).digest() != expected[:pw["hash_size"]]:
            return False
        self.secret = secret[:self.data["key_bits"] // 8]
        return True

    def _hmac_key(self) -> bytes:
        return _cbc_decrypt(self.secret, self._iv(_BLK_HMAC_KEY), self.hmac_key_enc)[:self.data["hash_size"]]

    def check_integrity(self, stream: bytes) -> bool:
        if self.hmac_key_enc is None or self.hmac_value_enc is None:
            return True  # written without integrity data (older writers); nothing to check
        try:
            key = self._hmac_key()
            value = _cbc_decrypt(self.secret, self._iv(_BLK_HMAC_VALUE), self.hmac_value_enc)
        except ValueError:
            return False
        actual = hmac.new(key, stream, self.data["hash"]).digest()
        return hmac.compare_digest(actual, value[:self.data["hash_size"]])

    def decrypt(self, stream: bytes) -> bytes:
        import msoffcrypto.method.ecma376_agile as agile

        hash_name = next(n for n, f in _HASHES.items() if f is self.data["hash"])
        return agile.ECMA376Agile.decrypt(self.secret, self.data["salt"], hash_name, io.BytesIO(stream))

    def encrypt(self, plain: bytes) -> tuple[bytes, bytes]:
        H, block = self.data["hash"], self.data["block"]
        parts = [struct.pack("<Q", len(plain))]
        for i, at in enumerate(range(0, len(plain), _SEGMENT)):
            iv = _fit(H(self.data["salt"] + struct.pack("<I", i)).digest(), block)
            parts.append(_cbc_encrypt(self.secret, iv, _pad(plain[at:at + _SEGMENT], block)))
        stream = b"".join(parts)
        info = self.info
        if self.hmac_value_enc is not None and self.hmac_key_enc is not None:
            value = hmac.new(self._hmac_key(), stream, H).digest()
            new_enc = _cbc_encrypt(self.secret, self._iv(_BLK_HMAC_VALUE), _pad(value, block))
            old_b64 = base64.b64encode(self.hmac_value_enc)
            pattern = re.compile(rb'(encryptedHmacValue\s*=\s*["\'])' + re.escape(old_b64) + rb'(["\'])')
            info, count = pattern.subn(lambda m: m.group(1) + base64.b64encode(new_enc) + m.group(2), info)
            if count != 1:
                raise FormatError(UNSUPPORTED, f"{self.name} has an encryption description that cannot be "
                                               "rewritten identically here; it was left as it was.")
        return stream, info


def _scheme(info: bytes, name: str) -> _Scheme:
    if len(info) < 8:
        raise FormatError(CORRUPT, f"{name} is a damaged encrypted Office file (its EncryptionInfo is cut "
                                   "short); it was left as it was.")
    major, minor = struct.unpack_from("<HH", info)
    if (major, minor) == (4, 4):
        return _Agile(info, name)
    if major in (2, 3, 4) and minor == 2:
        return _Standard(info, name)
    what = "extensible" if major in (3, 4) and minor == 3 else f"version {major}.{minor}"
    raise FormatError(UNSUPPORTED, f"{name} uses an Office encryption ({what}) that cannot be read here; "
                                   "it was left as it was.")


@dataclass
class _Opened:
    container: _Container
    scheme: _Scheme
    plain: bytes


def _open(path: Path) -> _Opened:
    """Decrypt the package of an Office file encrypted with the default password, or refuse."""
    name = path.name
    container = _Container(path, name)
    stream = container.package
    if len(stream) < 8:
        raise FormatError(CORRUPT, f"{name} is a damaged encrypted Office file (its package is empty); "
                                   "it was left as it was.")
    declared = struct.unpack_from("<Q", stream)[0]
    if declared > MAX_DECRYPTED_BYTES:
        raise _too_large(name)
    scheme = _scheme(container.info, name)
    if not scheme.unlock(DEFAULT_PASSWORD):
        raise FormatError(ENCRYPTED, f"{name} is password-protected, so its label cannot be read or changed "
                                     "without the password; label it in Office or remove the password first.")
    if isinstance(scheme, _Agile) and not scheme.check_integrity(stream):
        raise FormatError(CORRUPT, f"{name} is encrypted and its content fails the encryption's integrity "
                                   "check, so it may be damaged; it was left as it was.")
    if declared > len(stream) - 8:
        raise FormatError(CORRUPT, f"{name} is a damaged encrypted Office file (its package is cut short); "
                                   "it was left as it was.")
    try:
        plain = scheme.decrypt(stream)
    except ValueError as exc:
        raise FormatError(CORRUPT, f"{name} is a damaged encrypted Office file ({_why(exc)}); "
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

    def __enter__(self) -> "_Scratch":
        return self

    def __exit__(self, *exc) -> None:
        self._dir.cleanup()


def _verify_container(original: _Container, fresh: _Container, replaced: dict[str, bytes], name: str) -> None:
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

    def __init__(self, inner):
        self.inner = inner  # the OOXML handler: labels the decrypted package

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
            fresh = _Container(new, original.name)
            _verify_container(container, fresh, replaced, original.name)
            decrypted = _decrypt_independently(new, original.name)
            if decrypted != new_plain:
                raise FormatError(CORRUPT, f"{original.name} was not labelled because the re-encrypted file "
                                           "does not decrypt to the labelled document; the original was left "
                                           "as it was.")
            reopened = _open(new)
            if isinstance(reopened.scheme, _Agile) and reopened.plain != new_plain:
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
                                   f"decrypted again ({_why(exc)}); the original was left as it was.") from None
