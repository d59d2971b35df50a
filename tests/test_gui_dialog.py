"""The labelling dialog, driven like a person would: real widgets, real files, real labels.

Offscreen Qt (QT_QPA_PLATFORM=offscreen); every file is a copy of a sample
in tests/data or a document generated here.  Nothing may hang: message
boxes are refused (tests/gui_fixtures.py), and every wait is a bounded qtbot.waitUntil.
"""
from __future__ import annotations

import time

import pytest

pytest.importorskip("PySide6")
pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402

from gui_helpers import (IBAN, GatedService, SlowService, audit_entries, card, copy_sample,  # noqa: E402
                         make_sensitive_docx, our_label_id, workers_idle)
from labeler.core.service import LabelService  # noqa: E402
from labeler import languages  # noqa: E402
from ui import i18n  # noqa: E402
from ui.label_dialog import open_label_dialog  # noqa: E402

WAIT = 15_000  # ms; hints read at most a few seconds


def channel_text(dialog, channel_id="email-external") -> str:
    from policy.channels import CHANNEL_IDS

    row = dialog.view.choose.consequences.rows[CHANNEL_IDS.index(channel_id)]
    return f"{row.mark.verdict}: {row.name.text()} — {row.detail.text()}"


def apply_and_wait(qtbot, dialog):
    assert dialog.view.apply.isEnabled(), dialog.view.apply.toolTip()
    with qtbot.waitSignal(dialog.labelsApplied, timeout=WAIT) as blocker:
        qtbot.mouseClick(dialog.view.apply, Qt.MouseButton.LeftButton)
    assert dialog.view.pages.currentIndex() == dialog.view.SUMMARY
    return blocker.args[0]


# -- applying --------------------------------------------------------------------------
def test_applies_the_chosen_label_to_the_file(qtbot, make_dialog, files, data_dir):
    path = copy_sample(files, "pydocx.docx")
    dialog = make_dialog([path])
    # Both the label read and the content check must be done before the hint settles.
    qtbot.waitUntil(lambda: dialog.controller.loaded and dialog.controller.hints_done, timeout=WAIT)
    assert dialog.selected_label_id() is None  # no label yet, nothing recommended: nothing is chosen for you
    assert not dialog.view.apply.isEnabled() and dialog.view.hint.text() == "Choose a label first."
    qtbot.mouseClick(card(dialog, "confidential"), Qt.MouseButton.LeftButton)
    assert our_label_id(path) is None  # choosing applies nothing
    outcomes = apply_and_wait(qtbot, dialog)

    assert [o.status for o in outcomes] == ["labelled"]
    assert our_label_id(path) == "confidential"
    assert "pydocx.docx is now labelled Confidential." in dialog.view.summary.headline.text()
    [entry] = audit_entries(data_dir)
    assert entry["new_label"]["id"] == "confidential" and entry["method"] == "manual"


def test_enter_applies_nothing_the_person_did_not_choose(qtbot, make_dialog, files, data_dir):
    path = copy_sample(files, "lo-writer.odt")
    before = path.read_bytes()
    dialog = make_dialog([path])
    qtbot.waitUntil(lambda: dialog.controller.hints_done, timeout=WAIT)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # nothing is chosen: Enter does nothing
    qtbot.wait(100)
    assert dialog.view.pages.currentIndex() == dialog.view.CHOOSE
    assert path.read_bytes() == before and audit_entries(data_dir) == []
    qtbot.keyClick(dialog, Qt.Key.Key_2)  # the person chooses Internal, then confirms
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.view.pages.currentIndex() == dialog.view.SUMMARY, timeout=WAIT)
    assert our_label_id(path) == "internal"
    assert audit_entries(data_dir)[-1]["method"] == "manual"  # a person's choice, never "default"


def test_preselects_the_current_label_and_shows_foreign_labels(qtbot, make_dialog, files, scheme):
    path = copy_sample(files, "msip-custom.docx")
    LabelService(scheme).apply(path, scheme.label("strictly-confidential"))
    dialog = make_dialog([path])
    assert dialog.selected_label_id() == "strictly-confidential"
    files_view = dialog.view.choose.files
    assert "Current label: Strictly Confidential" in files_view.current.text()
    assert "Microsoft label: Confidential" in files_view.foreign.text()
    assert files_view.current_chip.color().lower() == scheme.label("strictly-confidential").color.lower()
    # Applying the label it already carries is pointless, and the dialog says so.
    assert not dialog.view.apply.isEnabled()
    assert "already labelled Strictly Confidential" in dialog.view.hint.text()


