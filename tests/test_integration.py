"""File-manager integration: the generated entries, and running them with awkward file names.

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

import configparser
import json
import os
import plistlib
import shutil
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from lxml import etree

from labeler.desktop import integration
from labeler.desktop.integration import IntegrationError, dolphin, macos, nautilus, nemo, thunar, windows
from labeler.desktop.integration.quoting import EXEC_RESERVED

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the Linux entries are run with /bin/sh")

REPO = Path(__file__).resolve().parent.parent
TRICKY = [
    "a b.docx",
    "it's \"quoted\".docx",
    "-rf.docx",
    "line1\nline2.docx",
    "日本語 ünï.docx",
    "$HOME `id` ; & | * ? ~ #x.docx",
    "100% %F %% back\\slash.docx",
    " leading and trailing space .docx ",
]


# ---------------------------------------------------------------- fixtures

@pytest.fixture
def home(tmp_path) -> Path:
    h = tmp_path / "home"
    h.mkdir()
    return h


@pytest.fixture
def env(tmp_path) -> dict:
    """No XDG_DATA_HOME / XDG_CONFIG_HOME (so the ~/.local/share, ~/.config defaults are used);
    system config dirs point at an empty folder, never at the real /etc/xdg."""
    sysconf = tmp_path / "etc-xdg"
    sysconf.mkdir()
    return {"XDG_CONFIG_DIRS": str(sysconf)}


@pytest.fixture
def recorder(tmp_path):
    """A `command` that records its arguments: [python, recorder.py]; read back with .calls()."""
    folder = tmp_path / "bin dir $x 'q' \"dq\" 100% back\\slash"
    folder.mkdir()
    script = folder / "record.py"
    out = folder / "argv.jsonl"
    script.write_text(textwrap.dedent(f"""\
        import json, sys
        with open({str(out)!r}, "a", encoding="utf-8") as f:
            f.write(json.dumps(sys.argv[1:], ensure_ascii=True) + "\\n")
        """), encoding="utf-8")

    class Recorder:
        command = [sys.executable, str(script)]

        @staticmethod
        def calls() -> list[list[str]]:
            if not out.exists():
                return []
            return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]

    return Recorder


@pytest.fixture
def files(tmp_path) -> list[Path]:
    folder = tmp_path / "Documents ñ"
    folder.mkdir()
    paths = []
    for name in TRICKY:
        p = folder / name
        p.write_bytes(b"x")
        paths.append(p)
    return paths


# ---------------------------------------------------------------- faithful expanders

def keyfile_unescape(value: str) -> str:
    """Key-file string escapes (\\s \\n \\t \\r \\\\), as GLib and KConfig undo them."""
    out, i = [], 0
    while i < len(value):
        c = value[i]
        if c == "\\" and i + 1 < len(value):
            nxt = value[i + 1]
            out.append({"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}.get(nxt, "\\" + nxt))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def read_desktop(path: Path) -> configparser.ConfigParser:
    cp = configparser.ConfigParser(interpolation=None, delimiters=("=",), comment_prefixes=("#",),
                                   strict=True, empty_lines_in_values=False)
    cp.optionxform = str
    cp.read_string(path.read_text(encoding="utf-8"))
    return cp


def split_exec(value: str) -> list[str]:
    """Split an Exec value (already key-file unescaped) per the Desktop Entry spec, strictly:
    a reserved character outside double quotes is an error; inside them only \\" \\` \\$ \\\\ are escapes."""
    args, cur, in_arg, i = [], [], False, 0
    while i < len(value):
        c = value[i]
        if c == '"':
            in_arg, i = True, i + 1
            while True:
                if i >= len(value):
                    raise ValueError("unterminated quote in Exec")
                c = value[i]
                if c == "\\" and i + 1 < len(value) and value[i + 1] in '"`$\\':
                    cur.append(value[i + 1])
                    i += 2
                elif c in "\\`$":
                    raise ValueError(f"unescaped {c!r} inside quotes")
                elif c == '"':
                    i += 1
                    break
                else:
                    cur.append(c)
                    i += 1
        elif c == " ":
            if in_arg:
                args.append("".join(cur))
                cur, in_arg = [], False
            i += 1
        else:
            if c in EXEC_RESERVED:
                raise ValueError(f"reserved character {c!r} outside quotes in Exec")
            cur.append(c)
            in_arg, i = True, i + 1
    if in_arg:
        args.append("".join(cur))
    return args


