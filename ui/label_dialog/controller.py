"""What the labelling dialog shows: its state (choice.py) turned into the view's texts.

`LabelDialogController` renders the files and their current labels, the
cards, the recommendation banner, the consequences of the highlighted label,
why Apply is blocked, the progress and the summary (the consequences, the progress
and the summary through its base in choice_texts.py), in the interface
language of the moment.  Its strings are translated under the
"LabelDialogController" context (resources/translations/labeler_*.ts).
"""
from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QTreeWidgetItem

from labeler.core.counts_as import counts_as
from labeler.core.outcome import Outcome
from policy import Label

from ..outcome_text import outcome_sentence
from ..widgets.color_chip import chip_pixmap
from .choice import MAX_HINTED_FILES, CANNOT_LABEL, CHECKING, NOT_CHECKED, NOTHING_FOUND, REMOVE, LabelChoice
from . import choice_texts
from .choice_texts import _escape, fit_list_height
from .views import icon

__all__ = ["FOREIGN_SYSTEMS", "LabelChoice", "LabelDialogController", "fit_list_height", "fit_tree_height"]

FOREIGN_SYSTEMS = ("microsoft", "tscp", "titus", "boldon-james")


def fit_tree_height(tree, max_rows: int) -> None:
    """Size a tree to its visible rows (up to `max_rows`, then it scrolls)."""
    rows, item = 0, tree.topLevelItem(0)
    height = tree.header().sizeHint().height()
    while item is not None and rows < max_rows:
        height += max(tree.visualItemRect(item).height(), tree.sizeHintForRow(0), 22)
        rows += 1
        item = tree.itemBelow(item)
    tree.setFixedHeight(height + 2 * tree.frameWidth() + 4)


