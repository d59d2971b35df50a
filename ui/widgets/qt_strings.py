"""Qt's own strings that Qt's Dutch and French catalogues (qtbase_nl, qtbase_fr) do not have.

Qt 6's file chooser asks for "&Look in:" and "Files of &type:" (its
catalogues still carry the older "Look in:"), and names folders and files
under QAbstractFileIconProvider; without an entry they show in English in
an otherwise translated dialog.  Listing them here puts them in our
catalogue (tools/build_translations.py); Qt asks every installed translator,
so ours answers where Qt's own has nothing.  Nothing imports this module.
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

QT_STRINGS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Folder"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "File"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Drive"),
)
