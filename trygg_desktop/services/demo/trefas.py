"""TREFAS cases: identified by the police, assessed, active or deprived of liberty, handed over to the
avhoppare service or closed; with the police's risk colour over time and a measure plan."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from ...domain import vocab
from ...domain.consent import age_on
from ...store.models import RiskLevelEntry
from .accounts import TREFAS_UNIT
from .core import at
from .meetings import Meetings
from .people import People
from .places import ROOMS, TREFAS_AREAS
from .plans import Plans
from .records import CaseRecords
from .texts import TREFAS_DESCRIPTIONS


_TREFAS_SCENARIOS = {"IDENTIFIERAD": 10, "BEDOMD": 14, "AKTIV": 30, "AKTIV_ATER": 6, "FRIHETSBEROVAD": 12,
                     "OVERFORD": 6, "AVSLUTAD": 22}
_TREFAS_COVERAGE = ("AKTIV", "FRIHETSBEROVAD", "OVERFORD", "AVSLUTAD", "BEDOMD", "IDENTIFIERAD")
_TREFAS_WINDOW = {"IDENTIFIERAD": (0, 40), "BEDOMD": (10, 90), "AKTIV": (40, 600), "AKTIV_ATER": (150, 650),
                  "FRIHETSBEROVAD": (60, 600), "OVERFORD": (90, 600), "AVSLUTAD": (90, 720)}
_TREFAS_AGES = {15: 3, 16: 6, 17: 9, 18: 10, 19: 10, 20: 9, 21: 8, 22: 7, 23: 6, 24: 5, 25: 4, 26: 3, 27: 2,
                28: 2, 29: 1, 30: 1}


class TrefasCases(People, CaseRecords, Meetings, Plans):
    """One TREFAS case per ``trefas`` call; a hand-over to avhoppare is queued in ``pending_links``."""

    def trefas(self) -> None:
        scenario = self.scenario(self.trefas_no, _TREFAS_COVERAGE, _TREFAS_SCENARIOS)
        self.trefas_no += 1
        unit = self.units[TREFAS_UNIT]
        coord = self.acct["trefas"]
        referral = self.days_ago(_TREFAS_WINDOW[scenario])
        paths = {"IDENTIFIERAD": ["IDENTIFIERAD"], "BEDOMD": ["IDENTIFIERAD", "BEDOMD"],
                 "AKTIV": ["IDENTIFIERAD", "BEDOMD", "AKTIV"],
                 "AKTIV_ATER": ["IDENTIFIERAD", "BEDOMD", "AKTIV", "FRIHETSBEROVAD", "AKTIV"],
                 "FRIHETSBEROVAD": ["IDENTIFIERAD", "BEDOMD", "AKTIV", "FRIHETSBEROVAD"],
                 "OVERFORD": ["IDENTIFIERAD", "BEDOMD", "AKTIV"] + (["FRIHETSBEROVAD"] if self.chance(0.3) else [])
                 + ["OVERFORD_AVHOPPARARENDE"]}
        closure = None
        if scenario == "AVSLUTAD":
            closure = self.wpick({"RISK_UPPHORD": 40, "FLYTT": 20, "AVHOPP_FULLFOLJT": 10, "AVLIDEN": 3,
                                  "OVRIGT": 27})
            depth = self.wpick({1: 1, 2: 2, 3: 5, 4: 2}) if closure != "AVHOPP_FULLFOLJT" else 3
            path = ["IDENTIFIERAD", "BEDOMD", "AKTIV", "FRIHETSBEROVAD"][:depth] + ["AVSLUTAD"]
        else:
            path = paths[scenario]
        gap = {"BEDOMD": 14, "AKTIV": 21, "FRIHETSBEROVAD": 90, "OVERFORD_AVHOPPARARENDE": 60, "AVSLUTAD": 150}
        gaps = [gap[s] if not (s == "AKTIV" and i > 2) else 120 for i, s in enumerate(path[1:], start=1)]
        walk = self.walk_to_today(path, referral, gaps, closure)
        closed = walk.closed
        end = walk.last_date if closed else self.today

        protected = "SEKRETESSMARKERING" if self.chance(0.06) else "NONE"
        area = self.pick(TREFAS_AREAS)
        y, _, _, _ = self.youth(kind="TREFAS", ref=referral, ages=_TREFAS_AGES, male_share=0.92, area="Tureberg",
                                kommun="Sollentuna", protected=protected, plan=None,
                                family=self.wpick({"JOINT": 40, "SOLE": 45, "SPLIT": 15}), created=referral)
        ctx = self.ctx(y, "Tureberg")
        ctx["plats"] = area
        minor = age_on(y.birth, referral) < vocab.ADULT_AGE
        referrer = self.wpick({"POLIS": 65, "KRIMINALVARD": 15, "SOC": 20})
        concerns = sorted({"MISSTANKE_BROTT", *self.rng.sample(("REKRYTERING_KRIMINELLT_NATVERK", "KAMRATER_BROTT",
                                                                "RISKMILJOER", "ALKOHOL_DROGER_EGET",
                                                                "AGGRESSIVT_BETEENDE"), self.rng.randint(1, 3))},
                          key=vocab.REFERRAL_CONCERNS.codes.index)
        b_day = walk.date_of("BEDOMD")
        risk_entries = self.risk_levels(b_day, end, closure) if b_day else []
        level = risk_entries[-1][1] if risk_entries else None
        urgency = {"ROD": "AKUT", "GUL": "SKYNDSAM"}.get(level or "", "NORMAL")
        meetings: list[dict[str, Any]] = []
        # Individuals are mostly handled in the recurring TREFAS meeting; a case gets a meeting
        # of its own when its action plan is set up, and sometimes when it is first assessed.
        a_day = walk.date_of("AKTIV")
        plan_meeting = bool(a_day) and self.chance(0.6)
        if plan_meeting:
            meetings.append(dict(meeting_type="TREFASMOTE", day=a_day))
        elif b_day and not a_day and self.chance(0.25):
            meetings.append(dict(meeting_type="TREFASMOTE", day=b_day))
        if not closed and walk.status in ("AKTIV", "FRIHETSBEROVAD", "BEDOMD"):
            self.maybe_upcoming(meetings, "TREFASMOTE", soon=0.15, later=0.1, horizon=21)
        place = self.pick(("Polishuset Sollentuna, sammanträdesrum",
                           f"Socialtjänsten Sollentuna, rum {self.pick(ROOMS)}"))
        self.schedule(meetings, place=place, unit_id=unit.id, kind="TREFAS", youth=y, ctx=ctx, kommun="Sollentuna",
                      area="Tureberg")
        upcoming = [m["starts_at"].date() for m in meetings if m["starts_at"].date() > self.today]
        case_id = self.add_case(
            kind="TREFAS", y=y, unit=unit, area=area, walk=walk, coordinator=coord, referring_agency=referrer,
            referring_person={"POLIS": "Polisens lägesbild (kartläggning av nätverk)",
                              "KRIMINALVARD": "Frivården", "SOC": "Socialtjänsten, ungdomsenheten"}[referrer],
            concerns=concerns, description=self.pick(TREFAS_DESCRIPTIONS).format(**ctx), urgency=urgency,
            orosanmalan=self.wpick({"GJORD": 6, "EJ_AKTUELL": 4}) if minor else "EJ_AKTUELL",
            environment="GANG", follow_up=upcoming[0] if upcoming and not closed else None, closure=closure)
        if walk.status == "OVERFORD_AVHOPPARARENDE":
            self.pending_links.append((case_id, y, walk.last_date))
        self.assign(case_id, self.acct.get("polis"), "KONTAKT", referral)
        if walk.date_of("FRIHETSBEROVAD") or self.chance(0.6):
            self.assign(case_id, self.acct.get("kriminalvard"), "KONTAKT", walk.date_of("FRIHETSBEROVAD") or referral)
        for day, lvl in risk_entries:
            self.rows.add(RiskLevelEntry, case_id=case_id, level=lvl, assessed_on=day, assessing_agency="POLIS",
                          note=f"Polisens bedömning per {day.isoformat()}: {vocab.RISK_LEVELS.label(lvl).lower()}.",
                          recorded_by=coord.user_id, recorded_at=at(day, 15, 30))
        if b_day and age_on(y.birth, b_day) <= 18 and self.chance(0.4):
            self.instrument(case_id, "SAVRY", self.clamp(b_day + timedelta(days=self.rng.randint(5, 40))))
        self.write_meetings(case_id, meetings)
        if a_day:
            self.measure_plan(case_id, a_day, meetings[0]["id"] if plan_meeting else None, end, coord)
        for _ in range(self.rng.choices((0, 1, 2, 3, 4), weights=(1, 3, 4, 3, 1))[0]):
            agency = self.wpick({"SOC": 5, "POLIS": 4, "KRIMINALVARD": 2})
            self.journal(case_id, "TREFAS", agency, self.between(referral, end), y, "Tureberg", [], coord)
        if self.chance(0.35):
            day = self.between(referral, end)
            basis = "OSL_10_18a" if age_on(y.birth, day) < 21 else "UPPGIFTSSKYLDIGHET_LAG_2025"
            self.disclosure(case_id, y, "POLIS", basis, day,
                            "Uppgifter om pågående insatser och kontakter som kan förebygga brott", coord, "Sollentuna")
        if walk.date_of("FRIHETSBEROVAD") and self.chance(0.3):
            self.disclosure(case_id, y, "KRIMINALVARD", "OSL_10_2_NODVANDIGT_UTLAMNANDE",
                            walk.date_of("FRIHETSBEROVAD"), "Uppgifter för frigivningsplaneringen", coord,
                            "Sollentuna")

    def risk_levels(self, start: date, end: date, closure: str | None) -> list[tuple[date, str]]:
        """The police's colour over time (append-only history): a short random walk."""
        level = self.wpick({"ROD": 30, "GUL": 45, "GRON": 25})
        out: list[tuple[date, str]] = []
        day = start
        while day <= end and len(out) < 6:
            out.append((day, level))
            day = day + timedelta(days=self.rng.randint(30, 90))
            level = self.wpick({"ROD": 2, "GUL": 3, "GRON": 2} if level == "GUL" else {level: 5, "GUL": 3})
        if closure == "RISK_UPPHORD" and out:
            out[-1] = (out[-1][0], "GRON")
        return out
