"""Visual markings in OpenDocument files (.odt, .ods, .odp): drawn, found, replaced, removed.

What LibreOffice shows is checked by LibreOffice itself: each document is
converted to PDF and every page must carry the header and footer texts
(skipped where soffice is missing); through its UNO API (the system Python's
`uno` module) it reports the page styles' header and footer texts, the
master pages' shapes and, in a visible window on Xvfb, its classification
infobar.  LibreOffice shows no infobar at all when it runs headless.
"""
from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from conftest import MS_SITE, make_stamp, raw_members, run_cli
from formats import registry
from formats.markings import OFFICE_MARKING
from formats.model import MarkingStyle, VisualMarkings, marking_bits

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
SYSTEM_PYTHON = Path("/usr/bin/python3")
META_NS = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
DRAW_NS = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
BAILS = "urn:bails:IntellectualProperty:"

HEADER, FOOTER, WATERMARK = "CONFIDENTIAL", "Confidential - ${file}", "STRICTLY CONFIDENTIAL"
STRICT = VisualMarkings(HEADER, FOOTER, WATERMARK, MarkingStyle(color="#C00000"))
CONFIDENTIAL = VisualMarkings("TOP OF PAGE", "BOTTOM OF PAGE", None, MarkingStyle(align="right"))
# The samples and the parts each kind of document can hold (Calc has no watermark).
SAMPLES = {"lo-writer-3pages.odt": ("header", "footer", "watermark"),
           "lo-writer.odt": ("header", "footer", "watermark"),
           "lo-calc.ods": ("header", "footer"),
           "lo-impress.odp": ("header", "footer", "watermark")}
PAGES = {"lo-writer-3pages.odt": 3, "lo-writer.odt": 1, "lo-calc.ods": 2, "lo-impress.odp": 2}
OWN = {"lo-writer-3pages.odt": ["Acme project plan (own header)", "Own footer, page"],
       "lo-calc.ods": ["Page "]}


def stamp(markings=STRICT, **kw):
    return dataclasses.replace(make_stamp(**kw), markings=markings)


def public():
    return make_stamp("public", "Public")


def props(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as z:
        meta = etree.fromstring(z.read("meta.xml"))
    return {el.get(f"{{{META_NS}}}name"): el.text or "" for el in meta.iter(f"{{{META_NS}}}user-defined")}


def styles(path: Path) -> bytes:
    with zipfile.ZipFile(path) as z:
        return z.read("styles.xml")


def c14n(data: bytes) -> bytes:
    return etree.tostring(etree.fromstring(data), method="c14n")


def write(path: Path, label) -> bool:
    return registry.handler_for(path).write(path, label)


def render(paths, tmp_path) -> dict[str, list[str]]:
    """Each document converted to PDF by LibreOffice: the text of each page."""
    from pypdf import PdfReader

    out = tmp_path / f"pdf{time.monotonic_ns()}"
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out), *map(str, paths)], check=True, capture_output=True, timeout=300)
    return {p.name: [page.extract_text() for page in PdfReader(out / (p.stem + ".pdf")).pages] for p in paths}


# -- what is written ---------------------------------------------------------

@pytest.mark.parametrize("name", SAMPLES)
def test_markings_are_drawn_found_and_described_exactly(sample, name):
    path = sample(name)
    before = raw_members(path)
    assert write(path, stamp()) is True
    result = registry.handler_for(path).read(path)
    assert result.ours.id == "confidential"
    assert result.markings == SAMPLES[name]
    # ContentBits and LibreOffice's Marking:* properties describe exactly what was drawn.
    bag = props(path)
    assert bag[f"MSIP_Label_{make_stamp().microsoft.label_guid}_ContentBits"] == str(marking_bits(result.markings))
    texts = {"header": HEADER, "footer": FOOTER.replace("${file}", name), "watermark": WATERMARK}
    for part in ("header", "footer", "watermark"):
        assert bag[f"{BAILS}Marking:document-{part}"] == (texts[part] if part in result.markings else "")
    # Only the metadata and the part holding the master pages changed; every other member is byte-identical.
    after = raw_members(path)
    assert set(after) == set(before)
    assert {m for m in before if before[m] != after[m]} == {"meta.xml", "styles.xml"}


