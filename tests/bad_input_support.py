"""Shared by the bad-input tests: file snapshots, outcome and CLI assertions, sample-making fixtures."""
from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

import conftest
from conftest import run_cli
from formats.atomic import TEMP_PREFIX

LABEL = "confidential"
OTHER_PROGRAM = b"content saved by another program meanwhile\n"
ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


# -- helpers ---------------------------------------------------------------
def need_sample(sample, name: str, as_name: str | None = None) -> Path:
    """A copy of tests/data/<name>; fails loudly if the sample is missing."""
    if not (conftest.DATA / name).is_file():
        pytest.fail(f"sample tests/data/{name} is missing (see tests/data/README.md)")
    return sample(name, as_name)


def snapshot(path: Path) -> tuple[bytes, int, int]:
    st = path.stat()
    return path.read_bytes(), st.st_mtime_ns, stat.S_IMODE(st.st_mode)


def assert_unchanged(path: Path, before: tuple[bytes, int, int]) -> None:
    data, mtime, mode = snapshot(path)
    assert data == before[0], f"{path.name} was modified"
    assert mtime == before[1], f"{path.name} mtime changed"
    assert mode == before[2], f"{path.name} mode changed"


def no_temp_files(folder: Path) -> None:
    leftovers = [p.name for p in folder.iterdir() if p.name.startswith(TEMP_PREFIX)]
    assert not leftovers, f"temp files left behind: {leftovers}"


def assert_sentence(message: str | None, path: Path) -> None:
    assert message, "no message for the user"
    assert path.name in message, f"the message does not name the file {path.name!r}: {message!r}"
    assert message.rstrip().endswith("."), f"not a sentence: {message!r}"
    assert "Traceback" not in message and "Error(" not in message


def assert_no_traceback(proc) -> None:
    assert "Traceback" not in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stdout, proc.stdout


def cli_json(command: str, path: Path, *extra, cwd=None):
    args = [command, *(("--label", LABEL) if command == "apply" else ()), "--json", *extra, path]
    proc = run_cli(*args, cwd=cwd)
    assert_no_traceback(proc)
    try:
        proc.json = json.loads(proc.stdout)
    except ValueError:
        pytest.fail(f"`labeler {command}` printed no JSON: stdout={proc.stdout!r} stderr={proc.stderr!r}")
    return proc


def assert_cli_fails(command: str, path: Path, kind: str) -> None:
    """`labeler <command>` fails on `path` with `kind`, in JSON and for a person."""
    proc = cli_json(command, path)
    assert proc.returncode == 1, (proc.returncode, proc.stdout, proc.stderr)
    assert proc.stderr == "", f"stderr should be empty with --json: {proc.stderr!r}"
    (entry,) = proc.json
    assert entry["status"] == "failed", entry
    assert entry["kind"] == kind, entry
    assert entry["path"] == str(path)
    assert_sentence(entry["error"], path)

    human = run_cli(command, *(("--label", LABEL) if command == "apply" else ()), path)
    assert_no_traceback(human)
    assert human.returncode == 1, (human.returncode, human.stdout, human.stderr)
    from labeler.core.names import safe_text  # names are escaped for a person (\n, \x1b, ...)
    assert safe_text(f"{path}: error: {entry['error']}") in human.stderr, human.stderr


def assert_cli_succeeds(command: str, path: Path, status: str, **kw) -> dict:
    proc = cli_json(command, path, **kw)
    assert proc.returncode == 0, (proc.stdout, proc.stderr)
    assert proc.stderr == ""
    (entry,) = proc.json
    assert entry["status"] == status and entry["kind"] is None and entry["error"] is None, entry
    return entry


# -- generated good files (independent of tests/data) ------------------------
@pytest.fixture
def make_docx(tmp_path):
    def make(name: str = "good.docx", folder: Path | None = None) -> Path:
        import docx

        document = docx.Document()
        document.add_paragraph("A perfectly ordinary document.")
        path = (folder or tmp_path) / name
        document.save(str(path))
        return path
    return make


@pytest.fixture
def make_pdf(tmp_path):
    def make(name: str = "good.pdf") -> Path:
        from pypdf import PdfWriter

        writer = PdfWriter()
        writer.add_blank_page(200, 200)
        path = tmp_path / name
        with open(path, "wb") as f:
            writer.write(f)
        return path
    return make
