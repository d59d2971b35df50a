"""The installed programs' entry points: `labeler`, the windowless `labeler-gui`, and the bundle's.

- `labeler` (a console script, pyproject.toml) is the command line
  (labeler/cli.py); `labeler --self-test [FILE]` checks the installation
  (labeler/selftest.py, docs/packaging.md).
- `labeler-gui` (a gui-script) is the same program without a console: on
  Windows pip makes it a windowless .exe and the bundle's `labeler-gui.exe` is
  built windowless, so starting the app from the Start menu, at login or from
  Explorer's "Label…" or "Send by e-mail…" flashes no console window.
  Without arguments it starts the desktop app, like `labeler`; with arguments
  it is `labeler` (e.g. `label-dialog -- FILE`, or `send-dialog -- FILE` for
  "Send by e-mail…").  A windowless program has no standard streams: its
  output is discarded and its errors go to `labeler-gui.log` in the app's
  data folder (kept under 1 MB).
"""
from __future__ import annotations

import os
import sys

SELF_TEST = "--self-test"
GUI_LOG = "labeler-gui.log"
GUI_LOG_LIMIT = 1 << 20


def main(argv: list[str] | None = None) -> int:
    """`labeler`: the command line, or the self-test when the first argument is --self-test."""
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == [SELF_TEST]:
        from labeler.selftest import main as self_test

        return self_test(argv[1:])
    from labeler.cli import main as cli_main

    return cli_main(argv)


def gui_main(argv: list[str] | None = None) -> int:
    """`labeler-gui`: `labeler` with somewhere to write when there is no console."""
    _give_streams()
    return main(argv)


def _give_streams() -> None:
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (lives as long as the process)
    if sys.stderr is None:
        try:
            from labeler.paths import data_dir

            folder = data_dir()
            folder.mkdir(parents=True, exist_ok=True)
            log = folder / GUI_LOG
            mode = "w" if log.exists() and log.stat().st_size > GUI_LOG_LIMIT else "a"
            sys.stderr = open(log, mode, encoding="utf-8", buffering=1)  # noqa: SIM115
        except OSError:
            sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115


if __name__ == "__main__":
    raise SystemExit(main())
