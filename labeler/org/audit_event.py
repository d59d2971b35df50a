"""One audit entry: the AuditEvent record of a label change or a moment of sharing, and how labels are
referred to in it."""
from __future__ import annotations

from labeler.core.names import clean_text, path_fields, path_from_fields
from labeler.org.audit_lines import sha256_file
from labeler.system import current_user, utc_now_ms

import os
import re
import socket
from dataclasses import asdict, dataclass, fields
from datetime import datetime
from pathlib import Path
from typing import Any

ACTIONS = ("apply", "remove")  # the label changes
# Moments of sharing (labeler/desktop/sharing/records.py): a notice shown for a document that arrived in a
# sharing place, the person's choice after it, and a share through `labeler share` or "Send by e-mail…".
# They change no label: every count of label changes skips them (labeler/core/awareness.py label_changes).
SHARING_NOTICE, SHARING_CHOICE, SHARE = "sharing-notice", "sharing-choice", "share"
SHARING_ACTIONS = (SHARING_NOTICE, SHARING_CHOICE, SHARE)
# The `method` of a sharing entry: whether the file carries its label or only counts as it (no label,
# and its content suggests it).
SHARING_METHODS = ("labelled", "assumed")
# Recorded when a change already audited could not be made after all (the
# final rename failed): it names the entry it cancels in ``cancels``.
ABORT = "abort"
METHODS = ("manual", "recommended", "default")
# A label another program's save dropped, put back at the person's request: not a new choice.
RESTORED = "restored"
FORMAT_VERSION = 1
MAX_REASON_CHARS = 500  # a sharing reason is one line: "Keep it — I have a reason"
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


def parse_time(text: str) -> datetime:
    """An ISO 8601 time as an aware datetime (a naive one is taken as local time)."""
    value = datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
    return value if value.tzinfo else value.astimezone()


def label_ref(label: Any) -> dict | None:
    """{id, name} from None, a FoundLabel, a policy Label (``name("en")``), a dict or an (id, name) pair."""
    if label is None:
        return None
    if isinstance(label, dict):
        return {"id": str(label["id"]), "name": label.get("name")}
    if isinstance(label, (tuple, list)):
        ident, name = label
        return {"id": str(ident), "name": name}
    name = getattr(label, "name", None)
    if callable(name):
        name = name("en")
    return {"id": str(label.id), "name": name}


