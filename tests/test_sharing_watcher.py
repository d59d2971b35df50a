"""PlaceWatcher with real files and real watchdog: arrivals are reported once, in batches, places appear later.

Waits poll with a generous bound (WAIT) and are never asserted as durations.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

from labeler.desktop.sharing.place_watcher import PlaceWatcher
from labeler.desktop.sharing.places import Place
from labeler.desktop.watch.own_writes import OwnWrites
from wait_support import wait_for

DATA = Path(__file__).resolve().parent / "data"
WAIT = 20.0  # upper bound for something to happen; a bound, not a measurement


class Calls:
    """The on_arrivals calls, thread-safe."""

    def __init__(self):
        self.lock = threading.Lock()
        self.calls: list[list] = []

    def __call__(self, arrivals):
        with self.lock:
            self.calls.append(list(arrivals))

    def names(self) -> list[str]:
        with self.lock:
            return sorted(a.path.name for call in self.calls for a in call)

    def count(self) -> int:
        with self.lock:
            return len(self.calls)


@pytest.fixture
def watch(tmp_path):
    """Start a PlaceWatcher over the given places; stopped after the test."""
    started = []

    def make(*places: Place, **kwargs) -> tuple[PlaceWatcher, Calls]:
        calls = Calls()
        kwargs.setdefault("settle_seconds", 0.3)
        kwargs.setdefault("rescan_seconds", 0.3)
        watcher = PlaceWatcher(list(places), calls, **kwargs)
        watcher.start()
        started.append(watcher)
        return watcher, calls

    yield make
    for watcher in started:
        watcher.stop()


def cloud(folder: Path) -> Place:
    return Place(folder, "personal-cloud", "scheme")


def test_a_copy_into_a_place_is_reported_once(tmp_path, watch):
    dropbox = tmp_path / "Dropbox"
    (dropbox / "old").mkdir(parents=True)
    (dropbox / "old" / "there-before.docx").write_bytes(b"old")
    watcher, calls = watch(cloud(dropbox))
    shutil.copyfile(DATA / "lo-writer.docx", dropbox / "budget.docx")
    assert wait_for(lambda: calls.count() == 1, WAIT)
    arrival = calls.calls[0][0]
    assert arrival.path == dropbox.resolve() / "budget.docx" and arrival.place == cloud(dropbox)
    # Editing it, or a file that was there before, is not an arrival; the next copy is.
    (dropbox / "budget.docx").write_bytes(b"edited")
    (dropbox / "old" / "there-before.docx").write_bytes(b"edited")
    shutil.copyfile(DATA / "lo-calc.xlsx", dropbox / "next.xlsx")
    assert wait_for(lambda: calls.count() == 2, WAIT) and watcher.wait_idle(WAIT)
    assert calls.names() == ["budget.docx", "next.xlsx"]


def test_a_burst_of_500_files_is_one_call(tmp_path, watch):
    stick = tmp_path / "stick"
    stick.mkdir()
    watcher, calls = watch(Place(stick, "removable-media", "user"), settle_seconds=1.0)
    content = (DATA / "lo-writer.docx").read_bytes()
    folder = stick / "reports"
    folder.mkdir()
    for i in range(500):
        (folder / f"report-{i:03}.docx").write_bytes(content)
    assert wait_for(lambda: calls.count() >= 1, WAIT) and watcher.wait_idle(WAIT)
    assert calls.count() == 1 and len(calls.calls[0]) == 500
    assert {a.place.channel for a in calls.calls[0]} == {"removable-media"}


def test_moved_in_counts_and_partial_downloads_and_temp_files_never_do(tmp_path, watch):
    dropbox, elsewhere = tmp_path / "Dropbox", tmp_path / "Documents"
    dropbox.mkdir()
    elsewhere.mkdir()
    (elsewhere / "plan.docx").write_bytes(b"plan")
    (elsewhere / "folder").mkdir()
    (elsewhere / "folder" / "inside.pptx").write_bytes(b"slides")
    own = OwnWrites()
    watcher, calls = watch(cloud(dropbox), own_writes=own)
    os.rename(elsewhere / "plan.docx", dropbox / "plan.docx")  # moved in
    os.rename(elsewhere / "folder", dropbox / "folder")  # a folder moved in with its files
    (dropbox / "report.pdf.part").write_bytes(b"partial")  # a download: renamed when complete
    os.rename(dropbox / "report.pdf.part", dropbox / "report.pdf")
    for name in ("film.mp4.crdownload", ".~labeler-123.tmp", ".~lock.notes.odt#", "~$notes.docx", ".hidden.docx"):
        (dropbox / name).write_bytes(b"never a document")
    # The app's own write (a label written into a file there) is not an arrival either.
    (elsewhere / "labelled.docx").write_bytes(b"ours")
    os.rename(elsewhere / "labelled.docx", dropbox / "labelled.docx")
    own.record(dropbox / "labelled.docx")
    assert wait_for(lambda: len(calls.names()) >= 3, WAIT) and watcher.wait_idle(WAIT)
    assert calls.names() == ["inside.pptx", "plan.docx", "report.pdf"]


def test_a_place_created_after_start_is_picked_up_without_its_files(tmp_path, watch):
    later = tmp_path / "home" / "Dropbox"
    watcher, calls = watch(cloud(later))
    assert watcher.watched() == []
    later.mkdir(parents=True)
    (later / "synced-before.docx").write_bytes(b"was there when the place appeared")
    assert wait_for(lambda: later.resolve() in watcher.watched(), WAIT)
    shutil.copyfile(DATA / "lo-writer.odt", later / "new.odt")
    assert wait_for(lambda: calls.count() == 1, WAIT) and watcher.wait_idle(WAIT)
    assert calls.names() == ["new.odt"]
    # Gone again, then back: still watched once it is there.
    shutil.rmtree(later)
    assert wait_for(lambda: later.resolve() not in watcher.watched(), WAIT)
    later.mkdir()
    assert wait_for(lambda: later.resolve() in watcher.watched(), WAIT)


def test_set_places_watches_the_new_ones(tmp_path, watch):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    watcher, calls = watch(cloud(a))
    watcher.set_places([Place(b, "collaboration", "user")])
    assert wait_for(lambda: watcher.watched() == [b.resolve()], WAIT)
    (a / "x.docx").write_bytes(b"x")
    (b / "y.docx").write_bytes(b"y")
    assert wait_for(lambda: calls.count() == 1, WAIT) and watcher.wait_idle(WAIT)
    assert calls.names() == ["y.docx"] and calls.calls[0][0].place.channel == "collaboration"


# -- a real mount --------------------------------------------------------------------------------
def _mount_tmpfs(where: Path) -> str | None:
    """None when a tmpfs was mounted at `where`, else why it could not be."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "mounting a tmpfs needs root, and the tests do not run as root"
    if not shutil.which("mount"):
        return "there is no mount command"
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "labeler-test", str(where)],
                          capture_output=True, text=True)
    return None if proc.returncode == 0 else f"mount -t tmpfs was refused: {proc.stderr.strip()}"


