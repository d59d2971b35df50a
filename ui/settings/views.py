"""The settings window's layout: a section list on the left, one page per section.

Views only lay widgets out and set their texts (`retranslate()`, called again
on every language change); what the widgets show and do is the
controller's business (ui.settings.controller).
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QFormLayout, QFrame,
                               QHBoxLayout, QHeaderView, QLabel, QListWidget, QProgressBar, QPushButton,
                               QSizePolicy, QStackedWidget, QTimeEdit, QTreeWidget, QVBoxLayout, QWidget)

from labeler import languages

GENERAL, FOLDERS, SHARING, NOTIFICATIONS, MENU, SCHEME = range(6)


def wrapped(text: str = "", selectable: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                      | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    return label


def heading() -> QLabel:
    label = QLabel()
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.2)
    font.setBold(True)
    label.setFont(font)
    return label


def admin_note() -> QLabel:
    """"Set by your administrator", shown beside a setting the admin forces (hidden otherwise)."""
    label = QLabel()
    label.setObjectName("adminNote")
    label.setWordWrap(True)
    label.setStyleSheet("color: palette(mid); font-style: italic;")
    label.hide()
    return label


class Page(QWidget):
    """A section: a heading, then its content; `retranslate()` sets every text."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = heading()
        self.body = QVBoxLayout(self)
        self.body.addWidget(self.title)

    def finish(self) -> None:
        self.body.addStretch(1)

    def retranslate(self) -> None:  # pragma: no cover - every page overrides it
        raise NotImplementedError


class GeneralPage(Page):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.language = QComboBox()
        # "As the system" first (its text is set in retranslate), then each language in its own name.
        for code in languages.setting_choices():
            self.language.addItem("" if code == languages.SYSTEM else languages.native_name(code), code)
        self.language_label = QLabel()
        self.language_label.setBuddy(self.language)
        self.language_admin = admin_note()
        self.start_at_login = QCheckBox()
        self.start_at_login_hint = wrapped()
        self.start_at_login_hint.setEnabled(False)
        self.start_at_login_admin = admin_note()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        row = QHBoxLayout()
        row.addWidget(self.language)
        row.addWidget(self.language_admin, 1)
        form.addRow(self.language_label, row)
        self.body.addLayout(form)
        self.body.addSpacing(12)
        self.body.addWidget(self.start_at_login)
        self.body.addWidget(self.start_at_login_hint)
        self.body.addWidget(self.start_at_login_admin)
        # Troubleshooting: where the app writes what went wrong (an admin may ask for it).
        self.logs_hint = wrapped()
        self.open_logs = QPushButton()
        self.open_logs.setObjectName("openLogFolder")
        logs_row = QHBoxLayout()
        logs_row.addWidget(self.open_logs)
        logs_row.addStretch(1)
        self.body.addSpacing(12)
        self.body.addWidget(self.logs_hint)
        self.body.addLayout(logs_row)
        self.finish()

    def retranslate(self) -> None:
        self.title.setText(self.tr("General"))
        self.language_label.setText(self.tr("&Language:"))
        self.language.setItemText(0, self.tr("As the system"))
        self.start_at_login.setText(self.tr("&Start Labeler when I log in"))
        self.start_at_login_hint.setText(self.tr("Labeler then watches your folders from the moment you log "
                                                 "in. This applies to your user account only."))
        self.logs_hint.setText(self.tr("Labeler writes the problems it meets to a log file. Your administrator "
                                       "may ask for it; it holds no document content."))
        self.open_logs.setText(self.tr("Open &log folder"))


class FoldersPage(Page):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.watched_label = wrapped()
        self.watched = QListWidget()
        self.watched.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.watched_label.setBuddy(self.watched)
        self.add = QPushButton()
        self.remove = QPushButton()
        self.watched_admin = admin_note()
        self.ignored_label = wrapped()
        self.ignored = QListWidget()
        self.ignored.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.ignored_label.setBuddy(self.ignored)
        self.ask_again = QPushButton()
        buttons = QHBoxLayout()
        buttons.addWidget(self.add)
        buttons.addWidget(self.remove)
        buttons.addWidget(self.watched_admin)
        buttons.addStretch(1)
        ignored_buttons = QHBoxLayout()
        ignored_buttons.addWidget(self.ask_again)
        ignored_buttons.addStretch(1)
        self.body.addWidget(self.watched_label)
        self.body.addWidget(self.watched, 2)
        self.body.addLayout(buttons)
        self.body.addSpacing(12)
        self.body.addWidget(self.ignored_label)
        self.body.addWidget(self.ignored, 1)
        self.body.addLayout(ignored_buttons)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Folders"))
        self.watched_label.setText(self.tr("&Watch these folders (and their subfolders) for new documents "
                                           "without a label:"))
        self.add.setText(self.tr("&Add folder…"))
        self.remove.setText(self.tr("&Remove"))
        self.ignored_label.setText(self.tr("&Never ask about documents in these folders:"))
        self.ask_again.setText(self.tr("As&k again"))


