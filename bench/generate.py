"""Generate the benchmark inputs (cached): big documents and a folder of many small ones.

    python bench/generate.py [OUT_DIR] [--quick]

Creates in OUT_DIR (default bench/out/, git-ignored):

* big.docx  >= 70 MB  (python-docx, incompressible random-noise PNG images)
* big.pptx  >= 70 MB  (python-pptx, likewise)
* big.xlsx  >= 5 MB   (openpyxl write_only, 100,000 rows of numbers and strings)
* big.pdf   >= 9 MB   (Pillow, pages of random-noise images)
* many/     2,000 "real-sized" documents (docx/xlsx/pptx/odt/pdf, 20-200 KB
  each) for the `show` benchmark; a third of them carry our label.

A file that already exists with at least the expected size is not generated
again (the many/ folder is kept when its marker file says it is complete).
`--quick` makes everything much smaller (for trying the scripts out).
"""
from __future__ import annotations

import io
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
DEFAULT_OUT = BENCH / "out"
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

MB = 1024 * 1024
KB = 1024

# Minimum sizes (bytes) and shapes; --quick divides them.
FULL = {"docx": 70 * MB, "pptx": 70 * MB, "xlsx": 5 * MB, "pdf": 9 * MB,
        "xlsx_rows": 100_000, "many": 2000}
QUICK = {"docx": 8 * MB, "pptx": 8 * MB, "xlsx": 1 * MB, "pdf": 2 * MB,
         "xlsx_rows": 20_000, "many": 200}

# Share of each format in the many/ folder.
MIX = (("docx", 0.30), ("xlsx", 0.25), ("pptx", 0.15), ("pdf", 0.20), ("odt", 0.10))


def default_out(quick: bool = False) -> Path:
    """bench/out/ for the real sizes, bench/out/quick/ for --quick (kept apart so caches survive)."""
    return DEFAULT_OUT / "quick" if quick else DEFAULT_OUT


def log(msg: str) -> None:
    print(f"[generate] {msg}", flush=True)


def sizes(quick: bool = False) -> dict:
    return QUICK if quick else FULL


def _cached(path: Path, min_size: int) -> bool:
    if path.exists() and path.stat().st_size >= min_size:
        log(f"{path.name}: cached ({path.stat().st_size / MB:.1f} MB)")
        return True
    return False


def noise_png(width: int, height: int, rng: random.Random | None = None) -> bytes:
    """An RGB PNG of random noise: about 3 bytes a pixel, does not compress."""
    from PIL import Image

    data = rng.randbytes(width * height * 3) if rng else os.urandom(width * height * 3)
    buf = io.BytesIO()
    Image.frombytes("RGB", (width, height), data).save(buf, "PNG", compress_level=1)
    return buf.getvalue()


def noise_jpeg(width: int, height: int, quality: int = 90, rng: random.Random | None = None) -> bytes:
    from PIL import Image

    data = rng.randbytes(width * height * 3) if rng else os.urandom(width * height * 3)
    buf = io.BytesIO()
    Image.frombytes("RGB", (width, height), data).save(buf, "JPEG", quality=quality)
    return buf.getvalue()


def _image_side_for(nbytes: int) -> int:
    """Side of a square noise PNG of about `nbytes` bytes."""
    return max(8, int((nbytes / 3) ** 0.5))


# ---------------------------------------------------------------------------
# Big files
# ---------------------------------------------------------------------------
def make_big_docx(path: Path, min_size: int) -> Path:
    if _cached(path, min_size):
        return path
    from docx import Document
    from docx.shared import Inches

    t = time.perf_counter()
    doc = Document()
    doc.add_heading("Benchmark document", 0)
    side = 1000  # ~3 MB per PNG
    total, i = 0, 0
    while total < min_size * 1.04:
        png = noise_png(side, side)
        doc.add_paragraph(f"Figure {i + 1}: random noise, {len(png):,} bytes. " + "Lorem ipsum dolor sit amet. " * 20)
        doc.add_picture(io.BytesIO(png), width=Inches(6))
        total += len(png)
        i += 1
    doc.save(path)
    log(f"{path.name}: {path.stat().st_size / MB:.1f} MB, {i} images, {time.perf_counter() - t:.1f} s")
    return path


