"""What an arrival means (assess, the notice's texts) and how it is recorded (audit, syslog, awareness).

Real sample files, labelled by the real LabelService, copied into a throwaway home's ~/Dropbox.
"""
from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from labeler.core import awareness
from labeler.core.service import LabelService
from labeler.desktop.sharing.moments import Arrival, assess
from labeler.desktop.sharing.places import place_of, resolve_places
from labeler.desktop.sharing.records import (CHOICES, KEEP, TRASH, record_choice, record_notice)
from labeler.org.audit import SHARE, AuditEvent, AuditLog
from labeler.org.syslog_forward import Forwarder, format_message
from policy import load_builtin, parse_scheme
from tests.hints_support import IBAN_BE, make_docx
from tests.test_syslog import WAIT, UdpListener, parse_rfc5424

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def home(tmp_path, monkeypatch):
    folder = tmp_path / "home"
    (folder / "Dropbox").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(folder))
    monkeypatch.setenv("USER", "ann")
    monkeypatch.setenv("LOGNAME", "ann")
    return folder


@pytest.fixture
def scheme():
    return load_builtin("corporate")


@pytest.fixture
def labelled(tmp_path, scheme):
    """Copies of real documents labelled by the service, in a folder outside every sharing place."""
    service = LabelService(scheme)
    folder = tmp_path / "Documents"
    folder.mkdir()

    def make(name: str, label_id: str, sample: str = "lo-writer.docx") -> Path:
        path = folder / name
        shutil.copyfile(DATA / sample, path)
        assert service.apply(path, scheme.label(label_id)).ok
        return path
    return make


def arrive(scheme, *paths: Path, user_places=()) -> list[Arrival]:
    places = resolve_places(scheme, user_places)
    return [Arrival(p, place) for p in paths if (place := place_of(p, places)) is not None]


def into(folder: Path, *files: Path) -> list[Path]:
    copies = []
    for file in files:
        shutil.copyfile(file, folder / file.name)
        copies.append(folder / file.name)
    return copies


def test_a_confidential_copy_in_dropbox_gives_one_moment(home, scheme, labelled):
    original = labelled("budget.docx", "confidential")
    [copy] = into(home / "Dropbox", original)
    notice = assess(scheme, arrive(scheme, copy))
    assert notice is not None and len(notice.moments) == 1
    moment = notice.strictest
    assert moment.path == copy and moment.channel == "personal-cloud" and moment.verdict == "forbidden"
    assert moment.label_id == "confidential" and not moment.assumed
    assert notice.paths == (copy,) and notice.collaboration_url == scheme.collaboration_url
    assert notice.title() == "budget.docx — Personal cloud or web upload"
    rule = scheme.label("confidential").rule("personal-cloud")
    assert notice.body() == (f"budget.docx is Confidential. Personal cloud or web upload: not allowed. "
                             f"Why: {rule.why_text()} Instead: {rule.instead_text()}")


def test_a_foreign_label_the_scheme_maps_counts_as_that_label(home):
    """msip-custom.docx carries only a Microsoft label; a scheme that maps it calls it Confidential."""
    text = (Path(__file__).resolve().parent.parent / "resources" / "schemes" / "corporate.toml").read_text()
    text = text.replace('label_guid = "8b1d2f4e-3c5a-4e6b-9f7d-0a1b2c3d4e03"',
                        'label_guid = "8a4e2f6b-3c1d-4e5f-9a7b-6c5d4e3f2a1b"')
    text = text.replace('site_id = "4f1c7a2b-9d3e-4a5f-8b6c-7d8e9f0a1b2c"',
                        'site_id = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0"')
    mapped = parse_scheme(text.encode(), "mapped.toml")
    copy = home / "Dropbox" / "offer.docx"
    shutil.copyfile(DATA / "msip-custom.docx", copy)
    notice = assess(mapped, arrive(mapped, copy))
    assert notice is not None
    assert notice.strictest.label_id == "confidential" and not notice.strictest.assumed
    assert notice.body().startswith("offer.docx is Confidential.")


def test_allowed_and_unlabelled_plain_copies_are_silent(home, scheme, labelled, tmp_path):
    public = labelled("flyer.docx", "public")
    plain = tmp_path / "plain.docx"
    shutil.copyfile(DATA / "lo-writer.docx", plain)
    copies = into(home / "Dropbox", public, plain)
    assert assess(scheme, arrive(scheme, *copies)) is None
    # Internal is allowed on a stick: silent too.
    stick = tmp_path / "stick"
    stick.mkdir()
    [internal] = into(stick, labelled("memo.docx", "internal"))
    assert assess(scheme, arrive(scheme, internal, user_places=[(str(stick), "removable-media")])) is None


