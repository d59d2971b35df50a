"""The labelling dialog's small building blocks: the LabelCard button, and the looks it shares with the
dialog's other parts (icons, text styling helpers, tints; from ui/widgets/looks.py).

Layout and looks only, like views.py, which builds the dialog from these.
"""
from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractButton,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
)

from ui.widgets.looks import ICONS, W, blend, icon, muted, scaled, wrapped

__all__ = ["ICONS", "W", "LabelCard", "blend", "icon", "muted", "scaled", "wrapped"]


# -- one label as a large choice -------------------------------------------------
class LabelCard(QAbstractButton):
    """A checkable card: colour stripe, digit, name and one-line description."""

    hovered = Signal()
    unhovered = Signal()
    focused = Signal()
    navigate = Signal(int)  # -1 previous, +1 next

    STRIPE = 6

    def __init__(self, label_id: str, color: str, digit: int | None, parent=None):
        super().__init__(parent)
        self.label_id = label_id
        self.color = QColor(color)
        self.setCheckable(True)
        self.setAutoExclusive(False)  # the controller keeps exactly one checked
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)

        self.digit = QLabel(str(digit) if digit else "", self)
        self.digit.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.digit.setFixedSize(22, 22)
        muted(self.digit, smaller=False)
        self.name = QLabel(self)
        scaled(self.name, 1.15, bold=True)
        self.description = muted(wrapped(parent=self))
        self.description.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.current = muted(QLabel(self))  # "current label" tag
        self.current.setVisible(False)
        self.recommended = QLabel(self)  # "recommended" tag
        self.recommended.setVisible(False)
        font = self.recommended.font()
        font.setBold(True)
        self.recommended.setFont(font)

        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(self.name)
        top.addStretch(1)
        top.addWidget(self.recommended)
        top.addWidget(self.current)
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addLayout(top)
        text.addWidget(self.description)
        row = self._row = QHBoxLayout(self)
        row.setContentsMargins(self.STRIPE + 10, 8, 12, 9)
        row.setSpacing(10)
        row.addWidget(self.digit, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(text, 1)
        for child in (self.digit, self.name, self.description, self.current, self.recommended):
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def set_texts(self, name: str, description: str) -> None:
        self.name.setText(name)
        self.description.setText(description)
        self.setToolTip(description)
        self.setAccessibleName(name)
        self.setAccessibleDescription(description)

    def sizeHint(self) -> QSize:
        return self._row.sizeHint()

    def minimumSizeHint(self) -> QSize:
        return self._row.minimumSize()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._row.heightForWidth(width)

    def paintEvent(self, event) -> None:
        palette = self.palette()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        base = palette.color(QPalette.ColorRole.Base)
        if self.isChecked():
            fill, border, width = blend(self.color, base, 0.14), self.color, 2.0
        elif self.underMouse():
            fill, border, width = blend(self.color, base, 0.06), palette.color(QPalette.ColorRole.Mid), 1.0
        else:
            fill, border, width = base, palette.color(QPalette.ColorRole.Mid), 1.0
        if not self.isEnabled():
            fill = palette.color(QPalette.ColorRole.Window)
        painter.setPen(QPen(border, width))
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, 7, 7)
        # The colour stripe along the left edge.
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.color if self.isEnabled() else blend(self.color, base, 0.4))
        stripe = QRectF(rect.left(), rect.top(), self.STRIPE + 4, rect.height())
        painter.setClipRect(QRectF(rect.left(), rect.top(), self.STRIPE, rect.height()))
        painter.drawRoundedRect(stripe, 7, 7)
        painter.setClipping(False)
        # The digit in a small circle.
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if self.digit.text():
            painter.drawEllipse(QRectF(self.digit.geometry()).adjusted(0.5, 0.5, -0.5, -0.5))
        if self.hasFocus():
            pen = QPen(palette.color(QPalette.ColorRole.Highlight), 2, Qt.PenStyle.DotLine)
            painter.setPen(pen)
            painter.drawRoundedRect(rect.adjusted(3, 3, -3, -3), 5, 5)

    def enterEvent(self, event) -> None:
        self.hovered.emit()
        super().enterEvent(event)

    def leaveEvent(self, event) -> None:
        self.unhovered.emit()
        super().leaveEvent(event)

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        self.focused.emit()

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Left):
            self.navigate.emit(-1)
        elif key in (Qt.Key.Key_Down, Qt.Key.Key_Right):
            self.navigate.emit(+1)
        else:
            super().keyPressEvent(event)  # space checks; Enter/Esc/digits go up to the dialog
