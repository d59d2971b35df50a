"""The syslog destination: where audit events go, checked, and where that setting comes from.

Where the destination comes from: the ``[syslog]`` table of the admin config
(labeler.org.admin_config; machine-wide, the admin's choice wins), else
``$LABELER_SYSLOG`` (``tls://host:6514?ca=/path/ca.pem&cert=…&key=…``,
``tcp://host:601``, ``udp://host:514``).  Forwarding itself is in
labeler.org.syslog_forward, which re-exports these names.
"""
from __future__ import annotations

import logging
import os
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass

# The forwarder's logger: one name for everything syslog forwarding logs.
log = logging.getLogger("labeler.org.syslog_forward")

ENV_VAR = "LABELER_SYSLOG"
FACILITIES = {
    "kern": 0, "user": 1, "mail": 2, "daemon": 3, "auth": 4, "syslog": 5, "lpr": 6, "news": 7,
    "uucp": 8, "cron": 9, "authpriv": 10, "ftp": 11, "ntp": 12, "security": 13, "console": 14,
    "solaris-cron": 15, **{f"local{i}": 16 + i for i in range(8)},
}
PROTOCOLS = ("udp", "tcp", "tls")
DEFAULT_PORT = 514
DEFAULT_PORTS = {"udp": 514, "tcp": 514, "tls": 6514}
_QUERY_FILES = {"ca": "ca_file", "ca_file": "ca_file", "cert": "cert_file", "cert_file": "cert_file",
                "key": "key_file", "key_file": "key_file"}


class SyslogConfigError(ValueError):
    """A syslog destination that cannot be used; the message says why."""


@dataclass(frozen=True)
class SyslogConfig:
    host: str
    port: int = DEFAULT_PORT
    protocol: str = "udp"  # "udp" | "tcp" | "tls"
    facility: str = "local0"  # a name from FACILITIES
    ca_file: str | None = None  # tls: trust only these CAs (PEM); None: the system's CAs
    cert_file: str | None = None  # tls: a client certificate (PEM) for collectors that ask for one
    key_file: str | None = None  # tls: its private key (PEM); None: in cert_file

    def __post_init__(self):
        if not self.host:
            raise SyslogConfigError("the syslog collector needs a host name or address")
        if not isinstance(self.port, int) or not 0 < self.port < 65536:
            raise SyslogConfigError(f"syslog port must be between 1 and 65535, not {self.port!r}")
        if self.protocol not in PROTOCOLS:
            raise SyslogConfigError(f"syslog protocol must be tls, tcp or udp, not {self.protocol!r}")
        if self.facility not in FACILITIES:
            raise SyslogConfigError(f"unknown syslog facility {self.facility!r}; use one of "
                                    + ", ".join(FACILITIES))
        if self.protocol != "tls" and (self.ca_file or self.cert_file or self.key_file):
            raise SyslogConfigError(f"a CA file or client certificate needs tls://, not {self.protocol}://")
        if self.key_file and not self.cert_file:
            raise SyslogConfigError("a client key needs its client certificate (cert_file)")

    @classmethod
    def from_url(cls, url: str) -> SyslogConfig:
        """``tls://host:6514``, ``tcp://host:port`` or ``udp://host:port`` (IPv6 as ``[::1]``), with
        optional ``?facility=authpriv`` and, for tls, ``&ca=/path/ca.pem&cert=/path/c.pem&key=/path/k.pem``."""
        parts = urllib.parse.urlsplit(url.strip())
        if parts.scheme not in PROTOCOLS or not parts.hostname:
            raise SyslogConfigError(f"{url!r} is not a syslog destination like tls://host:6514, "
                                    f"udp://host:514 or tcp://host:601")
        try:
            port = parts.port or DEFAULT_PORTS[parts.scheme]
        except ValueError:
            raise SyslogConfigError(f"{url!r} has an invalid port") from None
        query = urllib.parse.parse_qs(parts.query)
        facility = query.get("facility", ["local0"])[-1]
        files = {field: query[name][-1] for name, field in _QUERY_FILES.items() if name in query}
        return cls(parts.hostname, port, parts.scheme, facility, **files)

    def describe(self) -> str:
        return f"{self.protocol}://{self.host}:{self.port}"


def config_from_environment(environ: Mapping[str, str] | None = None) -> SyslogConfig | None:
    """The destination in ``$LABELER_SYSLOG``, None if unset; SyslogConfigError if malformed."""
    value = (os.environ if environ is None else environ).get(ENV_VAR, "").strip()
    return SyslogConfig.from_url(value) if value else None


def config_from_table(table: dict) -> SyslogConfig:
    """The destination in the admin config's ``[syslog]`` table (already checked for key names):
    ``destination`` (a URL as for $LABELER_SYSLOG) and optional ``ca_file``, ``cert_file``,
    ``key_file``, ``facility``, which win over the same settings in the URL."""
    base = SyslogConfig.from_url(str(table.get("destination", "")))
    overrides = {key: table[key] for key in ("ca_file", "cert_file", "key_file", "facility") if table.get(key)}
    if not overrides:
        return base
    values = {**{f: getattr(base, f) for f in ("host", "port", "protocol", "facility", "ca_file", "cert_file",
                                                  "key_file")}, **overrides}
    return SyslogConfig(**values)


def configured() -> SyslogConfig | None:
    """The destination in force: the admin config's [syslog] if it has one, else $LABELER_SYSLOG.

    SyslogConfigError if the one in force is malformed.  A broken admin config
    is logged and skipped here (`labeler scheme show` reports it).
    """
    from labeler.org.admin_config import AdminConfigError, load_admin_config

    try:
        admin = load_admin_config()
    except AdminConfigError as exc:
        log.warning("admin config not usable for syslog forwarding: %s", exc)
        admin = None
    if admin is not None and admin.syslog:
        return config_from_table(admin.syslog)
    return config_from_environment()
