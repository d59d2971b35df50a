"""The scheme's labels side by side: labels × sharing channels, on screen, on paper and in PDF.

    matrix = SharingMatrix()
    matrix.set_scheme(scheme, "nl")
    matrix.cell(row, column)           # (verdict, words shown), for tests
    export_pdf("rules.pdf", scheme, "nl")

On screen every cell shows the verdict's mark (✔ ◐ ✘) and a short word;
its tooltip, and the line under the table for the cell with keyboard
focus, give the why / condition / what to do instead.  On paper (PDF or
printer: A4 landscape) each cell also carries the condition or the
alternative, wrapped, so the sheet can hang next to a desk.
"""
from __future__ import annotations

import html
import math
from datetime import date
from pathlib import Path

from PySide6.QtCore import (QBuffer, QByteArray, QCoreApplication, QIODevice, QLocale, QMarginsF, QRectF,
                            QSize, Qt, Signal)
from PySide6.QtGui import (QColor, QFont, QFontMetricsF, QPageLayout, QPageSize, QPagedPaintDevice,
                           QPainter, QPalette, QPdfWriter, QPen)
from PySide6.QtWidgets import (QAbstractItemView, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QSizePolicy, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from policy.channels import CHANNELS
from ui.widgets.color_chip import chip_icon
from ui.widgets.verdict_mark import DARK_COLORS, SYMBOLS, verdict_text
from ui.workers import Worker, start

try:  # QtPrintSupport ships with PySide6-Essentials, but a trimmed build may lack it
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter
except ImportError:  # pragma: no cover - depends on the installation
    QPrintDialog = QPrinter = None

translate = QCoreApplication.translate  # module-level texts live in the SharingMatrix context
VERDICT_ROLE = Qt.ItemDataRole.UserRole + 1
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 2
# Cell tints on paper: a whisper of the verdict's colour.
PAPER_TINTS = {"allowed": "#EEF6EE", "conditional": "#FFF5E6", "forbidden": "#FCEDED"}


def mark_color(verdict: str, dark: bool = False) -> str:
    symbol, color = SYMBOLS.get(verdict, SYMBOLS["forbidden"])
    return DARK_COLORS.get(verdict, color) if dark else color


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


def paper_note(rule, lang: str) -> str:
    """What a printed cell says under its verdict: the condition, or the alternative."""
    if rule.verdict == "conditional":
        return rule.condition_text(lang) or ""
    if rule.verdict == "forbidden":
        return rule.instead_text(lang) or ""
    return ""


# -- on screen ----------------------------------------------------------------------
class VerdictDelegate(QStyledItemDelegate):
    """A cell: the coloured mark, then the verdict in words."""

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
        rect = QRectF(opt.rect).adjusted(8, 0, -4, 0)
        bold = QFont(opt.font)
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.15)
        symbol = SYMBOLS.get(verdict, SYMBOLS["forbidden"])[0]
        painter.setFont(bold)
        painter.setPen(opt.palette.color(role) if selected else QColor(mark_color(verdict, dark)))
        mark_width = QFontMetricsF(bold).horizontalAdvance(symbol) + 6
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), symbol)
        painter.setFont(opt.font)
        painter.setPen(opt.palette.color(role))
        words = QFontMetricsF(opt.font).elidedText(text, Qt.TextElideMode.ElideRight, rect.width() - mark_width)
        painter.drawText(rect.adjusted(mark_width, 0, 0, 0), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         words)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + 24, max(size.height(), 34))


