"""The labelling dialog's rules as questions about its state: each file's group, recommendation and
choice, what Apply plans, and which changes need a reason.  Only reads the state `LabelChoice` keeps.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from labeler.core.outcome import Outcome
from labeler.core.recognise import needs_justification
from labeler.hints import Suggestion
from policy import Label

from .tasks import PlannedChange
from .views import LabelDialogView

MAX_HINTED_FILES = 100

#: A file's choice: remove our label (a policy Label applies it; None means nothing chosen).
REMOVE = "remove"
#: Group keys for files without a recommendation of their own.
NOTHING_FOUND, NOT_CHECKED, CHECKING, CANNOT_LABEL = "", "~not-checked", "~checking", "~cannot-label"


class ChoiceRules:
    """The read-only half of `LabelChoice`: what follows from the files, the recommendations and the choice."""

    view: LabelDialogView
    paths: list[Path]
    scheme: Any
    labels: list[Label]
    shown: dict[int, Outcome]
    suggestions: dict[int, Suggestion]
    hints_done: bool
    selected: Label | None
    removing: bool
    excluded: set[int]
    group_choice: dict[str, Label]

    # -- per file ---------------------------------------------------------------------
    def labellable(self, index: int) -> bool:
        """Whether the file can be labelled at all (read fine: not missing, a folder, unreadable …)."""
        outcome = self.shown.get(index)
        return outcome is not None and outcome.ok

    def recommended_for(self, index: int) -> Label | None:
        suggestion = self.suggestions.get(index)
        label_id = getattr(suggestion, "label_id", None)
        return self.scheme.find(label_id) if label_id else None

    def group_of(self, index: int) -> str:
        """The group a file is shown in: its recommendation's id, or one of the keys above."""
        outcome = self.shown.get(index)
        if outcome is not None and not outcome.ok:
            return CANNOT_LABEL
        if index >= MAX_HINTED_FILES:
            return NOT_CHECKED
        suggestion = self.suggestions.get(index)
        if suggestion is None:
            return CHECKING if not self.hints_done else NOT_CHECKED
        if not getattr(suggestion, "ok", True):
            return NOT_CHECKED
        label = self.recommended_for(index)
        return label.id if label is not None else NOTHING_FOUND

    def groups(self) -> list[tuple[str, list[int]]]:
        """The files grouped by recommendation: most sensitive first, then nothing found, not checked,
        still being checked, and those that cannot be labelled."""
        found: dict[str, list[int]] = {}
        for index in range(len(self.paths)):
            found.setdefault(self.group_of(index), []).append(index)
        order = [label.id for label in reversed(self.labels)] + [NOTHING_FOUND, NOT_CHECKED, CHECKING, CANNOT_LABEL]
        return [(key, found[key]) for key in order if key in found]

    def main_choice(self):
        """The cards' choice: a Label, REMOVE, or None (nothing chosen yet)."""
        if self.removing:
            return REMOVE
        return self.selected

    def choice_for(self, index: int):
        """What Apply does to one file: a Label, REMOVE, or None (left as it is)."""
        if index in self.excluded or not self.labellable(index):
            return None
        return self.group_choice.get(self.group_of(index)) or self.main_choice()

    def planned(self) -> list[int]:
        """The files Apply will change (or try to), in order."""
        return [i for i in range(len(self.paths)) if self.choice_for(i) is not None]

    def below_recommendation(self, index: int) -> Label | None:
        """The file's recommendation when its choice is less sensitive (or a removal), else None."""
        recommended, choice = self.recommended_for(index), self.choice_for(index)
        if recommended is None or choice is None:
            return None
        if choice == REMOVE or self.scheme.rank_of(choice) < self.scheme.rank_of(recommended):
            return recommended
        return None

    def below(self) -> list[int]:
        return [i for i in self.planned() if self.below_recommendation(i) is not None]

    def method_for(self, index: int) -> str:
        """A person chose every label the dialog applies: "recommended" when it is the file's own
        recommendation, "manual" otherwise (never "default": that is for labels nobody chose)."""
        choice, recommended = self.choice_for(index), self.recommended_for(index)
        if isinstance(choice, Label) and recommended is not None and choice.id == recommended.id:
            return "recommended"
        return "manual"

    # -- the rules -------------------------------------------------------------------
    def target(self) -> Label | None:
        return None if self.removing else self.selected

    def common_current(self) -> Label | None:
        """The scheme label every readable file carries now, if they all carry the same one."""
        recognised = {o.recognised for o in self.shown.values() if o.ok}
        if len(recognised) == 1 and None not in recognised:
            return self.scheme.find(next(iter(recognised)))
        return None

    def current_label(self, index: int) -> Label | None:
        outcome = self.shown.get(index)
        if outcome is None or not outcome.ok or not outcome.recognised:
            return None
        return self.scheme.find(outcome.recognised)

    def current_labels(self) -> list[Label | None]:
        """The scheme label each readable file counts as now."""
        return [self.scheme.find(o.recognised) if o.recognised else None
                for o in self.shown.values() if o.ok]

    def lowered(self) -> list[tuple[int, Label]]:
        """(file, its current label) where the planned change lowers or removes it with a required reason."""
        result = []
        for index in self.planned():
            choice, current = self.choice_for(index), self.current_label(index)
            if current is not None and needs_justification(self.scheme, current,
                                                           None if choice == REMOVE else choice):
                result.append((index, current))
        return result

    def lowered_from(self) -> Label | None:
        """The most sensitive current label that the choice lowers or removes with a required reason."""
        needing = [label for _, label in self.lowered()]
        return max(needing, key=self.scheme.rank_of) if needing else None

    def justification(self) -> str:
        return self.view.choose.justification.text().strip()

    def needs_reason(self) -> bool:
        return bool(self.lowered() or self.below())

    def method(self) -> str:
        """The method of the single file (or the first planned one): see `method_for`."""
        planned = self.planned()
        return self.method_for(planned[0]) if planned else "manual"

    def plan(self) -> list[PlannedChange]:
        reason = self.justification() or None
        lowered = {i for i, _ in self.lowered()}
        changes = []
        for index in self.planned():
            choice = self.choice_for(index)
            below = self.below_recommendation(index)
            changes.append(PlannedChange(
                index, self.paths[index], None if choice == REMOVE else choice, self.method_for(index),
                reason if index in lowered else None,
                {"recommended": below.id, "reason": reason} if below is not None else None))
        return changes
