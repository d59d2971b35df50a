"""Quoting a command for each kind of menu entry.

Every format has its own rules, and each is applied by a different program:

- POSIX shell (Nautilus script, Thunar's command, macOS Quick Action):
  single quotes, `'` written as `'\\''` (shlex.quote).
- Thunar additionally expands `%f %F %u …` in the text *before* the shell
  sees it, and a lone `%` followed by anything else is dropped: a literal
  `%` must be written `%%`.
- freedesktop Desktop Entry `Exec` (Dolphin service menu, Nemo action): an
  argument containing a reserved character is put in double quotes with
  `"`, `` ` ``, `$` and `\\` escaped by a backslash; a literal `%` is `%%`;
  then the whole value gets the key-file string escapes (`\\` → `\\\\`,
  newline → `\\n`, …), which readers undo first.
- Windows command line (registry verb): the MSVCRT / CommandLineToArgvW rules.
"""
from __future__ import annotations

import shlex
import subprocess

# Desktop Entry spec, "The Exec key": characters that force quoting.
EXEC_RESERVED = frozenset(' \t\n"\'\\><~|&;$*?#()`')
_EXEC_ESCAPED_IN_QUOTES = '"`$\\'


def sh_quote(arg: str) -> str:
    """One argument for a POSIX shell."""
    return shlex.quote(arg)


def sh_join(args) -> str:
    return " ".join(sh_quote(a) for a in args)


def percent_escape(text: str) -> str:
    """`%` → `%%`, for formats that expand %-codes (Desktop Entry Exec, Thunar, Nemo)."""
    return text.replace("%", "%%")


def exec_quote(arg: str) -> str:
    """One argument of a Desktop Entry `Exec` value (before key-file escaping)."""
    if arg and not (set(arg) & EXEC_RESERVED):
        return percent_escape(arg)
    inner = "".join("\\" + c if c in _EXEC_ESCAPED_IN_QUOTES else c for c in arg)
    return '"' + percent_escape(inner) + '"'


def exec_line(args, field_code: str = "%F") -> str:
    """A whole `Exec` command line: quoted arguments, then the unquoted field code."""
    return " ".join([*(exec_quote(a) for a in args), field_code])


def keyfile_escape(value: str) -> str:
    """Escape a string value for a .desktop / key file (GLib and KConfig both undo these)."""
    out = []
    for i, c in enumerate(value):
        if c == "\\":
            out.append("\\\\")
        elif c == "\n":
            out.append("\\n")
        elif c == "\t":
            out.append("\\t")
        elif c == "\r":
            out.append("\\r")
        elif c == " " and i == 0:
            out.append("\\s")
        else:
            out.append(c)
    return "".join(out)


def keyfile_exec(args, field_code: str = "%F") -> str:
    """A whole `Exec` value as a Desktop Entry key file holds it: `exec_line`, then key-file escaped."""
    return keyfile_escape(exec_line(args, field_code))


def thunar_command(args, field_code: str = "%F") -> str:
    """Thunar's <command>: shell-quoted arguments with `%` doubled, then the field code."""
    return " ".join([*(percent_escape(sh_quote(a)) for a in args), field_code])


def windows_join(args) -> str:
    """A Windows command line that CommandLineToArgvW / the MSVCRT split back into `args`.

    The program path is always quoted (it usually contains spaces: "Program Files").
    """
    args = list(args)
    if not args:
        return ""
    first = args[0]
    if '"' in first:
        raise ValueError("a Windows program path cannot contain a double quote")
    return " ".join(['"' + first + '"', *([subprocess.list2cmdline(args[1:])] if args[1:] else [])])
