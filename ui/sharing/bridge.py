"""The sharing places, watched for the tray app: arrivals → assessment → the notice.

`PlaceWatcher` (labeler/desktop/sharing/place_watcher.py) reports files that
appear in a sharing place -- a USB stick, a personal cloud folder -- in
batches, from its own thread.  The bridge hands each batch to the GUI thread
through a queued signal, has it assessed in a worker (reading labels and
content hints is file work, never done on the GUI thread), and gives the
result, if any copy broke its label's rule, to the one sharing notice
(ui/sharing/notice.py).  Allowed copies are silent: `assess` returns None.

When a notice is not shown: while notifications are off or during quiet hours
(the same settings as the labelling prompt) the notice is still recorded in
the audit trail -- the moment of sharing happened -- but nothing appears, and
it is not shown later either: by then the moment has passed.  "Remind me in
an hour" is about labelling and does not hold these notices back.  While
watching is paused the places are not watched at all.

    bridge = SharingBridge.for_shell(shell)   # the tray app's settings, scheme, audit log, quiet hours
    bridge.start() / bridge.stop()
    bridge.set_paused(paused)                 # follows the tray's "Pause watching"
    bridge.set_places(settings.sharing_places)   # the settings window changed the person's places
    bridge.noticeOffered -> Signal(object)   # a Notice went to the notice (shown or, when quiet, recorded)
"""
from __future__ import annotations

import logging
import weakref
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal

from ..i18n import current_language
from ..workers import Worker, start

if TYPE_CHECKING:
    from labeler.desktop.sharing.place_watcher import PlaceWatcher

    from .notice import SharingNotice

log = logging.getLogger(__name__)

SETTLE_SECONDS = 1.0  # a copy is reported once it has not grown for this long
RESCAN_SECONDS = 2.0  # how soon a stick plugged in (or a ~/Dropbox created) is watched


class SharingBridge(QObject):
    noticeOffered = Signal(object)  # labeler.desktop.sharing.moments.Notice, shown=bool in `last_shown`
    _arrived = Signal(list)  # list[Arrival], emitted in the watcher's thread

    def __init__(self, settings, scheme: Callable[[], object], audit=None, quiet: Callable[[], bool] | None = None,
                 settle_seconds: float = SETTLE_SECONDS, rescan_seconds: float = RESCAN_SECONDS,
                 parent: QObject | None = None):
        """`scheme()`: the scheme in force now; `quiet()`: quiet hours are on now."""
        super().__init__(parent)
        self.settings = settings
        self.scheme = scheme
        self.audit = audit
        self.quiet = quiet or (lambda: False)
        self.settle_seconds, self.rescan_seconds = settle_seconds, rescan_seconds
        self.watcher: PlaceWatcher | None = None
        self.last_shown: bool | None = None  # whether the last notice offered was shown (False: quiet)
        self._notice: SharingNotice | None = None
        self._assessing: list[Worker] = []
        self._arrived.connect(self._assess, Qt.ConnectionType.QueuedConnection)

    @classmethod
    def for_shell(cls, shell, **kwargs) -> SharingBridge:
        """The bridge of the tray app (ui.app.Shell): its settings, scheme in force, audit log and quiet hours."""
        audit = getattr(getattr(shell, "service", None), "audit", None)
        # A weak reference: the bridge is the shell's child, and a strong one would make a reference cycle
        # through a QObject child, which Python then collects at a random moment, taking Qt objects with it.
        shell_ref = weakref.ref(shell)

        def scheme():
            current = shell_ref()
            return current.force.scheme if current is not None else None

        bridge = cls(shell.settings, scheme, audit=audit, quiet=shell.queue.in_quiet_hours, parent=shell, **kwargs)
        # The tray's "Pause watching" pauses this too (the shell saves the setting).
        shell.surface.pauseToggled.connect(bridge.set_paused)
        return bridge

    # -- life

    @property
    def running(self) -> bool:
        return self.watcher is not None

    def start(self) -> None:
        """Watch the places (not while paused: `set_paused(False)` starts it then)."""
        if self.watcher is not None or self.settings.paused:
            return
        from labeler.desktop.sharing.place_watcher import PlaceWatcher

        # `refresh`: at every rescan the places are resolved again, so a newer scheme's places, and on
        # Windows the drive letter of a stick plugged in, are watched without the shell telling us.
        self.watcher = PlaceWatcher(self.places(), self._arrived.emit, settle_seconds=self.settle_seconds,
                                    rescan_seconds=self.rescan_seconds, refresh=self.places)
        self.watcher.start(block=False)  # the first walk of the places happens on the watcher's thread

    def stop(self) -> None:
        watcher, self.watcher = self.watcher, None
        if watcher is not None:
            watcher.stop()
        for worker in self._assessing:
            worker.cancel()
        if self._notice is not None:
            self._notice.close()

    def set_paused(self, paused: bool) -> None:
        if paused:
            watcher, self.watcher = self.watcher, None
            if watcher is not None:
                watcher.stop()
        else:
            self.start()

    # -- where

    def places(self) -> list:
        """The sharing places now: the scheme's for this user, then the person's own (Settings).

        Also called on the watcher's thread (its `refresh`): it only reads the settings' list and the
        scheme in force, each replaced whole when they change, never changed in place.
        """
        from labeler.desktop.sharing.places import resolve_places

        return resolve_places(self.scheme(), list(self.settings.sharing_places))

    def set_places(self, user_places: Sequence[tuple[str, str]] | None = None) -> None:
        """The person's places changed (the settings window saved them): watch the new set."""
        if user_places is not None:
            self.settings.sharing_places = [tuple(p) for p in user_places]
        if self.watcher is not None:
            self.watcher.set_places(self.places())

    # -- what arrived

    def _assess(self, arrivals: list) -> None:
        """In the GUI thread: a batch arrived; assess it in a worker."""
        if not arrivals or self.watcher is None:
            return
        from labeler.desktop.sharing.moments import assess

        worker = Worker(assess, self.scheme(), arrivals, current_language())
        worker.signals.result.connect(self._assessed)
        worker.signals.error.connect(self._failed)
        worker.signals.finished.connect(self._assess_finished)
        self._assessing.append(start(worker))

    def _assessed(self, notice) -> None:
        if notice is None or self.watcher is None:  # all allowed (silent), or the app stopped meanwhile
            return
        show = bool(self.settings.notifications) and not self.quiet()
        self.last_shown = show
        self.notice.offer(notice, show=show)
        self.noticeOffered.emit(notice)

    def _failed(self, exc: Exception) -> None:
        log.warning("copies in a sharing place could not be assessed: %s", exc)

    def _assess_finished(self) -> None:
        done = self.sender()
        self._assessing = [w for w in self._assessing if w.signals is not done]

    def busy(self) -> bool:
        """Batches still being assessed (tests wait for False)."""
        return bool(self._assessing)

    @property
    def notice(self) -> SharingNotice:
        """The one sharing notice, made when first needed (its module loads the trash and D-Bus parts)."""
        if self._notice is None:
            from .notice import SharingNotice

            self._notice = SharingNotice(self.audit)
        return self._notice

