"""The desktop app: tray (or its stand-in window), folder watching, prompts, dialogs.

    run(paths)   # `labeler label-dialog -- PATH...`: hand over or start, dialog open
    run(None)    # `labeler gui` / `labeler`: hand over "show window" or start

`Shell` wires the pieces together and decides what happens; the pieces
(`Tray`/`TrayWindow`, `Notifier`, `WatchBridge`, the label dialog) only show
things and report what the user did.  Everything that touches documents or
the network runs in workers; the GUI thread only reads small settings files.
"""
from __future__ import annotations

import contextlib
import logging
import os
import sys
import threading
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from labeler.org.admin_config import AdminConfigError
from labeler.org.distribution import InForce, SchemeStore, check_due, in_force, load_admin_config
from labeler.desktop.prompt_queue import PromptQueue
from labeler.core.service import LabelService
from labeler.desktop.settings import Settings
from labeler.desktop.watch.candidates import needs_label

from .index_feed import IndexFeed
from .notifier import Notifier
from .restore_notice import RestoreNotice
from .sharing.bridge import SharingBridge
from .instance_server import DialogJoiner, InstanceServer
from .startup import application, run  # noqa: F401  (run: the entry point, long imported from here)
from .tray import ShellState, Tray, tray_available
from .tray_window import TrayWindow
from .watch_bridge import WatchBridge
from .workers import Worker, start

if TYPE_CHECKING:  # the overview is imported when it is first opened, not at start-up
    from .overview.window import OverviewWindow
    from .startup import Started

log = logging.getLogger(__name__)

PROMPT_RECHECK_MS = 60 * 1000  # a snooze or quiet hours may have ended
SCHEME_RECHECK_MS = 5 * 60 * 1000  # is a scheme check due? (the interval itself is the admin's)
SNOOZE_MINUTES = 60
PRELOAD_DIALOG_MS = 1500  # after start-up, while idle


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    # lupdate files a bare tr("…") call under the empty context; look it up there.
    return QCoreApplication.translate("", text, disambiguation, n)


# --- entry point: run(paths, kind) is ui/startup.py's (re-exported here) -------------

def _run_app(paths: list[str], kind: str = "label", started: Started | None = None) -> int:
    """`started`: what ui/startup.py made before this module was imported, the label dialog among it."""
    app, settings, lang = (started.app, started.settings, started.lang) if started else application()
    reporter = ErrorReporter()
    reporter.install()
    force = started.force if started else in_force()
    shell = Shell(settings, force, started.service if started else LabelService.for_desktop(force.scheme), lang)
    server = InstanceServer()
    if not server.listen():
        log.warning("cannot listen on %s: other invocations will start their own app", server.name)
    server.filesArrived.connect(shell.gatherer.add)
    server.sendRequested.connect(shell.send_by_email)
    server.showRequested.connect(shell.show_window)
    if started is not None:
        shell.adopt_dialog(started.dialog)  # on the screen already; the rest of its multi-select joins it
    elif paths:
        # The dialog first, mapped before the watchers and timers start: the person clicked "Label…" (or "Send…").
        (shell.send_by_email if kind == "send" else shell.gatherer.add)(paths)
        app.processEvents()
    shell.start()
    if not paths and not shell.has_tray:
        shell.show_window()
    # The label dialog's code, loaded while the app is idle: a file handed over later opens its dialog at once.
    QTimer.singleShot(PRELOAD_DIALOG_MS, _preload_dialog)
    try:
        return app.exec()
    finally:
        shell.stop()
        server.close()
        reporter.uninstall()


def _preload_dialog() -> None:
    from . import label_dialog  # noqa: F401


# --- uncaught exceptions ---------------------------------------------------------

