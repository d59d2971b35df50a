"""The app's own log: problems written to a file in the user's log folder, and a crash file.

    logs.setup("app", debug=False)   # the desktop app: logs/app.log (+ stderr with debug)
    logs.setup("cli", debug=True)    # a command: logs/cli.log, warnings (everything with debug) on stderr
    logs.log_dir()                   # where they are: "Open log folder" opens it

The folder is platformdirs' user log folder (Linux ~/.local/state/labeler/log,
macOS ~/Library/Logs/labeler, Windows %LOCALAPPDATA%\\labeler\\Logs);
LABELER_LOG_DIR overrides it, and so does LABELER_DATA_DIR (tests, portable
installs: the logs go to its ``logs`` subfolder).

- ``app.log`` and ``cli.log``: one per kind of process, so the long-running
  app and the short commands never rotate the same file under each other.
  Each is a RotatingFileHandler of MAX_BYTES with BACKUPS older files
  (``app.log.1`` …), so the two take at most about 16 MB.  The
  file is opened at the first record: a command that has nothing to report
  writes nothing, and does not even create the folder.  (Two commands that rotate ``cli.log`` at the same moment
  may lose a few of its lines: rotation is not locked across processes.)
- Levels: our packages (labeler, ui, formats, policy) log INFO and up,
  other libraries WARNING and up; with ``debug`` (``labeler --debug``, or
  LABELER_DEBUG=1) ours log DEBUG, the others INFO, and everything is also
  written to standard error.
- ``crash.log``: where ``faulthandler`` writes the Python stack of every
  thread when the process dies of a fatal signal (a segmentation fault in a
  native library, Qt's abort): otherwise such a death leaves no trace.  It
  is enabled for the app (which creates the folder) and for commands once
  the folder exists (the app ran, a command logged something, or
  ``--debug``): a command never leaves a folder behind just in case.  It
  is left alone when faulthandler is already on (PYTHONFAULTHANDLER,
  ``-X faulthandler``): the user chose where fatal errors go.

What never goes into a log: the content of a document, or the values that
content hints matched (an IBAN, a card number).  Paths, label ids, counts,
error names and tracebacks may.  tests/test_logs.py labels a document that
contains an IBAN with ``--debug`` and checks that the IBAN is in no log.
"""
from __future__ import annotations

import faulthandler
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO

LOG_DIR_ENV = "LABELER_LOG_DIR"
DEBUG_ENV = "LABELER_DEBUG"
MAX_BYTES = 2 * 1024 * 1024
BACKUPS = 3
CRASH_FILE = "crash.log"
CRASH_MAX_BYTES = 1024 * 1024  # a bigger crash file is moved to crash.log.1 at the next start
KINDS = ("app", "cli")
OUR_LOGGERS = ("labeler", "ui", "formats", "policy")
FILE_FORMAT = "%(asctime)s %(process)d %(threadName)s %(levelname)s %(name)s: %(message)s"
# log.error(..., extra=FILE_ONLY): for the file only, when the person is told in a sentence of its own.
FILE_ONLY = {"file_only": True}


def log_dir() -> Path:
    """The folder of the app's logs (not created here)."""
    from labeler.paths import user_dir

    return user_dir(LOG_DIR_ENV, "log", "logs")


def log_file(kind: str) -> Path:
    """``app.log`` or ``cli.log`` in the log folder."""
    if kind not in KINDS:
        raise ValueError(f"log kind must be one of {KINDS}, not {kind!r}")
    return log_dir() / f"{kind}.log"


def crash_file() -> Path:
    return log_dir() / CRASH_FILE


def ensure_log_dir() -> Path:
    """The log folder, created if needed (for "Open log folder"); OSError if it cannot be."""
    folder = log_dir()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)  # paths and user names: for this user's eyes
    return folder


def debug_requested(flag: bool = False) -> bool:
    """``--debug`` given, or LABELER_DEBUG set to something other than 0."""
    return flag or os.environ.get(DEBUG_ENV, "").strip() not in ("", "0")


class _Stderr(logging.StreamHandler):
    """Writes to whatever ``sys.stderr`` is at the time (it may be replaced after setup)."""

    def __init__(self):
        super().__init__(sys.stderr)

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value) -> None:
        pass


class _MessageOnly(logging.Formatter):
    """The message alone, as Python's last-resort handler printed it: tracebacks stay in the file."""

    def format(self, record: logging.LogRecord) -> str:
        return record.getMessage()


def _not_file_only(record: logging.LogRecord) -> bool:
    return not getattr(record, "file_only", False)


def _log_file(target: Path) -> logging.Handler:
    """The rotating log file `target`: its folder is created when the first record comes, and a folder that
    cannot be written is said once."""
    import logging.handlers

    class _LogFile(logging.handlers.RotatingFileHandler):
        def _open(self):
            ensure_log_dir()
            return super()._open()

        def handleError(self, record: logging.LogRecord) -> None:
            exc = sys.exc_info()[1]
            if isinstance(exc, OSError) and self.level <= logging.CRITICAL:
                self.setLevel(logging.CRITICAL + 1)  # once: not a line on stderr per record
                print(f"labeler: the log file {self.baseFilename} cannot be written ({exc.strerror or exc})",
                      file=sys.stderr)
                return
            super().handleError(record)

    handler = _LogFile(target, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True)
    handler.setFormatter(logging.Formatter(FILE_FORMAT))
    handler.setLevel(logging.DEBUG)
    return handler


