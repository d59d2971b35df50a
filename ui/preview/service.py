"""A labelling service for previews: reads labels like the real one, never writes.

The labelling dialog talks to a service with `show`, `apply` and `remove`,
each returning a `labeler.core.outcome.Outcome`.  Here `show` reads a real sample
file (reading is harmless) or presents a sample that does not exist as
unlabelled; `apply` and `remove` check the scheme's rules as the real service
would and answer with a failed Outcome of kind "preview": the dialog's
summary then says the file was not changed, and why.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication

from labeler.core.outcome import FAILED, SHOWN, Outcome
from labeler.core.recognise import needs_justification
from labeler.core.service import JUSTIFICATION_REQUIRED, LabelService
from ui.i18n import current_language

PREVIEW = "preview"  # Outcome.kind of every apply/remove in a preview


def tr(text: str) -> str:
    # May run in a worker thread: QCoreApplication.translate is thread-safe.
    return QCoreApplication.translate("", text)  # lupdate files a bare tr("…") under the empty context


class PreviewService:
    """Looks like `labeler.core.service.LabelService` to the dialog; writes nothing, records nothing."""

    def __init__(self, scheme):
        self.scheme = scheme
        self.user = "preview"
        self.audit = None
        self._reader = LabelService(scheme, user="preview")  # used for reading only

    def show(self, path) -> Outcome:
        path = Path(path)
        if not path.exists():  # the synthetic sample: a document without a label
            return Outcome(str(path), SHOWN, message=tr("Sample document (it does not exist on disk)."))
        return self._reader.show(path)

    def apply(self, path, label, method: str = "manual", justification: str | None = None) -> Outcome:
        return self._would(Path(path), label, justification)

    def remove(self, path, justification: str | None = None) -> Outcome:
        return self._would(Path(path), None, justification)

    def _would(self, path: Path, label, justification: str | None) -> Outcome:
        shown = self.show(path)
        current = self.scheme.find(shown.recognised) if shown.recognised else None
        if needs_justification(self.scheme, current, label) and not (justification or "").strip():
            return Outcome(str(path), FAILED, JUSTIFICATION_REQUIRED,
                           tr("Preview: nothing was written. In use, this change would need a justification."))
        if label is None:
            text = tr("Preview: nothing was written. In use, the label would have been removed.")
        else:
            text = tr("Preview: nothing was written. In use, the file would have been labelled %1.").replace(
                "%1", label.display_name(current_language()))
        return Outcome(str(path), FAILED, PREVIEW, text, label=shown.label, foreign=shown.foreign,
                       handler=shown.handler, recognised=shown.recognised)
