"""Sample generators for the files written by LibreOffice (flat ODF sources, --convert-to), and kind checks."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from samples_common import LO_PROFILE, MAIN_CONTENT_TYPES, ODF_MIMETYPES, REL_OFFICEDOC, SKIPPED, SOFFICE


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
