"""Structural mutations of ZIP packages (Office and OpenDocument files).

Each `gen_*` function draws one mutant from a hypothesis `data` object and
returns a `Case`: which sample, what was done (a sentence precise enough to
rebuild the mutant by hand), and the bytes.
"""
from __future__ import annotations

from tests.fuzzing.zip_base import (MB8, CUSTOM, LABELINFO, CT, RELS, CUSTOM_REL, LABELINFO_REL, OFFICE_DOC_REL,
                                    CUSTOM_CT, LABELINFO_CT, CT_NS, REL_NS, METADATA, FOREIGN_CUSTOM, draw, choose,
                                    _model, _case, _as_is, _is_ooxml, _xml_member, _set_xml, ensure_custom,
                                    _main_part)
from tests.fuzzing.zip_directory_mutators import gen_zip_directory, gen_duplicate_names
from tests.fuzzing.opc_mutators import gen_relationships, gen_content_types, _odf_package
from tests.fuzzing.xml_part_mutators import _DECL, _reencode, gen_xml_encoding_dtd, _padded, gen_size_limits

__all__ = [
    "CT",
    "CT_NS",
    "CUSTOM",
    "CUSTOM_CT",
    "CUSTOM_REL",
    "FOREIGN_CUSTOM",
    "LABELINFO",
    "LABELINFO_CT",
    "LABELINFO_REL",
    "MB8",
    "METADATA",
    "OFFICE_DOC_REL",
    "RELS",
    "REL_NS",
    "_DECL",
    "_as_is",
    "_case",
    "_is_ooxml",
    "_main_part",
    "_model",
    "_odf_package",
    "_padded",
    "_reencode",
    "_set_xml",
    "_xml_member",
    "choose",
    "draw",
    "ensure_custom",
    "gen_content_types",
    "gen_duplicate_names",
    "gen_relationships",
    "gen_size_limits",
    "gen_xml_encoding_dtd",
    "gen_zip_directory",
]
