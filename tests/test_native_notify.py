"""The prompt as a desktop notification, over a real D-Bus session bus.

Each test that needs a bus starts its own dbus-daemon (Debian's dbus-daemon
package; skipped without it) with a throwaway configuration and, where it
needs one, a stand-in notification server (tests/notification_server.py) in a
subprocess: QtDBus-exported with
the specification's exact types, recording every call.  No test touches the
user's session bus.  Waits are bounded (qtbot.waitUntil); nothing is timed.
"""
from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtDBus")

from PySide6.QtDBus import QDBusConnection, QDBusMessage  # noqa: E402
from PySide6.QtWidgets import QFrame  # noqa: E402

from labeler.desktop.integration import APP_ID  # noqa: E402
from ui import native_notify  # noqa: E402
from ui.native_notify import FreedesktopPrompt  # noqa: E402
from ui.notifier import Notifier  # noqa: E402

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
DBUS_DAEMON = shutil.which("dbus-daemon")
WAIT_MS = 10000
START_S = 20.0

BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


def _read_line(proc: subprocess.Popen, what: str) -> str:
    """The process's first line of output, waiting at most START_S."""
    assert proc.stdout is not None
    deadline = time.monotonic() + START_S
    while time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stdout], [], [], 0.1)
        if ready:
            line = proc.stdout.readline()
            if line:
                return line.strip()
        if proc.poll() is not None:
            break
    proc.kill()
    raise AssertionError(f"{what} did not start: {proc.stderr.read() if proc.stderr else ''}")


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
    for stream in (proc.stdout, proc.stderr):
        if stream is not None:
            stream.close()


