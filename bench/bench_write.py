"""Write benchmark: labelling a big file vs copying it vs the libraries' load+save.

    python bench/bench_write.py [--quick] [--runs N] [--out DIR]

For each big file made by bench/generate.py (docx, pptx, xlsx, pdf), in one run:

  copy    shutil.copyfile of the same file (the floor: one sequential copy)
  ours    registry.handler_for(p).write(p, stamp) on a fresh copy
  naive   the library way: python-docx Document(p).save(q), python-pptx
          Presentation(p).save(q), openpyxl load_workbook + custom property +
          save, pypdf PdfWriter(clone_from=p) + add_metadata + write

Times are the best of N runs (default 3); every write of ours works on a
fresh copy, so every write is a real write.  Page caches cannot be dropped,
so the file is read once first (warm) and dirty pages are flushed (os.sync)
before each timed operation.  Our write fsyncs its temp file and the folder
(it must: it replaces the user's file atomically), shutil.copyfile does not,
so "copy+fsync" is shown too for reference.

Extra peak memory of our write: a subprocess imports the modules and does the
write, another (the baseline) imports the same modules and only reads the
label; the difference of their peak RSS is the memory the write itself costs
(this counts C allocations by zlib/lxml, which tracemalloc would miss).  The
peak is read from /proc/self/status VmHWM (falling back to ru_maxrss): on
Linux ru_maxrss of a child inherits the parent's high-water mark across
fork+exec, which would hide everything below the benchmark's own peak.

Targets: ours <= 2x copy, extra peak memory <= 50 MB.

The whole path (`full`): what one file costs in `labeler apply`, audit
included.  `LabelService(scheme, audit=AuditLog(...)).apply(fresh, label)`
with the built-in scheme and a real, fsynced audit log in a temp folder
(reading the label, the policy check, the plan, the write, the new file's
SHA-256, the verification and its reading of the new label, the audit
entry, the rename),
against the crash-safe copy of the same file (copy to a temp name, fsync,
os.replace) measured in the same run, the two interleaved run by run;
medians of --full-runs (default 7).  Target: full <= 1.5x safe copy.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from support import BENCH, REPO  # first: it puts the repository and bench/ on sys.path

import generate

MB = 1024 * 1024
TARGET_WRITE_RATIO = 2.0
TARGET_EXTRA_MB = 50.0
TARGET_FULL_RATIO = 1.5  # labeler apply (audit included) / crash-safe copy
FULL_LABEL = "public"  # no visual markings: the cost of labelling itself (markings rewrite content parts)


def stamp():
    return generate._bench_stamp()


# -- the library way -----------------------------------------------------------
def naive_docx(p: Path, q: Path) -> None:
    from docx import Document

    doc = Document(str(p))
    # python-docx has no custom-properties API; the closest a user gets is a
    # core property.  The cost is the load + save, whatever is set.
    doc.core_properties.category = "Confidential"
    doc.save(str(q))


def naive_pptx(p: Path, q: Path) -> None:
    from pptx import Presentation

    prs = Presentation(str(p))
    prs.core_properties.category = "Confidential"
    prs.save(str(q))


def naive_xlsx(p: Path, q: Path) -> None:
    from openpyxl import load_workbook
    from openpyxl.packaging.custom import StringProperty

    wb = load_workbook(str(p))
    wb.custom_doc_props.append(StringProperty(name="Sensitivity", value="Confidential"))
    wb.save(str(q))


def naive_pdf(p: Path, q: Path) -> None:
    from pypdf import PdfWriter

    w = PdfWriter(clone_from=str(p))
    w.add_metadata({"/Sensitivity": "Confidential"})
    with open(q, "wb") as f:
        w.write(f)


NAIVE = {"docx": ("python-docx Document().save()", naive_docx),
         "pptx": ("python-pptx Presentation().save()", naive_pptx),
         "xlsx": ("openpyxl load_workbook()+custom prop+save()", naive_xlsx),
         "pdf": ("pypdf PdfWriter(clone_from)+add_metadata+write()", naive_pdf)}


# -- measuring -----------------------------------------------------------------
def warm(path: Path) -> None:
    with open(path, "rb") as f:
        while f.read(8 * MB):
            pass


def best_of(runs: int, prepare, operation) -> float:
    times = []
    for _ in range(runs):
        prepare()
        os.sync()  # no dirty pages of the preparation competing with the timed run
        t = time.perf_counter()
        operation()
        times.append(time.perf_counter() - t)
    return min(times)


def _remove(*paths: Path):
    def go():
        for p in paths:
            if p.exists():
                p.unlink()
    return go


def copy_fsync(src: Path, dst: Path) -> None:
    shutil.copyfile(src, dst)
    with open(dst, "rb+") as f:
        os.fsync(f.fileno())


def safe_copy(src: Path, dst: Path) -> None:
    """What any crash-safe save of the same bytes must do: temp copy, fsync, replace."""
    tmp = dst.with_name(".tmp-" + dst.name)
    shutil.copyfile(src, tmp)
    with open(tmp, "rb+") as f:
        os.fsync(f.fileno())
    os.replace(tmp, dst)


_CHILD = r"""
import resource, sys
sys.path.insert(0, {repo!r}); sys.path.insert(0, {bench!r})
from formats import registry
from formats.model import LabelStamp, MicrosoftMapping, TscpMapping
import generate
mode, path = sys.argv[1], sys.argv[2]
if mode == "naive":
    import bench_write
    bench_write.NAIVE[sys.argv[3]][1](path, sys.argv[4])