def test_reading_labels_does_not_block_the_dialog(qtbot, make_dialog, files, scheme):
    path = copy_sample(files, "pydocx.docx")
    service = GatedService(LabelService(scheme))
    try:
        dialog = make_dialog([path], service=service, wait=False)
        assert service.entered.wait(WAIT / 1000)  # a worker is reading the file, held at the gate ...
        assert dialog.isVisible() and not dialog.controller.loaded  # ... and the dialog is already up
        assert not dialog.view.apply.isEnabled()
        assert "Reading the current label" in dialog.view.hint.text()
    finally:
        service.gate.set()
    qtbot.waitUntil(lambda: dialog.view.hint.text() == "Choose a label first.", timeout=WAIT)
    assert dialog.view.choose.files.current.text().startswith("Counts as Internal: no label yet")


# -- consequences and keyboard -------------------------------------------------------------
def test_consequences_follow_the_highlighted_label(qtbot, make_dialog, files):
    dialog = make_dialog([copy_sample(files, "pydocx.docx")])
    qtbot.mouseClick(card(dialog, "public"), Qt.MouseButton.LeftButton)
    public = channel_text(dialog)
    assert public.startswith("allowed:") and "E-mail to anyone else" in public
    assert "If you choose Public" in dialog.view.choose.consequences.text()

    qtbot.mouseClick(card(dialog, "strictly-confidential"), Qt.MouseButton.LeftButton)
    strict = channel_text(dialog)
    assert strict.startswith("forbidden:") and strict != public
    assert "If you choose Strictly Confidential" in dialog.view.choose.consequences.text()

    # Hovering another label previews it at once; leaving the cards shows the choice again.
    qtbot.mouseMove(card(dialog, "internal"))
    qtbot.waitUntil(lambda: dialog.highlighted_label_id() == "internal", timeout=2000)
    assert channel_text(dialog).startswith("conditional:")
    assert dialog.selected_label_id() == "strictly-confidential"  # hovering chooses nothing
    qtbot.mouseMove(dialog.view.apply)
    qtbot.waitUntil(lambda: dialog.highlighted_label_id() == "strictly-confidential", timeout=2000)


def test_digits_and_arrows_choose_labels(qtbot, make_dialog, files):
    dialog = make_dialog([copy_sample(files, "pydocx.docx")])
    qtbot.keyClick(dialog, Qt.Key.Key_4)
    assert dialog.selected_label_id() == "strictly-confidential"
    assert card(dialog, "strictly-confidential").hasFocus() or not dialog.isActiveWindow()
    qtbot.keyClick(card(dialog, "strictly-confidential"), Qt.Key.Key_Up)
    assert dialog.selected_label_id() == "confidential"
    qtbot.keyClick(card(dialog, "confidential"), Qt.Key.Key_Left)
    assert dialog.selected_label_id() == "internal"
    qtbot.keyClick(card(dialog, "internal"), Qt.Key.Key_Down)
    qtbot.keyClick(card(dialog, "confidential"), Qt.Key.Key_Right)
    assert dialog.selected_label_id() == "strictly-confidential"
    qtbot.keyClick(card(dialog, "strictly-confidential"), Qt.Key.Key_Down)  # stays on the last
    assert dialog.selected_label_id() == "strictly-confidential"
    qtbot.keyClick(dialog, Qt.Key.Key_1)
    assert dialog.selected_label_id() == "public"
    assert channel_text(dialog).startswith("allowed:")
    qtbot.keyClick(dialog, Qt.Key.Key_9)  # no ninth label: nothing changes
    assert dialog.selected_label_id() == "public"
    # The digits shown on the cards are the shortcuts.
    assert [c.digit.text() for c in dialog.view.cards] == ["1", "2", "3", "4"]


def test_escape_closes_without_applying(qtbot, make_dialog, files):
    path = copy_sample(files, "pydocx.docx")
    before = path.read_bytes()
    dialog = make_dialog([path])
    qtbot.keyClick(dialog, Qt.Key.Key_3)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert path.read_bytes() == before


