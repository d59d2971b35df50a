"""The `labeler` command line: everything the GUI does, for people and scripts.

Exit codes: 0 every file succeeded, 1 some files failed (each reported),
2 bad usage.  Subcommands live in labeler/commands/; docs/cli.md is the
reference for the options they share.
"""
from __future__ import annotations

import sys

from labeler.commands import MODULES, register_all
from labeler.commands.common import EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, UsageError, add_verbosity

# Not typing's: `labeler show` answered by the running app imports nothing it can do without (typing, logging
# and contextlib are a noticeable part of such a run); mypy takes any TYPE_CHECKING as true.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

DEBUG_HELP = "log everything, to standard error too, and show the details of an unexpected problem"


def version() -> str:
    """The installed package's version, or the source tree's when it is not installed."""
    from importlib.metadata import PackageNotFoundError, version as installed_version

    try:
        return installed_version("labeler")
    except PackageNotFoundError:
        from labeler import __version__

        return __version__


def _version_action() -> type[argparse.Action]:
    import argparse

    class _Version(argparse.Action):
        """--version: the package metadata is read only when asked (it costs every other run ~20 ms)."""

        def __call__(self, parser, namespace, values, option_string=None):
            # On standard output, like argparse's own --version: `v=$(labeler --version)` must work.
            print(f"labeler {version()}")
            parser.exit()

    return _Version


_TOP_OPTIONS_WITH_VALUE = ("--scheme",)
# Commands a person waits for, and the module that registers each: tried first (the file manager's
# "Label…" runs `label-dialog`).  A wrong entry only costs time: the other modules follow.
_WAITED_FOR = {"label-dialog": "labeler.commands.gui", "gui": "labeler.commands.gui",
               "send-dialog": "labeler.commands.gui", "show": "labeler.commands.files"}


def _command_in(argv: list[str] | None) -> str | None:
    """The subcommand `argv` names (the first word that is not a top-level option), if any."""
    if argv is None:
        return None
    words = iter(argv)
    for word in words:
        if word in _TOP_OPTIONS_WITH_VALUE:
            next(words, None)
        elif word == "--" or not word.startswith("-"):
            return None if word == "--" else word
        elif not word.startswith(("-q", "-v", "--quiet", "--verbose", "--scheme=", "--debug")):
            return None  # -h, --version, a mistake: the whole parser
    return None


def parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The command line's parser.  Given the arguments, only the modules up to the one that registers
    the command they name are imported (`labeler show` does not load the audit or integration code)."""
    import argparse

    p = argparse.ArgumentParser(prog="labeler", description="Sensitivity labels inside your documents.")
    p.add_argument("--version", action=_version_action(), nargs=0, help="show the program's version number and exit")
    p.add_argument("--scheme", metavar="FILE", help="use this label scheme file instead of the one in force")
    add_verbosity(p, after_command=False)
    p.add_argument("--debug", action="store_true", help=DEBUG_HELP)
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    wanted = _command_in(argv)
    if wanted is None:
        register_all(sub)
    else:
        import importlib

        first = _WAITED_FOR.get(wanted)
        for name in ([first] if first in MODULES else []) + [m for m in MODULES if m != first]:
            importlib.import_module(name).register(sub)
            if wanted in sub.choices:
                break
    for command in {id(c): c for c in sub.choices.values()}.values():  # once each, aliases included
        add_verbosity(command)
    for each in {id(c): c for c in sub.choices.values()}.values():  # `labeler show --debug` too
        each.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=DEBUG_HELP)
    return p


# The plainest forms of the commands a person waits for are read without argparse: building its parser (a
# help formatter per option, the terminal's width, gettext) costs `labeler show FILE` more than reading the
# file does.  Any other form goes to the full parser; tests/test_latency_paths.py checks that both read these
# forms alike.
_SHOW_FLAGS = {"--json": "json", "-r": "recursive", "--recursive": "recursive", "-q": "quiet", "--quiet": "quiet",
               "--debug": "debug"}  # and -v/--verbose, counted


def plain_show(words: list[str]) -> dict | None:
    """The options and paths of `show [FLAG...] PATH... [FLAG...]` (`words`: what follows `show`; FLAG: --json
    -r -q -v --debug and their long forms), as the parser would read them; None for any other form."""
    paths: list[str] = []
    flags = {"recursive": False, "json": False, "quiet": False, "debug": False}
    verbose, after_paths = 0, False
    for word in words:
        if not word.startswith("-"):
            if after_paths:
                return None  # paths on both sides of an option: the parser refuses the second group
            paths.append(word)
            continue
        if word in ("-v", "--verbose"):
            verbose += 1
        elif word in _SHOW_FLAGS:
            flags[_SHOW_FLAGS[word]] = True
        else:
            return None  # "-", "--", -vv, --from-file, -h, an abbreviation, a mistake: the parser's
        after_paths = bool(paths)
    return {**flags, "verbose": verbose, "paths": paths} if paths else None


def quick_args(argv: list[str]):
    """The arguments of `show [FLAG...] PATH... [FLAG...]` (see plain_show) or `label-dialog [--] PATH...`,
    as the parser would read them; None for anything else."""
    from types import SimpleNamespace

    command, words = (argv[0], argv[1:]) if argv else (None, [])
    top = {"version": None, "scheme": None, "quiet": False, "verbose": 0, "debug": False, "command": command}
    if command == "label-dialog":
        dashes = words[:1] == ["--"]
        files = words[1:] if dashes else words
        if not files or (not dashes and any(word.startswith("-") for word in files)):
            return None
        from labeler.commands.gui import run_label_dialog

        return SimpleNamespace(**top, paths=files, func=run_label_dialog)
    show = plain_show(words) if command == "show" else None
    if show is None:
        return None
    from labeler.commands.files import run_show

    return SimpleNamespace(**{**top, **show}, from_file=None, null=False, func=run_show)


INTERRUPTED = "labeler: interrupted; a file being written was left as it was."
QUIET_AND_VERBOSE = "-q (only errors) and -v (more detail) cannot be used together."


def usage_line(problem: UsageError) -> str:
    return f"labeler: {problem}"


def answer_show(args, out, err, cwd: str, vet) -> int:
    """`labeler show` in its plain form (quick_args), as main() runs it, for a command typed in another
    process (ui/show_service.py): written to `out` and `err`, paths from `cwd`, a usage error said on `err`
    (exit 2).  Any other exception is the caller's: that process then runs the command itself."""
    from labeler.commands.files import run_show

    try:
        if args.quiet and args.verbose:
            raise UsageError(QUIET_AND_VERBOSE)
        if args.quiet and not args.json:
            import io

            out = io.StringIO()  # only errors, as main() sends the rest to the null device
        return run_show(args, out=out, err=err, cwd=cwd, parallel=False, vet=vet)
    except UsageError as exc:
        print(usage_line(exc), file=err)
        return EXIT_USAGE


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["show"] and plain_show(argv[1:]) is not None:
        # The desktop app, when it runs, has everything loaded: it answers at once (docs/cli.md).
        from labeler.show_client import answered_by_app

        try:
            code = answered_by_app(argv)
        except KeyboardInterrupt:
            print(INTERRUPTED, file=sys.stderr)
            return 130
        if code is not None:
            return code
    args = quick_args(argv) or parser(argv).parse_args(argv)
    import logging

    from labeler import logs

    debug = logs.setup("cli", args.debug, stderr_level=logging.WARNING).debug
    try:
        if args.quiet and args.verbose:
            raise UsageError(QUIET_AND_VERBOSE)
        if args.command is None:  # `labeler` alone: the desktop app
            from labeler.commands.gui import run_gui

            return run_gui(args)
        if args.quiet and not getattr(args, "json", False):
            import contextlib
            import os

            # Only errors: they go to stderr, and the exit code says the rest.
            with open(os.devnull, "w", encoding="utf-8") as null, contextlib.redirect_stdout(null):
                return args.func(args)
        return args.func(args)
    except UsageError as exc:
        print(usage_line(exc), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(INTERRUPTED, file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # a bug: one clear line, the traceback in the log (and here with --debug)
        if debug:
            raise
        logging.getLogger("labeler.cli").error("unexpected problem", exc_info=True, extra=logs.FILE_ONLY)
        where = logs.current()
        details = f"Details are in {where.path}; run" if where and where.path and where.path.exists() else "Run"
        print(f"labeler: unexpected problem ({type(exc).__name__}: {exc}); no file was left half-written. "
              f"{details} with --debug to see them here.", file=sys.stderr)
        return EXIT_SOME_FAILED
