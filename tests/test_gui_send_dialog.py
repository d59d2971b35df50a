""""Send by e-mail…" with real widgets offscreen, real labelled files and a stand-in mail app.

The files are copies of tests/data samples, labelled through the label
service with the built-in corporate scheme, whose rules for someone@gmail.com
(e-mail to anyone else) are: Public allowed, Internal allowed with
conditions (up to 30 KB), Confidential not allowed.  The mail app is a
stand-in `xdg-email` first on PATH that writes its arguments to a file, so
"was it started, and with what" is read back, never assumed.  Every test has
its own HOME and audit log.
"""
from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import Qt  # noqa: E402

from gui_helpers import audit_entries, copy_sample  # noqa: E402
from labeler.core.service import LabelService  # noqa: E402
from ui.sharing.send_dialog import SendDialog, open_send_dialog  # noqa: E402

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the stand-in mail app is a shell script")
GMAIL = "someone@gmail.com"
WAIT = 15000


@pytest.fixture
def home(tmp_path, monkeypatch):
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    return folder


@pytest.fixture
def mail_app(tmp_path, monkeypatch):
    """A stand-in `xdg-email` first on PATH: each start appends its arguments (a JSON list) to a file."""
    folder = tmp_path / "bin"
    folder.mkdir()
    calls = tmp_path / "xdg-email-calls.jsonl"
    script = folder / "xdg-email"
    script.write_text(f"#!{sys.executable}\nimport json, sys\n"
                      f"with open({str(calls)!r}, 'a', encoding='utf-8') as f:\n"
                      "    f.write(json.dumps(sys.argv[1:]) + '\\n')\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ.get('PATH', '')}")

    class MailApp:
        @staticmethod
        def calls() -> list[list[str]]:
            if not calls.exists():
                return []
            return [json.loads(line) for line in calls.read_text("utf-8").splitlines()]
    return MailApp


@pytest.fixture
def files(tmp_path, scheme):
    """public.docx (Public), notes.xlsx (Internal, small), budget.odt (Confidential), memo.pdf (no label)."""
    folder = tmp_path / "Documents"
    folder.mkdir()
    service = LabelService(scheme)
    made = {}
    for name, sample, label in (("public.docx", "lo-writer.docx", "public"),
                                ("notes.xlsx", "lo-calc.xlsx", "internal"),
                                ("budget.odt", "lo-writer.odt", "confidential"),
                                ("memo.pdf", "lo-writer.pdf", None)):
        path = copy_sample(folder, sample, name)
        if label is not None:
            assert service.apply(path, scheme.label(label)).ok
        made[label or "none"] = path
    return made


@pytest.fixture
def dialogs(qtbot, scheme, home, data_dir):
    """Open real send dialogs (English unless asked); closed and awaited after the test."""
    opened: list[SendDialog] = []

    def make(paths, lang="en") -> SendDialog:
        dialog = SendDialog([str(p) for p in paths], scheme, service=LabelService(scheme), lang=lang)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: dialog.loaded, timeout=WAIT)
        opened.append(dialog)
        return dialog
    yield make
    for dialog in opened:
        dialog.done(0)


def type_recipients(qtbot, dialog: SendDialog, text: str) -> None:
    """Type as a person does; the verdicts follow once typing pauses."""
    dialog.to.clear()
    qtbot.keyClicks(dialog.to, text)
    qtbot.waitUntil(lambda: not dialog._timer.isActive(), timeout=WAIT)


def send_and_wait(qtbot, dialog: SendDialog):
    with qtbot.waitSignal(dialog.sent, timeout=WAIT) as blocker:
        dialog.send_button.click()
    return blocker.args[0]


def shares(data_dir: Path) -> list[tuple[str, str, str]]:
    """(file name, verdict, choice) of every "share" record in this test's audit log."""
    return [(Path(e["path"]).name, e.get("verdict"), e.get("choice")) for e in audit_entries(data_dir)
            if e.get("action") == "share"]


