"""The small coloured symbol of a sharing verdict: ✔ allowed, ◐ with conditions, ✘ not allowed."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel

# Status colours, readable on light and dark backgrounds.
SYMBOLS = {"allowed": ("✔", "#2E7D32"), "conditional": ("◐", "#B26A00"), "forbidden": ("✘", "#C62828")}
DARK_COLORS = {"allowed": "#81C784", "conditional": "#FFB74D", "forbidden": "#EF9A9A"}


def mark_color(verdict: str, dark: bool = False) -> str:
    """The colour of the verdict's symbol (`dark`: for a dark background)."""
    symbol, color = SYMBOLS.get(verdict, SYMBOLS["forbidden"])
    return DARK_COLORS.get(verdict, color) if dark else color


def verdict_text(verdict: str) -> str:
    """The verdict in words, in the interface language."""
    if verdict == "allowed":
        return QCoreApplication.translate("VerdictMark", "Allowed")
    if verdict == "conditional":
        return QCoreApplication.translate("VerdictMark", "With conditions")
    return QCoreApplication.translate("VerdictMark", "Not allowed")


class VerdictMark(QLabel):
    def __init__(self, verdict: str = "allowed", parent=None):
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setFixedWidth(22)
        self.set_verdict(verdict)

    def set_verdict(self, verdict: str) -> None:
        self.verdict = verdict
        symbol, color = SYMBOLS.get(verdict, SYMBOLS["forbidden"])
        if self.palette().color(self.backgroundRole()).lightness() < 128:
            color = DARK_COLORS.get(verdict, color)
        self.setText(f'<span style="color:{color}; font-size:15px; font-weight:bold">{symbol}</span>')
        self.retranslate()

    def retranslate(self) -> None:
        self.setToolTip(verdict_text(self.verdict))
        self.setAccessibleName(verdict_text(self.verdict))

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
