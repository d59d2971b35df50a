"""The label index (labeler/desktop/label_index.py) with real files, the real service and the real CLI.

Another program's save is simulated the way such programs save: openpyxl
re-saving a workbook, and a writer that rebuilds the package without the
custom properties (as spreadsheet libraries in other languages do), both
replacing the file with a new one.
"""
from __future__ import annotations

import os
import sqlite3
import threading
import zipfile
from pathlib import Path

import pytest

from labeler.core import awareness
from labeler.core.service import LabelService
from labeler.desktop.label_index import Dropped, LabelIndex
from labeler.desktop.watch.indexing import indexing_check
from labeler.org.audit import AuditLog

from conftest import run_cli


@pytest.fixture
def index(data_dir):
    index = LabelIndex.default()
    yield index
    index.close()


@pytest.fixture
def service(scheme, index, data_dir):
    return LabelService(scheme, audit=AuditLog.default(), index=index)


def resave_with_openpyxl(path: Path) -> None:
    import openpyxl

    book = openpyxl.load_workbook(path)
    book.active["A1"] = "edited elsewhere"
    book.save(path)


def resave_without_custom_properties(path: Path) -> None:
    """Rebuild the package without docProps/custom.xml (and the references to it), then replace the file."""
    temp = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename in ("docProps/custom.xml", "docMetadata/LabelInfo.xml"):
                continue
            data = old.read(info.filename)
            if info.filename in ("[Content_Types].xml", "_rels/.rels"):
                text = data.decode("utf-8")
                for part in ("docProps/custom.xml", "docMetadata/LabelInfo.xml"):
                    text = _without_element_naming(text, part)
                data = text.encode("utf-8")
            new.writestr(info.filename, data)
    os.replace(temp, path)


def _without_element_naming(xml: str, part: str) -> str:
    start = xml.find(part)
    while start != -1:
        open_at = xml.rfind("<", 0, start)
        close_at = xml.find(">", start) + 1
        xml = xml[:open_at] + xml[close_at:]
        start = xml.find(part)
    return xml


def test_the_index_is_sqlite_in_wal_mode_in_the_data_folder(index, data_dir):
    assert index.path == data_dir / "label-index.sqlite3"
    with sqlite3.connect(index.path) as other:
        assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_change_made_by_the_service_is_in_the_index_with_the_files_identity(service, index, scheme, sample):
    path = sample("lo-calc.xlsx", "budget.xlsx")
    before = index.seq()
    assert service.apply(path, scheme.find("confidential")).ok
    entry = index.get(str(path))
    assert entry is not None and entry.ours_id == "confidential" and entry.label_id == "confidential"
    assert entry.matches(os.stat(path)) and index.seq() > before
    assert service.remove(path, justification="sent to the public web site").ok
    assert index.get(str(path)).ours_id is None and index.get(str(path)).dropped is None


def test_changes_since_reports_only_newer_rows_and_entries_under_keeps_to_the_folders(service, index, scheme,
                                                                                      tmp_path, sample):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs2").mkdir()
    inside = sample("lo-writer.docx", "docs/a.docx")
    beside = sample("lo-writer.docx", "docs2/b.docx")  # a sibling whose name starts like the folder's
    assert service.apply(inside, scheme.find("internal")).ok
    seq, _ = index.changes_since(None)
    assert service.apply(beside, scheme.find("public")).ok
    now, changed = index.changes_since(seq)
    assert now > seq and [e.path for e in changed] == [str(beside)]
    _, under = index.entries_under([str(tmp_path / "docs")])
    assert [e.path for e in under] == [str(inside)]
    index.forget([str(inside)])
    _, changed = index.changes_since(now)
    assert [(e.path, e.present) for e in changed] == [(str(inside), False)]
    assert index.entries_under([str(tmp_path / "docs")])[1] == []


def test_openpyxl_keeps_our_label_in_the_custom_properties_so_nothing_is_offered(service, index, scheme, sample):
    path = sample("lo-calc.xlsx", "budget.xlsx")
    assert service.apply(path, scheme.find("confidential")).ok
    resave_with_openpyxl(path)
    with zipfile.ZipFile(path) as z:  # what openpyxl 3.1 keeps and drops of ours
        assert "docMetadata/LabelInfo.xml" not in z.namelist()
        assert "docProps/custom.xml" in z.namelist()
    outcome = service.show(path)
    assert outcome.label is not None and outcome.label.id == "confidential"
    assert index.record_read(outcome) is None
    assert index.dropped() == []