# -- the verdicts -------------------------------------------------------------------------------
def test_each_file_shows_its_label_and_its_verdict_as_the_person_types(qtbot, dialogs, files):
    dialog = dialogs([files["public"], files["internal"], files["confidential"], files["none"]])
    rows = dialog.files.rows
    assert [row.label.text() for row in rows] == ["Public", "Internal", "Confidential",
                                                  "counts as Internal — not labelled"]
    assert not dialog.send_button.isEnabled() and dialog.hint.text() == "Type the recipients first."
    assert all(row.verdict_box.isHidden() for row in rows)

    type_recipients(qtbot, dialog, GMAIL)
    assert "E-mail to anyone else: someone@gmail.com" in dialog.to_note.text()
    assert [row.mark.verdict for row in rows] == ["allowed", "conditional", "forbidden", "conditional"]
    assert rows[1].headline.text().startswith("Allowed with conditions: Only when the recipient needs it")
    assert rows[2].headline.text() == "Not allowed for someone@gmail.com."
    assert "Why: Confidential information" in rows[2].detail.text() and "Instead: " in rows[2].detail.text()
    assert dialog.ack.isVisible() and not dialog.ack.isChecked()
    assert dialog.send_button.isEnabled()
    # Counted by what stays out (it once said "the others are left out" for a single file).
    assert dialog.hint.text() == "1 of 4 files will be attached; 3 are left out."

    type_recipients(qtbot, dialog, "ann@example.com")  # inside the organisation: everything may go
    assert [row.mark.verdict for row in rows] == ["allowed"] * 4
    assert rows[0].headline.text() == "Allowed for this recipient."  # one recipient, not "these"
    assert not dialog.ack.isVisible()
    assert dialog.hint.text() == "4 files will be attached."


def test_several_recipients_take_the_strictest_rule_and_say_for_whom(qtbot, dialogs, files):
    dialog = dialogs([files["confidential"]])
    type_recipients(qtbot, dialog, f"Ann Peeters <ann@example.com>; {GMAIL}, other@gmail.com")
    assert dialog.recipients.addresses == ("ann@example.com", GMAIL, "other@gmail.com")
    row = dialog.files.rows[0]
    assert row.mark.verdict == "forbidden"
    assert row.headline.text() == "Not allowed for someone@gmail.com, other@gmail.com."
    assert not dialog.send_button.isEnabled()
    assert dialog.hint.text() == "None of these files may go to these recipients."


def test_recipients_that_are_not_addresses_are_named_in_a_clear_sentence(qtbot, dialogs, files):
    dialog = dialogs([files["public"]])
    type_recipients(qtbot, dialog, "ann@example.com, bob@")
    assert dialog.to_note.text() == "“bob@” is not an e-mail address; an address looks like name@example.com."
    assert not dialog.send_button.isEnabled() and dialog.hint.text() == "Correct the recipients first."
    qtbot.keyClick(dialog.to, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.last_send is None


# -- what reaches the mail app --------------------------------------------------------------------
def test_a_forbidden_file_never_starts_the_mail_app(qtbot, dialogs, files, mail_app, data_dir):
    dialog = dialogs([files["confidential"]])
    type_recipients(qtbot, dialog, GMAIL)
    assert not dialog.send_button.isEnabled()
    qtbot.keyClick(dialog.to, Qt.Key.Key_Return)  # Enter does not get round the disabled button
    dialog.send()  # nor does calling it directly
    assert dialog.last_send is None and not dialog.busy
    assert mail_app.calls() == []
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # closing on a refusal records it
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: shares(data_dir) == [("budget.odt", "forbidden", "refused")], timeout=WAIT)
    assert mail_app.calls() == []


def test_an_allowed_file_is_attached_and_the_share_recorded(qtbot, dialogs, files, mail_app, data_dir):
    dialog = dialogs([files["public"]])
    type_recipients(qtbot, dialog, GMAIL)
    result = send_and_wait(qtbot, dialog)
    assert mail_app.calls() == [["--attach", str(files["public"]), GMAIL]]
    assert result.attached == (files["public"],) and result.error is None
    assert dialog.outcome.text() == ("Your mail app is opening a new e-mail with 1 file attached; check it and "
                                     "send it from there.")
    assert not dialog.send_button.isEnabled() and dialog.to.isReadOnly()
    assert shares(data_dir) == [("public.docx", "allowed", "opened-mail")]
    record = next(e for e in audit_entries(data_dir) if e.get("action") == "share")
    assert GMAIL not in json.dumps(record)  # an address names a person: the channel says where it went


