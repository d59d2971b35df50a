"""What the "Send by e-mail…" dialog decides, without Qt: the recipients, each file's verdict for all of
them, and which files may go.

    recipients = parse_recipients("ann@example.com; someone@gmail.com")
    verdict = file_verdict(scheme, facts, recipients.addresses, lang)   # the strictest rule over the recipients

A file goes to every recipient of the one e-mail, so its verdict is the
strictest of its label's rules for the recipients' channels (inside the
organisation, partners, anyone else): allowed for a colleague but not for
someone@gmail.com is "not allowed" for that e-mail, and says for whom.
The dialog shows these verdicts while the person types; when they click
"Open in mail app", the core checks the files again (`share_decisions`, the
same check as `labeler share`) and only what that check allows is attached.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from labeler.core.counts_as import CountsAs
from labeler.core.share import is_address
from labeler.core.sharing import ALLOWED, CONDITIONAL, FORBIDDEN, Decision, channel_for_target, decide, strictest

MISSING, FOLDER = "missing", "folder"  # FileFacts.problem for a path that is no file (the dialog words it)
_NAMED = re.compile(r"^(?P<name>[^<>]*)<(?P<address>[^<>]*)>$")  # "Ann Peeters <ann@example.com>"


@dataclass(frozen=True)
class Recipients:
    """What was typed in the recipients field: the addresses, and the pieces that are not addresses."""

    addresses: tuple[str, ...] = ()
    invalid: tuple[str, ...] = ()

    @property
    def usable(self) -> bool:
        return bool(self.addresses) and not self.invalid


def parse_recipients(text: str) -> Recipients:
    """Split on commas and semicolons (and line breaks); each piece an address or "Name <address>".
    Duplicates (ignoring case) count once."""
    addresses: list[str] = []
    invalid: list[str] = []
    for piece in re.split(r"[,;\n]+", text):
        piece = piece.strip()
        if not piece:
            continue
        named = _NAMED.match(piece)
        address = (named.group("address") if named else piece).strip()
        if is_address(address):
            if address.lower() not in {a.lower() for a in addresses}:
                addresses.append(address)
        else:
            invalid.append(piece)
    return Recipients(tuple(addresses), tuple(invalid))


def channels_of(scheme, addresses) -> dict[str, tuple[str, ...]]:
    """The e-mail channels the addresses fall in (email-internal, email-partner, email-external), each with
    its addresses, in the order first met."""
    channels: dict[str, list[str]] = {}
    for address in addresses:
        channels.setdefault(channel_for_target(scheme, address), []).append(address)
    return {channel: tuple(found) for channel, found in channels.items()}


@dataclass(frozen=True)
class FileFacts:
    """What the dialog read once per file: what it counts as (labeler.core.counts_as.CountsAs) and its
    size; `problem` when it could not be read (then it cannot be checked, so it does not go)."""

    path: Path
    counted: CountsAs | None = None
    size: int | None = None
    problem: str | None = None

    @property
    def label(self):
        return getattr(self.counted, "label", None)

    @property
    def assumed(self) -> bool:
        return bool(getattr(self.counted, "assumed", False))


def read_facts(scheme, service, paths, lang: str = "en", first: int = 0):
    """Core work for a worker: (index, FileFacts) per file, the same reading as `labeler share`: the label in
    the file, else the higher of the default label and what the content suggests.  `first`: the index of
    paths[0] in the dialog (files added to an open dialog follow those it has)."""
    from labeler.core.counts_as import read_counted

    for index, path in enumerate(paths, first):
        path = Path(path)
        if not path.is_file():
            yield index, FileFacts(path, problem=FOLDER if path.is_dir() else MISSING)
            continue
        read = read_counted(scheme, service, path, lang)
        if read.counted is None:
            yield index, FileFacts(path, problem=read.outcome.message or "it could not be read")
            continue
        yield index, FileFacts(path, read.counted, read.size)


@dataclass(frozen=True)
class FileVerdict:
    """One file for all the recipients: the strictest verdict, the rule that gives it, and for whom."""

    facts: FileFacts
    verdict: str | None  # allowed | conditional | forbidden; None while there are no recipients
    decision: Decision | None = None  # the strictest channel's decision (why, condition, instead)
    recipients: tuple[str, ...] = ()  # the addresses this verdict is for (the strictest channel's)
    conditions: tuple[str, ...] = field(default_factory=tuple)  # every condition to follow (conditional)
    limit_kb: int | None = None  # the attachment limit that made it forbidden (size_limited)
    everyone: int = 0  # how many recipients the e-mail has (the verdict holds for all of them)

    @property
    def unreadable(self) -> bool:
        return self.facts.problem is not None


def file_verdict(scheme, facts: FileFacts, addresses, lang: str = "en") -> FileVerdict:
    """The verdict for sending `facts`' file to every one of `addresses` in one e-mail."""
    if facts.problem is not None or facts.label is None:
        return FileVerdict(facts, FORBIDDEN if addresses else None)
    if not addresses:
        return FileVerdict(facts, None)
    recipients_of = channels_of(scheme, addresses)
    decisions = [decide(facts.label, channel, facts.size, lang) for channel in recipients_of]
    conditions = list(dict.fromkeys(d.condition for d in decisions if d.verdict == CONDITIONAL and d.condition))
    decision = strictest(decisions)  # at least one address, so at least one channel
    found = recipients_of[decision.channel]
    limit = facts.label.rule(decision.channel).max_attachment_kb if decision.size_limited else None
    return FileVerdict(facts, decision.verdict, decision, found,
                       tuple(conditions) if decision.verdict == CONDITIONAL else (), limit, len(addresses))


