"""What the meeting editor shows, fetched in one worker call (no Qt here).

A case meeting brings its case summary, the case's current action plan and the
agencies its consent covers; an EST meeting brings the EST actions it decided.
Parts the reader may not see are left out instead of failing the whole view.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from ...api.errors import TryggError
from ...api.inputs import CaseFilter
from ...api.results import CaseSummary, MeetingDTO, PlanDTO, UserDTO
from ...api.results import EstActionDTO
from ...api.inputs import EST_MEETING


@dataclass(frozen=True)
class Loaded:
    """Everything the editor shows, fetched in one worker call."""

    meeting: MeetingDTO
    case: CaseSummary | None
    plan: PlanDTO | None
    covered: frozenset[str] | None      # agencies that may attend (None: no consent rule applies)
    users: dict[int, UserDTO]
    est_actions: tuple[EstActionDTO, ...] = ()   # an EST meeting: the actions it decided


def _optional(fn: Callable[[], Any]) -> Any:
    """A part the reader may not see (plan, consent) is left out instead of failing the whole view."""
    try:
        return fn()
    except TryggError:
        return None


def fetch_meeting(s, meeting_id: int, known_users: dict[int, UserDTO], read_plan: bool) -> Loaded:
    """Runs on the worker: ``s`` is the services facade; ``known_users`` saves a directory read."""
    meeting = s.meetings.get(meeting_id)
    users = known_users or {u.id: u for u in s.users.directory()}
    if meeting.meeting_type == EST_MEETING:
        return Loaded(meeting, None, None, None, users, tuple(s.est_meetings.actions(meeting_id)))
    case = plan = covered = None
    if meeting.case_id is not None:
        found = _optional(lambda: s.cases.list(CaseFilter(query=meeting.case_reference, limit=5))[0]) or []
        case = next((c for c in found if c.id == meeting.case_id), None)
        plan = _optional(lambda: s.plans.get_current(meeting.case_id)) if read_plan else None
        if case is not None and case.kind == "SSPF":
            units = {u.id: u.agency for u in s.users.list_units()}
            consents = _optional(lambda: s.consents.list_for_case(meeting.case_id)) or []
            scope = {a for a, _ in consents[0].scope_agencies} if consents and \
                consents[0].status == "VALID" else set()
            covered = frozenset(scope | {units.get(case.unit_id, "SOC")})
    return Loaded(meeting, case, plan, covered, users)
