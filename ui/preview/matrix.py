"""The awareness matrix for a preview: labels down, sharing channels across.

The Overview window has its own matrix (ui/overview/matrix.py, with PDF
export); the preview uses it when it is there and otherwise this small
table, so a draft can be checked either way.  Each cell shows the verdict's symbol and word; its
tooltip gives the rule's reason, condition and alternative.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from policy import CHANNELS
from ui.widgets.verdict_mark import SYMBOLS, verdict_text


VERDICT_ROLE = Qt.ItemDataRole.UserRole + 1  # as in ui/overview/matrix.py


class PreviewMatrix(QTableWidget):
    """A read-only labels × channels table of a scheme's sharing verdicts (same API as the overview's)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("previewMatrix")
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setDefaultSectionSize(130)
        # Channel names are long: wrap them in a taller header rather than clip them.
        self.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        self.horizontalHeader().setMinimumHeight(3 * self.fontMetrics().lineSpacing() + 8)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self._scheme, self._lang = None, "en"
        self.table = self  # the overview's widget keeps its table here

    def set_scheme(self, scheme, lang: str) -> None:
        self._scheme, self._lang = scheme, lang
        self._render()

    def set_language(self, lang: str) -> None:
        self._lang = lang
        self._render()

    def cell(self, row: int, column: int) -> tuple[str | None, str]:
        """(verdict, the words shown) of a cell, as the overview's matrix answers it."""
        item = self.item(row, column)
        return (item.data(VERDICT_ROLE), item.text()) if item else (None, "")

    def _render(self) -> None:
        scheme, lang = self._scheme, self._lang
        self.clear()
        if scheme is None:
            self.setRowCount(0)
            self.setColumnCount(0)
            return
        self.setRowCount(len(scheme.labels))
        self.setColumnCount(len(CHANNELS))
        self.setHorizontalHeaderLabels([c.name(lang) for c in CHANNELS])
        for row, label in enumerate(scheme.labels):
            header = QTableWidgetItem(label.display_name(lang))
            header.setForeground(QBrush(QColor(label.color)))
            header.setToolTip(label.description(lang))
            self.setVerticalHeaderItem(row, header)
            for column, channel in enumerate(CHANNELS):
                self.setItem(row, column, self._cell(label, channel.id, lang))

    def _cell(self, label, channel_id: str, lang: str) -> QTableWidgetItem:
        try:
            rule = label.rule(channel_id)
        except KeyError:
            item = QTableWidgetItem("–")
            item.setData(VERDICT_ROLE, None)
            return item
        symbol, color = SYMBOLS.get(rule.verdict, SYMBOLS["forbidden"])
        item = QTableWidgetItem(f"{symbol} {verdict_text(rule.verdict)}")
        item.setForeground(QBrush(QColor(color)))
        item.setData(VERDICT_ROLE, rule.verdict)
        details = [rule.why_text(lang), rule.condition_text(lang), rule.instead_text(lang)]
        item.setToolTip("\n".join(text for text in details if text))
        return item

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._render()  # the verdict words come from the Qt catalogues
        super().changeEvent(event)


def make_matrix(parent=None):
    """The matrix the preview shows: the overview's when it is there, else `PreviewMatrix`.

    Either answers `set_scheme(scheme, lang)`, `set_language(lang)`, `cell(row, column)` and has `.table`.
    """
    try:
        from ui.overview.matrix import SharingMatrix
    except ImportError:
        return PreviewMatrix(parent)
    if not all(hasattr(SharingMatrix, name) for name in ("set_scheme", "set_language", "cell")):
        return PreviewMatrix(parent)
    matrix = SharingMatrix(parent)
    return matrix if hasattr(matrix, "table") else PreviewMatrix(parent)
