"""Logggranskning: the log review report (loggkontroll, DOMAIN.md §6.6; SECURITY.md R20, R21).

What the unit manager files after the monthly review: the period and filters,
counts per flag (what each flag means is printed beside it), a summary per user,
the flagged events, optionally every event, the result of the chain check and
the chain head that anchors this review. Built in memory on the shared page
template (secrecy marking, "Sida X av Y"); every text goes through the shared
sanitiser. Times are shown in local time (the log stores UTC).
"""

from __future__ import annotations

from datetime import timedelta

from reportlab.platypus import Flowable

from ..domain import vocab
from ..domain.timefmt import fmt_date, print_datetime, print_time
from ..api.inputs import FLAG_KINDS
from ..api.results import ChainSummary, ReviewReport, ReviewRow
from .kit import Kit
from .layout import render
from .page_furniture import PageDecor

TITLE = "Logggranskning"
MARKING = "SEKRETESS – logggranskning; innehåller uppgifter om användares åtkomst till ärenden"

FLAG_LABELS = {
    "OUTSIDE_UNIT": "Utanför enheten",
    "NO_ASSIGNMENT": "Utan ärendekoppling",
    "PROTECTED_IDENTITY": "Skyddad identitet",
    "PRINT_EXPORT": "Utskrift/export",
    "UNUSUAL_HOURS": "Ovanlig tid",
    "FAILED_LOGIN": "Misslyckad inloggning",
    "EMERGENCY": "Nödåtkomst",
    "DENIED": "Nekad åtkomst",
}
FLAG_MEANINGS = {
    "OUTSIDE_UNIT": "Ärendet hör till en enhet som användaren inte tillhör.",
    "NO_ASSIGNMENT": "Användaren var varken ansvarig, tilldelad (vid tidpunkten) eller samordnare i enheten.",
    "PROTECTED_IDENTITY": "Personen har skyddade personuppgifter.",
    "PRINT_EXPORT": "Utskrift, export, utlämnande eller registerutdrag.",
    "UNUSUAL_HOURS": "Utanför vardagar 07.00–19.00 (lokal tid).",
    "FAILED_LOGIN": "Fel lösenord vid inloggning.",
    "EMERGENCY": "Åtkomst med nödåtkomst (bryt glaset).",
    "DENIED": "Åtkomsten nekades av behörighetskontrollen.",
}
CHAIN_TEXT = {
    "edited": "en händelse är ändrad",
    "deleted": "en händelse saknas",
    "reordered": "händelser ligger i fel ordning",
    "truncated": "de senaste händelserna saknas (bortklippt logg eller äldre kopia av databasen)",
    "anchor_mismatch": "en händelse stämmer inte med ett sparat ankare",
    "head_mismatch": "kedjans huvud stämmer inte",
}
ROW_HEADERS = ("Nr", "Tid", "Användare", "Roll, myndighet", "Händelse", "Ärende", "Flaggor")
ROW_WIDTHS = (0.055, 0.165, 0.125, 0.19, 0.13, 0.17, 0.165)


def flag_text(flags: tuple[str, ...]) -> str:
    return ", ".join(FLAG_LABELS.get(f, f) for f in flags)


def _roles(row: ReviewRow) -> str:
    roles = ", ".join(vocab.ROLES.label(r) for r in (row.role or "").split(",") if r)
    agency = vocab.AGENCIES.label(row.agency) if row.agency else ""
    return " / ".join(x for x in (roles, agency) if x)


def case_text(reference: str | None, case_id: int | None, disposed: bool) -> str:
    """The case as people know it: its reference; never the internal id."""
    if case_id is None:
        return ""
    if reference:
        return f"{reference} (gallrat)" if disposed else reference
    return "gallrat ärende" if disposed else "okänt ärende"


def _row(row: ReviewRow) -> tuple[str, ...]:
    when = row.ts
    return (str(row.seq), f"{fmt_date(when)} {print_time(when)}", row.user_name or row.username or "(system)",
            _roles(row), vocab.AUDIT_ACTIONS.label(row.action),
            case_text(row.case_reference, row.case_id, row.case_disposed), flag_text(row.flags))


def period_text(report: ReviewReport) -> str:
    last_day = report.period_end - timedelta(microseconds=1)
    return f"{fmt_date(report.period_start)} – {fmt_date(last_day)}"


