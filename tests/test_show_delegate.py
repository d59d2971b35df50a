"""`labeler show` answered by the running app (labeler/show_client.py, ui/show_service.py), with real processes.

One real app (`labeler gui`, offscreen) runs for the module.  Each command
runs twice as a real process, delegated and with LABELER_NO_DELEGATE=1, and
both runs must print the same bytes and exit alike; a marker file written by
the command process says whether it loaded the show code itself (it does
not when the app answered).  Apps that do not answer, hang up, or answer
something else leave the command to run itself.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtNetwork")
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the command reaches the app by a Unix socket")

from instance_support import REPO, app_environment, end_process, private_runtime  # noqa: E402
from wait_support import wait_for  # noqa: E402

from labeler import show_client  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"
CONTROL_NAME = "bad\x1b[31mname\nx.docx"
NOT_UTF8_NAME = os.fsdecode(b"caf\xe9.odt")  # a name from a Latin-1 system: not valid UTF-8
SAMPLES = ["pydocx.docx", "msip-custom.docx", "empty.docx", "encrypted.docx", "truncated.docx", "lo-calc.xlsx",
           "openpyxl.xlsx", "garbage.xlsx", "lo-writer.pdf", "msip-labelled.pdf", "truncated.pdf", "lo-tscp.odt",
           "lo-writer.odt", "plain.txt", "photo.png"]
# The command run in each process: labeler.cli.main, as the console script runs it, then a note (in a file, not
# on the streams compared) of whether this process loaded the show code itself.
COMMAND = ("import sys\nfrom labeler.cli import main\ncode = main(sys.argv[2:])\n"
           "open(sys.argv[1], 'w').write('local' if 'labeler.commands.files' in sys.modules else 'app')\n"
           "sys.exit(code)\n")


def run(env: dict, cwd: Path, args: list[str], mark: Path, local: bool = False) -> tuple[bytes, bytes, int, str]:
    env = {**env, show_client.NO_DELEGATE_ENV: "1"} if local else env
    proc = subprocess.run([sys.executable, "-c", COMMAND, str(mark), *args], cwd=cwd, env=env,
                          capture_output=True, timeout=120)
    return proc.stdout, proc.stderr, proc.returncode, mark.read_text("utf-8")


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """The desktop app, running: its environment (shared by the commands) and a folder of samples."""
    root = tmp_path_factory.mktemp("delegate")
    runtime = private_runtime()
    env = app_environment(root, runtime)
    env.pop(show_client.NO_DELEGATE_ENV, None)
    env.pop("LABELER_DEBUG", None)
    work = root / "work"
    (work / "sub" / "deeper").mkdir(parents=True)
    for name in SAMPLES:
        shutil.copyfile(DATA / name, work / name)
    shutil.copyfile(DATA / "pydocx.docx", work / "sub" / CONTROL_NAME)
    shutil.copyfile(DATA / "lo-writer.odt", work / "sub" / NOT_UTF8_NAME)
    shutil.copyfile(DATA / "lo-writer.docx", work / "sub" / "deeper" / "labelled.docx")
    shutil.copyfile(DATA / "plain.txt", work / "sub" / "labelled.txt")
    for path, label in (("sub/deeper/labelled.docx", "confidential"), ("sub/labelled.txt", "internal")):
        subprocess.run([sys.executable, "-m", "labeler", "apply", "--label", label, path], cwd=work, check=True,
                       env={**env, show_client.NO_DELEGATE_ENV: "1"}, capture_output=True, timeout=120)
    app_log = root / "app-stderr.txt"
    with open(app_log, "wb") as stderr:  # a file: a pipe nobody reads would stop the app once full
        proc = subprocess.Popen([sys.executable, "-m", "labeler", "gui"], cwd=REPO, env=env,
                                stdout=subprocess.DEVNULL, stderr=stderr)
    try:
        def listening() -> bool:
            path = _socket_in(env)
            return path is not None and Path(path).exists()

        assert wait_for(lambda: listening() or proc.poll() is not None, 60)
        assert proc.poll() is None, app_log.read_text("utf-8", errors="replace")
        yield env, work, Path(_socket_in(env) or "")
    finally:
        end_process(proc)
        shutil.rmtree(runtime, ignore_errors=True)


def _socket_in(env: dict) -> str | None:
    """Where a command run in `env` looks for the app's socket."""
    saved = dict(os.environ)
    try:
        os.environ.clear()
        os.environ.update(env)
        return show_client.socket_path()
    finally:
        os.environ.clear()
        os.environ.update(saved)


