"""Write the launcher, AppStream metadata and icons for a system package (deb, rpm, Flatpak).

    python packaging/linux/desktop_files.py DESTDIR [--prefix /usr] [--exec labeler]

writes DESTDIR/<prefix>/share/applications/io.github.labeler.Labeler.desktop,
.../metainfo/io.github.labeler.Labeler.metainfo.xml and .../icons/hicolor/*/apps/io.github.labeler.Labeler.*:
the same files `labeler integrate install` writes per user
(labeler/desktop/integration/launcher.py), with `Exec=<exec> gui` and the
English `Comment=` first (every registered language follows as `Comment[xx]=`).
Then run `desktop-file-validate` and `appstreamcli validate` on them, as
tests/test_packaging.py does.
"""
from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from labeler import languages  # noqa: E402
from labeler.desktop.integration import launcher  # noqa: E402


def write(destdir: Path, prefix: str = "/usr", program: str = "labeler") -> list[Path]:
    data = Path(destdir) / prefix.lstrip("/") / "share"
    written = []
    for path, content, mode in launcher.planned(data, shlex.split(program), languages.DEFAULT):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        path.chmod(mode)
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("destdir", type=Path)
    p.add_argument("--prefix", default="/usr")
    p.add_argument("--exec", dest="program", default="labeler", help="the installed program (default: labeler)")
    args = p.parse_args(argv)
    for path in write(args.destdir, args.prefix, args.program):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
