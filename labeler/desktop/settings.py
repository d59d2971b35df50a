"""Per-user settings: a typed, validated value saved as TOML.

The file is `settings.toml` in the user's config folder (platformdirs:
Linux ~/.config/labeler, macOS ~/Library/Application Support/labeler,
Windows %LOCALAPPDATA%\\labeler); the environment variable
LABELER_CONFIG_DIR overrides the folder (tests, portable installs).

Loading never fails: a missing file gives the defaults; an unreadable or
corrupt file gives the defaults and a sentence in `Settings.load_problem`
(the file itself is kept and, on the next save, moved aside to
`settings.toml.bad` so the user's text is not lost); a single bad value
falls back to that value's default and is also reported there.

Unknown keys are *kept*: they are logged at debug level, remembered in
`Settings.extra` and written back unchanged on save, so a setting written
by a newer version of the app survives a round trip through an older one.

Saving is atomic (temp file beside it, fsync, os.replace).  The TOML
writer is our own (there is no TOML writer in the standard library); it
handles the few types settings use: strings, booleans, numbers, dates,
lists of those and tables.
"""
from __future__ import annotations

from formats.atomic import write_bytes_atomically

import contextlib
import datetime as dt
import logging
import math
import os
import re
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

from labeler import languages  # noqa: E402
from labeler.system import APP_NAME  # noqa: E402  (one name for folders, logs, sockets)
CONFIG_DIR_ENV = "LABELER_CONFIG_DIR"
FILE_NAME = "settings.toml"
_HHMM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


def config_dir() -> Path:
    """The user's config folder for the app (not created here)."""
    override = os.environ.get(CONFIG_DIR_ENV)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def settings_path() -> Path:
    return config_dir() / FILE_NAME


def default_watched_folders() -> list[str]:
    """The user's Documents and Desktop folders, those that exist."""
    import platformdirs

    found: list[str] = []
    for getter in (platformdirs.user_documents_dir, platformdirs.user_desktop_dir):
        try:
            folder = getter()
        except Exception:  # no such folder concept on this system
            continue
        if folder and os.path.isdir(folder) and folder not in found:
            found.append(folder)
    return found


def parse_datetime(text: str | None) -> dt.datetime | None:
    """An aware datetime from ISO text (naive text counts as local time)."""
    if not text:
        return None
    value = dt.datetime.fromisoformat(text)
    return value if value.tzinfo else value.astimezone()


@dataclass
class Settings:
    watched_folders: list[str] = field(default_factory=default_watched_folders)
    ignored_folders: list[str] = field(default_factory=list)  # "Don't ask for this folder"
    notifications: bool = True
    quiet_hours: tuple[str, str] | None = None  # ("22:00", "07:30"); may span midnight
    language: str = languages.SYSTEM  # or a code of labeler.languages.codes()
    paused: bool = False
    start_at_login: bool = False
    snoozed_until: str | None = None  # ISO 8601 with offset; "Later" until then
    # The person's own sharing places, beside the scheme's: (folder, channel id) pairs.
    sharing_places: list[tuple[str, str]] = field(default_factory=list)

    # Not settings: where they came from, what went wrong reading them, unknown keys.
    path: Path | None = field(default=None, repr=False, compare=False)
    load_problem: str | None = field(default=None, repr=False, compare=False)
    extra: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    _move_aside: bool = field(default=False, repr=False, compare=False)

    # -- loading -----------------------------------------------------------
    @classmethod
    def load(cls, path: str | Path | None = None) -> Settings:
        path = Path(path) if path is not None else settings_path()
        try:
            with open(path, "rb") as f:
                data = tomllib.load(f)
        except FileNotFoundError:
            return cls(path=path)
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError, ValueError) as exc:
            what = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            settings = cls(path=path)
            settings.load_problem = (f"The settings file {path} could not be read ({what}); "
                                     "the default settings are used.")
            settings._move_aside = not isinstance(exc, OSError)
            log.warning("%s", settings.load_problem)
            return settings
        return cls.from_dict(data, path=path)

    @classmethod
    def from_dict(cls, data: dict[str, Any], path: Path | None = None) -> Settings:
        settings = cls(path=path)
        problems: list[str] = []
        known = {f.name for f in fields(cls) if not f.name.startswith("_")} - {"path", "load_problem", "extra"}
        for key, value in data.items():
            if key not in known:
                settings.extra[key] = value
                continue
            try:
                setattr(settings, key, VALIDATORS[key](value))
            except (TypeError, ValueError) as exc:
                problems.append(f"{key}: {exc}")
        if settings.extra:
            log.debug("settings: keeping unknown keys %s", ", ".join(sorted(settings.extra)))
        if problems:
            settings.load_problem = ("Some settings were not valid and their defaults are used instead: "
                                     + "; ".join(problems) + ".")
            log.warning("%s", settings.load_problem)
        return settings

    # -- saving ------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "watched_folders": list(self.watched_folders),
            "ignored_folders": list(self.ignored_folders),
            "notifications": bool(self.notifications),
            "language": self.language,
            "paused": bool(self.paused),
            "start_at_login": bool(self.start_at_login),
        }
        if self.quiet_hours is not None:
            data["quiet_hours"] = list(self.quiet_hours)
        if self.snoozed_until is not None:
            data["snoozed_until"] = self.snoozed_until
        if self.sharing_places:
            data["sharing_places"] = [{"path": folder, "channel": channel} for folder, channel in self.sharing_places]
        for key, value in self.extra.items():
            data.setdefault(key, value)
        return data

    def save(self, path: str | Path | None = None) -> Path:
        """Write the settings atomically; returns the file written. Raises OSError."""
        self.validate()
        target = Path(path) if path is not None else (self.path or settings_path())
        text = "# Labeler settings (written by the app; edit while it is not running).\n" + dumps(self.to_dict())
        target.parent.mkdir(parents=True, exist_ok=True)
        if self._move_aside and target.exists():
            with contextlib.suppress(OSError):
                os.replace(target, target.with_name(target.name + ".bad"))
            self._move_aside = False
        write_bytes_atomically(target, text.encode("utf-8"))
        self.path = target
        return target

    def validate(self) -> None:
        """Raise ValueError if a value set in code is not valid."""
        for key, check in VALIDATORS.items():
            try:
                setattr(self, key, check(getattr(self, key)))
            except (TypeError, ValueError) as exc:
                raise ValueError(f"{key}: {exc}") from None

    # -- conveniences ------------------------------------------------------
    def ui_language(self) -> str:
        return languages.resolve(self.language)

    def snoozed_until_time(self) -> dt.datetime | None:
        try:
            return parse_datetime(self.snoozed_until)
        except ValueError:
            return None