CASES = [
    ["show", "pydocx.docx"],
    ["show", "msip-custom.docx", "lo-calc.xlsx", "openpyxl.xlsx", "lo-writer.pdf", "msip-labelled.pdf"],
    ["show", "lo-tscp.odt", "lo-writer.odt", "plain.txt", "photo.png", "-v"],
    ["show", "empty.docx", "encrypted.docx", "truncated.docx", "garbage.xlsx", "truncated.pdf"],
    ["show", "sub/deeper/labelled.docx", "./sub/labelled.txt", "sub/../pydocx.docx", "--verbose"],
    ["show", "missing.docx"],
    ["show", "pydocx.docx", "pydox.docx", "no-folder/x.docx", "*.odx"],
    ["show", f"sub/{CONTROL_NAME}"],
    ["show", f"sub/{NOT_UTF8_NAME}", "-v"],
    ["show", "--json", f"sub/{NOT_UTF8_NAME}"],
    ["show", "--json", "pydocx.docx", "sub/deeper/labelled.docx", "missing.docx", f"sub/{CONTROL_NAME}"],
    ["show", "-r", "sub"],
    ["show", "-r", ".", "--json"],
    ["show", "sub"],
    ["show", "-q", "pydocx.docx", "missing.docx", "truncated.pdf"],
    ["show", "-q", "--json", "pydocx.docx"],
    ["show", "-q", "-v", "pydocx.docx"],
]


@pytest.mark.parametrize("args", CASES, ids=lambda a: ascii(" ".join(a)))
def test_the_apps_answer_is_the_commands_own_output_byte_for_byte(app, tmp_path, args):
    env, work, _socket = app
    *delegated, by = run(env, work, args, tmp_path / "delegated")
    *local, by_itself = run(env, work, args, tmp_path / "local", local=True)
    assert (by, by_itself) == ("app", "local")
    assert delegated == local, args


def test_debug_runs_in_the_command_itself(app, tmp_path):
    env, work, _socket = app
    *_, by = run(env, work, ["show", "--debug", "pydocx.docx"], tmp_path / "flag")
    *_, by_env = run({**env, "LABELER_DEBUG": "1"}, work, ["show", "pydocx.docx"], tmp_path / "env")
    assert by == by_env == "local"  # the log goes to its standard error as it happens


def test_absolute_paths_and_a_folder_from_another_working_folder(app, tmp_path):
    env, work, _socket = app
    args = ["show", "-r", str(work / "sub"), str(DATA / "lo-writer.docx"), str(tmp_path / "gone.pdf")]
    *delegated, by = run(env, tmp_path, args, tmp_path / "delegated")
    *local, _ = run(env, tmp_path, args, tmp_path / "local", local=True)
    assert by == "app" and delegated == local
    assert delegated[2] == 1 and b"gone.pdf: error: no such file" in delegated[1]


def test_the_console_command_is_answered_by_the_app(app, tmp_path):
    env, work, _socket = app
    args = [sys.executable, "-m", "labeler", "show", "--json", "sub/deeper/labelled.docx"]
    delegated = subprocess.run(args, cwd=work, env=env, capture_output=True, timeout=120)
    local = subprocess.run(args, cwd=work, env={**env, show_client.NO_DELEGATE_ENV: "1"}, capture_output=True,
                           timeout=120)
    assert (delegated.stdout, delegated.stderr, delegated.returncode) == (local.stdout, local.stderr, 0)
    assert json.loads(delegated.stdout)[0]["label"]["id"] == "confidential"


def ask(path: Path, message: dict) -> dict | None:
    line = show_client.exchange(str(path), json.dumps(message).encode("utf-8") + b"\n", timeout=30)
    return None if line is None else json.loads(line)


