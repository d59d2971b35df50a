"""What a person's own labelling looks like, from the local audit log.  No Qt.

    stats = load(AuditLog.default(), order=[l.id for l in scheme.labels], ranks=...)
    stats.timeline.buckets      # the last 12 weeks (or 14 days), counts per label id
    stats.distribution          # label id -> documents carrying it now
    stats.methods               # "manual" / "recommended" / "default" -> count
    stats.justified_downgrades  # lowered or removed with a reason
    stats.sharing               # moments of sharing: notices, what was chosen after them, shares

Everything here is a pure function of the entries (and of "now"), so the
Overview's charts can be tested without a clock or a display.  Reading the
log can be long: the GUI calls `load` (or `history`) in a worker.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from collections.abc import Callable, Iterable, Mapping, Sequence

from labeler.org.audit import (METHODS, SHARE, SHARING_ACTIONS, SHARING_CHOICE, SHARING_NOTICE, AuditEvent,
                               AuditLog, VerifyResult)
from labeler.system import current_user

WEEKS = 12
DAYS = 14  # a history shorter than this is shown per day: 14 bars rather than 1 or 2
WEEK, DAY = "week", "day"


@dataclass(frozen=True)
class Bucket:
    """One bar of the timeline: labels applied from `start` (included) to `end` (excluded), local dates."""

    start: date
    end: date
    counts: Mapping[str, int]  # label id -> labels applied, in label order, zeros left out

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class Timeline:
    unit: str  # WEEK or DAY
    buckets: tuple[Bucket, ...]  # oldest first

    @property
    def total(self) -> int:
        return sum(b.total for b in self.buckets)

    def label_ids(self) -> list[str]:
        """The label ids that occur, in the order of the first bucket they occur in (then label order)."""
        seen: dict[str, None] = {}
        for bucket in self.buckets:
            seen.update(dict.fromkeys(bucket.counts))
        return list(seen)

    def totals_by_label(self) -> dict[str, int]:
        result: dict[str, int] = {}
        for bucket in self.buckets:
            for label_id, count in bucket.counts.items():
                result[label_id] = result.get(label_id, 0) + count
        return result


@dataclass(frozen=True)
class SharingMomentCounts:
    """Moments of sharing: documents noticed in sharing places, what the person chose afterwards, and
    shares through `labeler share` or "Send by e-mail…" (each counted per file).  Progress, not blame."""

    notices: int = 0  # documents a notice was shown for
    held: int = 0  # documents whose notice was held back (quiet hours, notifications off)
    trash: int = 0  # copies moved to the trash after a notice
    keep: int = 0  # kept, with a reason
    collaboration: int = 0  # the collaboration space opened instead
    dismissed: int = 0  # the notice closed without a choice
    opened: int = 0  # files handed to the mail program (allowed)
    acknowledged: int = 0  # shared with their conditions acknowledged
    refused: int = 0  # not shared: their label does not allow it there
    checked: int = 0  # checked for a destination without e-mail (usb, print, …)
    unconfirmed: int = 0  # not shared: allowed only on conditions the person did not confirm

    @property
    def chosen(self) -> int:
        """Notices followed by a choice (the notice closed without one not included)."""
        return self.trash + self.keep + self.collaboration

    @property
    def better_way(self) -> int:
        """Copies taken back, or the collaboration space used instead: the notice helped."""
        return self.trash + self.collaboration

    @property
    def shares(self) -> int:
        return self.opened + self.acknowledged + self.refused + self.checked + self.unconfirmed


_CHOICE_FIELDS = {"trash": "trash", "keep": "keep", "collaboration": "collaboration", "dismissed": "dismissed"}
_SHARE_FIELDS = {"opened-mail": "opened", "acknowledged": "acknowledged", "refused": "refused",
                 "checked": "checked", "unconfirmed": "unconfirmed"}


def sharing_moments(entries: Iterable[AuditEvent]) -> SharingMomentCounts:
    """Count the moments of sharing among `entries` (label changes and other entries are ignored)."""
    counts = dict.fromkeys(("notices", "held", *_CHOICE_FIELDS.values(), *_SHARE_FIELDS.values()), 0)
    for event in entries:
        if event.action == SHARING_NOTICE:
            counts["held" if event.choice == "held" else "notices"] += 1
        elif event.action == SHARING_CHOICE and event.choice in _CHOICE_FIELDS:
            counts[_CHOICE_FIELDS[event.choice]] += 1
        elif event.action == SHARE and event.choice in _SHARE_FIELDS:
            counts[_SHARE_FIELDS[event.choice]] += 1
    return SharingMomentCounts(**counts)


def label_changes(entries: Iterable[AuditEvent]) -> list[AuditEvent]:
    """The entries about labels (changes and aborts), without the moments of sharing."""
    return [e for e in entries if e.action not in SHARING_ACTIONS]


@dataclass(frozen=True)
class Stats:
    user: str
    timeline: Timeline
    distribution: Mapping[str, int]  # label id -> documents whose last change gave them this label
    methods: Mapping[str, int]  # every method of audit.METHODS, with its count of labels applied
    justified_downgrades: int
    names: Mapping[str, str] = field(default_factory=dict)  # label id -> name as logged (labels gone from the scheme)
    entries: int = 0  # the user's label entries read
    sharing: SharingMomentCounts = field(default_factory=SharingMomentCounts)

    @property
    def documents(self) -> int:
        return sum(self.distribution.values())


@dataclass(frozen=True)
class History:
    """The whole local trail, newest first, and whether its hash chain is intact."""

    entries: tuple[AuditEvent, ...]
    integrity: VerifyResult


# -- selecting -------------------------------------------------------------------
def own_entries(entries: Iterable[AuditEvent], user: str | None = None) -> list[AuditEvent]:
    """The entries made by `user` (the current login by default)."""
    user = user or current_user()
    return [e for e in entries if e.user == user]


def _label_id(ref: Mapping | None) -> str | None:
    return ref.get("id") if isinstance(ref, Mapping) else None


def _ordered(counts: Mapping[str, int], order: Sequence[str]) -> dict[str, int]:
    """`counts` without zeros, ids of `order` first in that order, unknown ids after them by name."""
    rank = {label_id: i for i, label_id in enumerate(order)}
    keys = sorted((k for k, v in counts.items() if v), key=lambda k: (rank.get(k, len(rank)), k))
    return {k: counts[k] for k in keys}


def _local_date(event: AuditEvent, tz: tzinfo | None) -> date | None:
    try:
        return event.when.astimezone(tz).date()
    except (ValueError, TypeError, AttributeError):
        return None


# -- the statistics ----------------------------------------------------------------
def timeline(entries: Iterable[AuditEvent], now: datetime | None = None, order: Sequence[str] = (),
             weeks: int = WEEKS, tz: tzinfo | None = None) -> Timeline:
    """Labels applied per week (Monday to Sunday) over the last `weeks` weeks, this week included.

    If everything applied in that window happened in the last `DAYS` days,
    the timeline counts per day over those days instead: one or two fat
    weekly bars would say less than fourteen thin ones.
    """
    now = (now or datetime.now().astimezone()).astimezone(tz)
    today = now.date()
    this_monday = today - timedelta(days=today.weekday())
    first_day = this_monday - timedelta(weeks=weeks - 1)
    # A restored label is the same label put back after another program dropped it, not a new one.
    applied = [(d, label_id) for e in entries if e.action == "apply" and e.method != "restored"
               for label_id in [_label_id(e.new_label)] if label_id
               for d in [_local_date(e, tz)] if d is not None and first_day <= d <= today]
    short = bool(applied) and min(d for d, _ in applied) > today - timedelta(days=DAYS)
    if short:
        unit, starts = DAY, [today - timedelta(days=DAYS - 1 - i) for i in range(DAYS)]
        step = timedelta(days=1)
    else:
        unit, starts = WEEK, [first_day + timedelta(weeks=i) for i in range(weeks)]
        step = timedelta(weeks=1)
    buckets = []
    for start in starts:
        counts: dict[str, int] = {}
        for day, label_id in applied:
            if start <= day < start + step:
                counts[label_id] = counts.get(label_id, 0) + 1
        buckets.append(Bucket(start, start + step, _ordered(counts, order)))
    return Timeline(unit, tuple(buckets))


def distribution(entries: Iterable[AuditEvent], order: Sequence[str] = ()) -> dict[str, int]:
    """Label id -> documents carrying it now: the last entry per path counts; removed labels do not."""
    last: dict[str, AuditEvent] = {}
    for event in sorted(label_changes(entries), key=lambda e: (e.time, e.seq)):
        last[event.path] = event
    counts: dict[str, int] = {}
    for event in last.values():
        label_id = _label_id(event.new_label) if event.action == "apply" else None
        if label_id:
            counts[label_id] = counts.get(label_id, 0) + 1
    return _ordered(counts, order)


def methods(entries: Iterable[AuditEvent]) -> dict[str, int]:
    """How the applied labels were chosen: every method of audit.METHODS with its count."""
    counts = dict.fromkeys(METHODS, 0)
    for event in entries:
        if event.action == "apply" and event.method in counts:
            counts[event.method] += 1
    return counts


def justified_downgrades(entries: Iterable[AuditEvent],
                         rank: Callable[[str], int | None] | None = None) -> int:
    """Labels lowered or removed with a justification.

    With `rank` (label id -> sensitivity, None if unknown) an "apply" only
    counts if it lowered the rank; without it every justified change counts
    (the service asks for a reason only when lowering or removing).
    """
    count = 0
    for event in label_changes(entries):
        if not (event.justification or "").strip():
            continue
        if event.action == "remove":
            count += 1
            continue
        old, new = _label_id(event.old_label), _label_id(event.new_label)
        if rank is None:
            count += 1
            continue
        old_rank = rank(old) if old else None
        new_rank = rank(new) if new else None
        if old_rank is not None and new_rank is not None and new_rank < old_rank:
            count += 1
    return count


def logged_names(entries: Iterable[AuditEvent]) -> dict[str, str]:
    """Label id -> the name last written in the log (for labels the current scheme no longer has)."""
    names: dict[str, str] = {}
    for event in entries:
        for ref in (event.old_label, event.new_label):
            if isinstance(ref, Mapping) and ref.get("id"):
                names[ref["id"]] = str(ref.get("name") or ref["id"])
    return names


def compute(entries: Iterable[AuditEvent], user: str | None = None, now: datetime | None = None,
            order: Sequence[str] = (), rank: Callable[[str], int | None] | None = None,
            tz: tzinfo | None = None) -> Stats:
    """Every statistic of the Awareness page for `user`'s entries."""
    user = user or current_user()
    every = own_entries(entries, user)
    mine = label_changes(every)
    return Stats(user=user, timeline=timeline(mine, now, order, tz=tz), distribution=distribution(mine, order),
                 methods=methods(mine), justified_downgrades=justified_downgrades(mine, rank),
                 names=logged_names(mine), entries=len(mine), sharing=sharing_moments(every))


def load(log: AuditLog | None = None, user: str | None = None, now: datetime | None = None,
         order: Sequence[str] = (), ranks: Mapping[str, int] | None = None) -> Stats:
    """Read the log (long: call it in a worker) and compute the statistics."""
    log = log or AuditLog.default()
    rank = ranks.get if ranks is not None else None
    return compute(log.entries(effective=True), user, now, order, rank)


def history(log: AuditLog | None = None) -> History:
    """The label changes newest first and the integrity of the whole trail (reads the log twice: a worker).

    Moments of sharing are left out: they change no label (the Awareness page counts them).
    """
    log = log or AuditLog.default()
    integrity = log.verify()
    entries = sorted(label_changes(log.entries(effective=True)), key=lambda e: (e.time, e.seq), reverse=True)
    return History(tuple(entries), integrity)
