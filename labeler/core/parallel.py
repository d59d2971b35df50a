"""Reading many files on every core, for read-only batches (show, scan).

Reading a label is CPU-bound Python (ZIP directory, small XML parts), so
threads would queue on the GIL; forked worker processes share the already
imported code and scheme for free.  Results come back in input order.
Writes stay sequential: the audit trail records them one after another.
"""
from __future__ import annotations

import multiprocessing
import os
from typing import TypeVar
from collections.abc import Callable, Iterable, Iterator

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS = 256  # below this, starting workers costs more than it saves
_CHUNK = 64
_work: Callable | None = None  # the function workers run; inherited through fork


def _call(item):
    work = _work
    assert work is not None  # set before the workers start
    return work(item)


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and (os.cpu_count() or 1) > 1


def map_ordered(work: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
    """`map(work, items)`, spread over the machine's cores when it pays off."""
    items = list(items)
    if len(items) < MIN_ITEMS or not _can_fork():
        yield from map(work, items)
        return
    global _work
    _work = work
    try:
        with multiprocessing.get_context("fork").Pool(min(os.cpu_count() or 2, 8)) as pool:
            yield from pool.imap(_call, items, chunksize=_CHUNK)
    finally:
        _work = None
