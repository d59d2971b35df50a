"""File-manager integration: the generated entries, Windows and macOS structure, and the CLI.

Everything happens in a fake HOME with its own XDG folders (tests/integration_support.py).
Running the entries with awkward names is in test_integration_run.py, merging into
Thunar's uca.xml in test_integration_thunar.py.
"""
from __future__ import annotations

import json
import os
import plistlib
import stat
import subprocess
import sys
from pathlib import Path

import integration_support as support
import pytest
from integration_support import (REPO, expand_field_codes,
                                 expected, keyfile_unescape, read_desktop, split_exec)
# The helpers live in integration_support; still importable from here (test_autostart uses them).
from integration_support import (TRICKY, eel_escape_shell_characters, g_shell_parse_argv,  # noqa: F401
                                 g_shell_quote, nemo_expand)

from labeler.desktop import integration
from labeler.desktop.integration import IntegrationError, dolphin, macos, nautilus, nemo, thunar, windows

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the Linux entries are run with /bin/sh")

# The shared pytest fixtures, bound here so pytest finds them in this module.
home, env, recorder, files = support.home, support.env, support.recorder, support.files


# ---------------------------------------------------------------- generated files

def test_templates_ship_as_package_data():
    for name in ("nautilus-script.sh", "dolphin-servicemenu.desktop", "nemo.nemo_action", "thunar-action.xml"):
        assert integration.template(name)
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert '"menus/*"' in pyproject


def test_platform_selection():
    assert integration.for_platform("linux") == ["launcher", "nautilus", "dolphin", "nemo", "thunar"]
    assert integration.for_platform("win32") == ["windows"]
    assert integration.for_platform("darwin") == ["macos"]


def test_xdg_dirs_are_respected(home, tmp_path, recorder):
    env = {"XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "conf"),
           "XDG_CONFIG_DIRS": str(tmp_path / "none")}
    assert nautilus.install(home, recorder.command, env) == [tmp_path / "data/nautilus/scripts/Label…",
                                                             tmp_path / "data/nautilus/scripts/Send by e-mail…"]
    assert dolphin.install(home, recorder.command, env) == [tmp_path / "data/kio/servicemenus/labeler-label.desktop"]
    assert nemo.install(home, recorder.command, env) == [tmp_path / "data/nemo/actions/labeler-label.nemo_action",
                                                         tmp_path / "data/nemo/actions/labeler-send.nemo_action"]
    assert thunar.install(home, recorder.command, env) == [tmp_path / "conf/Thunar/uca.xml"]
    assert not any(home.iterdir())
    # A relative XDG value is invalid (XDG spec) and ignored.
    assert integration.data_home(home, {"XDG_DATA_HOME": "rel"}) == home / ".local/share"


def test_nautilus_script_file(home, env, recorder):
    path, _send = nautilus.install(home, recorder.command, env)
    assert path == home / ".local/share/nautilus/scripts/Label…"
    assert path.stat().st_mode & stat.S_IXUSR
    text = path.read_text(encoding="utf-8")
    assert text.startswith("#!/bin/sh\n")
    assert text.rstrip().endswith('label-dialog -- "$@"')
    assert nautilus.status(home, env, recorder.command).installed
    assert nautilus.status(home, env, recorder.command).detail == "installed"


def test_dolphin_service_menu_file(home, env, recorder):
    [path] = dolphin.install(home, recorder.command, env)
    assert path == home / ".local/share/kio/servicemenus/labeler-label.desktop"
    assert path.stat().st_mode & stat.S_IXUSR, "KF6 only loads executable service menus from user folders"
    cp = read_desktop(path)
    entry = cp["Desktop Entry"]
    assert entry["Type"] == "Service"
    assert "application/octet-stream" in entry["MimeType"].split(";")
    assert entry["X-KDE-ServiceTypes"] == "KonqPopupMenu/Plugin"
    action_id = entry["Actions"].split(";")[0]  # "Label…" (then "Send by e-mail…", test_integration_send.py)
    action = cp[f"Desktop Action {action_id}"]
    assert action["Name"] == "Label…"
    assert action["Exec"].endswith(" -- %F")
    args = split_exec(keyfile_unescape(action["Exec"]))
    assert args[-3:] == ["label-dialog", "--", "%F"]
    assert expand_field_codes(args[:-1], []) == [*recorder.command, "label-dialog", "--"]


