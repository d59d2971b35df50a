"""The vocabulary of scheme distribution: the stored state, the scheme in force, a refusal, the schedule.

Plain data and small helpers shared by the fetching (labeler.org.scheme_fetch)
and the store (labeler.org.distribution); nothing here touches the network or
the disk.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING

from policy import Scheme

from labeler.org.admin_config import AdminConfig

if TYPE_CHECKING:  # datetime is imported by the functions that need it: reading the scheme in force does not
    from datetime import datetime

UPDATED, UP_TO_DATE, REFUSED = "updated", "up-to-date", "refused"


def parse_time(text: str | None) -> datetime | None:
    if not text:
        return None
    from datetime import datetime, UTC

    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


# --- state -----------------------------------------------------------------------

@dataclass
class State:
    """What the app knows about its scheme: the stored good one and the last check.

    version/scheme_id/scheme_name/source/key_id/sha256 describe the stored
    good scheme (None before the first one is accepted); last_* describe the
    most recent check, whatever its result.
    """

    version: int | None = None
    scheme_id: str | None = None
    scheme_name: str | None = None
    source: str | None = None  # where the stored scheme was fetched from
    signature_valid: bool = False  # the stored scheme's signature was verified when it was accepted
    key_id: str | None = None  # the trusted key that signed it
    sha256: str | None = None  # of the stored scheme's bytes
    last_check: str | None = None  # UTC ISO 8601
    last_success: str | None = None  # last check that ended "updated" or "up-to-date"
    last_result: str | None = None  # "updated", "up-to-date" or "refused"
    last_error: str | None = None  # a sentence, None when the last check went well

    def to_json(self) -> dict:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, value) -> State:
        """Tolerant: unknown fields are ignored and wrongly typed ones reset."""
        state = cls()
        if not isinstance(value, dict):
            return state
        for f in dataclasses.fields(cls):
            item = value.get(f.name)
            if f.name == "version":
                ok = isinstance(item, int) and not isinstance(item, bool)
            elif f.name == "signature_valid":
                ok = isinstance(item, bool)
            else:
                ok = isinstance(item, str)
            if ok:
                setattr(state, f.name, item)
        return state


@dataclass(frozen=True)
class InForce:
    """The scheme the app uses now, and where it comes from."""

    scheme: Scheme
    builtin: bool  # True: the built-in demo scheme (nothing good stored)
    source: str | None  # where the stored scheme came from; None for the built-in one
    signature_valid: bool
    key_id: str | None
    problem: str | None = None  # why a stored scheme is not used, if there is one

    def to_json(self) -> dict:
        return {"scheme_id": self.scheme.id, "version": self.scheme.version, "name": self.scheme.name,
                "labels": len(self.scheme.labels), "builtin": self.builtin, "source": self.source,
                "signature_valid": self.signature_valid, "key_id": self.key_id, "problem": self.problem}

class Refused(Exception):
    """A fetched scheme that is not accepted; the message is a sentence.

    The sentence about what stays in force is added by `sentence()`: after
    it, or (`one_sentence`) joined to it with a semicolon.
    """

    def __init__(self, message: str, one_sentence: bool = False):
        super().__init__(message)
        self.one_sentence = one_sentence

    def sentence(self, kept: str) -> str:
        text = str(self).strip()
        if self.one_sentence:
            return f"{text.rstrip('.')}; {kept[:1].lower()}{kept[1:]}"
        return f"{_sentence(text)} {kept}"


def _sentence(exc: Exception | str) -> str:
    text = str(exc).strip()
    return text if text.endswith((".", "!", "?")) else text + "."


# --- scheduling ------------------------------------------------------------------

def next_check_due(state: State, config: AdminConfig) -> datetime:
    """When the next check is due (UTC); in the past means now."""
    from datetime import datetime, timedelta, UTC

    last = parse_time(state.last_check)
    if last is None:
        return datetime.fromtimestamp(0, UTC)
    return last + timedelta(minutes=config.check_interval_minutes)


def check_due(state: State, config: AdminConfig, now: datetime | None = None) -> bool:
    from datetime import datetime, UTC

    now = now or datetime.now(UTC)
    last = parse_time(state.last_check)
    # A clock set back must not postpone checks for a long time.
    return last is None or last > now or now >= next_check_due(state, config)
