#!/usr/bin/env bash
# Build the one-folder bundle with PyInstaller (packaging/labeler.spec) into dist/labeler/.
#
#     packaging/build_bundle.sh [PYTHON]      # PYTHON: default .venv/bin/python, with '.[gui,bundle]' installed
#
# Linux here and in .ci/run; the same command builds the Windows and macOS bundles on those systems
# (packaging/windows/build_msi.ps1 and packaging/macos/build_pkg.sh call it).  Prints the build time and size.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${1:-.venv/bin/python}"
start=$(date +%s)
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/labeler.spec
end=$(date +%s)
echo "bundle: dist/labeler ($(du -sh dist/labeler | cut -f1), $(find dist/labeler -type f | wc -l) files)" \
     "built in $((end - start)) s"
