"""A TCP server on 127.0.0.1 for the network tests: each connection is served on a thread of its own.

Subclasses set up what their `serve` needs, then call `LoopbackServer.__init__`,
which binds a free port and starts accepting; `close()` stops the accept loop
and waits (boundedly) for it to end.
"""
from __future__ import annotations

import socket
import threading
from abc import ABC, abstractmethod

ACCEPT_POLL = 0.2  # seconds accept() waits, so that close() ends the accept loop promptly
CLOSE_WAIT = 10  # generous bound on waiting for the accept loop to end; never asserted as a duration


class LoopbackServer(ABC):
    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.sock.settimeout(ACCEPT_POLL)
        self.port = self.sock.getsockname()[1]
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    @abstractmethod
    def serve(self, conn: socket.socket) -> None:
        """Talk to one client (on a thread of its own); closing `conn` is up to the subclass."""

    def _run(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            conn.setblocking(True)
            threading.Thread(target=self.serve, args=(conn,), daemon=True).start()

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=CLOSE_WAIT)
        self.sock.close()
