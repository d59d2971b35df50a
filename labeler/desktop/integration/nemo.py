"""Nemo (Cinnamon): an action file in ~/.local/share/nemo/actions/.

Nemo replaces %F by the selected paths, each escaped for a shell-like parser
(space, quotes, backslash, # and newline are escaped), then splits the line
with g_shell_parse_argv and starts the program directly (no shell).  Our part
of the line uses the Desktop Entry quoting, which that parser reads the same way.
"""
from __future__ import annotations

import sys
from pathlib import Path

from labeler.desktop.integration import (ENTRY_ARGS, FORMAT_VERSION, ICON_NAME, MENU_COMMENT, MENU_LABEL, IntegrationError, data_home,
               file_status, fill, is_freedesktop, owned_by_us, remove_file, template, write_atomic)
from labeler.desktop.integration.quoting import exec_line, keyfile_escape

NAME = "nemo"
TITLE = "Nemo (Cinnamon)"
BINARY = "nemo"
MARKER = "X-Labeler-Integration=nemo"


def applies(platform: str = sys.platform) -> bool:
    return is_freedesktop(platform)


def action_path(home: Path, env=None) -> Path:
    return data_home(home, env) / "nemo" / "actions" / "labeler-label.nemo_action"


def exec_value(command) -> str:
    return keyfile_escape(exec_line([*command, *ENTRY_ARGS], "%F"))


def render(command) -> str:
    return fill(template("nemo.nemo_action"),
                {"VERSION": FORMAT_VERSION, "NAME": MENU_LABEL, "COMMENT": MENU_COMMENT, "ICON": ICON_NAME,
                 "EXEC": exec_value(command)})


def install(home: Path, command, env=None) -> list[Path]:
    path = action_path(home, env)
    if path.exists() and not owned_by_us(path, MARKER):
        raise IntegrationError(f"{path} exists and was not written by labeler; not replacing it")
    write_atomic(path, render(command).encode("utf-8"), mode=0o644)
    return [path]


def uninstall(home: Path, env=None) -> list[Path]:
    return remove_file(action_path(home, env), MARKER)


def status(home: Path, env=None, command=None):
    return file_status(action_path(home, env), MARKER, render(command) if command else None, "the action")
