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

from labeler.desktop.integration import (ENTRY_ARGS, FORMAT_VERSION, MENU_LABEL, SEND_ARGS, SEND_LABEL,
                                         IntegrationError, Status, data_home, entry_language, file_status, fill,
                                         is_freedesktop, marker_line, menu_text, menu_translations, owned_by_us,
                                         prepare_folder, remove_file, template, with_send_entry, write_atomic)
from labeler.desktop.integration.quoting import sh_join

NAME = "nautilus"
TITLE = "GNOME Files (Nautilus)"
BINARY = "nautilus"
MARKER = marker_line(NAME)
#: The scripts, each a menu entry: its English title (the file name, translated) and what it runs.
ENTRIES = ((MENU_LABEL, ENTRY_ARGS[0]), (SEND_LABEL, SEND_ARGS[0]))


def applies(platform: str = sys.platform) -> bool:
    return is_freedesktop(platform)


def scripts_folder(home: Path, env=None) -> Path:
    return data_home(home, env) / "nautilus" / "scripts"


def script_path(home: Path, env=None, lang: str | None = None, title: str = MENU_LABEL) -> Path:
    """A script; its file name is what the menu shows, so it is in the person's language."""
    return scripts_folder(home, env) / menu_text(title, entry_language(lang)).replace("/", "∕")


def our_scripts(home: Path, env=None, title: str | None = None) -> list[Path]:
    """Our scripts (or the one for `title`) under the name of any registered language (the language may
    have changed since)."""
    folder = scripts_folder(home, env)
    names: set[str] = set()
    for entry, _action in ENTRIES:
        if title in (None, entry):
            names |= {name.replace("/", "∕") for name in menu_translations(entry).values()} | {entry}
    return [folder / name for name in sorted(names) if owned_by_us(folder / name, MARKER)]


def render(command, title: str = MENU_LABEL) -> str:
    action = dict(ENTRIES)[title]
    return fill(template("nautilus-script.sh"), {"VERSION": FORMAT_VERSION, "COMMAND": sh_join(command),
                                                 "ACTION": action, "TITLE": title})


def install(home: Path, command, env=None, lang: str | None = None) -> list[Path]:
    """Both scripts ("Label…" first); none is written when a file of either name is not ours."""
    paths = [script_path(home, env, lang, title) for title, _action in ENTRIES]
    for path in paths:
        if path.exists() and not owned_by_us(path, MARKER):
            raise IntegrationError(f"{path} exists and was not written by labeler; not replacing it")
    prepare_folder(paths[0].parent, home, env)
    for (title, _action), path in zip(ENTRIES, paths):
        write_atomic(path, render(command, title).encode("utf-8"), mode=0o755)
        for old in our_scripts(home, env, title):  # the same entry under another language's name
            if old != path:
                old.unlink()
    return paths


def uninstall(home: Path, env=None) -> list[Path]:
    removed = []
    for path in our_scripts(home, env):
        removed += remove_file(path, MARKER)
    if not removed:
        remove_file(script_path(home, env), MARKER)  # says so when a script of that name is not ours
    return removed


def _entry_status(home: Path, env, command, title: str) -> Status:
    path = script_path(home, env, title=title)
    if not path.exists():
        path = next(iter(our_scripts(home, env, title)), path)
    result = file_status(path, MARKER, render(command, title) if command else None, "the script")
    if result.installed and not (path.stat().st_mode & 0o111):
        result.detail = "installed but not executable, so Nautilus does not show it; run install again"
    return result


def status(home: Path, env=None, command=None) -> Status:
    """The "Label…" script's status, told when the "Send by e-mail…" one is missing or out of date."""
    result, send = (_entry_status(home, env, command, title) for title, _action in ENTRIES)
    return with_send_entry(result, send, f"the \"{SEND_LABEL}\" script")