def make_big_pptx(path: Path, min_size: int) -> Path:
    if _cached(path, min_size):
        return path
    from pptx import Presentation
    from pptx.util import Inches

    t = time.perf_counter()
    prs = Presentation()
    side = 1000
    total, i = 0, 0
    while total < min_size * 1.04:
        png = noise_png(side, side)
        slide = prs.slides.add_slide(prs.slide_layouts[5])
        slide.shapes.title.text = f"Slide {i + 1}"
        slide.shapes.add_picture(io.BytesIO(png), Inches(1), Inches(1.5), height=Inches(5))
        total += len(png)
        i += 1
    prs.save(path)
    log(f"{path.name}: {path.stat().st_size / MB:.1f} MB, {i} slides, {time.perf_counter() - t:.1f} s")
    return path


def make_big_xlsx(path: Path, min_size: int, rows: int) -> Path:
    if _cached(path, min_size):
        return path
    from openpyxl import Workbook

    t = time.perf_counter()
    rng = random.Random(1)
    cities = ["London", "Paris", "Berlin", "Madrid", "Rome", "Vienna", "Prague", "Oslo", "Lisbon", "Dublin"]
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Data")
    ws.append(["id", "amount", "rate", "quantity", "ratio", "city", "reference", "note", "score"])
    for r in range(rows):
        ws.append([r + 1, rng.uniform(0, 1e6), rng.random(), rng.randint(0, 10 ** 9), rng.gauss(0, 1),
                   cities[r % len(cities)], f"REF-{rng.getrandbits(48):012x}",
                   f"Row {r + 1} note {rng.getrandbits(32):08x}", rng.random() * 100])
    wb.save(path)
    size = path.stat().st_size
    log(f"{path.name}: {size / MB:.1f} MB, {rows:,} rows x 9 columns, {time.perf_counter() - t:.1f} s")
    if size < min_size:
        log(f"WARNING: {path.name} is {size / MB:.1f} MB, below the {min_size / MB:.0f} MB target")
    return path


def make_big_pdf(path: Path, min_size: int) -> Path:
    if _cached(path, min_size):
        return path
    from PIL import Image

    t = time.perf_counter()
    pages = []
    total = 0
    side = 1000
    # Pillow stores RGB pages as JPEG; noise at quality 90 stays ~1.5-2 MB a page.
    while total < min_size * 1.05:
        img = Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=90)
        total += len(buf.getvalue())
        pages.append(img)
    pages[0].save(path, "PDF", save_all=True, append_images=pages[1:], resolution=150.0, quality=90,
                  title="Benchmark PDF", author="bench")
    log(f"{path.name}: {path.stat().st_size / MB:.1f} MB, {len(pages)} pages, {time.perf_counter() - t:.1f} s")
    return path


def make_big(out: Path, quick: bool = False) -> dict[str, Path]:
    s = sizes(quick)
    out.mkdir(parents=True, exist_ok=True)
    return {
        "docx": make_big_docx(out / "big.docx", s["docx"]),
        "pptx": make_big_pptx(out / "big.pptx", s["pptx"]),
        "xlsx": make_big_xlsx(out / "big.xlsx", s["xlsx"], s["xlsx_rows"]),
        "pdf": make_big_pdf(out / "big.pdf", s["pdf"]),
    }


def add_big_options(parser) -> None:
    """--quick and --out, for a benchmark of the big files (make_big)."""
    parser.add_argument("--quick", action="store_true", help="small files (bench/out/quick/)")
    parser.add_argument("--out", help="folder of the generated files (default bench/out/ or bench/out/quick/)")


def big_files(args) -> tuple[Path, dict[str, Path]]:
    """The folder that add_big_options' arguments name, and the big files in it (generated when missing)."""
    out = Path(args.out) if args.out else default_out(args.quick)
    return out, make_big(out, args.quick)


# ---------------------------------------------------------------------------
# Many small, real-sized documents
# ---------------------------------------------------------------------------
def small_docx(path: Path, target: int, rng: random.Random) -> None:
    from docx import Document
    from docx.shared import Inches

    doc = Document()
    doc.core_properties.title = f"Report {path.stem}"
    doc.core_properties.author = "Bench"
    doc.add_heading(f"Report {path.stem}", 1)
    for _ in range(rng.randint(3, 15)):
        doc.add_paragraph("The quarterly figures are within the expected range. " * rng.randint(2, 8))
    table = doc.add_table(rows=5, cols=4)
    for row in table.rows:
        for cell in row.cells:
            cell.text = str(rng.randint(0, 10 ** 6))
    # python-docx's default template is ~36 KB; pad with one noise image.
    pad = target - 37 * KB
    if pad > 2 * KB:
        doc.add_picture(io.BytesIO(noise_png(_image_side_for(pad), _image_side_for(pad), rng)), width=Inches(3))
    doc.save(path)


