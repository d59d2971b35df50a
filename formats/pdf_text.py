"""The text of a PDF document, for content hints: page by page, bounded.

At most `limit.max_pages` pages are read; a page whose content streams are
larger than `limit.max_part_bytes` (compressed) is skipped, and so is a page
pypdf cannot read, without hiding the others.
"""
from __future__ import annotations

from pathlib import Path

from . import errors
from .errors import FormatError
from .text import PAGE_LIMIT, PART_TOO_LARGE, TextLimit


def extract_text(path: Path, limit: TextLimit) -> None:
    """Feed the text of the PDF at `path` to `limit`."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path), strict=False)
        if reader.is_encrypted:
            try:
                opened = bool(reader.decrypt(""))  # documents with only an owner password open like this
            except Exception:  # noqa: BLE001 - e.g. an encryption pypdf cannot handle
                opened = False
            if not opened:
                raise FormatError(errors.ENCRYPTED, f"{path.name} is password-protected; its text cannot "
                                                    "be read without the password.")
        count = len(reader.pages)
    except FormatError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        raise FormatError(errors.CORRUPT, f"{path.name} is damaged ({type(exc).__name__}).") from None
    except OSError as exc:
        raise errors.from_os_error(exc, path.name) from None
    skipped = False
    for index in range(count):
        limit.check_time()
        if index >= limit.max_pages:
            limit.stop(PAGE_LIMIT)
        try:
            page = reader.pages[index]
            if _content_size(page) > limit.max_part_bytes:
                skipped = True
                continue
            text = page.extract_text()
        except Exception:  # noqa: BLE001 - one bad page does not hide the others
            skipped = True
            continue
        limit.add(text)
        limit.add("\n")
    if skipped:
        limit.stop(PART_TOO_LARGE)


def _content_size(page) -> int:
    contents = page.get("/Contents")
    if contents is None:
        return 0
    contents = contents.get_object()
    streams = contents if isinstance(contents, list) else [contents]
    total = 0
    for stream in streams:
        stream = stream.get_object()
        try:
            total += int(stream.get("/Length", 0))
        except (TypeError, ValueError):
            total += len(getattr(stream, "_data", b"") or b"")
    return total
