"""The Overview's Awareness and History pages with real widgets, a real audit log and real documents.

The log is written by the real LabelService into a temporary LABELER_DATA_DIR;
the pages read it in workers, exactly as in the app.  Static dialogs are
refused (tests/gui_fixtures.py) unless a test answers one itself, so no test can hang.
"""
from __future__ import annotations

import re
import unicodedata
from types import SimpleNamespace

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QFileDialog  # noqa: E402

from labeler.org.audit import AuditLog  # noqa: E402
from labeler.core.service import LabelService  # noqa: E402
from policy.channels import CHANNELS  # noqa: E402

from gui_helpers import workers_idle  # noqa: E402
from ui.i18n import install_shell_translators, install_translator  # noqa: E402
from ui.overview import matrix as matrix_module  # noqa: E402
from ui.overview.awareness_page import AwarenessPage  # noqa: E402
from ui.overview.history_page import HistoryPage  # noqa: E402
from ui.overview.matrix import export_pdf  # noqa: E402

SHORT = {"allowed": "Allowed", "conditional": "Conditions", "forbidden": "Forbidden"}


@pytest.fixture(autouse=True)
def english(qtbot):
    install_translator(QApplication.instance(), "en")
    yield
    install_translator(QApplication.instance(), "en")


@pytest.fixture
def log(data_dir):
    return AuditLog.default()


@pytest.fixture
def shell(scheme):
    """What the pages need from ui.app.Shell: the scheme in force, the language, the settings."""
    return SimpleNamespace(force=SimpleNamespace(scheme=scheme), lang="en", settings=None, service=None)


@pytest.fixture
def labelled(log, scheme, sample):
    service = LabelService(scheme, audit=log)
    a, b, c = sample("lo-writer.docx", "a.docx"), sample("lo-calc.xlsx", "b.xlsx"), sample("lo-writer.odt", "c.odt")
    for path, label_id, method, reason in [(a, "internal", "manual", None), (b, "confidential", "recommended", None),
                                           (c, "public", "default", None), (a, "confidential", "manual", None),
                                           (b, "internal", "manual", "sent to a partner under NDA")]:
        assert service.apply(path, scheme.label(label_id), method=method, justification=reason).ok
    assert service.remove(c).ok
    return [a, b, c]


def shown(qtbot, page):
    qtbot.addWidget(page)
    page.resize(1100, 900)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.show()
        assert page.stats is None if isinstance(page, AwarenessPage) else page.history is None  # not read yet
    return page


@pytest.fixture(autouse=True)
def wait_for_workers(qtbot):
    yield
    qtbot.waitUntil(workers_idle, timeout=5000)


# -- the charts ---------------------------------------------------------------------------
def test_charts_paint_the_users_numbers(qtbot, shell, labelled):
    page = shown(qtbot, AwarenessPage(shell))
    timeline = page.timeline
    assert timeline.total() == 5
    bars = timeline.data()
    assert len(bars) == 14 and bars[-1]["total"] == 5  # per day: everything happened today
    assert bars[-1]["counts"] == {"public": 1, "internal": 2, "confidential": 2}
    assert [b["total"] for b in bars[:-1]] == [0] * 13
    description = timeline.accessibleDescription()
    assert "5 in total" in description and "Confidential 2" in description
    rows = page.distribution.rows()
    assert [(r[0], r[2]) for r in rows] == [("internal", 1), ("confidential", 1)]
    assert [round(r[3]) for r in rows] == [50, 50]
    assert "Internal: 1 document, 50%" in page.distribution.accessibleDescription()
    assert "In the last 14 days you applied 5 labels." in page.summary.text()
    assert "lowered or removed a label with a reason once" in page.summary.text()
    assert page.methods.text() == "How you chose: 3 yourself, 1 as recommended, 1 the default label."


