"""The sharing notice: a labelled document was copied where its label does not let it go.

"budget.xlsx is Confidential. Personal cloud: not allowed. Why: … Instead: …"
with three ways on: move the copy in the sharing place to the desktop's trash
(never the original, never anything outside the place), keep it with a
one-line reason, or open the organisation's collaboration space (when the
scheme names one).  Closing it (or Escape) leaves the copy where it is.
Once copies are really in the trash the notice says so for a few seconds
("Moved 1 copy to the trash: ~/Dropbox/budget.xlsx. The original is
untouched."), where it was: in its window, or as the desktop's notification.
Every notice and every choice goes to the audit trail and syslog
(labeler/desktop/sharing/records.py), never with document content.

One notice at a time: a batch that arrives while one is up joins it (the
text then sums the files up), so a burst of copies is one notice, not a
stack of windows.  The title and text are the core's sentences
(`Notice.title`/`Notice.body`) in the interface language; the buttons are
this module's.

Where the desktop has notifications with buttons (ui/native_notify.py), the
notice is one of them, like the labelling prompt (ui/notifier.py): the
desktop places it and applies its do-not-disturb.  "Keep it — I have a
reason" needs a line of text, which a desktop notification cannot take, so
that button brings up this window with the reason field open.  Without a
notification server, the window is the notice.

    notice = SharingNotice(audit)         # audit: labeler.org.audit.AuditLog, or None (the user's log)
    notice.offer(assessed)                # a labeler.desktop.sharing.moments.Notice: records it, shows it
    notice.answered -> Signal(str)        # the choice ("trash", "keep", …), once done and being recorded
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFocusEvent, QFont, QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from ..i18n import current_language
from ..widgets.notice_frame import BOTTOM_RIGHT, NoticeFrame
from ..workers import Worker, start
from .recording import RecordQueue
from .trashing import trash_copies

native_notify: ModuleType | None
try:
    from .. import native_notify
except ImportError:  # a Qt without QtDBus (a trimmed bundle): the window only
    native_notify = None

if TYPE_CHECKING:
    from labeler.desktop.sharing.moments import Notice

    from ..native_notify import NativePrompt

REASON_MAX = 200  # one line: a reason, not a report
CONFIRM_MS = 6000  # how long "Moved … to the trash" stays up: long enough to read two lines
NAMED_COPIES = 3  # copies named in the confirmation before "and N more"
# The native notification's buttons, by the key the server reports back ("default": a click on it).
ACTION_TRASH, ACTION_KEEP, ACTION_COLLABORATION, ACTION_DEFAULT = "trash", "keep", "collaboration", "default"


class QuietButton(QPushButton):
    """A flat button (the notice's "Close": the quiet way out) that takes a button's frame while it has the
    keyboard focus: a flat button draws no focus frame, so Tab would land on it unseen."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFlat(True)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.setFlat(False)
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.setFlat(True)
        super().focusOutEvent(event)


class SharingNotice(NoticeFrame):
    answered = Signal(str)  # the choice made; its record is on its way to the audit trail

    def __init__(self, audit=None, forwarder=None, native: NativePrompt | None | Literal["auto"] = "auto",
                 parent: QWidget | None = None):
        # Bottom right, like the labelling prompt: near the tray, where a notice is expected.
        super().__init__("sharingNotice", corner=BOTTOM_RIGHT, min_width=380, plain_text=True, parent=parent)
        self.audit, self.forwarder = audit, forwarder
        self.records = RecordQueue(self)
        self._notice: Notice | None = None
        self._problem: str | None = None  # the one sentence about a trash that failed
        self._trashing: Worker | None = None
        # After a trash: the window shows what was done for a few seconds, then goes.
        self.confirmation = QTimer(self)
        self.confirmation.setSingleShot(True)
        self.confirmation.setInterval(CONFIRM_MS)
        self.confirmation.timeout.connect(self._confirmation_over)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.title = QLabel()
        self.title.setObjectName("title")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = QFont(self.title.font())
        font.setBold(True)
        self.title.setFont(font)
        self.content.insertWidget(0, self.title)
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # an address to copy
        self.problem.hide()
        self.content.addWidget(self.problem)

        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.reason.setMaxLength(REASON_MAX)
        self.reason.textChanged.connect(self._reason_changed)
        self.reason.returnPressed.connect(self.confirm_keep)
        self.reason_label = QLabel()
        self.reason_label.setBuddy(self.reason)
        self.confirm = QPushButton()
        self.confirm.setEnabled(False)
        self.confirm.clicked.connect(self.confirm_keep)
        self.reason_row = QWidget()
        row = QHBoxLayout(self.reason_row)
        row.setContentsMargins(0, 4, 0, 0)
        row.addWidget(self.reason_label)
        row.addWidget(self.reason, 1)
        row.addWidget(self.confirm)
        self.reason_row.hide()
        self.content.addWidget(self.reason_row)

        self.trash_button = QPushButton()
        self.trash_button.setObjectName("trash")
        self.trash_button.setDefault(True)
        self.trash_button.clicked.connect(self.move_to_trash)
        self.keep_button = QPushButton()
        self.keep_button.setObjectName("keep")
        self.keep_button.clicked.connect(self.ask_reason)
        # Beside the text it answers ("Instead: use the collaboration space"), not among the choices below.
        self.collaboration_button = QPushButton()
        self.collaboration_button.setObjectName("collaboration")
        self.collaboration_button.clicked.connect(self.open_collaboration)
        collaboration = QHBoxLayout()
        collaboration.setContentsMargins(0, 2, 0, 2)
        collaboration.addWidget(self.collaboration_button)
        collaboration.addStretch(1)
        self.content.insertLayout(2, collaboration)
        self.close_button = QuietButton()
        self.close_button.setObjectName("close")
        self.close_button.clicked.connect(self.dismiss)
        self.buttons.addWidget(self.close_button)
        self.buttons.addStretch(1)
        self.buttons.addWidget(self.keep_button)
        self.buttons.addWidget(self.trash_button)
        self.setTabOrder(self.trash_button, self.keep_button)
        self.setTabOrder(self.keep_button, self.collaboration_button)
        self.setTabOrder(self.collaboration_button, self.close_button)
        self.retranslate()

        if native == "auto":
            native = native_notify.native_prompt() if native_notify is not None else None
        self.native: NativePrompt | None = native
        if self.native is not None:
            self.native.actionInvoked.connect(self._native_action)
            self.native.closed.connect(self._native_closed)
            self.native.failed.connect(self._native_failed)
            if self.native.available is None:
                self.native.probe()

    # -- what is shown

    def current(self) -> Notice | None:
        """The notice up now (None: none)."""
        return self._notice

    def offer(self, notice: Notice, show: bool = True) -> None:
        """Record `notice` and show it, joined with the one already up; `show` False: record only.

        A file that arrives again while its notice is up stays one moment (the newer one).
        """
        self.records.notice(self.audit, notice, self.forwarder, shown=show)
        if not show:
            return
        self.confirmation.stop()  # a confirmation still up gives way to the new notice
        if self._notice is None:
            self._notice = notice
            # A new notice starts on its first choice, whatever had the focus when the last one was answered
            # (the window never takes the focus itself; this is where it is once the person goes there).
            self.trash_button.setFocus()
        else:
            newer = {m.path for m in notice.moments}
            moments = tuple(m for m in self._notice.moments if m.path not in newer) + tuple(notice.moments)
            self._notice = replace(self._notice, moments=moments,
                                   collaboration_url=notice.collaboration_url or self._notice.collaboration_url)
        self._show()

    def isVisible(self) -> bool:  # noqa: N802 - Qt's name; "is a notice up?" for the shell and tests
        return super().isVisible() or (self.native is not None and self.native.shown)

    def _show(self) -> None:
        self._fill()
        if self._uses_native():
            assert self.native is not None and self._notice is not None
            actions = [(ACTION_DEFAULT, self.title.text()), (ACTION_TRASH, self.trash_button.text()),
                       (ACTION_KEEP, self.keep_button.text())]
            if self._notice.collaboration_url:
                actions.append((ACTION_COLLABORATION, self.collaboration_button.text()))
            self.native.show(self.title.text(), self.message.text(), actions)
        else:
            self.present_window()

    def _uses_native(self) -> bool:
        """Natively unless the window is already up (it then stays the one place of the notice)."""
        return (self.native is not None and bool(self.native.available) and not super().isVisible()
                and self._problem is None and not self.reason_row.isVisible())

    def _fill(self) -> None:
        notice = self._notice
        if notice is None:
            return
        lang = current_language()
        self.title.setText(notice.title(lang))
        self.message.setText(notice.body(lang))
        count = len(notice.moments)
        self.trash_button.setText(self.tr("Move this copy to the trash") if count == 1
                                  else self.tr("Move these %n copies to the trash", "", count))
        self.keep_button.setText(self.tr("Keep it — I have a reason") if count == 1
                                 else self.tr("Keep them — I have a reason"))
        self.reason.setPlaceholderText(self.tr("Why this copy may stay here, in one line") if count == 1
                                       else self.tr("Why these copies may stay here, in one line"))
        places = ", ".join(sorted({str(m.place.path) for m in notice.moments}))
        self.trash_button.setToolTip(
            self.tr("Only the copy in %1 goes to the trash; the original stays where it is.").replace("%1", places)
            if count == 1 else
            self.tr("Only the copies in %1 go to the trash; the originals stay where they are.").replace("%1", places))
        self.collaboration_button.setVisible(bool(notice.collaboration_url))
        self.collaboration_button.setToolTip(notice.collaboration_url or "")
        self.problem.setText(self._problem or "")
        self.problem.setVisible(self._problem is not None)
        self.trash_button.setEnabled(self._trashing is None)
        self.trash_button.show()  # hidden while a confirmation was up
        self.keep_button.show()
        self.close_button.setToolTip(self.tr("Leave the copy where it is, without a reason"))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Sharing notice"))
        self.keep_button.setText(self.tr("Keep it — I have a reason"))
        self.collaboration_button.setText(self.tr("Open the collaboration space"))
        self.close_button.setText(self.tr("Close"))
        self.close_button.setToolTip(self.tr("Leave the copy where it is, without a reason"))
        self.reason_label.setText(self.tr("&Reason:"))
        self.reason.setPlaceholderText(self.tr("Why this copy may stay here, in one line"))
        self.confirm.setText(self.tr("Keep"))
        self.trash_button.setText(self.tr("Move this copy to the trash"))
        self._fill()

    # -- the choices

    def move_to_trash(self) -> None:
        """Send the copies in the sharing place to the desktop's trash (a worker); the originals stay."""
        if self._notice is None or self._trashing is not None:
            return
        worker = Worker(trash_copies, self._notice.moments)
        worker.signals.result.connect(self._trashed)
        worker.signals.finished.connect(self._trash_finished)
        self._trashing = start(worker)
        self.trash_button.setEnabled(False)

    def _trashed(self, result) -> None:
        trashed, failed = result  # moments moved to the trash; (moment, reason) left where they were
        notice = self._notice
        if notice is None:
            return
        if trashed:
            self.records.choice(self.audit, replace(notice, moments=tuple(trashed)), "trash", None, self.forwarder)
        if not failed:
            in_window = super().isVisible()  # else the notice was the desktop's notification
            self._finish("trash")
            self._confirm(self.trashed_text(trashed), in_window)
            return
        # Said in one sentence; the notice stays up for the copies still there, to keep or close.
        moment, reason = failed[0]
        if len(failed) == 1:
            self._problem = (self.tr("“%1” could not be moved to the trash (%2); it is still in %3.")
                             .replace("%1", moment.path.name).replace("%2", reason)
                             .replace("%3", str(moment.path.parent)))
        else:
            self._problem = (self.tr("%n copies could not be moved to the trash (%1); they are still where "
                                     "they were.", "", len(failed)).replace("%1", reason))
        if trashed:  # what did go is said too, first
            self._problem = f"{self.trashed_text(trashed)} {self._problem}"
        self._notice = replace(notice, moments=tuple(m for m, _ in failed))
        if self.native is not None:
            self.native.close()
        self._fill()
        self.present_window()

    def trashed_text(self, trashed) -> str:
        """What the trash did: "Moved 1 copy to the trash: ~/Dropbox/budget.xlsx. The original is untouched."."""
        named = [_shown_path(Path(m.path)) for m in trashed[:NAMED_COPIES]]
        more = len(trashed) - len(named)
        where = ", ".join(named) if more <= 0 else self.tr("%1 and %n more", "", more).replace("%1", ", ".join(named))
        return self.tr("Moved %n copy(s) to the trash: %1. The original(s) are untouched.", "", len(trashed)) \
            .replace("%1", where)

    def _confirm(self, text: str, in_window: bool) -> None:
        """Say what the trash did for a few seconds, where the notice was: its window, or the desktop's
        notification (without buttons: there is nothing left to choose)."""
        title = self.tr("Moved to the trash")
        if not in_window and self.native is not None and self.native.available:
            self.native.show(title, text, [])
            return
        self.title.setText(title)
        self.message.setText(text)
        for widget in (self.trash_button, self.keep_button, self.collaboration_button, self.problem):
            widget.hide()
        self.close_button.setToolTip("")  # no copy left to leave where it is
        self.present_window()
        self.close_button.setFocus()
        self.confirmation.start()

    def confirming(self) -> bool:
        """Whether the window shows a confirmation now (no notice waits for an answer)."""
        return self._notice is None and self.confirmation.isActive() and super().isVisible()

    def _confirmation_over(self) -> None:
        if self._notice is None:
            super().hide()

    def _trash_finished(self) -> None:
        self._trashing = None
        self.trash_button.setEnabled(self._notice is not None)

    def ask_reason(self) -> None:
        """Reveal the reason field, ready to type (the person asked: the window may take the focus)."""
        if self._notice is None:
            return
        self.reason_row.show()
        if self.native is not None:
            self.native.close()
        self._fill()
        self.present_window()
        self.activateWindow()
        self.reason.setFocus()

    def _reason_changed(self, text: str) -> None:
        self.confirm.setEnabled(bool(text.strip()))

    def confirm_keep(self) -> None:
        reason = " ".join(self.reason.text().split())
        if self._notice is None or not reason:
            return
        self.records.choice(self.audit, self._notice, "keep", reason, self.forwarder)
        self._finish("keep")

    def open_collaboration(self) -> None:
        notice = self._notice
        if notice is None or not notice.collaboration_url:
            return
        if not QDesktopServices.openUrl(QUrl(notice.collaboration_url)):
            # No browser to open it: not recorded as used; the notice stays, with the address to copy.
            self._problem = (self.tr("The collaboration space could not be opened here (no web browser was "
                                     "found); its address is %1").replace("%1", notice.collaboration_url))
            if self.native is not None:
                self.native.close()
            self._fill()
            self.present_window()
            return
        self.records.choice(self.audit, notice, "collaboration", None, self.forwarder)
        self._finish("collaboration")

    def dismiss(self) -> None:
        """Closed without a choice: the copies stay; that is recorded as "dismissed"."""
        if self._notice is None:  # nothing to answer (a confirmation, say): just gone
            self.confirmation.stop()
            self.hide()
            return
        self.records.choice(self.audit, self._notice, "dismissed", None, self.forwarder)
        self._finish("dismissed")

    def _finish(self, choice: str) -> None:
        self._notice = None
        self._problem = None
        self.reason.clear()
        self.reason_row.hide()
        if self.native is not None:
            self.native.close()
        super().hide()
        self.answered.emit(choice)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # Outside a dialog a button takes only Space; Enter on the button that has the focus is that
            # button too (the reason field handles its own Enter: keep).
            button = self.focusWidget()
            if isinstance(button, QPushButton) and button.isEnabled():
                button.click()
                return
        if event.key() == Qt.Key.Key_Escape:
            if self.reason_row.isVisible() and self.reason.hasFocus():
                self.reason_row.hide()  # Escape in the reason field: not keeping after all, the notice stays
                self.keep_button.setFocus()
                self.adjustSize()
                self.place()
            else:
                self.dismiss()
            return
        super().keyPressEvent(event)

    # -- the desktop's notification

    def _native_action(self, key: str) -> None:
        if key == ACTION_TRASH:
            self.move_to_trash()
        elif key == ACTION_KEEP:
            self.ask_reason()
        elif key == ACTION_COLLABORATION:
            self.open_collaboration()
        elif self._notice is not None:  # a click on the notification itself: the window, to choose there
            self._fill()
            self.present_window()

    def _native_closed(self) -> None:
        if self._notice is not None and not super().isVisible():
            self.dismiss()

    def _native_failed(self) -> None:
        """The notification could not be shown, or its server went away: the window takes over."""
        if self._notice is not None:
            self._fill()
            self.present_window()

    # -- the app quits

    def close(self) -> bool:
        if self.native is not None:
            self.native.shutdown()
        self.records.wait()
        return super().close()


def _shown_path(path: Path) -> str:
    """A path as a person reads it: ~/Dropbox/budget.xlsx for one in their home folder."""
    try:
        return str(Path("~") / path.relative_to(Path.home()))
    except ValueError:
        return str(path)
