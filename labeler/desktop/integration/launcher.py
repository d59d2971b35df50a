"""The app itself in the desktop: a launcher, its icons and its AppStream metadata (per user).

`labeler integrate install` writes, under $XDG_DATA_HOME (default ~/.local/share):

    applications/io.github.labeler.Labeler.desktop        the applications-menu entry (runs `labeler gui`)
    metainfo/io.github.labeler.Labeler.metainfo.xml       AppStream metadata (software centres)
    icons/hicolor/scalable/apps/io.github.labeler.Labeler.svg
    icons/hicolor/<n>x<n>/apps/io.github.labeler.Labeler.png   n = 16 … 256

The icon is resources/icons/labeler.svg; the PNGs are rendered from it by
packaging/render_icons.py and shipped in resources/icons/hicolor/.  Every file
carries our marker (a comment in the .desktop, XML and SVG files, a PNG text
chunk), so uninstall removes exactly what install wrote and a file of the same
name that someone else wrote is left alone.  The launcher's texts come from the
core's gettext catalogue like the file-manager entries': `Comment=` in the
person's language, `Comment[xx]=` for every registered one; the AppStream
file carries every registered language with `xml:lang`.

`render_desktop(command)` and `render_metainfo()` are pure; a system package
writes the same files with packaging/linux/desktop_files.py.
"""
from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path

from labeler import languages
from labeler.desktop.integration import (APP_ID, FORMAT_VERSION, ICON_NAME, IntegrationError, Status, data_home,
                                         entry_language, fill, is_freedesktop, localized_keys, marker_line,
                                         menu_text, menu_translations, owned_by_us, prepare_folder, remove_file,
                                         write_atomic)
from labeler.desktop.integration.quoting import exec_line, keyfile_escape
from labeler.languages import N_
from labeler.system import resource_path

NAME = "launcher"
TITLE = "Applications menu (launcher, icons, AppStream)"
BINARY = None  # the desktop's menu is always there
MARKER = marker_line(NAME)
GUI_ARGS = ("gui",)
#: The PNG sizes rendered from the SVG (hicolor folders <n>x<n>); the SVG goes to `scalable`.
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256)

#: The launcher's and the AppStream file's texts (English; translated through the gettext catalogue).
GENERIC_NAME = N_("Document labelling")
COMMENT = N_("Put sensitivity labels on your documents")
# TRANSLATORS: search words for the applications menu, each ending with a semicolon; keep them lower case.
KEYWORDS = N_("label;classification;sensitivity;confidential;document;")
ABOUT = N_("Labeler puts a sensitivity label such as Public, Internal or Confidential inside a document's "
           "own metadata, so the label travels with the file. When you choose a label, it explains what the "
           "label means for sharing: by e-mail, outside the organisation or on a personal cloud.")
PROMISE = N_("Your organisation writes and signs the labels; the app may recommend one from what it sees in a "
             "document, but it never labels on its own. It works with Office, OpenDocument and PDF files and "
             "keeps every other tool's metadata intact.")


def applies(platform: str = sys.platform) -> bool:
    return is_freedesktop(platform)


# ---------------------------------------------------------------- what is shipped

def svg_icon() -> Path:
    """The app's icon (the source of every other size)."""
    return resource_path("icons", "labeler.svg")


def png_icon(size: int) -> Path:
    """The icon rendered at `size` pixels (resources/icons/hicolor/<n>x<n>/apps/<APP_ID>.png)."""
    return resource_path("icons", "hicolor", f"{size}x{size}", "apps", f"{APP_ID}.png")


def desktop_template() -> str:
    return resource_path("desktop", f"{APP_ID}.desktop").read_text(encoding="utf-8")


def metainfo_template() -> str:
    return resource_path("desktop", f"{APP_ID}.metainfo.xml").read_text(encoding="utf-8")


# ---------------------------------------------------------------- rendering

def exec_value(command) -> str:
    """The Exec value as written in the file: this installation's `labeler gui`, quoted and key-file escaped."""
    return keyfile_escape(exec_line([*command, *GUI_ARGS], "").rstrip())


def render_desktop(command, lang: str | None = None) -> str:
    """The launcher: untranslated keys in the person's language, `key[xx]=` for every registered one."""
    lang = entry_language(lang)
    values = {"VERSION": FORMAT_VERSION, "ICON": ICON_NAME, "EXEC": exec_value(command)}
    for key, text in (("GENERIC_NAME", GENERIC_NAME), ("COMMENT", COMMENT), ("KEYWORDS", KEYWORDS)):
        desktop_key = "".join(part.capitalize() for part in key.split("_"))  # GENERIC_NAME -> GenericName
        values[key] = keyfile_escape(menu_text(text, lang))
        values[f"{key}_TRANSLATIONS"] = localized_keys(desktop_key, text)
    return fill(desktop_template(), values)


