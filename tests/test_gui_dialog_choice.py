"""The person's choice in the labelling dialog: what it starts with, what Enter does, going below a
recommendation, batches grouped by recommendation, and files that cannot be labelled.

Real widgets (pytest-qt, offscreen), real files, the real service and audit log.
"""
from __future__ import annotations

import json
import zipfile

import pytest

pytest.importorskip("PySide6")
pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402

from gui_helpers import IBAN, audit_entries, card, copy_sample, our_label_id  # noqa: E402
from labeler.core.service import LabelService  # noqa: E402
from labeler.org.audit import AuditEvent, AuditLog  # noqa: E402

WAIT = 15_000
CARD = "4111 1111 1111 1111"
NATIONAL = "85.07.30-033.28"


def make_memo(path):
    """The memo of the report: an IBAN, a card number and a national number (Confidential recommended)."""
    import docx

    document = docx.Document()
    document.add_heading("Memo", level=1)
    document.add_paragraph(f"Refund to {IBAN}, paid with card {CARD}; customer national number {NATIONAL}.")
    document.save(path)
    return path


def groups(dialog) -> dict:
    """Group title -> [(file, current, found, will get)] as the tree shows them."""
    tree = dialog.view.choose.files.files
    result = {}
    for i in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(i)
        result[group.text(0)] = [tuple(group.child(j).text(c) for c in range(4)) for j in range(group.childCount())]
    return result


def group_item(dialog, title):
    tree = dialog.view.choose.files.files
    return next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount()) if tree.topLevelItem(i).text(0) == title)


def choose_in_group(dialog, title, label_name):
    tree = dialog.view.choose.files.files
    combo = tree.group_combo(group_item(dialog, title))
    position = combo.findText(label_name)
    assert position > 0, [combo.itemText(i) for i in range(combo.count())]
    combo.setCurrentIndex(position)
    combo.activated.emit(position)


def msip_method(path) -> str:
    with zipfile.ZipFile(path) as z:
        custom = z.read("docProps/custom.xml").decode("utf-8")
    return "Privileged" if "Privileged" in custom else "Standard" if "Standard" in custom else "?"


def apply_and_wait(qtbot, dialog, key=False):
    assert dialog.view.apply.isEnabled(), dialog.view.apply.toolTip()
    with qtbot.waitSignal(dialog.labelsApplied, timeout=WAIT) as blocker:
        if key:
            qtbot.keyClick(dialog, Qt.Key.Key_Return)
        else:
            qtbot.mouseClick(dialog.view.apply, Qt.MouseButton.LeftButton)
    return blocker.args[0]


# -- one file: the start state and Enter ----------------------------------------------------------
def test_enter_never_applies_a_label_below_the_recommendation(qtbot, make_dialog, files, data_dir):
    memo = make_memo(files / "memo.docx")
    before = memo.read_bytes()
    dialog = make_dialog([memo])
    # The start state shows the recommendation (no current label) but chooses nothing.
    assert dialog.recommended_label_id() == "confidential"
    assert dialog.highlighted_label_id() == "confidential" and dialog.selected_label_id() is None
    assert "If you choose Confidential" in dialog.view.choose.consequences.title.text()
    assert not dialog.view.apply.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.wait(100)
    assert memo.read_bytes() == before

    qtbot.keyClick(dialog, Qt.Key.Key_2)  # Internal: below the recommendation
    page = dialog.view.choose
    assert page.justification_box.isVisible()
    assert "The content suggests Confidential. Why is Internal enough?" in page.justification_prompt.text()
    assert not dialog.view.apply.isEnabled()
    assert dialog.view.hint.text() == "A lower label than recommended needs a reason: type it above."
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # one keystroke does not do it
    qtbot.wait(100)
    assert memo.read_bytes() == before and audit_entries(data_dir) == []

    qtbot.keyClicks(page.justification, "Test data, the numbers are made up")
    apply_and_wait(qtbot, dialog, key=True)
    assert our_label_id(memo) == "internal"
    entry = audit_entries(data_dir)[-1]
    assert entry["method"] == "manual"
    assert entry["below_recommendation"] == {"recommended": "confidential",
                                             "reason": "Test data, the numbers are made up"}
    assert entry["justification"] is None  # not a lowering: there was no label
    assert msip_method(memo) == "Privileged"  # a person's choice
    assert AuditLog(data_dir / "audit.jsonl").verify().ok
    # Counts, never the values, anywhere the dialog shows what it found.
    shown = dialog.view.choose.banner.text.text()
    assert "1 IBAN number" in shown and IBAN not in shown and CARD not in shown and NATIONAL not in shown


