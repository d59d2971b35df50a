"""The machine-wide admin config: where the label scheme comes from and which keys sign it.

One TOML file per machine, written by an admin (see docs/admin.md):

    [scheme]
    source = "https://intranet.example.com/labeler/scheme.toml"   # or a path on a share
    trusted_keys = ["ed25519:…"]
    check_interval_minutes = 60
    update_timeout_seconds = 30     # optional: the longest one check for a new scheme may take
    minimum_version = 10            # optional: never accept (or use) a scheme below this version

    [syslog]              # optional: forward the audit trail to the SIEM (labeler.org.syslog_forward)
    destination = "tls://siem.example.com:6514"
    ca_file = "/etc/labeler/siem-ca.pem"   # optional; default: the system's CAs

    [settings]            # optional: settings forced on every user (labeler.org.admin_settings)
    notifications = true

Where it is looked for, first found wins:

- ``$LABELER_ADMIN_CONFIG`` if set (then nothing else is looked at);
- Linux and other Unix: ``/etc/labeler/config.toml``, then
  ``<dir>/labeler/config.toml`` for each dir of ``$XDG_CONFIG_DIRS``
  (default ``/etc/xdg``);
- macOS: ``/Library/Application Support/labeler/config.toml``;
- Windows: ``%ProgramData%\\labeler\\config.toml``.

No config file means the machine is not managed: the app uses the last good
scheme it stored, else the built-in one.  A config file with mistakes is an
`AdminConfigError` naming every problem, never a silently ignored setting.
"""
from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

# tomllib, urllib.parse, the key parser and the settings' rules are imported when a config is read: most
# machines have none, and every command asks (`labeler show FILE` pays for what is imported here).
if TYPE_CHECKING:
    from labeler.org.admin_settings import AdminSettings

ENV_VAR = "LABELER_ADMIN_CONFIG"
FILE_NAME = "config.toml"
APP_FOLDER = "labeler"
DEFAULT_INTERVAL_MINUTES = 60
MIN_INTERVAL_MINUTES = 1
MAX_INTERVAL_MINUTES = 7 * 24 * 60
DEFAULT_UPDATE_TIMEOUT_SECONDS = 30
MIN_UPDATE_TIMEOUT_SECONDS = 1
MAX_UPDATE_TIMEOUT_SECONDS = 300

_TOP_KEYS = ("scheme", "settings", "syslog")
_SCHEME_KEYS = ("source", "trusted_keys", "check_interval_minutes", "update_timeout_seconds", "minimum_version")
_SYSLOG_KEYS = ("destination", "ca_file", "cert_file", "key_file", "facility")
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def _no_settings() -> AdminSettings:
    from labeler.org.admin_settings import AdminSettings

    return AdminSettings()


class AdminConfigError(Exception):
    """An admin config that cannot be used; the message names the file and every problem."""

    def __init__(self, message: str, *, path: str | None = None, problems: tuple[str, ...] = ()):
        super().__init__(message)
        self.message = message
        self.path = path
        self.problems = problems or (message,)

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class AdminConfig:
    path: str  # the file it was read from
    source: str  # an http(s) URL or an absolute file path, as the admin wrote it
    trusted_keys: tuple[str, ...]  # "ed25519:…" lines
    check_interval_minutes: int = DEFAULT_INTERVAL_MINUTES
    settings: AdminSettings = field(default_factory=_no_settings)  # forced on every user; may be empty
    update_timeout_seconds: float = DEFAULT_UPDATE_TIMEOUT_SECONDS  # the deadline of one scheme check
    # The rollback floor that survives a wiped data folder: no scheme below it is accepted or used.
    minimum_version: int | None = None
    syslog: dict | None = None  # the [syslog] table, checked; labeler.org.syslog_forward reads it

    @property
    def source_is_url(self) -> bool:
        return is_url(self.source)

    @property
    def trusted_key_ids(self) -> tuple[str, ...]:
        from policy.signing import key_id

        return tuple(key_id(k) for k in self.trusted_keys)

    def to_json(self) -> dict:
        return {"path": self.path, "source": self.source, "trusted_key_ids": list(self.trusted_key_ids),
                "check_interval_minutes": self.check_interval_minutes, "settings": self.settings.to_json(),
                "update_timeout_seconds": self.update_timeout_seconds, "minimum_version": self.minimum_version,
                "syslog": dict(self.syslog) if self.syslog else None}


def is_url(source: str) -> bool:
    return bool(_URL.match(source))


def file_source_path(source: str) -> Path:
    """The path of a file source (a plain path or a file:// URL)."""
    if source.lower().startswith("file://"):
        import urllib.parse
        from urllib.request import url2pathname  # only for file: URLs; it pulls in http and ssl

        parsed = urllib.parse.urlsplit(source)
        path = url2pathname(parsed.path)
        if parsed.netloc and parsed.netloc.lower() != "localhost":
            path = f"//{parsed.netloc}{path}"  # file://server/share/x -> UNC path
        return Path(path)
    return Path(source)


