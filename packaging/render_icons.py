"""Render the app icon (resources/icons/labeler.svg) into every size the desktops and installers need.

    .venv/bin/python packaging/render_icons.py          # after changing labeler.svg; commit the results

Writes
  resources/icons/hicolor/<n>x<n>/apps/io.github.labeler.Labeler.png   n = 16 … 256 (Qt's SVG renderer)
  packaging/windows/labeler.ico                                        16 … 256, for the .exe and the MSI
  packaging/macos/labeler.icns                                         16 … 1024, for the .app

Each PNG carries two text chunks: `Comment` = the integration marker (so
`labeler integrate uninstall` knows the installed copy is ours) and `Source`
= the SHA-256 of the SVG it was rendered from (tests/test_packaging.py fails
when the SVG changed and this was not run again).  Needs PySide6 (the `gui`
extra) and Pillow (the `test` extra); runs without a display.
"""
from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from labeler.desktop.integration import APP_ID  # noqa: E402
from labeler.desktop.integration.launcher import ICON_SIZES, MARKER  # noqa: E402

SVG = REPO / "resources" / "icons" / "labeler.svg"
HICOLOR = REPO / "resources" / "icons" / "hicolor"
ICO = REPO / "packaging" / "windows" / "labeler.ico"
ICNS = REPO / "packaging" / "macos" / "labeler.icns"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def source_digest() -> str:
    return hashlib.sha256(SVG.read_bytes()).hexdigest()


def render(size: int):
    """The SVG drawn on a transparent square of `size` pixels (a QImage)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"{SVG}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    from PIL import Image

    digest = source_digest()
    pngs = {}
    for size in sorted(set(ICON_SIZES) | set(ICO_SIZES) | set(ICNS_SIZES)):
        image = render(size)
        image.setText("Comment", MARKER)
        image.setText("Source", f"labeler.svg sha256={digest}")
        if size in ICON_SIZES:
            path = HICOLOR / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
            path.parent.mkdir(parents=True, exist_ok=True)
            if not image.save(str(path), "PNG"):
                raise SystemExit(f"could not write {path}")
            print(f"wrote {path.relative_to(REPO)}")
        tmp = REPO / "packaging" / f".icon-{size}.png"
        image.save(str(tmp), "PNG")
        with Image.open(tmp) as png:
            pngs[size] = png.convert("RGBA")
        tmp.unlink()
    ICO.parent.mkdir(parents=True, exist_ok=True)
    biggest = pngs[max(ICO_SIZES)]
    biggest.save(ICO, format="ICO", sizes=[(n, n) for n in ICO_SIZES],
                 append_images=[pngs[n] for n in ICO_SIZES if n != max(ICO_SIZES)])
    print(f"wrote {ICO.relative_to(REPO)}")
    ICNS.parent.mkdir(parents=True, exist_ok=True)
    pngs[max(ICNS_SIZES)].save(ICNS, format="ICNS",
                               append_images=[pngs[n] for n in ICNS_SIZES if n != max(ICNS_SIZES)])
    print(f"wrote {ICNS.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
