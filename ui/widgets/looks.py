"""Small looks shared by the windows: the app's icons, secondary and larger text, wrapped text, tints.

    title = scaled(QLabel(), 1.35, bold=True)
    hint = muted(wrapped(parent=self))           # smaller, in the palette's placeholder colour
    tint = blend(QColor(label_color), base, 0.08)

Used by the labelling dialog (ui/label_dialog/card.py, which hands them on to
its views and to the sharing windows) and by the Overview's pages
(ui/overview/awareness_page.py).
"""
from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QLabel, QWidget

from labeler.system import resource_path

ICONS = resource_path("icons")
W = TypeVar("W", bound=QWidget)


def icon(name: str) -> QIcon:
    return QIcon(str(ICONS / f"{name}.svg"))


def muted(label: QLabel, smaller: bool = True) -> QLabel:
    """Secondary text: in the palette's placeholder colour and, unless `smaller` is False, a little smaller."""
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText))
    label.setPalette(palette)
    if smaller:
        font = label.font()
        font.setPointSizeF(font.pointSizeF() * 0.9)
        label.setFont(font)
    return label


def scaled(widget: W, factor: float, bold: bool = False) -> W:
    font = widget.font()
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    widget.setFont(font)
    return widget


def wrapped(text: str = "", parent=None) -> QLabel:
    """A plain-text label that wraps its words."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def blend(color: QColor, base: QColor, amount: float) -> QColor:
    """`amount` of `color` over `base` (a soft tint that follows light and dark palettes)."""
    return QColor(round(color.red() * amount + base.red() * (1 - amount)),
                  round(color.green() * amount + base.green() * (1 - amount)),
                  round(color.blue() * amount + base.blue() * (1 - amount)))
