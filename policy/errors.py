"""Why a label scheme was refused."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SchemeProblem:
    """One problem in a scheme file: the field it is about, its line (if known) and what is wrong."""

    field: str  # e.g. "labels[2].sharing.print.verdict"; "" for the whole file
    line: int | None
    text: str

    def __str__(self) -> str:
        where = ", ".join(part for part in (f"line {self.line}" if self.line else "", self.field) if part)
        return f"{where}: {self.text}" if where else self.text


class SchemeError(Exception):
    """A scheme file that cannot be used, with every problem an admin must fix.

    `message` names the file and, for each problem, the line and the field,
    e.g. `corporate.toml, line 57, labels[2].sharing.print.verdict: 'maybe' is
    not one of allowed, conditional, forbidden`.  `problems` holds one string
    per problem ("line 57, labels[2]...: ..."), `details` the same as
    `SchemeProblem` values.
    """

    def __init__(self, message: str, *, source: str | None = None, problems: tuple[str, ...] = (),
                 details: tuple[SchemeProblem, ...] = ()):
        super().__init__(message)
        self.message = message
        self.source = source
        self.details = details
        self.problems = problems or tuple(str(d) for d in details) or (message,)

    def __str__(self) -> str:
        return self.message


class SchemeTooNew(SchemeError):
    """A scheme written for a newer app: its `format` is newer than this app reads.

    `reason` is "needs a newer version of the app (scheme format N, this app
    reads up to M)"; the message puts the file in front of it.
    """

    def __init__(self, source: str, declared: int, supported: int, reason: str, line: int | None = None):
        detail = SchemeProblem("scheme.format", line, f"this scheme {reason}")
        super().__init__(f"{source} {reason}.", source=source, details=(detail,))
        self.declared = declared
        self.supported = supported
        self.reason = reason
