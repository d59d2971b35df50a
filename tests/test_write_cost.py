"""The cheap write path keeps its promises: the audit's hash is the new file's, the cheap check is exact.

The new file is hashed while it is written and fsynced while it is verified
(formats/atomic.py); members the kernel copied are accepted without a second
reading only when the copy log shows that range lies inside one kernel copy
from the same range of the original (formats/base.py, "Verifying cheaply").
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


def test_the_copy_log_names_only_ranges_inside_one_kernel_copy_from_that_file(tmp_path):
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
        assert kernel_copied(tx.temp, 1005, src, 1100, 2000)  # a member inside the copy, same shift
        assert not kernel_copied(tx.temp, 1005, src, 1101, 2000)  # inside, but from elsewhere
        assert not kernel_copied(tx.temp, 5, src, 100, 4901)  # reaches past the copy
        assert not kernel_copied(tx.temp, 4, src, 99, 4901)  # starts before it
        assert not kernel_copied(tx.temp, 6, src, 100, 4900)  # not where it went
        assert not kernel_copied(tx.temp, 5, other, 100, 4900)  # same bytes, another file
        tx.out.write(b"gap")
        copy_range(f, tx.out, 5000, 6000)  # a second copy, 3 bytes further on
        assert kernel_copied(tx.temp, 4908, src, 5000, 1000)
        assert not kernel_copied(tx.temp, 4900, src, 4995, 13)  # spans both copies and the gap
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


def _rewrite_then(monkeypatch, after):
    """Make every package rewrite call `after(out)` once the new package is written."""
    from formats.zippkg import ZipPackage

    original = ZipPackage.rewrite

    def rewrite(self, out, changes):
        original(self, out, changes)
        after(out)
    monkeypatch.setattr(ZipPackage, "rewrite", rewrite)


def test_kept_members_are_copied_in_runs_and_trusted_only_inside_them(sample, monkeypatch):
    if not hasattr(os, "copy_file_range"):
        pytest.skip("no copy_file_range here: every member is compared byte for byte")
    from formats import zippkg_checks

    path = sample("lo-writer.docx")
    copies, compared = [], []
    real_copy, real_same = os.copy_file_range, zippkg_checks._same_bytes
    monkeypatch.setattr(os, "copy_file_range", lambda *a: copies.append(a) or real_copy(*a))
    monkeypatch.setattr(zippkg_checks, "_same_bytes", lambda *a: compared.append(a) or real_same(*a))
    assert registry.handler_for(path).write(path, make_stamp())
    # 10 members, a few of them metadata: the kept ones go in a few runs, none is read back twice.
    assert 0 < len(copies) <= 4 and compared == []
    assert registry.handler_for(path).read(path).ours.id == "confidential"


def test_bytes_overwritten_after_the_kernel_copied_them_are_found(sample, monkeypatch):
    path = sample("lo-writer.docx")
    before = path.read_bytes()

    def spoil(out):
        end = out.tell()
        out.seek(end // 2)  # inside a kept member (styles): the kernel copied it, the log no longer vouches
        out.write(b"\0" * 8)
        out.seek(end)
    _rewrite_then(monkeypatch, spoil)
    with pytest.raises(FormatError) as failure:
        registry.handler_for(path).write(path, make_stamp())
    assert failure.value.kind == "corrupt" and "failed its check" in failure.value.message
    assert path.read_bytes() == before


@pytest.mark.parametrize("name", ["lo-writer.docx", "lo-writer.pdf"])
def test_the_check_hands_on_its_reading_of_the_new_file(sample, monkeypatch, name):
    """The new file is read once, by the check: not opened and parsed again afterwards."""
    path = sample(name)
    handler = registry.handler_for(path)
    reads = []
    real = type(handler)._read
    monkeypatch.setattr(type(handler), "_read", lambda self, p: reads.append(Path(p)) or real(self, p))
    seen = []
    assert handler.write(path, make_stamp(), commit=seen.append)
    assert seen[0].result is not None and seen[0].result.ours.id == "confidential"
    assert [p for p in reads if p.name.startswith(atomic.TEMP_PREFIX)] == []


def test_a_pdf_update_is_parsed_alone_and_a_wrong_offset_in_it_is_refused(sample, monkeypatch):
    from formats import pdf, pdf_write

    path = sample("lo-writer.pdf")
    opened = []
    real_open = pdf.open_document
    monkeypatch.setattr(pdf, "open_document", lambda p, f, writing: opened.append(writing) or real_open(p, f, writing))
    assert registry.handler_for(path).write(path, make_stamp())
    assert opened == [True]  # the plan's strict reading of the original; the new revision is parsed alone
    assert registry.handler_for(path).read(path).ours.id == "confidential"

    before = path.read_bytes()
    real_finish = pdf_write.Update.finish

    def finish(self, trailer):  # an entry that points one byte past its object
        self.offsets = {n: (o + 1, g) for n, (o, g) in self.offsets.items()}
        return real_finish(self, trailer)
    monkeypatch.setattr(pdf_write.Update, "finish", finish)
    with pytest.raises(FormatError) as failure:
        registry.handler_for(path).write(path, make_stamp("internal", "Internal"))
    assert failure.value.kind == "corrupt" and "where its cross-reference entry says" in failure.value.message
    assert path.read_bytes() == before


def test_writeback_starts_while_the_new_file_is_copied(tmp_path, monkeypatch):
    from formats import atomic_follow

    started = []
    real = atomic_follow._start_writeback
    monkeypatch.setattr(atomic_follow, "_start_writeback", lambda fd, at, n: started.append((at, n)) or real(fd, at, n))
    src = _big_source(tmp_path, 9 * 1024 * 1024)
    target = tmp_path / "target.bin"
    target.write_bytes(b"old")
    with replace_atomically(target, FileIdentity.of(target)) as tx, open(src, "rb") as f:
        copy_range(f, tx.out, 0, src.stat().st_size)
    assert target.read_bytes() == src.read_bytes()
    # Consecutive ranges from the start, handed over as the copy went on (the rest is left to the fsync).
    assert started and started[0][0] == 0
    assert all(a + n == b for (a, n), (b, _) in zip(started, started[1:]))
    assert started[-1][0] + started[-1][1] >= 8 * 1024 * 1024


def test_a_refused_writeback_hint_changes_nothing(tmp_path, monkeypatch):
    from formats import atomic_follow

    calls = []
    monkeypatch.setattr(atomic_follow, "_start_writeback", lambda fd, at, n: bool(calls.append(at)))
    src = _big_source(tmp_path, 9 * 1024 * 1024)
    target = tmp_path / "target.bin"
    target.write_bytes(b"old")
    with replace_atomically(target, FileIdentity.of(target), want_sha256=True) as tx, open(src, "rb") as f:
        copy_range(f, tx.out, 0, src.stat().st_size)
        tx.finish()
        digest = tx.sha256()
    assert len(calls) == 1  # asked once, then no more
    assert target.read_bytes() == src.read_bytes() and digest == sha(target)


def test_names_are_written_exactly_as_pypdf_writes_them():
    import io
    import random

    from pypdf.generic import NameObject

    from formats.pdf_write import write_name

    rng = random.Random(7)
    names = ["/Type", "/MSIP_Label_f42aa342-8706-4288-bd11-ebb85995028c_Enabled", "/", "/A#B", "/Sp ace",
             "/Ünï", "/a(b)", "/x~y!", "/del\x7f", "/tab\t", "/pct%", "/sl/x", "/[x]", "/{y}"]

    def character() -> str:
        return chr(rng.choice((rng.randrange(0x80), rng.randrange(0x21, 0x7F), rng.randrange(0x80, 0x3000))))
    names += ["/" + "".join(character() for _ in range(rng.randrange(8))) for _ in range(3000)]
    for name in names:
        ours, theirs = io.BytesIO(), io.BytesIO()
        write_name(name, ours)
        NameObject(name).write_to_stream(theirs)
        assert ours.getvalue() == theirs.getvalue(), name