def render_audit_report(report: ReviewReport, chain: ChainSummary | None = None, *, all_rows: bool = False) -> bytes:
    """The report as PDF bytes (built in memory)."""
    decor = PageDecor(organisation=report.organisation or "Trygg Desktop", document_label=TITLE,
                      secrecy_marking=MARKING, printed_at=report.generated_at,
                      printed_by=report.reviewer, recipient="")
    return render(lambda kit: _story(report, chain, all_rows, kit), decor, title=TITLE,
                  subject=f"Logggranskning {period_text(report)}", author=report.organisation)


def _story(report: ReviewReport, chain: ChainSummary | None, all_rows: bool, kit: Kit) -> list[Flowable]:
    s = kit.s
    f = report.filter
    out: list[Flowable] = []
    out += kit.para(TITLE, s.title)
    out += kit.kv([
        ("Period", period_text(report)),
        ("Användare", f.username or ""),
        ("Person", report.person_label or (f"id {f.person_id}" if f.person_id is not None else "")),
        ("Ärende", report.case_label or (f"id {f.case_id}" if f.case_id is not None else "")),
        ("Händelsetyp", vocab.AUDIT_ACTIONS.label(f.action.strip().upper()) if f.action else ""),
        ("Urval", "endast flaggade händelser" if f.flags_only else "alla händelser"),
        ("Granskare", report.reviewer),
        ("Utskriven", print_datetime(report.generated_at)),
        ("Händelser", str(report.total_events)),
        ("Flaggade", str(report.flagged_events)),
    ])
    out += kit.heading("Sammanfattning per flagga")
    out += kit.table(("Flagga", "Betydelse", "Antal"),
                     [(FLAG_LABELS[k], FLAG_MEANINGS[k], str(report.count(k))) for k in FLAG_KINDS],
                     (0.25, 0.63, 0.12))
    out += kit.heading("Per användare")
    if report.users:
        rows = [(u.user_name or u.username or "(system/okänd)", str(u.events), str(u.flagged),
                 ", ".join(f"{FLAG_LABELS.get(k, k)} {n}" for k, n in u.counts)) for u in report.users]
        out += kit.table(("Användare", "Händelser", "Flaggade", "Flaggor"), rows, (0.2, 0.13, 0.12, 0.55))
    else:
        out += kit.para("Inga händelser i perioden.", s.small)
    flagged = [r for r in report.rows if r.flags]
    out += kit.heading("Flaggade händelser")
    if flagged:
        out += _rows_table(flagged, kit)
    else:
        out += kit.para("Inga flaggade händelser bland de listade.", s.small)
    if all_rows and not f.flags_only:
        out += kit.heading("Alla händelser")
        out += _rows_table(list(report.rows), kit) if report.rows else kit.para("Inga händelser.", s.small)
    if report.truncated:
        out += kit.info_box("Listan är avkortad", [
            f"Endast de första {len(report.rows)} händelserna i urvalet listas; antalen ovan gäller hela "
            "perioden. Avgränsa med användare, person eller ärende för att se resten."])
    out += _chain(chain, kit)
    out += kit.heading("Granskarens anteckning och underskrift")
    out += kit.para("Kommentar: ______________________________________________", s.body)
    out += kit.para("Datum och underskrift: ___________________________________", s.body)
    return out


def _rows_table(rows: list[ReviewRow], kit: Kit) -> list[Flowable]:
    # The smaller type keeps a row on one or two lines: the lists run to hundreds of rows.
    return kit.table(ROW_HEADERS, [_row(r) for r in rows], ROW_WIDTHS, style=kit.s.small)


def _chain(chain: ChainSummary | None, kit: Kit) -> list[Flowable]:
    out = kit.heading("Loggkedjan")
    if chain is None:
        return out + kit.para("Kedjan kontrollerades inte för denna rapport.", kit.s.small)
    if chain.ok:
        out += kit.para(f"Kedjan är obruten: {chain.events} händelser kontrollerade mot "
                        f"{chain.anchors_checked} sparade ankare.")
    else:
        lines = []
        for problem in chain.problems:
            seq, _, kind = problem.partition(": ")
            lines.append(f"{seq.replace('seq', 'Händelse')}: {CHAIN_TEXT.get(kind, kind)}")
        out += kit.info_box("Kedjan är bruten – kontakta informationssäkerhetsansvarig", lines)
    out += kit.kv([("Kedjans huvud (ankare)", f"händelse {chain.last_seq}"), ("MAC", chain.head_mac)])
    return out
