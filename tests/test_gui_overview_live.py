"""The Overview from the label index: opens without reading the documents, follows changes made anywhere,
and offers back labels another program's save dropped.  Real Shell, real files, real index.

Waiting is by state (qtbot.waitUntil bounds it); nothing here measures speed
(bench/bench_overview.py does, against a baseline).
"""
from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import Qt  # noqa: E402

from conftest import run_cli  # noqa: E402
from gui_helpers import our_label_id  # noqa: E402
from labeler.core.service import LabelService  # noqa: E402
from labeler.desktop.label_index import LabelIndex  # noqa: E402
from labeler.org.audit import AuditLog  # noqa: E402
import test_label_index  # noqa: E402
from test_label_index import resave_with_openpyxl, resave_without_custom_properties  # noqa: E402
from ui.overview.files_model import Column  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"

# The label index in this test's data folder and the service that keeps it, as the index's own tests have them.
index, service = test_label_index.index, test_label_index.service


class CountingService:
    """A LabelService (with its index) whose reads are counted, and held while `gate` is closed."""

    def __init__(self, service):
        self.service = service
        self.reads = 0
        self.gate = threading.Event()
        self.gate.set()

    def show(self, path):
        self.reads += 1
        self.gate.wait(30)  # bounded: a test that forgets to open it fails, it does not hang
        return self.service.show(path)

    def __getattr__(self, name):  # apply, remove, restore, scheme, index, audit, …
        return getattr(self.service, name)


@pytest.fixture
def docs(tmp_path, scheme, service):
    folder = tmp_path / "Documents"
    folder.mkdir()
    for sample, name in (("lo-writer.docx", "report.docx"), ("lo-calc.xlsx", "budget.xlsx"),
                         ("lo-impress.pptx", "slides.pptx"), ("lo-writer.odt", "notes.odt")):
        shutil.copyfile(DATA / sample, folder / name)
    assert service.apply(folder / "report.docx", scheme.find("internal")).ok
    assert service.apply(folder / "budget.xlsx", scheme.find("confidential")).ok
    return folder


def label_of(page, name: str) -> str | None:
    for r in range(page.proxy.rowCount()):
        row = page.proxy.row(r)
        if row.name == name:
            return page.model.data(page.model.index(page.model.view_row_of(row), Column.LABEL))
    return None


def open_files(shell, qtbot):
    shell.open_overview()
    window = shell.overview
    qtbot.waitExposed(window)
    window.show_page("files")
    return window.files


def test_the_overview_opens_from_the_index_without_reading_the_documents(make_shell, qtbot, docs, service, index):
    from ui.overview.file_rows import reconcile_rows

    for _ in reconcile_rows(service, index, [str(docs)]):  # an earlier visit indexed every document
        pass
    counting = CountingService(service)
    counting.gate.clear()  # any read would now wait: the first paint must not need one
    shell = make_shell([docs], service=counting, start=True)
    page = open_files(shell, qtbot)
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 4, timeout=5000)
    assert label_of(page, "budget.xlsx") == "Confidential" and label_of(page, "report.docx") == "Internal"
    assert label_of(page, "slides.pptx") == "Not labelled yet"
    counting.gate.set()
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=10000)
    assert counting.reads == 0  # every file matched its index entry: nothing was read again
    coverage = page.tally[str(docs)]
    assert coverage.labelled == 2 and coverage.to_label == 2


def test_files_changed_or_gone_since_the_index_was_written_are_reconciled(make_shell, qtbot, docs, service,
                                                                          index, scheme):
    from ui.overview.file_rows import reconcile_rows

    for _ in reconcile_rows(service, index, [str(docs)]):
        pass
    (docs / "notes.odt").unlink()
    LabelService(scheme).apply(docs / "slides.pptx", scheme.find("public"))  # not told to the index
    shell = make_shell([docs], service=service, start=True)
    page = open_files(shell, qtbot)
    qtbot.waitUntil(lambda: not page.is_loading() and page.proxy.rowCount() == 3, timeout=10000)
    assert label_of(page, "slides.pptx") == "Public" and label_of(page, "notes.odt") is None
    assert index.get(str(docs / "notes.odt")).present is False


