"""Windows Explorer: per-user shell verbs for every file type, in the registry.

    HKEY_CURRENT_USER\\Software\\Classes\\*\\shell\\labeler.label
        MUIVerb          = "Label…"
        MultiSelectModel = "Player"
        Icon             = "<python>,0"
      \\command
        (default)        = "<pythonw.exe>" -P -m labeler label-dialog -- "%1"
    HKEY_CURRENT_USER\\Software\\Classes\\*\\shell\\labeler.send
        MUIVerb          = "Send by e-mail…"            (the other values as above)
      \\command
        (default)        = "<pythonw.exe>" -P -m labeler send-dialog -- "%1"

HKCU\\Software\\Classes is the per-user half of HKEY_CLASSES_ROOT, so no
administrator rights are needed and other users are unaffected.

How Explorer treats a selection of several files with such a static verb
(a `command` key, not a COM handler): it runs the command line once per
selected file, each time with %1 = that one file's full path.
MultiSelectModel only decides whether the verb is *offered*: with "Player" a
legacy verb is shown for up to 100 selected items (15 with the default
"Document").  Getting all files in a single process would need a COM
DropTarget / IExplorerCommand handler.  The app's single-instance hand-over
(DESIGN.md) collects the processes' files into the one running dialog (for
both verbs).
On Windows 11 static verbs appear under "Show more options" (Shift+F10).

Windows file names cannot contain `"`, so quoting "%1" is always enough; `--`
still protects names beginning with a dash.  `registry_entries()` is pure so
the values can be checked on any platform.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from labeler.desktop.integration import (ENTRY_ARGS, MENU_LABEL, SEND_ARGS, SEND_LABEL, IntegrationError, Status,
                                         entry_language, menu_text)
from labeler.desktop.integration.quoting import windows_join

NAME = "windows"
TITLE = "Windows Explorer"
BINARY = None
ROOT = "HKEY_CURRENT_USER"
VERB_KEY = r"Software\Classes\*\shell\labeler.label"
COMMAND_KEY = VERB_KEY + r"\command"
SEND_VERB_KEY = r"Software\Classes\*\shell\labeler.send"
SEND_COMMAND_KEY = SEND_VERB_KEY + r"\command"
#: Our verbs: key, title and what the command runs ("Label…" first).
VERBS = ((VERB_KEY, MENU_LABEL, ENTRY_ARGS), (SEND_VERB_KEY, SEND_LABEL, SEND_ARGS))


@dataclass(frozen=True)
class RegistryValue:
    key: str          # below HKEY_CURRENT_USER
    name: str         # "" is the key's default value
    value: str        # all REG_SZ

    def __str__(self) -> str:
        return f"{ROOT}\\{self.key} [{self.name or '(default)'}] = {self.value}"


def applies(platform: str = sys.platform) -> bool:
    return platform == "win32"


def command_line(command, args=ENTRY_ARGS) -> str:
    return windows_join([*command, *args]) + ' "%1"'


def registry_entries(command, lang: str | None = None) -> list[RegistryValue]:
    """Every registry value install writes, in order (keys are created as needed); the verbs in the
    person's language."""
    lang = entry_language(lang)
    entries = []
    for key, title, args in VERBS:
        entries += [
            RegistryValue(key, "MUIVerb", menu_text(title, lang)),
            RegistryValue(key, "MultiSelectModel", "Player"),
            RegistryValue(key, "Icon", f"{command[0]},0"),
            RegistryValue(key + r"\command", "", command_line(command, args)),
        ]
    return entries


def _winreg():
    if sys.platform != "win32":
        raise IntegrationError("the Explorer entry can only be installed on Windows")
    import winreg

    return winreg


def install(home: Path | None, command, env=None, lang: str | None = None) -> list[str]:
    winreg = _winreg()
    written = []
    for entry in registry_entries(command, lang):
        with winreg.CreateKeyEx(winreg.HKEY_CURRENT_USER, entry.key, 0, winreg.KEY_SET_VALUE) as key:
            winreg.SetValueEx(key, entry.name, 0, winreg.REG_SZ, entry.value)
        written.append(str(entry))
    _notify_explorer()
    return written


def uninstall(home: Path | None, env=None) -> list[str]:
    winreg = _winreg()
    removed = []
    for key in (COMMAND_KEY, VERB_KEY, SEND_COMMAND_KEY, SEND_VERB_KEY):  # a key goes once it has no subkeys
        try:
            winreg.DeleteKey(winreg.HKEY_CURRENT_USER, key)
            removed.append(f"{ROOT}\\{key}")
        except FileNotFoundError:
            pass
    if removed:
        _notify_explorer()
    return removed


def status(home: Path | None, env=None, command=None) -> Status:
    if sys.platform != "win32":
        return Status(False, "only applies on Windows", [])
    import winreg

    where = f"{ROOT}\\{VERB_KEY}"
    try:
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, COMMAND_KEY) as key:
            value, _ = winreg.QueryValueEx(key, "")
    except FileNotFoundError:
        return Status(False, f"not installed ({where} does not exist)", [])
    try:
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, SEND_COMMAND_KEY) as key:
            send, _ = winreg.QueryValueEx(key, "")
    except FileNotFoundError:
        return Status(True, f"installed, but the \"{SEND_LABEL}\" verb is missing; run install again", [where])
    if command is not None and (value != command_line(command) or send != command_line(command, SEND_ARGS)):
        return Status(True, "installed, but the command differs from what this installation would write "
                            "(another Python or an older labeler); run `labeler integrate install` to update",
                      [where])
    return Status(True, "installed", [where])


def _notify_explorer() -> None:
    """Tell Explorer that associations changed (SHChangeNotify), so the menu updates at once."""
    try:
        import ctypes

        SHCNE_ASSOCCHANGED, SHCNF_IDLIST = 0x08000000, 0
        ctypes.windll.shell32.SHChangeNotify(SHCNE_ASSOCCHANGED, SHCNF_IDLIST, None, None)  # type: ignore[attr-defined]
    except Exception:  # best effort: the entry appears at the latest on the next Explorer start
        pass
