"""The fuzz classes, their generators, and a runner shared by CI and releases."""
from __future__ import annotations

from collections.abc import Callable

from hypothesis import HealthCheck, Phase, Verbosity, given, settings
from hypothesis import strategies as st

from tests.fuzzing.contract import Case, ContractChecker, Verdict
from tests.fuzzing.pdf_mutators import gen_byte_damage, gen_pdf_encrypt, gen_pdf_xmp, gen_pdf_xref_trailer
from tests.fuzzing.zip_mutators import (gen_content_types, gen_duplicate_names, gen_relationships,
                                        gen_size_limits, gen_xml_encoding_dtd, gen_zip_directory)

GENERATORS: dict[str, Callable[..., Case]] = {
    "zip-directory": gen_zip_directory,
    "duplicate-names": gen_duplicate_names,
    "relationships": gen_relationships,
    "content-types": gen_content_types,
    "xml-encoding-dtd": gen_xml_encoding_dtd,
    "size-limits": gen_size_limits,
    "pdf-xref-trailer": gen_pdf_xref_trailer,
    "pdf-encrypt": gen_pdf_encrypt,
    "pdf-xmp": gen_pdf_xmp,
    "byte-damage": gen_byte_damage,
}
CLASSES = tuple(GENERATORS)


class GeneratorBug(Exception):
    """A mutator itself failed: a bug in the fuzz suite, not in the labeller."""


def run_class(cls: str, examples: int, checker: ContractChecker, derandomize: bool = True,
              seed: int | None = None, on_verdict: Callable[[Verdict], None] | None = None) -> list[Verdict]:
    """Draw up to `examples` mutants of class `cls` and check each one.

    Failures are collected, not raised, so that one run reports every bad
    case (and no time goes into shrinking)."""
    verdicts: list[Verdict] = []
    generator = GENERATORS[cls]

    @settings(max_examples=examples, derandomize=derandomize, deadline=None, database=None,
              phases=[Phase.generate], suppress_health_check=list(HealthCheck), verbosity=Verbosity.quiet,
              report_multiple_bugs=False)
    @given(st.data())
    def body(data):
        try:
            case = generator(data)
        except Exception as exc:
            raise GeneratorBug(f"{cls} generator failed: {type(exc).__name__}: {exc}") from exc
        verdict = checker.check(case)
        verdicts.append(verdict)
        if on_verdict is not None:
            on_verdict(verdict)

    if seed is not None and not derandomize:
        from hypothesis import seed as seed_decorator
        body = seed_decorator(seed)(body)
    body()
    return verdicts
