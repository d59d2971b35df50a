"""The settings window's behaviour: what each field shows, what a change does, what is saved.

Every change is saved at once with `Settings.save()` (a brief "Saved" note,
or the reason it failed, on the status line) and takes effect in the running
app through the `Shell`: the watcher gets the new folders, the interface
switches language, the tray shows the new state.  Settings the admin forces
(labeler.org.admin_settings) show the admin's value, read-only.  Installing the
right-click entries and checking the scheme run in workers, with a busy bar.
The sentences it shows are composed in sentences.py.
"""
from __future__ import annotations

import logging
import os
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTime, QTimer
from PySide6.QtWidgets import QFileDialog, QListWidget, QTreeWidgetItem, QWidget

from labeler.desktop import autostart
from labeler.org.admin_config import load_admin_settings
from labeler.desktop.settings import Settings
from ui.i18n import install_shell_translators
from ui.workers import Worker, start

from .sentences import check_sentence, entry_state, local_time, menu_result_sentence, scheme_note, tr
from .tasks import INSTALL, UNINSTALL, MenuEntry, SchemeReport, change_menu, check_now, menu_status, scheme_report
from .views import SettingsView

log = logging.getLogger(__name__)

SAVED_NOTE_MS = 2500
QUIET_SAVE_DELAY_MS = 800  # a time being typed is saved once the typing pauses
DEFAULT_QUIET = ("22:00", "07:00")


