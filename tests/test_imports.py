"""The core must import and run without Qt (DESIGN.md: layers)."""
import subprocess
import sys


def test_core_imports_without_pyside6():
    code = ("import sys, labeler, formats, policy, labeler.cli, labeler.core.service, formats.registry; "
            "bad = [m for m in sys.modules if m.startswith('PySide6')]; "
            "print(bad); sys.exit(1 if bad else 0)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
