"""The Overview's Awareness page: your labelling in pictures, moments of sharing, what each label allows, a tip.

    page = AwarenessPage(shell)   # shell: .force.scheme, .service (its audit log), .settings, .lang
    page.refresh()                # re-read the audit log (a worker); `loaded` when shown

The log is read the first time the page is shown and on refresh(), never on
the GUI thread.  Scheme texts (label names, rules, tips) follow the interface
language (ui.i18n.current_language()) and change with it.
"""
from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from labeler.core import awareness
from labeler.org.audit import AuditLog
from ui.i18n import current_language
from ui.widgets import looks
from ui.widgets.looks import blend, icon, scaled
from ui.workers import Worker, start

from .charts import NO_COLOR, DistributionChart, Series, TimelineChart
from .live import LiveRefresh
from .matrix import SharingMatrix


# -- what the pages need from the shell ---------------------------------------------------
def scheme_of(shell):
    """The scheme in force (the real Shell has it in .force; a test stand-in may give .scheme)."""
    scheme = getattr(getattr(shell, "force", None), "scheme", None)
    return scheme or getattr(shell, "scheme", None) or getattr(getattr(shell, "service", None), "scheme", None)


def audit_log_of(shell) -> AuditLog:
    """The log the shell's service writes to, else the user's default log."""
    audit = getattr(getattr(shell, "service", None), "audit", None)
    return audit if isinstance(audit, AuditLog) else AuditLog.default()


def series_for(scheme, names: dict[str, str] | None, lang: str) -> dict[str, Series]:
    """How to draw each label: the scheme's name and colour; labels it no longer has in grey."""
    result = {label_id: Series(label_id, name, NO_COLOR) for label_id, name in (names or {}).items()}
    for label in getattr(scheme, "labels", ()):
        result[label.id] = Series(label.id, label.display_name(lang), label.color)
    return result


# -- small looks shared with the History page ------------------------------------------------
# The app's looks (ui/widgets/looks.py), as the Overview's pages use them: secondary text at full size,
# and the parent as the first argument of a wrapped label.
def muted(label: QLabel) -> QLabel:
    return looks.muted(label, smaller=False)


def wrapped(parent=None) -> QLabel:
    return looks.wrapped(parent=parent)


class Card(QFrame):
    """A rounded panel on the palette's base colour; `tint` washes it with a colour."""

    def __init__(self, parent=None, tint: str | None = None, amount: float = 0.08):
        super().__init__(parent)
        self._tint, self._amount = tint, amount

    def set_tint(self, tint: str | None, amount: float = 0.08) -> None:
        self._tint, self._amount = tint, amount
        self.update()

    def paintEvent(self, event) -> None:
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        fill = blend(QColor(self._tint), base, self._amount) if self._tint else base
        border = blend(QColor(self._tint), base, 0.45) if self._tint else palette.color(QPalette.ColorRole.Mid)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(border, 1))
        painter.setBrush(fill)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 8, 8)