def test_charts_can_be_walked_with_the_keyboard(qtbot, shell, labelled):
    page = shown(qtbot, AwarenessPage(shell))
    page.timeline.setFocus()
    qtbot.keyClick(page.timeline, Qt.Key.Key_End)
    assert page.timeline.current() == 13
    assert page.timeline_detail.text().endswith("5 labels applied — Public 1, Internal 2, Confidential 2")
    qtbot.keyClick(page.timeline, Qt.Key.Key_Left)
    assert page.timeline.current() == 12 and "0 labels applied" in page.timeline_detail.text()
    page.distribution.setFocus()
    qtbot.keyClick(page.distribution, Qt.Key.Key_Down)
    assert page.distribution_detail.text() == "Confidential: 1 document, 50%"


def test_an_empty_log_shows_a_friendly_sentence(qtbot, shell, log):
    page = shown(qtbot, AwarenessPage(shell))
    sentence = "You haven't labelled anything yet — labels you apply will show up here."
    assert page.timeline.is_empty() and page.timeline.accessibleDescription() == sentence
    assert page.distribution.is_empty() and page.distribution.accessibleDescription() == sentence
    assert page.summary.isHidden()


def test_refresh_picks_up_new_labels(qtbot, shell, scheme, log, labelled):
    page = shown(qtbot, AwarenessPage(shell))
    LabelService(scheme, audit=log).apply(labelled[2], scheme.label("strictly-confidential"))
    with qtbot.waitSignal(page.loaded, timeout=10000):
        qtbot.mouseClick(page.refresh_button, Qt.MouseButton.LeftButton)
    assert page.timeline.total() == 6
    assert dict((r[0], r[2]) for r in page.distribution.rows())["strictly-confidential"] == 1


# -- the matrix ----------------------------------------------------------------------------
def test_matrix_cells_match_the_scheme_rules(qtbot, shell, scheme, log):
    page = shown(qtbot, AwarenessPage(shell))
    table = page.matrix.table
    assert table.rowCount() == len(scheme.labels) and table.columnCount() == len(CHANNELS)
    for row, label in enumerate(scheme.labels):
        assert table.verticalHeaderItem(row).text() == label.display_name("en")
        for column, channel in enumerate(CHANNELS):
            rule = label.rule(channel.id)
            verdict, words = page.matrix.cell(row, column)
            assert (verdict, words) == (rule.verdict, SHORT[rule.verdict])
            tooltip = table.item(row, column).toolTip()
            assert rule.why_text("en").replace("'", "&#x27;") in tooltip
            if rule.condition_text("en"):
                assert rule.condition_text("en").replace("'", "&#x27;") in tooltip
    # The keyboard reaches every cell, and the line under the table says what the tooltip says.
    internal = [l.id for l in scheme.labels].index("internal")
    table.setFocus()
    table.setCurrentCell(internal, 0)
    qtbot.keyClick(table, Qt.Key.Key_Right)
    rule = scheme.label("internal").rule(CHANNELS[1].id)
    assert page.matrix.detail.text().startswith("Internal · E-mail to partners — Conditions.")
    assert rule.condition_text("en") in page.matrix.detail.text()


WORDS = {"en": {"Allowed", "Conditions", "Forbidden"}, "nl": {"Toegestaan", "Voorwaarden", "Verboden"},
         "fr": {"Autorisé", "Conditions", "Interdit"}}


@pytest.mark.parametrize("lang", ["en", "nl", "fr"])
def test_matrix_words_are_never_cut_short(make_shell, qtbot, tmp_path, lang):
    """French showed "Conditio…": the columns are as wide as the longest verdict word of the language needs
    (measured with the font), the mark going above the word when they are narrow."""
    shell = make_shell([tmp_path])
    install_shell_translators(QApplication.instance(), lang)
    shell.lang = lang
    shell.open_overview()
    window = shell.overview
    qtbot.waitExposed(window)
    assert (window.width(), window.height()) == (1180, 720)  # the default size: nothing saved in this config
    window.show_page("awareness")
    matrix = window.current_page().matrix
    table = matrix.table
    qtbot.waitUntil(lambda: table.rowCount() == 4, timeout=5000)
    cells = [(row, column) for row in range(table.rowCount()) for column in range(table.columnCount())]
    assert {matrix.cell(row, column)[1] for row, column in cells} == WORDS[lang]
    assert all(matrix.words_fit(row, column) for row, column in cells)
    assert not table.horizontalScrollBar().isVisible()  # and all of the matrix in view
    # Narrower than the words need: the table scrolls sideways rather than cutting a word short.
    window.resize(640, 720)
    qtbot.waitUntil(table.horizontalScrollBar().isVisible, timeout=5000)
    assert all(matrix.words_fit(row, column) for row, column in cells)