def test_writer_marking_is_libreoffice_classification_field_and_watermark(sample):
    path = sample("lo-writer-3pages.odt")
    write(path, stamp())
    root = etree.fromstring(styles(path))
    fields = {el.get(f"{{{TEXT_NS}}}name"): el.text for el in root.iter(f"{{{TEXT_NS}}}user-defined")}
    assert fields == {f"{BAILS}Marking:document-header": HEADER,
                      f"{BAILS}Marking:document-footer": "Confidential - lo-writer-3pages.odt"}
    shapes = [el for el in root.iter(f"{{{DRAW_NS}}}custom-shape")]
    assert [s.get(f"{{{DRAW_NS}}}name") for s in shapes] == ["PowerPlusWaterMarkObjectLabelerMarking"]
    assert "".join(shapes[0].itertext()) == WATERMARK


def test_without_tscp_the_text_is_plain(sample):
    path = sample("lo-writer.odt")
    write(path, stamp(tscp=False))
    data = styles(path)
    assert b"text:user-defined" not in data and HEADER.encode() in data
    assert registry.handler_for(path).read(path).markings == ("header", "footer", "watermark")


@pytest.mark.parametrize("name", SAMPLES)
def test_relabelling_replaces_and_removing_restores_styles(sample, name):
    path = sample(name)
    original = styles(path)
    write(path, stamp())
    write(path, stamp(CONFIDENTIAL))
    data = styles(path).decode()
    assert "STRICTLY" not in data and data.count("TOP OF PAGE") >= 1
    assert data.count("CONFIDENTIAL") == 0
    expected = tuple(p for p in ("header", "footer") if p in SAMPLES[name])
    assert registry.handler_for(path).read(path).markings == expected
    # A label without markings takes ours away: ContentBits 0, empty Marking:*, styles as they were.
    write(path, public())
    assert registry.handler_for(path).read(path).markings == ()
    bag = props(path)
    assert bag["MSIP_Label_0b7a9c2d-1e3f-4a5b-8c6d-7e8f9a0b1c2d_ContentBits"] == "0"
    assert bag[f"{BAILS}Marking:document-header"] == ""
    assert c14n(styles(path)) == c14n(original)
    # Removing the label removes the markings too.
    write(path, stamp())
    assert registry.handler_for(path).clear(path) is True
    assert registry.handler_for(path).read(path).markings == ()
    assert c14n(styles(path)) == c14n(original)


def test_same_label_again_changes_nothing(sample):
    path = sample("lo-writer-3pages.odt")
    write(path, stamp())
    data = path.read_bytes()
    assert write(path, stamp()) is False
    assert path.read_bytes() == data


def _edit_styles(path: Path, edit) -> None:
    """Rewrite a sample's styles.xml (test setup only), keeping mimetype first and stored."""
    with zipfile.ZipFile(path) as z:
        members = [(info, z.read(info)) for info in z.infolist()]
    with zipfile.ZipFile(path, "w") as z:
        for info, data in members:
            if info.filename == "styles.xml":
                data = edit(data.decode()).encode()
            z.writestr(info, data, compress_type=info.compress_type)


