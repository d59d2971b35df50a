"""The settings window with a real Shell, real files in temp folders and real workers.

Every folder the app could touch (config, data, home, XDG dirs, admin config)
is a temp one; the folder picker is patched, and other blocking dialogs
refused (tests/gui_fixtures.py), so no test can hang.
"""
from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")
pytest.importorskip("watchdog")

from PySide6.QtCore import QTime  # noqa: E402
from PySide6.QtWidgets import QApplication, QFileDialog  # noqa: E402

from labeler.org.admin_config import AdminConfigError, parse_admin_config  # noqa: E402
from labeler.org.distribution import InForce  # noqa: E402
from labeler.core.service import LabelService  # noqa: E402
from labeler.desktop.settings import Settings  # noqa: E402
from policy import load_builtin  # noqa: E402
from policy.signing import generate_private_key, public_key_text, sign  # noqa: E402

from gui_helpers import workers_idle  # noqa: E402
from ui.app import Shell  # noqa: E402
from ui.i18n import install_shell_translators  # noqa: E402
from ui.settings import SettingsWindow  # noqa: E402
from ui.settings.views import FOLDERS, GENERAL, MENU, NOTIFICATIONS, SCHEME  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
CORPORATE = (REPO / "resources" / "schemes" / "corporate.toml").read_text("utf-8")


@pytest.fixture
def env(tmp_path, monkeypatch):
    """Temp config, data, home and XDG folders; no admin config unless a test writes one."""
    dirs = {"home": tmp_path / "home", "config": tmp_path / "config", "data": tmp_path / "data",
            "xdg_config": tmp_path / "xdg-config", "xdg_data": tmp_path / "xdg-data",
            "admin": tmp_path / "admin" / "config.toml"}
    dirs["home"].mkdir()
    monkeypatch.setenv("HOME", str(dirs["home"]))
    monkeypatch.setenv("LABELER_CONFIG_DIR", str(dirs["config"]))
    monkeypatch.setenv("LABELER_DATA_DIR", str(dirs["data"]))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(dirs["xdg_config"]))
    monkeypatch.setenv("XDG_DATA_HOME", str(dirs["xdg_data"]))
    monkeypatch.setenv("LABELER_ADMIN_CONFIG", str(dirs["admin"]))
    return dirs


@pytest.fixture
def shell(qtbot, tmp_path, env):
    install_shell_translators(QApplication.instance(), "en")
    docs = tmp_path / "Documents"
    docs.mkdir()
    settings = Settings(watched_folders=[str(docs)], ignored_folders=[str(tmp_path / "Old")])
    settings.save()
    scheme = load_builtin()
    made = Shell(settings, InForce(scheme, True, None, False, None), LabelService(scheme), "en",
                 use_tray=False, settle_seconds=0.2)
    made.start()
    # Have the start-up scheme check done before a test writes an admin config: one still running
    # then would accept the test's scheme first, and the test's "Check now" would find nothing new.
    made.check_scheme()  # the start-up one (a zero timer) finds this running or runs after it
    qtbot.waitUntil(lambda: made._scheme_worker is None and workers_idle(), timeout=10000)
    yield made
    window = getattr(made, "settings_window", None)
    if window is not None:
        window.close()
    made.stop()
    qtbot.waitUntil(workers_idle, timeout=10000)
    install_shell_translators(QApplication.instance(), "en", switch=True)
    if window is not None:
        window.deleteLater()
    gc.collect()


def open_window(shell, qtbot) -> SettingsWindow:
    window = shell.open_settings()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.controller._menu_worker is None, timeout=10000)
    return window


def test_one_window_raised_again(shell, qtbot):
    first = open_window(shell, qtbot)
    first.close()
    assert shell.open_settings() is first and first.isVisible()


