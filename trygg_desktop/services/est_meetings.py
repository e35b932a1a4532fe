"""The EST meeting: the weekly lägesbild meeting in the existing meeting machinery.

An EST meeting is a ``Meeting`` of type ``ESTMOTE`` with no case and no unit; ``est_period``
names the lägesbild it discusses (by default the last whole ISO week before the meeting day,
the week the Tuesday meeting looks back on). Its agenda is built from that picture (the
hotspots, a paragraph per flagged area, the follow-up of the actions decided last time), its
attendance is by agency, its decisions are EST actions tied to the meeting (``meeting_id``),
and its protocol carries the lägesbild as an appendix. Justering freezes the picture and the
meeting's actions into ``frozen_content`` (covered by the content hash), so a justerat
protocol states the picture as it stood at justering, whatever is registered later.

**Access** (``Rec.EST_MEETING``): the coordinator creates, edits, prints and justerar; every
reporter reads and prints; the meeting's named adjuster justerar (``decide_est_meeting``).
Nothing here is about a person: every text passes the EST free-text check.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from sqlalchemy import select

from ..domain import vocab
from ..domain.access import Act, Rec
from ..domain.access_aggregates import decide_est_meeting
from ..domain.errors import AccessDenied, ValidationError
from ..domain.periods import RANGE, Period
from ..store.models import AgendaItem, EstAction, EstArea, Meeting
from . import mapping
from .base import Tx, changes
from .meeting_dto import MeetingDTO
from .est_actions import ActionInput, checked, insert
from .est_common import EstBase, action_dto
from .est_dto import ActionDTO
from .est_picture import picture_in
from .est_picture_dto import EstPicture, plain
from .thaw import thaw
from ..domain.topics import Topic

EST_MEETING = "ESTMOTE"


@dataclass(frozen=True, slots=True)
class EstMeetingInput:
    starts_at: datetime
    period: str | None = None          # "2026-W49"; None: the last whole week before the meeting day
    ends_at: datetime | None = None
    place: str | None = None
    adjuster_user_id: int | None = None


@dataclass(frozen=True, slots=True)
class EstAttachment:
    """What an EST protocol carries beyond its agenda: the lägesbild and the meeting's own decisions."""

    picture: EstPicture
    actions: tuple[ActionDTO, ...]     # decided in this meeting
    frozen: bool                       # True: as it stood at justering


def default_period(day: date) -> Period:
    """The week an EST meeting on ``day`` looks back on: the last whole ISO week before it."""
    return Period.week_of(day - timedelta(days=7))


def require(tx: Tx, act: Act, meeting: Meeting | None = None) -> None:
    """The EST meeting rule, for ``MeetingService`` and ``ProtocolService`` alike (no meeting:
    booking or listing them)."""
    decision = decide_est_meeting(tx.actor, act,
                                  adjuster_user_id=meeting.adjuster_user_id if meeting is not None else None)
    if not decision:
        raise AccessDenied(code=decision.reason, action=str(act), record=str(Rec.EST_MEETING), case_id=None)


def is_est(meeting: Meeting) -> bool:
    return meeting.meeting_type == EST_MEETING