# -- justification ---------------------------------------------------------------------------
def test_lowering_needs_a_justification_that_reaches_the_audit_log(qtbot, make_dialog, files, scheme, data_dir):
    path = copy_sample(files, "pydocx.docx")
    LabelService(scheme).apply(path, scheme.label("confidential"))  # no audit: not this test's event
    dialog = make_dialog([path])
    page = dialog.view.choose
    assert dialog.selected_label_id() == "confidential"
    assert page.justification_box.isHidden()

    qtbot.keyClick(dialog, Qt.Key.Key_1)  # Public: lower
    assert page.justification_box.isVisible()
    assert not dialog.view.apply.isEnabled()
    assert "Lowering Confidential to Public needs a reason" in dialog.view.hint.text()
    assert dialog.view.apply.toolTip() == dialog.view.hint.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Enter does nothing while Apply is disabled
    assert our_label_id(path) == "confidential"

    qtbot.keyClicks(page.justification, "Published in the annual report")
    assert dialog.view.apply.isEnabled() and dialog.view.hint.text() == ""
    apply_and_wait(qtbot, dialog)
    assert our_label_id(path) == "public"
    entry = audit_entries(data_dir)[-1]
    assert entry["old_label"]["id"] == "confidential" and entry["new_label"]["id"] == "public"
    assert entry["justification"] == "Published in the annual report"


def test_raising_needs_no_justification(qtbot, make_dialog, files, scheme):
    path = copy_sample(files, "pydocx.docx")
    LabelService(scheme).apply(path, scheme.label("confidential"))
    dialog = make_dialog([path])
    qtbot.keyClick(dialog, Qt.Key.Key_4)
    assert dialog.view.choose.justification_box.isHidden()
    apply_and_wait(qtbot, dialog)
    assert our_label_id(path) == "strictly-confidential"


def test_remove_label_follows_the_same_justification_rule(qtbot, make_dialog, files, scheme, data_dir):
    path = copy_sample(files, "lo-writer.odt")
    LabelService(scheme).apply(path, scheme.label("confidential"))
    dialog = make_dialog([path])
    assert dialog.view.remove.isEnabled()
    qtbot.mouseClick(dialog.view.remove, Qt.MouseButton.LeftButton)
    assert dialog.selected_label_id() is None
    assert dialog.view.apply.text() == "Remove label"
    assert not dialog.view.apply.isEnabled()
    assert "Removing Confidential needs a reason" in dialog.view.hint.text()
    assert "If you remove the label" in dialog.view.choose.consequences.text()
    qtbot.keyClicks(dialog.view.choose.justification, "Wrong label, it is a public flyer")
    outcomes = apply_and_wait(qtbot, dialog)
    assert outcomes[0].status == "removed"
    assert our_label_id(path) is None
    entry = audit_entries(data_dir)[-1]
    assert entry["action"] == "remove" and entry["justification"] == "Wrong label, it is a public flyer"


def test_remove_is_disabled_without_a_label(qtbot, make_dialog, files):
    dialog = make_dialog([copy_sample(files, "pydocx.docx")])
    assert not dialog.view.remove.isEnabled()


# -- recommendation ----------------------------------------------------------------------------
def test_recommendation_banner_arrives_and_select_does_not_apply(qtbot, make_dialog, files, data_dir):
    path = make_sensitive_docx(files / "invoice.docx")
    before = path.read_bytes()
    dialog = make_dialog([path], wait=False)
    banner = dialog.view.choose.banner
    applied = []
    dialog.labelsApplied.connect(applied.append)
    qtbot.waitUntil(banner.isVisible, timeout=WAIT)
    assert IBAN not in banner.text.text()  # counts, never values
    assert "Found in this document:" in banner.text.text()
    assert "1 IBAN number" in banner.text.text()
    assert "Recommended: <b>Confidential</b>" in banner.text.text()
    assert dialog.selected_label_id() is None  # shown, not chosen
    assert dialog.highlighted_label_id() == "confidential"
    assert not dialog.view.apply.isEnabled()

    qtbot.mouseClick(banner.select, Qt.MouseButton.LeftButton)
    assert dialog.selected_label_id() == "confidential"
    assert dialog.highlighted_label_id() == "confidential"
    assert card(dialog, "confidential").recommended.isVisible()
    qtbot.wait(200)
    assert path.read_bytes() == before and applied == [] and audit_entries(data_dir) == []

    apply_and_wait(qtbot, dialog)
    assert our_label_id(path) == "confidential"
    assert audit_entries(data_dir)[-1]["method"] == "recommended"


