"""The Overview's History page: the local audit trail, newest first, and whether it is intact.

    page = HistoryPage(shell)
    page.refresh()          # re-read and re-verify the log (a worker); `loaded` when shown
    page.banner.text()      # "Audit log intact: 42 entries" / "The audit log was changed at line 7: …"
"""
from __future__ import annotations

from PySide6.QtCore import (QAbstractTableModel, QCoreApplication, QDateTime, QEvent, QLocale, QModelIndex,
                            QPersistentModelIndex, QRectF, QSize, QSortFilterProxyModel, Qt, QTimeZone, Signal)
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPalette, QPen
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton,
                               QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTableView, QVBoxLayout, QWidget)

from labeler.core import awareness
from labeler.org.audit import ACTIONS, AuditEvent, VerifyResult
from ui.i18n import current_language
from ui.workers import Worker, start

from .awareness_page import Card, audit_log_of, icon, muted, scaled, scheme_of, wrapped
from .charts import NO_COLOR
from .live import LiveRefresh

INTACT_TINT, DAMAGED_TINT = "#2E7D32", "#C62828"
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
CHIPS_ROLE = Qt.ItemDataRole.UserRole + 2  # [(name, colour) | None, (name, colour) | None]


class HistoryModel(QAbstractTableModel):
    """One row per audit entry: time, change, labels, file, method, justification."""

    TIME, CHANGE, LABELS, FILE, METHOD, JUSTIFICATION = range(6)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._entries: list[AuditEvent] = []
        self._scheme = None

    def set_entries(self, entries, scheme) -> None:
        """Show the label changes among `entries` (moments of sharing and aborts change no label)."""
        self.beginResetModel()
        self._entries, self._scheme = [e for e in entries if e.action in ACTIONS], scheme
        self.endResetModel()

    def set_scheme(self, scheme) -> None:
        self._scheme = scheme
        self.relabel()

    def relabel(self) -> None:
        """Texts changed (language, scheme): the same rows, new words."""
        if self._entries:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._entries) - 1, self.columnCount() - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)

    def entry(self, row: int) -> AuditEvent:
        return self._entries[row]

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 6

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Time"), self.tr("Change"), self.tr("Label"), self.tr("File"), self.tr("How chosen"),
                self.tr("Justification"))[section]

    # -- words
    def label_chip(self, ref) -> tuple[str, str] | None:
        if not isinstance(ref, dict) or not ref.get("id"):
            return None
        label = None
        if self._scheme is not None:
            label = next((l for l in self._scheme.labels if l.id == ref["id"]), None)
        if label is not None:
            return label.display_name(current_language()), label.color
        return str(ref.get("name") or ref["id"]), NO_COLOR

    def change_text(self, event: AuditEvent) -> str:
        if event.action == "remove":
            return self.tr("Removed")
        return self.tr("Changed") if event.old_label else self.tr("Labelled")

    def method_text(self, method: str) -> str:
        return {"manual": self.tr("By you"), "recommended": self.tr("Recommended"),
                "default": self.tr("Default label"), "restored": self.tr("Put back")}.get(method, method)

    def below_text(self, event: AuditEvent) -> str | None:
        """"Below the recommended Confidential: <reason>" for a label chosen below the recommendation."""
        below = event.below_recommendation
        if not isinstance(below, dict) or not below.get("recommended"):
            return None
        chip = self.label_chip({"id": below["recommended"]})
        name = chip[0] if chip else str(below["recommended"])
        reason = str(below.get("reason") or "").strip()
        if not reason:
            return self.tr("Below the recommended %1").replace("%1", name)
        return self.tr("Below the recommended %1: %2").replace("%1", name).replace("%2", reason)

    def justification_text(self, event: AuditEvent, separator: str = " · ") -> str:
        """The justification and, for a label below the recommendation, its reason."""
        return separator.join(t for t in (event.justification, self.below_text(event)) if t)

    def labels_text(self, event: AuditEvent) -> str:
        old, new = self.label_chip(event.old_label), self.label_chip(event.new_label)
        none = self.tr("no label")
        return f"{old[0] if old else none} → {new[0] if new else none}"

    @staticmethod
    def local_time(event: AuditEvent) -> QDateTime:
        try:
            seconds = event.when.timestamp()
        except (ValueError, TypeError, AttributeError):
            return QDateTime()
        return QDateTime.fromMSecsSinceEpoch(int(seconds * 1000), QTimeZone.systemTimeZone())

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        event, column = self._entries[index.row()], index.column()
        if role == CHIPS_ROLE and column == self.LABELS:
            return [self.label_chip(event.old_label), self.label_chip(event.new_label)]
        if role == SORT_ROLE:
            if column == self.TIME:  # a string: the proxy cannot compare Python tuples
                when = self.local_time(event)
                return f"{when.toMSecsSinceEpoch() if when.isValid() else 0:020d}:{event.seq:012d}"
            return self.data(index)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.FILE:
                return event.path
            if column == self.TIME:
                return QLocale(current_language()).toString(self.local_time(event), QLocale.FormatType.LongFormat)
            if column in (self.JUSTIFICATION, self.METHOD, self.LABELS):
                return self.justification_text(event, "\n") or None
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        if column == self.TIME:
            return QLocale(current_language()).toString(self.local_time(event), QLocale.FormatType.ShortFormat)
        if column == self.CHANGE:
            return self.change_text(event)
        if column == self.LABELS:
            return self.labels_text(event)
        if column == self.FILE:
            return event.path.replace("\\", "/").rsplit("/", 1)[-1]
        if column == self.METHOD:
            return self.method_text(event.method) if event.action == "apply" else ""
        return self.justification_text(event)


