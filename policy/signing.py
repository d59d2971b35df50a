"""Signing label schemes with Ed25519: keys, detached signatures, verification.

Pure: works on bytes and key objects only; reading and writing files is the
caller's job.

- A private key is stored as PEM (PKCS#8, unencrypted); keep it off the
  machines that only need to check schemes.
- A public key is one line of text, ``ed25519:<base64 of the raw 32 bytes>``,
  easy to paste into the admin config.  Its *key id* is the first 16 hex
  digits of the SHA-256 of the raw key.
- A signature is a detached file ``<scheme>.toml.sig``: a small JSON object
  ``{"algorithm": "ed25519", "key_id": "...", "signature": "<base64>"}``
  whose signature covers the exact bytes of the scheme file.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Iterable
from typing import TYPE_CHECKING, TypeAlias, cast

# cryptography is imported when a key or signature is used, not by importing this module: `labeler show`
# without an admin config never needs it (about 15 ms of start-up).
if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

ALGORITHM = "ed25519"
PUBLIC_KEY_PREFIX = "ed25519:"
SIGNATURE_SUFFIX = ".sig"
MAX_SIGNATURE_FILE = 64 * 1024  # a real one is about 150 bytes

PublicKeyLike: TypeAlias = "str | Ed25519PublicKey"


class SigningError(Exception):
    """Base class: a key or signature that cannot be used.  The message is a sentence."""


class KeyFormatError(SigningError):
    """A key in a form we cannot use (wrong text, wrong algorithm, damaged PEM)."""


class SignatureError(SigningError):
    """A signature that does not prove the scheme comes from a trusted admin."""


# --- keys ---------------------------------------------------------------------

def _ed25519():
    from cryptography.hazmat.primitives.asymmetric import ed25519

    return ed25519


def generate_private_key() -> Ed25519PrivateKey:
    return _ed25519().Ed25519PrivateKey.generate()


def private_key_to_pem(key: Ed25519PrivateKey) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def load_private_key(pem: bytes, password: bytes | None = None) -> Ed25519PrivateKey:
    """The Ed25519 private key in PEM bytes; KeyFormatError says what is wrong."""
    if pem.lstrip().startswith(PUBLIC_KEY_PREFIX.encode()) or b"PUBLIC KEY" in pem:
        raise KeyFormatError("this is a public key; signing needs the private key (private.pem).")
    from cryptography.exceptions import UnsupportedAlgorithm
    from cryptography.hazmat.primitives import serialization

    try:
        key = serialization.load_pem_private_key(pem, password=password)
    except TypeError:
        raise KeyFormatError("the private key is protected by a password, which was not given.") from None
    except (ValueError, UnsupportedAlgorithm):
        raise KeyFormatError("not a readable private key (expected a PEM file written by "
                             "`labeler scheme keygen`).") from None
    if not isinstance(key, _ed25519().Ed25519PrivateKey):
        raise KeyFormatError(f"the private key is not an Ed25519 key ({type(key).__name__}); "
                             f"create one with `labeler scheme keygen`.")
    return key


def public_key_text(key: Ed25519PublicKey | Ed25519PrivateKey) -> str:
    """The one-line form: ``ed25519:<base64 raw key>``."""
    if isinstance(key, _ed25519().Ed25519PrivateKey):
        key = key.public_key()
    return PUBLIC_KEY_PREFIX + base64.b64encode(_raw(cast("Ed25519PublicKey", key))).decode("ascii")


def parse_public_key(text: str) -> Ed25519PublicKey:
    """Read ``ed25519:<base64>``; KeyFormatError says what is wrong."""
    if not isinstance(text, str):
        raise KeyFormatError(f"a public key must be text like 'ed25519:…', not {type(text).__name__}.")
    text = text.strip()
    if not text.startswith(PUBLIC_KEY_PREFIX):
        shown = text if len(text) <= 24 else text[:24] + "…"
        raise KeyFormatError(f"{shown!r} is not a public key: it must start with '{PUBLIC_KEY_PREFIX}' "
                             f"(as printed by `labeler scheme keygen`).")
    try:
        raw = base64.b64decode(text[len(PUBLIC_KEY_PREFIX):], validate=True)
    except (binascii.Error, ValueError):
        raise KeyFormatError("the public key is not valid base64 after 'ed25519:'.") from None
    if len(raw) != 32:
        raise KeyFormatError(f"the public key has {len(raw)} bytes; an Ed25519 key has 32 "
                             f"(was it copied completely?).")
    return _ed25519().Ed25519PublicKey.from_public_bytes(raw)


def key_id(key: PublicKeyLike | Ed25519PrivateKey) -> str:
    """First 16 hex digits of the SHA-256 of the raw public key."""
    if isinstance(key, str):
        key = parse_public_key(key)
    elif isinstance(key, _ed25519().Ed25519PrivateKey):
        key = key.public_key()
    return hashlib.sha256(_raw(cast("Ed25519PublicKey", key))).hexdigest()[:16]


def _raw(key: Ed25519PublicKey) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


# --- signatures ---------------------------------------------------------------

def sign(data: bytes, private_key: Ed25519PrivateKey) -> bytes:
    """The detached signature file (JSON bytes) for the exact bytes `data`."""
    import json  # here and in read_signature: importing this module is part of every command's start

    document = {
        "algorithm": ALGORITHM,
        "key_id": key_id(private_key),
        "signature": base64.b64encode(private_key.sign(data)).decode("ascii"),
    }
    return (json.dumps(document, indent=1) + "\n").encode("utf-8")


def read_signature(sig_bytes: bytes) -> dict:
    """The parsed signature file {"algorithm", "key_id", "signature" (bytes)}; SignatureError if damaged."""
    damaged = "the signature file is damaged"
    if len(sig_bytes) > MAX_SIGNATURE_FILE:
        raise SignatureError(f"{damaged}: it is far too large to be a signature.")
    import json

    try:
        document = json.loads(sig_bytes.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise SignatureError(f"{damaged}: it is not the JSON that `labeler scheme sign` writes.") from None
    if not isinstance(document, dict):
        raise SignatureError(f"{damaged}: it is not the JSON object that `labeler scheme sign` writes.")
    missing = [k for k in ("algorithm", "key_id", "signature") if not isinstance(document.get(k), str)]
    if missing:
        raise SignatureError(f"{damaged}: {', '.join(missing)} missing.")
    if document["algorithm"] != ALGORITHM:
        raise SignatureError(f"the signature uses {document['algorithm']!r}; only {ALGORITHM!r} is accepted.")
    try:
        signature = base64.b64decode(document["signature"], validate=True)
    except (binascii.Error, ValueError):
        raise SignatureError(f"{damaged}: the signature is not valid base64.") from None
    if len(signature) != 64:
        raise SignatureError(f"{damaged}: the signature has {len(signature)} bytes instead of 64.")
    return {"algorithm": ALGORITHM, "key_id": document["key_id"], "signature": signature}


def verify(data: bytes, sig_bytes: bytes, trusted_public_keys: Iterable[PublicKeyLike]) -> str:
    """The key id that signed `data`, if it is one of the trusted keys; else SignatureError."""
    trusted: dict[str, Ed25519PublicKey] = {}
    for key in trusted_public_keys:
        public = parse_public_key(key) if isinstance(key, str) else key
        trusted[key_id(public)] = public
    if not trusted:
        raise SignatureError("no trusted keys are configured, so no signature can be accepted.")
    signature = read_signature(sig_bytes)
    signer = signature["key_id"]
    from cryptography.exceptions import InvalidSignature

    if signer not in trusted:
        raise SignatureError(f"signed by an unknown key {signer} (trusted: {', '.join(sorted(trusted))}).")
    try:
        trusted[signer].verify(signature["signature"], data)
    except InvalidSignature:
        raise SignatureError(f"the signature does not match the file: it was changed after signing "
                             f"(signature made with key {signer}).") from None
    return signer
