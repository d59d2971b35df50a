"""macOS Finder: two Quick Actions (Automator services) in ~/Library/Services/.

    ~/Library/Services/Label with labeler.workflow/
        Contents/Info.plist       NSServices: menu title, Finder only, files (public.item)
        Contents/document.wflow   one "Run Shell Script" action, input "as arguments":
                                  exec '<python>' -P -m labeler label-dialog -- "$@"
    ~/Library/Services/Send by e-mail with labeler.workflow/
        (the same, running)       exec '<python>' -P -m labeler send-dialog -- "$@"

Finder hands the selected files to the shell script as POSIX paths, one
argument each, so names arrive intact; all selected files go to one run.
The bundle is generated with plistlib (no template to keep in sync).
"""
from __future__ import annotations

import plistlib
import shutil
import subprocess
import sys
from pathlib import Path

from labeler.desktop.integration import (ENTRY_ARGS, FORMAT_VERSION, SEND_ARGS, IntegrationError, Status,
                                         entry_language, menu_text, prepare_folder, with_send_entry,
                                         write_atomic)
from labeler.languages import N_
from labeler.desktop.integration.quoting import sh_join

NAME = "macos"
TITLE = "macOS Finder (Quick Action)"
BINARY = None
MENU_TITLE = N_("Label with labeler")  # the bundle's name stays English; the menu shows it translated
SEND_TITLE = N_("Send by e-mail with labeler")
#: Our Quick Actions: title (the bundle's name) and what they run ("Label…" first).
ENTRIES = ((MENU_TITLE, ENTRY_ARGS), (SEND_TITLE, SEND_ARGS))
MARKER_KEY = "LabelerIntegration"
# Automator's "Run Shell Script" action: inputMethod 0 = to stdin, 1 = as arguments.
AS_ARGUMENTS = 1


def applies(platform: str = sys.platform) -> bool:
    return platform == "darwin"


def bundle_path(home: Path, env=None, title: str = MENU_TITLE) -> Path:
    return Path(home) / "Library" / "Services" / f"{title}.workflow"


def shell_script(command, args=ENTRY_ARGS) -> str:
    return f'exec {sh_join([*command, *args])} "$@"\n'


def info_plist(command=None, lang: str | None = None, title: str = MENU_TITLE) -> dict:
    return {
        MARKER_KEY: f"macos {FORMAT_VERSION}",
        "NSServices": [{
            "NSMenuItem": {"default": menu_text(title, entry_language(lang))},
            "NSMessage": "runWorkflowAsService",
            "NSRequiredContext": {"NSApplicationIdentifier": "com.apple.finder"},
            "NSSendFileTypes": ["public.item"],
        }],
    }


def document_wflow(command, args=ENTRY_ARGS) -> dict:
    parameters = {
        "COMMAND_STRING": shell_script(command, args),
        "CheckedForUserDefaultShell": True,
        "inputMethod": AS_ARGUMENTS,
        "shell": "/bin/sh",
        "source": "",
    }
    action = {
        "AMAccepts": {"Container": "List", "Optional": True, "Types": ["com.apple.cocoa.string"]},
        "AMActionVersion": "2.0.3",
        "AMApplication": ["Automator"],
        "AMParameterProperties": {key: {} for key in parameters},
        "AMProvides": {"Container": "List", "Types": ["com.apple.cocoa.string"]},
        "ActionBundlePath": "/System/Library/Automator/Run Shell Script.action",
        "ActionName": "Run Shell Script",
        "ActionParameters": parameters,
        "BundleIdentifier": "com.apple.RunShellScript",
        "CFBundleVersion": "2.0.3",
        "CanShowSelectedItemsWhenRun": False,
        "CanShowWhenRun": True,
        "Category": ["AMCategoryUtilities"],
        "Class Name": "RunShellScriptAction",
        "InputUUID": "6F1C1D1E-0A5B-4C1E-9A55-0D9A3C1B2E01",
        "Keywords": ["Shell", "Script", "Command", "Run", "Unix"],
        "OutputUUID": "6F1C1D1E-0A5B-4C1E-9A55-0D9A3C1B2E02",
        "UUID": "6F1C1D1E-0A5B-4C1E-9A55-0D9A3C1B2E03",
        "UnlocalizedApplications": ["Automator"],
        "arguments": {},
        "isViewVisible": 1,
        "location": "309.000000:253.000000",
        "nibPath": "/System/Library/Automator/Run Shell Script.action/Contents/Resources/Base.lproj/main.nib",
    }
    return {
        "AMApplicationBuild": "521",
        "AMApplicationVersion": "2.10",
        "AMDocumentVersion": "2",
        "actions": [{"action": action, "isViewVisible": 1}],
        "connectors": {},
        "workflowMetaData": {
            "applicationBundleID": "com.apple.finder",
            "applicationBundleIDsByPath": {"/System/Library/CoreServices/Finder.app": "com.apple.finder"},
            "applicationPath": "/System/Library/CoreServices/Finder.app",
            "applicationPaths": ["/System/Library/CoreServices/Finder.app"],
            "inputTypeIdentifier": "com.apple.Automator.fileSystemObject",
            "outputTypeIdentifier": "com.apple.Automator.nothing",
            "presentationMode": 15,
            "processesInput": 0,
            "serviceApplicationBundleID": "com.apple.finder",
            "serviceApplicationPath": "/System/Library/CoreServices/Finder.app",
            "serviceInputTypeIdentifier": "com.apple.Automator.fileSystemObject",
            "serviceOutputTypeIdentifier": "com.apple.Automator.nothing",
            "serviceProcessesInput": 0,
            "systemImageName": "NSActionTemplate",
            "useAutomaticInputType": 0,
            "workflowTypeIdentifier": "com.apple.Automator.servicesMenu",
        },
    }


