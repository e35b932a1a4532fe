#!/usr/bin/env bash
# Build the Linux onedir bundle (dist/TryggDesktop/) and its tarball, then run the
# bundle's --self-test with a bare environment and no Python on PATH: the bundle
# must carry its own interpreter, SQLCipher, Qt plugins, migrations and fonts.
#
#   installer/build-linux.sh                  # fresh build venv in build/venv-installer
#   TRYGG_BUILD_PYTHON=/path/to/python installer/build-linux.sh
#                                             # use an environment that already has .[build]
#
# Prints the bundle size, the tarball size and the self-test time; exits non-zero
# when the build or the self-test fails.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
export PIP_DISABLE_PIP_VERSION_CHECK=1

VERSION="$(sed -n 's/^__version__ = "\(.*\)"/\1/p' trygg_desktop/__init__.py)"
[ -n "$VERSION" ] || { echo "cannot read trygg_desktop.__version__" >&2; exit 1; }
ARCH="$(uname -m)"
DIST="$ROOT/dist"
BUNDLE="$DIST/TryggDesktop"
TARBALL="$DIST/TryggDesktop-$VERSION-linux-$ARCH.tar.gz"

if [ -n "${TRYGG_BUILD_PYTHON:-}" ]; then
  BUILD_PY="$TRYGG_BUILD_PYTHON"
  "$BUILD_PY" -c 'import PyInstaller, trygg_desktop' \
    || { echo "$BUILD_PY lacks PyInstaller or trygg_desktop: pip install -c constraints.txt '.[build]'" >&2; exit 1; }
else
  PY="${PYTHON:-python3}"
  # PyInstaller needs a Python built with a shared libpython (pyenv: PYTHON_CONFIGURE_OPTS=--enable-shared).
  "$PY" -c 'import sys, sysconfig; assert sys.version_info >= (3, 11); assert sysconfig.get_config_var("Py_ENABLE_SHARED") == 1 or sys.platform != "linux", "needs a shared libpython"'
  VENV="$ROOT/build/venv-installer"
  echo "== build venv: $VENV =="
  rm -rf "$VENV"
  "$PY" -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
  # Not editable: the bundle must be built from what a wheel would ship.
  "$VENV/bin/python" -m pip install --quiet -c constraints.txt ".[build]"
  BUILD_PY="$VENV/bin/python"
fi

echo "== pyinstaller ($("$BUILD_PY" -m PyInstaller --version)) =="
rm -rf "$BUNDLE" "$TARBALL"
"$BUILD_PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$DIST" --workpath "$ROOT/build/pyinstaller" installer/trygg-desktop.spec

for program in TryggDesktop trygg-desktop-cli; do
  [ -x "$BUNDLE/$program" ] || { echo "missing $BUNDLE/$program" >&2; exit 1; }
done

# Per-user install script (menu entry + icon) for the people who unpack the tarball.
cp installer/linux/install.sh "$BUNDLE/install.sh"
chmod 755 "$BUNDLE/install.sh"

echo "== tarball =="
tar -C "$DIST" -czf "$TARBALL" TryggDesktop

echo "== self-test from the bundle (bare environment, no Python on PATH) =="
EMPTY_BIN="$(mktemp -d)"
HOME_DIR="$(mktemp -d)"
trap 'rm -rf "$EMPTY_BIN" "$HOME_DIR"' EXIT
if env -i PATH="$EMPTY_BIN" sh -c 'command -v python3 || command -v python' >/dev/null 2>&1; then
  echo "python is still on PATH" >&2; exit 1
fi
START="$(date +%s.%N)"
set +e
env -i PATH="$EMPTY_BIN" HOME="$HOME_DIR" LANG=C.UTF-8 "$BUNDLE/trygg-desktop-cli" --self-test
STATUS=$?
set -e
END="$(date +%s.%N)"
SELFTEST_SECONDS="$(awk -v a="$START" -v b="$END" 'BEGIN { printf "%.1f", b - a }')"

echo "== figures =="
echo "bundle:    $BUNDLE ($(du -sh "$BUNDLE" | cut -f1), $(find "$BUNDLE" -type f | wc -l) files)"
echo "tarball:   $TARBALL ($(du -h "$TARBALL" | cut -f1))"
echo "self-test: ${SELFTEST_SECONDS} s wall clock, exit $STATUS"
exit "$STATUS"
