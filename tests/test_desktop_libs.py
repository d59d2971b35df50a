"""A machine without the desktop's system libraries gets their names, not an abort."""
from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest

from conftest import REPO
from labeler.desktop.desktop_libs import DEBIAN_DESKTOP, explain, parse_ldd

LDD_MISSING = """\
\tlinux-vdso.so.1 (0x00007ffd)
\tlibxcb-cursor.so.0 => /lib/x86_64-linux-gnu/libxcb-cursor.so.0 (0x00007f)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
"""


def test_parse_ldd_finds_what_the_linker_misses():
    assert parse_ldd(LDD_MISSING) == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]


def test_message_names_libraries_and_packages_for_debian_and_fedora():
    text = explain(["libxcb-icccm.so.4", "libxcb-keysyms.so.1"])
    assert "libxcb-icccm.so.4" in text and "libxcb-keysyms.so.1" in text
    assert "apt install libxcb-icccm4 libxcb-keysyms1" in text
    assert "dnf install xcb-util-keysyms xcb-util-wm" in text


def test_readme_names_every_desktop_package():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert all(package in readme for package in DEBIAN_DESKTOP)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="xcb is Linux's")
def test_the_app_names_missing_libraries_instead_of_aborting(tmp_path):
    pytest.importorskip("PySide6")
    fake = tmp_path / "bin"
    fake.mkdir()
    ldd = fake / "ldd"
    ldd.write_text("#!/bin/sh\nprintf '\\tlibxcb-icccm.so.4 => not found\\n'\n")
    ldd.chmod(ldd.stat().st_mode | stat.S_IEXEC)
    env = {**os.environ, "PATH": f"{fake}:{os.environ['PATH']}", "DISPLAY": ":99", "HOME": str(tmp_path),
           "LABELER_DATA_DIR": str(tmp_path / "data")}
    env.pop("QT_QPA_PLATFORM", None)
    env.pop("WAYLAND_DISPLAY", None)
    proc = subprocess.run([sys.executable, "-m", "labeler", "gui"], capture_output=True, text=True,
                          env=env, cwd=REPO, timeout=60)
    assert proc.returncode == 2
    assert "libxcb-icccm.so.4" in proc.stderr and "apt install libxcb-icccm4" in proc.stderr
    assert "Aborted" not in proc.stderr and "core dumped" not in proc.stderr
