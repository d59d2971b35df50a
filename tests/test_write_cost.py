"""The cheap write path keeps its promises: the audit's hash is the new file's, the cheap check is exact.

The new file is hashed while it is written and fsynced while it is verified
(formats/atomic.py); members the kernel copied are accepted without a second
reading only when the copy log shows exactly that range came from exactly
that range of the original (formats/base.py, "Verifying cheaply").
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from formats import atomic, registry
from formats.atomic import FileIdentity, kernel_copied, replace_atomically
from formats.copying import copy_range
from formats.errors import FormatError

from conftest import make_stamp

DATA = Path(__file__).resolve().parent / "data"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("name", ["pydocx.docx", "lo-writer.odt", "lo-writer-3pages.pdf"])
def test_the_audited_hash_is_the_hash_of_the_file_that_replaced_the_original(sample, name):
    if not (DATA / name).exists():
        pytest.skip(f"{name} is not among the sample files")
    path = sample(name)
    seen = []
    assert registry.handler_for(path).write(path, make_stamp(), commit=seen.append)
    [prepared] = seen
    assert prepared.content_sha256 == sha(path)


def _big_source(tmp_path: Path, size: int = 20 * 1024 * 1024 + 123) -> Path:
    src = tmp_path / "src.bin"
    src.write_bytes(os.urandom(size))
    return src


def test_hash_followed_through_kernel_copies_and_patches(tmp_path):
    src = _big_source(tmp_path)
    target = tmp_path / "target.bin"
    target.write_bytes(b"old")
    with replace_atomically(target, FileIdentity.of(target), want_sha256=True) as tx, open(src, "rb") as f:
        tx.out.write(b"HEAD")
        copy_range(f, tx.out, 0, 9 * 1024 * 1024)
        tx.out.write(b"middle")
        patch_at = tx.out.tell()
        tx.out.write(b"xxxx")
        tx.out.seek(patch_at)  # a header patched after its data, before the next copy: allowed
        tx.out.write(b"yyyy")
        tx.out.seek(0, os.SEEK_END)
        copy_range(f, tx.out, 9 * 1024 * 1024, src.stat().st_size)
        tx.finish()
        digest = tx.sha256()
    assert digest == sha(target)


def test_moving_back_over_hashed_bytes_rehashes_the_whole_file(tmp_path):
    src = _big_source(tmp_path, 3 * 1024 * 1024)
    target = tmp_path / "target.bin"
    target.write_bytes(b"old")
    with replace_atomically(target, FileIdentity.of(target), want_sha256=True) as tx, open(src, "rb") as f:
        copy_range(f, tx.out, 0, src.stat().st_size)
        tx.out.seek(10)  # back into bytes declared final: the following hash is dropped
        tx.out.write(b"CHANGED")
        tx.out.seek(0, os.SEEK_END)
        tx.finish()
        digest = tx.sha256()
    assert digest == sha(target)
    assert target.read_bytes()[10:17] == b"CHANGED"


def test_the_copy_log_names_only_exact_whole_kernel_copies_from_that_file(tmp_path):
    if not hasattr(os, "copy_file_range"):
        pytest.skip("no copy_file_range here: every member is compared byte for byte")
    src = _big_source(tmp_path, 1024 * 1024)
    other = tmp_path / "other.bin"
    other.write_bytes(src.read_bytes())
    target = tmp_path / "target.bin"
    target.write_bytes(b"old")
    with replace_atomically(target, FileIdentity.of(target)) as tx, open(src, "rb") as f:
        tx.out.write(b"12345")
        copy_range(f, tx.out, 100, 5000)
        assert kernel_copied(tx.temp, 5, src, 100, 4900)
        assert not kernel_copied(tx.temp, 5, src, 100, 4899)  # not the whole copy
        assert not kernel_copied(tx.temp, 6, src, 100, 4900)  # not where it went
        assert not kernel_copied(tx.temp, 5, other, 100, 4900)  # same bytes, another file
        tx.out.seek(1000)  # the writer goes back over the copied bytes: they no longer count
        tx.out.write(b"!")
        assert not kernel_copied(tx.temp, 5, src, 100, 4900)
        tx.out.seek(0, os.SEEK_END)
        temp = tx.temp
    assert not kernel_copied(temp, 5, src, 100, 4900)  # the transaction is over: no log
    assert not atomic._KERNEL_COPIES


def test_a_failed_fsync_leaves_the_original_and_no_thread_behind(tmp_path, monkeypatch):
    import threading

    target = tmp_path / "target.bin"
    target.write_bytes(b"original")
    before = set(threading.enumerate())

    def broken_fsync(fd):
        raise OSError(5, "Input/output error")
    monkeypatch.setattr(atomic.os, "fsync", broken_fsync)
    with pytest.raises(FormatError):
        with replace_atomically(target, FileIdentity.of(target), want_sha256=True) as tx:
            tx.out.write(b"new content")
            tx.finish()
            tx.sha256()
    assert target.read_bytes() == b"original"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(atomic.TEMP_PREFIX)]
    assert {t for t in threading.enumerate() if t.is_alive()} - before == set()