class LabelDialogController(choice_texts.LabelDialogController):
    """The labelling dialog's behaviour (choice.py) and the texts it shows."""

    # -- why Apply is blocked -----------------------------------------------------------
    def blocked_reason(self) -> str | None:
        """Why Apply is disabled (a sentence), or None when it may be applied."""
        if self.busy:
            return self.tr("Working…")
        if not self.loaded:
            return self.tr("Reading the current labels…")
        if not self.hints_done:
            return self.tr("Checking the content for sensitive information…")
        labellable = [i for i in range(len(self.paths)) if self.labellable(i)]
        if not labellable:
            if not self.batch:
                return self.tr("This file cannot be labelled: %1").replace("%1", outcome_sentence(self.shown[0]))
            return self.tr("None of these files can be labelled.")
        if self.batch and all(i in self.excluded for i in labellable):
            return self.tr("Every file is left out: tick the files to label.")
        planned = self.planned()
        if not planned:
            return self.tr("Choose a label first.") if not self.batch else \
                self.tr("Choose a label below, or one for each group above.")
        if all(self.choice_for(i) == REMOVE for i in planned) and \
                not any(self.shown[i].label for i in planned):
            return self.tr("There is no label to remove.")
        if all(self._already(i) for i in planned):
            target = self.choice_for(planned[0])
            if len({self.choice_for(i).id for i in planned}) == 1:
                text = (self.tr("This file is already labelled %1.") if len(planned) == 1
                        else self.tr("These files are already labelled %1."))
                return text.replace("%1", target.display_name(self.lang))
            return self.tr("These files already carry the labels chosen for them.")
        if self.needs_reason() and not self.justification():
            return self.tr("A lower label than recommended needs a reason: type it above.") \
                if not self.lowered() else self._lowering_needs_reason()
        return None

    def _already(self, index: int) -> bool:
        choice, outcome = self.choice_for(index), self.shown[index]
        return isinstance(choice, Label) and outcome.label is not None and outcome.label.id == choice.id

    def _lowering_needs_reason(self) -> str:
        lowered = self.lowered_from()
        target = self.target()
        if lowered is None:
            return ""
        if self.removing:
            return self.tr("Removing %1 needs a reason: type it above.").replace(
                "%1", lowered.display_name(self.lang))
        if target is None or self.batch and self.group_choice:
            return self.tr("Lowering %1 needs a reason: type it above.").replace("%1", lowered.display_name(self.lang))
        return self.tr("Lowering %1 to %2 needs a reason: type it above.").replace(
            "%1", lowered.display_name(self.lang)).replace("%2", target.display_name(self.lang))

    def found_text(self) -> str:
        """What the hints found in all files together: counts, never values."""
        total: Counter[str] = Counter()
        for suggestion in self.suggestions.values():
            total.update(suggestion.findings)
        from labeler.hints.detectors import describe  # loaded by the content check's worker by now

        return describe(dict(total), self.lang)

    # -- showing state -----------------------------------------------------------------
    def retranslate(self) -> None:
        self.dialog.setWindowTitle(self.tr("Label documents") if len(self.paths) > 1 else self.tr("Label document"))
        self.view.choose.choose_title.setText(self.tr("Choose a label"))
        self.view.choose.consequences.channels_title.setText(self.tr("What this means for sharing"))
        if self.batch:
            self.view.choose.banner.select.setText(self.tr("Use the recommendations"))
            self.view.choose.banner.select.setToolTip(
                self.tr("Gives each group of files its own recommended label; nothing is applied until you "
                        "confirm."))
        else:
            self.view.choose.banner.select.setText(self.tr("Select"))
            self.view.choose.banner.select.setToolTip(
                self.tr("Chooses the recommended label; nothing is applied until you confirm."))
        self.view.choose.justification.setPlaceholderText(
            self.tr("One line, kept in the audit log"))
        self.view.remove.setText(self.tr("Remove label"))
        self.view.remove.setToolTip(self.tr("Take our label off the file(s); other tools' labels stay."))
        self.view.progress.title.setText(self.tr("Labelling files…"))
        self._render_files()
        self._render_cards()
        self._render_banner()
        self._render_consequences()
        self._render_progress()
        self._render_state()
        if self.view.pages.currentIndex() == self.view.SUMMARY:
            self._render_summary()

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.retranslate()

    def _label_name(self, found, recognised_id: str | None) -> str:
        label = self.scheme.find(recognised_id) if recognised_id else None
        if label is not None:
            return label.display_name(self.lang)
        return found.name if found is not None else ""

    def foreign_text(self, outcome: Outcome) -> list[str]:
        lines = []
        order = {system: i for i, system in enumerate(FOREIGN_SYSTEMS)}
        for found in sorted(outcome.foreign, key=lambda f: order.get(f.system, len(order))):
            template = {
                "microsoft": self.tr("Microsoft label: %1"),
                "tscp": self.tr("LibreOffice (TSCP) classification: %1"),
                "titus": self.tr("Titus label: %1"),
                "boldon-james": self.tr("Boldon James label: %1"),
            }.get(found.system, self.tr("Other label: %1"))
            lines.append(template.replace("%1", found.name or found.id))
        return lines

    def _render_files(self) -> None:
        files = self.view.choose.files
        folders = {str(p.parent) for p in self.paths}
        if len(self.paths) == 1:
            files.title.setText(self.paths[0].name)
        else:
            files.title.setText(self.tr("%n file(s)", "", len(self.paths)))
        files.folder.setText(self.tr("in %1").replace("%1", folders.pop()) if len(folders) == 1
                             else self.tr("in several folders"))
        if len(self.paths) == 1:
            self._render_single_file(files)
        else:
            self._render_file_list(files)
        if not self.hints_done:
            files.status.setText(self.tr("Checking the content for sensitive information…"))
        elif self.suggestions and self.recommended is None:
            files.status.setText(self.tr("No sensitive content found."))
        else:
            files.status.setText("")
        files.status.setVisible(bool(files.status.text()))

    def _render_single_file(self, files) -> None:
        files.files.setVisible(False)
        outcome = self.shown.get(0)
        foreign = []
        if outcome is None:
            files.current_chip.set_color(None)
            files.current.setText(self.tr("Reading the current label…"))
        elif not outcome.ok:
            files.current_chip.set_color(None)
            files.current.setText(self.tr("This file cannot be labelled: %1").replace(
                "%1", outcome_sentence(outcome)))
            files.current.setWordWrap(True)
        else:
            label = self.scheme.find(outcome.recognised) if outcome.recognised else None
            if label is not None:
                files.current_chip.set_color(label.color)
                text = self.tr("Current label: %1").replace("%1", label.display_name(self.lang))
                if outcome.label is None:
                    text += " " + self.tr("(recognised from another tool's label)")
                files.current.setText(text)
            elif outcome.label is not None:
                files.current_chip.set_color(None)
                files.current.setText(self.tr("Current label: %1 (not in this scheme)").replace(
                    "%1", outcome.label.name or outcome.label.id))
            else:
                files.current_chip.set_color(None)
                files.current.setText(self.counts_as_text() or self.tr("No label yet"))
            foreign = self.foreign_text(outcome)
        files.foreign.setText("\n".join(foreign))
        files.foreign.setVisible(bool(foreign))

    def counts_as_text(self) -> str:
        """For an unlabelled file: what it counts as for sharing until it is labelled, and why."""
        suggestion = self.suggestions.get(0)
        if self.scheme.default_label is None and suggestion is None:
            return ""
        findings = suggestion.findings if suggestion is not None and suggestion.ok else None
        why = counts_as(self.scheme, None, findings).why(self.lang)  # "counts as X: no label yet, …"
        return why[:1].upper() + why[1:]

    # -- a batch: the files grouped by recommendation -----------------------------------------
    def _render_file_list(self, files) -> None:
        files.files.setVisible(True)
        files.foreign.setVisible(False)
        tree = files.files
        groups = self.groups()
        signature = (self.lang, tuple((key, tuple(indexes)) for key, indexes in groups))
        if getattr(self, "_tree_signature", None) != signature:
            self._build_tree(tree, groups)
            self._tree_signature = signature
        self._render_tree_texts()
        self._render_current_counts(files)

    def _build_tree(self, tree, groups) -> None:
        tree.blockSignals(True)
        try:
            tree.clear()
            self._file_items: dict[int, QTreeWidgetItem] = {}
            self._group_items: dict[str, QTreeWidgetItem] = {}
            tree.setHeaderLabels([self.tr("File"), self.tr("Current label"), self.tr("Found in the content"),
                                  self.tr("Will be labelled")])
            for key, indexes in groups:
                group = QTreeWidgetItem(tree)
                group.setData(0, Qt.ItemDataRole.UserRole, key)
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                group.setFirstColumnSpanned(False)
                if key != CANNOT_LABEL:
                    group.setFlags(group.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsAutoTristate)
                self._group_items[key] = group
                for index in indexes:
                    item = QTreeWidgetItem(group)
                    item.setData(0, Qt.ItemDataRole.UserRole, index)
                    if key != CANNOT_LABEL:
                        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                        item.setCheckState(0, Qt.CheckState.Unchecked if index in self.excluded
                                           else Qt.CheckState.Checked)
                    self._file_items[index] = item
                group.setExpanded(True)
                if key not in (CANNOT_LABEL, CHECKING):
                    combo = tree.make_combo(group)
                    combo.setProperty("group", key)
                    combo.activated.connect(self._on_group_combo)
            for index in self._file_items:
                self._render_file_item(index)
        finally:
            tree.blockSignals(False)
        fit_tree_height(tree, 8)

    def _group_title(self, key: str, count: int) -> str:
        if key == NOTHING_FOUND:
            return self.tr("Nothing sensitive found (%n file(s))", "", count)
        if key == NOT_CHECKED:
            return self.tr("Content not checked (%n file(s))", "", count)
        if key == CHECKING:
            return self.tr("Checking the content… (%n file(s))", "", count)
        if key == CANNOT_LABEL:
            return self.tr("Cannot be labelled (%n file(s))", "", count)
        label = self.scheme.find(key)
        return self.tr("Recommended: %1 (%n file(s))", "", count).replace(
            "%1", label.display_name(self.lang) if label else key)

    def _render_tree_texts(self) -> None:
        """The groups' titles, their label menus and what each file will get (after any change of choice)."""
        tree = self.view.choose.files.files
        main = self.main_choice()
        for key, group in getattr(self, "_group_items", {}).items():
            group.setText(0, self._group_title(key, group.childCount()))
            label = self.scheme.find(key) if key not in (NOTHING_FOUND, NOT_CHECKED, CHECKING, CANNOT_LABEL) \
                else None
            group.setIcon(0, chip_pixmap(label.color) if label else (icon("warning") if key == CANNOT_LABEL
                                                                     else chip_pixmap(None)))
            combo = tree.group_combo(group)
            if combo is not None:
                combo.blockSignals(True)
                combo.clear()
                follows = (self.tr("As chosen below: %1").replace("%1", self._choice_name(main)) if main is not None
                           else self.tr("As chosen below"))
                combo.addItem(follows, "")
                for option in self.labels:
                    combo.addItem(chip_pixmap(option.color), option.display_name(self.lang), option.id)
                chosen = self.group_choice.get(key)
                combo.setCurrentIndex(combo.findData(chosen.id) if chosen is not None else 0)
                combo.setToolTip(self.tr("The label for the files of this group"))
                combo.setAccessibleName(group.text(0))
                combo.setEnabled(not self.busy)
                combo.blockSignals(False)
        for index, item in getattr(self, "_file_items", {}).items():
            if not self.labellable(index):
                item.setText(3, "")
                continue
            choice = self.choice_for(index)
            if index in self.excluded:
                item.setText(3, self.tr("left out"))
            elif choice is None:
                item.setText(3, "—")
            else:
                text = self._choice_name(choice)
                if self.below_recommendation(index) is not None:
                    text += "  " + self.tr("(below the recommendation)")
                item.setText(3, text)

    def _on_group_combo(self, position: int) -> None:
        combo = self.sender()
        if not isinstance(combo, QComboBox):
            return
        key = combo.property("group")
        label_id = combo.itemData(position)
        self.set_group_choice(key, self.scheme.find(label_id) if label_id else None)

    def _on_file_item_changed(self, item, column: int) -> None:
        index = item.data(0, Qt.ItemDataRole.UserRole)
        if column != 0 or not isinstance(index, int) or not self.labellable(index):
            return
        self.set_excluded(index, item.checkState(0) != Qt.CheckState.Checked)

    def _render_file_item(self, index: int) -> None:
        item = getattr(self, "_file_items", {}).get(index)
        if item is None:
            return
        path, outcome = self.paths[index], self.shown.get(index)
        item.setText(0, path.name)
        item.setToolTip(0, str(path))
        if outcome is None:
            item.setText(1, self.tr("reading…"))
            item.setIcon(1, chip_pixmap(None))
        elif not outcome.ok:
            item.setIcon(0, icon("warning"))
            item.setText(1, self.tr("cannot be labelled"))
            item.setText(2, outcome_sentence(outcome))
            item.setToolTip(0, f"{path}\n{outcome_sentence(outcome)}")
            item.setToolTip(2, outcome_sentence(outcome))
            return
        else:
            label = self.scheme.find(outcome.recognised) if outcome.recognised else None
            text = label.display_name(self.lang) if label else (
                (outcome.label.name or outcome.label.id) if outcome.label else self.tr("no label"))
            extra = self.foreign_text(outcome)
            item.setText(1, text)
            item.setIcon(1, chip_pixmap(label.color if label else None))
            item.setToolTip(1, "\n".join([text, *extra]))
        item.setText(2, self.evidence_text(index))
        item.setToolTip(2, item.text(2))

    def evidence_text(self, index: int) -> str:
        """What the content check found in one file: counts by kind, never the values."""
        if index >= MAX_HINTED_FILES:
            return self.tr("not checked")
        suggestion = self.suggestions.get(index)
        if suggestion is None:
            return self.tr("checking…") if not self.hints_done else self.tr("not checked")
        if not getattr(suggestion, "ok", True):
            return self.tr("could not be checked")
        from labeler.hints.detectors import describe

        return describe(suggestion.findings, self.lang) if suggestion.findings else self.tr("nothing found")

    def _render_current_counts(self, files) -> None:
        """The line under the list: how many files carry which label."""
        counts: Counter[str] = Counter()
        for outcome in self.shown.values():
            if outcome.ok:
                label = self.scheme.find(outcome.recognised) if outcome.recognised else None
                counts[label.display_name(self.lang) if label else self.tr("no label")] += 1
        if not self.loaded:
            files.current.setText(self.tr("Reading the current labels…"))
        else:
            files.current.setText(self.tr("Current labels: %1").replace(
                "%1", ", ".join(f"{n} × {name}" for name, n in counts.most_common())) if counts else "")
        files.current_chip.setVisible(False)

    def _render_cards(self) -> None:
        current = {o.recognised for o in self.shown.values() if o.ok and o.recognised}
        for label, card in zip(self.labels, self.view.cards):
            card.set_texts(label.display_name(self.lang), label.description(self.lang))
            is_current = label.id in current
            everywhere = all(o.ok and o.recognised == label.id for o in self.shown.values())
            card.current.setText(self.tr("current") if everywhere else self.tr("current for some"))
            card.current.setVisible(is_current)
            is_recommended = self.recommended is not None and label.id == self.recommended.id
            card.recommended.setText("★ " + self.tr("recommended"))
            card.recommended.setVisible(is_recommended)
            card.setEnabled(not self.busy)

    def _render_banner(self) -> None:
        banner = self.view.choose.banner
        if self.recommended is None:
            banner.setVisible(False)
            return
        found = self.found_text()
        if self.batch:
            with_findings = sum(1 for suggestion in self.suggestions.values() if suggestion.findings)
            where = self.tr("Found in %1 of %n document(s):", "", len(self.paths)).replace("%1", str(with_findings))
            parts = []
            for key, indexes in self.groups():
                label = self.scheme.find(key) if key not in (NOTHING_FOUND, NOT_CHECKED, CHECKING, CANNOT_LABEL) \
                    else None
                if label is not None:
                    parts.append(self.tr("%1 for %n file(s)", "", len(indexes)).replace(
                        "%1", label.display_name(self.lang)))
            name = ", ".join(parts)
        else:
            where = self.tr("Found in this document:")
            name = self.recommended.display_name(self.lang)
        banner.set_tint(self.recommended.color)
        banner.text.setText(f"{where} <b>{_escape(found)}</b>.<br>"
                            + _escape(self.tr("Recommended: %1")).replace("%1", f"<b>{_escape(name)}</b>"))
        banner.setAccessibleDescription(f"{where} {found}. " + self.tr("Recommended: %1").replace("%1", name))
        banner.setVisible(True)

    def _render_state(self) -> None:
        view, page = self.view, self.view.choose
        on_summary = view.pages.currentIndex() == view.SUMMARY
        asking = not on_summary and self.loaded and self.needs_reason()
        page.justification_box.setVisible(asking)
        if asking:
            page.justification_prompt.setText(self.reason_prompt())
        if self.batch and hasattr(self, "_group_items"):
            self._render_tree_texts()
        reason = self.blocked_reason()
        if on_summary:
            view.apply.setVisible(False)
            view.remove.setVisible(False)
            view.hint.setText("")
            view.close.setText(self.tr("Close"))
            view.close.setDefault(True)
            return
        choosing = not self.busy
        view.apply.setVisible(choosing)
        view.remove.setVisible(choosing)
        planned = self.planned() or [i for i in range(len(self.paths))
                                     if self.labellable(i) and i not in self.excluded]
        total = len(self.paths)
        if self.removing:
            text = self.tr("Remove label")
        elif not self.batch:
            text = self.tr("Apply")
        elif len(planned) in (0, total):
            text = self.tr("Apply to %n file(s)", "", total)
        else:  # left out, cannot be labelled, or in a group without a label
            text = self.tr("Apply to %1 of %n file(s)", "", total).replace("%1", str(len(planned)))
        view.apply.setText(text)
        view.apply.setEnabled(reason is None)
        view.apply.setToolTip(reason or "")
        view.hint.setText(reason if reason and not self.busy else "")
        view.remove.setEnabled(not self.busy and any(o.ok and o.label for o in self.shown.values()))
        view.close.setText(self.tr("Cancel"))
        for card in view.cards:
            card.setEnabled(not self.busy)
