"""File-manager integration: running the generated entries with awkward file names.

Everything happens in a fake HOME with its own XDG folders.  The entries are
installed with a `command` that points at a small recorder script (itself in
a folder whose name needs quoting), then each entry's command is *run* the
way its file manager runs it, and the recorder must have received exactly
`label-dialog -- <every path, intact>`:

- Nautilus: the script is executed with the names as arguments in the folder
  (what Nautilus does: g_shell_quote'd arguments, working directory = folder).
- Dolphin: the Exec line is split by a faithful Desktop Entry spec parser and
  %F replaced by the paths, one argument each.
- Nemo: %F is replaced the way Nemo does it (each path escaped for a shell-like
  parser) and the line split like g_shell_parse_argv.
- Thunar: %F is replaced by g_shell_quote'd paths and the line run by /bin/sh -c.
- When the system Python has PyGObject, the same is cross-checked with the
  real GLib (key file reader, g_shell_quote, g_shell_parse_argv).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import integration_support as support
import pytest
from integration_support import (expand_field_codes,
                                 expected, g_shell_parse_argv, g_shell_quote, keyfile_unescape, nemo_expand,
                                 read_desktop, split_exec)
from lxml import etree

from labeler.desktop.integration import dolphin, nautilus, nemo, thunar

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the Linux entries are run with /bin/sh")

# The shared pytest fixtures, bound here so pytest finds them in this module.
home, env, recorder, files = support.home, support.env, support.recorder, support.files


# ---------------------------------------------------------------- running the Linux entries

def test_nautilus_script_runs_with_tricky_names(home, env, recorder, files):
    script, _send = nautilus.install(home, recorder.command, env)
    folder = files[0].parent
    sub = folder / "sub dir"
    sub.mkdir()
    (sub / "-x.docx").write_bytes(b"x")
    elsewhere = folder.parent / "elsewhere.docx"
    elsewhere.write_bytes(b"x")
    # What Nautilus passes: names relative to the shown folder (or absolute when not below it).
    args = [p.name for p in files] + ["sub dir/-x.docx", str(elsewhere)]
    proc = subprocess.run([str(script), *args], cwd=folder, capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PWD": "/somewhere/stale",
                               "NAUTILUS_SCRIPT_SELECTED_FILE_PATHS": "/ignored\n"})
    assert proc.returncode == 0, proc.stderr
    assert recorder.calls() == [expected([*files, sub / "-x.docx", elsewhere])]


def test_nautilus_script_falls_back_to_the_environment(home, env, recorder, files):
    script, _send = nautilus.install(home, recorder.command, env)
    plain = [p for p in files if "\n" not in p.name]
    listing = "".join(f"{p}\n" for p in plain)  # Nautilus: one path per line, each followed by \n
    proc = subprocess.run([str(script)], cwd="/", capture_output=True, text=True, timeout=60,
                          env={**os.environ, "NAUTILUS_SCRIPT_SELECTED_FILE_PATHS": listing})
    assert proc.returncode == 0, proc.stderr
    assert recorder.calls() == [expected(plain)]


def test_dolphin_exec_runs_with_tricky_names(home, env, recorder, files):
    [path] = dolphin.install(home, recorder.command, env)
    cp = read_desktop(path)
    action = cp[f"Desktop Action {cp['Desktop Entry']['Actions'].split(';')[0]}"]
    argv = expand_field_codes(split_exec(keyfile_unescape(action["Exec"])), [str(p) for p in files])
    proc = subprocess.run(argv, cwd=files[0].parent, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert recorder.calls() == [expected(files)]


def test_nemo_exec_runs_with_tricky_names(home, env, recorder, files):
    path, _send = nemo.install(home, recorder.command, env)
    exec_value = keyfile_unescape(read_desktop(path)["Nemo Action"]["Exec"])
    argv = g_shell_parse_argv(nemo_expand(exec_value, [str(p) for p in files]))
    proc = subprocess.run(argv, cwd=files[0].parent, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert recorder.calls() == [expected(files)]


def thunar_line(command: str, paths) -> str:
    """Thunar: %F → g_shell_quote'd paths joined by spaces, %% → %, other %x dropped; run by /bin/sh -c."""
    out, i = [], 0
    while i < len(command):
        if command[i] == "%" and i + 1 < len(command):
            code = command[i + 1]
            if code == "F":
                out.append(" ".join(g_shell_quote(str(p)) for p in paths))
            elif code == "%":
                out.append("%")
            i += 2
        else:
            out.append(command[i])
            i += 1
    return "".join(out)


def test_thunar_command_runs_with_tricky_names(home, env, recorder, files):
    [path] = thunar.install(home, recorder.command, env)
    root = etree.parse(str(path)).getroot()
    [action] = [a for a in root.findall("action") if a.findtext("unique-id") == thunar.UNIQUE_ID]
    command = action.findtext("command")
    assert command.endswith(" -- %F")
    proc = subprocess.run(["/bin/sh", "-c", thunar_line(command, files)], cwd=files[0].parent,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert recorder.calls() == [expected(files)]


def _system_python_with_glib() -> str | None:
    for candidate in ("/usr/bin/python3", shutil.which("python3")):
        if candidate and Path(candidate).exists():
            probe = subprocess.run([candidate, "-c", "import gi; gi.require_version('GLib', '2.0'); "
                                                     "from gi.repository import GLib"],
                                   capture_output=True, timeout=60)
            if probe.returncode == 0:
                return candidate
    return None


GLIB_HELPER = r"""
import json, sys
import gi
gi.require_version("GLib", "2.0")
from gi.repository import GLib
req = json.load(sys.stdin)
kf = GLib.KeyFile()
kf.load_from_file(req["file"], GLib.KeyFileFlags.NONE)
exec_value = kf.get_string(req["group"], "Exec")        # real key-file unescaping
if req["mode"] == "gio":                                 # GIO: %F -> g_shell_quote'd paths, %% -> %
    line = exec_value.replace("%%", "\0").replace("%F", " ".join(GLib.shell_quote(p) for p in req["paths"]))
    line = line.replace("\0", "%")
else:                                                    # Nemo: pre-escaped paths from the test
    line = req["line"]
ok, argv = GLib.shell_parse_argv(line)                   # real g_shell_parse_argv
print(json.dumps({"exec": exec_value, "argv": argv}))
"""


@pytest.mark.parametrize("which", ["dolphin", "nemo"])
def test_cross_check_with_real_glib(which, home, env, recorder, files):
    python = _system_python_with_glib()
    if python is None:
        pytest.skip("no system Python with PyGObject (GLib) here")
    paths = [str(p) for p in files]
    if which == "dolphin":
        [path] = dolphin.install(home, recorder.command, env)
        cp = read_desktop(path)
        request = {"mode": "gio", "file": str(path), "paths": paths,
                   "group": f"Desktop Action {cp['Desktop Entry']['Actions'].split(';')[0]}"}
    else:
        path, _send = nemo.install(home, recorder.command, env)
        line = nemo_expand(keyfile_unescape(read_desktop(path)["Nemo Action"]["Exec"]), paths)
        request = {"mode": "nemo", "file": str(path), "group": "Nemo Action", "line": line}
    proc = subprocess.run([python, "-c", GLIB_HELPER], input=json.dumps(request), capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    answer = json.loads(proc.stdout)
    section = "Nemo Action" if which == "nemo" else request["group"]
    assert answer["exec"] == keyfile_unescape(read_desktop(path)[section]["Exec"])
    run = subprocess.run(answer["argv"], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert recorder.calls() == [expected(files)]


