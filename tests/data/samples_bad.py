"""Sample generators for bad input: encrypted, truncated, misnamed, entity and zip bombs, odd names."""
from __future__ import annotations

import random
import shutil
import zipfile
from pathlib import Path

from samples_common import (CT_CUSTOM, CUSTOM_NS, FMTID, REL_CUSTOM, SKIPPED, VT_NS, add_override, add_relationship,
                            custom_xml, rewrite_zip, with_parts)


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
