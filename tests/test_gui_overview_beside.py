"""The Overview marks labels stored beside the content (file-system attributes), which copies and e-mail lose.

Real files labelled by the real service: a .txt gets its label in extended
attributes, a .docx inside the file.  The Files page is checked both when it
reads the files itself and when it opens from the label index, where the tag
follows what the read that filled the index found (the content decides, not
the name: a PDF named .dat keeps its label inside), also for an index written
before it recorded that.
"""
from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import QRect, Qt  # noqa: E402
from PySide6.QtGui import QColor, QImage, QPainter  # noqa: E402
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem  # noqa: E402

from labeler.core.service import LabelService  # noqa: E402
from labeler.desktop.label_index import LabelIndex  # noqa: E402
from test_gui_overview_live import CountingService  # noqa: E402
from ui.i18n import install_shell_translators  # noqa: E402
from ui.overview.files_model import BESIDE_ROLE, Column  # noqa: E402
from ui.overview.painting import TAG_GAP, TAG_WIDTH  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"
BESIDE = "The label is stored beside the content: copies to USB sticks or e-mail attachments lose it."


@pytest.fixture
def docs(tmp_path, scheme):
    """A .txt and a .docx, both labelled Internal by the real service."""
    folder = tmp_path / "Documents"
    folder.mkdir()
    shutil.copyfile(DATA / "plain.txt", folder / "notes.txt")
    shutil.copyfile(DATA / "lo-writer.docx", folder / "report.docx")
    service = LabelService(scheme)
    txt = service.apply(folder / "notes.txt", scheme.find("internal"))
    if not txt.ok:
        pytest.skip(f"this file system keeps no labels beside files: {txt.message}")
    assert not txt.travels_with_file  # stored in extended attributes, as `labeler show` says
    docx = service.apply(folder / "report.docx", scheme.find("internal"))
    assert docx.ok and docx.travels_with_file
    return folder


def open_files(shell, qtbot, count: int = 2):
    shell.open_overview()
    window = shell.overview
    qtbot.waitExposed(window)
    window.show_page("files")
    page = window.files
    page.view.everything.setChecked(True)  # a .txt is no document: listed with "Show all files"
    qtbot.waitUntil(lambda: not page.is_loading() and page.proxy.rowCount() == count, timeout=15000)
    return page


def label_cell(page, name: str):
    model = page.model
    row = next(page.proxy.row(r) for r in range(page.proxy.rowCount()) if page.proxy.row(r).name == name)
    return model.index(model.view_row_of(row), Column.LABEL)


