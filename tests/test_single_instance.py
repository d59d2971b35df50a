"""One app per user: hand-over between real processes over the private local socket."""
from __future__ import annotations

import json
import os
import shutil
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtNetwork")

from ui.single_instance import (ACK, Gatherer, InstanceLock, InstanceServer, decode_message,  # noqa: E402
                                encode_message, hand_over_or_lock, runtime_dir, server_name, try_hand_over)

from instance_support import REPO, app_environment, end_process, private_runtime  # noqa: E402
from wait_support import wait_for  # noqa: E402

# A stand-in for the app: the real server and gatherer, recording each batch as a JSON line.
SERVER = r"""
import json, sys
from PySide6.QtCore import QCoreApplication
from ui.single_instance import Gatherer, InstanceLock, InstanceServer
app = QCoreApplication([])
lock = InstanceLock()
assert lock.acquire(), "lock taken"
server = InstanceServer()
assert server.listen(), "cannot listen"
gatherer = Gatherer()
server.filesArrived.connect(gatherer.add)
def record(batch):
    with open(sys.argv[1], "a", encoding="utf-8") as f:
        f.write(json.dumps(batch) + "\n")
gatherer.batchReady.connect(record)
server.showRequested.connect(lambda: record(["<show>"]))
print("listening", flush=True)
app.exec()
"""


@pytest.fixture
def runtime(monkeypatch):
    """A private, short runtime folder (socket paths are limited to ~100 bytes)."""
    folder = private_runtime()
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    monkeypatch.delenv("LABELER_RUNTIME_DIR", raising=False)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def env(runtime, tmp_path):
    return app_environment(tmp_path, runtime)


class Processes:
    """Every started process is ended at the end of the test, whatever happens."""

    def __init__(self):
        self.started: list[subprocess.Popen] = []

    def start(self, args, **kwargs) -> subprocess.Popen:
        proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)
        self.started.append(proc)
        return proc

    def end_all(self) -> None:
        for proc in self.started:
            end_process(proc)


@pytest.fixture
def processes():
    procs = Processes()
    yield procs
    procs.end_all()


def start_server(processes, env, record: Path) -> subprocess.Popen:
    server = processes.start([sys.executable, "-c", SERVER, str(record)], env=env, cwd=REPO)
    assert server.stdout.readline().strip() == "listening", server.stderr.read()
    return server


def label_dialog(processes, env, cwd, *paths) -> subprocess.Popen:
    return processes.start([sys.executable, "-m", "labeler", "label-dialog", "--", *paths], env=env, cwd=cwd)


def test_two_quick_invocations_arrive_as_one_batch(processes, env, tmp_path):
    record = tmp_path / "batches.jsonl"
    start_server(processes, env, record)
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()

    began = time.monotonic()
    clients = [label_dialog(processes, env, folder, "a.docx", "b c.docx") for folder in (first, second)]
    for client in clients:
        assert client.wait(10) == 0, client.stderr.read()
    assert time.monotonic() - began < 8

    assert wait_for(lambda: record.exists() and record.read_text("utf-8").strip())
    time.sleep(0.8)  # longer than the gathering window: a second batch would have come by now
    batches = [json.loads(line) for line in record.read_text("utf-8").splitlines()]
    assert len(batches) == 1, batches
    # Relative paths were resolved by each sender in its own working folder.
    assert sorted(batches[0]) == sorted(str(f / name) for f in (first, second) for name in ("a.docx", "b c.docx"))


def test_gui_command_asks_the_running_app_to_show_itself(processes, env, tmp_path):
    record = tmp_path / "batches.jsonl"
    start_server(processes, env, record)
    client = processes.start([sys.executable, "-m", "labeler", "gui"], env=env, cwd=REPO)
    assert client.wait(10) == 0, client.stderr.read()
    assert wait_for(lambda: record.exists() and "<show>" in record.read_text("utf-8"))


