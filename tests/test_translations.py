"""No visible string of the main windows is left in English in any registered language (Dutch, French).

Three nets, from the files to the screen:

(a) every catalogue resources/translations/*_<lang>.ts (nl, fr …) is complete
    (no empty, unfinished or vanished message; placeholders kept) and its
    compiled .qm says the same as the .ts;
(b) every string that lupdate finds in ui/ is translated in some catalogue
    of the language, under the context Qt will look it up in (Qt searches
    every installed catalogue, so a string may live in any of them), and
    every plural string has its English forms ("1 file", "2 files");
(c) the real windows, built offscreen in nl and fr, show no text that is an
    English interface string where a translation exists or should exist:
    the labelling dialog, the tray's fallback window, the notifier, the
    overview, the settings and the scheme preview.  Texts that come from
    the scheme (label names, rules) and file names are not interface strings.
    Net (c) is in tests/test_translations_windows.py, the shared helpers in
    tests/translations_support.py.

When (b) or (c) fails, the message lists each (context, source) to translate:
run tools/build_translations.py (lupdate for every catalogue), fill in the
translation, and run it again with --compile (lrelease).  The core's gettext
catalogues and the language registry are checked in tests/test_languages.py.
"""
from __future__ import annotations

import subprocess

import pytest

pytest.importorskip("PySide6.QtWidgets")
pytest.importorskip("pytestqt")

from PySide6.QtCore import QTranslator  # noqa: E402
import translations_support as support  # noqa: E402
from translations_support import (ALL_TS, LANGUAGES, PLACEHOLDER, PLURAL_PROBES, TS_DIR, TWO_FORMS,  # noqa: E402
                                  finished, read_ts, tool)


# The shared pytest fixtures, bound here so pytest finds them in this module.
extracted, no_blocking_dialogs = support.extracted, support.no_blocking_dialogs


# -- (a) the catalogues themselves ----------------------------------------------------------
@pytest.mark.parametrize("path", ALL_TS, ids=[p.name for p in ALL_TS])
def test_every_message_of_the_catalogue_is_translated(path):
    problems = []
    for m in read_ts(path):
        where = f"{m.context or '<empty context>'}: {m.source!r}"
        if m.kind in ("unfinished", "vanished", "obsolete"):
            problems.append(f"{where} is {m.kind}")
        elif not m.forms or not all(f.strip() for f in m.forms):
            problems.append(f"{where} has an empty translation")
        else:
            wanted = set(PLACEHOLDER.findall(m.source)) - {"%n"}
            for form in m.forms:
                if wanted - set(PLACEHOLDER.findall(form)):
                    problems.append(f"{where}: {form!r} lacks {sorted(wanted - set(PLACEHOLDER.findall(form)))}")
            if "%n" in m.source and m.numerus and not any("%n" in f for f in m.forms):
                problems.append(f"{where}: no plural form shows the number (%n)")
    assert not problems, f"{path.name}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("path", ALL_TS, ids=[p.name for p in ALL_TS])
def test_the_compiled_catalogue_says_what_the_ts_says(path, tmp_path):
    """The .qm next to the .ts is what lrelease makes of it now (not an older build)."""
    qm = path.with_suffix(".qm")
    assert qm.exists(), f"{qm.name} is missing: run pyside6-lrelease {path.name}"
    rebuilt = tmp_path / qm.name
    proc = subprocess.run([tool("lrelease"), str(path), "-qm", str(rebuilt)], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0, proc.stderr
    if rebuilt.read_bytes() == qm.read_bytes():
        return
    # Another lrelease may lay the file out differently: then compare what it answers.
    translator = QTranslator()
    assert translator.load(str(qm)), f"{qm.name} cannot be loaded"
    lang = path.stem.rsplit("_", 1)[1]
    stale = []
    for m in read_ts(path):
        if m.kind is not None:
            continue
        probes = PLURAL_PROBES.get(lang, TWO_FORMS) if m.numerus else ((-1, 0),)
        for n, form in probes:
            got = translator.translate(m.context, m.source, None, n)
            if got != m.forms[min(form, len(m.forms) - 1)]:
                stale.append(f"{m.context}: {m.source!r} -> {got!r}")
                break
    assert not stale, f"{qm.name} is older than {path.name}; run pyside6-lrelease:\n  " + "\n  ".join(stale)


def test_every_compiled_catalogue_has_its_source():
    orphans = [qm.name for qm in TS_DIR.glob("*.qm") if not qm.with_suffix(".ts").exists()]
    assert not orphans, f"compiled catalogues without a .ts (they would be loaded but cannot be kept up): {orphans}"


# -- (b) every string in ui/ has a translation --------------------------------------------
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_string_in_ui_is_translated(lang, extracted):
    table = finished(lang)
    missing = sorted({(m.context, m.source) for m in extracted} - set(table))
    assert not missing, (f"{len(missing)} interface string(s) have no {lang} translation in any "
                         f"resources/translations/*_{lang}.ts:\n  "
                         + "\n  ".join(f"{c or '<empty context>'}: {s!r}" for c, s in missing))


def test_every_plural_string_has_its_english_forms(extracted):
    table = finished("en")
    missing = sorted({(m.context, m.source) for m in extracted if m.numerus} - set(table))
    assert not missing, ("plural strings without English forms (English would show '%n file(s)'):\n  "
                         + "\n  ".join(f"{c or '<empty context>'}: {s!r}" for c, s in missing))