def config_locations(platform: str | None = None, environ: Mapping[str, str] | None = None) -> list[Path]:
    """Every place an admin config is looked for on this machine, in order."""
    platform = platform or sys.platform
    environ = os.environ if environ is None else environ
    override = environ.get(ENV_VAR)
    if override:
        return [Path(override)]
    if platform.startswith("win"):
        program_data = environ.get("ProgramData") or environ.get("PROGRAMDATA") or r"C:\ProgramData"
        return [Path(program_data) / APP_FOLDER / FILE_NAME]
    if platform == "darwin":
        return [Path("/Library/Application Support") / APP_FOLDER / FILE_NAME]
    locations = [Path("/etc") / APP_FOLDER / FILE_NAME]
    xdg_dirs = environ.get("XDG_CONFIG_DIRS") or "/etc/xdg"
    for folder in xdg_dirs.split(os.pathsep):
        if folder and os.path.isabs(folder):
            candidate = Path(folder) / APP_FOLDER / FILE_NAME
            if candidate not in locations:
                locations.append(candidate)
    return locations


def find_config() -> Path | None:
    """The admin config file in force, or None if this machine has none."""
    for path in config_locations():
        if path.is_file():
            return path
    return None


def load_admin_config(path: str | Path | None = None) -> AdminConfig | None:
    """The admin config (from `path`, else the first one found), or None if there is none."""
    if path is None:
        path = find_config()
        if path is None:
            return None
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise AdminConfigError(f"{path}: the admin config cannot be read ({exc.strerror or exc}).",
                               path=str(path)) from None
    return parse_admin_config(data, str(path))


def parse_admin_config(data: bytes, path: str) -> AdminConfig:
    """Validate the bytes of an admin config; every problem is reported at once."""
    import tomllib

    from labeler.org.admin_settings import AdminSettings, parse_settings_table

    try:
        document = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise AdminConfigError(f"{path}: is not UTF-8 text (byte {exc.start}).", path=path) from None
    except tomllib.TOMLDecodeError as exc:
        raise AdminConfigError(f"{path}: not valid TOML: {exc}", path=path) from None
    problems: list[str] = []
    for key in document:
        if key not in _TOP_KEYS:
            problems.append(f"{key}: unknown key (allowed at the top: {', '.join(_TOP_KEYS)})")
    table = document.get("scheme")
    source: str | None = None
    keys: tuple[str, ...] = ()
    interval = DEFAULT_INTERVAL_MINUTES
    update_timeout: float = DEFAULT_UPDATE_TIMEOUT_SECONDS
    minimum: int | None = None
    if table is None:
        problems.append("scheme: is missing (a [scheme] table with source and trusted_keys)")
    elif not isinstance(table, dict):
        problems.append(f"scheme: must be a table, not {_kind(table)}")
    else:
        for key in table:
            if key not in _SCHEME_KEYS:
                problems.append(f"scheme.{key}: unknown key (allowed here: {', '.join(_SCHEME_KEYS)})")
        source = _source(table.get("source"), problems)
        keys = _keys(table.get("trusted_keys"), problems)
        interval = _interval(table.get("check_interval_minutes", DEFAULT_INTERVAL_MINUTES), problems)
        update_timeout = _update_timeout(table.get("update_timeout_seconds", DEFAULT_UPDATE_TIMEOUT_SECONDS),
                                         problems)
        minimum = _minimum_version(table.get("minimum_version"), problems)
    forced = parse_settings_table(document["settings"], problems) if "settings" in document else AdminSettings()
    syslog = _syslog(document["syslog"], problems) if "syslog" in document else None
    if problems:
        if len(problems) == 1:
            message = f"{path}: {problems[0]}"
        else:
            message = f"{path}: {len(problems)} problems:\n" + "\n".join(f"  {p}" for p in problems)
        raise AdminConfigError(message, path=path, problems=tuple(problems))
    assert source is not None  # else a problem was reported
    return AdminConfig(path, source, keys, interval, forced, update_timeout, minimum, syslog)


def _source(value: Any, problems: list[str]) -> str | None:
    where = "scheme.source"
    if value is None:
        problems.append(f"{where}: is missing (an https:// URL or the path of the scheme file)")
        return None
    if not isinstance(value, str) or not value.strip():
        problems.append(f"{where}: must be a non-empty string, not {_kind(value)}")
        return None
    value = value.strip()
    if is_url(value):
        scheme = value.split(":", 1)[0].lower()
        if scheme not in ("http", "https", "file"):
            problems.append(f"{where}: {scheme}:// is not supported (use https://, http:// or a file path)")
            return None
        import urllib.parse

        if scheme != "file" and not urllib.parse.urlsplit(value).hostname:
            problems.append(f"{where}: {value!r} has no host name")
            return None
        return value
    if not (os.path.isabs(value) or value.startswith(("\\\\", "//"))):
        problems.append(f"{where}: {value!r} is a relative path; give the full path of the scheme file "
                        f"(e.g. /srv/share/scheme.toml or \\\\server\\share\\scheme.toml) or an https:// URL")
        return None
    return value


