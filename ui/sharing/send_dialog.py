""""Send by e-mail…": the recipients, what each file's label allows for them, then the mail app.

The file manager's "Send by e-mail…" entry (`labeler send-dialog -- FILE...`)
opens this dialog in the running app.  The person types the recipients; each
file shows its label (or what it counts as when it has none) and, as they
type, its verdict for those recipients: allowed, allowed with conditions (and
the condition), or not allowed (why, and what to do instead).  "Open in mail
app" checks the files once more (labeler.core.share, the check `labeler
share` makes), starts the mail app with the files that may go attached and
says which were left out and why; files with conditions go only once the
person ticked "I have read the conditions".  Every share is recorded
(labeler/desktop/sharing/records.py): attached files as "opened-mail" (or
"acknowledged", on conditions the person confirmed), left out ones as
"refused" (or "unconfirmed": conditions not confirmed), and closing the dialog on files that may not go to the
recipients typed records those as "refused".  Nothing is ever blocked
beyond the e-mail this dialog opens: the person can always close it.

    dialog = open_send_dialog(["budget.xlsx"], scheme, service=service, lang="nl")
    send_by_email(paths, shell)       # from the running app: files of one multi-select join one dialog
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (QCheckBox, QDialog, QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSizePolicy,
                               QVBoxLayout)

from labeler.core.sharing import CONDITIONAL, FORBIDDEN
from policy.channels import channel as channel_named

from .. import i18n
from ..label_dialog.card import icon, muted, scaled, wrapped
from ..widgets.non_modal import show_non_modal
from ..widgets.verdict_mark import mark_color
from ..workers import Worker, start
from .send_plan import (FileFacts, FileVerdict, Recipients, SendResult, channels_of, file_verdict, may_go,
                        parse_recipients, read_facts, record_refusal, send_files)
from .send_rows import FilesPanel

TYPING_PAUSE_MS = 250  # the verdicts follow the recipients once typing pauses this long


class SendDialog(QDialog):
    """Ask for recipients, show each file's verdict for them, open the mail app with the files that may go.

    `sent(SendResult)` once the mail app was asked to open (or could not be started).
    """

    sent = Signal(object)

    def __init__(self, paths, scheme, service=None, lang: str = "en", audit=None, parent=None):
        super().__init__(parent)
        if not paths:
            raise ValueError("the send dialog needs at least one file")
        if service is None:
            from labeler.core.service import LabelService

            service = LabelService.for_desktop(scheme)
        self.scheme, self.service, self.audit = scheme, service, audit
        self.lang = i18n.ensure_language(lang)
        self.paths: list[Path] = []
        self.facts: dict[int, FileFacts] = {}
        self.verdicts: dict[int, FileVerdict] = {}  # by the file's index in self.paths, once read
        self.recipients = Recipients()
        self.last_send: SendResult | None = None
        self.busy = False
        self._readers: list[Worker] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_PAUSE_MS)
        self._timer.timeout.connect(self.evaluate)
        self.setObjectName("sendDialog")
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.setWindowIcon(icon("labeler"))
        self._build()
        self.add_paths(paths)
        self.retranslate()

    # -- layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        self.title = scaled(QLabel(self), 1.25, bold=True)
        self.folder = muted(QLabel(self))
        self.to_label = QLabel(self)
        self.to = QLineEdit(self)
        self.to.setClearButtonEnabled(True)
        self.to_label.setBuddy(self.to)
        self.to.textChanged.connect(self._typed)
        self.to_note = muted(wrapped(parent=self))  # the channels, or why an address is not one
        self.files_title = muted(QLabel(self))
        self.files = FilesPanel(self)
        self.ack = QCheckBox(self)
        self.ack.setVisible(False)
        self.ack.toggled.connect(self.evaluate)
        self.outcome = wrapped(parent=self)  # what "Open in mail app" did, or why it could not
        self.outcome.setVisible(False)
        self.hint = muted(wrapped(parent=self))  # what the button will do, or why it cannot
        self.hint.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.hint.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.close_button = QPushButton(self)
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        self.send_button = QPushButton(self)
        self.send_button.setDefault(True)
        self.send_button.setMinimumWidth(140)
        self.send_button.clicked.connect(self.send)

        to_row = QHBoxLayout()
        to_row.setSpacing(8)
        to_row.addWidget(self.to_label)
        to_row.addWidget(self.to, 1)
        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        buttons.addWidget(self.hint, 1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.send_button)
        separator = QFrame(self)
        separator.setFrameShape(QFrame.Shape.HLine)
        separator.setFrameShadow(QFrame.Shadow.Sunken)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addWidget(self.folder)
        layout.addSpacing(6)
        layout.addLayout(to_row)
        layout.addWidget(self.to_note)
        layout.addSpacing(6)
        layout.addWidget(self.files_title)
        layout.addWidget(self.files, 1)
        layout.addWidget(self.ack)
        layout.addWidget(self.outcome)
        layout.addWidget(separator)
        layout.addLayout(buttons)
        self.resize(640, 520)

    # -- files ------------------------------------------------------------------------------
    def accepts_files(self) -> bool:
        """More files may join while nothing was sent yet (the rest of one multi-select)."""
        return not self.busy and self.last_send is None

    def add_paths(self, paths) -> list[Path]:
        """Add files (those not shown yet); their labels are read off the GUI thread."""
        if not self.accepts_files():
            return []
        known = set(self.paths)
        added = [p for p in dict.fromkeys(Path(p) for p in paths) if p not in known]
        if not added:
            return []
        first = len(self.paths)
        self.paths += added
        for index, row in enumerate(self.files.ensure_rows(len(self.paths))[first:], first):
            row.show_reading(self.paths[index].name)
        worker = Worker(read_facts, self.scheme, self.service, added, self.lang, first)
        worker.signals.progress.connect(self._read_one)
        worker.signals.finished.connect(self._reader_done)
        self._readers.append(start(worker))
        self._render_head()
        self.evaluate()
        return added

    def _read_one(self, item) -> None:
        """One file read: its row shows its verdict now; the rest of the dialog follows once all are read."""
        index, facts = item
        self.facts[index] = facts
        addresses = self.recipients.addresses if self.recipients.usable else ()
        self.verdicts[index] = file_verdict(self.scheme, facts, addresses, self.lang)
        self.files.rows[index].show_verdict(self.verdicts[index], self.lang, self.ack.isChecked())

    def _reader_done(self) -> None:
        self._readers = [w for w in self._readers if not w.done]
        self.evaluate()

    @property
    def loaded(self) -> bool:
        return len(self.facts) == len(self.paths)

    # -- the verdicts, as the person types --------------------------------------------------
    def _typed(self) -> None:
        self._timer.start()  # restarts: evaluated once typing pauses

    def evaluate(self) -> None:
        """Read the recipients and show every file's verdict for them (also called at once before sending)."""
        self._timer.stop()
        self.recipients = parse_recipients(self.to.text())
        addresses = self.recipients.addresses if self.recipients.usable else ()
        self.verdicts = {i: file_verdict(self.scheme, facts, addresses, self.lang) for i, facts in self.facts.items()}
        for index, (path, row) in enumerate(zip(self.paths, self.files.rows)):
            if index in self.verdicts:
                row.show_verdict(self.verdicts[index], self.lang, self.ack.isChecked())
            else:
                row.show_reading(path.name)
        self.ack.setVisible(any(v.verdict == CONDITIONAL for v in self.verdicts.values()) and self.last_send is None)
        self._render_recipients()
        self._render_state()

    def going(self) -> list[FileVerdict]:
        return [v for v in self.verdicts.values() if may_go(v, self.ack.isChecked())]

    def blocked_reason(self) -> str | None:
        """Why "Open in mail app" cannot be used now (a sentence), or None."""
        if self.busy:
            return self.tr("Opening your mail app…")
        if self.last_send is not None and self.last_send.error is None:
            return self.tr("Done: the e-mail was handed to your mail app.")
        if not self.recipients.addresses and not self.recipients.invalid:
            return self.tr("Type the recipients first.")
        if self.recipients.invalid:
            return self.tr("Correct the recipients first.")
        if not self.loaded:
            return self.tr("Reading the labels…")
        if not self.going():
            if any(v.verdict == CONDITIONAL for v in self.verdicts.values()):
                return self.tr("Tick “I have read the conditions” to attach the files with conditions.")
            return self.tr("None of these files may go to these recipients.")
        return None

    def _render_state(self) -> None:
        reason = self.blocked_reason()
        self.send_button.setEnabled(reason is None)
        self.to.setReadOnly(self.busy or (self.last_send is not None and self.last_send.error is None))
        if reason is not None:
            self.hint.setText(reason)
            return
        going, total = len(self.going()), len(self.paths)
        if going == total:
            self.hint.setText(self.tr("%n file(s) will be attached.", "", total))
        else:  # counted by what is left out: "2 of 3 files will be attached; 1 is left out."
            self.hint.setText(self.tr("%1 of %2 files will be attached; %n is left out.", "", total - going)
                              .replace("%1", str(going)).replace("%2", str(total)))

    def _render_recipients(self) -> None:
        if self.recipients.invalid:
            bad = self.recipients.invalid[0]
            text = self.tr("“%1” is not an e-mail address; an address looks like name@example.com.").replace(
                "%1", bad)
            if len(self.recipients.invalid) > 1:
                text += " " + self.tr("%n more are not addresses either.", "", len(self.recipients.invalid) - 1)
            self.to_note.setText(text)
        elif self.recipients.addresses:
            groups = channels_of(self.scheme, self.recipients.addresses)
            # A kind of e-mail and its addresses, as a translated pattern: French puts a space before the colon.
            self.to_note.setText("  ·  ".join(self.tr("%1: %2").replace("%1", channel_named(c).name(self.lang))
                                            .replace("%2", ", ".join(found)) for c, found in groups.items()))
        else:
            self.to_note.setText(self.tr("Separate several addresses with a comma or a semicolon."))

    def _render_head(self) -> None:
        count = len(self.paths)
        self.title.setText(self.tr("Send %1 by e-mail").replace("%1", self.paths[0].name) if count == 1
                           else self.tr("Send %n file(s) by e-mail", "", count))
        folders = {_shown_folder(p.parent) for p in self.paths}
        self.folder.setText(self.tr("in %1").replace("%1", folders.pop()) if len(folders) == 1
                            else self.tr("in several folders"))

    # -- sending ----------------------------------------------------------------------------
    def send(self) -> None:
        """"Open in mail app": the recipients as typed now, the files checked again by the core."""
        self.evaluate()  # what is in the field now, not what was there a typing pause ago
        if self.blocked_reason() is not None:
            return
        self.busy = True
        self.outcome.setVisible(False)
        self._render_state()
        worker = Worker(send_files, self.scheme, list(self.paths), self.recipients.addresses,
                        self.ack.isChecked(), self.lang, self.service, self.audit)
        worker.signals.result.connect(self._sent)
        worker.signals.error.connect(self._failed)
        start(worker)

    def _sent(self, result: SendResult) -> None:
        self.busy = False
        self.last_send = result
        self.outcome.setText(self.outcome_text(result))
        opened = result.error is None and bool(result.attached)
        self._tint_outcome(not opened)
        self.outcome.setVisible(True)
        if opened:
            self.close_button.setDefault(True)
            self.close_button.setFocus()
        else:
            self.last_send = None  # nothing was opened: the person may change something and try again
        self.evaluate()
        self.sent.emit(result)

    def _failed(self, exc) -> None:
        self._sent(SendResult(error=str(exc) or type(exc).__name__))

    def outcome_text(self, result: SendResult) -> str:
        if result.error is not None:
            return self.tr("Your mail app could not be opened: %1").replace("%1", result.error)
        if not result.attached:
            return self.tr("Your mail app was not opened: checked again just now, none of the files may go to "
                           "these recipients.")
        parts = [result.note or self.tr("Your mail app is opening a new e-mail with %n file(s) attached; check "
                                        "it and send it from there.", "", len(result.attached))]
        forbidden = [d.path.name for d in result.refused if d.verdict == FORBIDDEN]
        unchecked = [d.path.name for d in result.refused if d.verdict != FORBIDDEN]
        if forbidden:
            parts.append(self.tr("Not attached, as the label does not allow it for these recipients: %1.")
                         .replace("%1", ", ".join(forbidden)))
        if unchecked:
            parts.append(self.tr("Not attached, as it could not be checked: %1.").replace("%1", ", ".join(unchecked)))
        if result.unconfirmed:
            parts.append(self.tr("Not attached, as the conditions were not confirmed: %1.").replace(
                "%1", ", ".join(d.path.name for d in result.unconfirmed)))
        return " ".join(parts)

    def _tint_outcome(self, problem: bool) -> None:
        """A failure in the "not allowed" colour (readable on light and dark palettes); a success plainly."""
        palette = self.palette()
        if problem:
            dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
            palette.setColor(QPalette.ColorRole.WindowText, QColor(mark_color(FORBIDDEN, dark)))
        self.outcome.setPalette(palette)

    # -- texts ------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.lang = i18n.current_language()
        self.setWindowTitle(self.tr("Send by e-mail"))
        self.to_label.setText(self.tr("&To:"))
        self.to.setPlaceholderText(self.tr("name@example.com; another@example.org"))
        self.to.setAccessibleName(self.tr("Recipients"))
        self.files_title.setText(self.tr("What the labels allow for these recipients"))
        self.files.area.setAccessibleName(self.files_title.text())
        self.ack.setText(self.tr("I have read the conditions and will follow them"))
        self.close_button.setText(self.tr("Close"))
        self.send_button.setText(self.tr("Open in mail app"))
        self.send_button.setToolTip(self.tr("Opens a new e-mail in your mail app with the files that may go "
                                            "attached; you still check and send it there."))
        self._render_head()
        if self.last_send is not None:
            self.outcome.setText(self.outcome_text(self.last_send))
        self.evaluate()

    # -- Qt events --------------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:
        """Enter sends when it may; in the recipients field it otherwise moves on to what is missing."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            button = self.focusWidget()
            if isinstance(button, QPushButton):  # Enter on a button is that button
                button.click()
                return
            self.evaluate()
            if self.send_button.isEnabled():
                self.send()
            elif self.ack.isVisible() and not self.ack.isChecked():
                self.ack.setFocus()
            return
        super().keyPressEvent(event)  # Esc: reject()

    def reject(self) -> None:
        """Esc, Close or the window's close button: files that may not go to the recipients typed are
        recorded as refused (when nothing was sent)."""
        self.evaluate()
        if self.last_send is None and not self.busy and self.recipients.usable and self.loaded:
            refused = [v for v in self.verdicts.values() if v.verdict == FORBIDDEN]
            if refused:
                start(Worker(record_refusal, self.scheme, refused, self.recipients.addresses, self.audit))
        for worker in self._readers:
            worker.cancel()
        super().reject()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _shown_folder(folder: Path) -> str:
    """A folder as a person reads it: ~/Documents for one in their home folder."""
    try:
        return str(Path("~") / folder.relative_to(Path.home()))
    except ValueError:
        return str(folder)


_open: set[SendDialog] = set()  # non-modal dialogs stay alive until closed


def open_send_dialog(paths, scheme=None, service=None, lang: str | None = None, audit=None,
                     parent=None) -> SendDialog:
    """Create, show and raise a send dialog for `paths`; it deletes itself when closed."""
    if scheme is None:
        from labeler.org.distribution import in_force

        scheme = in_force().scheme
    dialog = SendDialog([str(p) for p in paths], scheme, service=service, lang=lang or i18n.current_language(),
                        audit=audit, parent=parent)
    show_non_modal(dialog, _open)
    dialog.to.setFocus()
    return dialog


def send_by_email(paths: list[str], shell) -> None:
    """The running app's "Send by e-mail…" request: a dialog at once; the files handed over right after (one
    process per selected file, as Windows Explorer starts them) join it."""
    joiner = getattr(shell, "send_joiner", None)
    if joiner is None:
        from ..instance_server import DialogJoiner

        joiner = DialogJoiner(lambda files: open_send_dialog(files, shell.service.scheme, service=shell.service,
                                                             lang=shell.lang), parent=shell)
        shell.send_joiner = joiner
    joiner.add(list(paths))
