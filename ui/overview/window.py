"""The Overview window: a sidebar of pages (Files, Awareness, History) and the page shown.

    window = OverviewWindow(shell)
    window.present()            # show and raise; re-reads the folders if it was closed
    window.show_page("files")   # "files", "awareness" or "history"

Closing the window only hides it: the tray app keeps running, and the next
"Open overview" brings back the same window.

Keys: Ctrl+F search the files, F5 refresh the page, Esc empty the search,
Ctrl+1…3 (or the arrow keys in the sidebar) switch pages.
"""
from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QPointF, QRectF, QSettings, QSize, Qt
from PySide6.QtGui import QIcon, QKeySequence, QPainter, QPalette, QPen, QPixmap, QShortcut
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QListWidget, QListWidgetItem, QMainWindow, QStackedWidget,
                               QWidget)

from ui.tray import app_icon

from .awareness_page import AwarenessPage
from .files_page import FilesPage
from .history_page import HistoryPage

STATE_FILE = "overview.ini"


def window_state() -> QSettings:
    """Where the window keeps its size and page: an ini file beside the app's settings."""
    from labeler.desktop.settings import config_dir

    return QSettings(str(config_dir() / STATE_FILE), QSettings.Format.IniFormat)


def page_icon(kind: str, palette: QPalette, size: int = 24) -> QIcon:
    """Simple line icons in the palette's text colour (so they follow light and dark themes)."""
    icon = QIcon()
    for mode, role in ((QIcon.Mode.Normal, QPalette.ColorRole.WindowText),
                       (QIcon.Mode.Selected, QPalette.ColorRole.HighlightedText)):
        pixmap = QPixmap(size * 2, size * 2)
        pixmap.setDevicePixelRatio(2)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(palette.color(role), 1.6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                            Qt.PenJoinStyle.RoundJoin))
        s = size / 24
        if kind == "files":
            painter.drawRoundedRect(QRectF(6 * s, 3 * s, 12 * s, 16 * s), 1.5 * s, 1.5 * s)
            for y in (8, 11, 14):
                painter.drawLine(QPointF(9 * s, y * s), QPointF(15 * s, y * s))
            painter.drawLine(QPointF(9 * s, 22 * s), QPointF(20 * s, 22 * s))
            painter.drawLine(QPointF(21 * s, 7 * s), QPointF(21 * s, 19 * s))
        elif kind == "awareness":
            for x, top in ((5, 13), (10.5, 7), (16, 10)):
                painter.drawRoundedRect(QRectF(x * s, top * s, 3.5 * s, (20 - top) * s), 1 * s, 1 * s)
            painter.drawLine(QPointF(3 * s, 21 * s), QPointF(21 * s, 21 * s))
        else:  # history: a clock
            painter.drawEllipse(QRectF(3.5 * s, 3.5 * s, 17 * s, 17 * s))
            painter.drawLine(QPointF(12 * s, 12 * s), QPointF(12 * s, 7 * s))
            painter.drawLine(QPointF(12 * s, 12 * s), QPointF(15.5 * s, 14 * s))
        painter.end()
        icon.addPixmap(pixmap, mode)
    return icon


