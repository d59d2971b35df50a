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
from labeler.hints import Suggestion
from policy import Label
from ui.workers import Worker, start

from .rules import CANNOT_LABEL, CHECKING, MAX_HINTED_FILES, NOT_CHECKED, NOTHING_FOUND, REMOVE, ChoiceRules
from .tasks import PlannedChange, change_labels, read_labels, run_hints
from .views import LabelCard, LabelDialogView

MAX_DIGITS = 9

__all__ = ["CANNOT_LABEL", "CHECKING", "MAX_DIGITS", "MAX_HINTED_FILES", "NOT_CHECKED", "NOTHING_FOUND", "REMOVE",
           "ChoiceRules", "LabelChoice"]


class LabelChoice(QObject, ChoiceRules):
    """The dialog's state and what the user may do with it; `LabelDialogController` shows it.

    Nothing is applied that a person did not choose: the dialog starts with the
    file's current label (or, without one, the recommendation) *shown*, but a
    label is only *chosen* by a click, a digit, an arrow, Space on a card or
    the banner's button.  A batch groups its files by their own
    recommendation; each group follows the label chosen on the cards unless
    the person gives it another one, and any file can be left out.
    """

    labelsApplied = Signal(list)
    highlightChanged = Signal(str)  # label id shown in the consequences panel ("" for removing)

    def __init__(self, dialog, view: LabelDialogView, paths, scheme, service, lang: str):
        super().__init__(dialog)
        self.dialog, self.view = dialog, view
        self.paths = [Path(p) for p in paths]
        self.scheme, self.service, self.lang = scheme, service, lang
        self.labels: list[Label] = list(scheme.labels)
        self.shown: dict[int, Outcome] = {}  # index -> `show` Outcome
        self.suggestions: dict[int, Suggestion] = {}
        self.hints_done = not scheme.hint_rules
        self.recommended: Label | None = None  # the highest recommendation over all files
        self.selected: Label | None = None
        self.removing = False
        self.highlighted: Label | None = None
        self.user_chose = False
        self.excluded: set[int] = set()  # files the person left out
        self.group_choice: dict[str, Label] = {}  # group key -> a label other than the cards' choice
        self.applying: Worker | None = None
        self.applied: dict[int, Outcome] = {}
        self.applied_plan: list[PlannedChange] = []
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
        page.banner.select.clicked.connect(self._on_banner_clicked)
        page.justification.textChanged.connect(self._render_state)
        page.files.files.itemChanged.connect(self._on_file_item_changed)
        view.remove.toggled.connect(self._on_remove_toggled)
        view.apply.clicked.connect(self.apply)
        view.close.clicked.connect(self._on_close_clicked)

        self.retranslate()
        self._start(Worker(read_labels, service, list(self.paths)), self._on_shown, self._on_all_shown)
        self.hints: Worker | None = None
        self._hints_running = 0
        if scheme.hint_rules:
            # A recommendation for a large batch comes from its first files: enough to notice, bounded in time.
            self._hints_running += 1
            self.hints = self._start(Worker(run_hints, self.paths[:MAX_HINTED_FILES], scheme.hint_rules, lang),
                                     self._on_hint, self._on_hints_done)

    # -- files that arrive after the dialog opened --------------------------------------
    def can_add(self) -> bool:
        """Whether more files may join: nothing is being applied or was applied, the choice page shows."""
        return not self.busy and not self.applied and not self.cancelled and \
            self.view.pages.currentIndex() == self.view.CHOOSE

    def add_paths(self, paths) -> list[Path]:
        """Add files of the same selection that arrived after the dialog opened (a file manager starts one
        process per selected file); they are read and checked like the first ones.  The files added (those
        not in the dialog yet); none when `can_add()` is False.

        A label the dialog showed as chosen only because the first file carries it is chosen by nobody
        for the new files: unless the person chose, the choice is cleared (and set again, once every file
        is read, if they all carry the same label).  Apply waits until the new files are read.
        """
        if not self.can_add():
            return []
        new: list[Path] = []
        for path in map(Path, paths):
            if path not in self.paths and path not in new:
                new.append(path)
        if not new:
            return []
        first = len(self.paths)
        self.paths.extend(new)
        if not self.user_chose and self.selected is not None:
            self.selected = None
            for card in self.view.cards:
                card.setChecked(False)
        self._start(Worker(read_labels, self.service, new, first), self._on_shown, self._on_all_shown)
        hinted = new[:max(0, MAX_HINTED_FILES - first)]
        if self.scheme.hint_rules and hinted:
            self.hints_done = False
            self._hints_running += 1
            self._start(Worker(run_hints, hinted, self.scheme.hint_rules, self.lang, first),
                        self._on_hint, self._on_hints_done)
        self.retranslate()  # the title, the file list (now a batch) and why Apply waits
        return new

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

    @property
    def batch(self) -> bool:
        return len(self.paths) > 1

    def shutdown(self) -> None:
        """The dialog closes: stop what can stop (between files)."""
        for worker in self._workers:
            worker.cancel()

    # -- reading current labels and hints --------------------------------------------
    def _on_shown(self, item) -> None:
        index, outcome = item
        self.shown[index] = outcome
        if not self.batch:
            self._render_files()
        else:  # a long batch: update one row, not the whole list
            self._render_file_item(index)

    def _on_all_shown(self) -> None:
        if not self.loaded:  # the worker was cancelled
            return
        current = self.common_current()
        if not self.user_chose and current is not None:
            self._select(current, by_user=False)  # shown as chosen; Apply stays off: it is already there
        self._show_start()
        self._render_files()
        self._render_cards()
        self._render_consequences()  # now known: which files can hold markings
        self._render_state()

    def _on_hint(self, item) -> None:
        index, suggestion = item
        self.suggestions[index] = suggestion

    def _on_hints_done(self) -> None:
        self._hints_running = max(0, self._hints_running - 1)
        if self._hints_running:  # files added later are still being checked
            return
        self.hints_done = True
        if self.busy or self.applied:  # too late to recommend anything
            self._render_files()
            return
        wanted = [self.recommended_for(i) for i in self.suggestions]
        wanted = [label for label in wanted if label is not None]
        self.recommended = max(wanted, key=self.scheme.rank_of) if wanted else None
        self._show_start()
        self._render_banner()
        self._render_files()
        self._render_cards()
        self._render_state()

    def _show_start(self) -> None:
        """Before the person chooses: show the current label, else the recommendation (never choose it)."""
        if self.user_chose or self.removing:
            return
        shown = self.selected or (self.recommended if self.hints_done else None)
        if shown is not None and shown is not self.highlighted:
            self.highlight(shown)
        if shown is not None and self.dialog.isVisible():
            self.focus_choice()

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
        self._render_files()
        self._render_state()

    def select_index(self, index: int, focus: bool = True) -> None:
        if self.busy or not 0 <= index < len(self.labels):
            return
        self._select(self.labels[index])
        if focus:
            self.view.cards[index].setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_choice(self) -> None:
        """Put the keyboard focus on the card that is shown (so the panel and the focus agree).

        With nothing to show yet, no card gets the focus: a focused card would
        show its own label as if it were the answer.
        """
        shown = self.selected or self.highlighted
        if shown is not None and not self.removing:
            self.card_for(shown).setFocus(Qt.FocusReason.OtherFocusReason)
        elif not any(c.hasFocus() for c in self.view.cards):
            self.view.pages.setFocus(Qt.FocusReason.OtherFocusReason)

    def select_recommended(self) -> None:
        """The banner's Select: choose the recommendation; applying still waits for the user."""
        if self.recommended is not None:
            self.select_index(self.labels.index(self.recommended))

    def use_recommendations(self) -> None:
        """The batch banner's button: every group with a recommendation gets it (the person's choice)."""
        if self.busy:
            return
        self.user_chose = True
        for key, _ in self.groups():
            label = self.scheme.find(key) if key not in (NOTHING_FOUND, NOT_CHECKED, CHECKING, CANNOT_LABEL) \
                else None
            if label is not None:
                self.group_choice[key] = label
        self._render_files()
        self._render_state()

    def set_group_choice(self, key: str, label: Label | None) -> None:
        """Give a group its own label (None: it follows the cards again)."""
        if self.busy:
            return
        self.user_chose = True
        if label is None:
            self.group_choice.pop(key, None)
        else:
            self.group_choice[key] = label
        self._render_state()

    def set_excluded(self, index: int, excluded: bool) -> None:
        if excluded:
            self.excluded.add(index)
        else:
            self.excluded.discard(index)
        self._render_state()

    def _on_banner_clicked(self) -> None:
        if self.batch:
            self.use_recommendations()
        else:
            self.select_recommended()

    def move(self, delta: int) -> None:
        base = self.selected or self.highlighted
        if base is None:
            index = 0 if delta > 0 else len(self.labels) - 1
        else:
            index = max(0, min(len(self.labels) - 1, self.labels.index(base) + delta))
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
            self.highlight(self._card_label(focused) if focused else (self.selected or self.highlighted))

    def _on_card_focused(self) -> None:
        self.highlight(self._card_label(self.sender()))

    def _on_card_navigate(self, delta: int) -> None:
        self.move(delta)

    def _on_remove_toggled(self, checked: bool) -> None:
        self.user_chose = True
        self.removing = checked
        self.selected = None
        for card in self.view.cards:
            card.setChecked(False)
        self.highlight(None)
        self._render_files()
        self._render_state()

    def _on_file_item_changed(self, item, column: int) -> None:
        raise NotImplementedError

    def key_pressed(self, event) -> bool:
        """Digits 1–9 choose a label (arrows are handled by the cards); True when handled."""
        if self.busy or self.view.pages.currentIndex() != self.view.CHOOSE:
            return False
        if self.view.choose.files.files.hasFocus() or self.dialog.focusWidget() in self.view.combos():
            return False  # the file list and the groups' label menus have their own keys
        key = event.key()
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_9 and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.select_index(key - Qt.Key.Key_1)
            return True
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right):
            self.move(-1 if key in (Qt.Key.Key_Up, Qt.Key.Key_Left) else 1)
            return True
        return False

    # -- applying --------------------------------------------------------------------
    def apply(self) -> None:
        if self.blocked_reason() is not None:
            return
        plan = self.plan()
        labels = {c.label.id if c.label else None for c in plan}
        self.applied, self.applied_plan, self.cancelled = {}, plan, False
        self.applied_label = plan[0].label if len(labels) == 1 else None
        if self.hints is not None and not self.hints_done:
            self.hints.cancel()  # the choice is made; free the pool for the work that matters now
        worker = Worker(change_labels, self.service, plan)
        worker.signals.cancelled.connect(self._on_apply_cancelled)
        self.applying = worker
        self._start(worker, self._on_applied_one, self._on_apply_finished)
        bar = self.view.progress.bar
        bar.setRange(0, len(plan))
        bar.setValue(0)
        self._render_progress()
        # A single file is usually done before a progress page would even be seen.
        self.view.pages.setCurrentIndex(self.view.PROGRESS if len(plan) > 1 else self.view.pages.currentIndex())
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
