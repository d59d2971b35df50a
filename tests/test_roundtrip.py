"""Picard-style round trip over every real sample file.

Each sample is copied to a temp folder, read, labelled, read back,
re-labelled and cleared.  After each write: the file still opens in the
library its family is built on, every non-metadata ZIP member keeps its
exact compressed bytes (PDF: the original is a byte-for-byte prefix), and
other tools' labels are still there.
"""
from __future__ import annotations

import zipfile

import pytest

from conftest import MS_GUID, make_stamp, raw_members
from formats import registry
from formats.model import OURS
from roundtrip import ZIP_METADATA_PARTS, open_zip, opener_for

MS_66675 = ("microsoft", "d0cb1e24-a0e2-4a4c-9340-733297c9cd7c")
MS_CALC = ("microsoft", "f42aa342-8706-4288-bd11-ebb85995028c")
MS_SAMPLE = ("microsoft", "8a4e2f6b-3c1d-4e5f-9a7b-6c5d4e3f2a1b")
TITUS = ("titus", "3b9f6c2a-7d41-4e8a-b5c6-d7e8f9a0b1c2")
BOLDON = ("boldon-james", "id_classification_official")

# file → foreign labels (system, id) it carries before we touch it
SAMPLES = {
    "pydocx.docx": set(), "openpyxl.xlsx": set(), "pptx.pptx": set(), "pypdf.pdf": set(),
    "lo-writer.odt": set(), "lo-calc.ods": set(), "lo-impress.odp": set(), "lo-writer.ott": set(),
    "lo-writer.docx": set(), "lo-calc.xlsx": set(), "lo-impress.pptx": set(), "lo-writer.pdf": set(),
    "lo-writer.docm": set(), "lo-calc.xlsm": set(), "lo-impress.pptm": set(), "lo-calc.ots": set(),
    "lo-impress.otp": set(), "lo-writer.dotx": set(), "lo-calc.xltx": set(), "lo-impress.potx": set(),
    "bug66675.xlsx": {MS_66675}, "missingcalcchainpart.xlsx": {MS_CALC},
    "msip-custom.docx": {MS_SAMPLE, TITUS, BOLDON}, "msip-both.pptx": {MS_SAMPLE},
    "msip-labelled.pdf": {MS_SAMPLE},
}


def foreign_ids(result):
    """Every label that is not ours, including the Microsoft/TSCP mirrors of ours."""
    return {(l.system, l.id) for l in result.labels if l.system != OURS}


def assert_lossless(original_bytes: bytes, original_raw: dict | None, path):
    if original_raw is None:  # PDF: incremental update
        assert path.read_bytes().startswith(original_bytes)
        return
    after = raw_members(path)
    for name, data in original_raw.items():
        if name not in ZIP_METADATA_PARTS:
            assert after.get(name) == data, f"{name} changed"


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_round_trip(sample, name):
    path = sample(name)
    if not path.exists():
        pytest.skip(f"{name} missing")
    original = path.read_bytes()
    is_zip = zipfile.is_zipfile(path)
    original_raw = raw_members(path) if is_zip else None
    open_doc = opener_for(path)
    handler = registry.handler_for(path)

    first = handler.read(path)
    assert first.ours is None
    assert foreign_ids(first) == SAMPLES[name]

    assert handler.write(path, make_stamp()) is True
    labelled = handler.read(path)
    assert labelled.ours.id == "confidential" and labelled.ours.name == "Confidential"
    assert labelled.ours.raw["Labeler_SchemeVersion"] == "3"
    assert ("microsoft", MS_GUID) in foreign_ids(labelled)
    assert ("tscp", "urn:example:confidential") in foreign_ids(labelled)
    assert SAMPLES[name] <= foreign_ids(labelled)
    # Reported as "other tools' labels": only the ones we did not write.
    assert {(l.system, l.id) for l in labelled.foreign} == SAMPLES[name]
    assert_lossless(original, original_raw, path)
    open_doc(path)

    assert handler.write(path, make_stamp("internal", "Internal")) is True
    relabelled = handler.read(path)
    assert relabelled.ours.id == "internal"
    assert ("microsoft", MS_GUID) not in foreign_ids(relabelled)
    assert ("tscp", "urn:example:internal") in foreign_ids(relabelled)
    assert_lossless(original, original_raw, path)
    open_doc(path)

    assert handler.write(path, None) is True
    cleared = handler.read(path)
    assert cleared.ours is None
    assert foreign_ids(cleared) == SAMPLES[name]
    assert_lossless(original, original_raw, path)
    open_doc(path)
    if is_zip:
        open_zip(path)
    # Clearing a file without our label changes nothing on disk.
    before_noop = path.read_bytes()
    assert handler.write(path, None) is False
    assert path.read_bytes() == before_noop


def test_rewrite_keeps_mimetype_first_and_stored(sample):
    path = sample("lo-writer.odt")
    registry.handler_for(path).write(path, make_stamp())
    first = zipfile.ZipFile(path).infolist()[0]
    assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
    assert zipfile.ZipFile(path).read("mimetype") == b"application/vnd.oasis.opendocument.text"


def test_tscp_category_of_libreoffice_is_replaced_by_a_mapped_label_and_kept_otherwise(sample):
    path = sample("lo-tscp.odt")
    handler = registry.handler_for(path)
    theirs = ("tscp", "urn:example:tscp:confidential")
    assert foreign_ids(handler.read(path)) == {theirs}
    handler.write(path, make_stamp(tscp=False))
    assert theirs in foreign_ids(handler.read(path))  # no TSCP mapping: theirs stays
    handler.write(path, make_stamp("internal", "Internal", tscp=True))
    ids = foreign_ids(handler.read(path))
    assert theirs not in ids and ("tscp", "urn:example:internal") in ids  # one category per policy
