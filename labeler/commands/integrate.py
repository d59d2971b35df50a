"""`labeler integrate install|uninstall|status`: the "Label…" and "Send by e-mail…" entries in the file
manager's right-click menu.

Per user, no administrator rights.  On Linux the entries for GNOME Files
(Nautilus), Dolphin, Nemo and Thunar are all installed — a file manager that
is not installed simply never reads its file; on Windows the Explorer verb in
the user's registry; on macOS a Finder Quick Action.  `--only` picks some.

Exit codes: 0 done, 1 some entry could not be written or removed (each one is
reported; the others are still done), 2 bad usage.
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

from labeler.desktop import integration
from labeler.desktop.integration import IntegrationError
from labeler.commands.common import EXIT_OK, EXIT_SOME_FAILED, UsageError, print_json


def register(sub) -> None:
    p = sub.add_parser("integrate", help="Add or remove the \"Label…\" and \"Send by e-mail…\" entries in your "
                                         "file manager's menu.",
                       description="Add (install), remove (uninstall) or check (status) the per-user "
                                   "\"Label…\" and \"Send by e-mail…\" entries in the right-click menu of your "
                                   "file manager. "
                                   "Linux: GNOME Files (Nautilus), Dolphin, Nemo and Thunar; Windows: "
                                   "Explorer; macOS: Finder. No administrator rights needed.")
    p.add_argument("action", choices=["install", "uninstall", "status"])
    p.add_argument("--only", metavar="NAMES",
                   help="comma-separated subset, e.g. nautilus,thunar (default: all for this system)")
    p.add_argument("--lang", metavar="CODE", default=None,
                   help="the language of the menu entry (default: the app's language setting, else the system's)")
    p.add_argument("--json", action="store_true", help="print machine-readable JSON")
    p.set_defaults(func=run)


def selected(only: str | None, platform: str | None = None) -> list[str]:
    available = integration.for_platform(platform)
    if not only:
        return available
    names = [n.strip().lower() for n in only.split(",") if n.strip()]
    if not names:
        raise UsageError("--only needs at least one name")
    for name in names:
        if name not in integration.NAMES:
            raise UsageError(f"--only: unknown file manager {name!r}; "
                             f"choose from {', '.join(available) or 'none on this system'}")
        if name not in available:
            raise UsageError(f"--only: {name} does not apply on this system "
                             f"(here: {', '.join(available) or 'none'})")
    return list(dict.fromkeys(names))


def present(mod) -> bool | None:
    """Is the file manager itself installed?  None when it always is (Explorer, Finder)."""
    binary = getattr(mod, "BINARY", None)
    return None if binary is None else shutil.which(binary) is not None


def run(args) -> int:
    names = selected(args.only)
    if not names:
        raise UsageError(f"no file-manager integration is available on this system ({sys.platform})")
    home = Path.home()
    command = integration.default_command()
    lang = integration.entry_language(getattr(args, "lang", None))
    results, failed = [], False
    for name in names:
        mod = integration.module(name)
        item = {"name": name, "title": mod.TITLE, "file_manager_present": present(mod)}
        try:
            if args.action == "install":
                item["paths"] = [str(p) for p in mod.install(home, command, lang=lang)]
            elif args.action == "uninstall":
                item["paths"] = [str(p) for p in mod.uninstall(home)]
            else:
                item.update(mod.status(home, command=command).to_json())
            item["error"] = None
        except (IntegrationError, OSError) as exc:
            failed = True
            item.setdefault("paths", [])
            item["error"] = str(exc)
        results.append(item)
    removed: list = []
    if args.action == "uninstall":
        try:  # the folders install had to create, once they are empty
            removed = integration.tidy_folders(home)
        except OSError as exc:
            failed = True
            results.append({"name": "folders", "title": "Folders", "file_manager_present": None, "paths": [],
                            "error": f"the folders created by install could not be checked ({exc})"})
    if args.json:
        report = {"action": args.action, "command": [*command, *integration.ENTRY_ARGS, "FILE..."],
                  "send_command": [*command, *integration.SEND_ARGS, "FILE..."],
                  "results": results, "ok": not failed}
        if args.action == "uninstall":
            report["folders_removed"] = [str(p) for p in removed]
        print_json(report)
    else:
        _print(args.action, command, results)
        for folder in removed:
            print(f"Removed the empty folder {folder} (install had created it).")
    return EXIT_SOME_FAILED if failed else EXIT_OK


def _print(action: str, command, results) -> None:
    label = integration.MENU_LABEL
    for item in results:
        note = "" if item["file_manager_present"] in (None, True) else "  (file manager not found on this system)"
        if item["error"]:
            print(f"{item['title']}: error: {item['error']}")
        elif action == "install":
            for path in item["paths"]:
                print(f"{item['title']}: wrote {path}{note}")
        elif action == "uninstall":
            if item["paths"]:
                for path in item["paths"]:
                    print(f"{item['title']}: removed our entry from {path}")
            else:
                print(f"{item['title']}: nothing to remove")
        else:
            state = "installed" if item["installed"] else "not installed"
            detail = "" if item["detail"] == "installed" else f" — {item['detail']}"
            print(f"{item['title']}: {state}{detail}{note}")
    if action == "install" and any(not i["error"] for i in results):
        from labeler.desktop.integration.quoting import sh_join

        print(f"The \"{label}\" entry runs: {sh_join([*command, *integration.ENTRY_ARGS])} FILE...")
        print(f"The \"{integration.SEND_LABEL}\" entry runs: {sh_join([*command, *integration.SEND_ARGS])} FILE...")
        if sys.platform.startswith("linux"):
            print("Restart the file manager if it is open (e.g. `nautilus -q`, `thunar -q`) to see it.")
