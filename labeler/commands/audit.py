"""`labeler audit [--json] [--since DATE] [--kind KIND]` and `labeler audit verify`: the local audit trail.

The trail holds label changes and moments of sharing (a notice about a
document in a sharing place, the choice after it, a share through `labeler
share`); `--kind labels` or `--kind sharing` lists only one of them.

Listing never stops at a damaged line: it lists what it can read and says,
on standard error, which lines it skipped and why (exit 1 then, as for a
damaged log in `verify`).
"""
from __future__ import annotations

import sys
from datetime import datetime

from labeler import languages
from labeler.org.audit import SHARE, SHARING_ACTIONS, SHARING_CHOICE, AuditEvent, AuditLog, VerifyResult
from labeler.commands.common import EXIT_OK, EXIT_SOME_FAILED, UsageError, print_json, print_line


def register(sub) -> None:
    p = sub.add_parser("audit", help="List the label changes recorded on this computer, or verify the log.",
                       description="List the label changes recorded in your audit log "
                                   "(`labeler audit`), or check that it is intact (`labeler audit verify`).")
    p.add_argument("action", nargs="?", choices=["verify"],
                   help="verify: check that no entry was changed or deleted (exit 1 if damaged)")
    p.add_argument("--json", action="store_true", help="print machine-readable JSON")
    p.add_argument("--since", metavar="DATE", help="only changes at or after YYYY-MM-DD or an ISO 8601 time "
                                                   "(local time unless it says otherwise)")
    p.add_argument("--kind", choices=KINDS, default="all",
                   help="labels: only label changes; sharing: only moments of sharing; all (the default)")
    p.set_defaults(func=run)


KINDS = ("all", "labels", "sharing")


def of_kind(event: AuditEvent, kind: str) -> bool:
    sharing = event.action in SHARING_ACTIONS
    return kind == "all" or (kind == "sharing") == sharing


def parse_since(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(f"--since {text!r} is not a date like 2026-11-27 or a time like "
                         "2026-11-27T14:30") from None
    return value if value.tzinfo else value.astimezone()


def _name(label) -> str:
    if isinstance(label, dict):
        return label.get("name") or label.get("id") or "—"
    return str(label) if label else "—"  # not a label we wrote: shown as it is


# The action column is this wide, so that what follows it starts in the same column on every line:
# "apply", "notice: shown", "share: opened-mail" (the longest, with "share: unconfirmed").
ACTION_WIDTH = 18


def describe(event: AuditEvent) -> str:
    """One line for a person: time, user, action, what changed, path, then the method or the reason.

    Every line has the same columns, two spaces apart, the action padded to ACTION_WIDTH:
    "apply               Internal → Confidential  /home/ann/memo.docx  (manual)",
    "notice: shown       Confidential → personal-cloud: forbidden  /home/ann/Dropbox/budget.xlsx",
    "choice: trash       …", "share: refused      …".
    """
    try:
        when = event.when.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    except (ValueError, TypeError, AttributeError):
        when = str(event.time)
    if event.action in SHARING_ACTIONS:
        label = _name(event.new_label) + (" (assumed)" if event.method == "assumed" else "")
        kind = {SHARING_CHOICE: "choice", SHARE: "share"}.get(event.action, "notice")
        # A notice has no choice when it was shown, "held" when it was held back (quiet hours, notifications off).
        action = f"{kind}: {event.choice or 'shown'}"
        fields = [f"{label} → {event.channel}: {event.verdict}", str(event.path)]
    else:
        action = event.action
        fields = [f"{_name(event.old_label)} → {_name(event.new_label)}", str(event.path), f"({event.method})"]
    if event.justification:
        fields.append(f'"{event.justification}"')
    return "  ".join([when, str(event.user), action.ljust(ACTION_WIDTH), *fields])


def skipped_sentence(skipped: VerifyResult, lang: str) -> str:
    """Why a line of the log was left out of the listing, in the reader's language."""
    return languages.translation(lang).gettext("line {line} of the audit log was skipped: {reason}").format(
        line=skipped.line, reason=skipped.reason_text(lang))


def run(args) -> int:
    log = AuditLog.default()
    lang = languages.resolve(languages.SYSTEM)
    if args.action == "verify":
        if args.since:
            raise UsageError("--since does not apply to `audit verify`: the whole chain is checked")
        result = log.verify()
        if args.json:
            print_json(result.to_json())
        else:
            print_line(result.text(lang))
        return EXIT_OK if result.ok else EXIT_SOME_FAILED
    since = parse_since(args.since) if args.since else None
    skipped: list[VerifyResult] = []
    events = [e for e in log.entries(since=since, skipped=skipped) if of_kind(e, args.kind)]
    if args.json:
        print_json([e.to_json() for e in events])
    elif not events:
        what = {"sharing": "No moments of sharing recorded", "labels": "No label changes recorded"}.get(
            args.kind, "Nothing recorded in the audit trail")
        print(what + (" since then." if since else "."))
    else:
        for event in events:
            print_line(describe(event))
    for problem in skipped:
        print_line(f"labeler: {skipped_sentence(problem, lang)}", file=sys.stderr)
    if skipped:
        print_line("labeler: " + languages.translation(lang).gettext(
            "run `labeler audit verify` to check the whole log"), file=sys.stderr)
        return EXIT_SOME_FAILED
    return EXIT_OK
