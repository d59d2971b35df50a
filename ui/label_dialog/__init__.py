"""The labelling dialog (views.py: layout; choice.py: state and rules; controller.py: what it shows;
dialog.py: the QDialog).

    dialog = open_label_dialog(["report.docx"])      # scheme in force, desktop service
    dialog.labelsApplied.connect(on_applied)          # list of labeler.core.outcome.Outcome
"""
from __future__ import annotations

from pathlib import Path

from .dialog import LabelDialog

__all__ = ["LabelDialog", "open_label_dialog"]

_open: set[LabelDialog] = set()  # non-modal dialogs stay alive until closed


def open_label_dialog(paths: list[str | Path], scheme=None, service=None, lang: str | None = None,
                      parent=None) -> LabelDialog:
    """Create, show and raise a label dialog for `paths`; returns it (it deletes itself when closed)."""
    from ui.i18n import current_language
    from ui.widgets.non_modal import show_non_modal

    if scheme is None:
        from labeler.org.distribution import in_force

        scheme = in_force().scheme
    if service is None:
        from labeler.core.service import LabelService

        service = LabelService.for_desktop(scheme)
    dialog = LabelDialog(paths, scheme, service=service, lang=lang or current_language(), parent=parent)
    return show_non_modal(dialog, _open)

