"""The tray icon and its menu; the app's face where the desktop has a tray.

The menu is rebuilt each time it opens (`aboutToShow`), from a `ShellState`
the shell computes on demand, so the waiting count is always current.  The
tray only emits what the user asked for; the shell decides what happens.
"""
from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Callable

from PySide6.QtCore import QObject, QRectF, Qt, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from labeler.desktop.integration.launcher import ICON_SIZES, png_icon, svg_icon


@dataclass(frozen=True)
class ShellState:
    """What the tray and the fallback window show; sentences are already translated."""

    waiting: int = 0  # documents waiting for a label
    paused: bool = False  # watching paused by the user
    watching: str = ""  # e.g. "Watching 2 folders" or "Watching by polling: …"
    polling: bool = False  # the watcher fell back to polling
    scheme: str = ""  # e.g. "Corporate labels, version 3 (built-in demo scheme)"


def app_icon(waiting: int = 0) -> QIcon:
    """The app's icon (resources/icons: the SVG and the PNGs rendered from it); with a dot when documents wait."""
    icon = QIcon()
    for size in ICON_SIZES:
        pixmap = QPixmap(str(png_icon(size)))
        if pixmap.isNull():  # a broken installation still gets an icon
            pixmap = QIcon(str(svg_icon())).pixmap(size, size)
        icon.addPixmap(_with_badge(pixmap) if waiting > 0 else pixmap)
    return icon


def _with_badge(pixmap: QPixmap) -> QPixmap:
    """`pixmap` with an orange dot in its lower right corner."""
    badged = QPixmap(pixmap)
    p = QPainter(badged)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = badged.width() / 32.0
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#d9480f"))
    p.drawEllipse(QRectF(18 * s, 18 * s, 13 * s, 13 * s))
    p.end()
    return badged


class Tray(QObject):
    """A QSystemTrayIcon whose menu reflects `state()` when it opens."""

    labelFile = Signal()
    labelWaiting = Signal()
    pauseToggled = Signal(bool)
    openOverview = Signal()
    openSettings = Signal()
    quitRequested = Signal()

    def __init__(self, state: Callable[[], ShellState], parent: QObject | None = None):
        super().__init__(parent)
        self._state = state
        self.menu = QMenu()
        self.menu.aboutToShow.connect(self.rebuild_menu)
        self.icon = QSystemTrayIcon(app_icon(), self)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        self.rebuild_menu()
        self.refresh()

    def show(self) -> None:
        self.icon.show()

    def hide(self) -> None:
        self.icon.hide()

    def refresh(self) -> None:
        """Update icon and tooltip (the menu updates itself when it opens)."""
        state = self._state()
        self.icon.setIcon(app_icon(state.waiting))
        lines = [self.tr("Labeler")]
        if state.waiting:
            lines.append(self.tr("%n document(s) waiting for a label", "", state.waiting))
        lines.append(self.tr("Watching paused") if state.paused else state.watching)
        lines.append(state.scheme)
        self.icon.setToolTip("\n".join(line for line in lines if line))

    def rebuild_menu(self) -> None:
        state = self._state()
        self.menu.clear()
        self._add(self.tr("Label a file…"), self.labelFile.emit)
        waiting = self._add(self.tr("Documents waiting (%n)", "", state.waiting), self.labelWaiting.emit)
        waiting.setEnabled(state.waiting > 0)
        pause = self._add(self.tr("Pause watching"), None)
        pause.setCheckable(True)
        pause.setChecked(state.paused)
        pause.toggled.connect(self.pauseToggled.emit)
        if state.polling and not state.paused:
            note = self.menu.addAction(state.watching)
            note.setEnabled(False)
        self.menu.addSeparator()
        self._add(self.tr("Open overview"), self.openOverview.emit)
        self._add(self.tr("Settings…"), self.openSettings.emit)
        self.menu.addSeparator()
        self._add(self.tr("Quit"), self.quitRequested.emit)
        self.refresh()

    def notify(self, title: str, text: str) -> None:
        """A passing message from the tray (informative only: nothing to click)."""
        if self.icon.supportsMessages():
            self.icon.showMessage(title, text, app_icon(), 8000)

    def _add(self, text: str, slot) -> QAction:
        action = self.menu.addAction(text)
        if slot is not None:
            action.triggered.connect(slot)
        return action

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger and self._state().waiting:
            self.labelWaiting.emit()


def tray_available() -> bool:
    return QSystemTrayIcon.isSystemTrayAvailable()
