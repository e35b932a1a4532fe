"""SSPF cases: from aktualisering through consent, kartläggning and nätverksmöte to an active plan,
a pause or a closure, with every consent status represented."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from ...domain import vocab
from ...domain.consent import age_on
from .accounts import CONTACT_ACCOUNT, SSPF_UNITS
from .core import DAY
from .meetings import Meetings
from .model import ConsentPlan, UnitInfo, Walk, Youth
from .people import People
from .places import AREAS, KOMMUN, ROOMS
from .plans import Plans
from .records import CaseRecords
from .texts import CONCERN_TEXT


# SSPF: name → weight. The coverage list comes first so even a small run has every
# consent status and every case status.
_SSPF_SCENARIOS = {
    "AKTUALISERAD": 6, "FORHANDSBEDOMNING": 7, "EJ_AKTUELL": 5, "INHAMTAS_DRAFT": 3, "INHAMTAS_PARTIAL": 5,
    "INHAMTAS_DECLINED": 2, "KARTLAGGNING": 10, "MOTE_PLANERAT": 8, "AKTIV_PLAN": 27, "VILANDE": 4,
    "AVSLUTAD_MAL": 10, "AVSLUTAD_ATERKALLAT": 4, "AVSLUTAD_SAKNAS": 3, "AVSLUTAD_UTGATT": 2,
    "AVSLUTAD_TIDIGT": 4,
}
_SSPF_COVERAGE = ("AKTIV_PLAN", "INHAMTAS_DRAFT", "INHAMTAS_PARTIAL", "INHAMTAS_DECLINED", "VILANDE",
                  "AVSLUTAD_ATERKALLAT", "MOTE_PLANERAT", "KARTLAGGNING", "AVSLUTAD_MAL", "AKTUALISERAD",
                  "FORHANDSBEDOMNING", "EJ_AKTUELL", "AVSLUTAD_SAKNAS", "AVSLUTAD_UTGATT", "AVSLUTAD_TIDIGT")
_SSPF_PATH = ("AKTUALISERAD", "FORHANDSBEDOMNING", "SAMTYCKE_INHAMTAS", "KARTLAGGNING", "MOTE_PLANERAT",
              "AKTIV_PLAN")
_SSPF_GAP = {"FORHANDSBEDOMNING": 6, "SAMTYCKE_INHAMTAS": 9, "KARTLAGGNING": 16, "MOTE_PLANERAT": 12,
             "AKTIV_PLAN": 20}
_SSPF_WINDOW = {
    "AKTUALISERAD": (0, 14), "FORHANDSBEDOMNING": (3, 30), "EJ_AKTUELL": (20, 500), "INHAMTAS_DRAFT": (10, 60),
    "INHAMTAS_PARTIAL": (12, 70), "INHAMTAS_DECLINED": (12, 60), "KARTLAGGNING": (25, 150),
    "MOTE_PLANERAT": (35, 160), "AKTIV_PLAN": (60, 560), "VILANDE": (220, 700), "AVSLUTAD_MAL": (150, 720),
    "AVSLUTAD_ATERKALLAT": (60, 600), "AVSLUTAD_SAKNAS": (30, 500), "AVSLUTAD_UTGATT": (300, 720),
    "AVSLUTAD_TIDIGT": (20, 600),
}
# Days kept free after the walk to the last pre-closure status, per scenario.
_SSPF_TAIL = {"EJ_AKTUELL": 1, "AVSLUTAD_TIDIGT": 1, "AVSLUTAD_SAKNAS": 3, "AVSLUTAD_MAL": 40,
              "AVSLUTAD_ATERKALLAT": 8, "VILANDE": 50, "AVSLUTAD_UTGATT": 80}
# Age on the referral day; SSPF's young people are 12–20 (also on the demo's reference date).
_SSPF_AGES = {12: 5, 13: 9, 14: 14, 15: 17, 16: 16, 17: 13, 18: 9, 19: 7, 20: 6}

_SSPF_CONCERN_BY_REFERRER = {
    "SKOLA": ("HOG_FRANVARO", "SKOLPROBLEMATIK", "AGGRESSIVT_BETEENDE", "BETEENDEFORANDRING",
              "KONCENTRATIONSSVARIGHETER", "NORMBRYTANDE_BETEENDE", "KAMRATER_BROTT"),
    "POLIS": ("MISSTANKE_BROTT", "KAMRATER_BROTT", "RISKMILJOER", "REKRYTERING_KRIMINELLT_NATVERK",
              "ALKOHOL_DROGER_EGET"),
    "SOC": ("BETEENDEFORANDRING", "KAMRATER_BROTT", "ALKOHOL_DROGER_EGET", "HOG_FRANVARO", "OVRIGT"),
    "FRITID": ("RISKMILJOER", "KAMRATER_DROGER", "SAKNAR_POSITIV_FRITID", "NORMBRYTANDE_BETEENDE"),
    "OTHER": ("BETEENDEFORANDRING", "KAMRATER_BROTT", "OVRIGT", "HOG_FRANVARO"),
}


class SspfCases(People, CaseRecords, Meetings, Plans):
    """One SSPF case per ``sspf`` call, with everything recorded on it."""

    def sspf(self) -> None:
        scenario = self.scenario(self.sspf_no, _SSPF_COVERAGE, _SSPF_SCENARIOS)
        protected = ("SEKRETESSMARKERING" if self.sspf_no == 3 else "SKYDDAD_FOLKBOKFORING" if self.sspf_no == 7
                     else self.wpick({"NONE": 970, "SEKRETESSMARKERING": 20, "SKYDDAD_FOLKBOKFORING": 10}))
        self.sspf_no += 1
        unit = self.units[self.wpick(dict(zip(SSPF_UNITS, (25, 20, 18, 22, 15))))]
        area, kommun = unit.area, unit.kommun
        coord = self.acct["samordnare"]
        referral = self.days_ago(_SSPF_WINDOW[scenario])

        # How far along the normal path the case got before its tail (closure, pause).
        upto = {"AKTUALISERAD": 0, "FORHANDSBEDOMNING": 1, "EJ_AKTUELL": 1, "INHAMTAS_DRAFT": 2,
                "INHAMTAS_PARTIAL": 2, "INHAMTAS_DECLINED": 2, "KARTLAGGNING": 3, "MOTE_PLANERAT": 4,
                "AKTIV_PLAN": 5, "AVSLUTAD_MAL": 5, "AVSLUTAD_SAKNAS": 2}.get(scenario)
        if upto is None:
            upto = (self.rng.randint(0, 1) if scenario == "AVSLUTAD_TIDIGT"
                    else self.wpick({3: 2, 4: 1, 5: 3}))
        limit = self.today - timedelta(days=_SSPF_TAIL.get(scenario, 0))
        path = list(_SSPF_PATH[:upto + 1])
        days = [referral] + self.walk_dates(referral, [_SSPF_GAP[s] for s in path[1:]], max(referral, limit))
        steps: list[tuple[str, date, str | None]] = list(zip(path, days, [None] * len(path)))
        last = days[-1]

        # Consent plan and the tail of the walk.
        plan: ConsentPlan | None = None
        renewals: list[ConsentPlan] = []
        closure = None
        previous_status = None
        if upto >= 3:
            sd = max(days[2], days[3] - timedelta(days=self.rng.randint(0, 3)))
        else:
            sd = self.clamp(days[-1] + timedelta(days=self.rng.randint(2, 20)))
        if scenario in ("INHAMTAS_DRAFT", "INHAMTAS_PARTIAL", "INHAMTAS_DECLINED", "AVSLUTAD_SAKNAS"):
            mode = {"INHAMTAS_DRAFT": "NONE", "INHAMTAS_PARTIAL": "PARTIAL"}.get(scenario, "DECLINED")
            target = {"NONE": "DRAFT", "PARTIAL": "PARTIAL", "DECLINED": "DECLINED"}[mode]
            if scenario == "AVSLUTAD_SAKNAS":
                sd = min(sd, self.today - timedelta(days=2))
            plan = ConsentPlan(mode, sd, sd + timedelta(days=365), accept=(target,))
            if scenario == "AVSLUTAD_SAKNAS":
                closure = "SAMTYCKE_SAKNAS"
                steps.append(("AVSLUTAD", self.clamp(sd + timedelta(days=self.rng.randint(0, 14))), closure))
        elif scenario in ("KARTLAGGNING", "MOTE_PLANERAT", "AKTIV_PLAN"):
            sd, renewals = self.renew(sd, self.today, ahead=20)
            valid_to = (self.today + timedelta(days=self.rng.randint(0, 30)) if self.chance(0.15)
                        else sd + timedelta(days=365))
            plan = ConsentPlan("ALL", sd, valid_to, accept=("VALID",))
        elif scenario == "AVSLUTAD_MAL":
            close = self.clamp(last + timedelta(days=self.rng.randint(60, 400)))
            sd, renewals = self.renew(sd, close)
            plan = ConsentPlan("ALL", sd, sd + timedelta(days=365), accept=("VALID", "EXPIRED"))
            closure = self.wpick({"MAL_UPPNATT": 50, "FLYTT": 12, "ALDERSGRANS": 8, "OVERGANG_SOCIALTJANSTARENDE": 12,
                                  "ANNAN_SAMVERKANSFORM": 10, "OVRIGT": 8})
            steps.append(("AVSLUTAD", close, closure))
        elif scenario == "AVSLUTAD_ATERKALLAT":
            revoked = self.clamp(last + timedelta(days=self.rng.randint(7, 150)))
            sd, renewals = self.renew(sd, revoked)
            plan = ConsentPlan("ALL", sd, sd + timedelta(days=365), revoked_at=revoked, accept=("REVOKED",))
            closure = "SAMTYCKE_ATERKALLAT"
            steps.append(("AVSLUTAD", revoked, closure))
        elif scenario in ("VILANDE", "AVSLUTAD_UTGATT"):
            end = self.today - timedelta(days=1 if scenario == "VILANDE" else 30)
            pause = self.between(min(end, last + timedelta(days=45)), end)
            valid_to = max(sd + timedelta(days=30), pause - timedelta(days=self.rng.randint(0, 14)))
            valid_to = min(valid_to, self.today - DAY)
            pause = max(pause, valid_to + DAY)
            plan = ConsentPlan("ALL", sd, valid_to, accept=("EXPIRED",))
            previous_status = steps[-1][0]
            steps.append(("VILANDE_SAMTYCKE_UTGATT", pause, None))
            if scenario == "AVSLUTAD_UTGATT":
                previous_status = None
                closure = "SAMTYCKE_UTGATT_EJ_FORNYAT"
                steps.append(("AVSLUTAD", self.clamp(pause + timedelta(days=self.rng.randint(14, 60))), closure))
        elif scenario == "EJ_AKTUELL":
            closure = self.wpick({"EJ_AKTUELLT_EFTER_BEDOMNING": 5, "ANNAN_SAMVERKANSFORM": 2,
                                  "OVERGANG_SOCIALTJANSTARENDE": 2, "OVRIGT": 1})
            steps.append(("EJ_AKTUELL", self.clamp(last + timedelta(days=self.rng.randint(3, 20))), closure))
        elif scenario == "AVSLUTAD_TIDIGT":
            closure = self.wpick({"FLYTT": 3, "EJ_AKTUELLT_EFTER_BEDOMNING": 4, "OVRIGT": 1})
            steps.append(("AVSLUTAD", self.clamp(last + timedelta(days=self.rng.randint(3, 40))), closure))
        walk = Walk(steps)
        closed = walk.closed
        end = walk.last_date if closed or walk.status == "VILANDE_SAMTYCKE_UTGATT" else self.today

        family = self.wpick({"JOINT": 60, "SOLE": 25, "SPLIT": 15})
        y, sigs, joint, exception = self.youth(kind="SSPF", ref=referral, ages=_SSPF_AGES, male_share=0.66,
                                               area=area, kommun=kommun, protected=protected, plan=plan,
                                               family=family, created=referral, max_age_today=max(_SSPF_AGES))
        if closure == "ALDERSGRANS" and age_on(y.birth, walk.last_date) < 20:
            closure = "MAL_UPPNATT"  # only someone near the upper age limit leaves for that reason
            steps[-1] = (steps[-1][0], steps[-1][1], closure)
        ctx = self.ctx(y, area)
        referrer = self.wpick({"SKOLA": 40, "POLIS": 22, "SOC": 18, "FRITID": 12, "OTHER": 8})
        pool = _SSPF_CONCERN_BY_REFERRER[referrer]
        concerns = sorted(set(self.rng.sample(pool, self.rng.randint(1, min(4, len(pool))))),
                          key=vocab.REFERRAL_CONCERNS.codes.index)
        description = " ".join(self.pick(CONCERN_TEXT[c]).format(**ctx) for c in concerns)
        referring_person = {
            "SKOLA": f"{self.staff_name()}, mentor på {y.school or 'skolan'}",
            "POLIS": f"{self.staff_name()}, kommunpolis", "SOC": f"{self.staff_name()}, socialsekreterare",
            "FRITID": f"{self.staff_name()}, fältassistent",
            "OTHER": "Vårdnadshavare (egen kontakt)" if y.family else "Egen kontakt"}[referrer]  # adult: own
        orosanmalan = ("OKANT" if upto == 0 and not closed else
                       self.wpick({"GJORD": 30, "BEHOVS": 8, "EJ_AKTUELL": 50, "OKANT": 12}))
        urgency = self.wpick({"NORMAL": 75, "SKYNDSAM": 20, "AKUT": 5})
        scope: list[dict[str, str]] = []
        categories: list[str] = []
        if plan is not None:
            scope, categories = self.sspf_scope(y, area, kommun)
        scope_agencies = [s["agency"] for s in scope] if upto >= 3 else []

        meetings = (self.sspf_meetings(walk, upto, scenario, end, y, unit, plan, ctx, scope_agencies)
                    if upto >= 4 else [])
        follow_up = None
        upcoming = [m for m in meetings if m["starts_at"].date() > self.today]
        if upcoming and not closed:
            follow_up = upcoming[0]["starts_at"].date()
        elif closed and closure == "MAL_UPPNATT" and self.chance(0.4):
            follow_up = walk.last_date + timedelta(days=182)
        case_id = self.add_case(kind="SSPF", y=y, unit=unit, area=area, walk=walk, coordinator=coord,
                                referring_agency=referrer, referring_person=referring_person, concerns=concerns,
                                description=description, urgency=urgency, orosanmalan=orosanmalan,
                                follow_up=follow_up, closure=closure, previous_status=previous_status)

        consent_status = "NONE"
        if plan is not None:
            for old in renewals:
                old_sigs = self.signatures(y.birth, old, joint, exception) or []
                self.add_consent(case_id, y, old, old_sigs, joint, exception, kind="SSPF", scope=scope,
                                 info=categories, coordinator=coord, created=old.sd)
            consent_status = self.add_consent(case_id, y, plan, sigs, joint, exception, kind="SSPF", scope=scope,
                                              info=categories, coordinator=coord, created=steps[2][1])

        # Assignments: the case worker, and the contact persons of the agencies the consent covers.
        if len(steps) > 1 and self.chance(0.5):
            self.assign(case_id, self.acct.get("socialsekreterare"), "DELTAGARE", steps[1][1])
        for agency in ("SKOLA", "POLIS", "FRITID"):
            if agency in scope_agencies:
                self.assign(case_id, self.acct.get(CONTACT_ACCOUNT[agency]), "KONTAKT", steps[3][1])
            elif upto < 3 and agency == referrer and self.chance(0.5):
                self.assign(case_id, self.acct.get(CONTACT_ACCOUNT[agency]), "KONTAKT", referral)

        if upto >= 3:
            k_day = steps[3][1]
            self.assessment(case_id, y, self.clamp(k_day + timedelta(days=self.rng.randint(3, 20))), ctx,
                            coord, end)
            if self.chance(0.35):
                screening = min(end, self.clamp(k_day + timedelta(days=self.rng.randint(5, 30))))
                self.instrument(case_id, "ESTER_SCREENING", screening)
                if self.chance(0.4):
                    self.instrument(case_id, "ESTER_BEDOMNING",
                                    min(end, self.clamp(screening + timedelta(days=self.rng.randint(14, 90)))))
        self.write_meetings(case_id, meetings)
        if upto >= 5:
            self.sspf_plans(case_id, meetings, scope_agencies, y, ctx, end)
            later = [m for m in meetings if m["meeting_type"] == "UPPFOLJNINGSMOTE"
                     and m["starts_at"].date() <= self.today]
            if later and self.chance(0.5):
                self.assessment(case_id, y, later[-1]["starts_at"].date(), ctx, coord, end, better=True)

        # Journal: before consent only social services writes; after it the covered agencies too.
        agencies = ["SOC"] + [a for a in ("SKOLA", "POLIS", "FRITID") if a in scope_agencies]
        n = self.rng.choices((0, 1, 2, 3, 4, 5), weights=(3, 5, 2, 0, 0, 0) if upto < 3 else (0, 2, 4, 4, 2, 1))[0]
        consent_day = steps[3][1] if upto >= 3 else None
        for _ in range(n):
            agency = self.pick(agencies)
            lo_day = consent_day if agency != "SOC" and consent_day else referral
            self.journal(case_id, "SSPF", agency, self.between(lo_day, end), y, area, categories, coord)
        # Disclosures with their legal basis.
        if "POLIS" in scope_agencies and consent_status in ("VALID", "EXPIRED", "REVOKED") and self.chance(0.2):
            self.disclosure(case_id, y, "POLIS", "SAMTYCKE", self.between(steps[3][1], min(end, plan.valid_to)),
                            "Uppgifter om skolnärvaro och pågående insatser inför nätverksmötet", coord, kommun)
        elif upto < 3 and age_on(y.birth, referral) < 21 and self.chance(0.08):
            self.disclosure(case_id, y, "POLIS", "OSL_10_18a", self.between(referral, end),
                            "Uppgift om att socialtjänsten bedömer risk för fortsatt brottslighet", coord, kommun)
        if referrer == "SKOLA" and orosanmalan == "GJORD" and self.chance(0.3):
            self.disclosure(case_id, y, "SOC", "OSL_10_28_ANMALNINGSPLIKT", referral,
                            "Orosanmälan från skolan enligt anmälningsplikten", self.acct.get("skola") or coord,
                            kommun)

    def sspf_scope(self, y: Youth, area: str, kommun: str) -> tuple[list[dict[str, str]], list[str]]:
        info_area = AREAS.get(area, AREAS["Tureberg"])
        scope = [{"agency": "SOC", "detail": KOMMUN[kommun]["soc"]}]
        categories = ["SKOLGANG_NARVARO", "BETEENDE", "FAMILJESITUATION", "SOCIALTJANST_INSATSER"]
        if y.school and self.chance(0.95):
            scope.append({"agency": "SKOLA", "detail": y.school})
        if self.chance(0.8):
            scope.append({"agency": "POLIS", "detail": KOMMUN[kommun]["polis"]})
            categories.append("POLISIARA_UPPGIFTER")
        if self.chance(0.7):
            scope.append({"agency": "FRITID", "detail": self.pick((info_area["fritid"], info_area["falt"]))})
            categories.append("FRITID")
        if self.chance(0.12):
            scope.append({"agency": "OTHER", "detail": self.pick(("BUP Norrort", "Idrottsföreningen (demo)"))})
        if self.chance(0.2):
            categories.append("HALSA")  # only when explicitly listed
        return scope, categories

    def sspf_meetings(self, walk: Walk, upto: int, scenario: str, end: date, y: Youth, unit: UnitInfo,
                      plan: ConsentPlan | None, ctx: dict[str, Any], scope: list[str]) -> list[dict[str, Any]]:
        """Nätverksmöte and uppföljningsmöten as meeting specs (written by ``write_meetings``)."""
        out: list[dict[str, Any]] = []
        if upto == 4:
            m_day = walk.date_of("MOTE_PLANERAT") or walk.last_date
            day = m_day + timedelta(days=self.rng.randint(7, 21))
            if scenario == "MOTE_PLANERAT" and self.chance(0.5):
                day = self.today + timedelta(days=self.rng.randint(1, 7))
            if scenario == "MOTE_PLANERAT" or day <= end:
                out.append(dict(meeting_type="NATVERKSMOTE", day=day))
        else:
            nm = walk.date_of("AKTIV_PLAN") or walk.last_date
            out.append(dict(meeting_type="NATVERKSMOTE", day=nm))
            count = self.rng.choices((0, 1, 2), weights=(60, 32, 8))[0]
            day = nm
            for _ in range(count):
                day = day + timedelta(days=self.rng.randint(42, 70))
                if day > end:
                    break
                out.append(dict(meeting_type="UPPFOLJNINGSMOTE", day=day))
            if walk.status == "AKTIV_PLAN":
                self.maybe_upcoming(out, "UPPFOLJNINGSMOTE", soon=0.2, later=0.2, horizon=40)
        if plan is not None:  # no meeting is booked beyond the consent (the service refuses it)
            out = [m for m in out if m["day"] <= plan.valid_to]
        return self.schedule(out, place=self.sspf_place(y, unit), unit_id=unit.id, kind="SSPF", youth=y, ctx=ctx,
                             plan=plan, kommun=unit.kommun, area=unit.area, scope=scope)

    def sspf_place(self, y: Youth, unit: UnitInfo) -> str:
        soc = KOMMUN[unit.kommun]["soc"]
        if y.protected != "NONE" or not y.school or self.chance(0.4):
            return f"{soc}, rum {self.pick(ROOMS)}"  # never the school of a protected person
        return f"{y.school}, konferensrummet"
