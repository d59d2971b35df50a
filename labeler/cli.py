"""The `labeler` command line: everything the GUI does, for people and scripts.

Exit codes: 0 every file succeeded, 1 some files failed (each reported),
2 bad usage.  Subcommands live in labeler/commands/.
"""
from __future__ import annotations

import argparse
import os
import sys

from labeler.commands import register_all
from labeler.commands.common import EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, UsageError


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="labeler", description="Sensitivity labels inside your documents.")
    p.add_argument("--scheme", metavar="FILE", help="use this label scheme file instead of the one in force")
    register_all(p.add_subparsers(dest="command", metavar="COMMAND"))
    return p


def main(argv: list[str] | None = None) -> int:
    p = parser()
    args = p.parse_args(sys.argv[1:] if argv is None else argv)
    try:
        if args.command is None:  # `labeler` alone: the desktop app
            from labeler.commands.gui import run_gui

            return run_gui(args)
        return args.func(args)
    except UsageError as exc:
        print(f"labeler: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("labeler: interrupted; a file being written was left as it was.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # a bug: one clear line, the traceback only on request
        if os.environ.get("LABELER_DEBUG"):
            raise
        print(f"labeler: unexpected problem ({type(exc).__name__}: {exc}); no file was left half-written. "
              "Set LABELER_DEBUG=1 for details.", file=sys.stderr)
        return EXIT_SOME_FAILED