class ErrorReporter(QObject):
    """Shows an uncaught exception in a dialog instead of letting the app die.

    Exceptions from other threads arrive through a queued signal; while one
    dialog is open, later errors are only logged (no cascade of dialogs).
    """

    raised = Signal(str, str)  # summary, traceback

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.raised.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self._box: QMessageBox | None = None
        self._previous: tuple[Callable[..., Any], Callable[..., Any]] | None = None

    def install(self) -> None:
        self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self._hook
        threading.excepthook = lambda args: self._hook(args.exc_type, args.exc_value, args.exc_traceback)

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous
            self._previous = None

    def _hook(self, exc_type, exc_value, exc_tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QCoreApplication.quit()
            return
        details = "".join(traceback.format_exception(exc_type, exc_value, exc_tb))
        log.error("uncaught exception:\n%s", details)
        print(details, file=sys.stderr)
        self.raised.emit(f"{exc_type.__name__}: {exc_value}", details)

    def _show(self, summary: str, details: str) -> None:
        if self._box is not None and self._box.isVisible():
            return
        box = QMessageBox(QMessageBox.Icon.Critical, tr("Labeler — unexpected problem"),
                          tr("Something went wrong inside Labeler. No document was left half-written, "
                             "and the app keeps running.") + "\n\n" + summary)
        box.setDetailedText(details)
        box.addButton(QMessageBox.StandardButton.Close)
        logs = box.addButton(tr("Open log folder"), QMessageBox.ButtonRole.ActionRole)
        logs.setToolTip(tr("The details are also in the log; your administrator may ask for it."))
        box.buttonClicked.connect(lambda button: open_log_folder() if button is logs else None)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self._closed)
        self._box = box
        box.open()

    def _closed(self) -> None:
        self._box = None


