"""GNOME Files (Nautilus): an executable script in ~/.local/share/nautilus/scripts/.

It shows up as *Scripts ▸ Label…* in the right-click menu.  Nautilus runs a
script with the shown folder as working directory and the selected files as
arguments (each quoted by Nautilus with g_shell_quote, so names arrive intact),
and also sets NAUTILUS_SCRIPT_SELECTED_FILE_PATHS (newline-separated, so a
name containing a newline is ambiguous there: the script only falls back to it
when there are no arguments).
"""
from __future__ import annotations

import sys
from pathlib import Path

from labeler.desktop.integration import (FORMAT_VERSION, MENU_LABEL, IntegrationError, data_home, file_status, fill, is_freedesktop,
               marker_line, owned_by_us, remove_file, template, write_atomic)
from labeler.desktop.integration.quoting import sh_join

NAME = "nautilus"
TITLE = "GNOME Files (Nautilus)"
BINARY = "nautilus"
MARKER = marker_line(NAME)


def applies(platform: str = sys.platform) -> bool:
    return is_freedesktop(platform)


def script_path(home: Path, env=None) -> Path:
    return data_home(home, env) / "nautilus" / "scripts" / MENU_LABEL


def render(command) -> str:
    return fill(template("nautilus-script.sh"), {"VERSION": FORMAT_VERSION, "COMMAND": sh_join(command)})


def install(home: Path, command, env=None) -> list[Path]:
    path = script_path(home, env)
    if path.exists() and not owned_by_us(path, MARKER):
        raise IntegrationError(f"{path} exists and was not written by labeler; not replacing it")
    write_atomic(path, render(command).encode("utf-8"), mode=0o755)
    return [path]


def uninstall(home: Path, env=None) -> list[Path]:
    return remove_file(script_path(home, env), MARKER)


def status(home: Path, env=None, command=None):
    path = script_path(home, env)
    result = file_status(path, MARKER, render(command) if command else None, "the script")
    if result.installed and not (path.stat().st_mode & 0o111):
        result.detail = "installed but not executable, so Nautilus does not show it; run install again"
    return result
