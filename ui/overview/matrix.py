"""The scheme's labels side by side: labels × sharing channels, on screen (with PDF export and printing).

    matrix = SharingMatrix()
    matrix.set_scheme(scheme, "nl")
    matrix.cell(row, column)           # (verdict, words shown), for tests
    export_pdf("rules.pdf", scheme, "nl")

On screen every cell shows the verdict's mark (✔ ◐ ✘) and a short word,
side by side, or the mark above the word when the columns are too narrow
for that in the current language (never cut short: the columns are at least
as wide as the longest word needs, measured with the font); its tooltip,
and the line under the table for the cell with keyboard focus, give the
why / condition / what to do instead.  On paper (PDF or printer: A4
landscape, laid out by matrix_paper.py) each cell also carries the
condition or the alternative, wrapped, so the sheet can hang next to a desk.
"""
from __future__ import annotations

import html
import math
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPageLayout, QPageSize, QPainter, QPalette
from PySide6.QtWidgets import (QAbstractItemView, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QSizePolicy, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from policy.channels import CHANNELS
from ui.widgets.color_chip import chip_icon
from ui.widgets.verdict_mark import SYMBOLS, mark_color, verdict_text
from ui.workers import Worker, start

from .matrix_paper import breakable, export_pdf, pdf_bytes, render_matrix

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrintDialog as _PrintDialog, QPrinter as _Printer

QPrintDialog: type[_PrintDialog] | None
QPrinter: type[_Printer] | None
try:  # QtPrintSupport ships with PySide6-Essentials, but a trimmed build may lack it
    from PySide6 import QtPrintSupport
except ImportError:  # pragma: no cover - depends on the installation
    QPrintDialog = QPrinter = None
else:
    QPrintDialog, QPrinter = QtPrintSupport.QPrintDialog, QtPrintSupport.QPrinter

__all__ = ["SharingMatrix", "export_pdf", "pdf_bytes", "render_matrix", "short_word", "cell_details"]

translate = QCoreApplication.translate  # module-level texts live in the SharingMatrix context
VERDICT_ROLE = Qt.ItemDataRole.UserRole + 1
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 2


def short_word(verdict: str) -> str:
    """The verdict in one short word, for a cell of the on-screen matrix."""
    if verdict == "allowed":
        return translate("SharingMatrix", "Allowed")
    if verdict == "conditional":
        return translate("SharingMatrix", "Conditions")
    return translate("SharingMatrix", "Forbidden")


def cell_details(rule, lang: str) -> str:
    """The why, the condition and what to do instead, one per line (plain text)."""
    lines = [rule.why_text(lang)]
    if rule.condition_text(lang):
        lines.append(translate("SharingMatrix", "Condition: %1").replace("%1", rule.condition_text(lang)))
    if rule.instead_text(lang):
        lines.append(translate("SharingMatrix", "Instead: %1").replace("%1", rule.instead_text(lang)))
    return "\n".join(lines)


# -- on screen ----------------------------------------------------------------------
VERDICTS = ("allowed", "conditional", "forbidden")
PAD_LEFT, PAD_RIGHT, GAP = 8, 4, 6  # inside a cell, and between the mark and the word
ROW_HEIGHT = 36  # a cell with the mark beside the word
MIN_COLUMN = 92


def mark_font(font: QFont) -> QFont:
    bold = QFont(font)
    bold.setBold(True)
    bold.setPointSizeF(bold.pointSizeF() * 1.15)
    return bold


def cell_layout(rect: QRectF, font: QFont, verdict: str, stacked: bool) -> tuple[QRectF, QRectF]:
    """Where a cell's mark and words go: side by side, or (`stacked`) the mark centred above the words."""
    symbol = SYMBOLS.get(verdict, SYMBOLS["forbidden"])[0]
    bold = QFontMetricsF(mark_font(font))
    inner = QRectF(rect).adjusted(PAD_LEFT, 0, -PAD_RIGHT, 0)
    if not stacked:
        mark_width = bold.horizontalAdvance(symbol)
        return (QRectF(inner.left(), inner.top(), mark_width, inner.height()),
                inner.adjusted(mark_width + GAP, 0, 0, 0))
    mark_height, words_height = bold.height(), QFontMetricsF(font).height()
    top = inner.top() + (inner.height() - mark_height - words_height) / 2
    return (QRectF(inner.left(), top, inner.width(), mark_height),
            QRectF(inner.left(), top + mark_height, inner.width(), words_height))


def cell_width(font: QFont, verdict: str, words: str, stacked: bool) -> float:
    """The width a cell needs to show its mark and `words` whole."""
    symbol = SYMBOLS.get(verdict, SYMBOLS["forbidden"])[0]
    mark, text = QFontMetricsF(mark_font(font)).horizontalAdvance(symbol), QFontMetricsF(font).horizontalAdvance(words)
    inside = max(mark, text) if stacked else mark + GAP + text
    return PAD_LEFT + inside + PAD_RIGHT + 1  # + 1: the grid line


def stacked_height(font: QFont) -> int:
    """A row's height with the mark above the words."""
    return max(ROW_HEIGHT, math.ceil(QFontMetricsF(mark_font(font)).height() + QFontMetricsF(font).height()) + 8)


class VerdictDelegate(QStyledItemDelegate):
    """A cell: the coloured mark, then the verdict in words (`stacked`: the mark above them)."""

    stacked = False  # set by SharingMatrix from the columns' width and the words of the language

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        verdict = index.data(VERDICT_ROLE)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        if verdict is None:
            return
        painter.save()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        dark = opt.palette.color(QPalette.ColorRole.Base).lightness() < 128
        mark_rect, words_rect = cell_layout(QRectF(opt.rect), opt.font, verdict, self.stacked)
        align = Qt.AlignmentFlag.AlignHCenter if self.stacked else Qt.AlignmentFlag.AlignLeft
        painter.setFont(mark_font(opt.font))
        painter.setPen(opt.palette.color(role) if selected else QColor(mark_color(verdict, dark)))
        painter.drawText(mark_rect, int(align | Qt.AlignmentFlag.AlignVCenter),
                         SYMBOLS.get(verdict, SYMBOLS["forbidden"])[0])
        painter.setFont(opt.font)
        painter.setPen(opt.palette.color(role))
        # Elided only if the window is narrower than the columns' minimum (the table then scrolls instead).
        words = QFontMetricsF(opt.font).elidedText(text, Qt.TextElideMode.ElideRight, words_rect.width())
        painter.drawText(words_rect, int(align | Qt.AlignmentFlag.AlignVCenter), words)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        size = super().sizeHint(option, index)
        height = stacked_height(option.font) if self.stacked else ROW_HEIGHT - 2
        return QSize(size.width() + 24, max(size.height(), height))


class WrappingHeader(QHeaderView):
    """Column titles wrapped over as many lines as the column's width needs (channel names are long)."""

    PAD = 6

    def __init__(self, parent=None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setSectionsClickable(False)

    def _title(self, section: int) -> str:
        model = self.model()
        if model is None:
            return ""
        return model.headerData(section, self.orientation(), Qt.ItemDataRole.UserRole) or ""

    def wrapped_height(self) -> int:
        flags = int(Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap)
        metrics = self.fontMetrics()
        tallest = max((metrics.boundingRect(0, 0, self._room(s), 10000, flags, self._shown(s)).height()
                       for s in range(self.count())), default=0)
        return tallest + 2 * self.PAD + 2

    def _room(self, section: int) -> int:
        return max(20, self.sectionSize(section) - 2 * self.PAD)

    def _shown(self, section: int) -> str:
        """The title with soft hyphens where a word is longer than the column is wide."""
        return breakable(self._title(section), QFontMetricsF(self.font()), self._room(section))

    def paintSection(self, painter: QPainter, rect, section: int) -> None:
        painter.save()
        super().paintSection(painter, rect, section)  # the background and borders (the text role is empty)
        painter.restore()
        painter.save()
        painter.setPen(self.palette().color(QPalette.ColorRole.ButtonText))
        painter.drawText(rect.adjusted(self.PAD, self.PAD, -self.PAD, -self.PAD),
                         int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), self._shown(section))
        painter.restore()


class SharingMatrix(QWidget):
    """Labels (rows) × channels (columns), with a legend, a detail line and Export / Print buttons."""

    exported = Signal(str)  # the PDF's path, once written

    def __init__(self, parent=None):
        super().__init__(parent)
        self._scheme = None
        self._lang = "en"
        self._rows_fitted = False  # the rows' height follows the delegate's layout (_fit_cells)
        self._workers: list[Worker] = []
        self.table = QTableWidget(self)
        self.table.setObjectName("sharingMatrix")
        self.delegate = VerdictDelegate(self.table)
        self.table.setItemDelegate(self.delegate)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.table.setWordWrap(False)
        self.table.setShowGrid(True)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows walk the cells
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        header = self.header = WrappingHeader(self.table)
        self.table.setHorizontalHeader(header)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(MIN_COLUMN)  # raised to fit the verdict words (_fit_cells)
        header.sectionResized.connect(self._fit_height)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.table.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.setIconSize(QSize(14, 14))
        self.table.currentCellChanged.connect(self._show_detail)

        self.legend = QLabel(self)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setMinimumHeight(self.detail.fontMetrics().lineSpacing() * 3)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.export_button = QPushButton(self)
        self.export_button.clicked.connect(self.export_to_pdf)
        self.print_button = QPushButton(self)
        self.print_button.clicked.connect(self.print_matrix)
        self.print_button.setVisible(QPrinter is not None)

        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        buttons.addWidget(self.legend, 1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.table)
        layout.addWidget(self.detail)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.status.setVisible(False)
        self.retranslate()

    # -- content
    def set_scheme(self, scheme, lang: str) -> None:
        self._scheme, self._lang = scheme, lang
        self._fill()

    def set_language(self, lang: str) -> None:
        self._lang = lang
        self._fill()

    def _fill(self) -> None:
        scheme, lang = self._scheme, self._lang
        current = (self.table.currentRow(), self.table.currentColumn())
        self.table.clear()
        if scheme is None:
            self.table.setRowCount(0)
            return
        labels = scheme.labels
        self.table.setRowCount(len(labels))
        self.table.setColumnCount(len(CHANNELS))
        for column, channel in enumerate(CHANNELS):
            head = QTableWidgetItem("")
            head.setData(Qt.ItemDataRole.UserRole, channel.name(lang))
            head.setData(Qt.ItemDataRole.AccessibleTextRole, channel.name(lang))
            head.setToolTip(channel.name(lang))
            self.table.setHorizontalHeaderItem(column, head)
        for row, label in enumerate(labels):
            head = QTableWidgetItem(chip_icon(label.color, 14), label.display_name(lang))
            head.setToolTip(label.description(lang))
            self.table.setVerticalHeaderItem(row, head)
            for column, channel in enumerate(CHANNELS):
                self.table.setItem(row, column, self._cell_item(label, channel, lang))
        self._rows_fitted = False  # new rows: their height follows the layout of the cells
        self._fit_height()
        if current[0] >= 0 and current[1] >= 0:
            self.table.setCurrentCell(*current)
        self._show_detail(self.table.currentRow(), self.table.currentColumn())

    def _cell_item(self, label, channel, lang: str) -> QTableWidgetItem:
        try:
            rule = label.rule(channel.id)
        except KeyError:
            item = QTableWidgetItem("—")
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            return item
        words = short_word(rule.verdict)
        item = QTableWidgetItem(words)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        item.setData(VERDICT_ROLE, rule.verdict)
        details = cell_details(rule, lang)
        item.setData(DETAIL_ROLE, details)
        heading = f"{label.display_name(lang)} · {channel.name(lang)}"
        symbol = SYMBOLS.get(rule.verdict, SYMBOLS["forbidden"])[0]
        item.setToolTip(f"<p style='white-space:normal'><b>{html.escape(heading)}</b><br>"
                        f"{symbol} {html.escape(verdict_text(rule.verdict))}<br>"
                        + "<br>".join(html.escape(line) for line in details.split("\n"))
                        + "</p>")
        item.setData(Qt.ItemDataRole.AccessibleTextRole,
                     f"{label.display_name(lang)}, {channel.name(lang)}: {verdict_text(rule.verdict)}")
        item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, details)
        return item

    def _fit_cells(self) -> None:
        """Every verdict word whole, in the current language: the columns at least as wide as the longest
        word needs with the mark above it; beside it when the columns are wide enough for that."""
        font = self.table.font()
        words = [(v, short_word(v)) for v in VERDICTS]
        beside = max(cell_width(font, v, w, stacked=False) for v, w in words)
        above = max(cell_width(font, v, w, stacked=True) for v, w in words)
        self.header.setMinimumSectionSize(max(MIN_COLUMN, math.ceil(above)))
        widths = [self.header.sectionSize(c) for c in range(self.header.count())]
        stacked = bool(widths) and min(widths) < beside
        if stacked != self.delegate.stacked or not self._rows_fitted:
            self.delegate.stacked = stacked
            self._rows_fitted = True
            self.table.resizeRowsToContents()
            self.table.viewport().update()

    def words_fit(self, row: int, column: int) -> bool:
        """Whether the cell's words are shown whole in its rectangle (not cut short with "…")."""
        item = self.table.item(row, column)
        if item is None or item.data(VERDICT_ROLE) is None:
            return True
        rect = QRectF(self.table.visualRect(self.table.model().index(row, column)))
        font = self.table.font()
        words = cell_layout(rect, font, item.data(VERDICT_ROLE), self.delegate.stacked)[1]
        return QFontMetricsF(font).horizontalAdvance(item.text()) <= words.width()

    def _fit_height(self, *_ignored) -> None:
        """The whole matrix, no vertical scrolling: the page scrolls instead."""
        table = self.table
        header = self.header
        self._fit_cells()
        header.setFixedHeight(header.wrapped_height())
        height = header.height() + 2 * table.frameWidth()
        height += sum(table.rowHeight(r) for r in range(table.rowCount()))
        if table.horizontalScrollBar().isVisible():
            height += table.horizontalScrollBar().sizeHint().height()
        table.setFixedHeight(height + 2)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def cell(self, row: int, column: int) -> tuple[str | None, str]:
        """(verdict, the words shown) of a cell."""
        item = self.table.item(row, column)
        return (item.data(VERDICT_ROLE), item.text()) if item else (None, "")

    def _show_detail(self, row: int, column: int, *_ignored) -> None:
        item = self.table.item(row, column) if row >= 0 and column >= 0 else None
        if item is None or self._scheme is None:
            self.detail.setText(translate("SharingMatrix",
                                          "Choose a cell (click it, or use the arrow keys) to read why, "
                                          "under which conditions, and what to do instead."))
            return
        label = self._scheme.labels[row]
        channel = CHANNELS[column]
        self.detail.setText(f"{label.display_name(self._lang)} · {channel.name(self._lang)} — {item.text()}. "
                            + (item.data(DETAIL_ROLE) or "").replace("\n", " "))

    def retranslate(self) -> None:
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        parts = [f"<span style='color:{mark_color(v, dark)}; font-weight:bold'>{SYMBOLS[v][0]}</span>&nbsp;"
                 f"{html.escape(verdict_text(v))}" for v in ("allowed", "conditional", "forbidden")]
        self.legend.setText("&nbsp;&nbsp;&nbsp;&nbsp;".join(parts))
        self.export_button.setText(translate("SharingMatrix", "Export to PDF…"))
        self.export_button.setToolTip(translate("SharingMatrix",
                                                "Save this table as an A4 PDF, with every condition written out"))
        self.print_button.setText(translate("SharingMatrix", "Print…"))
        self.table.setAccessibleName(translate("SharingMatrix", "What each label allows, per sharing channel"))
        self._fill()

    def changeEvent(self, event) -> None:
        if event.type() in (event.Type.LanguageChange, event.Type.PaletteChange):
            self.retranslate()
        super().changeEvent(event)

    # -- export and print
    def export_to_pdf(self) -> None:
        if self._scheme is None:
            return
        name = translate("SharingMatrix", "%1 – sharing rules").replace("%1", self._scheme.name)
        suggested = str(Path.home() / (name + ".pdf"))
        path, _ = QFileDialog.getSaveFileName(self, translate("SharingMatrix", "Export the sharing rules as PDF"),
                                              suggested, translate("SharingMatrix", "PDF documents (*.pdf)"))
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        data = pdf_bytes(self._scheme, self._lang)  # painting is quick; writing the file is a worker's job
        worker = Worker(_write_file, path, data)
        worker.signals.result.connect(self._exported)
        worker.signals.error.connect(self._export_failed)
        self._workers = [w for w in self._workers if not w.done] + [start(worker)]
        self._set_status(translate("SharingMatrix", "Saving %1…").replace("%1", path))

    def _exported(self, path: str) -> None:
        self._set_status(translate("SharingMatrix", "Saved to %1").replace("%1", path))
        self.exported.emit(path)

    def _export_failed(self, exc: Exception) -> None:
        reason = getattr(exc, "strerror", None) or str(exc)
        self._set_status(translate("SharingMatrix", "The PDF could not be saved: %1").replace("%1", reason))

    def _set_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def print_matrix(self) -> None:
        printer_class, dialog_class = QPrinter, QPrintDialog
        if self._scheme is None or printer_class is None or dialog_class is None:
            return
        printer = printer_class(printer_class.PrinterMode.HighResolution)
        printer.setPageOrientation(QPageLayout.Orientation.Landscape)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        dialog = dialog_class(printer, self)
        dialog.setWindowTitle(translate("SharingMatrix", "Print the sharing rules"))
        if dialog.exec() == dialog_class.DialogCode.Accepted:
            render_matrix(printer, self._scheme, self._lang)


def _write_file(path: str, data: bytes) -> str:
    Path(path).write_bytes(data)
    return path
