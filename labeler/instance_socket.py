"""Where the desktop app's instance socket lives, for the app and for the commands that talk to it.

The app (ui/single_instance.py) listens in the first of `candidate_folders()`
that is a private (0700, ours) folder it can make; `labeler show` asks it there
(labeler/show_client.py) without making anything.  Both take the folders, the
file names and the login name from here, so they cannot drift apart.  Only
`os` is imported (tempfile, and pwd where no login name is in the
environment, only when needed): a delegated `labeler show` pays for this.
"""
from __future__ import annotations

import os

RUNTIME_DIR_ENV = "LABELER_RUNTIME_DIR"  # override (tests, portable installs)
# A socket path is limited to ~104 bytes: a folder longer than this leaves no room for the file name.
MAX_FOLDER_CHARS = 80


def login_name() -> str:
    """The login name as getpass.getuser() finds it (without importing getpass); "unknown" with none."""
    name = next((os.environ[k] for k in ("LOGNAME", "USER", "LNAME", "USERNAME") if os.environ.get(k)), None)
    if name is None:
        try:
            import pwd

            name = pwd.getpwuid(os.getuid())[0]
        except (ImportError, KeyError):
            name = os.environ.get("USERNAME", "unknown")
    return name


def safe_user() -> str:
    """The login name made safe for a file or pipe name."""
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in login_name()) or "user"


def socket_file() -> str:
    return f"labeler-{safe_user()}.sock"


def lock_file() -> str:
    return f"labeler-{safe_user()}.lock"


def candidate_folders():
    """The folders for the socket on Unix, in the order they are tried: the override, XDG_RUNTIME_DIR's
    labeler folder, then (only if those fail: tempfile is imported only then) the temp folder's and the
    home's."""
    override = os.environ.get(RUNTIME_DIR_ENV)
    if override:
        yield override
    xdg = os.environ.get("XDG_RUNTIME_DIR")
    if xdg and os.path.isdir(xdg):
        yield os.path.join(xdg, "labeler")
    import tempfile

    yield os.path.join(tempfile.gettempdir(), f"labeler-{os.getuid()}")
    yield os.path.join(os.path.expanduser("~"), ".labeler-run")
