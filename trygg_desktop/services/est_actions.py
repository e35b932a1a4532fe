"""Actions decided in the EST lägesbild meeting: what, which agency, where, by when, and their
follow-up the next period ("förstärkt fältarbete fredag 20–24 Malmparken", "sanering av
klotter inom 24 h"). The coordinator records and changes them; a reporter updates the
status of their own agency's actions. Texts hold no personnummer (``check_free_text``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select

from ..domain import vocab
from ..domain.access import Act, Rec
from ..domain.errors import NotFound
from ..store.models import EstAction, EstArea
from .base import Tx, changes
from .est_common import MAX_DESCRIPTION, MAX_PLACE, EstBase, Lookup, action_dto, bad, check_free_text
from .est_dto import ActionDTO
from ..domain.topics import Topic


@dataclass(frozen=True, slots=True)
class ActionInput:
    description: str
    agency: str                    # EST_SOURCES code: who does it
    decided_on: date               # the meeting day
    area: int | str | None = None
    place: str | None = None
    due_on: date | None = None


class EstActionService(EstBase):

    @changes(Topic.EST, Topic.MEETINGS)
    def create(self, inp: ActionInput) -> ActionDTO:
        description, place = checked(inp)
        with self.tx() as tx:
            self._require(tx, Act.CREATE, Rec.EST_ACTION)
            return insert(tx, inp, description, place)

    @changes(Topic.EST, Topic.MEETINGS)
    def set_status(self, action_id: int, status: str, *, note: str | None = None,
                   expected_version: int | None = None) -> ActionDTO:
        if status not in vocab.ACTION_STATUSES:
            raise bad(f"Okänd status {str(status)[:40]!r}", "est.action_status")
        note = check_free_text(note, "Uppföljning", limit=MAX_DESCRIPTION)
        with self.tx() as tx:
            self._require(tx, Act.UPDATE, Rec.EST_ACTION)
            row = tx.session.get(EstAction, action_id, with_for_update=True)  # the version check reads it locked
            if row is None:
                raise NotFound("Åtgärden finns inte", code="est_action.not_found")
            self._require(tx, Act.UPDATE, Rec.EST_ACTION, _owner(row.agency))
            if expected_version is not None and row.version != expected_version:
                raise bad("Åtgärden har ändrats av någon annan – öppna den igen", "est.conflict")
            row.status = status
            if note is not None:
                row.follow_up_note = note
            row.version += 1
            tx.session.flush()
            tx.audit("EST_ACTION_UPDATE", entity="est_action", entity_id=row.id, detail={"status": status})
            areas = {a.id: a for a in tx.session.scalars(select(EstArea))}
            return action_dto(row, areas, tx.today)

    def list(self, start: date, end: date, *, open_only: bool = False) -> tuple[ActionDTO, ...]:
        """Actions decided from ``start`` to ``end``, and (``open_only``) those still open."""
        with self.tx() as tx:
            self._require(tx, Act.READ, Rec.EST_ACTION)
            stmt = select(EstAction).where(EstAction.decided_on >= start, EstAction.decided_on <= end)
            if open_only:
                stmt = select(EstAction).where(or_(EstAction.status.in_(("PLANERAD", "PAGAR")),
                                                   EstAction.decided_on >= start), EstAction.decided_on <= end)
            rows = list(tx.session.scalars(stmt.order_by(EstAction.decided_on, EstAction.id)))
            areas = {a.id: a for a in tx.session.scalars(select(EstArea))}
            tx.audit("EST_ACTION_READ", entity="est_action",
                     detail={"actions": len(rows)})
            return tuple(action_dto(r, areas, tx.today) for r in rows)


def checked(inp: ActionInput) -> tuple[str, str | None]:
    """The action's description and place after the EST free-text check; refuses a bad input."""
    description = check_free_text(inp.description, "Åtgärd", limit=MAX_DESCRIPTION)
    if not description:
        raise bad("Beskriv åtgärden", "est.action_text")
    if inp.agency not in vocab.EST_SOURCES:
        raise bad(f"Okänd aktör {str(inp.agency)[:40]!r}", "est.source")
    place = check_free_text(inp.place, "Plats", limit=MAX_PLACE, one_line=True)
    if inp.due_on is not None and inp.due_on < inp.decided_on:
        raise bad("Klart-datumet ligger före beslutsdagen", "est.action_due")
    return description, place


def insert(tx: Tx, inp: ActionInput, description: str, place: str | None, *,
           meeting_id: int | None = None) -> ActionDTO:
    """Store a checked action (access already decided) and audit it, in the caller's transaction."""
    lookup = Lookup.load(tx.session)
    area = lookup.area(inp.area) if inp.area not in (None, "") else None
    row = EstAction(description=description, agency=inp.agency, area_id=area.id if area else None,
                    place_text=place, decided_on=inp.decided_on, due_on=inp.due_on, status="PLANERAD",
                    meeting_id=meeting_id, created_by_user_id=tx.actor.user_id, version=1)
    tx.session.add(row)
    tx.session.flush()
    detail = {"agency": row.agency, "area_id": row.area_id, "decided_on": row.decided_on.isoformat()}
    if meeting_id is not None:
        detail["meeting_id"] = meeting_id
    tx.audit("EST_ACTION_CREATE", entity="est_action", entity_id=row.id, detail=detail)
    return action_dto(row, lookup.areas, tx.today)


def _owner(agency: str) -> str:
    """The user agency (AGENCIES) that performs an action of this EST source."""
    return agency if agency in vocab.AGENCIES else "OTHER"