def test_nemo_action_file(home, env, recorder):
    path, _send = nemo.install(home, recorder.command, env)
    assert path == home / ".local/share/nemo/actions/labeler-label.nemo_action"
    action = read_desktop(path)["Nemo Action"]
    assert action["Name"] == "Label…"
    assert action["Selection"].lower() == "notnone"
    assert action["Extensions"]
    assert action["Exec"].endswith(" -- %F")
    assert "Quote" not in action  # Nemo escapes each path itself when no Quote= is set
    assert nemo.status(home, env, recorder.command).installed


def test_reinstall_and_uninstall_single_files(home, env, recorder):
    for mod in (nautilus, dolphin, nemo):
        first = mod.install(home, recorder.command, env)
        assert mod.install(home, recorder.command, env) == first
        assert mod.status(home, env).installed
        assert mod.uninstall(home, env) == first
        assert not first[0].exists()
        assert mod.uninstall(home, env) == []
        assert not mod.status(home, env).installed


def test_a_file_we_did_not_write_is_left_alone(home, env, recorder):
    path = nautilus.script_path(home, env)
    path.parent.mkdir(parents=True)
    path.write_text("#!/bin/sh\necho mine\n", encoding="utf-8")
    with pytest.raises(IntegrationError):
        nautilus.install(home, recorder.command, env)
    with pytest.raises(IntegrationError):
        nautilus.uninstall(home, env)
    assert path.read_text(encoding="utf-8") == "#!/bin/sh\necho mine\n"
    assert not nautilus.status(home, env).installed


def test_status_notices_another_installation(home, env, recorder):
    dolphin.install(home, recorder.command, env)
    result = dolphin.status(home, env, command=[sys.executable, "-P", "-m", "labeler"])
    assert result.installed and "differs" in result.detail


# ---------------------------------------------------------------- Windows and macOS (structure)

def test_windows_registry_entries():
    command = [r"C:\Program Files\Python311\pythonw.exe", "-P", "-m", "labeler"]
    entries = {(e.key, e.name): e.value for e in windows.registry_entries(command)}
    verb = r"Software\Classes\*\shell\labeler.label"
    assert entries[(verb, "MUIVerb")] == "Label…"
    assert entries[(verb, "MultiSelectModel")] == "Player"
    assert entries[(verb + r"\command", "")] == (
        r'"C:\Program Files\Python311\pythonw.exe" -P -m labeler label-dialog -- "%1"')
    assert all(key.startswith("Software\\Classes\\") for key, _ in entries), "per user: HKCU only"
    assert not windows.applies("linux") and windows.applies("win32")
    if sys.platform != "win32":
        with pytest.raises(IntegrationError):
            windows.install(None, command)


