"""The sharing notice in the real tray app: real places on a throwaway HOME, real copies, the real trash.

Each test starts the app's Shell offscreen with HOME (and XDG_DATA_HOME, so
the desktop's trash) inside the test's own folder, copies labelled documents
into ~/Dropbox or a removable-media place the way a person would, and checks
what the person sees (the notice) and what the audit trail holds.  Waits
are bounded (qtbot.waitUntil); nothing is timed.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")
pytest.importorskip("watchdog")
pytest.importorskip("send2trash")

from PySide6.QtCore import QObject, Qt, Slot  # noqa: E402
from PySide6.QtGui import QDesktopServices  # noqa: E402
from PySide6.QtWidgets import QApplication, QFrame  # noqa: E402

from gui_helpers import audit_entries, workers_idle  # noqa: E402
from sharing_support import DATA, WAIT_MS, use_trash_of  # noqa: E402
from test_native_notify import bus  # noqa: E402,F401  (a private session bus and the stand-in server)
from labeler.core.service import LabelService  # noqa: E402
from ui.sharing.notice import SharingNotice  # noqa: E402

NOTICE, CHOICE = "sharing-notice", "sharing-choice"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def labelled(scheme, folder: Path, name: str, label_id: str, sample: str = "lo-calc.xlsx") -> Path:
    path = folder / name
    shutil.copyfile(DATA / sample, path)
    outcome = LabelService(scheme).apply(path, scheme.find(label_id))
    assert outcome.ok, outcome.message
    return path


@pytest.fixture
def app(make_shell, docs, data_dir, qtbot):
    """The tray app as it runs (watching, sharing places on), settling copies quickly."""
    def start(user_places=(), **settings):
        shell = make_shell([docs])
        shell.settings.sharing_places = list(user_places)
        for key, value in settings.items():
            setattr(shell.settings, key, value)
        shell.sharing.settle_seconds, shell.sharing.rescan_seconds = 0.3, 0.5
        shell.start()
        assert shell.sharing.running
        return shell
    return start


def records(data_dir: Path, action: str) -> list[dict]:
    return [e for e in audit_entries(data_dir) if e["action"] == action]


def settle(shell, qtbot) -> None:
    """Until the watcher has reported every arrival and every assessment and record is done."""
    assert shell.sharing.watcher.wait_idle(10.0)
    qtbot.waitUntil(lambda: not shell.sharing.busy() and workers_idle(), timeout=10000)


def copy(original: Path, folder: Path, name: str | None = None) -> Path:
    target = folder / (name or original.name)
    shutil.copyfile(original, target)
    return target


def test_a_confidential_copy_into_dropbox_gives_one_notice_and_one_record(app, scheme, docs, home, data_dir,
                                                                          qtbot):
    shell = app()
    original = labelled(scheme, docs, "budget.xlsx", "confidential")
    copy(original, home / "Dropbox")
    notice = shell.sharing.notice
    qtbot.waitUntil(notice.isVisible, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: len(records(data_dir, NOTICE)) == 1, timeout=WAIT_MS)
    text = notice.message.text()
    assert text.startswith("budget.xlsx is Confidential.") and "not allowed" in text
    assert "Why:" in text and "Instead:" in text
    assert notice.title.text().startswith("budget.xlsx")
    entry = records(data_dir, NOTICE)[0]
    assert entry["channel"] == "personal-cloud" and entry["verdict"] == "forbidden"
    assert entry["new_label"]["id"] == "confidential"
    assert entry["path"] == str(home / "Dropbox" / "budget.xlsx")
    assert notice.collaboration_button.isVisible()  # the demo scheme names a collaboration space
    settle(shell, qtbot)
    assert len(records(data_dir, NOTICE)) == 1 and not records(data_dir, CHOICE)


def test_an_allowed_copy_gives_no_notice_and_no_record(app, scheme, docs, home, data_dir, qtbot):
    shell = app()
    copy(labelled(scheme, docs, "leaflet.xlsx", "public"), home / "Dropbox")
    qtbot.waitUntil(lambda: not shell.sharing.watcher.watched() == [], timeout=WAIT_MS)
    settle(shell, qtbot)
    assert shell.sharing.notice.current() is None and not shell.sharing.notice.isVisible()
    assert not records(data_dir, NOTICE)
    # A copy that is not allowed, made after it: its notice is about that one file alone, so the
    # allowed copy (reported first, or in the same batch) really gave nothing.
    copy(labelled(scheme, docs, "budget.xlsx", "confidential"), home / "Dropbox")
    qtbot.waitUntil(shell.sharing.notice.isVisible, timeout=WAIT_MS)
    settle(shell, qtbot)
    assert [p.name for p in shell.sharing.notice.current().paths] == ["budget.xlsx"]
    assert [Path(e["path"]).name for e in records(data_dir, NOTICE)] == ["budget.xlsx"]


def test_a_burst_of_copies_gives_one_notice(app, scheme, docs, home, data_dir, qtbot):
    shell = app()
    original = labelled(scheme, docs, "budget.xlsx", "confidential")
    offered = []
    shell.sharing.noticeOffered.connect(offered.append)
    for i in range(220):
        copy(original, home / "Dropbox", f"budget-{i:03}.xlsx")
    notice = shell.sharing.notice
    qtbot.waitUntil(notice.isVisible, timeout=WAIT_MS)
    settle(shell, qtbot)
    assert len(notice.current().moments) == 220
    assert notice.title.text() == "220 documents — Personal cloud or web upload"
    assert notice.trash_button.text() == "Move these 220 copies to the trash"
    assert len(records(data_dir, NOTICE)) == 220  # one record per file
    # One window: however many batches the watcher made of the burst, they joined the one notice.
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, SharingNotice) and w.isVisible()]
    assert shown == [notice] and len(offered) >= 1


def test_move_to_trash_removes_only_the_copy(app, scheme, docs, home, data_dir, qtbot):
    shell = app()
    original = labelled(scheme, docs, "budget.xlsx", "confidential")
    before = sha256(original)
    other = copy(labelled(scheme, docs, "minutes.xlsx", "confidential"), home / "Dropbox", "minutes-old.xlsx")
    notice = shell.sharing.notice
    qtbot.waitUntil(notice.isVisible, timeout=WAIT_MS)
    notice.dismiss()  # a copy from earlier, answered: it must stay
    the_copy = copy(original, home / "Dropbox")
    qtbot.waitUntil(lambda: notice.isVisible() and notice.current().paths == (the_copy,), timeout=WAIT_MS)
    qtbot.mouseClick(notice.trash_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not the_copy.exists() and notice.confirming(), timeout=WAIT_MS)
    assert notice.message.text() == ("Moved 1 copy to the trash: ~/Dropbox/budget.xlsx. The original is "
                                     "untouched.")
    assert sha256(original) == before and other.exists()
    trash = home / ".local" / "share" / "Trash"
    assert (trash / "files" / "budget.xlsx").read_bytes() == original.read_bytes()
    assert "Dropbox/budget.xlsx" in (trash / "info" / "budget.xlsx.trashinfo").read_text("utf-8")
    settle(shell, qtbot)
    choices = records(data_dir, CHOICE)
    assert [(c["choice"], Path(c["path"]).name) for c in choices] == [("dismissed", "minutes-old.xlsx"),
                                                                        ("trash", "budget.xlsx")]
    assert notice.current() is None  # the trash is the app's own doing: no notice about it


def test_keep_with_a_reason_records_the_reason(app, scheme, docs, home, data_dir, qtbot):
    shell = app()
    copy(labelled(scheme, docs, "budget.xlsx", "confidential"), home / "Dropbox")
    notice = shell.sharing.notice
    qtbot.waitUntil(notice.isVisible, timeout=WAIT_MS)
    assert not notice.reason_row.isVisible()
    qtbot.mouseClick(notice.keep_button, Qt.MouseButton.LeftButton)
    assert notice.reason_row.isVisible() and notice.reason.hasFocus()
    assert not notice.confirm.isEnabled()  # a reason first
    qtbot.keyClicks(notice.reason, "  The notary asked for it    by Friday ")
    qtbot.keyClick(notice.reason, Qt.Key.Key_Return)
    assert not notice.isVisible()
    settle(shell, qtbot)
    (choice,) = records(data_dir, CHOICE)
    assert choice["choice"] == "keep" and choice["justification"] == "The notary asked for it by Friday"
    assert (home / "Dropbox" / "budget.xlsx").exists()  # kept: nothing moved


def test_escape_closes_the_notice_and_records_dismissed(app, scheme, docs, home, data_dir, qtbot):
    shell = app()
    copy(labelled(scheme, docs, "budget.xlsx", "confidential"), home / "Dropbox")
    notice = shell.sharing.notice
    qtbot.waitUntil(notice.isVisible, timeout=WAIT_MS)
    qtbot.keyClick(notice, Qt.Key.Key_Escape)
    assert not notice.isVisible()
    settle(shell, qtbot)
    assert [c["choice"] for c in records(data_dir, CHOICE)] == ["dismissed"]
    assert (home / "Dropbox" / "budget.xlsx").exists()


class UrlCatcher(QObject):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    @Slot("QUrl")
    def open(self, url) -> None:
        self.urls.append(url.toString())


def test_open_the_collaboration_space(app, scheme, docs, home, data_dir, qtbot):
    shell = app()
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("https", catcher, "open")
    try:
        copy(labelled(scheme, docs, "budget.xlsx", "confidential"), home / "Dropbox")
        notice = shell.sharing.notice
        qtbot.waitUntil(notice.isVisible, timeout=WAIT_MS)
        qtbot.mouseClick(notice.collaboration_button, Qt.MouseButton.LeftButton)
    finally:
        QDesktopServices.unsetUrlHandler("https")
    assert catcher.urls == [scheme.collaboration_url]
    settle(shell, qtbot)
    assert [c["choice"] for c in records(data_dir, CHOICE)] == ["collaboration"]


def test_a_batch_arriving_while_the_notice_is_up_joins_it(app, scheme, docs, home, data_dir, qtbot):
    shell = app()
    original = labelled(scheme, docs, "budget.xlsx", "confidential")
    copy(original, home / "Dropbox")
    notice = shell.sharing.notice
    qtbot.waitUntil(notice.isVisible, timeout=WAIT_MS)
    settle(shell, qtbot)
    copy(labelled(scheme, docs, "plan.xlsx", "strictly-confidential"), home / "Dropbox")
    qtbot.waitUntil(lambda: len(notice.current().moments) == 2, timeout=WAIT_MS)
    assert notice.title.text() == "2 documents — Personal cloud or web upload"
    assert {p.name for p in notice.current().paths} == {"budget.xlsx", "plan.xlsx"}
    assert "The strictest: plan.xlsx is Strictly" in notice.message.text()
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, SharingNotice) and w.isVisible()]
    assert shown == [notice]


@pytest.mark.parametrize("why", ["quiet hours", "notifications off"])
def test_held_back_the_notice_is_recorded_but_not_shown(app, scheme, docs, home, data_dir, qtbot, why):
    if why == "quiet hours":
        shell = app(quiet_hours=("00:00", "23:59"))
        shell.sharing.quiet = lambda: True  # whatever the clock says: quiet now
    else:
        shell = app(notifications=False)
    copy(labelled(scheme, docs, "budget.xlsx", "confidential"), home / "Dropbox")
    qtbot.waitUntil(lambda: len(records(data_dir, NOTICE)) == 1, timeout=WAIT_MS)
    settle(shell, qtbot)
    assert records(data_dir, NOTICE)[0]["choice"] == "held"  # the trail tells it was not shown
    assert shell.sharing.last_shown is False
    assert not shell.sharing.notice.isVisible() and shell.sharing.notice.current() is None


def test_when_the_trash_fails_the_notice_says_so_and_the_copy_stays(app, scheme, docs, home, data_dir, qtbot,
                                                                    monkeypatch):
    shell = app()
    blocked = home / "not-a-folder"
    blocked.write_text("a file where the trash folder would go\n", encoding="utf-8")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocked))
    use_trash_of(home)
    the_copy = copy(labelled(scheme, docs, "budget.xlsx", "confidential"), home / "Dropbox")
    notice = shell.sharing.notice
    qtbot.waitUntil(notice.isVisible, timeout=WAIT_MS)
    qtbot.mouseClick(notice.trash_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(notice.problem.isVisible, timeout=WAIT_MS)
    assert notice.problem.text().startswith("“budget.xlsx” could not be moved to the trash (")
    assert notice.problem.text().endswith(f"it is still in {home / 'Dropbox'}.")
    assert the_copy.exists() and notice.isVisible()
    settle(shell, qtbot)
    assert not records(data_dir, CHOICE)  # nothing was moved: no "trash" recorded


# -- removable media ------------------------------------------------------------------------------
def _mount_tmpfs(target: Path) -> bool:
    """A real file system of its own at `target` (a stick, as far as the app can tell); False if not allowed."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    target.mkdir(parents=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", f"labeler-{uuid.uuid4().hex[:8]}",
                           str(target)], capture_output=True, timeout=30)
    return done.returncode == 0