def open_log_folder() -> bool:
    """Show the folder of the app's logs (and crash file) in the file manager; False if it cannot be."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    from labeler.logs import ensure_log_dir

    try:
        folder = ensure_log_dir()
    except OSError as exc:
        log.warning("log folder not available: %s", exc)
        return False
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


# --- the shell -------------------------------------------------------------------

class Shell(QObject):
    """The running app's behaviour: what each action does, when to prompt."""

    def __init__(self, settings: Settings, force: InForce, service: LabelService, lang: str = "en",
                 use_tray: bool | None = None, settle_seconds: float | None = None,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.settings = settings
        self.force = force
        self.lang = lang
        self.has_tray = tray_available() if use_tray is None else use_tray
        self.bridge = WatchBridge(settings, service, settle_seconds=settle_seconds, parent=self)
        self.bridge.lang = lang
        self.service = self.bridge.service  # records our own writes, so they never prompt
        self.queue = PromptQueue(settings, still_needs_label=lambda path: needs_label(self.service, path))
        # Handed-over files: a dialog at once, the rest of the same multi-select joins it.
        self.gatherer = DialogJoiner(self.open_dialog, parent=self)
        self.notifier = Notifier()
        self.notifier.labelNow.connect(self.label_waiting)
        self.notifier.later.connect(self.later)
        self.notifier.ignoreFolder.connect(self.ignore_folder)
        self.dialogs: list[QWidget] = []
        self.overview: OverviewWindow | None = None
        self._scheme_worker: Worker | None = None
        self._workers: list[Worker] = []  # kept until they finish

        self.surface = Tray(self.state, self) if self.has_tray else TrayWindow(self.state)
        for signal, slot in ((self.surface.labelFile, self.label_files),
                             (self.surface.labelWaiting, self.label_waiting),
                             (self.surface.pauseToggled, self.set_paused),
                             (self.surface.openOverview, self.open_overview),
                             (self.surface.openSettings, self.open_settings),
                             (self.surface.quitRequested, self.quit)):
            signal.connect(slot)
        self.bridge.documentsReady.connect(self.documents_ready)
        self.bridge.statusChanged.connect(self.refresh)
        # The label index (when the service keeps one): live news for the overview, and labels
        # that other programs' saves dropped, offered back (never restored without a click).
        self.index = getattr(service, "index", None)
        self.feed = IndexFeed(self.index, parent=self)
        self.feed.changed.connect(self._index_changed)
        self.restore_notice = RestoreNotice()
        self.restore_notice.restore.connect(self.restore_label)
        self.restore_notice.dismiss.connect(self.leave_without_label)
        self.bridge.labelDropped.connect(self.offer_restore)
        self.sharing = SharingBridge.for_shell(self)  # sharing places → notices; follows the pause

        self._prompt_timer = QTimer(self)
        self._prompt_timer.setInterval(PROMPT_RECHECK_MS)
        self._prompt_timer.timeout.connect(self.recheck_waiting)
        self._scheme_timer = QTimer(self)
        self._scheme_timer.setInterval(SCHEME_RECHECK_MS)
        self._scheme_timer.timeout.connect(self.check_scheme)

    # -- life

    def start(self) -> None:
        if self.has_tray:
            self.surface.show()
        self.bridge.start()  # paused stays paused (settings.paused)
        self.sharing.start()
        self._prompt_timer.start()
        self._scheme_timer.start()
        QTimer.singleShot(0, self.check_scheme)
        self.feed.start()
        if self.index is not None:  # drops noticed before a restart still wait for an answer
            self._in_worker(self.index.dropped, self._offer_all)

    def stop(self) -> None:
        self.feed.stop()
        self.restore_notice.close()
        self._prompt_timer.stop()
        self._scheme_timer.stop()
        self.bridge.stop()
        self.sharing.stop()
        self.notifier.close()
        if isinstance(self.surface, TrayWindow):
            self.surface.close()
        else:
            self.surface.hide()

    def quit(self) -> None:
        QCoreApplication.quit()

    # -- what the tray and the window show

    def state(self) -> ShellState:
        return ShellState(waiting=self.queue.count(check=False), paused=bool(self.settings.paused),
                          watching=self.bridge.describe(), polling=self.bridge.polling(),
                          scheme=self.describe_scheme())

    def describe_scheme(self) -> str:
        scheme = self.force.scheme
        text = tr("Label scheme: %1, version %2").replace("%1", scheme.name).replace("%2", str(scheme.version))
        if self.force.builtin:
            text += " — " + tr("the built-in demo scheme")
        elif self.force.source:
            text += " — " + tr("from %1").replace("%1", self.force.source)
        if self.force.problem:
            text += "\n" + self.force.problem
        return text

    def refresh(self) -> None:
        self.surface.refresh()

    def show_window(self) -> None:
        """`labeler` run again: show the window (with a tray, the status window on demand)."""
        if isinstance(self.surface, TrayWindow):
            self.surface.present()
        else:
            self.open_overview()

    # -- labelling

    def open_dialog(self, paths: list[str]) -> QWidget | None:
        """One non-modal label dialog for `paths`."""
        if not paths:
            return None
        from .label_dialog import open_label_dialog

        dialog = open_label_dialog([str(p) for p in paths], self.service.scheme, service=self.service,
                                   lang=self.lang)
        dialog.labelsApplied.connect(self.labels_applied)
        return dialog

    def adopt_dialog(self, dialog: QWidget) -> None:
        """The label dialog ui/startup.py opened before the shell existed: from now on it labels through the
        shell's service (the watcher knows those writes as ours), and files handed over meanwhile join it."""
        with contextlib.suppress(RuntimeError):  # closed and deleted before the app was up
            dialog.label_with(self.service)  # type: ignore[attr-defined]
            dialog.labelsApplied.connect(self.labels_applied)  # type: ignore[attr-defined]
            self.gatherer.adopt(dialog)

    def send_by_email(self, paths: list[str]) -> None:  # ui/sharing/send_dialog.py; a multi-select joins one
        from .sharing.send_dialog import send_by_email
        send_by_email(paths, self)

    def labels_applied(self, outcomes: list) -> None:
        self.queue.discard(o.path for o in outcomes if o.ok and (o.label is not None or o.recognised))
        self.refresh()

    def label_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(None, tr("Label files"), os.path.expanduser("~"))
        if paths:
            self.open_dialog(paths)

    def label_waiting(self) -> None:
        """The waiting documents in one dialog (checking they still need a label reads them: a worker)."""
        self.notifier.hide()
        self._in_worker(self.queue.take, self._took)

    def _took(self, paths: list) -> None:
        self.refresh()
        self.open_dialog([str(p) for p in paths])

    # -- prompting

    def documents_ready(self, paths: list[str]) -> None:
        # Queuing resolves and stats every path: thousands in a burst, so a worker.
        self._in_worker(lambda: self.queue.add(paths), self._queued)

    def _queued(self, _added: int) -> None:
        self.maybe_prompt()

    def maybe_prompt(self) -> None:
        """Show (or update) the one notifier if documents wait and now is a good time."""
        if self.queue.should_prompt():
            groups = self.queue.groups()
            folder = groups[0][0] if len(groups) == 1 else None
            self.notifier.present(self.queue.message(self.lang, groups), folder)
        elif self.notifier.isVisible() and not self.queue.count(check=False):
            self.notifier.hide()
        self.refresh()

    def recheck_waiting(self) -> None:
        """Now and then: drop documents labelled or removed meanwhile (reads files: a worker)."""
        self._in_worker(self.queue.refresh, self._rechecked)

    def _rechecked(self, _count: int) -> None:
        self.maybe_prompt()

    def later(self) -> None:
        self.notifier.hide()
        self.queue.snooze(SNOOZE_MINUTES)  # persisted by the queue
        self.refresh()

    def ignore_folder(self, folder: str) -> None:
        self.notifier.hide()
        self.queue.ignore_folder(folder)  # remembered in the settings by the queue
        self.bridge.set_ignored(self.settings.ignored_folders)
        self.refresh()

    def _in_worker(self, fn, on_result) -> None:
        worker = Worker(fn)
        worker.signals.result.connect(on_result)
        worker.signals.finished.connect(self._worker_finished)
        self._workers.append(start(worker))

    def _worker_finished(self) -> None:
        done = self.sender()
        self._workers = [w for w in self._workers if w.signals is not done]

    # -- labels other programs dropped

    def offer_restore(self, dropped) -> None:
        """Ask whether to put back a label another program's save dropped (if the scheme still has it)."""
        if self.service.scheme.find(dropped.label_id) is not None:
            self.restore_notice.offer(dropped)

    def _offer_all(self, drops: list) -> None:
        for dropped in drops:
            self.offer_restore(dropped)

    def _index_changed(self, entries: list) -> None:
        waiting = {d.path for d in self.restore_notice.waiting()}
        for entry in entries:
            if entry.dropped is not None:
                if entry.path not in waiting:
                    self.offer_restore(entry.dropped)
            elif entry.path in waiting:  # answered in another way: relabelled, restored, gone
                self.restore_notice.withdraw(entry.path)

    def restore_label(self, dropped) -> None:
        """The person's one click: label the file again with the label it lost (a worker)."""
        label = self.service.scheme.find(dropped.label_id)
        if label is None:
            return
        self._in_worker(lambda: self.service.restore(dropped.path, label), self._restored)

    def _restored(self, outcome) -> None:
        if not outcome.ok:
            box = QMessageBox(QMessageBox.Icon.Warning, tr("Labeler"), outcome.message or "")
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()  # not modal: the app keeps running
        self.refresh()

    def leave_without_label(self, dropped) -> None:
        """The person chose to leave the file as the other program saved it: stop offering (a worker)."""
        if self.index is not None:
            self._in_worker(lambda: self.index.dismiss_dropped(dropped.path), lambda _result: None)

    # -- watching

    def set_paused(self, paused: bool) -> None:
        self.settings.paused = paused
        self._save_settings()
        if paused:
            self.bridge.pause()
        else:
            self.bridge.resume()
        self.refresh()

    # -- windows

    def open_overview(self) -> None:
        """The one Overview window, shown and raised; closing it only hides it (the app keeps running)."""
        if self.overview is None:
            from .overview.window import OverviewWindow

            self.overview = OverviewWindow(self)
        self.overview.present()

    def open_settings(self) -> QWidget:
        """The one settings window, shown or brought back.  It saves each change and lets this
        shell follow it (watched folders, language, notifications; see ui.settings.controller)."""
        from .settings import SettingsWindow

        window = getattr(self, "settings_window", None)
        if window is None:
            window = self.settings_window = SettingsWindow(self)
        window.present()
        return window

    def _save_settings(self) -> None:
        try:
            self.settings.save()
        except OSError as exc:
            log.warning("settings not saved: %s", exc)

    # -- the scheme

    def check_scheme(self) -> None:
        """Fetch the admin's scheme in a worker if a check is due; a newer one takes effect at once."""
        if self._scheme_worker is not None:
            return
        worker = Worker(_check_scheme)
        worker.signals.result.connect(self.scheme_checked)
        worker.signals.finished.connect(self._scheme_check_done)
        self._scheme_worker = start(worker)

    def _scheme_check_done(self) -> None:
        self._scheme_worker = None

    def scheme_checked(self, force: InForce | None) -> None:
        if force is None:
            return
        before = (self.force.scheme.id, self.force.scheme.version)
        self.force = force
        if (force.scheme.id, force.scheme.version) != before:
            self.bridge.set_scheme(force.scheme)
            if isinstance(self.surface, Tray):
                self.surface.notify(tr("Labeler"), tr("The label scheme was updated to version %1.")
                                    .replace("%1", str(force.scheme.version)))
        self.refresh()


def _check_scheme() -> InForce | None:
    """Runs in a worker: check the admin's source if due; the scheme in force after it (None: no admin)."""
    try:
        config = load_admin_config()
    except AdminConfigError as exc:
        log.warning("admin config not usable: %s", exc)
        return None
    if config is None:
        return None
    store = SchemeStore.default()
    if check_due(store.load_state(), config):
        store.check(config)
    return in_force(store)
