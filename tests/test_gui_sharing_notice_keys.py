"""The sharing notice as a person meets it on a desktop: the keyboard, a burst's wording, a browser missing.

Real labelled documents are copied into a throwaway home's ~/Dropbox and
assessed by the real core (labeler.desktop.sharing.moments.assess); the
notice is the real window, offscreen, without the desktop's notifications,
so it is the window that is driven.  Its records go to this test's own audit
log (the data_dir fixture).  Waits are bounded (qtbot.waitUntil).
"""
from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")
pytest.importorskip("send2trash")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QFrame  # noqa: E402
from sharing_support import DATA, WAIT_MS  # noqa: E402

from gui_helpers import audit_entries  # noqa: E402
from labeler.core.service import LabelService  # noqa: E402
from labeler.desktop.sharing.moments import Arrival, assess  # noqa: E402
from labeler.desktop.sharing.places import resolve_places  # noqa: E402
from ui.i18n import install_translator  # noqa: E402
from ui.sharing.notice import CONFIRM_MS, SharingNotice  # noqa: E402



@pytest.fixture
def arrived(scheme, home):
    """copies(*names): each a Confidential document copied into ~/Dropbox, assessed into one notice."""
    service = LabelService(scheme)
    dropbox = next(p for p in resolve_places(scheme) if p.path == home / "Dropbox")

    def copies(*names: str):
        arrivals = []
        for name in names:
            original = home / "Documents" / name
            shutil.copyfile(DATA / "lo-calc.xlsx", original)
            assert service.apply(original, scheme.find("confidential")).ok
            shutil.copyfile(original, home / "Dropbox" / name)
            arrivals.append(Arrival(home / "Dropbox" / name, dropbox))
        notice = assess(scheme, arrivals)
        assert notice is not None
        return notice
    return copies


@pytest.fixture
def notice(qtbot, data_dir):
    install_translator(QApplication.instance(), "en")  # the English plural forms, as the app has them
    window = SharingNotice(native=None)
    qtbot.addWidget(window)
    yield window
    window.close()


def choices(data_dir: Path) -> list[str]:
    return [e["choice"] for e in audit_entries(data_dir) if e["action"] == "sharing-choice"]


def shown(qtbot, notice: SharingNotice, assessed) -> None:
    """Offer the notice, then go to it as a person does (a click on it, or the window manager's focus)."""
    notice.offer(assessed)
    qtbot.waitUntil(notice.isVisible, timeout=WAIT_MS)
    # The notice never takes the focus itself (WA_ShowWithoutActivating); the person brings it up.
    with warnings.catch_warnings():  # deprecated in Qt 6, yet the one way offscreen to activate a re-shown window
        warnings.simplefilter("ignore", DeprecationWarning)
        QApplication.setActiveWindow(notice)
    qtbot.waitUntil(notice.isActiveWindow, timeout=WAIT_MS)


def test_enter_on_the_button_with_the_focus_is_that_button(qtbot, notice, arrived, data_dir):
    """Outside a dialog a button took only Space: Enter on "Keep it" did nothing."""
    shown(qtbot, notice, arrived("budget.xlsx"))
    assert notice.focusWidget() is notice.trash_button  # a new notice starts on its first choice
    qtbot.keyClick(notice.trash_button, Qt.Key.Key_Tab)
    assert notice.focusWidget() is notice.keep_button
    qtbot.keyClick(notice.keep_button, Qt.Key.Key_Return)
    assert notice.reason_row.isVisible() and notice.reason.hasFocus()
    qtbot.keyClick(notice.reason, Qt.Key.Key_Escape)  # not keeping after all: the notice stays
    assert notice.isVisible() and not notice.reason_row.isVisible()
    notice.close_button.setFocus()
    qtbot.keyClick(notice.close_button, Qt.Key.Key_Enter)
    assert not notice.isVisible()
    qtbot.waitUntil(lambda: notice.records.idle() and choices(data_dir) == ["dismissed"], timeout=WAIT_MS)


