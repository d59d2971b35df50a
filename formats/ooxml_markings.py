"""Visual markings in Office documents: which application's drawing code applies.

Word, Excel and PowerPoint keep headers, footers and watermarks in different
parts; each has its own module with the same two functions:

- `plan(package, index, markings, office_guids_gone)` → (member changes,
  parts drawn): the parts to change so that exactly `markings` (None: none
  of ours) are in the document, removing our earlier ones and Office's
  markings of the Microsoft labels in `office_guids_gone`;
- `found(package)` → the parts of ours present ("header", "footer", "watermark").

Visio and unknown packages carry no markings.
"""
from __future__ import annotations

from types import ModuleType

from .model import VisualMarkings
from .opc import PackageIndex
from .zippkg import ZipPackage

OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_BY_MAIN_PART = {"word/": "word", "xl/": "excel", "ppt/": "powerpoint"}


def _application(package: ZipPackage, index: PackageIndex) -> ModuleType | None:
    main = index.target_of(OFFICE_DOCUMENT) or ""
    for prefix, app in _BY_MAIN_PART.items():
        if main.lower().startswith(prefix):
            from importlib import import_module

            return import_module(f"formats.ooxml_markings_{app}")
    return None


def plan(package: ZipPackage, index: PackageIndex, markings: VisualMarkings | None,
         office_guids_gone: set[str], previously: tuple[str, ...] = ()) -> tuple[dict[str, bytes | None],
                                                                              dict[str, str]]:
    """`previously`: the parts our label in the file says were drawn with it."""
    app = _application(package, index)
    if app is None:
        return {}, {}
    if app.__name__.endswith("_excel") and markings is None and not previously:
        # Nothing to draw and none of ours to remove: a workbook's sheets can be
        # huge, so they are not searched (Excel has no Office markings to drop).
        return {}, {}
    return app.plan(package, index, markings, office_guids_gone)


def found(package: ZipPackage, index: PackageIndex, ours=None) -> tuple[str, ...]:
    """Our markings in the document.  A workbook's are read from our label's own
    record of them: finding them in the sheets would inflate every sheet."""
    app = _application(package, index)
    if app is None:
        return ()
    if app.__name__.endswith("_excel"):
        from .labelprops import markings_of

        return markings_of(ours)
    return app.found(package)
