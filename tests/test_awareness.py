"""The Awareness statistics, computed from a real audit log written by the real LabelService."""
from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta, UTC

import pytest

from labeler.core import awareness
from labeler.org.audit import AuditLog
from labeler.system import current_user
from labeler.core.service import LabelService
from policy import load_builtin

ORDER = ["public", "internal", "confidential", "strictly-confidential"]


@pytest.fixture
def log(tmp_path, monkeypatch):
    monkeypatch.setenv("LABELER_DATA_DIR", str(tmp_path / "data"))
    return AuditLog.default()


@pytest.fixture
def labelled(log, sample):
    """Five label changes and a removal on three real documents, as a person would make them."""
    scheme = load_builtin()
    service = LabelService(scheme, audit=log)
    label = scheme.label
    a, b, c = sample("lo-writer.docx", "a.docx"), sample("lo-calc.xlsx", "b.xlsx"), sample("lo-writer.odt", "c.odt")
    steps = [(a, "internal", "manual", None), (b, "confidential", "recommended", None),
             (c, "public", "default", None), (a, "confidential", "manual", None),
             (b, "internal", "manual", "sent to a partner under NDA")]
    for path, label_id, method, justification in steps:
        outcome = service.apply(path, label(label_id), method=method, justification=justification)
        assert outcome.ok, outcome.message
    assert service.remove(c).ok
    return scheme


def ranks(scheme):
    return {l.id: l.rank for l in scheme.labels}


def test_statistics_of_real_labelling(log, labelled):
    stats = awareness.load(log, order=ORDER, ranks=ranks(labelled))
    assert stats.user == current_user() and stats.entries == 6
    # Everything happened today: a short history is counted per day, today last.
    timeline = stats.timeline
    assert timeline.unit == awareness.DAY and len(timeline.buckets) == awareness.DAYS
    today = timeline.buckets[-1]
    assert today.start == datetime.now().astimezone().date()
    assert dict(today.counts) == {"public": 1, "internal": 2, "confidential": 2}
    assert list(today.counts) == ["public", "internal", "confidential"]  # scheme order
    assert timeline.total == 5 and sum(b.total for b in timeline.buckets[:-1]) == 0
    # a.docx is Confidential, b.xlsx Internal; c.odt's label was removed.
    assert dict(stats.distribution) == {"internal": 1, "confidential": 1}
    assert dict(stats.methods) == {"manual": 3, "recommended": 1, "default": 1}
    assert stats.justified_downgrades == 1
    assert stats.names["confidential"] == "Confidential"


def shifted(entries, days_ago, now):
    """The same entries, each moved to `days_ago[i]` days before `now`."""
    return [dataclasses.replace(e, time=(now - timedelta(days=d)).isoformat().replace("+00:00", "Z"))
            for e, d in zip(entries, days_ago)]


def test_weeks_start_on_monday_and_cover_twelve_weeks(log, labelled):
    now = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)  # a Thursday
    entries = shifted(log.entries(), [0, 3, 10, 40, 200, 1], now)  # the removal 1 day ago
    timeline = awareness.timeline(entries, now, ORDER, tz=UTC)
    assert timeline.unit == awareness.WEEK and len(timeline.buckets) == 12
    assert timeline.buckets[-1].start == date(2026, 11, 23)  # this week's Monday
    assert timeline.buckets[0].start == date(2026, 9, 7)
    assert all(b.start.weekday() == 0 and b.end - b.start == timedelta(weeks=1) for b in timeline.buckets)
    by_start = {b.start: dict(b.counts) for b in timeline.buckets}
    assert by_start[date(2026, 11, 23)] == {"internal": 1, "confidential": 1}  # today and 3 days ago (Monday)
    assert by_start[date(2026, 11, 16)] == {"public": 1}  # 10 days ago
    assert by_start[date(2026, 10, 12)] == {"confidential": 1}  # 40 days ago
    assert timeline.total == 4  # 200 days ago is outside the window; a removal is no label applied
    assert timeline.totals_by_label() == {"internal": 1, "confidential": 2, "public": 1}


def test_only_the_users_own_entries_count(log, labelled):
    entries = log.entries()
    someone_else = [dataclasses.replace(e, user="someone-else") for e in entries]
    stats = awareness.compute(entries + someone_else, order=ORDER)
    assert stats.entries == len(entries) and stats.timeline.total == 5
    assert awareness.compute(entries, user="someone-else").entries == 0


def test_distribution_takes_the_last_change_per_document():
    from labeler.org.audit import AuditEvent

    def event(path, action, new, time, seq):
        return AuditEvent(action, path, None, None, {"id": new, "name": new.title()} if new else None, "manual",
                          user="me", time=time, seq=seq)
    entries = [event("/d/x", "apply", "secret", "2026-01-01T10:00:00.000Z", 1),
               event("/d/x", "apply", "internal", "2026-01-02T10:00:00.000Z", 2),
               event("/d/y", "apply", "public", "2026-01-01T10:00:00.000Z", 3),
               event("/d/z", "apply", "internal", "2026-01-01T10:00:00.000Z", 4),
               event("/d/z", "remove", None, "2026-01-03T10:00:00.000Z", 5)]
    assert awareness.distribution(entries, ["public", "internal"]) == {"public": 1, "internal": 1}
    assert list(awareness.distribution(entries, ["internal", "public"])) == ["internal", "public"]


def test_without_ranks_every_justified_change_counts_as_a_downgrade(log, labelled):
    entries = log.entries()
    assert awareness.justified_downgrades(entries) == 1
    upgrade_with_reason = [dataclasses.replace(entries[3], justification="why not")]  # internal -> confidential
    assert awareness.justified_downgrades(upgrade_with_reason, ranks(labelled).get) == 0


def test_history_is_newest_first_with_its_integrity(log, labelled):
    history = awareness.history(log)
    assert history.integrity.ok and history.integrity.entries == 6
    assert [e.seq for e in history.entries] == [6, 5, 4, 3, 2, 1]
    assert history.entries[0].action == "remove"


def test_an_empty_log_gives_empty_statistics(log):
    stats = awareness.load(log, order=ORDER)
    assert stats.entries == 0 and stats.timeline.total == 0 and stats.timeline.unit == awareness.WEEK
    assert stats.distribution == {} and stats.documents == 0
    assert awareness.history(log).integrity.ok
