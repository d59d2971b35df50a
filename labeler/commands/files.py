"""`labeler show | apply | remove PATH...`: labels of files, one outcome each."""
from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from labeler.core.files import expand
from labeler.core.outcome import FAILED, SHOWN, Outcome
from labeler.commands.progress import Progress
from labeler.commands.common import (EXIT_OK, EXIT_SOME_FAILED, NOT_FOUND, UsageError, add_path_arguments,
                                     given_paths, load_scheme, missing_sentence, print_json, print_line)

# What a person can say about their own choice; `default` (no person decided) is only the app's to record.
CLI_METHODS = ("manual", "recommended")
SYSTEM_NAMES = {"labeler": "Label", "microsoft": "Microsoft label", "tscp": "LibreOffice (TSCP) label",
                "titus": "Titus label", "boldon-james": "Boldon James label"}


def register(sub) -> None:
    def files_command(name: str, help_text: str, run):
        p = sub.add_parser(name, help=help_text, description=help_text)
        add_path_arguments(p)
        p.add_argument("--json", action="store_true", help="print machine-readable JSON")
        p.set_defaults(func=run)
        return p

    files_command("show", "Show the labels of files.", run_show)
    apply = files_command("apply", "Label files.", run_apply)
    apply.add_argument("--label", required=True, metavar="ID_OR_NAME", help="label id or name from the scheme")
    apply.add_argument("--method", type=_method, choices=CLI_METHODS, default="manual",
                       help="how the person chose the label: manual (their own choice) or recommended (the "
                            "content's recommendation, accepted); recorded in the audit trail")
    remove = files_command("remove", "Remove our label from files (other tools' labels stay).", run_remove)
    for p in (apply, remove):
        p.add_argument("--justification", metavar="TEXT",
                       help="why a label is lowered or removed, where the scheme asks for a reason")
        p.add_argument("-n", "--dry-run", action="store_true", dest="dry_run",
                       help="say what would change for each file; write nothing, record nothing")


def _method(value: str) -> str:
    """--method's value; `default` is refused with the reason, for scripts written when it was accepted."""
    import argparse

    if value == "default":
        raise argparse.ArgumentTypeError(
            "'default' is no longer accepted: a label applied from the command line is a person's decision, "
            "recorded as manual (or recommended); the method default is left for labels the app sets when "
            "nobody decided. Leave --method out (manual) or use --method recommended.")
    return value


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


def files_to_do(args, cwd: str | None = None) -> list[tuple[str, Outcome | None]]:
    """Each file to work on, with a "no such file" outcome for a path given that does not exist.

    The paths come from the command line and --from-file; folders are
    expanded with --recursive.  Checked before any work starts, so that a
    typo or a quoted pattern is told apart from a file that disappears while
    the command runs ("no longer exists (it was moved or deleted)").
    """
    return [(shown, missing) for shown, _where, missing in _work_list(args, cwd)]


def _work_list(args, cwd: str | None) -> list[tuple[str, str, Outcome | None]]:
    """files_to_do's list, each path twice: as it is named (relative paths as they were typed) and where it
    is (resolved against `cwd`, when the command was typed in another process's working folder)."""
    result: list[tuple[str, str, Outcome | None]] = []
    for raw in given_paths(args):
        missing = missing_sentence(raw, cwd)
        if missing:
            result.append((raw, raw, Outcome(raw, FAILED, NOT_FOUND, missing)))
        elif cwd is None:
            result.extend((str(p), str(p), None) for p in expand([raw], getattr(args, "recursive", False)))
        else:
            where = os.path.join(cwd, raw)
            # Named as expand() names them from `raw` here: the same relative form, below the same folder.
            result.extend((str(Path(raw) / p.relative_to(where)), str(p), None)
                          for p in expand([where], getattr(args, "recursive", False)))
    return result


def _named(outcome: Outcome, shown: str, where: str) -> Outcome:
    """`outcome` of the file at `where`, told with the name it was given (`shown`)."""
    if shown == where:
        return outcome
    message = outcome.message.replace(where, shown) if outcome.message else outcome.message
    return replace(outcome, path=shown, message=message)


def _details(outcome: Outcome) -> list[str]:
    """-v: where the label is stored, and everything our label says about itself."""
    lines = []
    if outcome.handler:
        where = "inside the file" if outcome.travels_with_file else "beside the content (file-system attributes)"
        lines.append(f"format {outcome.handler}, label stored {where}")
    if outcome.label and outcome.label.raw:
        lines += [f"{key}: {value}" for key, value in sorted(outcome.label.raw.items())
                  if key.startswith("Labeler_") and value]
    for found in outcome.foreign:
        lines.append(f"{SYSTEM_NAMES.get(found.system, found.system)} id: {found.id}")
    return lines


