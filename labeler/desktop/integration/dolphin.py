"""Dolphin (KDE): a service menu in ~/.local/share/kio/servicemenus/, with "Label…" and "Send by e-mail…".

KDE Frameworks 5.85+ and 6 read service menus from that folder.  KF6 only
loads a service menu from a user folder if the file is executable, so it is
written with mode 755.  MimeType=application/octet-stream matches every file
(not folders); %F passes all selected files to one invocation.  Older KF5
(before 5.85) read ~/.local/share/kservices5/ServiceMenus/ instead and are not
covered.
"""
from __future__ import annotations

import sys
from pathlib import Path

from labeler.desktop.integration import (ENTRY_ARGS, FORMAT_VERSION, ICON_NAME, MENU_LABEL, SEND_ARGS, SEND_LABEL,
                                         IntegrationError, data_home, entry_language, file_status, fill,
                                         is_freedesktop, localized_keys, menu_text, owned_by_us, prepare_folder,
                                         remove_file, template, write_atomic)
from labeler.desktop.integration import language_of
from labeler.desktop.integration.quoting import keyfile_escape, keyfile_exec

NAME = "dolphin"
TITLE = "Dolphin (KDE)"
BINARY = "dolphin"
MARKER = "X-Labeler-Integration=dolphin"


def applies(platform: str = sys.platform) -> bool:
    return is_freedesktop(platform)


def menu_path(home: Path, env=None) -> Path:
    return data_home(home, env) / "kio" / "servicemenus" / "labeler-label.desktop"


def render(command, lang: str | None = None) -> str:
    """Both actions ("Label…", "Send by e-mail…"): `Name=` in the person's language, and `Name[xx]=` for every
    registered one (KDE picks by locale)."""
    lang = entry_language(lang)
    return fill(template("dolphin-servicemenu.desktop"),
                {"VERSION": FORMAT_VERSION, "NAME": keyfile_escape(menu_text(MENU_LABEL, lang)),
                 "NAME_TRANSLATIONS": localized_keys("Name", MENU_LABEL), "ICON": ICON_NAME,
                 "EXEC": keyfile_exec([*command, *ENTRY_ARGS]),
                 "SEND_NAME": keyfile_escape(menu_text(SEND_LABEL, lang)),
                 "SEND_NAME_TRANSLATIONS": localized_keys("Name", SEND_LABEL),
                 "SEND_EXEC": keyfile_exec([*command, *SEND_ARGS])})


def install(home: Path, command, env=None, lang: str | None = None) -> list[Path]:
    path = menu_path(home, env)
    if path.exists() and not owned_by_us(path, MARKER):
        raise IntegrationError(f"{path} exists and was not written by labeler; not replacing it")
    prepare_folder(path.parent, home, env)
    write_atomic(path, render(command, lang).encode("utf-8"), mode=0o755)
    return [path]


def uninstall(home: Path, env=None) -> list[Path]:
    return remove_file(menu_path(home, env), MARKER)


def status(home: Path, env=None, command=None):
    path = menu_path(home, env)
    result = file_status(path, MARKER, render(command, _written_language(path)) if command else None,
                         "the service menu")
    if result.installed and not (path.stat().st_mode & 0o111):
        result.detail = "installed but not executable, so Dolphin 6 ignores it; run install again"
    return result


def _written_language(path: Path) -> str | None:
    """The language the installed entry was written in (its `Name=`), so status compares like with like."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    return language_of(text, "Name=")
