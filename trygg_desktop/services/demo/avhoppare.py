"""Avhoppare cases: request, assessment, acute protection, investigation, decision with conditions,
support plan and follow-up; threat assessments and condition breaches; links from TREFAS hand-overs."""

from __future__ import annotations

from datetime import timedelta

from ...domain.consent import age_on
from ...store.models import ConditionBreach, Conditions, ThreatAssessment
from .accounts import AVHOPPARE_UNIT
from .core import at
from .model import ConsentPlan
from .people import People
from .places import KRIMINALVARD_ORG
from .plans import Plans
from .records import CaseRecords
from .texts import AVHOPPARE_DESCRIPTIONS, BREACHES, CONDITIONS, ENVIRONMENT_TEXT, THREAT_SUMMARIES


_AVH_SCENARIOS = {"FORFRAGAN": 7, "FORHANDSBEDOMNING": 9, "AKUT_SKYDD": 9, "UTREDNING": 12, "BESLUT": 8,
                  "GENOMFORANDE": 25, "UPPFOLJNING": 12, "AVSLUTAD": 18}
_AVH_COVERAGE = ("GENOMFORANDE", "AVSLUTAD", "AKUT_SKYDD", "UTREDNING", "UPPFOLJNING", "BESLUT", "FORFRAGAN",
                 "FORHANDSBEDOMNING")
_AVH_WINDOW = {"FORFRAGAN": (0, 20), "FORHANDSBEDOMNING": (5, 40), "AKUT_SKYDD": (5, 60), "UTREDNING": (20, 120),
               "BESLUT": (40, 160), "GENOMFORANDE": (60, 600), "UPPFOLJNING": (120, 700), "AVSLUTAD": (120, 720)}
_AVH_AGES = {15: 1, 16: 2, 17: 3, 18: 6, 19: 8, 20: 9, 21: 9, 22: 8, 23: 7, 24: 6, 25: 5, 26: 4, 27: 3, 28: 3,
             29: 2, 30: 2}


