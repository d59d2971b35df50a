"""The labelling dialog's behaviour: what is highlighted, chosen, allowed and applied.

State lives here; the view only shows it.  Every file operation (reading the
current labels, content hints, applying) runs in a `ui.workers.Worker`, so
the dialog appears at once and never freezes; results come back as signals.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QListWidgetItem

from labeler.hints import describe
from labeler.outcome import FAILED, LABELLED, REMOVED, UNCHANGED, Outcome
from labeler.recognise import needs_justification
from policy import CHANNELS, Label
from ui.workers import Worker, start

from ..outcome_text import outcome_sentence
from ..widgets.color_chip import chip_pixmap
from .tasks import change_labels, read_labels, run_hints
from .views import LabelCard, LabelDialogView, icon

FOREIGN_SYSTEMS = ("microsoft", "tscp", "titus", "boldon-james")
MAX_DIGITS = 9
MAX_HINTED_FILES = 100


def fit_list_height(view, max_rows: int) -> None:
    """Size a list to its rows (up to `max_rows`, then it scrolls)."""
    rows = min(view.count(), max_rows)
    height = sum(view.sizeHintForRow(i) for i in range(rows)) if rows else 0
    view.setFixedHeight(height + 2 * view.frameWidth() + 4)


class LabelDialogController(QObject):
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

    def found_text(self) -> str:
        """What the hints found in all files together: counts, never values."""
        total = Counter()
        for suggestion in self.suggestions.values():
            total.update(suggestion.findings)
        return describe(dict(total), self.lang)

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

    def blocked_reason(self) -> str | None:
        """Why Apply is disabled (a sentence), or None when it may be applied."""
        if self.busy:
            return self.tr("Working…")
        if not self.loaded:
            return self.tr("Reading the current labels…")
        target = self.target()
        if target is None and not self.removing:
            return self.tr("Choose a label first.")
        readable = [o for o in self.shown.values() if o.ok]
        ours = [o.label.id if o.label else None for o in readable]
        if self.removing and not any(ours):
            return self.tr("There is no label to remove.")
        if target is not None and readable and len(readable) == len(self.paths) \
                and all(i == target.id for i in ours):
            text = (self.tr("This file is already labelled %1.") if len(readable) == 1
                    else self.tr("These files are already labelled %1."))
            return text.replace("%1", target.display_name(self.lang))
        lowered = self.lowered_from()
        if lowered is not None and not self.justification():
            if target is None:
                return self.tr("Removing %1 needs a reason: type it above.").replace(
                    "%1", lowered.display_name(self.lang))
            return self.tr("Lowering %1 to %2 needs a reason: type it above.").replace(
                "%1", lowered.display_name(self.lang)).replace("%2", target.display_name(self.lang))
        return None

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
            self.view.progress.current.setText(self.tr("Stopping after the current file…"))

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

    # -- showing state -----------------------------------------------------------------
    def retranslate(self) -> None:
        self.dialog.setWindowTitle(self.tr("Label documents") if len(self.paths) > 1 else self.tr("Label document"))
        self.view.choose.choose_title.setText(self.tr("Choose a label"))
        self.view.choose.consequences.channels_title.setText(self.tr("What this means for sharing"))
        self.view.choose.banner.select.setText(self.tr("Select"))
        self.view.choose.banner.select.setToolTip(
            self.tr("Highlights the recommended label; nothing is applied until you confirm."))
        self.view.choose.justification.setPlaceholderText(
            self.tr("A short reason, kept in the audit log"))
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
            files.current.setText(self.tr("The current label cannot be read: %1").replace(
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
                    "%1", outcome.label.name))
            else:
                files.current_chip.set_color(None)
                files.current.setText(self.tr("No label yet"))
            foreign = self.foreign_text(outcome)
        files.foreign.setText("\n".join(foreign))
        files.foreign.setVisible(bool(foreign))

    def _render_file_list(self, files) -> None:
        files.files.setVisible(True)
        files.foreign.setVisible(False)
        if files.files.count() != len(self.paths):
            files.files.clear()
            for _ in self.paths:
                files.files.addItem(QListWidgetItem())
        for index in range(len(self.paths)):
            self._render_file_item(index)
        fit_list_height(files.files, 5)
        self._render_current_counts(files)

    def _render_file_item(self, index: int) -> None:
        files = self.view.choose.files
        item = files.files.item(index)
        if item is None:
            return
        path, outcome = self.paths[index], self.shown.get(index)
        item.setToolTip(str(path))
        if outcome is None:
            text, pixmap = self.tr("reading…"), chip_pixmap(None)
        elif not outcome.ok:
            text, pixmap = self.tr("cannot be read"), None
            item.setIcon(icon("warning"))
            item.setToolTip(f"{path}\n{outcome_sentence(outcome)}")
        else:
            label = self.scheme.find(outcome.recognised) if outcome.recognised else None
            text = label.display_name(self.lang) if label else (
                outcome.label.name if outcome.label else self.tr("no label"))
            pixmap = chip_pixmap(label.color if label else None)
            extra = self.foreign_text(outcome)
            if extra:
                text += "  ·  " + "  ·  ".join(extra)
        if pixmap is not None:
            item.setIcon(pixmap)
        item.setText(f"{path.name}  —  {text}")

    def _render_current_counts(self, files) -> None:
        """The line under the list: how many files carry which label."""
        counts = Counter()
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
        where = self.tr("Found in this document:") if len(self.paths) == 1 else \
            self.tr("Found in these documents:")
        name = self.recommended.display_name(self.lang)
        banner.set_tint(self.recommended.color)
        banner.text.setText(f"{where} <b>{_escape(found)}</b>.<br>"
                            + _escape(self.tr("Recommended: %1")).replace("%1", f"<b>{_escape(name)}</b>"))
        banner.setAccessibleDescription(f"{where} {found}. " + self.tr("Recommended: %1").replace("%1", name))
        banner.setVisible(True)

    def _render_consequences(self) -> None:
        panel = self.view.choose.consequences
        label = self.highlighted
        if label is None:
            panel.chip.set_color(None)
            if self.removing:
                panel.title.setText(self.tr("If you remove the label"))
                panel.advice.setText(self.tr("The document will no longer say how it may be shared. "
                                             "Labels written by other tools stay as they are."))
            else:
                panel.title.setText(self.tr("Choose a label to see what it means"))
                panel.advice.setText("")
            panel.channels_title.setVisible(False)
            for row in panel.rows:
                row.set_visible(False)
            return
        panel.chip.set_color(label.color)
        panel.title.setText(self.tr("If you choose %1").replace("%1", label.display_name(self.lang)))
        panel.advice.setText(label.handling_advice(self.lang) or label.description(self.lang))
        panel.channels_title.setVisible(True)
        for row, channel in zip(panel.rows, CHANNELS):
            try:
                rule = label.rule(channel.id)
            except KeyError:
                row.set_visible(False)
                continue
            row.set_visible(True)
            row.mark.set_verdict(rule.verdict)
            row.name.setText(channel.name(self.lang))
            row.detail.setText(self.rule_text(rule))

    def rule_text(self, rule) -> str:
        """The why, condition and instead of one rule, in one or two short sentences."""
        why = _sentence(rule.why_text(self.lang))
        if rule.verdict == "conditional":
            condition = _sentence(_capitalise(rule.condition_text(self.lang) or ""))
            text = f"{condition} {why}".strip()
        elif rule.verdict == "forbidden":
            text = why
        else:
            text = why
        instead = rule.instead_text(self.lang)
        if instead and rule.verdict != "allowed":
            text += " " + self.tr("Instead: %1").replace("%1", _sentence(instead))
        return text

    def _render_state(self) -> None:
        view, page = self.view, self.view.choose
        on_summary = view.pages.currentIndex() == view.SUMMARY
        lowered = self.lowered_from() if not on_summary else None
        page.justification_box.setVisible(lowered is not None)
        if lowered is not None:
            target = self.target()
            page.justification_prompt.setText(
                self.tr("Why are you removing %1? The scheme asks for a reason.").replace(
                    "%1", lowered.display_name(self.lang)) if target is None else
                self.tr("Why are you lowering %1 to %2? The scheme asks for a reason.").replace(
                    "%1", lowered.display_name(self.lang)).replace("%2", target.display_name(self.lang)))
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
        view.apply.setText(self.tr("Remove label") if self.removing else
                           self.tr("Apply") if len(self.paths) == 1 else
                           self.tr("Apply to %n file(s)", "", len(self.paths)))
        view.apply.setEnabled(reason is None)
        view.apply.setToolTip(reason or "")
        view.hint.setText(reason if reason and not self.busy else "")
        view.remove.setEnabled(not self.busy and any(o.ok and o.label for o in self.shown.values()))
        view.close.setText(self.tr("Cancel"))
        for card in view.cards:
            card.setEnabled(not self.busy)

    def _render_progress(self) -> None:
        total, done = len(self.paths), len(self.applied)
        self.view.progress.bar.setFormat(self.tr("%1 of %2").replace("%1", str(done)).replace("%2", str(total)))
        if self.busy and done < total:
            self.view.progress.current.setText(self.paths[done].name)

    def _render_summary(self) -> None:
        page = self.view.summary
        outcomes = self.applied
        label = self.applied_label
        done = [o for o in outcomes.values() if o.status in (LABELLED, REMOVED)]
        same = [o for o in outcomes.values() if o.status == UNCHANGED]
        failed = [(self.paths[i], outcome_sentence(o)) for i, o in sorted(outcomes.items())
                  if o.status == FAILED]
        skipped = [self.paths[i] for i in range(len(self.paths)) if i not in outcomes]
        name = label.display_name(self.lang) if label else ""
        page.chip.set_color(label.color if label else None)
        page.chip.setVisible(label is not None)
        page.icon.setPixmap(icon("warning" if failed or skipped else "done").pixmap(28, 28))
        total = len(self.paths)
        if total == 1 and done:
            headline = (self.tr("%1 is now labelled %2.").replace("%1", self.paths[0].name).replace("%2", name)
                        if label else self.tr("The label was removed from %1.").replace("%1", self.paths[0].name))
        elif total == 1 and same:
            headline = (self.tr("%1 already carried %2; nothing was changed.").replace(
                "%1", self.paths[0].name).replace("%2", name) if label else
                self.tr("%1 had no label to remove; nothing was changed.").replace("%1", self.paths[0].name))
        elif total == 1:
            headline = self.tr("%1 was not changed.").replace("%1", self.paths[0].name)
        elif label is not None:
            headline = self.tr("%1 of %n file(s) labelled %2.", "", total).replace(
                "%1", str(len(done))).replace("%2", name)
        else:
            headline = self.tr("Label removed from %1 of %n file(s).", "", total).replace("%1", str(len(done)))
        page.headline.setText(headline)
        details = []
        if same and total > 1:
            details.append(self.tr("%n file(s) already had it and were not changed.", "", len(same)))
        notes = [o.message for o in done if o.message]  # e.g. the audit log could not be written
        details += notes
        if not failed and not skipped and label is not None and done:
            advice = label.handling_advice(self.lang)
            if advice:
                details.append(advice)
        page.detail.setText("\n".join(details))
        page.detail.setVisible(bool(details))
        page.failures.clear()
        for path, message in failed:
            # Core sentences usually start with the file name already.
            text = message if message.startswith(path.name) else f"{path.name}: {message}"
            item = QListWidgetItem(icon("warning"), text)
            item.setToolTip(str(path))
            page.failures.addItem(item)
        for path in skipped:
            item = QListWidgetItem(f"{path.name}: " + self.tr("not processed (cancelled)"))
            item.setToolTip(str(path))
            page.failures.addItem(item)
        count = len(failed) + len(skipped)
        page.failures_title.setText(self.tr("%n file(s) left as they were:", "", count))
        page.failures_title.setVisible(count > 0)
        page.failures.setVisible(count > 0)
        fit_list_height(page.failures, 8)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _sentence(text: str) -> str:
    text = (text or "").strip()
    return text if not text or text[-1] in ".!?…" else text + "."


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]