class EstMeetingService(EstBase):

    @changes(Topic.EST, Topic.MEETINGS)
    def create(self, inp: EstMeetingInput) -> MeetingDTO:
        """Book the meeting and draft its agenda from the lägesbild of its period."""
        period = Period.parse(inp.period) if inp.period else default_period(inp.starts_at.date())
        if period.kind == RANGE:
            raise ValidationError("Ett EST-möte gäller en vecka, månad, tertial eller ett år", code="est.period")
        if period.start > inp.starts_at.date():
            raise ValidationError(f"Lägesbilden {period.code} har inte börjat på mötesdagen", code="est.period_future")
        if inp.ends_at is not None and inp.ends_at < inp.starts_at:
            raise ValidationError("Mötet slutar före det börjar", code="meeting.ends_before_start")
        with self.tx() as tx:
            require(tx, Act.CREATE)
            picture = picture_in(tx, period)
            meeting = Meeting(case_id=None, unit_id=None, meeting_type=EST_MEETING, est_period=period.code,
                              starts_at=inp.starts_at, ends_at=inp.ends_at, place=inp.place, anonymised=True,
                              chair_user_id=self.actor.user_id, adjuster_user_id=inp.adjuster_user_id,
                              created_by=self.actor.user_id)
            for n, (heading, note) in enumerate(agenda_from(picture), start=1):
                meeting.agenda.append(AgendaItem(number=n, heading=heading, note=note, visibility="SHARED"))
            tx.session.add(meeting)
            tx.session.flush()
            tx.audit("MEETING_CREATE", entity="meeting", entity_id=meeting.id,
                     detail={"type": EST_MEETING, "period": period.code})
            return mapping.meeting(meeting, None)

    def list(self, limit: int = 200) -> list[MeetingDTO]:
        with self.tx() as tx:
            require(tx, Act.READ)
            rows = list(tx.session.scalars(select(Meeting).where(Meeting.meeting_type == EST_MEETING)
                                           .order_by(Meeting.starts_at.desc()).limit(limit)))
            tx.audit("MEETING_LIST", entity="meeting", detail={"type": EST_MEETING, "rows": len(rows)})
            return [mapping.meeting(m, None, full=False) for m in rows]

    def attachment(self, meeting_id: int) -> EstAttachment:
        """The lägesbild and the decisions of the meeting, as its protocol states them."""
        with self.tx() as tx:
            meeting = _est_meeting(tx, meeting_id)
            require(tx, Act.READ, meeting)
            found = attachment_of(tx, meeting)
            tx.audit("EST_REPORT", entity="est_picture",
                     detail={"period": meeting.est_period, "meeting_id": meeting.id, "frozen": found.frozen})
            return found

    def actions(self, meeting_id: int) -> tuple[ActionDTO, ...]:
        """The actions the meeting decided (its editor's Actions tab)."""
        with self.tx() as tx:
            meeting = _est_meeting(tx, meeting_id)
            require(tx, Act.READ, meeting)
            found = _meeting_actions(tx, meeting)
            tx.audit("EST_ACTION_READ", entity="est_action", detail={"meeting_id": meeting.id, "actions": len(found)})
            return found

    @changes(Topic.EST, Topic.MEETINGS)
    def add_action(self, meeting_id: int, inp: ActionInput) -> ActionDTO:
        """An action decided in the meeting: decided on the meeting day, listed in its protocol."""
        with self.tx() as tx:
            meeting = _est_meeting(tx, meeting_id)
            require(tx, Act.UPDATE, meeting)
            if meeting.protocol_status != "UTKAST":
                raise ValidationError("Protokollet är låst; lägg till en rättelse i stället", code="meeting.locked")
            inp = replace(inp, decided_on=meeting.starts_at.date())
            description, place = checked(inp)
            return insert(tx, inp, description, place, meeting_id=meeting.id)


def _est_meeting(tx: Tx, meeting_id: int) -> Meeting:
    meeting = tx.get(Meeting, meeting_id)
    if not is_est(meeting):
        raise ValidationError("Mötet är inte ett EST-möte", code="est.not_est_meeting")
    return meeting


# -- the appendix, live or frozen ---------------------------------------------------------------

def attachment_of(tx: Tx, meeting: Meeting) -> EstAttachment:
    """The frozen copy of a justerat meeting, else the picture and actions as they are now."""
    frozen = json.loads(meeting.frozen_content).get("est") if meeting.frozen_content else None
    if frozen is not None:
        return EstAttachment(picture=thaw(EstPicture, frozen["picture"]),
                             actions=tuple(thaw(ActionDTO, a) for a in frozen["actions"]), frozen=True)
    picture = picture_in(tx, Period.parse(meeting.est_period))
    return EstAttachment(picture=picture, actions=_meeting_actions(tx, meeting), frozen=False)


def _meeting_actions(tx: Tx, meeting: Meeting) -> tuple[ActionDTO, ...]:
    areas = {a.id: a for a in tx.session.scalars(select(EstArea))}
    rows = tx.session.scalars(select(EstAction).where(EstAction.meeting_id == meeting.id).order_by(EstAction.id))
    return tuple(action_dto(r, areas, tx.today) for r in rows)