def _xml_translations(element: str, text: str, indent: str) -> str:
    """`<element xml:lang="xx">…</element>` lines for every registered language but English (the untagged one)."""
    from xml.sax.saxutils import escape

    lines = []
    for code, translated in menu_translations(text).items():
        if code != languages.DEFAULT and translated != text:
            lines.append(f'{indent}<{element} xml:lang="{code}">{escape(translated)}</{element}>\n')
    return "".join(lines)


def render_metainfo() -> str:
    """The AppStream metadata: English, and every registered language that has a translation."""
    # Imported here: xml.sax.saxutils pulls in urllib.request, http and ssl, and the app's icon (ICON_SIZES,
    # png_icon) is read from this module on every start, before the label dialog can show.
    from xml.sax.saxutils import escape

    return fill(metainfo_template(), {
        "VERSION": FORMAT_VERSION, "APP_ID": APP_ID,
        "SUMMARY": escape(COMMENT), "SUMMARY_TRANSLATIONS": _xml_translations("summary", COMMENT, "  "),
        "ABOUT": escape(ABOUT), "ABOUT_TRANSLATIONS": _xml_translations("p", ABOUT, "    "),
        "PROMISE": escape(PROMISE), "PROMISE_TRANSLATIONS": _xml_translations("p", PROMISE, "    "),
    })


def planned(data: Path, command, lang: str | None = None) -> list[tuple[Path, bytes, int]]:
    """Every file under the data folder `data` (e.g. ~/.local/share or /usr/share): path, content, mode."""
    icons = data / "icons" / "hicolor"
    files = [
        (data / "applications" / f"{APP_ID}.desktop", render_desktop(command, lang).encode("utf-8"), 0o644),
        (data / "metainfo" / f"{APP_ID}.metainfo.xml", render_metainfo().encode("utf-8"), 0o644),
        (icons / "scalable" / "apps" / f"{APP_ID}.svg", svg_icon().read_bytes(), 0o644),
    ]
    files += [(icons / f"{n}x{n}" / "apps" / f"{APP_ID}.png", png_icon(n).read_bytes(), 0o644)
              for n in ICON_SIZES]
    return files


def desktop_path(home: Path, env: Mapping[str, str] | None = None) -> Path:
    return data_home(home, env) / "applications" / f"{APP_ID}.desktop"


def paths(home: Path, env: Mapping[str, str] | None = None) -> list[Path]:
    """Where install writes (the launcher first)."""
    return [path for path, _data, _mode in planned(data_home(home, env), ["labeler"], languages.DEFAULT)]


# ---------------------------------------------------------------- the integration interface

def install(home: Path, command, env: Mapping[str, str] | None = None, lang: str | None = None) -> list[Path]:
    files = planned(data_home(home, env), command, lang)
    for path, _data, _mode in files:  # refuse before writing anything
        if path.exists() and not owned_by_us(path, MARKER):
            raise IntegrationError(f"{path} exists and was not written by labeler; not replacing it")
    written = []
    for path, data, mode in files:
        prepare_folder(path.parent, home, env)
        write_atomic(path, data, mode=mode)
        written.append(path)
    return written


def uninstall(home: Path, env: Mapping[str, str] | None = None) -> list[Path]:
    removed: list[Path] = []
    problems = []
    for path in paths(home, env):
        try:
            removed += remove_file(path, MARKER)
        except IntegrationError as exc:  # someone else's file of that name: the others still go
            problems.append(str(exc))
    if problems:
        raise IntegrationError("; ".join(problems))
    return removed


def status(home: Path, env: Mapping[str, str] | None = None, command=None) -> Status:
    launcher = desktop_path(home, env)
    if not launcher.is_file():
        return Status(False, f"not installed ({launcher} does not exist)", [])
    if not owned_by_us(launcher, MARKER):
        return Status(False, f"{launcher} exists but was not written by labeler; left alone", [launcher])
    present = [path for path in paths(home, env) if path.is_file()]
    missing = [path for path in paths(home, env) if not path.is_file()]
    if missing:
        return Status(True, f"installed, but {len(missing)} of its files are missing (e.g. {missing[0]}); "
                            "run `labeler integrate install` to repair it", present)
    if command is not None:
        lang = _written_language(launcher)
        changed = [path for path, data, _mode in planned(data_home(home, env), command, lang)
                   if path.read_bytes() != data]
        if changed:
            return Status(True, f"installed, but {changed[0].name} differs from what this installation would "
                                "write (another Python or an older labeler); run `labeler integrate install` "
                                "to update", present)
    return Status(True, "installed", present)


def _written_language(path: Path) -> str | None:
    """The language the installed launcher was written in (its `Comment=`), so status compares like with like."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    line = next((line for line in text.splitlines() if line.startswith("Comment=")), None)
    if line is None:
        return None
    for code, translated in menu_translations(COMMENT).items():
        if keyfile_escape(translated) == line[len("Comment="):]:
            return code
    return None
