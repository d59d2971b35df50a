"""Structural mutations of PDF files: cross-reference data and trailer,
encryption dictionaries, XMP metadata packets.

Most mutations append an incremental update written here by hand (objects,
a classic xref table, a trailer), so a mutant is a real PDF whose *last*
revision is odd in exactly one way; others edit the last xref section or
the file's tail in place.
"""
from __future__ import annotations

from tests.fuzzing.pdf_base import MB8, _STARTXREF, Base, append_update, _pick_base, _case, _as_is, _last_table
from tests.fuzzing.pdf_xref_mutators import (gen_pdf_xref_trailer, at_of, _rewrite_last_prev, _rewrite_prev_at,
                                             _fix_offsets_after)
from tests.fuzzing.pdf_encrypt_mutators import gen_pdf_encrypt
from tests.fuzzing.pdf_xmp_mutators import _XMP, _ascii_hex, _lzw, gen_pdf_xmp
from tests.fuzzing.byte_damage import gen_byte_damage
from tests.fuzzing.zip_base import choose, draw

__all__ = [
    "Base",
    "MB8",
    "_STARTXREF",
    "_XMP",
    "_as_is",
    "_ascii_hex",
    "_case",
    "_fix_offsets_after",
    "_last_table",
    "_lzw",
    "_pick_base",
    "_rewrite_last_prev",
    "_rewrite_prev_at",
    "append_update",
    "at_of",
    "choose",
    "draw",
    "gen_byte_damage",
    "gen_pdf_encrypt",
    "gen_pdf_xmp",
    "gen_pdf_xref_trailer",
]
