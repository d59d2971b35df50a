#!/usr/bin/env bash
# Smoke-test a built bundle (default dist/labeler) in a clean environment: no virtualenv, a throwaway HOME,
# no display (Qt's offscreen platform).  It must start, print its version, label a copy of a sample file
# and show that label, and open the labelling dialog (`labeler --self-test FILE`, labeler/selftest.py):
# offscreen, and on Xvfb when xvfb-run is installed (.ci/run installs it).
#
#     packaging/smoke_test.sh [BUNDLE_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
BUNDLE="$(cd "${1:-dist/labeler}" && pwd)"
PROGRAM="$BUNDLE/labeler"
[ -x "$PROGRAM" ] || { echo "smoke test: no bundle at $BUNDLE (run packaging/build_bundle.sh)" >&2; exit 1; }
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir "$WORK/home"
run() {  # the bundle alone: none of the build's Python, PATH entries or settings
  env -i HOME="$WORK/home" PATH=/usr/bin:/bin LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen "$PROGRAM" "$@"
}
expected="labeler $(python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')"
version="$(run --version)"
[ "$version" = "$expected" ] || { echo "smoke test: --version said '$version', expected '$expected'" >&2; exit 1; }
echo "ok    $version"

cp "tests/data/lo-writer.docx" "$WORK/sample.docx"
run apply --label internal "$WORK/sample.docx"
shown="$(run show "$WORK/sample.docx")"
echo "$shown"
grep -q "Internal" <<<"$shown" || { echo "smoke test: show did not report the label" >&2; exit 1; }
echo "ok    labelled and shown"

run --self-test "$WORK/sample.docx"
if command -v xvfb-run >/dev/null; then  # once more on a real X server (the bundle's xcb plugin), in Dutch
  xvfb-run -a bash -c 'env -i DISPLAY="$DISPLAY" XAUTHORITY="$XAUTHORITY" HOME="$1" PATH=/usr/bin:/bin \
    LANG=nl_NL.UTF-8 "$2" --self-test "$3"' _ "$WORK/home" "$PROGRAM" "$WORK/sample.docx" | tail -2
  [ "${PIPESTATUS[0]}" = 0 ] || { echo "smoke test: the self-test failed on Xvfb" >&2; exit 1; }
fi
echo "smoke test passed"