def test_a_stick_mounted_later_is_watched_without_its_files(tmp_path, watch):
    """A removable-media place (a user place of the channel) is the parent of the sticks mounted below it."""
    media, staging = tmp_path / "media", tmp_path / "staging"
    media.mkdir()
    staging.mkdir()
    why = _mount_tmpfs(staging)
    if why:
        pytest.skip(why)
    stick = media / "STICK"
    mounted = staging
    try:
        (staging / "on-the-stick-already.docx").write_bytes(b"was on the stick")
        watcher, calls = watch(Place(media, "removable-media", "user"))
        assert watcher.watched() == [media.resolve()]
        stick.mkdir()
        moved = subprocess.run(["mount", "--move", str(staging), str(stick)], capture_output=True, text=True)
        if moved.returncode != 0:
            pytest.skip(f"mount --move was refused: {moved.stderr.strip()}")
        mounted = stick
        assert os.path.ismount(stick)
        assert wait_for(lambda: stick.resolve() in watcher.watched(), WAIT)
        shutil.copyfile(DATA / "lo-calc.xlsx", stick / "copied.xlsx")
        assert wait_for(lambda: calls.count() == 1, WAIT) and watcher.wait_idle(WAIT)
        assert calls.names() == ["copied.xlsx"] and calls.calls[0][0].place.path == media
    finally:
        subprocess.run(["umount", "-l", str(mounted)], capture_output=True)