# -- the event -----------------------------------------------------------------
@dataclass
class AuditEvent:
    """One label change.  ``seq``, ``prev`` and ``hash`` are filled in by ``AuditLog.append``."""

    action: str  # "apply" | "remove"
    path: str  # absolute
    content_sha256: str | None  # of the file after the change; None if it could not be read
    old_label: dict | None  # {"id", "name"} or None
    new_label: dict | None  # {"id", "name"} or None
    method: str  # "manual" | "recommended" | "default"
    justification: str | None = None
    scheme_id: str | None = None
    scheme_version: int | str | None = None
    user: str = ""
    machine: str = ""
    time: str = ""  # UTC, ISO 8601 with milliseconds and "Z"
    seq: int = 0
    prev: str | None = None
    hash: str | None = None
    v: int = FORMAT_VERSION
    path_b64: str | None = None  # the exact name's bytes, only when it is not UTF-8
    cancels: int | None = None  # for an "abort": the seq of the change that was not made
    # A label below the one the content hints recommended, chosen by a person with a one-line reason:
    # {"recommended": label id, "reason": text}.  Absent from every other entry.
    below_recommendation: dict | None = None
    # Moments of sharing only (SHARING_ACTIONS): the channel id, the verdict of the label's rule for it,
    # and what happened (a choice after a notice, or how a share ended).  The label is ``new_label``; a
    # reason the person gave is ``justification``.
    channel: str | None = None
    verdict: str | None = None
    choice: str | None = None

    @classmethod
    def create(cls, action: str, path: str | Path, old_label: Any, new_label: Any, method: str = "manual",
               justification: str | None = None, scheme_id: str | None = None,
               scheme_version: int | str | None = None, *, user: str | None = None,
               machine: str | None = None, time: str | None = None,
               content_sha256: str | None = None,
               below_recommendation: dict | None = None) -> AuditEvent:
        """An event for a change that has just been made to ``path``.

        ``old_label``/``new_label``: None, a FoundLabel / policy Label, a
        dict with id and name, or an (id, name) pair.  The file's content is
        hashed now (streamed) unless ``content_sha256`` is given.
        """
        if action not in ACTIONS:
            raise ValueError(f"audit action must be one of {ACTIONS}, not {action!r}")
        if method not in METHODS + (RESTORED,):
            raise ValueError(f"audit method must be one of {METHODS + (RESTORED,)}, not {method!r}")
        absolute = os.path.abspath(os.fspath(path))
        where = path_fields(absolute)
        return cls(action=action, path=where["path"], path_b64=where.get("path_b64"),
                   content_sha256=content_sha256 if content_sha256 is not None else sha256_file(absolute),
                   old_label=_clean_ref(label_ref(old_label)), new_label=_clean_ref(label_ref(new_label)),
                   method=method, justification=clean_text(justification) or None,
                   scheme_id=scheme_id, scheme_version=scheme_version,
                   user=user or current_user(), machine=machine or socket.gethostname(),
                   time=time or utc_now_ms(), below_recommendation=_clean_below(below_recommendation))

    @classmethod
    def sharing(cls, action: str, path: str | Path, label: Any, channel: str, verdict: str, *,
                choice: str | None = None, reason: str | None = None, assumed: bool = False,
                scheme_id: str | None = None, scheme_version: int | str | None = None,
                user: str | None = None, machine: str | None = None, time: str | None = None) -> AuditEvent:
        """An entry for a moment of sharing of ``path``: no content hash, no document content; the reason
        is cleaned to one line."""
        if action not in SHARING_ACTIONS:
            raise ValueError(f"sharing action must be one of {SHARING_ACTIONS}, not {action!r}")
        where = path_fields(os.path.abspath(os.fspath(path)))
        return cls(action=action, path=where["path"], path_b64=where.get("path_b64"), content_sha256=None,
                   old_label=None, new_label=_clean_ref(label_ref(label)),
                   method=SHARING_METHODS[1] if assumed else SHARING_METHODS[0],
                   justification=one_line(reason), scheme_id=scheme_id, scheme_version=scheme_version,
                   user=user or current_user(), machine=machine or socket.gethostname(),
                   time=time or utc_now_ms(), channel=clean_text(channel), verdict=clean_text(verdict),
                   choice=clean_text(choice) or None)

    def to_json(self) -> dict:
        entry = asdict(self)
        for optional in ("path_b64", "cancels", "below_recommendation", "channel", "verdict", "choice"):
            if entry[optional] is None:
                del entry[optional]  # ordinary entries look as they always did
        return entry

    @property
    def file_path(self) -> str:
        """The path to act on: the exact bytes where the name is not UTF-8."""
        return path_from_fields({"path": self.path, "path_b64": self.path_b64})

    @classmethod
    def from_json(cls, data: dict) -> AuditEvent:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})

    @classmethod
    def abort_of(cls, event: AuditEvent, reason: str) -> AuditEvent:
        """The entry saying that the audited change `event` was not made after all."""
        return cls(action=ABORT, path=event.path, path_b64=event.path_b64, content_sha256=None,
                   old_label=event.old_label, new_label=event.old_label, method=event.method,
                   justification=clean_text(reason), scheme_id=event.scheme_id,
                   scheme_version=event.scheme_version, user=event.user, machine=event.machine,
                   time=utc_now_ms(), cancels=event.seq)

    @property
    def when(self) -> datetime:
        """``time`` as an aware datetime."""
        return parse_time(self.time)


def one_line(text: str | None, limit: int = MAX_REASON_CHARS) -> str | None:
    """A reason as one line of at most ``limit`` characters: line breaks, tabs and control characters become
    spaces, runs of spaces one; None when nothing is left."""
    if text is None:
        return None
    flat = " ".join(_CONTROL.sub(" ", clean_text(text) or "").split())
    if len(flat) > limit:
        flat = flat[:limit - 1].rstrip() + "…"
    return flat or None


def _clean_below(below: dict | None) -> dict | None:
    """{"recommended": id, "reason": text} with both cleaned; None when there is nothing to record."""
    if not below:
        return None
    return {"recommended": clean_text(str(below["recommended"])), "reason": clean_text(below.get("reason")) or None}


def _clean_ref(ref: dict | None) -> dict | None:
    if ref is None:
        return None
    return {"id": clean_text(ref["id"]), "name": clean_text(ref.get("name"))}

