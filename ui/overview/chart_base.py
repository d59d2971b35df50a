"""The charts' shared ground: a label's Series, dates and axis steps in the interface language, and the
focusable, keyboard-walkable, tooltip-showing chart widget both charts build on (no words of its own).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QEvent, QLocale, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ui.i18n import current_language

NO_COLOR = "#9E9E9E"  # a label the scheme no longer knows


@dataclass(frozen=True)
class Series:
    """How one label is drawn: its name in the interface language and its colour."""

    id: str
    name: str
    color: str = NO_COLOR


def locale() -> QLocale:
    return QLocale(current_language())


def short_date(day: date) -> str:
    """"3 Mar" / "3 mrt." / "3 mars": day and abbreviated month in the interface language."""
    loc = locale()
    return f"{day.day} {loc.monthName(day.month, QLocale.FormatType.ShortFormat)}"


def long_date(day: date) -> str:
    loc = locale()
    return f"{day.day} {loc.monthName(day.month, QLocale.FormatType.LongFormat)}"


def nice_ceiling(value: int) -> tuple[int, int]:
    """(top, step) of a y axis for `value`: 4 or 5 round steps (1, 2, 5, 10, 20, …)."""
    if value <= 0:
        return 4, 1
    for magnitude in (10 ** i for i in range(0, 10)):
        for factor in (1, 2, 5):
            step = factor * magnitude
            if value <= step * 5:
                return step * math.ceil(value / step), step
    return value, max(1, value // 5)


class _Chart(QWidget):
    """What both charts share: a selectable item per bar, tooltips, keys, focus, the empty sentence."""

    detailChanged = Signal(str)  # the words for the focused or hovered bar

    PAD = 6.0

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._series: dict[str, Series] = {}
        self._current = -1  # the item chosen with keys or the mouse

    # -- to override
    def _count(self) -> int:
        return 0

    def _item_rect(self, index: int) -> QRectF:
        return QRectF()

    def _item_text(self, index: int) -> str:
        return ""

    def is_empty(self) -> bool:
        return True

    def empty_text(self) -> str:
        return ""

    # -- shared
    def series(self, label_id: str) -> Series:
        return self._series.get(label_id) or Series(label_id, label_id)

    def current(self) -> int:
        return self._current

    def set_current(self, index: int, show_tip: bool = False) -> None:
        if self.is_empty() or not self._count():
            index = -1
        else:
            index = max(0, min(index, self._count() - 1))
        changed = index != self._current
        self._current = index
        if changed:
            self.update()
            self.detailChanged.emit(self._item_text(index) if index >= 0 else "")
        if show_tip and index >= 0:
            rect = self._item_rect(index)
            QToolTip.showText(self.mapToGlobal(rect.center().toPoint()), self._item_text(index), self)

    def item_at(self, pos: QPointF) -> int:
        for index in range(self._count()):
            if self._item_rect(index).contains(pos):
                return index
        return -1

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            index = self.item_at(QPointF(event.pos()))
            if index >= 0 and not self.is_empty():
                QToolTip.showText(event.globalPos(), self._item_text(index), self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def mouseMoveEvent(self, event) -> None:
        index = self.item_at(event.position())
        if index >= 0:
            self.set_current(index)
        super().mouseMoveEvent(event)

    def keyPressEvent(self, event) -> None:
        key, count = event.key(), self._count()
        moves = {Qt.Key.Key_Left: -1, Qt.Key.Key_Up: -1, Qt.Key.Key_Right: +1, Qt.Key.Key_Down: +1}
        if key in moves and count and not self.is_empty():
            if self._current < 0:
                target = 0 if moves[key] > 0 else count - 1
            else:
                target = self._current + moves[key]
            self.set_current(target, show_tip=True)
        elif key == Qt.Key.Key_Home and count:
            self.set_current(0, show_tip=True)
        elif key == Qt.Key.Key_End and count:
            self.set_current(count - 1, show_tip=True)
        else:
            super().keyPressEvent(event)

    def changeEvent(self, event) -> None:
        if event.type() in (QEvent.Type.LanguageChange, QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self.update_description()
            self.update()
        super().changeEvent(event)

    def update_description(self) -> None:
        pass

    # -- painting helpers
    def color(self, role: QPalette.ColorRole) -> QColor:
        return self.palette().color(role)

    def paint_empty(self, painter: QPainter) -> None:
        painter.setPen(self.color(QPalette.ColorRole.PlaceholderText))
        rect = QRectF(self.rect()).adjusted(24, 12, -24, -12)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), self.empty_text())

    def paint_focus(self, painter: QPainter) -> None:
        if self.hasFocus():
            pen = QPen(self.color(QPalette.ColorRole.Highlight), 1.5, Qt.PenStyle.DotLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 4, 4)

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        if self._current < 0 and not self.is_empty():
            self.set_current(0)
        self.update()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.update()
