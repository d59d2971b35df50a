"""Visual markings in Excel documents (see formats/ooxml_markings.py for the contract)."""
from __future__ import annotations

from .model import VisualMarkings
from .opc import PackageIndex
from .zippkg import ZipPackage


def plan(package: ZipPackage, index: PackageIndex, markings: VisualMarkings | None,
         office_guids_gone: set[str]) -> tuple[dict[str, bytes | None], dict[str, str]]:
    return {}, {}


def found(package: ZipPackage) -> tuple[str, ...]:
    return ()
