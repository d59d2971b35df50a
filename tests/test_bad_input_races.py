"""Bad input: races with another program (vanished or changed mid-write), provoked with a hook.

Each race goes through the handler API with a hook in the middle of the write; the
other program's content must survive and the outcome must say what happened.
"""
from __future__ import annotations

import os
from pathlib import Path

import bad_input_support as support
import pytest
from bad_input_support import (LABEL, OTHER_PROGRAM, assert_sentence)

from conftest import make_stamp
from formats import registry
from formats.errors import FormatError
from formats.zippkg import ZipPackage

# The shared pytest fixtures, bound here so pytest finds them in this module.
make_docx, make_pdf = support.make_docx, support.make_pdf


# -- races with another program (handler API with a hook) ---------------------
def _hook_zip_rewrite(monkeypatch, before_writing):
    original = ZipPackage.rewrite

    def rewrite(self, out, changes):
        before_writing(self.path)
        return original(self, out, changes)
    monkeypatch.setattr(ZipPackage, "rewrite", rewrite)


def _hook_plan(monkeypatch, handler, before_writing):
    """For any family: run `before_writing` as the new file starts to be written."""
    original = handler._plan

    def plan(path, stamp):
        write = original(path, stamp)
        if write is None:
            return None

        def hooked(out):
            before_writing(path)
            write(out)
        return hooked
    monkeypatch.setattr(handler, "_plan", plan)


SAVED_BY_OTHER: dict[Path, bytes] = {}


def _other_program_saves_in_place(path: Path) -> None:
    path.write_bytes(OTHER_PROGRAM)
    SAVED_BY_OTHER[path] = OTHER_PROGRAM


def _other_program_replaces_same_size_same_mtime(path: Path) -> None:
    """An editor's "safe save": new inode, same size, and (unluckily) the same mtime."""
    st = path.stat()
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    tmp = path.with_name(path.name + ".editor-save")
    tmp.write_bytes(bytes(data))
    os.utime(tmp, ns=(st.st_atime_ns, st.st_mtime_ns))
    os.replace(tmp, path)
    SAVED_BY_OTHER[path] = bytes(data)


def test_vanished_mid_write(make_docx, tmp_path, monkeypatch):
    path = make_docx()
    _hook_zip_rewrite(monkeypatch, os.unlink)
    handler = registry.handler_for(path)
    with pytest.raises(FormatError) as info:
        handler.write(path, make_stamp())
    assert info.value.kind == "vanished"
    assert_sentence(info.value.message, path)
    assert not path.exists(), "the deleted file must not be brought back"
    assert list(tmp_path.iterdir()) == [], "temp file left behind"


def _hook_zip_rewrite_after(monkeypatch, after_writing):
    original = ZipPackage.rewrite

    def rewrite(self, out, changes):
        original(self, out, changes)
        after_writing(self.path)
    monkeypatch.setattr(ZipPackage, "rewrite", rewrite)


@pytest.mark.parametrize("when", ["before-copy", "after-copy"])
@pytest.mark.parametrize("other_program", [_other_program_saves_in_place,
                                           _other_program_replaces_same_size_same_mtime],
                         ids=["saves-in-place", "replaces-same-size-and-mtime"])
def test_changed_mid_write(make_docx, tmp_path, monkeypatch, other_program, when):
    """Another program saves the file while we copy it: its save wins, we report why."""
    path = make_docx()
    (_hook_zip_rewrite if when == "before-copy" else _hook_zip_rewrite_after)(monkeypatch, other_program)
    handler = registry.handler_for(path)
    with pytest.raises(FormatError) as info:
        handler.write(path, make_stamp())
    assert path.read_bytes() == SAVED_BY_OTHER.pop(path), "the other program's save was overwritten"
    assert [p.name for p in tmp_path.iterdir()] == [path.name], "temp file left behind"
    assert info.value.kind == "changed-on-disk", info.value.message
    assert_sentence(info.value.message, path)


def test_changed_mid_write_pdf(make_pdf, tmp_path, monkeypatch):
    path = make_pdf()
    handler = registry.handler_for(path)
    assert handler is registry.PDF
    _hook_plan(monkeypatch, handler, _other_program_saves_in_place)
    with pytest.raises(FormatError) as info:
        handler.write(path, make_stamp())
    assert info.value.kind == "changed-on-disk"
    assert path.read_bytes() == OTHER_PROGRAM
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_vanished_mid_write_pdf(make_pdf, tmp_path, monkeypatch):
    path = make_pdf()
    handler = registry.handler_for(path)
    _hook_plan(monkeypatch, handler, os.unlink)
    with pytest.raises(FormatError) as info:
        handler.write(path, make_stamp())
    assert info.value.kind == "vanished"
    assert list(tmp_path.iterdir()) == []


def test_service_reports_a_race_as_an_outcome(make_docx, tmp_path, monkeypatch):
    from labeler.core.service import LabelService
    from policy import load_builtin

    path = make_docx()
    _hook_zip_rewrite_after(monkeypatch, _other_program_saves_in_place)
    service = LabelService(load_builtin(), user="tester")
    outcome = service.apply(path, service.scheme.find(LABEL))
    assert outcome.status == "failed" and outcome.kind == "changed-on-disk", outcome
    assert_sentence(outcome.message, path)
    assert path.read_bytes() == OTHER_PROGRAM


