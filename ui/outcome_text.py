"""Failure sentences in the interface language.

The core explains every failure in an English sentence (the command line's
language).  The windows show the same failure in the user's language: a
translated sentence per outcome kind, with the file's name.  In English the
core's own, more specific sentence is kept.
"""
from __future__ import annotations

import os

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from .i18n import current_language

CONTEXT = "OutcomeText"
SENTENCES = {
    "encrypted": QT_TRANSLATE_NOOP("OutcomeText", "%1 is password-protected; its label cannot be read or "
                                                  "changed without the password."),
    "corrupt": QT_TRANSLATE_NOOP("OutcomeText", "%1 is damaged or is not the kind of file its name says; "
                                                "it was left as it was."),
    "unsupported": QT_TRANSLATE_NOOP("OutcomeText", "%1 is in a format that cannot be labelled; "
                                                    "it was left as it was."),
    "not-a-file": QT_TRANSLATE_NOOP("OutcomeText", "%1 is a folder or a special file, not a document."),
    "permission-denied": QT_TRANSLATE_NOOP("OutcomeText", "You are not allowed to change %1."),
    "read-only": QT_TRANSLATE_NOOP("OutcomeText", "%1 is read-only; it was left as it was."),
    "locked": QT_TRANSLATE_NOOP("OutcomeText", "%1 is open in another program; close it there and try again."),
    "vanished": QT_TRANSLATE_NOOP("OutcomeText", "%1 no longer exists (it was moved or deleted)."),
    "changed-on-disk": QT_TRANSLATE_NOOP("OutcomeText", "%1 was changed by another program while it was "
                                                        "being labelled; nothing was written. Try again."),
    "unsafe-metadata": QT_TRANSLATE_NOOP("OutcomeText", "%1 contains suspicious metadata; it was left alone "
                                                        "as a precaution."),
    "too-large": QT_TRANSLATE_NOOP("OutcomeText", "%1 has metadata far larger than normal; it was left alone."),
    "cannot-label-here": QT_TRANSLATE_NOOP("OutcomeText", "%1 is on a drive that cannot store labels beside "
                                                          "files."),
    "no-space": QT_TRANSLATE_NOOP("OutcomeText", "The disk is full; %1 was left as it was."),
    "io-error": QT_TRANSLATE_NOOP("OutcomeText", "%1 could not be accessed; it was left as it was."),
    "justification-required": QT_TRANSLATE_NOOP("OutcomeText", "Lowering or removing the label of %1 needs "
                                                               "a justification; it was left as it was."),
    "hard-linked": QT_TRANSLATE_NOOP("OutcomeText", "%1 has other names (hard links) that would keep the old "
                                                    "content, so it was left as it was."),
    "owner-not-kept": QT_TRANSLATE_NOOP("OutcomeText", "%1 belongs to another user or group, and labelling it "
                                                       "would change its owner, so it was left as it was."),
    "audit-failed": QT_TRANSLATE_NOOP("OutcomeText", "%1 was not labelled because the audit log could not "
                                                     "record the change; it was left as it was."),
    "internal-error": QT_TRANSLATE_NOOP("OutcomeText", "%1 could not be processed because of an unexpected "
                                                       "problem; it was left as it was."),
}


def outcome_sentence(outcome) -> str:
    """The failure of `outcome` as a sentence in the interface language."""
    sentence = SENTENCES.get(outcome.kind or "")
    if sentence is None or current_language() == "en":
        return outcome.message or outcome.kind or ""
    name = os.path.basename(str(outcome.path))
    return QCoreApplication.translate(CONTEXT, str(sentence)).replace("%1", name)
