#!/bin/sh
# Install (or remove) Trygg Desktop for the current user from the unpacked tarball:
#   ./install.sh              copy to ~/.local/opt/TryggDesktop, add a menu entry and icon
#   ./install.sh --uninstall  remove the program, the menu entry and the icon
# No administrator rights. Databases, settings and logs are never touched: they live
# where the user saved them and in ~/.local/share/TryggDesktop, ~/.local/state/TryggDesktop.
set -eu
HERE="$(cd "$(dirname "$0")" && pwd)"
PREFIX="${XDG_DATA_HOME:-$HOME/.local/share}"
TARGET="$HOME/.local/opt/TryggDesktop"
DESKTOP="$PREFIX/applications/trygg-desktop.desktop"
ICON="$PREFIX/icons/hicolor/256x256/apps/trygg-desktop.png"

if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$TARGET"
  rm -f "$DESKTOP" "$ICON"
  echo "Trygg Desktop removed (your databases, settings and logs were kept)."
  exit 0
fi

if [ "$HERE" != "$TARGET" ]; then
  rm -rf "$TARGET.new"
  mkdir -p "$(dirname "$TARGET")"
  cp -a "$HERE" "$TARGET.new"
  rm -rf "$TARGET"
  mv "$TARGET.new" "$TARGET"
fi
mkdir -p "$(dirname "$DESKTOP")" "$(dirname "$ICON")"
cp "$TARGET/_internal/trygg_desktop/_resources/icons/trygg.png" "$ICON"
cat > "$DESKTOP" <<DESKTOP_ENTRY
[Desktop Entry]
Type=Application
Name=Trygg Desktop
Comment=Case management for SSPF, TREFAS and avhoppare work
Comment[sv]=Ärendehantering för SSPF, TREFAS och avhopparverksamhet
Exec="$TARGET/TryggDesktop"
Icon=trygg-desktop
Terminal=false
Categories=Office;
DESKTOP_ENTRY
echo "Trygg Desktop installed in $TARGET (menu entry: Trygg Desktop)."
echo "Check the installation: $TARGET/trygg-desktop-cli --self-test"