else:
    h = registry.handler_for(path)
    if mode == "write":
        assert h.write(path, generate._bench_stamp())
    else:
        h.read(path)
# VmHWM: this process's own peak RSS.  ru_maxrss would do on most systems, but
# Linux carries the parent's high-water mark across fork+exec into it.
try:
    with open("/proc/self/status") as f:
        print(next(int(l.split()[1]) for l in f if l.startswith("VmHWM:")))
except (OSError, StopIteration):
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def child_maxrss_kb(*args: str) -> int:
    code = _CHILD.format(repo=str(REPO), bench=str(BENCH))
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=REPO)
    if proc.returncode != 0:
        raise RuntimeError(f"child {args} failed:\n{proc.stderr}")
    return int(proc.stdout.strip().splitlines()[-1])


def measure(kind: str, src: Path, work: Path, runs: int, naive_runs: int, with_naive_memory: bool) -> dict:
    from formats import registry

    s = stamp()
    dst = work / f"copy.{kind}"
    fresh = work / f"fresh.{kind}"
    naive_out = work / f"naive.{kind}"
    warm(src)

    copy_s = best_of(runs, _remove(dst), lambda: shutil.copyfile(src, dst))
    copy_fsync_s = best_of(runs, _remove(dst), lambda: copy_fsync(src, dst))
    safe_copy_s = best_of(runs, lambda: shutil.copyfile(src, dst), lambda: safe_copy(src, dst))

    def prepare_fresh():
        shutil.copyfile(src, fresh)

    def ours():
        h = registry.handler_for(fresh)
        if not h.write(fresh, s):
            raise RuntimeError(f"{fresh} was not written")

    ours_s = best_of(runs, prepare_fresh, ours)
    found = registry.handler_for(fresh).read(fresh).ours
    if found is None or found.id != s.label_id:
        raise RuntimeError(f"our label was not read back from {fresh}: {found}")

    naive_name, naive_fn = NAIVE[kind]
    naive_s = best_of(naive_runs, _remove(naive_out), lambda: naive_fn(src, naive_out))

    # Peak memory: write vs read-only baseline, both in fresh processes.
    extras = []
    for _ in range(runs):
        shutil.copyfile(src, fresh)
        os.sync()
        base = child_maxrss_kb("read", str(fresh))
        wrote = child_maxrss_kb("write", str(fresh))
        extras.append((wrote - base) / 1024)
    naive_extra = None
    if with_naive_memory:
        base = child_maxrss_kb("read", str(src))
        naive_extra = (child_maxrss_kb("naive", str(src), kind, str(naive_out)) - base) / 1024

    for p in (dst, fresh, naive_out):
        if p.exists():
            p.unlink()
    return {"kind": kind, "file": src.name, "size_mb": src.stat().st_size / MB, "copy": copy_s,
            "copy_fsync": copy_fsync_s, "safe_copy": safe_copy_s, "ours": ours_s, "naive": naive_s,
            "naive_name": naive_name,
            "extra_mb": max(extras), "extra_all": extras, "naive_extra_mb": naive_extra}


