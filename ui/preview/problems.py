"""The problems of an invalid draft: a list (line, field, problem) and the file's text.

Double-clicking a problem, or pressing Enter on it, shows its line in the
read-only text below, highlighted and scrolled into view.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QTextCursor, QTextFormat
from PySide6.QtWidgets import (QAbstractItemView, QLabel, QPlainTextEdit, QSplitter, QTextEdit, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout, QWidget)

LINE, FIELD, PROBLEM = range(3)


class ProblemsView(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("previewProblems")
        self.title = QLabel()
        self.title.setWordWrap(True)
        font = QFont(self.title.font())
        font.setBold(True)
        self.title.setFont(font)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.list = QTreeWidget()
        self.list.setObjectName("problemList")
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setColumnCount(3)
        self.list.itemActivated.connect(self._on_activated)
        self.list.itemDoubleClicked.connect(self._on_activated)
        self.caption = QLabel()
        self.source = QPlainTextEdit()
        self.source.setObjectName("problemSource")
        self.source.setReadOnly(True)
        self.source.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.source.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))

        below = QWidget()
        below_layout = QVBoxLayout(below)
        below_layout.setContentsMargins(0, 0, 0, 0)
        below_layout.addWidget(self.caption)
        below_layout.addWidget(self.source, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.list)
        splitter.addWidget(below)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(splitter, 1)
        self._problems: list = []
        self.shown_line: int | None = None
        self.retranslate()

    def set_problems(self, problems, text: str) -> None:
        self._problems = list(problems)
        self.list.clear()
        for problem in self._problems:
            item = QTreeWidgetItem([str(problem.line) if problem.line else "–", problem.field or "–", problem.text])
            item.setToolTip(PROBLEM, problem.text)
            item.setTextAlignment(LINE, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.list.addTopLevelItem(item)
        for column in (LINE, FIELD):
            self.list.resizeColumnToContents(column)
        first = self.list.topLevelItem(0)
        if first is not None:
            self.list.setCurrentItem(first)
        self.source.setPlainText(text)
        self.source.setExtraSelections([])
        self.shown_line = None
        self._render_title()
        self._render_caption()

    def show_problem(self, index: int) -> None:
        """Show the line of problem `index` in the text, highlighted and scrolled to."""
        if not 0 <= index < len(self._problems):
            return
        item = self.list.topLevelItem(index)
        if item is not None and self.list.currentItem() is not item:
            self.list.setCurrentItem(item)
        line = self._problems[index].line
        self.shown_line = line if line else None
        self._render_caption()
        if not line:
            self.source.setExtraSelections([])
            return
        block = self.source.document().findBlockByNumber(line - 1)
        if not block.isValid():
            return
        cursor = QTextCursor(block)
        self.source.setTextCursor(cursor)
        self.source.centerCursor()
        selection = QTextEdit.ExtraSelection()
        selection.format.setBackground(QColor("#FFF3B0"))
        selection.format.setForeground(QColor("#000000"))
        selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
        selection.cursor = cursor
        self.source.setExtraSelections([selection])

    def shown_text(self) -> str:
        """The text of the line shown (empty when none is)."""
        if not self.shown_line:
            return ""
        return self.source.document().findBlockByNumber(self.shown_line - 1).text()

    def _on_activated(self, item, _column=0) -> None:
        self.show_problem(self.list.indexOfTopLevelItem(item))

    def retranslate(self) -> None:
        self.list.setHeaderLabels([self.tr("Line"), self.tr("Field"), self.tr("Problem")])
        self.hint.setText(self.tr("Double-click a problem, or press Enter on it, to see its line. "
                                  "Fix the file and save it: the preview reloads by itself."))
        self._render_title()
        self._render_caption()

    def _render_title(self) -> None:
        self.title.setText(self.tr("%n problem(s) must be fixed before this scheme can be used.", "",
                                   len(self._problems)))

    def _render_caption(self) -> None:
        if self.shown_line:
            self.caption.setText(self.tr("Line %1 of the file:").replace("%1", str(self.shown_line)))
        else:
            self.caption.setText(self.tr("The file:"))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
