"""A progress bar on stderr, shown only to a person at a terminal."""
from __future__ import annotations

import sys
import time


class Progress:
    """Draws `done/total` at most ten times a second; silent when not a tty."""

    def __init__(self, total: int, stream=None, min_total: int = 20):
        self.stream = stream or sys.stderr
        self.total = total
        self.enabled = total >= min_total and self.stream.isatty()
        self._last = 0.0
        self.done = 0

    def step(self, label: str = "") -> None:
        self.done += 1
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last < 0.1 and self.done < self.total:
            return
        self._last = now
        import shutil  # only at a terminal, for a long batch: not at every command's start

        width = max(10, min(40, shutil.get_terminal_size().columns - 40))
        filled = int(width * self.done / self.total)
        name = label[-25:]
        self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} {name:<25}")
        self.stream.flush()

    def finish(self) -> None:
        if self.enabled:
            import shutil

            self.stream.write("\r" + " " * (shutil.get_terminal_size().columns - 1) + "\r")
            self.stream.flush()
