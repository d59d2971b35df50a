"""Shared fixtures: real sample files copied to a temp folder, the real CLI."""
from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Never touch the developer's own audit log, scheme store or admin config:
# every test run (and every CLI subprocess it starts) gets its own.
_ISOLATED = Path(tempfile.mkdtemp(prefix="labeler-tests-"))
os.environ["LABELER_DATA_DIR"] = str(_ISOLATED / "data")
os.environ["LABELER_CONFIG_DIR"] = str(_ISOLATED / "config")
os.environ["LABELER_CACHE_DIR"] = str(_ISOLATED / "cache")
os.environ["LABELER_ADMIN_CONFIG"] = str(_ISOLATED / "no-admin-config.toml")

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
# The shared real-world corpus (public test files of Apache POI, Tika, …): beside the checkout, else in /work/shared.
REALWORLD = REPO.parent / "shared" / "corpus" / "realworld"
if not REALWORLD.is_dir():
    REALWORLD = Path("/work/shared/corpus/realworld")

# The GUI tests' shared fixtures and guards need Qt: registered only where PySide6 is installed.
# sharing_support: the throwaway home (~/Dropbox, ~/Documents, its own trash) of the sharing GUI tests.
pytest_plugins = ["gui_fixtures", "sharing_support"] if importlib.util.find_spec("PySide6") else []

from formats.model import LabelStamp, MicrosoftMapping, TscpMapping  # noqa: E402

MS_GUID = "6f1c5c8e-7b2a-4c1e-9a55-0d9a3c1b2e11"
MS_SITE = "3a1e2f40-5b6c-4d7e-8f90-a1b2c3d4e5f6"


@pytest.fixture
def scheme():
    """The built-in demo scheme (a module wanting another scheme defines its own `scheme`)."""
    from policy import load_builtin

    return load_builtin()


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """A fresh per-test data folder: the audit log and label index of this test alone."""
    folder = tmp_path / "labeler-data"
    monkeypatch.setenv("LABELER_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def sample(tmp_path):
    """Copy a file from tests/data into a fresh temp folder; return its path."""
    def copy(name: str, as_name: str | None = None) -> Path:
        dest = tmp_path / (as_name or name)
        shutil.copyfile(DATA / name, dest)
        return dest
    return copy


def corpus_copy(tmp_path: Path, name: str) -> Path:
    """Copy a file of the real-world corpus into tmp_path; the test is skipped where the corpus lacks it."""
    source = REALWORLD / name
    if not source.exists():
        pytest.skip(f"{name} is not in the shared corpus")
    dest = tmp_path / name
    dest.write_bytes(source.read_bytes())
    return dest


def make_stamp(label_id="confidential", name="Confidential", microsoft=True, tscp=True, method="manual"):
    return LabelStamp(
        label_id=label_id, label_name=name, scheme_id="test-scheme", scheme_version=3,
        set_at="2026-11-27T10:00:00Z", set_by="tester", method=method,
        microsoft=MicrosoftMapping(MS_GUID if label_id == "confidential" else "0b7a9c2d-1e3f-4a5b-8c6d-7e8f9a0b1c2d",
                                   MS_SITE, name) if microsoft else None,
        tscp=TscpMapping(f"urn:example:{label_id}", name, policy_authority="Example Corp",
                         impact_scale="UK-Cabinet", impact_level="2") if tscp else None,
    )


def raw_members(path: Path) -> dict[str, bytes]:
    """Each member's raw compressed bytes, read from its local entry."""
    result = {}
    with open(path, "rb") as f, zipfile.ZipFile(path) as z:
        for info in z.infolist():
            f.seek(info.header_offset + 26)
            n, m = int.from_bytes(f.read(2), "little"), int.from_bytes(f.read(2), "little")
            f.seek(info.header_offset + 30 + n + m)
            result[info.filename] = f.read(info.compress_size)
    return result


def run_cli(*args, cwd=None, check_json=False, env=None):
    """Run the real `labeler` command line in a subprocess."""
    proc = subprocess.run([sys.executable, "-m", "labeler", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd or REPO, env={**os.environ, **(env or {})}, timeout=120)
    if check_json:
        proc.json = json.loads(proc.stdout)
    return proc
