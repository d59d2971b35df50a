"""Shared by the sample generators: output paths, the foreign label ids, and OPC/zip surgery."""
from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr


HERE = Path(__file__).resolve().parent
CORPUS = Path(os.environ.get("CORPUS", "/work/shared/corpus"))
SOFFICE = os.environ.get("SOFFICE") or shutil.which("soffice") or "/usr/bin/soffice"
LO_PROFILE = "file:///tmp/lo-profile-samples"

# The foreign Microsoft label carried by msip-*.  Deliberately NOT the label
# or tenant the tests stamp (conftest.MS_GUID / MS_SITE): writing our label
# must keep this other tenant's label, and clearing must give it back intact.
MSIP_GUID = "8a4e2f6b-3c1d-4e5f-9a7b-6c5d4e3f2a1b"
MSIP_SITE = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0"
MSIP_ACTION = "5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9"
TITUS_GUID = "3b9f6c2a-7d41-4e8a-b5c6-d7e8f9a0b1c2"
BJ_XML = ('<?xml version="1.0" encoding="us-ascii"?><sisl xmlns:xsd="http://www.w3.org/2001/XMLSchema" '
          'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" sislVersion="0" policy="abc" '
          'xmlns="http://www.boldonjames.com/2008/01/sie/internal/label">'
          '<element uid="id_classification_official" value="" /></sisl>')

# ---------------------------------------------------------------- OPC bits
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
CT_CUSTOM = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
REL_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
CT_LABELINFO = "application/vnd.ms-office.classificationlabels+xml"
REL_LABELINFO = "http://schemas.microsoft.com/office/2020/02/relationships/classificationlabels"
REL_OFFICEDOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"

MAIN_CONTENT_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    ".docm": "application/vnd.ms-word.document.macroEnabled.main+xml",
    ".dotx": "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    ".xlsm": "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    ".xltx": "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    ".pptm": "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
    ".potx": "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
}
ODF_MIMETYPES = {
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ott": "application/vnd.oasis.opendocument.text-template",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".ots": "application/vnd.oasis.opendocument.spreadsheet-template",
    ".odp": "application/vnd.oasis.opendocument.presentation",
    ".otp": "application/vnd.oasis.opendocument.presentation-template",
}

SKIPPED: dict[str, str] = {}   # file name -> why it was not produced


def custom_xml(props: list[tuple[str, str]], doctype: str = "") -> bytes:
    """docProps/custom.xml as Office writes it: vt:lpwstr values, pid from 2."""
    rows = "".join(
        f'<property fmtid="{FMTID}" pid="{pid}" name={quoteattr(name)}><vt:lpwstr>{value}</vt:lpwstr></property>'
        for pid, (name, value) in enumerate(props, start=2))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' + doctype +
            f'<Properties xmlns="{CUSTOM_NS}" xmlns:vt="{VT_NS}">{rows}</Properties>').encode()


def esc(props: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(k, escape(v)) for k, v in props]


def add_override(ct: bytes, part: str, content_type: str) -> bytes:
    assert f'PartName="{part}"'.encode() not in ct, part
    return ct.replace(b"</Types>", f'<Override PartName="{part}" ContentType="{content_type}"/></Types>'.encode())


def add_relationship(rels: bytes, rel_type: str, target: str) -> bytes:
    n = 1
    while f'Id="rId{n}"'.encode() in rels:
        n += 1
    return rels.replace(b"</Relationships>",
                        f'<Relationship Id="rId{n}" Type="{rel_type}" Target="{target}"/></Relationships>'.encode())


def rewrite_zip(src: Path, dst: Path, replace: dict[str, bytes] | None = None,
                add: dict[str, bytes] | None = None) -> None:
    """Copy `src` to `dst` member by member, in the same order, with the same
    ZipInfo; members in `replace` get new content, `add` is appended.  Every
    other member's content is unchanged (and, for zipfile-written sources,
    its compressed bytes too: same zlib, same level)."""
    replace, add = dict(replace or {}), dict(add or {})
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            data = replace.pop(info.filename, None)
            zout.writestr(info, data if data is not None else zin.read(info.filename))
        assert not replace, f"not in {src.name}: {sorted(replace)}"
        for name, data in add.items():
            zout.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)


def with_parts(src: Path, dst: Path, parts: dict[str, tuple[bytes, str, str]],
               replace: dict[str, bytes] | None = None) -> None:
    """Add new parts {name: (content, content type, package relationship type)}."""
    with zipfile.ZipFile(src) as z:
        ct, rels = z.read("[Content_Types].xml"), z.read("_rels/.rels")
        existing = set(z.namelist())
    add = {}
    for name, (data, content_type, rel_type) in parts.items():
        if name in existing:
            raise ValueError(f"{src.name} already has {name}")
        ct = add_override(ct, "/" + name, content_type)
        rels = add_relationship(rels, rel_type, name)
        add[name] = data
    rewrite_zip(src, dst, {"[Content_Types].xml": ct, "_rels/.rels": rels, **(replace or {})}, add)
