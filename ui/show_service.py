"""The running app's answer to `labeler show` typed in a terminal (labeler/show_client.py has the protocol).

The instance server (ui/instance_server.py) hands a show request here; it
is answered on a worker thread of its own pool, by the command line's own
show code (labeler/cli.py `answer_show`, labeler/commands/files.py
`run_show`) writing into recorders instead of the terminal, with the paths
resolved against the terminal's working folder.  The GUI thread only moves
bytes: a big file read for a terminal never freezes the tray.  Nothing but
`show` in its plain form is run, and nothing is written.

The app declines (and the command then runs in its own process) when its
answer could differ from that process's: another version, another
environment (settings folders, language), a batch the command would spread
over worker processes, a progress bar on the terminal, or any unexpected
problem (the command then says it in its own words, with its log).
"""
from __future__ import annotations

import io
import json
import logging
import os
import threading

from PySide6.QtCore import QObject, QThreadPool, QTimer
from PySide6.QtNetwork import QLocalSocket

from labeler.show_client import KIND, NO_DELEGATE_ENV, STREAMS, relevant_env

from .workers import Worker, start

log = logging.getLogger(__name__)

KEEP_ALIVE_MS = 500  # well inside the command's patience (show_client.TIMEOUT_S)
THREADS = 2  # two terminals at once; more waits its turn (while the keep-alives tell it the app is there)


class Declined(Exception):
    """The command is to run in its own process: the reason, for the app's log."""


# --- the answer (worker thread, no Qt) --------------------------------------------------------------

class Recorder(io.TextIOBase):
    """A text stream of the command's process (its encoding, error handler, whether it is a terminal) whose
    bytes are kept, in the order they were written across both streams, in `chunks`."""

    def __init__(self, name: str, chunks: list[list], encoding: str, errors: str, tty: bool):
        super().__init__()
        self.name_, self._chunks, self._encoding, self._errors, self._tty = name, chunks, encoding, errors, tty

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._encoding

    @property
    def errors(self) -> str:  # type: ignore[override]
        return self._errors

    def isatty(self) -> bool:
        return self._tty

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        data = text.encode(self._encoding, self._errors)  # as the terminal's stream would, failures included
        if self._chunks and self._chunks[-1][0] == self.name_:
            self._chunks[-1][1] += data
        elif data:
            self._chunks.append([self.name_, bytearray(data)])
        return len(text)


def parse_request(line: bytes) -> dict | None:
    """The show request in a message line, its fields checked; None if it is not one."""
    try:
        value = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(value, dict) or value.get("kind") != KIND:
        return None
    args, cwd, env, streams = value.get("args"), value.get("cwd"), value.get("env"), value.get("streams")
    if not (isinstance(args, list) and all(isinstance(a, str) for a in args) and args[:1] == ["show"]
            and isinstance(cwd, str) and os.path.isabs(cwd) and isinstance(value.get("version"), str)
            and isinstance(env, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in env.items())
            and isinstance(streams, dict) and set(streams) == set(STREAMS)):
        return None
    for stream in streams.values():
        if not (isinstance(stream, dict) and isinstance(stream.get("encoding"), str)
                and isinstance(stream.get("errors"), str) and isinstance(stream.get("tty"), bool)):
            return None
    return value


def _same_environment(theirs: dict[str, str]) -> bool:
    def relevant(env) -> dict[str, str]:
        return {k: v for k, v in relevant_env(env).items() if k != NO_DELEGATE_ENV}

    return relevant(theirs) == relevant(os.environ)


def _vet(err: Recorder):
    """run_batch's `vet`: the batches the command's own process shows differently."""
    def vet(count: int) -> None:
        from labeler.commands.progress import Progress
        from labeler.core.parallel import MIN_ITEMS

        if count >= MIN_ITEMS:
            raise Declined(f"{count} files: the command reads them in worker processes")
        if Progress(count, stream=err).enabled:
            raise Declined(f"{count} files at a terminal: the command draws a progress bar as it goes")
    return vet


