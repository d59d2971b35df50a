"""The Overview window with real widgets, a real Shell and real files in temp folders.

The watched folders hold copies of tests/data samples, some labelled with
the real service first; the label dialog is replaced by a recorder (the
shell's `open_dialog`), QDesktopServices.openUrl by a spy, so nothing
leaves the test.  Grabs of the window go to the temp folder.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import Qt, QTimer, QUrl  # noqa: E402
from PySide6.QtGui import QColor, QDesktopServices, QPalette  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from labeler.core.service import LabelService  # noqa: E402
from policy import load_builtin  # noqa: E402

from gui_helpers import SlowService, workers_idle  # noqa: E402
from ui.i18n import install_shell_translators  # noqa: E402
from ui.overview import file_rows  # noqa: E402
from ui.overview.files_model import ALL, FOREIGN, TO_LABEL, UNREADABLE, Column  # noqa: E402
from ui.overview.window import OverviewWindow  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"
GRABS = Path(tempfile.gettempdir())


@pytest.fixture
def docs(tmp_path, scheme):
    """~/Documents-like folder: 2 labelled, 3 to label, 1 unreadable, 2 non-documents; one subfolder."""
    folder = tmp_path / "Documents"
    (folder / "Projects").mkdir(parents=True)
    for sample, name in (("lo-writer.docx", "report.docx"), ("lo-calc.xlsx", "budget.xlsx"),
                         ("lo-impress.pptx", "Projects/slides.pptx"), ("msip-custom.docx", "vendor.docx"),
                         ("lo-writer.pdf", "Projects/minutes.pdf"), ("truncated.docx", "broken.docx"),
                         ("plain.txt", "notes.txt"), ("photo.png", "photo.png")):
        shutil.copyfile(DATA / sample, folder / name)
    service = LabelService(scheme)
    assert service.apply(folder / "report.docx", scheme.find("internal")).ok
    assert service.apply(folder / "Projects" / "slides.pptx", scheme.find("confidential")).ok
    (folder / "~$report.docx").write_bytes(b"owner file")  # transient: never listed
    return folder


def open_overview(shell, qtbot) -> OverviewWindow:
    shell.open_overview()
    window = shell.overview
    qtbot.waitExposed(window)
    return window


def loaded(window: OverviewWindow, qtbot, rows: int | None = None, timeout=15000) -> None:
    qtbot.waitUntil(lambda: not window.files.is_loading(), timeout=timeout)
    if rows is not None:
        assert window.files.proxy.rowCount() == rows


def names(page) -> list[str]:
    return [page.proxy.row(r).name for r in range(page.proxy.rowCount())]


def test_documents_fill_the_table_progressively_with_the_coverage(make_shell, qtbot, docs, monkeypatch):
    monkeypatch.setattr(file_rows, "BATCH_SIZE", 2)
    shell = make_shell([docs], service=SlowService(LabelService(load_builtin()), 0.05), record_dialogs=True)
    window = open_overview(shell, qtbot)
    page = window.files
    seen = []
    page.model.rowsInserted.connect(lambda *a: seen.append(page.model.rowCount()))
    qtbot.waitUntil(lambda: 0 < page.proxy.rowCount() < 6, timeout=5000)  # part of it, while reading
    assert page.is_loading() and page.view.cancel.isVisible()
    assert page.view.progress.text().startswith("Reading labels… ")
    loaded(window, qtbot, rows=6)
    assert len(set(seen)) >= 3  # several batches, not one at the end

    assert names(page) == ["broken.docx", "budget.xlsx", "minutes.pdf", "report.docx", "slides.pptx",
                           "vendor.docx"]  # sorted by name; no .txt, .png or owner file
    coverage = page.tally[str(docs)]
    assert (coverage.labelled, coverage.to_label, coverage.unreadable) == (2, 3, 1)
    assert dict(coverage.by_label) == {"internal": 1, "confidential": 1}
    row = page.view.folders.rows[str(docs)]
    assert row.counts.text() == "2 labelled · 3 to label · 1 unreadable"
    colors = [c for c, _ in row.bar.segments()]
    assert colors == [shell.service.scheme.find("internal").color, shell.service.scheme.find("confidential").color]
    assert page.view.status.text() == "6 files"
    assert not page.view.cancel.isVisible()

    model = page.model
    report = model.row_for_path(str(docs / "report.docx"))
    index = model.index(model.view_row_of(report), Column.LABEL)
    assert index.data() == "Internal"
    vendor = model.row_for_path(str(docs / "vendor.docx"))
    foreign = model.index(model.view_row_of(vendor), Column.FOREIGN).data()
    assert "Microsoft: Confidential" in foreign and "Titus: General" in foreign
    slides = model.row_for_path(str(docs / "Projects" / "slides.pptx"))
    assert model.index(model.view_row_of(slides), Column.FOLDER).data() == os.path.join("Documents", "Projects")
    assert model.index(model.view_row_of(slides), Column.MODIFIED).data()  # a date, localised
    qtbot.wait(50)
    window.grab().save(str(GRABS / "labeler-overview-en.png"))


def test_filters_and_search_give_the_expected_rows(make_shell, qtbot, docs, tmp_path):
    other = tmp_path / "Desktop"
    other.mkdir()
    shutil.copyfile(DATA / "lo-writer.odt", other / "draft.odt")
    shutil.copyfile(DATA / "lo-calc.ods", other / "budget-2025.ods")
    shell = make_shell([docs, other], record_dialogs=True)
    window = open_overview(shell, qtbot)
    page = window.files
    loaded(window, qtbot, rows=8)
    assert page.tally[str(other)].to_label == 2

    page.set_filter(TO_LABEL)
    assert names(page) == ["budget-2025.ods", "budget.xlsx", "draft.odt", "minutes.pdf", "vendor.docx"]
    page.set_filter("confidential")
    assert names(page) == ["slides.pptx"]
    page.set_filter(FOREIGN)
    assert names(page) == ["vendor.docx"]
    page.set_filter(UNREADABLE)
    assert names(page) == ["broken.docx"]
    page.set_filter(ALL, folder=str(other))
    assert names(page) == ["budget-2025.ods", "draft.odt"]
    page.set_filter(TO_LABEL, folder=str(docs))
    assert names(page) == ["budget.xlsx", "minutes.pdf", "vendor.docx"]
    qtbot.waitUntil(lambda: page.view.status.text() == "3 of 8 shown", timeout=2000)

    page.set_filter(ALL)
    qtbot.keyClicks(page.view.search, "BUDG")  # as the user types, case-insensitive
    qtbot.waitUntil(lambda: names(page) == ["budget-2025.ods", "budget.xlsx"], timeout=3000)

    # the label combo offers each label with its chip, then the other filters
    combo = page.view.which
    texts = [combo.itemText(i) for i in range(combo.count())]
    assert texts == ["All", "Not labelled yet", "Public", "Internal", "Confidential", "Strictly Confidential",
                     "Other tools' labels", "Unreadable"]
    assert not combo.itemIcon(3).isNull()


def test_show_all_files_reads_the_other_files_too(make_shell, qtbot, docs):
    shell = make_shell([docs], record_dialogs=True)
    window = open_overview(shell, qtbot)
    page = window.files
    loaded(window, qtbot, rows=6)
    page.view.everything.setChecked(True)
    loaded(window, qtbot, rows=8)
    assert {"notes.txt", "photo.png"} <= set(names(page))
    assert page.tally[str(docs)].documents == 6  # the bars count documents only
    page.view.everything.setChecked(False)
    assert page.proxy.rowCount() == 6


def test_sorting_on_the_columns(make_shell, qtbot, docs):
    shell = make_shell([docs], record_dialogs=True)
    window = open_overview(shell, qtbot)
    page = window.files
    loaded(window, qtbot, rows=6)
    table = page.view.table
    table.sortByColumn(Column.NAME, Qt.SortOrder.DescendingOrder)
    assert names(page) == sorted(names(page), key=str.casefold, reverse=True)
    table.sortByColumn(Column.LABEL, Qt.SortOrder.DescendingOrder)  # most sensitive first
    assert names(page)[:2] == ["slides.pptx", "report.docx"]
    assert names(page)[-1] == "broken.docx"
    for column in Column:  # every column sorts
        table.sortByColumn(column, Qt.SortOrder.AscendingOrder)
        assert page.model.sort_column() == column and page.proxy.rowCount() == 6
    table.sortByColumn(Column.NAME, Qt.SortOrder.AscendingOrder)
    assert names(page)[0] == "broken.docx"


def test_selected_files_go_to_the_label_dialog_and_their_rows_refresh(make_shell, qtbot, docs, scheme):
    shell = make_shell([docs], record_dialogs=True)
    window = open_overview(shell, qtbot)
    page = window.files
    loaded(window, qtbot, rows=6)
    table = page.view.table
    assert not page.view.label.isEnabled()

    def click(row, modifier=Qt.KeyboardModifier.NoModifier):
        rect = table.visualRect(page.proxy.index(row, Column.NAME))
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())
    click(1)  # budget.xlsx
    click(2, Qt.KeyboardModifier.ControlModifier)  # minutes.pdf
    assert page.view.label.isEnabled()
    page.view.label.click()
    assert shell.opened == [[str(docs / "budget.xlsx"), str(docs / "Projects" / "minutes.pdf")]]

    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Return)  # Enter labels the selection too
    assert len(shell.opened) == 2 and shell.opened[1] == shell.opened[0]

    # the dialog applied a label: those rows and the bar follow
    service = LabelService(scheme)
    outcomes = [service.apply(p, scheme.find("public")) for p in shell.opened[0]]
    shell.last_dialog.labelsApplied.emit(outcomes)
    qtbot.waitUntil(lambda: page.tally[str(docs)].to_label == 1, timeout=5000)
    assert page.tally[str(docs)].by_label["public"] == 2
    assert page.model.row_for_path(str(docs / "budget.xlsx")).label_id == "public"
    assert page.view.folders.rows[str(docs)].counts.text() == "4 labelled · 1 to label · 1 unreadable"
    page.set_filter(TO_LABEL)
    assert names(page) == ["vendor.docx"]


def test_open_containing_folder_asks_the_desktop(make_shell, qtbot, docs, monkeypatch):
    opened_urls = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened_urls.append(url) or True))
    shell = make_shell([docs], record_dialogs=True)
    window = open_overview(shell, qtbot)
    page = window.files
    loaded(window, qtbot, rows=6)
    page.set_filter(ALL, text="slides")
    page.view.table.selectRow(0)
    page.view.open_folder.click()
    assert opened_urls == [QUrl.fromLocalFile(str(docs / "Projects"))]


def test_cancel_stops_reading(make_shell, qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(file_rows, "BATCH_SIZE", 2)
    folder = tmp_path / "Many"
    folder.mkdir()
    for i in range(60):
        shutil.copyfile(DATA / "lo-writer.docx", folder / f"doc-{i:02}.docx")
    shell = make_shell([folder], service=SlowService(LabelService(load_builtin()), 0.05), record_dialogs=True)
    window = open_overview(shell, qtbot)
    page = window.files
    qtbot.waitUntil(lambda: page.proxy.rowCount() >= 4, timeout=5000)
    page.view.cancel.click()
    assert not page.is_loading() and not page.view.cancel.isVisible()
    qtbot.waitUntil(workers_idle, timeout=5000)
    count = page.proxy.rowCount()
    qtbot.wait(300)
    assert page.proxy.rowCount() == count < 60
    assert page.view.status.text().startswith("Stopped after ")
    assert page.view.refresh.isVisible()


def test_three_thousand_files_load_while_the_gui_keeps_running(make_shell, qtbot, tmp_path):
    folder = tmp_path / "Big"
    for part in range(3):
        (folder / f"part{part}").mkdir(parents=True)
        for i in range(1000):
            shutil.copyfile(DATA / "lo-writer.docx", folder / f"part{part}" / f"doc-{i:04}.docx")
    shell = make_shell([folder], record_dialogs=True)
    ticks = []
    window = OverviewWindow(shell)
    shell.overview = window
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(window.files.model.rowCount()))
    timer.start()
    try:
        shell.open_overview()
        loaded(window, qtbot, rows=3000, timeout=60000)
    finally:
        timer.stop()
    during = [n for n in ticks if 0 < n < 3000]
    assert len(during) >= 5  # the event loop ran while batches were still arriving
    assert len(set(during)) >= 3
    assert window.files.tally[str(folder)].to_label == 3000
    assert window.files.view.folders.rows[str(folder)].counts.text() == "0 labelled · 3,000 to label"


def test_closing_hides_the_window_and_the_app_keeps_running(make_shell, qtbot, docs, monkeypatch):
    app = QApplication.instance()
    app.setQuitOnLastWindowClosed(False)
    quits = []
    shell = make_shell([docs], record_dialogs=True)
    monkeypatch.setattr(shell, "quit", lambda: quits.append(True))
    try:
        window = open_overview(shell, qtbot)
        loaded(window, qtbot, rows=6)
        assert window.close()
        assert not window.isVisible() and shell.overview is window and not quits
        shutil.copyfile(DATA / "lo-writer.odt", docs / "new.odt")
        shell.open_overview()  # the same window again, read afresh
        assert shell.overview is window and window.isVisible()
        loaded(window, qtbot, rows=7)
    finally:
        app.setQuitOnLastWindowClosed(True)


def test_keyboard_shortcuts(make_shell, qtbot, docs):
    shell = make_shell([docs], record_dialogs=True)
    window = open_overview(shell, qtbot)
    page = window.files
    loaded(window, qtbot, rows=6)
    window.activateWindow()
    page.view.table.setFocus()
    qtbot.keyClick(page.view.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.view.search.hasFocus()
    qtbot.keyClicks(page.view.search, "report")
    qtbot.waitUntil(lambda: names(page) == ["report.docx"], timeout=3000)
    qtbot.keyClick(page.view.search, Qt.Key.Key_Escape)
    assert page.view.search.text() == "" and page.proxy.rowCount() == 6
    resets = []
    page.model.modelReset.connect(lambda: resets.append(True))
    qtbot.keyClick(page.view.search, Qt.Key.Key_F5)  # reads the folders again
    assert resets
    loaded(window, qtbot, rows=6)
    # the sidebar is a list: arrow keys switch pages
    window.sidebar.setFocus()
    if window.sidebar.count() > 1:
        qtbot.keyClick(window.sidebar, Qt.Key.Key_Down)
        assert window.stack.currentIndex() == 1
        qtbot.keyClick(window.sidebar, Qt.Key.Key_Up)
    assert window.current_page() is page


def test_the_sidebar_lists_every_page(make_shell, qtbot, docs):
    shell = make_shell([docs], record_dialogs=True)
    window = open_overview(shell, qtbot)
    keys = [window.sidebar.item(i).data(Qt.ItemDataRole.UserRole) for i in range(window.sidebar.count())]
    assert keys == ["files", "awareness", "history"]
    assert window.sidebar.item(0).text() == "Files"
    loaded(window, qtbot)


def test_dutch_retranslation_and_a_dark_palette(make_shell, qtbot, docs):
    shell = make_shell([docs], record_dialogs=True)
    window = open_overview(shell, qtbot)
    page = window.files
    loaded(window, qtbot, rows=6)
    app = QApplication.instance()
    try:
        install_shell_translators(app, "nl", switch=True)
        qtbot.waitUntil(lambda: window.windowTitle() == "Overzicht", timeout=3000)
        assert window.sidebar.item(0).text() == "Bestanden"
        assert page.model.headerData(Column.NAME, Qt.Orientation.Horizontal) == "Naam"
        assert page.view.label.text() == "&Labelen…"
        assert page.view.which.itemText(1) == "Nog zonder label"
        assert page.view.which.itemText(3) == "Intern"  # label names from the scheme, in Dutch
        assert page.view.folders.rows[str(docs)].counts.text() == "2 gelabeld · 3 te labelen · 1 onleesbaar"
        assert page.view.status.text() == "6 bestanden"
        report = page.model.row_for_path(str(docs / "report.docx"))
        assert page.model.index(page.model.view_row_of(report), Column.LABEL).data() == "Intern"
        qtbot.wait(100)  # let the layouts catch up with the longer texts
        window.grab().save(str(GRABS / "labeler-overview-nl.png"))
        install_shell_translators(app, "fr", switch=True)
        qtbot.waitUntil(lambda: page.view.status.text() == "6 fichiers", timeout=3000)
        assert page.view.folders.rows[str(docs)].counts.text() == "2 étiquetés · 3 à étiqueter · 1 illisible"
        qtbot.wait(100)
        window.grab().save(str(GRABS / "labeler-overview-fr.png"))
    finally:
        install_shell_translators(app, "en", switch=True)
    qtbot.waitUntil(lambda: page.view.status.text() == "6 files", timeout=3000)

    dark = QPalette(window.palette())
    for role, color in ((QPalette.ColorRole.Window, "#2b2b2b"), (QPalette.ColorRole.Base, "#1e1e1e"),
                        (QPalette.ColorRole.AlternateBase, "#262626"), (QPalette.ColorRole.Text, "#e6e6e6"),
                        (QPalette.ColorRole.WindowText, "#e6e6e6"), (QPalette.ColorRole.Button, "#353535"),
                        (QPalette.ColorRole.ButtonText, "#e6e6e6"), (QPalette.ColorRole.Mid, "#5a5a5a"),
                        (QPalette.ColorRole.PlaceholderText, "#9a9a9a")):
        dark.setColor(role, QColor(color))
    window.setPalette(dark)
    qtbot.wait(100)
    window.grab().save(str(GRABS / "labeler-overview-dark.png"))


def test_ignored_folders_and_transient_files_are_left_out(make_shell, qtbot, docs):
    shell = make_shell([docs], record_dialogs=True)
    shell.settings.ignored_folders = [str(docs / "Projects")]
    window = open_overview(shell, qtbot)
    loaded(window, qtbot, rows=4)
    assert names(window.files) == ["broken.docx", "budget.xlsx", "report.docx", "vendor.docx"]


def test_the_window_remembers_its_size_and_page(make_shell, qtbot, docs):
    shell = make_shell([docs], record_dialogs=True)
    window = open_overview(shell, qtbot)
    loaded(window, qtbot)
    window.resize(790, 520)  # within the offscreen screen (800×600)
    window.show_page(list(window.pages)[-1])
    window.close()
    again = OverviewWindow(shell)
    qtbot.addWidget(again)
    assert again.size() == window.size()
    assert again.current_page() is list(again.pages.values())[-1]