def test_choosing_the_recommendation_needs_no_reason(qtbot, make_dialog, files, data_dir):
    memo = make_memo(files / "memo.docx")
    dialog = make_dialog([memo])
    qtbot.mouseClick(dialog.view.choose.banner.select, Qt.MouseButton.LeftButton)
    assert dialog.selected_label_id() == "confidential"
    assert dialog.view.choose.justification_box.isHidden()
    apply_and_wait(qtbot, dialog, key=True)
    entry = audit_entries(data_dir)[-1]
    assert entry["method"] == "recommended" and "below_recommendation" not in entry
    assert msip_method(memo) == "Privileged"


def test_start_state_shows_the_current_label(qtbot, make_dialog, files, scheme):
    path = copy_sample(files, "pydocx.docx")
    LabelService(scheme).apply(path, scheme.label("confidential"))
    dialog = make_dialog([path])
    assert dialog.selected_label_id() == "confidential"
    assert dialog.highlighted_label_id() == "confidential"
    assert "If you choose Confidential" in dialog.view.choose.consequences.title.text()
    focused = dialog.focusWidget()
    assert focused is None or focused is card(dialog, "confidential") or focused not in dialog.view.cards
    if dialog.isActiveWindow():
        assert card(dialog, "confidential").hasFocus()
    assert not dialog.view.apply.isEnabled()
    assert dialog.view.hint.text() == "This file is already labelled Confidential."


def test_apply_waits_for_the_content_check(qtbot, make_dialog, files, monkeypatch):
    import threading

    from ui.label_dialog import tasks

    gate, entered = threading.Event(), threading.Event()
    real = tasks.suggest

    def gated(*args, **kwargs):
        entered.set()
        gate.wait(WAIT / 1000)
        return real(*args, **kwargs)

    monkeypatch.setattr(tasks, "suggest", gated)
    path = copy_sample(files, "pydocx.docx")
    try:
        dialog = make_dialog([path], wait=False)
        qtbot.waitUntil(lambda: dialog.controller.loaded, timeout=WAIT)
        assert entered.wait(WAIT / 1000)
        qtbot.keyClick(dialog, Qt.Key.Key_3)
        assert not dialog.view.apply.isEnabled()
        assert dialog.view.hint.text() == "Checking the content for sensitive information…"
    finally:
        gate.set()
    qtbot.waitUntil(lambda: dialog.view.apply.isEnabled(), timeout=WAIT)


def test_a_missing_file_cannot_be_labelled(qtbot, make_dialog, files):
    dialog = make_dialog([files / "gone.docx"])
    assert "This file cannot be labelled" in dialog.view.choose.files.current.text()
    qtbot.keyClick(dialog, Qt.Key.Key_3)
    assert not dialog.view.apply.isEnabled()
    assert dialog.view.hint.text().startswith("This file cannot be labelled: gone.docx no longer exists")


# -- batches ---------------------------------------------------------------------------------------
def test_batch_groups_files_by_recommendation_and_labels_groups_differently(qtbot, make_dialog, files, data_dir):
    memo = make_memo(files / "memo.docx")
    plain = [copy_sample(files, "pydocx.docx", "notes.docx"), copy_sample(files, "lo-writer.odt", "agenda.odt")]
    before = plain[1].read_bytes()
    dialog = make_dialog([plain[0], memo, plain[1]])
    shown = groups(dialog)
    assert list(shown) == ["Recommended: Confidential (1 file)", "Nothing sensitive found (2 files)"]
    [(name, current, found, will_get)] = shown["Recommended: Confidential (1 file)"]
    assert name == "memo.docx" and current == "no label" and will_get == "—"
    assert found == "1 IBAN number, 1 payment card number and 1 national register number" or \
        all(kind in found for kind in ("IBAN", "card", "national"))
    assert IBAN not in found and CARD not in found and NATIONAL not in found
    assert [row[2] for row in shown["Nothing sensitive found (2 files)"]] == ["nothing found", "nothing found"]
    assert not dialog.view.apply.isEnabled()
    assert dialog.view.hint.text() == "Choose a label below, or one for each group above."

    # The banner's button gives each group its own recommendation: plain files are not swept along.
    assert dialog.view.choose.banner.select.text() == "Use the recommendations"
    qtbot.mouseClick(dialog.view.choose.banner.select, Qt.MouseButton.LeftButton)
    assert dialog.view.apply.text() == "Apply to 1 of 3 files"
    assert groups(dialog)["Nothing sensitive found (2 files)"][0][3] == "—"

    # The plain files get Internal, and one of them is left out.
    choose_in_group(dialog, "Nothing sensitive found (2 files)", "Internal")
    assert dialog.view.apply.text() == "Apply to 3 files"
    agenda = group_item(dialog, "Nothing sensitive found (2 files)").child(1)
    assert agenda.text(0) == "agenda.odt"
    agenda.setCheckState(0, Qt.CheckState.Unchecked)
    assert dialog.view.apply.text() == "Apply to 2 of 3 files"
    assert groups(dialog)["Nothing sensitive found (2 files)"][1][3] == "left out"

    outcomes = apply_and_wait(qtbot, dialog)
    assert sorted(o.status for o in outcomes) == ["labelled", "labelled"]
    assert our_label_id(memo) == "confidential" and our_label_id(plain[0]) == "internal"
    assert plain[1].read_bytes() == before
    methods = {json.loads(json.dumps(e))["path"].rsplit("/", 1)[-1]: e["method"] for e in audit_entries(data_dir)}
    assert methods == {"memo.docx": "recommended", "notes.docx": "manual"}
    summary = dialog.view.summary
    assert summary.headline.text() == "2 of 3 files labelled."
    assert "1 file left out, as you chose." in summary.detail.text()


