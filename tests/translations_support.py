"""Shared by the translation tests: reading .ts catalogues, lupdate's strings, and what a window shows.

The catalogue reader and the `extracted` fixture (every string lupdate finds in ui/),
the collector of texts a window shows and of texts that come from the scheme, and
the guard that refuses blocking dialogs.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")
pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QAction, QTextDocument  # noqa: E402
from PySide6.QtGui import Qt as GuiQt  # noqa: E402  (mightBeRichText lives in QtGui)
from PySide6.QtWidgets import (QAbstractButton, QComboBox, QGroupBox,  # noqa: E402
                               QHeaderView, QLabel, QLineEdit, QListWidget, QPlainTextEdit,
                               QTableWidget, QTabWidget, QTextEdit, QTreeWidget, QWidget)

from gui_helpers import refuse_blocking_dialogs  # noqa: E402
from labeler import languages  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
TS_DIR = REPO / "resources" / "translations"
UI = REPO / "ui"
LANGUAGES = tuple(code for code in languages.codes() if code != languages.DEFAULT)  # the translated ones
WAIT = 15_000
PLACEHOLDER = re.compile(r"%(?:\d|n|L\d)")
# (n, numerus form) probes per language (Qt's rules): nl "1 bestand / 2 bestanden", fr "0 et 1 fichier /
# 2 fichiers"; a language with other plural forms (Polish: 1 / 2-4 / 5) adds its own entry.
TWO_FORMS = ((1, 0), (2, 1))
PLURAL_PROBES = {"nl": TWO_FORMS, "fr": TWO_FORMS, "en": TWO_FORMS}


# -- reading catalogues -----------------------------------------------------------------------
@dataclass(frozen=True)
class Message:
    file: str
    context: str
    source: str
    numerus: bool
    kind: str | None  # translation type: None (finished), "unfinished", "vanished", "obsolete"
    forms: tuple[str, ...]  # the translation, or its plural forms


def read_ts(path: Path) -> list[Message]:
    messages = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            numerus = message.get("numerus") == "yes"
            if translation is None:
                forms, kind = (), "unfinished"
            else:
                kind = translation.get("type")
                forms = tuple(f.text or "" for f in translation.findall("numerusform")) if numerus \
                    else (translation.text or "",)
            messages.append(Message(path.name, name, message.findtext("source") or "", numerus, kind, forms))
    return messages


def catalogues(lang: str) -> list[Path]:
    return sorted(TS_DIR.glob(f"*_{lang}.ts"))


def finished(lang: str) -> dict[tuple[str, str], tuple[str, ...]]:
    """(context, source) -> translation forms, over every catalogue of `lang` (finished messages only)."""
    table = {}
    for path in catalogues(lang):
        for m in read_ts(path):
            if m.kind is None and m.forms and all(m.forms):
                table.setdefault((m.context, m.source), m.forms)
    return table


def tool(name: str) -> str:
    for candidate in (Path(sys.executable).with_name(f"pyside6-{name}"), shutil.which(f"pyside6-{name}"),
                      shutil.which(name)):
        if candidate and Path(candidate).exists():
            return str(candidate)
    pytest.skip(f"pyside6-{name} is not installed")


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> list[Message]:
    """Every translatable string in ui/, as lupdate sees it (context, source, numerus)."""
    out = tmp_path_factory.mktemp("lupdate") / "extracted_nl.ts"
    files = sorted(str(p.relative_to(REPO)) for p in UI.rglob("*.py"))
    proc = subprocess.run([tool("lupdate"), "-locations", "none", "-no-obsolete", *files, "-ts", str(out)],
                          cwd=REPO, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    messages = read_ts(out)
    assert len(messages) > 100, "lupdate found suspiciously few strings in ui/"
    return messages


ALL_TS = [p for lang in LANGUAGES for p in catalogues(lang)]

# -- (c) what the windows show -------------------------------------------------------------
class EnglishOnScreen:
    """Recognises English interface strings in a text shown while the interface is in `lang`."""

    def __init__(self, lang: str, extracted: list[Message]):
        translated = finished(lang)
        english = finished("en")
        sources = {(m.context, m.source) for m in extracted} | set(translated)
        self.exact: dict[str, set[str]] = {}  # English text -> its translations (empty: none)
        self.patterns: list[tuple[re.Pattern, list[re.Pattern], str]] = []
        for key in sources:
            context, source = key
            forms = translated.get(key, ())
            english_forms = [source, *english.get(key, ())]
            for text in english_forms:
                if PLACEHOLDER.search(text):
                    literal = PLACEHOLDER.sub("", text)
                    if len(literal.strip()) >= 10:  # "%1 of %2" would match too much
                        self.patterns.append((_pattern(text), [_pattern(f) for f in forms], source))
                else:
                    self.exact.setdefault(text, set()).update(forms)

    def problem(self, text: str) -> str | None:
        """Why `text` is English where it should not be, or None."""
        if text in self.exact:
            translations = self.exact[text]
            if not translations:
                return "has no translation"
            if text not in translations:
                return f"is English; the translation is {sorted(translations)[0]!r}"
            return None
        for english, translated, source in self.patterns:
            if english.fullmatch(text) and not any(t.fullmatch(text) for t in translated):
                return f"is English (from {source!r})" if translated else f"has no translation (from {source!r})"
        return None


def _pattern(text: str) -> re.Pattern:
    parts = PLACEHOLDER.split(text)
    return re.compile("(?:.+?)".join(re.escape(p) for p in parts), re.S)


def _plain(text: str) -> str:
    if text and GuiQt.mightBeRichText(text):
        document = QTextDocument()
        document.setHtml(text)
        return document.toPlainText()
    return text


def shown_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) of every text a person can see or hover in `root` and its children."""
    found: list[tuple[str, str]] = []

    def add(widget, what, text):
        text = _plain(text or "").strip()
        if text:
            found.append((f"{type(widget).__name__}({widget.objectName() or '-'}).{what}", text))

    for widget in [root, *root.findChildren(QWidget)]:
        if widget.isWindow():
            add(widget, "windowTitle", widget.windowTitle())
        add(widget, "toolTip", widget.toolTip())
        add(widget, "accessibleName", widget.accessibleName())
        if isinstance(widget, QLabel):
            add(widget, "text", widget.text())
        elif isinstance(widget, QAbstractButton):
            add(widget, "text", widget.text())
        elif isinstance(widget, QGroupBox):
            add(widget, "title", widget.title())
        elif isinstance(widget, QLineEdit):
            add(widget, "placeholderText", widget.placeholderText())
        elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
            add(widget, "placeholderText", widget.placeholderText())
        if isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                add(widget, f"tab[{i}]", widget.tabText(i))
                add(widget, f"tabToolTip[{i}]", widget.tabToolTip(i))
        elif isinstance(widget, QComboBox):
            for i in range(widget.count()):
                add(widget, f"item[{i}]", widget.itemText(i))
        elif isinstance(widget, QListWidget):
            for i in range(widget.count()):
                add(widget, f"item[{i}]", widget.item(i).text())
                add(widget, f"itemToolTip[{i}]", widget.item(i).toolTip())
        elif isinstance(widget, QTreeWidget):
            header = widget.headerItem()
            for c in range(widget.columnCount()):
                add(widget, f"header[{c}]", header.text(c))
            for i in range(widget.topLevelItemCount()):
                for c in range(widget.columnCount()):
                    add(widget, f"item[{i},{c}]", widget.topLevelItem(i).text(c))
        elif isinstance(widget, QTableWidget):
            for c in range(widget.columnCount()):
                item = widget.horizontalHeaderItem(c)
                if item is not None:
                    add(widget, f"header[{c}]", item.text())
            for r in range(widget.rowCount()):
                for c in range(widget.columnCount()):
                    item = widget.item(r, c)
                    if item is not None:
                        add(widget, f"item[{r},{c}]", item.text())
                        add(widget, f"itemToolTip[{r},{c}]", item.toolTip())
        elif isinstance(widget, QHeaderView) and widget.model() is not None \
                and not isinstance(widget.parent(), (QTableWidget, QTreeWidget)):
            model = widget.model()
            count = model.columnCount() if widget.orientation() == Qt.Orientation.Horizontal else 0
            for c in range(count):
                add(widget, f"header[{c}]", model.headerData(c, Qt.Orientation.Horizontal))
    for action in root.findChildren(QAction):
        add(root, f"action({action.objectName() or '-'}).text", action.text())
        add(root, f"action({action.objectName() or '-'}).toolTip", action.toolTip()
            if action.toolTip() != action.text().replace("&", "") else "")
    return found


def scheme_texts(scheme) -> set[str]:
    """Every text that comes from the scheme, in every language: not ours to translate."""
    from policy.channels import CHANNELS

    texts = {scheme.name, scheme.organisation}
    langs = languages.codes()
    for label in scheme.labels:
        for lang in langs:
            texts |= {label.name(lang), label.display_name(lang), label.description(lang),
                      label.handling_advice(lang) or ""}
            for rule in label.rules():
                texts |= {rule.why_text(lang), rule.condition_text(lang) or "", rule.instead_text(lang) or ""}
    for channel in CHANNELS:
        texts |= {channel.name(lang) for lang in langs}
    for tip in getattr(scheme, "tips", ()):
        texts |= {tip.get_text(lang) for lang in langs}
    return {t for t in texts if t}


@pytest.fixture(autouse=True)
def no_blocking_dialogs(monkeypatch):
    """The GUI tests' guard, which tests/gui_fixtures.py applies only to test_gui_*.py files."""
    refuse_blocking_dialogs(monkeypatch)
