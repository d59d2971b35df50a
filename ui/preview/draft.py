"""Reading the draft scheme file: a Scheme, or the problems an admin must fix (no Qt here)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from policy import Scheme, SchemeError, SchemeProblem
from policy.loader import parse_scheme, read_limited


@dataclass
class Draft:
    """One reading of the file: `scheme` when it is valid, else `problems` (never both)."""

    path: Path
    text: str = ""  # the file's text, for showing a problem's line
    data: bytes | None = None  # the bytes read (None: unreadable), to notice a real change
    scheme: Scheme | None = None
    problems: list[SchemeProblem] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return self.scheme is not None


def read_draft(path: str | Path) -> Draft:
    path = Path(path)
    try:
        data = read_limited(path)  # never more than a scheme may be, plus one byte to refuse it
    except OSError as exc:
        return Draft(path, problems=[SchemeProblem("", None, f"cannot be read ({exc.strerror or exc})")])
    draft = Draft(path, text=data.decode("utf-8", "replace"), data=data)
    try:
        draft.scheme = parse_scheme(data, path.name)
    except SchemeError as exc:
        draft.problems = list(exc.details) or [SchemeProblem("", None, _without_source(str(exc), path.name))]
    return draft


def _without_source(message: str, source: str) -> str:
    """'draft.toml: is not UTF-8 text' -> 'is not UTF-8 text' (the window names the file already)."""
    for prefix in (f"{source}: ", f"{source}, "):
        if message.startswith(prefix):
            return message[len(prefix):]
    return message