def test_office_and_libreoffice_markings_of_the_replaced_label_go_the_documents_own_stay(sample):
    path = sample("lo-writer-3pages.odt")
    old_guid = "9d2c1b0a-8f7e-4d6c-b5a4-3f2e1d0c9b8a"
    # A converted Office document: an earlier Microsoft label of the same tenant with its marking shape,
    # a LibreOffice classification field, and the document's own watermark.
    office_shape = (f'<draw:frame draw:name="{OFFICE_MARKING}" text:anchor-type="char" svg:width="5cm" '
                    'svg:height="1cm"><draw:text-box><text:p>OLD OFFICE MARKING</text:p></draw:text-box>'
                    '</draw:frame>')
    own_watermark = ('<draw:custom-shape draw:name="PowerPlusWaterMarkObject1" text:anchor-type="char" '
                     'svg:width="5cm" svg:height="1cm"><text:p>OWN WATERMARK</text:p></draw:custom-shape>')
    lo_field = f'<text:user-defined text:name="{BAILS}Marking:document-header">OLD LO MARKING</text:user-defined>'
    _edit_styles(path, lambda s: s.replace("Acme project plan (own header)",
                                           f"Acme project plan (own header){office_shape}{own_watermark}{lo_field}"))
    handler = registry.handler_for(path)
    bag = {f"MSIP_Label_{old_guid}_Enabled": "true", f"MSIP_Label_{old_guid}_SiteId": MS_SITE,
           f"MSIP_Label_{old_guid}_Name": "Old", f"{BAILS}BusinessAuthorizationCategory:Name": "Old",
           f"{BAILS}Marking:document-header": "OLD LO MARKING"}
    from formats.odf import META, _Meta
    from formats.zippkg import ZipPackage
    with ZipPackage(path) as package:
        meta = _Meta(etree.fromstring(package.read(META)))
    meta.update({**meta.bag(), **bag})
    with zipfile.ZipFile(path) as z:
        members = [(info, z.read(info)) for info in z.infolist()]
    with zipfile.ZipFile(path, "w") as z:
        for info, data in members:
            z.writestr(info, etree.tostring(meta.root) if info.filename == META else data,
                       compress_type=info.compress_type)
    assert write(path, stamp()) is True
    data = styles(path).decode()
    assert OFFICE_MARKING not in data and "OLD OFFICE MARKING" not in data and "OLD LO MARKING" not in data
    assert "OWN WATERMARK" in data and "Acme project plan (own header)" in data
    assert handler.read(path).markings == ("header", "footer", "watermark")


