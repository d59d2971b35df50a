"""The Awareness page's "Moments of sharing": the notices and what was chosen after them.

Counted from the audit trail (labeler.core.awareness.sharing_moments): how
many times the app explained a label where a document was leaving, and what
the person did next -- the copy taken back, the collaboration space used,
kept with a reason -- plus the shares checked with "Send by e-mail…" or
`labeler share`.  Told as progress: what went the better way, never a
score of mistakes.

    card = SharingMomentsCard()
    card.set_counts(stats.sharing)     # a SharingMomentCounts, or None while the trail is being read
"""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout

from .awareness_page import Card, muted, scaled, wrapped


class SharingMomentsCard(Card):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._counts = None
        self.title = scaled(QLabel(self), 1.05, bold=True)
        self.progress = wrapped(self)
        self.progress.setObjectName("sharingProgress")
        self.choices = wrapped(self)
        self.choices.setObjectName("sharingChoices")
        self.shares = wrapped(self)
        self.shares.setObjectName("sharingShares")
        self.hint = muted(wrapped(self))
        box = QVBoxLayout(self)
        box.setContentsMargins(14, 12, 14, 12)
        box.setSpacing(6)
        for widget in (self.title, self.progress, self.choices, self.shares, self.hint):
            box.addWidget(widget)
        self.retranslate()

    def set_counts(self, counts) -> None:
        self._counts = counts
        self._fill()

    def _fill(self) -> None:
        counts = self._counts
        noticed = getattr(counts, "notices", 0)
        held = getattr(counts, "held", 0)
        shares = getattr(counts, "shares", 0)
        if counts is None or (not noticed and not shares and not held):
            self.progress.setText(self.tr("No document has needed a word at the moment of sharing yet. When one "
                                          "does, what you chose afterwards shows here."))
            self.progress.setVisible(True)
            for label in (self.choices, self.shares):
                label.setVisible(False)
            return
        # Each line says one thing once: the notices, what followed them, the shares checked.
        self.progress.setText(self.progress_text(counts))
        self.progress.setVisible(bool(noticed or held))
        self.choices.setText(self.choices_text(counts))
        self.choices.setVisible(bool(noticed))
        self.shares.setText(self.shares_text(counts))
        self.shares.setVisible(bool(shares))

    def progress_text(self, counts) -> str:
        if not counts.notices:
            return self.held_text(counts) if counts.held else ""
        text = self.tr("Labeler explained a label %n time(s) where a document was leaving.", "", counts.notices)
        if counts.better_way:
            text += " " + self.tr("%n time(s) the better way was taken: the copy taken back or the "
                                  "collaboration space used.", "", counts.better_way)
        return text

    def choices_text(self, counts) -> str:
        """"What you chose afterwards: 45 moved to the trash, 1 kept with a reason." (choices made only)."""
        parts = [self.tr("%n moved to the trash", "", counts.trash) if counts.trash else "",
                 self.tr("the collaboration space opened %n time(s)", "", counts.collaboration)
                 if counts.collaboration else "",
                 self.tr("%n kept with a reason", "", counts.keep) if counts.keep else "",
                 self.tr("%n closed without a choice", "", counts.dismissed) if counts.dismissed else ""]
        chosen = ", ".join(p for p in parts if p)
        text = self.tr("What you chose afterwards: %1.").replace("%1", chosen) if chosen else ""
        if counts.held:
            text = f"{text} {self.held_text(counts)}".strip()
        return text

    def held_text(self, counts) -> str:
        return self.tr("%n document(s) arrived during quiet hours or with notifications off: recorded, not "
                       "shown.", "", counts.held)

    def shares_text(self, counts) -> str:
        """The files checked with "Send by e-mail…" or `labeler share`: those that could go, those kept back
        (the e-mail, stick or printer is the person's: "could go" is as far as the check can tell)."""
        could_go = counts.opened + counts.acknowledged + counts.checked
        parts = [self.tr("%n could go", "", could_go) if could_go else "",
                 self.tr("%n kept back as the label asks", "", counts.refused) if counts.refused else "",
                 self.tr("%n not sent, as its conditions were not confirmed", "", counts.unconfirmed)
                 if counts.unconfirmed else ""]
        return self.tr("You checked %n file(s) before sharing them: %1.", "", counts.shares).replace(
            "%1", ", ".join(p for p in parts if p))

    def retranslate(self) -> None:
        self.title.setText(self.tr("Moments of sharing"))
        self.hint.setText(self.tr("Counted per document, from the audit trail on this computer."))
        self._fill()

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