def frozen_part(tx: Tx, meeting: Meeting) -> dict:
    """What justering adds to ``frozen_content`` for an EST meeting: the appendix as plain JSON."""
    live = attachment_of(tx, meeting)
    return {"est": {"picture": plain(live.picture), "actions": [plain(a) for a in live.actions]}}


# -- the agenda drafted from the picture --------------------------------------------------------

def agenda_from(p: EstPicture) -> list[tuple[str, str | None]]:
    """The EST checklist (DOMAIN 5.1: sammanställning → analys → beslut → återkoppling → uppföljning)
    with the picture's own figures and sentences as the notes to start from."""
    items: list[tuple[str, str | None]] = [
        ("Mötets öppnande och närvaro per aktör", None),
        ("Val av justerare", None),
        (f"Lägesbild {_in_sentence(p.period.label)}", _summary(p)),
    ]
    for row, level, categories in _flagged(p):
        narrative = next((n.text for n in p.narratives if n.area == row.area), None)
        what = f" – {', '.join(categories).lower()}" if categories else ""
        items.append((f"{row.area}: {_level(level)}{what}", narrative))
    items += [
        ("Uppföljning av tidigare beslutade åtgärder", _follow_up(p)),
        ("Analys: var behövs insatser och var kan vi påverka mest", None),
        ("Beslut om insatser och samverkanspartner", None),
        ("Särskilda prioriteringar inför kommande helg", None),
        ("Återkoppling till verksamheterna, övrigt, nästa möte", None),
    ]
    return items


_ORDER = {"ALLVARLIG": 0, "FORHOJD": 1, "NORMAL": 2}


def _flagged(p: EstPicture) -> list[tuple]:
    """Areas with their area total or a category above the thresholds, worst first: (row, level,
    the flagged categories when the total itself is not flagged)."""
    found = []
    for row in p.rows:
        cells = [(p.categories[i], c.level) for i, c in enumerate(row.cells) if c.flagged]
        levels = [row.total.level, *(level for _name, level in cells)]
        worst = min(levels, key=_ORDER.__getitem__)
        if worst != "NORMAL":
            found.append((row, worst, () if row.total.flagged else tuple(name for name, _l in cells)))
    return sorted(found, key=lambda f: (_ORDER[f[1]], -f[0].total.count, f[0].area))


def _level(code: str) -> str:
    return f"{vocab.EST_LEVELS.label(code).lower()} läge"


def _in_sentence(label: str) -> str:
    """"Vecka 46 2026" → "vecka 46 2026", "November 2026" → "november 2026"; "T3 2026" stays."""
    return label[:1].lower() + label[1:] if label[1:2].islower() else label


def _summary(p: EstPicture) -> str:
    total = p.totals.total
    lines = [f"{total.count} händelser (varav {p.police_reported} polisanmälda); förändring mot snittet: "
             f"{total.change}."]
    flagged = _flagged(p)
    if flagged:
        lines.append("Områden över tröskelvärdena: " + "; ".join(
            f"{r.area} {r.total.count} ({r.total.change}, {_level(level)})" for r, level, _c in flagged) + ".")
    else:
        lines.append("Inget område över tröskelvärdena.")
    return "\n".join(lines)


def _follow_up(p: EstPicture) -> str:
    actions = [*p.actions, *(a for a in p.follow_up if a.status in ("PLANERAD", "PAGAR"))]
    if not actions:
        return "Inga åtgärder att följa upp."
    seen: set[int] = set()
    lines = []
    for a in actions:
        if a.id in seen:
            continue
        seen.add(a.id)
        where = ", ".join(x for x in (a.area_name, a.place_text) if x)
        late = " (försenad)" if a.overdue else ""
        lines.append(f"• {a.description} – {a.agency_label}{', ' + where if where else ''}: {a.status_label}{late}")
    return "\n".join(lines)


__all__ = ["EST_MEETING", "EstAttachment", "EstMeetingInput", "EstMeetingService", "agenda_from", "attachment_of",
           "default_period", "frozen_part", "is_est", "require"]