def test_a_save_that_drops_the_custom_properties_is_noticed_and_waits_for_an_answer(service, index, scheme,
                                                                                   sample):
    path = sample("lo-calc.xlsx", "budget.xlsx")
    assert service.apply(path, scheme.find("confidential")).ok
    resave_without_custom_properties(path)
    outcome = service.show(path)
    assert outcome.ok and outcome.label is None
    dropped = index.record_read(outcome)
    assert dropped == Dropped(str(path), "confidential", "Confidential")
    assert index.dropped() == [dropped]
    assert index.record_read(service.show(path)) == dropped  # read again: still waiting, not forgotten
    index.dismiss_dropped(str(path))
    assert index.dropped() == [] and index.record_read(service.show(path)) is None


def test_our_own_removal_is_never_offered_back(service, index, scheme, sample):
    path = sample("lo-calc.xlsx", "budget.xlsx")
    assert service.apply(path, scheme.find("internal")).ok
    assert service.remove(path).ok
    resave_without_custom_properties(path)
    assert index.record_read(service.show(path)) is None


def test_a_label_changed_in_another_tool_is_not_second_guessed(service, index, scheme, sample):
    """Only our copy gone while the file still counts as the same label is a drop; another label is a choice."""
    path = sample("lo-calc.xlsx", "budget.xlsx")
    assert service.apply(path, scheme.find("confidential")).ok
    before = index.get(str(path))
    outcome = service.show(path)
    outcome.label, outcome.recognised = None, "public"  # what a read shows after a relabel elsewhere
    st = os.stat(path)
    touched = os.stat_result((st.st_mode, st.st_ino, st.st_dev, st.st_nlink, st.st_uid, st.st_gid,
                              st.st_size + 1, st.st_atime, st.st_mtime, st.st_ctime))
    assert before is not None and index.record_read(outcome, touched) is None


def test_restoring_is_audited_as_restored_and_keeps_the_log_and_the_awareness_counts_sane(service, index, scheme,
                                                                                          sample):
    path = sample("lo-calc.xlsx", "budget.xlsx")
    assert service.apply(path, scheme.find("confidential")).ok
    resave_without_custom_properties(path)
    dropped = index.record_read(service.show(path))
    outcome = service.restore(path, scheme.find(dropped.label_id))
    assert outcome.ok and outcome.label.id == "confidential"
    assert index.get(str(path)).dropped is None and index.get(str(path)).ours_id == "confidential"
    log = AuditLog.default()
    entries = log.entries()
    assert [(e.action, e.method) for e in entries] == [("apply", "manual"), ("apply", "restored")]
    assert log.verify().ok
    stats = awareness.compute(entries)
    assert stats.timeline.total == 1  # the label was applied once; putting it back is not a new label
    assert stats.documents == 1 and dict(stats.distribution) == {"confidential": 1}
    assert "restored" not in stats.methods


def test_the_command_line_keeps_the_index_current(index, data_dir, sample):
    path = sample("lo-writer.docx", "report.docx")
    seq = index.seq()
    proc = run_cli("apply", "--label", "internal", path, env={"LABELER_DATA_DIR": str(data_dir)})
    assert proc.returncode == 0, proc.stderr
    _, changed = index.changes_since(seq)
    assert [(e.path, e.ours_id) for e in changed] == [(str(path), "internal")]
    proc = run_cli("remove", path, env={"LABELER_DATA_DIR": str(data_dir)})
    assert proc.returncode == 0, proc.stderr
    assert index.get(str(path)).ours_id is None


def test_the_watchers_check_records_the_read_and_reports_a_drop_instead_of_a_prompt(service, index, scheme,
                                                                                   sample):
    labelled = sample("lo-calc.xlsx", "budget.xlsx")
    fresh = sample("lo-writer.docx", "new.docx")
    assert service.apply(labelled, scheme.find("confidential")).ok
    resave_without_custom_properties(labelled)
    drops: list = []
    check = indexing_check(service, index, lambda: (), drops.append)
    assert check(labelled) is False  # offered back, not "to label"
    assert [d.label_id for d in drops] == ["confidential"]
    assert check(fresh) is True and index.get(str(fresh)).ours_id is None


