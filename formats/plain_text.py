"""The text of a plain-text file (labelled beside its content, in file attributes), for content hints."""
from __future__ import annotations

import codecs
from pathlib import Path

from . import errors
from .text import CHAR_BUDGET, TextLimit

TEXT_EXTENSIONS = frozenset({".txt", ".text", ".csv", ".tsv", ".md", ".markdown", ".log"})


def extract_text(path: Path, limit: TextLimit) -> None:
    """Feed the text of the file at `path` to `limit`: at most `limit.max_chars` bytes are read."""
    max_chars = limit.max_chars
    try:
        with open(path, "rb") as f:
            data = f.read(max_chars + 1)
    except OSError as exc:
        raise errors.from_os_error(exc, path.name) from None
    more = len(data) > max_chars
    data = data[:max_chars]
    limit.add(_decode(data, final=not more))
    if more:
        limit.stop(CHAR_BUDGET)


def _decode(data: bytes, final: bool) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        decoder = codecs.getincrementaldecoder("utf-16")(errors="replace")
        return decoder.decode(data, final=final)
    try:
        return codecs.getincrementaldecoder("utf-8-sig")().decode(data, final=final)
    except UnicodeDecodeError:
        return data.decode("latin-1")
