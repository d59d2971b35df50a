"""A small window that stands in for the tray where the desktop has none.

GNOME without the AppIndicator extension, some Wayland sessions and kiosk
setups have no system tray; the app must stay usable there.  The window
offers the tray menu's actions as buttons and shows what the tray's tooltip
would: how many documents wait, how the folders are watched, which scheme is
in force.  Closing it keeps the app running (folders stay watched);
`labeler` brings it back.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QCheckBox, QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout,
                               QWidget)

from .tray import ShellState, app_icon


class TrayWindow(QWidget):
    labelFile = Signal()
    labelWaiting = Signal()
    pauseToggled = Signal(bool)
    openOverview = Signal()
    openSettings = Signal()
    quitRequested = Signal()

    def __init__(self, state: Callable[[], ShellState], parent: QWidget | None = None):
        super().__init__(parent)
        self._state = state
        self.setWindowIcon(app_icon())
        self.setObjectName("trayWindow")

        self.title = QLabel()
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(32, 32))

        self.waiting = QLabel()
        self.waiting.setObjectName("waiting")
        self.label_waiting = QPushButton()
        self.label_waiting.clicked.connect(self.labelWaiting.emit)
        self.watching = QLabel()
        self.watching.setObjectName("watching")
        self.watching.setWordWrap(True)
        self.scheme = QLabel()
        self.scheme.setObjectName("scheme")
        self.scheme.setWordWrap(True)
        for label in (self.watching, self.scheme):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

        self.label_file = QPushButton()
        self.label_file.clicked.connect(self.labelFile.emit)
        self.overview = QPushButton()
        self.overview.clicked.connect(self.openOverview.emit)
        self.settings = QPushButton()
        self.settings.clicked.connect(self.openSettings.emit)
        self.pause = QCheckBox()
        self.pause.toggled.connect(self._pause_toggled)
        self.quit = QPushButton()
        self.quit.clicked.connect(self.quitRequested.emit)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setEnabled(False)

        header = QHBoxLayout()
        header.addWidget(icon)
        header.addWidget(self.title, 1)
        waiting_row = QHBoxLayout()
        waiting_row.addWidget(self.waiting, 1)
        waiting_row.addWidget(self.label_waiting)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        actions = QHBoxLayout()
        for button in (self.label_file, self.overview, self.settings):
            actions.addWidget(button)
        actions.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.pause)
        bottom.addStretch(1)
        bottom.addWidget(self.quit)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(waiting_row)
        layout.addWidget(self.watching)
        layout.addWidget(self.scheme)
        layout.addWidget(line)
        layout.addLayout(actions)
        layout.addLayout(bottom)
        layout.addWidget(self.hint)
        self.setMinimumWidth(460)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Labeler"))
        self.title.setText(self.tr("Labeler"))
        self.label_waiting.setText(self.tr("Label them…"))
        self.label_file.setText(self.tr("Label a file…"))
        self.overview.setText(self.tr("Open overview"))
        self.settings.setText(self.tr("Settings…"))
        self.pause.setText(self.tr("Pause watching"))
        self.quit.setText(self.tr("Quit"))
        self.hint.setText(self.tr("There is no system tray on this desktop, so this window takes its place. "
                                  "Closing it keeps your folders watched; run labeler to open it again."))
        self.refresh()

    def refresh(self) -> None:
        state = self._state()
        if state.waiting:
            self.waiting.setText(self.tr("%n document(s) waiting for a label", "", state.waiting))
        else:
            self.waiting.setText(self.tr("No documents waiting for a label"))
        self.label_waiting.setEnabled(state.waiting > 0)
        self.watching.setText(self.tr("Watching paused") if state.paused else state.watching)
        self.watching.setStyleSheet("color: #b35900;" if state.polling and not state.paused else "")
        self.scheme.setText(state.scheme)
        self.pause.blockSignals(True)
        self.pause.setChecked(state.paused)
        self.pause.blockSignals(False)
        self.setWindowIcon(app_icon(state.waiting))

    def present(self) -> None:
        self.refresh()
        self.show()
        self.setWindowState(self.windowState() & ~Qt.WindowState.WindowMinimized)
        self.raise_()
        self.activateWindow()

    def _pause_toggled(self, checked: bool) -> None:
        self.pauseToggled.emit(checked)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
