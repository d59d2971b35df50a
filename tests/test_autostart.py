"""Starting at login, per OS and per user; never the real home, registry or autostart folder."""
from __future__ import annotations

import plistlib
import subprocess
import sys
from pathlib import Path

import pytest

from labeler.desktop import autostart
from labeler.desktop.autostart import AutostartError


def exec_argv(entry: str) -> list[str]:
    """Expand a Desktop Entry's Exec as a launcher does (the strict expanders of test_integration)."""
    from test_integration import expand_field_codes, keyfile_unescape, split_exec

    line = next(l for l in entry.splitlines() if l.startswith("Exec="))[len("Exec="):]
    return expand_field_codes(split_exec(keyfile_unescape(line)), [])


def test_linux_enable_disable_in_xdg_config_home(tmp_path):
    env = {"XDG_CONFIG_HOME": str(tmp_path / "cfg")}
    kw = dict(platform="linux", home=tmp_path / "home", env=env)
    assert not autostart.is_enabled(**kw)
    written = autostart.enable(**kw)
    path = tmp_path / "cfg" / "autostart" / "labeler.desktop"
    assert written == str(path) and path.is_file()
    assert autostart.is_enabled(**kw)
    text = path.read_text("utf-8")
    assert "X-GNOME-Autostart-enabled=true" in text and "Type=Application" in text
    assert exec_argv(text) == [sys.executable, "-P", "-m", "labeler", "gui"]
    assert autostart.disable(**kw) is True
    assert not path.exists() and not autostart.is_enabled(**kw)
    assert autostart.disable(**kw) is False  # nothing left: not an error


def test_linux_default_is_home_config_and_relative_xdg_is_ignored(tmp_path):
    kw = dict(platform="linux", home=tmp_path, env={"XDG_CONFIG_HOME": "relative/cfg"})
    autostart.enable(**kw)
    assert (tmp_path / ".config" / "autostart" / "labeler.desktop").is_file()


def test_exec_runs_the_right_argv_with_awkward_paths(tmp_path):
    argv = [str(tmp_path / "My Python's $HOME 100%" / "py`thon"), "-P", "-m", "labeler", "gui"]
    entry = autostart.desktop_entry(argv)
    assert exec_argv(entry) == argv
    # And a real shell-less start: run the expanded argv with a stand-in interpreter.
    script = tmp_path / "echo args.py"
    script.write_text("import sys, json; print(json.dumps(sys.argv[1:]))")
    entry = autostart.desktop_entry([sys.executable, str(script), "gui", "a b"])
    out = subprocess.run(exec_argv(entry), capture_output=True, text=True, check=True).stdout
    assert out.strip() == '["gui", "a b"]'


def test_someone_elses_file_is_left_alone(tmp_path):
    kw = dict(platform="linux", home=tmp_path, env={})
    path = tmp_path / ".config" / "autostart" / "labeler.desktop"
    path.parent.mkdir(parents=True)
    path.write_text("[Desktop Entry]\nExec=something-else\n")
    assert not autostart.is_enabled(**kw)
    with pytest.raises(AutostartError, match="not written by Labeler"):
        autostart.enable(**kw)
    with pytest.raises(AutostartError, match="not written by Labeler"):
        autostart.disable(**kw)
    assert path.read_text() == "[Desktop Entry]\nExec=something-else\n"


def test_switched_off_by_the_desktop_counts_as_disabled(tmp_path):
    kw = dict(platform="linux", home=tmp_path, env={})
    autostart.enable(**kw)
    path = autostart.desktop_path(tmp_path, {})
    path.write_text(path.read_text().replace("X-GNOME-Autostart-enabled=true", "X-GNOME-Autostart-enabled=false"))
    assert not autostart.is_enabled(**kw)


def test_macos_launch_agent(tmp_path):
    kw = dict(platform="darwin", home=tmp_path)
    assert not autostart.is_enabled(**kw)
    written = autostart.enable(["/Apps/Py thon/bin/python3", "-P", "-m", "labeler", "gui"], **kw)
    path = tmp_path / "Library" / "LaunchAgents" / "org.labeler.app.plist"
    assert written == str(path)
    with open(path, "rb") as f:
        plist = plistlib.load(f)
    assert plist["Label"] == "org.labeler.app" and plist["RunAtLoad"] is True
    assert plist["ProgramArguments"] == ["/Apps/Py thon/bin/python3", "-P", "-m", "labeler", "gui"]
    assert autostart.is_enabled(**kw)
    assert autostart.disable(**kw) and not path.exists() and not autostart.is_enabled(**kw)


class FakeRunKey:
    def __init__(self):
        self.value = None

    def get(self):
        return self.value

    def set(self, value):
        self.value = value

    def delete(self):
        self.value = None


def test_windows_run_value(tmp_path):
    argv = [r"C:\Program Files\Python311\pythonw.exe", "-P", "-m", "labeler", "gui"]
    assert autostart.run_value(argv) == r'"C:\Program Files\Python311\pythonw.exe" -P -m labeler gui'
    registry = FakeRunKey()
    kw = dict(platform="win32", registry=registry)
    assert not autostart.is_enabled(**kw)
    where = autostart.enable(argv, **kw)
    assert where == r"HKEY_CURRENT_USER\Software\Microsoft\Windows\CurrentVersion\Run\labeler"
    assert registry.value == autostart.run_value(argv) and autostart.is_enabled(**kw)
    assert autostart.disable(**kw) is True and registry.value is None and not autostart.is_enabled(**kw)


def test_default_command_is_this_installation():
    assert autostart.command()[-4:] == ["-P", "-m", "labeler", "gui"]
    assert Path(autostart.command()[0]).name.lower().startswith("python")


def test_unsupported_platform_is_a_sentence():
    with pytest.raises(AutostartError, match="not supported"):
        autostart.enable(platform="haiku1")


def test_an_unwritable_folder_is_a_clear_error(tmp_path):
    blocker = tmp_path / "cfg"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(AutostartError, match="Could not switch on starting at login"):
        autostart.enable(platform="linux", home=tmp_path, env={"XDG_CONFIG_HOME": str(blocker)})
