"""Format audit events as RFC 5424 syslog messages (and frame them for TCP/TLS).

Messages are RFC 5424::

    <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID [SD-ELEMENT] MSG

for example (one line)::

    <189>1 2026-11-27T10:00:00.123Z pc-042 labeler 4711 label-apply
    [labeler@32473 seq="7" action="apply" user="ann" path="/home/ann/report.docx" sha256="…"
     old_label="internal" old_label_name="Internal" label="confidential" label_name="Confidential"
     method="manual" scheme="example" scheme_version="3" hash="…"]
    \ufeffann changed the label of /home/ann/report.docx from Internal to Confidential (chosen by hand).

PRI = facility × 8 + severity; the severity is always *notice* (5), the
facility is configurable (local0 by default, authpriv for collectors that
file security events there).  32473 is the private enterprise number that
RFC 5612 reserves for examples; the SD-ID is stable so SIEM parsers can rely
on it.  ``hash`` and ``seq`` are the entry's in the local audit log, so a
collector can de-duplicate (delivery is at least once) and cross-check.
Every message carries ``seq``: the entries of one user on one machine are
numbered 1, 2, 3, … without gaps, so a collector sees a missing number (an
entry never forwarded) or a restart at 1 (a local log deleted together with
its marker); an entry that cancels a change not made after all also carries
``cancels``, the ``seq`` of that change.  A label chosen below the content
hints' recommendation carries ``recommended`` (that label's id) and
``below_reason`` (the person's reason).

Moments of sharing (labeler/desktop/sharing/records.py) have their own
MSGIDs, ``sharing-notice``, ``sharing-choice`` and ``share``, and carry
``channel``, ``verdict`` and (choice and share) ``choice``; ``label`` is the
label the file counts as and ``method`` says whether the file carries it
(``labelled``) or only counts as it (``assumed``: no label, content hints);
a reason the person gave is ``justification``.  For example::

    <189>1 2026-11-27T10:02:00.456Z pc-042 labeler 4711 sharing-notice
    [labeler@32473 seq="8" action="sharing-notice" user="ann" path="/home/ann/Dropbox/budget.xlsx"
     label="confidential" label_name="Confidential" method="labelled" scheme="example" scheme_version="3"
     channel="personal-cloud" verdict="forbidden" hash="…"]
    \ufeffann was shown a notice: /home/ann/Dropbox/budget.xlsx (Confidential) arrived in a
    personal-cloud place, where it is forbidden.

Sending them is in labeler.org.syslog_forward, which re-exports these names.
"""
from __future__ import annotations

import os
from typing import Any

from labeler.org.audit import SHARING_ACTIONS, AuditEvent
from labeler.org.syslog_config import FACILITIES
from labeler.system import APP_NAME  # one name for folders, logs, sockets

SD_ID = "labeler@32473"
SEVERITY_NOTICE = 5
BOM = "\ufeff"
MAX_VALUE_CHARS = 4096  # per SD-PARAM value: keeps a datagram well under the UDP limit


def escape_param(value: Any) -> str:
    """An SD-PARAM value: ``\\``, ``"`` and ``]`` escaped with a backslash (RFC 5424 6.3.3)."""
    text = str(value)
    if len(text) > MAX_VALUE_CHARS:
        text = text[:MAX_VALUE_CHARS - 1] + "…"
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("]", "\\]")


def _header_field(value: Any, limit: int) -> str:
    """A header field: printable US-ASCII without spaces, at most ``limit`` characters; "-" if empty."""
    text = "".join(ch for ch in str(value or "") if 33 <= ord(ch) <= 126)[:limit]
    return text or "-"


_METHOD_TEXT = {"manual": "chosen by hand", "recommended": "accepted recommendation", "default": "default label"}


def _label_text(label: dict | None) -> str:
    if not label:
        return "no label"
    return str(label.get("name") or label.get("id"))


def _sharing_sentence(event: AuditEvent) -> str:
    who, where = event.user or "someone", event.path
    label = _label_text(event.new_label) + (", assumed from its content" if event.method == "assumed" else "")
    rule = f"{event.channel}, where it is {event.verdict}"
    if event.action == "sharing-notice":
        shown = "was not shown a notice (held back)" if event.choice == "held" else "was shown a notice"
        text = f"{who} {shown}: {where} ({label}) arrived in a {event.channel} place, where it is {event.verdict}."
    elif event.action == "sharing-choice":
        text = f"{who} chose {event.choice} after the notice about {where} ({label}; {rule})."
    else:
        # Checked, not necessarily shared: "refused" and "unconfirmed" files did not go.
        text = f"{who} checked {where} ({label}) for sharing to {rule}: {event.choice}."
    if event.justification:
        text += f' Reason: "{event.justification}".'
    return text


def sentence(event: AuditEvent) -> str:
    """MSG: a short English sentence for people reading the SIEM."""
    if event.action in SHARING_ACTIONS:
        return _sharing_sentence(event)
    who, where = event.user or "someone", event.path
    if event.action == "remove":
        text = f"{who} removed the label {_label_text(event.old_label)} from {where}"
    elif event.old_label:
        text = (f"{who} changed the label of {where} from {_label_text(event.old_label)} "
                f"to {_label_text(event.new_label)}")
    else:
        text = f"{who} labelled {where} {_label_text(event.new_label)}"
    text += f" ({_METHOD_TEXT.get(event.method, event.method)})."
    if event.justification:
        text += f' Justification: "{event.justification}".'
    below = event.below_recommendation if isinstance(event.below_recommendation, dict) else None
    if below:
        text += f" Below the recommended label {below.get('recommended')}"
        text += f': "{below["reason"]}".' if below.get("reason") else "."
    return text


def structured_data(event: AuditEvent) -> str:
    old, new = event.old_label or {}, event.new_label or {}
    below = event.below_recommendation if isinstance(event.below_recommendation, dict) else {}
    params = [
        ("seq", event.seq), ("cancels", event.cancels), ("action", event.action), ("user", event.user),
        ("path", event.path),
        ("sha256", event.content_sha256), ("old_label", old.get("id")), ("old_label_name", old.get("name")),
        ("label", new.get("id")), ("label_name", new.get("name")), ("method", event.method),
        ("justification", event.justification), ("scheme", event.scheme_id),
        ("scheme_version", event.scheme_version), ("recommended", below.get("recommended")),
        ("below_reason", below.get("reason")), ("channel", event.channel), ("verdict", event.verdict),
        ("choice", event.choice), ("hash", event.hash),
    ]
    body = " ".join(f'{name}="{escape_param(value)}"' for name, value in params if value is not None)
    return f"[{SD_ID} {body}]"


def format_message(event: AuditEvent | dict, facility: str = "local0", *, procid: int | str | None = None) -> str:
    """The RFC 5424 message for one audit event (text; encode as UTF-8 to send)."""
    if isinstance(event, dict):
        event = AuditEvent.from_json(event)
    pri = FACILITIES[facility] * 8 + SEVERITY_NOTICE
    header = " ".join([
        f"<{pri}>1",
        _header_field(event.time, 64),
        _header_field(event.machine, 255),
        APP_NAME,
        _header_field(os.getpid() if procid is None else procid, 128),
        _header_field(event.action if event.action in SHARING_ACTIONS else f"label-{event.action}", 32),
    ])
    return f"{header} {structured_data(event)} {BOM}{sentence(event)}"


def frame_tcp(message: bytes) -> bytes:
    """RFC 6587 / RFC 5425 octet counting: ``MSG-LEN SP SYSLOG-MSG``."""
    return str(len(message)).encode("ascii") + b" " + message