def test_a_stick_mounted_later_works_the_same_way(app, scheme, docs, home, tmp_path, data_dir, qtbot):
    media = tmp_path / "media"
    media.mkdir()
    shell = app(user_places=[(str(media), "removable-media")])
    stick = media / "STICK"
    mounted = _mount_tmpfs(stick)
    if not mounted:
        stick.mkdir()  # no mount allowed here: a folder appearing in the configured place stands in
    try:
        # Watched once a rescan found it (a mount point below the place is watched on its own).
        qtbot.waitUntil(lambda: mounted is False or stick in shell.sharing.watcher.watched(), timeout=WAIT_MS)
        assert shell.sharing.watcher.wait_idle(10.0)
        original = labelled(scheme, docs, "plan.xlsx", "strictly-confidential")
        the_copy = copy(original, stick)
        notice = shell.sharing.notice
        qtbot.waitUntil(notice.isVisible, timeout=WAIT_MS)
        assert "Removable media" in notice.message.text() and "not allowed" in notice.message.text()
        qtbot.waitUntil(lambda: len(records(data_dir, NOTICE)) == 1, timeout=WAIT_MS)
        assert records(data_dir, NOTICE)[0]["channel"] == "removable-media"
        qtbot.mouseClick(notice.trash_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not the_copy.exists(), timeout=WAIT_MS)
        settle(shell, qtbot)
        # On its own file system the copy goes to the stick's trash folder: not a new copy to notice.
        assert notice.current() is None and len(records(data_dir, NOTICE)) == 1
        assert original.exists() and [c["choice"] for c in records(data_dir, CHOICE)] == ["trash"]
        if mounted:
            assert list(stick.glob(".Trash-*/files/plan.xlsx"))
    finally:
        shell.sharing.stop()
        if mounted:
            subprocess.run(["umount", "-l", str(stick)], capture_output=True, timeout=30)


