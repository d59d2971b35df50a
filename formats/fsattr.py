"""Labels kept by the file system, beside the content, for files with no metadata slot.

The property bag is the same as everywhere else (see labelprops); only the
container differs by platform:

- Linux: one extended attribute per property, `user.labeler.<Property>`;
- macOS: the same under `com.labeler.<Property>` (through the optional
  `xattr` package);
- Windows: an NTFS alternate data stream `<file>:labeler.json` holding the
  bag as a JSON object.

The file's bytes are never touched, so the atomic-replace pipeline of the
base class does not apply: attributes are changed in place, and a failure
part-way puts the old ones back.  Such a label does not travel with an
e-mail attachment or most uploads, which `travels_with_file` tells the user.
"""
from __future__ import annotations

import contextlib
import errno
import json
import os
import sys
from pathlib import Path
from collections.abc import Mapping

from . import labelprops, plain_text
from .atomic import check_can_replace, sha256_of
from .base import FALLBACK, Commit, FormatHandler, PreparedWrite
from .errors import CANNOT_LABEL_HERE, CORRUPT, NOT_A_FILE, FormatError, from_os_error
from .model import FoundLabel, LabelStamp, ReadResult
from .plain_text import TEXT_EXTENSIONS

# Symantec's classifier writes its label to a stream of this name (Windows).
SYMANTEC = "symantec"
SYMANTEC_STREAM = "RWClassification.txt"
OUR_STREAM = "labeler.json"

LINUX_PREFIX = "user.labeler."
MACOS_PREFIX = "com.labeler."

# errno values that mean "this file system keeps no attributes".
_UNSUPPORTED_ERRNOS = {errno.ENOTSUP, errno.EOPNOTSUPP}
# ... and "no attribute of that name" (Linux ENODATA, macOS ENOATTR).
_NO_SUCH_ATTRIBUTE = {getattr(errno, n) for n in ("ENODATA", "ENOATTR") if hasattr(errno, n)}
# Windows: a drive without alternate streams (FAT, some shares) rejects "file:stream".
_UNSUPPORTED_WINERRORS = {1, 50, 123}  # invalid function, not supported, invalid name

Bag = dict[str, str]


def _is_foreign_property(name: str) -> bool:
    """Whether another tool's label property has this name (see INTEROP §1, §4, §5)."""
    return bool(labelprops.msip_groups({name: ""})
                or name.startswith(labelprops.BAILS_PREFIX)
                or name in (labelprops.TITUS_GUID, *labelprops.TITUS_NAME_KEYS)
                or name.startswith((labelprops.BJ_LABEL, labelprops.BJ_XML)))


def _foreign_property(attribute: str, namespace: str) -> str | None:
    """The label property an attribute of another tool holds, if any.

    Tools name them `<namespace><Property>` or `<namespace><vendor>.<Property>`.
    """
    if not attribute.startswith(namespace):
        return None
    rest = attribute[len(namespace):]
    for candidate in (rest, rest.rsplit(".", 1)[-1]):
        if _is_foreign_property(candidate):
            return candidate
    return None


def _is_unsupported(exc: OSError) -> bool:
    return (exc.errno in _UNSUPPORTED_ERRNOS
            or getattr(exc, "winerror", None) in _UNSUPPORTED_WINERRORS)


def _cannot_label_here(name: str, why: str) -> FormatError:
    return FormatError(CANNOT_LABEL_HERE,
                       f"{name} is on a drive that cannot store labels beside files ({why}); "
                       "move it to a folder on your computer's own disk, or a drive formatted "
                       "with NTFS, APFS or ext4, and label it there.")


