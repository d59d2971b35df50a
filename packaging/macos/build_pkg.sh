#!/usr/bin/env bash
# Build the macOS app and installer: PyInstaller's Labeler.app, then a .pkg that puts it in /Applications.
#
#     packaging/macos/build_pkg.sh [PYTHON]     # PYTHON: default .venv/bin/python, with '.[gui,bundle]' installed
#
# Needs Xcode's command line tools (pkgbuild, codesign).  Writes dist/Labeler.app and
# dist/Labeler-<version>.pkg and runs the app's self-test.  With CODESIGN_IDENTITY ("Developer ID
# Application: …") the app is signed with the hardened runtime; with INSTALLER_IDENTITY ("Developer ID
# Installer: …") the package too.  Notarise the signed .pkg with `xcrun notarytool submit --wait` and
# `xcrun stapler staple` (docs/packaging.md).
# UNTESTED: written and reviewed on Linux, never run here (docs/packaging.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
PYTHON="${1:-.venv/bin/python}"
"$PYTHON" -m PyInstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller packaging/labeler.spec
VERSION="$("$PYTHON" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')"
APP=dist/Labeler.app

if [ -n "${CODESIGN_IDENTITY:-}" ]; then
  codesign --force --deep --options runtime --timestamp --sign "$CODESIGN_IDENTITY" "$APP"
  codesign --verify --deep --strict "$APP"
fi

"$APP/Contents/MacOS/labeler" --version
QT_QPA_PLATFORM=offscreen "$APP/Contents/MacOS/labeler" --self-test tests/data/lo-writer.docx

PKG="dist/Labeler-$VERSION.pkg"
sign=()
[ -n "${INSTALLER_IDENTITY:-}" ] && sign=(--sign "$INSTALLER_IDENTITY")
pkgbuild --component "$APP" --install-location /Applications --identifier io.github.labeler.Labeler \
  --version "$VERSION" "${sign[@]}" "$PKG"
echo "Built $PKG"
