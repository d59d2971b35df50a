"""Show benchmark: reading the labels of a folder of 2,000 real-sized documents.

    python bench/bench_show.py [--quick] [--runs N] [--subset N] [--out DIR]

Over bench/out/many/ (made by bench/generate.py: docx/xlsx/pptx/pdf/odt,
20-200 KB each, a third labelled by us):

  cli          `python -m labeler show --recursive --json DIR` as a subprocess
               (files/s including interpreter start, imports and JSON output)
  in-process   LabelService.show(path) for each file (what the CLI and GUI do),
               and the bare handler loop registry.handler_for(p).read(p)
  naive        each file opened with its format's library and its custom
               properties / metadata read: python-docx Document(p) and
               python-pptx Presentation(p) + the custom.xml part, openpyxl
               load_workbook(p).custom_doc_props, pypdf PdfReader(p).metadata
               + xmp_metadata; for .odt (no ODF library is installed) zipfile +
               lxml parse of content.xml, styles.xml and meta.xml, which is what
               odfpy's load does.  Timed on an evenly spread subset (default
               200 files); the per-format means are weighted by the folder's
               format mix to give the naive files/s.

All files are read once first (warm page cache); times are the best of N runs.
Targets: >= 2,000 files/s, and >= 10x faster than the libraries.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from support import REPO  # first: it puts the repository and bench/ on sys.path

import generate

TARGET_FILES_PER_S = 2000
TARGET_VS_NAIVE = 10.0


# -- the library way -------------------------------------------------------------
def _custom_part(package) -> dict[str, str]:
    """docProps/custom.xml of a python-docx / python-pptx package, as name -> value."""
    from lxml import etree

    for part in package.iter_parts():
        if str(part.partname) == "/docProps/custom.xml":
            root = etree.fromstring(part.blob)
            return {p.get("name"): "".join(p.itertext()) for p in root}
    return {}


def naive_docx(p: Path) -> dict:
    from docx import Document

    doc = Document(str(p))
    return _custom_part(doc.part.package)


def naive_pptx(p: Path) -> dict:
    from pptx import Presentation

    prs = Presentation(str(p))
    return _custom_part(prs.part.package)


def naive_xlsx(p: Path) -> dict:
    from openpyxl import load_workbook

    wb = load_workbook(str(p))
    return {prop.name: prop.value for prop in wb.custom_doc_props}


def naive_pdf(p: Path) -> dict:
    from pypdf import PdfReader

    r = PdfReader(str(p))
    meta = dict(r.metadata or {})
    xmp = r.xmp_metadata
    if xmp is not None:
        meta["xmp"] = xmp.rdf_root  # parsed by pypdf
    return meta


def naive_odt(p: Path) -> dict:
    import zipfile

    from lxml import etree

    with zipfile.ZipFile(p) as z:
        names = set(z.namelist())
        trees = {n: etree.fromstring(z.read(n)) for n in ("content.xml", "styles.xml", "meta.xml") if n in names}
    meta = trees.get("meta.xml")
    ns = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}"
    if meta is None:
        return {}
    return {e.get(ns + "name"): e.text for e in meta.iter(ns + "user-defined")}


NAIVE = {".docx": naive_docx, ".pptx": naive_pptx, ".xlsx": naive_xlsx, ".pdf": naive_pdf, ".odt": naive_odt}


# -- measuring ------------------------------------------------------------------
def documents(folder: Path) -> list[Path]:
    from labeler.core.files import expand

    return list(expand([str(folder)], True))


def warm(paths: list[Path]) -> None:
    for p in paths:
        with open(p, "rb") as f:
            f.read()


def time_cli(folder: Path, runs: int) -> tuple[float, dict]:
    best, summary = float("inf"), {}
    for _ in range(runs):
        t = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "labeler", "show", "--recursive", "--json", str(folder)],
                              cwd=REPO, capture_output=True, text=True)
        elapsed = time.perf_counter() - t
        if proc.returncode not in (0, 1):
            raise RuntimeError(f"labeler show failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
        best = min(best, elapsed)
        result = json.loads(proc.stdout)
        summary = {"files": len(result), "status": Counter(r["status"] for r in result),
                   "labelled": sum(1 for r in result if r.get("label")),
                   "errors": Counter(r.get("kind") for r in result if r.get("error"))}
    return best, summary


def time_loop(paths: list[Path], runs: int, fn) -> float:
    best = float("inf")
    for _ in range(runs):
        t = time.perf_counter()
        for p in paths:
            fn(p)
        best = min(best, time.perf_counter() - t)
    return best


def time_interpreter_start(runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import labeler.cli, formats.registry, labeler.core.service"],
                       cwd=REPO, check=True)
        best = min(best, time.perf_counter() - t)
    return best


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true", help="200 files (bench/out/quick/)")
    p.add_argument("--out", help="folder of the generated files (default bench/out/ or bench/out/quick/)")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--subset", type=int, default=200, help="files timed the library way (0: all)")
    p.add_argument("--profile", action="store_true", help="cProfile the in-process service loop")
    args = p.parse_args(argv)

    out = Path(args.out) if args.out else generate.default_out(args.quick)
    folder = generate.make_many(out, quick=args.quick)
    paths = documents(folder)
    n = len(paths)
    warm(paths)
    mix = Counter(p.suffix for p in paths)
    print(f"[bench_show] {n} files in {folder} ({', '.join(f'{k} {v}' for k, v in sorted(mix.items()))}), "
          f"{sum(p.stat().st_size for p in paths) / 1024 / 1024:.0f} MB", flush=True)

    from formats import registry
    from labeler.core.service import LabelService
    from policy import load_builtin

    service = LabelService(load_builtin())
    # First pass: imports and lazy initialisation happen outside the timed loops.
    for path in paths[:20]:
        service.show(path)

    cli_s, summary = time_cli(folder, args.runs)
    start_s = time_interpreter_start(args.runs)
    service_s = time_loop(paths, args.runs, service.show)
    handler_s = time_loop(paths, args.runs, lambda q: registry.handler_for(q).read(q))

    step = max(1, n // args.subset) if args.subset else 1
    subset = paths[::step][: args.subset or None]
    per_format: dict[str, list[float]] = {}
    naive_total = 0.0
    for path in subset:
        fn = NAIVE[path.suffix]
        t = time.perf_counter()
        fn(path)
        dt = time.perf_counter() - t
        naive_total += dt
        per_format.setdefault(path.suffix, []).append(dt)
    # Our per-format time over the same subset, for the per-format ratios.
    ours_per_format: dict[str, list[float]] = {}
    for path in subset:
        best = float("inf")
        for _ in range(args.runs):
            t = time.perf_counter()
            service.show(path)
            best = min(best, time.perf_counter() - t)
        ours_per_format.setdefault(path.suffix, []).append(best)

    # Per-format mean times weighted by the whole folder's mix (the subset's mix is close but not exact).
    naive_folder_s = sum(mix[suffix] * sum(ts) / len(ts) for suffix, ts in per_format.items())
    naive_rate = n / naive_folder_s
    cli_rate, service_rate, handler_rate = n / cli_s, n / service_s, n / handler_s
    ok = lambda good: "OK" if good else "MISSED"  # noqa: E731

    print()
    print(f"SHOW BENCHMARK ({n} files, best of {args.runs} runs; naive on {len(subset)} files, one in {step}; "
          f"targets: >= {TARGET_FILES_PER_S:,} files/s, >= {TARGET_VS_NAIVE:g}x the libraries)")
    print(f"CLI result: {summary['files']} files, status {dict(summary['status'])}, "
          f"{summary['labelled']} carry our label, errors {dict(summary['errors']) or 'none'}")
    print(f"{'way':<52} {'seconds':>9} {'files/s':>9} {'ms/file':>8} {'vs naive':>9}  target")
    rows = [
        ("cli: labeler show --recursive --json (subprocess)", cli_s, n),
        ("in-process: LabelService.show loop", service_s, n),
        ("in-process: registry.handler_for(p).read(p) loop", handler_s, n),
        ("naive: format libraries (subset, extrapolated)", naive_folder_s, n),
    ]
    for name, secs, count in rows:
        rate = count / secs
        target = ""
        if not name.startswith("naive"):
            target = (f"{ok(rate >= TARGET_FILES_PER_S)} (>= {TARGET_FILES_PER_S:,}/s), "
                      f"{ok(rate / naive_rate >= TARGET_VS_NAIVE)} (>= {TARGET_VS_NAIVE:g}x)")
        print(f"{name:<52} {secs:>9.3f} {rate:>9.0f} {1000 * secs / count:>8.3f} {rate / naive_rate:>8.1f}x  {target}")
    print(f"naive measured on the subset: {naive_total:.3f} s for {len(subset)} files "
          f"({len(subset) / naive_total:.1f} files/s); extrapolated to the folder's format mix above")
    print(f"interpreter start + imports alone (python -c 'import labeler.cli, ...'): {start_s:.3f} s; "
          f"CLI without it: {n / max(1e-9, cli_s - start_s):.0f} files/s")
    print()
    print(f"{'format':<8} {'files':>6} {'ours ms/file':>13} {'naive ms/file':>14} {'naive/ours':>11}")
    for suffix in sorted(per_format):
        ours_ms = 1000 * sum(ours_per_format[suffix]) / len(ours_per_format[suffix])
        naive_ms = 1000 * sum(per_format[suffix]) / len(per_format[suffix])
        print(f"{suffix:<8} {len(per_format[suffix]):>6} {ours_ms:>13.3f} {naive_ms:>14.3f} "
              f"{naive_ms / ours_ms:>10.1f}x")
    print()
    print(f"ours/naive: CLI {cli_rate / naive_rate:.1f}x, in-process service {service_rate / naive_rate:.1f}x, "
          f"handler loop {handler_rate / naive_rate:.1f}x (naive {naive_rate:.0f} files/s)")

    if args.profile:
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.enable()
        for path in paths:
            service.show(path)
        prof.disable()
        print()
        print("cProfile of the in-process service loop (top 25 by cumulative time):")
        pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
        pstats.Stats(prof).sort_stats("tottime").print_stats(20)
    return 0


if __name__ == "__main__":
    sys.exit(main())
