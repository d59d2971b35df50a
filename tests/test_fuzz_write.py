"""Fuzzing the write path: structural mutants of real samples, one contract.

Every class of mutation (tests/fuzzing/) draws a small, derandomized set of
mutants from the real samples in tests/data (and the shared corpus when it
is present), labels each through the labelling service and checks the
contract in tests/fuzzing/contract.py: either a clean one-sentence refusal
with the file byte-identical, or a labelled file that keeps every original
member (or the whole original PDF) intact, opens where it opened before and
shows our label.  All bad cases of a class are reported together.

The same mutators run many more times for a release:
`python tools/fuzz_long.py 300`.
"""
from __future__ import annotations

import time

import pytest

from tests.fuzzing.classes import CLASSES, run_class
from tests.fuzzing.contract import ContractChecker, unclean_message

# Examples per class: together well under a minute (size-limits builds 8 MB
# parts and 65,535-member archives, so it gets fewer).
EXAMPLES = {
    "zip-directory": 80,
    "duplicate-names": 60,
    "relationships": 50,
    "content-types": 60,
    "xml-encoding-dtd": 60,
    "size-limits": 8,
    "pdf-xref-trailer": 60,
    "pdf-encrypt": 40,
    "pdf-xmp": 30,
    "byte-damage": 60,
}


@pytest.mark.parametrize("cls", CLASSES)
def test_every_mutant_meets_the_contract(cls, tmp_path):
    checker = ContractChecker(tmp_path / "work")
    started = time.monotonic()
    verdicts = run_class(cls, EXAMPLES[cls], checker, derandomize=True)
    elapsed = time.monotonic() - started
    assert verdicts, f"{cls}: no mutant was generated"
    bad = [v for v in verdicts if not v.good]
    assert not bad, (f"{cls}: {len(bad)} of {len(verdicts)} mutants broke the contract ({elapsed:.1f} s):\n"
                     + "\n".join(v.describe() for v in bad))


def test_every_class_has_a_ci_budget():
    assert set(EXAMPLES) == set(CLASSES)


@pytest.mark.parametrize("message, clean", [
    ("report.docx is damaged or truncated: its ZIP directory is missing.", True),
    ("report.docx could not be processed because of an unexpected problem (KeyError); it was left as it was.",
     False),
    ("report.pdf is damaged (ValueError('bad'))", False),
    ("report.pdf is damaged: b'\\x00\\x01'.", False),
    ("report.docx was not labelled: .~labeler-abc123.tmp is damaged.", False),
    ("report.pdf is damaged ('NoneType' object has no attribute 'get').", False),
    ("", False),
])
def test_the_message_check_itself(message, clean):
    assert (unclean_message(message) is None) is clean
