"""A mutant to label (`Case`) and the judgement on it (`Verdict`).
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Case:
    """One mutant: where it came from, what was done, its bytes."""

    cls: str
    sample: str
    mutation: str
    data: bytes
    name: str  # file name to label it under (keeps the sample's extension)

    @property
    def summary(self) -> str:
        return f"[{self.cls}] {self.sample}: {self.mutation}"


@dataclass
class Verdict:
    case: Case
    status: str = ""
    kind: str | None = None
    message: str | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def good(self) -> bool:
        return not self.problems

    def describe(self) -> str:
        text = f"{self.case.summary}\n    outcome: {self.status} ({self.kind}) {self.message!r}"
        for p in self.problems:
            text += f"\n    BAD: {p}"
        return text
