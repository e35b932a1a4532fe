"""Turn the raw counts of three periods into the suppressed follow-up report.

``StatisticsService`` gathers :class:`~.statistics_data.PeriodData` for the report's
period, the previous one and the same period last year; :func:`build` lays out the
tables (:class:`~.statistics_tables.Spec`), suppresses them together
(:func:`~.statistics_tables.suppress_linked`), and derives the key figures, the
comparison and the chart data from what the suppressed tables print. Only the
suppressed result leaves: the raw counts stay here.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from ..domain.periods import Period
from ..domain.suppression import SECONDARY_LABEL
from .statistics_period import ACTION_CATEGORIES, CONSENT_KINDS, MEASURES, MEETING_BUCKETS, PeriodData, median_p75
from .statistics_dto import (NO_DATA, Chart, ChartSeries, Comparison, ComparisonRow, Duration, Figure,
                             FollowUpReport, PeriodInfo, Section, StatTable)
from .statistics_layout import ACTION_LABELS, KIND, MEASURE_LABEL, Layout, Meta, UnitRow
from .statistics_tables import (count_from_table, count_primary, duration, fmt_share, mean_figure, median_text,
                                n_text, series_from_column, share_from_table, share_primary, small_text, stat_table,
                                suppress_linked, visible)

__all__ = ["Meta", "UnitRow", "build", "period_info"]


def period_info(period: Period, today: date) -> PeriodInfo:
    return PeriodInfo(code=period.code, kind=period.kind, label=period.label, short_label=period.short_label,
                      start=period.start, end=period.end, as_of=period.as_of(today),
                      running=period.end > today)


def _suppress(layout: Layout, threshold: int) -> dict[str, StatTable]:
    tables = suppress_linked(layout.specs, threshold)
    return {spec.key: stat_table(spec, tables[spec.key]) for spec in layout.specs}


def build(current: PeriodData, previous: PeriodData, last_year: PeriodData, units: list[UnitRow],
          meta: Meta, trend: tuple[tuple[Period, int, int], ...] = ()) -> FollowUpReport:
    """``trend``: (period, new, closed) of the periods up to this one, oldest first (the trend line)."""
    t = meta.threshold
    layout = Layout(current, units, meta)
    layout.build()
    tables = _suppress(layout, t)
    kinds, ck = layout.kinds, layout.ck
    nk = len(kinds)

    def T(key: str) -> StatTable:  # noqa: N802 - a table by key
        return tables[key]

    # -- figures of this period ----------------------------------------------------------
    consent_figs: list[Figure] = []
    if ck:
        consent = T("consent")
        ct, width = consent.table, len(consent.column_codes)
        for i, k in enumerate(kinds):
            if k in ck:
                consent_figs.append(share_from_table(f"consent_share:{k}", f"Andel med giltigt samtycke – {KIND(k)}",
                                                     ct, (i, 0), (i, width)))
        if len(ck) > 1 or len(ck) < nk:
            consent_figs.append(_consent_total(ct, nk, width, len(ck) < nk))
    durations = _durations(current, tables, kinds, ck, t)

    meet, held = T("meetings").table, T("meetings_held").table
    meeting_figs = [mean_figure(f"meetings_per_case:{k}", f"Möten per ärende – {KIND(k)}",
                                current.meetings_total[k], visible(held, (i, 0)), current.active(k),
                                visible(meet, (i, MEETING_BUCKETS + 1)), t, "möten")
                    for i, k in enumerate(kinds)]
    if nk > 1:
        meeting_figs.append(mean_figure("meetings_per_case:*", "Möten per ärende – totalt",
                                        sum(current.meetings_total.values()), visible(held, (nk, 0)),
                                        current.active(), visible(meet, (nk, MEETING_BUCKETS + 1)), t, "möten"))
    if "TREFAS" in kinds:
        i = kinds.index("TREFAS")
        meeting_figs.append(share_from_table("trefas_4_meetings", f"TREFAS: andel med minst {MEETING_BUCKETS} möten",
                                             meet, (i, MEETING_BUCKETS), (i, MEETING_BUCKETS + 1)))

    act = T("actions").table
    nr = len(T("actions").row_codes)
    due_cols = [ACTION_CATEGORIES.index(c) for c in ("ON_TIME", "LATE", "NOT_DONE", "OVERDUE")]
    work_figs = [_on_time_share(act, nr, due_cols), count_from_table("actions_overdue", "Försenade åtgärder", act,
                                                                     (nr, ACTION_CATEGORIES.index("OVERDUE")))]
    fu = T("follow_ups").table
    work_figs.append(share_from_table("follow_up_met", "Andel uppföljningsdatum som hölls", fu, (nr, 0), (nr, 2)))
    avh_figs = [count_primary("avh_breaches", "Avhoppare: villkorsbrott under perioden", current.avh_breaches, t)] \
        if "AVHOPPARE" in kinds else []

    # -- sections ---------------------------------------------------------------------------
    def pick(*keys: str) -> tuple[StatTable, ...]:
        return tuple(tables[k] for k in keys if k in tables)

    sections = [
        Section("cases", "Ärenden", pick(*(f"flow:{k}" for k in kinds), "closure", "units")),
        Section("inflow", "Inflöde – nya ärenden", pick("referral_source", "concerns", "age", "gender")),
        Section("consent", "Samtycke och ledtider", pick("consent", "revocations"), tuple(consent_figs),
                tuple(durations), note="Ledtider i dagar från aktualisering, för ärenden aktualiserade under "
                                       "perioden som nått steget fram till rapportdagen."),
        Section("work", "Arbetet i ärendena", pick("meetings", "meetings_held", "actions", "follow_ups"),
                tuple(meeting_figs + work_figs)),
    ]
    if "AVHOPPARE" in kinds:
        sections.append(Section("defectors", "Avhopparverksamheten",
                                pick("avh_phase_end", "avh_phase_reached", "avh_threats"), tuple(avh_figs),
                                note="Endast antal. Hotbedömningar och villkor visas aldrig per person."))

    comparison = _comparison(current, previous, last_year, tables, kinds, ck, durations, meeting_figs, work_figs,
                             consent_figs, avh_figs, meta)
    charts = _charts(tables, comparison, kinds)
    if trend:
        charts += (_trend_chart(trend, (current.period, previous.period, last_year.period), comparison, t),)
    today = meta.today
    return FollowUpReport(
        period=period_info(current.period, today), previous=period_info(previous.period, today),
        last_year=period_info(last_year.period, today), kind=meta.kind, kinds=kinds, unit_id=meta.unit_id,
        unit_name=meta.unit_name, threshold=t, generated_at=meta.generated_at, generated_by=meta.generated_by,
        organisation=meta.organisation, sections=tuple(s for s in sections if s.tables or s.figures),
        comparison=comparison, charts=charts, notes=_notes(current, meta))


def _consent_total(ct, nk: int, width: int, excluding_trefas: bool) -> Figure:
    """Valid consents over the new cases that rest on consent (the total less "not applicable")."""
    key, label = "consent_share:*", "Andel med giltigt samtycke – totalt"
    parts = [(nk, 0), (nk, width)] + ([(nk, width - 1)] if excluding_trefas else [])
    if not visible(ct, *parts):
        return Figure(key, label, None, None, SECONDARY_LABEL, "", "%", suppressed=True)
    den = ct.grid[nk][width] - (ct.grid[nk][width - 1] if excluding_trefas else 0)
    if not den:
        return Figure(key, label, None, 0, NO_DATA, "", "%")
    num = ct.grid[nk][0]
    return Figure(key, label, num / den, den, fmt_share(num / den), n_text(str(den)), "%")


def _on_time_share(act, nr: int, due_cols: list[int]) -> Figure:
    key, label = "actions_on_time", "Andel förfallna åtgärder som genomfördes i tid"
    if not visible(act, *((nr, c) for c in due_cols)):
        return Figure(key, label, None, None, SECONDARY_LABEL, "", "%", suppressed=True)
    due = sum(act.grid[nr][c] for c in due_cols)
    on_time = act.grid[nr][due_cols[0]]
    if not due:
        return Figure(key, label, None, 0, NO_DATA, "", "%")
    return Figure(key, label, on_time / due, due, fmt_share(on_time / due), n_text(str(due)), "%")


def _durations(data: PeriodData, tables: dict[str, StatTable], kinds: tuple[str, ...], ck: list[str],
               t: int) -> list[Duration]:
    n_table = tables["durations_n"].table
    out: list[Duration] = []
    for m_index, measure in enumerate(MEASURES):
        if measure == "CONSENT" and not ck:
            continue
        targets: list[tuple[int, str | None]] = [(i, k) for i, k in enumerate(kinds)
                                                  if measure != "CONSENT" or k in CONSENT_KINDS]
        if len(kinds) > 1:
            targets.append((len(kinds), None))
        for i, k in targets:
            values = data.durations(measure, k)
            median, p75 = median_p75(values)
            label = f"Dagar till {MEASURE_LABEL[measure]} – {KIND(k) if k else 'totalt'}"
            out.append(duration(f"days_to_{measure.lower()}:{k or '*'}", k, measure, label, median, p75,
                                len(values), t, n_table.label(i, m_index)))
    return out


def _comparison(cur: PeriodData, prev: PeriodData, ly: PeriodData, tables: dict[str, StatTable],
                kinds: tuple[str, ...], ck: list[str], durations: list[Duration], meeting_figs: list[Figure],
                work_figs: list[Figure], consent_figs: list[Figure], avh_figs: list[Figure],
                meta: Meta) -> Comparison:
    t = meta.threshold
    rows: list[ComparisonRow] = []

    def row(key: str, label: str, unit: str, current: Figure, previous: Figure, last: Figure) -> None:
        rows.append(ComparisonRow(key, label, unit, current.text, previous.text, last.text,
                                  current.value, previous.value, last.value))

    def table_sum(label_key: str, positions: list[tuple[str, tuple[int, int]]], value: int) -> Figure:
        """A sum of printed entries of this period: printed when all of them are."""
        if all(visible(tables[k].table, pos) for k, pos in positions):
            return Figure(label_key, "", float(value), value, str(value))
        small = 0 < value < t
        return Figure(label_key, "", None, None, small_text(t) if small else SECONDARY_LABEL, suppressed=True)

    def prim(data: PeriodData, what: str) -> Figure:
        return count_primary(what, "", getattr(data, what)(), t)

    nk = len(kinds)
    grand_n = [("gender", (len(tables["gender"].row_codes), nk))]
    grand_c = [("closure", (len(tables["closure"].row_codes), nk))]
    row("new", "Nya ärenden", "st", table_sum("new", grand_n, cur.new()), prim(prev, "new"), prim(ly, "new"))
    row("closed", "Avslutade ärenden", "st", table_sum("closed", grand_c, cur.closed()), prim(prev, "closed"),
        prim(ly, "closed"))
    row("open_end", "Öppna ärenden vid periodens slut", "st",
        table_sum("open_end", [(f"flow:{k}", (2, 1)) for k in kinds], cur.open_at_end()),
        # Open at the end of the previous period = open at the start of this one (from earlier).
        table_sum("open_end", [(f"flow:{k}", (0, 2)) for k in kinds], cur.from_earlier()),
        prim(ly, "open_at_end"))
    if ck:
        fig = consent_figs[-1]
        pr = [share_primary("consent_share", "", *data.consent_reached(tuple(ck)), t) for data in (prev, ly)]
        row("consent_share", "Andel nya ärenden med giltigt samtycke", "%", fig, *pr)
        rv = tables["revocations"]
        row("revocations", "Återkallade samtycken", "st",
            count_from_table("revocations", "", rv.table, (len(ck), 1)),
            *(count_primary("revocations", "", sum(d.revocations[k] for k in ck), t) for d in (prev, ly)))
    for measure in MEASURES:
        if measure == "CONSENT" and not ck:
            continue
        key = f"days_to_{measure.lower()}:{'*' if nk > 1 else kinds[0]}"
        current = next(d for d in durations if d.key == key)
        figs = [Figure(key, "", current.median, current.n, current.median_text)]
        for data in (prev, ly):
            values = data.durations(measure, None)
            median, _p75 = median_p75(values)
            figs.append(Figure(key, "", median if len(values) >= t else None, len(values),
                               median_text(median, len(values), t)))
        row(f"days_to_{measure.lower()}", f"Dagar till {MEASURE_LABEL[measure]} (median)", "dagar", *figs)
    mean_key = "meetings_per_case:*" if nk > 1 else f"meetings_per_case:{kinds[0]}"
    cur_mean = next(f for f in meeting_figs if f.key == mean_key)
    row("meetings_per_case", "Möten per ärende (medel)", "möten", cur_mean,
        *(mean_figure(mean_key, "", sum(d.meetings_total.values()), True, d.active(), True, t, "möten")
          for d in (prev, ly)))
    if "TREFAS" in kinds:
        cur_share = next(f for f in meeting_figs if f.key == "trefas_4_meetings")
        row("trefas_4_meetings", f"TREFAS: andel med minst {MEETING_BUCKETS} möten", "%", cur_share,
            *(share_primary("trefas_4_meetings", "", d.meetings["TREFAS"][MEETING_BUCKETS], d.active("TREFAS"), t)
              for d in (prev, ly)))
    on_time = work_figs[0]

    def due_share(d: PeriodData) -> Figure:
        total = Counter()
        for counter in d.actions.values():
            total.update(counter)
        due = total["ON_TIME"] + total["LATE"] + total["NOT_DONE"] + total["OVERDUE"]
        return share_primary("actions_on_time", "", total["ON_TIME"], due, t)

    row("actions_on_time", "Förfallna åtgärder genomförda i tid (andel)", "%", on_time, due_share(prev),
        due_share(ly))

    def fu_share(d: PeriodData) -> Figure:
        met = sum(c["MET"] for c in d.follow_ups.values())
        return share_primary("follow_up_met", "", met, met + sum(c["MISSED"] for c in d.follow_ups.values()), t)

    row("follow_up_met", "Uppföljningsdatum som hölls (andel)", "%", work_figs[2], fu_share(prev), fu_share(ly))
    if avh_figs:
        row("avh_breaches", "Avhoppare: villkorsbrott", "st", avh_figs[0],
            *(count_primary("avh_breaches", "", d.avh_breaches, t) for d in (prev, ly)))
    infos = (period_info(cur.period, meta.today), period_info(prev.period, meta.today),
             period_info(ly.period, meta.today))
    return Comparison(periods=infos, rows=tuple(rows),
                      note="Jämförelseperiodernas tabeller skrivs inte ut; deras antal visas inte under "
                           f"{t} och en andel bara när varken täljaren eller resten är liten.")


def _charts(tables: dict[str, StatTable], comparison: Comparison, kinds: tuple[str, ...]) -> tuple[Chart, ...]:
    charts = []
    picks = [comparison.row(k) for k in ("new", "closed", "open_end")]
    names = [p.short_label for p in comparison.periods]
    charts.append(Chart(
        "chart_cases", "Ärenden – jämförelse", ("Nya", "Avslutade", "Öppna vid periodens slut"),
        tuple(ChartSeries(name, tuple(r.values[i] for r in picks), tuple(r.texts[i] for r in picks))
              for i, name in enumerate(names)), unit="ärenden"))
    src = tables["referral_source"]
    rows = [i for i, code in enumerate(src.row_codes)
            if src.table.grid[i][len(kinds)] != 0]  # rows with no referrals at all are left out
    if rows:
        charts.append(Chart("chart_source", "Nya ärenden efter aktualiserande myndighet",
                            tuple(src.rows[i] for i in rows),
                            (series_from_column("Nya ärenden", src.table, len(kinds), rows),), unit="ärenden"))
    age = tables["age"]
    charts.append(Chart("chart_age", "Nya ärenden efter ålder", age.rows,
                        (series_from_column("Nya ärenden", age.table, len(kinds), list(range(len(age.rows)))),),
                        unit="ärenden"))
    act = tables["actions"]
    rows = [i for i in range(len(act.row_codes)) if act.table.grid[i][len(ACTION_CATEGORIES)] != 0]
    if rows:
        charts.append(Chart("chart_actions", "Åtgärder per ansvarig myndighet", tuple(act.rows[i] for i in rows),
                            tuple(series_from_column(ACTION_LABELS[c], act.table, ACTION_CATEGORIES.index(c), rows)
                                  for c in ("ON_TIME", "NOT_DONE", "OVERDUE")), unit="åtgärder"))
    return tuple(charts)


def _trend_chart(trend: tuple[tuple[Period, int, int], ...], compared: tuple[Period, Period, Period],
                 comparison: Comparison, threshold: int) -> Chart:
    """New and closed cases per period as lines. A period the comparison prints takes the
    comparison's figure (the same number, suppressed the same way, in both places); the others
    are suppressed on their own (below the threshold: no point, its label at the base). No
    total over the trend's periods is printed, so a hidden point cannot be worked out from it."""
    series = []
    for key, name, index in (("new", "Nya", 1), ("closed", "Avslutade", 2)):
        row = comparison.row(key)
        values, texts = [], []
        for item in trend:
            period, n = item[0], item[index]
            if period in compared:
                i = compared.index(period)
                values.append(row.values[i])
                texts.append(row.texts[i])
            else:
                fig = count_primary(key, "", n, threshold)
                values.append(fig.value)
                texts.append(fig.text)
        series.append(ChartSeries(name, tuple(values), tuple(texts)))
    return Chart("chart_trend", "Nya och avslutade ärenden över tid",
                 tuple(item[0].short_label for item in trend), tuple(series), unit="ärenden", style="line")


def _notes(data: PeriodData, meta: Meta) -> tuple[str, ...]:
    t = meta.threshold
    notes = [
        f"Röjandekontroll: antal från 1 till {t - 1} visas som {small_text(t)}. \"..\" döljer ett värde som annars "
        "skulle låta ett litet värde räknas fram ur summorna (sekundär röjandekontroll); 0 visas.",
        "Nya = aktualiserade under perioden. Avslutade = avslutade under perioden. Öppna vid periodens slut = "
        f"inte avslutade {data.as_of.isoformat()}.",
        "Samtycke och ledtider gäller ärenden aktualiserade under perioden, med händelser fram till "
        f"rapportdagen {meta.today.isoformat()}.",
        "Rapporten innehåller endast aggregerade uppgifter: inga namn, personnummer, ärendenummer eller datum "
        "för enskilda ärenden.",
    ]
    if data.period.end > meta.today:
        notes.insert(1, f"Perioden pågår: siffrorna gäller till och med {data.as_of.isoformat()}.")
    return tuple(notes)
