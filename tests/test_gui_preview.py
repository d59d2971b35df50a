"""`labeler scheme preview FILE`: a draft scheme shown in the real dialog, with nothing written.

Real widgets offscreen, real sample files, real draft files edited the way an
admin would (a copy of the built-in scheme with changes).  Message boxes are
refused so no test can hang (tests/gui_fixtures.py); every wait is bounded.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("PySide6")
pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402

from policy.channels import CHANNEL_IDS  # noqa: E402
from gui_helpers import audit_entries, copy_sample, our_label_id, workers_idle  # noqa: E402
from ui import i18n  # noqa: E402
from ui.preview import PREVIEW, PreviewWindow  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
CORPORATE = REPO / "resources" / "schemes" / "corporate.toml"
WAIT = 15_000


def draft_text(version: int = 7, public_name: str = "Public draft") -> str:
    """The built-in scheme as an admin would start a draft from it: a new version, a renamed label."""
    text = CORPORATE.read_text("utf-8")
    text = text.replace("version = 1  # raise it with every release", f"version = {version}", 1)
    edited = text.replace('en = "Public"\n', f'en = "{public_name}"\n', 1)
    assert edited != text and f"version = {version}" in edited
    return edited


def broken_text() -> tuple[str, dict[int, str]]:
    """A draft with two mistakes; returns the text and {line number: that line's text}."""
    text = draft_text()
    text = text.replace('color = "#2E7D32"  # green', 'color = "green"', 1)
    text = text.replace('[labels.sharing.print]\nverdict = "allowed"', '[labels.sharing.print]\nverdict = "maybe"', 1)
    lines = text.splitlines()
    wrong = {number: line for number, line in enumerate(lines, 1)
             if line in ('color = "green"', 'verdict = "maybe"')}
    assert len(wrong) == 2
    return text, wrong


@pytest.fixture
def make_window(qtbot, data_dir):
    windows: list[PreviewWindow] = []

    def make(path, lang="en", sample=None) -> PreviewWindow:
        window = PreviewWindow(path, lang, sample=sample)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        qtbot.waitUntil(lambda: window.draft is not None and not window.reading, timeout=WAIT)
        if window.valid:
            qtbot.waitUntil(lambda: window.dialog.controller.loaded, timeout=WAIT)
        return window

    yield make
    for window in windows:
        window.close()
    qtbot.waitUntil(workers_idle, timeout=WAIT)
    if i18n.current_language() != "en":
        i18n.install_translator(None, "en")


def card_names(window) -> list[str]:
    return [card.name.text() for card in window.dialog.view.cards]


def card(window, label_id):
    return next(c for c in window.dialog.view.cards if c.label_id == label_id)


def test_a_valid_draft_shows_its_labels_in_the_dialog_and_the_matrix(make_window, tmp_path):
    path = tmp_path / "draft.toml"
    path.write_text(draft_text(), "utf-8")
    window = make_window(path)

    assert window.valid and window.pages.currentWidget() is window.tabs
    assert window.banner.text() == "Preview of draft.toml, version 7 — not signed, nothing is written"
    assert card_names(window) == ["Public draft", "Internal", "Confidential", "Strictly Confidential"]
    assert window.dialog.isVisible() and window.dialog.isWindow() is False  # embedded, not a second window
    assert window.dialog.view.choose.files.current.text().startswith("Counts as")  # the synthetic sample: no label yet
    table = window.matrix.table
    headers = [table.verticalHeaderItem(row).text() for row in range(table.rowCount())]
    assert headers == card_names(window)
    assert window.matrix.cell(0, CHANNEL_IDS.index("email-external"))[0] == "allowed"
    assert window.matrix.cell(3, CHANNEL_IDS.index("personal-cloud"))[0] == "forbidden"


def test_the_preview_shows_the_overviews_matrix_in_its_language(make_window, tmp_path):
    from ui.overview.matrix import SharingMatrix

    path = tmp_path / "draft.toml"
    path.write_text(draft_text(), "utf-8")
    window = make_window(path, lang="nl")
    assert isinstance(window.matrix, SharingMatrix)
    assert window.matrix.table.verticalHeaderItem(0).text() == "Openbaar"
    assert window.matrix.cell(0, 0) == ("allowed", "Toegestaan")
    assert window.matrix.cell(3, CHANNEL_IDS.index("personal-cloud"))[0] == "forbidden"


def test_apply_in_the_preview_writes_nothing(make_window, qtbot, tmp_path, data_dir):
    path = tmp_path / "draft.toml"
    path.write_text(draft_text(), "utf-8")
    sample = copy_sample(tmp_path, "pydocx.docx")
    before = hashlib.sha256(sample.read_bytes()).hexdigest()
    stat = sample.stat()
    window = make_window(path, sample=sample)
    dialog = window.dialog
    assert dialog.view.choose.files.title.text() == "pydocx.docx"

    qtbot.mouseClick(card(window, "confidential"), Qt.MouseButton.LeftButton)
    # Apply waits for the content check; then the choice can be applied.
    qtbot.waitUntil(lambda: dialog.controller.hints_done, timeout=WAIT)
    assert dialog.view.apply.isEnabled(), dialog.view.apply.toolTip()
    with qtbot.waitSignal(dialog.labelsApplied, timeout=WAIT) as blocker:
        qtbot.mouseClick(dialog.view.apply, Qt.MouseButton.LeftButton)
    [outcome] = blocker.args[0]

    assert outcome.kind == PREVIEW and "Preview: nothing was written" in outcome.message
    assert "Confidential" in outcome.message
    assert dialog.view.summary.headline.text() == "pydocx.docx was not changed."
    assert "Preview: nothing was written" in dialog.view.summary.failures.item(0).text()
    assert hashlib.sha256(sample.read_bytes()).hexdigest() == before
    assert sample.stat().st_mtime_ns == stat.st_mtime_ns
    assert our_label_id(sample) is None
    assert audit_entries(data_dir) == [] and not (data_dir / "audit.jsonl").exists()
    assert {p.name for p in tmp_path.iterdir()} <= {"draft.toml", "pydocx.docx", "labeler-data"}  # no temp copy

    # Close in the embedded dialog starts the preview again rather than leaving an empty tab.
    qtbot.mouseClick(dialog.view.close, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.dialog is not None and window.dialog is not dialog, timeout=WAIT)
    qtbot.waitUntil(lambda: window.dialog.controller.loaded, timeout=WAIT)


def test_removing_in_the_preview_writes_nothing_either(make_window, qtbot, tmp_path, data_dir):
    from labeler.core.service import LabelService
    from policy.loader import parse_scheme

    path = tmp_path / "draft.toml"
    path.write_text(draft_text(), "utf-8")
    sample = copy_sample(tmp_path, "pydocx.docx")
    scheme = parse_scheme(path.read_bytes(), "draft.toml")
    assert LabelService(scheme).apply(sample, scheme.find("public")).ok  # labelled by the real service
    before = sample.read_bytes()
    window = make_window(path, sample=sample)
    dialog = window.dialog
    assert dialog.selected_label_id() == "public"
    dialog.view.remove.click()
    qtbot.waitUntil(lambda: dialog.view.apply.isEnabled(), timeout=WAIT)  # after the content check
    with qtbot.waitSignal(dialog.labelsApplied, timeout=WAIT) as blocker:
        dialog.view.apply.click()
    [outcome] = blocker.args[0]
    assert outcome.kind == PREVIEW and "label would have been removed" in outcome.message
    assert sample.read_bytes() == before and our_label_id(sample) == "public"
    assert audit_entries(data_dir) == []


def test_an_invalid_draft_lists_its_problems_with_their_lines(make_window, qtbot, tmp_path):
    path = tmp_path / "draft.toml"
    text, wrong = broken_text()
    path.write_text(text, "utf-8")
    window = make_window(path)

    assert not window.valid and window.dialog is None
    assert window.pages.currentWidget() is window.problems
    assert window.banner.text() == "Preview of draft.toml — not a valid scheme yet, nothing is written"
    problems = window.problems.list
    rows = [[problems.topLevelItem(i).text(c) for c in range(3)] for i in range(problems.topLevelItemCount())]
    assert [int(r[0]) for r in rows] == sorted(wrong)
    assert rows[0][1] == "labels[0].color" and "'green' is not valid" in rows[0][2]
    assert rows[1][1].endswith("sharing.print.verdict") and "'maybe'" in rows[1][2]
    assert window.problems.title.text() == "2 problems must be fixed before this scheme can be used."

    # Enter on a problem shows its line from the file.
    second = sorted(wrong)[1]
    problems.setFocus()
    problems.setCurrentItem(problems.topLevelItem(1))
    qtbot.keyClick(problems, Qt.Key.Key_Return)
    assert window.problems.shown_line == second
    assert window.problems.shown_text() == wrong[second] == 'verdict = "maybe"'
    assert window.problems.source.isReadOnly()
    assert window.problems.source.textCursor().blockNumber() == second - 1
    assert window.problems.caption.text() == f"Line {second} of the file:"

    # A double-click on the first shows that one.
    first = sorted(wrong)[0]
    rect = problems.visualItemRect(problems.topLevelItem(0))
    qtbot.mouseClick(problems.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.problems.shown_line == second  # a single click only selects
    qtbot.mouseDClick(problems.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.problems.shown_text() == wrong[first] == 'color = "green"'


def test_fixing_the_file_and_reload_shows_the_labels(make_window, qtbot, tmp_path):
    path = tmp_path / "draft.toml"
    path.write_text(broken_text()[0], "utf-8")
    window = make_window(path)
    assert not window.valid

    window.watcher.blockSignals(True)  # this test is about the button; the next one about saving
    path.write_text(draft_text(version=8, public_name="Open to all"), "utf-8")
    qtbot.mouseClick(window.reload_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.valid, timeout=WAIT)
    assert window.pages.currentWidget() is window.tabs
    qtbot.waitUntil(lambda: window.dialog.controller.loaded, timeout=WAIT)
    assert card_names(window)[0] == "Open to all"
    assert "version 8" in window.banner.text()

    path.write_text("[scheme]\nid = \n", "utf-8")  # and broken again: no crash, the TOML error
    window.reload()
    qtbot.waitUntil(lambda: not window.valid, timeout=WAIT)
    assert window.dialog is None
    item = window.problems.list.topLevelItem(0)
    assert item.text(0) == "2" and "not valid TOML" in item.text(2)


def test_saving_the_file_reloads_the_preview_by_itself(make_window, qtbot, tmp_path):
    path = tmp_path / "draft.toml"
    path.write_text(broken_text()[0], "utf-8")
    window = make_window(path)
    assert not window.valid

    # As many editors do: write a new file next to it and rename it over the old one.
    fixed = tmp_path / ".draft.toml.swp"
    fixed.write_text(draft_text(version=9), "utf-8")
    os.replace(fixed, path)
    qtbot.waitUntil(lambda: window.valid, timeout=WAIT)
    qtbot.waitUntil(lambda: window.dialog is not None and window.dialog.controller.loaded, timeout=WAIT)
    assert "version 9" in window.banner.text()

    path.write_text(draft_text(version=10, public_name="Public again"), "utf-8")  # saved in place
    qtbot.waitUntil(lambda: "version 10" in window.banner.text(), timeout=WAIT)
    qtbot.waitUntil(lambda: window.dialog.controller.loaded, timeout=WAIT)
    assert card_names(window)[0] == "Public again"


def test_the_language_switch_changes_the_interface_and_the_scheme_texts(make_window, qtbot, tmp_path):
    path = tmp_path / "draft.toml"
    path.write_text(draft_text(), "utf-8")
    window = make_window(path)
    window.language.setCurrentIndex(window.language.findData("nl"))
    qtbot.waitUntil(lambda: window.dialog.view.apply.text() == "Toepassen", timeout=2000)
    assert window.banner.text() == ("Voorvertoning van draft.toml, versie 7 — niet ondertekend, "
                                    "er wordt niets weggeschreven")
    assert card_names(window) == ["Openbaar", "Intern", "Vertrouwelijk", "Strikt vertrouwelijk"]
    assert window.matrix.table.verticalHeaderItem(0).text() == "Openbaar"
    assert window.tabs.tabText(1) == "Deelmatrix"

    window.language.setCurrentIndex(window.language.findData("fr"))
    qtbot.waitUntil(lambda: window.dialog.view.apply.text() == "Appliquer", timeout=2000)
    assert window.reload_button.text() == "&Recharger"
    assert window.matrix.table.verticalHeaderItem(2).text() == "Confidentiel"
    model = window.matrix.table.model()
    heading = model.headerData(0, Qt.Orientation.Horizontal) or model.headerData(
        0, Qt.Orientation.Horizontal, Qt.ItemDataRole.UserRole)  # the overview's header paints it itself
    assert " ".join(heading.split()) == "Courriel au sein de l'organisation"  # perhaps wrapped


def test_a_window_opened_in_french_stays_french_after_a_reload(make_window, qtbot, tmp_path):
    path = tmp_path / "draft.toml"
    path.write_text(broken_text()[0], "utf-8")
    window = make_window(path, lang="fr")
    assert window.problems.list.headerItem().text(0) == "Ligne"
    path.write_text(draft_text(), "utf-8")
    window.reload()
    qtbot.waitUntil(lambda: window.dialog is not None and window.dialog.controller.loaded, timeout=WAIT)
    assert window.language.currentData() == "fr"
    assert window.dialog.view.apply.text() == "Appliquer"
    assert card_names(window)[1] == "Interne"


# -- the command line -------------------------------------------------------------------
def run_preview(*args, autoclose="300"):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LABELER_PREVIEW_AUTOCLOSE_MS": autoclose}
    return subprocess.run([sys.executable, "-m", "labeler", "scheme", "preview", *map(str, args)],
                          capture_output=True, text=True, cwd=REPO, env=env, timeout=60)


def test_the_command_opens_the_preview_and_exits_0(tmp_path):
    path = tmp_path / "draft.toml"
    path.write_text(draft_text(), "utf-8")
    proc = run_preview(path, "--lang", "nl")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr


def test_the_command_shows_an_invalid_draft_too(tmp_path):
    path = tmp_path / "draft.toml"
    path.write_text(broken_text()[0], "utf-8")
    proc = run_preview(path)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr


def test_the_command_refuses_a_missing_file(tmp_path):
    proc = run_preview(tmp_path / "nowhere.toml")
    assert proc.returncode == 2
    assert "nowhere.toml: no such scheme file" in proc.stderr
    proc = run_preview(tmp_path)
    assert proc.returncode == 2 and "is a folder" in proc.stderr
    proc = run_preview(tmp_path / "x.toml", "--lang", "de")
    assert proc.returncode == 2


def test_other_files_changing_in_the_folder_do_not_restart_the_dialog(make_window, qtbot, tmp_path):
    path = tmp_path / "draft.toml"
    path.write_text(draft_text(), "utf-8")
    window = make_window(path)
    dialog = window.dialog
    qtbot.mouseClick(card(window, "confidential"), Qt.MouseButton.LeftButton)
    (tmp_path / "notes.txt").write_text("an editor's backup, say", "utf-8")
    qtbot.wait(1000)  # longer than the reload delay
    assert window.dialog is dialog and dialog.selected_label_id() == "confidential"
