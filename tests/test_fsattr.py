"""Labels kept in extended attributes beside a file's content (Linux)."""
from __future__ import annotations

import errno
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from formats import errors
from formats.fsattr import LINUX_PREFIX, FileAttributeHandler, _ordered_changes, _XattrStore
from formats.labelprops import LABEL_ID
from formats.model import MICROSOFT, OURS, LabelStamp, MicrosoftMapping

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="these tests use Linux extended attributes (os.setxattr)")

CONTENT = b"\x00\x01 some bytes of a format with no metadata slot \xff" * 100
FOREIGN_GUID = "11111111-2222-3333-4444-555555555555"

CONFIDENTIAL = LabelStamp("confidential", "Confidential", "example-corp", 1,
                          "2024-05-01T12:00:00Z", "alice")
INTERNAL = LabelStamp("internal", "Internal", "example-corp", 1, "2024-05-02T08:30:00Z", "bob",
                      microsoft=MicrosoftMapping("aaaaaaaa-0000-4000-8000-000000000002",
                                                 "bbbbbbbb-0000-4000-8000-00000000000b", "Internal"))


def _user_xattrs_work(directory: Path) -> bool:
    probe = directory / ".xattr-probe"
    try:
        probe.write_bytes(b"")
        os.setxattr(probe, "user.labeler-probe", b"1")
        return True
    except OSError:
        return False
    finally:
        probe.unlink(missing_ok=True)


@pytest.fixture
def workdir(tmp_path):
    """A folder on a file system that keeps user.* extended attributes."""
    if _user_xattrs_work(tmp_path):
        yield tmp_path
        return
    # Some /tmp mounts (old tmpfs) refuse user.* attributes; the checkout
    # usually sits on a disk file system that keeps them.
    for parent in (Path(__file__).parent, Path.home()):
        try:
            other = Path(tempfile.mkdtemp(prefix="fsattr-", dir=parent))
        except OSError:
            continue
        try:
            if _user_xattrs_work(other):
                yield other
                return
        finally:
            shutil.rmtree(other, ignore_errors=True)
    pytest.skip("no writable folder here (tmp, tests folder, home) keeps user.* extended attributes")


@pytest.fixture
def sample(workdir):
    path = workdir / "drawing.dwg"
    path.write_bytes(CONTENT)
    return path


def attrs(path: Path) -> dict[str, bytes]:
    return {name: os.getxattr(path, name) for name in os.listxattr(path)}


def test_written_label_reads_back_and_content_is_untouched(sample):
    mtime = sample.stat().st_mtime_ns
    handler = FileAttributeHandler()

    assert handler.write(sample, CONFIDENTIAL) is True

    result = handler.read(sample)
    assert result.ours is not None
    assert (result.ours.id, result.ours.name) == ("confidential", "Confidential")
    assert result.ours.raw["Labeler_SetBy"] == "alice"
    assert result.handler == "file attributes"
    assert result.travels_with_file is False
    assert sample.read_bytes() == CONTENT
    assert sample.stat().st_mtime_ns == mtime
    assert os.getxattr(sample, LINUX_PREFIX + "Labeler_LabelId") == b"confidential"


def test_same_label_again_changes_nothing(sample):
    handler = FileAttributeHandler()
    handler.write(sample, CONFIDENTIAL)
    before = attrs(sample)

    assert handler.write(sample, CONFIDENTIAL) is False
    assert attrs(sample) == before


def test_non_ascii_values_are_utf8(sample):
    stamp = LabelStamp("strictly-confidential", "Strikt vertrouwelijk – é", "example-corp", 1,
                       "2024-05-01T12:00:00Z", "Zoë")
    FileAttributeHandler().write(sample, stamp)

    assert os.getxattr(sample, LINUX_PREFIX + "Labeler_SetBy") == "Zoë".encode()
    assert FileAttributeHandler().read(sample).ours.name == "Strikt vertrouwelijk – é"


def test_relabel_drops_what_the_old_label_wrote(sample):
    handler = FileAttributeHandler()
    handler.write(sample, INTERNAL)
    assert any("MSIP_Label_aaaaaaaa" in name for name in os.listxattr(sample))

    handler.write(sample, CONFIDENTIAL)

    assert not any("MSIP_Label_" in name for name in os.listxattr(sample))
    assert [l.system for l in handler.read(sample).labels] == [OURS]


def test_clear_removes_only_our_attributes(sample):
    os.setxattr(sample, "user.other", b"another tool's value")
    os.setxattr(sample, f"user.MSIP_Label_{FOREIGN_GUID}_Enabled", b"true")
    handler = FileAttributeHandler()
    handler.write(sample, INTERNAL)

    assert handler.clear(sample) is True

    assert attrs(sample) == {"user.other": b"another tool's value",
                             f"user.MSIP_Label_{FOREIGN_GUID}_Enabled": b"true"}
    assert handler.read(sample).ours is None
    assert handler.clear(sample) is False