def test_a_broken_index_never_stops_labelling(scheme, sample, data_dir):
    class Broken:
        def record_change(self, outcome):
            raise sqlite3.OperationalError("database is locked")

    path = sample("lo-writer.docx", "report.docx")
    outcome = LabelService(scheme, index=Broken()).apply(path, scheme.find("internal"))
    assert outcome.ok and outcome.label.id == "internal"


def test_each_entry_records_where_the_label_is_kept_as_the_content_decides(service, index, scheme, sample, data_dir):
    misnamed = sample("lo-writer.pdf", "report.dat")  # a PDF under a name that promises no format
    no_extension = sample("lo-writer.docx", "minutes")  # an Office file that the content sniffing recognises
    notes = sample("plain.txt", "notes.txt")
    assert service.apply(misnamed, scheme.find("internal")).ok
    assert service.apply(no_extension, scheme.find("internal")).ok
    assert index.get(str(misnamed)).stored == index.get(str(no_extension)).stored == "inside"
    outcome = service.apply(notes, scheme.find("internal"))
    if outcome.ok:  # a file system without extended attributes cannot label it at all
        assert not outcome.travels_with_file and index.get(str(notes)).stored == "beside"
    fresh = sample("lo-writer.docx", "new.docx")
    assert indexing_check(service, index)(fresh) is True  # the watcher's read records it as well
    assert index.get(str(fresh)).stored == "inside"
    scan = sample("lo-writer.pdf", "scan")
    proc = run_cli("apply", "--label", "public", scan, env={"LABELER_DATA_DIR": str(data_dir)})
    assert proc.returncode == 0, proc.stderr  # another process's change, through the same service
    assert index.get(str(scan)).stored == "inside"


# The layout written by the first version of the index (schema 1), as it created it.
SCHEMA_1 = """
CREATE TABLE files (path BLOB PRIMARY KEY, size INTEGER, mtime_ns INTEGER, inode INTEGER, ok INTEGER NOT NULL,
    label_id TEXT, ours_id TEXT, ours_name TEXT, foreign_json TEXT, problem TEXT, kind TEXT,
    dropped_id TEXT, dropped_name TEXT, present INTEGER NOT NULL DEFAULT 1, seq INTEGER NOT NULL);
CREATE INDEX files_seq ON files (seq);
CREATE INDEX files_dropped ON files (dropped_id) WHERE dropped_id IS NOT NULL;
CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT INTO meta VALUES ('seq', 7);
INSERT INTO meta VALUES ('schema', 1);
"""


def write_schema_1_index(path: Path, rows: list[tuple]) -> None:
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA journal_mode=WAL")
        db.executescript(SCHEMA_1)
        db.executemany("INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    db.close()


def test_an_index_written_by_the_previous_schema_keeps_working(scheme, sample, data_dir, tmp_path):
    labelled = sample("lo-writer.docx", "report.docx")
    st = os.stat(labelled)
    data_dir.mkdir()
    write_schema_1_index(data_dir / "label-index.sqlite3", [
        (os.fsencode(str(labelled)), st.st_size, st.st_mtime_ns, st.st_ino, 1, "internal", "internal", "Internal",
         None, None, None, None, None, 1, 7)])
    # Several processes (the app, a file-manager menu) may open the old index at the same moment.
    opened: list = []
    threads = [threading.Thread(target=lambda: opened.append(LabelIndex.default())) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(opened) == 4
    for other in opened[1:]:
        other.close()
    index = opened[0]
    try:
        old = index.get(str(labelled))
        assert old is not None and old.ours_id == "internal" and old.matches(st) and old.seq == 7
        assert old.stored is None  # not known: the old layout did not record it
        assert index.seq() == 7 and [e.path for e in index.entries_under([str(tmp_path)])[1]] == [str(labelled)]
        with sqlite3.connect(index.path) as db:
            assert db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()[0] == 2
            assert "stored" in {row[1] for row in db.execute("PRAGMA table_info(files)")}
        db.close()
        service = LabelService(scheme, index=index)
        assert service.apply(labelled, scheme.find("confidential")).ok
        entry = index.get(str(labelled))
        assert entry.ours_id == "confidential" and entry.stored == "inside" and index.seq() > 7
    finally:
        index.close()
    reopened = LabelIndex.default()  # opening it again changes nothing
    try:
        assert reopened.get(str(labelled)).stored == "inside" and reopened.get(str(labelled)).seq == entry.seq
    finally:
        reopened.close()
