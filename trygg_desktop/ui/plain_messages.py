"""Error sentences for the command line, in Swedish, from the app's own catalogue.

The CLI speaks Swedish ("Fel", "Importerat …"), but a refusal used to print the
service's English developer text ("You are not allowed to do that") in the middle
of it. The sentences for each code live in ``domain/error_messages.py`` (one table
with the window); their Swedish form is in the compiled catalogue, read here with
QtCore's ``QTranslator`` alone (no application object, no widgets) and only when an
error is printed, so a successful command never loads Qt. Codes without a sentence
keep the service's own message: it is specific ("No database at that path").
It lives in ``ui`` because only ``ui`` and ``app`` may touch PySide6.
"""

from __future__ import annotations

from functools import lru_cache

from ..domain.error_messages import CONTEXT, MESSAGES
from ..api.errors import TryggError
from ..paths import resource

_FAMILY_FALLBACK = {"access": "access.denied"}  # an unlisted refusal still reads as a refusal
# Integrity failures carry a technical detail (page number, slot) that IT needs beside the sentence.
_KEEP_DETAIL = frozenset({"db.damaged", "db.wrong_key", "keyfile.damaged", "keyfile.malformed", "keyfile.tampered",
                          "keyfile.wrong_key"})


@lru_cache(maxsize=1)
def _translator():
    try:
        from PySide6.QtCore import QTranslator
    except ImportError:  # pragma: no cover - PySide6 is a dependency; be safe on a broken install
        return None
    translator = QTranslator()
    return translator if translator.load(str(resource("translations/trygg_sv.qm"))) else None


#: Services that word their input errors in Swedish for the command line, with the value, row
#: or column that is wrong ("Okänt område 'Norr'", "Rad 12, kolumn datum: …"): their own text
#: is more use there than the window's general sentence for the code.
_SERVICE_WORDED = frozenset({"est", "est_import", "period", "stats"})


def cli_message(exc: TryggError) -> str:
    """The Swedish sentence for ``exc``'s code, else the service's own message."""
    if exc.code.split(".", 1)[0] in _SERVICE_WORDED:
        return exc.message
    code = exc.code if exc.code in MESSAGES else _FAMILY_FALLBACK.get(exc.code.split(".", 1)[0])
    translator = _translator() if code else None
    if translator is None:
        return exc.message
    n = int(exc.params.get("retry_after", 0)) if code == "auth.throttled" else -1
    # A plural entry is found only with its count, a plain one only without.
    text = (n >= 0 and translator.translate(CONTEXT, MESSAGES[code], "", n)) \
        or translator.translate(CONTEXT, MESSAGES[code])
    if not text:
        return exc.message
    text = text.replace("%n", str(n))
    if code in _KEEP_DETAIL and exc.message != type(exc).default_message:
        text += f" Detalj för IT: {exc.message}."  # e.g. the damaged page; never personal data
    return text
