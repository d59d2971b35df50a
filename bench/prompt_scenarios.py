"""The two prompt benchmark scenarios, run against the real desktop shell.

One job: set up the app under test (offscreen, with its own settings and
data folders in a temp dir, watching a temp folder) and drive it through
(a) `latency`, single atomic saves, and (b) `burst`, many files written by
a subprocess, returning the raw figures.  Importing this module sets the
environment the app reads (QT_QPA_PLATFORM, LABELER_CONFIG_DIR,
LABELER_DATA_DIR), so import it before anything from the app.  The
instruments are in bench/prompt_measure.py, the report in
bench/bench_prompt.py.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from support import REPO  # first: it puts the repository and bench/ on sys.path

from prompt_measure import (CALLS, RECORDING, Probe, Sampler, Ticker, outermost, percentile,
                            run_until, slowest)

SAMPLE = REPO / "tests" / "data" / "pydocx.docx"
TRIAL_SPACING_S = 1.0
TIMEOUT_S = 120.0

_TMP = tempfile.mkdtemp(prefix="labeler-bench-prompt-")
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["LABELER_CONFIG_DIR"] = os.path.join(_TMP, "config")
os.environ["LABELER_DATA_DIR"] = os.path.join(_TMP, "data")
os.environ.pop("LABELER_SYSLOG", None)


# -- the app under test ---------------------------------------------------------------
def make_shell(folder: Path, settle: float | None):
    from labeler.org.distribution import InForce
    from labeler.core.service import LabelService
    from labeler.desktop.settings import Settings
    from policy import load_builtin
    from ui.app import Shell

    settings = Settings(watched_folders=[str(folder)])
    settings.save()
    scheme = load_builtin()
    force = InForce(scheme, True, None, False, None)
    shell = Shell(settings, force, LabelService.for_desktop(scheme), "en", use_tray=False, settle_seconds=settle)
    shell.start()
    shell.show_window()  # as on a desktop without a tray: the stand-in window is open
    return shell


def stop_shell(shell) -> None:
    shell.stop()
    for worker in list(shell._workers):
        worker.cancel()
    run_until(lambda: not shell._workers and shell._scheme_worker is None, 5.0)
    shell.deleteLater()


def settle_wait(settle: float) -> float:
    """The watcher's deliberate wait for one quiet file: quiet time, then the second look."""
    from labeler.desktop.watch.settle import Settler

    return settle + Settler(settle).check_gap


def clear_prompt(shell) -> None:
    shell.queue.discard(shell.queue.documents())
    shell.notifier.hide()
    shell.refresh()


# -- (a) latency ----------------------------------------------------------------------
def latency(trials: int, settle: float | None) -> dict:
    from ui.watch_bridge import SETTLE_SECONDS

    settle_s = SETTLE_SECONDS if settle is None else settle
    folder = Path(tempfile.mkdtemp(prefix="watched-", dir=_TMP))
    shell = make_shell(folder, settle)
    probe = Probe(shell)
    run_until(lambda: False, 0.5)  # the watch is in place, the first status is out
    rows = []
    for i in range(trials):
        clear_prompt(shell)
        run_until(lambda: False, TRIAL_SPACING_S)
        probe.reset()
        name = f"Report {i:02d}.docx"
        tmp = folder / f".~bench-{i}.tmp"
        shutil.copyfile(SAMPLE, tmp)
        os.replace(tmp, folder / name)
        t0 = time.perf_counter()
        ok = run_until(lambda: any("1 new document" in text for _, text in probe.paints), 30.0)
        if not ok:
            rows.append(None)
            continue
        painted = next(t for t, text in probe.paints if "1 new document" in text)
        presented = probe.presents[0][0]
        ready = probe.ready[0][0]
        rows.append({"total": painted - t0, "presented": presented - t0, "ready": ready - t0,
                     "gui": painted - ready})
    clear_prompt(shell)
    stop_shell(shell)
    done = [r for r in rows if r]
    return {"settle": settle_s, "wait": settle_wait(settle_s), "rows": done, "missed": len(rows) - len(done)}


