"""The real sample files the mutators start from.

tests/data/ is always there; the shared corpus of real-world files is used
when present (a developer machine, the release run) and skipped otherwise.
PDF variants that only qpdf can produce (cross-reference streams,
linearized, encrypted) are made once per process when qpdf is installed.
"""
from __future__ import annotations

import functools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"
CORPUS = Path(os.environ.get("LABELER_FUZZ_CORPUS", "/work/shared/corpus"))

OOXML = ["lo-writer.docx", "lo-calc.xlsx", "lo-impress.pptx", "pydocx.docx", "openpyxl.xlsx", "pptx.pptx",
         "msip-custom.docx", "msip-both.pptx", "bug66675.xlsx", "missingcalcchainpart.xlsx", "lo-writer.docm"]
ODF = ["lo-writer.odt", "lo-calc.ods", "lo-impress.odp", "lo-tscp.odt"]
PDF = ["pypdf.pdf", "lo-writer.pdf", "msip-labelled.pdf"]
# Real-world files labelled as they are, in the class they belong to.
CORPUS_AS_IS = {
    "duplicate-names": ["realworld/duplicate-filename.xlsx", "realworld/duplicate-filename-case-insensitive.xlsx"],
    "content-types": ["realworld/picture.xlsx", "realworld/49609.xlsx"],
    "xml-encoding-dtd": ["realworld/54764-2.xlsx", "@entity-bomb.docx"],
    "relationships": ["bug66675.xlsx", "realworld/testODTNoMeta.odt"],
    "size-limits": ["@zip-bomb-meta.docx"],
    "pdf-xref-trailer": ["realworld/testPDF.pdf", "realworld/testAnnotations.pdf", "realworld/testPDF_bom.pdf",
                         "realworld/testAppleSingleFile.pdf", "@truncated.pdf"],
    "pdf-encrypt": ["realworld/testPDF_no_extract_no_accessibility_owner_empty.pdf"],
    "pdf-xmp": ["realworld/testMicrosoftIRMServices.pdf"],
    "zip-directory": ["realworld/testODTEncrypted.odt", "@truncated.docx"],
}


@functools.cache
def load(name: str) -> bytes:
    """A sample's bytes: plain names from tests/data, others from the corpus ('@x' = tests/data/x)."""
    if name.startswith("@"):
        return (DATA / name[1:]).read_bytes()
    if "/" in name or not (DATA / name).exists():
        return (CORPUS / name).read_bytes()
    return (DATA / name).read_bytes()


def available(names: list[str]) -> list[str]:
    out = []
    for n in names:
        path = DATA / n[1:] if n.startswith("@") else (CORPUS / n if "/" in n or not (DATA / n).exists() else DATA / n)
        if path.exists():
            out.append(n)
    return out


def corpus_as_is(cls: str) -> list[str]:
    return available(CORPUS_AS_IS.get(cls, []))


def file_name(sample: str) -> str:
    return Path(sample.lstrip("@")).name


def zip_samples() -> list[str]:
    return available(OOXML + ODF)


def ooxml_samples() -> list[str]:
    return available(OOXML)


@functools.cache
def _qpdf_variants() -> dict[str, bytes]:
    """PDF structures the plain samples lack, made with qpdf (if installed)."""
    exe = shutil.which("qpdf")
    if exe is None:
        return {}
    out: dict[str, bytes] = {}
    work = Path(tempfile.mkdtemp(prefix="fuzz-qpdf-"))
    recipes = {
        "xrefstream": ["--object-streams=generate"],
        "linearized": ["--linearize"],
        "qdf": ["--qdf"],
    }
    enc = {
        "rc4-40": ["--encrypt", "", "owner", "40", "--"],
        "rc4-128": ["--encrypt", "", "owner", "128", "--use-aes=n", "--"],
        "aes-128": ["--encrypt", "", "owner", "128", "--use-aes=y", "--"],
        "aes-256": ["--encrypt", "", "owner", "256", "--"],
        "aes-256-user": ["--encrypt", "secret", "owner", "256", "--"],
        "aes-128-cleartext-meta": ["--encrypt", "", "owner", "128", "--use-aes=y", "--cleartext-metadata", "--"],
    }
    try:
        for base in ("lo-writer.pdf", "msip-labelled.pdf"):
            src = DATA / base
            for tag, args in {**recipes, **enc}.items():
                dest = work / f"{tag}-{base}"
                proc = subprocess.run([exe, *args, str(src), str(dest)], capture_output=True, timeout=60)
                if proc.returncode in (0, 3) and dest.exists():
                    out[f"qpdf:{tag}:{base}"] = dest.read_bytes()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return out


def pdf_structures() -> dict[str, bytes]:
    """Unencrypted PDF bases: the samples and qpdf's re-structured variants."""
    bases = {n: load(n) for n in available(PDF)}
    bases.update({k: v for k, v in _qpdf_variants().items() if not k.split(":")[1].startswith(("rc4", "aes"))})
    return bases


def pdf_encrypted() -> dict[str, bytes]:
    return {k: v for k, v in _qpdf_variants().items() if k.split(":")[1].startswith(("rc4", "aes"))}
