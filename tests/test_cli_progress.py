"""A progress bar on stderr for long batches, only when a person is watching."""
from __future__ import annotations

import os
import pty
import shutil
import subprocess
import sys

from conftest import DATA, REPO


def _batch(tmp_path, n=30):
    for i in range(n):
        shutil.copyfile(DATA / "pydocx.docx", tmp_path / f"doc{i:02d}.docx")
    return tmp_path


def test_progress_bar_on_a_terminal(tmp_path):
    folder = _batch(tmp_path)
    main, secondary = pty.openpty()
    try:
        proc = subprocess.run([sys.executable, "-m", "labeler", "show", "--recursive", "--json", str(folder)],
                              stdout=subprocess.PIPE, stderr=secondary, cwd=REPO, timeout=120)
        os.close(secondary)
        secondary = None
        chunks = []
        while True:
            try:
                data = os.read(main, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
    finally:
        if secondary is not None:
            os.close(secondary)
        os.close(main)
    err = b"".join(chunks).decode("utf-8", "replace")
    assert proc.returncode == 0
    assert "30/30" in err and "[#" in err


def test_no_progress_bar_when_piped(tmp_path):
    folder = _batch(tmp_path)
    proc = subprocess.run([sys.executable, "-m", "labeler", "show", "--recursive", "--json", str(folder)],
                          capture_output=True, text=True, cwd=REPO, timeout=120)
    assert proc.returncode == 0 and proc.stderr == ""