class SettingsController(QObject):
    def __init__(self, view: SettingsView, shell, parent: QObject | None = None):
        super().__init__(parent)
        self.view, self.shell = view, shell
        self.settings: Settings = shell.settings
        self.admin, self.admin_problem = load_admin_settings()
        self.report: SchemeReport | None = None
        self.entries: list[MenuEntry] = []
        self._menu_result: tuple[str, list[MenuEntry]] | None = None
        self._check_result: str | tuple[str, str] | None = None  # ("failed", why) after a failure
        self._status: tuple[Callable[[], str], bool] | None = None  # (the text in the language now, a problem?)
        self._menu_worker: Worker | None = None
        self._check_worker: Worker | None = None
        self._saved_timer = QTimer(self)
        self._saved_timer.setSingleShot(True)
        self._saved_timer.timeout.connect(self._clear_saved_note)
        self._quiet_timer = QTimer(self)
        self._quiet_timer.setSingleShot(True)
        self._quiet_timer.setInterval(QUIET_SAVE_DELAY_MS)
        self._quiet_timer.timeout.connect(self.save_quiet_hours)
        self._connect()
        self.load()
        from .sharing_places import SharingPlacesSection

        self.sharing = SharingPlacesSection(view.sharing, self)

    # -- wiring

    def _connect(self) -> None:
        v = self.view
        v.general.language.currentIndexChanged.connect(self.language_chosen)
        v.general.start_at_login.toggled.connect(self.start_at_login_toggled)
        v.general.open_logs.clicked.connect(self.open_log_folder)
        v.folders.add.clicked.connect(self.add_folder)
        v.folders.remove.clicked.connect(self.remove_folders)
        v.folders.ask_again.clicked.connect(self.ask_again)
        v.folders.watched.itemSelectionChanged.connect(self._update_buttons)
        v.folders.ignored.itemSelectionChanged.connect(self._update_buttons)
        v.notifications.notifications.toggled.connect(self.notifications_toggled)
        v.notifications.quiet.toggled.connect(self.quiet_toggled)
        v.notifications.quiet_from.timeChanged.connect(self._quiet_time_changed)
        v.notifications.quiet_until.timeChanged.connect(self._quiet_time_changed)
        v.notifications.quiet_from.editingFinished.connect(self.save_quiet_hours)
        v.notifications.quiet_until.editingFinished.connect(self.save_quiet_hours)
        v.menu.install.clicked.connect(self.install_menu)
        v.menu.uninstall.clicked.connect(self.uninstall_menu)
        v.scheme.check.clicked.connect(self.check_scheme)

    def open_log_folder(self) -> None:
        """The folder of the app's logs and crash file, in the file manager."""
        from ui.app import open_log_folder

        if not open_log_folder():
            from labeler.logs import log_dir

            folder = str(log_dir())
            self.show_status(lambda: tr("The log folder %1 could not be opened.").replace("%1", folder),
                             problem=True)

    # -- showing the values

    def load(self) -> None:
        """Fill every field from the settings (the admin's value where it forces one)."""
        s, v = self.settings, self.view
        with _Quiet(v.general.language, v.general.start_at_login, v.notifications.notifications,
                    v.notifications.quiet, v.notifications.quiet_from, v.notifications.quiet_until):
            language = self._value("language")
            v.general.language.setCurrentIndex(max(v.general.language.findData(language), 0))
            v.general.start_at_login.setChecked(self._autostart_state())
            v.notifications.notifications.setChecked(bool(self._value("notifications")))
            quiet = self._value("quiet_hours")
            v.notifications.quiet.setChecked(quiet is not None)
            start_time, end_time = quiet or DEFAULT_QUIET
            v.notifications.quiet_from.setTime(QTime.fromString(start_time, "HH:mm"))
            v.notifications.quiet_until.setTime(QTime.fromString(end_time, "HH:mm"))
        _fill(v.folders.watched, self._value("watched_folders"))
        _fill(v.folders.ignored, s.ignored_folders)
        self._lock_forced()
        self._update_buttons()
        self.refresh_scheme()
        self.refresh_menu()
        if load_problem := s.load_problem:
            self.show_status(lambda: load_problem, problem=True)
        elif admin_problem := self.admin_problem:
            self.show_status(lambda: tr("The administrator's settings could not all be used: %1")
                             .replace("%1", admin_problem), problem=True)

    def _value(self, key: str):
        return self.admin.values[key] if self.admin.forces(key) else getattr(self.settings, key)

    def _autostart_state(self) -> bool:
        if self.admin.forces("start_at_login"):
            return bool(self.admin.values["start_at_login"])
        try:
            return autostart.is_enabled()
        except autostart.AutostartError:
            return bool(self.settings.start_at_login)

    def _lock_forced(self) -> None:
        v = self.view
        groups: dict[str, tuple[list[QWidget], QWidget]] = {
            "language": ([v.general.language], v.general.language_admin),
            "start_at_login": ([v.general.start_at_login], v.general.start_at_login_admin),
            "watched_folders": ([v.folders.add, v.folders.remove], v.folders.watched_admin),
            "notifications": ([v.notifications.notifications], v.notifications.notifications_admin),
            "quiet_hours": ([v.notifications.quiet, v.notifications.quiet_from, v.notifications.quiet_until],
                            v.notifications.quiet_admin),
        }
        for key, (widgets, note) in groups.items():
            forced = self.admin.forces(key)
            for widget in widgets:
                widget.setProperty("forced", forced)
                if forced:
                    widget.setEnabled(False)
            note.setVisible(forced)
        self._update_quiet_enabled()

    def _update_quiet_enabled(self) -> None:
        n = self.view.notifications
        editable = not self.admin.forces("quiet_hours") and n.quiet.isChecked()
        n.quiet_from.setEnabled(editable)
        n.quiet_until.setEnabled(editable)

    def _update_buttons(self) -> None:
        f = self.view.folders
        if not self.admin.forces("watched_folders"):
            f.remove.setEnabled(bool(f.watched.selectedItems()))
        f.ask_again.setEnabled(bool(f.ignored.selectedItems()))

    def retranslate(self) -> None:
        """Texts the controller composes (states, sentences) in the new language."""
        for note in self.view.findChildren(type(self.view.general.language_admin), "adminNote"):
            note.setText(tr("Set by your administrator"))
        self.show_scheme()
        self.show_menu()
        self.sharing.retranslate()
        if self._status is not None:
            self._render_status()

    # -- saving

    def save(self, *keys: str) -> bool:
        """Save the settings; then let the running app follow the change of `keys`."""
        try:
            self.settings.save()
        except (OSError, ValueError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self.show_status(lambda: tr("Your settings could not be saved: %1. The change applies until "
                                        "Labeler quits.").replace("%1", reason), problem=True)
            self._follow(keys)
            return False
        self.show_status(lambda: tr("Saved"), problem=False, brief=True)
        self._follow(keys)
        return True

    def _follow(self, keys) -> None:
        shell = self.shell
        if "watched_folders" in keys:
            shell.bridge.set_folders(self.settings.watched_folders)
        if "ignored_folders" in keys:
            shell.bridge.set_ignored(self.settings.ignored_folders)
        if "notifications" in keys or "quiet_hours" in keys:
            shell.maybe_prompt()
        if "sharing_places" in keys and getattr(shell, "sharing", None) is not None:
            shell.sharing.set_places(self.settings.sharing_places)
        shell.refresh()

    def show_status(self, text: Callable[[], str], problem: bool, brief: bool = False) -> None:
        """The status line below the sections; `text` gives the sentence in the language of the moment."""
        self._status = (text, problem)
        self._render_status()
        if brief:
            self._saved_timer.start(SAVED_NOTE_MS)
        else:
            self._saved_timer.stop()

    def _render_status(self) -> None:
        if self._status is None:
            return
        text, problem = self._status
        label = self.view.status
        label.setText(("⚠ " if problem else "✓ ") + text())
        label.setStyleSheet("color: #b00020;" if problem else "")

    def _clear_saved_note(self) -> None:
        if self._status is not None and not self._status[1]:
            self._status = None
            self.view.status.clear()

    # -- General

    def language_chosen(self, index: int) -> None:
        code = self.view.general.language.itemData(index)
        if not code or code == self.settings.language:
            return
        self.settings.language = code
        self.save("language")
        shell = self.shell
        # Every open window (this one too) gets a LanguageChange and retranslates itself.
        shell.lang = install_shell_translators(QCoreApplication.instance(), code, switch=True)
        shell.bridge.lang = shell.lang
        shell.refresh()

    def start_at_login_toggled(self, on: bool) -> None:
        try:
            if on:
                autostart.enable()
            else:
                autostart.disable()
        except autostart.AutostartError as exc:
            with _Quiet(self.view.general.start_at_login):
                self.view.general.start_at_login.setChecked(not on)
            message = str(exc)
            self.show_status(lambda: message, problem=True)
            return
        self.settings.start_at_login = on
        self.save("start_at_login")

    # -- Folders

    def add_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.view, tr("Watch a folder"), os.path.expanduser("~"))
        if not folder:
            return
        folder = os.path.normpath(folder)
        if folder in self.settings.watched_folders:
            self.show_status(lambda: tr("%1 is already watched.").replace("%1", folder), problem=False, brief=True)
            return
        self.settings.watched_folders = [*self.settings.watched_folders, folder]
        _fill(self.view.folders.watched, self.settings.watched_folders)
        self.save("watched_folders")

    def remove_folders(self) -> None:
        chosen = {item.text() for item in self.view.folders.watched.selectedItems()}
        if not chosen:
            return
        self.settings.watched_folders = [f for f in self.settings.watched_folders if f not in chosen]
        _fill(self.view.folders.watched, self.settings.watched_folders)
        self._update_buttons()
        self.save("watched_folders")

    def ask_again(self) -> None:
        chosen = {item.text() for item in self.view.folders.ignored.selectedItems()}
        if not chosen:
            return
        self.settings.ignored_folders = [f for f in self.settings.ignored_folders if f not in chosen]
        _fill(self.view.folders.ignored, self.settings.ignored_folders)
        self._update_buttons()
        self.save("ignored_folders")

    # -- Notifications

    def notifications_toggled(self, on: bool) -> None:
        self.settings.notifications = on
        self.save("notifications")

    def quiet_toggled(self, on: bool) -> None:
        self._update_quiet_enabled()
        self.save_quiet_hours()

    def _quiet_time_changed(self, _time) -> None:
        self._quiet_timer.start()

    def quiet_hours(self) -> tuple[str, str] | None:
        n = self.view.notifications
        if not n.quiet.isChecked():
            return None
        return n.quiet_from.time().toString("HH:mm"), n.quiet_until.time().toString("HH:mm")

    def save_quiet_hours(self) -> None:
        self._quiet_timer.stop()
        if self.admin.forces("quiet_hours"):
            return
        wanted = self.quiet_hours()
        if wanted is not None and wanted[0] == wanted[1]:
            self.show_status(lambda: tr("Quiet hours need a different start and end time."), problem=True)
            return
        if wanted == self.settings.quiet_hours:
            return
        self.settings.quiet_hours = wanted
        self.save("quiet_hours")

    # -- Right-click menu

    def refresh_menu(self) -> None:
        self._run_menu(None)

    def install_menu(self) -> None:
        self._run_menu(INSTALL)

    def uninstall_menu(self) -> None:
        self._run_menu(UNINSTALL)

    def _run_menu(self, action: str | None) -> None:
        if self._menu_worker is not None:
            return
        worker = Worker(menu_status) if action is None else Worker(change_menu, action)
        worker.signals.result.connect(self._menu_done)
        worker.signals.error.connect(self._menu_failed)
        worker.signals.finished.connect(self._menu_finished)
        self._pending_action = action
        self._set_menu_busy(True)
        self._menu_worker = start(worker)

    def _set_menu_busy(self, busy: bool) -> None:
        m = self.view.menu
        m.busy.setVisible(busy)
        m.install.setEnabled(not busy)
        m.uninstall.setEnabled(not busy and any(e.installed for e in self.entries))
        if busy and self._pending_action is not None:
            m.result.setText(tr("Adding the entries…") if self._pending_action == INSTALL
                             else tr("Removing the entries…"))

    def _menu_done(self, entries: list[MenuEntry]) -> None:
        self.entries = entries
        if self._pending_action is not None:
            self._menu_result = (self._pending_action, entries)
        self.show_menu()

    def _menu_failed(self, exc) -> None:
        self._menu_result = None
        self.view.menu.result.setText(tr("The right-click menu could not be changed: %1").replace("%1", str(exc)))

    def _menu_finished(self) -> None:
        self._menu_worker = None
        self._pending_action = None
        self._set_menu_busy(False)

    def show_menu(self) -> None:
        tree = self.view.menu.entries
        tree.clear()
        for entry in self.entries:
            item = QTreeWidgetItem([entry.title, entry_state(entry)])
            item.setToolTip(1, entry.detail)
            item.setData(0, Qt.ItemDataRole.UserRole, entry.name)
            tree.addTopLevelItem(item)
        if not self.entries and self._menu_worker is None:
            self.view.menu.result.setText(tr("This system has no file manager Labeler can add an entry to."))
        elif self._menu_result is not None:
            self.view.menu.result.setText(menu_result_sentence(*self._menu_result))
        self.view.menu.uninstall.setEnabled(self._menu_worker is None and any(e.installed for e in self.entries))

    # -- Label scheme

    def refresh_scheme(self) -> None:
        try:
            self.report = scheme_report(self.shell.force)
        except OSError as exc:  # the state file is tolerant; this is a last resort
            self.report = None
            self.view.scheme.result.setText(str(exc))
        self.show_scheme()

    def check_scheme(self) -> None:
        if self._check_worker is not None:
            return
        worker = Worker(check_now)
        worker.signals.result.connect(self._checked)
        worker.signals.error.connect(self._check_failed)
        worker.signals.finished.connect(self._check_finished)
        self.view.scheme.busy.show()
        self.view.scheme.check.setEnabled(False)
        self._check_result = "busy"
        self.view.scheme.result.setText(tr("Checking the administrator's source…"))
        self._check_worker = start(worker)

    def _checked(self, report: SchemeReport) -> None:
        self.report = report
        state = report.state
        if state.last_result == "refused":
            self._check_result = "refused"
        elif state.last_result == "updated":
            self._check_result = "updated"
        else:
            self._check_result = "up-to-date"
        if hasattr(self.shell, "scheme_checked"):
            self.shell.scheme_checked(report.force)  # the new scheme takes effect in the app at once
        self.show_scheme()

    def _check_failed(self, exc) -> None:
        self._check_result = ("failed", str(exc))
        self.show_scheme()

    def _check_finished(self) -> None:
        self._check_worker = None
        self.view.scheme.busy.hide()
        self.show_scheme()

    def show_scheme(self) -> None:
        page = self.view.scheme
        report = self.report
        force = report.force if report else self.shell.force
        scheme, state = force.scheme, report.state if report else None
        values = page.values
        values["name"].setText(scheme.name)
        values["scheme_id"].setText(scheme.id)
        values["version"].setText(str(scheme.version))
        config = report.config if report is not None else None
        configured = config is not None
        page.note.setText(scheme_note(force, report))
        values["source"].setText(force.source or (config.source if config is not None else tr("built in")))
        if force.builtin:
            values["signature"].setText(tr("not signed (built in)"))
        elif force.signature_valid:
            values["signature"].setText(tr("valid"))
        else:
            values["signature"].setText(tr("not verified"))
        values["key_id"].setText(force.key_id or "—")
        values["last_check"].setText(local_time(state.last_check) if state else tr("never"))
        values["last_success"].setText(local_time(state.last_success) if state else tr("never"))
        values["last_error"].setText(state.last_error if state and state.last_error else tr("none"))
        values["admin_config"].setText(config.path if config is not None else "")
        for name, visible in (("key_id", not force.builtin), ("admin_config", configured),
                              ("last_check", configured or bool(state and state.last_check)),
                              ("last_success", configured or bool(state and state.last_success)),
                              ("last_error", configured or bool(state and state.last_error))):
            page.set_row_visible(name, visible)
        can_check = configured or bool(report and report.config_problem)
        page.check.setVisible(can_check)
        page.check.setEnabled(can_check and self._check_worker is None)
        page.result.setText(check_sentence(self._check_result, force))

    # -- closing

    def shutdown(self) -> None:
        """The window closes: save a time still being typed."""
        if self._quiet_timer.isActive():
            self.save_quiet_hours()


def _fill(widget: QListWidget, folders) -> None:
    widget.clear()
    widget.addItems(list(folders))


class _Quiet:
    """Block the signals of some widgets while the controller sets their values."""

    def __init__(self, *widgets):
        self.widgets = widgets

    def __enter__(self):
        self.previous = [w.blockSignals(True) for w in self.widgets]

    def __exit__(self, *exc):
        for widget, previous in zip(self.widgets, self.previous):
            widget.blockSignals(previous)
