"""Markings benchmark: labelling a big file with header, footer and watermark vs a crash-safe copy.

    python bench/bench_markings.py [--quick] [--runs N] [--out DIR] [--only pdf docx ...]

For each big file made by bench/generate.py (70+ MB .docx/.pptx, 5+ MB .xlsx,
9+ MB .pdf), in the same run:

  safe copy   copy + fsync + rename of the same file (what any crash-safe save
              of the same bytes costs; the floor)
  label       our write of a label without markings, on a fresh copy
  marked      our write of a label with header, footer and watermark, on a
              fresh copy

Times are medians of N runs (default 5); the page cache is warmed once and
dirty pages are flushed (os.sync) before each timed operation.  A format
whose marking code draws nothing yet (the read-back finds no marking) is
reported as such rather than timed as if it had drawn.

Target: marked / safe copy <= 2.
"""
from __future__ import annotations

import argparse
import dataclasses
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

import support  # noqa: F401 - first: importing it puts the repository and bench/ on sys.path

import generate
from bench_write import safe_copy, warm

MB = 1024 * 1024
TARGET_RATIO = 2.0


def marked_stamp():
    from formats.model import VisualMarkings

    return dataclasses.replace(generate._bench_stamp(), markings=VisualMarkings(
        header="CONFIDENTIAL", footer="Confidential - Example Corp - ${file}", watermark="CONFIDENTIAL"))


def median_of(runs: int, prepare, operation) -> float:
    times = []
    for _ in range(runs):
        prepare()
        os.sync()
        start = time.perf_counter()
        operation()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(kind: str, src: Path, work: Path, runs: int) -> dict:
    from formats import registry

    dst, fresh = work / f"copy.{kind}", work / f"fresh.{kind}"
    warm(src)
    copy_s = median_of(runs, lambda: shutil.copyfile(src, dst), lambda: safe_copy(src, dst))

    def write(stamp):
        def go():
            if not registry.handler_for(fresh).write(fresh, stamp):
                raise RuntimeError(f"{fresh} was not written")
        return go

    def prepare():
        shutil.copyfile(src, fresh)

    label_s = median_of(runs, prepare, write(generate._bench_stamp()))
    marked_s = median_of(runs, prepare, write(marked_stamp()))
    drawn = registry.handler_for(fresh).read(fresh).markings
    for path in (dst, fresh):
        path.unlink(missing_ok=True)
    return {"kind": kind, "file": src.name, "size_mb": src.stat().st_size / MB, "copy": copy_s,
            "label": label_s, "marked": marked_s, "drawn": drawn}


def print_table(rows: list[dict], runs: int) -> None:
    print()
    print(f"MARKINGS BENCHMARK (medians of {runs} runs; target: marked / safe copy <= {TARGET_RATIO:g})")
    head = (f"{'file':<10} {'size MB':>8} {'safe copy s':>12} {'label s':>8} {'label/copy':>11} "
            f"{'marked s':>9} {'marked/copy':>12}  drawn")
    print(head)
    print("-" * (len(head) + 24))
    for r in rows:
        drawn = ", ".join(r["drawn"]) if r["drawn"] else "nothing (no marking code yet)"
        print(f"{r['file']:<10} {r['size_mb']:>8.1f} {r['copy']:>12.3f} {r['label']:>8.3f} "
              f"{r['label'] / r['copy']:>11.2f} {r['marked']:>9.3f} {r['marked'] / r['copy']:>12.2f}  {drawn}")
    print()
    for r in rows:
        if not r["drawn"]:
            print(f"{r['file']}: no marking drawn, so no marking cost measured")
            continue
        ratio = r["marked"] / r["copy"]
        verdict = "OK" if ratio <= TARGET_RATIO else "MISSED"
        print(f"{r['file']}: marked write {r['marked']:.3f} s = {ratio:.2f}x safe copy ({r['copy']:.3f} s) "
              f"[target <= {TARGET_RATIO:g}x: {verdict}]")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    generate.add_big_options(parser)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", nargs="*", choices=["docx", "pptx", "xlsx", "pdf"])
    args = parser.parse_args(argv)
    out, files = generate.big_files(args)
    work = out / "work-markings"
    work.mkdir(parents=True, exist_ok=True)
    rows = []
    try:
        for kind, path in files.items():
            if args.only and kind not in args.only:
                continue
            print(f"[bench_markings] measuring {path.name} ({path.stat().st_size / MB:.1f} MB) ...", flush=True)
            try:
                rows.append(measure(kind, path, work, args.runs))
            except Exception as exc:  # one format's unfinished code must not hide the others' figures
                print(f"[bench_markings] {path.name}: {type(exc).__name__}: {exc}", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print_table(rows, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
