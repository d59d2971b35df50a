"""Latency benchmark: whole processes, as a person waits for them.

    python bench/bench_latency.py [--runs N] [--file PATH] [--no-dialog]

(a) show: `labeler show FILE` as a whole process (interpreter start, imports,
    reading the label, printing) against `exiftool -j FILE` on the same file,
    the two interleaved run by run; medians of N runs (default 15).  The
    bytecode is compiled first (compileall), as an installed package has it.
    Target: labeler show <= 0.5x exiftool.

(b) dialog: from starting `labeler label-dialog -- FILE` (what the file
    manager's "Label…" entry runs) to the label dialog's window being mapped
    on the X server (polled with `xdotool search --onlyvisible --name`),
      cold  no app running: the process becomes the app and opens the dialog
      warm  the tray app runs (started once, `labeler gui`): the process hands
            the file over and the running app opens the dialog
    Needs DISPLAY (start Xvfb and a window manager first) and xdotool; each
    run gets a fresh HOME and runtime folder; the dialog is closed with
    Escape between runs.  Targets: cold <= 0.8 s, warm <= 0.3 s.

Not a test: it prints figures, each a median with the spread of the runs.
"""
from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
LABELER = [sys.executable, "-m", "labeler"]
TARGET_SHOW_RATIO = 0.5
TARGET_COLD_S = 0.8
TARGET_WARM_S = 0.3
DIALOG_TITLES = ("Label document", "Label documents")
POLL_S = 0.01


def run_timed(argv: list[str], env: dict) -> float:
    t = time.perf_counter()
    proc = subprocess.run(argv, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - t
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed ({proc.returncode}): {proc.stderr.decode(errors='replace')}")
    return elapsed


def spread(values: list[float]) -> str:
    return f"median {1000 * statistics.median(values):.0f} ms (min {1000 * min(values):.0f}, " \
           f"max {1000 * max(values):.0f}, n={len(values)})"


def fresh_env(home: Path) -> dict:
    env = dict(os.environ)
    env["HOME"] = str(home)
    env["LABELER_DATA_DIR"] = str(home / "data")
    env["LABELER_CONFIG_DIR"] = str(home / "config")
    env["LABELER_RUNTIME_DIR"] = str(home / "run")
    env["XDG_RUNTIME_DIR"] = str(home / "run")
    (home / "run").mkdir(mode=0o700, parents=True, exist_ok=True)
    return env


def bench_show(path: Path, runs: int, env: dict) -> dict:
    if shutil.which("exiftool") is None:
        raise SystemExit("exiftool is not installed, so there is no baseline to compare `labeler show` with.")
    for argv in (LABELER + ["show", str(path)], ["exiftool", "-j", str(path)]):
        run_timed(argv, env)  # warm the page cache and the bytecode
    ours, exif = [], []
    for _ in range(runs):
        ours.append(run_timed(LABELER + ["show", str(path)], env))
        exif.append(run_timed(["exiftool", "-j", str(path)], env))
    return {"ours": ours, "exif": exif}


def _visible_dialog(env: dict) -> bool:
    for title in DIALOG_TITLES:
        found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", f"^{title}$"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        if found.returncode == 0 and found.stdout.strip():
            return True
    return False


def _close_dialogs(env: dict) -> None:
    for title in DIALOG_TITLES:
        found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", f"^{title}$"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        for window in found.stdout.split():
            subprocess.run(["xdotool", "windowactivate", "--sync", window, "key", "Escape"], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 5
    while _visible_dialog(env) and time.monotonic() < deadline:
        time.sleep(0.05)


def time_to_dialog(argv: list[str], env: dict, timeout: float = 20.0) -> tuple[float, subprocess.Popen]:
    t = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while not _visible_dialog(env):
        if time.perf_counter() - t > timeout:
            proc.kill()
            raise RuntimeError(f"no label dialog appeared within {timeout:g} s of {' '.join(argv)}")
        time.sleep(POLL_S)
    return time.perf_counter() - t, proc


def bench_dialog(path: Path, runs: int) -> dict:
    if not os.environ.get("DISPLAY") or shutil.which("xdotool") is None:
        raise SystemExit("the dialog latency needs an X server (DISPLAY) and xdotool.")
    cold: list[float] = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="bench-latency-") as home:
            env = fresh_env(Path(home))
            elapsed, proc = time_to_dialog(LABELER + ["label-dialog", "--", str(path)], env)
            cold.append(elapsed)
            _close_dialogs(env)
            proc.terminate()
            proc.wait(10)
    warm: list[float] = []
    with tempfile.TemporaryDirectory(prefix="bench-latency-") as home:
        env = fresh_env(Path(home))
        app = subprocess.Popen(LABELER + ["gui"], env=env, cwd=REPO, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
        try:
            time.sleep(3.0)  # the tray app is up and listening
            for _ in range(runs):
                elapsed, proc = time_to_dialog(LABELER + ["label-dialog", "--", str(path)], env)
                warm.append(elapsed)
                proc.wait(10)
                _close_dialogs(env)
        finally:
            app.terminate()
            app.wait(10)
    return {"cold": cold, "warm": warm}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--runs", type=int, default=15)
    p.add_argument("--dialog-runs", type=int, default=7)
    p.add_argument("--file", type=Path, default=REPO / "tests" / "data" / "pydocx.docx")
    p.add_argument("--no-dialog", action="store_true", help="only `labeler show`")
    args = p.parse_args(argv)
    compileall.compile_dir(str(REPO), quiet=1, rx=__import__("re").compile(r"/(\.venv|\.git|bench/out)/"))
    with tempfile.TemporaryDirectory(prefix="bench-latency-") as home, tempfile.TemporaryDirectory() as work:
        target = Path(work) / args.file.name
        shutil.copyfile(args.file, target)
        show = bench_show(target, args.runs, fresh_env(Path(home)))
        ratio = statistics.median(show["ours"]) / statistics.median(show["exif"])
        verdict = "OK" if ratio <= TARGET_SHOW_RATIO else "MISSED"
        print(f"labeler show {args.file.name}: {spread(show['ours'])}")
        print(f"exiftool -j  {args.file.name}: {spread(show['exif'])}")
        print(f"  ratio {ratio:.2f} (target <= {TARGET_SHOW_RATIO:g}): {verdict}")
        if not args.no_dialog:
            dialog = bench_dialog(target, args.dialog_runs)
            for key, target_s in (("cold", TARGET_COLD_S), ("warm", TARGET_WARM_S)):
                median = statistics.median(dialog[key])
                print(f"label-dialog → dialog visible, {key}: {spread(dialog[key])} "
                      f"(target <= {target_s:g} s): {'OK' if median <= target_s else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
