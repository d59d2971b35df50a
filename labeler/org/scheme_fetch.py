"""Downloading a scheme and its signature from a path or an http(s) URL, within one deadline.

`fetch()` returns the complete bytes or raises FetchError with a sentence;
the whole download is bounded by `update_timeout()`, whatever the source does.
"""
from __future__ import annotations

import contextlib
import io
import os
import threading
import time
import urllib.parse
from pathlib import Path
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the network modules are imported when a check downloads (not to read the scheme in force)
    import http.client
    import urllib.request

from policy.signing import SIGNATURE_SUFFIX
from policy.toml_shape import MAX_BYTES as MAX_SCHEME_TEXT

from labeler.org.admin_config import (DEFAULT_UPDATE_TIMEOUT_SECONDS, MAX_UPDATE_TIMEOUT_SECONDS, AdminConfig,
                                      file_source_path, is_url)

MAX_SCHEME_BYTES = MAX_SCHEME_TEXT  # a larger file is refused before it is parsed anyway
TIMEOUT_SECONDS = 10.0  # per connect and per read; the whole check is bounded by update_timeout()
UPDATE_TIMEOUT_ENV = "LABELER_SCHEME_UPDATE_TIMEOUT"  # seconds; overrides the admin config (tests, trials)


class FetchError(Exception):
    """The source could not deliver a complete file; the message is a sentence."""


# --- fetching --------------------------------------------------------------------

def signature_location(source: str) -> str:
    """Where the signature of `source` is: the same name plus ".sig" (in a URL: in its path)."""
    if is_url(source) and not source.lower().startswith("file://"):
        parts = urllib.parse.urlsplit(source)
        return urllib.parse.urlunsplit(parts._replace(path=parts.path + SIGNATURE_SUFFIX))
    return source + SIGNATURE_SUFFIX


def update_timeout(config: AdminConfig | None = None, environ: Mapping[str, str] | None = None) -> float:
    """The overall deadline of one scheme check, in seconds.

    ``$LABELER_SCHEME_UPDATE_TIMEOUT`` (a number of seconds, for tests and
    trials) wins over ``update_timeout_seconds`` in the admin config, which
    wins over the default (30 s).  Values outside (0, 300] are ignored.
    """
    environ = os.environ if environ is None else environ
    text = (environ.get(UPDATE_TIMEOUT_ENV) or "").strip()
    if text:
        try:
            value = float(text)
        except ValueError:
            value = 0.0
        if 0 < value <= MAX_UPDATE_TIMEOUT_SECONDS:
            return value
    if config is not None:
        return float(config.update_timeout_seconds)
    return float(DEFAULT_UPDATE_TIMEOUT_SECONDS)


class DeadlineExceeded(FetchError):
    """The source did not deliver before the check's deadline."""


def fetch(source: str, limit: int = MAX_SCHEME_BYTES, timeout: float = TIMEOUT_SECONDS,
          deadline: float | None = None) -> bytes:
    """The complete bytes at `source` (URL or path), or FetchError saying why not.

    `timeout` bounds each connect and read; `deadline` (a `time.monotonic()`
    value; default: `update_timeout()` from now) bounds the whole download,
    whatever the server or share does: past it, DeadlineExceeded.  The I/O runs
    in a daemon thread, so the caller returns at the deadline even when the
    operating system does not (a name lookup, a hung share); a socket still
    open then is shut down.
    """
    if deadline is None:
        deadline = time.monotonic() + update_timeout()
    if is_url(source) and not source.lower().startswith("file://"):
        cutoff = _Cutoff()
        return _within(deadline, source, lambda: _fetch_url(source, limit, timeout, deadline, cutoff),
                       cutoff.expire)
    path = file_source_path(source)
    return _within(deadline, str(path), lambda: _fetch_file(path, limit))


def _within(deadline: float, what: str, work: Callable[[], bytes], on_expiry: Callable[[], None] | None = None):
    """work() in a daemon thread; its result, its exception, or DeadlineExceeded at the deadline."""
    box: dict = {}

    def run() -> None:
        try:
            box["value"] = work()
        except BaseException as exc:  # handed to the caller below
            box["error"] = exc

    worker = threading.Thread(target=run, name="labeler-scheme-fetch", daemon=True)
    worker.start()
    worker.join(max(0.0, deadline - time.monotonic()))
    if worker.is_alive():
        if on_expiry is not None:
            with contextlib.suppress(Exception):
                on_expiry()
        raise DeadlineExceeded(f"{what} did not deliver it in time")
    if "error" in box:
        raise box["error"]
    return box["value"]


