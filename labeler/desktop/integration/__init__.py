"""File-manager integration: per-user "Label…" and "Send by e-mail…" entries in the right-click menu.

One small module per file manager, each with the same functions:

    install(home, command, env=None, lang=None) -> list of what was written or changed
    uninstall(home, env=None)          -> list of what was removed or changed
    status(home, env=None, command=None) -> Status
    applies(platform=sys.platform)     -> whether it belongs on this platform

The entries speak the person's language: `lang` (a registered code; default
the app's language setting, else the system's) names the entry where a
format has one name, and formats that carry translations (Desktop Entry
`Name[nl]=`, Thunar's `xml:lang`) get every registered language from the
gettext catalogue.  Folders that install had to create are recorded (see
`prepare_folder`); uninstall removes them again once they are empty.

`home` is the user's home folder and `env` the environment to read
XDG_DATA_HOME / XDG_CONFIG_HOME / XDG_CONFIG_DIRS from (both injectable so
tests never touch the real ones).  `command` is the program to run as a list,
normally `default_command()`; each entry runs

    <command> label-dialog -- FILE...

and the "Send by e-mail…" entry next to it runs

    <command> send-dialog -- FILE...

each quoted for its own format, with `--` so a name like `-rf.docx` is never
taken for an option.  Nothing here needs administrator rights, and nothing here
imports Qt.
"""
from __future__ import annotations

import importlib
import importlib.resources
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Mapping

from formats.atomic import write_bytes_atomically
from labeler import languages
from labeler.languages import N_
from labeler.system import resource_path

#: What the entries show in the menu (English: translated per language by `menu_text`), and what they
#: run after `command`.
MENU_LABEL = N_("Label…")
MENU_COMMENT = N_("Put a sensitivity label on the selected files")
#: The app's reverse-DNS id: the launcher's and the AppStream file's names, and the freedesktop icon name
#: every entry uses (its icons are installed by the "launcher" integration; docs/packaging.md).
APP_ID = "io.github.labeler.Labeler"
ICON_NAME = APP_ID
ENTRY_ARGS = ("label-dialog", "--")
#: The second entry: check what the files' labels allow for the recipients, then attach the allowed ones to
#: a new e-mail (ui/sharing/send_dialog.py).
SEND_LABEL = N_("Send by e-mail…")
SEND_COMMENT = N_("Check what the labels allow for the recipients, then attach the files to a new e-mail")
SEND_ARGS = ("send-dialog", "--")
#: Bumped when the generated entries change shape; written into each entry.
FORMAT_VERSION = "v2"

