"""The text of a document, for content hints: the contract between handlers and their caller.

A handler that can read its documents' text implements `_extract_text(path,
limit)` (see base.FormatHandler.extract_text).  The caller (labeler/hints)
owns the limits and what happens to the text: it passes a `TextLimit`, the
handler feeds it the text piece by piece and asks it, as it goes, whether
time or room has run out.  A handler never decides on a budget itself; it
only honours the limits it is given and says why it stopped reading.
"""
from __future__ import annotations

from typing import NoReturn, Protocol

# Why only the beginning of a document was read (stable strings).
CHAR_BUDGET = "char-budget"  # the text filled the character budget
TIME_BUDGET = "time-budget"  # the time budget ran out
PAGE_LIMIT = "page-limit"  # more pages than `TextLimit.max_pages`
PART_TOO_LARGE = "part-too-large"  # a part (page, member) was above a size limit and was skipped


class TextCut(Exception):
    """Reading stops here: `reason` is one of the constants above.  Raised by a `TextLimit`."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class TextLimit(Protocol):
    """The bounds of one extraction, and the text collected so far.

    Every method that can end the reading raises TextCut after recording
    the reason; the handler lets it pass (FormatHandler.extract_text turns
    it into "the text so far").
    """

    max_chars: int  # characters kept at most
    max_pages: int  # pages read of a paged document (PDF)
    max_part_bytes: int  # compressed bytes of one part or page read at most
    max_inflated: int  # bytes inflated from one package, all parts together

    def add(self, text: str | None) -> None:
        """Keep `text`; TextCut(CHAR_BUDGET) when the budget is full (the part that fits is kept)."""

    def check_time(self) -> None:
        """TextCut(TIME_BUDGET) when the time is up; call it between pieces of work."""

    def inflated(self, count: int) -> None:
        """Count `count` more inflated bytes; TextCut(PART_TOO_LARGE) above `max_inflated`."""

    def stop(self, reason: str) -> NoReturn:
        """End the reading for `reason` (e.g. PAGE_LIMIT)."""

    def text(self) -> str:
        """Everything kept so far."""
