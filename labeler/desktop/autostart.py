"""Start the desktop app when the user logs in: per user, in each OS's own way.

    enable()      # from now on `labeler gui` starts at login
    disable()     # no longer
    is_enabled()  # is our entry there (and switched on)?

- Linux and other freedesktop systems: ``$XDG_CONFIG_HOME/autostart/labeler.desktop``
  (default ``~/.config/autostart``), an XDG autostart Desktop Entry;
- macOS: a LaunchAgent ``~/Library/LaunchAgents/org.labeler.app.plist`` with
  ``RunAtLoad``;
- Windows: the value ``labeler`` under
  ``HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run``.

The entry runs this very installation (`default_command()`: the resolved
Python with ``-P -m labeler``) with ``gui``.  `home`, `env`, `platform` and
the Windows `registry` are injectable so tests never touch the real ones.
No administrator rights, no Qt.  A failure is an `AutostartError` whose
message is a sentence; an entry of the same name that we did not write is
left alone.
"""
from __future__ import annotations

import plistlib
import sys
from pathlib import Path
from collections.abc import Mapping
from typing import Protocol

from labeler.desktop.integration import ICON_NAME, config_home, default_command, is_freedesktop, write_atomic
from labeler.desktop.integration.quoting import exec_line, keyfile_escape, windows_join

APP_ID = "org.labeler.app"
DESKTOP_FILE = "labeler.desktop"
LINUX_MARKER = "X-Labeler-Autostart=true"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
RUN_VALUE = "labeler"
GUI_ARGS = ("gui",)


class AutostartError(Exception):
    """Starting at login could not be switched on or off; the message says why."""


def command() -> list[str]:
    """What runs at login: this installation's `labeler gui`."""
    return [*default_command(), *GUI_ARGS]


# --- Linux (XDG autostart) ---------------------------------------------------------

def desktop_path(home: Path | None = None, env: Mapping[str, str] | None = None) -> Path:
    return config_home(Path(home or Path.home()), env) / "autostart" / DESKTOP_FILE


def desktop_entry(argv: list[str]) -> str:
    """The text of the XDG autostart entry that runs `argv` (quoted per the Desktop Entry Exec rules)."""
    return "\n".join([
        "[Desktop Entry]",
        "Type=Application",
        "Name=Labeler",
        "Comment=Sensitivity labels for your documents",
        f"Icon={ICON_NAME}",  # the app's own icon (installed by `labeler integrate install`)
        f"Exec={keyfile_escape(exec_line(argv, '').rstrip())}",
        "Terminal=false",
        "NoDisplay=true",
        "X-GNOME-Autostart-enabled=true",
        LINUX_MARKER,
        "",
    ])


# --- macOS (LaunchAgent) -------------------------------------------------------------

def launch_agent_path(home: Path | None = None) -> Path:
    return Path(home or Path.home()) / "Library" / "LaunchAgents" / f"{APP_ID}.plist"


def launch_agent(argv: list[str]) -> bytes:
    """The LaunchAgent property list that runs `argv` once at login."""
    return plistlib.dumps({"Label": APP_ID, "ProgramArguments": list(argv), "RunAtLoad": True,
                           "ProcessType": "Interactive", "LimitLoadToSessionType": "Aqua"})


def _is_our_plist(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            return plistlib.load(f).get("Label") == APP_ID
    except FileNotFoundError:
        return False
    except (OSError, plistlib.InvalidFileException, ValueError, AttributeError):
        return False


# --- Windows (the Run key) -----------------------------------------------------------

def run_value(argv: list[str]) -> str:
    """The command line stored under the Run key (the Windows quoting rules)."""
    return windows_join(argv)


class Registry(Protocol):
    def get(self) -> str | None: ...
    def set(self, value: str) -> None: ...
    def delete(self) -> None: ...


def _no_winreg() -> ModuleNotFoundError:
    """What `import winreg` raises off Windows."""
    return ModuleNotFoundError("No module named 'winreg'", name="winreg")


class WindowsRunKey:
    """HKCU\\…\\Run\\labeler through winreg (imported only when used, on Windows)."""

    def get(self) -> str | None:
        if sys.platform != "win32":  # also tells type checkers elsewhere to skip the winreg calls
            raise _no_winreg()
        import winreg

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
                value, _kind = winreg.QueryValueEx(key, RUN_VALUE)
                return value
        except FileNotFoundError:
            return None

    def set(self, value: str) -> None:
        if sys.platform != "win32":  # also tells type checkers elsewhere to skip the winreg calls
            raise _no_winreg()
        import winreg

        with winreg.CreateKeyEx(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE) as key:
            winreg.SetValueEx(key, RUN_VALUE, 0, winreg.REG_SZ, value)

    def delete(self) -> None:
        if sys.platform != "win32":  # also tells type checkers elsewhere to skip the winreg calls
            raise _no_winreg()
        import winreg

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE) as key:
                winreg.DeleteValue(key, RUN_VALUE)
        except FileNotFoundError:
            pass