def answer(request: dict) -> bytes:
    """The answer line to a checked show request (parse_request).  Never raises: a problem declines."""
    from labeler import __version__

    try:
        if request["version"] != __version__:
            raise Declined(f"the command is version {request['version']}, the app {__version__}")
        if not _same_environment(request["env"]):
            raise Declined("the command's environment differs from the app's (settings folders, language)")
        from labeler.cli import answer_show, quick_args

        args = quick_args(request["args"])
        if args is None or args.command != "show" or args.debug:
            raise Declined("not the plain form of show")
        chunks: list[list] = []
        out, err = (Recorder(name, chunks, **request["streams"][name]) for name in STREAMS)
        capture = _thread_log(err)
        root = logging.getLogger()
        root.addHandler(capture)
        try:
            code = answer_show(args, out, err, request["cwd"], _vet(err))
        finally:
            root.removeHandler(capture)
        output = [[name, bytes(data).hex()] for name, data in chunks]
        return json.dumps({"exit": code, "output": output}).encode("ascii") + b"\n"
    except Declined as exc:
        log.debug("show left to the command: %s", exc)
        return declined(str(exc))
    except Exception:  # the command's own process meets it again, and tells it in its own words
        log.warning("show for a command failed; the command runs it itself", exc_info=True)
        return declined("unexpected problem")


def declined(reason: str) -> bytes:
    return json.dumps({"declined": reason}).encode("utf-8") + b"\n"


def _thread_log(err: Recorder) -> logging.Handler:
    """What this thread logs while it answers, on `err` as the command's process prints it on its standard
    error (labeler/logs.py, a command without --debug): warnings and up, the message alone."""
    from labeler import logs

    thread = threading.get_ident()
    handler = logging.StreamHandler(err)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logs._MessageOnly())
    handler.addFilter(logs._not_file_only)
    handler.addFilter(lambda record: record.thread == thread)
    return handler


def _answer_job(job: int, request: dict) -> tuple[int, bytes]:
    return job, answer(request)


# --- the sockets (GUI thread) -----------------------------------------------------------------------

class ShowService(QObject):
    """Takes show requests from the instance server's sockets and answers each on a worker thread."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(THREADS)
        self._jobs: dict[int, QLocalSocket] = {}
        self._next = 0
        self._keep_alive = QTimer(self)
        self._keep_alive.setInterval(KEEP_ALIVE_MS)
        self._keep_alive.timeout.connect(self._tell_still_working)

    def serve(self, sock: QLocalSocket, line: bytes) -> None:
        """Answer the request `line` on `sock` (from now on the socket's only reader)."""
        request = parse_request(line)
        if request is None:
            _send(sock, declined("not a valid show request"))
            return
        self._next += 1
        self._jobs[self._next] = sock
        sock.disconnected.connect(self._gone)
        worker = Worker(_answer_job, self._next, request)
        worker.signals.result.connect(self._answered)
        start(worker, self._pool)
        self._keep_alive.start()

    def _answered(self, result) -> None:
        job, reply = result
        sock = self._jobs.pop(job, None)
        if not self._jobs:
            self._keep_alive.stop()
        if sock is not None and sock.state() == QLocalSocket.LocalSocketState.ConnectedState:
            _send(sock, reply)

    def _tell_still_working(self) -> None:
        for sock in list(self._jobs.values()):
            if sock.state() == QLocalSocket.LocalSocketState.ConnectedState:
                sock.write(b"\n")
                sock.flush()

    def _gone(self) -> None:
        """The command stopped waiting (Ctrl+C, its timeout): its answer, when it comes, is dropped."""
        sock = self.sender()
        for job, waiting in list(self._jobs.items()):
            if waiting is sock:
                del self._jobs[job]
        if not self._jobs:
            self._keep_alive.stop()


def _send(sock: QLocalSocket, reply: bytes) -> None:
    sock.write(reply)
    sock.flush()
    sock.disconnectFromServer()  # after what is written has gone out
