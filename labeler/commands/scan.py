"""`labeler scan DIR`: counts per label, unlabelled documents, foreign labels, errors."""
from __future__ import annotations

import os
import sys

from labeler.commands.progress import Progress
from labeler.commands.common import EXIT_OK, EXIT_SOME_FAILED, UsageError, load_scheme, print_json, print_line


def register(sub) -> None:
    p = sub.add_parser("scan", help="Overview of the labels in a folder.",
                       description="Count the files per label in DIR and its subfolders, list documents that "
                                   "still need a label, labels written by other tools, and errors.")
    p.add_argument("root", metavar="DIR")
    p.add_argument("--json", action="store_true", help="print machine-readable JSON")
    p.set_defaults(func=run)


def run(args) -> int:
    from labeler.core.scan import scan
    from labeler.core.service import LabelService

    if not os.path.isdir(args.root):
        raise UsageError(f"{args.root} is not a folder.")
    scheme = load_scheme(args)
    progress = None
    report = None
    for _done, total, report in scan(LabelService(scheme), args.root):
        if progress is None:
            progress = Progress(total)
        progress.step(os.path.basename(report.root))
    if progress:
        progress.finish()
    if report is None:
        from labeler.core.scan import ScanReport
        report = ScanReport(args.root)
    if args.json:
        print_json(report.to_json())
    else:
        _print(report, scheme)
    return EXIT_SOME_FAILED if report.errors else EXIT_OK


def _print(report, scheme) -> None:
    print_line(f"{report.root}: {report.files} files, {report.documents} of the types that must be labelled")
    for label in scheme.labels:
        if report.by_label[label.id]:
            print(f"  {label.display_name('en'):<28} {report.by_label[label.id]:>6}")
    print(f"  {'not labelled yet':<28} {len(report.unlabelled):>6}")
    for path in report.unlabelled[:20]:
        print_line(f"      {path}")
    if len(report.unlabelled) > 20:
        print(f"      … and {len(report.unlabelled) - 20} more (use --json for the full list)")
    if report.foreign:
        print("  labels written by other tools:")
        for (system, name), count in sorted(report.foreign.items()):
            print_line(f"      {system}: {name}  ({count})")
    for _path, _kind, message in report.errors:
        print_line(f"  error: {message}", file=sys.stderr)
