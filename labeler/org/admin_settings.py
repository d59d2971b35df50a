"""Settings an admin forces on every user of the machine: the optional `[settings]` table.

It lives in the machine-wide admin config (labeler.org.admin_config, which finds
the file and hands this table to `parse_settings_table`):

    [settings]
    watched_folders = ["~/Documents", "/srv/projects"]   # "~" is each user's home
    notifications = true
    quiet_hours = ["22:00", "07:00"]                     # or leave the key out
    language = "nl"                                      # "system" or a code of labeler.languages
    start_at_login = true

A key the admin writes overrides the user's own value, and the settings window
shows it read-only ("Set by your administrator").  A key left out stays the
user's choice.  The values follow the same rules as the user's settings file
(labeler.desktop.settings); a wrong value or an unknown key is an error naming it, so
a typo never silently leaves a setting unenforced.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from labeler.desktop.settings import VALIDATORS as USER_RULES  # one set of rules for the user's file and the admin's

#: The settings an admin may force (the others are the user's own state: pause, snooze, ignored folders).
KEYS = ("watched_folders", "notifications", "quiet_hours", "language", "start_at_login")


@dataclass(frozen=True)
class AdminSettings:
    """The forced values, by setting name; an empty one forces nothing."""

    values: dict[str, Any] = field(default_factory=dict)

    def forces(self, key: str) -> bool:
        return key in self.values

    def __bool__(self) -> bool:
        return bool(self.values)

    def apply_to(self, settings) -> list[str]:
        """Set the forced values on a `Settings`; the names of those that changed."""
        changed = []
        for key, value in self.values.items():
            if getattr(settings, key) != value:
                setattr(settings, key, list(value) if isinstance(value, list) else value)
                changed.append(key)
        return changed

    def to_json(self) -> dict:
        return {k: list(v) if isinstance(v, tuple) else v for k, v in self.values.items()}


def parse_settings_table(table: Any, problems: list[str]) -> AdminSettings:
    """Validate the `[settings]` table; every problem is appended as "settings.key: why"."""
    if not isinstance(table, dict):
        problems.append("settings: must be a table")
        return AdminSettings()
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in KEYS:
            problems.append(f"settings.{key}: unknown key (allowed here: {', '.join(KEYS)})")
            continue
        try:
            values[key] = USER_RULES[key](value)
        except (TypeError, ValueError) as exc:
            problems.append(f"settings.{key}: {exc}")
    return AdminSettings(values)
