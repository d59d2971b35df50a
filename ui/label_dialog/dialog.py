"""The labelling dialog: one or many files, a label chosen by a person, applied off the GUI thread."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QDialog

from policy import CHANNELS
from ui import i18n

from .controller import LabelDialogController
from .views import LabelDialogView


class LabelDialog(QDialog):
    """Choose a label for `paths`; non-modal friendly (`show()`).

    `labelsApplied(list)` carries one `labeler.core.outcome.Outcome` per file that
    was processed, emitted once the batch is over (also after a cancel).
    `lang` is the interface language; Qt translators are application-wide, so
    a different language than the current one is installed for the whole app.
    """

    labelsApplied = Signal(list)

    def __init__(self, paths: list[str | Path], scheme, service=None, lang: str = "en", parent=None):
        super().__init__(parent)
        if not paths:
            raise ValueError("the label dialog needs at least one file")
        if service is None:
            from labeler.core.service import LabelService

            service = LabelService.for_desktop(scheme)
        lang = i18n.ensure_language(lang)
        self.setObjectName("labelDialog")
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.view = LabelDialogView(self, len(CHANNELS))
        self.controller = LabelDialogController(self, self.view, list(paths), scheme, service, lang)
        self.controller.labelsApplied.connect(self.labelsApplied)
        if len(paths) > 1:  # room for the files, grouped, above the labels
            self.resize(self.width(), max(self.height(), 860))

    def label_with(self, service) -> None:
        """Apply (and read the files added later) through `service` from now on: the app's, once it is up,
        for a dialog opened while it started (ui/startup.py)."""
        self.controller.service = service

    def add_paths(self, paths: list[str | Path]) -> list[Path]:
        """More files for this open dialog (the rest of one multi-select); the files added, none when it is
        applying or done (see LabelChoice.add_paths)."""
        added = self.controller.add_paths(paths)
        if added and len(self.controller.paths) > 1 and self.height() < 860:  # room for the files, grouped
            self._grow_on_screen(860)
        return added

    def _grow_on_screen(self, height: int) -> None:
        """Grow to `height`, moved up where needed so that the whole window, title bar included, stays on
        the screen (it was placed for its first, smaller size)."""
        screen = self.screen()
        area = screen.availableGeometry() if screen is not None else None
        frame, inner = self.frameGeometry(), self.geometry()
        decoration = frame.height() - inner.height()
        if area is not None:
            height = min(height, area.height() - decoration)
        self.resize(self.width(), height)
        if area is not None and self.isVisible():
            bottom = frame.top() + decoration + height
            top = max(area.top(), frame.top() - max(0, bottom - (area.top() + area.height())))
            if top != frame.top():
                self.move(frame.left(), top)

    def accepts_files(self) -> bool:
        return self.controller.can_add()

    # -- conveniences for callers and tests --------------------------------------------
    @property
    def paths(self) -> list[Path]:
        return list(self.controller.paths)

    @property
    def lang(self) -> str:
        return self.controller.lang

    def selected_label_id(self) -> str | None:
        selected = self.controller.selected
        return selected.id if selected else None

    def highlighted_label_id(self) -> str | None:
        highlighted = self.controller.highlighted
        return highlighted.id if highlighted else None

    def recommended_label_id(self) -> str | None:
        recommended = self.controller.recommended
        return recommended.id if recommended else None

    # -- Qt events ----------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:
        if self.controller.key_pressed(event):
            return
        super().keyPressEvent(event)  # Enter: the default button (Apply) if enabled; Esc: reject()

    def reject(self) -> None:
        """Esc or the window's close button: cancel a running batch first, close otherwise."""
        if self.controller.busy:
            self.controller.cancel()
            return
        self.controller.shutdown()
        super().reject()

    def closeEvent(self, event) -> None:
        if self.controller.busy:
            self.controller.cancel()
            event.ignore()
            return
        self.controller.shutdown()
        super().closeEvent(event)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.controller.focus_choice()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.controller.set_language(i18n.current_language())
