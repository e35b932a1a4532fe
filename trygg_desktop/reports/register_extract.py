"""Registerutdrag enligt artikel 15 dataskyddsförordningen (GDPR), for one person.

Sections come from the service already reviewed for secrecy: each has a title
and optionally a lead text and a table (headers and rows; tables split across
pages with the header repeated). What the review withholds, and on what ground,
is listed last under "Uppgifter som inte lämnas ut (sekretess)". Extracts of
100+ pages are expected; the page count is on every page.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from ..domain.timefmt import print_datetime
from ..api.results import ExtractSection, RegisterExtract
from .kit import Kit
from .layout import render
from .page_furniture import PageDecor
from .sanitize import clean

TITLE = "Registerutdrag enligt artikel 15 dataskyddsförordningen"
DEFAULT_MARKING = ("SEKRETESS – registerutdrag till den registrerade; "
                   "får inte lämnas till någon annan utan sekretessprövning")


def render_extract(doc: RegisterExtract) -> bytes:
    """The register extract as PDF bytes (built in memory)."""
    decor = PageDecor(
        organisation=doc.organisation,
        document_label="Registerutdrag (art. 15 GDPR)",
        secrecy_marking=getattr(doc, "secrecy_marking", "") or DEFAULT_MARKING,
        printed_at=doc.printed_at,
        printed_by=doc.printed_by,
        recipient=getattr(doc, "recipient", "") or "den registrerade",
    )
    return render(lambda kit: _story(doc, kit), decor, title="Registerutdrag (art. 15 GDPR)",
                  subject=TITLE, author=doc.organisation)


def _story(doc: RegisterExtract, kit: Kit) -> list[Flowable]:
    s = kit.s
    out: list[Flowable] = []
    out += kit.para(TITLE, s.title)
    out += kit.kv([
        ("Den registrerade", doc.person_name),
        ("Personnummer", doc.personnummer),
        ("Personuppgiftsansvarig", doc.organisation),
        ("Utskrivet", print_datetime(doc.printed_at)),
        ("Utskrivet av", doc.printed_by),
    ])
    out += kit.para("Utdraget visar de personuppgifter om dig som finns registrerade, efter "
                    "sekretessprövning. Uppgifter som inte lämnas ut redovisas i slutet.", s.small)
    for section in doc.sections:
        out += _section(section, kit)
    out += kit.heading("Uppgifter som inte lämnas ut (sekretess)")
    withheld = [w for w in doc.withheld if clean(w).strip()]
    out += kit.bullets(withheld) if withheld else kit.para("Inga uppgifter har undantagits.")
    return out


def _section(section: ExtractSection, kit: Kit) -> list[Flowable]:
    out = kit.heading(section.title or "Uppgifter")
    out += kit.para(section.text)
    if section.rows:
        widths = kit.auto_widths(section.headers, section.rows, bold_first=not section.headers)
        out += kit.table(section.headers, section.rows, widths, zebra=True, bold_first=not section.headers)
    elif not clean(section.text).strip():
        out += kit.para("Inga uppgifter.", kit.s.small)
    return out
