"""Overview benchmark: the first paint of the Files page from the label index, against reading every file.

    python bench/bench_overview.py [--files 30000] [--runs 5] [--baseline-runs 1] [--out DIR]

In one process (Qt offscreen), over a folder of `--files` small documents
(copies of tests/data samples, a third labelled by us, in sub-folders of
500), with the real Overview Files page (ui/overview/files_page.py):

  baseline   "reading every file's label" -- the page without a label index, as
             it was: walk the folders and LabelService.show() each file; timed
             until the table holds every file and has painted (and, for
             information, until the first batch showed)
  index      the same page with the label index (labeler/desktop/label_index.py)
             filled by an earlier visit: timed until the table holds every
             file from the index and has painted (the first paint), then
             until the background check against the disk is done (no file
             changed, so nothing is read: one stat per file)

Both are timed in the same run on the same files; the report gives the
medians and the ratio baseline / index.  Target: first paint from the index
<= 0.5 s with 30,000 files indexed.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SAMPLES = ("lo-writer.docx", "lo-calc.xlsx", "lo-impress.pptx", "lo-writer.odt")
PER_FOLDER = 500
TARGET_FIRST_PAINT = 0.5


def make_folder(root: Path, count: int, service, scheme) -> Path:
    docs = root / "Documents"
    labelled = [scheme.labels[i % len(scheme.labels)] for i in range(len(scheme.labels))]
    sources = []
    for i, name in enumerate(SAMPLES):  # one labelled and one plain copy of each sample, then copied
        for state in ("plain", "labelled"):
            path = root / f"{state}-{name}"
            shutil.copyfile(REPO / "tests" / "data" / name, path)
            if state == "labelled":
                assert service.apply(path, labelled[i % len(labelled)]).ok
            sources.append(path)
    for n in range(count):
        folder = docs / f"folder-{n // PER_FOLDER:03d}"
        if n % PER_FOLDER == 0:
            folder.mkdir(parents=True)
        source = sources[(n % len(SAMPLES)) * 2 + (1 if n % 3 == 0 else 0)]
        shutil.copyfile(source, folder / f"doc-{n:05d}{source.suffix}")
    return docs


def open_page(shell, count: int, app) -> tuple[float, float, float]:
    """(seconds to the first batch, to every row shown and painted, to the load's end)."""
    from ui.overview.files_page import FilesPage

    page = FilesPage(shell)
    page.resize(1000, 640)
    page.show()
    app.processEvents()
    first = full = None
    start = time.perf_counter()
    page.reload()
    while True:
        app.processEvents()
        rows = page.proxy.rowCount()
        if first is None and rows:
            first = time.perf_counter() - start
        if full is None and rows >= count:
            page.view.table.viewport().repaint()  # the paint itself is part of the first paint
            full = time.perf_counter() - start
        if full is not None and not page.is_loading():
            break
        time.sleep(0.001)
    done = time.perf_counter() - start
    page.cancel_loading(quietly=True)
    page.close()
    page.deleteLater()
    app.processEvents()
    return first, full, done


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=30_000)
    parser.add_argument("--runs", type=int, default=5, help="runs of the index path (median reported)")
    parser.add_argument("--baseline-runs", type=int, default=1, help="runs of the baseline (slow)")
    parser.add_argument("--out", type=Path, default=None, help="keep the folder here (default: a temp folder)")
    args = parser.parse_args()

    root = Path(args.out or tempfile.mkdtemp(prefix="labeler-bench-overview-"))
    root.mkdir(parents=True, exist_ok=True)
    os.environ["LABELER_DATA_DIR"] = str(root / "data")

    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication

    from labeler.core.service import LabelService
    from labeler.desktop.label_index import LabelIndex
    from policy import load_builtin
    from ui.overview.file_rows import reconcile_rows

    app = QApplication.instance() or QApplication([])
    scheme = load_builtin()
    plain = LabelService(scheme)
    print(f"[bench] making {args.files:,} documents in {root}", flush=True)
    docs = make_folder(root, args.files, plain, scheme)
    index = LabelIndex.default()
    settings = SimpleNamespace(watched_folders=[str(docs)], ignored_folders=[])

    started = time.perf_counter()
    for _ in reconcile_rows(plain, index, [str(docs)]):  # the earlier visit that filled the index
        pass
    indexing = time.perf_counter() - started

    baseline = [open_page(SimpleNamespace(settings=settings, service=plain), args.files, app)
                for _ in range(args.baseline_runs)]
    from_index = [open_page(SimpleNamespace(settings=settings, service=plain, index=index, feed=None),
                            args.files, app) for _ in range(args.runs)]
    QThreadPool.globalInstance().waitForDone()
    index.close()

    def median(runs, i):
        return statistics.median(r[i] for r in runs)

    base_full, index_full = median(baseline, 1), median(from_index, 1)
    print(f"files: {args.files:,}; index filled once by reading every file in {indexing:.2f} s")
    print(f"baseline (reading every file's label, {len(baseline)} run(s)): first batch "
          f"{median(baseline, 0):.3f} s, every file shown {base_full:.2f} s")
    print(f"index ({len(from_index)} runs, median): first paint with every file {index_full:.3f} s "
          f"[{', '.join(f'{r[1]:.3f}' for r in from_index)}], background check against the disk done "
          f"{median(from_index, 2):.2f} s")
    print(f"ratio baseline / index (every file shown): {base_full / index_full:.1f}x")
    ok = index_full <= TARGET_FIRST_PAINT
    print(f"target first paint <= {TARGET_FIRST_PAINT} s: {'met' if ok else 'NOT met'}")
    if args.out is None:
        shutil.rmtree(root, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