class _XattrStore:
    """Extended attributes: one per property, under our own name prefix."""

    def __init__(self, prefix: str, foreign_namespace: str, api):
        self.prefix = prefix
        self.foreign_namespace = foreign_namespace
        self.where = f"extended attributes {prefix}*"
        self.foreign_where = f"extended attributes {foreign_namespace}*"
        self._api = api  # anything with listxattr, getxattr, setxattr, removexattr like `os`

    def read(self, path: Path, lenient: bool = False) -> tuple[Bag, Bag]:
        """Our bag and the bag of foreign label properties."""
        try:
            names = self._api.listxattr(path)
        except OSError as exc:
            if _is_unsupported(exc):
                return {}, {}  # nothing can be stored here, so nothing is
            raise
        ours: Bag = {}
        foreign: Bag = {}
        for attribute in names:
            if attribute.startswith(self.prefix):
                bag, key = ours, attribute[len(self.prefix):]
            else:
                bag, key = foreign, _foreign_property(attribute, self.foreign_namespace)
                if key is None:
                    continue
            value = self._get(path, attribute)
            if value is not None:
                bag[key] = value
        return ours, foreign

    def _get(self, path: Path, attribute: str) -> str | None:
        try:
            return self._api.getxattr(path, attribute).decode("utf-8", errors="replace")
        except OSError as exc:
            if exc.errno in _NO_SUCH_ATTRIBUTE:
                return None  # removed between listing and reading
            raise

    def _put(self, path: Path, key: str, value: str | None) -> None:
        attribute = self.prefix + key
        if value is not None:
            self._api.setxattr(path, attribute, value.encode("utf-8"))
            return
        try:
            self._api.removexattr(path, attribute)
        except OSError as exc:
            if exc.errno not in _NO_SUCH_ATTRIBUTE:
                raise

    def replace(self, path: Path, old: Mapping[str, str], new: Mapping[str, str]) -> None:
        """Change our attributes from `old` to `new`; on failure restore `old`."""
        done: list[str] = []
        try:
            for key, value in _ordered_changes(old, new):
                self._put(path, key, value)
                done.append(key)
        except BaseException:
            for key in reversed(done):
                with contextlib.suppress(OSError):
                    self._put(path, key, old.get(key))
            raise


def _ordered_changes(old: Mapping[str, str], new: Mapping[str, str]) -> list[tuple[str, str | None]]:
    """(key, value or None to remove) in a crash-tolerant order.

    The label id is what makes a bag "labelled", so it is removed first and
    set last: a process killed part-way leaves no label rather than a mix of
    the old and the new one.
    """
    changes: list[tuple[str, str | None]] = [(k, v) for k, v in new.items() if old.get(k) != v]
    changes += [(k, None) for k in old if k not in new]
    head = [(k, None) for k, _ in changes if k == labelprops.LABEL_ID and k in old]
    tail = [(k, v) for k, v in changes if k == labelprops.LABEL_ID and v is not None]
    return head + [c for c in changes if c[0] != labelprops.LABEL_ID] + tail


class _MacXattrApi:
    """The `xattr` package, whose functions raise OSError like os.*xattr."""

    def __init__(self, module):
        self.listxattr = lambda p: module.listxattr(os.fspath(p))
        self.getxattr = lambda p, a: module.getxattr(os.fspath(p), a)
        self.setxattr = lambda p, a, v: module.setxattr(os.fspath(p), a, v)
        self.removexattr = lambda p, a: module.removexattr(os.fspath(p), a)


class _StreamStore:
    """NTFS alternate data streams: the whole bag as JSON in one stream."""

    where = f"stream :{OUR_STREAM}"
    foreign_where = f"stream :{SYMANTEC_STREAM}"

    def read(self, path: Path, lenient: bool = False) -> tuple[Bag, Bag]:
        """Our bag; `lenient` (when about to overwrite it) treats a damaged stream as empty."""
        text = self._read_stream(path, OUR_STREAM)
        if text is None:
            return {}, {}
        try:
            bag = json.loads(text)
        except ValueError:
            bag = None
        if not isinstance(bag, dict):
            if lenient:
                return {}, {}
            raise FormatError(CORRUPT, f"The label stored beside {path.name} is damaged; "
                                       "labelling the file again replaces it.")
        return {str(k): str(v) for k, v in bag.items()}, {}

    def symantec(self, path: Path) -> FoundLabel | None:
        # The stream's exact layout is not documented; its first line names
        # the classification (inferred from samples, read as text only).
        text = self._read_stream(path, SYMANTEC_STREAM)
        if text is None:
            return None
        first = next((line.strip() for line in text.splitlines() if line.strip()), "")
        if not first:
            return None
        return FoundLabel(SYMANTEC, first, first, self.foreign_where, {SYMANTEC_STREAM: text})

    @staticmethod
    def _read_stream(path: Path, stream: str) -> str | None:
        try:
            with open(f"{path}:{stream}", "rb") as f:
                data = f.read(1024 * 1024)
        except FileNotFoundError:
            return None  # the file itself was checked to exist: no such stream
        except OSError as exc:
            if _is_unsupported(exc):
                return None
            raise
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return data.decode("utf-16", errors="replace")
        return data.decode("utf-8-sig", errors="replace")

    def replace(self, path: Path, old: Mapping[str, str], new: Mapping[str, str]) -> None:
        try:
            self._write(path, new)
        except BaseException:
            with contextlib.suppress(OSError):
                self._write(path, old)
            raise

    @staticmethod
    def _write(path: Path, bag: Mapping[str, str]) -> None:
        stream = f"{path}:{OUR_STREAM}"
        if not bag:
            with contextlib.suppress(FileNotFoundError):
                os.remove(stream)
            return
        with open(stream, "w", encoding="utf-8") as f:
            json.dump(dict(bag), f, ensure_ascii=False, indent=1)
            f.flush()
            os.fsync(f.fileno())


