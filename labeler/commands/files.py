"""`labeler show | apply | remove PATH...`: labels of files, one outcome each."""
from __future__ import annotations

import os
import sys
from typing import Callable

from labeler.core.files import expand
from labeler.core.outcome import FAILED, SHOWN, Outcome
from labeler.core.parallel import map_ordered
from labeler.commands.progress import Progress
from labeler.commands.common import EXIT_OK, EXIT_SOME_FAILED, UsageError, load_scheme, print_json, print_line

SYSTEM_NAMES = {"labeler": "Label", "microsoft": "Microsoft label", "tscp": "LibreOffice (TSCP) label",
                "titus": "Titus label", "boldon-james": "Boldon James label"}


def register(sub) -> None:
    def files_command(name: str, help_text: str, run):
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("paths", nargs="+", metavar="PATH")
        p.add_argument("-r", "--recursive", action="store_true", help="include the files in folders")
        p.add_argument("--json", action="store_true", help="print machine-readable JSON")
        p.set_defaults(func=run)
        return p

    files_command("show", "Show the labels of files.", run_show)
    apply = files_command("apply", "Label files.", run_apply)
    apply.add_argument("--label", required=True, metavar="ID_OR_NAME", help="label id or name from the scheme")
    apply.add_argument("--method", choices=("manual", "recommended", "default"), default="manual",
                       help="how the label was chosen (recorded in the audit trail)")
    remove = files_command("remove", "Remove our label from files (other tools' labels stay).", run_remove)
    for p in (apply, remove):
        p.add_argument("--justification", metavar="TEXT",
                       help="why a label is lowered or removed, where the scheme asks for a reason")


def describe(outcome: Outcome) -> str:
    """One line for a person: the file, its labels, what happened."""
    if outcome.status == FAILED:
        return f"{outcome.path}: error: {outcome.message}"
    parts = [outcome.label.name or outcome.label.id if outcome.label else "no label"]
    parts += [f"{SYSTEM_NAMES.get(f.system, f.system)}: {f.name or f.id}"
              + (f" (name from the property {f.name_from!r})" if f.name and f.name_from else "")
              for f in outcome.foreign]
    text = f"{outcome.path}: " + "; ".join(parts)
    if outcome.status != SHOWN:
        text += f" [{outcome.status}]"
    if outcome.label and not outcome.travels_with_file:
        text += " (stored beside the content, does not travel with the file)"
    if outcome.recognised and not outcome.label:
        text += f" (counts as {outcome.recognised})"
    if outcome.label and outcome.status == SHOWN:
        raw = outcome.label.raw or {}
        who = " ".join(bit for bit in (f"set by {raw['Labeler_SetBy']}" if raw.get("Labeler_SetBy") else "",
                                       f"on {raw['Labeler_SetDate']}" if raw.get("Labeler_SetDate") else "",
                                       f"({raw['Labeler_Method']})" if raw.get("Labeler_Method") else "") if bit)
        if who:
            text += f" — {who}"
    if outcome.markings:
        text += f" (marked in the {' and '.join(outcome.markings)})"
    if outcome.message and outcome.status not in (SHOWN,):
        text += f" — {outcome.message}"
    return text


def run_batch(args, operation: Callable[[str], Outcome], read_only: bool = False) -> int:
    paths = [str(p) for p in expand(args.paths, args.recursive)]
    progress = Progress(len(paths))
    outcomes = []
    results = map_ordered(operation, paths) if read_only else map(operation, paths)
    for path, outcome in zip(paths, results):
        outcomes.append(outcome)
        progress.step(os.path.basename(path))
        if not args.json:
            # Print as we go, so a long batch shows results rather than silence.
            print_line(describe(outcome), file=sys.stdout if outcome.ok else sys.stderr)
    progress.finish()
    if args.json:
        print_json([o.to_json() for o in outcomes])
    failed = sum(not o.ok for o in outcomes)
    if failed and not args.json and len(outcomes) > 1:
        print(f"{failed} of {len(outcomes)} files failed; they were left unchanged.", file=sys.stderr)
    return EXIT_SOME_FAILED if failed else EXIT_OK


def _service(args):
    from labeler.core.service import LabelService

    return LabelService.for_desktop(load_scheme(args))


def run_show(args) -> int:
    return run_batch(args, _service(args).show, read_only=True)


def run_remove(args) -> int:
    service = _service(args)
    return run_batch(args, lambda p: service.remove(p, justification=args.justification))


def run_apply(args) -> int:
    service = _service(args)
    label = service.scheme.find(args.label)
    if label is None:
        names = ", ".join(l.id for l in service.scheme.labels)
        raise UsageError(f"there is no label '{args.label}' in the scheme; choose one of: {names}.")
    return run_batch(args, lambda p: service.apply(p, label, method=args.method,
                                                   justification=args.justification))
