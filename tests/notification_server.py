"""A stand-in desktop notification server for tests/test_native_notify.py.

    python tests/notification_server.py BUS_ADDRESS LOG_FILE [--no-actions]

Registers org.freedesktop.Notifications on the bus at BUS_ADDRESS with
QtDBus, exporting the specification's methods with their exact D-Bus types
(Notify is `susssasa{sv}i` -> `u`): like GNOME Shell's server, it refuses a
call whose arguments have other types.  Each call is appended to LOG_FILE as
one JSON line; "ready" is printed once the name is owned.

The test drives it through a second object, /control (interface
org.example.StandIn), with plain `i` arguments:

    Invoke(id, key)   emits ActionInvoked(id, key), then NotificationClosed(id, 2),
                      as a server does when a button is clicked
    Dismiss(id)       emits NotificationClosed(id, 2): the user closed it
"""
from __future__ import annotations

import json
import sys

from PySide6.QtCore import ClassInfo, QCoreApplication, QObject, Signal, Slot
from PySide6.QtDBus import QDBusConnection

EXPORT = QDBusConnection.RegisterOption.ExportAllSlots | QDBusConnection.RegisterOption.ExportAllSignals


@ClassInfo({"D-Bus Interface": "org.freedesktop.Notifications"})
class Server(QObject):
    ActionInvoked = Signal("uint", str)
    NotificationClosed = Signal("uint", "uint")

    def __init__(self, log_path: str, actions: bool):
        super().__init__()
        self.log_path = log_path
        self.capabilities = ["body", "body-markup"] + (["actions"] if actions else [])
        self.last_id = 0

    def record(self, method: str, **fields) -> None:
        with open(self.log_path, "a", encoding="utf-8") as log:
            log.write(json.dumps({"method": method, **fields}) + "\n")

    @Slot(result="QStringList")
    def GetCapabilities(self):  # noqa: N802 - the specification's names
        self.record("GetCapabilities")
        return self.capabilities

    @Slot(result="QString")
    def GetServerInformation(self):  # noqa: N802 - (name, vendor, version, spec) in the real thing
        return "stand-in"

    @Slot(str, "uint", str, str, str, "QStringList", "QVariantMap", int, result="uint")
    def Notify(self, app_name, replaces_id, app_icon, summary, body, actions, hints, expire_timeout):  # noqa: N802
        if replaces_id:
            notification_id = replaces_id
        else:
            self.last_id += 1
            notification_id = self.last_id
        self.record("Notify", app_name=app_name, replaces_id=replaces_id, app_icon=app_icon, summary=summary,
                    body=body, actions=list(actions), hints={k: str(v) for k, v in hints.items()},
                    expire_timeout=expire_timeout, id=notification_id)
        return notification_id

    @Slot("uint")
    def CloseNotification(self, notification_id):  # noqa: N802
        self.record("CloseNotification", id=notification_id)
        self.NotificationClosed.emit(notification_id, 3)


@ClassInfo({"D-Bus Interface": "org.example.StandIn"})
class Control(QObject):
    def __init__(self, server: Server):
        super().__init__()
        self.server = server

    @Slot(int, str)
    def Invoke(self, notification_id, key):  # noqa: N802
        self.server.ActionInvoked.emit(notification_id, key)
        self.server.NotificationClosed.emit(notification_id, 2)

    @Slot(int)
    def Dismiss(self, notification_id):  # noqa: N802
        self.server.NotificationClosed.emit(notification_id, 2)


def main() -> int:
    address, log_path = sys.argv[1], sys.argv[2]
    app = QCoreApplication([])
    bus = QDBusConnection.connectToBus(address, "stand-in")
    server = Server(log_path, actions="--no-actions" not in sys.argv[3:])
    control = Control(server)
    if not (bus.registerObject("/org/freedesktop/Notifications", server, EXPORT)
            and bus.registerObject("/control", control, EXPORT)
            and bus.registerService("org.freedesktop.Notifications")):
        print("failed:", bus.lastError().message(), flush=True)
        return 1
    print("ready", flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