def test_add_and_remove_a_folder_persists_and_the_watcher_follows(shell, qtbot, tmp_path, monkeypatch):
    window = open_window(shell, qtbot)
    page = window.view.folders
    window.view.sections.setCurrentRow(FOLDERS)
    docs, other = str(tmp_path / "Documents"), tmp_path / "Other"
    other.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(other)))
    assert not page.remove.isEnabled()
    page.add.click()
    assert Settings.load().watched_folders == [docs, str(other)]
    assert sorted(shell.bridge.watcher.folders()) == sorted([docs, str(other)])
    assert [page.watched.item(i).text() for i in range(page.watched.count())] == [docs, str(other)]
    assert "Saved" in window.view.status.text()

    page.watched.item(0).setSelected(True)
    assert page.remove.isEnabled()
    page.remove.click()
    assert Settings.load().watched_folders == [str(other)]
    assert shell.bridge.watcher.folders() == [str(other)]

    page.ignored.item(0).setSelected(True)
    page.ask_again.click()
    assert Settings.load().ignored_folders == [] and page.ignored.count() == 0


def test_notifications_and_quiet_hours_persist(shell, qtbot):
    window = open_window(shell, qtbot)
    page = window.view.notifications
    page.notifications.setChecked(False)
    assert Settings.load().notifications is False and shell.settings.notifications is False
    assert not page.quiet_from.isEnabled()
    page.quiet.setChecked(True)
    assert page.quiet_from.isEnabled()
    assert Settings.load().quiet_hours == ("22:00", "07:00")
    page.quiet_from.setTime(QTime(21, 30))
    page.quiet_until.setTime(QTime(6, 45))
    qtbot.waitUntil(lambda: Settings.load().quiet_hours == ("21:30", "06:45"), timeout=3000)
    assert shell.queue.settings.quiet_hours == ("21:30", "06:45")  # the prompt queue sees it at once
    page.quiet.setChecked(False)
    assert Settings.load().quiet_hours is None


def test_language_switch_retranslates_and_keeps_the_state(shell, qtbot):
    window = open_window(shell, qtbot)
    view = window.view
    view.sections.setCurrentRow(NOTIFICATIONS)
    view.notifications.quiet.setChecked(True)
    view.notifications.quiet_from.setTime(QTime(20, 15))  # typed, not saved yet (the save waits a moment)
    assert window.controller._quiet_timer.isActive()
    general = view.general
    general.language.setCurrentIndex(general.language.findData("nl"))
    assert shell.lang == "nl" and Settings.load().language == "nl"
    qtbot.waitUntil(lambda: window.windowTitle() == "Instellingen", timeout=3000)  # posted event
    assert view.sections.item(FOLDERS).text() == "Mappen"
    assert view.notifications.notifications.text() == "&Meld het wanneer nieuwe documenten een label nodig hebben"
    assert view.menu.install.text() == "&Installeren"
    assert window.isVisible()
    assert view.sections.currentRow() == NOTIFICATIONS and view.stack.currentIndex() == NOTIFICATIONS
    assert view.notifications.quiet_from.time() == QTime(20, 15)
    assert general.language.currentData() == "nl"
    qtbot.waitUntil(lambda: Settings.load().quiet_hours == ("20:15", "07:00"), timeout=3000)
    general.language.setCurrentIndex(general.language.findData("en"))
    qtbot.waitUntil(lambda: view.sections.item(FOLDERS).text() == "Folders", timeout=3000)


def test_start_at_login_creates_and_removes_the_autostart_entry(shell, qtbot, env):
    window = open_window(shell, qtbot)
    entry = env["xdg_config"] / "autostart" / "labeler.desktop"
    box = window.view.general.start_at_login
    assert not box.isChecked()
    box.setChecked(True)
    assert entry.is_file() and "X-GNOME-Autostart-enabled=true" in entry.read_text()
    assert Settings.load().start_at_login is True
    box.setChecked(False)
    assert not entry.exists() and Settings.load().start_at_login is False


def test_start_at_login_failure_is_shown(shell, qtbot, env):
    env["xdg_config"].write_text("a file where the folder should be")
    window = open_window(shell, qtbot)
    box = window.view.general.start_at_login
    box.setChecked(True)
    assert not box.isChecked()
    assert "Could not switch on starting at login" in window.view.status.text()


