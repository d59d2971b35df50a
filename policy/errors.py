"""Why a label scheme was refused."""
from __future__ import annotations


class SchemeError(Exception):
    """A scheme file that cannot be used, with every problem an admin must fix.

    `message` names the file and, for each problem, the field (for example
    `labels[2].color`) or, for a TOML syntax error, the line.
    """

    def __init__(self, message: str, *, source: str | None = None, problems: tuple[str, ...] = ()):
        super().__init__(message)
        self.message = message
        self.source = source
        self.problems = problems or (message,)

    def __str__(self) -> str:
        return self.message
