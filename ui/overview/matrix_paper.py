"""The sharing matrix on paper: A4 landscape, for a PDF file or a printer.

    export_pdf("rules.pdf", scheme, "nl")    # the file
    pdf_bytes(scheme, "nl")                 # the same PDF in memory
    render_matrix(printer, scheme, "nl")    # on any QPagedPaintDevice; the number of pages

Each cell carries its verdict's mark and words, and under them the condition
or the alternative, wrapped, so the sheet can hang next to a desk.  The fonts
are as large as one page allows, down to a readable minimum; a longer scheme
continues on more pages, the header repeated.  The screen widget is
matrix.py; texts are translated in the "SharingMatrix" context like its own.
"""
from __future__ import annotations

import math
from datetime import date
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QDate, QIODevice, QLocale, QMarginsF, QRectF, Qt
from PySide6.QtGui import (QColor, QFont, QFontMetricsF, QPageLayout, QPageSize, QPagedPaintDevice, QPainter,
                           QPdfWriter, QPen)

from policy.channels import CHANNELS
from ui.widgets.verdict_mark import SYMBOLS, mark_color, verdict_text

translate = QCoreApplication.translate
# Cell tints on paper: a whisper of the verdict's colour.
PAPER_TINTS = {"allowed": "#EEF6EE", "conditional": "#FFF5E6", "forbidden": "#FCEDED"}


def paper_note(rule, lang: str) -> str:
    """What a printed cell says under its verdict: the condition, or the alternative."""
    if rule.verdict == "conditional":
        return rule.condition_text(lang) or ""
    if rule.verdict == "forbidden":
        return rule.instead_text(lang) or ""
    return ""



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


def breakable(text: str, metrics: QFontMetricsF, width: float) -> str:
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
    return metrics.boundingRect(QRectF(0, 0, width, 1e6), WRAP, breakable(text, metrics, width)).height()


def _draw(painter: QPainter, font: QFont, rect: QRectF, text: str, color: QColor) -> float:
    """Draw `text` wrapped into `rect`'s width at its top left; the height used."""
    if not text:
        return 0.0
    metrics = QFontMetricsF(font, painter.device())
    text = breakable(text, metrics, rect.width())
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
        result: list[tuple[str | None, str, str]] = []
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
            painter.setBrush(QColor(PAPER_TINTS.get(verdict or "", "#FFFFFF")))
            painter.drawRect(QRectF(left, top, self.column, tall))
            if verdict:
                _draw(painter, self.verdict_font, QRectF(left + pad, top + pad, self.mark_width, tall),
                      SYMBOLS[verdict][0], QColor(mark_color(verdict)))
            used = _draw(painter, self.verdict_font,
                         QRectF(left + pad + self.mark_width, top + pad, inner - self.mark_width, tall),
                         words, self.INK)
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
    today = date.today()
    printed_on = QLocale(lang).toString(QDate(today.year, today.month, today.day), QLocale.FormatType.LongFormat)
    subtitle += " · " + translate("SharingMatrix", "printed on %1").replace("%1", printed_on)
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
    for scale in (1.4, 1.3, 1.2, 1.1, 1.0):
        sheet = _Sheet(painter, width, scheme, lang, scale)
        if y + sheet.table_height() + foot_height <= height:
            break
    else:  # the smallest readable fonts; a long scheme continues on more pages
        sheet = _Sheet(painter, width, scheme, lang, 0.9)
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
