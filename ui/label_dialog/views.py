"""The labelling dialog's widgets: layout and looks only.

No decisions are taken here (that is choice.py and controller.py): these classes build
widgets, expose them, and offer setters that show what they are given.
Colours come from the palette, except the labels' own colours.
"""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

from ui.widgets import ColorChip, ScrollPanel, VerdictMark

from .card import ICONS, W, LabelCard, blend, icon, muted, scaled, wrapped

__all__ = ["ICONS", "W", "ChannelRow", "ChoosePage", "ConsequencesPanel", "FileTree", "FilesView", "LabelCard",
           "LabelDialogView", "ProgressPage", "RecommendationBanner", "SummaryPage", "blend", "icon", "muted",
           "scaled", "wrapped"]


# -- the files and their current labels ---------------------------------------------
class FileTree(QTreeWidget):
    """A batch's files, grouped by recommendation: a tick per file (left out when cleared), its current
    label and what the content check found; each group row carries a menu for the group's own label."""

    FILE, CURRENT, FOUND, LABEL = range(4)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setColumnCount(4)
        self.setRootIsDecorated(True)
        self.setUniformRowHeights(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setIconSize(QSize(12, 12))
        self.setAllColumnsShowFocus(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.header()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(60)
        # Group titles and names in full; what was found takes the rest (the whole text is in its tooltip).
        for column in (self.FILE, self.CURRENT, self.LABEL):
            header.setSectionResizeMode(column, header.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.FOUND, header.ResizeMode.Stretch)
        self.setMinimumHeight(120)

    def group_combo(self, item) -> QComboBox | None:
        widget = self.itemWidget(item, self.LABEL)
        return widget if isinstance(widget, QComboBox) else None

    def make_combo(self, item) -> QComboBox:
        combo = QComboBox(self)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setItemWidget(item, self.LABEL, combo)
        return combo


class FilesView(QWidget):
    """Which file(s) the dialog is about, and the label(s) they carry now."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.title = scaled(QLabel(self), 1.25, bold=True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder = muted(QLabel(self))
        self.folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.current_chip = ColorChip(parent=self)
        self.current = QLabel(self)
        self.foreign = muted(wrapped(parent=self))
        self.foreign.setVisible(False)
        self.status = muted(wrapped(parent=self))  # "Checking the content…"
        self.files = FileTree(self)  # batches only
        self.files.setVisible(False)

        current = QHBoxLayout()
        current.setSpacing(6)
        current.addWidget(self.current_chip)
        current.addWidget(self.current)
        current.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(self.title)
        layout.addWidget(self.folder)
        layout.addWidget(self.files)
        layout.addSpacing(4)
        layout.addLayout(current)
        layout.addWidget(self.foreign)
        layout.addWidget(self.status)


# -- the recommendation ---------------------------------------------------------------
class RecommendationBanner(QFrame):
    """A soft banner: what the content hints found and which label the scheme recommends."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("recommendationBanner")
        self.setAutoFillBackground(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.icon = QLabel(self)
        self.icon.setPixmap(icon("hint").pixmap(22, 22))
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.select = QPushButton(self)
        self.select.setAutoDefault(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 10, 8)
        layout.setSpacing(10)
        layout.addWidget(self.icon)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.select, 0, Qt.AlignmentFlag.AlignVCenter)
        self.setVisible(False)

    def set_tint(self, color: str) -> None:
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        palette.setColor(QPalette.ColorRole.Window, blend(QColor(color), base, 0.12))
        self.setPalette(palette)


# -- what the highlighted label means -------------------------------------------------
class ChannelRow:
    """One sharing channel: symbol, name and, smaller, the why / condition / instead."""

    def __init__(self, grid: QGridLayout, row: int, parent: QWidget):
        self.mark = VerdictMark(parent=parent)
        self.name = QLabel(parent)
        self.detail = muted(wrapped(parent=parent))
        self.detail.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        box = QVBoxLayout()
        box.setSpacing(1)
        box.addWidget(self.name)
        box.addWidget(self.detail)
        grid.addWidget(self.mark, row, 0, Qt.AlignmentFlag.AlignTop)
        grid.addLayout(box, row, 1)

    def set_visible(self, visible: bool) -> None:
        for widget in (self.mark, self.name, self.detail):
            widget.setVisible(visible)


class ConsequencesPanel(ScrollPanel):
    """For one label: what it means per sharing channel, calm and short."""

    def __init__(self, channel_count: int, parent=None):
        super().__init__("consequencesPanel", parent)
        self.chip = ColorChip(size=QSize(16, 16), parent=self)
        self.title = scaled(wrapped(parent=self), 1.1, bold=True)
        self.advice = wrapped(parent=self)
        self.markings = wrapped(parent=self)  # what the label draws into the document, or why not
        self.markings.setObjectName("markingsNote")
        self.channels_title = muted(QLabel(self))
        self.rows_widget = QWidget(self)
        grid = QGridLayout(self.rows_widget)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(7)
        grid.setColumnStretch(1, 1)
        self.rows = [ChannelRow(grid, i, self.rows_widget) for i in range(channel_count)]

        head = QHBoxLayout()
        head.setSpacing(8)
        head.addWidget(self.chip, 0, Qt.AlignmentFlag.AlignVCenter)
        head.addWidget(self.title, 1)
        inner = QWidget(self)
        inner.setBackgroundRole(QPalette.ColorRole.Base)
        column = QVBoxLayout(inner)
        column.setContentsMargins(16, 14, 16, 14)
        column.setSpacing(8)
        column.addLayout(head)
        column.addWidget(self.advice)
        column.addWidget(self.markings)
        column.addSpacing(4)
        column.addWidget(self.channels_title)
        column.addWidget(self.rows_widget)
        column.addStretch(1)
        self.rows_widget.setParent(inner)
        for widget in (self.chip, self.title, self.advice, self.channels_title):
            widget.setParent(inner)
        self.set_content(inner)

    def text(self) -> str:
        """Everything the panel says, as plain text (tests and accessibility)."""
        parts = [self.title.text(), self.advice.text()]
        for row in self.rows:
            if not row.name.isHidden():
                parts += [row.mark.toolTip(), row.name.text(), row.detail.text()]
        return "\n".join(p for p in parts if p)


# -- the pages -----------------------------------------------------------------------
class ChoosePage(QWidget):
    def __init__(self, channel_count: int, parent=None):
        super().__init__(parent)
        self.files = FilesView(self)
        self.banner = RecommendationBanner(self)
        self.choose_title = scaled(QLabel(self), 1.0, bold=True)
        self.cards_box = QVBoxLayout()
        self.cards_box.setSpacing(8)
        self.consequences = ConsequencesPanel(channel_count, self)
        self.justification_prompt = wrapped(parent=self)
        self.justification = QLineEdit(self)
        self.justification.setClearButtonEnabled(True)
        self.justification_box = QWidget(self)
        box = QVBoxLayout(self.justification_box)
        box.setContentsMargins(0, 4, 0, 0)
        box.setSpacing(4)
        box.addWidget(self.justification_prompt)
        box.addWidget(self.justification)
        self.justification_prompt.setParent(self.justification_box)
        self.justification.setParent(self.justification_box)
        self.justification_box.setVisible(False)

        left = QVBoxLayout()
        left.setSpacing(8)
        left.addWidget(self.choose_title)
        left.addLayout(self.cards_box)
        left.addWidget(self.justification_box)
        left.addStretch(1)
        columns = QHBoxLayout()
        columns.setSpacing(16)
        columns.addLayout(left, 5)
        columns.addWidget(self.consequences, 6)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(self.files)
        layout.addWidget(self.banner)
        layout.addLayout(columns, 1)


class ProgressPage(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.title = scaled(QLabel(self), 1.15, bold=True)
        self.bar = QProgressBar(self)
        self.bar.setTextVisible(True)
        self.current = muted(QLabel(self))
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.bar)
        layout.addWidget(self.current)
        layout.addStretch(2)


class SummaryPage(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.icon = QLabel(self)
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.chip = ColorChip(size=QSize(18, 18), parent=self)
        self.headline = scaled(wrapped(parent=self), 1.2, bold=True)
        self.detail = wrapped(parent=self)
        self.failures_title = QLabel(self)
        self.failures = QListWidget(self)
        self.failures.setWordWrap(True)
        self.failures.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.failures.setAlternatingRowColors(True)
        head = QHBoxLayout()
        head.setSpacing(10)
        head.addWidget(self.icon)
        head.addWidget(self.chip, 0, Qt.AlignmentFlag.AlignVCenter)
        head.addWidget(self.headline, 1)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addStretch(1)
        layout.addLayout(head)
        layout.addWidget(self.detail)
        layout.addWidget(self.failures_title)
        layout.addWidget(self.failures)
        layout.addStretch(2)


class LabelDialogView:
    """Builds the dialog's widgets into `dialog`; the controller fills and drives them."""

    CHOOSE, PROGRESS, SUMMARY = range(3)

    def __init__(self, dialog: QDialog, channel_count: int):
        self.pages = QStackedWidget(dialog)
        self.choose = ChoosePage(channel_count, self.pages)
        self.progress = ProgressPage(self.pages)
        self.summary = SummaryPage(self.pages)
        for page in (self.choose, self.progress, self.summary):
            self.pages.addWidget(page)
        self.cards: list[LabelCard] = []

        self.remove = QPushButton(dialog)
        self.remove.setCheckable(True)
        self.remove.setAutoDefault(False)
        self.hint = muted(wrapped(parent=dialog))  # why Apply is disabled
        self.hint.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.hint.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.close = QPushButton(dialog)
        self.close.setAutoDefault(False)
        self.apply = QPushButton(dialog)
        self.apply.setDefault(True)
        self.apply.setMinimumWidth(110)

        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        buttons.addWidget(self.remove)
        buttons.addWidget(self.hint, 1)
        buttons.addWidget(self.close)
        buttons.addWidget(self.apply)
        layout = QVBoxLayout(dialog)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(12)
        layout.addWidget(self.pages, 1)
        separator = QFrame(dialog)
        separator.setFrameShape(QFrame.Shape.HLine)
        separator.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(separator)
        layout.addLayout(buttons)
        dialog.setWindowIcon(icon("labeler"))
        dialog.resize(940, 720)

    def combos(self) -> list[QComboBox]:
        """The groups' label menus of a batch (empty for one file)."""
        tree = self.choose.files.files
        return [c for c in (tree.group_combo(tree.topLevelItem(i)) for i in range(tree.topLevelItemCount()))
                if c is not None]

    def add_card(self, label_id: str, color: str, digit: int | None) -> LabelCard:
        card = LabelCard(label_id, color, digit, self.choose)
        self.choose.cards_box.addWidget(card)
        self.cards.append(card)
        return card