def test_an_unlabelled_document_with_sensitive_content_counts_as_its_hints(home, scheme):
    memo = make_docx(home / "Dropbox" / "payments.docx", [f"Please pay {IBAN_BE} before Friday."])
    notice = assess(scheme, arrive(scheme, memo))
    assert notice is not None
    moment = notice.strictest
    assert moment.assumed and moment.label_id == "confidential" and dict(moment.evidence) == {"iban": 1}
    body = notice.body()
    assert body.startswith("payments.docx counts as Confidential: no label yet, and it contains 1 IBAN number.")
    assert IBAN_BE not in body and IBAN_BE.replace(" ", "") not in body  # never the value


def test_a_conditional_place_names_its_condition(home, scheme, labelled, tmp_path):
    stick = tmp_path / "stick"
    stick.mkdir()
    [copy] = into(stick, labelled("budget.docx", "confidential"))
    notice = assess(scheme, arrive(scheme, copy, user_places=[(str(stick), "removable-media")]))
    rule = scheme.label("confidential").rule("removable-media")
    assert notice is not None and notice.strictest.verdict == "conditional"
    assert "Removable media (USB stick, external disk): allowed with conditions." in notice.body()
    assert rule.condition_text() == "encrypted USB only"  # a fragment in the scheme, a sentence in the notice
    assert "Condition: Encrypted USB only." in notice.body()


def test_many_files_give_one_summary_naming_the_strictest(home, scheme, labelled):
    copies = into(home / "Dropbox", labelled("a.docx", "internal"), labelled("b.docx", "strictly-confidential"),
                  labelled("c.docx", "confidential"), labelled("d.docx", "public"))
    notice = assess(scheme, arrive(scheme, *copies))
    assert notice is not None and len(notice.moments) == 3  # the public one is allowed
    assert notice.strictest.path.name == "b.docx"
    assert notice.title() == "3 documents — Personal cloud or web upload"
    body = notice.body()
    assert body.startswith("3 documents arrived where their labels do not allow them")
    assert "The strictest: b.docx is Strictly Confidential." in body
    assert "a.docx" not in body and "c.docx" not in body


def test_the_summary_says_only_what_holds_for_every_document(home, scheme, labelled, tmp_path):
    """A burst in which every copy was forbidden once read "… do not allow them, or allow them only with
    conditions": the summary now tells the two apart, and counts each when both are there."""
    forbidden = assess(scheme, arrive(scheme, *into(home / "Dropbox", labelled("a.docx", "internal"),
                                                    labelled("b.docx", "confidential"))))
    assert forbidden is not None
    assert forbidden.body().startswith("2 documents arrived where their labels do not allow them. The strictest:")
    stick = tmp_path / "stick"
    stick.mkdir()
    places = [(str(stick), "removable-media")]
    conditional = assess(scheme, arrive(scheme, *into(stick, labelled("c.docx", "confidential"),
                                                      labelled("d.docx", "confidential")), user_places=places))
    assert conditional is not None
    assert conditional.body().startswith("2 documents arrived where their labels allow them only with conditions.")
    mixed = assess(scheme, arrive(scheme, *into(stick, labelled("e.docx", "strictly-confidential")),
                                  *conditional.paths, user_places=places))
    assert mixed is not None
    assert mixed.body().startswith("3 documents arrived where their labels do not allow them (1) or allow them "
                                   "only with conditions (2).")
    dutch = mixed.body("nl")
    assert dutch.startswith("3 documenten zijn terechtgekomen waar hun label dat niet toestaat (1) of alleen "
                            "onder voorwaarden (2).")


def test_a_notice_shown_in_dutch_is_recorded_with_the_english_label_name(home, scheme, labelled, tmp_path):
    """The trail names labels in English, as for label changes and shares; a notice shown in Dutch wrote
    "Vertrouwelijk" into it."""
    log = AuditLog(tmp_path / "data" / "audit.jsonl")
    [copy] = into(home / "Dropbox", labelled("budget.docx", "confidential"))
    notice = assess(scheme, arrive(scheme, copy), "nl")
    assert notice is not None and notice.body("nl").startswith("budget.docx is Vertrouwelijk.")
    record_notice(log, notice, forwarder=False)
    record_choice(log, notice, KEEP, "de notaris", forwarder=False)
    assert [e.new_label for e in log.entries()] == [{"id": "confidential", "name": "Confidential"}] * 2


@pytest.mark.parametrize("lang, label, verdict, word", [
    ("nl", "Vertrouwelijk", "niet toegestaan", "Waarom:"), ("fr", "Confidentiel", "interdit", "Pourquoi\u00a0:")])
