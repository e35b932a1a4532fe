"""The embedded Unicode fonts of every PDF: DejaVu Sans (regular, bold, oblique) and Sans Mono.

The fonts ship in ``resources/fonts/`` (licence: ``LICENSE-DejaVu.txt``) and are
registered with reportlab once per process, the first time a document is
rendered (never at import time). Registration is idempotent and thread-safe.

Coverage and fallback: DejaVu covers Swedish (å ä ö Å Ä Ö é ü), the rest of
Latin, Greek, Cyrillic, Hebrew and Arabic letters and many symbols. It lacks
CJK ideographs and most emoji, and the oblique face lacks Arabic (so user
text is never set in it). reportlab has no font fallback: a character without
a glyph is written with the font's ``.notdef`` glyph, which DejaVu draws as an
empty box (pypdf extracts it as U+0000); generation never fails on it (tested
with emoji, CJK and astral-plane characters). reportlab also does no bidi
reordering or Arabic shaping: right-to-left text is drawn in logical order
with unjoined letters (legible, but not as an Arabic or Hebrew reader expects).

If the packaged DejaVu files are missing (a broken install), the Bitstream
Vera fonts bundled with reportlab are used under the same names, so printing
still works (Vera covers Swedish but fewer scripts).
"""

from __future__ import annotations

import threading
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ..paths import resource

# Our own names, so a fallback font can stand in without renaming anything.
SANS = "TryggSans"
SANS_BOLD = "TryggSans-Bold"
SANS_OBLIQUE = "TryggSans-Oblique"
MONO = "TryggMono"

_FILES = {
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
    SANS_OBLIQUE: "DejaVuSans-Oblique.ttf",
    MONO: "DejaVuSansMono.ttf",
}
_FALLBACK = {  # files in reportlab/fonts/
    SANS: "Vera.ttf",
    SANS_BOLD: "VeraBd.ttf",
    SANS_OBLIQUE: "VeraIt.ttf",
    MONO: "Vera.ttf",
}

_lock = threading.Lock()
_registered = False


def fonts_dir() -> Path:
    """Where the packaged TTF files live (checkout, installed wheel or frozen bundle)."""
    return resource("fonts")


def _fallback_dir() -> Path:
    import reportlab

    return Path(reportlab.__file__).resolve().parent / "fonts"


def _font_path(name: str) -> Path:
    path = fonts_dir() / _FILES[name]
    if path.is_file():
        return path
    return _fallback_dir() / _FALLBACK[name]


def register_fonts() -> None:
    """Register the four fonts and the SANS family (``<b>``, ``<i>``) once."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        known = set(pdfmetrics.getRegisteredFontNames())
        for name in _FILES:
            if name not in known:
                pdfmetrics.registerFont(TTFont(name, str(_font_path(name))))
        pdfmetrics.registerFontFamily(SANS, normal=SANS, bold=SANS_BOLD, italic=SANS_OBLIQUE,
                                      boldItalic=SANS_BOLD)
        _registered = True
