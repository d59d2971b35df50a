"""Settings → Sharing places in the real app: the scheme's places shown read-only, the person's own
added with a channel and removed, each change saved and followed by the running place watcher.

The app runs offscreen on a throwaway HOME, so the scheme's `~/Dropbox` is the test's own folder.
Waits are bounded (qtbot.waitUntil); nothing is timed.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")
pytest.importorskip("watchdog")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QFileDialog  # noqa: E402
from sharing_support import DATA, WAIT_MS  # noqa: E402

from labeler.core.service import LabelService  # noqa: E402
from labeler.desktop.settings import Settings  # noqa: E402
from ui.i18n import install_shell_translators  # noqa: E402
from ui.settings.sharing_places import CHANNEL, FOLDER, ORIGIN, USER_ROLE  # noqa: E402
from ui.settings.views import SHARING  # noqa: E402



@pytest.fixture
def shell(make_shell, docs, data_dir):
    shell = make_shell([docs])
    shell.sharing.settle_seconds, shell.sharing.rescan_seconds = 0.3, 0.5
    shell.start()
    return shell


@pytest.fixture
def page(shell, qtbot):
    window = shell.open_settings()
    qtbot.waitExposed(window)
    window.view.sections.setCurrentRow(SHARING)
    yield window.view.sharing
    window.close()
    install_shell_translators(None, "en", switch=True)


def rows(page) -> list[tuple[str, str, str, bool]]:
    items = [page.places.topLevelItem(i) for i in range(page.places.topLevelItemCount())]
    return [(item.text(FOLDER), item.text(CHANNEL), item.text(ORIGIN),
             bool(item.flags() & Qt.ItemFlag.ItemIsSelectable)) for item in items]


def choose_folder(monkeypatch, folder: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(folder)))


def test_the_schemes_places_are_shown_and_cannot_be_removed(page, home):
    listed = rows(page)
    # Folders in the home folder read as ~/…; the tooltip has the whole path.
    assert ("~/Dropbox", "Personal cloud or web upload", "label scheme", False) in listed
    assert ("~/OneDrive - Example Corp", "Company collaboration space", "label scheme", False) in listed
    dropbox = page.places.findItems("~/Dropbox", Qt.MatchFlag.MatchExactly, FOLDER)[0]
    assert dropbox.toolTip(FOLDER) == str(home / "Dropbox")
    assert all(not selectable for *_, selectable in listed)  # nothing of the scheme's to remove here
    page.places.selectAll()
    assert not page.remove.isEnabled()


def test_a_folder_added_is_saved_and_watched_and_removing_it_stops_that(page, shell, home, tmp_path, qtbot,
                                                                         monkeypatch, scheme):
    stick = tmp_path / "Backup disk"
    stick.mkdir()
    page.channel.setCurrentIndex(page.channel.findData("removable-media"))
    assert page.channel.currentText() == "Removable media (USB stick, external disk)"
    choose_folder(monkeypatch, stick)
    qtbot.mouseClick(page.add, Qt.MouseButton.LeftButton)
    assert Settings.load().sharing_places == [(str(stick), "removable-media")]
    assert (str(stick), "Removable media (USB stick, external disk)", "you", True) in rows(page)
    qtbot.waitUntil(lambda: stick in shell.sharing.watcher.watched(), timeout=WAIT_MS)

    # The watcher follows: a document that may not go on removable media, copied there, is noticed.
    original = home / "Documents" / "plan.xlsx"
    shutil.copyfile(DATA / "lo-calc.xlsx", original)
    assert LabelService(scheme).apply(original, scheme.find("strictly-confidential")).ok
    shutil.copyfile(original, stick / "plan.xlsx")
    notice = shell.sharing.notice
    qtbot.waitUntil(notice.isVisible, timeout=WAIT_MS)
    assert notice.current().strictest.channel == "removable-media"
    notice.dismiss()

    tree = page.places
    mine = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
            if tree.topLevelItem(i).data(FOLDER, USER_ROLE)]
    assert len(mine) == 1
    mine[0].setSelected(True)
    assert page.remove.isEnabled()
    qtbot.mouseClick(page.remove, Qt.MouseButton.LeftButton)
    assert Settings.load().sharing_places == []
    assert all(folder != str(stick) for folder, *_ in rows(page))
    qtbot.waitUntil(lambda: stick not in shell.sharing.watcher.watched(), timeout=WAIT_MS)


def test_a_folder_that_is_already_a_place_is_not_added_twice(page, shell, home, qtbot, monkeypatch):
    choose_folder(monkeypatch, home / "Dropbox")
    before = rows(page)
    qtbot.mouseClick(page.add, Qt.MouseButton.LeftButton)
    assert rows(page) == before and Settings.load().sharing_places == []
    status = page.window().view.status.text()
    assert status.endswith("~/Dropbox is already a sharing place.")


def test_the_section_speaks_dutch(page, qtbot, home):
    install_shell_translators(None, "nl", switch=True)
    window = page.window()
    qtbot.waitUntil(lambda: window.view.sections.item(SHARING).text() == "Deelplaatsen", timeout=3000)
    assert page.add.text() == "Map &toevoegen…"
    assert ("~/Dropbox", "Persoonlijke cloud of upload naar een website", "labelschema", False) in rows(page)
    # The channel box has a row of its own and follows the language: its long Dutch names were cut short
    # ("… naar een websi"), beside the buttons and at the width the English names had given it.
    page.channel.setCurrentIndex(page.channel.findData("personal-cloud"))
    assert page.channel.currentText() == "Persoonlijke cloud of upload naar een website"
    text_width = page.channel.fontMetrics().horizontalAdvance(page.channel.currentText())
    qtbot.waitUntil(lambda: page.channel.width() > text_width + 20, timeout=3000)  # the text, and the arrow


def test_the_keyboard_adds_and_removes_a_place(page, shell, home, tmp_path, qtbot, monkeypatch):
    """After "Add folder…" the new place is selected and the list has the focus, so Delete (or "Remove")
    takes it out again; removing leaves the focus in the list, not on the disabled button."""
    sync = home / "Sync"
    sync.mkdir()
    choose_folder(monkeypatch, sync)
    qtbot.mouseClick(page.add, Qt.MouseButton.LeftButton)
    assert Settings.load().sharing_places == [(str(sync), "personal-cloud")]
    current = page.places.currentItem()
    assert current.text(FOLDER) == "~/Sync" and current.isSelected() and page.remove.isEnabled()
    qtbot.waitUntil(page.places.hasFocus, timeout=WAIT_MS)
    qtbot.keyClick(page.places, Qt.Key.Key_Delete)
    assert Settings.load().sharing_places == []
    assert "~/Sync" not in [folder for folder, *_ in rows(page)]
    assert page.places.hasFocus() and not page.remove.isEnabled()
    # Delete on the scheme's places does nothing: they are not the person's to remove.
    before = rows(page)
    page.places.setCurrentItem(page.places.topLevelItem(0))
    qtbot.keyClick(page.places, Qt.Key.Key_Delete)
    assert rows(page) == before and Settings.load().sharing_places == []
