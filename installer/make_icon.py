"""Draw the application icon (a shield) and write ``resources/icons/trygg.png`` and ``trygg.ico``.

Why a script: the icon is plain geometry, so it is drawn with QPainter rather than
kept as an opaque binary nobody can change. Run it after changing the drawing and
commit the generated files (the build does not run it):

    QT_QPA_PLATFORM=offscreen python installer/make_icon.py

The .ico holds 16–256 px images (Windows picks the size per view); Pillow, which
reportlab already depends on, writes the multi-size .ico.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)
NAVY, TEAL, WHITE = QColor("#1F3A5F"), QColor("#2E8B8B"), QColor("#FFFFFF")


def shield_path(s: float) -> QPainterPath:
    """A heater shield filling an s×s square with a small margin."""
    m = s * 0.08
    top, bottom, left, right, mid = m, s - m * 0.6, m * 1.3, s - m * 1.3, s / 2
    path = QPainterPath()
    path.moveTo(mid, top)
    path.cubicTo(QPointF(mid + s * 0.18, top + s * 0.07), QPointF(right - s * 0.05, top + s * 0.06),
                 QPointF(right, top + s * 0.08))
    path.cubicTo(QPointF(right, top + s * 0.45), QPointF(right - s * 0.08, bottom - s * 0.2), QPointF(mid, bottom))
    path.cubicTo(QPointF(left + s * 0.08, bottom - s * 0.2), QPointF(left, top + s * 0.45),
                 QPointF(left, top + s * 0.08))
    path.cubicTo(QPointF(left + s * 0.05, top + s * 0.06), QPointF(mid - s * 0.18, top + s * 0.07),
                 QPointF(mid, top))
    return path


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = float(size)
    p.setPen(QPen(WHITE, max(1.0, s * 0.035)))
    p.setBrush(QBrush(NAVY))
    p.drawPath(shield_path(s))
    # A check mark: "trygg" (safe) in one glance; thick enough to survive 16 px.
    p.setPen(QPen(TEAL.lighter(150), max(1.5, s * 0.09), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                  Qt.PenJoinStyle.RoundJoin))
    p.setBrush(Qt.BrushStyle.NoBrush)
    check = QPainterPath()
    check.moveTo(s * 0.32, s * 0.50)
    check.lineTo(s * 0.45, s * 0.63)
    check.lineTo(s * 0.69, s * 0.37)
    p.drawPath(check)
    p.end()
    return image


def png_bytes(image: QImage) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


def main() -> int:
    from PIL import Image

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    ICONS.mkdir(parents=True, exist_ok=True)
    images = {size: Image.open(io.BytesIO(png_bytes(draw(size)))) for size in SIZES}
    images[256].save(ICONS / "trygg.png")
    largest = images[256]
    largest.save(ICONS / "trygg.ico", format="ICO", sizes=[(s, s) for s in SIZES],
                 append_images=[images[s] for s in SIZES if s != 256])
    print(f"wrote {ICONS / 'trygg.png'} and {ICONS / 'trygg.ico'} ({', '.join(map(str, SIZES))} px)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
