#!/usr/bin/env python3
"""(Re)generate the sample files in tests/data/.

Run ONCE by a developer, by hand; the files it writes are committed to the
repository.  The tests never run this script: they only copy the committed
files (see the `sample` fixture in tests/conftest.py).  Re-running it gives
files with the same content but not byte-identical ones (timestamps, ids
written by LibreOffice), so only re-run it when a sample must change, and
review the diff of tests/data/README.md and the test results afterwards.

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
import os
import random
import shutil
import subprocess
import sys
import tempfile
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


# ------------------------------------------------------- written by libraries
def make_pydocx(out: Path) -> None:
    import docx
    doc = docx.Document()
    doc.core_properties.title = "Quarterly report"
    doc.core_properties.author = "Ann Example"
    doc.add_heading("Quarterly report", level=1)
    doc.add_paragraph("Sales went up in every region; details are in the table below.")
    table = doc.add_table(rows=3, cols=2)
    for row, (region, amount) in zip(table.rows, [("Region", "Sales"), ("North", "120"), ("South", "95")]):
        row.cells[0].text, row.cells[1].text = region, amount
    doc.save(out / "pydocx.docx")


def make_openpyxl(out: Path) -> None:
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Figures"
    for row in [("Item", "Amount"), ("Apples", 12), ("Pears", 7.5), ("Plums", 3)]:
        ws.append(row)
    ws["A5"], ws["B5"] = "Total", "=SUM(B2:B4)"
    notes = wb.create_sheet("Notes")
    notes["A1"], notes["A2"] = "Figures are illustrative.", 42
    wb.properties.title, wb.properties.creator = "Fruit", "Ann Example"
    wb.save(out / "openpyxl.xlsx")


def make_pptx(out: Path) -> None:
    import pptx
    prs = pptx.Presentation()
    for title, text in [("Quarterly review", "Prepared by Ann Example"),
                        ("Results", "Sales went up in every region")]:
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        slide.shapes.title.text = title
        slide.placeholders[1].text = text
    prs.core_properties.title, prs.core_properties.author = "Quarterly review", "Ann Example"
    prs.save(out / "pptx.pptx")


def pypdf_writer():
    from pypdf import PdfWriter
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_blank_page(200, 200)
    writer.add_metadata({"/Title": "Hello", "/Author": "Ann Example"})
    return writer


def make_pypdf(out: Path) -> None:
    with open(out / "pypdf.pdf", "wb") as f:
        pypdf_writer().write(f)


# ----------------------------------------------------- written by LibreOffice
OFFICE_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
             'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
             'xmlns:dc="http://purl.org/dc/elements/1.1/" '
             'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
             'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
             'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
             'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
             'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
             'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
             'xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" '
             'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" '
             'office:version="1.3"')

TSCP = "urn:bails:IntellectualProperty:"
TSCP_PROPS = [
    (TSCP + "BusinessAuthorizationCategory:Name", "Confidential"),
    (TSCP + "BusinessAuthorizationCategory:Identifier", "urn:example:tscp:confidential"),
    (TSCP + "PolicyAuthority:Name", "Example Corp"),
    (TSCP + "Impact:Scale", "UK-Cabinet"),
    (TSCP + "Impact:Level:Confidentiality", "2"),
    (TSCP + "Marking:document-header", "None"),
]


def flat_meta(title: str, user_defined: list[tuple[str, str]] = ()) -> str:
    extra = "".join(f'<meta:user-defined meta:name={quoteattr(k)} meta:value-type="string">{escape(v)}'
                    f'</meta:user-defined>' for k, v in user_defined)
    return (f"<office:meta><dc:title>{escape(title)}</dc:title>"
            f"<meta:initial-creator>Ann Example</meta:initial-creator><dc:creator>Ann Example</dc:creator>"
            f"{extra}</office:meta>")


def fodt(title: str, user_defined: list[tuple[str, str]] = ()) -> str:
    cells = "".join(
        "<table:table-row>" + "".join(
            f'<table:table-cell office:value-type="string"><text:p>{c}</text:p></table:table-cell>' for c in row)
        + "</table:table-row>" for row in [("Region", "Sales"), ("North", "120"), ("South", "95")])
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document {OFFICE_NS} '
            f'office:mimetype="application/vnd.oasis.opendocument.text">{flat_meta(title, user_defined)}'
            "<office:body><office:text>"
            f'<text:h text:outline-level="1">{escape(title)}</text:h>'
            "<text:p>Sales went up in every region; details are in the table below.</text:p>"
            '<table:table table:name="Sales"><table:table-column table:number-columns-repeated="2"/>'
            f"{cells}</table:table>"
            "</office:text></office:body></office:document>\n")


def fods() -> str:
    def num(v):
        return f'<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>'

    def txt(v):
        return f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>'
    rows = [txt("Item") + txt("Amount"), txt("Apples") + num(12), txt("Pears") + num(7.5), txt("Plums") + num(3),
            txt("Total") + '<table:table-cell table:formula="of:=SUM([.B2:.B4])" office:value-type="float" '
                           'office:value="22.5"><text:p>22.5</text:p></table:table-cell>']
    sheet1 = "".join(f"<table:table-row>{r}</table:table-row>" for r in rows)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document {OFFICE_NS} '
            f'office:mimetype="application/vnd.oasis.opendocument.spreadsheet">{flat_meta("Fruit")}'
            "<office:body><office:spreadsheet>"
            f'<table:table table:name="Figures"><table:table-column table:number-columns-repeated="2"/>{sheet1}'
            "</table:table>"
            '<table:table table:name="Notes"><table:table-column/>'
            f'<table:table-row>{txt("Figures are illustrative.")}</table:table-row>'
            f"<table:table-row>{num(42)}</table:table-row></table:table>"
            "</office:spreadsheet></office:body></office:document>\n")


def fodp() -> str:
    def frame(y, cls, text):
        return (f'<draw:frame presentation:class="{cls}" svg:x="2cm" svg:y="{y}cm" svg:width="24cm" '
                f'svg:height="3cm"><draw:text-box><text:p>{escape(text)}</text:p></draw:text-box></draw:frame>')
    pages = "".join(
        f'<draw:page draw:name="page{i}" draw:master-page-name="Default">'
        f'{frame(1, "title", title)}{frame(5, "outline", body)}</draw:page>'
        for i, (title, body) in enumerate([("Quarterly review", "Prepared by Ann Example"),
                                            ("Results", "Sales went up in every region")], start=1))
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document {OFFICE_NS} '
            f'office:mimetype="application/vnd.oasis.opendocument.presentation">{flat_meta("Quarterly review")}'
            '<office:automatic-styles><style:page-layout style:name="PM1"><style:page-layout-properties '
            'fo:page-width="28cm" fo:page-height="15.75cm" style:print-orientation="landscape"/>'
            "</style:page-layout></office:automatic-styles>"
            '<office:master-styles><style:master-page style:name="Default" style:page-layout-name="PM1"/>'
            "</office:master-styles>"
            f"<office:body><office:presentation>{pages}</office:presentation></office:body></office:document>\n")


# output name -> (source, filter for --convert-to)
LO_JOBS = {
    "lo-writer.odt": ("lo-writer.fodt", "odt:writer8"),
    "lo-writer.ott": ("lo-writer.fodt", "ott:writer8_template"),
    "lo-writer.docx": ("lo-writer.fodt", "docx:MS Word 2007 XML"),
    "lo-writer.docm": ("lo-writer.fodt", "docm:MS Word 2007 XML VBA"),
    "lo-writer.dotx": ("lo-writer.fodt", "dotx:MS Word 2007 XML Template"),
    "lo-writer.pdf": ("lo-writer.fodt", "pdf:writer_pdf_Export"),
    "lo-calc.ods": ("lo-calc.fods", "ods:calc8"),
    "lo-calc.ots": ("lo-calc.fods", "ots:calc8_template"),
    "lo-calc.xlsx": ("lo-calc.fods", "xlsx:Calc MS Excel 2007 XML"),
    "lo-calc.xlsm": ("lo-calc.fods", "xlsm:Calc MS Excel 2007 VBA XML"),
    "lo-calc.xltx": ("lo-calc.fods", "xltx:Calc MS Excel 2007 XML Template"),
    "lo-impress.odp": ("lo-impress.fodp", "odp:impress8"),
    "lo-impress.otp": ("lo-impress.fodp", "otp:impress8_template"),
    "lo-impress.pptx": ("lo-impress.fodp", "pptx:Impress MS PowerPoint 2007 XML"),
    "lo-impress.pptm": ("lo-impress.fodp", "pptm:Impress MS PowerPoint 2007 XML VBA"),
    "lo-impress.potx": ("lo-impress.fodp", "potx:Impress MS PowerPoint 2007 XML Template"),
    "lo-tscp.odt": ("lo-tscp.fodt", "odt:writer8"),
    "legacy.doc": ("lo-writer.fodt", "doc:MS Word 97"),
}


def soffice_convert(src: Path, target: str, outdir: Path) -> None:
    cmd = [SOFFICE, f"-env:UserInstallation={LO_PROFILE}", "--headless", "--norestore",
           "--convert-to", target, "--outdir", str(outdir), str(src)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
    if proc.returncode != 0:
        raise RuntimeError(f"soffice failed ({proc.returncode}): {proc.stderr.strip() or proc.stdout.strip()}")


def make_libreoffice(out: Path) -> None:
    if not (Path(SOFFICE).exists() or shutil.which(SOFFICE)):
        for name in LO_JOBS:
            SKIPPED[name] = "LibreOffice (soffice) not found"
        return
    with tempfile.TemporaryDirectory(prefix="lo-samples-") as tmp:
        tmp = Path(tmp)
        (tmp / "lo-writer.fodt").write_text(fodt("Quarterly report"), encoding="utf-8")
        (tmp / "lo-tscp.fodt").write_text(fodt("Classified report", TSCP_PROPS), encoding="utf-8")
        (tmp / "lo-calc.fods").write_text(fods(), encoding="utf-8")
        (tmp / "lo-impress.fodp").write_text(fodp(), encoding="utf-8")
        for name, (source, target) in LO_JOBS.items():
            outdir = tmp / ("out-" + name)
            outdir.mkdir()
            stem_name = Path(source).stem + Path(name).suffix
            try:
                soffice_convert(tmp / source, target, outdir)
                produced = outdir / stem_name
                if not produced.exists():
                    raise RuntimeError(f"soffice wrote nothing for {target!r}")
                problem = kind_problem(produced, Path(name).suffix)
                if problem:
                    raise RuntimeError(f"{target!r} wrote the wrong kind of file: {problem}")
            except Exception as exc:  # noqa: BLE001 - report and go on
                SKIPPED[name] = str(exc)
                (out / name).unlink(missing_ok=True)
                continue
            shutil.move(produced, out / name)


def kind_problem(path: Path, suffix: str) -> str | None:
    """None when `path` really is a `suffix` file, else what is wrong."""
    if suffix in ODF_MIMETYPES:
        with zipfile.ZipFile(path) as z:
            first = z.infolist()[0]
            if first.filename != "mimetype" or first.compress_type != zipfile.ZIP_STORED:
                return "mimetype is not the first, stored member"
            got = z.read("mimetype").decode()
        return None if got == ODF_MIMETYPES[suffix] else f"mimetype {got}"
    if suffix in MAIN_CONTENT_TYPES:
        got = main_content_type(path)
        return None if got == MAIN_CONTENT_TYPES[suffix] else f"main content type {got}"
    head = path.read_bytes()[:8]
    if suffix == ".pdf":
        return None if head.startswith(b"%PDF-") else f"starts with {head!r}"
    if suffix == ".doc":
        return None if head == bytes.fromhex("D0CF11E0A1B11AE1") else f"starts with {head!r}"
    return None


def main_content_type(path: Path) -> str | None:
    from lxml import etree
    with zipfile.ZipFile(path) as z:
        rels = etree.fromstring(z.read("_rels/.rels"))
        types = etree.fromstring(z.read("[Content_Types].xml"))
    target = next(r.get("Target") for r in rels if r.get("Type") == REL_OFFICEDOC)
    part = "/" + target.lstrip("/")
    ct = "{http://schemas.openxmlformats.org/package/2006/content-types}"
    for o in types.iter(ct + "Override"):
        if o.get("PartName").lower() == part.lower():
            return o.get("ContentType")
    ext = part.rsplit(".", 1)[-1].lower()
    for d in types.iter(ct + "Default"):  # bug66675.xlsx: main part typed by Default only
        if d.get("Extension").lower() == ext:
            return d.get("ContentType")
    return None


# ------------------------------------------------------ Microsoft-labelled
def copy_corpus(out: Path) -> None:
    for name in ("bug66675.xlsx", "missingcalcchainpart.xlsx"):
        src = CORPUS / name
        if src.exists():
            shutil.copyfile(src, out / name)
        else:
            SKIPPED[name] = f"{src} not found"


def msip(guid: str, props: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(f"MSIP_Label_{guid}_{k}", v) for k, v in props]


def make_msip_custom(out: Path) -> None:
    """Old AIP client + Titus + Boldon James, all in docProps/custom.xml."""
    split = 120
    props = msip(MSIP_GUID, [
        ("Enabled", "True"),
        ("SiteId", MSIP_SITE),
        ("Owner", "ann@example.com"),
        ("SetDate", "2019-03-14T09:26:53.3456789Z"),
        ("Name", "Confidential"),
        ("Application", "Microsoft Azure Information Protection"),
        ("ActionId", MSIP_ACTION),
        ("Method", "Privileged"),
        ("Extended_MSFT_Method", "Manual"),
    ]) + [
        ("Sensitivity", "Confidential"),
        ("TitusGUID", TITUS_GUID),
        ("Information Classification", "General"),
        ("bjDocumentSecurityLabel", "OFFICIAL"),
        ("bjDocumentLabelXML", BJ_XML[:split]),
        ("bjDocumentLabelXML-0", BJ_XML[split:]),
    ]
    with_parts(out / "pydocx.docx", out / "msip-custom.docx",
               {"docProps/custom.xml": (custom_xml(esc(props)), CT_CUSTOM, REL_CUSTOM)})


def make_msip_both(out: Path) -> None:
    """Modern Office: custom.xml MSIP_Label_* and docMetadata/LabelInfo.xml, same label."""
    props = msip(MSIP_GUID, [
        ("Enabled", "true"),
        ("SetDate", "2024-05-06T07:08:09Z"),
        ("Method", "Privileged"),
        ("Name", "Confidential"),
        ("SiteId", MSIP_SITE),
        ("ActionId", MSIP_ACTION),
        ("ContentBits", "0"),
    ])
    label_info = ('<?xml version="1.0" encoding="utf-8" standalone="yes"?>'
                  '<clbl:labelList xmlns:clbl="http://schemas.microsoft.com/office/2020/mipLabelMetadata">'
                  f'<clbl:label id="{{{MSIP_GUID}}}" enabled="1" method="Privileged" siteId="{{{MSIP_SITE}}}" '
                  'contentBits="0" removed="0" /></clbl:labelList>').encode()
    with_parts(out / "pptx.pptx", out / "msip-both.pptx", {
        "docProps/custom.xml": (custom_xml(esc(props)), CT_CUSTOM, REL_CUSTOM),
        "docMetadata/LabelInfo.xml": (label_info, CT_LABELINFO, REL_LABELINFO),
    })


def make_msip_pdf(out: Path) -> None:
    """What Office's "Save as PDF" of a labelled document carries."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, NameObject
    values = [("Enabled", "true"), ("SiteId", MSIP_SITE), ("SetDate", "2024-05-06T07:08:09Z"),
              ("Name", "Confidential"), ("Extended_MSFT_Method", "Manual")]
    writer = PdfWriter(clone_from=str(out / "pypdf.pdf"))
    writer.add_metadata({f"/MSIP_Label_{MSIP_GUID}_{k}": v for k, v in values})
    fields = "".join(f"<pdfx:MSIP_Label_{MSIP_GUID}_{k}>{escape(v)}</pdfx:MSIP_Label_{MSIP_GUID}_{k}>"
                     for k, v in values)
    packet = ('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
              '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
              ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
              '  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
              '   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">Hello</rdf:li></rdf:Alt></dc:title>\n'
              '   <dc:creator><rdf:Seq><rdf:li>Ann Example</rdf:li></rdf:Seq></dc:creator>\n'
              '  </rdf:Description>\n'
              '  <rdf:Description rdf:about="" xmlns:pdfx="http://ns.adobe.com/pdfx/1.3/">\n'
              f'   {fields}\n'
              '  </rdf:Description>\n'
              ' </rdf:RDF>\n'
              '</x:xmpmeta>\n'
              '<?xpacket end="w"?>').encode()
    stream = DecodedStreamObject()
    stream[NameObject("/Type")] = NameObject("/Metadata")
    stream[NameObject("/Subtype")] = NameObject("/XML")
    stream.set_data(packet)
    writer.root_object[NameObject("/Metadata")] = writer._add_object(stream)
    with open(out / "msip-labelled.pdf", "wb") as f:
        writer.write(f)


