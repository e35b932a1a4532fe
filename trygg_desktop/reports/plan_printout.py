"""The åtagandeplan in plain language for the young person and the family.

Big readable type (12 pt), the goals as a bullet list, one table "what – who –
when", and whom to call. No internal notes and no case-work vocabulary beyond
what the DTO holds. The secrecy marking, printing details and page numbers are
on every page as on every other document.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from ..domain.timefmt import fmt_date
from ..api.results import PlanPrintout
from .kit import Kit
from .layout import render
from .page_furniture import PageDecor
from .sanitize import clean, one_line

DEFAULT_MARKING = "SEKRETESS enligt 26 kap. 1 § OSL – innehåller personuppgifter"


def render_plan(doc: PlanPrintout) -> bytes:
    """The plan printout as PDF bytes (built in memory)."""
    reference, _ = one_line(doc.reference or "", 60)
    label = f"Åtagandeplan {reference}".strip()
    decor = PageDecor(
        organisation=doc.organisation,
        document_label=label,
        # PlanPrintout has no marking field (yet): use the DTO's when it gains one
        secrecy_marking=getattr(doc, "secrecy_marking", "") or DEFAULT_MARKING,
        printed_at=doc.printed_at,
        printed_by=doc.printed_by,
        recipient=getattr(doc, "recipient", "") or doc.person_name,
        scale="large",
    )
    return render(lambda kit: _story(doc, kit), decor, title=label, subject="Åtagandeplan",
                  author=doc.organisation)


def _story(doc: PlanPrintout, kit: Kit) -> list[Flowable]:
    s = kit.s
    out: list[Flowable] = []
    out += kit.para("Det här har vi kommit överens om", s.title)
    out += kit.para(f"Plan för {doc.person_name}" if clean(doc.person_name).strip() else "Vår plan", s.subtitle)
    facts = []
    if doc.valid_from:
        facts.append(f"Planen gäller från {fmt_date(doc.valid_from)}.")
    if clean(doc.reference).strip():
        facts.append(f"Ärende: {doc.reference}")
    if facts:
        out += kit.para("  ".join(facts), s.small)

    out += kit.heading("Det här vill vi uppnå")
    goals = [g for g in doc.goals if clean(g).strip()]
    out += kit.bullets(goals) if goals else kit.para("Målen är inte bestämda än.")

    out += kit.heading("Vem gör vad – och när?")
    if doc.rows:
        out += kit.table(("Vad", "Vem", "När"), doc.rows, (0.50, 0.28, 0.22))
    else:
        out += kit.para("Inget är inskrivet än.")

    out += kit.heading("Frågor?")
    out += kit.info_box("Hör av dig om du undrar något eller om något inte fungerar:",
                        [doc.contact or "Kontakta din kontaktperson."], bulleted=False)
    return out
