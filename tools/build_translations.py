"""Build every translation catalogue: the Qt interface's and the core's, for every registered language.

    python tools/build_translations.py             # extract new strings into the catalogues, then compile
    python tools/build_translations.py --compile   # only compile: .ts -> .qm and .po -> .mo

Run it after changing any interface string or core sentence, translate what
it marks unfinished (Qt Linguist for .ts, any PO editor for .po), run it
again with --compile, and commit the sources with the compiled files.

Needs pyside6-lupdate and pyside6-lrelease (`pip install -e '.[gui]'`, or
apt-get install qt6-l10n-tools) and Babel (`pip install -e '.[test]'`, or
`pip install Babel`); the app itself needs neither.

The languages come from the registry (policy/languages.py); a newly
registered language gets its catalogues created here, every string in them
unfinished.

Qt, resources/translations/<catalogue>_<code>.ts and .qm: lupdate reads the
self.tr() / QCoreApplication.translate() calls of each catalogue's ui/
modules (CATALOGUES below; every ui module belongs to exactly one) and
merges new strings into the catalogue of each language (existing
translations are kept, strings no longer in the code are dropped).  The
English catalogues hold only the plural forms ("%n file(s)" -> "1 file").
lrelease then writes the .qm files that ui/i18n.py loads.

gettext, resources/locale/<code>/LC_MESSAGES/labeler.po and .mo: Babel
extracts the `_()`, `gettext()`, `ngettext()`, `N_()` and `N_plural()` calls
of labeler/ and policy/ into a template, merges it into each language's .po
(created for a new language) and compiles the .mo files that
policy/messages.py loads.  English is the source language: it has no .po.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from policy import languages  # noqa: E402  (the registry; policy imports no Qt)

TS_DIR = REPO / "resources" / "translations"
LOCALE_DIR = REPO / "resources" / "locale"
DOMAIN = "labeler"
# Qt catalogue -> the ui/ modules and packages whose strings it holds.
CATALOGUES: dict[str, tuple[str, ...]] = {
    "labeler": ("ui/label_dialog", "ui/widgets", "ui/i18n.py", "ui/workers.py", "ui/__init__.py"),
    "shell": ("ui/app.py", "ui/tray.py", "ui/tray_window.py", "ui/notifier.py", "ui/native_notify.py",
              "ui/watch_bridge.py", "ui/startup.py",
              "ui/single_instance.py", "ui/instance_server.py", "ui/show_service.py", "ui/restore_notice.py",
              "ui/index_feed.py"),
    "overview": ("ui/overview/__init__.py", "ui/overview/window.py", "ui/overview/files_page.py",
                 "ui/overview/files_view.py", "ui/overview/files_model.py", "ui/overview/file_rows.py",
                 "ui/overview/folders_model.py"),
    "awareness": ("ui/overview/awareness_page.py", "ui/overview/charts.py", "ui/overview/chart_base.py",
                  "ui/overview/history_page.py",
                  "ui/overview/matrix.py", "ui/overview/matrix_paper.py", "ui/overview/painting.py",
                  "ui/overview/live.py", "ui/overview/sharing_moments.py"),
    "outcome": ("ui/outcome_text.py",),
    "preview": ("ui/preview",),
    "settings": ("ui/settings",),
    "sharing": ("ui/sharing",),
}
# The core's sentences: where they are, and the marker for a singular/plural pair defined apart from its use.
GETTEXT_SOURCES = ("labeler", "policy")
GETTEXT_KEYWORDS = ("N_plural:1,2",)  # on top of Babel's defaults (_, gettext, ngettext, N_ …)


def sources(catalogue: str) -> list[str]:
    """The .py files of a Qt catalogue, relative to the repository."""
    files: list[Path] = []
    for source in CATALOGUES[catalogue]:
        path = REPO / source
        files += path.rglob("*.py") if path.is_dir() else [path]
    return sorted(str(p.relative_to(REPO)) for p in files if p.exists())


def ts_file(catalogue: str, code: str) -> Path:
    return TS_DIR / f"{catalogue}_{code}.ts"


def po_file(code: str) -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def tool(name: str) -> str:
    """pyside6-<name> next to this Python, else on PATH, else Qt's own <name>."""
    for candidate in (Path(sys.executable).with_name(f"pyside6-{name}"), shutil.which(f"pyside6-{name}"),
                      shutil.which(name), f"/usr/lib/qt6/bin/{name}"):
        if candidate and Path(candidate).exists():
            return str(candidate)
    raise SystemExit(f"neither pyside6-{name} nor {name} was found: pip install -e '.[gui]' "
                     "or apt-get install qt6-l10n-tools")


def pybabel(*args: str) -> None:
    try:
        from babel.messages.frontend import CommandLineInterface
    except ImportError:
        raise SystemExit("Babel is needed to build the core's catalogues: pip install -e '.[test]' "
                         "or pip install Babel") from None
    status = CommandLineInterface().run(["pybabel", "-q", *args])
    if status:
        raise SystemExit(f"pybabel {args[0]} failed")


# -- Qt ---------------------------------------------------------------------------------------
def update_qt() -> None:
    lupdate = tool("lupdate")
    for catalogue in CATALOGUES:
        files = sources(catalogue)
        for code in languages.codes():
            ts = ts_file(catalogue, code)
            options = ["-pluralonly"] if code == languages.DEFAULT else []
            options += [] if ts.exists() else ["-target-language", code]  # a new language's catalogue
            subprocess.run([lupdate, "-silent", "-locations", "none", "-no-obsolete", *options, *files,
                            "-ts", str(ts)], cwd=REPO, check=True)


def release_qt() -> None:
    lrelease = tool("lrelease")
    for catalogue in CATALOGUES:
        for code in languages.codes():
            ts = ts_file(catalogue, code)
            if ts.exists():
                subprocess.run([lrelease, "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)


# -- gettext ----------------------------------------------------------------------------------
def update_gettext() -> None:
    with tempfile.TemporaryDirectory() as folder:
        template = str(Path(folder) / f"{DOMAIN}.pot")
        keywords = [arg for keyword in GETTEXT_KEYWORDS for arg in ("-k", keyword)]
        pybabel("extract", "--no-location", "--sort-by-file", "-c", "TRANSLATORS:", "--project", "Labeler",
                *keywords, "-o", template, *(str(REPO / s) for s in GETTEXT_SOURCES))
        for code in languages.codes():
            if code == languages.DEFAULT:
                continue  # the source language: the code's own sentences
            if po_file(code).exists():
                pybabel("update", "--ignore-obsolete", "-i", template, "-d", str(LOCALE_DIR), "-D", DOMAIN,
                        "-l", code)
            else:
                pybabel("init", "-i", template, "-d", str(LOCALE_DIR), "-D", DOMAIN, "-l", code)


def compile_gettext() -> None:
    for code in languages.codes():
        if po_file(code).exists():
            pybabel("compile", "-d", str(LOCALE_DIR), "-D", DOMAIN, "-l", code)


def main(argv: list[str]) -> int:
    if "--compile" not in argv:
        update_qt()
        update_gettext()
    release_qt()
    compile_gettext()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
