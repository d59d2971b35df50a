"""`labeler audit [--json] [--since DATE]` and `labeler audit verify`: the local audit trail."""
from __future__ import annotations

from datetime import datetime

from labeler.org.audit import AuditEvent, AuditLog
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
    p.set_defaults(func=run)


def parse_since(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(f"--since {text!r} is not a date like 2026-11-27 or a time like "
                         "2026-11-27T14:30") from None
    return value if value.tzinfo else value.astimezone()


def describe(event: AuditEvent) -> str:
    """One line for a person: time, user, action, old → new, path, method, justification."""
    def name(label):
        return (label.get("name") or label.get("id")) if label else "—"

    try:
        when = event.when.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    except (ValueError, TypeError):
        when = event.time
    text = (f"{when}  {event.user}  {event.action}  {name(event.old_label)} → {name(event.new_label)}  "
            f"{event.path}  ({event.method})")
    if event.justification:
        text += f'  "{event.justification}"'
    return text


def run(args) -> int:
    log = AuditLog.default()
    if args.action == "verify":
        if args.since:
            raise UsageError("--since does not apply to `audit verify`: the whole chain is checked")
        result = log.verify()
        if args.json:
            print_json(result.to_json())
        else:
            print(str(result))
        return EXIT_OK if result.ok else EXIT_SOME_FAILED
    since = parse_since(args.since) if args.since else None
    events = log.entries(since=since)
    if args.json:
        print_json([e.to_json() for e in events])
    elif not events:
        print("No label changes recorded" + (" since then." if since else "."))
    else:
        for event in events:
            print_line(describe(event))
    return EXIT_OK