# -- tips --------------------------------------------------------------------------------------
class TipsCard(Card):
    """The admin's tips, one at a time, with Previous / Next (wrapping around)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._tips: list[str] = []
        self._index = 0
        self.icon = QLabel(self)
        self.icon.setPixmap(icon("hint").pixmap(22, 22))
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.title = scaled(QLabel(self), 1.0, bold=True)
        self.counter = muted(QLabel(self))
        self.text = wrapped(self)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.previous_button = QPushButton(self)
        self.next_button = QPushButton(self)
        self.previous_button.clicked.connect(self.previous)
        self.next_button.clicked.connect(self.next)
        head = QHBoxLayout()
        head.setSpacing(8)
        head.addWidget(self.title)
        head.addWidget(self.counter)
        head.addStretch(1)
        head.addWidget(self.previous_button)
        head.addWidget(self.next_button)
        column = QVBoxLayout()
        column.setSpacing(4)
        column.addLayout(head)
        column.addWidget(self.text)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 10, 12, 12)
        layout.setSpacing(10)
        layout.addWidget(self.icon)
        layout.addLayout(column, 1)
        self.retranslate()
        self._show()

    def set_tips(self, tips: list[str]) -> None:
        self._tips = [t for t in tips if t.strip()]
        self._index = self._index % len(self._tips) if self._tips else 0
        self._show()

    def index(self) -> int:
        return self._index

    def current_text(self) -> str:
        return self._tips[self._index] if self._tips else ""

    def next(self) -> None:
        if self._tips:
            self._index = (self._index + 1) % len(self._tips)
            self._show()

    def previous(self) -> None:
        if self._tips:
            self._index = (self._index - 1) % len(self._tips)
            self._show()

    def _show(self) -> None:
        self.setVisible(bool(self._tips))
        self.text.setText(self.current_text())
        self.counter.setText(self.tr("%1 of %2").replace("%1", str(self._index + 1)).replace("%2", str(len(self._tips)))
                             if self._tips else "")
        several = len(self._tips) > 1
        self.previous_button.setEnabled(several)
        self.next_button.setEnabled(several)
        self.text.setAccessibleName(self.title.text())

    def retranslate(self) -> None:
        self.title.setText(self.tr("Tip"))
        self.previous_button.setText(self.tr("‹ Previous"))
        self.previous_button.setToolTip(self.tr("The previous tip"))
        self.next_button.setText(self.tr("Next ›"))
        self.next_button.setToolTip(self.tr("The next tip"))
        self._show()

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        elif event.type() == event.Type.PaletteChange:
            self.set_tint(self.palette().color(QPalette.ColorRole.Highlight).name(), 0.07)
        super().changeEvent(event)

    def showEvent(self, event) -> None:
        self.set_tint(self.palette().color(QPalette.ColorRole.Highlight).name(), 0.07)
        super().showEvent(event)


# -- the page ------------------------------------------------------------------------------------
class AwarenessPage(QWidget):
    """Charts of the user's own labelling, the admin's tips and the labels × channels matrix."""

    loaded = Signal()  # the statistics arrived and are shown (tests wait for it)

    def __init__(self, shell, parent: QWidget | None = None):
        super().__init__(parent)
        self.shell = shell
        self.scheme = scheme_of(shell)
        self.stats: awareness.Stats | None = None
        self._worker: Worker | None = None
        self._error: str | None = None
        self._started = False

        self.title = scaled(QLabel(), 1.35, bold=True)
        self.summary = wrapped()
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.refresh)

        self.timeline_title = scaled(QLabel(), 1.05, bold=True)
        self.timeline = TimelineChart()
        self.timeline_detail = muted(wrapped())
        self.timeline.detailChanged.connect(self.timeline_detail.setText)
        self.distribution_title = scaled(QLabel(), 1.05, bold=True)
        self.distribution = DistributionChart()
        self.distribution_detail = muted(wrapped())
        self.distribution.detailChanged.connect(self.distribution_detail.setText)
        self.methods = wrapped()

        self.tips = TipsCard()
        from .sharing_moments import SharingMomentsCard  # it builds on this module's Card

        self.sharing = SharingMomentsCard()
        self.matrix_title = scaled(QLabel(), 1.05, bold=True)
        self.matrix_intro = muted(wrapped())
        self.matrix = SharingMatrix()

        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignTop)
        over_time = self._card(self.timeline_title, self.timeline, self.timeline_detail)
        by_label = self._card(self.distribution_title, self.distribution, self.distribution_detail,
                              footer=self.methods)
        charts = QHBoxLayout()
        charts.setSpacing(12)
        charts.addWidget(over_time, 3)
        charts.addWidget(by_label, 2)
        matrix = self._card(self.matrix_title, self.matrix_intro, self.matrix)

        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setContentsMargins(16, 14, 16, 16)
        column.setSpacing(12)
        column.addLayout(head)
        column.addWidget(self.summary)
        column.addLayout(charts)
        column.addWidget(self.tips)
        column.addWidget(self.sharing)
        column.addWidget(matrix)
        column.addStretch(1)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidget(inner)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll_area)
        self.retranslate()
        self.live = LiveRefresh(self, shell)  # a label applied anywhere shows without Refresh

    @staticmethod
    def _card(*widgets: QWidget, footer: QWidget | None = None) -> Card:
        """A card with `widgets` stacked; a `footer` sits at the bottom, below a stretch."""
        card = Card()
        box = QVBoxLayout(card)
        box.setContentsMargins(14, 12, 14, 12)
        box.setSpacing(6)
        for widget in widgets:
            box.addWidget(widget)
        if footer is not None:
            box.addStretch(1)
            box.addWidget(footer)
        return card

    def sizeHint(self) -> QSize:
        return QSize(1040, 760)

    # -- loading
    def refresh(self, quietly: bool = False) -> None:
        """Re-read the audit log in a worker (and pick up a newer scheme); `quietly`: keep the text shown."""
        self._started = True
        self.scheme = scheme_of(self.shell) or self.scheme
        self._fill_scheme()
        if self._worker is not None and not self._worker.done:
            return
        labels = getattr(self.scheme, "labels", ())
        worker = Worker(awareness.load, audit_log_of(self.shell), None, None, [l.id for l in labels],
                        {l.id: l.rank for l in labels})
        worker.signals.result.connect(self._loaded)
        worker.signals.error.connect(self._failed)
        self._worker = start(worker)
        self._error = None
        self.refresh_button.setEnabled(False)
        if not quietly or self.stats is None:
            self.summary.setText(self.tr("Reading your labelling history…"))
            self.summary.setVisible(True)

    def is_loading(self) -> bool:
        return self._worker is not None and not self._worker.done

    def _loaded(self, stats: awareness.Stats) -> None:
        self.stats = stats
        self.refresh_button.setEnabled(True)
        self._fill_stats()
        self.loaded.emit()

    def _failed(self, exc: Exception) -> None:
        self.refresh_button.setEnabled(True)
        self._error = getattr(exc, "strerror", None) or str(exc)
        self._fill_stats()
        self.loaded.emit()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._started:
            self.refresh()

    # -- showing
    def _fill_scheme(self) -> None:
        lang = current_language()
        self.matrix.set_scheme(self.scheme, lang)
        self.tips.set_tips([t.get_text(lang) for t in getattr(self.scheme, "tips", ())])
        if self.scheme is not None:
            self.matrix_intro.setText(self.tr("Scheme “%1”, version %2. Point at a cell, or move to it with the "
                                              "arrow keys, to read why and what to do instead.")
                                      .replace("%1", self.scheme.name).replace("%2", str(self.scheme.version)))

    def _fill_stats(self) -> None:
        lang = current_language()
        if self._error is not None:
            self.summary.setText(self.tr("Your labelling history could not be read: %1").replace("%1", self._error))
            self.summary.setVisible(True)
            return
        stats = self.stats
        if stats is None:
            if self._started:
                self.summary.setText(self.tr("Reading your labelling history…"))
            return
        series = series_for(self.scheme, dict(stats.names), lang)
        self.sharing.set_counts(stats.sharing)  # the moments of sharing, and what was chosen after them
        self.timeline.set_data(stats.timeline, series)
        self.distribution.set_data(stats.distribution, series)
        self.timeline_detail.setText("")
        self.distribution_detail.setText("")
        self.summary.setText(self.summary_text(stats))
        self.summary.setVisible(bool(self.summary.text()))
        self.methods.setText(self.methods_text(stats))
        self.methods.setVisible(sum(stats.methods.values()) > 0)
        self.timeline_title.setText(self.tr("Labels you applied per day") if stats.timeline.unit == awareness.DAY
                                    else self.tr("Labels you applied per week"))

    def summary_text(self, stats: awareness.Stats) -> str:
        if not stats.entries:
            return ""  # the charts say so
        timeline = stats.timeline
        if timeline.unit == awareness.DAY:
            text = self.tr("In the last %n day(s) you applied ", "", len(timeline.buckets))
        else:
            text = self.tr("In the last %n week(s) you applied ", "", len(timeline.buckets))
        text += self.tr("%n label(s).", "", timeline.total)
        text += " " + self.tr("%n of your documents carry a label now.", "", stats.documents)
        if stats.justified_downgrades:
            text += " " + self.tr("You lowered or removed a label with a reason %n time(s).", "",
                                  stats.justified_downgrades)
        return text

    def methods_text(self, stats: awareness.Stats) -> str:
        counts = stats.methods
        return (self.tr("How you chose: %1 yourself, %2 as recommended, %3 the default label.")
                .replace("%1", str(counts.get("manual", 0))).replace("%2", str(counts.get("recommended", 0)))
                .replace("%3", str(counts.get("default", 0))))

    def retranslate(self) -> None:
        self.title.setText(self.tr("Your labelling"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("Read the audit log again"))
        self.timeline_title.setText(self.tr("Labels you applied per week"))
        self.distribution_title.setText(self.tr("Your documents by label"))
        self.matrix_title.setText(self.tr("What each label allows"))
        self._fill_scheme()
        self._fill_stats()

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
