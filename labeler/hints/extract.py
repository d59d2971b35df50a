"""Plain text out of documents, bounded in time, size and memory.

Content hints read the text of a document; this module gets it from the
file's format handler (`handler.extract_text`, formats/text.py) and owns the
limits: every extraction stops at a character budget and a time budget, so a
500-page PDF or a 100 MB spreadsheet returns quickly with `truncated=True`,
and the handler is told how many pages, how large a part and how many
inflated bytes it may read.  Nothing here knows a file format, and nothing
here raises: a file that cannot be read gives empty text with the reason.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from formats import errors
from formats.errors import FormatError
from formats.text import CHAR_BUDGET, PAGE_LIMIT, PART_TOO_LARGE, TIME_BUDGET, TextCut

MAX_PAGES = 200  # pages read of a paged document
MAX_PDF_PAGES = MAX_PAGES  # its earlier name
MAX_PART_BYTES = 4 * 1024 * 1024  # compressed bytes of one page's content or one part
MAX_INFLATED = 512 * 1024 * 1024  # bytes inflated from one package, all parts together

__all__ = ["Extracted", "extract_text", "is_supported", "CHAR_BUDGET", "TIME_BUDGET", "PAGE_LIMIT",
           "PART_TOO_LARGE", "MAX_PAGES", "MAX_PDF_PAGES", "MAX_PART_BYTES", "MAX_INFLATED"]


@dataclass(frozen=True)
class Extracted:
    """The text of a document.

    `truncated`: only the beginning was read (`reason` says why: one of the
    constants of formats/text.py).  `error`: nothing could be read; a
    formats.errors kind ("encrypted", "corrupt", "unsupported", ...) with
    `reason` a sentence.
    """

    text: str
    truncated: bool = False
    reason: str | None = None
    error: str | None = None


class _Budget:
    """Collects text until the character or time budget runs out (a formats.text.TextLimit)."""

    max_pages = MAX_PAGES
    max_part_bytes = MAX_PART_BYTES
    max_inflated = MAX_INFLATED

    def __init__(self, max_chars: int, time_budget_s: float):
        self.max_chars = max(0, int(max_chars))
        self.deadline = time.monotonic() + max(0.0, time_budget_s)
        self.parts: list[str] = []
        self.chars = 0
        self.inflated_bytes = 0
        self.reason: str | None = None  # why the reading was cut short

    def add(self, text: str | None) -> None:
        if not text:
            return
        room = self.max_chars - self.chars
        if len(text) >= room:
            self.parts.append(text[:room])
            self.chars = self.max_chars
            self.stop(CHAR_BUDGET)
        self.parts.append(text)
        self.chars += len(text)

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            self.stop(TIME_BUDGET)

    def inflated(self, count: int) -> None:
        self.inflated_bytes += count
        if self.inflated_bytes > self.max_inflated:
            self.stop(PART_TOO_LARGE)

    def stop(self, reason: str) -> NoReturn:
        self.reason = reason
        raise TextCut(reason)

    def text(self) -> str:
        return "".join(self.parts)


def extract_text(path, max_chars: int = 2_000_000, time_budget_s: float = 3.0) -> Extracted:
    """The text of the document at `path`, never more than `max_chars`, in about `time_budget_s`."""
    from formats.registry import handler_for

    path = Path(path)
    budget = _Budget(max_chars, time_budget_s)
    try:
        handler = handler_for(path)  # FormatError for folders, damaged or misnamed files
        text = handler.extract_text(path, budget)
    except TextCut as cut:  # a handler that let it through
        return Extracted(budget.text(), True, budget.reason or cut.reason)
    except FormatError as exc:
        return Extracted("", False, exc.message, exc.kind)
    except MemoryError:
        return Extracted("", False, f"{path.name} is too large to read.", errors.TOO_LARGE)
    except Exception as exc:  # noqa: BLE001 - a damaged file must never escape as an exception
        return Extracted("", False, f"{path.name} could not be read ({type(exc).__name__}).", errors.CORRUPT)
    if budget.reason is not None:
        return Extracted(text, True, budget.reason)
    return Extracted(text)


def is_supported(path) -> bool:
    """Whether the extension names a kind of file whose text can be read (no I/O)."""
    from formats.registry import reads_text

    return reads_text(Path(path))