def pdf_text(path) -> str:
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(str(path))
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height  # landscape
    assert round(float(reader.pages[0].mediabox.width)) == 842  # A4: 297 mm
    text = " ".join(page.extract_text() for page in reader.pages)
    text = unicodedata.normalize("NFKC", text)  # "ﬁ" ligatures back to "fi"
    return re.sub(r"\s+", " ", text.replace("\u00ad", ""))


def test_export_pdf_writes_the_matrix(tmp_path, qtbot, scheme):
    path = export_pdf(tmp_path / "rules.pdf", scheme, "nl")
    assert path.read_bytes().startswith(b"%PDF")
    text = pdf_text(path)
    for label in scheme.labels:
        assert label.name("nl") in text
    assert "Example Corp classification" in text and "Afdrukken" in text  # a channel in Dutch
    assert "alleen op een versleutelde usb-stick" in text  # a condition, written out


def test_export_button_asks_where_and_writes_in_a_worker(qtbot, shell, log, tmp_path, monkeypatch):
    page = shown(qtbot, AwarenessPage(shell))
    target = tmp_path / "out" / "sharing"
    target.parent.mkdir()
    asked = []

    def save_as(parent, caption, directory, filters):
        asked.append((caption, filters))
        return str(target), filters
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_as))
    with qtbot.waitSignal(page.matrix.exported, timeout=10000) as signal:
        qtbot.mouseClick(page.matrix.export_button, Qt.MouseButton.LeftButton)
    assert signal.args == [str(target) + ".pdf"]
    assert asked and "PDF" in asked[0][1]
    assert "Strictly Confidential" in pdf_text(target.with_suffix(".pdf"))
    assert page.matrix.status.text() == f"Saved to {target}.pdf"


def test_print_paints_the_same_sheet(qtbot, shell, log, tmp_path, monkeypatch):
    if matrix_module.QPrinter is None:
        pytest.skip("no QtPrintSupport in this PySide6")
    out = tmp_path / "printed.pdf"

    class Dialog:  # the user picks "print to file" and presses Print
        DialogCode = matrix_module.QPrintDialog.DialogCode

        def __init__(self, printer, parent=None):
            printer.setOutputFormat(matrix_module.QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(out))

        def setWindowTitle(self, title):
            pass

        def exec(self):
            return self.DialogCode.Accepted
    monkeypatch.setattr(matrix_module, "QPrintDialog", Dialog)
    page = shown(qtbot, AwarenessPage(shell))
    assert page.matrix.print_button.isVisibleTo(page)
    qtbot.mouseClick(page.matrix.print_button, Qt.MouseButton.LeftButton)
    assert "Public" in pdf_text(out)


