"""File-manager integration: a per-user "Label…" entry in the right-click menu.

One small module per file manager, each with the same functions:

    install(home, command, env=None)   -> list of what was written or changed
    uninstall(home, env=None)          -> list of what was removed or changed
    status(home, env=None, command=None) -> Status
    applies(platform=sys.platform)     -> whether it belongs on this platform

`home` is the user's home folder and `env` the environment to read
XDG_DATA_HOME / XDG_CONFIG_HOME / XDG_CONFIG_DIRS from (both injectable so
tests never touch the real ones).  `command` is the program to run as a list,
normally `default_command()`; each entry runs

    <command> label-dialog -- FILE...

quoted for its own format, with `--` so a name like `-rf.docx` is never taken
for an option.  Nothing here needs administrator rights, and nothing here
imports Qt.
"""
from __future__ import annotations

import importlib
import importlib.resources
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from formats.atomic import write_bytes_atomically
from labeler.system import resource_path

#: What the entries show in the menu, and what they run after `command`.
MENU_LABEL = "Label…"
MENU_COMMENT = "Put a sensitivity label on the selected files"
ICON_NAME = "document-properties"
ENTRY_ARGS = ("label-dialog", "--")
#: Bumped when the generated entries change shape; written into each entry.
FORMAT_VERSION = "v1"

#: Linux (and other freedesktop systems) get all four; the others one each.
LINUX = ("nautilus", "dolphin", "nemo", "thunar")
NAMES = (*LINUX, "windows", "macos")


class IntegrationError(Exception):
    """An entry could not be installed or removed; the message says why (nothing was half-written)."""


@dataclass
class Status:
    installed: bool
    detail: str
    paths: list = field(default_factory=list)

    def to_json(self) -> dict:
        return {"installed": self.installed, "detail": self.detail, "paths": [str(p) for p in self.paths]}


def default_command() -> list[str]:
    """How the entries start this very installation of the app, resolved now.

    `sys.executable -m labeler` works in a virtual environment that is not on
    PATH.  `-P` (Python 3.11+) keeps the current folder off `sys.path`: file
    managers start the entry *in the folder of the selected files*, and a
    `labeler.py` lying there must never be imported instead of the app.  On
    Windows the windowless `pythonw.exe` next to `python.exe` is used when
    present, so no console window flashes up before the dialog.
    """
    python = sys.executable
    if sys.platform == "win32":
        candidate = Path(python).with_name("pythonw.exe")
        if Path(python).name.lower() == "python.exe" and candidate.exists():
            python = str(candidate)
    return [python, "-P", "-m", "labeler"]


def module(name: str):
    if name not in NAMES:
        raise KeyError(name)
    return importlib.import_module(f"{__name__}.{name}")


def for_platform(platform: str | None = None) -> list[str]:
    """The integrations that belong on `platform` (default: this one), in install order."""
    platform = sys.platform if platform is None else platform
    return [name for name in NAMES if module(name).applies(platform)]


def is_freedesktop(platform: str) -> bool:
    return platform.startswith(("linux", "freebsd", "openbsd", "netbsd", "dragonfly"))


# ---------------------------------------------------------------- locations

def _env(env: Mapping[str, str] | None) -> Mapping[str, str]:
    return os.environ if env is None else env


def _xdg(env: Mapping[str, str] | None, name: str, home: Path, default: str) -> Path:
    value = _env(env).get(name, "")
    # The XDG spec: a relative value is invalid and must be ignored.
    if value and os.path.isabs(value):
        return Path(value)
    return Path(home) / default


def data_home(home: Path, env: Mapping[str, str] | None = None) -> Path:
    """$XDG_DATA_HOME, default ~/.local/share."""
    return _xdg(env, "XDG_DATA_HOME", home, ".local/share")


def config_home(home: Path, env: Mapping[str, str] | None = None) -> Path:
    """$XDG_CONFIG_HOME, default ~/.config."""
    return _xdg(env, "XDG_CONFIG_HOME", home, ".config")


def config_dirs(env: Mapping[str, str] | None = None) -> list[Path]:
    """$XDG_CONFIG_DIRS (system-wide configuration), default /etc/xdg."""
    value = _env(env).get("XDG_CONFIG_DIRS", "")
    dirs = [Path(d) for d in value.split(os.pathsep) if d and os.path.isabs(d)]
    return dirs or [Path("/etc/xdg")]


# ---------------------------------------------------------------- templates and files

def template(name: str) -> str:
    """A menu template shipped in resources/menus/ (read through importlib.resources, so it works from a wheel)."""
    return resource_path("menus", name).read_text(encoding="utf-8")


def fill(text: str, values: Mapping[str, str]) -> str:
    """Replace @KEY@ placeholders; every placeholder must be known and used."""
    for key, value in values.items():
        marker = f"@{key}@"
        if marker not in text:
            raise ValueError(f"template has no {marker}")
        text = text.replace(marker, value)
    if "@" in text:
        import re

        left = re.findall(r"@[A-Z_]+@", text)
        if left:
            raise ValueError(f"template placeholders not filled: {', '.join(left)}")
    return text


# Menu entries are the app's own small files: the shared crash-safe writer.
write_atomic = write_bytes_atomically


def marker_line(name: str) -> str:
    return f"labeler-integration: {name}"


def owned_by_us(path: Path, marker: str) -> bool:
    """True if `path` is a file we wrote (it carries our marker)."""
    try:
        return marker in path.read_text(encoding="utf-8", errors="replace")
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return False


def file_status(path: Path, marker: str, expected: str | None, what: str) -> Status:
    """Status of a single generated file: missing, ours and current, ours but different, or someone else's."""
    if not path.is_file():
        return Status(False, f"not installed ({path} does not exist)", [])
    text = path.read_text(encoding="utf-8", errors="replace")
    if marker not in text:
        return Status(False, f"{path} exists but was not written by labeler; left alone", [path])
    if expected is not None and text != expected:
        return Status(True, f"installed, but {what} differs from what this installation would write "
                            "(another Python or an older labeler); run `labeler integrate install` to update",
                      [path])
    return Status(True, "installed", [path])


def remove_file(path: Path, marker: str) -> list[Path]:
    """Delete `path` if it is ours; a file of the same name that we did not write is left alone."""
    if not path.exists():
        return []
    if not owned_by_us(path, marker):
        raise IntegrationError(f"{path} was not written by labeler; not removing it")
    path.unlink()
    return [path]