def test_the_next_notice_starts_on_its_first_choice_again(qtbot, notice, arrived, data_dir):
    """The focus stayed where the last notice was answered (on "Keep it"), so Enter on the next one did
    something else than the default button promised."""
    shown(qtbot, notice, arrived("budget.xlsx"))
    notice.ask_reason()
    qtbot.keyClicks(notice.reason, "sent to the notary")
    qtbot.keyClick(notice.reason, Qt.Key.Key_Return)
    assert not notice.isVisible()
    second = arrived("plan.xlsx")
    shown(qtbot, notice, second)
    assert notice.focusWidget() is notice.trash_button
    qtbot.keyClick(notice.trash_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not second.paths[0].exists() and notice.confirming(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: notice.records.idle() and choices(data_dir) == ["keep", "trash"], timeout=WAIT_MS)


def test_the_quiet_close_button_shows_when_it_has_the_focus(qtbot, notice, arrived):
    """A flat button draws no focus frame: Tab landed on "Close" unseen."""
    shown(qtbot, notice, arrived("budget.xlsx"))
    assert notice.close_button.isFlat()
    notice.close_button.setFocus()
    qtbot.waitUntil(notice.close_button.hasFocus, timeout=WAIT_MS)
    assert not notice.close_button.isFlat()
    notice.trash_button.setFocus()
    qtbot.waitUntil(notice.trash_button.hasFocus, timeout=WAIT_MS)
    assert notice.close_button.isFlat()


def test_a_burst_is_spoken_of_in_the_plural(qtbot, notice, arrived, home):
    """"Keep it — I have a reason" and "Why this copy may stay here" for 12 copies."""
    burst = arrived(*[f"budget-{i:02}.xlsx" for i in range(12)])
    shown(qtbot, notice, burst)
    assert notice.trash_button.text() == "Move these 12 copies to the trash"
    assert notice.keep_button.text() == "Keep them — I have a reason"
    assert notice.reason.placeholderText() == "Why these copies may stay here, in one line"
    assert notice.trash_button.toolTip() == (f"Only the copies in {home / 'Dropbox'} go to the trash; the "
                                             "originals stay where they are.")
    assert notice.message.text().startswith("12 documents arrived where their labels do not allow them. ")
    notice.dismiss()
    shown(qtbot, notice, arrived("single.xlsx"))
    assert notice.keep_button.text() == "Keep it — I have a reason"
    assert notice.reason.placeholderText() == "Why this copy may stay here, in one line"


def test_a_collaboration_space_that_cannot_be_opened_is_not_recorded_as_used(qtbot, notice, arrived, scheme,
                                                                             data_dir, tmp_path, monkeypatch):
    """With no web browser the choice was recorded as "collaboration" and the notice closed, though nothing
    had opened: now the notice stays and gives the address."""
    nowhere = tmp_path / "no-programs"
    nowhere.mkdir()
    monkeypatch.setenv("PATH", str(nowhere))  # no xdg-open, no browser of any kind
    for variable in ("BROWSER", "DEFAULT_BROWSER", "DESKTOP_SESSION", "XDG_CURRENT_DESKTOP", "KDE_FULL_SESSION",
                     "GNOME_DESKTOP_SESSION_ID"):
        monkeypatch.delenv(variable, raising=False)
    shown(qtbot, notice, arrived("budget.xlsx"))
    qtbot.mouseClick(notice.collaboration_button, Qt.MouseButton.LeftButton)
    assert QFrame.isVisible(notice) and notice.current() is not None
    assert notice.problem.isVisible()
    assert notice.problem.text() == ("The collaboration space could not be opened here (no web browser was found); "
                                     f"its address is {scheme.collaboration_url}")
    qtbot.waitUntil(notice.records.idle, timeout=WAIT_MS)
    assert choices(data_dir) == []
    qtbot.keyClick(notice, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: notice.records.idle() and choices(data_dir) == ["dismissed"], timeout=WAIT_MS)


# -- after "Move this copy to the trash" ------------------------------------------------------------------
def test_after_the_trash_the_notice_says_what_was_moved_then_goes(qtbot, notice, arrived, home, data_dir):
    """Nothing confirmed the trash: the notice just vanished.  Now it says what happened, for a few seconds."""
    burst = arrived("budget.xlsx", "plan.xlsx")
    shown(qtbot, notice, burst)
    assert notice.confirmation.interval() == CONFIRM_MS
    notice.confirmation.setInterval(200)  # the few seconds, shortened for the test
    qtbot.mouseClick(notice.trash_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(notice.confirming, timeout=WAIT_MS)
    assert not any(path.exists() for path in burst.paths)
    assert all((home / "Documents" / path.name).exists() for path in burst.paths)  # the originals
    assert notice.title.text() == "Moved to the trash"
    assert notice.message.text() == ("Moved 2 copies to the trash: ~/Dropbox/budget.xlsx, ~/Dropbox/plan.xlsx. "
                                     "The originals are untouched.")
    assert not notice.trash_button.isVisible() and not notice.keep_button.isVisible()
    assert notice.close_button.isVisible() and notice.current() is None
    qtbot.waitUntil(lambda: not notice.isVisible(), timeout=WAIT_MS)  # gone by itself

    notice.confirmation.setInterval(CONFIRM_MS)
    single = arrived("single.xlsx")
    shown(qtbot, notice, single)
    assert notice.trash_button.isVisible() and notice.keep_button.isVisible()  # the choices are back
    qtbot.mouseClick(notice.trash_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(notice.confirming, timeout=WAIT_MS)
    assert notice.message.text() == ("Moved 1 copy to the trash: ~/Dropbox/single.xlsx. The original is "
                                     "untouched.")
    qtbot.keyClick(notice, Qt.Key.Key_Escape)  # or gone at once, by the person
    assert not notice.isVisible() and not notice.confirming()
    qtbot.waitUntil(lambda: notice.records.idle() and choices(data_dir) == ["trash"] * 3, timeout=WAIT_MS)


def test_a_trash_that_moved_some_copies_says_which_went_and_which_stayed(qtbot, notice, arrived, home):
    burst = arrived("budget.xlsx", "plan.xlsx")
    shown(qtbot, notice, burst)
    burst.paths[1].unlink()
    burst.paths[1].mkdir()  # a folder now: never trashed
    qtbot.mouseClick(notice.trash_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(notice.problem.isVisible, timeout=WAIT_MS)
    assert notice.problem.text() == ("Moved 1 copy to the trash: ~/Dropbox/budget.xlsx. The original is untouched. "
                                     f"“plan.xlsx” could not be moved to the trash (it is a folder now); it is still "
                                     f"in {home / 'Dropbox'}.")
    assert not notice.confirming() and notice.current().paths == (burst.paths[1],)


@pytest.mark.parametrize("lang, one, many", [
    ("nl", "1 kopie naar de prullenbak verplaatst: ~/Dropbox/a.xlsx. Het origineel is niet aangeraakt.",
     "5 kopieën naar de prullenbak verplaatst: ~/Dropbox/a.xlsx, ~/Dropbox/a.xlsx, ~/Dropbox/a.xlsx en nog 2. "
     "De originelen zijn niet aangeraakt."),
    ("fr", "1 copie mise à la corbeille\u00a0: ~/Dropbox/a.xlsx. L’original n’a pas été touché.",
     "5 copies mises à la corbeille\u00a0: ~/Dropbox/a.xlsx, ~/Dropbox/a.xlsx, ~/Dropbox/a.xlsx et 2 autres. "
     "Les originaux n’ont pas été touchés.")])
def test_the_confirmation_in_dutch_and_french(qtbot, notice, home, lang, one, many):
    from types import SimpleNamespace

    moment = SimpleNamespace(path=home / "Dropbox" / "a.xlsx")
    install_translator(QApplication.instance(), lang)
    try:
        assert (notice.trashed_text([moment]), notice.trashed_text([moment] * 5)) == (one, many)
    finally:
        install_translator(QApplication.instance(), "en")