def test_macos_quick_action_bundle(home, recorder, files):
    paths = macos.install(home, recorder.command)
    bundle = home / "Library" / "Services" / "Label with labeler.workflow"
    assert set(paths[:2]) == {bundle / "Contents/Info.plist", bundle / "Contents/document.wflow"}
    with open(bundle / "Contents/Info.plist", "rb") as f:
        info = plistlib.load(f)
    [service] = info["NSServices"]
    assert service["NSMenuItem"]["default"] == "Label with labeler"
    assert service["NSMessage"] == "runWorkflowAsService"
    assert service["NSRequiredContext"]["NSApplicationIdentifier"] == "com.apple.finder"
    assert "public.item" in service["NSSendFileTypes"]
    with open(bundle / "Contents/document.wflow", "rb") as f:
        wflow = plistlib.load(f)
    meta = wflow["workflowMetaData"]
    assert meta["workflowTypeIdentifier"] == "com.apple.Automator.servicesMenu"
    assert meta["serviceInputTypeIdentifier"] == "com.apple.Automator.fileSystemObject"
    [step] = wflow["actions"]
    params = step["action"]["ActionParameters"]
    assert step["action"]["BundleIdentifier"] == "com.apple.RunShellScript"
    assert params["inputMethod"] == 1, "files must arrive as arguments, not on stdin"
    assert params["shell"] == "/bin/sh"
    assert params["COMMAND_STRING"].rstrip().endswith('label-dialog -- "$@"')
    # Run the script the way "Run Shell Script" does with input as arguments (emulated: sh -c SCRIPT sh ARGS).
    proc = subprocess.run(["/bin/sh", "-c", params["COMMAND_STRING"], "sh", *map(str, files)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert recorder.calls() == [expected(files)]
    assert macos.status(home, command=recorder.command).installed
    assert macos.uninstall(home)[0] == bundle
    assert not bundle.exists()


# ---------------------------------------------------------------- the command line

def run_cli(args, home: Path, tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env.update(HOME=str(home), XDG_CONFIG_DIRS=str(tmp_path / "etc-xdg"), PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, "-m", "labeler", "integrate", *args], capture_output=True,
                          text=True, cwd=REPO, env=env, timeout=120)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the CLI installs the Linux entries here")
def test_cli_install_status_uninstall(home, tmp_path):
    proc = run_cli(["status", "--json"], home, tmp_path)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert [r["name"] for r in data["results"]] == ["launcher", "nautilus", "dolphin", "nemo", "thunar"]
    assert not any(r["installed"] for r in data["results"])
    assert all(isinstance(r["file_manager_present"], bool) for r in data["results"] if r["name"] != "launcher")
    assert data["command"][:4] == [sys.executable, "-P", "-m", "labeler"]
    assert data["command"][4:6] == ["label-dialog", "--"]

    proc = run_cli(["install", "--only", "nautilus,thunar", "--json"], home, tmp_path)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["ok"] and [r["name"] for r in data["results"]] == ["nautilus", "thunar"]
    assert (home / ".local/share/nautilus/scripts/Label…").exists()
    assert (home / ".config/Thunar/uca.xml").exists()

    data = json.loads(run_cli(["status", "--json"], home, tmp_path).stdout)
    state = {r["name"]: (r["installed"], r["detail"]) for r in data["results"]}
    assert state["nautilus"] == (True, "installed") and state["thunar"] == (True, "installed")
    assert not state["dolphin"][0] and not state["nemo"][0]

    proc = run_cli(["uninstall"], home, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "removed" in proc.stdout
    assert not (home / ".local/share/nautilus/scripts/Label…").exists()
    assert not (home / ".config/Thunar/uca.xml").exists()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux names")
def test_cli_usage_errors_and_failures(home, tmp_path):
    assert run_cli(["install", "--only", "windows"], home, tmp_path).returncode == 2
    assert run_cli(["install", "--only", "konqueror"], home, tmp_path).returncode == 2
    assert run_cli(["frobnicate"], home, tmp_path).returncode == 2
    uca = home / ".config/Thunar/uca.xml"
    uca.parent.mkdir(parents=True)
    uca.write_text("not xml", encoding="utf-8")
    proc = run_cli(["install", "--json"], home, tmp_path)
    assert proc.returncode == 1
    data = json.loads(proc.stdout)
    errors = {r["name"]: r["error"] for r in data["results"]}
    assert errors["thunar"] and not errors["nautilus"] and not errors["dolphin"] and not errors["nemo"]
    assert uca.read_text(encoding="utf-8") == "not xml"


def test_integration_does_not_import_qt():
    code = ("import sys, labeler.commands.integrate, labeler.desktop.integration.thunar, "
            "labeler.desktop.integration.macos, labeler.desktop.integration.windows; "
            "sys.exit(1 if [m for m in sys.modules if m.startswith('PySide6')] else 0)")
    assert subprocess.run([sys.executable, "-c", code], cwd=REPO).returncode == 0
