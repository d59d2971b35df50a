"""Which file system a folder lives on, to avoid native watching where it fails.

Native change notification (inotify, FSEvents, ReadDirectoryChangesW) sees
only changes made through this computer; on a network share or a FUSE
file system other people's changes never arrive, and some servers drop
notifications altogether.  There the watcher polls instead.
"""
from __future__ import annotations

import os
import sys

NETWORK_TYPES = frozenset({
    "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "ncpfs", "afs", "9p", "ceph",
    "glusterfs", "lustre", "gpfs", "davfs", "webdav", "sshfs", "afpfs", "vboxsf", "vmhgfs",
})


def is_network_type(fstype: str) -> bool:
    fstype = fstype.lower()
    return fstype in NETWORK_TYPES or fstype.startswith("fuse.") or fstype == "fuse"


def _unescape(field: str) -> str:
    # /proc/self/mountinfo writes space, tab, newline and backslash as \ooo.
    out, i = [], 0
    while i < len(field):
        if field[i] == "\\" and i + 3 < len(field) and field[i + 1:i + 4].isdigit():
            out.append(chr(int(field[i + 1:i + 4], 8)))
            i += 4
        else:
            out.append(field[i])
            i += 1
    return "".join(out)


def parse_mountinfo(text: str) -> list[tuple[str, str]]:
    """(mount point, file system type) for each line of /proc/self/mountinfo."""
    mounts = []
    for line in text.splitlines():
        fields = line.split()
        if "-" not in fields or len(fields) < 5:
            continue
        sep = fields.index("-")
        if sep + 1 < len(fields):
            mounts.append((_unescape(fields[4]), fields[sep + 1]))
    return mounts


def parse_proc_mounts(text: str) -> list[tuple[str, str]]:
    """(mount point, file system type) for each line of /proc/mounts."""
    mounts = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 3:
            mounts.append((_unescape(fields[1]), fields[2]))
    return mounts


def filesystem_type(path: str | os.PathLike, mounts: list[tuple[str, str]]) -> str | None:
    """The type of the file system holding `path`: the longest mount point above it."""
    path = os.fspath(path)
    best, best_type = -1, None
    for point, fstype in mounts:
        if path == point or path.startswith(point.rstrip("/") + "/") or point == "/":
            if len(point) > best:
                best, best_type = len(point), fstype
    return best_type


def _linux_mounts() -> list[tuple[str, str]]:
    for source, parse in (("/proc/self/mountinfo", parse_mountinfo), ("/proc/mounts", parse_proc_mounts)):
        try:
            with open(source, encoding="utf-8", errors="surrogateescape") as f:
                return parse(f.read())
        except OSError:
            continue
    return []


def _windows_is_remote(path: str) -> bool:
    if path.startswith(("\\\\", "//")):
        return True  # a UNC path: \\server\share
    if sys.platform != "win32":  # no windll elsewhere (type checkers then skip the call below)
        return False
    try:
        import ctypes

        drive = os.path.splitdrive(path)[0]
        if not drive:
            return False
        return ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == 4  # DRIVE_REMOTE
    except Exception:
        return False


def network_filesystem(path: str | os.PathLike) -> str | None:
    """The file system type if `path` is on a network or FUSE file system, else None.

    Linux reads the mount table; Windows asks for the drive type; elsewhere
    (macOS) nothing is detected and native watching is tried.
    """
    path = os.path.realpath(os.fspath(path))
    if sys.platform.startswith("linux"):
        fstype = filesystem_type(path, _linux_mounts())
        return fstype if fstype and is_network_type(fstype) else None
    if os.name == "nt":
        return "network drive" if _windows_is_remote(path) else None
    return None


def display_type(fstype: str) -> str:
    """A name for people: "cifs" → "SMB/Windows share", "fuse.sshfs" → "SSH (sshfs)"."""
    fstype = fstype.lower()
    if fstype in ("cifs", "smb", "smb2", "smb3", "smbfs"):
        return "Windows (SMB) share"
    if fstype.startswith("nfs"):
        return "NFS share"
    if fstype in ("fuse.sshfs", "sshfs"):
        return "SSH (sshfs) folder"
    return fstype
