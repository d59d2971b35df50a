"""A compiled copy of a validated scheme, so that reading the scheme in force costs milliseconds.

Reading a scheme (TOML, validation, defaults for every channel) takes a
noticeable part of a second for a large one (seconds for thousands of
labels), and `labeler show`, the dialog and the app read the scheme in
force at every start.  The first read stores the validated `Scheme` as a
pickle in a cache folder; later reads of the *same bytes* load it back.

- The key is the SHA-256 of the scheme's bytes, this module's format and a
  fingerprint of the code that builds a Scheme (the sizes and times of the
  modules in policy/ and of formats/model.py and formats/registry.py): a
  changed scheme file or an upgraded app never meets a stale copy.  The caller has the bytes in hand (the stored scheme,
  verified against its signature first when an admin config is in force),
  so the key is always computed afresh from what was verified.
- Trust: the cache folder is the user's to write, like the stored scheme
  itself, whose signature is checked at every read.  A compiled copy
  carries no signature of the admin's, so it must not become a way around
  that check: each file holds an HMAC-SHA256, over its name (the key
  above) and its payload, made with a random key of this installation
  (`KEY_FILE` in the cache folder, created on first use, readable by the
  user only; on POSIX a key file owned by someone else or readable by
  others is not used, and nothing is cached).  A compiled copy made
  elsewhere (another account, another machine, another scheme's copy
  renamed) or changed in place fails the HMAC and is ignored: the scheme
  is parsed from the verified bytes.  Someone who can run programs as the
  user can read that key and forge a copy, as they could run a changed
  copy of the app; docs/admin.md says the app is no sandbox against its
  own user.
- A file is checked before it is unpickled (the HMAC), and the unpickler
  builds only classes of policy/ and formats.model and plain containers,
  never a function: a forged file could not run code through it.
- A cache file is written atomically (temp file, fsync, rename); a damaged
  or truncated file fails its HMAC and is written again.
- Only a scheme that parsed without error is cached; a broken scheme is
  parsed (and refused with its problems) every time.
- The cache is an optimisation: a folder that cannot be read or written
  costs the parse, never a failure.
"""
from __future__ import annotations

import contextlib
import hashlib
import hmac
import io
import os
import pickle
import stat
import sys
import time
from collections.abc import Callable
from pathlib import Path

from .scheme import Scheme

CACHE_FORMAT = b"labeler-compiled-scheme 2\n"
PREFIX = "scheme-"
SUFFIX = ".pickle"
KEY_FILE = "compiled-scheme.key"  # this installation's HMAC key, beside the compiled copies
KEY_BYTES = 32
KEEP = 4  # compiled schemes kept in the folder (the one in force, a --scheme file or two, the built-in)

_ROOT = Path(__file__).resolve().parent.parent
_CODE = (_ROOT / "policy", _ROOT / "formats" / "model.py", _ROOT / "formats" / "registry.py")
_SAFE_BUILTINS = frozenset({"frozenset", "set", "tuple", "list", "dict", "str", "int", "float", "bool", "bytes",
                            "complex", "slice", "range", "object"})


def code_fingerprint() -> bytes:
    """What the compiled form depends on besides the scheme's bytes: the code that builds a Scheme."""
    parts = [sys.version.encode()]
    for place in _CODE:
        try:
            if place.is_dir():
                entries = sorted((e.name, e.stat()) for e in os.scandir(place) if e.name.endswith(".py"))
            else:
                entries = [(place.name, place.stat())]
        except OSError:
            entries = []
        parts += [f"{name}:{st.st_size}:{st.st_mtime_ns}".encode() for name, st in entries]
    return b"\n".join(parts)


def cache_key(data: bytes) -> str:
    # Not the source's name: a Scheme does not depend on it (only the messages of a refused scheme do, and
    # those are never cached), so the copy compiled when a download is accepted serves every later read of
    # the stored copy.
    digest = hashlib.sha256(CACHE_FORMAT)
    for part in (code_fingerprint(), data):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


def cache_path(folder: Path, data: bytes) -> Path:
    return Path(folder) / f"{PREFIX}{cache_key(data)}{SUFFIX}"


class _SchemeUnpickler(pickle.Unpickler):
    """Builds only the scheme's value classes and plain containers."""

    def find_class(self, module: str, name: str):
        if (module == "builtins" and name in _SAFE_BUILTINS) or (module, name) == ("copyreg", "_reconstructor"):
            return super().find_class(module, name)
        if module.startswith("policy.") or module == "formats.model":
            found = super().find_class(module, name)
            if isinstance(found, type):  # a class, never a function that could act on the machine
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a scheme")