def test_right_click_menu_install_and_uninstall(shell, qtbot, env):
    window = open_window(shell, qtbot)
    page = window.view.menu
    window.view.sections.setCurrentRow(MENU)
    action = env["xdg_data"] / "nemo" / "actions" / "labeler-label.nemo_action"
    titles = [page.entries.topLevelItem(i).text(0) for i in range(page.entries.topLevelItemCount())]
    assert "Nemo (Cinnamon)" in titles and not action.exists()
    assert not page.uninstall.isEnabled()
    page.install.click()
    assert page.busy.isVisible() and not page.install.isEnabled()
    qtbot.waitUntil(lambda: window.controller._menu_worker is None, timeout=10000)
    assert action.is_file()
    nemo = page.entries.topLevelItem(titles.index("Nemo (Cinnamon)"))
    assert nemo.text(1).startswith("Installed")
    assert "was added to the right-click menu of" in page.result.text()
    assert not page.busy.isVisible() and page.uninstall.isEnabled()
    page.uninstall.click()
    qtbot.waitUntil(lambda: window.controller._menu_worker is None, timeout=10000)
    assert not action.exists()
    assert page.entries.topLevelItem(titles.index("Nemo (Cinnamon)")).text(1).startswith("Not installed")
    assert "was removed from the right-click menu of" in page.result.text()


def test_right_click_menu_failure_is_shown_per_file_manager(shell, qtbot, env):
    folder = env["xdg_data"] / "nemo" / "actions"
    folder.mkdir(parents=True)
    (folder / "labeler-label.nemo_action").write_text("[Nemo Action]\nExec=someone-else %F\n")
    window = open_window(shell, qtbot)
    window.view.menu.install.click()
    qtbot.waitUntil(lambda: window.controller._menu_worker is None, timeout=10000)
    text = window.view.menu.result.text()
    assert "Nemo (Cinnamon):" in text and "not written by labeler" in text
    assert "Dolphin (KDE)" in text  # the others were still installed


def test_scheme_section_without_admin_config_says_builtin_demo(shell, qtbot):
    window = open_window(shell, qtbot)
    page = window.view.scheme
    assert page.note.text().startswith("Built-in demo scheme — no administrator source is configured.")
    assert page.values["version"].text() == str(shell.force.scheme.version)
    assert page.check.isHidden()


def publish(folder: Path, version: int, key) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    text = CORPORATE.replace("version = ", f"version = {version}  # ", 1)
    data = text.encode("utf-8")
    (folder / "scheme.toml").write_bytes(data)
    (folder / "scheme.toml.sig").write_bytes(sign(data, key))


def write_admin_config(path: Path, source: Path, key, settings: str = "") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"[scheme]\nsource = {json.dumps(str(source))}\n"
                    f"trusted_keys = [{json.dumps(public_key_text(key))}]\n" + settings, encoding="utf-8")


def test_check_now_fetches_the_admins_scheme(shell, qtbot, env, tmp_path):
    key = generate_private_key()
    share = tmp_path / "share"
    publish(share, 7, key)
    write_admin_config(env["admin"], share / "scheme.toml", key)
    window = open_window(shell, qtbot)
    page = window.view.scheme
    window.view.sections.setCurrentRow(SCHEME)
    assert page.note.text().startswith("Built-in demo scheme — no scheme from the administrator")
    assert page.values["last_check"].text() == "never"
    page.check.click()
    assert not page.check.isEnabled() and page.busy.isVisible()
    qtbot.waitUntil(lambda: window.controller._check_worker is None, timeout=10000)
    assert page.values["version"].text() == "7"
    assert page.values["signature"].text() == "valid"
    assert page.values["key_id"].text() == shell.force.key_id and shell.force.key_id
    assert page.values["source"].text() == str(share / "scheme.toml")
    assert page.values["last_check"].text() != "never" and page.values["last_error"].text() == "none"
    assert "version 7 is now in force" in page.result.text()
    assert shell.force.scheme.version == 7 and shell.bridge.service.scheme.version == 7  # in force in the app

    (share / "scheme.toml").write_bytes((share / "scheme.toml").read_bytes() + b"\n# tampered\n")
    page.check.click()
    qtbot.waitUntil(lambda: window.controller._check_worker is None, timeout=10000)
    assert "changed after signing" in page.values["last_error"].text()
    assert page.values["version"].text() == "7" and "no usable new scheme" in page.result.text()


