"""The Files page's widgets: layout and looks only (files_page.py decides what they show).

    ┌ Watched folders ─────────────────────────────────────────────┐
    │ ~/Documents   [██████████████░░░░░]  812 labelled · 40 to label │
    ├──────────────────────────────────────────────────────────────┤
    │ Show [All documents ▾]  In [All folders ▾]  [Search by name… ] │
    │ ┌ Name │ Folder │ Label │ Modified │ Other tools' labels ┐      │
    │ Reading labels… 3,400 files [Cancel]   [Open folder] [Label…] │
"""
from __future__ import annotations

import os

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QFrame, QGridLayout, QHBoxLayout,
                               QLabel, QLineEdit, QProgressBar, QPushButton, QScrollArea,
                               QSizePolicy, QTableView, QVBoxLayout, QWidget)

from .painting import CoverageBar


def muted(label: QLabel) -> QLabel:
    """Secondary text in the palette's placeholder colour (a role, so it follows a theme change)."""
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


class ElidedLabel(QLabel):
    """A one-line label that shortens its text in the middle ("/home/…/Documents") instead of growing."""

    def __init__(self, text: str = "", parent=None):
        super().__init__(text, parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def minimumSizeHint(self) -> QSize:
        return QSize(min(super().minimumSizeHint().width(), 80), super().minimumSizeHint().height())

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideMiddle, self.width())
        painter.drawText(self.rect(), int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), text)


def short_path(folder: str) -> str:
    """The folder with the home folder written as ~."""
    home = os.path.expanduser("~")
    if folder == home or folder.startswith(home.rstrip(os.sep) + os.sep):
        return "~" + folder[len(home):]
    return folder


class FolderRow:
    """The widgets of one watched folder: its name, its coverage bar and its counts."""

    def __init__(self, folder: str):
        self.folder = folder
        self.name = ElidedLabel(short_path(folder))
        self.name.setToolTip(folder)
        self.bar = CoverageBar()
        self.counts = QLabel()
        self.counts.setTextFormat(Qt.TextFormat.PlainText)


class FoldersPanel(QWidget):
    """One row per watched folder; a sentence instead when none is watched."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: dict[str, FolderRow] = {}
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.empty = muted(QLabel())
        self.empty.setWordWrap(True)
        self._grid_host = QWidget()
        self.grid = QGridLayout(self._grid_host)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(12)
        self.grid.setVerticalSpacing(6)
        self.grid.setColumnStretch(0, 2)  # the folder's name may shrink (elided), the bar gets the rest
        self.grid.setColumnStretch(1, 3)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(self._grid_host)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.viewport().setAutoFillBackground(False)
        self._grid_host.setAutoFillBackground(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.empty)
        layout.addWidget(self.scroll_area)

    def set_folders(self, folders: list[str]) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.rows = {}
        for i, folder in enumerate(folders):
            row = FolderRow(folder)
            self.rows[folder] = row
            self.grid.addWidget(row.name, i, 0)
            self.grid.addWidget(row.bar, i, 1)
            self.grid.addWidget(row.counts, i, 2)
        self.empty.setVisible(not folders)
        self.scroll_area.setVisible(bool(folders))
        row_height = max(self.fontMetrics().height(), CoverageBar.HEIGHT) + 6
        self.scroll_area.setFixedHeight(min(len(folders), 4) * row_height + 2)


class FilesView(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.folders = FoldersPanel()

        self.which_label, self.folder_label = QLabel(), QLabel()
        self.which = QComboBox()
        self.which.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.which.setMinimumContentsLength(10)
        self.which_label.setBuddy(self.which)
        self.folder = QComboBox()
        self.folder.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.folder.setMinimumContentsLength(11)
        self.folder.view().setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.folder.view().setMinimumWidth(320)
        self.folder_label.setBuddy(self.folder)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(120)
        self.everything = QCheckBox()

        self.table = QTableView()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table: keyboard users reach the buttons
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionsMovable(True)
        self.table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

        self.status = muted(QLabel())
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumWidth(90)
        self.busy.setMaximumHeight(self.fontMetrics().height())
        self.progress = QLabel()
        self.progress.setTextFormat(Qt.TextFormat.PlainText)
        self.cancel = QPushButton()
        self.refresh = QPushButton()
        self.open_folder = QPushButton()
        self.label = QPushButton()
        self.label.setDefault(False)

        filters = QHBoxLayout()
        filters.addWidget(self.which_label)
        filters.addWidget(self.which)
        filters.addSpacing(8)
        filters.addWidget(self.folder_label)
        filters.addWidget(self.folder)
        filters.addSpacing(8)
        filters.addWidget(self.search, 1)
        filters.addSpacing(8)
        filters.addWidget(self.everything)

        bottom = QHBoxLayout()
        bottom.addWidget(self.busy)
        bottom.addWidget(self.progress)
        bottom.addWidget(self.cancel)
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.refresh)
        bottom.addWidget(self.open_folder)
        bottom.addWidget(self.label)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Plain)
        line.setForegroundRole(QPalette.ColorRole.Mid)

        layout = QVBoxLayout(self)
        layout.addWidget(self.folders)
        layout.addWidget(line)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.setTabOrder(self.which, self.folder)
        self.setTabOrder(self.folder, self.search)
        self.setTabOrder(self.search, self.everything)
        self.setTabOrder(self.everything, self.table)
        self.setTabOrder(self.table, self.cancel)
        self.setTabOrder(self.cancel, self.refresh)
        self.setTabOrder(self.refresh, self.open_folder)
        self.setTabOrder(self.open_folder, self.label)
        self.retranslate()

    def retranslate(self) -> None:
        self.folders.title.setText(self.tr("Watched folders"))
        self.folders.empty.setText(self.tr("No folder is watched. Add one in Settings to see its documents here."))
        self.which_label.setText(self.tr("&Show:"))
        self.folder_label.setText(self.tr("&In:"))
        self.search.setPlaceholderText(self.tr("Search by name (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Search by name"))
        self.everything.setText(self.tr("Show &all files"))
        self.everything.setToolTip(self.tr("Also list files that are not documents, such as images and text files."))
        self.cancel.setText(self.tr("Cancel"))
        self.refresh.setText(self.tr("&Refresh"))
        self.refresh.setToolTip(self.tr("Read the folders again (F5)"))
        self.open_folder.setText(self.tr("&Open containing folder"))
        self.label.setText(self.tr("&Label…"))
        self.label.setToolTip(self.tr("Label the selected files (Enter)"))
        self.table.setAccessibleName(self.tr("Files"))

    def show_loading(self, loading: bool) -> None:
        self.busy.setVisible(loading)
        self.progress.setVisible(loading)
        self.cancel.setVisible(loading)
        self.refresh.setVisible(not loading)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
