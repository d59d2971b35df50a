#!/usr/bin/env python3
"""(Re)generate the sample files in tests/data/.

Run ONCE by a developer, by hand; the files it writes are committed to the
repository.  The tests never run this script: they only copy the committed
files (see the `sample` fixture in tests/conftest.py).  Re-running it gives
files with the same content but not byte-identical ones (timestamps, ids
written by LibreOffice), so only re-run it when a sample must change, and
review the diff of tests/data/README.md and the test results afterwards.

The generators live next to this script, one module per family: samples_common
(paths, label ids, OPC/zip surgery), samples_libraries, samples_libreoffice,
samples_msip and samples_bad.

Needs:
  * python-docx, openpyxl, python-pptx, pypdf, Pillow, lxml (the test extras),
  * msoffcrypto-tool (only for `encrypted.docx`; `pip install msoffcrypto-tool`),
  * LibreOffice (`soffice` on PATH, or set SOFFICE=/path/to/soffice) for the
    `lo-*` files and `legacy.doc`.  A private profile in
    /tmp/lo-profile-samples is used so that a running LibreOffice is not
    disturbed.
  * /work/shared/corpus/ (or CORPUS=dir) for the two Microsoft-labelled
    spreadsheets copied unchanged from public test suites.

Usage:
    python tests/data/make_samples.py            # write into tests/data/
    python tests/data/make_samples.py --out DIR  # write elsewhere (to try it)

After writing, the script checks every file (opens it in its library, checks
the package's main content type / ODF mimetype, the size) and prints a table.
A sample that cannot be produced (no LibreOffice, no msoffcrypto, a filter
that writes the wrong kind of file) is reported and left out; the round-trip
tests skip a missing sample.
"""
from __future__ import annotations

import argparse
import hashlib
import io
import sys
import zipfile
from pathlib import Path

from samples_common import HERE, SKIPPED
from samples_libraries import make_openpyxl, make_pptx, make_pydocx, make_pypdf
from samples_libreoffice import LO_JOBS, TSCP_PROPS, kind_problem, make_libreoffice
from samples_msip import copy_corpus, make_msip_both, make_msip_custom, make_msip_pdf
from samples_bad import WEIRD_NAME, make_bad_inputs, make_encrypted, make_entity_bomb, make_misc, make_zip_bomb_meta
# Every generator and constant stays importable from here.
from samples_common import (BJ_XML, CORPUS, CT_CUSTOM, CT_LABELINFO, CUSTOM_NS, FMTID,  # noqa: F401
                            LO_PROFILE, MAIN_CONTENT_TYPES, MSIP_ACTION, MSIP_GUID, MSIP_SITE, ODF_MIMETYPES,
                            REL_CUSTOM, REL_LABELINFO, REL_OFFICEDOC, SOFFICE, TITUS_GUID, VT_NS, add_override,
                            add_relationship, custom_xml, esc, rewrite_zip, with_parts)
from samples_libraries import pypdf_writer  # noqa: F401
from samples_libreoffice import (OFFICE_NS, TSCP, flat_meta, fodp, fods, fodt, main_content_type,  # noqa: F401
                                 soffice_convert)
from samples_msip import msip  # noqa: F401


