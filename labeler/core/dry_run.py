"""What `apply` or `remove` would do to a file, found out without writing anything.

`labeler apply --dry-run` and `labeler remove --dry-run` read each file and
apply the same rules as the labelling service (already carries the label,
no label of ours to remove, a justification the scheme asks for) and the
same early refusals as the write transaction (read-only, locked, hard-linked,
another owner, a folder that does not allow creating files).  Nothing is
written, no temp file is created and nothing is audited.

What a dry run cannot foresee is a problem found only while building and
verifying the new file (damage deep inside the document, a full disk); the
real run reports those and leaves the file as it was.
"""
from __future__ import annotations

from pathlib import Path

from formats import registry
from formats.atomic import check_can_replace
from formats.base import FormatHandler
from formats.errors import FormatError
from policy import Label

from labeler.core.outcome import FAILED, UNCHANGED, Outcome
from labeler.core.recognise import needs_justification, recognised_label

WOULD_LABEL = "would-label"
WOULD_REMOVE = "would-remove"


def _outcome(service, path: Path, status: str, result, message: str) -> Outcome:
    outcome = Outcome.from_read(str(path), status, result, message)
    label = recognised_label(service.scheme, result)
    outcome.recognised = label.id if label else None
    return outcome


def preview_change(service, path: str | Path, label: Label | None, justification: str | None = None) -> Outcome:
    """The outcome `service.apply(path, label)` (or `remove` for None) would have, without writing.

    Its status is WOULD_LABEL, WOULD_REMOVE, UNCHANGED or FAILED with the
    kind the real run would give; `label` is the file's current label.
    """
    path = Path(path)
    try:
        return _preview(service, path, label, justification)
    except FormatError as exc:
        return Outcome(str(path), FAILED, exc.kind, exc.message)
    except OSError as exc:
        from formats.errors import from_os_error

        error = from_os_error(exc, path.name)
        return Outcome(str(path), FAILED, error.kind, error.message)


def _preview(service, path: Path, label: Label | None, justification: str | None) -> Outcome:
    from labeler.core.service import JUSTIFICATION_REQUIRED

    handler = registry.handler_for(path)
    before = handler.read(path)
    current = recognised_label(service.scheme, before)
    if label is not None and before.ours and before.ours.id == label.id:
        return _outcome(service, path, UNCHANGED, before, f"{path.name} already carries {label.name('en')}.")
    if label is None and before.ours is None:
        return _outcome(service, path, UNCHANGED, before, f"{path.name} has no label of ours to remove.")
    if needs_justification(service.scheme, current, label) and not (justification or "").strip():
        assert current is not None  # only lowering a label needs a reason
        change = "removing it" if label is None else f"lowering it to {label.name('en')}"
        return Outcome(str(path), FAILED, JUSTIFICATION_REQUIRED,
                       f"{path.name} is labelled {current.name('en')} and {change} needs a justification "
                       "(--justification \"…\"), so it would be left as it is.")
    # The write transaction's early refusals; a handler that changes the file in place
    # (file-system attributes) does not replace it, so hard links and owner do not matter there.
    check_can_replace(path, replacing=type(handler).write is FormatHandler.write)
    was = before.ours.name or before.ours.id if before.ours else "no label"
    if label is None:
        return _outcome(service, path, WOULD_REMOVE, before,
                        f"{path.name}: its label would be removed (now: {was}); nothing was written.")
    return _outcome(service, path, WOULD_LABEL, before,
                    f"{path.name} would be labelled {label.name('en')} (now: {was}); nothing was written.")
