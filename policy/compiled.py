"""A compiled copy of a validated scheme, so that reading the scheme in force costs milliseconds.

Reading a scheme (TOML, validation, defaults for every channel) takes a
noticeable part of a second for a large one, and `labeler show`, the dialog
and the app read the scheme in force at every start.  The first read stores
the validated `Scheme` as a pickle in a cache folder; later reads of the
*same bytes* load it back.

- The key is the SHA-256 of the scheme's bytes, its source name, this
  module's format and a fingerprint of the code that builds a Scheme (the
  sizes and times of the modules in policy/ and of formats/model.py and
  formats/registry.py): a changed scheme file or an upgraded app never
  meets a stale copy.
- A cache file is written atomically (temp file, fsync, rename) and holds
  the SHA-256 of its own payload, checked before it is unpickled: a damaged
  or truncated file is ignored, and the scheme is parsed afresh and stored
  again.
- The unpickler builds only the scheme's own value classes (policy/,
  formats.model) and plain containers; anything else refuses the file.
- Only a scheme that parsed without error is cached; a broken scheme is
  parsed (and refused with its problems) every time.
- The cache is an optimisation: a folder that cannot be read or written
  costs the parse, never a failure.
"""
from __future__ import annotations

import hashlib
import io
import os
import pickle
import sys
import time
from collections.abc import Callable
from pathlib import Path

from .scheme import Scheme

CACHE_FORMAT = b"labeler-compiled-scheme 1\n"
PREFIX = "scheme-"
SUFFIX = ".pickle"
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


def cache_key(data: bytes, source: str) -> str:
    digest = hashlib.sha256(CACHE_FORMAT)
    for part in (code_fingerprint(), source.encode("utf-8", "surrogateescape"), data):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


def cache_path(folder: Path, data: bytes, source: str) -> Path:
    return Path(folder) / f"{PREFIX}{cache_key(data, source)}{SUFFIX}"


class _SchemeUnpickler(pickle.Unpickler):
    """Builds only the scheme's value classes and plain containers."""

    def find_class(self, module: str, name: str):
        if module.startswith("policy.") or module == "formats.model" or \
                (module == "builtins" and name in _SAFE_BUILTINS) or (module, name) == ("copyreg", "_reconstructor"):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a scheme")


def load(path: Path) -> Scheme | None:
    """The Scheme in a cache file, or None when it is missing, damaged or not a scheme."""
    try:
        with open(path, "rb") as f:
            blob = f.read()
    except OSError:
        return None
    head = len(CACHE_FORMAT)
    if not blob.startswith(CACHE_FORMAT) or len(blob) < head + 32:
        return None
    digest, payload = blob[head:head + 32], blob[head + 32:]
    if hashlib.sha256(payload).digest() != digest:
        return None
    try:
        value = _SchemeUnpickler(io.BytesIO(payload)).load()
    except Exception:  # a damaged payload can raise almost anything; the fresh parse decides
        return None
    return value if isinstance(value, Scheme) else None


def store(path: Path, scheme: Scheme) -> None:
    """Write the compiled scheme atomically; a failure leaves no file and raises nothing."""
    import tempfile

    payload = pickle.dumps(scheme, protocol=pickle.HIGHEST_PROTOCOL)
    blob = CACHE_FORMAT + hashlib.sha256(payload).digest() + payload
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=".incoming-", suffix=SUFFIX, dir=folder)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(blob)
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
    path = cache_path(folder, data, source)
    scheme = load(path)
    if scheme is not None:
        return scheme
    scheme = parse(data, source)
    store(path, scheme)
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