# ------------------------------------------------------------------ checks
def check(out: Path) -> list[str]:
    """Open every good sample in its library; return the problems found."""
    import docx
    import openpyxl
    import pptx
    import pypdf

    problems: list[str] = []

    def opens(name: str, fn) -> None:
        path = out / name
        if not path.exists():
            return
        try:
            fn(path)
        except Exception as exc:  # noqa: BLE001
            problems.append(f"{name}: does not open: {exc!r}")

    def pdf(path):
        with open(path, "rb") as f:
            r = pypdf.PdfReader(f, strict=True)
            assert len(r.pages) >= 1

    def xlsx(path):
        wb = openpyxl.load_workbook(str(path), read_only=True)
        assert wb.sheetnames
        wb.close()

    def docm(path):
        # python-docx's Document() refuses the macro-enabled main content type
        # (as it would a docm saved by Word); open the package and the parts.
        from docx.opc.package import OpcPackage
        pkg = OpcPackage.open(str(path))
        assert pkg.main_document_part.partname == "/word/document.xml"

    openers = {".docx": lambda p: docx.Document(str(p)), ".docm": docm,
               ".xlsx": xlsx, ".xlsm": xlsx, ".xltx": xlsx,
               ".pptx": lambda p: pptx.Presentation(str(p)), ".pdf": pdf}
    good = ["pydocx.docx", "openpyxl.xlsx", "pptx.pptx", "pypdf.pdf", "bug66675.xlsx",
            "missingcalcchainpart.xlsx", "msip-custom.docx", "msip-both.pptx", "msip-labelled.pdf", WEIRD_NAME,
            *[n for n in LO_JOBS if n != "legacy.doc"]]
    for name in good:
        path = out / name
        if not path.exists():
            continue
        if path.suffix in openers:
            opens(name, openers[path.suffix])
        problem = kind_problem(path, path.suffix)
        if problem:
            problems.append(f"{name}: {problem}")
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as z:
                if z.testzip() is not None:
                    problems.append(f"{name}: bad CRC")

    # Derived OOXML samples: every member except the edited ones is unchanged.
    for derived, base, edited in [
            ("msip-custom.docx", "pydocx.docx", {"[Content_Types].xml", "_rels/.rels", "docProps/custom.xml"}),
            ("msip-both.pptx", "pptx.pptx", {"[Content_Types].xml", "_rels/.rels", "docProps/custom.xml",
                                             "docMetadata/LabelInfo.xml"})]:
        a, b = raw_members(out / base), raw_members(out / derived)
        for name, data in a.items():
            if name not in edited and b.get(name) != data:
                problems.append(f"{derived}: member {name} differs from {base}")

    # The TSCP properties are in meta.xml as LibreOffice wrote them.
    if (out / "lo-tscp.odt").exists():
        meta = zipfile.ZipFile(out / "lo-tscp.odt").read("meta.xml").decode()
        for k, v in TSCP_PROPS:
            if f'meta:name="{k}"' not in meta or f">{v}<" not in meta:
                problems.append(f"lo-tscp.odt: {k} missing from meta.xml")

    # Bad inputs are bad in the intended way.
    ole = bytes.fromhex("D0CF11E0A1B11AE1")
    try:
        import olefile  # comes with msoffcrypto-tool
    except ImportError:
        olefile = None
    if (out / "encrypted.docx").exists():
        data = (out / "encrypted.docx").read_bytes()
        if data[:8] != ole:
            problems.append("encrypted.docx: not an OLE compound file")
        elif olefile:
            streams = {"/".join(s) for s in olefile.OleFileIO(io.BytesIO(data)).listdir()}
            if not {"EncryptionInfo", "EncryptedPackage"} <= streams:
                problems.append(f"encrypted.docx: streams {sorted(streams)}")
    if (out / "legacy.doc").exists() and olefile:
        streams = {"/".join(s) for s in olefile.OleFileIO(str(out / "legacy.doc")).listdir()}
        if "WordDocument" not in streams:
            problems.append("legacy.doc: no WordDocument stream")
    for name in ("truncated.docx", "garbage.xlsx", "empty.docx", "pdf-as.docx"):
        if zipfile.is_zipfile(out / name):
            problems.append(f"{name}: is a readable ZIP")
    with zipfile.ZipFile(out / "zip-bomb-meta.docx") as z:
        info = z.getinfo("docProps/custom.xml")
        if info.file_size < 100_000_000:
            problems.append(f"zip-bomb-meta.docx: custom.xml inflates to only {info.file_size} bytes")
    return problems


def raw_members(path: Path) -> dict[str, bytes]:
    """Each member's raw compressed bytes, read from its local entry."""
    result = {}
    with open(path, "rb") as f, zipfile.ZipFile(path) as z:
        for info in z.infolist():
            f.seek(info.header_offset + 26)
            n, m = int.from_bytes(f.read(2), "little"), int.from_bytes(f.read(2), "little")
            f.seek(info.header_offset + 30 + n + m)
            result[info.filename] = f.read(info.compress_size)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=HERE, help="folder to write into (default: tests/data)")
    args = parser.parse_args()
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)

    make_pydocx(out)
    make_openpyxl(out)
    make_pptx(out)
    make_pypdf(out)
    make_libreoffice(out)
    copy_corpus(out)
    make_msip_custom(out)
    make_msip_both(out)
    make_msip_pdf(out)
    make_encrypted(out)
    make_bad_inputs(out)
    make_entity_bomb(out)
    make_zip_bomb_meta(out)
    make_misc(out)

    problems = check(out)
    mine = {"make_samples.py", "samples_common.py", "samples_libraries.py", "samples_libreoffice.py",
            "samples_msip.py", "samples_bad.py", "README.md"}
    print(f"{'file':<45} {'bytes':>8}  sha256[:12]")
    for path in sorted(out.iterdir()):
        if path.is_file() and path.name not in mine:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
            flag = "  <-- over 200 KB" if path.stat().st_size > 200_000 else ""
            print(f"{path.name:<45} {path.stat().st_size:>8}  {digest}{flag}")
    for name, why in SKIPPED.items():
        print(f"NOT PRODUCED {name}: {why}")
    for problem in problems:
        print(f"PROBLEM {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