def test_a_label_applied_anywhere_shows_in_the_open_overview_and_awareness_page(make_shell, qtbot, docs, service,
                                                                               index, scheme, data_dir):
    shell = make_shell([docs], service=service, start=True)
    page = open_files(shell, qtbot)
    qtbot.waitUntil(lambda: not page.is_loading() and page.proxy.rowCount() == 4, timeout=10000)
    assert label_of(page, "slides.pptx") == "Not labelled yet"

    # Another process's service (its own connection to the same index file), as a file-manager menu would be.
    other_index = LabelIndex.default()
    try:
        other = LabelService(scheme, audit=AuditLog.default(), index=other_index)
        assert other.apply(docs / "slides.pptx", scheme.find("confidential")).ok
    finally:
        other_index.close()
    qtbot.waitUntil(lambda: label_of(page, "slides.pptx") == "Confidential", timeout=5000)
    assert page.tally[str(docs)].labelled == 3

    shell.overview.show_page("awareness")
    awareness = shell.overview.pages["awareness"]
    qtbot.waitUntil(lambda: awareness.stats is not None and awareness.stats.documents == 3, timeout=5000)
    proc = run_cli("apply", "--label", "public", docs / "notes.odt", env={"LABELER_DATA_DIR": str(data_dir)})
    assert proc.returncode == 0, proc.stderr
    qtbot.waitUntil(lambda: awareness.stats.documents == 4 and awareness.stats.distribution.get("public") == 1,
                    timeout=5000)
    qtbot.waitUntil(lambda: label_of(page, "notes.odt") == "Public", timeout=5000)


def test_a_label_another_programs_save_dropped_is_offered_back_and_restored_with_one_click(
        make_shell, qtbot, docs, service, index, data_dir):
    shell = make_shell([docs], service=service, start=True, settle_seconds=0.2)
    qtbot.waitUntil(lambda: shell.feed.seq is not None, timeout=5000)
    budget = docs / "budget.xlsx"
    resave_without_custom_properties(budget)
    notice = shell.restore_notice
    qtbot.waitUntil(lambda: notice.current() is not None, timeout=10000)
    assert notice.isVisible() and notice.current().path == str(budget)
    assert "budget.xlsx" in notice.message.text() and "Confidential" in notice.message.text()
    assert our_label_id(budget) is None  # offered, never restored by itself
    assert shell.queue.count(check=False) == 0  # and not prompted as a new document to label

    qtbot.mouseClick(notice.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: our_label_id(budget) == "confidential", timeout=10000)
    log = AuditLog.default()
    last = log.entries()[-1]
    assert (last.action, last.method, last.new_label["id"]) == ("apply", "restored", "confidential")
    assert log.verify().ok
    qtbot.waitUntil(lambda: index.get(str(budget)).ours_id == "confidential", timeout=5000)
    assert index.dropped() == [] and not notice.isVisible()


def test_leaving_it_without_the_label_is_remembered(make_shell, qtbot, docs, service, index):
    shell = make_shell([docs], service=service, start=True, settle_seconds=0.2)
    budget = docs / "budget.xlsx"
    resave_without_custom_properties(budget)
    notice = shell.restore_notice
    qtbot.waitUntil(lambda: notice.current() is not None, timeout=10000)
    qtbot.mouseClick(notice.leave_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: index.dropped() == [], timeout=5000)
    assert our_label_id(budget) is None and not notice.isVisible()
    assert not [e for e in AuditLog.default().entries() if e.method == "restored"]


def test_a_label_removed_with_our_tools_is_never_offered_back(make_shell, qtbot, docs, service, index):
    shell = make_shell([docs], service=service, start=True, settle_seconds=0.2)
    report = docs / "report.docx"
    assert shell.service.remove(report, justification="published on the web site").ok
    shutil.copyfile(report, docs / "copy.tmp")
    os.replace(docs / "copy.tmp", report)  # another program saves it afterwards (a new file)
    qtbot.waitUntil(lambda: index.get(str(report)).matches(os.stat(report)), timeout=10000)  # the watcher read it
    assert shell.restore_notice.current() is None and index.dropped() == []


def test_an_openpyxl_save_keeps_our_label_so_nothing_is_offered(make_shell, qtbot, docs, service, index):
    shell = make_shell([docs], service=service, start=True, settle_seconds=0.2)
    budget = docs / "budget.xlsx"
    resave_with_openpyxl(budget)
    qtbot.waitUntil(lambda: index.get(str(budget)).matches(os.stat(budget)), timeout=10000)
    assert index.get(str(budget)).ours_id == "confidential"
    assert shell.restore_notice.current() is None