# ------------------------------------------------------------ bad input
def make_encrypted(out: Path) -> None:
    try:
        from msoffcrypto.format.ooxml import OOXMLFile
    except ImportError:
        SKIPPED["encrypted.docx"] = "msoffcrypto-tool not installed (pip install msoffcrypto-tool)"
        return
    with open(out / "pydocx.docx", "rb") as src, open(out / "encrypted.docx", "wb") as dst:
        OOXMLFile(src).encrypt("secret", dst)


def make_bad_inputs(out: Path) -> None:
    shutil.copyfile(out / "pypdf.pdf", out / "pdf-as.docx")
    shutil.copyfile(out / "pydocx.docx", out / "docx-as.pdf")
    data = (out / "pydocx.docx").read_bytes()
    (out / "truncated.docx").write_bytes(data[: len(data) * 60 // 100])
    if (out / "lo-writer.pdf").exists():
        data = (out / "lo-writer.pdf").read_bytes()
        (out / "truncated.pdf").write_bytes(data[: len(data) * 60 // 100])
    else:
        SKIPPED["truncated.pdf"] = "lo-writer.pdf was not produced"
    (out / "garbage.xlsx").write_bytes(random.Random(20240506).randbytes(4096))
    (out / "empty.docx").write_bytes(b"")


def make_entity_bomb(out: Path) -> None:
    """Billion laughs in core.xml, an external entity in custom.xml."""
    entities = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)]
    core = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
            '<!DOCTYPE cp:coreProperties [\n' + ''.join(f' {e}\n' for e in entities) + ']>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>&lol9;</dc:title>'
            '<dc:creator>Ann Example</dc:creator></cp:coreProperties>').encode()
    custom = custom_xml([("Leak", "&xxe;")],
                        doctype='<!DOCTYPE Properties [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\r\n')
    with_parts(out / "pydocx.docx", out / "entity-bomb.docx",
               {"docProps/custom.xml": (custom, CT_CUSTOM, REL_CUSTOM)},
               replace={"docProps/core.xml": core})


def make_zip_bomb_meta(out: Path, inflated: int = 150 * 1024 * 1024) -> None:
    """docProps/custom.xml that is valid XML but inflates to 150 MiB (spaces):
    ~19x the 8 MiB the handlers read of a metadata part, yet under 200 KB on disk."""
    src, dst = out / "pydocx.docx", out / "zip-bomb-meta.docx"
    head = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
            f'<Properties xmlns="{CUSTOM_NS}" xmlns:vt="{VT_NS}">').encode()
    tail = (f'<property fmtid="{FMTID}" pid="2" name="Padding"><vt:lpwstr>x</vt:lpwstr></property>'
            "</Properties>").encode()
    with zipfile.ZipFile(src) as z:
        ct = add_override(z.read("[Content_Types].xml"), "/docProps/custom.xml", CT_CUSTOM)
        rels = add_relationship(z.read("_rels/.rels"), REL_CUSTOM, "docProps/custom.xml")
    tmp = dst.with_suffix(".tmp")
    rewrite_zip(src, tmp, {"[Content_Types].xml": ct, "_rels/.rels": rels})
    with zipfile.ZipFile(tmp, "a", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        with z.open("docProps/custom.xml", "w") as f:
            f.write(head)
            chunk = b" " * (1 << 20)
            left = inflated - len(head) - len(tail)
            while left > 0:
                f.write(chunk[:left])
                left -= len(chunk)
            f.write(tail)
    tmp.replace(dst)


def make_misc(out: Path) -> None:
    from PIL import Image
    (out / "plain.txt").write_text("A plain text file.\nIt has no metadata slot of its own,\n"
                                   "so labels go into file attributes.\n", encoding="utf-8")
    img = Image.new("RGB", (16, 16), (40, 90, 160))
    for x in range(16):
        img.putpixel((x, x), (250, 200, 40))
    img.save(out / "photo.png", optimize=True)
    shutil.copyfile(out / "pydocx.docx", out / WEIRD_NAME)


WEIRD_NAME = '-rapport "final" 2024 ünïcødé 日本.docx'


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
    mine = {"make_samples.py", "README.md"}
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