def show_request(app_env: dict, work: Path, **changes) -> dict:
    stream = {"encoding": "utf-8", "errors": "strict", "tty": False}
    return {"kind": "show", "args": ["show", "pydocx.docx"], "cwd": str(work),
            "env": show_client.relevant_env(app_env),
            "streams": {"out": stream, "err": stream}, "version": __import__("labeler").__version__, **changes}


def test_the_app_declines_what_the_command_would_show_differently(app):
    env, work, sock = app
    answer = ask(sock, show_request(env, work))
    assert answer == {"exit": 0, "output": [["out", b"pydocx.docx: no label\n".hex()]]}
    assert "declined" in ask(sock, show_request(env, work, version="0.0.1-other"))
    assert "declined" in ask(sock, show_request(env, work, env={**show_client.relevant_env(env), "LANG": "nl_BE"}))
    assert "declined" in ask(sock, show_request(env, work, args=["show", "--scheme", "x.toml", "a.docx"]))
    tty = {"encoding": "utf-8", "errors": "strict", "tty": True}
    many = show_request(env, DATA.parent, args=["show", "-r", "data"], streams={"out": tty, "err": tty})
    assert "progress bar" in ask(sock, many)["declined"]  # type: ignore[index]
    # Only show is served: the label dialog's arguments in a show request are not run.
    assert "declined" in ask(sock, show_request(env, work, args=["label-dialog", "pydocx.docx"]))


def test_a_kind_the_app_does_not_know_is_answered_not_ignored(app):
    _env, _work, sock = app
    assert ask(sock, {"kind": "frobnicate", "args": []}) == {"error": "unknown kind", "kind": "frobnicate"}


# -- apps that do not answer ------------------------------------------------------------------------

class FakeApp:
    """A socket where the app's would be, doing `behaviour` with each connection: "silent" (accepts, reads,
    never answers), "hang-up" (what the apps before show did), or a fixed answer line."""

    def __init__(self, runtime: Path, behaviour: str | bytes, home: Path):
        folder = runtime / "labeler"
        folder.mkdir(mode=0o700)
        self.env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime), "PYTHONPATH": str(REPO),
                    "LABELER_DATA_DIR": str(home / "data"), "LABELER_CONFIG_DIR": str(home / "config")}
        self.env.pop("LABELER_RUNTIME_DIR", None)
        self.env.pop(show_client.NO_DELEGATE_ENV, None)
        path = _socket_in(self.env)
        assert path is not None
        self.path = path
        self.behaviour = behaviour
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(self.path)
        self.server.listen()
        self.held: list[socket.socket] = []
        self.requests: list[bytes] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            self.requests.append(conn.recv(65536))
            if self.behaviour == "silent":
                self.held.append(conn)  # open, and never a byte back
            elif self.behaviour == "hang-up":
                conn.close()
            else:
                conn.sendall(self.behaviour)  # type: ignore[arg-type]
                conn.close()

    def close(self) -> None:
        self.server.close()
        for conn in self.held:
            conn.close()


NOT_ANSWERS = ["silent", "hang-up", b"ok\n", b'{"exit": 0, "output": [["out", "zz"]]}\n', b'{"exit": 0}\n',
               b'{"exit": 256, "output": []}\n', b'\n\n{"declined": "no"}\n', b'{"error": "unknown kind"}\n']


@pytest.mark.parametrize("behaviour", NOT_ANSWERS)
def test_an_app_that_does_not_answer_leaves_the_command_to_itself(tmp_path, behaviour):
    runtime = private_runtime()
    fake = FakeApp(runtime, behaviour, tmp_path)
    try:
        args = ["show", str(DATA / "pydocx.docx"), str(DATA / "lo-tscp.odt"), str(tmp_path / "missing.docx")]
        *answer, by = run(fake.env, tmp_path, args, tmp_path / "asked")
        *local, _ = run(fake.env, tmp_path, args, tmp_path / "local", local=True)
        assert by == "local" and answer == local and answer[2] == 1
        assert len(fake.requests) == 1 and json.loads(fake.requests[0])["kind"] == "show"
    finally:
        fake.close()
        shutil.rmtree(runtime, ignore_errors=True)


