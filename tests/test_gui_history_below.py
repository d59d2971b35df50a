"""The History page shows why a label below the recommendation was chosen, and lists label changes only.

The audit log is written by the real LabelService (and by AuditLog.append for
the moments of sharing another part of the app records); the page reads and
verifies it in a worker, as in the app.
"""
from __future__ import annotations

from types import SimpleNamespace

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from gui_helpers import workers_idle  # noqa: E402
from labeler.core.service import LabelService  # noqa: E402
from labeler.org.audit import AuditEvent, AuditLog  # noqa: E402
from ui.i18n import install_translator  # noqa: E402
from ui.overview.history_page import HistoryModel, HistoryPage  # noqa: E402

REASON = "only the public price list is in it"


@pytest.fixture(autouse=True)
def english(qtbot):
    install_translator(QApplication.instance(), "en")
    yield
    install_translator(QApplication.instance(), "en")
    qtbot.waitUntil(workers_idle, timeout=5000)


@pytest.fixture
def log(data_dir, scheme, sample):
    """Three label changes, one below the recommendation, and moments of sharing in between."""
    log = AuditLog.default()
    service = LabelService(scheme, audit=log)
    prices, memo = sample("lo-writer.docx", "prices.docx"), sample("lo-calc.xlsx", "memo.xlsx")
    assert service.apply(prices, scheme.label("internal"),
                         below_recommendation={"recommended": "confidential", "reason": REASON}).ok
    for action in ("sharing-notice", "sharing-choice", "share"):  # recorded by the sharing part of the app
        log.append(AuditEvent(action=action, path=str(prices), content_sha256=None, old_label=None,
                              new_label={"id": "internal", "name": "Internal"}, method="labelled",
                              channel="personal-cloud", verdict="forbidden", choice="keep"))
    assert service.apply(memo, scheme.label("confidential"), method="recommended").ok
    assert service.apply(memo, scheme.label("internal"), justification="sent to a partner under NDA").ok
    return log


def shown(qtbot, scheme) -> HistoryPage:
    shell = SimpleNamespace(force=SimpleNamespace(scheme=scheme), lang="en", settings=None, service=None)
    page = HistoryPage(shell)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.show()
    return page


def test_the_reason_for_a_label_below_the_recommendation_is_shown(qtbot, scheme, log):
    page = shown(qtbot, scheme)
    rows = page.visible_rows()
    assert [r[1:4] for r in rows] == [["Changed", "Confidential → Internal", "memo.xlsx"],
                                      ["Labelled", "no label → Confidential", "memo.xlsx"],
                                      ["Labelled", "no label → Internal", "prices.docx"]]  # no sharing rows
    assert rows[2][HistoryModel.JUSTIFICATION] == f"Below the recommended Confidential: {REASON}"
    assert rows[0][HistoryModel.JUSTIFICATION] == "sent to a partner under NDA"
    assert rows[1][HistoryModel.JUSTIFICATION] == ""
    below = page.proxy.index(2, HistoryModel.METHOD)
    assert below.data(Qt.ItemDataRole.ToolTipRole) == f"Below the recommended Confidential: {REASON}"
    assert page.proxy.index(1, HistoryModel.METHOD).data(Qt.ItemDataRole.ToolTipRole) is None
    assert page.count.text() == "3 changes"
    qtbot.keyClicks(page.filter, "price list")  # the filter finds it too
    assert [r[3] for r in page.visible_rows()] == ["prices.docx"]


def test_moments_of_sharing_never_show_as_label_changes(qtbot, scheme, log):
    entries = log.entries()
    assert {e.action for e in entries} >= {"sharing-notice", "sharing-choice", "share"}
    model = HistoryModel()
    model.set_entries(entries, scheme)  # even handed every kind of entry, the page keeps the label changes
    assert model.rowCount() == 3
    assert {model.entry(r).action for r in range(3)} == {"apply"}


@pytest.mark.parametrize("lang, expected", [
    ("nl", f"Lager dan aanbevolen (Vertrouwelijk): {REASON}"),
    ("fr", f"En dessous de l’étiquette recommandée (Confidentiel) : {REASON}"),
])
def test_the_reason_in_dutch_and_french(qtbot, scheme, log, lang, expected):
    install_translator(QApplication.instance(), lang)
    page = shown(qtbot, scheme)
    assert page.visible_rows()[2][HistoryModel.JUSTIFICATION] == expected
