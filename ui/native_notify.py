"""The desktop's own notifications for the batched prompt; the prompt window is the fallback.

The seam is `NativePrompt`: what the notifier (ui/notifier.py) needs from a
platform's notification service, and nothing more.

    prompt = native_prompt()          # None: no native notifications here, use the window
    prompt.probe()                    # asks the service what it can do -> ready(bool)
    prompt.show(title, text, actions) # one notification; shown again: replaced, not added
    prompt.close()                    # withdraw it (the user answered elsewhere)
    prompt.actionInvoked -> Signal(str)   # the key of the button the user clicked
    prompt.closed        -> Signal()      # gone without an answer (dismissed, expired)
    prompt.failed        -> Signal()      # could not be shown, or the service went away

Implementations:

- `FreedesktopPrompt`: org.freedesktop.Notifications over the D-Bus session
  bus (GNOME, KDE Plasma, Xfce, Cinnamon, MATE, LXQt, dunst, mako, …), with
  Qt's own QtDBus (part of PySide6-Essentials), so no other dependency.  It
  is used only when the server lists the "actions" capability: a prompt
  whose buttons cannot be clicked is no prompt.  The server decides how and
  when to show it, so the desktop's do-not-disturb applies; the app's own
  quiet hours and snooze still decide whether to ask at all (the shell asks
  the prompt queue before it calls the notifier).
- Windows toasts and macOS user notifications: not implemented (see
  docs/notifications.md for what each needs); `native_prompt()` returns None
  there and the window is used, as before.

D-Bus typing: the freedesktop methods take an unsigned id (`u`).  A Python
int passed through `QDBusMessage.setArguments` goes out as `i`, which strict
servers (GNOME Shell's, and any server written with QtDBus or GDBus) refuse.
So Notify and CloseNotification are called through a `QDBusInterface`, whose
methods carry the introspected types, and that call blocks until the reply:
it runs in a worker of the thread pool (ui/workers.py), never on the GUI
thread.  GetCapabilities
has no arguments and is called asynchronously from the GUI thread.
"""
from __future__ import annotations

import html
import logging
import sys
from typing import Any

from PySide6.QtCore import Q_ARG, Q_RETURN_ARG, SLOT, QMetaObject, QObject, Qt, Signal, Slot
from PySide6.QtDBus import (QDBusConnection, QDBusInterface, QDBusMessage, QDBusPendingCall,
                            QDBusPendingCallWatcher, QDBusServiceWatcher)
from PySide6.QtGui import QGuiApplication

from labeler.desktop.integration import APP_ID, ICON_NAME

from .workers import Worker, start

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
INTERFACE = "org.freedesktop.Notifications"
DESKTOP_ENTRY = APP_ID  # the launcher's .desktop file id: servers take the app's name and icon from it
CALL_TIMEOUT_MS = 3000  # a notification server answers in milliseconds; a hung one is given up on
EXPIRE_DEFAULT = -1  # the server's own timeout (and its do-not-disturb rules)

# NotificationClosed reasons (Desktop Notifications Specification 1.2)
CLOSED_EXPIRED, CLOSED_DISMISSED, CLOSED_BY_CALL, CLOSED_UNDEFINED = 1, 2, 3, 4


class NativePrompt(QObject):
    """The seam: a platform's notifications with buttons.  See the module's docstring."""

    ready = Signal(bool)  # probe() answered: True when prompts can be shown natively
    actionInvoked = Signal(str)
    closed = Signal()
    failed = Signal()

    @property
    def available(self) -> bool | None:
        """True or False once probed; None before the answer."""
        raise NotImplementedError

    @property
    def shown(self) -> bool:
        """A notification of ours is out and has not been closed."""
        raise NotImplementedError

    def probe(self) -> None:
        raise NotImplementedError

    def show(self, title: str, text: str, actions: list[tuple[str, str]]) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def shutdown(self) -> None:
        """Withdraw what is shown and stop listening (the app quits)."""
        self.close()


