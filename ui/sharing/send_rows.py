"""The "Send by e-mail…" dialog's file list: one row per file with its label and its verdict for the
recipients, in the label dialog's style (colour chip, bold name, the verdict's symbol, the why in smaller
text on the palette's base colour).  Layout and texts only; the dialog decides (ui/sharing/send_plan.py).
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from labeler.core.sharing import ALLOWED, CONDITIONAL
from policy.messages import sentence

from ..label_dialog.card import muted, wrapped
from ..widgets import ColorChip, ScrollPanel, VerdictMark
from .send_plan import FOLDER, MISSING, FileVerdict

MAX_NAMED = 2  # recipients named in "not allowed for …" before "and N more"


class FileRow(QWidget):
    """One file: chip, name and label on the first line; the verdict's symbol, headline and why below."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.chip = ColorChip(size=QSize(14, 14), parent=self)
        self.name = QLabel(self)
        font = self.name.font()
        font.setBold(True)
        self.name.setFont(font)
        self.name.setTextFormat(Qt.TextFormat.PlainText)
        self.label = muted(QLabel(self), smaller=False)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.mark = VerdictMark(parent=self)
        self.headline = wrapped(parent=self)
        self.detail = muted(wrapped(parent=self))
        for text in (self.headline, self.detail):
            text.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(self.chip, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.name, 1)
        top.addWidget(self.label)
        words = QVBoxLayout()
        words.setSpacing(1)
        words.addWidget(self.headline)
        words.addWidget(self.detail)
        verdict = QHBoxLayout()
        verdict.setContentsMargins(0, 0, 0, 0)
        verdict.setSpacing(6)
        verdict.addWidget(self.mark, 0, Qt.AlignmentFlag.AlignTop)
        verdict.addLayout(words, 1)
        self.verdict_box = QWidget(self)
        self.verdict_box.setLayout(verdict)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        layout.setSpacing(3)
        layout.addLayout(top)
        layout.addWidget(self.verdict_box)

    # -- what it shows ------------------------------------------------------------------
    def show_reading(self, name: str) -> None:
        self.name.setText(name)
        self.chip.set_color(None)
        self.label.setText(self.tr("Reading the label…"))
        self.verdict_box.setVisible(False)

    def show_verdict(self, verdict: FileVerdict, lang: str, acknowledged: bool) -> None:
        facts = verdict.facts
        self.name.setText(facts.path.name)
        self.name.setToolTip(str(facts.path))
        label = facts.label
        self.chip.set_color(None if label is None or facts.assumed else label.color)
        if facts.problem is not None:
            self.label.setText(self.tr("could not be read"))
        elif facts.assumed and facts.counted is not None:
            self.label.setText(self.tr("counts as %1 — not labelled").replace("%1", label.display_name(lang)))
            self.label.setToolTip(sentence(facts.counted.why(lang)))
        else:
            self.label.setText(label.display_name(lang))
            self.label.setToolTip("")
        if verdict.verdict is None:
            self.verdict_box.setVisible(False)
            return
        self.verdict_box.setVisible(True)
        self.mark.set_verdict(verdict.verdict)
        self.headline.setText(self.headline_text(verdict, acknowledged))
        self.detail.setText(self.detail_text(verdict))
        self.detail.setVisible(bool(self.detail.text()))

    def headline_text(self, verdict: FileVerdict, acknowledged: bool) -> str:
        if verdict.unreadable:
            problem = {MISSING: self.tr("the file is not there any more."),
                       FOLDER: self.tr("it is a folder, not a file.")}.get(verdict.facts.problem or "",
                                                                          verdict.facts.problem or "")
            return self.tr("Cannot be checked, so it stays out: %1").replace("%1", problem)
        if verdict.verdict == ALLOWED:
            return self.tr("Allowed for %n recipient(s).", "", verdict.everyone)  # "this recipient", "these …"
        if verdict.verdict == CONDITIONAL:
            text = self.tr("Allowed with conditions: %1").replace("%1", sentence("; ".join(verdict.conditions)))
            if not acknowledged:
                text += " " + self.tr("Attached once you tick “I have read the conditions”.")
            return text
        whom = self.recipients_text(verdict.recipients)
        if verdict.decision is not None and verdict.decision.size_limited and verdict.facts.size is not None:
            return self.tr("Too large to attach for %1: %2 KB, over the %3 KB limit.").replace("%1", whom) \
                .replace("%2", str(-(-verdict.facts.size // 1024))).replace("%3", str(verdict.limit_kb))
        return self.tr("Not allowed for %1.").replace("%1", whom)

    def detail_text(self, verdict: FileVerdict) -> str:
        decision = verdict.decision
        if decision is None:
            return ""
        parts = [] if decision.size_limited else [self.tr("Why: %1").replace("%1", sentence(decision.why))]
        if decision.instead and verdict.verdict != ALLOWED:
            parts.append(self.tr("Instead: %1").replace("%1", sentence(decision.instead)))
        return " ".join(p for p in parts if p.split(":", 1)[-1].strip())

    def recipients_text(self, addresses) -> str:
        named = ", ".join(addresses[:MAX_NAMED])
        more = len(addresses) - MAX_NAMED
        return named if more <= 0 else self.tr("%1 and %n more", "", more).replace("%1", named)

    def text(self) -> str:
        """Everything the row says, as plain text (tests and accessibility)."""
        parts = [self.name.text(), self.label.text()]
        if not self.verdict_box.isHidden():
            parts += [self.mark.toolTip(), self.headline.text(), self.detail.text()]
        return "\n".join(p for p in parts if p)


class FilesPanel(ScrollPanel):
    """The files, one row each, on the palette's base colour; scrolls when there are many.

    The list is a Tab stop only while it scrolls (arrow keys and Page Up/Down then move it), and its frame
    takes the highlight colour while it has the focus: a scroll area draws no focus frame of its own, so
    Tab would otherwise land on it unseen.
    """

    FOCUSED_STYLE = "#sendFilesPanel { border: 1px solid palette(highlight); background: palette(base); }"

    def __init__(self, parent=None):
        super().__init__("sendFilesPanel", parent)
        self.rows: list[FileRow] = []
        self.inner = QWidget(self)
        self.inner.setBackgroundRole(QPalette.ColorRole.Base)
        self.column = QVBoxLayout(self.inner)
        self.column.setContentsMargins(14, 8, 14, 8)
        self.column.setSpacing(0)
        self.column.addStretch(1)
        self.area = self.set_content(self.inner)
        self.area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.area.installEventFilter(self)
        self.area.verticalScrollBar().rangeChanged.connect(self._scrolls)

    def _scrolls(self, _minimum: int, maximum: int) -> None:
        self.area.setFocusPolicy(Qt.FocusPolicy.StrongFocus if maximum > 0 else Qt.FocusPolicy.NoFocus)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.area and event.type() in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            self.setStyleSheet(self.FOCUSED_STYLE if event.type() == QEvent.Type.FocusIn else "")
        return super().eventFilter(watched, event)

    def ensure_rows(self, count: int) -> list[FileRow]:
        """At least `count` rows, a thin line between two."""
        while len(self.rows) < count:
            if self.rows:
                line = QFrame(self.inner)
                line.setFrameShape(QFrame.Shape.HLine)
                line.setFrameShadow(QFrame.Shadow.Plain)
                line.setForegroundRole(QPalette.ColorRole.Midlight)
                self.column.insertWidget(self.column.count() - 1, line)
            row = FileRow(self.inner)
            self.column.insertWidget(self.column.count() - 1, row)
            self.rows.append(row)
        return self.rows

    def text(self) -> str:
        return "\n\n".join(row.text() for row in self.rows)