def test_foreign_labels_in_other_attributes_are_read(sample):
    os.setxattr(sample, f"user.MSIP_Label_{FOREIGN_GUID}_Enabled", b"True")
    os.setxattr(sample, f"user.vendor.MSIP_Label_{FOREIGN_GUID}_Name", b"Highly Confidential")
    os.setxattr(sample, "user.urn:bails:IntellectualProperty:BusinessAuthorizationCategory:Name",
                b"Secret")
    os.setxattr(sample, "user.xdg.comment", b"not a label")

    labels = FileAttributeHandler().read(sample).labels

    by_system = {l.system: l for l in labels}
    assert by_system[MICROSOFT].id == FOREIGN_GUID
    assert by_system[MICROSOFT].name == "Highly Confidential"
    assert by_system["tscp"].name == "Secret"
    assert OURS not in by_system
    assert all(l.where == "extended attributes user.*" for l in labels)


def test_read_only_file_is_refused_and_unchanged(sample):
    handler = FileAttributeHandler()
    handler.write(sample, CONFIDENTIAL)
    before = attrs(sample)
    sample.chmod(stat.S_IRUSR | stat.S_IRGRP)
    try:
        with pytest.raises(errors.FormatError) as caught:
            handler.write(sample, INTERNAL)
        assert caught.value.kind == errors.READ_ONLY
        assert attrs(sample) == before
        assert sample.read_bytes() == CONTENT
    finally:
        sample.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_folder_and_missing_file(workdir):
    handler = FileAttributeHandler()
    for operation in (handler.read, lambda p: handler.write(p, CONFIDENTIAL)):
        with pytest.raises(errors.FormatError) as caught:
            operation(workdir)
        assert caught.value.kind == errors.NOT_A_FILE
        with pytest.raises(errors.FormatError) as caught:
            operation(workdir / "gone.bin")
        assert caught.value.kind == errors.VANISHED


class _FailingXattrs:
    """os.*xattr, but the n-th setxattr fails with `code`."""

    def __init__(self, fail_at: int, code: int):
        self.calls = 0
        self.fail_at = fail_at
        self.code = code
        self.listxattr, self.getxattr, self.removexattr = os.listxattr, os.getxattr, os.removexattr

    def setxattr(self, path, name, value):
        self.calls += 1
        if self.calls == self.fail_at:
            raise OSError(self.code, os.strerror(self.code), str(path))
        os.setxattr(path, name, value)


@pytest.mark.parametrize("code, kind", [(errno.ENOSPC, errors.NO_SPACE),
                                        (errno.EOPNOTSUPP, errors.CANNOT_LABEL_HERE)])
def test_failure_midway_puts_the_old_attributes_back(sample, code, kind):
    FileAttributeHandler().write(sample, CONFIDENTIAL)
    os.setxattr(sample, "user.other", b"x")
    before = attrs(sample)
    flaky = FileAttributeHandler(store=_XattrStore(LINUX_PREFIX, "user.", _FailingXattrs(5, code)))

    with pytest.raises(errors.FormatError) as caught:
        flaky.write(sample, INTERNAL)

    assert caught.value.kind == kind
    assert attrs(sample) == before


def test_label_id_is_removed_first_and_set_last():
    old = {LABEL_ID: "a", "Labeler_LabelName": "A", "Labeler_Old": "x"}
    new = {LABEL_ID: "b", "Labeler_LabelName": "B", "Labeler_New": "y"}

    changes = _ordered_changes(old, new)

    assert changes[0] == (LABEL_ID, None)
    assert changes[-1] == (LABEL_ID, "b")
    assert sorted(changes[1:-1], key=str) == sorted(
        [("Labeler_LabelName", "B"), ("Labeler_New", "y"), ("Labeler_Old", None)], key=str)


def _refuses_user_xattrs(path: Path) -> bool:
    try:
        os.getxattr(path, "user.labeler.probe")
    except OSError as exc:
        return exc.errno in (errno.ENOTSUP, errno.EOPNOTSUPP)
    return False


@pytest.fixture
def file_on_drive_without_attributes(tmp_path):
    """A real file on a file system that keeps no user.* attributes.

    ramfs has none; mounting it needs root.  Without root, procfs files
    of our own process are the only candidates, and their folder is not
    writable, so the test is skipped.
    """
    if os.geteuid() == 0 and shutil.which("mount") and shutil.which("umount"):
        mountpoint = tmp_path / "ramfs"
        mountpoint.mkdir()
        mounted = subprocess.run(["mount", "-t", "ramfs", "labeler-test", str(mountpoint)],
                                 capture_output=True).returncode == 0
        if mounted:
            try:
                path = mountpoint / "scan.tif"
                path.write_bytes(CONTENT)
                if _refuses_user_xattrs(path):
                    yield path
                    return
            finally:
                subprocess.run(["umount", str(mountpoint)], capture_output=True)
    proc_file = Path("/proc/self/comm")
    if os.access(proc_file.parent, os.W_OK | os.X_OK) and _refuses_user_xattrs(proc_file):
        yield proc_file
        return
    pytest.skip("no file system without extended attributes is reachable here "
                "(mounting ramfs needs root)")


def test_drive_without_attributes_cannot_be_labelled(file_on_drive_without_attributes):
    path = file_on_drive_without_attributes
    content = path.read_bytes()
    handler = FileAttributeHandler()

    with pytest.raises(errors.FormatError) as caught:
        handler.write(path, CONFIDENTIAL)

    assert caught.value.kind == errors.CANNOT_LABEL_HERE
    assert path.name in caught.value.message
    assert "cannot store labels beside files" in caught.value.message
    assert path.read_bytes() == content
    assert handler.read(path).labels == ()
    assert handler.clear(path) is False