def run_batch(args, operation: Callable[[str], Outcome], read_only: bool = False, *, out: TextIO | None = None,
              err: TextIO | None = None, cwd: str | None = None, parallel: bool = True,
              vet: Callable[[int], None] | None = None) -> int:
    """Run `operation` on each file `args` names, printing one line each (or JSON) on `out`, failures on `err`.

    `cwd`: the working folder the paths were typed in, when it is not this
    process's; they are still printed as typed.  `parallel`: a read-only
    batch may use worker processes.  `vet(count)`, when given, sees how many
    files there are before any is read, and may raise to refuse the batch.
    """
    out, err = out or sys.stdout, err or sys.stderr
    todo = _work_list(args, cwd)
    if vet is not None:
        vet(len(todo))
    verbose = getattr(args, "verbose", 0)
    paths = [where for _shown, where, missing in todo if missing is None]
    progress = Progress(len(todo), stream=err)
    outcomes = []
    if read_only and parallel and len(paths) > 1:
        from labeler.core.parallel import map_ordered  # multiprocessing: only worth importing for several files

        done = iter(map_ordered(operation, paths))
    else:
        done = iter(map(operation, paths))
    for shown, where, missing in todo:
        outcome = missing or _named(next(done), shown, where)
        outcomes.append(outcome)
        progress.step(os.path.basename(shown))
        if not args.json:
            # Print as we go, so a long batch shows results rather than silence.
            print_line(describe(outcome), file=out if outcome.ok else err)
            if verbose and outcome.ok:
                for line in _details(outcome):
                    print_line(f"    {line}", file=out)
    progress.finish()
    if args.json:
        print_json([o.to_json() | ({"dry_run": True} if getattr(args, "dry_run", False) else {})
                    for o in outcomes], file=out)
    failed = sum(not o.ok for o in outcomes)
    if failed and not args.json and len(outcomes) > 1:
        left = "they would be left unchanged" if getattr(args, "dry_run", False) else "they were left unchanged"
        print(f"{failed} of {len(outcomes)} files failed; {left}.", file=err)
    if verbose and not args.json:
        counts: dict[str, int] = {}
        for o in outcomes:
            counts[o.status] = counts.get(o.status, 0) + 1
        files = f"{len(outcomes)} file{'' if len(outcomes) == 1 else 's'}"
        print(f"{files}: " + ", ".join(f"{n} {status}" for status, n in counts.items()), file=out)
    return EXIT_SOME_FAILED if failed else EXIT_OK


def _service(args):
    from labeler.core.service import LabelService

    scheme = load_scheme(args)
    if getattr(args, "dry_run", False):
        return LabelService(scheme)  # no audit log, no SIEM: a dry run records nothing
    return LabelService.for_desktop(scheme)


def run_show(args, *, out: TextIO | None = None, err: TextIO | None = None, cwd: str | None = None,
             parallel: bool = True, vet: Callable[[int], None] | None = None) -> int:
    """`labeler show`: by the command's own process (the defaults), or by the running app for a command typed
    in another process (ui/show_service.py): its output streams, its working folder, no worker processes,
    and a `vet` that hands back a batch better read by the command itself (see run_batch)."""
    from labeler.core.service import LabelService

    # Showing changes nothing: no audit log, SIEM forwarder or label index to open (they cost start-up time).
    return run_batch(args, LabelService(load_scheme(args)).show, read_only=True, out=out, err=err, cwd=cwd,
                     parallel=parallel, vet=vet)


def run_remove(args) -> int:
    service = _service(args)
    if args.dry_run:
        from labeler.core.dry_run import preview_change

        return run_batch(args, lambda p: preview_change(service, p, None, args.justification), read_only=True)
    return run_batch(args, lambda p: service.remove(p, justification=args.justification))


def run_apply(args) -> int:
    service = _service(args)
    label = service.scheme.find(args.label)
    if label is None:
        names = ", ".join(l.id for l in service.scheme.labels)
        raise UsageError(f"there is no label '{args.label}' in the scheme; choose one of: {names}.")
    if args.dry_run:
        from labeler.core.dry_run import preview_change

        return run_batch(args, lambda p: preview_change(service, p, label, args.justification), read_only=True)
    return run_batch(args, lambda p: service.apply(p, label, method=args.method,
                                                   justification=args.justification))
