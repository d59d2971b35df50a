"""The labelling dialog's widgets: layout and looks only.

No decisions are taken here (that is choice.py and controller.py): these classes build
widgets, expose them, and offer setters that show what they are given.
Colours come from the palette, except the labels' own colours.
"""
from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractButton,
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
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

from labeler.system import resource_path
from ui.widgets import ColorChip, VerdictMark

ICONS = resource_path("icons")
W = TypeVar("W", bound=QWidget)


def icon(name: str) -> QIcon:
    return QIcon(str(ICONS / f"{name}.svg"))


def muted(label: QLabel, smaller: bool = True) -> QLabel:
    """Secondary text: a little smaller, in the palette's placeholder colour."""
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
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def blend(color: QColor, base: QColor, amount: float) -> QColor:
    """`amount` of `color` over `base` (a soft tint that follows light and dark palettes)."""
    return QColor(round(color.red() * amount + base.red() * (1 - amount)),
                  round(color.green() * amount + base.green() * (1 - amount)),
                  round(color.blue() * amount + base.blue() * (1 - amount)))


# -- one label as a large choice -------------------------------------------------
class LabelCard(QAbstractButton):
    """A checkable card: colour stripe, digit, name and one-line description."""

    hovered = Signal()
    unhovered = Signal()
    focused = Signal()
    navigate = Signal(int)  # -1 previous, +1 next

    STRIPE = 6

    def __init__(self, label_id: str, color: str, digit: int | None, parent=None):
        super().__init__(parent)
        self.label_id = label_id
        self.color = QColor(color)
        self.setCheckable(True)
        self.setAutoExclusive(False)  # the controller keeps exactly one checked
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)

        self.digit = QLabel(str(digit) if digit else "", self)
        self.digit.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.digit.setFixedSize(22, 22)
        muted(self.digit, smaller=False)
        self.name = QLabel(self)
        scaled(self.name, 1.15, bold=True)
        self.description = muted(wrapped(parent=self))
        self.description.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.current = muted(QLabel(self))  # "current label" tag
        self.current.setVisible(False)
        self.recommended = QLabel(self)  # "recommended" tag
        self.recommended.setVisible(False)
        font = self.recommended.font()
        font.setBold(True)
        self.recommended.setFont(font)

        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(self.name)
        top.addStretch(1)
        top.addWidget(self.recommended)
        top.addWidget(self.current)
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addLayout(top)
        text.addWidget(self.description)
        row = self._row = QHBoxLayout(self)
        row.setContentsMargins(self.STRIPE + 10, 8, 12, 9)
        row.setSpacing(10)
        row.addWidget(self.digit, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(text, 1)
        for child in (self.digit, self.name, self.description, self.current, self.recommended):
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def set_texts(self, name: str, description: str) -> None:
        self.name.setText(name)
        self.description.setText(description)
        self.setToolTip(description)
        self.setAccessibleName(name)
        self.setAccessibleDescription(description)

    def sizeHint(self) -> QSize:
        return self._row.sizeHint()

    def minimumSizeHint(self) -> QSize:
        return self._row.minimumSize()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._row.heightForWidth(width)

    def paintEvent(self, event) -> None:
        palette = self.palette()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        base = palette.color(QPalette.ColorRole.Base)
        if self.isChecked():
            fill, border, width = blend(self.color, base, 0.14), self.color, 2.0
        elif self.underMouse():
            fill, border, width = blend(self.color, base, 0.06), palette.color(QPalette.ColorRole.Mid), 1.0
        else:
            fill, border, width = base, palette.color(QPalette.ColorRole.Mid), 1.0
        if not self.isEnabled():
            fill = palette.color(QPalette.ColorRole.Window)
        painter.setPen(QPen(border, width))
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, 7, 7)
        # The colour stripe along the left edge.
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.color if self.isEnabled() else blend(self.color, base, 0.4))
        stripe = QRectF(rect.left(), rect.top(), self.STRIPE + 4, rect.height())
        painter.setClipRect(QRectF(rect.left(), rect.top(), self.STRIPE, rect.height()))
        painter.drawRoundedRect(stripe, 7, 7)
        painter.setClipping(False)
        # The digit in a small circle.
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if self.digit.text():
            painter.drawEllipse(QRectF(self.digit.geometry()).adjusted(0.5, 0.5, -0.5, -0.5))
        if self.hasFocus():
            pen = QPen(palette.color(QPalette.ColorRole.Highlight), 2, Qt.PenStyle.DotLine)
            painter.setPen(pen)
            painter.drawRoundedRect(rect.adjusted(3, 3, -3, -3), 5, 5)

    def enterEvent(self, event) -> None:
        self.hovered.emit()
        super().enterEvent(event)

    def leaveEvent(self, event) -> None:
        self.unhovered.emit()
        super().leaveEvent(event)

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        self.focused.emit()

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Left):
            self.navigate.emit(-1)
        elif key in (Qt.Key.Key_Down, Qt.Key.Key_Right):
            self.navigate.emit(+1)
        else:
            super().keyPressEvent(event)  # space checks; Enter/Esc/digits go up to the dialog


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


class ConsequencesPanel(QFrame):
    """For one label: what it means per sharing channel, calm and short."""

    def __init__(self, channel_count: int, parent=None):
        super().__init__(parent)
        self.setObjectName("consequencesPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)
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
        scroll = QScrollArea(self)
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.viewport().setBackgroundRole(QPalette.ColorRole.Base)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.addWidget(scroll)

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