class OverviewWindow(QMainWindow):
    def __init__(self, shell, parent: QWidget | None = None):
        super().__init__(parent)
        self.shell = shell
        self.setWindowIcon(app_icon())
        self.setObjectName("overview")

        self.sidebar = QListWidget()
        self.sidebar.setFrameShape(QFrame.Shape.NoFrame)
        self.sidebar.setIconSize(QSize(24, 24))
        self.sidebar.setSpacing(2)
        self.sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sidebar.viewport().setBackgroundRole(QPalette.ColorRole.Window)
        self.sidebar.setAutoFillBackground(False)
        self.stack = QStackedWidget()

        self.files = FilesPage(shell)
        self.pages: dict[str, QWidget] = {"files": self.files, "awareness": AwarenessPage(shell),
                                          "history": HistoryPage(shell)}
        for key, page in self.pages.items():
            self.stack.addWidget(page)
            item = QListWidgetItem(page_icon(key, self.palette()), "")
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setSizeHint(QSize(0, 40))
            self.sidebar.addItem(item)
        self.sidebar.currentRowChanged.connect(self.stack.setCurrentIndex)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.VLine)
        line.setFrameShadow(QFrame.Shadow.Plain)
        line.setForegroundRole(QPalette.ColorRole.Mid)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        layout.addWidget(line)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self._shortcut(QKeySequence.StandardKey.Find, self.focus_search)
        self._shortcut(QKeySequence(Qt.Key.Key_F5), self.refresh)
        self._shortcut(QKeySequence(Qt.Key.Key_Escape), self.escape)
        for number, key in enumerate(self.pages, 1):
            self._shortcut(QKeySequence(f"Ctrl+{number}"), lambda key=key: self.show_page(key))

        self._ever_shown = False
        self.retranslate()
        self._restore_state()

    def _shortcut(self, keys, slot) -> QShortcut:
        shortcut = QShortcut(keys, self)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(slot)
        return shortcut

    # -- what the window shows

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Overview"))  # Qt adds " — Labeler" (the application display name)
        names = {"files": self.tr("Files"), "awareness": self.tr("Awareness"), "history": self.tr("History")}
        for i in range(self.sidebar.count()):
            item = self.sidebar.item(i)
            item.setText(names.get(item.data(Qt.ItemDataRole.UserRole), ""))
        self.sidebar.setAccessibleName(self.tr("Pages"))
        self._fit_sidebar()

    def _fit_sidebar(self) -> None:
        metrics = self.sidebar.fontMetrics()
        widest = max((metrics.horizontalAdvance(self.sidebar.item(i).text()) for i in range(self.sidebar.count())),
                     default=0)
        self.sidebar.setFixedWidth(max(130, widest + self.sidebar.iconSize().width() + 48))

    def show_page(self, key: str) -> bool:
        keys = list(self.pages)
        if key not in keys:
            return False
        self.sidebar.setCurrentRow(keys.index(key))
        return True

    def current_page(self) -> QWidget:
        page = self.stack.currentWidget()
        if page is None:
            raise RuntimeError("the overview window has no pages")
        return page

    def present(self) -> None:
        """Show and raise the window; if it was closed, read the folders again (they may have changed)."""
        if self._ever_shown and self.isHidden():
            self.files.reload()
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    # -- keys

    def focus_search(self) -> None:
        self.show_page("files")
        self.files.focus_search()

    def refresh(self) -> None:
        page = self.current_page()
        refresh = getattr(page, "refresh", None)
        if callable(refresh):
            refresh()

    def escape(self) -> None:
        if self.current_page() is self.files:
            self.files.clear_search()

    # -- life

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._ever_shown:
            self._ever_shown = True
            self.files.reload()

    def closeEvent(self, event) -> None:
        """Hide (the app keeps running in the tray); stop reading files nobody looks at."""
        self._save_state()
        self.files.cancel_loading(quietly=True)
        event.accept()

    def hideEvent(self, event) -> None:
        self._save_state()
        super().hideEvent(event)

    def _restore_state(self) -> None:
        state = window_state()
        geometry = state.value("geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1180, 720)  # every column of the files, history and sharing-rules tables fits
        header = state.value("files/header")
        if isinstance(header, QByteArray) and not header.isEmpty():
            self.files.view.table.horizontalHeader().restoreState(header)
        if not self.show_page(str(state.value("page", "files"))):
            self.show_page("files")

    def _save_state(self) -> None:
        state = window_state()
        state.setValue("geometry", self.saveGeometry())
        state.setValue("files/header", self.files.view.table.horizontalHeader().saveState())
        item = self.sidebar.currentItem()
        state.setValue("page", item.data(Qt.ItemDataRole.UserRole) if item else "files")
        state.sync()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.PaletteChange:
            for i in range(self.sidebar.count()):
                item = self.sidebar.item(i)
                item.setIcon(page_icon(item.data(Qt.ItemDataRole.UserRole), self.palette()))
        super().changeEvent(event)