def test_label_dialog_starts_the_app_when_none_runs(processes, env, tmp_path):
    app = label_dialog(processes, env, tmp_path, "report.docx")
    socket_file = Path(env["XDG_RUNTIME_DIR"]) / "labeler" / f"labeler-{_user()}.sock"
    assert wait_for(lambda: socket_file.exists() or app.poll() is not None, 20), app.stderr.read()
    assert app.poll() is None, app.stderr.read()
    assert stat.S_ISSOCK(socket_file.stat().st_mode)
    assert stat.S_IMODE(socket_file.parent.stat().st_mode) == 0o700
    # A further invocation now hands over to it and exits at once.
    client = label_dialog(processes, env, tmp_path, "other.docx")
    assert client.wait(10) == 0, client.stderr.read()
    assert app.poll() is None
    app.terminate()
    app.wait(10)


def test_a_stale_socket_left_by_a_crash_is_replaced(qtbot, runtime):
    name = server_name()
    stale = socket.socket(socket.AF_UNIX)
    stale.bind(name)  # a socket file nobody listens on, as a killed app leaves it
    stale.close()
    assert not try_hand_over(["x"])

    lock = hand_over_or_lock(["x"])
    assert lock is not None
    server = InstanceServer()
    try:
        assert server.listen()
        arrived = []
        server.filesArrived.connect(arrived.append)
        # The client blocks, so it runs in another process while this one serves.
        proc = subprocess.Popen([sys.executable, "-c", "import sys; from ui.single_instance import try_hand_over; "
                                 "sys.exit(0 if try_hand_over(['/tmp/y.docx']) else 1)"],
                                cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})
        try:
            qtbot.waitUntil(lambda: proc.poll() is not None, timeout=10000)
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.wait()
        assert proc.returncode == 0
        assert arrived == [["/tmp/y.docx"]]
    finally:
        server.close()
        lock.release()


def test_the_socket_is_private_to_the_user(qtbot, runtime):
    lock = InstanceLock()
    assert lock.acquire()
    server = InstanceServer()
    try:
        assert server.listen()
        folder = runtime_dir()
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        assert folder.stat().st_uid == os.getuid()
        assert stat.S_IMODE(os.stat(server.name).st_mode) & 0o077 == 0
        assert str(os.getuid()) in server.name or _user() in server.name
    finally:
        server.close()
        lock.release()


def test_only_one_process_holds_the_lock(runtime):
    first, second = InstanceLock(), InstanceLock()
    assert first.acquire()
    try:
        assert not second.acquire()
    finally:
        first.release()
    assert second.acquire()
    second.release()


def test_message_round_trip_resolves_relative_paths():
    data = encode_message(["a.docx", "sub/b c.docx", "/abs/d.pdf"], cwd="/home/u/docs")
    assert data.endswith(b"\n") and data != ACK
    assert json.loads(data) == {"argv": ["/home/u/docs/a.docx", "/home/u/docs/sub/b c.docx", "/abs/d.pdf"],
                                "cwd": "/home/u/docs"}
    assert decode_message(data) == ["/home/u/docs/a.docx", "/home/u/docs/sub/b c.docx", "/abs/d.pdf"]
    assert decode_message(b'{"argv": "x", "cwd": "/"}') is None
    assert decode_message(b"\xff") is None


def test_gatherer_makes_one_batch_of_a_burst(qtbot):
    gatherer = Gatherer(window_ms=150)
    batches = []
    gatherer.batchReady.connect(batches.append)
    gatherer.add(["/a"])
    qtbot.wait(80)
    gatherer.add(["/b", "/a"])  # restarts the window; duplicates are dropped
    qtbot.wait(80)
    assert batches == []
    qtbot.waitUntil(lambda: bool(batches), timeout=2000)
    qtbot.wait(200)
    assert batches == [["/a", "/b"]]


def test_without_pyside6_the_gui_command_explains_what_to_install():
    code = ("import sys; sys.modules['PySide6'] = None; sys.modules['PySide6.QtWidgets'] = None; "
            "from labeler.cli import main; sys.exit(main([]))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert proc.returncode == 2
    assert "pip install 'labeler[gui]'" in proc.stderr
    assert "PySide6" in proc.stderr


def _user() -> str:
    from ui.single_instance import _user as user

    return user()
