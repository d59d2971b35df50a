"""Drawing the visual markings of a PDF page: the content stream that sets header, footer and watermark.

The text is set in Helvetica (a standard font, WinAnsiEncoding, nothing
embedded) in the page as it is shown (its box and /Rotate), each part
marked as a pagination artifact.
"""
from __future__ import annotations

import math

from .model import FOOTER, HEADER, WATERMARK, VisualMarkings
from .pdf_markings_pages import _SUBTYPE
from .pdf_write import literal

_HELVETICA_CAP, _HELVETICA_DESCENT = 0.718, 0.207


def _helvetica_widths() -> tuple[dict[str, float], int]:
    try:  # pypdf ships Adobe's core-14 metrics
        from pypdf._codecs.core_font_metrics import CORE_FONT_METRICS

        widths = dict(CORE_FONT_METRICS["Helvetica"].character_widths)
        return widths, int(widths.get("default", 556))
    except Exception:  # an older or newer pypdf: an average width still centres reasonably
        return {}, 556


_WIDTHS, _DEFAULT_WIDTH = _helvetica_widths()


def text_width(text: str, size: float) -> float:
    return sum(_WIDTHS.get(ch, _DEFAULT_WIDTH) for ch in text) * size / 1000


def encodable(text: str) -> bytes | None:
    """The WinAnsiEncoding bytes of `text`, or None when a standard font cannot show it."""
    if any(ord(ch) < 0x20 for ch in text):
        return None
    try:
        return text.encode("cp1252")
    except UnicodeEncodeError:
        return None


def _n(value: float) -> str:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _rgb(color: str) -> str:
    try:
        value = int(color.lstrip("#")[:6], 16)
    except ValueError:
        value = 0
    return " ".join(_n(((value >> shift) & 255) / 255) for shift in (16, 8, 0))


# The matrix from the page as shown (origin bottom left, x to the right, y up)
# to user space, for each /Rotate (the page is turned clockwise when shown).
def _matrix(box, rotate: int) -> tuple[float, ...]:
    x0, y0, x1, y1 = box
    return {0: (1, 0, 0, 1, x0, y0), 90: (0, 1, -1, 0, x1, y0), 180: (-1, 0, 0, -1, x1, y1),
            270: (0, -1, 1, 0, x0, y1)}[rotate]


def drawing(box, rotate: int, markings: VisualMarkings, parts: dict[str, str], font: str, gs: str) -> bytes:
    """The content stream that ends the page's own (`Q`) and draws `parts` over it."""
    x0, y0, x1, y1 = box
    width, height = (y1 - y0, x1 - x0) if rotate in (90, 270) else (x1 - x0, y1 - y0)
    style = markings.style
    cm = " ".join(_n(v) for v in _matrix(box, rotate)) + " cm"
    color = _rgb(style.color)
    margin = max(2.0, min(28.0, 0.05 * min(width, height)))
    lines = ["", "Q"]

    def begin(part: str) -> None:
        lines.append(f"q {cm} /Artifact <</Type /Pagination /Subtype /{_SUBTYPE[part]} >> BDC")

    def show(text: str) -> str:
        return literal(encodable(text) or b"").decode("latin-1") + " Tj"

    if WATERMARK in parts:
        text = parts[WATERMARK]
        angle = math.atan2(height, width)
        size = max(1.0, min(style.watermark_font_size,
                            0.8 * math.hypot(width, height) / max(text_width(text, 1.0), 1e-6)))
        w, cap = text_width(text, size), _HELVETICA_CAP * size
        c, s = math.cos(angle), math.sin(angle)
        tx = width / 2 - c * w / 2 + s * cap / 2
        ty = height / 2 - s * w / 2 - c * cap / 2
        begin(WATERMARK)
        lines.append(f"/{gs} gs BT /{font} {_n(size)} Tf {color} rg "
                     f"{_n(c)} {_n(s)} {_n(-s)} {_n(c)} {_n(tx)} {_n(ty)} Tm {show(text)} ET EMC Q")
    for part in (HEADER, FOOTER):
        if part not in parts:
            continue
        text = parts[part]
        size = max(1.0, min(style.font_size, (width - 2 * margin) / max(text_width(text, 1.0), 1e-6)))
        w = text_width(text, size)
        x = {"left": margin, "right": width - margin - w}.get(style.align, (width - w) / 2)
        y = height - margin - _HELVETICA_CAP * size if part == HEADER else margin + _HELVETICA_DESCENT * size
        begin(part)
        lines.append(f"BT /{font} {_n(size)} Tf {color} rg {_n(x)} {_n(y)} Td {show(text)} ET EMC Q")
    return ("\n".join(lines) + "\n").encode("latin-1")