def native_prompt() -> NativePrompt | None:
    """The desktop's notifications where this platform has an implementation, else None."""
    if QGuiApplication.platformName() in ("offscreen", "minimal"):
        return None  # no desktop to talk to (tests, headless runs)
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        bus = QDBusConnection.sessionBus()
        return FreedesktopPrompt(bus) if bus.isConnected() else None
    return None  # Windows toasts, macOS user notifications: not implemented (docs/notifications.md)


def _call(bus: QDBusConnection, kind: str, token: int, args: Any) -> tuple:
    """One typed, blocking call (runs in a pool thread): (kind, token, returned id or None, error or None)."""
    try:
        iface = QDBusInterface(SERVICE, PATH, INTERFACE, bus)  # introspected once per connection, then cached
        if not iface.isValid():
            raise RuntimeError(f"{iface.lastError().name()}: {iface.lastError().message()}")
        iface.setTimeout(CALL_TIMEOUT_MS)
        result = None
        if kind == "notify":
            app_name, replaces_id, icon, summary, body, actions, hints, timeout = args
            result = QMetaObject.invokeMethod(
                iface, "Notify", Qt.ConnectionType.DirectConnection, Q_RETURN_ARG("uint"),
                Q_ARG("QString", app_name), Q_ARG("uint", replaces_id), Q_ARG("QString", icon),
                Q_ARG("QString", summary), Q_ARG("QString", body), Q_ARG("QStringList", actions),
                Q_ARG("QVariantMap", hints), Q_ARG("int", timeout))
        else:
            QMetaObject.invokeMethod(iface, "CloseNotification", Qt.ConnectionType.DirectConnection,
                                     Q_ARG("uint", args))
        error = iface.lastError()
        if error.isValid():
            raise RuntimeError(f"{error.name()}: {error.message()}")
        return kind, token, result, None
    except Exception as exc:  # a D-Bus failure of any kind means: use the window
        return kind, token, None, str(exc) or type(exc).__name__


# The server's signals, each to the slot of FreedesktopPrompt that takes it whole.
_SUBSCRIPTIONS = (("ActionInvoked", "_on_action(QDBusMessage)"), ("NotificationClosed", "_on_closed(QDBusMessage)"))