def print_table(rows: list[dict], runs: int, naive_runs: int) -> None:
    print()
    print(f"WRITE BENCHMARK (best of {runs} runs; naive best of {naive_runs}; "
          f"targets: ours/copy <= {TARGET_WRITE_RATIO:g}, extra peak memory <= {TARGET_EXTRA_MB:g} MB)")
    head = (f"{'file':<10} {'size MB':>8} {'copy s':>8} {'copy+fsync s':>13} {'ours s':>8} {'ours/copy':>10} "
            f"{'ours/copy+fsync':>16} {'ours/safe-copy':>15} {'naive s':>8} {'naive/ours':>11} {'extra peak MB':>14} "
            f"{'naive extra MB':>15}")
    print(head)
    print("-" * len(head))
    for r in rows:
        ratio = r["ours"] / r["copy"]
        ratio_fs = r["ours"] / r["copy_fsync"]
        naive_mem = f"{r['naive_extra_mb']:.1f}" if r["naive_extra_mb"] is not None else "-"
        print(f"{r['file']:<10} {r['size_mb']:>8.1f} {r['copy']:>8.3f} {r['copy_fsync']:>13.3f} {r['ours']:>8.3f} "
              f"{ratio:>10.2f} {ratio_fs:>16.2f} {r['ours'] / r['safe_copy']:>15.2f} {r['naive']:>8.2f} "
              f"{r['naive'] / r['ours']:>10.1f}x "
              f"{r['extra_mb']:>14.1f} {naive_mem:>15}")
    print()
    for r in rows:
        ratio = r["ours"] / r["copy"]
        ok_t = "OK" if ratio <= TARGET_WRITE_RATIO else "MISSED"
        ok_m = "OK" if r["extra_mb"] <= TARGET_EXTRA_MB else "MISSED"
        print(f"{r['file']}: write {r['ours']:.3f} s = {ratio:.2f}x copy ({r['copy']:.3f} s) "
              f"[target <= {TARGET_WRITE_RATIO:g}x: {ok_t}]; {ratio_fs_text(r)}; "
              f"extra peak memory {r['extra_mb']:.1f} MB (runs: {', '.join(f'{e:.1f}' for e in r['extra_all'])}) "
              f"[target <= {TARGET_EXTRA_MB:g} MB: {ok_m}]; naive ({r['naive_name']}) {r['naive']:.2f} s "
              f"= {r['naive'] / r['ours']:.1f}x ours")