def test_cli_applies_the_scheme_markings(sample, tmp_path):
    path = sample("lo-writer-3pages.odt")
    env = {"LABELER_DATA_DIR": str(tmp_path / "userdata")}
    proc = run_cli("apply", "--label", "confidential", "--json", path, env=env, check_json=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    shown = run_cli("show", "--json", path, env=env, check_json=True)
    assert shown.json[0]["markings"] == ["header", "footer"]
    assert props(path)[f"{BAILS}Marking:document-header"] == "CONFIDENTIAL"


# -- what LibreOffice shows ------------------------------------------------------

@needs_soffice
def test_libreoffice_shows_the_markings_on_every_page_and_not_after_relabelling(sample, tmp_path):
    paths = [sample(name) for name in SAMPLES]
    for path in paths:
        write(path, stamp())
    pages = render(paths, tmp_path)
    for path in paths:
        texts = pages[path.name]
        assert len(texts) == PAGES[path.name], path.name
        footer = FOOTER.replace("${file}", path.name)
        for number, text in enumerate(texts, 1):
            flat = " ".join(text.split())
            assert HEADER in flat and footer in flat, f"{path.name} page {number}: {text!r}"
            for own in OWN.get(path.name, ()):
                assert own in flat, f"{path.name} page {number} lost its own {own!r}"
            if path.suffix == ".odp":
                assert WATERMARK in flat  # a text frame (Writer's fontwork watermark is drawn as curves)
    for path in paths:
        write(path, public())
    pages = render(paths, tmp_path)
    for path in paths:
        for number, text in enumerate(pages[path.name], 1):
            flat = " ".join(text.split())
            assert "CONFIDENTIAL" not in flat and "Confidential -" not in flat, f"{path.name} page {number}"
            for own in OWN.get(path.name, ()):
                assert own in flat


def uno_view(files, tmp_path, visible=False, display=None) -> dict:
    script = Path(__file__).with_name("lo_uno_view.py")
    env = {**os.environ, **({"DISPLAY": display} if display else {})}
    proc = subprocess.run([str(SYSTEM_PYTHON), str(script), (tmp_path / "uno-profile").as_uri(),
                           "visible" if visible else "headless", *map(str, files)],
                          capture_output=True, text=True, timeout=300, env=env)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _has_uno() -> bool:
    if SOFFICE is None or not SYSTEM_PYTHON.exists():
        return False
    return subprocess.run([str(SYSTEM_PYTHON), "-c", "import uno"], capture_output=True).returncode == 0


needs_uno = pytest.mark.skipif(not _has_uno(), reason="LibreOffice's Python UNO bridge is not installed")


@needs_uno
def test_libreoffice_uno_sees_the_markings(sample, tmp_path):
    paths = {name: sample(name) for name in ("lo-writer-3pages.odt", "lo-calc.ods", "lo-impress.odp")}
    for path in paths.values():
        write(path, stamp())
    seen = uno_view(paths.values(), tmp_path)
    writer = seen[str(paths["lo-writer-3pages.odt"])]
    assert any(HEADER in h and "Acme project plan (own header)" in h for h in writer["header"])
    assert any("Confidential - lo-writer-3pages.odt" in f and "Own footer" in f for f in writer["footer"])
    calc = seen[str(paths["lo-calc.ods"])]
    assert HEADER in calc["header"][0] and "Confidential - lo-calc.ods" in calc["footer"][0]
    impress = dict(map(tuple, seen[str(paths["lo-impress.odp"])]["shapes"]))
    assert impress["LabelerMarking header"] == HEADER
    assert impress["LabelerMarking footer"] == "Confidential - lo-impress.odp"
    assert impress["LabelerMarking watermark"] == WATERMARK


@needs_uno
@pytest.mark.skipif(shutil.which("Xvfb") is None, reason="Xvfb is not installed")
def test_libreoffice_classification_infobar_for_labelled_docx_and_odt(sample, tmp_path):
    """The classification infobar needs a visible frame: headless LibreOffice has no infobars."""
    odt, docx, plain = sample("lo-writer-3pages.odt"), sample("pydocx.docx"), sample("lo-writer.odt")
    write(odt, stamp())
    write(docx, make_stamp())
    read, written = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(written), "-screen", "0", "1280x1024x24"],
                            pass_fds=(written,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(written)
    try:
        with os.fdopen(read) as chosen:
            display = ":" + chosen.readline().strip()  # Xvfb picks a free display and says which
        seen = uno_view([odt, docx, plain], tmp_path, visible=True, display=display)
    finally:
        xvfb.terminate()
        xvfb.wait(10)
    assert seen[str(odt)]["infobar_classification"] is True
    assert seen[str(docx)]["infobar_classification"] is True
    assert seen[str(plain)]["infobar_classification"] is False


@needs_soffice
def test_markings_stay_ours_after_libreoffice_saves_the_document(sample, tmp_path):
    """LibreOffice keeps Writer's paragraph style and Impress's shape names; Calc drops the style
    of header paragraphs, so there the text our label recorded (Marking:*) tells ours."""
    paths = [sample(name) for name in ("lo-writer-3pages.odt", "lo-calc.ods", "lo-impress.odp")]
    saved = tmp_path / "saved"
    profile = (tmp_path / "lo-profile").as_uri()
    for path in paths:
        write(path, stamp())
        subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to",
                        path.suffix[1:], "--outdir", str(saved), str(path)], check=True, capture_output=True,
                       timeout=300)
    for path in paths:
        again = saved / path.name
        assert registry.handler_for(again).read(again).markings == SAMPLES[path.name]
        write(again, public())
        data = styles(again).decode()
        assert registry.handler_for(again).read(again).markings == ()
        assert "CONFIDENTIAL" not in data and "Confidential - " not in data, path.name