# -- (b) burst ------------------------------------------------------------------------
WRITER = r"""
import shutil, sys, time
sample, folder, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
first = time.monotonic()
for i in range(n):
    shutil.copyfile(sample, f"{folder}/Burst {i:04d}.docx")
print(first, time.monotonic())
"""


def burst(n: int, settle: float | None, profile: bool = False) -> dict:
    from ui.watch_bridge import SETTLE_SECONDS

    settle_s = SETTLE_SECONDS if settle is None else settle
    folder = Path(tempfile.mkdtemp(prefix="burst-", dir=_TMP))
    shell = make_shell(folder, settle)
    probe = Probe(shell)
    ticker = Ticker()
    run_until(lambda: False, 0.5)
    probe.reset()
    CALLS.clear()
    RECORDING["on"] = True
    prof = None
    if profile:
        import cProfile

        prof = cProfile.Profile()  # profiles the thread that enables it: the GUI thread
        prof.enable()
    sampler = Sampler()
    sampler.start()
    ticker.start()
    t0 = time.perf_counter()
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(SAMPLE), str(folder), str(n)],
                              stdout=subprocess.PIPE, text=True)
    want = f"{n} new documents"
    ok = run_until(lambda: any(want in text for _, text in probe.paints), TIMEOUT_S)
    run_until(lambda: False, 0.5)  # what follows the prompt (tray window refresh, repaints)
    ticker.stop()
    sampler.stopping.set()
    sampler.join()
    if prof is not None:
        prof.disable()
    RECORDING["on"] = False
    duration = time.perf_counter() - t0
    out, _ = writer.communicate(timeout=60)
    first_mono, last_mono = (float(x) for x in out.split())
    # time.monotonic and time.perf_counter share CLOCK_MONOTONIC on Linux; map via the offset now
    offset = time.perf_counter() - time.monotonic()
    first_written, last_written = first_mono + offset, last_mono + offset
    gaps = ticker.gaps_ms()
    longest, gap_start, gap_end = ticker.longest()
    shown_all = next((t for t, text in probe.paints if want in text), None)
    result = {
        "settle": settle_s, "n": n, "ok": ok, "duration": duration,
        "write_s": last_written - first_written,
        "longest": longest, "p99": percentile(gaps, 0.99), "ticks": len(gaps),
        "shows": len(probe.shows), "presents": len(probe.presents), "batches": [b for _, b in probe.ready],
        "queued": shell.queue.count(check=False),
        "after_last": (shown_all - last_written) if shown_all else None,
        "after_first": (shown_all - first_written) if shown_all else None,
        "gap_calls": outermost([c for c in CALLS if c[1] < gap_end and c[2] > gap_start]),
        "slowest": slowest(CALLS),
        "gap_ms": (1000 * (gap_start - t0), 1000 * (gap_end - t0)),
        "phases": {"first file written": first_written - t0, "last file written": last_written - t0,
                   "watcher on_ready": (probe.ready[0][0] - t0) if probe.ready else None,
                   "prompt painted": (shown_all - t0) if shown_all else None},
        "gap_samples": [(1000 * (t - t0), main, others) for t, main, others in sampler.samples
                        if gap_start - 0.004 <= t <= gap_end + 0.004],
        "profile": prof,
    }

    # Baseline: the same timer, the same app, idle for the same duration.
    clear_prompt(shell)
    run_until(lambda: False, 1.0)
    ticker.start()
    run_until(lambda: False, duration)
    ticker.stop()
    idle_gaps = ticker.gaps_ms()
    result["idle_longest"] = max(idle_gaps) if idle_gaps else float("nan")
    result["idle_p99"] = percentile(idle_gaps, 0.99)
    stop_shell(shell)
    return result
