"""The batched, non-modal prompt: "3 new documents in Documents are not labelled".

One small tool window in the corner of the screen, never one per file and
never modal: new arrivals change the text of the one already shown.  It does
not take the keyboard focus from what the user is typing.  Whether to show it
at all (snoozed, quiet hours, notifications off) is the prompt queue's call,
made by the shell; this module only shows and reports the answer.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from .tray import app_icon

MARGIN = 16  # from the screen's edges


class Notifier(QFrame):
    labelNow = Signal()
    later = Signal()
    ignoreFolder = Signal(str)  # the folder not to ask about again

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Tool | Qt.WindowType.FramelessWindowHint
                         | Qt.WindowType.WindowStaysOnTopHint)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setObjectName("notifier")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#notifier { border: 1px solid palette(mid); border-radius: 6px; "
                           "background: palette(window); }")
        self._folder: str | None = None

        icon = QLabel()
        icon.setPixmap(app_icon(1).pixmap(32, 32))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setMinimumWidth(300)
        self.label_now = QPushButton()
        self.label_now.setDefault(True)
        self.label_now.clicked.connect(self.labelNow.emit)
        self.later_button = QPushButton()
        self.later_button.clicked.connect(self.later.emit)
        self.ignore_button = QPushButton()
        self.ignore_button.setFlat(True)
        self.ignore_button.clicked.connect(self._ignore)

        top = QHBoxLayout()
        top.addWidget(icon)
        top.addWidget(self.message, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.ignore_button)
        buttons.addStretch(1)
        buttons.addWidget(self.later_button)
        buttons.addWidget(self.label_now)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.addLayout(top)
        layout.addLayout(buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Documents to label"))
        self.label_now.setText(self.tr("Label now"))
        # "Later" snoozes every reminder for SNOOZE_MINUTES (ui/app.py, one hour): the button says so.
        self.later_button.setText(self.tr("Remind me in an hour"))
        self.later_button.setToolTip(self.tr("Until then there are no reminders about any folder; "
                                             "the documents stay on the list."))
        self.ignore_button.setText(self.tr("Don't ask for this folder"))

    @property
    def folder(self) -> str | None:
        return self._folder

    def present(self, text: str, folder: str | None) -> None:
        """Show `text`, or update the text if already shown; `folder`: offer "Don't ask" for it."""
        self.message.setText(text)
        self._folder = folder
        self.ignore_button.setVisible(folder is not None)
        if folder is not None:
            self.ignore_button.setToolTip(folder)
        self.adjustSize()
        self._place()
        self.show()
        self.raise_()

    def _place(self) -> None:
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return
        area = screen.availableGeometry()
        size = self.sizeHint().expandedTo(self.size())
        self.move(QPoint(area.right() - size.width() - MARGIN, area.bottom() - size.height() - MARGIN))

    def _ignore(self) -> None:
        if self._folder is not None:
            self.ignoreFolder.emit(self._folder)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