def test_no_banner_without_findings(qtbot, make_dialog, files):
    dialog = make_dialog([copy_sample(files, "pydocx.docx")])
    qtbot.waitUntil(lambda: dialog.controller.hints_done, timeout=WAIT)
    assert dialog.view.choose.banner.isHidden()
    assert dialog.view.choose.files.status.text() == "No sensitive content found."


# -- batches --------------------------------------------------------------------------------------
def test_batch_with_an_encrypted_file_marks_it_and_leaves_it_untouched(qtbot, make_dialog, files):
    good = [copy_sample(files, "pydocx.docx"), copy_sample(files, "lo-writer.odt")]
    encrypted = copy_sample(files, "encrypted.docx")
    before = encrypted.read_bytes()
    dialog = make_dialog([good[0], encrypted, good[1]])
    qtbot.waitUntil(lambda: dialog.controller.hints_done, timeout=WAIT)
    tree = dialog.view.choose.files.files
    rows = {tree.topLevelItem(i).text(0): tree.topLevelItem(i) for i in range(tree.topLevelItemCount())}
    cannot = rows["Cannot be labelled (1 file)"]
    assert cannot.child(0).text(0) == "encrypted.docx" and cannot.child(0).text(1) == "cannot be labelled"
    assert "password" in cannot.child(0).text(2)
    qtbot.keyClick(dialog, Qt.Key.Key_3)
    assert dialog.view.apply.text() == "Apply to 2 of 3 files"
    outcomes = apply_and_wait(qtbot, dialog)

    assert [o.status for o in outcomes] == ["labelled", "labelled"]
    assert [our_label_id(p) for p in good] == ["confidential", "confidential"]
    assert encrypted.read_bytes() == before
    summary = dialog.view.summary
    assert summary.headline.text() == "2 of 3 files labelled Confidential."
    assert summary.failures.count() == 1
    assert summary.failures.item(0).text().startswith("encrypted.docx")
    assert "password" in summary.failures.item(0).text()
    assert summary.failures_title.text() == "1 file left as it was:"


def test_cancelling_a_batch_stops_between_files(qtbot, make_dialog, files, scheme):
    paths = [copy_sample(files, "pydocx.docx", f"doc{i}.docx") for i in range(6)]
    before = {p: p.read_bytes() for p in paths}
    dialog = make_dialog(paths, service=SlowService(LabelService(scheme), 0.3))
    qtbot.keyClick(dialog, Qt.Key.Key_2)
    qtbot.mouseClick(dialog.view.apply, Qt.MouseButton.LeftButton)
    assert dialog.view.pages.currentIndex() == dialog.view.PROGRESS
    assert dialog.view.progress.bar.maximum() == 6
    assert not dialog.view.apply.isVisible() and dialog.view.close.text() == "Cancel"
    qtbot.waitUntil(lambda: dialog.view.progress.bar.value() >= 1, timeout=WAIT)
    with qtbot.waitSignal(dialog.labelsApplied, timeout=WAIT) as blocker:
        qtbot.mouseClick(dialog.view.close, Qt.MouseButton.LeftButton)  # "Cancel"
    processed = blocker.args[0]
    assert 1 <= len(processed) < 6
    untouched = paths[len(processed):]
    assert all(p.read_bytes() == before[p] for p in untouched)
    assert all(our_label_id(p) == "internal" for p in paths[:len(processed)])
    texts = [dialog.view.summary.failures.item(i).text() for i in range(dialog.view.summary.failures.count())]
    assert len(texts) == len(untouched) and all("not processed" in t for t in texts)


# -- language ----------------------------------------------------------------------------------------
def test_dutch_dialog_shows_dutch_labels_and_interface(qtbot, make_dialog, files):
    path = copy_sample(files, "msip-custom.docx")
    dialog = make_dialog([path], lang="nl")
    assert dialog.lang == "nl"
    names = [c.name.text() for c in dialog.view.cards]
    assert names == ["Openbaar", "Intern", "Vertrouwelijk", "Strikt vertrouwelijk"]
    assert dialog.view.choose.choose_title.text() == "Kies een label"
    assert dialog.view.apply.text() == "Toepassen"
    assert dialog.view.close.text() == "Annuleren"
    assert dialog.view.choose.files.foreign.text().startswith("Microsoft-label: Confidential")
    qtbot.keyClick(dialog, Qt.Key.Key_2)
    assert "E-mail naar alle anderen" in channel_text(dialog)
    assert "Als je Intern kiest" in dialog.view.choose.consequences.text()


