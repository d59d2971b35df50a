"""Extract the interface strings and compile the translations.

    python resources/translations/build.py            # lupdate over ui/, then lrelease
    python resources/translations/build.py --release  # only compile the .ts files to .qm

lupdate (pyside6-lupdate, else Qt's lupdate) reads every self.tr() /
QCoreApplication.translate() call in the ui/ modules of this catalogue (the
labelling dialog, shared widgets and helpers: SOURCES below; the app shell,
ui/app.py and its windows, keeps its own shell_<lang>.ts catalogue) and
merges new strings into
labeler_nl.ts and labeler_fr.ts (existing translations are kept; new ones
are marked unfinished: translate them in Qt Linguist or any editor) and into
labeler_en.ts, which holds only the English plural forms ("%n file(s)").
lrelease then writes the labeler_<lang>.qm files that ui/i18n.py loads.
Run it after changing any interface string, and commit the .ts and .qm files.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
LANGUAGES = ("nl", "fr")
# The ui/ modules whose strings live in labeler_<lang>.ts.
SOURCES = ("ui/label_dialog", "ui/widgets", "ui/i18n.py", "ui/workers.py", "ui/__init__.py")
PLURAL_ONLY = ("en",)


def tool(name: str) -> str:
    """pyside6-<name> next to this Python, else on PATH, else Qt's own <name>."""
    for candidate in (Path(sys.executable).with_name(f"pyside6-{name}"), shutil.which(f"pyside6-{name}"),
                      shutil.which(name), f"/usr/lib/qt6/bin/{name}"):
        if candidate and Path(candidate).exists():
            return str(candidate)
    raise SystemExit(f"neither pyside6-{name} nor {name} was found: pip install PySide6-Essentials "
                     "or apt-get install qt6-l10n-tools")


def sources() -> list[str]:
    files = []
    for source in SOURCES:
        path = REPO / source
        files += path.rglob("*.py") if path.is_dir() else [path]
    return sorted(str(p.relative_to(REPO)) for p in files if p.exists())


def update() -> None:
    lupdate = tool("lupdate")
    files = sources()
    for lang in LANGUAGES:
        subprocess.run([lupdate, "-locations", "none", "-no-obsolete", *files,
                        "-ts", str(HERE / f"labeler_{lang}.ts")], cwd=REPO, check=True)
    for lang in PLURAL_ONLY:
        subprocess.run([lupdate, "-locations", "none", "-no-obsolete", "-pluralonly", *files,
                        "-ts", str(HERE / f"labeler_{lang}.ts")], cwd=REPO, check=True)


def release() -> None:
    lrelease = tool("lrelease")
    for ts in sorted(HERE.glob("labeler_*.ts")):
        subprocess.run([lrelease, str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)


if __name__ == "__main__":
    if "--release" not in sys.argv[1:]:
        update()
    release()
