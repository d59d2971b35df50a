"""`labeler share FILE... --to TARGET [--ack]`: check, then open the mail program with the files attached.

TARGET is one or more e-mail addresses (repeat --to, or separate them with
commas), or one destination without e-mail: usb, print, personal-cloud,
chat or collaboration.  Every file is checked as `labeler check` does
(labeler/core/share.py; with several recipients the strictest decides).

- A file that may not go there: each file's verdict, why and what to do
  instead are printed, nothing is opened, the share is recorded as
  "refused", exit 3.
- Allowed with conditions and no --ack: the conditions are printed, nothing
  is opened, the files with conditions are recorded as "unconfirmed" (not
  sent: the conditions were not confirmed), exit 4.  With --ack the person
  confirms that the conditions are met; the share goes on and is recorded as
  "acknowledged".
- Allowed, e-mail: the mail program opens a new message with every file
  attached, addressed to the recipients; the person sends it.  Recorded as
  "opened-mail" (exit 0).  No mail program: one sentence, exit 1.
- Allowed, another destination: nothing is opened (copying to a stick or
  printing stays with the person); the check is recorded as "checked", exit 0.
- A file that cannot be read: its error, nothing opened or recorded, exit 1.
"""
from __future__ import annotations

import sys

from labeler import languages
from labeler.commands.check import EXIT_CONDITIONAL, EXIT_FORBIDDEN, say_verdict
from labeler.commands.common import (EXIT_OK, EXIT_SOME_FAILED, UsageError, load_scheme, missing_sentence,
                                     print_json, print_line)


def register(sub) -> None:
    p = sub.add_parser("share", help="Check files for a destination, then open the mail program with them.",
                       description="Check each FILE for TARGET as `labeler check` does; when every file may go "
                                   "there (or with --ack, on conditions you confirm), open a new message in your "
                                   "mail program with the files attached for e-mail addresses. TARGET: one or "
                                   "more e-mail addresses (repeat --to or separate them with commas), or usb, "
                                   "print, personal-cloud, chat or collaboration (checked only: nothing is "
                                   "opened). Exit code 0 done, 3 not allowed (nothing opened), 4 conditions to "
                                   "confirm with --ack, 1 a file could not be read or no mail program.")
    p.add_argument("paths", nargs="+", metavar="FILE")
    p.add_argument("--to", required=True, action="append", metavar="TARGET", dest="target")
    p.add_argument("--ack", action="store_true", help="I confirm that the conditions of the files' labels are met")
    p.add_argument("--lang", default=languages.DEFAULT, choices=languages.codes())
    p.add_argument("--json", action="store_true", help="print machine-readable JSON")
    p.set_defaults(func=run)


DESTINATIONS = "usb, print, personal-cloud, chat or collaboration"


def _destinations(args, scheme) -> tuple[list[str], bool]:
    from labeler.core.share import is_address, is_email, split_targets
    from labeler.core.sharing import UnknownTarget, channel_for_target

    targets = split_targets(args.target)
    emails = [t for t in targets if is_email(t)]
    if not targets or (emails and len(emails) != len(targets)):
        raise UsageError(f"--to takes e-mail addresses or one destination without e-mail ({DESTINATIONS}), "
                         "not both.")
    if not emails and len(targets) > 1:
        raise UsageError(f"--to takes one destination without e-mail at a time ({DESTINATIONS}); check "
                         "them one after the other.")
    for target in targets:
        if is_email(target) and not is_address(target):
            raise UsageError(f"'{target}' is not an e-mail address; an address looks like name@example.com.")
        try:
            channel_for_target(scheme, target)
        except UnknownTarget:
            raise UsageError(f"'{target}' is not a destination; use e-mail addresses, or one of "
                             f"{DESTINATIONS}.") from None
    return targets, bool(emails)


