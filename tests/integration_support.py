"""Shared by the file-manager integration tests: the fake HOME fixtures and faithful launcher expanders.

The fixtures (a fake HOME, an XDG environment, an argument recorder, files
with awkward names) and the strict Desktop Entry / GLib / Nemo expanders that
run an entry's command the way its file manager does.
"""
from __future__ import annotations

import configparser
import json
import sys
import textwrap
from pathlib import Path

import pytest

from labeler.desktop.integration.quoting import EXEC_RESERVED


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