def test_conditional_files_need_the_acknowledgement(qtbot, dialogs, files, mail_app, data_dir):
    dialog = dialogs([files["public"], files["internal"], files["confidential"]])
    type_recipients(qtbot, dialog, GMAIL)
    result = send_and_wait(qtbot, dialog)  # not acknowledged: only the allowed file goes
    assert mail_app.calls() == [["--attach", str(files["public"]), GMAIL]]
    assert [d.path.name for d in result.refused] == ["budget.odt"]
    assert [d.path.name for d in result.unconfirmed] == ["notes.xlsx"]
    assert dialog.outcome.text() == (
        "Your mail app is opening a new e-mail with 1 file attached; check it and send it from there. "
        "Not attached, as the label does not allow it for these recipients: budget.odt. "
        "Not attached, as the conditions were not confirmed: notes.xlsx.")
    assert sorted(shares(data_dir)) == [("budget.odt", "forbidden", "refused"),
                                        ("notes.xlsx", "conditional", "unconfirmed"),  # as `labeler share`
                                        ("public.docx", "allowed", "opened-mail")]

    again = dialogs([files["public"], files["internal"], files["confidential"]])
    type_recipients(qtbot, again, f"{GMAIL}, ann@example.com")
    assert again.files.rows[0].headline.text() == "Allowed for these 2 recipients."
    again.ack.click()
    assert again.hint.text() == "2 of 3 files will be attached; 1 is left out."
    send_and_wait(qtbot, again)
    assert mail_app.calls()[-1] == ["--attach", str(files["public"]), "--attach", str(files["internal"]), GMAIL,
                                    "ann@example.com"]
    assert not any(str(files["confidential"]) in call for call in mail_app.calls())
    # Recorded as `labeler share --ack` records it: the file on confirmed conditions is "acknowledged"
    # (it was "opened-mail", like an allowed one).
    assert sorted(shares(data_dir))[-2:] == [("public.docx", "allowed", "opened-mail"),
                                             ("public.docx", "allowed", "opened-mail")]
    assert ("notes.xlsx", "conditional", "acknowledged") in shares(data_dir)
    assert again.hint.text() == "Done: the e-mail was handed to your mail app."


def test_only_conditional_files_wait_for_the_tick(qtbot, dialogs, files, mail_app):
    dialog = dialogs([files["internal"]])
    type_recipients(qtbot, dialog, GMAIL)
    assert not dialog.send_button.isEnabled()
    assert dialog.hint.text() == "Tick “I have read the conditions” to attach the files with conditions."
    qtbot.keyClick(dialog.to, Qt.Key.Key_Return)  # Enter moves on to what is missing
    assert dialog.focusWidget() is dialog.ack
    qtbot.keyClick(dialog.ack, Qt.Key.Key_Space)
    assert dialog.ack.isChecked() and dialog.send_button.isEnabled()
    with qtbot.waitSignal(dialog.sent, timeout=WAIT):
        qtbot.keyClick(dialog.ack, Qt.Key.Key_Return)  # and then sends
    assert mail_app.calls() == [["--attach", str(files["internal"]), GMAIL]]


def test_enter_right_after_typing_uses_what_is_typed_now(qtbot, dialogs, files, mail_app):
    dialog = dialogs([files["confidential"]])
    type_recipients(qtbot, dialog, "ann@example.com")  # inside: allowed
    assert dialog.send_button.isEnabled()
    qtbot.keyClicks(dialog.to, ", someone@gmail.com")
    assert dialog._timer.isActive()  # the verdicts have not caught up yet…
    qtbot.keyClick(dialog.to, Qt.Key.Key_Return)  # …but Enter checks what is in the field now
    assert dialog.last_send is None and mail_app.calls() == []
    assert dialog.files.rows[0].mark.verdict == "forbidden"


def test_without_a_mail_app_the_dialog_says_so_in_one_sentence(qtbot, dialogs, files, tmp_path, monkeypatch,
                                                                 data_dir):
    empty = tmp_path / "no-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    dialog = dialogs([files["public"]])
    type_recipients(qtbot, dialog, GMAIL)
    result = send_and_wait(qtbot, dialog)
    assert result.error and result.attached == ()
    text = dialog.outcome.text()
    assert text.startswith("Your mail app could not be opened: ") and text.count(". ") == 0
    assert "xdg-email" in text
    assert dialog.send_button.isEnabled()  # nothing happened: it may be tried again
    assert shares(data_dir) == []  # nothing was shared


