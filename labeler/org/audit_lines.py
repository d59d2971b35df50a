"""The audit log's line format: canonical JSON, the entry hash, and strict parsing of one line.

Also the streamed SHA-256 of a file's content recorded in each entry.  The
chain itself (appending, verifying) is ``labeler.org.audit``.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

CHUNK = 1024 * 1024  # streamed hashing: 1 MB at a time


def sha256_file(path: str | Path) -> str | None:
    """SHA-256 of a file's content, read 1 MB at a time; None if it cannot be read."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            while chunk := f.read(CHUNK):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def canonical(obj: Any) -> bytes:
    """The canonical JSON bytes that are hashed (and written)."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def entry_hash(entry: dict) -> str:
    """SHA-256 over the canonical JSON of the entry without its ``hash`` field (``prev`` included)."""
    return hashlib.sha256(canonical({k: v for k, v in entry.items() if k != "hash"})).hexdigest()


class BadLine(ValueError):
    """A line that is not an entry we could have written; ``key`` and ``params`` name the reason."""

    def __init__(self, key: str, **params: Any):
        super().__init__(key)
        self.key, self.params = key, params


def _strict_object(pairs: list[tuple[str, Any]]) -> dict:
    """json object_pairs_hook: refuse a repeated key and any lone surrogate, in keys or string values."""
    result: dict = {}
    for key, value in pairs:
        if key in result:
            raise BadLine("duplicate", field=_printable(key))
        _refuse_surrogates(key, key)
        _refuse_surrogates(value, key)
        result[key] = value
    return result


def _refuse_surrogates(value: Any, key: str) -> None:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise BadLine("surrogate", field=_printable(key)) from None
    elif isinstance(value, list):
        for item in value:
            _refuse_surrogates(item, key)


def _printable(key: str) -> str:
    return key.encode("utf-8", "backslashreplace").decode("ascii", "backslashreplace")[:64]


def parse_line(raw: bytes) -> dict:
    """One line of the log as an entry's JSON object; BadLine, with the reason, if it cannot be one.

    Stricter than ``json.loads``: the text must be UTF-8, a key may appear
    only once (``{"path": "forged", …, "path": "real"}`` would show one path
    to readers that take the first key and another to those that take the
    last), and no string may hold a lone surrogate (``"\\ud800"``), which
    can be neither hashed nor printed.
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BadLine("not_utf8") from None
    try:
        entry = json.loads(text, object_pairs_hook=_strict_object)
    except BadLine:
        raise
    except (ValueError, RecursionError):
        raise BadLine("not_json") from None
    if not isinstance(entry, dict):
        raise BadLine("not_json")
    return entry