def run(args) -> int:
    from labeler.core.counts_as import file_size
    from labeler.core.share import share_decisions
    from labeler.desktop.sharing.records import ACKNOWLEDGED, CHECKED, OPENED_MAIL, REFUSED, UNCONFIRMED

    scheme = load_scheme(args)
    targets, email = _destinations(args, scheme)
    _ = languages.translation(args.lang).gettext
    missing = {path: sentence for path in args.paths if (sentence := missing_sentence(path)) is not None}
    decisions = share_decisions(scheme, [p for p in args.paths if p not in missing], targets, args.lang)
    checked = [d for d in decisions if not d.error]
    if not args.json:
        for d in checked:
            say_verdict(args, str(d.path), d.counted, d.decision, file_size(d.path))
    # Every file named, in the order given: a file that is not there is listed with its sentence too.
    found = iter(decisions)
    files = [{"path": path, "error": missing[path]} if path in missing else _file_json(next(found), args.lang)
             for path in args.paths]
    report = {"target": targets, "files": files, "result": None, "message": None}
    errors = [(file["path"], file["error"]) for file in files if file["error"]]
    if errors:
        for path, sentence in errors:
            if not args.json:
                print_line(f"{path}: error: {sentence}", file=sys.stderr)
        return _done(args, report, "error", EXIT_SOME_FAILED,
                     _("Nothing was opened: a file could not be checked."))
    forbidden = [d for d in checked if d.forbidden]
    conditional = [d for d in checked if d.conditional]
    if forbidden:
        _record(checked, targets, REFUSED)
        return _done(args, report, REFUSED, EXIT_FORBIDDEN, languages.translation(args.lang).ngettext(
            "Nothing was opened: {n} file may not go there.", "Nothing was opened: {n} files may not go there.",
            len(forbidden)).format(n=len(forbidden)))
    if conditional and not args.ack:
        _record(conditional, targets, UNCONFIRMED)  # as "Send by e-mail…" records files left out unconfirmed
        return _done(args, report, "conditions", EXIT_CONDITIONAL,
                     _("Nothing was opened. If the conditions above are met, run the command again with --ack.")
                     if email else
                     _("Allowed only on the conditions above: if they are met, run the command again with --ack "
                       "to confirm them."))
    allowed = [d for d in checked if d.allowed]
    if not email:
        _record(allowed, targets, CHECKED)
        _record(conditional, targets, ACKNOWLEDGED)
        return _done(args, report, CHECKED, EXIT_OK, _checked_message(args.lang, len(checked), len(conditional)))
    from labeler.desktop.mail_client import MailClientError, open_mail

    try:
        note = open_mail([d.path for d in checked], targets, args.lang)
    except MailClientError as exc:
        return _done(args, report, "no-mail-program", EXIT_SOME_FAILED, str(exc))
    recorded = all([_record(allowed, targets, OPENED_MAIL), _record(conditional, targets, ACKNOWLEDGED)])
    message = languages.translation(args.lang).ngettext(
        "Your mail program was asked to open a new message with {n} attachment; check it and send it.",
        "Your mail program was asked to open a new message with {n} attachments; check it and send it.",
        len(checked)).format(n=len(checked))
    return _done(args, report, OPENED_MAIL, EXIT_OK if recorded else EXIT_SOME_FAILED,
                 f"{message} {note}" if note else message)


def _checked_message(lang: str, count: int, conditional: int) -> str:
    """The end of a check for a destination without e-mail: whatever it is, the person does the sharing."""
    ngettext = languages.translation(lang).ngettext
    if conditional == count:
        text = ngettext("The file may go there on the conditions you confirmed.",
                        "The {n} files may go there on the conditions you confirmed.", count)
    elif conditional:  # some of several (so never one file; the singular has its own words for the catalogue)
        text = ngettext("{n} file may go there, {c} of them on the conditions you confirmed.",
                        "The {n} files may go there, {c} of them on the conditions you confirmed.", count)
    else:
        text = ngettext("The file may go there.", "The {n} files may go there.", count)
    done = ngettext("Nothing was opened: sharing it is up to you.", "Nothing was opened: sharing them is up to you.",
                    count)
    return f"{text.format(n=count, c=conditional)} {done}"


def _file_json(decision, lang: str) -> dict:
    if decision.error:
        return {"path": str(decision.path), "error": decision.error}
    d, counted = decision.decision, decision.counted
    return {"path": str(decision.path), "label": {"id": counted.label.id, "name": counted.label.name(lang)},
            "label_assumed": counted.assumed, "counts_as": counted.to_json(), "channel": d.channel,
            "verdict": d.verdict, "why": d.why, "condition": d.condition, "instead": d.instead,
            "size_limited": d.size_limited, "error": None}


def _record(decisions, targets: list[str], result: str) -> bool:
    """Record a share in the audit trail (and syslog); False, after saying so on stderr, when it failed."""
    if not decisions:
        return True
    from labeler.desktop.sharing.records import record_share
    from labeler.org.audit import AuditWriteError

    try:
        record_share(None, decisions, ", ".join(targets), result)
    except AuditWriteError as exc:
        print_line(f"labeler: the share could not be recorded in the audit trail: {exc.reason}.", file=sys.stderr)
        return False
    return True


def _done(args, report: dict, result: str, code: int, message: str) -> int:
    report.update(result=result, message=message, exit_code=code)
    if args.json:
        print_json(report)
    elif code == EXIT_SOME_FAILED and result in ("error", "no-mail-program"):
        print_line(f"labeler: {message}", file=sys.stderr)
    else:
        print_line(message)
    return code
