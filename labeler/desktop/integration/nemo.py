"""Nemo (Cinnamon): an action file in ~/.local/share/nemo/actions/.

Nemo replaces %F by the selected paths, each escaped for a shell-like parser
(space, quotes, backslash, # and newline are escaped), then splits the line
with g_shell_parse_argv and starts the program directly (no shell).  Our part
of the line uses the Desktop Entry quoting, which that parser reads the same way.
"""
from __future__ import annotations

import sys
from pathlib import Path

from labeler.desktop.integration import (ENTRY_ARGS, FORMAT_VERSION, ICON_NAME, MENU_COMMENT, MENU_LABEL,
                                         IntegrationError, data_home, entry_language, file_status, fill,
                                         is_freedesktop, language_of, localized_keys, menu_text, owned_by_us,
                                         prepare_folder, remove_file, template, write_atomic)
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


def render(command, lang: str | None = None) -> str:
    """`Name=`/`Comment=` in the person's language, and `Name[xx]=`/`Comment[xx]=` for every registered one."""
    lang = entry_language(lang)
    return fill(template("nemo.nemo_action"),
                {"VERSION": FORMAT_VERSION, "NAME": keyfile_escape(menu_text(MENU_LABEL, lang)),
                 "NAME_TRANSLATIONS": localized_keys("Name", MENU_LABEL),
                 "COMMENT": keyfile_escape(menu_text(MENU_COMMENT, lang)),
                 "COMMENT_TRANSLATIONS": localized_keys("Comment", MENU_COMMENT), "ICON": ICON_NAME,
                 "EXEC": exec_value(command)})


def install(home: Path, command, env=None, lang: str | None = None) -> list[Path]:
    path = action_path(home, env)
    if path.exists() and not owned_by_us(path, MARKER):
        raise IntegrationError(f"{path} exists and was not written by labeler; not replacing it")
    prepare_folder(path.parent, home, env)
    write_atomic(path, render(command, lang).encode("utf-8"), mode=0o644)
    return [path]


def uninstall(home: Path, env=None) -> list[Path]:
    return remove_file(action_path(home, env), MARKER)


def status(home: Path, env=None, command=None):
    path = action_path(home, env)
    written = None
    if command is not None and path.is_file():
        written = language_of(path.read_text(encoding="utf-8", errors="replace"), "Name=")
    return file_status(path, MARKER, render(command, written) if command else None, "the action")
