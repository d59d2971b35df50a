"""The real app on a real X server (Xvfb), not only offscreen: it starts and shows its window."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from conftest import REPO

pytestmark = pytest.mark.skipif(not (shutil.which("Xvfb") and shutil.which("xdotool")),
                                reason="Xvfb and xdotool are not installed (.ci/run installs them)")


def _free_display() -> int:
    for number in range(70, 100):
        if not os.path.exists(f"/tmp/.X11-unix/X{number}") and not os.path.exists(f"/tmp/.X{number}-lock"):
            return number
    pytest.skip("no free X display number")


def _wait_for(predicate, seconds: float):
    """Poll until `predicate()` is truthy; a bound on waiting, not a speed check."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    return None


def test_the_app_starts_on_a_real_x_server_and_shows_its_window(tmp_path):
    pytest.importorskip("PySide6")
    display = f":{_free_display()}"
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    env = {**os.environ, "DISPLAY": display, "HOME": str(tmp_path), "XDG_RUNTIME_DIR": str(tmp_path / "run"),
           "LABELER_DATA_DIR": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    (tmp_path / "run").mkdir(mode=0o700)
    env.pop("QT_QPA_PLATFORM", None)
    env.pop("WAYLAND_DISPLAY", None)
    app = None
    try:
        assert _wait_for(lambda: os.path.exists(f"/tmp/.X11-unix/X{display[1:]}"), 20), "Xvfb did not start"
        app = subprocess.Popen([sys.executable, "-m", "labeler", "gui"], cwd=REPO, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

        def window():
            if app.poll() is not None:
                return "exited"
            found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "^Labeler$"],
                                   capture_output=True, text=True, env=env)
            return found.stdout.split()
        seen = _wait_for(window, 60)
        if seen == "exited":
            pytest.fail(f"the app exited: {app.stderr.read()}")
        assert seen, "no visible window named Labeler appeared"
    finally:
        if app is not None and app.poll() is None:
            app.send_signal(signal.SIGTERM)
            try:
                app.wait(10)
            except subprocess.TimeoutExpired:
                app.kill()
        xvfb.terminate()
        xvfb.wait(10)
