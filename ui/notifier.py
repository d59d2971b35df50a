"""The batched, non-modal prompt: "3 new documents in Documents are not labelled".

Where the desktop has notifications with buttons (ui/native_notify.py), the
prompt is one of the desktop's own notifications: the desktop places it,
keeps it in its list and applies its do-not-disturb.  Otherwise -- no
notification server, one without actions, or one that fails -- it is one
small tool window in the corner of the screen (which a Wayland compositor
may place as it likes; the look is ui/widgets/notice_frame.py).  Either way never one per file and never modal: new
arrivals change the text of the one already shown.  It does not take the
keyboard focus from what the user is typing.  Whether to show it at all
(snoozed, quiet hours, notifications off) is the prompt queue's call, made by
the shell; this module only shows and reports the answer.

The shell sees one object either way: `present`, `hide`, `close` and
`isVisible` cover the native notification as well as the window.
"""
from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QWidget

from .widgets.notice_frame import BOTTOM_RIGHT, NoticeFrame

native_notify: ModuleType | None
try:
    from . import native_notify
except ImportError:  # a Qt without QtDBus (a trimmed bundle): the window only
    native_notify = None

if TYPE_CHECKING:
    from .native_notify import NativePrompt

# The native notification's buttons, by the key the server reports back. "default" is a click
# on the notification itself (servers show no button for it).
ACTION_LABEL, ACTION_LATER, ACTION_IGNORE, ACTION_DEFAULT = "label", "later", "ignore", "default"


class Notifier(NoticeFrame):
    labelNow = Signal()
    later = Signal()
    ignoreFolder = Signal(str)  # the folder not to ask about again

    def __init__(self, parent: QWidget | None = None,
                 native: NativePrompt | None | Literal["auto"] = "auto"):
        """`native`: the desktop's notifications to use ("auto": this platform's, if any; None: the window)."""
        super().__init__("notifier", corner=BOTTOM_RIGHT, min_width=300, parent=parent)
        self._folder: str | None = None

        self.label_now = QPushButton()
        self.label_now.setDefault(True)
        self.label_now.clicked.connect(self.labelNow.emit)
        self.later_button = QPushButton()
        self.later_button.clicked.connect(self.later.emit)
        self.ignore_button = QPushButton()
        self.ignore_button.setFlat(True)
        self.ignore_button.clicked.connect(self._ignore)

        self.buttons.addWidget(self.ignore_button)
        self.buttons.addStretch(1)
        self.buttons.addWidget(self.later_button)
        self.buttons.addWidget(self.label_now)
        self.retranslate()

        if native == "auto":
            native = native_notify.native_prompt() if native_notify is not None else None
        self.native: NativePrompt | None = native
        self._told: str | None = None  # the text the native notification said, until hide()
        self._waiting = False  # present() came before the native service answered probe()
        if self.native is not None:
            self.native.ready.connect(self._native_ready)
            self.native.actionInvoked.connect(self._native_action)
            self.native.failed.connect(self._native_failed)
            if self.native.available is None:
                self.native.probe()

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

    @property
    def uses_native(self) -> bool:
        """The next prompt goes to the desktop's notifications (the window is not already up)."""
        return self.native is not None and bool(self.native.available) and not super().isVisible()

    def present(self, text: str, folder: str | None) -> None:
        """Show `text`, or update the text if already shown; `folder`: offer "Don't ask" for it.

        Natively, the same text is not sent twice: a notification the user dismissed, or that
        went to the desktop's list, is not repeated until the text changes or the shell hides
        the prompt (an answer, or nothing left to label).
        """
        self.message.setText(text)
        self._folder = folder
        self.ignore_button.setVisible(folder is not None)
        if folder is not None:
            self.ignore_button.setToolTip(folder)
        if self.native is not None and self.native.available is None and not super().isVisible():
            self._waiting = True  # shown as soon as the service says what it can do
            return
        if self.uses_native:
            self._present_native()
        else:
            self._present_window()

    def _present_window(self) -> None:
        self.present_window()

    def _present_native(self) -> None:
        assert self.native is not None
        text = self.message.text()
        if text == self._told:
            return
        self._told = text
        actions = [(ACTION_DEFAULT, self.label_now.text()), (ACTION_LABEL, self.label_now.text()),
                   (ACTION_LATER, self.later_button.text())]
        if self._folder is not None:
            actions.append((ACTION_IGNORE, self.ignore_button.text()))
        self.native.show(self.windowTitle(), text, actions)

    def isVisible(self) -> bool:  # noqa: N802 - Qt's name; the shell asks whether a prompt is up
        return super().isVisible() or self._waiting or (self.native is not None and self.native.shown)

    def hide(self) -> None:
        self._waiting = False
        self._told = None
        if self.native is not None:
            self.native.close()
        super().hide()

    def close(self) -> bool:
        self._waiting = False
        self._told = None
        if self.native is not None:
            self.native.shutdown()
        return super().close()

    def _native_ready(self, available: bool) -> None:
        if self._waiting:
            self._waiting = False
            self.present(self.message.text(), self._folder)

    def _native_action(self, key: str) -> None:
        self._told = None
        if key in (ACTION_LABEL, ACTION_DEFAULT):
            self.labelNow.emit()
        elif key == ACTION_LATER:
            self.later.emit()
        elif key == ACTION_IGNORE:
            self._ignore()

    def _native_failed(self) -> None:
        """The notification could not be shown, or its server went away: the window takes over."""
        if self._told is not None:
            self._told = None
            self._present_window()

    def _ignore(self) -> None:
        if self._folder is not None:
            self.ignoreFolder.emit(self._folder)
