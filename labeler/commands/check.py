"""`labeler check PATH --to TARGET`: may this file go there?

Exit codes: 0 allowed, 3 not allowed, 4 allowed with conditions,
1 the file could not be read, 2 bad usage.
"""
from __future__ import annotations

import os

from policy.channels import channel as channel_named

from labeler import languages
from labeler.core.sharing import (ALLOWED, CONDITIONAL, FORBIDDEN, UnknownTarget, channel_for_target, decide,
                                  effective_label)
from labeler.commands.common import EXIT_SOME_FAILED, UsageError, load_scheme, print_json, print_line

EXIT_ALLOWED, EXIT_FORBIDDEN, EXIT_CONDITIONAL = 0, 3, 4
_EXIT = {ALLOWED: EXIT_ALLOWED, CONDITIONAL: EXIT_CONDITIONAL}


def register(sub) -> None:
    p = sub.add_parser("check", help="May this file be shared there?",
                       description="Say whether the file's label allows sharing it with TARGET: an e-mail "
                                   "address, usb, print, personal-cloud, collaboration or chat. "
                                   "Exit code 0 allowed, 3 not allowed, 4 allowed with conditions.")
    p.add_argument("path", metavar="PATH")
    p.add_argument("--to", required=True, metavar="TARGET", dest="target")
    p.add_argument("--lang", default=languages.DEFAULT, choices=languages.codes())
    p.add_argument("--json", action="store_true", help="print machine-readable JSON")
    p.set_defaults(func=run)


def run(args) -> int:
    from labeler.core.service import LabelService

    scheme = load_scheme(args)
    try:
        channel = channel_for_target(scheme, args.target)
    except UnknownTarget as exc:
        raise UsageError(str(exc)) from None
    outcome = LabelService(scheme).show(args.path)
    if not outcome.ok:
        if args.json:
            print_json({"path": args.path, "target": args.target, "error": outcome.message, "kind": outcome.kind})
        else:
            print_line(f"{args.path}: error: {outcome.message}")
        return EXIT_SOME_FAILED
    label, assumed = effective_label(scheme, outcome.recognised)
    decision = decide(label, channel, os.path.getsize(args.path), args.lang)
    code = _EXIT.get(decision.verdict, EXIT_FORBIDDEN)
    if args.json:
        print_json({"path": args.path, "target": args.target, "channel": channel,
                    "label": {"id": label.id, "name": label.name(args.lang)}, "label_assumed": assumed,
                    "verdict": decision.verdict, "why": decision.why, "condition": decision.condition,
                    "instead": decision.instead, "size_limited": decision.size_limited,
                    "exit_code": code, "error": None})
        return code
    _ = languages.translation(args.lang).gettext
    channel_name = channel_named(channel).name(args.lang)
    name = label.name(args.lang)
    subject = (_("{path} has no label; it counts as {label}.") if assumed
               else _("{path} is {label}.")).format(path=args.path, label=name)
    verdict = {ALLOWED: _("allowed"), CONDITIONAL: _("allowed with conditions"),
               FORBIDDEN: _("not allowed")}[decision.verdict]
    print_line(f"{subject} {channel_name}: {verdict}.")
    if decision.size_limited:
        kb = os.path.getsize(args.path) // 1024
        print("  " + _("The file is {kb} KB, over the attachment limit.").format(kb=kb))
    print("  " + _("Why") + f": {decision.why}")
    if decision.condition:
        print("  " + _("Condition") + f": {decision.condition}")
    if decision.instead and decision.verdict != ALLOWED:
        print("  " + _("Instead") + f": {decision.instead}")
    return code
