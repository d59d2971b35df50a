"""The folder watcher with a real watchdog observer on real files.

No timing assertions: every wait polls with a generous timeout, and "never
delivered" is checked after a later control file *was* delivered (the
watcher delivers a batch only once everything before it has settled).
"""
from __future__ import annotations

import errno
import os
import shutil
import threading
import time
from pathlib import Path

import pytest

import labeler.desktop.watch.watcher as watcher_mod
from labeler.core.service import LabelService
from labeler.desktop.watch.watcher import FolderWatcher, OwnWrites, candidate_check
from labeler.desktop.watch.filters import is_ignored_name
from labeler.desktop.watch.mounts import filesystem_type, is_network_type, parse_mountinfo
from labeler.desktop.watch.settle import Settler
from policy import load_builtin

from conftest import DATA
from wait_support import wait_for

SETTLE = 0.3
WAIT = 20.0  # generous bound on waiting for a delivery; never asserted as a duration
DOCX = DATA / "pydocx.docx"


class Collector:
    """on_ready that records every call (and each file's size when delivered)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.calls: list[list[Path]] = []
        self.sizes: dict[Path, list[int]] = {}

    def __call__(self, paths):
        with self.lock:
            self.calls.append(list(paths))
            for p in paths:
                self.sizes.setdefault(p, []).append(p.stat().st_size if p.exists() else -1)

    def delivered(self) -> list[Path]:
        with self.lock:
            return [p for call in self.calls for p in call]

    def names(self) -> list[str]:
        return [p.name for p in self.delivered()]

    def wait_for(self, *names, timeout=WAIT):
        assert wait_for(lambda: set(names) <= set(self.names()), timeout), \
            f"expected {names}, delivered {self.names()}"


@pytest.fixture(scope="module")
def scheme():
    return load_builtin()


@pytest.fixture
def service(scheme):
    return LabelService(scheme)


@pytest.fixture
def folder(tmp_path):
    path = tmp_path / "Documents"
    path.mkdir()
    return path


@pytest.fixture
def make_watcher():
    made = []

    def make(folders, is_candidate=lambda p: True, **kwargs):
        collector = Collector()
        kwargs.setdefault("settle_seconds", SETTLE)
        w = FolderWatcher([str(f) for f in folders], is_candidate, collector, **kwargs)
        made.append(w)
        return w, collector

    yield make
    for w in made:
        w.stop()


def copy_doc(dest: Path) -> Path:
    shutil.copyfile(DOCX, dest)
    return dest


# -- bursts and editor saves ------------------------------------------------------------
def test_a_burst_of_50_documents_is_delivered_in_a_few_batches(folder, make_watcher, service):
    w, got = make_watcher([folder], candidate_check(service))
    w.start()
    for i in range(50):
        copy_doc(folder / f"doc{i:02}.docx")
    assert wait_for(lambda: len(got.delivered()) >= 50, WAIT)
    assert sorted(got.names()) == sorted(f"doc{i:02}.docx" for i in range(50))
    assert len(got.calls) <= 3, [len(c) for c in got.calls]


def test_word_style_save_arrives_once_as_the_moves_destination(folder, make_watcher):
    w, got = make_watcher([folder])
    w.start()
    tmp = folder / "~WRL0001.tmp"
    tmp.write_bytes(DOCX.read_bytes())
    os.rename(tmp, folder / "report.docx")
    got.wait_for("report.docx")
    copy_doc(folder / "control.docx")
    got.wait_for("control.docx")
    assert got.names().count("report.docx") == 1
    assert "~WRL0001.tmp" not in got.names()


def test_words_full_save_sequence_over_an_existing_document(folder, make_watcher):
    copy_doc(folder / "report.docx")
    w, got = make_watcher([folder])
    w.start()
    (folder / "~WRD0000.tmp").write_bytes(DOCX.read_bytes() + b"")  # Word writes the new version
    os.rename(folder / "report.docx", folder / "~WRL0001.tmp")  # keeps the old one aside
    os.rename(folder / "~WRD0000.tmp", folder / "report.docx")  # new version into place
    os.remove(folder / "~WRL0001.tmp")
    got.wait_for("report.docx")
    copy_doc(folder / "control.docx")
    got.wait_for("control.docx")
    assert sorted(got.names()) == ["control.docx", "report.docx"]


def test_lock_and_owner_files_are_never_delivered_and_hold_the_document(folder, make_watcher):
    w, got = make_watcher([folder])
    w.start()
    (folder / "~$report.docx").write_bytes(b"owner")
    (folder / ".~lock.report.docx#").write_text("lock")
    copy_doc(folder / "report.docx")  # open in an editor: held, not offered yet
    copy_doc(folder / "control.docx")
    got.wait_for("control.docx")
    assert "report.docx" not in got.names()
    (folder / "~$report.docx").unlink()
    (folder / ".~lock.report.docx#").unlink()  # the editor closed it
    got.wait_for("report.docx")
    assert not any(n.startswith(("~$", ".~lock.")) for n in got.names())


def test_a_file_written_slowly_is_delivered_once_when_complete(folder, make_watcher):
    sizes_at_check = []

    def is_candidate(p):
        sizes_at_check.append(p.stat().st_size)
        return True

    w, got = make_watcher([folder], is_candidate)
    w.start()
    data = DOCX.read_bytes()
    target = folder / "slow.docx"
    chunks = [data[i:i + len(data) // 15 + 1] for i in range(0, len(data), len(data) // 15 + 1)]

    def write_slowly():
        with open(target, "wb") as f:
            for chunk in chunks:  # about 1.5 s in all, never quiet for SETTLE
                f.write(chunk)
                f.flush()
                time.sleep(0.1)

    writer = threading.Thread(target=write_slowly)
    writer.start()
    writer.join()
    got.wait_for("slow.docx")
    copy_doc(folder / "control.docx")
    got.wait_for("control.docx")
    assert got.names().count("slow.docx") == 1
    assert got.sizes[target] == [len(data)]
    assert sizes_at_check == [len(data), len(data)]  # slow.docx, then control.docx


# -- what is (not) a candidate -------------------------------------------------------------
def test_the_apps_own_label_write_never_triggers(folder, make_watcher, scheme):
    doc = copy_doc(folder / "mine.docx")
    own = OwnWrites()
    w, got = make_watcher([folder], lambda p: True, own_writes=own)  # only OwnWrites can stop it
    w.start()
    outcome = LabelService(scheme).apply(doc, scheme.label("internal"))
    assert outcome.ok and outcome.status == "labelled"
    own.record(doc)
    copy_doc(folder / "control.docx")
    got.wait_for("control.docx")
    time.sleep(SETTLE * 3)
    copy_doc(folder / "control2.docx")
    got.wait_for("control2.docx")
    assert "mine.docx" not in got.names()


def test_a_label_write_not_recorded_as_ours_is_seen(folder, make_watcher, scheme):
    # The counterpart of the test above: without OwnWrites the write does arrive.
    doc = copy_doc(folder / "theirs.docx")
    w, got = make_watcher([folder], lambda p: True)
    w.start()
    assert LabelService(scheme).apply(doc, scheme.label("internal")).ok
    got.wait_for("theirs.docx")


def test_a_change_after_our_own_write_is_seen_again(folder, make_watcher, scheme):
    doc = copy_doc(folder / "mine.docx")
    own = OwnWrites()
    LabelService(scheme).apply(doc, scheme.label("internal"))
    own.record(doc)
    assert own.matches(doc)
    w, got = make_watcher([folder], lambda p: True, own_writes=own)
    w.start()
    with open(doc, "ab") as f:  # someone else changes it afterwards
        f.write(b"\0")
    got.wait_for("mine.docx")


def test_an_already_labelled_document_is_not_a_candidate(tmp_path, folder, make_watcher, service, scheme):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    labelled = copy_doc(elsewhere / "labelled.docx")
    assert service.apply(labelled, scheme.label("confidential")).ok
    w, got = make_watcher([folder], candidate_check(service))
    w.start()
    shutil.copy2(labelled, folder / "labelled.docx")
    copy_doc(folder / "unlabelled.docx")
    got.wait_for("unlabelled.docx")
    assert "labelled.docx" not in got.names()


def test_non_documents_are_not_delivered(folder, make_watcher, scheme):
    w, got = make_watcher([folder], scheme.must_be_labelled)
    w.start()
    (folder / "notes.txt").write_text("hello")
    shutil.copyfile(DATA / "photo.png", folder / "photo.png")
    copy_doc(folder / "control.docx")
    got.wait_for("control.docx")
    assert got.names() == ["control.docx"]


def test_ignored_folders_and_hidden_folders_are_skipped(folder, make_watcher):
    (folder / "private").mkdir()
    (folder / ".cache").mkdir()
    w, got = make_watcher([folder], ignored_folders=[folder / "private"])
    w.start()
    copy_doc(folder / "private" / "a.docx")
    copy_doc(folder / ".cache" / "b.docx")
    copy_doc(folder / "c.docx")
    got.wait_for("c.docx")
    assert got.names() == ["c.docx"]


def test_a_folder_moved_in_brings_its_documents(tmp_path, folder, make_watcher):
    outside = tmp_path / "Project"
    outside.mkdir()
    copy_doc(outside / "plan.docx")
    copy_doc(outside / "budget.docx")
    w, got = make_watcher([folder])
    w.start()
    os.rename(outside, folder / "Project")
    got.wait_for("plan.docx", "budget.docx")


# -- fallback, reconciliation, control ---------------------------------------------------------
def test_polling_fallback_when_the_watch_limit_is_reached(folder, make_watcher, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, "inotify watch limit reached")

    monkeypatch.setattr(watcher_mod.NativeObserver, "schedule", refuse)
    w, got = make_watcher([folder], poll_interval=0.2)
    w.start()
    [status] = w.status()
    assert status.mode == "polling" and status.polling and w.polling
    assert status.reason_code == "watch-limit"
    assert status.reason == ("The system's limit on watched folders was reached; "
                             "checking every 0.2 seconds instead.")
    assert "bewaakte mappen" in status.describe("nl")
    copy_doc(folder / "polled.docx")
    got.wait_for("polled.docx")


def test_forced_polling_and_a_missing_folder(tmp_path, folder, make_watcher):
    w, got = make_watcher([folder, tmp_path / "gone"], poll_interval=0.2, force_polling=True)
    w.start()
    by_folder = {Path(s.folder).name: s for s in w.status()}
    assert by_folder["Documents"].mode == "polling" and by_folder["Documents"].reason_code == "forced"
    assert by_folder["gone"].mode == "unavailable"
    copy_doc(folder / "a.docx")
    got.wait_for("a.docx")


def test_a_folder_that_goes_away_is_watched_again_when_it_returns(folder, make_watcher):
    w, got = make_watcher([folder], reconcile_interval=0.3)
    w.start(block=False)  # watches are set up in the background
    assert wait_for(lambda: w.status()[0].mode == "native", WAIT)
    shutil.rmtree(folder)
    assert wait_for(lambda: w.status()[0].mode == "unavailable", WAIT)
    folder.mkdir()
    assert wait_for(lambda: w.status()[0].mode == "native", WAIT)
    copy_doc(folder / "back.docx")
    got.wait_for("back.docx")


def test_native_status_when_nothing_goes_wrong(folder, make_watcher):
    w, _ = make_watcher([folder])
    assert [s.mode for s in w.status()] == ["stopped"]
    w.start()
    [status] = w.status()
    assert status.mode == "native" and not w.polling
    w.stop()
    assert [s.mode for s in w.status()] == ["stopped"]


def test_network_file_systems_are_recognised_from_mountinfo():
    text = ("22 1 8:1 / / rw,relatime - ext4 /dev/sda1 rw\n"
            "40 22 0:50 / /home/ann/Shared\\040Docs rw,relatime - cifs //srv/docs rw,vers=3.0\n"
            "41 22 0:51 / /mnt/nas rw shared:5 - nfs4 nas:/export rw\n"
            "42 22 0:52 / /home/ann/remote rw - fuse.sshfs ann@host: rw\n")
    mounts = parse_mountinfo(text)
    assert filesystem_type("/home/ann/Shared Docs/x", mounts) == "cifs"
    assert filesystem_type("/mnt/nas/team", mounts) == "nfs4"
    assert filesystem_type("/home/ann/remote", mounts) == "fuse.sshfs"
    assert filesystem_type("/home/ann/Documents", mounts) == "ext4"
    assert all(map(is_network_type, ("cifs", "nfs4", "fuse.sshfs", "smb3", "9p")))
    assert not any(map(is_network_type, ("ext4", "btrfs", "tmpfs", "fuseblk")))


def test_reconciliation_catches_what_events_missed(folder, make_watcher):
    w, got = make_watcher([folder])
    w.start()
    w.stop()  # events are now missed
    copy_doc(folder / "missed1.docx")
    copy_doc(folder / "missed2.docx")
    assert w.reconcile_now() == 2
    assert sorted(got.names()) == ["missed1.docx", "missed2.docx"]
    assert w.reconcile_now() == 0  # nothing changed since: nothing delivered twice
    assert len(got.delivered()) == 2


def test_periodic_reconciliation_runs_by_itself(folder, make_watcher):
    w, got = make_watcher([folder], reconcile_interval=0.5)
    w.start()
    w.pause()
    copy_doc(folder / "while-paused.docx")  # its events are dropped
    time.sleep(SETTLE)
    w.resume()
    got.wait_for("while-paused.docx")


def test_changes_made_while_the_app_was_not_running_are_found_at_start(folder, make_watcher):
    before = time.time()
    copy_doc(folder / "while-away.docx")
    w, got = make_watcher([folder], changed_since=before - 5)
    w.start()
    got.wait_for("while-away.docx")
    assert w.wait_idle()
    assert w.last_reconcile >= before


def test_pause_drops_events_and_resume_restores_them(folder, make_watcher):
    w, got = make_watcher([folder], reconcile_interval=None)
    w.start()
    w.pause()
    assert w.paused
    copy_doc(folder / "ignored.docx")
    time.sleep(SETTLE * 3)
    w.resume()
    copy_doc(folder / "after.docx")
    got.wait_for("after.docx")
    assert got.names() == ["after.docx"]


def test_folders_can_be_added_and_removed_while_running(tmp_path, folder, make_watcher):
    desktop = tmp_path / "Desktop"
    desktop.mkdir()
    w, got = make_watcher([folder])
    w.start()
    assert w.add_folder(desktop).mode == "native"
    copy_doc(desktop / "on-desktop.docx")
    got.wait_for("on-desktop.docx")
    w.remove_folder(folder)
    assert [Path(s.folder).name for s in w.status()] == ["Desktop"]
    copy_doc(folder / "unwatched.docx")
    copy_doc(desktop / "control.docx")
    got.wait_for("control.docx")
    assert "unwatched.docx" not in got.names()


# -- the pieces on their own -------------------------------------------------------------------
@pytest.mark.parametrize("name", ["~$report.docx", ".~lock.report.docx#", "~WRL0001.tmp", "x.tmp",
                                  ".~labeler-abc123.tmp", ".hidden.docx", "report.docx~", "#report.docx#",
                                  "Thumbs.db", "download.docx.crdownload"])
def test_transient_names_are_ignored(name):
    assert is_ignored_name(name)


@pytest.mark.parametrize("name", ["report.docx", "Budget 2024.xlsx", "~report.docx", "a.pdf"])
def test_document_names_are_not_ignored(name):
    assert not is_ignored_name(name)


def test_settler_waits_for_quiet_and_stability(tmp_path):
    path = tmp_path / "a.docx"
    path.write_bytes(b"x")
    s = Settler(settle_seconds=1.0, check_gap=0.5)
    s.note(path, now=100.0)
    assert s.process(100.5) == []  # not quiet yet
    assert s.process(101.0) == []  # first look: size and mtime noted
    path.write_bytes(b"xy")
    assert s.process(101.5) == []  # changed since: the quiet period starts again
    assert s.process(102.0) == []  # not yet quiet
    assert s.process(102.5) == [path]  # quiet, and the same size and mtime as at 101.5
    assert path not in s


def test_settler_holds_a_document_open_in_an_editor(tmp_path):
    path = tmp_path / "a.docx"
    path.write_bytes(b"x")
    lock = tmp_path / "~$a.docx"
    lock.write_bytes(b"owner")
    s = Settler(settle_seconds=1.0, check_gap=0.5, hold_recheck=60)
    s.note(path, now=100.0)
    assert s.process(101.0) == [] and s.process(101.5) == []
    assert s.held() == [path] and s.busy() == 0
    lock.unlink()
    s.release_held(tmp_path, now=102.0)
    assert s.process(103.0) == [] and s.process(103.5) == [path]


def test_own_writes_match_only_the_recorded_identity(tmp_path):
    path = copy_doc(tmp_path / "a.docx")
    own = OwnWrites()
    assert not own.matches(path)
    own.record(path)
    assert own.matches(path)
    path.write_bytes(b"changed")
    assert not own.matches(path)
    assert len(own) == 0
