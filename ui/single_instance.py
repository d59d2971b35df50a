"""One app per user: a second `labeler` process hands its files to the running one.

The running app listens on a local socket that only this user can reach: on
Unix a socket file inside a 0700 folder (XDG_RUNTIME_DIR/labeler, else a
private folder in the temp dir), on Windows a named pipe restricted to the
user (QLocalServer.UserAccessOption). A message is one line of JSON,

    {"argv": ["/abs/a.docx", "/abs/b c.docx"], "cwd": "/where/it/was/started"}

with paths already made absolute by the sender; an empty argv asks the app to
show its window. The server answers "ok" so the sender knows it may exit.

Who becomes the running app is decided by a lock file held for the app's
lifetime (the kernel drops it when the process dies), not by the socket: two
invocations started in the same instant (a file manager starting one per
selected file) cannot both become the app, and a socket left by a crash is
known to be stale and removed.

File managers start one process per selected file.  The first file's dialog
opens at once, and the files that follow within GATHER_MS of the one before
join that open dialog (`DialogJoiner`): nobody waits for a gathering window.
"""
from __future__ import annotations

import contextlib
import json
import os
import stat
import sys
import tempfile
import time
from pathlib import Path

from labeler import system

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

ACK = b"ok\n"
MAX_MESSAGE = 1024 * 1024  # a message bigger than this is not from us
HAND_OVER_TIMEOUT_MS = 1000
GATHER_MS = 500  # one Python start-up apart, on a busy machine: later arrivals join the open dialog
RUNTIME_DIR_ENV = "LABELER_RUNTIME_DIR"  # override (tests, portable installs)


def _user() -> str:
    name = system.current_user()
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in name) or "user"


def _private_dir(path: Path) -> Path | None:
    """`path`, created 0700 if needed; None if it is not a folder only we own."""
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = path.lstat()
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
            return None
        if stat.S_IMODE(info.st_mode) != 0o700:
            os.chmod(path, 0o700)
        return path
    except OSError:
        return None


def runtime_dir() -> Path:
    """The private folder holding the socket and the lock (created 0700 on Unix)."""
    override = os.environ.get(RUNTIME_DIR_ENV)
    if sys.platform.startswith("win"):
        base = Path(override) if override else Path(tempfile.gettempdir()) / f"labeler-{_user()}"
        base.mkdir(parents=True, exist_ok=True)
        return base
    candidates = []
    if override:
        candidates.append(Path(override))
    xdg = os.environ.get("XDG_RUNTIME_DIR")
    if xdg and os.path.isdir(xdg):
        candidates.append(Path(xdg) / "labeler")
    candidates.append(Path(tempfile.gettempdir()) / f"labeler-{os.getuid()}")
    candidates.append(Path.home() / ".labeler-run")
    for candidate in candidates:
        # A socket path is limited to ~104 bytes; keep room for the file name.
        if len(str(candidate)) <= 80 and _private_dir(candidate) is not None:
            return candidate
    raise OSError("no private folder for the app's socket (tried " + ", ".join(map(str, candidates)) + ")")


def server_name() -> str:
    """What QLocalServer listens on: a full socket path on Unix, a pipe name on Windows."""
    if sys.platform.startswith("win"):
        return f"labeler-{_user()}"
    return str(runtime_dir() / f"labeler-{_user()}.sock")


# --- the message -----------------------------------------------------------------

def encode_message(paths: list[str], cwd: str | None = None) -> bytes:
    cwd = cwd or os.getcwd()
    argv = [os.path.normpath(os.path.join(cwd, p)) for p in paths]
    return json.dumps({"argv": argv, "cwd": cwd}, ensure_ascii=False).encode("utf-8") + b"\n"


def decode_message(data: bytes) -> list[str] | None:
    """The absolute paths in a message; None if it is not a valid message."""
    try:
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(value, dict):
        return None
    argv, cwd = value.get("argv"), value.get("cwd")
    if not isinstance(argv, list) or not all(isinstance(a, str) for a in argv) or not isinstance(cwd, str):
        return None
    return [os.path.normpath(os.path.join(cwd, a)) for a in argv]


# --- the client ------------------------------------------------------------------

def try_hand_over(paths: list[str], cwd: str | None = None, timeout_ms: int = HAND_OVER_TIMEOUT_MS) -> bool:
    """Give `paths` (or, if empty, a "show your window") to the running app.

    True once the app acknowledged them; False if no app runs or it did not
    answer within `timeout_ms`.
    """
    try:
        name = server_name()
    except OSError:
        return False
    sock = QLocalSocket()
    sock.connectToServer(name)
    if not sock.waitForConnected(timeout_ms):
        return False
    try:
        sock.write(encode_message(paths, cwd))
        sock.flush()
        deadline = time.monotonic() + timeout_ms / 1000
        answer = b""
        while not answer.endswith(b"\n"):
            left = int((deadline - time.monotonic()) * 1000)
            if left <= 0 or (not sock.bytesAvailable() and not sock.waitForReadyRead(left)):
                return False
            answer += bytes(sock.readAll().data())
        return answer == ACK
    finally:
        sock.abort()


# --- who is the app --------------------------------------------------------------

class InstanceLock(system.InstanceLock):
    """Held by the running app for its lifetime; the OS releases it if the app dies."""

    def __init__(self, path: Path | None = None):
        super().__init__(path or runtime_dir() / f"labeler-{_user()}.lock")


def hand_over_or_lock(paths: list[str], wait_seconds: float = 5.0) -> InstanceLock | None:
    """None if a running app took `paths`; else the lock that makes this process the app.

    If another process holds the lock but is not listening yet (it is
    starting), keep handing over until it listens.
    """
    if try_hand_over(paths):
        return None
    lock = InstanceLock()
    if lock.acquire():
        return lock
    deadline = time.monotonic() + wait_seconds
    while time.monotonic() < deadline:
        time.sleep(0.1)
        if try_hand_over(paths):
            return None
        if lock.acquire():  # the other one died while starting
            return lock
    raise OSError("another labeler is starting but does not answer; try again in a moment")


# --- the server ------------------------------------------------------------------

class InstanceServer(QObject):
    """Listens for other invocations; emits what they bring."""

    filesArrived = Signal(list)  # absolute paths
    showRequested = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytearray] = {}

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
        paths = decode_message(bytes(buffer.split(b"\n", 1)[0]))
        self._buffers[sock] = bytearray()
        if paths is None:
            sock.abort()
            return
        sock.write(ACK)
        sock.flush()
        sock.disconnectFromServer()
        if paths:
            self.filesArrived.emit(paths)
        else:
            self.showRequested.emit()


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

    def _forget(self, *_args) -> None:
        self._dialog = None

    @staticmethod
    def _accepts(dialog) -> bool:
        try:
            return bool(getattr(dialog, "accepts_files", lambda: False)()) and hasattr(dialog, "add_paths") \
                and (not hasattr(dialog, "isVisible") or dialog.isVisible())
        except RuntimeError:  # closed and deleted meanwhile
            return False
