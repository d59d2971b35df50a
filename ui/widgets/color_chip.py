"""A label's colour as a small rounded chip (or a tall stripe)."""
from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget


class ColorChip(QWidget):
    """Paints `color` as a rounded rectangle; an empty colour draws a dashed outline ("no label")."""

    def __init__(self, color: str | None = None, size: QSize = QSize(14, 14), parent=None):
        super().__init__(parent)
        self._color = QColor(color) if color else None
        self._size = size
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def set_color(self, color: str | None) -> None:
        self._color = QColor(color) if color else None
        self.update()

    def color(self) -> str | None:
        return self._color.name() if self._color else None

    def sizeHint(self) -> QSize:
        return self._size

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        radius = min(rect.width(), rect.height()) / 3
        if self._color is None:
            pen = QPen(self.palette().color(self.palette().ColorRole.Mid), 1, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
        else:
            painter.setPen(QPen(self._color.darker(130), 1))
            painter.setBrush(self._color)
        painter.drawRoundedRect(rect, radius, radius)


def chip_pixmap(color: str | None, size: int = 12) -> QPixmap:
    """A label colour as a small rounded square (transparent for "no label"), for lists and menus."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    if color:
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(QColor(color))
        painter.setPen(QColor(color).darker(130))
        painter.drawRoundedRect(QRectF(0.5, 0.5, size - 1, size - 1), 3, 3)
        painter.end()
    return pixmap


def chip_icon(color: str | None, size: int = 12) -> QIcon:
    return QIcon(chip_pixmap(color, size))