class ChipsDelegate(QStyledItemDelegate):
    """The label column: chip and name of the old label, an arrow, chip and name of the new one."""

    CHIP = 11.0

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        chips = index.data(CHIPS_ROLE) or [None, None]
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        text = opt.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        faint = text if selected else opt.palette.color(QPalette.ColorRole.PlaceholderText)
        metrics = QFontMetricsF(opt.font)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(opt.font)
        x, mid, right = opt.rect.left() + 6.0, opt.rect.center().y() + 0.5, opt.rect.right() - 4.0
        none = QCoreApplication.translate("HistoryModel", "no label")
        for position, chip in enumerate(chips):
            if position:
                painter.setPen(faint)
                painter.drawText(QRectF(x, opt.rect.top(), 20, opt.rect.height()),
                                 int(Qt.AlignmentFlag.AlignCenter), "→")
                x += 20
            if x >= right:
                break
            if chip is None:
                painter.setPen(faint)
                width = min(metrics.horizontalAdvance(none), right - x)
                painter.drawText(QRectF(x, opt.rect.top(), width, opt.rect.height()),
                                 int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), none)
                x += width
                continue
            name, color = chip
            painter.setPen(QPen(QColor(color).darker(130), 1))
            painter.setBrush(QColor(color))
            painter.drawRoundedRect(QRectF(x, mid - self.CHIP / 2, self.CHIP, self.CHIP), 3.5, 3.5)
            x += self.CHIP + 5
            painter.setPen(text)
            room = max(0.0, right - x) if position else max(0.0, (right - x) - 20 - self.CHIP - 40)
            shown = metrics.elidedText(name, Qt.TextElideMode.ElideRight,
                                       min(room, metrics.horizontalAdvance(name) + 1))
            painter.drawText(QRectF(x, opt.rect.top(), room, opt.rect.height()),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), shown)
            x += metrics.horizontalAdvance(shown) + 2
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + 2 * int(self.CHIP + 5) + 20, max(size.height(), 28))