def test_the_notice_speaks_dutch_and_french(home, scheme, labelled, lang, label, verdict, word):
    copies = into(home / "Dropbox", labelled("budget.docx", "confidential"), labelled("plan.docx", "confidential"))
    notice = assess(scheme, arrive(scheme, copies[0]), lang)
    assert notice is not None
    body = notice.body(lang)
    assert label in body and verdict in body and word in body
    assert scheme.label("confidential").rule("personal-cloud").why_text(lang) in body
    many = assess(scheme, arrive(scheme, *copies), lang)
    assert many is not None
    english = assess(scheme, arrive(scheme, *copies))
    assert english is not None and many.body(lang).split(".")[0] != english.body().split(".")[0]
    assert many.body(lang).startswith("2 ") and many.title(lang).startswith("2 ")
    assert "The strictest" not in many.body(lang)


# -- records ---------------------------------------------------------------------------------------
@pytest.fixture
def log(tmp_path):
    return AuditLog(tmp_path / "data" / "audit.jsonl")


def test_notice_and_choice_are_recorded_and_the_chain_stays_intact(home, scheme, labelled, log):
    copies = into(home / "Dropbox", labelled("budget.docx", "confidential"), labelled("b.docx", "internal"))
    notice = assess(scheme, arrive(scheme, *copies))
    assert notice is not None
    record_notice(log, notice, forwarder=False)
    record_choice(log, notice, KEEP, "the notary\nasked for it;\tcopy deleted Friday", forwarder=False)
    record_choice(log, notice, TRASH, "ignored for the trash", forwarder=False)
    entries = log.entries()
    assert [e.action for e in entries] == ["sharing-notice"] * 2 + ["sharing-choice"] * 4
    first = entries[0]
    assert first.path == str(copies[0]) and first.channel == "personal-cloud" and first.verdict == "forbidden"
    assert first.new_label == {"id": "confidential", "name": "Confidential"} and first.method == "labelled"
    assert first.content_sha256 is None and first.choice is None
    kept = entries[2]
    assert kept.choice == "keep" and kept.justification == "the notary asked for it; copy deleted Friday"
    assert entries[4].choice == "trash" and entries[4].justification is None
    assert log.verify().ok and log.verify().entries == 6
    with pytest.raises(ValueError):
        record_choice(log, notice, "burn", forwarder=False)
    assert set(CHOICES) == {"trash", "keep", "collaboration", "dismissed"}


def test_records_never_hold_content_or_matched_values(home, scheme, log):
    memo = make_docx(home / "Dropbox" / "payments.docx", [f"Please pay {IBAN_BE} before Friday."])
    notice = assess(scheme, arrive(scheme, memo))
    assert notice is not None
    record_notice(log, notice, forwarder=False)
    [entry] = log.entries()
    assert entry.method == "assumed" and entry.new_label["id"] == "confidential"
    text = log.path.read_text(encoding="utf-8") + format_message(entry)
    for value in (IBAN_BE, IBAN_BE.replace(" ", ""), "Please pay", "Friday"):
        assert value not in text


def test_moments_go_to_syslog_with_their_fields(home, scheme, labelled, log, tmp_path):
    [copy] = into(home / "Dropbox", labelled("budget.docx", "confidential"))
    notice = assess(scheme, arrive(scheme, copy))
    listener = UdpListener()
    try:
        forwarder = Forwarder("127.0.0.1", listener.port, "udp", spool_path=tmp_path / "outbox.jsonl",
                              background=False)
        record_notice(log, notice, forwarder)
        record_choice(log, notice, KEEP, "sent to the notary", forwarder)
        notice_msg = parse_rfc5424(listener.received.get(timeout=WAIT))
        choice_msg = parse_rfc5424(listener.received.get(timeout=WAIT))
    finally:
        listener.close()
    assert notice_msg["msgid"] == "sharing-notice" and choice_msg["msgid"] == "sharing-choice"
    p = notice_msg["params"]
    assert p["action"] == "sharing-notice" and p["channel"] == "personal-cloud" and p["verdict"] == "forbidden"
    assert p["label"] == "confidential" and p["method"] == "labelled" and p["seq"] == "1"
    assert p["path"] == str(copy) and "sha256" not in p and "choice" not in p
    assert "arrived in a personal-cloud place, where it is forbidden" in notice_msg["msg"]
    q = choice_msg["params"]
    assert q["choice"] == "keep" and q["justification"] == "sent to the notary" and q["seq"] == "2"
    assert 'chose keep after the notice' in choice_msg["msg"]


def test_below_recommendation_is_forwarded(tmp_path):
    doc = tmp_path / "memo.docx"
    doc.write_bytes(b"x")
    event = AuditEvent.create("apply", doc, None, ("internal", "Internal"), "manual",
                              below_recommendation={"recommended": "confidential", "reason": "the IBAN is ours"})
    params = parse_rfc5424(format_message(event).encode())["params"]
    assert params["recommended"] == "confidential" and params["below_reason"] == "the IBAN is ours"
    assert 'Below the recommended label confidential: "the IBAN is ours"' in format_message(event)


