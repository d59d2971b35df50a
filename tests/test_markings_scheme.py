"""Markings in the scheme: texts, variables, style, language; what the stamp asks to draw."""
from __future__ import annotations

import pytest

from conftest import REPO
from labeler.core.markings import visual_markings
from policy import SchemeError, parse_scheme

CORPORATE = (REPO / "resources" / "schemes" / "corporate.toml").read_text(encoding="utf-8")


def with_markings(block: str, header_extra: str = "") -> str:
    """The corporate scheme with Confidential's markings replaced by `block`."""
    start = CORPORATE.index("[labels.markings]\nheader = { en = \"CONFIDENTIAL\"")
    end = CORPORATE.index("[labels.microsoft]", start)
    text = CORPORATE[:start] + "[labels.markings]\n" + block + "\n\n" + CORPORATE[end:]
    if header_extra:
        text = text.replace("[scheme]\n", "[scheme]\n" + header_extra + "\n", 1)
    return text


def test_built_in_scheme_markings_have_sensible_defaults():
    scheme = parse_scheme(CORPORATE.encode(), "corporate.toml")
    markings = scheme.label("strictly-confidential").markings
    assert markings.text("watermark") == "STRICTLY CONFIDENTIAL"
    assert (markings.font_size, markings.watermark_font_size, markings.color, markings.align) == \
        (10.0, 54.0, "#000000", "center")
    assert scheme.marking_language == "en"


def test_style_and_variables_are_read_and_filled_in():
    scheme = parse_scheme(with_markings(
        'footer = { en = "${label} by ${user} on ${date}: ${file}", nl = "${label}: ${file}" }\n'
        'font_size = 9\ncolor = "#c00000"\nalign = "right"', 'marking_language = "nl"').encode(), "s.toml")
    label = scheme.label("confidential")
    drawn = visual_markings(label, scheme.marking_language, "ann", "2026-11-30T10:00:00Z")
    assert drawn.footer == "Vertrouwelijk: ${file}"
    assert drawn.for_file("memo.docx").footer == "Vertrouwelijk: memo.docx"
    assert (drawn.style.font_size, drawn.style.color, drawn.style.align) == (9.0, "#C00000", "right")
    english = visual_markings(label, "en", "ann", "2026-11-30T10:00:00Z")
    assert english.footer == "Confidential by ann on 2026-11-30: ${file}"


@pytest.mark.parametrize("block, problem", [
    ('header = "Hello ${name}"', "${name} is not a marking variable"),
    ('header = "x"\nfont_size = 500', "out of range"),
    ('header = "x"\ncolor = "red"', "#RRGGBB"),
    ('header = "x"\nalign = "middle"', "is not one of left, center, right"),
    ('font_size = 9', "needs at least one of header, footer, watermark"),
    ('header = "two\\nlines"', "must be one line"),
])
def test_bad_markings_are_refused_with_their_place(block, problem):
    with pytest.raises(SchemeError) as info:
        parse_scheme(with_markings(block).encode(), "s.toml")
    assert problem in str(info.value)
    assert "markings" in str(info.value)


def test_a_label_without_markings_draws_nothing():
    scheme = parse_scheme(CORPORATE.encode(), "corporate.toml")
    assert visual_markings(scheme.label("public"), "en", "ann", "2026-11-30T10:00:00Z") is None
