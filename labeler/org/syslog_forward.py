"""Forward each audit event to the organisation's syslog collector (SIEM).

Messages are RFC 5424 (built by labeler.org.syslog_format, which describes
them); the destination is a SyslogConfig (labeler.org.syslog_config: the
admin config's ``[syslog]`` table, else ``$LABELER_SYSLOG``).  This module
delivers them and re-exports both modules' names.

Transports: TLS (RFC 5425: TCP with TLS, octet-counting framing ``LEN SP MSG``,
port 6514), UDP (RFC 5426, one datagram per message) or plain TCP (RFC 6587,
octet-counting framing).  Use TLS for anything that leaves the machine: the
audit trail names people and files.  With TLS the collector's certificate is
verified against the system's CAs, or against ``ca_file`` only if one is
configured, and must be for the host name configured; a client certificate
and key (``cert_file``, ``key_file``) can be presented to collectors that ask
for one.  A collector whose certificate does not verify is not sent anything:
the messages stay in the outbox and a warning is logged at each attempt.
With TLS 1.3 a collector checks our client certificate only after the
handshake has ended on our side, so after sending we wait a moment
(``TLS_PROBE_SECONDS``) for a refusal, as for UDP, and keep the messages if
one comes; delivery is at least once, never "sent" on a refused connection
that we could see.

Never in the way of labelling: ``Forwarder.send`` only appends the message to
a persistent outbox (a JSONL spool file in the user's data folder, a quick
local write) and wakes a background thread that does the network I/O with a
short timeout (at most 2 s per attempt).  We chose a background thread over
an inline send with a short timeout because the GUI must never block on I/O
(DESIGN.md) and because a collector that is down would otherwise cost every
label change the full timeout.  A message leaves the outbox only once it was
handed to the network, so messages that could not be sent (connection
refused, timeout, no route, name not resolved) are retried on the next
``send``, every ``retry_interval`` seconds while the app runs, by an explicit
``flush()``, and by the next process that forwards anything.  At process exit
we wait briefly (``timeout``) for an attempt in progress, so a one-shot CLI
run still delivers when the collector is up.  ``send`` and ``flush`` never
raise.

UDP cannot confirm delivery.  We use a connected UDP socket and, after the
first datagram of a batch, wait a moment for an ICMP "port unreachable"
(reported as ECONNREFUSED); that catches a collector that is down on a
reachable host, which is the common case, but a datagram lost on the way is
lost.  Organisations that need assurance should use TCP.
"""
from __future__ import annotations

import atexit
import contextlib
import json
import logging
import os
import socket
import ssl
import threading
from pathlib import Path

from labeler.org.audit import AuditEvent
from labeler.org.syslog_config import (DEFAULT_PORT, DEFAULT_PORTS, ENV_VAR, FACILITIES, PROTOCOLS, SyslogConfig,
                                       SyslogConfigError, config_from_environment, config_from_table, configured)
from labeler.org.syslog_format import (APP_NAME, BOM, MAX_VALUE_CHARS, SD_ID, SEVERITY_NOTICE, escape_param,
                                       format_message, frame_tcp, sentence, structured_data)
from labeler.system import file_lock

__all__ = ["APP_NAME", "BOM", "DEFAULT_PORT", "DEFAULT_PORTS", "ENV_VAR", "FACILITIES", "MAX_SPOOL_MESSAGES",
           "MAX_TIMEOUT", "MAX_VALUE_CHARS", "PROTOCOLS", "SD_ID", "SEVERITY_NOTICE", "TLS_PROBE_SECONDS",
           "UDP_PROBE_SECONDS", "Forwarder", "SyslogConfig", "SyslogConfigError", "config_from_environment",
           "config_from_table", "configured", "escape_param", "format_message", "forwarder_from_environment",
           "frame_tcp", "sentence", "structured_data"]

log = logging.getLogger(__name__)

MAX_TIMEOUT = 2.0
UDP_PROBE_SECONDS = 0.05
TLS_PROBE_SECONDS = 0.2  # TLS 1.3: how long to wait for a collector's refusal of our certificate
MAX_SPOOL_MESSAGES = 100_000  # beyond this the oldest are dropped (with a warning); the local log keeps all


