"""What every subcommand shares: exit codes, usage errors, the scheme, JSON."""
from __future__ import annotations

import sys

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad usage: printed as one line, exit code 2."""


def load_scheme(args):
    """The scheme the command works with: --scheme FILE, else the one in force
    (the last good signed scheme from the admin's source, or the built-in demo)."""
    from policy import SchemeError, load_scheme as load_file

    try:
        if getattr(args, "scheme", None):
            return load_file(args.scheme)
        from labeler.org.distribution import in_force

        return in_force().scheme
    except SchemeError as exc:
        raise UsageError(str(exc)) from None


def print_json(value, file=None) -> None:
    import json

    from labeler.core.names import json_safe

    out = file or sys.stdout
    json.dump(json_safe(value), out, ensure_ascii=False, indent=1)
    out.write("\n")


def print_line(text: str, file=None) -> None:
    """One line for a person, with file names' control characters escaped."""
    from labeler.core.names import safe_text

    print(safe_text(text), file=file or sys.stdout)


# -- options several commands share ---------------------------------------------------------

NOT_FOUND = "not-found"  # a path given on the command line (or in --from-file) that does not exist
GLOB_CHARACTERS = "*?["


def add_verbosity(p, after_command: bool = True) -> None:
    """-q (only errors) and -v (more detail): on the main parser, and again on each subcommand so that
    `labeler apply -q ...` works too (there the options leave the main parser's value alone unless given)."""
    import argparse

    quiet_default = argparse.SUPPRESS if after_command else False
    verbose_default = argparse.SUPPRESS if after_command else 0
    p.add_argument("-q", "--quiet", action="store_true", default=quiet_default,
                   help="print only errors (--json output is still printed)")
    p.add_argument("-v", "--verbose", action="count", default=verbose_default, help="print more detail")


def add_path_arguments(p, recursive: bool = True) -> None:
    """PATH..., --from-file FILE|- and --null: the files a command works on."""
    p.add_argument("paths", nargs="*", metavar="PATH")
    if recursive:
        p.add_argument("-r", "--recursive", action="store_true", help="include the files in folders")
    p.add_argument("--from-file", metavar="FILE", dest="from_file",
                   help="also read the paths from FILE ('-' for standard input), one a line; NUL-separated "
                        "when the input contains a NUL byte (find -print0) or with --null")
    p.add_argument("-0", "--null", action="store_true",
                   help="the --from-file list is NUL-separated (like xargs -0), even without a NUL in it")


def read_path_list(data: bytes, null: bool = False) -> list[str]:
    """The paths in a --from-file list: NUL-separated when `null` or the data has a NUL, else one a line.

    In the line form a trailing carriage return (a list saved on Windows) is
    dropped and empty lines are skipped; in the NUL form names are taken as
    they are, newlines and all.  Bytes that are not valid UTF-8 are kept as
    the operating system's file-name bytes.
    """
    import os

    if null or b"\0" in data:
        items = data.split(b"\0")
    else:
        items = [line[:-1] if line.endswith(b"\r") else line for line in data.split(b"\n")]
    return [os.fsdecode(item) for item in items if item]


def given_paths(args) -> list[str]:
    """The paths named on the command line, then those of --from-file; a usage error when there are none."""
    import sys

    paths = list(getattr(args, "paths", None) or [])
    source = getattr(args, "from_file", None)
    if source:
        if source == "-":
            data = sys.stdin.buffer.read()
        else:
            try:
                with open(source, "rb") as f:
                    data = f.read()
            except FileNotFoundError:
                raise UsageError(f"--from-file {source}: no such file.") from None
            except OSError as exc:
                raise UsageError(f"--from-file {source} could not be read ({exc.strerror or exc}).") from None
        paths += read_path_list(data, getattr(args, "null", False))
    elif getattr(args, "null", False):
        raise UsageError("--null only applies to the list read with --from-file.")
    if not paths:
        raise UsageError(f"{args.command}: name at least one file (PATH, or --from-file FILE).")
    return paths


def missing_sentence(path: str, cwd: str | None = None) -> str | None:
    """None when `path` exists; else a sentence naming the file that treats it as a mistake in what
    was typed: a typo, or a pattern the shell did not expand.  A relative `path` is looked for in `cwd`
    (default: this process's working folder) and named as it was typed.

    A file that disappears while a command works on it is another matter:
    the formats say "no longer exists (it was moved or deleted)" for that.
    """
    import os

    def here(name: str) -> str:
        return os.path.join(cwd, name) if cwd else name

    if os.path.lexists(here(path)):
        return None
    import difflib

    name = os.path.basename(path.rstrip("/" + os.sep)) or path
    text = f"no such file or folder: {name}."
    if any(ch in os.path.basename(path) for ch in GLOB_CHARACTERS):
        text += (" It looks like a pattern that no file matches, or that was quoted so the shell did not "
                 "expand it; name the files, or a folder with --recursive.")
        return text
    folder = os.path.dirname(path) or "."
    if not os.path.isdir(here(folder)):
        return f"no such file or folder: {name} (there is no folder {folder})."
    try:
        names = os.listdir(here(folder))
    except OSError:
        return text
    close = difflib.get_close_matches(os.path.basename(path), names, n=1, cutoff=0.75)
    if close:
        text += f" Did you mean {os.path.join(os.path.dirname(path), close[0])}?"
    return text
