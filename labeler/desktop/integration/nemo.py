"""Nemo (Cinnamon): an action file in ~/.local/share/nemo/actions/.

Nemo replaces %F by the selected paths, each escaped for a shell-like parser
(space, quotes, backslash, # and newline are escaped), then splits the line
with g_shell_parse_argv and starts the program directly (no shell).  Our part
of the line uses the Desktop Entry quoting, which that parser reads the same way.
"""
from __future__ import annotations

import sys
from pathlib import Path

from labeler.desktop.integration import (ENTRY_ARGS, FORMAT_VERSION, ICON_NAME, MENU_COMMENT, MENU_LABEL, SEND_ARGS,
                                         SEND_COMMENT, SEND_LABEL, IntegrationError, Status, data_home,
                                         entry_language, file_status, fill, is_freedesktop, language_of,
                                         localized_keys, menu_text, owned_by_us, prepare_folder, remove_file,
                                         template, with_send_entry, write_atomic)
from labeler.desktop.integration.quoting import keyfile_escape, keyfile_exec

NAME = "nemo"
TITLE = "Nemo (Cinnamon)"
BINARY = "nemo"
MARKER = "X-Labeler-Integration=nemo"
#: One action file per entry: file name, title, comment and what it runs ("Label…" first).
ENTRIES = (("labeler-label.nemo_action", MENU_LABEL, MENU_COMMENT, ENTRY_ARGS),
           ("labeler-send.nemo_action", SEND_LABEL, SEND_COMMENT, SEND_ARGS))


def applies(platform: str = sys.platform) -> bool:
    return is_freedesktop(platform)


def action_path(home: Path, env=None, file_name: str = ENTRIES[0][0]) -> Path:
    return data_home(home, env) / "nemo" / "actions" / file_name


def render(command, lang: str | None = None, file_name: str = ENTRIES[0][0]) -> str:
    """`Name=`/`Comment=` in the person's language, and `Name[xx]=`/`Comment[xx]=` for every registered one."""
    lang = entry_language(lang)
    _file, title, comment, args = next(entry for entry in ENTRIES if entry[0] == file_name)
    return fill(template("nemo.nemo_action"),
                {"VERSION": FORMAT_VERSION, "NAME": keyfile_escape(menu_text(title, lang)),
                 "NAME_TRANSLATIONS": localized_keys("Name", title),
                 "COMMENT": keyfile_escape(menu_text(comment, lang)),
                 "COMMENT_TRANSLATIONS": localized_keys("Comment", comment), "ICON": ICON_NAME,
                 "EXEC": keyfile_exec([*command, *args])})


def install(home: Path, command, env=None, lang: str | None = None) -> list[Path]:
    paths = [action_path(home, env, entry[0]) for entry in ENTRIES]
    for path in paths:  # refuse before writing anything
        if path.exists() and not owned_by_us(path, MARKER):
            raise IntegrationError(f"{path} exists and was not written by labeler; not replacing it")
    prepare_folder(paths[0].parent, home, env)
    for entry, path in zip(ENTRIES, paths):
        write_atomic(path, render(command, lang, entry[0]).encode("utf-8"), mode=0o644)
    return paths


def uninstall(home: Path, env=None) -> list[Path]:
    removed: list[Path] = []
    for entry in ENTRIES:
        removed += remove_file(action_path(home, env, entry[0]), MARKER)
    return removed


def _written_language(home: Path, env) -> str | None:
    """The language the installed entries were written in (the "Label…" action's `Name=`)."""
    main = action_path(home, env)
    return language_of(main.read_text(encoding="utf-8", errors="replace"), "Name=") if main.is_file() else None


def _entry_status(home: Path, env, command, file_name: str) -> Status:
    path = action_path(home, env, file_name)
    expected = render(command, _written_language(home, env), file_name) if command else None
    return file_status(path, MARKER, expected, "the action")


def status(home: Path, env=None, command=None) -> Status:
    """The "Label…" action's status, told when the "Send by e-mail…" one is missing or out of date."""
    result, send = (_entry_status(home, env, command, entry[0]) for entry in ENTRIES)
    return with_send_entry(result, send, f"the \"{SEND_LABEL}\" action")