# --- the three operations ------------------------------------------------------------

def _kind(platform: str | None) -> str:
    platform = sys.platform if platform is None else platform
    if platform.startswith("win"):
        return "windows"
    if platform == "darwin":
        return "macos"
    if is_freedesktop(platform):
        return "linux"
    raise AutostartError(f"Starting at login is not supported on this system ({platform}).")


def location(*, platform: str | None = None, home: Path | None = None,
             env: Mapping[str, str] | None = None) -> str:
    """Where the entry lives, for messages: a file path or the registry value."""
    kind = _kind(platform)
    if kind == "linux":
        return str(desktop_path(home, env))
    if kind == "macos":
        return str(launch_agent_path(home))
    return "HKEY_CURRENT_USER\\" + RUN_KEY + "\\" + RUN_VALUE


def enable(argv: list[str] | None = None, *, platform: str | None = None, home: Path | None = None,
           env: Mapping[str, str] | None = None, registry: Registry | None = None) -> str:
    """Start `argv` (default: `command()`) at login; returns where the entry was written."""
    argv = list(argv or command())
    kind = _kind(platform)
    try:
        if kind == "windows":
            (registry or WindowsRunKey()).set(run_value(argv))
            return location(platform=platform)
        if kind == "linux":
            path = desktop_path(home, env)
            if path.exists() and LINUX_MARKER not in _read(path):
                raise AutostartError(f"{path} exists and was not written by Labeler; it was left alone.")
            write_atomic(path, desktop_entry(argv).encode("utf-8"), mode=0o644)
        else:
            path = launch_agent_path(home)
            if path.exists() and not _is_our_plist(path):
                raise AutostartError(f"{path} exists and was not written by Labeler; it was left alone.")
            write_atomic(path, launch_agent(argv), mode=0o644)
        return str(path)
    except OSError as exc:
        raise AutostartError(f"Could not switch on starting at login "
                             f"({location(platform=platform, home=home, env=env)}: "
                             f"{exc.strerror or exc}).") from None


def disable(*, platform: str | None = None, home: Path | None = None, env: Mapping[str, str] | None = None,
            registry: Registry | None = None) -> bool:
    """Stop starting at login; True if an entry was removed."""
    kind = _kind(platform)
    try:
        if kind == "windows":
            reg = registry or WindowsRunKey()
            had = reg.get() is not None
            reg.delete()
            return had
        path = desktop_path(home, env) if kind == "linux" else launch_agent_path(home)
        if not path.exists():
            return False
        ours = LINUX_MARKER in _read(path) if kind == "linux" else _is_our_plist(path)
        if not ours:
            raise AutostartError(f"{path} was not written by Labeler; it was left alone.")
        path.unlink()
        return True
    except OSError as exc:
        raise AutostartError(f"Could not switch off starting at login "
                             f"({location(platform=platform, home=home, env=env)}: "
                             f"{exc.strerror or exc}).") from None


def is_enabled(*, platform: str | None = None, home: Path | None = None, env: Mapping[str, str] | None = None,
               registry: Registry | None = None) -> bool:
    """Is our entry there and switched on?  (Unreadable counts as not enabled.)"""
    kind = _kind(platform)
    try:
        if kind == "windows":
            return bool((registry or WindowsRunKey()).get())
        if kind == "macos":
            return _is_our_plist(launch_agent_path(home))
        text = _read(desktop_path(home, env))
    except OSError:
        return False
    lines = {line.strip().replace(" ", "") for line in text.splitlines()}
    return LINUX_MARKER in lines and "Hidden=true" not in lines and "X-GNOME-Autostart-enabled=false" not in lines


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return ""