def test_an_unconfirmed_share_is_recorded_listed_counted_and_forwarded(home, scheme, labelled, log):
    """Allowed only with conditions and not confirmed: not sent, and said so everywhere (not "refused")."""
    from labeler.commands.audit import describe
    from labeler.core.share import share_decisions
    from labeler.desktop.sharing.records import SHARE_RESULTS, UNCONFIRMED, record_share

    path = labelled("memo.docx", "internal")
    decisions = share_decisions(scheme, [path], ["someone@gmail.com"], "en")
    assert decisions[0].conditional
    [event] = record_share(log, decisions, "someone@gmail.com", UNCONFIRMED, forwarder=False)
    assert UNCONFIRMED in SHARE_RESULTS and [e.choice for e in log.entries()] == ["unconfirmed"]
    assert describe(event).endswith(f"share: unconfirmed  Internal → email-external: conditional  {path}")
    counts = awareness.sharing_moments(log.entries())
    assert (counts.unconfirmed, counts.refused, counts.shares) == (1, 0, 1)
    message = format_message(event)
    assert "checked" in message and "for sharing to email-external, where it is conditional: unconfirmed." in message
    assert parse_rfc5424(message.encode())["params"]["choice"] == "unconfirmed"


# -- awareness ---------------------------------------------------------------------------------------
def test_awareness_counts_moments_and_label_statistics_ignore_them(home, scheme, labelled, log):
    service = LabelService(scheme, audit=log)
    original = labelled("budget.docx", "public")
    assert service.apply(original, scheme.label("confidential")).ok
    [copy] = into(home / "Dropbox", original)
    notice = assess(scheme, arrive(scheme, copy))
    record_notice(log, notice, forwarder=False)
    record_choice(log, notice, KEEP, "the notary asked for it", forwarder=False)
    record_notice(log, notice, forwarder=False, shown=False)  # quiet hours: held back
    record_choice(log, notice, TRASH, forwarder=False)
    counts = awareness.sharing_moments(log.entries())
    assert (counts.notices, counts.held, counts.trash, counts.keep, counts.better_way, counts.shares) == \
        (1, 1, 1, 1, 1, 0)
    stats = awareness.compute(log.entries(effective=True))
    assert stats.entries == 1 and dict(stats.distribution) == {"confidential": 1}
    assert stats.justified_downgrades == 0 and stats.sharing.notices == 1  # the reason to keep is no downgrade
    history = awareness.history(log)
    assert [e.action for e in history.entries] == ["apply"] and history.integrity.entries == 5
    # The last entry for a path being a moment of sharing does not take its label away.
    moved = [dataclasses.replace(e, path=str(original)) for e in log.entries()]
    assert dict(awareness.distribution(moved)) == {"confidential": 1}


def test_labeler_audit_lists_moments_readably(home, scheme, labelled, log):
    from labeler.commands.audit import ACTION_WIDTH, describe, of_kind

    original = labelled("budget.docx", "confidential")
    log.append(AuditEvent.create("apply", original, None, scheme.label("confidential")))
    [copy] = into(home / "Dropbox", original)
    notice = assess(scheme, arrive(scheme, copy))
    record_notice(log, notice, forwarder=False)
    record_notice(log, notice, forwarder=False, shown=False)
    record_choice(log, notice, KEEP, "agreed with the notary", forwarder=False)
    log.append(AuditEvent.sharing(SHARE, original, scheme.label("confidential"), "email-external", "forbidden",
                                  choice="refused"))
    lines = [describe(e) for e in log.entries()]
    changed, shown, held, kept, refused = lines
    assert changed.endswith(f"apply               — → Confidential  {original}  (manual)")
    assert shown.endswith(f"notice: shown       Confidential → personal-cloud: forbidden  {copy}")
    assert held.endswith(f"notice: held        Confidential → personal-cloud: forbidden  {copy}")
    assert kept.endswith(f'choice: keep        Confidential → personal-cloud: forbidden  {copy}  "agreed with the '
                         'notary"')
    assert refused.endswith(f"share: refused      Confidential → email-external: forbidden  {original}")
    # The same columns on every line: what follows the action starts in one column, after two spaces.
    column = len(changed.split("  ")[0]) + 2 + len(changed.split("  ")[1]) + 2 + ACTION_WIDTH + 2
    assert {line[column - 2:column] for line in lines} == {"  "} and all(line[column] != " " for line in lines)
    assert all(of_kind(e, "sharing") == (e.action != "apply") for e in log.entries())
