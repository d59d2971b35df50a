"""Sample generators for the Microsoft-labelled files: corpus copies, MSIP custom.xml / LabelInfo.xml, PDF."""
from __future__ import annotations

import shutil
from pathlib import Path
from xml.sax.saxutils import escape

from samples_common import (BJ_XML, CORPUS, CT_CUSTOM, CT_LABELINFO, MSIP_ACTION, MSIP_GUID, MSIP_SITE, REL_CUSTOM,
                            REL_LABELINFO, SKIPPED, TITUS_GUID, custom_xml, esc, with_parts)


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