def painted(page, index, selected: bool = False) -> QImage:
    """The label cell as the table's delegate paints it, on white."""
    view = page.view.table
    delegate = view.itemDelegateForColumn(Column.LABEL)
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.rect = QRect(0, 0, 260, 28)
    option.widget = view
    image = QImage(option.rect.size(), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    delegate.paint(painter, option, page.proxy.mapFromSource(index))
    painter.end()
    return image


def tag_pixels(image: QImage, left: int) -> int:
    """Dark pixels in the columns where the tag goes (after the pill)."""
    return sum(1 for x in range(left, min(image.width(), left + int(TAG_WIDTH) + 2)) for y in range(image.height())
               if QColor(image.pixel(x, y)).lightness() < 200)


def check_marks(page) -> None:
    txt, docx = label_cell(page, "notes.txt"), label_cell(page, "report.docx")
    assert txt.data() == docx.data() == "Internal"
    assert txt.data(BESIDE_ROLE) is True and docx.data(BESIDE_ROLE) is False
    assert BESIDE in txt.data(Qt.ItemDataRole.ToolTipRole)
    assert txt.data(Qt.ItemDataRole.AccessibleDescriptionRole) == BESIDE
    assert not docx.data(Qt.ItemDataRole.ToolTipRole)  # our own label inside the file: nothing to say
    legend = page.model.headerData(Column.LABEL, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "dashed tag" in legend and "beside the content" in legend
    # The tag is painted after the pill of the .txt only (same label, same pill width in both rows).
    metrics = page.view.table.fontMetrics()
    pill_end = 4 + 6 * 3 + 8 + metrics.horizontalAdvance("Internal") + 2
    assert tag_pixels(painted(page, txt), pill_end + int(TAG_GAP)) > 10
    assert tag_pixels(painted(page, docx), pill_end + int(TAG_GAP)) == 0
    delegate = page.view.table.itemDelegateForColumn(Column.LABEL)
    option = QStyleOptionViewItem()
    option.initFrom(page.view.table)
    assert delegate.sizeHint(option, page.proxy.mapFromSource(txt)).width() > \
        delegate.sizeHint(option, page.proxy.mapFromSource(docx)).width()


def test_a_label_kept_in_file_attributes_is_marked_and_explained(make_shell, qtbot, docs):
    shell = make_shell([docs])
    check_marks(open_files(shell, qtbot))


def test_rows_from_the_label_index_are_marked_the_same(make_shell, qtbot, docs, scheme, data_dir):
    from ui.overview.file_rows import reconcile_rows

    index = LabelIndex.default()
    try:
        service = LabelService(scheme, index=index)
        for _ in reconcile_rows(service, index, [str(docs)], everything=True):  # an earlier visit indexed both
            pass
        shell = make_shell([docs], service=service)
        page = open_files(shell, qtbot)
        assert {page.proxy.row(r).name for r in range(page.proxy.rowCount())} == {"notes.txt", "report.docx"}
        check_marks(page)
    finally:
        index.close()


@pytest.mark.parametrize("lang, expected", [
    ("nl", "Het label is naast de inhoud opgeslagen: kopieën op USB-sticks of als e-mailbijlage verliezen het."),
    ("fr", "L’étiquette est enregistrée à côté du contenu : les copies sur clé USB ou en pièce jointe d’un "
           "e-mail la perdent."),
])
def test_the_sentence_in_dutch_and_french(make_shell, qtbot, docs, lang, expected):
    shell = make_shell([docs])
    page = open_files(shell, qtbot)
    install_shell_translators(QApplication.instance(), lang)
    try:
        page.model.retranslate(lang)
        assert label_cell(page, "notes.txt").data(Qt.ItemDataRole.ToolTipRole) == expected
    finally:
        install_shell_translators(QApplication.instance(), "en")


@pytest.fixture
def misnamed(tmp_path, scheme, data_dir):
    """(folder, service with the user's index): a PDF named .dat and an Office file without extension,
    both labelled inside, a .txt labelled beside its content, and an unlabelled .docx."""
    folder = tmp_path / "Misnamed"
    folder.mkdir()
    for sample, name in (("lo-writer.pdf", "report.dat"), ("lo-writer.docx", "minutes"),
                         ("plain.txt", "notes.txt"), ("lo-writer.docx", "draft.docx")):
        shutil.copyfile(DATA / sample, folder / name)
    index = LabelIndex.default()
    service = LabelService(scheme, index=index)
    try:
        for name in ("report.dat", "minutes", "notes.txt"):
            outcome = service.apply(folder / name, scheme.find("internal"))
            if not outcome.ok:
                pytest.skip(f"{name} could not be labelled here: {outcome.message}")
        assert service.show(folder / "report.dat").travels_with_file  # what `labeler show` says of it
        assert index.record_read(service.show(folder / "draft.docx")) is None  # an earlier visit read it
        yield folder, service
    finally:
        index.close()


def check_tags(page) -> None:
    cells = {name: label_cell(page, name) for name in ("report.dat", "minutes", "notes.txt")}
    assert {name: cell.data() for name, cell in cells.items()} == dict.fromkeys(cells, "Internal")
    assert {name: cell.data(BESIDE_ROLE) for name, cell in cells.items()} == \
        {"report.dat": False, "minutes": False, "notes.txt": True}
    assert not cells["report.dat"].data(Qt.ItemDataRole.ToolTipRole)
    assert BESIDE in cells["notes.txt"].data(Qt.ItemDataRole.ToolTipRole)


def test_rows_from_the_index_are_tagged_by_the_content_not_the_name(make_shell, qtbot, misnamed):
    folder, service = misnamed
    counting = CountingService(service)
    counting.gate.clear()  # a read would wait: the rows must come from the index alone
    try:
        page = open_files(make_shell([folder], service=counting), qtbot, count=4)
        assert counting.reads == 0  # every row came from its index entry, no file was read again
        check_tags(page)
    finally:
        counting.gate.set()


def test_an_index_from_before_the_storage_was_recorded_is_corrected_by_one_read(make_shell, qtbot, misnamed):
    folder, service = misnamed
    # The index as the previous version wrote it: no `stored` column, schema 1.
    with sqlite3.connect(service.index.path) as db:
        db.execute("ALTER TABLE files DROP COLUMN stored")
        db.execute("UPDATE meta SET value = 1 WHERE key = 'schema'")
    db.close()
    service.index.close()
    service.index = LabelIndex.default()  # opening it adds the column; the old rows say "not known"
    assert service.index.get(str(folder / "report.dat")).stored is None
    counting = CountingService(service)
    page = open_files(make_shell([folder], service=counting), qtbot, count=4)
    assert counting.reads == 3  # the three labelled files, once; the unlabelled draft.docx matched its entry
    check_tags(page)
    assert service.index.get(str(folder / "report.dat")).stored == "inside"
    page.reload()  # the next visit needs no read at all
    qtbot.waitUntil(lambda: not page.is_loading() and page.proxy.rowCount() == 4, timeout=15000)
    assert counting.reads == 3
    check_tags(page)
