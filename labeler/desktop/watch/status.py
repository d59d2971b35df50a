"""How a watched folder is being watched, in a sentence in any registered language."""
from __future__ import annotations

from dataclasses import dataclass
from gettext import NullTranslations

from labeler.desktop.watch.mounts import display_type
from labeler.languages import N_, translation

NATIVE, POLLING, UNAVAILABLE, STOPPED = "native", "polling", "unavailable", "stopped"

_REASONS = {
    "native": N_("Changes are noticed as they happen."),
    "watch-limit": N_("The system's limit on watched folders was reached; checking {every} instead."),
    "instance-limit": N_("The system's limit on folder watchers was reached; checking {every} instead."),
    "network": N_("This folder is on a network share ({kind}); checking {every} instead."),
    "forced": N_("Checking {every}, as configured."),
    "error": N_("Changes in this folder cannot be followed directly ({detail}); checking {every} instead."),
    "missing": N_("The folder does not exist or cannot be opened; it will be tried again later."),
    "stopped": N_("Not being watched at the moment."),
}


def _every(seconds: float, translated: NullTranslations) -> str:
    n = int(seconds) if float(seconds).is_integer() else round(seconds, 1)
    if n == 1:
        return translated.gettext("every second")
    # Not ngettext: n may be 2.5, and gettext's plural rules take whole numbers.
    return translated.gettext("every {n} seconds").format(n=n)


@dataclass(frozen=True)
class FolderStatus:
    """How one watched folder is being watched."""

    folder: str  # as given by the caller (settings spelling)
    mode: str  # NATIVE | POLLING | UNAVAILABLE | STOPPED
    # "native" | "watch-limit" | "instance-limit" | "network" | "forced" | "error" | "missing" | "stopped"
    reason_code: str
    poll_interval: float
    detail: str = ""  # file system type or error text, for "network" and "error"

    @property
    def reason(self) -> str:
        """The sentence in English, e.g. "The system's limit on watched folders was reached; …"."""
        return self.describe("en")

    @property
    def polling(self) -> bool:
        return self.mode == POLLING

    def describe(self, lang: str = "en") -> str:
        translated = translation(lang)
        kind = display_type(self.detail) if self.reason_code == "network" else self.detail
        return translated.gettext(_REASONS[self.reason_code]).format(
            every=_every(self.poll_interval, translated), kind=kind, detail=self.detail)