def _dump(value: dict) -> bytes:
    return plistlib.dumps(value, fmt=plistlib.FMT_XML, sort_keys=True)


def _is_ours(bundle: Path) -> bool:
    try:
        with open(bundle / "Contents" / "Info.plist", "rb") as f:
            return MARKER_KEY in plistlib.load(f)
    except (OSError, plistlib.InvalidFileException, ValueError):
        return False


def install(home: Path, command, env=None, lang: str | None = None) -> list[Path]:
    bundles = [bundle_path(home, env, title) for title, _args in ENTRIES]
    for bundle in bundles:  # refuse before writing anything
        if bundle.exists() and not _is_ours(bundle):
            raise IntegrationError(f"{bundle} exists and was not written by labeler; not replacing it")
    prepare_folder(bundles[0].parent, home, env)
    written = []
    for (title, args), bundle in zip(ENTRIES, bundles):
        contents = bundle / "Contents"
        info, document = contents / "Info.plist", contents / "document.wflow"
        write_atomic(document, _dump(document_wflow(command, args)))
        write_atomic(info, _dump(info_plist(command, lang, title)))
        written += [info, document]
    _refresh_services()
    return written


def uninstall(home: Path, env=None) -> list[Path]:
    bundles = [bundle_path(home, env, title) for title, _args in ENTRIES]
    for bundle in bundles:
        if bundle.exists() and not _is_ours(bundle):
            raise IntegrationError(f"{bundle} was not written by labeler; not removing it")
    removed = []
    for bundle in bundles:
        if bundle.exists():
            shutil.rmtree(bundle)
            removed.append(bundle)
    if removed:
        _refresh_services()
    return removed


def _bundle_status(bundle: Path, command, args) -> Status:
    if not bundle.exists():
        return Status(False, f"not installed ({bundle} does not exist)", [])
    if not _is_ours(bundle):
        return Status(False, f"{bundle} exists but was not written by labeler; left alone", [bundle])
    if command is not None:
        try:
            with open(bundle / "Contents" / "document.wflow", "rb") as f:
                current = plistlib.load(f)
            script = current["actions"][0]["action"]["ActionParameters"]["COMMAND_STRING"]
        except (OSError, plistlib.InvalidFileException, ValueError, KeyError, IndexError, TypeError):
            return Status(True, "installed, but document.wflow is unreadable; run install again", [bundle])
        if script != shell_script(command, args):
            return Status(True, "installed, but the command differs from what this installation would write "
                                "(another Python or an older labeler); run `labeler integrate install` to update",
                          [bundle])
    return Status(True, "installed", [bundle])


def status(home: Path, env=None, command=None) -> Status:
    """The "Label…" Quick Action's status, told when the "Send by e-mail…" one is missing or out of date."""
    result, send = (_bundle_status(bundle_path(home, env, title), command, args) for title, args in ENTRIES)
    return with_send_entry(result, send, f"the \"{SEND_TITLE}\" Quick Action")


def _refresh_services() -> None:
    """Ask macOS to re-read the Services menu (best effort; otherwise it updates after a log-out)."""
    if sys.platform != "darwin":
        return
    pbs = Path("/System/Library/CoreServices/pbs")
    if pbs.exists():
        try:
            subprocess.run([str(pbs), "-update"], capture_output=True, timeout=30, check=False)
        except (OSError, subprocess.SubprocessError):
            pass
