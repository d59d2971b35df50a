"""Office's package encryption, ECMA-376 standard and agile (MS-OFFCRYPTO §2.3.4).

`scheme_of(info, name)` reads an EncryptionInfo stream; the scheme then
unlocks with a password, decrypts the EncryptedPackage stream and encrypts a
new package *the same way*: the same algorithms, salt and key, so that
EncryptionInfo stays byte-identical (for agile encryption only the integrity
value, an HMAC over the new stream, changes).
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import io
import re
import struct
from typing import Any

from .errors import CORRUPT, ENCRYPTED, UNSUPPORTED, FormatError

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


class Scheme:
    """How a package is encrypted; `kind` is "standard" or "agile"."""

    kind: str

    def unlock(self, password: str) -> bool:
        raise NotImplementedError

    def decrypt(self, stream: bytes) -> bytes:
        raise NotImplementedError

    def encrypt(self, plain: bytes) -> tuple[bytes, bytes]:
        """The new EncryptedPackage stream and EncryptionInfo stream for `plain`."""
        raise NotImplementedError


class Standard(Scheme):
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


class Agile(Scheme):
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

    def _params(self, element) -> dict[str, Any]:
        cipher, chaining, hash_name = (element.get("cipherAlgorithm"), element.get("cipherChaining"),
                                       element.get("hashAlgorithm"))
        params: dict[str, Any] | None
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

    def _hmac_key(self, encrypted: bytes) -> bytes:
        return _cbc_decrypt(self.secret, self._iv(_BLK_HMAC_KEY), encrypted)[:self.data["hash_size"]]

    def check_integrity(self, stream: bytes) -> bool:
        if self.hmac_key_enc is None or self.hmac_value_enc is None:
            return True  # written without integrity data (older writers); nothing to check
        try:
            key = self._hmac_key(self.hmac_key_enc)
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
            value = hmac.new(self._hmac_key(self.hmac_key_enc), stream, H).digest()
            new_enc = _cbc_encrypt(self.secret, self._iv(_BLK_HMAC_VALUE), _pad(value, block))
            old_b64 = base64.b64encode(self.hmac_value_enc)
            pattern = re.compile(rb'(encryptedHmacValue\s*=\s*["\'])' + re.escape(old_b64) + rb'(["\'])')
            info, count = pattern.subn(lambda m: m.group(1) + base64.b64encode(new_enc) + m.group(2), info)
            if count != 1:
                raise FormatError(UNSUPPORTED, f"{self.name} has an encryption description that cannot be "
                                               "rewritten identically here; it was left as it was.")
        return stream, info


def scheme_of(info: bytes, name: str) -> Scheme:
    if len(info) < 8:
        raise FormatError(CORRUPT, f"{name} is a damaged encrypted Office file (its EncryptionInfo is cut "
                                   "short); it was left as it was.")
    major, minor = struct.unpack_from("<HH", info)
    if (major, minor) == (4, 4):
        return Agile(info, name)
    if major in (2, 3, 4) and minor == 2:
        return Standard(info, name)
    what = "extensible" if major in (3, 4) and minor == 3 else f"version {major}.{minor}"
    raise FormatError(UNSUPPORTED, f"{name} uses an Office encryption ({what}) that cannot be read here; "
                                   "it was left as it was.")