def installation_key(folder: Path) -> bytes | None:
    """This installation's HMAC key in `folder`, created if there is none; None if it cannot be used."""
    path = Path(folder) / KEY_FILE
    key = _read_key(path)
    if key is not None:
        return key
    import tempfile  # here: only the first read of all makes the key

    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=".incoming-", dir=folder)  # mode 0600
    except OSError:
        return None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(os.urandom(KEY_BYTES))
            f.flush()
            os.fsync(f.fileno())
        try:
            os.link(temp, path)  # never replaces a key another process made meanwhile
        except FileExistsError:
            pass
        except OSError:
            if not path.exists():
                os.replace(temp, path)  # a file system without hard links
    except OSError:
        return None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)
    return _read_key(path)


def _read_key(path: Path) -> bytes | None:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(f.fileno())
        if os.name == "posix" and (st.st_uid != os.getuid() or st.st_mode & 0o077 or not stat.S_ISREG(st.st_mode)):
            return None  # someone else's key, or one others can read: it proves nothing
        key = f.read(KEY_BYTES + 1)
    return key if len(key) == KEY_BYTES else None


def _mac(key: bytes, path: Path, payload) -> bytes:
    mac = hmac.new(key, CACHE_FORMAT, hashlib.sha256)
    name = path.name.encode("utf-8", "surrogateescape")
    mac.update(len(name).to_bytes(8, "big") + name)
    mac.update(payload)
    return mac.digest()


def load(path: Path, key: bytes | None = None) -> Scheme | None:
    """The Scheme in a cache file, or None when it is missing, damaged, not made with this installation's
    key (`key`; default: the one in the file's folder) or not a scheme."""
    try:
        with open(path, "rb") as f:
            blob = f.read()
    except OSError:
        return None
    key = key if key is not None else _read_key(Path(path).parent / KEY_FILE)
    head = len(CACHE_FORMAT)
    if key is None or not blob.startswith(CACHE_FORMAT) or len(blob) < head + 32:
        return None
    view = memoryview(blob)
    if not hmac.compare_digest(bytes(view[head:head + 32]), _mac(key, Path(path), view[head + 32:])):
        return None
    stream = io.BytesIO(blob)
    stream.seek(head + 32)
    try:
        value = _SchemeUnpickler(stream).load()
    except Exception:  # a damaged payload can raise almost anything; the fresh parse decides
        return None
    return value if isinstance(value, Scheme) else None


def store(path: Path, scheme: Scheme, key: bytes | None = None) -> None:
    """Write the compiled scheme atomically; a failure leaves no file and raises nothing."""
    folder = path.parent
    key = key if key is not None else installation_key(folder)
    if key is None:
        return
    import tempfile

    payload = pickle.dumps(scheme, protocol=pickle.HIGHEST_PROTOCOL)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=".incoming-", suffix=SUFFIX, dir=folder)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as f:
            for part in (CACHE_FORMAT, _mac(key, path, payload), payload):  # not joined: no second copy
                f.write(part)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temp, path)
    except OSError:
        try:
            os.unlink(temp)
        except OSError:
            pass
        return
    _prune(folder, keep=path)


def _prune(folder: Path, keep: Path) -> None:
    """Remove all but the KEEP most recently used compiled schemes, and leftovers of interrupted writes."""
    try:
        found = [(e.stat().st_mtime_ns, Path(e.path)) for e in os.scandir(folder)
                 if e.name.startswith(PREFIX) and e.name.endswith(SUFFIX) and e.path != str(keep)]
        # Another process's write in progress is seconds old at most.
        horizon = time.time_ns() - 600 * 10**9
        stale = [Path(e.path) for e in os.scandir(folder)
                 if e.name.startswith(".incoming-") and e.stat().st_mtime_ns < horizon]
    except OSError:
        return
    found.sort(reverse=True)
    for _, old in found[KEEP - 1:]:
        stale.append(old)
    for old in stale:
        try:
            old.unlink()
        except OSError:
            pass


def parse_cached(data: bytes, source: str, folder: Path | None,
                 parse: Callable[[bytes, str], Scheme] | None = None) -> Scheme:
    """`parse_scheme(data, source)`, from the compiled copy in `folder` when there is a good one.

    `folder` None: no cache, just the parse.  SchemeError (the scheme's problems) as from the parse.
    """
    if parse is None:
        from . import parse_scheme  # imports the reader when it is called, not before

        parse = parse_scheme
    if folder is None:
        return parse(data, source)
    path = cache_path(folder, data)
    key = installation_key(Path(folder))
    scheme = load(path, key) if key is not None else None
    if scheme is not None:
        return scheme
    scheme = parse(data, source)
    if key is not None:
        store(path, scheme, key)
    return scheme


def builtin_scheme(name: str = "corporate", folder: Path | None = None) -> Scheme:
    """`load_builtin(name)`, from its compiled copy in `folder` when there is a good one."""
    import importlib.resources

    resource = importlib.resources.files("resources") / "schemes" / f"{name}.toml"
    try:
        data = resource.read_bytes() if folder is not None and "/" not in name and "\\" not in name else None
    except OSError:
        data = None
    if data is None:
        from .loader import load_builtin

        return load_builtin(name)  # no cache, or no such scheme: its own sentence
    return parse_cached(data, str(resource), folder)