# -- tips ----------------------------------------------------------------------------------
def test_tips_show_one_at_a_time_and_wrap_around(qtbot, shell, scheme, log):
    page = shown(qtbot, AwarenessPage(shell))
    tips = [t.get_text("en") for t in scheme.tips]
    card = page.tips
    assert card.isVisibleTo(page) and card.current_text() == tips[0] and card.text.text() == tips[0]
    assert card.counter.text() == f"1 of {len(tips)}"
    qtbot.mouseClick(card.next_button, Qt.MouseButton.LeftButton)
    assert card.current_text() == tips[1]
    qtbot.mouseClick(card.previous_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(card.previous_button, Qt.MouseButton.LeftButton)
    assert card.current_text() == tips[-1] and card.counter.text() == f"{len(tips)} of {len(tips)}"
    qtbot.mouseClick(card.next_button, Qt.MouseButton.LeftButton)
    assert card.index() == 0


# -- history ---------------------------------------------------------------------------------
def test_history_lists_the_trail_and_says_it_is_intact(qtbot, shell, log, labelled):
    page = shown(qtbot, HistoryPage(shell))
    assert page.banner.text() == "Audit log intact: 6 entries"
    rows = page.visible_rows()
    assert len(rows) == 6
    assert rows[0][1:4] == ["Removed", "Public → no label", "c.odt"]  # newest first
    assert rows[1][1:] == ["Changed", "Confidential → Internal", "b.xlsx", "By you", "sent to a partner under NDA"]
    assert rows[-1][1:5] == ["Labelled", "no label → Internal", "a.docx", "By you"]
    assert page.count.text() == "6 changes"
    qtbot.keyClicks(page.filter, "b.xlsx")
    assert [r[3] for r in page.visible_rows()] == ["b.xlsx", "b.xlsx"]
    assert page.count.text() == "2 of 6 changes"
    page.filter.clear()
    qtbot.keyClicks(page.filter, "recommended")
    assert [r[2] for r in page.visible_rows()] == ["no label → Confidential"]


def test_history_shows_where_the_log_was_changed(qtbot, shell, log, labelled):
    page = shown(qtbot, HistoryPage(shell))
    lines = log.path.read_text("utf-8").splitlines(keepends=True)
    lines[4] = lines[4].replace("sent to a partner under NDA", "nothing to see here")
    log.path.write_text("".join(lines), "utf-8")
    with qtbot.waitSignal(page.loaded, timeout=10000):
        qtbot.mouseClick(page.refresh_button, Qt.MouseButton.LeftButton)
    assert page.banner.text().startswith("The audit log was changed at line 5: ")
    assert "hash mismatch" in page.banner.text()
    assert "The first 4 entries are intact" in page.banner.advice.text()
    assert page.banner.result.line == 5


# -- Dutch -------------------------------------------------------------------------------------
def test_pages_in_dutch(qtbot, shell, scheme, log, labelled):
    install_translator(QApplication.instance(), "nl")
    page = shown(qtbot, AwarenessPage(shell))
    assert page.title.text() == "Jouw labels"
    assert page.summary.text().startswith("In de laatste 14 dagen heb je 5 labels toegekend.")
    assert page.matrix.table.verticalHeaderItem(2).text() == "Vertrouwelijk"
    assert {page.matrix.cell(0, c)[1] for c in range(len(CHANNELS))} == {"Toegestaan"}
    assert page.tips.current_text() == scheme.tips[0].get_text("nl")
    assert "Vertrouwelijk 2" in page.timeline.accessibleDescription()
    history = shown(qtbot, HistoryPage(shell))
    assert history.banner.text() == "Auditlogboek intact: 6 regels"
    assert history.visible_rows()[1][1:3] == ["Gewijzigd", "Vertrouwelijk → Intern"]


def test_switching_the_language_retranslates_open_pages(qtbot, shell, log, labelled):
    page = shown(qtbot, AwarenessPage(shell))
    history = shown(qtbot, HistoryPage(shell))
    assert page.matrix.export_button.text() == "Export to PDF…"
    install_translator(QApplication.instance(), "fr")
    qtbot.waitUntil(lambda: page.matrix.export_button.text() == "Exporter en PDF…", timeout=3000)
    assert page.title.text() == "Votre étiquetage"
    assert page.matrix.table.verticalHeaderItem(3).text() == "Strictement confidentiel"
    assert [r[0] for r in page.distribution.rows()] == ["internal", "confidential"]
    assert page.distribution.rows()[0][1] == "Interne"
    assert history.banner.text() == "Journal d'audit intact : 6 entrées"
    assert history.visible_rows()[0][1] == "Retirée"
