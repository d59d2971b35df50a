"""Two small charts drawn with QPainter (QtCharts is not part of PySide6-Essentials).

    chart = TimelineChart()
    chart.set_data(stats.timeline, series)      # series: label id -> Series(id, name, color)
    chart.data()                                # what it paints, for tests
    pie = DistributionChart()
    pie.set_data(stats.distribution, series)
    pie.rows()

Both follow the palette (light or dark), show a friendly sentence when
there is nothing to draw, explain every bar in a tooltip, can be walked
with the arrow keys (the focused bar's numbers go out as `detailChanged`
and in a tooltip), and describe all their numbers in words through
setAccessibleDescription for screen readers.
"""
from __future__ import annotations

import math
from collections.abc import Mapping

from PySide6.QtCore import QDate, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPalette, QPen

from labeler.core.awareness import DAY, Timeline

from .chart_base import NO_COLOR, Series, _Chart, locale, long_date, nice_ceiling, short_date

__all__ = ["NO_COLOR", "DistributionChart", "Series", "TimelineChart", "locale", "long_date", "nice_ceiling",
           "short_date"]


class TimelineChart(_Chart):
    """Labels applied per week (or day): stacked bars in the labels' colours, a y axis, a legend."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._timeline: Timeline | None = None
        self.setMinimumHeight(220)
        self.update_description()

    def set_data(self, timeline: Timeline, series: Mapping[str, Series]) -> None:
        self._timeline = timeline
        self._series = dict(series)
        self._current = -1
        self.update_description()
        self.updateGeometry()
        self.update()

    # -- what is painted (tests read this)
    def data(self) -> list[dict]:
        """One dict per bar: start (date), caption (x axis text), counts (label id -> n), total."""
        if self._timeline is None:
            return []
        return [{"start": b.start, "caption": short_date(b.start), "counts": dict(b.counts), "total": b.total}
                for b in self._timeline.buckets]

    def total(self) -> int:
        return self._timeline.total if self._timeline else 0

    def label_ids(self) -> list[str]:
        return self._timeline.label_ids() if self._timeline else []

    def is_empty(self) -> bool:
        return self.total() == 0

    def _count(self) -> int:
        return len(self._timeline.buckets) if self._timeline else 0

    # -- words
    def empty_text(self) -> str:
        return self.tr("You haven't labelled anything yet — labels you apply will show up here.")

    def _shown(self) -> Timeline:
        """The timeline on show; asking for its words before `set_data` is a programming error."""
        if self._timeline is None:
            raise RuntimeError("TimelineChart has no timeline yet: call set_data() first")
        return self._timeline

    def bucket_title(self, index: int) -> str:
        timeline = self._shown()
        bucket = timeline.buckets[index]
        if timeline.unit == DAY:
            start = bucket.start
            return locale().toString(QDate(start.year, start.month, start.day), "dddd d MMMM")
        return self.tr("Week of %1").replace("%1", long_date(bucket.start))

    def _item_text(self, index: int) -> str:
        bucket = self._shown().buckets[index]
        head = self.tr("%1: %n label(s) applied", "", bucket.total).replace("%1", self.bucket_title(index))
        parts = [f"{self.series(k).name} {v}" for k, v in bucket.counts.items()]
        return head + (" — " + ", ".join(parts) if parts else "")

    def summary(self) -> str:
        """All the numbers in words (the accessible description)."""
        if self.is_empty():
            return self.empty_text()
        timeline = self._shown()
        if timeline.unit == DAY:
            text = self.tr("Labels you applied per day over the last %n day(s)", "", len(timeline.buckets))
        else:
            text = self.tr("Labels you applied per week over the last %n week(s)", "", len(timeline.buckets))
        totals = ", ".join(f"{self.series(k).name} {v}" for k, v in timeline.totals_by_label().items())
        text += ": " + self.tr("%n in total", "", timeline.total) + f" ({totals}). "
        text += " ".join(self._item_text(i) + "." for i, b in enumerate(timeline.buckets) if b.total)
        return text

    def update_description(self) -> None:
        self.setAccessibleName(self.tr("Labels applied over time"))
        self.setAccessibleDescription(self.summary())

    # -- geometry
    def _legend_rows(self, width: float) -> list[list[tuple[str, float]]]:
        """The legend's entries (label id, width) in rows that fit `width`."""
        fm = QFontMetricsF(self.font())
        rows: list[list[tuple[str, float]]] = [[]]
        used = 0.0
        for label_id in self.label_ids():
            item = 14 + 6 + fm.horizontalAdvance(self.series(label_id).name) + 16
            if rows[-1] and used + item > width:
                rows.append([])
                used = 0.0
            rows[-1].append((label_id, item))
            used += item
        return rows

    def _plot(self) -> QRectF:
        fm = QFontMetricsF(self.font())
        buckets = self._timeline.buckets if self._timeline is not None else []
        top, _ = nice_ceiling(max((b.total for b in buckets), default=0))
        left = fm.horizontalAdvance(locale().toString(top)) + 14
        legend = len(self._legend_rows(self.width() - 2 * self.PAD)) * (fm.height() + 6) + 8
        return QRectF(self.PAD + left, self.PAD + fm.height() / 2 + 2,
                      self.width() - 2 * self.PAD - left - 4,
                      self.height() - 2 * self.PAD - fm.height() / 2 - fm.height() - 10 - legend)

    def _item_rect(self, index: int) -> QRectF:
        plot = self._plot()
        slot = plot.width() / max(1, self._count())
        return QRectF(plot.left() + slot * index, plot.top(), slot, plot.height())

    def sizeHint(self) -> QSize:
        return QSize(520, 260)

    def minimumSizeHint(self) -> QSize:
        return QSize(280, 220)

    # -- painting
    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.is_empty() or self._timeline is None:
            self.paint_empty(painter)
            self.paint_focus(painter)
            return
        fm = QFontMetricsF(self.font())
        plot = self._plot()
        top, step = nice_ceiling(max(b.total for b in self._timeline.buckets))
        text = self.color(QPalette.ColorRole.WindowText)
        muted = self.color(QPalette.ColorRole.PlaceholderText)
        grid = QColor(self.color(QPalette.ColorRole.Mid))
        grid.setAlphaF(0.45)
        # y axis: grid lines and their numbers
        for value in range(0, top + 1, step):
            y = plot.bottom() - plot.height() * value / top
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(muted)
            painter.drawText(QRectF(self.PAD, y - fm.height() / 2, plot.left() - self.PAD - 6, fm.height()),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                             locale().toString(value))
        # bars, stacked bottom up in label order
        count = self._count()
        slot = plot.width() / count
        bar_width = max(4.0, min(slot * 0.62, 46.0))
        caption_every = max(1, math.ceil(fm.horizontalAdvance("28 sept.") * 1.15 / slot))
        base = self.color(QPalette.ColorRole.Base)
        for index, bucket in enumerate(self._timeline.buckets):
            x = plot.left() + slot * index + (slot - bar_width) / 2
            y = plot.bottom()
            if index == self._current:
                highlight = QColor(self.color(QPalette.ColorRole.Highlight))
                highlight.setAlphaF(0.13)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(highlight)
                painter.drawRoundedRect(self._item_rect(index).adjusted(1, -2, -1, 0), 3, 3)
            for label_id, value in bucket.counts.items():
                height = plot.height() * value / top
                painter.setPen(QPen(base, 1))
                painter.setBrush(QColor(self.series(label_id).color))
                painter.drawRect(QRectF(x, y - height, bar_width, height))
                y -= height
            if (count - 1 - index) % caption_every == 0:  # always caption the latest bar
                painter.setPen(text if index == self._current else muted)
                painter.drawText(QRectF(plot.left() + slot * (index - 1), plot.bottom() + 4, slot * 3, fm.height()),
                                 int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                                 short_date(bucket.start))
        painter.setPen(QPen(self.color(QPalette.ColorRole.Mid), 1))
        painter.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))
        self._paint_legend(painter, plot.bottom() + fm.height() + 12)
        self.paint_focus(painter)

    def _paint_legend(self, painter: QPainter, top: float) -> None:
        fm = QFontMetricsF(self.font())
        y = top
        for row in self._legend_rows(self.width() - 2 * self.PAD):
            x = self.PAD + 2
            for label_id, width in row:
                series = self.series(label_id)
                color = QColor(series.color)
                painter.setPen(QPen(color.darker(130), 1))
                painter.setBrush(color)
                painter.drawRoundedRect(QRectF(x, y + (fm.height() - 14) / 2, 14, 14), 4, 4)
                painter.setPen(self.color(QPalette.ColorRole.WindowText))
                painter.drawText(QPointF(x + 20, y + fm.ascent()), series.name)
                x += width
            y += fm.height() + 6