def expand_field_codes(args: list[str], paths: list[str]) -> list[str]:
    """%F → one argument per path (only as a whole argument); %% → %; any other field code is an error."""
    out = []
    for arg in args:
        if arg == "%F":
            out.extend(paths)
            continue
        text, i = [], 0
        while i < len(arg):
            if arg[i] == "%":
                if arg[i + 1:i + 2] == "%":
                    text.append("%")
                    i += 2
                    continue
                raise ValueError(f"unexpected field code in {arg!r}")
            text.append(arg[i])
            i += 1
        out.append("".join(text))
    return out


def g_shell_quote(s: str) -> str:
    return "'" + s.replace("'", "'\\''") + "'"


def g_shell_parse_argv(line: str) -> list[str]:
    """GLib's g_shell_parse_argv: sh-like words; '...' literal; "..." with \\ before " \\ $ ` newline;
    backslash-newline removed; # starts a comment at the beginning of a word."""
    args, cur, in_word, i = [], [], False, 0
    while i < len(line):
        c = line[i]
        if c in " \t\n":
            if in_word:
                args.append("".join(cur))
                cur, in_word = [], False
            i += 1
        elif c == "#" and not in_word:
            while i < len(line) and line[i] != "\n":
                i += 1
        elif c == "'":
            end = line.index("'", i + 1)
            cur.append(line[i + 1:end])
            in_word, i = True, end + 1
        elif c == '"':
            i += 1
            while line[i] != '"':
                if line[i] == "\\" and line[i + 1] in '"\\$`\n':
                    if line[i + 1] != "\n":
                        cur.append(line[i + 1])
                    i += 2
                else:
                    cur.append(line[i])
                    i += 1
            in_word, i = True, i + 1
        elif c == "\\":
            if line[i + 1] != "\n":
                cur.append(line[i + 1])
            in_word, i = True, i + 2
        else:
            cur.append(c)
            in_word, i = True, i + 1
    if in_word:
        args.append("".join(cur))
    return args


def eel_escape_shell_characters(s: str) -> str:
    """What Nemo does to each path for %F when the action has no Quote= key."""
    out = []
    for c in s:
        if c == "\n":
            out.append("'\n'")
        elif c in " \t'\"\\#":
            out.append("\\" + c)
        else:
            out.append(c)
    return "".join(out)


def nemo_expand(exec_value: str, paths: list[str]) -> str:
    """Nemo's token expansion: scan for '%', replace known tokens, continue after the insertion."""
    tokens = {"%F": " ".join(eel_escape_shell_characters(p) for p in paths), "%%": "%"}
    s, start = exec_value, 0
    while True:
        pos = s.find("%", start)
        if pos < 0:
            return s
        token = s[pos:pos + 2]
        if token not in tokens:
            return s  # Nemo stops at the first unknown %-token
        s = s[:pos] + tokens[token] + s[pos + 2:]
        start = pos + len(tokens[token])


def expected(paths) -> list[str]:
    return ["label-dialog", "--", *[str(p) for p in paths]]


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
    assert nautilus.install(home, recorder.command, env) == [tmp_path / "data/nautilus/scripts/Label…"]
    assert dolphin.install(home, recorder.command, env) == [tmp_path / "data/kio/servicemenus/labeler-label.desktop"]
    assert nemo.install(home, recorder.command, env) == [tmp_path / "data/nemo/actions/labeler-label.nemo_action"]
    assert thunar.install(home, recorder.command, env) == [tmp_path / "conf/Thunar/uca.xml"]
    assert not any(home.iterdir())
    # A relative XDG value is invalid (XDG spec) and ignored.
    assert integration.data_home(home, {"XDG_DATA_HOME": "rel"}) == home / ".local/share"


def test_nautilus_script_file(home, env, recorder):
    [path] = nautilus.install(home, recorder.command, env)
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
    action_id = entry["Actions"].rstrip(";")
    action = cp[f"Desktop Action {action_id}"]
    assert action["Name"] == "Label…"
    assert action["Exec"].endswith(" -- %F")
    args = split_exec(keyfile_unescape(action["Exec"]))
    assert args[-3:] == ["label-dialog", "--", "%F"]
    assert expand_field_codes(args[:-1], []) == [*recorder.command, "label-dialog", "--"]


def test_nemo_action_file(home, env, recorder):
    [path] = nemo.install(home, recorder.command, env)
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


# ---------------------------------------------------------------- running the Linux entries

