"""The look and placement every small notice of the app shares.

A notice is one frameless tool window near the tray: the app's icon, a
message beside it, a row of buttons below.  It stays on top, never takes the
keyboard focus when it appears (the person may be typing elsewhere) and sits
in a corner of the screen's available area.  Notices that are up at the same
time in the same corner stack instead of covering each other.

    class MyNotice(NoticeFrame):
        def __init__(self):
            super().__init__("myNotice", corner=BOTTOM_RIGHT)
            self.buttons.addWidget(QPushButton(...))
            self.retranslate()
        def retranslate(self): ...   # called again on every language change

    notice.present_window()   # size to the text, place, show (updates in place when already up)

Used by the labelling prompt (ui/notifier.py), the restore notice
(ui/restore_notice.py) and the sharing notice (ui/sharing/notice.py).
"""
from __future__ import annotations

import itertools
import weakref

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ..tray import app_icon

MARGIN = 16  # from the screen's edges
GAP = 8  # between two notices stacked in the same corner
BOTTOM_RIGHT, TOP_RIGHT = "bottom-right", "top-right"


class NoticeFrame(QFrame):
    """Icon, `message`, `buttons` (a QHBoxLayout), in a bordered frameless tool window."""

    _all: weakref.WeakSet[NoticeFrame] = weakref.WeakSet()  # every notice, to stack those in one corner
    _made = itertools.count()

    def __init__(self, object_name: str, corner: str = BOTTOM_RIGHT, min_width: int = 300,
                 plain_text: bool = False, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Tool | Qt.WindowType.FramelessWindowHint
                         | Qt.WindowType.WindowStaysOnTopHint)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setObjectName(object_name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(f"#{object_name} {{ border: 1px solid palette(mid); border-radius: 6px; "
                           "background: palette(window); }")
        self.corner = corner
        self._order = next(NoticeFrame._made)  # older notices keep the place nearest the corner
        NoticeFrame._all.add(self)

        self.icon = QLabel()
        self.icon.setPixmap(app_icon(1).pixmap(32, 32))
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setMinimumWidth(min_width)
        if plain_text:
            self.message.setTextFormat(Qt.TextFormat.PlainText)
        # What sits beside the icon: the message, and whatever a notice adds below it.
        self.content = QVBoxLayout()
        self.content.setContentsMargins(0, 0, 0, 0)
        self.content.addWidget(self.message)
        top = QHBoxLayout()
        top.addWidget(self.icon)
        top.addLayout(self.content, 1)
        self.buttons = QHBoxLayout()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.addLayout(top)
        layout.addLayout(self.buttons)

    def retranslate(self) -> None:  # pragma: no cover - every notice overrides it
        raise NotImplementedError

    def present_window(self) -> None:
        """Fit the window to its text, put it in its corner and show it (without the focus)."""
        self.adjustSize()
        self.place()
        self.show()
        self.raise_()

    def place(self) -> None:
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return
        area = screen.availableGeometry()
        size = self.sizeHint().expandedTo(self.size())
        # Older notices up in the same corner are nearer to it; this one goes beyond them.
        offset = sum(other.height() + GAP for other in NoticeFrame._all
                     if other is not self and other.corner == self.corner and other._order < self._order
                     and QFrame.isVisible(other))
        x = area.right() - size.width() - MARGIN
        if self.corner == TOP_RIGHT:
            self.move(QPoint(x, area.top() + MARGIN + offset))
        else:
            self.move(QPoint(x, area.bottom() - size.height() - MARGIN - offset))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
