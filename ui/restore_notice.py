"""The notice that another program's save dropped a label: put it back, or leave it.

One small non-modal tool window, like the prompt (ui/notifier.py), in the look
of every notice (ui/widgets/notice_frame.py): it never takes the keyboard
focus and never restores anything by itself.  Drops wait in order; the
notice shows the first one and how many others wait, and each answer moves
on to the next.

    notice.offer(dropped)        # a label_index.Dropped; the same path twice is one offer
    notice.restore  -> Signal(object)   # the Dropped to put back (one click)
    notice.dismiss  -> Signal(object)   # the Dropped to leave as it is
"""
from __future__ import annotations

import os

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QWidget

from .widgets.notice_frame import TOP_RIGHT, NoticeFrame


class RestoreNotice(NoticeFrame):
    restore = Signal(object)  # label_index.Dropped
    dismiss = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        # Top right: the "documents to label" prompt takes the bottom right corner.
        super().__init__("restoreNotice", corner=TOP_RIGHT, min_width=320, plain_text=True, parent=parent)
        self._waiting: list = []  # Dropped, oldest first; the first is shown

        self.restore_button = QPushButton()
        self.restore_button.setDefault(True)
        self.restore_button.clicked.connect(self._restore)
        self.leave_button = QPushButton()
        self.leave_button.clicked.connect(self._leave)

        self.buttons.addStretch(1)
        self.buttons.addWidget(self.leave_button)
        self.buttons.addWidget(self.restore_button)
        self.retranslate()

    # -- what is waiting

    def offer(self, dropped) -> None:
        """Ask about `dropped` (after the ones already waiting); shows the notice."""
        if any(d.path == dropped.path for d in self._waiting):
            self._waiting = [dropped if d.path == dropped.path else d for d in self._waiting]
        else:
            self._waiting.append(dropped)
        self._show_first()

    def withdraw(self, path: str) -> None:
        """Forget the offer for `path` (answered elsewhere, relabelled, or gone)."""
        self._waiting = [d for d in self._waiting if d.path != path]
        self._show_first()

    def waiting(self) -> list:
        return list(self._waiting)

    def current(self):
        return self._waiting[0] if self._waiting else None

    # -- answers

    def _restore(self) -> None:
        if self._waiting:
            self.restore.emit(self._waiting.pop(0))
        self._show_first()

    def _leave(self) -> None:
        if self._waiting:
            self.dismiss.emit(self._waiting.pop(0))
        self._show_first()

    # -- showing

    def _show_first(self) -> None:
        if not self._waiting:
            self.hide()
            return
        self.message.setText(self.text_for(self._waiting[0], len(self._waiting) - 1))
        self.present_window()

    def text_for(self, dropped, others: int) -> str:
        text = (self.tr("Another program saved “%1” without its label %2. Put the label back?")
                .replace("%1", os.path.basename(dropped.path)).replace("%2", dropped.label_name))
        if others:
            text += "\n" + self.tr("%n more document(s) lost their label the same way.", "", others)
        return text

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Label dropped by another program"))
        self.restore_button.setText(self.tr("Put the label back"))
        self.restore_button.setToolTip(self.tr("Label the document again with the label it had; "
                                               "the audit log records it as restored"))
        self.leave_button.setText(self.tr("Leave it unlabelled"))
        if self._waiting:
            self.message.setText(self.text_for(self._waiting[0], len(self._waiting) - 1))