def test_nautilus_script_runs_with_tricky_names(home, env, recorder, files):
    [script] = nautilus.install(home, recorder.command, env)
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
    [script] = nautilus.install(home, recorder.command, env)
    plain = [p for p in files if "\n" not in p.name]
    listing = "".join(f"{p}\n" for p in plain)  # Nautilus: one path per line, each followed by \n
    proc = subprocess.run([str(script)], cwd="/", capture_output=True, text=True, timeout=60,
                          env={**os.environ, "NAUTILUS_SCRIPT_SELECTED_FILE_PATHS": listing})
    assert proc.returncode == 0, proc.stderr
    assert recorder.calls() == [expected(plain)]


def test_dolphin_exec_runs_with_tricky_names(home, env, recorder, files):
    [path] = dolphin.install(home, recorder.command, env)
    cp = read_desktop(path)
    action = cp[f"Desktop Action {cp['Desktop Entry']['Actions'].rstrip(';')}"]
    argv = expand_field_codes(split_exec(keyfile_unescape(action["Exec"])), [str(p) for p in files])
    proc = subprocess.run(argv, cwd=files[0].parent, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert recorder.calls() == [expected(files)]


def test_nemo_exec_runs_with_tricky_names(home, env, recorder, files):
    [path] = nemo.install(home, recorder.command, env)
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
                   "group": f"Desktop Action {cp['Desktop Entry']['Actions'].rstrip(';')}"}
    else:
        [path] = nemo.install(home, recorder.command, env)
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


# ---------------------------------------------------------------- Thunar: merging into uca.xml

# What Thunar itself writes (note its XML declaration: encoding before version).
THUNAR_WRITTEN = """<?xml encoding="UTF-8" version="1.0"?>
<actions>
<action>
\t<icon>utilities-terminal</icon>
\t<name>Open Terminal Here</name>
\t<name xml:lang="de">Terminal hier öffnen</name>
\t<unique-id>1612345678901234-1</unique-id>
\t<command>exo-open --working-directory %f --launch TerminalEmulator</command>
\t<description>Example for a custom action</description>
\t<patterns>*</patterns>
\t<startup-notify/>
\t<directories/>
</action>
<action>
\t<icon>edit-find</icon>
\t<name>Search for files &amp; folders</name>
\t<unique-id>1612345678901235-2</unique-id>
\t<command>catfish --path=%f &amp;&amp; echo "&lt;done&gt;"</command>
\t<description>Search with Catfish</description>
\t<patterns>*</patterns>
\t<directories/>
</action>
</actions>
"""

# The system-wide default (/etc/xdg/Thunar/uca.xml): DOCTYPE with an internal subset, a comment.
SYSTEM_DEFAULT = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE actions [
  <!ELEMENT actions (action)+>
  <!ELEMENT action (icon|patterns|name|unique-id|command|description|directories|audio-files|image-files|other-files|text-files|video-files)*>
]>

<!--
  Default thunar-uca configuration file, which gets installed system-wide.
-->

<actions>

  <action>
    <icon>utilities-terminal</icon>
    <patterns>*</patterns>
    <name>Open Terminal Here</name>
    <command>for f in %F; do if [ -d "$f" ]; then exo-open --working-directory "$f" --launch TerminalEmulator; fi done</command>
    <description>Example for a custom action</description>
    <startup-notify/>
    <directories/>
  </action>

