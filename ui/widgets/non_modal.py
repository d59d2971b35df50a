"""Show a non-modal dialog that lives until it is closed."""
from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

D = TypeVar("D", bound=QDialog)


def show_non_modal(dialog: D, kept: set[D]) -> D:
    """Show, raise and activate `dialog`; it deletes itself when closed.  `kept` holds it until then: the
    caller may keep no reference, and a dialog nothing refers to would be collected while on screen."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    kept.add(dialog)
    dialog.finished.connect(lambda _result, d=dialog: kept.discard(d))
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