class _NoStore:
    """A platform, or an installation, without any way to keep attributes."""

    where = foreign_where = "nowhere"

    def __init__(self, why: str):
        self.why = why

    def read(self, path: Path, lenient: bool = False) -> tuple[Bag, Bag]:
        return {}, {}

    def replace(self, path: Path, old: Mapping[str, str], new: Mapping[str, str]) -> None:
        raise _cannot_label_here(path.name, self.why)


def _platform_store():
    if sys.platform == "win32":
        return _StreamStore()
    if sys.platform == "darwin":
        try:
            import xattr  # optional dependency, only needed on macOS
        except ImportError:
            return _NoStore("the 'xattr' package is missing from this installation")
        return _XattrStore(MACOS_PREFIX, "", _MacXattrApi(xattr))
    if hasattr(os, "setxattr"):
        return _XattrStore(LINUX_PREFIX, "user.", os)
    return _NoStore("this system offers no extended attributes")


class FileAttributeHandler(FormatHandler):
    """Any file without a metadata slot: the label lives in the file system."""

    name = "file attributes"
    travels_with_file = False
    # No extensions: any file, labelled beside its content when no document handler takes it.

    def sniff(self, head: bytes, path: Path) -> int:
        return FALLBACK

    def text_extensions(self) -> frozenset[str]:
        return TEXT_EXTENSIONS

    def _extract_text(self, path: Path, limit) -> None:
        if path.suffix.lower() not in TEXT_EXTENSIONS:
            return super()._extract_text(path, limit)  # refused: not a kind of file whose text is read
        plain_text.extract_text(path, limit)

    def __init__(self, store=None):
        self._store_cache = store

    @property
    def _store(self):
        # Created on first use so that importing this module never imports `xattr`.
        if self._store_cache is None:
            self._store_cache = _platform_store()
        return self._store_cache

    def _read(self, path: Path) -> ReadResult:
        _require_file(path)
        ours, foreign = self._store.read(path)
        labels = labelprops.decode(ours, self._store.where)
        labels += labelprops.decode(foreign, self._store.foreign_where)
        symantec = getattr(self._store, "symantec", None)
        if symantec and (found := symantec(path)):
            labels.append(found)
        return ReadResult(tuple(labels), handler=self.name, travels_with_file=False)

    def write(self, path: Path, stamp: LabelStamp | None, commit: Commit | None = None) -> bool:
        """Set our attributes in place; the file's bytes are never touched.

        The change is committed (audited) before the attributes are set: if
        setting them then fails, the audit holds one entry too many, never
        one too few."""
        path = Path(path)
        try:
            _require_file(path)
            check_can_replace(path, replacing=False)  # in place: hard links all see it
            old, _ = self._store.read(path, lenient=True)
            # Empty TSCP fields carry nothing and an inode has room for only
            # about 4 KB of attributes: store only what has a value.
            new = {k: v for k, v in labelprops.apply(old, stamp).items() if v != "" or k in old}
            if new == old:
                return False
            if commit is not None:
                commit(PreparedWrite(path, path, sha256_of(path)))
            self._store.replace(path, old, new)
            return True
        except OSError as exc:
            if _is_unsupported(exc):
                raise _cannot_label_here(path.name, "its file system keeps nothing beside a "
                                                    "file's content, as on FAT-formatted USB "
                                                    "sticks and some network shares") from None
            raise from_os_error(exc, path.name) from None

    def _plan(self, path: Path, stamp: LabelStamp | None) -> None:
        """The file's content never changes, so there is no new file to write:
        `write` sets the attributes in place instead of using the base pipeline."""
        return None


def _require_file(path: Path) -> None:
    if path.is_dir():
        raise FormatError(NOT_A_FILE, f"{path.name} is a folder, not a file.")
    os.stat(path)  # FileNotFoundError becomes "vanished" in the caller
