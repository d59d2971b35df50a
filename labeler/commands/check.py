"""`labeler check PATH... --to TARGET`: may these files go there?

One verdict per file.  A labelled file counts as its label; an unlabelled
one as the higher of the scheme's default label and what its content
suggests (labeler/core/counts_as.py), and the verdict says why.

Exit codes: 0 allowed, 4 allowed with conditions, 3 not allowed, 1 a file
could not be read, 2 bad usage.  With several files, the worst one decides,
in that order (a file that could not be checked is the worst: it may be
anything).
"""
from __future__ import annotations

import os
import sys

from policy.channels import channel as channel_named
from policy.messages import sentence

from labeler import languages
from labeler.core.sharing import ALLOWED, CONDITIONAL, FORBIDDEN, UnknownTarget, channel_for_target, decide
from labeler.commands.common import (EXIT_SOME_FAILED, NOT_FOUND, UsageError, add_path_arguments, load_scheme,
                                     missing_sentence, print_json, print_line)

EXIT_ALLOWED, EXIT_FORBIDDEN, EXIT_CONDITIONAL = 0, 3, 4
_EXIT = {ALLOWED: EXIT_ALLOWED, CONDITIONAL: EXIT_CONDITIONAL}
# Worst first: the exit code of a batch is the first of these that any file has.
SEVERITY = (EXIT_SOME_FAILED, EXIT_FORBIDDEN, EXIT_CONDITIONAL, EXIT_ALLOWED)


def register(sub) -> None:
    p = sub.add_parser("check", help="May these files be shared there?",
                       description="Say whether each file's label allows sharing it with TARGET: an e-mail "
                                   "address, usb, print, personal-cloud, collaboration or chat. A file without "
                                   "a label counts as the higher of the default label and what its content "
                                   "suggests. Exit code 0 allowed, 4 allowed with conditions, 3 not allowed, "
                                   "1 a file could not be read; with several files the worst decides.")
    add_path_arguments(p)
    p.add_argument("--to", required=True, metavar="TARGET", dest="target")
    p.add_argument("--lang", default=languages.DEFAULT, choices=languages.codes())
    p.add_argument("--json", action="store_true",
                   help="print machine-readable JSON (an object for one PATH, a list for several)")
    p.set_defaults(func=run)


def worst(codes) -> int:
    codes = set(codes)
    return next((code for code in SEVERITY if code in codes), EXIT_ALLOWED)


def run(args) -> int:
    from labeler.commands.files import files_to_do
    from labeler.commands.progress import Progress
    from labeler.core.service import LabelService

    scheme = load_scheme(args)
    try:
        channel = channel_for_target(scheme, args.target)
    except UnknownTarget as exc:
        raise UsageError(str(exc)) from None
    single = len(args.paths) == 1 and not args.from_file and not (args.recursive and os.path.isdir(args.paths[0]))
    todo = files_to_do(args) if not single else [(args.paths[0], None)]
    service = LabelService(scheme)
    progress = Progress(len(todo))
    results, codes = [], []
    for path, missing in todo:
        code, result = _check_one(args, scheme, service, channel, path, missing.message if missing else None)
        progress.step(os.path.basename(path))
        codes.append(code)
        results.append(result)
    progress.finish()
    if args.json:
        print_json(results[0] if single else results)
    return worst(codes)


def _check_one(args, scheme, service, channel: str, path: str, missing: str | None) -> tuple[int, dict]:
    from labeler.core.counts_as import read_counted

    if missing is None:
        missing = missing_sentence(path)
    if missing is not None:
        return _error(args, path, missing, NOT_FOUND)
    read = read_counted(scheme, service, path, args.lang)
    if read.counted is None:
        return _error(args, path, read.outcome.message, read.outcome.kind)
    counted, size = read.counted, read.size
    label = counted.label
    decision = decide(label, channel, size, args.lang)
    code = _EXIT.get(decision.verdict, EXIT_FORBIDDEN)
    result = {"path": path, "target": args.target, "channel": channel,
              "label": {"id": label.id, "name": label.name(args.lang)}, "label_assumed": counted.assumed,
              "counts_as": counted.to_json(),
              "verdict": decision.verdict, "why": decision.why, "condition": decision.condition,
              "instead": decision.instead, "size_limited": decision.size_limited,
              "exit_code": code, "error": None}
    if not args.json:
        say_verdict(args, path, counted, decision, size)
    return code, result


def _error(args, path: str, message: str, kind: str | None) -> tuple[int, dict]:
    if not args.json:
        print_line(f"{path}: error: {message}", file=sys.stderr)
    return EXIT_SOME_FAILED, {"path": path, "target": args.target, "error": message, "kind": kind,
                              "exit_code": EXIT_SOME_FAILED}


def say_verdict(args, path: str, counted, decision, size: int | None) -> None:
    """The verdict for one file, for a person (`labeler check`, `labeler share`): subject, verdict, why, …"""
    from labeler.core.counts_as import CONTENT, DEFAULT

    _ = languages.translation(args.lang).gettext
    channel_name = channel_named(decision.channel).name(args.lang)
    name = counted.label.name(args.lang)
    if counted.reason == CONTENT:
        # TRANSLATORS: {evidence} is a list of counts, e.g. "1 IBAN number and 1 payment card number".
        subject = _("{path} counts as {label}: no label yet, and it contains {evidence}.").format(
            path=path, label=name, evidence=counted.evidence(args.lang))
    elif counted.reason == DEFAULT and counted.content_unread:
        subject = _("{path} has no label; it counts as {label} (its content could not be read to look for "
                    "sensitive data).").format(path=path, label=name)
    elif counted.reason == DEFAULT:
        subject = _("{path} has no label; it counts as {label}.").format(path=path, label=name)
    else:
        subject = _("{path} is {label}.").format(path=path, label=name)
    verdict = {ALLOWED: _("allowed"), CONDITIONAL: _("allowed with conditions"),
               FORBIDDEN: _("not allowed")}[decision.verdict]
    print_line(f"{subject} {channel_name}: {verdict}.")
    if decision.size_limited and size is not None:
        print("  " + _("The file is {kb} KB, over the attachment limit.").format(kb=size // 1024))
    # The notice's patterns (French puts a no-break space before the colon); scheme texts printed as sentences.
    print_line("  " + _("Why: {what}").format(what=sentence(decision.why)))
    if decision.condition:
        print_line("  " + _("Condition: {what}").format(what=sentence(decision.condition)))
    if decision.instead and decision.verdict != ALLOWED:
        print_line("  " + _("Instead: {what}").format(what=sentence(decision.instead)))
    if getattr(args, "verbose", 0):
        print_line(f"  channel {decision.channel}; label {counted.label.id} ({counted.reason})"
                   + (f"; content suggests {counted.suggested.id}" if counted.suggested else ""))