def test_switching_language_at_runtime_retranslates(qtbot, make_dialog, files):
    dialog = make_dialog([copy_sample(files, "pydocx.docx")])
    assert dialog.view.apply.text() == "Apply"
    i18n.set_language("fr")
    qtbot.waitUntil(lambda: dialog.view.apply.text() == "Appliquer", timeout=2000)
    assert card(dialog, "confidential").name.text() == "Confidentiel"
    i18n.set_language("en")
    qtbot.waitUntil(lambda: dialog.view.apply.text() == "Apply", timeout=2000)


def test_every_dialog_string_is_translated():
    """The dialog's strings are all translated in the .ts files, and compiled."""
    import xml.etree.ElementTree as ET

    for lang in ("nl", "fr"):
        tree = ET.parse(i18n.TRANSLATIONS_DIR / f"labeler_{lang}.ts")
        messages = [m for c in tree.getroot().findall("context")
                    if c.findtext("name") in ("LabelDialogController", "VerdictMark") for m in c.findall("message")]
        assert len(messages) > 40
        for message in messages:
            translation = message.find("translation")
            source = message.findtext("source")
            assert translation.get("type") not in ("unfinished", "vanished", "obsolete"), (lang, source)
            forms = translation.findall("numerusform")
            assert all(f.text for f in forms) if forms else translation.text, (lang, source)
        assert (i18n.TRANSLATIONS_DIR / f"labeler_{lang}.qm").stat().st_size > 1000


# -- the entry point --------------------------------------------------------------------------------
def test_open_label_dialog_uses_the_scheme_in_force(qtbot, files, data_dir):
    path = copy_sample(files, "pydocx.docx")
    dialog = open_label_dialog([path])
    qtbot.addWidget(dialog)
    try:
        assert dialog.isVisible()
        assert [c.label_id for c in dialog.view.cards][0] == "public"  # the built-in demo scheme
        qtbot.waitUntil(lambda: dialog.controller.loaded, timeout=WAIT)
    finally:
        dialog.controller.shutdown()
        qtbot.waitUntil(workers_idle, timeout=WAIT)


# -- the building blocks ------------------------------------------------------------------------------
def test_worker_turns_a_generator_into_signals_and_cancels_between_items(qtbot):
    from ui.workers import Worker, start

    def count(n):
        for i in range(n):
            yield i
            time.sleep(0.05)
        return "all done"

    progress, results = [], []
    worker = Worker(count, 3)
    worker.signals.progress.connect(progress.append)
    worker.signals.result.connect(results.append)
    with qtbot.waitSignal(worker.signals.finished, timeout=WAIT):
        start(worker)
    assert progress == [0, 1, 2] and results == ["all done"]

    progress, cancelled = [], []
    worker = Worker(count, 100)
    worker.signals.progress.connect(progress.append)
    worker.signals.cancelled.connect(lambda: cancelled.append(True))
    worker.signals.result.connect(results.append)
    start(worker)
    qtbot.waitUntil(lambda: len(progress) >= 2, timeout=WAIT)
    with qtbot.waitSignal(worker.signals.finished, timeout=WAIT):
        worker.cancel()
    assert 2 <= len(progress) < 100 and cancelled == [True] and results == ["all done"]


def test_worker_reports_errors_instead_of_dying(qtbot):
    from ui.workers import Worker, start

    def broken():
        raise OSError("disk on fire")

    errors = []
    worker = Worker(broken)
    worker.signals.error.connect(errors.append)
    with qtbot.waitSignal(worker.signals.finished, timeout=WAIT):
        start(worker)
    assert isinstance(errors[0], OSError) and "disk on fire" in errors[0].formatted_traceback


def test_language_resolution():
    assert i18n.resolve("nl-BE") == "nl"
    assert i18n.resolve("fr_FR") == "fr"
    assert i18n.resolve("de") == "en"
    assert i18n.resolve("system") in languages.codes()
