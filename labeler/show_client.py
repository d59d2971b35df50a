"""`labeler show` answered by the running desktop app, the way dmypy or the Gradle daemon answer.

The app (started at login) has Python, the formats and the scheme in force
loaded; a new process has to import them first, which costs more than
reading a label.  So the plain form of `labeler show` (labeler/cli.py
`plain_show`) first asks the app over its private instance socket
(ui/single_instance.py) and prints its answer byte for byte:

    {"kind": "show", "args": ["show", "-r", "docs"], "cwd": "/home/u", "env": {...},
     "streams": {"out": {"encoding": "utf-8", "errors": "strict", "tty": false}, "err": {...}},
     "version": "0.1.0"}

The app runs the very same show code (labeler/commands/files.py) on a worker
thread and answers one line,

    {"exit": 0, "output": [["out", "<hex bytes>"], ["err", "<hex bytes>"], ...]}

(the streams' bytes in the order they were written), or declines,
`{"declined": "why"}`, and the command then runs here as it always did.
While it works the app sends an empty line every half second: silence for
TIMEOUT_S means it is not answering.

Anything unexpected runs the command here, silently: no app, a socket that
is not private, refused, timed out, another version, an answer that is not
well formed, an older app that does not know the request (it hangs up;
the arguments are "args", not "argv", because the first versions of the app
took any message's "argv" for files to label).
LABELER_NO_DELEGATE=1 always runs it here.  Only `os`, `sys`, `socket` and
`json` are imported: this is what a delegated run pays for.
"""
from __future__ import annotations

import os
import sys

NO_DELEGATE_ENV = "LABELER_NO_DELEGATE"
KIND = "show"
TIMEOUT_S = 2.0
MAX_ANSWER = 64 * 1024 * 1024  # more than any output of show; a longer stream is not our app
# The environment the answer depends on: our settings, the folders they live in (platformdirs), the language.
# The app answers only when its own values are the same (ui/show_service.py).
ENV_PREFIXES = ("LABELER_",)
ENV_NAMES = ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_DIRS",
             "XDG_DATA_DIRS", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", "NO_COLOR")
STREAMS = ("out", "err")


def relevant_env(environ) -> dict[str, str]:
    """The variables of `environ` the output of show depends on (see ENV_NAMES)."""
    return {k: v for k, v in environ.items() if k.startswith(ENV_PREFIXES) or k in ENV_NAMES}


def socket_path() -> str | None:
    """The app's socket, looked for where ui/single_instance.py places it (never created here); None when no
    app of ours can be listening: the folder it would have made is not there, or it is not private."""
    import stat

    from labeler.instance_socket import MAX_FOLDER_CHARS, candidate_folders, socket_file

    for folder in candidate_folders():
        if len(folder) > MAX_FOLDER_CHARS:
            continue  # the app passes such a folder by: no room for the socket's name
        try:
            info = os.lstat(folder)
        except FileNotFoundError:
            if os.access(os.path.dirname(folder), os.W_OK):
                return None  # the app would have made it: no app ran
            continue
        except OSError:
            continue
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
            continue  # not a folder of ours: the app passes it by too
        if stat.S_IMODE(info.st_mode) != 0o700:
            return None  # others may reach it (the app keeps it 0700): no socket in it is to be trusted
        return os.path.join(folder, socket_file())
    return None


def request(argv: list[str], cwd: str) -> bytes | None:
    """The request for `argv`, or None when the output could not be reproduced byte for byte here."""
    import json

    from labeler import __version__

    streams = {}
    for name, stream in zip(STREAMS, (sys.stdout, sys.stderr)):
        if stream is None or getattr(stream, "buffer", None) is None or not getattr(stream, "encoding", None):
            return None  # no byte stream to copy the answer to (an embedding program, a test's capture)
        streams[name] = {"encoding": stream.encoding, "errors": stream.errors or "strict",
                         "tty": bool(stream.isatty())}
    message = {"kind": KIND, "args": argv, "cwd": cwd, "env": relevant_env(os.environ), "streams": streams,
               "version": __version__}
    return json.dumps(message).encode("utf-8") + b"\n"


def parse_answer(line: bytes) -> tuple[int, list[tuple[str, bytes]]] | None:
    """The exit code and the output of a well-formed answer; None for a refusal or anything else."""
    import json

    try:
        value = json.loads(line.decode("utf-8"))
        code, output = value["exit"], value["output"]
        if not isinstance(code, int) or isinstance(code, bool) or not 0 <= code <= 255:
            return None
        chunks = []
        for stream, data in output:
            if stream not in STREAMS or not isinstance(data, str):
                return None
            chunks.append((stream, bytes.fromhex(data)))
        return code, chunks
    except (ValueError, TypeError, KeyError, UnicodeDecodeError):
        return None


def exchange(path: str, message: bytes, timeout: float = TIMEOUT_S) -> bytes | None:
    """Send `message` to the socket at `path` and return the answer's line; None when there is no app, it
    hangs up, or it is silent for `timeout` seconds (the empty lines it sends while working count)."""
    import socket

    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(timeout)
            sock.connect(path)
            sock.sendall(message)
            data = b""
            while True:
                chunk = sock.recv(65536)
                if not chunk:
                    return None  # hung up without an answer: an app that does not know the request
                data = (data + chunk).lstrip(b"\n")  # the keep-alives
                end = data.find(b"\n")
                if end >= 0:
                    return data[:end]
                if len(data) > MAX_ANSWER:
                    return None
    except OSError:  # no socket, a stale one, refused, timed out
        return None


def answered_by_app(argv: list[str]) -> int | None:
    """Print the running app's answer to `labeler ARGV` (a plain `show`) and return its exit code; None when
    the command is to run in this process."""
    if sys.platform.startswith("win") or os.environ.get(NO_DELEGATE_ENV, "") not in ("", "0"):
        return None  # Windows: the app's pipe needs Qt to reach
    if "--debug" in argv or os.environ.get("LABELER_DEBUG", "").strip() not in ("", "0"):
        return None  # the log goes to this process's standard error, line by line
    path = socket_path()
    if path is None or not os.path.exists(path):
        return None  # no app (and nothing more imported for asking it)
    try:
        cwd = os.getcwd()
    except OSError:
        return None
    message = request(argv, cwd)
    line = None if message is None else exchange(path, message)
    answer = None if line is None else parse_answer(line)
    if answer is None:
        return None
    code, chunks = answer
    return code if _write(chunks) else 0


def _write(chunks: list[tuple[str, bytes]]) -> bool:
    """Copy the answer to our streams in the order the app wrote it; False when the reader went away."""
    out, err = sys.stdout, sys.stderr
    target = out
    try:
        for stream, data in chunks:
            target = out if stream == "out" else err
            target.buffer.write(data)
            if target is err or out.line_buffering:  # as a terminal (or stderr) shows each line at once
                target.buffer.flush()
        target = out
        out.buffer.flush()
        return True
    except BrokenPipeError:  # `labeler show … | head`: what main() does, and no complaint at exit
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, target.fileno())
        os.close(devnull)
        return False
