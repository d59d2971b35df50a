"""Painted pieces of the Overview: a label chip in a table cell, a coverage bar, a chip icon.

Colours come from the palette (light or dark), except the labels' own colours.
"""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from .files_model import BESIDE_ROLE, COLOR_ROLE, STATE_ROLE


def blend(color: QColor, base: QColor, amount: float) -> QColor:
    """`amount` of `color` over `base`: a tint that follows light and dark palettes."""
    return QColor(round(color.red() * amount + base.red() * (1 - amount)),
                  round(color.green() * amount + base.green() * (1 - amount)),
                  round(color.blue() * amount + base.blue() * (1 - amount)))


TAG_WIDTH, TAG_HEIGHT, TAG_GAP = 15.0, 10.0, 6.0  # the tag of a label stored beside the content


def draw_detached_tag(painter: QPainter, left: float, middle: float, color: QColor) -> None:
    """A small tag drawn with a dashed outline: a label that is not fastened to the file
    (stored beside its content), `TAG_WIDTH` wide, centred on `middle`."""
    h = TAG_HEIGHT
    outline = QPolygonF([QPointF(left, middle), QPointF(left + h / 2, middle - h / 2),
                         QPointF(left + TAG_WIDTH, middle - h / 2), QPointF(left + TAG_WIDTH, middle + h / 2),
                         QPointF(left + h / 2, middle + h / 2)])
    painter.save()
    pen = QPen(color, 1.2)
    pen.setDashPattern([2.0, 1.5])
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPolygon(outline)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawEllipse(QPointF(left + h / 2 + 0.5, middle), 1.3, 1.3)
    painter.restore()


class LabelChipDelegate(QStyledItemDelegate):
    """The label column: a tinted pill with the label's colour dot and name; muted text without a label.
    A label stored beside the content gets a dashed tag after its pill (the header's tooltip says why)."""

    PAD = 6
    DOT = 8

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, color = opt.text, index.data(COLOR_ROLE)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        palette = opt.palette
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = opt.fontMetrics
        rect = QRectF(opt.rect).adjusted(4, 0, -4, 0)
        beside = bool(index.data(BESIDE_ROLE))
        if beside:  # room for the tag after the pill (or the text)
            rect.setRight(rect.right() - TAG_WIDTH - TAG_GAP)
        if color:
            label_color = QColor(color)
            height = min(rect.height() - 4, metrics.height() + 4)
            width = min(rect.width(), self.PAD * 3 + self.DOT + metrics.horizontalAdvance(text) + 2)
            pill = QRectF(rect.left(), rect.center().y() - height / 2, width, height)
            painter.setPen(QPen(label_color, 1))
            painter.setBrush(blend(label_color, palette.color(QPalette.ColorRole.Base), 0.16))
            painter.drawRoundedRect(pill.adjusted(0.5, 0.5, -0.5, -0.5), height / 2, height / 2)
            dot = QRectF(pill.left() + self.PAD, pill.center().y() - self.DOT / 2, self.DOT, self.DOT)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(label_color)
            painter.drawEllipse(dot)
            text_rect = pill.adjusted(self.PAD * 2 + self.DOT, 0, -self.PAD, 0)
            painter.setPen(palette.color(QPalette.ColorRole.Text))
        else:
            text_rect = rect
            role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
            painter.setPen(palette.color(role))
            if index.data(STATE_ROLE) == "unreadable":
                font = painter.font()
                font.setItalic(True)
                painter.setFont(font)
        elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(text_rect.width()) + 1)
        painter.drawText(text_rect, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), elided)
        if beside:
            end = pill.right() if color else text_rect.left() + metrics.horizontalAdvance(elided)
            role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
            draw_detached_tag(painter, end + TAG_GAP, rect.center().y(), palette.color(role))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:
        size = super().sizeHint(option, index)
        extra = TAG_WIDTH + TAG_GAP if index.data(BESIDE_ROLE) else 0
        return QSize(size.width() + self.PAD * 3 + self.DOT + 8 + int(extra),
                     max(size.height(), option.fontMetrics.height() + 10))


class CoverageBar(QWidget):
    """A horizontal bar: one segment per label (its colour), then grey for documents still to label."""

    HEIGHT = 12

    def __init__(self, parent=None):
        super().__init__(parent)
        self._segments: list[tuple[str, int]] = []  # (colour, count)
        self._to_label = 0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(120)

    def set_counts(self, segments: list[tuple[str, int]], to_label: int) -> None:
        self._segments = [(c, n) for c, n in segments if n > 0]
        self._to_label = max(0, to_label)
        self.update()

    def segments(self) -> list[tuple[str, int]]:
        return list(self._segments)

    def sizeHint(self) -> QSize:
        return QSize(240, self.HEIGHT + 4)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        track = QRectF(0.5, (self.height() - self.HEIGHT) / 2 + 0.5, self.width() - 1, self.HEIGHT - 1)
        radius = track.height() / 2
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(track, radius, radius)
        total = sum(n for _, n in self._segments) + self._to_label
        if total:
            painter.save()
            path = QPainterPath()
            path.addRoundedRect(track, radius, radius)
            painter.setClipPath(path)
            x = track.left()
            parts = [(QColor(c), n) for c, n in self._segments]
            if self._to_label:
                parts.append((palette.color(QPalette.ColorRole.Mid), self._to_label))
            for color, count in parts:
                width = track.width() * count / total
                painter.setBrush(color)
                painter.drawRect(QRectF(x, track.top(), width + 0.5, track.height()))
                x += width
            painter.restore()
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
        painter.drawRoundedRect(track, radius, radius)
