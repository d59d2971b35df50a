"""Bad input: a file system or attribute store that keeps no attributes means cannot-label-here."""
from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

import bad_input_support as support
import pytest
from bad_input_support import (assert_cli_fails, assert_sentence, assert_unchanged, snapshot)

from conftest import make_stamp
from formats.errors import FormatError

# The shared pytest fixtures, bound here so pytest finds them in this module.
make_docx, make_pdf = support.make_docx, support.make_pdf


# -- file systems that keep no attributes -------------------------------------
_NO_XATTR_TYPES = {"vfat", "msdos", "exfat", "ramfs", "fat", "umsdos", "iso9660", "udf", "hfs"}


def _folder_without_xattrs() -> Path | None:
    """A writable folder on a file system without user xattrs, if this machine has one."""
    candidates = [os.environ["LABELER_NOXATTR_DIR"]] if os.environ.get("LABELER_NOXATTR_DIR") else []
    try:
        with open("/proc/mounts", encoding="utf-8") as f:
            for line in f:
                _dev, mount, fstype, options, *_ = line.split()
                if fstype in _NO_XATTR_TYPES and "rw" in options.split(","):
                    candidates.append(mount.replace("\\040", " "))
    except OSError:
        pass
    for folder in candidates:
        if not os.access(folder, os.W_OK):
            continue
        try:
            fd, probe = tempfile.mkstemp(dir=folder, prefix="labeler-xattr-probe-")
        except OSError:
            continue
        os.close(fd)
        try:
            os.setxattr(probe, "user.labeler.probe", b"1")
        except OSError as exc:
            if exc.errno in (errno.ENOTSUP, errno.EOPNOTSUPP):
                return Path(folder)
        finally:
            os.unlink(probe)
    return None


@pytest.mark.skipif(not hasattr(os, "setxattr"), reason="Linux xattr API needed")
def test_file_on_file_system_without_attributes_cannot_be_labelled_there():
    folder = _folder_without_xattrs()
    if folder is None:
        pytest.skip("no writable file system without user xattrs is mounted here (vfat, ramfs, ...); "
                    "set LABELER_NOXATTR_DIR to a folder on one to run this case")
    fd, name = tempfile.mkstemp(dir=folder, prefix="labeler-test-", suffix=".txt")
    os.close(fd)
    path = Path(name)
    try:
        path.write_text("plain text\n")
        before = snapshot(path)
        assert_cli_fails("apply", path, "cannot-label-here")
        assert_unchanged(path, before)
    finally:
        path.unlink()


def test_attribute_store_refusing_attributes_is_cannot_label_here(tmp_path):
    """The same case simulated: the file system answers ENOTSUP to setxattr."""
    from formats.fsattr import LINUX_PREFIX, FileAttributeHandler, _XattrStore

    class NoAttributes:
        @staticmethod
        def listxattr(path):
            return []

        @staticmethod
        def getxattr(path, attribute):
            raise OSError(errno.ENODATA, "no data")

        @staticmethod
        def setxattr(path, attribute, value):
            raise OSError(errno.EOPNOTSUPP, "Operation not supported")

        @staticmethod
        def removexattr(path, attribute):
            raise OSError(errno.EOPNOTSUPP, "Operation not supported")

    handler = FileAttributeHandler(_XattrStore(LINUX_PREFIX, "user.", NoAttributes()))
    path = tmp_path / "notes.txt"
    path.write_text("plain text\n")
    before = snapshot(path)
    with pytest.raises(FormatError) as info:
        handler.write(path, make_stamp())
    assert info.value.kind == "cannot-label-here"
    assert_sentence(info.value.message, path)
    assert_unchanged(path, before)
    assert handler.read(path).ours is None