class _LogFileAtFirstRecord(logging.Handler):
    """A command's log file, made by the first record that reaches it.  Most commands log nothing, and
    logging.handlers (with sockets, queues and pickling) is a noticeable part of `labeler show`'s start-up."""

    def __init__(self, target: Path):
        super().__init__(logging.DEBUG)
        self.target = target
        self.file: logging.Handler | None = None

    def handle(self, record: logging.LogRecord) -> bool:
        if self.file is None:
            self.file = _log_file(self.target)
        return bool(self.file.handle(record))

    def emit(self, record: logging.LogRecord) -> None:
        self.handle(record)

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
        super().close()


@dataclass
class LogSetup:
    kind: str
    debug: bool
    path: Path | None  # the log file; None if the folder cannot be written
    crash_path: Path | None  # the crash file; None if faulthandler was already on or the file cannot be opened
    handlers: tuple[logging.Handler, ...] = ()
    crash_stream: IO[str] | None = None
    levels: tuple[tuple[str, int], ...] = ()  # the loggers' levels before, restored by shutdown()


_current: LogSetup | None = None


def current() -> LogSetup | None:
    """The setup in force in this process (None before ``setup``)."""
    return _current


def setup(kind: str, debug: bool = False, *, stderr_level: int | None = None) -> LogSetup:
    """Send this process's log records to ``<kind>.log`` (and stderr), and enable the crash file.

    The app ("app") and ``debug`` create the log folder now; a command
    creates it only when it has something to log.  Called again (the CLI
    starts the app, a test), it replaces what it set up before.  Never
    raises: a log folder that cannot be written leaves the records to stderr.
    ``stderr_level``: what also goes to stderr without
    ``debug`` (None: nothing; commands pass WARNING), the message alone, as
    Python's own last-resort handler printed it, and like it only where no
    one else handles records (a test runner capturing them, a program that
    embeds us).
    """
    global _current
    debug = debug_requested(debug)
    shutdown()
    root = logging.getLogger()
    handled_elsewhere = bool(root.handlers)
    handlers: list[logging.Handler] = []
    target = log_file(kind)
    path: Path | None = target
    try:
        if kind == "app" or debug:
            ensure_log_dir()
        # The app, and a command with --debug, write at once; any other command when it has something to say.
        handlers.append(_log_file(target) if kind == "app" or debug else _LogFileAtFirstRecord(target))
    except OSError as exc:
        path = None
        print(f"labeler: the log folder {log_dir()} cannot be written ({exc.strerror or exc}); "
              "problems are reported here only", file=sys.stderr)
        stderr_level = logging.WARNING if stderr_level is None else stderr_level
    if debug or (stderr_level is not None and not handled_elsewhere):
        err = _Stderr()
        err.setLevel(logging.DEBUG if debug else stderr_level or logging.WARNING)
        err.setFormatter(logging.Formatter(FILE_FORMAT) if debug else _MessageOnly())
        if not debug:
            err.addFilter(_not_file_only)
        handlers.append(err)
    levels = tuple((name, logging.getLogger(name or None).level) for name in ("", *OUR_LOGGERS))
    for handler in handlers:
        root.addHandler(handler)
    root.setLevel(logging.INFO if debug else logging.WARNING)
    for name in OUR_LOGGERS:
        logging.getLogger(name).setLevel(logging.DEBUG if debug else logging.INFO)
    crash_path, crash_stream = _enable_crash_file() if path is not None else (None, None)
    _current = LogSetup(kind, debug, path, crash_path, tuple(handlers), crash_stream, levels)
    if debug:
        logging.getLogger(__name__).debug("debug logging to %s; crash file %s", path, crash_path)
    return _current


def shutdown() -> None:
    """Undo ``setup``: remove its handlers, close the file, stop writing to the crash file."""
    global _current
    done, _current = _current, None
    if done is None:
        return
    root = logging.getLogger()
    for handler in done.handlers:
        root.removeHandler(handler)
        handler.close()
    for name, level in done.levels:
        logging.getLogger(name or None).setLevel(level)
    if done.crash_stream is not None:
        faulthandler.disable()
        done.crash_stream.close()


def _enable_crash_file() -> tuple[Path | None, IO[str] | None]:
    if faulthandler.is_enabled():
        return None, None  # the user (or a test runner) already chose where fatal errors go
    path = crash_file()
    if not path.parent.is_dir():
        return None, None  # a command before the app ever ran: no folder created just in case
    try:
        if path.exists() and path.stat().st_size > CRASH_MAX_BYTES:
            os.replace(path, path.with_name(path.name + ".1"))
        stream = open(path, "a", encoding="utf-8")  # noqa: SIM115 - kept open for the process's life
        faulthandler.enable(stream, all_threads=True)
    except (OSError, ValueError, RuntimeError) as exc:
        logging.getLogger(__name__).warning("crash file %s not enabled: %s", path, exc)
        return None, None
    return path, stream