class AvhoppareCases(People, CaseRecords, Plans):
    """One avhoppare case per ``avhoppare`` call, sometimes continuing a TREFAS case handed over."""

    def avhoppare(self) -> None:
        scenario = self.scenario(self.avh_no, _AVH_COVERAGE, _AVH_SCENARIOS)
        protected = "SKYDDAD_FOLKBOKFORING" if self.avh_no == 0 else self.wpick(
            {"NONE": 60, "SKYDDAD_FOLKBOKFORING": 25, "SEKRETESSMARKERING": 15})
        self.avh_no += 1
        unit = self.units[AVHOPPARE_UNIT]
        coord = self.acct["avhopparsamordnare"]
        link = self.pending_links.pop(0) if self.pending_links and self.chance(0.6) else None
        if link is not None and age_on(link[1].birth, link[2]) > max(_AVH_AGES):
            link = None
        referral = self.days_ago(_AVH_WINDOW[scenario])
        if link is not None:
            referral = self.clamp(link[2] + timedelta(days=self.rng.randint(0, 14)))
        closure = None
        order = ["FORFRAGAN", "FORHANDSBEDOMNING"] + (["AKUT_SKYDD"] if self.chance(0.55) else []) + [
            "UTREDNING", "BESLUT", "GENOMFORANDE", "UPPFOLJNING"]
        if scenario == "AVSLUTAD":
            closure = self.wpick({"FULLFOLJT": 45, "AVBRUTET_AV_INDIVID": 20, "AVBRUTET_VILLKORSBROTT": 15,
                                  "FLYTT_OVERLAMNAD_ANNAN_KOMMUN": 12, "EJ_AVHOPPARE_ENL_DEF": 8})
            stop = {"FULLFOLJT": "UPPFOLJNING", "EJ_AVHOPPARE_ENL_DEF": "FORHANDSBEDOMNING",
                    "AVBRUTET_VILLKORSBROTT": self.pick(("GENOMFORANDE", "UPPFOLJNING")),
                    "FLYTT_OVERLAMNAD_ANNAN_KOMMUN": self.pick(("GENOMFORANDE", "UPPFOLJNING")),
                    "AVBRUTET_AV_INDIVID": self.pick(("UTREDNING", "BESLUT", "GENOMFORANDE"))}[closure]
            path = order[:order.index(stop) + 1] + ["AVSLUTAD"]
        else:
            if scenario == "AKUT_SKYDD" and "AKUT_SKYDD" not in order:
                order.insert(2, "AKUT_SKYDD")
            path = order[:order.index(scenario) + 1]
            if scenario == "UPPFOLJNING" and self.chance(0.3):
                path += ["GENOMFORANDE", "UPPFOLJNING"]
        gap = {"FORHANDSBEDOMNING": 5, "AKUT_SKYDD": 3, "UTREDNING": 12, "BESLUT": 30, "GENOMFORANDE": 10,
               "UPPFOLJNING": 150, "AVSLUTAD": 120}
        gaps = [gap[s] if not (s in ("GENOMFORANDE", "UPPFOLJNING") and s in path[:i]) else 45
                for i, s in enumerate(path[1:], start=1)]
        walk = self.walk_to_today(path, referral, gaps, closure)
        closed = walk.closed
        end = walk.last_date if closed else self.today

        u_day = walk.date_of("UTREDNING")
        plan = None
        if u_day:
            sd = max(walk.date_of("FORHANDSBEDOMNING") or referral, u_day - timedelta(days=self.rng.randint(0, 5)))
            revoked = None
            accept: tuple[str, ...] = ("VALID",)
            if closed:
                accept = ("VALID", "EXPIRED")
                if closure == "AVBRUTET_AV_INDIVID" and self.chance(0.6):
                    revoked, accept = walk.last_date, ("REVOKED",)
            # Renewed like SSPF consents; only the current one is kept here.
            sd, _older = self.renew(sd, end, ahead=0 if closed else 20)
            plan = ConsentPlan("ALL", sd, sd + timedelta(days=365), revoked_at=revoked, accept=accept)
        env = self.wpick({"GANG": 80, "VALDSBEJAKANDE_EXTREMISM": 10, "HEDER": 10})
        if link is not None:
            y = link[1]
            sigs, joint, exception = [], False, None
            if plan is not None:
                joint = y.family == "JOINT"
                exception = None if joint or y.family is None else "Ensam vårdnad enligt dom"
                sigs = self.signatures(y.birth, ConsentPlan("ALL", plan.sd, plan.valid_to), joint, exception) or []
        else:
            y, sigs, joint, exception = self.youth(
                kind="AVHOPPARE", ref=referral, ages=_AVH_AGES, male_share=0.85, area="Tureberg",
                kommun="Sollentuna", protected=protected, plan=plan,
                family=self.wpick({"JOINT": 40, "SOLE": 45, "SPLIT": 15}), created=referral)
        ctx = self.ctx(y, "Tureberg")
        ctx["miljo"] = ENVIRONMENT_TEXT[env]
        threats = []
        fh_day = walk.date_of("AKUT_SKYDD") or walk.date_of("FORHANDSBEDOMNING")
        if fh_day:
            threats.append(fh_day)
            if walk.date_of("GENOMFORANDE"):
                threats.append(walk.date_of("GENOMFORANDE"))
            if not closed and walk.status in ("GENOMFORANDE", "UPPFOLJNING") and self.chance(0.5):
                threats.append(self.between(walk.last_date, self.today))
        review = None
        levels = []
        for day in threats:
            levels.append(self.wpick({"HOG": 5, "MEDEL": 4, "LAG": 2} if walk.date_of("AKUT_SKYDD") else
                                     {"HOG": 2, "MEDEL": 4, "LAG": 3}))
            review = day + timedelta(days=self.rng.randint(45, 120))
        referrer = self.wpick({"POLIS": 35, "OTHER": 25, "KRIMINALVARD": 20, "SOC": 20})
        case_id = self.add_case(
            kind="AVHOPPARE", y=y, unit=unit, area=self.pick(("Sollentuna", "Sigtuna")), walk=walk, coordinator=coord,
            referring_agency=referrer,
            referring_person={"POLIS": "Polisens avhopparsamordnare", "OTHER": "Självhänvändelse",
                              "KRIMINALVARD": "Frivården", "SOC": "Socialtjänsten, vuxenenheten"}[referrer],
            concerns=["REKRYTERING_KRIMINELLT_NATVERK"] if env == "GANG" else ["OVRIGT"],
            description=self.pick(AVHOPPARE_DESCRIPTIONS).format(**ctx),
            urgency="AKUT" if walk.date_of("AKUT_SKYDD") else self.wpick({"NORMAL": 1, "SKYNDSAM": 2}),
            orosanmalan="GJORD" if age_on(y.birth, referral) < 18 else "EJ_AKTUELL", environment=env,
            follow_up=review if not closed else None, closure=closure,
            linked_case_id=link[0] if link is not None else None)
        if link is not None:
            # updated_at given explicitly: the column's onupdate would put the wall clock in the data.
            self.rows.case_links.append({"id": link[0], "linked_case_id": case_id,
                                         "updated_at": at(referral, 9, 20)})
        if plan is not None:
            scope = [{"agency": "SOC", "detail": "Socialtjänsten Sollentuna, avhopparverksamheten"},
                     {"agency": "POLIS", "detail": "Polisens avhopparsamordnare, region Stockholm"}]
            info = ["SOCIALTJANST_INSATSER", "POLISIARA_UPPGIFTER", "FAMILJESITUATION"]
            if self.chance(0.3):
                scope.append({"agency": "KRIMINALVARD", "detail": KRIMINALVARD_ORG})
            if self.chance(0.3):
                info.append("HALSA")
            self.add_consent(case_id, y, plan, sigs, joint, exception, kind="AVHOPPARE", scope=scope, info=info,
                             coordinator=coord, created=u_day or referral)
        for day, lvl in zip(threats, levels):
            agency = self.wpick({"POLIS": 6, "SOC": 4})
            self.rows.add(ThreatAssessment, case_id=case_id, assessed_by_agency=agency, assessed_on=day, level=lvl,
                          summary=self.pick(THREAT_SUMMARIES).format(**ctx),
                          review_date=day + timedelta(days=self.rng.randint(45, 120)), recorded_by=coord.user_id,
                          recorded_at=at(day, 13))
        b_day = walk.date_of("BESLUT")
        if b_day:
            cond = self.rows.add(Conditions, case_id=case_id, signed_at=b_day,
                                 conditions=list(self.rng.sample(CONDITIONS, self.rng.randint(3, 5))),
                                 drug_test_schedule=self.pick(("Urinprov varannan vecka (betalas av socialtjänsten)",
                                                               "Blodprov en gång i månaden",
                                                               "Slumpmässiga urinprov två gånger i månaden")),
                                 created_at=at(b_day, 11))
            breaches = self.rng.choices((0, 1, 2), weights=(6, 3, 1))[0]
            if closure == "AVBRUTET_VILLKORSBROTT":
                breaches = max(breaches, 2)
            for _ in range(breaches):
                kind_, consequence = self.pick(BREACHES)
                self.rows.add(ConditionBreach, conditions_id=cond, occurred_on=self.between(b_day, end),
                              breach_type=kind_, consequence=consequence)
            self.support_plan(case_id, b_day, walk, end, coord)
        for _ in range(self.rng.choices((1, 2, 3, 4, 5), weights=(2, 4, 4, 2, 1))[0]):
            self.journal(case_id, "AVHOPPARE", "SOC", self.between(referral, end), y, "Tureberg", [], coord)
        if plan is not None and self.chance(0.3):
            self.disclosure(case_id, y, "POLIS", "SAMTYCKE", self.between(plan.sd, end),
                            "Uppgifter om skyddsbehov och insatser till polisens avhopparsamordnare", coord,
                            "Sollentuna")
        if closure == "FLYTT_OVERLAMNAD_ANNAN_KOMMUN":
            self.disclosure(case_id, y, "OTHER", "OTHER", walk.last_date,
                            "Överlämnande av ärendet till mottagande kommun", coord, "Sollentuna")