def test_enter_on_close_closes_without_sending(qtbot, dialogs, files, mail_app):
    dialog = dialogs([files["public"]])
    type_recipients(qtbot, dialog, GMAIL)
    assert dialog.send_button.isEnabled()
    dialog.close_button.setFocus()
    qtbot.keyClick(dialog.close_button, Qt.Key.Key_Return)
    assert not dialog.isVisible() and mail_app.calls() == []


def test_esc_closes_and_an_open_dialog_takes_more_files(qtbot, scheme, files, home, data_dir):
    dialog = open_send_dialog([files["public"]], scheme, service=LabelService(scheme), lang="en")
    qtbot.waitUntil(lambda: dialog.loaded, timeout=WAIT)
    assert dialog.focusWidget() is dialog.to or dialog.to.hasFocus()
    assert dialog.accepts_files()
    assert dialog.add_paths([str(files["internal"]), str(files["public"])]) == [files["internal"]]
    qtbot.waitUntil(lambda: dialog.loaded, timeout=WAIT)
    assert dialog.title.text() == "Send 2 files by e-mail"
    assert [row.label.text() for row in dialog.files.rows] == ["Public", "Internal"]
    gone = []
    dialog.destroyed.connect(lambda *args: gone.append(True))
    qtbot.keyClick(dialog.to, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: bool(gone), timeout=WAIT)  # closed and deleted; nothing typed, nothing recorded
    assert not [e for e in audit_entries(data_dir) if e.get("action") == "share"]


# -- languages ------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang, title, verdict, ack", [
    ("nl", "Per e-mail versturen", "Niet toegestaan voor someone@gmail.com.",
     "Ik heb de voorwaarden gelezen en zal ze volgen"),
    ("fr", "Envoyer par e-mail", "Non autorisé pour someone@gmail.com.",
     "J’ai lu les conditions et je les respecterai"),
])
def test_the_dialog_speaks_dutch_and_french(qtbot, dialogs, files, lang, title, verdict, ack):
    from ui.i18n import set_language

    try:
        dialog = dialogs([files["internal"], files["confidential"]], lang=lang)
        type_recipients(qtbot, dialog, GMAIL)
        assert dialog.windowTitle() == title
        assert dialog.files.rows[1].headline.text() == verdict
        assert dialog.ack.text() == ack
        assert dialog.files.rows[1].label.text() == {"nl": "Vertrouwelijk", "fr": "Confidentiel"}[lang]
    finally:
        set_language("en")



def test_a_long_list_is_a_visible_tab_stop_and_a_short_one_is_none(qtbot, dialogs, files, tmp_path, scheme):
    """The file list took Tab with no sign of it (a scroll area draws no focus frame): it is now a stop
    only when it scrolls, and its frame shows the focus."""
    short = dialogs([files["public"]])
    type_recipients(qtbot, short, GMAIL)
    assert short.files.area.focusPolicy() == Qt.FocusPolicy.NoFocus
    short.to.setFocus()
    qtbot.keyClick(short.to, Qt.Key.Key_Tab)
    assert short.focusWidget() is not short.files.area

    many = [files["public"]]
    for i in range(12):
        many.append(copy_sample(tmp_path / "Documents", "lo-writer.docx", f"extra-{i:02}.docx"))
    long = dialogs(many)
    long.resize(640, 520)
    type_recipients(qtbot, long, GMAIL)
    qtbot.waitUntil(lambda: long.files.area.verticalScrollBar().maximum() > 0, timeout=WAIT)
    assert long.files.area.focusPolicy() == Qt.FocusPolicy.StrongFocus
    assert long.files.area.accessibleName() == "What the labels allow for these recipients"
    long.files.area.setFocus()
    qtbot.waitUntil(long.files.area.hasFocus, timeout=WAIT)
    assert "palette(highlight)" in long.files.styleSheet()
    qtbot.keyClick(long.files.area, Qt.Key.Key_PageDown)
    assert long.files.area.verticalScrollBar().value() > 0
    long.to.setFocus()
    qtbot.waitUntil(lambda: long.files.styleSheet() == "", timeout=WAIT)


def test_the_recipients_note_follows_french_punctuation(qtbot, dialogs, files):
    from ui.i18n import set_language

    try:
        dialog = dialogs([files["public"]], lang="fr")
        type_recipients(qtbot, dialog, GMAIL)
        assert dialog.to_note.text() == "Courriel à tout autre destinataire\u00a0: someone@gmail.com"
    finally:
        set_language("en")