# -- the desktop's own notification (a private D-Bus with the stand-in server) --------------------
def _assessed(scheme, home: Path, docs: Path, name: str = "budget.xlsx"):
    from labeler.desktop.sharing.moments import assess
    from labeler.desktop.sharing.places import Arrival, resolve_places

    the_copy = copy(labelled(scheme, docs, name, "confidential"), home / "Dropbox")
    dropbox = next(p for p in resolve_places(scheme) if p.path == home / "Dropbox")
    return the_copy, assess(scheme, [Arrival(the_copy, dropbox)])


def test_natively_the_notice_is_one_notification_with_the_choices(bus, qtbot, scheme, docs, home,  # noqa: F811
                                                                  data_dir):
    from ui.native_notify import FreedesktopPrompt

    bus.start_server()
    notice = SharingNotice(native=FreedesktopPrompt(bus.connection))
    qtbot.addWidget(notice)
    try:
        qtbot.waitUntil(lambda: notice.native.available is not None, timeout=WAIT_MS)
        the_copy, assessed = _assessed(scheme, home, docs)
        notice.offer(assessed)
        qtbot.waitUntil(lambda: bool(bus.calls("Notify")) and notice.native.shown, timeout=WAIT_MS)
        [notify] = bus.calls("Notify")
        assert notify["summary"] == assessed.title("en") and notify["body"] == assessed.body("en")
        actions = dict(zip(notify["actions"][::2], notify["actions"][1::2]))
        assert actions["trash"] == "Move this copy to the trash" and actions["keep"] == "Keep it — I have a reason"
        assert actions["collaboration"] == "Open the collaboration space" and "default" in actions
        assert not QFrame.isVisible(notice) and notice.isVisible()

        # "Keep it" needs a line of text: the window comes up with the reason field open.
        bus.control("Invoke", notify["id"], "keep")
        qtbot.waitUntil(lambda: QFrame.isVisible(notice) and notice.reason_row.isVisible(), timeout=WAIT_MS)
        notice.dismiss()
        notice.offer(_assessed(scheme, home, docs, "plan.xlsx")[1])
        qtbot.waitUntil(lambda: len(bus.calls("Notify")) == 2 and notice.native.shown, timeout=WAIT_MS)
        with qtbot.waitSignal(notice.answered, timeout=WAIT_MS) as answered:
            bus.control("Invoke", bus.calls("Notify")[1]["id"], "trash")
        assert answered.args == ["trash"] and not (home / "Dropbox" / "plan.xlsx").exists()
        # What was done, as one more notification of the desktop's, with nothing left to choose.
        qtbot.waitUntil(lambda: len(bus.calls("Notify")) == 3, timeout=WAIT_MS)
        done = bus.calls("Notify")[2]
        assert (done["summary"], done["actions"]) == ("Moved to the trash", [])
        assert done["body"] == "Moved 1 copy to the trash: ~/Dropbox/plan.xlsx. The original is untouched."
        assert not QFrame.isVisible(notice)
        assert the_copy.exists()  # the first notice was closed: its copy stays
        qtbot.waitUntil(lambda: workers_idle() and notice.records.idle(), timeout=WAIT_MS)
        assert [c["choice"] for c in records(data_dir, CHOICE)] == ["dismissed", "trash"]
    finally:
        notice.close()