def test_the_command_asks_no_app_whose_folder_is_not_private(tmp_path):
    runtime = private_runtime()
    fake = FakeApp(runtime, b"{\"exit\": 0, \"output\": []}\n", tmp_path)
    try:
        os.chmod(runtime / "labeler", 0o755)
        *_, by = run(fake.env, tmp_path, ["show", str(DATA / "pydocx.docx")], tmp_path / "asked")
        assert by == "local" and fake.requests == []
    finally:
        fake.close()
        shutil.rmtree(runtime, ignore_errors=True)


def test_the_command_finds_the_socket_where_the_app_listens(tmp_path, monkeypatch):
    import tempfile

    from ui.single_instance import server_name

    runtime = private_runtime()
    try:
        monkeypatch.delenv("LABELER_RUNTIME_DIR", raising=False)
        monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
        assert show_client.socket_path() is None  # no app ever ran: nothing made, nothing to ask
        assert server_name() == show_client.socket_path()
        monkeypatch.delenv("XDG_RUNTIME_DIR")
        monkeypatch.setattr(tempfile, "tempdir", str(runtime))
        assert server_name() == show_client.socket_path()
        monkeypatch.setenv("LABELER_RUNTIME_DIR", str(runtime / "own"))
        assert server_name() == show_client.socket_path()
    finally:
        shutil.rmtree(runtime, ignore_errors=True)


def test_the_delegated_command_imports_no_reader_library(app, tmp_path):
    env, work, _socket = app

    def modules(code: str) -> set[str]:
        proc = subprocess.run([sys.executable, "-c", f"import sys, json\n{code}\n"
                               "print(json.dumps(sorted(sys.modules)), file=sys.stderr)"],
                              cwd=work, env=env, capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout == ("pydocx.docx: no label\n" if code else ""), proc.stderr
        return set(json.loads(proc.stderr.strip().splitlines()[-1]))

    before = modules("")  # the interpreter's start (in this environment, the editable install's hook)
    loaded = modules("from labeler.cli import main\nassert main(['show', 'pydocx.docx']) == 0")
    added = loaded - before
    assert {"socket", "labeler.show_client"} <= loaded
    heavy = ("lxml", "pypdf", "dataclasses", "pathlib", "logging", "typing", "argparse", "formats", "policy",
             "platformdirs", "tomllib", "getpass", "PySide6", "labeler.core", "labeler.commands.files")
    assert not {m for m in added if m.startswith(heavy)}, sorted(added)


def test_the_answer_is_worked_out_off_the_gui_thread(qtbot, tmp_path, monkeypatch):
    import labeler.cli
    from ui.single_instance import InstanceLock, InstanceServer

    runtime = private_runtime()
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    for name in ("LABELER_RUNTIME_DIR", "LABELER_DEBUG", show_client.NO_DELEGATE_ENV):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LABELER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("LABELER_CONFIG_DIR", str(tmp_path / "config"))
    on_gui_thread = []
    real = labeler.cli.answer_show

    def recording(*args, **kwargs):
        on_gui_thread.append(threading.current_thread() is threading.main_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(labeler.cli, "answer_show", recording)
    lock = InstanceLock()
    assert lock.acquire()
    server = InstanceServer()
    try:
        assert server.listen()
        mark = tmp_path / "mark"
        proc = subprocess.Popen([sys.executable, "-c", COMMAND, str(mark), "show", "pydocx.docx"], cwd=DATA,
                                env={**os.environ, "PYTHONPATH": str(REPO)}, stdout=subprocess.PIPE)
        try:
            qtbot.waitUntil(lambda: proc.poll() is not None, timeout=60000)  # this (GUI) thread serves meanwhile
        finally:
            end_process(proc)
        assert proc.returncode == 0 and mark.read_text("utf-8") == "app"
        assert on_gui_thread == [False]
    finally:
        server.close()
        lock.release()
        shutil.rmtree(runtime, ignore_errors=True)
