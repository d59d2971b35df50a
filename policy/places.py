"""Where documents leave the computer: the scheme's sharing places and collaboration space.

A *sharing place* is a folder whose files leave the person's hands: a USB
stick's mount point, a personal cloud's sync folder, the company's own sync
folder.  The scheme maps sharing channels to place patterns in `[sharing]`
(docs/scheme.md); a channel the scheme does not list keeps its default here.

    [sharing]
    collaboration_url = "https://example.sharepoint.com/sites/documents"
    [sharing.places]
    personal-cloud = ["~/Dropbox", "~/OneDrive - Personal"]
    collaboration = ["~/OneDrive - Example Corp"]

A pattern is a full path, which may start with `~` (the home folder) and
hold `${user}` (the login name) and `${home}`; or the keyword
`removable-drives` (the removable drive letters on Windows).  Turning
patterns into folders for the person at the keyboard happens on the desktop
(labeler/desktop/sharing/places.py); here they are only read and checked.

Pure data and checks: no I/O, nothing imported from formats/ or labeler/.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from .channels import CHANNEL_IDS, EMAIL_CHANNELS

if TYPE_CHECKING:
    from .fields import FieldReader

REMOVABLE_DRIVES = "removable-drives"  # keyword: every removable drive letter (Windows)
VARIABLES = ("${user}", "${home}")

# The defaults, for a scheme that does not list a channel.  The removable-media
# folders are the *parents* of the mount points (/media/ann/STICK): a stick
# plugged in later appears below them.  The company's own sync folders are
# the admin's to name (channel "collaboration"), so there is no default for them.
DEFAULT_PLACES: dict[str, tuple[str, ...]] = {
    "removable-media": ("/media/${user}", "/run/media/${user}", "/Volumes", REMOVABLE_DRIVES),
    "personal-cloud": ("~/Dropbox", "~/OneDrive - Personal", "~/Google Drive", "~/iCloud Drive", "~/pCloudDrive",
                       "~/MEGA"),
}
# The platforms (platform_family) where a built-in default exists: one scheme serves every platform, so
# its defaults name them all, and each computer uses its own (an admin's list is used as written).
WINDOWS, MACOS, UNIX = "windows", "macos", "unix"
DEFAULT_PLATFORMS: dict[str, str] = {"/media/${user}": UNIX, "/run/media/${user}": UNIX, "/Volumes": MACOS,
                                     REMOVABLE_DRIVES: WINDOWS}

# A channel whose documents land in a folder: every channel but e-mail.
PLACE_CHANNELS: tuple[str, ...] = tuple(c for c in CHANNEL_IDS if c not in EMAIL_CHANNELS)

_SHARING_KEYS = ("collaboration_url", "places")
_VARIABLE = re.compile(r"\$\{[^}]*\}?")
_WINDOWS_ABSOLUTE = re.compile(r"^(?:[A-Za-z]:[\\/]|\\\\[^\\]+\\[^\\]+)")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
MAX_PATTERN_CHARS = 1024


def default_places() -> dict[str, tuple[str, ...]]:
    """A fresh copy of DEFAULT_PLACES (a Scheme's value when its file has no `[sharing]`)."""
    return dict(DEFAULT_PLACES)


def merged(places: Mapping[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """The defaults with the channels the scheme lists replaced by its own (an empty list: no places)."""
    result = default_places()
    result.update({channel: tuple(patterns) for channel, patterns in places.items()})
    return result


def platform_family(platform: str) -> str:
    """WINDOWS, MACOS or UNIX (Linux, the BSDs) for a `sys.platform` value."""
    if platform.startswith(("win32", "cygwin")):
        return WINDOWS
    return MACOS if platform == "darwin" else UNIX


def for_platform(channel: str, patterns: tuple[str, ...], platform: str) -> tuple[str, ...]:
    """A channel's patterns for `platform` (a `sys.platform` value).

    When they are the built-in defaults (the scheme does not list the
    channel), those of other platforms are left out: /Volumes on Linux,
    /media/${user} on a Mac; such a folder never exists there.  A list the
    scheme gives is returned as written.
    """
    if tuple(patterns) != DEFAULT_PLACES.get(channel):
        return tuple(patterns)
    family = platform_family(platform)
    return tuple(p for p in patterns if DEFAULT_PLATFORMS.get(p, family) == family)


def pattern_problem(pattern: str) -> str | None:
    """Why `pattern` cannot be a place pattern (a sentence without the pattern), or None when it can."""
    if pattern == REMOVABLE_DRIVES:
        return None
    if not pattern.strip():
        return "must not be empty"
    if pattern != pattern.strip():
        return "must not start or end with spaces"
    if len(pattern) > MAX_PATTERN_CHARS:
        return f"is longer than {MAX_PATTERN_CHARS} characters"
    if _CONTROL.search(pattern):
        return "must be one line without control characters"
    for variable in _VARIABLE.findall(pattern):
        if variable not in VARIABLES:
            return f"{variable} is not a variable a place may use (only {', '.join(VARIABLES)})"
    if "~" in pattern and not (pattern == "~" or pattern.startswith(("~/", "~\\"))):
        return "may use ~ only at its start, for the home folder (~/Dropbox)"
    if not (pattern.startswith(("~", "/", "${home}", "${user}")) or _WINDOWS_ABSOLUTE.match(pattern)):
        return (f"must be a full path (/media/${{user}}, C:\\Sync), start with ~ or ${{home}}, or be the "
                f"keyword {REMOVABLE_DRIVES}")
    if pattern.startswith("${user}"):
        return "must be a full path: ${user} is a name, not a folder (use ~ or ${home} for the home folder)"
    if any(part == ".." for part in re.split(r"[\\/]", pattern)):
        return "must not contain .."
    return None


def url_problem(url: str) -> str | None:
    """Why `url` cannot be the collaboration space's address, or None when it can."""
    if _CONTROL.search(url) or " " in url.strip():
        return "must be one web address without spaces"
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return "is not a web address"
    if parts.scheme not in ("https", "http") or not parts.netloc:
        return "must be a web address starting with https:// (or http://)"
    return None


def read_sharing(reader: FieldReader, value: Any) -> tuple[dict[str, tuple[str, ...]], str | None]:
    """`[sharing]` of a scheme document: (places merged with the defaults, collaboration_url or None).

    Problems are reported to `reader` with their field paths
    (`sharing.places.personal-cloud[1]`), which the loader turns into lines.
    """
    from .fields import key_path

    table = reader.table(value, "sharing", _SHARING_KEYS, ())
    if table is None:
        return default_places(), None
    url = reader.text(table, "collaboration_url", "sharing") if "collaboration_url" in table else None
    if url is not None and (problem := url_problem(url)) is not None:
        reader.problem("sharing.collaboration_url", f"{url!r} {problem}")
        url = None
    places: dict[str, tuple[str, ...]] = {}
    if "places" in table:
        listed = reader.table(table["places"], "sharing.places", PLACE_CHANNELS, ())
        for channel_id, patterns in (listed or {}).items():
            if channel_id not in PLACE_CHANNELS:
                continue  # reported by table(): unknown key, with the allowed ones
            where = key_path("sharing.places", channel_id)
            if not isinstance(patterns, list):
                patterns = [patterns]
            found: list[str] = []
            for index, pattern in enumerate(patterns):
                here = f"{where}[{index}]"
                if not isinstance(pattern, str):
                    reader.problem(here, "must be a string: a folder such as ~/Dropbox")
                elif (problem := pattern_problem(pattern)) is not None:
                    reader.problem(here, f"{pattern!r} {problem}")
                elif pattern in found:
                    reader.problem(here, f"{pattern!r} is listed twice")
                else:
                    found.append(pattern)
            places[channel_id] = tuple(found)
    return merged(places), url.strip() if url else None
