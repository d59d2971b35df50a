"""The sharing places of this person on this computer: the scheme's patterns resolved, plus their own.

    places = resolve_places(scheme, settings.sharing_places)
    place_of(Path("/home/ann/Dropbox/budget.xlsx"), places)   # Place(/home/ann/Dropbox, personal-cloud)

Patterns (policy/places.py) are expanded for the current user: `~` and
`${home}` are the home folder (HOME is honoured, so a throwaway HOME works in
tests), `${user}` the login name, and `removable-drives` the drive letters
Windows reports as removable.  Places that do not exist yet are returned all
the same: a stick is plugged in, a sync client creates its folder later.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from policy.places import REMOVABLE_DRIVES, for_platform

from labeler.system import current_user

SCHEME, USER = "scheme", "user"
DRIVE_REMOVABLE = 2  # GetDriveTypeW


@dataclass(frozen=True)
class Place:
    """A folder whose files go out through `channel`; `origin` is "scheme" or "user" (the settings)."""

    path: Path
    channel: str
    origin: str  # SCHEME | USER


@dataclass(frozen=True)
class Arrival:
    """A file that appeared in a sharing place (reported by place_watcher.PlaceWatcher)."""

    path: Path
    place: Place


def home_folder() -> Path:
    """The home folder: $HOME where it is set (tests, portable setups), else the system's idea of it."""
    return Path(os.path.expanduser("~"))


def expand(pattern: str, home: Path | None = None, user: str | None = None) -> list[Path]:
    """The folders a pattern means for this user: none, one, or (removable-drives) one per drive."""
    if pattern == REMOVABLE_DRIVES:
        return removable_drives()
    home = home if home is not None else home_folder()
    user = user if user is not None else current_user()
    text = pattern.replace("${home}", str(home)).replace("${user}", user)
    if text == "~" or text.startswith(("~/", "~\\")):
        text = str(home) + text[1:]
    if os.name == "nt" and not os.path.splitdrive(text)[0]:
        return []  # a POSIX folder such as /media/${user}: no such place on Windows
    return [Path(os.path.normpath(text))]


def removable_drives() -> list[Path]:
    """The root folders of the drives Windows reports as removable (E:\\, F:\\, …); none elsewhere."""
    if sys.platform != "win32":  # no windll elsewhere (type checkers then skip the calls below)
        return []
    try:
        import ctypes

        kernel32 = ctypes.windll.kernel32
        mask = kernel32.GetLogicalDrives()
        roots = [f"{chr(ord('A') + i)}:\\" for i in range(26) if mask & (1 << i)]
        return [Path(root) for root in roots if kernel32.GetDriveTypeW(root) == DRIVE_REMOVABLE]
    except Exception:  # no drive information: no removable drives to watch
        return []


def resolve_places(scheme, user_places: Sequence[tuple[str, str]] = (), platform: str = sys.platform
                   ) -> list[Place]:
    """Every sharing place for this user: the scheme's (its own or the defaults), then the settings' own.

    A folder named twice keeps its first channel: the scheme's, before the
    person's.  Missing folders are kept; the watcher picks them up when they
    appear.  Of the built-in defaults only this platform's are used
    (policy.places.for_platform: no /Volumes on Linux, no /media/${user} on a
    Mac); a list the scheme gives is used as written.
    """
    home, user = home_folder(), current_user()
    places: list[Place] = []
    seen: set[Path] = set()

    def add(path: Path, channel: str, origin: str) -> None:
        if path not in seen:
            seen.add(path)
            places.append(Place(path, channel, origin))

    for channel, patterns in getattr(scheme, "sharing_places", {}).items():
        for pattern in for_platform(channel, patterns, platform):
            for path in expand(pattern, home, user):
                add(path, channel, SCHEME)
    for folder, channel in user_places:
        for path in expand(folder, home, user):
            add(path, channel, USER)
    return places


def _spellings(path: Path) -> tuple[str, ...]:
    """The path as given and with symbolic links resolved (a sync folder is often a link elsewhere)."""
    given = os.path.normpath(os.fspath(path))
    try:
        real = os.path.realpath(given)
    except (OSError, ValueError):
        real = given
    return (given,) if real == given else (given, real)


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("\\/") + os.sep)


def place_of(path: Path, places: Sequence[Place]) -> Place | None:
    """The most specific place that contains `path` (a stick's own place before its parent's), or None."""
    candidates = _spellings(path)
    best: Place | None = None
    best_length = -1
    for place in places:
        for folder in _spellings(place.path):
            if len(folder) > best_length and any(_inside(c, folder) for c in candidates):
                best, best_length = place, len(folder)
    return best
