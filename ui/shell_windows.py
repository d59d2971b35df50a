"""Two small windows of the shell, until the full ones arrive.

`OverviewWindow`: `labeler scan`-like counts for the watched folders,
computed in a worker.  `QuickSettingsDialog`: watched folders, notifications
on/off, the interface language, folders not to ask about.  The full overview
and settings windows replace these in later issues.
"""
from __future__ import annotations

import os

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                               QHBoxLayout, QHeaderView, QLabel, QListWidget, QPushButton, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout, QWidget)

from labeler.scan import scan

from .tray import app_icon
from .workers import Worker, start

LANGUAGES = (("system", None), ("en", "English"), ("nl", "Nederlands"), ("fr", "Français"))


class OverviewWindow(QWidget):
    """Per watched folder: files, documents to label, counts per label, not labelled, errors."""

    def __init__(self, folders: list[str], service, lang: str = "en", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowIcon(app_icon())
        self._service, self._lang = service, lang
        self._folders = list(folders)
        self._workers: dict[str, Worker] = {}
        self._retired: list[Worker] = []
        self._failed = False
        self._rows: dict[str, QTreeWidgetItem] = {}
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(5)
        self.tree.setRootIsDecorated(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.refresh)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.tree)
        self.resize(720, 360)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Labeler — overview"))
        self.tree.setHeaderLabels([self.tr("Folder"), self.tr("Files"), self.tr("Must be labelled"),
                                   self.tr("Not labelled yet"), self.tr("Errors")])
        self.refresh_button.setText(self.tr("Refresh"))

    def set_folders(self, folders: list[str]) -> None:
        self._folders = list(folders)

    def refresh(self) -> None:
        """Count again, one worker per folder; old counts stay until the new ones are in."""
        for worker in self._workers.values():
            worker.cancel()
            self._retired.append(worker)  # kept until it finishes
        self._workers.clear()
        self.tree.clear()
        self._rows.clear()
        if not self._folders:
            self.status.setText(self.tr("No folder is watched. Add one in Settings to see it here."))
            return
        self._failed = False
        self.status.setText(self.tr("Counting…"))
        for folder in self._folders:
            item = QTreeWidgetItem([folder, "…", "", "", ""])
            self.tree.addTopLevelItem(item)
            self._rows[folder] = item
            worker = Worker(_scan_folder, self._service, folder)
            worker.signals.progress.connect(self._progress)
            worker.signals.result.connect(self._result)
            worker.signals.error.connect(self._error)
            worker.signals.finished.connect(self._finished)
            self._workers[folder] = start(worker)

    def _progress(self, value) -> None:
        folder, done, total = value
        item = self._rows.get(folder)
        if item is not None:
            item.setText(1, f"{done}/{total}")

    def _result(self, value) -> None:
        folder, report = value
        item = self._rows.get(folder)
        if item is None:
            return
        if report is None:
            item.setText(1, self.tr("not found"))
            return
        for column, number in enumerate((report.files, report.documents, len(report.unlabelled),
                                         len(report.errors)), 1):
            item.setText(column, str(number))
            item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        item.takeChildren()
        for label in self._service.scheme.labels:
            count = report.by_label.get(label.id, 0)
            if count:
                child = QTreeWidgetItem([label.display_name(self._lang), str(count)])
                child.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                item.addChild(child)
        item.setExpanded(True)

    def _error(self, exc) -> None:
        self._failed = True
        self.status.setText(self.tr("Counting failed: %1").replace("%1", str(exc)))

    def _finished(self) -> None:
        # Let a worker go only once it finished (Worker's rule): its thread holds no reference.
        done = self.sender()
        self._workers = {f: w for f, w in self._workers.items() if w.signals is not done}
        self._retired = [w for w in self._retired if w.signals is not done]
        if not self._workers and not self._failed:
            self.status.setText(self.tr("Counts of the watched folders and their subfolders."))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._rows:
            self.refresh()

    def closeEvent(self, event) -> None:
        for worker in self._workers.values():
            worker.cancel()
        super().closeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _scan_folder(service, folder: str):
    """Runs in a worker: yields (folder, done, total) now and then; returns (folder, report or None)."""
    if not os.path.isdir(folder):
        return folder, None
    report = None
    last = 0
    for done, total, report in scan(service, folder):
        if done - last >= 25 or done == total:
            last = done
            yield folder, done, total
    if report is None:
        from labeler.scan import ScanReport

        report = ScanReport(folder)
    return folder, report