#: Linux (and other freedesktop systems) get the app's launcher (applications menu, icons, AppStream) and
#: all four file managers; the others one each.
LINUX = ("launcher", "nautilus", "dolphin", "nemo", "thunar")
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
    present, so no console window flashes up before the dialog.  In a bundle
    (PyInstaller: `sys.frozen`) the bundle's own program is the command; on
    Windows its windowless `labeler-gui.exe` when it is there.
    """
    if getattr(sys, "frozen", False):
        program = Path(sys.executable)
        windowless = program.with_name("labeler-gui.exe")
        if sys.platform == "win32" and windowless.exists():
            program = windowless
        return [str(program)]
    python = sys.executable
    if sys.platform == "win32":
        candidate = Path(python).with_name("pythonw.exe")
        if Path(python).name.lower() == "python.exe" and candidate.exists():
            python = str(candidate)
    return [python, "-P", "-m", "labeler"]


def entry_language(lang: str | None = None) -> str:
    """The language the entries are written in: `lang`, else the app's language setting, else the system's."""
    if lang:
        return languages.resolve(lang)
    try:
        from labeler.desktop.settings import Settings

        return Settings.load().ui_language()
    except Exception:  # no readable settings: the system's language
        return languages.resolve(languages.SYSTEM)


def menu_text(text: str, lang: str | None) -> str:
    """One of the texts above in `lang` (English where the catalogue has no translation)."""
    return languages.translation(lang).gettext(text)


def menu_translations(text: str) -> dict[str, str]:
    """`text` in every registered language, by code (for formats that carry all of them)."""
    return {code: menu_text(text, code) for code in languages.codes()}


def localized_keys(key: str, text: str) -> str:
    """`key[xx]=…` lines for a Desktop Entry / key file, one per registered language, each ending in a newline."""
    from labeler.desktop.integration.quoting import keyfile_escape

    return "".join(f"{key}[{code}]={keyfile_escape(value)}\n" for code, value in menu_translations(text).items())


def language_of(text: str, prefix: str) -> str | None:
    """Which registered language wrote the line starting with `prefix` (e.g. "Name="), None if unknown."""
    from labeler.desktop.integration.quoting import keyfile_escape

    line = next((line for line in text.splitlines() if line.startswith(prefix)), None)
    if line is None:
        return None
    value = line[len(prefix):]
    for code, translated in menu_translations(MENU_LABEL).items():
        if keyfile_escape(translated) == value:
            return code
    return None


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


def with_send_entry(label: Status, send: Status, send_entry: str) -> Status:
    """The "Label…" entry's status `label`, told when the "Send by e-mail…" entry installed beside it is
    missing or out of date; `send_entry` names it in the sentence, e.g. 'the "Send by e-mail…" action'."""
    if label.installed and not send.installed:
        label.detail = f"installed, but {send_entry} is missing; run install again"
    elif label.installed:
        label.paths += send.paths
        if label.detail == "installed":
            label.detail = send.detail
    return label


def remove_file(path: Path, marker: str) -> list[Path]:
    """Delete `path` if it is ours; a file of the same name that we did not write is left alone."""
    if not path.exists():
        return []
    if not owned_by_us(path, marker):
        raise IntegrationError(f"{path} was not written by labeler; not removing it")
    path.unlink()
    return [path]


# ---------------------------------------------------------------- folders we create

def folders_record(home: Path, env: Mapping[str, str] | None = None) -> Path:
    """Where install notes the folders it had to create (so uninstall removes exactly those)."""
    return config_home(home, env) / "labeler" / "integration-folders.json"


def _read_record(path: Path) -> dict:
    try:
        data = json.loads(path.read_text("utf-8"))
        return {"folders": [str(f) for f in data.get("folders", [])], "own": [str(f) for f in data.get("own", [])]}
    except (OSError, ValueError, AttributeError, TypeError):
        return {"folders": [], "own": []}


def _missing_folders(folder: Path) -> list[Path]:
    """`folder` and those of its parents that do not exist, outermost first."""
    missing = []
    for candidate in [Path(folder), *Path(folder).parents]:
        if candidate.exists():
            break
        missing.append(candidate)
    return list(reversed(missing))


def prepare_folder(folder: Path, home: Path, env: Mapping[str, str] | None = None) -> None:
    """Create `folder` for an entry, noting every folder created here so uninstall can remove it."""
    created = _missing_folders(folder)
    if not created:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    record_path = folders_record(home, env)
    record = _read_record(record_path)
    own = _missing_folders(record_path.parent)
    record["folders"] = sorted(set(record["folders"]) | {str(f) for f in created})
    record["own"] = sorted(set(record["own"]) | {str(f) for f in own})
    write_atomic(record_path, (json.dumps(record, indent=1) + "\n").encode("utf-8"))


def tidy_folders(home: Path, env: Mapping[str, str] | None = None, platform: str | None = None) -> list[Path]:
    """After uninstall: remove the folders install created that are empty now (deepest first).

    A folder that is not empty is kept (someone else's files are in it).
    Once none of our entries is left, the record goes too, with the folders
    created to hold it when they are empty.  Returns the folders removed.
    """
    record_path = folders_record(home, env)
    if not record_path.exists():
        return []
    record = _read_record(record_path)
    anything_left = False
    for name in for_platform(platform):
        try:
            if module(name).status(home, env).installed:
                anything_left = True
        except (IntegrationError, OSError):
            anything_left = True
    if anything_left:
        removed, kept = _remove_empty(record["folders"])
        record["folders"] = kept
        write_atomic(record_path, (json.dumps(record, indent=1) + "\n").encode("utf-8"))
        return removed
    record_path.unlink()
    removed, _ = _remove_empty(sorted(set(record["folders"]) | set(record["own"])))
    return removed


def _remove_empty(folders: list[str]) -> tuple[list[Path], list[str]]:
    removed, kept = [], []
    for folder in sorted(folders, key=lambda f: len(Path(f).parts), reverse=True):
        path = Path(folder)
        if not path.is_dir():
            continue
        try:
            path.rmdir()  # only succeeds when empty
            removed.append(path)
        except OSError:
            kept.append(folder)
    return removed, sorted(kept)