# -- the forwarder -----------------------------------------------------------------
class Forwarder:
    """Sends audit events to one collector; undeliverable ones wait in an outbox and are retried.

    ``background=True`` (the default, for the GUI and CLI): ``send`` returns
    after the local outbox write and a worker thread delivers.
    ``background=False``: ``send`` delivers inline, bounded by ``timeout``.
    """

    def __init__(self, host: str, port: int, protocol: str = "udp", facility: str = "local0", *,
                 spool_path: str | Path | None = None, timeout: float = MAX_TIMEOUT,
                 background: bool = True, retry_interval: float = 60.0, ca_file: str | None = None,
                 cert_file: str | None = None, key_file: str | None = None):
        self.config = SyslogConfig(host, port, protocol, facility, ca_file, cert_file, key_file)
        if spool_path is None:
            from labeler.paths import syslog_outbox_path

            spool_path = syslog_outbox_path()
        self.spool_path = Path(spool_path)
        self.timeout = max(0.1, min(float(timeout), MAX_TIMEOUT))
        self.background = background
        self.retry_interval = retry_interval
        self._drain_lock = threading.Lock()  # one drain at a time in this process
        self._cond = threading.Condition()
        self._requested = 0  # generation of the latest send/flush request
        self._done = 0  # generation the worker has finished
        self._worker: threading.Thread | None = None
        self._closed = False
        self._atexit_registered = False

    @classmethod
    def from_config(cls, config: SyslogConfig, **kwargs) -> Forwarder:
        return cls(config.host, config.port, config.protocol, config.facility, ca_file=config.ca_file,
                   cert_file=config.cert_file, key_file=config.key_file, **kwargs)

    @property
    def _spool_lock(self) -> Path:
        return self.spool_path.with_name(self.spool_path.name + ".lock")

    @property
    def _drain_file_lock(self) -> Path:
        return self.spool_path.with_name(self.spool_path.name + ".sending")

    # -- public API ----------------------------------------------------------------
    def send(self, event: AuditEvent | dict) -> None:
        """Queue one event for the collector and trigger delivery.  Never raises."""
        try:
            message = format_message(event, self.config.facility)
        except Exception:
            log.warning("audit event could not be formatted for syslog", exc_info=True)
            return
        try:
            self._enqueue(message)
        except Exception:
            # No outbox (read-only data folder, disk full): try once directly, then give up loudly.
            log.warning("syslog outbox %s not writable; sending without retry", self.spool_path, exc_info=True)
            try:
                self._deliver([message])
            except Exception:
                log.warning("syslog message lost", exc_info=True)
            return
        if self.background:
            self._wake_worker()
        else:
            self._drain_quietly(blocking=False)

    def flush(self) -> int:
        """Try now to deliver everything in the outbox; returns how many messages are still waiting.

        Blocks the caller (each connection attempt is bounded by ``timeout``);
        never raises.
        """
        return self._drain_quietly(blocking=True)

    def pending(self) -> int:
        """How many messages wait in the outbox."""
        try:
            with open(self.spool_path, "rb") as f:
                return sum(1 for line in f if line.strip())
        except OSError:
            return 0

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Wait until the worker has handled every ``send`` made so far; False on timeout."""
        with self._cond:
            target = self._requested
            return self._cond.wait_for(lambda: self._done >= target or self._worker is None
                                       or not self._worker.is_alive(), timeout)

    def close(self, timeout: float | None = None) -> None:
        """Let an attempt in progress finish (up to ``timeout``, default the send timeout), stop the worker."""
        self.wait_idle(self.timeout if timeout is None else timeout)
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        worker = self._worker
        if worker is not None:
            worker.join(0.1)

    # -- outbox ----------------------------------------------------------------------
    def _enqueue(self, message: str) -> None:
        line = json.dumps({"message": message}, ensure_ascii=True).encode("ascii") + b"\n"
        self.spool_path.parent.mkdir(parents=True, exist_ok=True)
        with file_lock(self._spool_lock):
            fd = os.open(self.spool_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_BINARY", 0),
                         0o600)
            try:
                os.write(fd, line)
                os.fsync(fd)
            finally:
                os.close(fd)

    def _read_spool(self) -> list[str | None]:
        """The queued messages, oldest first (None for a damaged line)."""
        with file_lock(self._spool_lock):
            try:
                raw = self.spool_path.read_bytes()
            except FileNotFoundError:
                return []
        result: list[str | None] = []
        for line in raw.splitlines():
            if not line.strip():
                continue
            try:
                result.append(str(json.loads(line)["message"]))
            except (ValueError, KeyError, TypeError):
                result.append(None)
        return result

    def _remove_first(self, count: int) -> int:
        """Drop the first ``count`` queued messages (they were sent); returns how many remain."""
        with file_lock(self._spool_lock):
            try:
                lines = [l for l in self.spool_path.read_bytes().splitlines(keepends=True) if l.strip()]
            except FileNotFoundError:
                return 0
            rest = lines[count:]
            if len(rest) > MAX_SPOOL_MESSAGES:
                log.warning("syslog outbox full: dropping the %d oldest messages", len(rest) - MAX_SPOOL_MESSAGES)
                rest = rest[-MAX_SPOOL_MESSAGES:]
            if count == 0 and len(rest) == len(lines):
                return len(rest)
            tmp = self.spool_path.with_name(self.spool_path.name + ".tmp")
            with open(tmp, "wb") as f:
                f.writelines(rest)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.spool_path)
            return len(rest)

    # -- delivery ----------------------------------------------------------------------
    def _drain_quietly(self, blocking: bool) -> int:
        try:
            return self._drain(blocking)
        except Exception:
            log.warning("syslog forwarding failed; will retry", exc_info=True)
            return self.pending()

    def _drain(self, blocking: bool) -> int:
        """Send the outbox in order until it is empty or the collector fails; returns what remains.

        One drainer at a time, across threads and processes, so a message is
        not sent twice by two of them.  Non-blocking callers give up at once
        if someone else is draining (that drainer loops and picks up new
        messages).
        """
        if not self._drain_lock.acquire(blocking):
            return self.pending()
        try:
            with file_lock(self._drain_file_lock, blocking=blocking) as held:
                if not held:
                    return self.pending()
                while True:
                    batch = self._read_spool()
                    if not batch:
                        return 0
                    sent = self._deliver(batch)
                    remaining = self._remove_first(sent)
                    if sent < len(batch) or remaining == 0:
                        return remaining
        finally:
            self._drain_lock.release()

    def _deliver(self, messages: list[str | None]) -> int:
        """Send in order; returns how many were handed to the network (damaged entries count as done)."""
        data = [None if m is None else m.encode("utf-8") for m in messages]
        try:
            if self.config.protocol == "tls":
                return self._deliver_tls(data)
            if self.config.protocol == "tcp":
                return self._deliver_tcp(data)
            return self._deliver_udp(data)
        except OSError as exc:  # name not resolved, no route, …
            log.info("syslog collector %s:%s unreachable: %s", self.config.host, self.config.port, exc)
            return 0

    def _deliver_tcp(self, data: list[bytes | None]) -> int:
        done = 0
        try:
            with socket.create_connection((self.config.host, self.config.port), timeout=self.timeout) as sock:
                for item in data:
                    if item is not None:
                        sock.sendall(frame_tcp(item))
                    done += 1
                try:
                    sock.shutdown(socket.SHUT_WR)
                except OSError:
                    pass
        except OSError as exc:
            log.info("syslog over TCP to %s:%s failed after %d messages: %s",
                     self.config.host, self.config.port, done, exc)
        return done

    def _tls_context(self) -> ssl.SSLContext:
        """Verify the collector: its certificate chains to the system's CAs (or only to ca_file) and
        names the configured host; TLS 1.2 at least.  Built for each attempt, so a renewed CA file or
        client certificate is picked up."""
        config = self.config
        context = ssl.create_default_context(ssl.Purpose.SERVER_AUTH, cafile=config.ca_file)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        context.check_hostname = True
        context.verify_mode = ssl.CERT_REQUIRED
        if config.cert_file:
            context.load_cert_chain(config.cert_file, config.key_file)
        return context

    def _deliver_tls(self, data: list[bytes | None]) -> int:
        """RFC 5425: octet-counted messages over TLS; nothing is sent to a collector that does not verify."""
        config, done = self.config, 0
        where = f"{config.host}:{config.port}"
        try:
            context = self._tls_context()
        except (OSError, ssl.SSLError, ValueError) as exc:
            log.warning("syslog over TLS to %s not attempted: the CA file or client certificate cannot be "
                        "used (%s); %d message(s) stay in the outbox", where, exc, len(data))
            return 0
        try:
            with socket.create_connection((config.host, config.port), timeout=self.timeout) as raw:
                with context.wrap_socket(raw, server_hostname=config.host) as sock:
                    for item in data:
                        if item is not None:
                            sock.sendall(frame_tcp(item))
                        done += 1
                    if not self._tls_accepted(sock):
                        log.warning("syslog over TLS to %s refused by the collector after the handshake "
                                    "(a client certificate it does not accept?); %d message(s) stay in the "
                                    "outbox", where, len(data))
                        return 0
                    try:
                        sock.unwrap()  # close_notify both ways: the collector read the stream to its end
                    except ssl.SSLEOFError as exc:
                        # Closed without close_notify, as some collectors do: what was sent arrived.
                        log.debug("syslog over TLS to %s: closed without close_notify (%s)", where, exc)
                    except ssl.SSLError as exc:
                        # An alert instead of close_notify: with TLS 1.3 a collector that refuses our
                        # client certificate says so only after we sent.  Keep the messages (delivery is
                        # at least once; collectors de-duplicate by `hash`).
                        log.warning("syslog over TLS to %s refused by the collector (%s); %d message(s) stay "
                                    "in the outbox", where, exc, len(data))
                        return 0
                    except ConnectionResetError as exc:
                        # The collector dropped the connection with our data unread: not delivered.
                        log.warning("syslog over TLS to %s: the collector reset the connection (%s); %d "
                                    "message(s) stay in the outbox", where, exc, len(data))
                        return 0
                    except (OSError, ValueError) as exc:
                        log.debug("syslog over TLS to %s: no close_notify from the collector (%s)", where, exc)
        except ssl.SSLCertVerificationError as exc:
            log.warning("syslog over TLS to %s refused: the collector's certificate does not verify (%s); "
                        "%d message(s) stay in the outbox", where, exc.verify_message or exc, len(data))
            return 0
        except ssl.SSLError as exc:
            log.warning("syslog over TLS to %s failed after %d messages: %s", where, done, exc)
        except OSError as exc:
            log.info("syslog over TLS to %s failed after %d messages: %s", where, done, exc)
        return done

    def _tls_accepted(self, sock: ssl.SSLSocket) -> bool:
        """False if the collector answered with an alert or a reset (best effort, like the UDP probe).

        With TLS 1.3 the client's handshake ends before the collector has
        checked our certificate, so a collector that refuses it says so only
        after we sent: wait a moment for that answer.  Collectors send no data
        of their own, so silence is the good case.
        """
        if sock.version() != "TLSv1.3":
            return True  # TLS 1.2: the whole handshake, client certificate included, is already done
        sock.settimeout(TLS_PROBE_SECONDS)
        try:
            sock.recv(1)
        except TimeoutError:
            pass
        except ssl.SSLEOFError:
            pass  # closed without close_notify after reading: some collectors do
        except (ssl.SSLError, ConnectionResetError):
            return False
        except OSError:
            pass
        finally:
            with contextlib.suppress(OSError):
                sock.settimeout(self.timeout)
        return True

    def _deliver_udp(self, data: list[bytes | None]) -> int:
        family, kind, proto, _, address = socket.getaddrinfo(self.config.host, self.config.port,
                                                             type=socket.SOCK_DGRAM)[0]
        done, probed = 0, False
        with socket.socket(family, kind, proto) as sock:
            sock.settimeout(self.timeout)
            try:
                sock.connect(address)
                for item in data:
                    if item is not None:
                        sock.send(item)
                        if not probed:
                            probed = True
                            if not self._udp_accepted(sock):
                                return done
                    done += 1
            except OSError as exc:
                log.info("syslog over UDP to %s:%s failed after %d messages: %s",
                         self.config.host, self.config.port, done, exc)
        return done

    def _udp_accepted(self, sock: socket.socket) -> bool:
        """False if the host answered the first datagram with "port unreachable" (best effort)."""
        sock.settimeout(UDP_PROBE_SECONDS)
        try:
            sock.recv(1)
        except TimeoutError:
            pass
        except OSError:  # ECONNREFUSED (POSIX) / WSAECONNRESET (Windows)
            return False
        finally:
            sock.settimeout(self.timeout)
        return True

    # -- background worker -------------------------------------------------------------
    def _wake_worker(self) -> None:
        try:
            with self._cond:
                if self._closed:
                    self._drain_quietly(blocking=False)
                    return
                self._requested += 1
                if self._worker is None or not self._worker.is_alive():
                    self._worker = threading.Thread(target=self._run, name="labeler-syslog", daemon=True)
                    self._worker.start()
                    if not self._atexit_registered:
                        atexit.register(self._at_exit)
                        self._atexit_registered = True
                self._cond.notify_all()
        except Exception:
            log.warning("syslog worker could not be started; will retry", exc_info=True)

    def _run(self) -> None:
        while True:
            with self._cond:
                waiting = self._done < self._requested
                if not waiting and not self._closed:
                    # Nothing new: sleep, waking every retry_interval while the outbox holds messages.
                    self._cond.wait(self.retry_interval if self.pending() else None)
                if self._closed:
                    return
                target = self._requested
            self._drain_quietly(blocking=True)
            with self._cond:
                self._done = max(self._done, target)
                self._cond.notify_all()

    def _at_exit(self) -> None:
        # A one-shot CLI run: give the attempt in progress a moment; undelivered messages stay queued.
        try:
            self.close(self.timeout)
        except Exception:
            pass


def forwarder_from_environment(**kwargs) -> Forwarder | None:
    """A Forwarder for the destination in force (the admin config's [syslog], else ``$LABELER_SYSLOG``),
    None if there is none.  SyslogConfigError if it is malformed."""
    config = configured()
    return Forwarder.from_config(config, **kwargs) if config else None
