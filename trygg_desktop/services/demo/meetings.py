"""Meetings with attendees, agenda and protocol: per case, and the anonymised group-level ones."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from ...domain import information
from ...store.models import AgendaItem, Attendee, Meeting
from ..meetings import AGENDA_TEMPLATES
from .accounts import SSPF_UNITS
from .core import DAY, GeneratorBase, at, dt
from .model import Acct, ConsentPlan, UnitInfo, Youth
from .places import AREAS, KOMMUN, KRIMINALVARD_ORG, ROOMS
from .texts import DECISIONS_NEXT


def _attendee(name: str, function: str, organisation: str | None, agency: str | None, role: str, *,
              present: bool = True, part_note: str | None = None, person_id: int | None = None,
              user_id: int | None = None) -> dict[str, Any]:
    """One attendee row (without its meeting)."""
    return dict(name=name, function=function, organisation=organisation, agency_code=agency, meeting_role=role,
                present=present, part_note=part_note, person_id=person_id, user_id=user_id)


class Meetings(GeneratorBase):
    """Meetings are built from specs: dicts with the meeting's type, times, place, unit, kind
    (``SSPF`` or ``TREFAS``), area and kommun, and for a case meeting its youth, text context,
    consent plan and consent scope; ``write_meetings`` stores them and adds each one's ``id``."""

    def meeting_time(self, day: date) -> dict[str, Any]:
        hour = self.pick((8, 9, 10, 13, 14, 15))
        minute = self.pick((0, 30))
        starts = dt(day, hour, minute)
        return dict(starts_at=starts, ends_at=starts + timedelta(minutes=self.pick((60, 75, 90))))

    def protocol_status(self, starts: datetime) -> str:
        if starts.date() > self.today:
            return "UTKAST"
        if (self.today - starts.date()).days < 3:
            return self.wpick({"UTKAST": 6, "JUSTERING": 4})
        return self.wpick({"JUSTERAT": 75, "JUSTERING": 12, "UTKAST": 13})

    def write_meetings(self, case_id: int | None, specs: list[dict[str, Any]]) -> None:
        for i, spec in enumerate(specs):
            nxt = specs[i + 1] if i + 1 < len(specs) else None
            spec["id"] = self.meeting(case_id, spec, nxt)

    def meeting(self, case_id: int | None, spec: dict[str, Any], nxt: dict[str, Any] | None) -> int:
        starts: datetime = spec["starts_at"]
        held = starts.date() <= self.today
        status = self.protocol_status(starts)
        kind = spec["kind"]
        coord = self.acct["trefas" if kind == "TREFAS" else "samordnare"]
        attendees = self.attendees(spec, coord)
        chair = next((a for a in attendees if a["meeting_role"] == "ORDFORANDE"), None)
        secretary = next((a for a in attendees if a["meeting_role"] == "SEKRETERARE"), None)
        adjuster = next((a for a in attendees if a["meeting_role"] == "JUSTERARE"), None)
        agenda = self.agenda(spec, held, attendees, nxt)
        place = spec["place"]
        # A justerat protocol is frozen and hashed after the batch is written (``freeze_protocols``),
        # by the service's own ``protocol_facts.freeze``, once the consents and plans it states exist.
        justerat_at = (at(self.clamp(starts.date() + timedelta(days=self.rng.randint(1, 7))), 16)
                       if status == "JUSTERAT" else None)
        guardians_informed = None
        if held and kind == "SSPF" and spec.get("youth") and spec["youth"].guardians and status != "UTKAST":
            guardians_informed = self.pick((
                "Vårdnadshavare deltog och informerades om besluten vid mötet.",
                f"Vårdnadshavare informerades per telefon {(starts.date() + DAY).isoformat()}."))
        mid = self.rows.add(
            Meeting, case_id=case_id, unit_id=spec["unit_id"], meeting_type=spec["meeting_type"], starts_at=starts,
            ends_at=spec["ends_at"], place=place, chair_user_id=chair["user_id"] if chair else None,
            secretary_user_id=secretary["user_id"] if secretary else None,
            adjuster_user_id=adjuster["user_id"] if adjuster else None, anonymised=case_id is None,
            protocol_status=status, next_meeting_at=nxt["starts_at"] if nxt and held else None,
            next_meeting_place=nxt["place"] if nxt and held else None, guardians_informed=guardians_informed,
            justerat_at=justerat_at, content_hash=None, created_by=coord.user_id,
            created_at=at(min(starts.date() - timedelta(days=self.rng.randint(3, 14)), self.today), 11))
        for a in attendees:
            self.rows.add(Attendee, meeting_id=mid, **a)
        for item in agenda:
            self.rows.add(AgendaItem, meeting_id=mid, **item)
        return mid

    def attendees(self, spec: dict[str, Any], coord: Acct) -> list[dict[str, Any]]:
        kind, kommun = spec["kind"], spec["kommun"]
        out: list[dict[str, Any]] = []

        def staff(acct: Acct | None, role: str, organisation: str, agency: str, function: str | None = None) -> None:
            if acct is None:
                return
            out.append(_attendee(acct.name, function or acct.title, organisation, agency, role,
                                 user_id=acct.user_id))

        soc = KOMMUN[kommun]["soc"]
        if kind == "TREFAS":
            staff(coord, "ORDFORANDE", soc, "SOC")
            staff(self.acct.get("polis"), "JUSTERARE", KOMMUN[kommun]["polis"], "POLIS")
            staff(self.acct.get("kriminalvard"), "DELTAGARE", KRIMINALVARD_ORG, "KRIMINALVARD")
            out.append(_attendee(self.staff_name(), "Jurist", soc, "SOC", "DELTAGARE"))
            out.append(_attendee(self.staff_name(), "Socialsekreterare", soc, "SOC", "SEKRETERARE"))
            return out
        area = AREAS.get(spec["area"], AREAS["Tureberg"])
        staff(coord, "ORDFORANDE", soc, "SOC")
        staff(self.acct.get("socialsekreterare"), "SEKRETERARE", soc, "SOC")
        if spec.get("group"):
            staff(self.acct.get("skola"), "DELTAGARE", self.pick(area["schools"]), "SKOLA")
            staff(self.acct.get("polis"), "JUSTERARE", KOMMUN[kommun]["polis"], "POLIS")
            staff(self.acct.get("fritid"), "DELTAGARE", area["falt"], "FRITID")
            if spec["meeting_type"] == "STYRGRUPPSMOTE":
                staff(self.acct.get("styrgrupp"), "DELTAGARE", soc, "SOC")
            return out
        y: Youth = spec["youth"]
        # Only the agencies the consent covers are invited (DOMAIN.md 1.4).
        scope = set(spec.get("scope") or ())
        adjuster_set = False
        if "SKOLA" in scope and y.school:
            out.append(_attendee(self.staff_name(), "Mentor", y.school, "SKOLA", "DELTAGARE"))
            staff(self.acct.get("skola"), "DELTAGARE", y.school, "SKOLA")
        if "POLIS" in scope:
            staff(self.acct.get("polis"), "JUSTERARE", KOMMUN[kommun]["polis"], "POLIS")
            adjuster_set = self.acct.get("polis") is not None
        if "FRITID" in scope:
            staff(self.acct.get("fritid"), "DELTAGARE", area["falt"], "FRITID")
        if not adjuster_set:
            for a in out:
                if a["meeting_role"] == "DELTAGARE" and a["user_id"] is not None:
                    a["meeting_role"] = "JUSTERARE"
                    break
        part = self.pick((None, None, "Deltog §§ 1–4"))
        out.append(_attendee(y.name, "Ungdom", None, None, "DELTAGARE", part_note=part, person_id=y.id))
        for gid, gname, custody in y.guardians:
            if custody or self.chance(0.3):
                present = self.chance(0.85)
                out.append(_attendee(gname, "Vårdnadshavare" if custody else "Förälder", None, None, "DELTAGARE",
                                     present=present, part_note=None if present else "Anmält förhinder",
                                     person_id=gid))
        return out

    def agenda(self, spec: dict[str, Any], held: bool, attendees: list[dict[str, Any]],
               nxt: dict[str, Any] | None) -> list[dict[str, Any]]:
        mtype = spec["meeting_type"]
        headings = AGENDA_TEMPLATES.get(mtype, ())
        items = []
        adjuster = next((a["name"] for a in attendees if a["meeting_role"] == "JUSTERARE"), None)
        ctx = dict(spec.get("ctx") or self.ctx(None, spec["area"]))
        for number, heading in enumerate(headings, start=1):
            note = decision = None
            if held:
                note, decision = self.agenda_text(mtype, number, heading, ctx, spec, adjuster, nxt)
            items.append(dict(number=number, heading=heading, note=note, decision=decision, owning_agency="SOC",
                              visibility="SHARED", information_category=information.suggest(heading, note, decision)))
        return items

    def agenda_text(self, mtype: str, number: int, heading: str, ctx: dict[str, Any], spec: dict[str, Any],
                    adjuster: str | None, nxt: dict[str, Any] | None) -> tuple[str | None, str | None]:
        h = heading.lower()
        plan: ConsentPlan | None = spec.get("plan")
        if "justerare" in h:
            return None, f"{adjuster or 'Ordföranden'} väljs att justera protokollet."
        closing = h.startswith("nästa möte") or (
            h == "övrigt" and mtype in ("ARBETSGRUPPSMOTE", "STYRGRUPPSMOTE", "TREFASMOTE"))
        if closing:
            if nxt:
                when = nxt["starts_at"]
                return None, DECISIONS_NEXT.format(datum=when.date().isoformat(), tid=when.strftime("%H.%M"),
                                                   plats=nxt["place"])
            return "Inga övriga frågor.", None
        if "öppnande" in h:
            if plan is not None and mtype in ("NATVERKSMOTE", "UPPFOLJNINGSMOTE"):
                return (f"Ordföranden hälsar välkommen. Samtycket gås igenom: giltigt t.o.m. "
                        f"{plan.valid_to.isoformat()}. Deltagarna påminns om sekretessen.", None)
            if mtype == "TREFASMOTE":
                return "Ordföranden hälsar välkommen. Juristen går igenom vilka uppgifter som får delas.", None
            return "Ordföranden hälsar välkommen.", None
        if mtype == "NATVERKSMOTE":
            if "föregående" in h:
                return "Första nätverksmötet – inga tidigare åtaganden.", None
            if "aktuell situation" in h:
                return (f"{ctx['namn']} berättar om skolan och fritiden. Vårdnadshavare uppger att det är lugnare "
                        f"hemma. Skolan uppger att närvaron är {ctx['pct']} %. Fritid: {ctx['namn']} har besökt "
                        f"{ctx['fritid']}.", None)
            if "risk" in h:
                return ("Kartläggningen visar förhöjd risk inom skola och kamrater. Skyddsfaktorer: engagerade "
                        f"vårdnadshavare och intresse för {ctx['sport']}.", None)
            if "mål" in h:
                return ("Åtagandeplan upprättas gemensamt.",
                        "Åtagandeplan version 1 fastställs enligt bilaga. Vårdnadshavare informeras om besluten.")
            if "övrigt" in h:
                return ("Behov av orosanmälan har diskuterats.",
                        self.pick(("Ingen ny orosanmälan behövs i nuläget.", "Orosanmälan är redan gjord.",
                                   "Socialtjänsten gör en orosanmälan.")))
        if mtype == "UPPFOLJNINGSMOTE":
            if "uppföljning" in h:
                return ("Närvaroplanen har följts; läxläsningen har inte kommit igång.", None)
            if "aktuell" in h:
                return (f"Positiv utveckling sedan förra mötet. Närvaron är nu {ctx['pct'] + 10} %.", None)
            if "mål" in h:
                return ("Målen revideras.", "Reviderad åtagandeplan fastställs. Vårdnadshavare informeras.")
            if "övrigt" in h:
                return ("Inga övriga frågor.", None)
        if mtype == "TREFASMOTE":
            if "lägesbild" in h:
                return (f"Polisen redogör för lägesbilden i {ctx['plats']}: spänningar mellan två grupperingar.", None)
            if "risknivå" in h:
                return ("Polisens bedömning per mötesdagen gås igenom för individärendet.", None)
            if "åtgärder" in h:
                return ("Socialtjänsten fortsätter samtalen; frivården skärper kontrollerna; polisen ökar närvaron.",
                        "Åtgärderna i handlingsplanen fastställs.")
        if mtype == "ARBETSGRUPPSMOTE":
            if "lägesbild" in h:
                return (f"Oro kring samlingsplats vid {ctx['plats']} fredagskvällar; fältarna förstärker närvaron.",
                        "Fältgruppen och polisen samordnar kvällsnärvaro kommande helg.")
            if "nya aktualiseringar" in h:
                return ("Tre nya aktualiseringar, två från skolan och en från polisen; samtliga i "
                        "förhandsbedömning. Genomgång utan personuppgifter.", None)
            if "status" in h:
                return ("Samordnaren redogör övergripande för aktiva ärenden och väntande samtycken.", None)
            if "insatser" in h:
                return ("Universell insats: föräldramöte om droger i årskurs 8. Selektiv insats: "
                        "samtalsgrupp på fritidsgården.", "Föräldramötet genomförs under nästa månad.")
        if mtype == "STYRGRUPPSMOTE":
            if "statistik" in h:
                return ("Tertialrapporten presenteras: antal aktualiseringar, samtycken och avslutade ärenden.", None)
            if "resurser" in h:
                return ("Samordnartiden bedöms vara tillräcklig.", "Nuvarande bemanning behålls.")
            if "metod" in h:
                return ("Erfarenheter av ESTER-screening diskuteras.", "En gemensam utbildningsdag planeras.")
        return None, None

    def maybe_upcoming(self, specs: list[dict[str, Any]], meeting_type: str, *, soon: float, later: float,
                       horizon: int) -> None:
        """With chance ``soon`` a meeting in the coming week, else with chance ``later`` one in the
        following days up to ``horizon`` days ahead (a spec with a ``day``, for ``schedule``)."""
        if self.chance(soon):
            specs.append(dict(meeting_type=meeting_type, day=self.today + timedelta(days=self.rng.randint(1, 7))))
        elif self.chance(later):
            specs.append(dict(meeting_type=meeting_type,
                              day=self.today + timedelta(days=self.rng.randint(8, horizon))))

    def schedule(self, specs: list[dict[str, Any]], **common: Any) -> list[dict[str, Any]]:
        """Each spec's ``day`` becomes its start and end time; ``common`` is added to all of them."""
        for spec in specs:
            spec.update(self.meeting_time(spec.pop("day")))
            spec.update(common)
        return specs

    # -- group-level meetings --------------------------------------------------------
    def group_meetings(self, total_cases: int) -> None:
        count = max(3, min(60, total_cases // 100))
        for i in range(count):
            unit = self.units[SSPF_UNITS[i % len(SSPF_UNITS)]]
            rnd = i // len(SSPF_UNITS)
            if rnd == 0 and i % 2 == 0:
                day = self.today + timedelta(days=self.rng.randint(1, 7))
            else:
                day = self.today - timedelta(days=14 * rnd + self.rng.randint(1, 10))
            self.group_meeting("ARBETSGRUPPSMOTE", unit, day)
        for unit_name in ("SSPF Tureberg", "SSPF Märsta"):  # one per kommun
            day = self.today - timedelta(days=self.rng.randint(20, 60))
            self.group_meeting("STYRGRUPPSMOTE", self.units[unit_name], day, room="sessionssalen")

    def group_meeting(self, meeting_type: str, unit: UnitInfo, day: date, room: str | None = None) -> None:
        """An anonymised meeting of the unit's group in the kommun house (a random room unless given)."""
        times = self.meeting_time(day)
        room = room or f"rum {self.pick(ROOMS)}"
        spec = dict(meeting_type=meeting_type, **times, unit_id=unit.id, kind="SSPF", group=True,
                    kommun=unit.kommun, area=unit.area, place=f"{KOMMUN[unit.kommun]['house']}, {room}")
        spec["ctx"] = self.ctx(None, unit.area)
        self.meeting(None, spec, None)