def may_go(verdict: FileVerdict, acknowledged: bool) -> bool:
    """Whether the file is attached: allowed, or allowed with conditions the person has acknowledged."""
    return verdict.verdict == ALLOWED or (verdict.verdict == CONDITIONAL and acknowledged)


# -- sending: the core's check again, the mail app, the records (a worker runs this) ---------------------------
@dataclass(frozen=True)
class SendResult:
    """What "Open in mail app" did: the files attached, those left out (by reason), or why nothing opened."""

    attached: tuple[Path, ...] = ()
    refused: tuple = ()  # ShareDecision: not allowed, or could not be checked
    unconfirmed: tuple = ()  # ShareDecision: allowed with conditions the person did not confirm
    error: str | None = None  # the mail app could not be started (nothing was attached or recorded)
    note: str | None = None  # the mail app opened, but not quite as asked (e.g. without the attachments)


def send_files(scheme, paths, addresses, acknowledged: bool, lang: str = "en", service=None,
               audit=None) -> SendResult:
    """Check every file again for all `addresses` (the check `labeler share` makes: a file may have changed
    since the dialog read it), open the mail app with the files that may go, and record each file: attached
    ("opened-mail", or "acknowledged" on confirmed conditions) or left out ("refused"; "unconfirmed" on
    conditions not confirmed, as `labeler share` without --ack).  When the mail app cannot be started nothing
    is recorded."""
    from labeler.core.share import share_decisions
    from labeler.desktop.mail_client import MailClientError, open_mail
    from labeler.desktop.sharing.records import record_share

    decisions = share_decisions(scheme, [Path(p) for p in paths], list(addresses), lang, service)
    going = [d for d in decisions if d.allowed or (d.conditional and acknowledged)]
    refused = tuple(d for d in decisions if d.verdict is None or d.forbidden)
    unconfirmed = tuple(d for d in decisions if d.conditional and not acknowledged)
    target, note = ", ".join(addresses), None
    if going:
        try:
            note = open_mail([d.path for d in going], list(addresses))
        except MailClientError as exc:
            return SendResult((), refused, unconfirmed, str(exc))
        # As `labeler share` records them: allowed files "opened-mail", those on confirmed conditions
        # "acknowledged" (the Awareness page counts both as sent).
        record_share(audit, [d for d in going if d.allowed], target, "opened-mail")
        record_share(audit, [d for d in going if d.conditional], target, "acknowledged")
    if refused:
        record_share(audit, refused, target, "refused")
    if unconfirmed:
        record_share(audit, unconfirmed, target, "unconfirmed")
    return SendResult(tuple(d.path for d in going), refused, unconfirmed, note=note)


def record_refusal(scheme, verdicts, addresses, audit=None) -> None:
    """The dialog closed without sending, with files its label does not let go to `addresses`: each of those
    recorded as "refused" (the check was made; the share did not happen)."""
    from labeler.core.share import ShareDecision
    from labeler.desktop.sharing.records import record_share

    refused = [ShareDecision(v.facts.path, v.facts.counted, v.decision, v.facts.problem, scheme.id, scheme.version)
               for v in verdicts if v.verdict == FORBIDDEN]
    if refused:
        record_share(audit, refused, ", ".join(addresses), "refused")