def _keys(value: Any, problems: list[str]) -> tuple[str, ...]:
    where = "scheme.trusted_keys"
    if value is None:
        problems.append(f"{where}: is missing (the public keys, 'ed25519:…', whose signatures are accepted)")
        return ()
    if not isinstance(value, list):
        problems.append(f"{where}: must be an array of public keys like [\"ed25519:…\"], not {_kind(value)}")
        return ()
    if not value:
        problems.append(f"{where}: is empty, so no scheme could ever be accepted; add at least one key")
        return ()
    from policy.signing import KeyFormatError, parse_public_key

    keys = []
    for index, item in enumerate(value):
        try:
            parse_public_key(item)
        except KeyFormatError as exc:
            problems.append(f"{where}[{index}]: {exc}")
        else:
            keys.append(item.strip())
    return tuple(keys)


def _interval(value: Any, problems: list[str]) -> int:
    where = "scheme.check_interval_minutes"
    if isinstance(value, bool) or not isinstance(value, int):
        problems.append(f"{where}: must be a whole number of minutes, not {_kind(value)}")
        return DEFAULT_INTERVAL_MINUTES
    if not MIN_INTERVAL_MINUTES <= value <= MAX_INTERVAL_MINUTES:
        problems.append(f"{where}: {value} is out of range ({MIN_INTERVAL_MINUTES} to {MAX_INTERVAL_MINUTES})")
        return DEFAULT_INTERVAL_MINUTES
    return value


def _update_timeout(value: Any, problems: list[str]) -> float:
    where = "scheme.update_timeout_seconds"
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        problems.append(f"{where}: must be a number of seconds, not {_kind(value)}")
        return DEFAULT_UPDATE_TIMEOUT_SECONDS
    if not MIN_UPDATE_TIMEOUT_SECONDS <= value <= MAX_UPDATE_TIMEOUT_SECONDS:
        problems.append(f"{where}: {value} is out of range ({MIN_UPDATE_TIMEOUT_SECONDS} to "
                        f"{MAX_UPDATE_TIMEOUT_SECONDS})")
        return DEFAULT_UPDATE_TIMEOUT_SECONDS
    return value


def _minimum_version(value: Any, problems: list[str]) -> int | None:
    where = "scheme.minimum_version"
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        problems.append(f"{where}: must be a whole number of at least 1 (the lowest scheme version this "
                        f"machine accepts), not {value!r}")
        return None
    return value


def _syslog(value: Any, problems: list[str]) -> dict | None:
    """The [syslog] table: checked here so that a typo is reported with the rest of the config."""
    if not isinstance(value, dict):
        problems.append(f"syslog: must be a table, not {_kind(value)}")
        return None
    ok = True
    for key in value:
        if key not in _SYSLOG_KEYS:
            problems.append(f"syslog.{key}: unknown key (allowed here: {', '.join(_SYSLOG_KEYS)})")
            ok = False
    for key, item in value.items():
        if key in _SYSLOG_KEYS and (not isinstance(item, str) or not item.strip()):
            problems.append(f"syslog.{key}: must be a non-empty string, not {_kind(item)}")
            ok = False
    if "destination" not in value:
        problems.append("syslog.destination: is missing (for example \"tls://siem.example.com:6514\")")
        ok = False
    if not ok:
        return None
    from labeler.org.syslog_forward import SyslogConfigError, config_from_table

    try:
        config_from_table(value)
    except SyslogConfigError as exc:
        problems.append(f"syslog: {exc}")
        return None
    return {key: item.strip() for key, item in value.items()}


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    return {str: "a string", int: "a number", float: "a number", dict: "a table",
            list: "an array"}.get(type(value), type(value).__name__)


def load_admin_settings(path: str | Path | None = None) -> tuple[AdminSettings, str | None]:
    """The forced settings of this machine and a sentence if they could not be read.

    Read on their own (not through the whole admin config) so that a mistake
    in the `[scheme]` table does not lift the admin's settings, and the other
    way round.  No admin config: nothing forced, no problem.
    """
    import tomllib

    from labeler.org.admin_settings import AdminSettings, parse_settings_table

    if path is None:
        path = find_config()
        if path is None:
            return AdminSettings(), None
    path = Path(path)
    try:
        document = tomllib.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        return AdminSettings(), None
    except OSError as exc:
        return AdminSettings(), f"{path}: the admin config cannot be read ({exc.strerror or exc})."
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return AdminSettings(), f"{path}: the admin config is not valid TOML ({exc})."
    if "settings" not in document:
        return AdminSettings(), None
    problems: list[str] = []
    forced = parse_settings_table(document["settings"], problems)
    problem = f"{path}: " + "; ".join(problems) if problems else None
    return forced, problem