class WrappingHeader(QHeaderView):
    """Column titles wrapped over as many lines as the column's width needs (channel names are long)."""

    PAD = 6

    def __init__(self, parent=None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setSectionsClickable(False)

    def _title(self, section: int) -> str:
        return self.model().headerData(section, self.orientation(), Qt.ItemDataRole.UserRole) or "" if self.model() else ""

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
        return _breakable(self._title(section), QFontMetricsF(self.font()), self._room(section))

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
        self._workers: list[Worker] = []
        self.table = QTableWidget(self)
        self.table.setObjectName("sharingMatrix")
        self.table.setItemDelegate(VerdictDelegate(self.table))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.table.setWordWrap(False)
        self.table.setShowGrid(True)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows walk the cells
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        header = WrappingHeader(self.table)
        self.table.setHorizontalHeader(header)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(92)
        header.sectionResized.connect(self._fit_height)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(36)
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
        self.table.resizeRowsToContents()
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
                        f"{symbol} {html.escape(verdict_text(rule.verdict))}<br>" + "<br>".join(html.escape(line) for line in details.split("\n"))
                        + "</p>")
        item.setData(Qt.ItemDataRole.AccessibleTextRole,
                     f"{label.display_name(lang)}, {channel.name(lang)}: {verdict_text(rule.verdict)}")
        item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, details)
        return item

    def _fit_height(self, *_ignored) -> None:
        """The whole matrix, no vertical scrolling: the page scrolls instead."""
        table = self.table
        header = table.horizontalHeader()
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
            self.detail.setText(translate("SharingMatrix", "Choose a cell (click it, or use the arrow keys) to read why, "
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
        self.export_button.setToolTip(translate("SharingMatrix", "Save this table as an A4 PDF, with every condition written out"))
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
        suggested = str(Path.home() / (translate("SharingMatrix", "%1 – sharing rules").replace("%1", self._scheme.name) + ".pdf"))
        path, _ = QFileDialog.getSaveFileName(self, translate("SharingMatrix", "Export the sharing rules as PDF"), suggested,
                                              translate("SharingMatrix", "PDF documents (*.pdf)"))
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
        if self._scheme is None or QPrinter is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageOrientation(QPageLayout.Orientation.Landscape)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(translate("SharingMatrix", "Print the sharing rules"))
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            render_matrix(printer, self._scheme, self._lang)


def _write_file(path: str, data: bytes) -> str:
    Path(path).write_bytes(data)
    return path


# -- on paper --------------------------------------------------------------------------
def _pdf_writer(target) -> QPdfWriter:
    writer = QPdfWriter(target)
    writer.setResolution(300)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageOrientation(QPageLayout.Orientation.Landscape)
    writer.setPageMargins(QMarginsF(12, 12, 12, 12), QPageLayout.Unit.Millimeter)
    writer.setCreator("Labeler")
    return writer


def export_pdf(path: str | Path, scheme, lang: str) -> Path:
    """Write the matrix of `scheme` in `lang` as an A4 landscape PDF at `path`; returns the path."""
    path = Path(path)
    path.write_bytes(pdf_bytes(scheme, lang))
    return path


def pdf_bytes(scheme, lang: str) -> bytes:
    """The PDF of the matrix, in memory (no file I/O: the GUI thread may call it)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = _pdf_writer(buffer)
    writer.setTitle(translate("SharingMatrix", "What each label allows: %1").replace("%1", scheme.name))
    render_matrix(writer, scheme, lang)
    buffer.close()
    return bytes(data.data())


def _font(size: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setPointSizeF(size)
    font.setBold(bold)
    return font


WRAP = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
SOFT_HYPHEN = "\u00ad"


def _breakable(text: str, metrics: QFontMetricsF, width: float) -> str:
    """`text` with soft hyphens in words too long for `width`, so that wrapping never cuts them off.

    (QTextLayout's break-anywhere mode would do this, but it crashes PySide6 6.12 at exit.)
    """
    room = width - metrics.horizontalAdvance("-")
    words = []
    for word in text.split(" "):
        if metrics.horizontalAdvance(word) <= width:
            words.append(word)
            continue
        # Pieces of even length read better than a full line and a stray letter or two.
        count = math.ceil(metrics.horizontalAdvance(word) / max(room, 1.0))
        while count < len(word):
            size = math.ceil(len(word) / count)
            pieces = [word[i:i + size] for i in range(0, len(word), size)]
            if all(metrics.horizontalAdvance(piece) <= room for piece in pieces):
                break
            count += 1
        else:
            pieces = list(word)
        words.append(SOFT_HYPHEN.join(pieces))
    return " ".join(words)


def _height(painter: QPainter, font: QFont, width: float, text: str) -> float:
    if not text:
        return 0.0
    metrics = QFontMetricsF(font, painter.device())
    return metrics.boundingRect(QRectF(0, 0, width, 1e6), WRAP, _breakable(text, metrics, width)).height()


def _draw(painter: QPainter, font: QFont, rect: QRectF, text: str, color: QColor) -> float:
    """Draw `text` wrapped into `rect`'s width at its top left; the height used."""
    if not text:
        return 0.0
    metrics = QFontMetricsF(font, painter.device())
    text = _breakable(text, metrics, rect.width())
    used = metrics.boundingRect(QRectF(0, 0, rect.width(), 1e6), WRAP, text).height()
    painter.setFont(font)
    painter.setPen(color)
    painter.drawText(QRectF(rect.left(), rect.top(), rect.width(), used + 1), WRAP, text)
    return used


class _Sheet:
    """The printed matrix at one scale of its fonts: measures rows, draws them."""

    INK, GREY, LINE, HEAD = QColor("#202124"), QColor("#5F6368"), QColor("#BDC1C6"), QColor("#F1F3F4")

    def __init__(self, painter: QPainter, width: float, scheme, lang: str, scale: float):
        self.painter, self.width, self.scheme, self.lang = painter, width, scheme, lang
        self.mm = painter.device().logicalDpiX() / 25.4
        self.pad = 1.6 * self.mm
        self.head_font, self.name_font = _font(8 * min(scale, 1.15), True), _font(9 * min(scale, 1.2), True)
        # The label column: at least 13 % of the width, and wide enough for every word of every name.
        name_metrics = QFontMetricsF(self.name_font, painter.device())
        widest = max((name_metrics.horizontalAdvance(word) for label in scheme.labels
                      for word in label.display_name(lang).split()), default=0.0)
        self.first = min(width * 0.2, max(width * 0.13, widest + 2 * self.pad + 5 * self.mm + 1))
        self.column = (width - self.first) / len(CHANNELS)
        self.verdict_font, self.note_font = _font(7.5 * scale, True), _font(7 * scale)
        self.mark_width = QFontMetricsF(self.verdict_font, painter.device()).horizontalAdvance("✔") + 1.2 * self.mm

    def headings(self) -> list[str]:
        return [translate("SharingMatrix", "Label")] + [c.name(self.lang) for c in CHANNELS]

    def _widths(self):
        return [self.first] + [self.column] * len(CHANNELS)

    def header_height(self) -> float:
        return max(_height(self.painter, self.head_font, w - 2 * self.pad, t)
                   for w, t in zip(self._widths(), self.headings())) + 2 * self.pad

    def cells(self, label) -> list[tuple[str | None, str, str]]:
        result = []
        for channel in CHANNELS:
            try:
                rule = label.rule(channel.id)
            except KeyError:
                result.append((None, "—", ""))
                continue
            result.append((rule.verdict, verdict_text(rule.verdict), paper_note(rule, self.lang)))
        return result

    def row_height(self, label) -> float:
        inner = self.column - 2 * self.pad
        name = _height(self.painter, self.name_font, self.first - 2 * self.pad - 5 * self.mm,
                       label.display_name(self.lang))
        cells = [_height(self.painter, self.verdict_font, inner - self.mark_width, words) + 0.8 * self.mm
                 + _height(self.painter, self.note_font, inner, note) for _, words, note in self.cells(label)]
        return max([name] + cells) + 2 * self.pad

    def table_height(self) -> float:
        return self.header_height() + sum(self.row_height(label) for label in self.scheme.labels)

    def draw_header(self, top: float) -> float:
        painter, tall = self.painter, self.header_height()
        painter.setPen(QPen(self.LINE, 0.25 * self.mm))
        painter.setBrush(self.HEAD)
        painter.drawRect(QRectF(0, top, self.width, tall))
        left = 0.0
        for width, text in zip(self._widths(), self.headings()):
            _draw(painter, self.head_font, QRectF(left + self.pad, top + self.pad, width - 2 * self.pad, tall),
                  text, self.INK)
            left += width
        return top + tall

    def draw_row(self, label, top: float) -> float:
        painter, mm, pad = self.painter, self.mm, self.pad
        tall = self.row_height(label)
        painter.setPen(QPen(self.LINE, 0.25 * mm))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(0, top, self.first, tall))
        color = QColor(label.color)
        chip = 3.2 * mm * max(1.0, self.name_font.pointSizeF() / 9)
        painter.setPen(QPen(color.darker(130), 0.2 * mm))
        painter.setBrush(color)
        painter.drawRoundedRect(QRectF(pad, top + pad + 0.4 * mm, chip, chip), 0.8 * mm, 0.8 * mm)
        _draw(painter, self.name_font, QRectF(pad + 5 * mm, top + pad, self.first - 2 * pad - 5 * mm, tall),
              label.display_name(self.lang), self.INK)
        left, inner = self.first, self.column - 2 * pad
        for verdict, words, note in self.cells(label):
            painter.setPen(QPen(self.LINE, 0.25 * mm))
            painter.setBrush(QColor(PAPER_TINTS.get(verdict, "#FFFFFF")))
            painter.drawRect(QRectF(left, top, self.column, tall))
            if verdict:
                _draw(painter, self.verdict_font, QRectF(left + pad, top + pad, self.mark_width, tall),
                      SYMBOLS[verdict][0], QColor(mark_color(verdict)))
            used = _draw(painter, self.verdict_font,
                         QRectF(left + pad + self.mark_width, top + pad, inner - self.mark_width, tall), words, self.INK)
            _draw(painter, self.note_font, QRectF(left + pad, top + pad + used + 0.8 * mm, inner, tall), note,
                  self.GREY if verdict == "forbidden" else self.INK)
            left += self.column
        return top + tall


def render_matrix(device: QPagedPaintDevice, scheme, lang: str) -> int:
    """Paint the matrix on `device` (a QPdfWriter or QPrinter), page after page; the number of pages."""
    painter = QPainter(device)
    try:
        return _render(painter, device, scheme, lang)
    finally:
        painter.end()


def _render(painter: QPainter, device, scheme, lang: str) -> int:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    mm = painter.device().logicalDpiX() / 25.4
    width, height = device.width(), device.height()
    ink, grey = _Sheet.INK, _Sheet.GREY

    # -- title, subtitle, legend
    title = translate("SharingMatrix", "What each label allows: %1").replace("%1", scheme.name)
    y = _draw(painter, _font(16, True), QRectF(0, 0, width, height), title, ink) + 1 * mm
    subtitle = translate("SharingMatrix", "Version %1").replace("%1", str(scheme.version))
    if scheme.organisation:
        subtitle = f"{scheme.organisation} · {subtitle}"
    subtitle += " · " + translate("SharingMatrix", "printed on %1").replace("%1", QLocale(lang).toString(date.today(),
                                                                               QLocale.FormatType.LongFormat))
    small = _font(8.5)
    y += _draw(painter, small, QRectF(0, y, width, height), subtitle, grey) + 2.5 * mm
    x, mark_font = 0.0, _font(10, True)
    small_metrics = QFontMetricsF(small, painter.device())
    for verdict in ("allowed", "conditional", "forbidden"):
        symbol, words = SYMBOLS[verdict][0], verdict_text(verdict)
        _draw(painter, mark_font, QRectF(x, y, 8 * mm, height), symbol, QColor(mark_color(verdict)))
        x += QFontMetricsF(mark_font, painter.device()).horizontalAdvance(symbol) + 1.5 * mm
        _draw(painter, small, QRectF(x, y + 0.4 * mm, width - x, height), words, ink)
        x += small_metrics.horizontalAdvance(words) + 8 * mm
    y += small_metrics.height() * 1.4 + 3 * mm
    foot = translate("SharingMatrix", "◐ cells give the condition; ✘ cells say what to do instead.")
    foot_height = _height(painter, small, width, foot) + 2 * mm

    # -- the table, its fonts as large as one page allows (down to a readable minimum, then more pages)
    sheet = None
    for scale in (1.4, 1.3, 1.2, 1.1, 1.0, 0.9):
        sheet = _Sheet(painter, width, scheme, lang, scale)
        if y + sheet.table_height() + foot_height <= height:
            break
    pages, top_of_table = 1, y
    y = sheet.draw_header(y)
    for label in scheme.labels:
        if y + sheet.row_height(label) > height and y > top_of_table + sheet.header_height() + 1:
            device.newPage()
            pages += 1
            y = sheet.draw_header(0.0)
        y = sheet.draw_row(label, y)
    if y + foot_height <= height:
        _draw(painter, small, QRectF(0, y + 2 * mm, width, height), foot, grey)
    return pages
