"""What a choice means and what applying it did, in words: the consequences panel (markings, sharing
rules), why a reason is asked for, the progress and the summary.

The base of `LabelDialogController` (controller.py), named like it because its strings are translated
under the "LabelDialogController" context (resources/translations/labeler_*.ts): lupdate takes the
context from the class a string is written in, Qt from the class of the object at run time.
"""
from __future__ import annotations

from collections import Counter

from PySide6.QtWidgets import QListWidgetItem

from labeler.core.markings import visual_markings
from labeler.core.outcome import FAILED, LABELLED, REMOVED, UNCHANGED
from labeler.system import current_user, utc_now
from policy import CHANNELS

from ..outcome_text import outcome_sentence
from .choice import REMOVE, LabelChoice
from .views import icon


def fit_list_height(view, max_rows: int) -> None:
    """Size a list to its rows (up to `max_rows`, then it scrolls)."""
    rows = min(view.count(), max_rows)
    height = sum(view.sizeHintForRow(i) for i in range(rows)) if rows else 0
    view.setFixedHeight(height + 2 * view.frameWidth() + 4)


class LabelDialogController(LabelChoice):
    """The texts of the consequences, the reason prompt, the progress and the summary (see above)."""

    def _choice_name(self, choice) -> str:
        if choice == REMOVE:
            return self.tr("no label (removed)")
        return choice.display_name(self.lang)

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
        user = getattr(self.service, "user", None) or current_user()
        drawn = visual_markings(label, self.scheme.marking_language, user, utc_now())
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

    def reason_prompt(self) -> str:
        """Why a reason is asked for: lowering a label the scheme protects, or going below a recommendation."""
        sentences = []
        lowered = self.lowered_from()
        if lowered is not None:
            target = self.target()
            if self.removing:
                sentences.append(self.tr("Why are you removing %1? The scheme asks for a reason.").replace(
                    "%1", lowered.display_name(self.lang)))
            elif target is None or self.batch and self.group_choice:
                sentences.append(self.tr("Why are you lowering %1? The scheme asks for a reason.").replace(
                    "%1", lowered.display_name(self.lang)))
            else:
                sentences.append(self.tr("Why are you lowering %1 to %2? The scheme asks for a reason.").replace(
                    "%1", lowered.display_name(self.lang)).replace("%2", target.display_name(self.lang)))
        below = self.below()
        if below:
            recommended = max((r for r in map(self.below_recommendation, below) if r is not None),
                              key=self.scheme.rank_of)
            choice = self.choice_for(below[0])
            if not self.batch:
                text = (self.tr("The content suggests %1. Why is removing the label enough?") if choice == REMOVE
                        else self.tr("The content suggests %1. Why is %2 enough?").replace(
                            "%2", choice.display_name(self.lang)))
                sentences.append(text.replace("%1", recommended.display_name(self.lang)))
            else:
                sentences.append(self.tr("%n file(s) would get a lower label than recommended. Why is that "
                                         "enough?", "", len(below)))
            sentences.append(self.tr("One line; the audit log keeps it with the recommendation."))
        return " ".join(sentences)

    def _render_progress(self) -> None:
        plan = self.applied_plan
        total, done = len(plan), len(self.applied)
        self.view.progress.bar.setFormat(self.tr("%1 of %2").replace("%1", str(done)).replace("%2", str(total)))
        if self.busy and done < total:
            self.view.progress.current.setText(plan[done].path.name)

    def _render_stopping(self) -> None:
        self.view.progress.current.setText(self.tr("Stopping after the current file…"))

    def _render_summary(self) -> None:
        page = self.view.summary
        outcomes = self.applied
        label = self.applied_label
        plan = {change.index: change for change in self.applied_plan}
        removing = bool(plan) and all(change.label is None for change in plan.values())
        done = [o for o in outcomes.values() if o.status in (LABELLED, REMOVED)]
        same = [o for o in outcomes.values() if o.status == UNCHANGED]
        failed = [(self.paths[i], outcome_sentence(o)) for i, o in sorted(outcomes.items())
                  if o.status == FAILED]
        skipped = [self.paths[i] for i in sorted(plan) if i not in outcomes]
        cannot = [(self.paths[i], outcome_sentence(self.shown[i])) for i in range(len(self.paths))
                  if i not in plan and not self.labellable(i)]
        left_out = [self.paths[i] for i in range(len(self.paths)) if i not in plan and self.labellable(i)]
        name = label.display_name(self.lang) if label else ""
        page.chip.set_color(label.color if label else None)
        page.chip.setVisible(label is not None)
        page.icon.setPixmap(icon("warning" if failed or skipped or cannot else "done").pixmap(28, 28))
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
        elif removing:
            headline = self.tr("Label removed from %1 of %n file(s).", "", total).replace("%1", str(len(done)))
        else:
            headline = self.tr("%1 of %n file(s) labelled.", "", total).replace("%1", str(len(done)))
        page.headline.setText(headline)
        details = []
        if label is None and not removing and done:
            counts: Counter[str] = Counter(self._choice_name(plan[i].label if plan[i].label else REMOVE)
                             for i, o in outcomes.items() if o.status in (LABELLED, REMOVED))
            details.append(", ".join(f"{n} × {what}" for what, n in counts.most_common()))
        if same and total > 1:
            details.append(self.tr("%n file(s) already had it and were not changed.", "", len(same)))
        if left_out:
            details.append(self.tr("%n file(s) left out, as you chose.", "", len(left_out)))
        notes = [o.message for o in done if o.message]  # e.g. the audit log could not be written
        details += notes
        if not failed and not skipped and label is not None and done:
            advice = label.handling_advice(self.lang)
            if advice:
                details.append(advice)
        page.detail.setText("\n".join(details))
        page.detail.setVisible(bool(details))
        page.failures.clear()
        for path, message in [*failed, *cannot]:
            # Core sentences usually start with the file name already.
            text = message if message.startswith(path.name) else f"{path.name}: {message}"
            item = QListWidgetItem(icon("warning"), text)
            item.setToolTip(str(path))
            page.failures.addItem(item)
        for path in skipped:
            item = QListWidgetItem(f"{path.name}: " + self.tr("not processed (cancelled)"))
            item.setToolTip(str(path))
            page.failures.addItem(item)
        count = len(failed) + len(skipped) + len(cannot)
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
