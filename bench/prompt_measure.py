"""Measuring the desktop shell from outside, for bench/bench_prompt.py.

One job: the instruments.  Timing every GUI-thread slot on the prompt path
(`instrument`, `CALLS`), watching the notifier and the watcher's
`on_ready` (`Probe`), running the Qt event loop until a condition holds
(`run_until`), a precise GUI-thread timer (`Ticker`), a stack sampler
(`Sampler`), and the summaries of what they recorded (`percentile`,
`outermost`, `slowest`).  Nothing here builds the app or decides what to
measure: see bench/prompt_scenarios.py.
"""
from __future__ import annotations

import functools
import sys
import threading
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

TICK_MS = 5
# The benchmark's own files, skipped when a stack sample looks for "our" code.
_OWN_FILES = ("bench_prompt", "prompt_measure", "prompt_scenarios")

# -- timing every GUI-thread slot on the prompt path ----------------------------------
CALLS: list[tuple[str, float, float]] = []  # (name, start, end), perf_counter seconds
RECORDING = {"on": False}


def _timed(cls, name: str) -> None:
    original = getattr(cls, name)
    label = f"{cls.__module__}.{cls.__qualname__}.{name}"

    @functools.wraps(original)
    def wrapper(*args, **kwargs):
        if not RECORDING["on"] or threading.current_thread() is not threading.main_thread():
            return original(*args, **kwargs)
        t = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            CALLS.append((label, t, time.perf_counter()))
    setattr(cls, name, wrapper)


def instrument() -> None:
    """Wrap the slots at class level, before the Shell connects them."""
    from labeler.desktop.prompt_queue import PromptQueue
    from ui.app import Shell
    from ui.notifier import Notifier
    from ui.tray_window import TrayWindow
    from ui.watch_bridge import WatchBridge

    for cls, names in ((WatchBridge, ("_deliver", "_check_status", "describe")),
                       (Shell, ("documents_ready", "maybe_prompt", "refresh", "state")),
                       (PromptQueue, ("add", "groups", "message", "should_prompt")),
                       (Notifier, ("present",)),
                       (TrayWindow, ("refresh",))):
        for name in names:
            _timed(cls, name)


# -- watching the app ---------------------------------------------------------------
class Probe:
    """Watches the notifier: shows, present() calls, paints of its message, and the watcher's on_ready."""

    def __init__(self, shell):
        from PySide6.QtCore import QEvent, QObject

        self.shell = shell
        self.shows: list[float] = []
        self.presents: list[tuple[float, str]] = []  # (returned at, text)
        self.paints: list[tuple[float, str]] = []  # (painted at, text)
        self.ready: list[tuple[float, int]] = []  # (watcher called on_ready at, batch size)
        probe = self

        class Filter(QObject):
            def eventFilter(self, obj, event):
                if event.type() == QEvent.Type.Show and obj is shell.notifier:
                    probe.shows.append(time.perf_counter())
                elif event.type() == QEvent.Type.Paint and obj is shell.notifier.message:
                    probe.paints.append((time.perf_counter(), shell.notifier.message.text()))
                return False

        self._filter = Filter()
        shell.notifier.installEventFilter(self._filter)
        shell.notifier.message.installEventFilter(self._filter)

        present = shell.notifier.present

        def presenting(text, folder):
            present(text, folder)
            probe.presents.append((time.perf_counter(), text))
        shell.notifier.present = presenting  # the shell calls self.notifier.present(...)

        watcher = shell.bridge.watcher
        on_ready = watcher._on_ready

        def ready(batch):  # the watcher's thread
            probe.ready.append((time.perf_counter(), len(batch)))
            on_ready(batch)
        watcher._on_ready = ready

    def reset(self) -> None:
        self.shows.clear()
        self.presents.clear()
        self.paints.clear()
        self.ready.clear()


def run_until(condition, timeout: float, poll_ms: int = 2) -> bool:
    """Run the GUI event loop (not a busy loop) until `condition()` or `timeout` seconds."""
    from PySide6.QtCore import QEventLoop, QTimer

    if condition():
        return True
    loop = QEventLoop()
    deadline = time.perf_counter() + timeout
    check = QTimer()
    check.setInterval(poll_ms)

    def tick():
        if condition() or time.perf_counter() >= deadline:
            loop.quit()
    check.timeout.connect(tick)
    check.start()
    loop.exec()
    check.stop()
    return condition()


# -- GUI-thread responsiveness ------------------------------------------------------
class Ticker:
    """A 5 ms precise timer on the GUI thread recording the gaps between its ticks."""

    def __init__(self):
        from PySide6.QtCore import Qt, QTimer

        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.ticks: list[float] = []

    def _tick(self):
        self.ticks.append(time.perf_counter())

    def start(self):
        self.ticks = [time.perf_counter()]
        self.timer.start()

    def stop(self):
        self.timer.stop()

    def gaps_ms(self) -> list[float]:
        return [1000 * (b - a) for a, b in zip(self.ticks, self.ticks[1:])]

    def longest(self) -> tuple[float, float, float]:
        """(longest gap ms, its start, its end)."""
        best = (0.0, 0.0, 0.0)
        for a, b in zip(self.ticks, self.ticks[1:]):
            if 1000 * (b - a) > best[0]:
                best = (1000 * (b - a), a, b)
        return best


class Sampler(threading.Thread):
    """Every 2 ms (when it gets the GIL): the innermost frame of the GUI thread, and which other threads run Python."""

    def __init__(self):
        super().__init__(daemon=True)
        self.samples: list[tuple[float, str, list[str]]] = []
        self.stopping = threading.Event()
        self.main = threading.main_thread().ident

    def run(self):
        me = threading.get_ident()
        while not self.stopping.wait(0.002):
            frames = sys._current_frames()
            main = frames.get(self.main)
            others = [f"{Path(f.f_code.co_filename).name}:{f.f_code.co_name}" for tid, f in frames.items()
                      if tid not in (self.main, me)]
            self.samples.append((time.perf_counter(), _where(main), others))


def _where(frame) -> str:
    """The innermost frame of ours (repo code, not the benchmark's), else the innermost one."""
    inner = frame
    while frame is not None:
        filename = frame.f_code.co_filename
        if str(REPO) in filename and not any(own in filename for own in _OWN_FILES):
            return f"{Path(frame.f_code.co_filename).relative_to(REPO)}:{frame.f_code.co_name}"
        frame = frame.f_back
    return f"{Path(inner.f_code.co_filename).name}:{inner.f_code.co_name}" if inner else "?"


# -- summaries ----------------------------------------------------------------------
def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def outermost(calls) -> list[tuple[str, float]]:
    """(slot, ms) of the calls not nested in another of `calls`."""
    return [(name, 1000 * (e - s)) for name, s, e in calls
            if not any(s2 <= s and e <= e2 and (s2, e2) != (s, e) for _, s2, e2 in calls)]


def slowest(calls) -> list[tuple[str, int, float, float]]:
    """(slot, calls, total ms, max ms), slowest first."""
    by: dict[str, list[float]] = {}
    for name, s, e in calls:
        by.setdefault(name, []).append(1000 * (e - s))
    rows = [(name, len(ms), sum(ms), max(ms)) for name, ms in by.items()]
    return sorted(rows, key=lambda r: -r[3])