class QuickSettingsDialog(QDialog):
    """Edits a copy of the settings' values; the shell saves them when accepted."""

    def __init__(self, settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowIcon(app_icon())
        self.folders = QListWidget()
        self.folders.addItems(list(settings.watched_folders))
        self.add_folder = QPushButton()
        self.add_folder.clicked.connect(self._add)
        self.remove_folder = QPushButton()
        self.remove_folder.clicked.connect(self._remove_folders)
        self.ignored = QListWidget()
        self.ignored.addItems(list(settings.ignored_folders))
        self.ask_again = QPushButton()
        self.ask_again.clicked.connect(self._ask_again)
        self.notifications = QCheckBox()
        self.notifications.setChecked(bool(settings.notifications))
        self.language = QComboBox()
        for code, name in LANGUAGES:
            self.language.addItem(name or "", code)
        index = self.language.findData(settings.language or "system")
        self.language.setCurrentIndex(max(index, 0))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        self.folders_label, self.ignored_label = QLabel(), QLabel()
        folder_buttons = QHBoxLayout()
        folder_buttons.addWidget(self.add_folder)
        folder_buttons.addWidget(self.remove_folder)
        folder_buttons.addStretch(1)
        ignored_buttons = QHBoxLayout()
        ignored_buttons.addWidget(self.ask_again)
        ignored_buttons.addStretch(1)
        form = QFormLayout()
        self.notifications_label, self.language_label = QLabel(), QLabel()
        form.addRow(self.notifications_label, self.notifications)
        form.addRow(self.language_label, self.language)
        layout = QVBoxLayout(self)
        layout.addWidget(self.folders_label)
        layout.addWidget(self.folders)
        layout.addLayout(folder_buttons)
        layout.addWidget(self.ignored_label)
        layout.addWidget(self.ignored)
        layout.addLayout(ignored_buttons)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(520, 460)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Labeler — settings"))
        self.folders_label.setText(self.tr("Watch these folders for new documents without a label:"))
        self.add_folder.setText(self.tr("Add folder…"))
        self.remove_folder.setText(self.tr("Remove"))
        self.ignored_label.setText(self.tr("Never ask about documents in these folders:"))
        self.ask_again.setText(self.tr("Ask again"))
        self.notifications_label.setText(self.tr("Notifications:"))
        self.notifications.setText(self.tr("Tell me when new documents need a label"))
        self.language_label.setText(self.tr("Language:"))
        self.language.setItemText(0, self.tr("As the system"))

    def values(self) -> dict:
        return {
            "watched_folders": [self.folders.item(i).text() for i in range(self.folders.count())],
            "ignored_folders": [self.ignored.item(i).text() for i in range(self.ignored.count())],
            "notifications": self.notifications.isChecked(),
            "language": self.language.currentData(),
        }

    def _add(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Watch a folder"), os.path.expanduser("~"))
        if folder and not self.folders.findItems(folder, Qt.MatchFlag.MatchExactly):
            self.folders.addItem(folder)

    def _remove_folders(self) -> None:
        self._remove(self.folders)

    def _ask_again(self) -> None:
        self._remove(self.ignored)

    @staticmethod
    def _remove(widget: QListWidget) -> None:
        for item in widget.selectedItems():
            widget.takeItem(widget.row(item))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