def test_check_now_with_a_broken_admin_config_says_why(shell, qtbot, env):
    env["admin"].parent.mkdir(parents=True)
    env["admin"].write_text("[scheme]\nsource = 'relative.toml'\n")
    window = open_window(shell, qtbot)
    page = window.view.scheme
    assert "cannot be used" in page.note.text()
    page.check.click()
    qtbot.waitUntil(lambda: window.controller._check_worker is None, timeout=10000)
    assert page.result.text().startswith("The check could not be done:") and "relative path" in page.result.text()


def test_admin_forced_settings_are_read_only(shell, qtbot, env, tmp_path):
    key = generate_private_key()
    forced_folder = tmp_path / "Projects"
    write_admin_config(env["admin"], tmp_path / "share" / "scheme.toml", key,
                       f"[settings]\nwatched_folders = [{json.dumps(str(forced_folder))}]\n"
                       "notifications = false\nquiet_hours = [\"23:00\", \"06:00\"]\n")
    window = open_window(shell, qtbot)
    folders, notes = window.view.folders, window.view.notifications
    assert [folders.watched.item(i).text() for i in range(folders.watched.count())] == [str(forced_folder)]
    assert not folders.add.isEnabled() and not folders.remove.isEnabled()
    assert folders.watched_admin.isHidden() is False and folders.watched_admin.text() == "Set by your administrator"
    assert not notes.notifications.isEnabled() and not notes.notifications.isChecked()
    assert not notes.quiet.isEnabled() and notes.quiet.isChecked() and not notes.quiet_from.isEnabled()
    assert notes.quiet_from.time() == QTime(23, 0)
    assert not notes.notifications_admin.isHidden() and not notes.quiet_admin.isHidden()
    # What the admin does not force stays the user's.
    assert window.view.general.language.isEnabled() and window.view.general.start_at_login.isEnabled()
    assert window.view.general.language_admin.isHidden()


def test_admin_settings_table_is_validated(tmp_path):
    key = public_key_text(generate_private_key())
    head = f'[scheme]\nsource = "/srv/s.toml"\ntrusted_keys = ["{key}"]\n'
    config = parse_admin_config((head + '[settings]\nlanguage = "nl"\nstart_at_login = true\n').encode(), "c.toml")
    assert config.settings.values == {"language": "nl", "start_at_login": True}
    assert parse_admin_config(head.encode(), "c.toml").settings.values == {}
    with pytest.raises(AdminConfigError) as info:
        parse_admin_config((head + '[settings]\nlanguage = "de"\npaused = true\nnotifications = "yes"\n').encode(),
                           "c.toml")
    text = str(info.value)
    assert "settings.language: must be one of" in text and "settings.paused: unknown key" in text
    assert "settings.notifications: must be true or false" in text


def test_keyboard_only(shell, qtbot):
    """Sections are chosen with the arrow keys; Tab reaches the page's fields."""
    from PySide6.QtCore import Qt

    window = open_window(shell, qtbot)
    window.activateWindow()
    sections = window.view.sections
    sections.setFocus()
    qtbot.keyClick(sections, Qt.Key.Key_Down)
    assert window.view.stack.currentIndex() == FOLDERS
    qtbot.keyClick(sections, Qt.Key.Key_End)
    assert window.view.stack.currentIndex() == SCHEME
    qtbot.keyClick(sections, Qt.Key.Key_Home)
    assert window.view.stack.currentIndex() == GENERAL
    assert window.view.general.language.focusPolicy() & Qt.FocusPolicy.TabFocus
