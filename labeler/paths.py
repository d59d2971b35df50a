"""Where the app keeps per-user data (the last good scheme, its state, …).

`data_dir()` is the user's data folder from platformdirs
(Linux ~/.local/share/labeler, macOS ~/Library/Application Support/labeler,
Windows %LOCALAPPDATA%\\labeler); the environment variable
LABELER_DATA_DIR overrides it (tests, portable installs).
"""
from __future__ import annotations

import os
from pathlib import Path

from labeler.system import APP_NAME  # noqa: E402  (one name for folders, logs, sockets)
DATA_DIR_ENV = "LABELER_DATA_DIR"


def data_dir() -> Path:
    """The user's data folder for the app (not created here)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def user_dir(env: str, kind: str, in_data_dir: str) -> Path:
    """A per-user folder of the app (not created here): $`env` when set; else, when the data folder is
    moved with $LABELER_DATA_DIR (tests, portable installs), its folder `in_data_dir`; else the user's
    folder of that `kind` from platformdirs ("log": user_log_dir, "cache": user_cache_dir, ...)."""
    override = os.environ.get(env)
    if override:
        return Path(override)
    if os.environ.get(DATA_DIR_ENV):
        return data_dir() / in_data_dir
    import platformdirs

    return Path(getattr(platformdirs, f"user_{kind}_dir")(APP_NAME, appauthor=False))


def scheme_dir() -> Path:
    """Where the last good scheme, its signature and its state are kept."""
    return data_dir() / "scheme"


def audit_log_path() -> Path:
    """The local audit trail of label changes (JSON lines, hash-chained; see labeler/audit.py)."""
    return data_dir() / "audit.jsonl"


def syslog_outbox_path() -> Path:
    """Syslog messages not yet delivered to the collector (see labeler/syslog_forward.py)."""
    return data_dir() / "syslog-outbox.jsonl"