class FreedesktopPrompt(NativePrompt):
    """org.freedesktop.Notifications on `bus` (the session bus; tests pass their own)."""

    def __init__(self, bus: QDBusConnection, app_name: str = "Labeler", parent: QObject | None = None):
        super().__init__(parent)
        self.bus = bus
        self.app_name = app_name
        self.capabilities: list[str] = []
        self._available: bool | None = None
        self._id = 0  # the notification of ours that is out, 0: none
        self._token = 0  # the latest show(): a late reply to an older one is not taken for it
        self._probing: QDBusPendingCallWatcher | None = None
        self._shut_down = False
        self._in_flight = 0  # Notify calls not answered yet
        # Signals that came in before the Notify reply that tells our id was handled (a click
        # within the same instant): (slot, message), replayed once the id is known.
        self._early: list[tuple[str, QDBusMessage]] = []
        for name, slot in _SUBSCRIPTIONS:
            if not bus.connect(SERVICE, PATH, INTERFACE, name, self, SLOT(slot)):  # type: ignore[call-overload]  # the stubs say bytes, it takes str
                log.info("cannot subscribe to %s.%s: %s", INTERFACE, name, bus.lastError().message())
        # The server restarts, appears after us, or goes away: ask again what it can do.
        self._watcher = QDBusServiceWatcher(SERVICE, bus, QDBusServiceWatcher.WatchModeFlag.WatchForOwnerChange,
                                            self)
        self._watcher.serviceOwnerChanged.connect(self._owner_changed)

    # -- the seam

    @property
    def available(self) -> bool | None:
        return self._available

    @property
    def shown(self) -> bool:
        return self._id != 0

    def probe(self) -> None:
        """Ask GetCapabilities, asynchronously; `ready` tells the answer."""
        message = QDBusMessage.createMethodCall(SERVICE, PATH, INTERFACE, "GetCapabilities")
        call: QDBusPendingCall = self.bus.asyncCall(message, CALL_TIMEOUT_MS)
        watcher = QDBusPendingCallWatcher(call, self)
        watcher.finished.connect(self._got_capabilities)
        self._probing = watcher

    def show(self, title: str, text: str, actions: list[tuple[str, str]]) -> None:
        body = html.escape(text, quote=False) if "body-markup" in self.capabilities else text
        flat = [part for key, label in actions for part in (key, label)]
        hints: dict[str, Any] = {"desktop-entry": DESKTOP_ENTRY}
        self._token += 1
        self._in_flight += 1
        self._send("notify", (self.app_name, self._id, ICON_NAME, title, body, flat, hints, EXPIRE_DEFAULT))

    def close(self) -> None:
        self._token += 1  # a Notify still on its way is withdrawn as soon as its id is known
        if self._id:
            self._send("close", self._id)
            self._id = 0

    def shutdown(self) -> None:
        if self._shut_down:
            return
        self._shut_down = True
        self.close()
        self._watcher.serviceOwnerChanged.disconnect(self._owner_changed)
        for name, slot in _SUBSCRIPTIONS:
            self.bus.disconnect(SERVICE, PATH, INTERFACE, name, self, SLOT(slot))  # type: ignore[call-overload]

    # -- D-Bus

    def _send(self, kind: str, args: Any) -> None:
        worker = Worker(_call, self.bus, kind, self._token, args)
        worker.signals.result.connect(self._call_done)
        start(worker)

    @Slot(object)
    def _call_done(self, result: tuple) -> None:
        kind, token, value, error = result
        if kind == "close":
            if error:
                log.info("CloseNotification failed: %s", error)
            return
        self._in_flight -= 1
        early, self._early = self._early, ([] if not self._in_flight else self._early)
        if error:
            log.info("Notify failed, showing the window instead: %s", error)
            if token == self._token:
                self._id = 0
                self.failed.emit()
            return
        if token != self._token:  # closed (or shown anew) while this one was on its way
            if value and value != self._id:
                self._send("close", int(value))
            return
        self._id = int(value or 0)
        if not self._id:
            self.failed.emit()
            return
        for slot, message in early:
            getattr(self, slot)(message)

    def _got_capabilities(self, watcher: QDBusPendingCallWatcher) -> None:
        if watcher is not self._probing:
            watcher.deleteLater()
            return
        self._probing = None
        reply = watcher.reply()
        watcher.deleteLater()
        if reply.type() == QDBusMessage.MessageType.ErrorMessage:
            log.info("no notification server (%s): prompts use the window", reply.errorName())
            self.capabilities = []
        else:
            arguments = reply.arguments()
            self.capabilities = [str(c) for c in arguments[0]] if arguments else []
        self._available = "actions" in self.capabilities
        self.ready.emit(self._available)

    def _owner_changed(self, _service: str, _old: str, new_owner: str) -> None:
        if self._id:  # the server that showed it is gone: the notification went with it
            self._id = 0
            self.failed.emit()
        if new_owner:
            self.probe()
        else:
            self._probing = None
            self.capabilities = []
            self._available = False
            self.ready.emit(False)

    @Slot(QDBusMessage)
    def _on_action(self, message: QDBusMessage) -> None:
        arguments = message.arguments()
        if not self._id and self._in_flight:
            self._early.append(("_on_action", message))
        elif len(arguments) == 2 and self._id and int(arguments[0]) == self._id:
            self._id = 0  # the server closes a notification once a button is clicked
            self.actionInvoked.emit(str(arguments[1]))

    @Slot(QDBusMessage)
    def _on_closed(self, message: QDBusMessage) -> None:
        arguments = message.arguments()
        if not self._id and self._in_flight:
            self._early.append(("_on_closed", message))
        elif arguments and self._id and int(arguments[0]) == self._id:
            self._id = 0
            self.closed.emit()
