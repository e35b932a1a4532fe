"""R17 – every read is logged, before the data is returned.

Each read operation of the service layer writes exactly one audit event with the
expected action and case id; if that audit write fails, the read fails too and
returns nothing; a refused read writes an ACCESS_DENIED event instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Callable

import pytest
from sqlalchemy import func, select

from trygg_desktop.domain.errors import AccessDenied
from trygg_desktop.services.audit import AuditLog, verify_chain
from trygg_desktop.services.journal import JournalInput
from trygg_desktop.services.meetings import MeetingInput
from trygg_desktop.store.models import AuditEvent

from ..conftest import World
from ..scenarios import Built, sspf_case

SEARCH_WORD = "Fotbollsträning"


@dataclass
class Setup:
    built: Built
    meeting_id: int


def _setup(world: World) -> Setup:
    built = sspf_case(world)
    s = world.as_("samordnare")
    s.journal.add(JournalInput(case_id=built.case_id, event_date=world.today, entry_type="SAMTAL",
                               text=f"{SEARCH_WORD} på tisdagar har hjälpt.", visibility="SHARED",
                               information_category="SOCIALTJANST_INSATSER"))
    meeting = s.meetings.create(MeetingInput(meeting_type="NATVERKSMOTE", case_id=built.case_id,
                                             starts_at=datetime(2026, 11, 25, 9, 0)))
    s.disclosures.record(built.case_id, what="Närvarouppgifter", recipient_agency="SKOLA", legal_basis="SAMTYCKE")
    return Setup(built, meeting.id)


# name → (call, expected action, expects the case id on the event)
READS: dict[str, tuple[Callable[[Any, Setup], Any], str, bool]] = {
    "case_view.open": (lambda s, x: s.case_view.open(x.built.case_id), "CASE_READ", True),
    "journal.list": (lambda s, x: s.journal.list(x.built.case_id), "JOURNAL_READ", True),
    "persons.get": (lambda s, x: s.persons.get(x.built.person_id), "PERSON_READ", False),
    "cases.list": (lambda s, x: s.cases.list(), "CASE_LIST", False),
    "meetings.get": (lambda s, x: s.meetings.get(x.meeting_id), "MEETING_READ", True),
    "meetings.list": (lambda s, x: s.meetings.list(x.built.case_id), "MEETING_LIST", True),
    "journal.search": (lambda s, x: s.journal.search(SEARCH_WORD), "JOURNAL_SEARCH", False),
    "consents.list_for_case": (lambda s, x: s.consents.list_for_case(x.built.case_id), "CONSENT_READ", True),
    "disclosures.list": (lambda s, x: s.disclosures.list(x.built.case_id), "DISCLOSURE_READ", True),
}


def _last_seq(world: World) -> int:
    with world.db.session() as s:
        return s.scalar(select(func.max(AuditEvent.seq))) or 0


def _events_after(world: World, seq: int) -> list[AuditEvent]:
    with world.db.session() as s:
        return list(s.scalars(select(AuditEvent).where(AuditEvent.seq > seq).order_by(AuditEvent.seq)))


def _non_empty(result: Any) -> bool:
    if isinstance(result, tuple) and len(result) == 2 and isinstance(result[1], int):  # (rows, total)
        result = result[0]
    return bool(result) if isinstance(result, list) else result is not None


@pytest.mark.parametrize("reader", ["samordnare", "socialsekreterare"])
def test_each_read_writes_exactly_one_event(world: World, reader: str) -> None:
    setup = _setup(world)
    services = world.as_(reader)
    actor = world.actors[reader]
    for name, (call, action, with_case) in READS.items():
        before = _last_seq(world)
        result = call(services, setup)
        events = _events_after(world, before)
        assert [e.action for e in events] == [action], (name, [e.action for e in events])
        ev = events[0]
        assert _non_empty(result), f"{name} returned no data, so the test proves little"
        assert ev.user_id == actor.user_id and ev.username == reader, name
        assert ev.role and ev.agency == actor.agency and ev.workstation, name
        assert ev.ts is not None
        assert ev.case_id == (setup.built.case_id if with_case else None), (name, ev.case_id)
        if name == "persons.get":
            assert ev.person_id == setup.built.person_id
        if name == "journal.search":  # the search words are not logged, only the hit count
            assert SEARCH_WORD.lower() not in (ev.detail or "").lower()
    with world.db.session() as s:
        report = verify_chain(s, world.db.audit.key)
        assert report.ok, report.problems


def test_failed_audit_write_means_no_data(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    setup = _setup(world)
    services = world.as_("samordnare")
    for name, (call, _action, _with_case) in READS.items():
        assert _non_empty(call(services, setup)), name  # works while the audit log works
        before = _last_seq(world)
        calls: list[str] = []

        def broken_append(self, session, actor, events, **kw):
            calls.extend(action for action, _kw in events)
            raise RuntimeError("audit insert failed")

        returned: list[Any] = []
        with monkeypatch.context() as m:
            m.setattr(AuditLog, "append_all", broken_append)
            with pytest.raises(RuntimeError, match="audit insert failed"):
                returned.append(call(services, setup))
        assert returned == [], f"{name}: data came back although the read was not logged"
        assert calls, f"{name} did not try to write an audit event"
        assert _last_seq(world) == before, name


def test_access_denied_is_logged(world: World) -> None:
    setup = _setup(world)
    before = _last_seq(world)
    # "annan" coordinates another unit and has no connection to the case.
    with pytest.raises(AccessDenied):
        world.as_("annan").case_view.open(setup.built.case_id)
    events = _events_after(world, before)
    assert [e.action for e in events] == ["ACCESS_DENIED"]
    ev = events[0]
    assert ev.case_id == setup.built.case_id and ev.username == "annan"
    assert "DENIED" in (ev.flags or "")
    # Reading through another door is refused and logged too.
    for call in (lambda s: s.journal.list(setup.built.case_id), lambda s: s.disclosures.list(setup.built.case_id),
                 lambda s: s.meetings.get(setup.meeting_id)):
        before = _last_seq(world)
        with pytest.raises(AccessDenied):
            call(world.as_("annan"))
        assert [e.action for e in _events_after(world, before)] == ["ACCESS_DENIED"]


def test_read_event_is_written_even_when_the_data_is_then_withheld(world: World) -> None:
    """A user from another agency opening the case still leaves exactly one CASE_READ."""
    setup = _setup(world)
    before = _last_seq(world)
    detail = world.as_("skola").case_view.open(setup.built.case_id)
    assert detail.summary.id == setup.built.case_id
    assert [e.action for e in _events_after(world, before)] == ["CASE_READ"]
