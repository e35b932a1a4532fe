"""The SSPF meeting protocol (minnesanteckningar/protokoll) as a PDF, DOMAIN.md §2.2.

The layout follows a Swedish municipal protocol: organisation and secrecy
marking on every page, the meeting head, who attended, the agenda, one block
per §, the åtagandeplan, next meeting, justering with signature lines,
distribution. A recipient version lists what it leaves out in a box at the
top. An approved protocol ends with the justering date and the SHA-256 of its
content; later corrections follow the original under "Rättelse/tillägg". A
protocol that is not approved carries "UTKAST – ej justerat" across every page.

The ``ProtocolDocument`` already holds only what the recipient may see; this
module decides nothing about content.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, Table, TableStyle

from ..api.results import AgendaSection, AttendeeLine, ProtocolDocument
from ..domain.timefmt import fmt_date, print_datetime, print_span
from . import est_pdf
from . import styles as st
from .fonts import MONO
from .layout import FRAME_W, Kit, PageDecor, render
from .sanitize import clean, inline, one_line

DRAFT_TEXT = "UTKAST – ej justerat"
_HEX = re.compile(r"[0-9a-fA-F]+")
NBSP = "\u00a0"


def render_protocol(doc: ProtocolDocument) -> bytes:
    """The protocol as PDF bytes (built in memory)."""
    reference, _ = one_line(doc.reference or "", 60)
    if doc.est_picture is not None:
        label = f"Protokoll EST-möte {fmt_date(doc.starts_at)}"
    elif reference:
        label = f"Protokoll {reference}"
    else:
        label = f"Protokoll gruppnivå {fmt_date(doc.starts_at)}"
    decor = PageDecor(
        organisation=doc.organisation,
        document_label=label if doc.approved else f"{label} – utkast",
        secrecy_marking=doc.secrecy_marking,
        printed_at=doc.printed_at,
        printed_by=doc.printed_by,
        recipient=doc.recipient,
        watermark="" if doc.approved else DRAFT_TEXT,
    )
    return render(lambda kit: _story(doc, kit), decor, title=label, subject=doc.meeting_type,
                  author=doc.organisation)


def _story(doc: ProtocolDocument, kit: Kit) -> list[Flowable]:
    s = kit.s
    out: list[Flowable] = []
    out += kit.para(doc.title, s.title) or kit.para("Protokoll", s.title)
    est = doc.est_picture
    out += kit.kv([
        ("Lägesbild", f"{est.period.label} ({fmt_date(est.period.start)} – {fmt_date(est.period.end)})")
        if est is not None else
        ("Dnr/Ärende-ID", doc.reference if doc.reference else "Gruppnivå (inget enskilt ärende)"),
        ("Mötestyp", doc.meeting_type),
        ("Datum", fmt_date(doc.starts_at)),
        ("Tid", print_span(doc.starts_at, doc.ends_at)),
        ("Plats", doc.place),
        ("SSPF-grupp/område", doc.unit_area),
        ("Status", doc.status),
        ("Utskrift för", doc.recipient),
    ])
    if not doc.approved:
        out.append(Spacer(1, 3))
        out.append(kit.markup(f"{DRAFT_TEXT}. Innehållet kan ändras tills protokollet är justerat.", s.draft))
    if doc.omitted:
        out += kit.info_box("Mottagarversion – detta ingår inte i utskriften", list(doc.omitted))
    if est is not None:
        out += kit.para("EST-möte om platser och situationer: protokollet innehåller inga personuppgifter.", s.small)
    elif doc.anonymised:
        out += kit.para("Avidentifierad genomgång: protokollet innehåller inga uppgifter som pekar ut "
                        "den enskilde.", s.small)
    out.append(Spacer(1, 4))
    if clean(doc.person_line).strip():
        out += kit.labelled("Ärendet avser", doc.person_line)
    if clean(doc.consent_line).strip():
        out += kit.labelled("SAMTYCKE", doc.consent_line)

    out += _attendance(doc, kit)
    out += _agenda(doc.agenda, kit)
    for section in doc.agenda:
        out += _section(section, kit)
    out += _plan(doc, kit)
    if est is not None:
        out += kit.heading("BESLUTADE ÅTGÄRDER")
        out += _decisions(doc, kit)

    out += kit.heading("NÄSTA MÖTE")
    out += kit.para(doc.next_meeting) or kit.para("Inte bestämt.")
    out += _justering(doc, kit)
    out += kit.labelled("DISTRIBUTION", "; ".join(d for d in doc.distribution if clean(d).strip()))
    if est is None:
        out += kit.labelled("Informerade vårdnadshavare om beslut", doc.guardians_informed)
    out += _corrections(doc, kit)
    out += _approval(doc, kit)
    if est is not None:
        out += _appendix(doc, kit)
    return out


def _decisions(doc: ProtocolDocument, kit: Kit) -> list[Flowable]:
    """What the EST meeting decided, as decided: the follow-up belongs to the next lägesbild."""
    if not doc.est_actions:
        return kit.para("Mötet har inte beslutat några åtgärder.")
    rows = [(a.description, a.agency_label, ", ".join(x for x in (a.area_name, a.place_text) if x) or "–",
             fmt_date(a.due_on) if a.due_on else "–") for a in doc.est_actions]
    return kit.table(("Åtgärd", "Vem", "Var", "Klart senast"), rows, (0.5, 0.18, 0.18, 0.14))


def _appendix(doc: ProtocolDocument, kit: Kit) -> list[Flowable]:
    """The lägesbild the meeting discussed: frozen at justering, the current figures on a draft."""
    when = ("som den var vid justeringen" if doc.est_frozen
            else "med dagens uppgifter; den låses när protokollet justeras")
    out: list[Flowable] = [PageBreak()]
    out += kit.heading("BILAGA: EST-LÄGESBILD")
    out += kit.para(f"Lägesbilden för {doc.est_picture.period.label}, {when}.", kit.s.small)
    return out + est_pdf.story(doc.est_picture, kit)


def _attendance(doc: ProtocolDocument, kit: Kit) -> list[Flowable]:
    out = kit.heading("NÄRVARANDE")
    present = [a for a in doc.attendees if a.present]
    if doc.est_agencies:
        out += kit.labelled("Närvarande aktörer", ", ".join(doc.est_agencies))
    absent = [a for a in doc.attendees if not a.present]
    if present:
        rows = [(a.name, _function(a), a.organisation, a.role) for a in present]
        out += kit.table(("Namn", "Funktion", "Organisation/verksamhet", "Roll i mötet"), rows,
                         (0.25, 0.27, 0.30, 0.18))
    else:
        out += kit.para("Inga närvarande är antecknade.")
    out.append(Spacer(1, 4))
    out += kit.labelled("FRÅNVARANDE/ANMÄLT FÖRHINDER", "; ".join(_absent(a) for a in absent))
    return out


def _function(a: AttendeeLine) -> str:
    note = clean(a.part_note).strip()
    return f"{a.function} ({note})" if note else a.function


def _absent(a: AttendeeLine) -> str:
    details = ", ".join(x for x in (clean(a.function).strip(), clean(a.organisation).strip()) if x)
    return f"{a.name} ({details})" if details else a.name


def _agenda(agenda: tuple[AgendaSection, ...], kit: Kit) -> list[Flowable]:
    out = kit.heading("DAGORDNING")
    if not agenda:
        return out + kit.para("Ingen dagordning.")
    for item in agenda:
        out += kit.item(f"§{NBSP}{item.number}", item.heading, indent=30)
    return out


def _section(section: AgendaSection, kit: Kit) -> list[Flowable]:
    s = kit.s
    heading, cut = one_line(section.heading, 300)
    markup = f"§{NBSP}{section.number} {escape(heading)}"
    agency, agency_cut = one_line(section.internal_of, 80)
    if agency:
        # regular, not oblique: DejaVu Sans Oblique lacks some scripts (e.g. Arabic)
        markup += f' <font name="{st.SANS}" color="#555555">(Intern anteckning – {escape(agency)})</font>'
    out: list[Flowable] = [kit.room(s.h3), Paragraph(markup, s.h3)]
    if cut:
        out += kit.para(section.heading, s.body_indent)
    if agency_cut:
        out += kit.labelled("Intern anteckning", section.internal_of, s.body_indent)
    has_note = bool(clean(section.note).strip())
    has_decision = bool(clean(section.decision).strip())
    if has_note:
        out += kit.labelled("Anteckning", section.note, s.body_indent)
    if has_decision:
        out += kit.labelled("Beslut", section.decision, s.body_indent)
    if not has_note and not has_decision:
        out += kit.para("Ingen anteckning.", s.body_indent)
    return out


def _plan(doc: ProtocolDocument, kit: Kit) -> list[Flowable]:
    version = clean(doc.plan_version).strip()
    if not doc.plan and not version:
        return []
    title, _ = one_line(f"ÅTAGANDEPLAN ({version})" if version else "ÅTAGANDEPLAN", 200)
    out = kit.heading(title)
    if len(clean(version)) > 150:
        out += kit.para(version, kit.s.small)
    if not doc.plan:
        return out + kit.para("Inga åtaganden är antecknade.")
    # The goal already carries its number in the plan ("1. Närvaro …", see
    # services/protocol_facts.py; frozen so at justering): the actions of one goal share it,
    # and a row number in front would print "1. 1.".
    rows = [(p.goal, p.action, p.responsible, fmt_date(p.due), fmt_date(p.follow_up), p.status)
            for p in doc.plan]
    out += kit.table(("Mål", "Åtgärd", "Ansvarig", "Klart senast", "Uppföljning", "Status"), rows,
                     (0.21, 0.23, 0.17, 0.125, 0.135, 0.13))
    return out


def _justering(doc: ProtocolDocument, kit: Kit) -> list[Flowable]:
    s = kit.s
    out = kit.heading("JUSTERING")
    roles = (("Ordförande", doc.chair), ("Sekreterare", doc.secretary), ("Justerare", doc.adjuster))
    names = [clean(name).strip() for _, name in roles]
    if kit.safe or any(len(n) > 120 or "\n" in n for n in names):
        for (role, name) in roles:
            out += kit.labelled(role, name)
            out += kit.para("Underskrift: ______________________________", s.body_indent)
        out += kit.para("Datum: ______________")
        return out
    col = FRAME_W / 3
    role_row = [Paragraph(f"<b>{escape(role)}</b>", s.cell) for role, _ in roles]
    name_row = [Paragraph(inline(name) or "&nbsp;", s.cell) for _, name in roles]
    sign_row = [_SignatureLine(col - 14) for _ in roles]
    table = Table([sign_row, role_row, name_row], colWidths=[col] * 3, rowHeights=[30, None, None],
                  hAlign="LEFT")
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        ("VALIGN", (0, 1), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 14),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5),
        ("TOPPADDING", (0, 1), (-1, 1), 2.5),
    ]))
    date_row = Table([[Paragraph("<b>Datum:</b>", s.cell), _SignatureLine(45 * mm)]],
                     colWidths=[13 * mm, 50 * mm], rowHeights=[24], hAlign="LEFT")
    date_row.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    # the heading goes inside the group: reportlab's keepWithNext does not hold across a KeepTogether
    return kit.keep(out + [table, date_row]) + [Spacer(1, 8)]


class _SignatureLine(Flowable):
    """A thin rule to sign on."""

    def __init__(self, width: float) -> None:
        super().__init__()
        self.width = width
        self.height = 1

    def wrap(self, avail_width, avail_height):  # noqa: D102
        return self.width, self.height

    def draw(self) -> None:
        self.canv.setStrokeColor(st.INK)
        self.canv.setLineWidth(0.6)
        self.canv.line(0, 0, self.width, 0)


def _corrections(doc: ProtocolDocument, kit: Kit) -> list[Flowable]:
    if not doc.corrections:
        return []
    s = kit.s
    out = kit.heading("RÄTTELSE/TILLÄGG")
    out += kit.para("Rättelser och tillägg efter justering. Det justerade protokollet ovan är oförändrat.",
                    s.small)
    for c in doc.corrections:
        author, cut = one_line(c.author, 120)
        out.append(Paragraph(f"<b>{escape(print_datetime(c.created_at))} – {escape(author)}</b>", s.body))
        if cut:
            out += kit.labelled("Av", c.author, s.body_indent)
        out += kit.para(c.text, s.body_indent) or kit.para("–", s.body_indent)
    return out


def _approval(doc: ProtocolDocument, kit: Kit) -> list[Flowable]:
    if not doc.approved:
        return []
    s = kit.s
    when = fmt_date(doc.approved_at) if doc.approved_at else ""
    digest, digest_cut = one_line(doc.content_hash or "", 128)
    text = f"<b>Justerat {escape(when)}</b>".replace(" </b>", "</b>")
    if digest:
        # a real digest is hex: monospaced; anything else in the regular font (wider coverage)
        font = MONO if _HEX.fullmatch(digest) else st.SANS
        text += (" – innehållets kontrollsumma (SHA-256): "
                 f'<font name="{font}" size="{s.body.fontSize - 1}">{escape(digest)}</font>')
    out: list[Flowable] = [Spacer(1, 10), Paragraph(text, s.body)]
    if digest_cut:  # not a SHA-256 then, but print what the service gave
        out += kit.para(doc.content_hash or "", s.small)
    if doc.corrections:
        out.append(Paragraph("Kontrollsumman avser protokollet i justerat skick, utan rättelser och tillägg.",
                             s.small))
    return out