class DistributionChart(_Chart):
    """Documents per current label: one horizontal bar per label, with count and percentage."""

    ROW = 30.0
    CHIP = 12.0

    def __init__(self, parent=None):
        super().__init__(parent)
        self._counts: dict[str, int] = {}
        self.update_description()

    def set_data(self, counts: Mapping[str, int], series: Mapping[str, Series]) -> None:
        self._counts = {k: v for k, v in counts.items() if v}
        self._series = dict(series)
        self._current = -1
        self.update_description()
        self.updateGeometry()
        self.update()

    # -- what is painted (tests read this)
    def rows(self) -> list[tuple[str, str, int, float]]:
        """(label id, name, documents, percentage) per bar, in label order."""
        total = self.total()
        return [(k, self.series(k).name, v, 100.0 * v / total) for k, v in self._counts.items()]

    def total(self) -> int:
        return sum(self._counts.values())

    def is_empty(self) -> bool:
        return self.total() == 0

    def _count(self) -> int:
        return len(self._counts)

    def percent(self, value: float) -> str:
        return self.tr("%1%").replace("%1", locale().toString(round(value)))

    def value_text(self, count: int, percentage: float) -> str:
        return f"{locale().toString(count)} · {self.percent(percentage)}"

    def _item_text(self, index: int) -> str:
        label_id, name, count, percentage = self.rows()[index]
        return self.tr("%1: %n document(s), %2", "", count).replace("%1", name).replace("%2", self.percent(percentage))

    def empty_text(self) -> str:
        return self.tr("You haven't labelled anything yet — labels you apply will show up here.")

    def summary(self) -> str:
        if self.is_empty():
            return self.empty_text()
        head = self.tr("Your documents by their current label, %n in total", "", self.total())
        return head + ": " + "; ".join(self._item_text(i) for i in range(self._count())) + "."

    def update_description(self) -> None:
        self.setAccessibleName(self.tr("Your documents by label"))
        self.setAccessibleDescription(self.summary())

    # -- geometry
    def _name_width(self) -> float:
        fm = QFontMetricsF(self.font())
        widest = max((fm.horizontalAdvance(name) for _, name, _, _ in self.rows()), default=0)
        return min(widest, self.width() * 0.4)

    def _item_rect(self, index: int) -> QRectF:
        return QRectF(self.PAD, self.PAD + index * self.ROW, self.width() - 2 * self.PAD, self.ROW)

    def sizeHint(self) -> QSize:
        return QSize(360, max(160, int(self._count() * self.ROW + 2 * self.PAD)))

    def minimumSizeHint(self) -> QSize:
        return QSize(240, max(120, int(self._count() * self.ROW + 2 * self.PAD)))

    # -- painting
    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.is_empty():
            self.paint_empty(painter)
            self.paint_focus(painter)
            return
        fm = QFontMetricsF(self.font())
        rows = self.rows()
        name_width = self._name_width()
        value_width = max(fm.horizontalAdvance(self.value_text(c, p)) for _, _, c, p in rows) + 8
        bar_left = self.PAD + 8 + self.CHIP + 8 + name_width + 10
        bar_room = max(10.0, self.width() - self.PAD - 8 - value_width - bar_left)
        widest = max(c for _, _, c, _ in rows)
        text = self.color(QPalette.ColorRole.WindowText)
        track = QColor(self.color(QPalette.ColorRole.Mid))
        track.setAlphaF(0.18)
        for index, (label_id, name, count, percentage) in enumerate(rows):
            row = self._item_rect(index)
            if index == self._current:
                highlight = QColor(self.color(QPalette.ColorRole.Highlight))
                highlight.setAlphaF(0.13)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(highlight)
                painter.drawRoundedRect(row.adjusted(2, 1, -2, -1), 4, 4)
            color = QColor(self.series(label_id).color)
            mid = row.center().y()
            painter.setPen(QPen(color.darker(130), 1))
            painter.setBrush(color)
            painter.drawRoundedRect(QRectF(self.PAD + 8, mid - self.CHIP / 2, self.CHIP, self.CHIP), 3.5, 3.5)
            painter.setPen(text)
            name_rect = QRectF(self.PAD + 8 + self.CHIP + 8, row.top(), name_width, row.height())
            painter.drawText(name_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             fm.elidedText(name, Qt.TextElideMode.ElideRight, name_width))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(track)
            painter.drawRoundedRect(QRectF(bar_left, mid - 7, bar_room, 14), 3, 3)
            painter.setBrush(color)
            length = max(3.0, bar_room * count / widest)
            painter.drawRoundedRect(QRectF(bar_left, mid - 7, length, 14), 3, 3)
            painter.setPen(text)
            painter.drawText(QRectF(bar_left + bar_room + 8, row.top(), value_width, row.height()),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             self.value_text(count, percentage))
        self.paint_focus(painter)