def ratio_fs_text(r: dict) -> str:
    return (f"{r['ours'] / r['copy_fsync']:.2f}x copy+fsync ({r['copy_fsync']:.3f} s); "
            f"{r['ours'] / r['safe_copy']:.2f}x safe copy = copy+fsync+replace ({r['safe_copy']:.3f} s)")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    generate.add_big_options(p)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--naive-runs", type=int, help="runs of the library way (default: --runs)")
    p.add_argument("--no-naive-memory", action="store_true", help="skip the libraries' peak memory")
    p.add_argument("--only", nargs="*", choices=["docx", "pptx", "xlsx", "pdf"])
    p.add_argument("--full-runs", type=int, default=7, help="runs of the whole path and its safe copy (medians)")
    p.add_argument("--no-full", action="store_true", help="skip the whole path (labelling with the audit)")
    p.add_argument("--full-only", action="store_true", help="only the whole path (no handler, naive or memory)")
    args = p.parse_args(argv)
    out, files = generate.big_files(args)
    work = out / "work"
    work.mkdir(parents=True, exist_ok=True)
    naive_runs = args.naive_runs or args.runs
    rows = []
    for kind, path in files.items():
        if args.only and kind not in args.only or args.full_only:
            continue
        print(f"[bench_write] measuring {path.name} ({path.stat().st_size / MB:.1f} MB) ...", flush=True)
        rows.append(measure(kind, path, work, args.runs, naive_runs, not args.no_naive_memory))
    full_rows = []
    if not args.no_full:
        for kind, path in files.items():
            if args.only and kind not in args.only:
                continue
            print(f"[bench_write] whole path on {path.name} ...", flush=True)
            full_rows.append(measure_full(kind, path, work, args.full_runs))
    shutil.rmtree(work, ignore_errors=True)
    if rows:
        print_table(rows, args.runs, naive_runs)
    if full_rows:
        print_full(full_rows, args.full_runs)
    return 0


def measure_full(kind: str, src: Path, work: Path, runs: int) -> dict:
    """Medians of the whole labelling path (audit included) and of a crash-safe copy, interleaved."""
    import tempfile

    from labeler.core.service import LabelService
    from labeler.org.audit import AuditLog
    from policy import load_builtin

    scheme = load_builtin()
    label = scheme.label(FULL_LABEL)
    fresh = work / f"full.{kind}"
    dst = work / f"safe.{kind}"
    warm(src)
    ours, safe = [], []
    with tempfile.TemporaryDirectory(prefix="bench-audit-") as audit_dir:
        service = LabelService(scheme, user="bench", audit=AuditLog(Path(audit_dir) / "audit.jsonl"))
        for _ in range(runs):
            shutil.copyfile(src, fresh)
            os.sync()
            t = time.perf_counter()
            outcome = service.apply(fresh, label)
            ours.append(time.perf_counter() - t)
            if outcome.status != "labelled":
                raise RuntimeError(f"{fresh.name} was not labelled: {outcome.message}")
            shutil.copyfile(src, dst)
            os.sync()
            t = time.perf_counter()
            safe_copy(src, dst)
            safe.append(time.perf_counter() - t)
        entries = AuditLog(Path(audit_dir) / "audit.jsonl").entries()
        if len(entries) != runs:
            raise RuntimeError(f"{len(entries)} audit entries for {runs} writes")
    for p in (fresh, dst):
        if p.exists():
            p.unlink()
    return {"file": src.name, "size_mb": src.stat().st_size / MB, "ours": statistics.median(ours),
            "safe": statistics.median(safe), "ours_all": ours, "safe_all": safe}


def print_full(rows: list[dict], runs: int) -> None:
    print()
    print(f"WHOLE PATH: LabelService.apply with a real AuditLog vs crash-safe copy (copy + fsync + "
          f"os.replace), interleaved, medians of {runs}; target <= {TARGET_FULL_RATIO:g}x")
    head = f"{'file':<10} {'size MiB':>9} {'apply s':>9} {'safe copy s':>12} {'ratio':>7}  verdict"
    print(head)
    print("-" * len(head))
    for r in rows:
        ratio = r["ours"] / r["safe"]
        verdict = "OK" if ratio <= TARGET_FULL_RATIO else "MISSED"
        print(f"{r['file']:<10} {r['size_mb']:>9.1f} {r['ours']:>9.3f} {r['safe']:>12.3f} {ratio:>7.2f}  {verdict}")


if __name__ == "__main__":
    sys.exit(main())