# -- the Awareness page -------------------------------------------------------------------------------
def test_the_awareness_page_counts_the_moments_and_the_choices(app, scheme, docs, home, data_dir, qtbot):
    from ui.overview.awareness_page import AwarenessPage

    shell = app()
    copy(labelled(scheme, docs, "budget.xlsx", "confidential"), home / "Dropbox")
    notice = shell.sharing.notice
    qtbot.waitUntil(notice.isVisible, timeout=WAIT_MS)
    qtbot.mouseClick(notice.trash_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: notice.current() is None, timeout=WAIT_MS)
    settle(shell, qtbot)
    page = AwarenessPage(shell)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.show()
    card = page.sharing
    assert card.progress.text() == ("Labeler explained a label 1 time where a document was leaving. 1 time the "
                                    "better way was taken: the copy taken back or the collaboration space used.")
    assert card.choices.text() == "What you chose afterwards: 1 moved to the trash."  # choices made, no zeros
    assert not card.shares.isVisible()


def test_the_card_tells_held_back_notices_and_shares_as_progress(qtbot):
    from labeler.core.awareness import SharingMomentCounts
    from ui.overview.sharing_moments import SharingMomentsCard

    card = SharingMomentsCard()
    qtbot.addWidget(card)
    card.set_counts(SharingMomentCounts())
    assert card.progress.text().startswith("No document has needed a word")
    card.set_counts(SharingMomentCounts(held=2, opened=3, refused=1))
    assert card.progress.text() == ("2 documents arrived during quiet hours or with notifications off: recorded, "
                                    "not shown.")
    # Said once (the progress line said it too), and "could go" whatever the destination: a stick checked
    # with --ack was counted as "sent by e-mail".
    assert card.shares.text() == "You checked 4 files before sharing them: 3 could go, 1 kept back as the label asks."
    card.set_counts(SharingMomentCounts(notices=5, trash=3, collaboration=1, keep=1, acknowledged=1, checked=1))
    assert card.choices.text() == ("What you chose afterwards: 3 moved to the trash, the collaboration space "
                                   "opened once, 1 kept with a reason.")
    assert card.shares.text() == "You checked 2 files before sharing them: 2 could go."
    card.set_counts(SharingMomentCounts(opened=1))
    assert card.progress.isHidden() and not card.shares.isHidden()
    card.set_counts(SharingMomentCounts(opened=1, unconfirmed=2))  # conditions not confirmed: not "kept back"
    assert card.shares.text() == ("You checked 3 files before sharing them: 1 could go, 2 not sent, as their "
                                  "conditions were not confirmed.")
