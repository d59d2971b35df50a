"""What every subcommand shares: exit codes, usage errors, the scheme, JSON."""
from __future__ import annotations

import json
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


def print_json(value) -> None:
    from labeler.core.names import json_safe

    json.dump(json_safe(value), sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


def print_line(text: str, file=None) -> None:
    """One line for a person, with file names' control characters escaped."""
    from labeler.core.names import safe_text

    print(safe_text(text), file=file or sys.stdout)
