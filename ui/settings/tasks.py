"""The settings window's slow work, as plain functions a `ui.workers.Worker` runs off the GUI thread.

No Qt here.  The right-click integration uses the same modules as
`labeler integrate` (labeler.desktop.integration); "Check now" the same store as
`labeler scheme update` (labeler.org.distribution).
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from labeler.desktop import integration
from labeler.org.admin_config import AdminConfig, AdminConfigError, load_admin_config
from labeler.org.distribution import InForce, SchemeStore, State
from labeler.desktop.integration import IntegrationError

INSTALL, UNINSTALL = "install", "uninstall"


# --- the right-click menu ----------------------------------------------------------

@dataclass
class MenuEntry:
    """One file manager's "Label…" entry: its state now, and what the last action did to it."""

    name: str
    title: str
    installed: bool
    current: bool  # installed and exactly what this installation writes
    blocked: bool  # a file of the same name that we did not write is in the way
    present: bool | None  # is the file manager installed? None: always (Explorer, Finder)
    detail: str  # the core's sentence (English), shown as a tooltip
    error: str | None = None  # the last action failed for this one
    paths: list[str] = field(default_factory=list)


def _present(mod) -> bool | None:
    binary = getattr(mod, "BINARY", None)
    return None if binary is None else shutil.which(binary) is not None


def menu_status(home: Path | None = None, env=None) -> list[MenuEntry]:
    """The entry of every file manager of this system."""
    home = Path(home or Path.home())
    command = integration.default_command()
    entries = []
    for name in integration.for_platform():
        mod = integration.module(name)
        try:
            status = mod.status(home, env=env, command=command)
        except (IntegrationError, OSError) as exc:
            entries.append(MenuEntry(name, mod.TITLE, False, False, False, _present(mod), str(exc), str(exc)))
            continue
        entries.append(MenuEntry(name, mod.TITLE, status.installed, status.detail == "installed",
                                 not status.installed and bool(status.paths), _present(mod), status.detail,
                                 paths=[str(p) for p in status.paths]))
    return entries


def change_menu(action: str, home: Path | None = None, env=None) -> list[MenuEntry]:
    """Install or uninstall every entry (one failure never stops the others); the status after it."""
    home = Path(home or Path.home())
    command = integration.default_command()
    errors: dict[str, str] = {}
    for name in integration.for_platform():
        mod = integration.module(name)
        try:
            if action == INSTALL:
                mod.install(home, command, env=env)
            else:
                mod.uninstall(home, env=env)
        except (IntegrationError, OSError) as exc:
            errors[name] = str(exc)
    entries = menu_status(home, env)
    for entry in entries:
        entry.error = errors.get(entry.name, entry.error)
    return entries


# --- the scheme ----------------------------------------------------------------------

@dataclass
class SchemeReport:
    """Everything the scheme section shows."""

    force: InForce
    state: State
    config: AdminConfig | None
    config_problem: str | None = None  # the admin config exists but cannot be used


def scheme_report(force: InForce, store: SchemeStore | None = None) -> SchemeReport:
    """What is known now (reads the small state file and the admin config; no network)."""
    store = store or SchemeStore.default()
    try:
        config, problem = load_admin_config(), None
    except AdminConfigError as exc:
        config, problem = None, str(exc)
    return SchemeReport(force, store.load_state(), config, problem)


def check_now(store: SchemeStore | None = None) -> SchemeReport:
    """Fetch the admin's scheme now (network or share: a worker); the report after it.

    Raises AdminConfigError if the admin config is broken and LookupError if
    there is none (nothing to check against).
    """
    store = store or SchemeStore.default()
    config = load_admin_config()
    if config is None:
        raise LookupError("no administrator source is configured")
    state = store.check(config)
    return SchemeReport(store.scheme_in_force(config), state, config)
