"""The outcome of verifying the audit log: VerifyResult and the reasons it gives, translated for people."""
from __future__ import annotations

from policy.messages import N_, N_plural, translation

from dataclasses import dataclass, field
from typing import Any

# Why a line or the log is damaged: the sentence (in English here; translated for people by
# VerifyResult.text) and, for those that count, its singular/plural pair with the count in "n".
REASONS: dict[str, str | tuple[str, str]] = {
    "incomplete": N_("the last line is incomplete: the log was truncated or a write was interrupted"),
    "empty": N_("empty line where an entry was expected"),
    "not_utf8": N_("the line is not UTF-8 text"),
    "not_json": N_("the line cannot be read as an entry (not valid JSON)"),
    "duplicate": N_("the key \"{field}\" appears twice in the line: programs that read the first one and "
                    "programs that read the last one would see different entries"),
    "surrogate": N_("the value of \"{field}\" holds an escape that is not a character (a lone surrogate such "
                    "as \\ud800)"),
    "not_entry": N_("the line is not an audit entry (no hash or prev)"),
    "bad_time": N_("the time of the entry cannot be read"),
    "changed": N_("the entry was changed after it was written (hash mismatch)"),
    "prev": N_("the entry does not follow the one before it (prev mismatch): an entry was deleted, inserted "
               "or moved"),
    "starts_late": N_plural("the log starts at entry {seq}: the first entry was deleted",
                            "the log starts at entry {seq}: the first {n} entries were deleted"),
    "seq": N_("sequence number {found} where {expected} was expected"),
    "head_unreadable": N_("the head file {name} cannot be read"),
    "head_missing": N_("the head file {name} is missing"),
    "log_missing": N_plural("the log file is missing but {n} entry was written",
                            "the log file is missing but {n} entries were written"),
    "deleted": N_plural("the audit log was deleted after {n} entry (the marker {marker} remembers it)",
                        "the audit log was deleted after {n} entries (the marker {marker} remembers them)"),
    "truncated": N_plural("the log ends after entry {count} but entry {written} was written: it was deleted",
                          "the log ends after entry {count} but {written} entries were written: the last "
                          "{n} entries were deleted"),
    "rewritten": N_("entry {count} is not the one recorded in the head file: the log was rewritten"),
    "marker_rewritten": N_("entry {count} is not the one recorded in the marker {marker}: the log was "
                           "rewritten"),
}


@dataclass
class VerifyResult:
    ok: bool
    entries: int  # entries checked and found intact (before the damage, if any)
    line: int | None = None  # 1-based line of the damage; None if intact or not tied to a line
    reason: str | None = None  # in English (scripts, the JSON output); text(lang) for people
    key: str | None = None  # which of REASONS
    params: dict = field(default_factory=dict)

    @classmethod
    def damaged(cls, entries: int, line: int | None, key: str, **params: Any) -> VerifyResult:
        result = cls(False, entries, line, None, key, params)
        result.reason = result.reason_text()
        return result

    def reason_text(self, lang: str | None = None) -> str | None:
        """The reason in ``lang`` (English by default); None when the log is intact."""
        if self.key is None:
            return self.reason
        translated = translation(lang)
        message = REASONS[self.key]
        if isinstance(message, tuple):
            return translated.ngettext(*message, self.params["n"]).format(**self.params)
        return translated.gettext(message).format(**self.params)

    def to_json(self) -> dict:
        return {"ok": self.ok, "entries": self.entries, "line": self.line, "reason": self.reason}

    def text(self, lang: str | None = None) -> str:
        """One sentence for a person, in ``lang`` (English by default)."""
        translated = translation(lang)
        if self.ok:
            return translated.ngettext("Audit log intact: {n} entry", "Audit log intact: {n} entries",
                                       self.entries).format(n=self.entries)
        reason = self.reason_text(lang)
        if self.line is not None:
            return translated.gettext("Audit log damaged at line {line}: {reason}").format(line=self.line,
                                                                                          reason=reason)
        return translated.gettext("Audit log damaged: {reason}").format(reason=reason)

    def __str__(self) -> str:
        return self.text()

