"""From a label's marking texts in the scheme to what a format draws.

The scheme's texts may hold variables (policy.MARKING_VARIABLES): the label's
name, who labels, the date, the file's name.  All but `${file}` are filled in
here, once per labelling; the format layer fills in the file's name.
"""
from __future__ import annotations

from formats.model import MarkingStyle, VisualMarkings
from policy import Label

PARTS = ("header", "footer", "watermark")


def visual_markings(label: Label, language: str, user: str, date: str) -> VisualMarkings | None:
    """What `label` asks to draw, in `language` (falling back to English), variables filled in."""
    markings = label.markings
    if markings is None:
        return None
    values = {"${label}": label.name(language), "${user}": user, "${date}": date[:10]}

    def text(part: str) -> str | None:
        raw = markings.text(part, language)
        if not raw:
            return None
        for variable, value in values.items():
            raw = raw.replace(variable, value)
        return raw

    style = MarkingStyle(font_size=markings.font_size, watermark_font_size=markings.watermark_font_size,
                         color=markings.color, align=markings.align)
    drawn = VisualMarkings(text("header"), text("footer"), text("watermark"), style)
    return drawn if drawn.parts() else None
