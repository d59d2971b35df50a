"""The `labeler` command line: everything the GUI does, for people and scripts.

Exit codes: 0 every file succeeded, 1 some files failed (each reported),
2 bad usage.
"""
from __future__ import annotations

import argparse
import json
import sys
from typing import Callable

from .files import expand
from .outcome import FAILED, Outcome
from .progress import Progress

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2

SYSTEM_NAMES = {"labeler": "Label", "microsoft": "Microsoft label", "tscp": "LibreOffice (TSCP) label",
                "titus": "Titus label", "boldon-james": "Boldon James label"}


class UsageError(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="labeler", description="Sensitivity labels inside your documents.")
    parser.add_argument("--scheme", metavar="FILE", help="use this label scheme instead of the built-in one")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def files_command(name: str, help_text: str, recursive: bool = True) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("paths", nargs="+", metavar="PATH")
        if recursive:
            p.add_argument("-r", "--recursive", action="store_true", help="include files in folders")
        p.add_argument("--json", action="store_true", help="print machine-readable JSON")
        return p

    files_command("show", "Show the labels of files.")
    apply = files_command("apply", "Label files.")
    apply.add_argument("--label", required=True, metavar="ID_OR_NAME", help="label id or name from the scheme")
    files_command("remove", "Remove our label from files (other tools' labels stay).")
    sub.add_parser("labels", help="List the labels of the scheme.").add_argument("--json", action="store_true")
    return parser


def _scheme(args):
    from policy import SchemeError, load_builtin, load_scheme

    try:
        return load_scheme(args.scheme) if args.scheme else load_builtin()
    except SchemeError as exc:
        raise UsageError(str(exc)) from None


def _describe(outcome: Outcome) -> str:
    if outcome.status == FAILED:
        return f"{outcome.path}: error: {outcome.message}"
    parts = []
    if outcome.label:
        parts.append(f"{outcome.label.name or outcome.label.id}")
    else:
        parts.append("no label")
    for f in outcome.foreign:
        parts.append(f"{SYSTEM_NAMES.get(f.system, f.system)}: {f.name or f.id}")
    text = f"{outcome.path}: " + "; ".join(parts)
    if outcome.status not in ("shown",):
        text += f" [{outcome.status}]"
    if outcome.label and not outcome.travels_with_file:
        text += " (stored beside the content, does not travel with the file)"
    return text


def _run_batch(args, operation: Callable[[str], Outcome]) -> int:
    paths = list(expand(args.paths, getattr(args, "recursive", False)))
    progress = Progress(len(paths))
    outcomes = []
    for path in paths:
        outcome = operation(str(path))
        outcomes.append(outcome)
        progress.step(path.name)
        if not args.json:
            # Print as we go so a long batch shows results, not silence.
            progress.finish() if progress.enabled else None
            print(_describe(outcome), file=sys.stdout if outcome.ok else sys.stderr)
    progress.finish()
    if args.json:
        json.dump([o.to_json() for o in outcomes], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    failed = sum(not o.ok for o in outcomes)
    if failed and not args.json and len(outcomes) > 1:
        print(f"{failed} of {len(outcomes)} files failed; they were left unchanged.", file=sys.stderr)
    return EXIT_SOME_FAILED if failed else EXIT_OK


def _labels(args) -> int:
    scheme = _scheme(args)
    if args.json:
        json.dump([{"id": l.id, "name": l.name("en"), "rank": l.rank} for l in scheme.labels], sys.stdout,
                  ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        print(f"{scheme.name} (version {scheme.version})")
        for label in scheme.labels:
            print(f"  {label.rank}. {label.name('en')}  [{label.id}]")
    return EXIT_OK


def run(argv: list[str]) -> int:
    from .service import LabelService

    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_OK
    if args.command == "labels":
        return _labels(args)
    service = LabelService(_scheme(args))
    if args.command == "show":
        return _run_batch(args, service.show)
    if args.command == "remove":
        return _run_batch(args, service.remove)
    if args.command == "apply":
        label = service.scheme.find(args.label)
        if label is None:
            names = ", ".join(l.id for l in service.scheme.labels)
            raise UsageError(f"there is no label '{args.label}' in the scheme; choose one of: {names}.")
        return _run_batch(args, lambda p: service.apply(p, label))
    raise UsageError(f"unknown command {args.command}")  # pragma: no cover - argparse prevents it


def main(argv: list[str] | None = None) -> int:
    try:
        return run(sys.argv[1:] if argv is None else argv)
    except UsageError as exc:
        print(f"labeler: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("labeler: interrupted; files being written were left unchanged.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