# -- validation -------------------------------------------------------------
def _folders(value: Any) -> list[str]:
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise TypeError("must be a list of folder paths")
    result: list[str] = []
    for raw in value:
        folder = os.path.expanduser(raw.strip())
        if folder and folder not in result:
            result.append(folder)
    return result


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError("must be true or false")
    return value


def _quiet_hours(value: Any) -> tuple[str, str] | None:
    if value is None:
        return None
    if (not isinstance(value, (list, tuple)) or len(value) != 2
            or not all(isinstance(v, str) and _HHMM.match(v.strip()) for v in value)):
        raise ValueError('must be two times like ["22:00", "07:00"]')
    return (value[0].strip(), value[1].strip())


def _language(value: Any) -> str:
    choices = languages.setting_choices()
    if value not in choices:
        raise ValueError(f"must be one of {', '.join(choices)}")
    return value


def _snoozed_until(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):  # a TOML datetime written by hand
        value = (value if value.tzinfo else value.astimezone()).isoformat(timespec="seconds")
    if not isinstance(value, str):
        raise TypeError("must be a date and time")
    parse_datetime(value)  # ValueError if not ISO
    return value


def _sharing_places(value: Any) -> list[tuple[str, str]]:
    """[[sharing_places]] tables (path, channel), or (folder, channel) pairs set in code."""
    from policy.places import PLACE_CHANNELS

    if not isinstance(value, (list, tuple)):
        raise TypeError("must be a list of tables with path and channel")
    result: list[tuple[str, str]] = []
    for item in value:
        if isinstance(item, dict) and set(item) == {"path", "channel"}:
            folder, channel = item["path"], item["channel"]
        elif isinstance(item, (list, tuple)) and len(item) == 2:
            folder, channel = item
        else:
            raise TypeError("each sharing place needs a path and a channel, and nothing else")
        if not isinstance(folder, str) or not folder.strip() or "\n" in folder:
            raise ValueError("a sharing place's path must be one line naming a folder")
        if channel not in PLACE_CHANNELS:
            raise ValueError(f"{channel!r} is not a channel a place can have ({', '.join(PLACE_CHANNELS)})")
        folder = os.path.expanduser(folder.strip())
        if not os.path.isabs(folder):
            raise ValueError(f"{folder!r} is not a full path")
        if all(folder != known for known, _ in result):
            result.append((folder, channel))
    return result


VALIDATORS = {
    "watched_folders": _folders,
    "ignored_folders": _folders,
    "notifications": _bool,
    "quiet_hours": _quiet_hours,
    "language": _language,
    "paused": _bool,
    "start_at_login": _bool,
    "snoozed_until": _snoozed_until,
    "sharing_places": _sharing_places,
}


# -- TOML writing -------------------------------------------------------------
_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def dumps(data: dict[str, Any]) -> str:
    """TOML text for a dict of simple values, lists and (nested) tables."""
    lines: list[str] = []
    _dump_table(data, [], lines)
    return "\n".join(lines) + "\n"


def _dump_table(table: dict[str, Any], prefix: list[str], lines: list[str]) -> None:
    scalars = [(k, v) for k, v in table.items() if not isinstance(v, dict)]
    tables = [(k, v) for k, v in table.items() if isinstance(v, dict)]
    if prefix and (scalars or not tables):
        lines.append(f"\n[{'.'.join(_key(k) for k in prefix)}]")
    for key, value in scalars:
        if value is None:
            continue  # TOML has no null: leaving the key out means "not set"
        lines.append(f"{_key(key)} = {_value(value)}")
    for key, value in tables:
        _dump_table(value, prefix + [key], lines)


def _key(key: str) -> str:
    return key if _BARE_KEY.match(key) else _string(key)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_value(v) for v in value if v is not None) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items() if v is not None) + "}"
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


def _string(text: str) -> str:
    out = ['"']
    for ch in text:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


