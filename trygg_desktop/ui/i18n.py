"""Translations: English source strings, Swedish by default (DESIGN.md §4).

Our catalogue is ``resources/translations/trygg_sv.qm`` (built from ``trygg_sv.ts``
with ``pyside6-lrelease``); Qt's own ``qtbase_sv.qm`` translates its standard
dialogs. Dates and numbers follow the Swedish locale.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ..domain.timefmt import fmt_date
from ..paths import resource

# dialogs/meeting_editor.py (edited in parallel) still imports fmt_date from here; new code
# imports it from domain.timefmt.
__all__ = ["DEFAULT_LANGUAGE", "LANGUAGES", "catalogue_path", "fmt_date", "install"]

LANGUAGES = ("sv", "en")
DEFAULT_LANGUAGE = "sv"

_installed: list[QTranslator] = []


def catalogue_path(lang: str):
    return resource(f"translations/trygg_{lang}.qm")


def install(app: QCoreApplication, lang: str = DEFAULT_LANGUAGE) -> bool:
    """Install the catalogues for ``lang``; True when our catalogue loaded."""
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    QLocale.setDefault(QLocale(QLocale.Language.Swedish if lang == "sv" else QLocale.Language.English,
                               QLocale.Country.Sweden))
    if lang == "en":
        return True
    ours = QTranslator(app)
    loaded = ours.load(str(catalogue_path(lang)))
    if loaded:
        app.installTranslator(ours)
        _installed.append(ours)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    return loaded
