"""The labelling dialog's state and rules: what is read, recommended, chosen, allowed and applied.

State lives here; the view only shows it.  Every file operation (reading the
current labels, content hints, applying) runs in a `ui.workers.Worker`, so
the dialog appears at once and never freezes; results come back as signals.

What the dialog shows is the subclass's part (`LabelDialogController` in
controller.py): this class calls the rendering hooks at the end of the file
whenever the state changes, and never composes a sentence itself.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal

from labeler.core.outcome import Outcome
from labeler.core.recognise import needs_justification
from policy import Label
from ui.workers import Worker, start

from .tasks import change_labels, read_labels, run_hints
from .views import LabelCard, LabelDialogView

MAX_DIGITS = 9
MAX_HINTED_FILES = 100

class LabelChoice(QObject):
    """The dialog's state and what the user may do with it; `LabelDialogController` shows it."""

    labelsApplied = Signal(list)
    highlightChanged = Signal(str)  # label id shown in the consequences panel ("" for removing)

    def __init__(self, dialog, view: LabelDialogView, paths, scheme, service, lang: str):
        super().__init__(dialog)
        self.dialog, self.view = dialog, view
        self.paths = [Path(p) for p in paths]
        self.scheme, self.service, self.lang = scheme, service, lang
        self.labels: list[Label] = list(scheme.labels)
        self.shown: dict[int, Outcome] = {}  # index -> `show` Outcome
        self.suggestions: dict[int, object] = {}
        self.hints_done = not scheme.hint_rules
        self.recommended: Label | None = None
        self.selected: Label | None = None
        self.removing = False
        self.highlighted: Label | None = None
        self.preselected_default = False
        self.user_chose = False
        self.applying: Worker | None = None
        self.applied: dict[int, Outcome] = {}
        self.applied_label: Label | None = None
        self.cancelled = False
        self._workers: set[Worker] = set()

        for index, label in enumerate(self.labels):
            card = view.add_card(label.id, label.color, index + 1 if index < MAX_DIGITS else None)
            card.clicked.connect(self._on_card_clicked)
            card.hovered.connect(self._on_card_hovered)
            card.unhovered.connect(self._on_card_unhovered)
            card.focused.connect(self._on_card_focused)
            card.navigate.connect(self._on_card_navigate)
        page = view.choose
        page.banner.select.clicked.connect(self.select_recommended)
        page.justification.textChanged.connect(self._render_state)
        view.remove.toggled.connect(self._on_remove_toggled)
        view.apply.clicked.connect(self.apply)
        view.close.clicked.connect(self._on_close_clicked)

        default = scheme.default_label
        if default is not None:
            self._select(default, by_user=False)
            self.preselected_default = True
        self.retranslate()
        self._start(Worker(read_labels, service, list(self.paths)), self._on_shown, self._on_all_shown)
        self.hints: Worker | None = None
        if scheme.hint_rules:
            # A recommendation for a large batch comes from its first files: enough to notice, bounded in time.
            self.hints = self._start(Worker(run_hints, self.paths[:MAX_HINTED_FILES], scheme.hint_rules, lang),
                                     self._on_hint, self._on_hints_done)

    # -- workers ---------------------------------------------------------------------
    def _start(self, worker: Worker, on_progress, on_finished) -> Worker:
        self._workers.add(worker)
        worker.signals.progress.connect(on_progress)
        worker.signals.finished.connect(on_finished)
        start(worker)
        return worker

    @property
    def busy(self) -> bool:
        return self.applying is not None

    @property
    def loaded(self) -> bool:
        return len(self.shown) == len(self.paths)

    def shutdown(self) -> None:
        """The dialog closes: stop what can stop (between files)."""
        for worker in self._workers:
            worker.cancel()

    # -- reading current labels and hints --------------------------------------------
    def _on_shown(self, item) -> None:
        index, outcome = item
        self.shown[index] = outcome
        if len(self.paths) == 1:
            self._render_files()
        else:  # a long batch: update one row, not the whole list
            self._render_file_item(index)

    def _on_all_shown(self) -> None:
        if not self.loaded:  # the worker was cancelled
            return
        recognised = {o.recognised for o in self.shown.values() if o.ok}
        if not self.user_chose and len(recognised) == 1 and None not in recognised:
            label = self.scheme.find(recognised.pop())
            if label is not None:
                self._select(label, by_user=False)
                self.preselected_default = False
        self._render_files()
        self._render_cards()
        self._render_consequences()  # now known: which files can hold markings
        self._render_state()

    def _on_hint(self, item) -> None:
        index, suggestion = item
        self.suggestions[index] = suggestion

    def _on_hints_done(self) -> None:
        self.hints_done = True
        if self.busy or self.applied:  # too late to recommend anything
            self._render_files()
            return
        wanted = [self.scheme.find(s.label_id) for s in self.suggestions.values() if s.label_id]
        wanted = [label for label in wanted if label is not None]
        self.recommended = max(wanted, key=self.scheme.rank_of) if wanted else None
        self._render_banner()
        self._render_files()
        self._render_cards()

    # -- choosing --------------------------------------------------------------------
    def card_for(self, label: Label) -> LabelCard:
        return self.view.cards[self.labels.index(label)]

    def _select(self, label: Label | None, by_user: bool = True) -> None:
        if by_user:
            self.user_chose = True
        self.selected = label
        if label is not None and self.removing:
            self.removing = False
            self.view.remove.blockSignals(True)
            self.view.remove.setChecked(False)
            self.view.remove.blockSignals(False)
        for card in self.view.cards:
            card.setChecked(label is not None and card.label_id == label.id)
        if not by_user and label is not None and any(c.hasFocus() for c in self.view.cards):
            self.card_for(label).setFocus(Qt.FocusReason.OtherFocusReason)
        self.highlight(label)
        self._render_state()

    def select_index(self, index: int, focus: bool = True) -> None:
        if self.busy or not 0 <= index < len(self.labels):
            return
        self._select(self.labels[index])
        if focus:
            self.view.cards[index].setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_choice(self) -> None:
        """Put the keyboard focus on the chosen card (so the panel and the focus agree)."""
        if self.selected is not None:
            self.card_for(self.selected).setFocus(Qt.FocusReason.OtherFocusReason)

    def select_recommended(self) -> None:
        """The banner's Select: highlight the recommendation; applying still waits for the user."""
        if self.recommended is not None:
            self.select_index(self.labels.index(self.recommended))

    def move(self, delta: int) -> None:
        if self.selected is None:
            index = 0 if delta > 0 else len(self.labels) - 1
        else:
            index = max(0, min(len(self.labels) - 1, self.labels.index(self.selected) + delta))
        self.select_index(index)

    def highlight(self, label: Label | None) -> None:
        self.highlighted = label
        self._render_consequences()
        self.highlightChanged.emit(label.id if label else "")

    def _card_label(self, card) -> Label:
        return self.scheme.label(card.label_id)

    def _on_card_clicked(self) -> None:
        if not self.busy:
            self._select(self._card_label(self.sender()))

    def _on_card_hovered(self) -> None:
        self.highlight(self._card_label(self.sender()))

    def _on_card_unhovered(self) -> None:
        focused = next((c for c in self.view.cards if c.hasFocus()), None)
        if self.removing:
            self.highlight(None)
        else:
            self.highlight(self._card_label(focused) if focused else self.selected)

    def _on_card_focused(self) -> None:
        self.highlight(self._card_label(self.sender()))

    def _on_card_navigate(self, delta: int) -> None:
        self.move(delta)

    def _on_remove_toggled(self, checked: bool) -> None:
        self.user_chose = True
        self.removing = checked
        if checked:
            self.selected = None
            for card in self.view.cards:
                card.setChecked(False)
            self.highlight(None)
        else:
            self._select(self.scheme.default_label or self.labels[0])
        self._render_state()

    def key_pressed(self, event) -> bool:
        """Digits 1–9 choose a label (arrows are handled by the cards); True when handled."""
        if self.busy or self.view.pages.currentIndex() != self.view.CHOOSE:
            return False
        key = event.key()
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_9 and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.select_index(key - Qt.Key.Key_1)
            return True
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right):
            self.move(-1 if key in (Qt.Key.Key_Up, Qt.Key.Key_Left) else 1)
            return True
        return False

    # -- the rules -------------------------------------------------------------------
    def target(self) -> Label | None:
        return None if self.removing else self.selected

    def current_labels(self) -> list[Label | None]:
        """The scheme label each readable file counts as now."""
        return [self.scheme.find(o.recognised) if o.recognised else None
                for o in self.shown.values() if o.ok]

    def lowered_from(self) -> Label | None:
        """The most sensitive current label that the choice lowers or removes with a required reason."""
        target = self.target()
        needing = [c for c in self.current_labels() if c is not None
                   and needs_justification(self.scheme, c, target)]
        return max(needing, key=self.scheme.rank_of) if needing else None

    def justification(self) -> str:
        return self.view.choose.justification.text().strip()

    def method(self) -> str:
        if self.removing or self.selected is None:
            return "manual"
        if self.recommended is not None and self.selected.id == self.recommended.id:
            return "recommended"
        if self.preselected_default and not self.user_chose and self.scheme.default_label is not None \
                and self.selected.id == self.scheme.default_label.id:
            return "default"
        return "manual"

    # -- applying --------------------------------------------------------------------
    def apply(self) -> None:
        if self.blocked_reason() is not None:
            return
        label, method = self.target(), self.method()
        justification = self.justification() if self.lowered_from() is not None else (self.justification() or None)
        self.applied, self.applied_label, self.cancelled = {}, label, False
        if self.hints is not None and not self.hints_done:
            self.hints.cancel()  # the choice is made; free the pool for the work that matters now
        worker = Worker(change_labels, self.service, list(self.paths), label, method, justification or None)
        worker.signals.cancelled.connect(self._on_apply_cancelled)
        self.applying = worker
        self._start(worker, self._on_applied_one, self._on_apply_finished)
        bar = self.view.progress.bar
        bar.setRange(0, len(self.paths))
        bar.setValue(0)
        self._render_progress()
        # A single file is usually done before a progress page would even be seen.
        self.view.pages.setCurrentIndex(self.view.PROGRESS if len(self.paths) > 1 else self.view.pages.currentIndex())
        self._render_state()

    def cancel(self) -> None:
        if self.applying is not None:
            self.applying.cancel()
            self.view.close.setEnabled(False)
            self._render_stopping()

    def _on_applied_one(self, item) -> None:
        index, outcome = item
        self.applied[index] = outcome
        self.view.progress.bar.setValue(len(self.applied))
        self._render_progress()

    def _on_apply_cancelled(self) -> None:
        self.cancelled = True

    def _on_apply_finished(self) -> None:
        self.applying = None
        self.view.close.setEnabled(True)
        outcomes = [self.applied[i] for i in sorted(self.applied)]
        self.view.pages.setCurrentIndex(self.view.SUMMARY)
        self._render_summary()
        self._render_state()
        self.view.close.setFocus()
        self.labelsApplied.emit(outcomes)

    def _on_close_clicked(self) -> None:
        if self.busy:
            self.cancel()
        else:
            self.dialog.close()

    # -- what the dialog shows: LabelDialogController (controller.py) ---------------------
    def blocked_reason(self) -> str | None:
        """Why Apply is disabled (a sentence), or None when it may be applied."""
        raise NotImplementedError

    def retranslate(self) -> None:
        raise NotImplementedError

    def _render_files(self) -> None:
        raise NotImplementedError

    def _render_file_item(self, index: int) -> None:
        raise NotImplementedError

    def _render_cards(self) -> None:
        raise NotImplementedError

    def _render_banner(self) -> None:
        raise NotImplementedError

    def _render_consequences(self) -> None:
        raise NotImplementedError

    def _render_state(self) -> None:
        raise NotImplementedError

    def _render_progress(self) -> None:
        raise NotImplementedError

    def _render_stopping(self) -> None:
        raise NotImplementedError

    def _render_summary(self) -> None:
        raise NotImplementedError