</actions>
"""  # noqa: E501  (the file as Thunar installs it)


def canonical_actions(data: bytes) -> list[bytes]:
    root = thunar.parse(data, Path("uca.xml")).getroot()
    return [etree.tostring(a, method="c14n") for a in root.findall("action")]


def test_thunar_merge_keeps_existing_actions(home, env, recorder):
    uca = integration.config_home(home, env) / "Thunar" / "uca.xml"
    uca.parent.mkdir(parents=True)
    uca.write_text(THUNAR_WRITTEN, encoding="utf-8")
    original = canonical_actions(uca.read_bytes())
    assert len(original) == 2

    assert thunar.install(home, recorder.command, env) == [uca]
    after = canonical_actions(uca.read_bytes())
    assert after[:2] == original, "existing actions must stay exactly as they were, in order"
    assert len(after) == 3 and b"labeler-label-0001" in after[2]

    thunar.install(home, recorder.command, env)  # again: replaced, not duplicated
    again = canonical_actions(uca.read_bytes())
    assert again == after
    assert thunar.status(home, env, recorder.command).detail == "installed"

    assert thunar.uninstall(home, env) == [uca]
    assert canonical_actions(uca.read_bytes()) == original
    # Byte for byte too, apart from the XML declaration put in the standard order.
    assert uca.read_text(encoding="utf-8") == THUNAR_WRITTEN.replace(
        '<?xml encoding="UTF-8" version="1.0"?>', '<?xml version="1.0" encoding="UTF-8"?>')
    assert not thunar.status(home, env).installed
    assert thunar.uninstall(home, env) == []


def test_thunar_replaces_a_changed_entry_in_place(home, env, recorder):
    uca = integration.config_home(home, env) / "Thunar" / "uca.xml"
    uca.parent.mkdir(parents=True)
    uca.write_text(THUNAR_WRITTEN, encoding="utf-8")
    thunar.install(home, ["/old/python", "-m", "labeler"], env)
    # The user moves our action to the top; a later install keeps it there.
    tree = thunar.parse(uca.read_bytes(), uca)
    root = tree.getroot()
    ours = thunar.ours(root)[0]
    root.remove(ours)
    root.insert(0, ours)
    uca.write_bytes(thunar.serialise(tree))
    assert "differs" in thunar.status(home, env, recorder.command).detail
    thunar.install(home, recorder.command, env)
    root = thunar.parse(uca.read_bytes(), uca).getroot()
    assert root[0].findtext("unique-id") == thunar.UNIQUE_ID
    assert "/old/python" not in root[0].findtext("command")
    assert len(root.findall("action")) == 3


def test_thunar_starts_from_the_system_file(home, env, recorder):
    system = Path(env["XDG_CONFIG_DIRS"]) / "Thunar" / "uca.xml"
    system.parent.mkdir(parents=True)
    system.write_text(SYSTEM_DEFAULT, encoding="utf-8")
    [uca] = thunar.install(home, recorder.command, env)
    data = uca.read_bytes()
    assert canonical_actions(data)[0] == canonical_actions(system.read_bytes())[0]
    assert b"<!DOCTYPE actions" in data and b"Default thunar-uca configuration" in data
    assert thunar.status(home, env).installed
    # Removing ours leaves exactly the system default: the user file goes, Thunar falls back to it.
    thunar.uninstall(home, env)
    assert not uca.exists()
    assert system.read_text(encoding="utf-8") == SYSTEM_DEFAULT


def test_thunar_new_file_when_there_is_none(home, env, recorder):
    [uca] = thunar.install(home, recorder.command, env)
    root = etree.fromstring(uca.read_bytes())
    assert root.tag == "actions" and len(root) == 1
    action = root[0]
    for tag in ("icon", "name", "unique-id", "command", "description", "patterns"):
        assert action.findtext(tag), tag
    assert action.findtext("name") == "Label…"
    assert action.findtext("patterns") == "*"
    for tag in ("other-files", "text-files", "image-files", "audio-files", "video-files"):
        assert action.find(tag) is not None
    assert action.find("directories") is None
    thunar.uninstall(home, env)
    assert not uca.exists()


def test_thunar_never_expands_entities_or_loads_external_ones(home, env, recorder):
    uca = integration.config_home(home, env) / "Thunar" / "uca.xml"
    uca.parent.mkdir(parents=True)
    secret = home / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    doc = (f'<?xml version="1.0"?>\n<!DOCTYPE actions [\n<!ENTITY x "boom">\n'
           f'<!ENTITY ext SYSTEM "file://{secret}">\n]>\n'
           "<actions>\n<action>\n\t<name>&x; &ext;</name>\n\t<command>true</command>\n"
           "\t<patterns>*</patterns>\n\t<other-files/>\n</action>\n</actions>\n")
    uca.write_text(doc, encoding="utf-8")
    thunar.install(home, recorder.command, env)
    data = uca.read_text(encoding="utf-8")
    assert "TOP SECRET" not in data and "<name>&x; &ext;</name>" in data
    thunar.uninstall(home, env)
    assert uca.read_text(encoding="utf-8") == doc.replace('<?xml version="1.0"?>',
                                                           '<?xml version="1.0" encoding="UTF-8"?>')


@pytest.mark.parametrize("content", ["<actions><action>", "<other/>\n"])
def test_thunar_refuses_a_broken_file_and_leaves_it(home, env, recorder, content):
    uca = integration.config_home(home, env) / "Thunar" / "uca.xml"
    uca.parent.mkdir(parents=True)
    uca.write_text(content, encoding="utf-8")
    with pytest.raises(IntegrationError):
        thunar.install(home, recorder.command, env)
    assert uca.read_text(encoding="utf-8") == content
    assert list(uca.parent.iterdir()) == [uca], "no temporary file left behind"


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
    assert set(paths) == {bundle / "Contents/Info.plist", bundle / "Contents/document.wflow"}
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
    assert macos.uninstall(home) == [bundle]
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
