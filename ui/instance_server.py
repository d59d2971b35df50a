"""The running app's side of the single instance (ui/single_instance.py): the local server that receives
other invocations' files, and what becomes of them (a dialog at once; the rest of one multi-select joins it):
the label dialog, or the "Send by e-mail…" dialog for a request of that kind.  A `labeler show` typed in a
terminal is answered too (ui/show_service.py); a request of a kind this app does not know is answered
`{"error": "unknown kind", "kind": …}`, so that its sender does not wait.
"""
from __future__ import annotations

import contextlib
import json
import os
import sys
import time

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from labeler.show_client import KIND as SHOW

from .show_service import ShowService
from .single_instance import ACK, GATHER_MS, KINDS, MAX_MESSAGE, SEND, decode_request, server_name


# --- the server ------------------------------------------------------------------

class InstanceServer(QObject):
    """Listens for other invocations; emits what they bring."""

    filesArrived = Signal(list)  # absolute paths, to label
    sendRequested = Signal(list)  # absolute paths, to send by e-mail
    showRequested = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytearray] = {}
        self.shows = ShowService(self)

    @property
    def name(self) -> str:
        return self._server.fullServerName()

    def listen(self) -> bool:
        """Listen; call only while holding the InstanceLock (a socket still there is stale)."""
        name = server_name()
        QLocalServer.removeServer(name)
        if not self._server.listen(name):
            return False
        if not sys.platform.startswith("win"):
            with contextlib.suppress(OSError):
                os.chmod(name, 0o600)
        return True

    def close(self) -> None:
        self._server.close()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            sock = self._server.nextPendingConnection()
            self._buffers[sock] = bytearray()
            # Bound methods, not lambdas capturing self: Qt drops them with the socket.
            sock.readyRead.connect(self._read)
            sock.disconnected.connect(self._forget)

    def _forget(self) -> None:
        sock = self.sender()
        if not isinstance(sock, QLocalSocket):
            return
        self._buffers.pop(sock, None)
        sock.deleteLater()

    def _read(self) -> None:
        sock = self.sender()
        if not isinstance(sock, QLocalSocket):
            return
        buffer = self._buffers.get(sock)
        if buffer is None:
            return
        buffer += bytes(sock.readAll().data())
        if len(buffer) > MAX_MESSAGE:
            sock.abort()
            return
        if b"\n" not in buffer:
            return
        line = bytes(buffer.split(b"\n", 1)[0])
        request = decode_request(line)
        self._buffers[sock] = bytearray()
        if request is None:
            self._not_files(sock, line)
            return
        sock.write(ACK)
        sock.flush()
        sock.disconnectFromServer()
        kind, paths = request
        if kind == SEND:
            self.sendRequested.emit(paths)
        elif paths:
            self.filesArrived.emit(paths)
        else:
            self.showRequested.emit()


    def _not_files(self, sock: QLocalSocket, line: bytes) -> None:
        """A message that hands over no files: a show request, a kind this app does not know, or junk."""
        kind = request_kind(line)
        if kind == SHOW:
            self._buffers.pop(sock, None)  # the show service answers it, and reads nothing more from it
            self.shows.serve(sock, line)
        elif kind is None or kind in KINDS:  # not ours, or a request of a known kind that is not valid
            sock.abort()
        else:
            sock.write(json.dumps({"error": "unknown kind", "kind": kind}).encode("utf-8") + b"\n")
            sock.flush()
            sock.disconnectFromServer()


def request_kind(line: bytes) -> str | None:
    """The kind a message line names (a JSON object's "kind", a string); None if it names none."""
    try:
        value = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    kind = value.get("kind") if isinstance(value, dict) else None
    return kind if isinstance(kind, str) else None


class Gatherer(QObject):
    """Collects arrivals until none came for `window_ms`, then emits them as one batch."""

    batchReady = Signal(list)

    def __init__(self, window_ms: int = GATHER_MS, parent: QObject | None = None):
        super().__init__(parent)
        self._paths: list[str] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(window_ms)
        self._timer.timeout.connect(self._flush)

    def add(self, paths: list[str]) -> None:
        for path in paths:
            if path not in self._paths:
                self._paths.append(path)
        self._timer.start()  # restarts: the window counts from the last arrival

    def pending(self) -> list[str]:
        return list(self._paths)

    def _flush(self) -> None:
        batch, self._paths = self._paths, []
        if batch:
            self.batchReady.emit(batch)


class DialogJoiner(QObject):
    """Files handed over one process at a time, shown at once: the first arrival opens a dialog
    (`open_dialog(paths)`), and arrivals within `window_ms` of the one before are added to it (the rest of
    the same multi-select) as long as it accepts files (`accepts_files()`, `add_paths(paths)`): not while
    it applies a label or shows what was done.  Otherwise they open a dialog of their own."""

    def __init__(self, open_dialog, window_ms: int = GATHER_MS, parent: QObject | None = None):
        super().__init__(parent)
        self._open = open_dialog
        self._window = window_ms / 1000
        self._dialog: QObject | None = None
        self._last = float("-inf")

    def add(self, paths: list[str]) -> None:
        if not paths:
            return
        now = time.monotonic()
        dialog, recent = self._dialog, now - self._last <= self._window
        self._last = now
        if recent and dialog is not None and self._accepts(dialog):
            dialog.add_paths(paths)  # type: ignore[attr-defined]
            return
        self._dialog = dialog = self._open(paths)
        if isinstance(dialog, QObject):
            dialog.destroyed.connect(self._forget)

    def adopt(self, dialog) -> None:
        """A dialog opened before the joiner existed (the app's first, ui/startup.py): what arrives next
        joins it, as if it had been opened here just now."""
        self._dialog, self._last = dialog, time.monotonic()
        if isinstance(dialog, QObject):
            dialog.destroyed.connect(self._forget)

    def _forget(self, *_args) -> None:
        self._dialog = None

    @staticmethod
    def _accepts(dialog) -> bool:
        try:
            return bool(getattr(dialog, "accepts_files", lambda: False)()) and hasattr(dialog, "add_paths") \
                and (not hasattr(dialog, "isVisible") or dialog.isVisible())
        except RuntimeError:  # closed and deleted meanwhile
            return False