class Bus:
    """A private session bus, its address, and a QtDBus connection of this process to it."""

    count = 0

    def __init__(self, folder: Path):
        self.folder = folder
        config = folder / "bus.conf"
        config.write_text(BUS_CONFIG.format(socket=folder / "bus"), encoding="utf-8")
        self.daemon = subprocess.Popen([str(DBUS_DAEMON), f"--config-file={config}", "--nofork", "--print-address=1"],
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.address = _read_line(self.daemon, "dbus-daemon")
        Bus.count += 1
        self.name = f"labeler-test-{os.getpid()}-{Bus.count}"
        self.connection = QDBusConnection.connectToBus(self.address, self.name)
        assert self.connection.isConnected(), self.connection.lastError().message()
        self.server: subprocess.Popen | None = None
        self.log = folder / "calls.jsonl"

    def start_server(self, *options: str) -> None:
        self.server = subprocess.Popen([sys.executable, str(HERE / "notification_server.py"), self.address,
                                        str(self.log), *options],
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert _read_line(self.server, "the stand-in notification server") == "ready"

    def stop_server(self) -> None:
        if self.server is not None:
            _stop(self.server)
            self.server = None

    def calls(self, method: str | None = None) -> list[dict]:
        if not self.log.exists():
            return []
        calls = [json.loads(line) for line in self.log.read_text(encoding="utf-8").splitlines() if line]
        return [c for c in calls if method is None or c["method"] == method]

    def control(self, method: str, *args) -> None:
        """Make the stand-in emit what a server emits when the user clicks or dismisses."""
        message = QDBusMessage.createMethodCall(native_notify.SERVICE, "/control", "org.example.StandIn", method)
        message.setArguments(list(args))
        reply = self.connection.call(message)
        assert reply.type() == QDBusMessage.MessageType.ReplyMessage, reply.errorMessage()

    def close(self) -> None:
        self.stop_server()
        QDBusConnection.disconnectFromBus(self.name)
        _stop(self.daemon)


@pytest.fixture
def bus():
    if DBUS_DAEMON is None:
        pytest.skip("dbus-daemon is not installed (Debian package dbus-daemon)")
    # A short folder: a unix socket's path has a length limit that pytest's tmp_path may exceed.
    folder = Path(tempfile.mkdtemp(prefix="lbl-bus-"))
    b = Bus(folder)
    yield b
    b.close()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def prompts(qtbot, bus):
    """Notifiers on the test bus; each is closed (its D-Bus thread stopped) after the test."""
    made: list[Notifier] = []

    def make(ready: bool | None = True) -> Notifier:
        notifier = Notifier(native=FreedesktopPrompt(bus.connection))
        qtbot.addWidget(notifier)
        made.append(notifier)
        if ready is not None:
            qtbot.waitUntil(lambda: notifier.native is not None and notifier.native.available is not None,
                            timeout=WAIT_MS)
            assert notifier.native is not None and notifier.native.available is ready
        return notifier
    yield make
    for notifier in made:
        notifier.close()


def window_shown(notifier: Notifier) -> bool:
    return QFrame.isVisible(notifier)


TEXT = "3 new documents in Documents are not labelled"


def test_a_prompt_is_one_notify_call_with_the_actions(bus, prompts, qtbot):
    bus.start_server()
    notifier = prompts()
    notifier.present(TEXT, "/home/ann/Documents")
    qtbot.waitUntil(lambda: bool(bus.calls("Notify")) and notifier.native.shown, timeout=WAIT_MS)
    [notify] = bus.calls("Notify")
    assert notify["summary"] == "Documents to label" and notify["body"] == TEXT
    assert notify["replaces_id"] == 0 and notify["app_name"] == "Labeler"
    assert notify["hints"] == {"desktop-entry": APP_ID} and notify["app_icon"] == APP_ID  # the launcher's
    pairs = dict(zip(notify["actions"][::2], notify["actions"][1::2]))
    assert pairs["label"] == "Label now" and pairs["later"] == "Remind me in an hour"
    assert pairs["ignore"] == "Don't ask for this folder" and "default" in pairs
    assert not window_shown(notifier) and notifier.isVisible()

    # The same text again sends nothing; new arrivals replace the one shown, never add one.
    notifier.present(TEXT, "/home/ann/Documents")
    notifier.present("4 new documents in Documents are not labelled", None)
    qtbot.waitUntil(lambda: len(bus.calls("Notify")) >= 2, timeout=WAIT_MS)
    first, second = bus.calls("Notify")
    assert second["replaces_id"] == first["id"] and second["body"].startswith("4 new")
    assert "ignore" not in second["actions"]  # several folders: no "Don't ask" for one of them

    notifier.hide()  # the shell: answered elsewhere, or nothing left to label
    qtbot.waitUntil(lambda: bool(bus.calls("CloseNotification")), timeout=WAIT_MS)
    assert bus.calls("CloseNotification")[0]["id"] == first["id"]
    assert not notifier.isVisible() and not window_shown(notifier)


@pytest.mark.parametrize(("key", "signal", "arguments"), [("label", "labelNow", []), ("default", "labelNow", []),
                                                         ("later", "later", []),
                                                         ("ignore", "ignoreFolder", ["/home/ann/Documents"])])
def test_each_action_is_reported_as_the_window_s_button(bus, prompts, qtbot, key, signal, arguments):
    bus.start_server()
    notifier = prompts()
    notifier.present(TEXT, "/home/ann/Documents")
    qtbot.waitUntil(lambda: notifier.native.shown, timeout=WAIT_MS)
    [notify] = bus.calls("Notify")
    with qtbot.waitSignal(getattr(notifier, signal), timeout=WAIT_MS) as blocker:
        bus.control("Invoke", notify["id"], key)
    assert blocker.args == arguments
    assert not notifier.isVisible()


def test_label_in_the_notification_opens_the_dialog(bus, make_shell, qtbot, tmp_path, monkeypatch):
    """The app as it runs: files arrive, the desktop shows the prompt, "Label now" there opens the dialog."""
    bus.start_server()
    monkeypatch.setattr(native_notify, "native_prompt", lambda: FreedesktopPrompt(bus.connection))
    docs = tmp_path / "Documents"
    docs.mkdir()
    shell = make_shell([docs], start=True, settle_seconds=0.2, record_dialogs=True)
    for name in ("a.docx", "b.docx"):
        shutil.copyfile(DATA / "lo-writer.docx", docs / name)
    qtbot.waitUntil(lambda: any("2 new documents" in c["body"] for c in bus.calls("Notify")), timeout=WAIT_MS)
    assert not window_shown(shell.notifier)
    notify = bus.calls("Notify")[-1]
    bus.control("Invoke", notify["id"], "label")
    qtbot.waitUntil(lambda: len(shell.opened) == 1, timeout=WAIT_MS)
    assert sorted(Path(p).name for p in shell.opened[0]) == ["a.docx", "b.docx"]
    assert not window_shown(shell.notifier)


def test_quiet_hours_still_hold_the_prompt_back(bus, make_shell, qtbot, tmp_path, monkeypatch):
    """The desktop's do-not-disturb is the server's business; the app's own quiet hours come first."""
    import datetime as dt

    from ui import workers

    bus.start_server()
    monkeypatch.setattr(native_notify, "native_prompt", lambda: FreedesktopPrompt(bus.connection))
    docs = tmp_path / "Documents"
    docs.mkdir()
    shell = make_shell([docs], start=True, settle_seconds=0.2, record_dialogs=True)
    now = dt.datetime.now()
    shell.settings.quiet_hours = ((now - dt.timedelta(hours=1)).strftime("%H:%M"),
                                  (now + dt.timedelta(hours=1)).strftime("%H:%M"))
    answers: list[bool] = []
    should_prompt = shell.queue.should_prompt

    def asked(now=None) -> bool:
        answers.append(should_prompt(now))
        return answers[-1]
    monkeypatch.setattr(shell.queue, "should_prompt", asked)
    for name in ("a.docx", "b.docx"):
        shutil.copyfile(DATA / "lo-writer.docx", docs / name)
    # The shell asked once both wait; a Notify would have been started before it returned.
    qtbot.waitUntil(lambda: bool(answers) and shell.queue.count(check=False) == 2 and workers.running() == 0,
                    timeout=WAIT_MS)
    assert not any(answers)
    assert bus.calls("Notify") == [] and not shell.notifier.isVisible()
    shell.settings.quiet_hours = None  # the quiet hours are over
    shell.maybe_prompt()
    qtbot.waitUntil(lambda: bool(bus.calls("Notify")), timeout=WAIT_MS)
    assert "2 new documents" in bus.calls("Notify")[0]["body"]


def test_without_a_notification_server_the_window_is_used(bus, prompts, qtbot):
    notifier = prompts(ready=False)
    notifier.present(TEXT, None)
    assert window_shown(notifier) and notifier.message.text() == TEXT
    assert bus.calls() == []


def test_a_server_without_actions_gets_no_prompt(bus, prompts, qtbot):
    bus.start_server("--no-actions")
    notifier = prompts(ready=False)
    assert "body" in notifier.native.capabilities
    notifier.present(TEXT, None)
    assert window_shown(notifier)
    assert bus.calls("Notify") == []


def test_the_prompt_waits_for_the_server_s_answer(bus, prompts, qtbot):
    bus.start_server()
    notifier = prompts(ready=None)
    notifier.present(TEXT, None)  # before GetCapabilities answered: held, then sent
    qtbot.waitUntil(lambda: bool(bus.calls("Notify")), timeout=WAIT_MS)
    assert not window_shown(notifier)


def test_a_dismissed_notification_is_not_repeated_until_the_text_changes(bus, prompts, qtbot):
    bus.start_server()
    notifier = prompts()
    notifier.present(TEXT, None)
    qtbot.waitUntil(lambda: notifier.native.shown, timeout=WAIT_MS)
    bus.control("Dismiss", bus.calls("Notify")[0]["id"])
    qtbot.waitUntil(lambda: not notifier.isVisible(), timeout=WAIT_MS)
    notifier.present(TEXT, None)  # the shell's periodic re-check: the user has seen it
    notifier.present("4 new documents in Documents are not labelled", None)
    qtbot.waitUntil(lambda: len(bus.calls("Notify")) == 2, timeout=WAIT_MS)
    assert bus.calls("Notify")[1]["replaces_id"] == 0 and bus.calls("Notify")[1]["body"].startswith("4 new")
    assert not window_shown(notifier)


def test_when_the_server_goes_away_the_window_takes_over(bus, prompts, qtbot):
    bus.start_server()
    notifier = prompts()
    notifier.present(TEXT, "/home/ann/Documents")
    qtbot.waitUntil(lambda: notifier.native.shown, timeout=WAIT_MS)
    bus.stop_server()
    qtbot.waitUntil(lambda: window_shown(notifier), timeout=WAIT_MS)
    assert notifier.message.text() == TEXT and notifier.ignore_button.isVisibleTo(notifier)
    assert notifier.native.available is False

    bus.start_server()  # back: the window stays until answered, the next prompt is native again
    qtbot.waitUntil(lambda: notifier.native.available is True, timeout=WAIT_MS)
    notifier.present("4 new documents in Documents are not labelled", None)
    assert window_shown(notifier)
    notifier.hide()
    notifier.present("5 new documents in Documents are not labelled", None)
    qtbot.waitUntil(lambda: any(c["body"].startswith("5 new") for c in bus.calls("Notify")), timeout=WAIT_MS)
    assert not window_shown(notifier)


def test_no_native_notifications_without_a_desktop(qtbot):
    assert native_notify.native_prompt() is None  # offscreen: the window, as before
    notifier = Notifier()
    qtbot.addWidget(notifier)
    assert notifier.native is None
    notifier.present(TEXT, None)
    assert window_shown(notifier)


def test_a_qt_without_qtdbus_still_prompts_with_the_window():
    """A bundle may leave QtDBus out: the notifier still imports and falls back to its window."""
    code = ("import sys; sys.modules['PySide6.QtDBus'] = None\n"
            "from PySide6.QtWidgets import QApplication\n"
            "app = QApplication([])\n"
            "from ui.notifier import Notifier\n"
            "n = Notifier(); n.present('x', None)\n"
            "print(n.native is None, n.isVisible())\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          cwd=HERE.parent, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["True", "True"]