class _Cutoff:
    """The connections of one download, so that the deadline can cut them from another thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._connections: list[http.client.HTTPConnection] = []
        self.expired = False

    def add(self, connection: http.client.HTTPConnection) -> None:
        with self._lock:
            self._connections.append(connection)
            expired = self.expired
        if expired:
            raise OSError("the time for the update is up")

    def expire(self) -> None:
        with self._lock:
            self.expired = True
            connections = list(self._connections)
        import socket

        for connection in connections:
            sock = connection.sock
            if sock is not None:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def opener(self) -> urllib.request.OpenerDirector:
        """urllib's opener (proxies from the environment as usual) whose connections we can cut."""
        import http.client
        import urllib.request

        cutoff = self

        class TrackedHTTP(http.client.HTTPConnection):
            def connect(self) -> None:
                cutoff.add(self)
                super().connect()

        class TrackedHTTPS(http.client.HTTPSConnection):
            def connect(self) -> None:
                cutoff.add(self)
                super().connect()

        http_class, https_class = TrackedHTTP, TrackedHTTPS

        class HTTPHandler(urllib.request.HTTPHandler):
            def http_open(self, req):
                return self.do_open(http_class, req)

        class HTTPSHandler(urllib.request.HTTPSHandler):
            def https_open(self, req):
                # urllib's own settings of this handler (private attributes its stub does not declare).
                kwargs = {"context": getattr(self, "_context", None)}
                check_hostname = getattr(self, "_check_hostname", None)
                if check_hostname is not None:  # Python < 3.12
                    kwargs["check_hostname"] = check_hostname
                return self.do_open(https_class, req, **kwargs)

        return urllib.request.build_opener(HTTPHandler, HTTPSHandler)


def _fetch_file(path: Path, limit: int) -> bytes:
    try:
        with open(path, "rb") as f:
            data = f.read(limit + 1)
    except FileNotFoundError:
        raise FetchError(f"{path} does not exist (is the share reachable and the path right?).") from None
    except PermissionError:
        raise FetchError(f"there is no permission to read {path}.") from None
    except IsADirectoryError:
        raise FetchError(f"{path} is a folder, not a scheme file.") from None
    except OSError as exc:
        raise FetchError(f"{path} cannot be read ({exc.strerror or exc}).") from None
    if len(data) > limit:
        raise FetchError(f"{path} is larger than {_size(limit)}, too large to be a scheme.")
    return data


def _fetch_url(url: str, limit: int, timeout: float, deadline: float | None = None,
               cutoff: _Cutoff | None = None) -> bytes:
    import http.client
    import socket
    import urllib.error
    import urllib.request

    from labeler import __version__

    request = urllib.request.Request(url, headers={
        "User-Agent": f"labeler/{__version__}", "Accept-Encoding": "identity", "Cache-Control": "no-cache"})
    if deadline is not None:
        timeout = max(0.05, min(timeout, deadline - time.monotonic()))
    opener = (cutoff or _Cutoff()).opener()
    received = 0
    expected: int | None = None
    try:
        with opener.open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length is not None and length.strip().isdigit():
                expected = int(length)
                if expected > limit:
                    raise FetchError(f"{url} is {_size(expected)}, too large to be a scheme "
                                     f"(the limit is {_size(limit)}).")
            # A BytesIO hands its buffer over at the end: a 48 MB scheme is held once, not twice.
            received_bytes = io.BytesIO()
            while True:
                if deadline is not None and time.monotonic() > deadline or cutoff is not None and cutoff.expired:
                    raise DeadlineExceeded(f"{url} did not deliver it in time")
                chunk = response.read1(64 * 1024)
                if not chunk:
                    break
                received += len(chunk)
                if received > limit:
                    raise FetchError(f"{url} is larger than {_size(limit)}, too large to be a scheme.")
                received_bytes.write(chunk)
    except urllib.error.HTTPError as exc:
        exc.close()
        raise FetchError(f"the server answered {exc.code} {exc.reason} for {url}.") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, (TimeoutError, socket.timeout)):
            raise FetchError(f"{url} did not answer within {timeout:g} seconds.") from None
        detail = getattr(reason, "strerror", None) or str(reason)
        raise FetchError(f"cannot reach {url} ({detail}).") from None
    except TimeoutError:
        raise FetchError(f"{url} stopped answering for {timeout:g} seconds during the download.") from None
    except http.client.IncompleteRead as exc:
        got = received + len(exc.partial)
        raise FetchError(f"the download of {url} was cut off after {got} bytes"
                         + (f" of {expected}" if expected is not None else "") + ".") from None
    except (http.client.HTTPException, OSError) as exc:
        raise FetchError(f"the connection to {url} broke during the download ({exc or type(exc).__name__}).") \
            from None
    if expected is not None and received != expected:
        raise FetchError(f"the download of {url} was cut off: got {received} of {expected} bytes.")
    return received_bytes.getvalue()


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{n} bytes"
