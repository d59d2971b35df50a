"""How a watched folder is being watched, in a sentence (en, nl, fr)."""
from __future__ import annotations

from dataclasses import dataclass

from labeler.desktop.watch.mounts import display_type

NATIVE, POLLING, UNAVAILABLE, STOPPED = "native", "polling", "unavailable", "stopped"

_REASONS = {
    "native": {"en": "Changes are noticed as they happen.",
               "nl": "Wijzigingen worden meteen opgemerkt.",
               "fr": "Les modifications sont détectées immédiatement."},
    "watch-limit": {"en": "The system's limit on watched folders was reached; checking {every} instead.",
                    "nl": "De systeemgrens voor bewaakte mappen is bereikt; in plaats daarvan wordt {every} gekeken.",
                    "fr": "La limite du système pour les dossiers surveillés est atteinte ; "
                          "vérification {every} à la place."},
    "instance-limit": {"en": "The system's limit on folder watchers was reached; checking {every} instead.",
                       "nl": "De systeemgrens voor mapbewaking is bereikt; in plaats daarvan wordt {every} gekeken.",
                       "fr": "La limite du système pour la surveillance des dossiers est atteinte ; "
                             "vérification {every} à la place."},
    "network": {"en": "This folder is on a network share ({kind}); checking {every} instead.",
                "nl": "Deze map staat op een netwerkschijf ({kind}); in plaats daarvan wordt {every} gekeken.",
                "fr": "Ce dossier se trouve sur un partage réseau ({kind}) ; vérification {every} à la place."},
    "forced": {"en": "Checking {every}, as configured.",
               "nl": "Er wordt {every} gekeken, zoals ingesteld.",
               "fr": "Vérification {every}, comme configuré."},
    "error": {"en": "Changes in this folder cannot be followed directly ({detail}); checking {every} instead.",
              "nl": "Wijzigingen in deze map kunnen niet rechtstreeks gevolgd worden ({detail}); "
                    "in plaats daarvan wordt {every} gekeken.",
              "fr": "Les modifications de ce dossier ne peuvent pas être suivies directement ({detail}) ; "
                    "vérification {every} à la place."},
    "missing": {"en": "The folder does not exist or cannot be opened; it will be tried again later.",
                "nl": "De map bestaat niet of kan niet geopend worden; later wordt het opnieuw geprobeerd.",
                "fr": "Le dossier n'existe pas ou ne peut pas être ouvert ; nouvel essai plus tard."},
    "stopped": {"en": "Not being watched at the moment.",
                "nl": "Wordt op dit moment niet bewaakt.",
                "fr": "N'est pas surveillé pour le moment."},
}


def _every(seconds: float, lang: str) -> str:
    n = int(seconds) if float(seconds).is_integer() else round(seconds, 1)
    if n == 1:
        return {"en": "every second", "nl": "elke seconde", "fr": "chaque seconde"}[lang]
    return {"en": f"every {n} seconds", "nl": f"elke {n} seconden", "fr": f"toutes les {n} secondes"}[lang]


@dataclass(frozen=True)
class FolderStatus:
    """How one watched folder is being watched."""

    folder: str  # as given by the caller (settings spelling)
    mode: str  # NATIVE | POLLING | UNAVAILABLE | STOPPED
    reason_code: str  # "native" | "watch-limit" | "instance-limit" | "network" | "forced" | "error" | "missing" | "stopped"
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
        lang = lang if lang in ("en", "nl", "fr") else "en"
        kind = display_type(self.detail) if self.reason_code == "network" else self.detail
        return _REASONS[self.reason_code][lang].format(every=_every(self.poll_interval, lang),
                                                      kind=kind, detail=self.detail)
