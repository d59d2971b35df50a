"""What the labelling dialog shows: its state (choice.py) turned into the view's texts.

`LabelDialogController` renders the files and their current labels, the
cards, the recommendation banner, the consequences of the highlighted label,
why Apply is blocked, the progress and the summary, in the interface
language of the moment.  Its strings are translated under the
"LabelDialogController" context (resources/translations/labeler_*.ts).
"""
from __future__ import annotations

from collections import Counter

from PySide6.QtWidgets import QListWidgetItem

from labeler.core.markings import visual_markings
from labeler.core.outcome import FAILED, LABELLED, REMOVED, UNCHANGED, Outcome
from labeler.hints import describe
from labeler.system import current_user, utc_now
from policy import CHANNELS

from ..outcome_text import outcome_sentence
from ..widgets.color_chip import chip_pixmap
from .choice import LabelChoice
from .views import icon

FOREIGN_SYSTEMS = ("microsoft", "tscp", "titus", "boldon-james")


def fit_list_height(view, max_rows: int) -> None:
    """Size a list to its rows (up to `max_rows`, then it scrolls)."""
    rows = min(view.count(), max_rows)
    height = sum(view.sizeHintForRow(i) for i in range(rows)) if rows else 0
    view.setFixedHeight(height + 2 * view.frameWidth() + 4)


class LabelDialogController(LabelChoice):
    """The labelling dialog's behaviour (choice.py) and the texts it shows."""

    # -- why Apply is blocked -----------------------------------------------------------
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

    def found_text(self) -> str:
        """What the hints found in all files together: counts, never values."""
        total = Counter()
        for suggestion in self.suggestions.values():
            total.update(suggestion.findings)
        return describe(dict(total), self.lang)

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
            panel.markings.setVisible(False)
            panel.channels_title.setVisible(False)
            for row in panel.rows:
                row.set_visible(False)
            return
        panel.chip.set_color(label.color)
        panel.title.setText(self.tr("If you choose %1").replace("%1", label.display_name(self.lang)))
        panel.advice.setText(label.handling_advice(self.lang) or label.description(self.lang))
        note = self.markings_text(label)
        panel.markings.setText(note)
        panel.markings.setVisible(bool(note))
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

    def markings_text(self, label) -> str:
        """What `label` will draw into the files (header, footer, watermark), and where it cannot."""
        beside = sum(1 for outcome in self.shown.values() if outcome.ok and not outcome.travels_with_file)
        inside = len(self.paths) - beside
        drawn = visual_markings(label, self.scheme.marking_language, getattr(self.service, "user", None) or current_user(),
                                 utc_now())
        parts = []
        if drawn is not None and inside:
            drawn = drawn.for_file(self.paths[0].name if len(self.paths) == 1 else "…")
            for part, text in drawn.parts().items():
                what = {"header": self.tr("a header: “%1”"), "footer": self.tr("a footer: “%1”"),
                        "watermark": self.tr("a watermark: “%1”")}[part]
                parts.append(what.replace("%1", text))
        sentences = []
        if parts:
            sentences.append(self.tr("Adds %1.").replace("%1", "; ".join(parts)))
        if beside:
            sentences.append(self.tr("%n file(s) can only be labelled beside the content: the label does not "
                                     "travel with copies or e-mail, and no marking is drawn.", "", beside))
        return " ".join(sentences)

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

    def _render_stopping(self) -> None:
        self.view.progress.current.setText(self.tr("Stopping after the current file…"))

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
