"""One app per user: a second `labeler` process hands its files to the running one.

The running app listens on a local socket that only this user can reach: on
Unix a socket file inside a 0700 folder (XDG_RUNTIME_DIR/labeler, else a
private folder in the temp dir), on Windows a named pipe restricted to the
user (QLocalServer.UserAccessOption). A message is one line of JSON,

    {"argv": ["/abs/a.docx", "/abs/b c.docx"], "cwd": "/where/it/was/started"}

with paths already made absolute by the sender; an empty argv asks the app to
show its window.  A request other than "label these files" names its kind:
`"kind": "send"` asks for the "Send by e-mail…" dialog for the files (the
file manager's second entry).  The server answers "ok" so the sender knows it
may exit.

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

import importlib.util
import json
import os
import stat
import sys
import time
from pathlib import Path

from labeler import instance_socket, system

# The hand-over needs no Qt on Unix (a plain socket): a second `labeler label-dialog` process gives its files
# to the running app without loading PySide6.  The server side (InstanceServer, DialogJoiner, Gatherer)
# lives in ui/instance_server.py and is reachable from here as before.
if importlib.util.find_spec("PySide6") is None:
    raise ImportError("the desktop app needs PySide6", name="PySide6")

ACK = b"ok\n"
MAX_MESSAGE = 1024 * 1024  # a message bigger than this is not from us
HAND_OVER_TIMEOUT_MS = 1000
GATHER_MS = 500  # one Python start-up apart, on a busy machine: later arrivals join the open dialog
RUNTIME_DIR_ENV = instance_socket.RUNTIME_DIR_ENV  # override (tests, portable installs)
LABEL, SEND = "label", "send"  # what the files are handed over for: the label dialog, or "Send by e-mail…"
KINDS = (LABEL, SEND)


def _user() -> str:
    return instance_socket.safe_user()


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
        import tempfile

        base = Path(override) if override else Path(tempfile.gettempdir()) / f"labeler-{_user()}"
        base.mkdir(parents=True, exist_ok=True)
        return base
    tried = []
    # Lazily: the temp folder's candidate (tempfile) only when the runtime folders fail.
    for folder in instance_socket.candidate_folders():
        tried.append(folder)
        if len(folder) <= instance_socket.MAX_FOLDER_CHARS and _private_dir(Path(folder)) is not None:
            return Path(folder)
    raise OSError("no private folder for the app's socket (tried " + ", ".join(tried) + ")")


def server_name() -> str:
    """What QLocalServer listens on: a full socket path on Unix, a pipe name on Windows."""
    if sys.platform.startswith("win"):
        return f"labeler-{_user()}"
    return str(runtime_dir() / instance_socket.socket_file())


# --- the message -----------------------------------------------------------------

def encode_message(paths: list[str], cwd: str | None = None, kind: str = LABEL) -> bytes:
    cwd = cwd or os.getcwd()
    argv = [os.path.normpath(os.path.join(cwd, p)) for p in paths]
    message: dict[str, object] = {"argv": argv, "cwd": cwd}
    if kind != LABEL:  # a label request stays what every version of the app understands
        message["kind"] = kind
    return json.dumps(message, ensure_ascii=False).encode("utf-8") + b"\n"


def decode_request(data: bytes) -> tuple[str, list[str]] | None:
    """The kind of request and the absolute paths in a message; None if it is not a valid message."""
    try:
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(value, dict):
        return None
    argv, cwd, kind = value.get("argv"), value.get("cwd"), value.get("kind", LABEL)
    if not isinstance(argv, list) or not all(isinstance(a, str) for a in argv) or not isinstance(cwd, str):
        return None
    if kind not in KINDS or (kind == SEND and not argv):
        return None
    return kind, [os.path.normpath(os.path.join(cwd, a)) for a in argv]


def decode_message(data: bytes) -> list[str] | None:
    """The absolute paths in a message, whatever it asks for; None if it is not a valid message."""
    request = decode_request(data)
    return None if request is None else request[1]


# --- the client ------------------------------------------------------------------

def try_hand_over(paths: list[str], cwd: str | None = None, timeout_ms: int = HAND_OVER_TIMEOUT_MS,
                  kind: str = LABEL) -> bool:
    """Give `paths` (or, if empty, a "show your window") to the running app, for `kind` (LABEL or SEND).

    True once the app acknowledged them; False if no app runs or it did not
    answer within `timeout_ms`.
    """
    try:
        name = server_name()
    except OSError:
        return False
    if not sys.platform.startswith("win"):
        return _hand_over_unix(name, encode_message(paths, cwd, kind), timeout_ms)
    from PySide6.QtNetwork import QLocalSocket

    sock = QLocalSocket()
    sock.connectToServer(name)
    if not sock.waitForConnected(timeout_ms):
        return False
    try:
        sock.write(encode_message(paths, cwd, kind))
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


def _hand_over_unix(name: str, message: bytes, timeout_ms: int) -> bool:
    """The hand-over over the server's Unix socket (what QLocalServer listens on), without Qt."""
    import socket

    deadline = time.monotonic() + timeout_ms / 1000
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(timeout_ms / 1000)
            sock.connect(name)
            sock.sendall(message)
            answer = b""
            while not answer.endswith(b"\n") and len(answer) < len(ACK):
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                sock.settimeout(left)
                chunk = sock.recv(64)
                if not chunk:
                    break
                answer += chunk
            return answer == ACK
    except OSError:  # no app (no socket, a stale one, refused), or it did not answer in time
        return False


_SERVER_NAMES = frozenset({"InstanceServer", "DialogJoiner", "Gatherer"})


def __getattr__(name: str):
    if name in _SERVER_NAMES:
        from . import instance_server

        return getattr(instance_server, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# --- who is the app --------------------------------------------------------------

class InstanceLock(system.InstanceLock):
    """Held by the running app for its lifetime; the OS releases it if the app dies."""

    def __init__(self, path: Path | None = None):
        super().__init__(path or runtime_dir() / instance_socket.lock_file())


def hand_over_or_lock(paths: list[str], wait_seconds: float = 5.0, kind: str = LABEL) -> InstanceLock | None:
    """None if a running app took `paths` (for `kind`); else the lock that makes this process the app.

    If another process holds the lock but is not listening yet (it is
    starting), keep handing over until it listens.
    """
    if try_hand_over(paths, kind=kind):
        return None
    lock = InstanceLock()
    if lock.acquire():
        return lock
    deadline = time.monotonic() + wait_seconds
    while time.monotonic() < deadline:
        time.sleep(0.1)
        if try_hand_over(paths, kind=kind):
            return None
        if lock.acquire():  # the other one died while starting
            return lock
    raise OSError("another labeler is starting but does not answer; try again in a moment")