class IntegrityBanner(Card):
    """Whether the audit log's hash chain is intact: green-ish, or a warning with the line."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.result: VerifyResult | None = None
        self.icon = QLabel(self)
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.message = wrapped(self)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        scaled(self.message, 1.0, bold=True)
        self.advice = wrapped(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(10)
        layout.addWidget(self.icon)
        column = QVBoxLayout()
        column.setSpacing(2)
        column.addWidget(self.message)
        column.addWidget(self.advice)
        layout.addLayout(column, 1)
        self.setVisible(False)

    def set_result(self, result: VerifyResult | None) -> None:
        self.result = result
        self.retranslate()

    def text(self) -> str:
        return self.message.text()

    def retranslate(self) -> None:
        result = self.result
        self.setVisible(result is not None)
        if result is None:
            return
        if result.ok:
            self.set_tint(INTACT_TINT, 0.10)
            self.icon.setPixmap(icon("done").pixmap(20, 20))
            self.message.setText(self.tr("Audit log intact: %n entries", "", result.entries))
            self.advice.setText(self.tr("Every label change below is recorded as it happened: "
                                        "nothing was changed or removed afterwards."))
        else:
            self.set_tint(DAMAGED_TINT, 0.12)
            self.icon.setPixmap(icon("warning").pixmap(20, 20))
            reason = result.reason or ""
            if result.line is not None:
                text = self.tr("The audit log was changed at line %1: %2").replace("%1", str(result.line))
            else:
                text = self.tr("The audit log was changed: %2")
            self.message.setText(text.replace("%2", reason))
            self.advice.setText(self.tr("The first %n entries are intact; the entries from that point on cannot "
                                        "be trusted. Tell your IT department.", "", result.entries))
        self.setAccessibleName(self.message.text())
        self.setAccessibleDescription(self.advice.text())

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class HistoryPage(QWidget):
    """The audit trail as a table you can filter, under its integrity banner."""

    loaded = Signal()  # the log was read and verified, and is shown (tests wait for it)

    def __init__(self, shell, parent: QWidget | None = None):
        super().__init__(parent)
        self.shell = shell
        self.history: awareness.History | None = None
        self._worker: Worker | None = None
        self._started = False

        self.title = scaled(QLabel(), 1.35, bold=True)
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.refresh)
        self.banner = IntegrityBanner()
        self.filter_label = QLabel()
        self.filter = QLineEdit()
        self.filter.setClearButtonEnabled(True)
        self.filter_label.setBuddy(self.filter)
        self.count = muted(QLabel())
        self.model = HistoryModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setSortRole(SORT_ROLE)
        self.filter.textChanged.connect(self._filter)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setItemDelegateForColumn(HistoryModel.LABELS, ChipsDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(28)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in ((0, 140), (1, 100), (2, 250), (3, 220), (4, 120)):
            header.resizeSection(column, width)
        self.table.sortByColumn(HistoryModel.TIME, Qt.SortOrder.DescendingOrder)
        self.empty = muted(wrapped())
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setVisible(False)

        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.refresh_button)
        filters = QHBoxLayout()
        filters.setSpacing(8)
        filters.addWidget(self.filter_label)
        filters.addWidget(self.filter, 1)
        filters.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 16)
        layout.setSpacing(10)
        layout.addLayout(head)
        layout.addWidget(self.banner)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        self.retranslate()
        self.live = LiveRefresh(self, shell)  # a label applied anywhere shows without Refresh

    def sizeHint(self) -> QSize:
        return QSize(1040, 640)

    # -- loading
    def refresh(self, quietly: bool = False) -> None:
        """Re-read and re-verify the audit log in a worker; `quietly`: keep the count shown meanwhile."""
        self._started = True
        if self._worker is not None and not self._worker.done:
            return
        worker = Worker(awareness.history, audit_log_of(self.shell))
        worker.signals.result.connect(self._loaded)
        worker.signals.error.connect(self._failed)
        self._worker = start(worker)
        self.refresh_button.setEnabled(False)
        if not quietly or self.history is None:
            self.count.setText(self.tr("Reading the audit log…"))

    def is_loading(self) -> bool:
        return self._worker is not None and not self._worker.done

    def _loaded(self, history: awareness.History) -> None:
        self.history = history
        self.refresh_button.setEnabled(True)
        self.model.set_entries(history.entries, scheme_of(self.shell))
        self.banner.set_result(history.integrity)
        self._update_count()
        self.loaded.emit()

    def _failed(self, exc: Exception) -> None:
        self.refresh_button.setEnabled(True)
        reason = getattr(exc, "strerror", None) or str(exc)
        self.count.setText(self.tr("The audit log could not be read: %1").replace("%1", reason))
        self.loaded.emit()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._started:
            self.refresh()

    # -- showing
    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self._update_count()

    def visible_rows(self) -> list[list[str]]:
        """The table as shown (after filtering and sorting), as text: for tests and copying."""
        return [[self.proxy.index(r, c).data() or "" for c in range(self.proxy.columnCount())]
                for r in range(self.proxy.rowCount())]

    def _update_count(self) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        if self.history is None:
            return
        if shown == total:
            self.count.setText(self.tr("%n change(s)", "", total))
        else:
            self.count.setText(self.tr("%1 of %n change(s)", "", total).replace("%1", str(shown)))
        self.empty.setVisible(total == 0)
        self.table.setVisible(total > 0)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Your label history"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("Read and check the audit log again"))
        self.filter_label.setText(self.tr("&Filter:"))
        self.filter.setPlaceholderText(self.tr("File, label, how chosen or justification"))
        self.empty.setText(self.tr("No label changes recorded yet. Every label you apply or remove will be "
                                   "listed here."))
        self.table.setAccessibleName(self.tr("Label changes, newest first"))
        self.model.relabel()
        self._update_count()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
