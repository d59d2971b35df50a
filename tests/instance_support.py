"""One app per user, tested with real processes: hand-overs to a listening app and an app started for real.

    runtime = private_runtime()
    procs: list = []
    try:
        hand_over_each(procs, "send-dialog", ["a.docx", "b c.docx"], cwd, runtime)
        ...
    finally:
        close_instance(procs, server, lock, runtime)

Shared by tests/test_single_instance.py, tests/test_gui_app.py and
tests/test_integration_send.py.  No fixtures here: a test module may already
have its own fixture of the same name (integration_support's `env`).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def private_runtime() -> Path:
    """A new runtime folder with a short path: socket paths are limited to about 100 bytes."""
    return Path(tempfile.mkdtemp(prefix="lbl-run-"))


def app_environment(tmp_path: Path, runtime: Path) -> dict[str, str]:
    """The environment for a real app and its clients: `runtime` for the socket, its own settings and data
    folders in `tmp_path`, offscreen, this source tree importable."""
    config = tmp_path / "config"
    config.mkdir()
    # No watched folders: a started app must not watch the real home folder.
    (config / "settings.toml").write_text("watched_folders = []\n", "utf-8")
    return {**os.environ, "XDG_RUNTIME_DIR": str(runtime), "QT_QPA_PLATFORM": "offscreen",
            "LABELER_CONFIG_DIR": str(config), "LABELER_DATA_DIR": str(tmp_path / "data"),
            "PYTHONPATH": str(REPO)}


def end_process(proc: subprocess.Popen, grace: float = 5) -> None:
    """Ask a process still running to end, kill it if it has not within `grace` seconds; close its pipes."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(grace)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(grace)
    for stream in (proc.stdout, proc.stderr):
        if stream:
            stream.close()


def hand_over_each(procs: list[subprocess.Popen], command: str, names: Iterable[str], cwd: Path,
                   runtime: Path) -> None:
    """One `labeler COMMAND -- NAME` process per name, as a file manager starts one per selected file, each
    handing its file to the app listening in `runtime`.  Each is added to `procs` as soon as it started, so
    that close_instance ends it whatever happens next."""
    env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime), "PYTHONPATH": str(REPO)}
    for name in names:
        procs.append(subprocess.Popen([sys.executable, "-m", "labeler", command, "--", name], cwd=cwd, env=env))


def close_instance(procs: Iterable[subprocess.Popen], server, lock, runtime: Path) -> None:
    """Kill the hand-over processes still running, stop the app's server, free its lock, remove `runtime`."""
    for proc in procs:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    server.close()
    lock.release()
    shutil.rmtree(runtime, ignore_errors=True)