def test_batch_below_the_recommendation_asks_for_a_reason(qtbot, make_dialog, files, data_dir):
    memo = make_memo(files / "memo.docx")
    plain = copy_sample(files, "pydocx.docx", "notes.docx")
    dialog = make_dialog([memo, plain])
    qtbot.keyClick(dialog, Qt.Key.Key_1)  # Public for both
    page = dialog.view.choose
    assert page.justification_box.isVisible()
    assert "1 file would get a lower label than recommended" in page.justification_prompt.text()
    assert not dialog.view.apply.isEnabled()
    assert "(below the recommendation)" in groups(dialog)["Recommended: Confidential (1 file)"][0][3]
    qtbot.keyClicks(page.justification, "Already published")
    apply_and_wait(qtbot, dialog)
    entries = {e["path"].rsplit("/", 1)[-1]: e for e in audit_entries(data_dir)}
    assert entries["memo.docx"]["below_recommendation"] == {"recommended": "confidential",
                                                            "reason": "Already published"}
    assert "below_recommendation" not in entries["notes.docx"]


def test_batch_marks_what_cannot_be_labelled(qtbot, make_dialog, files, data_dir):
    good = copy_sample(files, "pydocx.docx")
    folder = files / "sub folder"
    folder.mkdir()
    dialog = make_dialog([good, files / "missing.docx", folder])
    shown = groups(dialog)
    cannot = shown["Cannot be labelled (2 files)"]
    assert [row[0] for row in cannot] == ["missing.docx", "sub folder"]
    assert all(row[1] == "cannot be labelled" for row in cannot)
    assert "folder" in cannot[1][2]
    qtbot.keyClick(dialog, Qt.Key.Key_2)
    assert dialog.view.apply.text() == "Apply to 1 of 3 files"
    outcomes = apply_and_wait(qtbot, dialog)
    assert [o.status for o in outcomes] == ["labelled"]
    assert dialog.view.summary.headline.text() == "1 of 3 files labelled Internal."
    assert dialog.view.summary.failures.count() == 2


def test_nothing_labellable_means_no_apply(qtbot, make_dialog, files):
    folder = files / "a folder"
    folder.mkdir()
    dialog = make_dialog([files / "missing.docx", folder])
    qtbot.keyClick(dialog, Qt.Key.Key_2)
    assert not dialog.view.apply.isEnabled()
    assert dialog.view.hint.text() == "None of these files can be labelled."


# -- the audit field -------------------------------------------------------------------------------
def test_old_entries_stay_verifiable_next_to_the_new_field(tmp_path):
    log = AuditLog(tmp_path / "audit.jsonl")
    old = AuditEvent.create("apply", tmp_path / "a.docx", None, ("internal", "Internal"), content_sha256="0" * 64)
    log.append(old)
    assert "below_recommendation" not in json.loads((tmp_path / "audit.jsonl").read_text().splitlines()[0])
    log.record("apply", tmp_path / "b.docx", None, ("public", "Public"), content_sha256="1" * 64,
               below_recommendation={"recommended": "confidential", "reason": "made-up numbers"})
    assert log.verify().ok
    first, second = log.entries()
    assert first.below_recommendation is None
    assert second.below_recommendation == {"recommended": "confidential", "reason": "made-up numbers"}


def test_an_unlabelled_file_says_what_it_counts_as_and_why(make_dialog, files):
    memo = make_memo(files / "memo.docx")
    dialog = make_dialog([memo])
    text = dialog.view.choose.files.current.text()
    assert "no label yet" in text
    assert "Counts as Confidential" in text and "IBAN" in text
    assert IBAN not in text and CARD not in text  # counts, never the values