class NotificationsPage(Page):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.notifications = QCheckBox()
        self.notifications_admin = admin_note()
        self.quiet = QCheckBox()
        self.quiet_from = QTimeEdit()
        self.quiet_until = QTimeEdit()
        for edit in (self.quiet_from, self.quiet_until):
            edit.setDisplayFormat("HH:mm")
            edit.setWrapping(True)
        self.from_label, self.until_label = QLabel(), QLabel()
        self.from_label.setBuddy(self.quiet_from)
        self.until_label.setBuddy(self.quiet_until)
        self.quiet_hint = wrapped()
        self.quiet_hint.setEnabled(False)
        self.quiet_admin = admin_note()
        times = QHBoxLayout()
        times.setContentsMargins(24, 0, 0, 0)
        for widget in (self.from_label, self.quiet_from, self.until_label, self.quiet_until):
            times.addWidget(widget)
        times.addStretch(1)
        self.body.addWidget(self.notifications)
        self.body.addWidget(self.notifications_admin)
        self.body.addSpacing(12)
        self.body.addWidget(self.quiet)
        self.body.addLayout(times)
        self.body.addWidget(self.quiet_hint)
        self.body.addWidget(self.quiet_admin)
        self.finish()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Notifications"))
        self.notifications.setText(self.tr("&Tell me when new documents need a label"))
        self.quiet.setText(self.tr("&Quiet hours (no notifications)"))
        self.from_label.setText(self.tr("&From"))
        self.until_label.setText(self.tr("&until"))
        self.quiet_hint.setText(self.tr("Documents found during quiet hours wait until they are over. "
                                        "The hours may span midnight, e.g. from 22:00 until 07:00."))


class MenuPage(Page):
    """The "Label…" entry of the file managers' right-click menu."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.intro = wrapped()
        self.entries = QTreeWidget()
        self.entries.setColumnCount(2)
        self.entries.setRootIsDecorated(False)
        self.entries.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.entries.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.entries.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.entries.header().setStretchLastSection(True)
        self.entries.setWordWrap(True)
        self.install = QPushButton()
        self.uninstall = QPushButton()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # busy indicator
        self.busy.setMaximumWidth(140)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.result = wrapped(selectable=True)
        self.result.setObjectName("menuResult")
        buttons = QHBoxLayout()
        buttons.addWidget(self.install)
        buttons.addWidget(self.uninstall)
        buttons.addWidget(self.busy)
        buttons.addStretch(1)
        self.body.addWidget(self.intro)
        self.body.addWidget(self.entries, 1)
        self.body.addLayout(buttons)
        self.body.addWidget(self.result)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Right-click menu"))
        self.intro.setText(self.tr("Adds “Label…” to the right-click menu of your file manager, for your "
                                   "user account only. No administrator rights are needed."))
        self.entries.setHeaderLabels([self.tr("File manager"), self.tr("State")])
        self.install.setText(self.tr("&Install"))
        self.uninstall.setText(self.tr("&Uninstall"))


class SchemePage(Page):
    """The label scheme in force: where it comes from and the state of the last check."""

    FIELDS = ("name", "scheme_id", "version", "source", "signature", "key_id", "last_check",
              "last_success", "last_error", "admin_config")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.note = wrapped(selectable=True)
        self.note.setObjectName("schemeNote")
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.labels: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        for name in self.FIELDS:
            label, value = QLabel(), wrapped(selectable=True)
            value.setObjectName(name)
            self.labels[name], self.values[name] = label, value
            self.form.addRow(label, value)
        self.check = QPushButton()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(140)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.result = wrapped(selectable=True)
        self.result.setObjectName("checkResult")
        buttons = QHBoxLayout()
        buttons.addWidget(self.check)
        buttons.addWidget(self.busy)
        buttons.addStretch(1)
        self.body.addWidget(self.note)
        self.body.addLayout(self.form)
        self.body.addSpacing(6)
        self.body.addLayout(buttons)
        self.body.addWidget(self.result)
        self.finish()

    def set_row_visible(self, name: str, visible: bool) -> None:
        self.form.setRowVisible(self.values[name], visible)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Label scheme"))
        names = {"name": self.tr("Name:"), "scheme_id": self.tr("Id:"), "version": self.tr("Version:"),
                 "source": self.tr("Source:"), "signature": self.tr("Signature:"),
                 "key_id": self.tr("Signed with key:"), "last_check": self.tr("Last check:"),
                 "last_success": self.tr("Last successful check:"), "last_error": self.tr("Last problem:"),
                 "admin_config": self.tr("Admin settings file:")}
        for name, text in names.items():
            self.labels[name].setText(text)
        self.check.setText(self.tr("&Check now"))


class SettingsView(QWidget):
    """Sections on the left, the chosen page on the right, a status line below."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        from .sharing_places import SharingPlacesPage  # it builds on Page, defined above

        self.general, self.folders, self.sharing = GeneralPage(), FoldersPage(), SharingPlacesPage()
        self.notifications, self.menu, self.scheme = NotificationsPage(), MenuPage(), SchemePage()
        self.pages = (self.general, self.folders, self.sharing, self.notifications, self.menu, self.scheme)
        self.sections = QListWidget()
        self.sections.setObjectName("sections")
        self.sections.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.sections.setSpacing(3)
        self.stack = QStackedWidget()
        for page in self.pages:
            self.sections.addItem("")
            self.stack.addWidget(page)
        self.sections.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.sections.setCurrentRow(0)
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QPushButton()
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        main = QHBoxLayout()
        main.addWidget(self.sections)
        main.addWidget(self.stack, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(main, 1)
        layout.addWidget(line)
        layout.addLayout(bottom)
        # Visible keyboard focus whatever the style: lists and fields get a clear outline.
        self.setStyleSheet("QListWidget:focus, QTreeWidget:focus { border: 2px solid palette(highlight); }")

    def retranslate(self) -> None:
        titles = (self.tr("General"), self.tr("Folders"), self.tr("Sharing places"), self.tr("Notifications"),
                  self.tr("Right-click menu"), self.tr("Label scheme"))
        for row, title in enumerate(titles):
            self.sections.item(row).setText(title)
        width = max(self.sections.sizeHintForColumn(0), 120) + 2 * self.sections.frameWidth() + 16
        self.sections.setFixedWidth(width)
        self.close_button.setText(self.tr("Close"))
        for page in self.pages:
            page.retranslate()