def small_pptx(path: Path, target: int, rng: random.Random) -> None:
    from pptx import Presentation
    from pptx.util import Inches

    prs = Presentation()
    prs.core_properties.title = f"Deck {path.stem}"
    for i in range(rng.randint(1, 4)):
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        slide.shapes.title.text = f"Slide {i + 1}"
        slide.placeholders[1].text = "Key points\nRevenue up\nCosts down"
    pad = target - 30 * KB
    if pad > 2 * KB:
        slide = prs.slides.add_slide(prs.slide_layouts[5])
        slide.shapes.add_picture(io.BytesIO(noise_png(_image_side_for(pad), _image_side_for(pad), rng)),
                                 Inches(1), Inches(1.5), height=Inches(4))
    prs.save(path)


def small_xlsx(path: Path, target: int, rng: random.Random) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Figures"
    ws.append(["id", "amount", "rate", "region", "code"])
    # ~48 bytes of compressed XML a row, ~8 KB of fixed parts.
    rows = max(10, (target - 8 * KB) // 48)
    regions = ["North", "South", "East", "West"]
    for r in range(rows):
        ws.append([r + 1, rng.uniform(0, 1e5), rng.random(), regions[r % 4], f"C{rng.getrandbits(24):06x}"])
    wb.properties.title = f"Sheet {path.stem}"
    wb.save(path)


def small_pdf(path: Path, target: int, rng: random.Random) -> None:
    from PIL import Image, ImageDraw

    # JPEG noise at quality 75 is ~0.63 byte/pixel; one or two pages.
    npages = rng.randint(1, 2)
    per_page = max(4 * KB, target // npages)
    side = max(32, int((per_page / 0.63) ** 0.5))
    pages = []
    for p in range(npages):
        img = Image.frombytes("RGB", (side, side), rng.randbytes(side * side * 3))
        ImageDraw.Draw(img).text((5, 5), f"{path.stem} page {p + 1}", fill=(255, 255, 255))
        pages.append(img)
    pages[0].save(path, "PDF", save_all=True, append_images=pages[1:], quality=75,
                  title=f"Scan {path.stem}", author="Bench")


GENERATORS = {"docx": small_docx, "pptx": small_pptx, "xlsx": small_xlsx, "pdf": small_pdf}


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _convert_with_libreoffice(sources: list[Path], fmt: str, outdir: Path) -> list[Path]:
    """Real LibreOffice files: convert docx seeds to `fmt`; [] when unavailable."""
    exe = _soffice()
    if not exe or not sources:
        return []
    profile = Path(tempfile.mkdtemp(prefix="bench-lo-profile-"))
    try:
        subprocess.run([exe, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", fmt,
                        "--outdir", str(outdir), *map(str, sources)],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        log(f"LibreOffice conversion to {fmt} failed: {exc}")
        return []
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return [outdir / (s.stem + "." + fmt) for s in sources if (outdir / (s.stem + "." + fmt)).exists()]


def small_odt_builtin(path: Path, target: int, rng: random.Random) -> None:
    """A minimal, valid ODT written by hand (used when LibreOffice is missing)."""
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    draw = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
    xlink = "http://www.w3.org/1999/xlink"
    svg = "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
    pad = max(1 * KB, target - 4 * KB)
    png = noise_png(_image_side_for(pad), _image_side_for(pad), rng)
    paras = "".join(f"<text:p>Paragraph {i}: the figures are in line with the plan.</text:p>" for i in range(20))
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="{office}" '
               f'xmlns:text="{text}" xmlns:draw="{draw}" xmlns:xlink="{xlink}" xmlns:svg="{svg}" '
               f'office:version="1.3"><office:body><office:text>{paras}<text:p><draw:frame svg:width="5cm" '
               f'svg:height="5cm"><draw:image xlink:href="Pictures/noise.png" xlink:type="simple"/>'
               f'</draw:frame></text:p></office:text></office:body></office:document-content>')
    meta = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta xmlns:office="{office}" '
            f'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.3"><office:meta>'
            f'<meta:generator>bench</meta:generator></office:meta></office:document-meta>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
                '<manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="Pictures/noise.png" manifest:media-type="image/png"/>'
                '</manifest:manifest>')
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("meta.xml", meta, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("Pictures/noise.png", png, compress_type=zipfile.ZIP_STORED)
        z.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)


def _bench_stamp(label_id: str = "confidential", name: str = "Confidential"):
    from formats.model import LabelStamp, MicrosoftMapping, TscpMapping

    return LabelStamp(
        label_id=label_id, label_name=name, scheme_id="bench-scheme", scheme_version=1,
        set_at="2026-11-27T10:00:00Z", set_by="bench", method="manual",
        microsoft=MicrosoftMapping("6f1c5c8e-7b2a-4c1e-9a55-0d9a3c1b2e11",
                                   "3a1e2f40-5b6c-4d7e-8f90-a1b2c3d4e5f6", name),
        tscp=TscpMapping(f"urn:example:{label_id}", name, policy_authority="Example Corp",
                         impact_scale="UK-Cabinet", impact_level="2"),
    )


def make_many(out: Path, count: int | None = None, quick: bool = False, label_every: int = 3) -> Path:
    """A folder of `count` documents, 20-200 KB each, every `label_every`-th labelled by us."""
    count = count or sizes(quick)["many"]
    folder = out / "many"
    marker = folder / f".complete-{count}"
    if marker.exists():
        log(f"many/: cached ({count} files)")
        return folder
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    t = time.perf_counter()
    rng = random.Random(42)

    plan: list[str] = []
    for fmt, share in MIX:
        plan += [fmt] * round(count * share)
    plan = (plan + ["docx"] * count)[:count]
    rng.shuffle(plan)

    # ODT (and some PDFs) from LibreOffice: convert a set of docx seeds once,
    # then copy those real files; fall back to generated files without LibreOffice.
    seeds_dir = Path(tempfile.mkdtemp(prefix="bench-seeds-"))
    lo_files: dict[str, list[Path]] = {"odt": [], "pdf": []}
    try:
        n_seeds = 6 if quick else 24
        seeds = []
        for i in range(n_seeds):
            p = seeds_dir / f"seed{i:02d}.docx"
            small_docx(p, rng.randint(20 * KB, 170 * KB), rng)
            seeds.append(p)
        lo_dir = seeds_dir / "lo"
        lo_dir.mkdir()
        lo_files["odt"] = _convert_with_libreoffice(seeds, "odt", lo_dir)
        lo_files["pdf"] = _convert_with_libreoffice(seeds[: n_seeds // 2], "pdf", lo_dir)
        log(f"LibreOffice seeds: {len(lo_files['odt'])} odt, {len(lo_files['pdf'])} pdf")

        for i, fmt in enumerate(plan):
            path = folder / f"doc{i:05d}.{fmt}"
            target = rng.randint(20 * KB, 200 * KB)
            if fmt == "odt":
                if lo_files["odt"]:
                    shutil.copyfile(rng.choice(lo_files["odt"]), path)
                else:
                    small_odt_builtin(path, target, rng)
            elif fmt == "pdf" and lo_files["pdf"] and i % 2 == 0:
                shutil.copyfile(rng.choice(lo_files["pdf"]), path)
            else:
                GENERATORS[fmt](path, target, rng)
            if (i + 1) % 500 == 0:
                log(f"many/: {i + 1}/{count} files")
    finally:
        shutil.rmtree(seeds_dir, ignore_errors=True)

    # A third carry our label (and Microsoft's / TSCP mapping), as in real use.
    from formats import registry

    stamp = _bench_stamp()
    labelled = 0
    for i, path in enumerate(sorted(folder.iterdir())):
        if i % label_every == 0:
            registry.handler_for(path).write(path, stamp)
            labelled += 1

    sizes_kb = sorted(p.stat().st_size / KB for p in folder.iterdir())
    total = sum(sizes_kb)
    log(f"many/: {count} files, {labelled} labelled, sizes {sizes_kb[0]:.0f}-{sizes_kb[-1]:.0f} KB "
        f"(median {sizes_kb[len(sizes_kb) // 2]:.0f} KB, total {total / 1024:.0f} MB), "
        f"{time.perf_counter() - t:.1f} s")
    marker.touch()
    return folder


def main(argv: list[str] | None = None) -> int:
    import argparse

    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("out", nargs="?", help="output folder (default bench/out/, or bench/out/quick/ with --quick)")
    p.add_argument("--quick", action="store_true", help="much smaller files, for trying the scripts")
    p.add_argument("--only", choices=["big", "many"], help="generate only one kind")
    args = p.parse_args(argv)
    out = Path(args.out) if args.out else default_out(args.quick)
    if args.only != "many":
        make_big(out, args.quick)
    if args.only != "big":
        make_many(out, quick=args.quick)
    return 0


if __name__ == "__main__":
    sys.exit(main())
