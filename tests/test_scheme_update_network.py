"""A scheme update against a slow source: an overall deadline, and no lock held while waiting.

The servers here run on 127.0.0.1, started by the test itself; they answer
one byte at a time, every `DRIP` seconds, for as long as the client stays.
Nothing is asserted about how fast anything is: the tests check the order of
events (the update is still downloading when `labeler show` / `apply`
finish) and bound the waiting generously so a broken build fails instead of
hanging.
"""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import DATA, REPO
from labeler.org.admin_config import AdminConfigError, load_admin_config, parse_admin_config
from labeler.org.distribution import (REFUSED, UPDATED, DeadlineExceeded, SchemeStore, fetch, update_timeout,
                                      UPDATE_TIMEOUT_ENV)
from loopback_support import LoopbackServer
from policy.signing import generate_private_key, public_key_text
from test_scheme_distribution import no_proxy, publish  # noqa: F401  (no_proxy: an autouse fixture)

DRIP = 2.0  # seconds between two bytes from the slow server
WAIT = 60  # generous bound on any wait; never asserted as a duration


class SlowServer(LoopbackServer):
    """An HTTP server that announces a large body, then sends it one byte every `drip` seconds.

    With `slow_headers`, even the status line and headers come one byte at a time.
    `connected` is set when a client has sent its request; `disconnected` when
    that client went away (the server noticed a failed send or EOF).
    """

    def __init__(self, drip: float = DRIP, slow_headers: bool = False):
        self.drip = drip
        self.slow_headers = slow_headers
        self.connected = threading.Event()
        self.disconnected = threading.Event()
        super().__init__()
        self.url = f"http://127.0.0.1:{self.port}/scheme.toml"

    def serve(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(WAIT)
            request = b""
            try:
                while b"\r\n\r\n" not in request:
                    chunk = conn.recv(4096)
                    if not chunk:
                        return
                    request += chunk
            except OSError:
                return
            self.connected.set()
            header = b"HTTP/1.1 200 OK\r\nContent-Type: application/toml\r\nContent-Length: 100000\r\n\r\n"
            body = header if self.slow_headers else b""
            try:
                if not self.slow_headers:
                    conn.sendall(header)
                data = body + b"#" * 100000
                for i in range(len(data)):
                    if self.stop.wait(self.drip):
                        return
                    conn.sendall(data[i:i + 1])
            except OSError:
                self.disconnected.set()


@pytest.fixture
def slow():
    server = SlowServer()
    yield server
    server.close()


@pytest.fixture
def slow_headers():
    server = SlowServer(drip=0.5, slow_headers=True)
    yield server
    server.close()


def write_config(path: Path, source: str, key, extra: str = "") -> Path:
    path.write_text(f'[scheme]\nsource = "{source}"\ntrusted_keys = ["{public_key_text(key)}"]\n{extra}',
                    encoding="utf-8")
    return path


def one_sentence(text: str) -> bool:
    """One sentence: one line, a final full stop, and no ". X" sentence break inside."""
    text = text.strip()
    return "\n" not in text and text.endswith(".") and not re.search(r"[.!?] [A-Z]", text[:-1])


# --- the deadline ---------------------------------------------------------------------

def test_admin_config_update_timeout(tmp_path):
    key = generate_private_key()
    config = load_admin_config(write_config(tmp_path / "c.toml", "/srv/s.toml", key))
    assert config.update_timeout_seconds == 30 and update_timeout(config, {}) == 30
    config = load_admin_config(write_config(tmp_path / "c.toml", "/srv/s.toml", key,
                                            "update_timeout_seconds = 5\n"))
    assert update_timeout(config, {}) == 5
    assert update_timeout(config, {UPDATE_TIMEOUT_ENV: "1.5"}) == 1.5
    assert update_timeout(config, {UPDATE_TIMEOUT_ENV: "nonsense"}) == 5
    assert update_timeout(config, {UPDATE_TIMEOUT_ENV: "-1"}) == 5
    for bad in ("0", "301", '"30"', "true"):
        text = (f'[scheme]\nsource = "/srv/s.toml"\ntrusted_keys = ["{public_key_text(key)}"]\n'
                f"update_timeout_seconds = {bad}\n")
        with pytest.raises(AdminConfigError, match="update_timeout_seconds"):
            parse_admin_config(text.encode(), "c.toml")


@pytest.mark.parametrize("server", ["slow", "slow_headers"])
def test_fetch_gives_up_at_the_deadline_and_drops_the_connection(server, request):
    srv = request.getfixturevalue(server)
    with pytest.raises(DeadlineExceeded, match="did not deliver it in time"):
        fetch(srv.url, deadline=time.monotonic() + 1.0)
    assert srv.connected.is_set()
    # The connection is cut, not left to the per-read timeout: the server sees the client go.
    assert srv.disconnected.wait(WAIT)


def test_check_against_a_slow_server_ends_with_one_sentence(tmp_path, slow):
    key = generate_private_key()
    folder = tmp_path / "share"
    publish(folder, 4, key)
    store = SchemeStore(tmp_path / "store")
    store.check(load_admin_config(write_config(tmp_path / "good.toml", str(folder / "scheme.toml"), key)))
    config = load_admin_config(write_config(tmp_path / "slow.toml", slow.url, key, "update_timeout_seconds = 2\n"))

    result: dict = {}
    worker = threading.Thread(target=lambda: result.update(state=store.check(config)), daemon=True)
    worker.start()
    worker.join(WAIT)
    assert not worker.is_alive(), "the update did not end"
    state = result["state"]
    assert state.last_result == REFUSED
    assert state.last_error == (f"Gave up the scheme update after 2 seconds because {slow.url} was too slow to "
                                f"deliver the scheme and its signature; version 4 stays in force.")
    assert one_sentence(state.last_error)
    assert store.scheme_in_force(config).scheme.version == 4


def test_a_fetcher_that_never_returns_is_bounded_too(tmp_path):
    key = generate_private_key()
    release = threading.Event()
    store = SchemeStore(tmp_path / "store", fetcher=lambda source, limit: release.wait(WAIT) and b"")
    config = load_admin_config(write_config(tmp_path / "c.toml", "/srv/share/scheme.toml", key))
    try:
        state = store.check(config, timeout=0.5)
    finally:
        release.set()
    assert state.last_result == REFUSED and state.last_error.startswith("Gave up the scheme update after 0.5 ")


# --- no lock while waiting --------------------------------------------------------------

def test_store_lock_is_not_held_while_downloading(tmp_path):
    """While the download waits, the stored scheme can be read (what `show`/`apply` do); afterwards
    the new scheme is swapped in."""
    key = generate_private_key()
    folder = tmp_path / "share"
    publish(folder, 1, key)
    config = load_admin_config(write_config(tmp_path / "c.toml", str(folder / "scheme.toml"), key))
    store = SchemeStore(tmp_path / "store")
    assert store.check(config).last_result == UPDATED
    publish(folder, 2, key)

    downloading, release = threading.Event(), threading.Event()

    def held_fetcher(source, limit):
        downloading.set()
        release.wait(WAIT)
        return Path(source).read_bytes()

    slow_store = SchemeStore(tmp_path / "store", fetcher=held_fetcher)
    result: dict = {}
    updater = threading.Thread(target=lambda: result.update(state=slow_store.check(config)), daemon=True)
    updater.start()
    try:
        assert downloading.wait(WAIT)
        reader_done = threading.Event()
        seen: dict = {}

        def read():
            seen["force"] = SchemeStore(tmp_path / "store").scheme_in_force(config)
            reader_done.set()

        threading.Thread(target=read, daemon=True).start()
        assert reader_done.wait(WAIT), "reading the stored scheme waited for the download"
        assert updater.is_alive() and not release.is_set()  # the read finished while the update waited
        assert seen["force"].scheme.version == 1
    finally:
        release.set()
    updater.join(WAIT)
    assert result["state"].last_result == UPDATED
    assert store.scheme_in_force(config).scheme.version == 2


def test_cli_update_against_slow_server_does_not_block_show_or_apply(tmp_path, slow):
    """`labeler scheme update` against a server sending a byte every 2 s: `labeler show` and
    `labeler apply` in other processes finish while it still runs; it ends, at its deadline,
    with one sentence, and the last good scheme stays in force."""
    key = generate_private_key()
    data_dir = tmp_path / "data"
    folder = tmp_path / "share"
    publish(folder, 1, key)
    SchemeStore(data_dir / "scheme").check(
        load_admin_config(write_config(tmp_path / "good.toml", str(folder / "scheme.toml"), key)))
    config = write_config(tmp_path / "config.toml", slow.url, key)
    doc = tmp_path / "report.docx"
    shutil.copyfile(DATA / "lo-writer.docx", doc)
    deadline = 20
    env = {**os.environ, "LABELER_ADMIN_CONFIG": str(config), "LABELER_DATA_DIR": str(data_dir),
           "LABELER_SYSLOG": "", UPDATE_TIMEOUT_ENV: str(deadline)}

    update = subprocess.Popen([sys.executable, "-m", "labeler", "scheme", "update"], cwd=REPO, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert slow.connected.wait(WAIT), "the update never reached the server"
        # The update is now downloading (it has sent its request; the server is dripping).
        show = subprocess.run([sys.executable, "-m", "labeler", "show", str(doc)], cwd=REPO, env=env,
                              capture_output=True, text=True, timeout=WAIT)
        apply = subprocess.run([sys.executable, "-m", "labeler", "apply", "--label", "internal", str(doc)],
                               cwd=REPO, env=env, capture_output=True, text=True, timeout=WAIT)
        still_running = update.poll() is None and not slow.disconnected.is_set()
        assert show.returncode == 0, show.stderr
        assert apply.returncode == 0, apply.stderr
        assert still_running, "show/apply only finished after the update had ended"
        out, err = update.communicate(timeout=deadline + WAIT)
    finally:
        if update.poll() is None:
            update.kill()
            update.communicate()
    assert update.returncode == 1
    assert out == ""
    message = err.strip()
    assert message == (f"labeler: Gave up the scheme update after {deadline} seconds because {slow.url} was too "
                       f"slow to deliver the scheme and its signature; version 1 stays in force.")
    assert one_sentence(message)
    shown = subprocess.run([sys.executable, "-m", "labeler", "show", str(doc)], cwd=REPO, env=env,
                           capture_output=True, text=True, timeout=WAIT)
    assert shown.returncode == 0 and "Internal" in shown.stdout


def test_reader_does_not_wait_for_a_lock_held_elsewhere(tmp_path):
    """Whoever holds the store's lock for long (an older version of the app), reading the stored
    scheme goes ahead without it after a short wait."""
    from labeler.system import file_lock

    key = generate_private_key()
    folder = tmp_path / "share"
    publish(folder, 5, key)
    config = load_admin_config(write_config(tmp_path / "c.toml", str(folder / "scheme.toml"), key))
    store = SchemeStore(tmp_path / "store")
    assert store.check(config).last_result == UPDATED
    release, held = threading.Event(), threading.Event()

    def holder():
        with file_lock(tmp_path / "store" / ".lock"):
            held.set()
            release.wait(WAIT)

    threading.Thread(target=holder, daemon=True).start()
    try:
        assert held.wait(WAIT)
        assert store.scheme_in_force(config).scheme.version == 5
        assert not release.is_set()  # read while the other holder still had the lock
    finally:
        release.set()
