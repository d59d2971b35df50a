"""Running core work off the GUI thread and turning its results into signals.

A `Worker` wraps a plain callable from the core (which never sees Qt).  If
the callable returns a generator, every yielded value is emitted as
`progress` and the generator's return value as `result`; otherwise the return
value is the `result`.  `cancel()` is honoured between two yields, so a batch
stops between files, never in the middle of one.

    worker = Worker(service.show, path)
    worker.signals.result.connect(self._on_shown)
    start(worker)

Connect signals to methods of QObjects (not lambdas): Qt then drops the
connection when the receiver is deleted, so a closed dialog never hears from
a worker that outlived it.
"""
from __future__ import annotations

import inspect
import logging
import threading
import traceback

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

log = logging.getLogger(__name__)


class WorkerSignals(QObject):
    """What a worker reports; emitted from the pool thread, delivered queued."""

    progress = Signal(object)  # each value a generator yields
    result = Signal(object)  # the return value (a generator's `return` value)
    error = Signal(object)  # the exception, with `.formatted_traceback`
    finished = Signal()  # always last, also after cancel or error
    cancelled = Signal()  # emitted before `finished` when cancel() stopped the work


class Worker(QRunnable):
    def __init__(self, fn, *args, **kwargs):
        super().__init__()
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.signals = WorkerSignals()
        self._cancel = threading.Event()
        self.done = False

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:  # runs in a pool thread
        try:
            value = self.fn(*self.args, **self.kwargs)
            if inspect.isgenerator(value):
                value = self._drain(value)
            if self.is_cancelled:
                self.signals.cancelled.emit()
            if value is not _CANCELLED:
                self.signals.result.emit(value)
        except Exception as exc:  # reported to the GUI, which decides what the user sees
            exc.formatted_traceback = traceback.format_exc()  # type: ignore[attr-defined]  # read by the GUI
            log.debug("worker failed", exc_info=True)
            self.signals.error.emit(exc)
        finally:
            self.done = True
            self.signals.finished.emit()

    def _drain(self, generator):
        try:
            while True:
                if self.is_cancelled:
                    generator.close()
                    return _CANCELLED
                self.signals.progress.emit(next(generator))
        except StopIteration as stop:
            return stop.value


_CANCELLED = object()


class _Keeper(QObject):
    """Holds running workers (and their signal objects) until well after they finished.

    The pool owns and deletes the C++ runnable after `run`; the Python side,
    and the `signals` QObject whose queued signals may still be on their way,
    are released a moment after `finished` has been delivered here.
    """

    def __init__(self):
        super().__init__()
        self.running: set[Worker] = set()

    def keep(self, worker: Worker) -> None:
        self.running.add(worker)
        worker.signals.finished.connect(self._finished)

    def _finished(self) -> None:
        done = {w for w in self.running if w.done}
        QTimer.singleShot(1000, self, lambda: self.running.difference_update(done))


_keeper: _Keeper | None = None


def start(worker: Worker, pool: QThreadPool | None = None) -> Worker:
    """Queue `worker` on `pool` (the global pool by default) and return it.  Call from the GUI thread."""
    global _keeper
    if _keeper is None:
        _keeper = _Keeper()
    _keeper.keep(worker)
    (pool or QThreadPool.globalInstance()).start(worker)
    return worker


def running() -> int:
    """How many started workers have not finished yet (tests wait for 0)."""
    return 0 if _keeper is None else sum(1 for w in _keeper.running if not w.done)
