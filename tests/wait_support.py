"""Waiting for something that happens on another thread or in another process: poll, with a bound.

The bound is generous and never asserted as a duration; a test asserts the
predicate, so a broken build fails at the bound instead of hanging.
"""
from __future__ import annotations

import time
from collections.abc import Callable


def wait_for(predicate: Callable[[], object], timeout: float = 10.0) -> bool:
    """Whether `predicate` came true within `timeout` seconds (asked every 50 ms, and once more at the end)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return bool(predicate())
