"""Names for audit rows, for the people who read the log: the case reference instead of
the case id, the user's name instead of the user id, and the case filter in the words a
reviewer has (a case reference or a personnummer) instead of internal ids.

Resolved for a page of rows at once: one ``IN`` query per table (cases, users, units)
over the ids the rows name, never a query per row, so a page of the log costs the same
few queries whether it holds ten events or five thousand. Users are never deleted (a
removed account is deactivated), so a removed user keeps their name; the event's own
username snapshot stands in when the account row is gone. A disposed case (gallrad) has
no row any more: its reference is taken from the GALLRING event when that event kept it,
else the row says only that the case was disposed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Iterable, Iterator, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain import personnummer, vocab
from ..domain.errors import NotFound, PersonnummerError, ValidationError
from ..store.models import AuditEvent, Case, DisposalLog, Person, Unit, User

MAX_QUERY = 40  # longer than any reference or personnummer
_CHUNK = 500  # ids per IN list: far below SQLite's variable limit


def user_label(display_name: str | None, username: str | None) -> str | None:
    """"Anna Lind (alind)": the name people know and the user name the filters take."""
    if not display_name:
        return username or None
    if not username or display_name.casefold() == username.casefold():
        return display_name
    return f"{display_name} ({username})"


def _chunks(ids: Iterable[int]) -> Iterator[list[int]]:
    ordered = sorted(set(ids))
    for i in range(0, len(ordered), _CHUNK):
        yield ordered[i:i + _CHUNK]


def _int(value: str | None) -> int | None:
    return int(value) if value is not None and value.isdigit() else None


@dataclass(frozen=True, slots=True)
class AuditNames:
    users: dict[int, tuple[str, str]] = field(default_factory=dict)  # id → (username, display name)
    cases: dict[int, str] = field(default_factory=dict)  # id → reference, cases that exist
    disposed: dict[int, str | None] = field(default_factory=dict)  # id → reference kept by GALLRING
    units: dict[int, str] = field(default_factory=dict)

    def user(self, user_id: int | None, snapshot: str | None = None) -> str | None:
        """The acting user's name (display name and user name); the snapshot if the account is gone."""
        if user_id is not None and user_id in self.users:
            username, display = self.users[user_id]
            return user_label(display, username)
        return snapshot

    def case(self, case_id: int | None) -> tuple[str | None, bool]:
        """(reference, disposed): what is known about the case an event names."""
        if case_id is None:
            return None, False
        if case_id in self.cases:
            return self.cases[case_id], False
        if case_id in self.disposed:
            return self.disposed[case_id], True
        return None, False

    def record(self, entity: str | None, entity_id: str | None) -> str | None:
        """The name of the record an event is about, where it has one people read."""
        kind = (entity or "").lower()
        if kind == "case":
            return self.case(_int(entity_id))[0]
        if kind == "user":
            return self.user(_int(entity_id))
        if kind == "unit":
            ident = _int(entity_id)
            return self.units.get(ident) if ident is not None else None
        if kind == "retention_rule" and entity_id:
            return vocab.RETENTION_RECORD_TYPES.label(entity_id)
        return None


def resolve_names(session: Session, rows: Sequence[tuple[int | None, int | None, str | None, str | None]]
                  ) -> AuditNames:
    """Names for ``rows`` of (user_id, case_id, entity, entity_id), in a few IN queries."""
    user_ids: set[int] = set()
    case_ids: set[int] = set()
    unit_ids: set[int] = set()
    for user_id, case_id, entity, entity_id in rows:
        if user_id is not None:
            user_ids.add(user_id)
        if case_id is not None:
            case_ids.add(case_id)
        kind, ident = (entity or "").lower(), _int(entity_id)
        if ident is not None:
            {"user": user_ids, "case": case_ids, "unit": unit_ids}.get(kind, set()).add(ident)
    names = AuditNames()
    for chunk in _chunks(user_ids):
        names.users.update((i, (u, d)) for i, u, d in session.execute(
            select(User.id, User.username, User.display_name).where(User.id.in_(chunk))))
    for chunk in _chunks(case_ids):
        names.cases.update((i, ref) for i, ref in session.execute(
            select(Case.id, Case.reference).where(Case.id.in_(chunk))))
    for chunk in _chunks(unit_ids):
        names.units.update((i, name) for i, name in session.execute(
            select(Unit.id, Unit.name).where(Unit.id.in_(chunk))))
    gone = case_ids - names.cases.keys()
    for chunk in _chunks(gone):  # through the case_id index: only the events of these cases are read
        for case_id, detail in session.execute(
                select(AuditEvent.case_id, AuditEvent.detail).where(
                    AuditEvent.case_id.in_(chunk), AuditEvent.action == "GALLRING", AuditEvent.entity == "case")):
            names.disposed[case_id] = _kept_reference(detail)
    return names


def _kept_reference(detail: str | None) -> str | None:
    try:
        ref = json.loads(detail or "{}").get("ref")
    except (ValueError, AttributeError):
        return None
    return ref if isinstance(ref, str) else None


# -- the case filter ------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class CaseScope:
    """What a case filter resolved to. ``by`` is "reference" or "pnr"."""

    by: str
    case_ids: tuple[int, ...]
    person_id: int | None = None
    label: str = ""  # the reference (upper case) or the personnummer in long form


def resolve_case_query(session: Session, text: str, today: date) -> CaseScope:
    """A case reference (SSPF-2026-0012) or a personnummer (10 or 12 digits, with or
    without "-") → the cases it names; a personnummer names every case of that person.

    Raises ``ValidationError`` (``audit.case_query``) for text that is neither,
    ``PersonnummerError`` for a personnummer with a wrong date or check digit, and
    ``NotFound`` (``case.not_found`` / ``person.not_found``) when nothing matches. Never
    echoes the input: it may be a personnummer.
    """
    text = (text or "").strip()
    if not text or len(text) > MAX_QUERY:
        raise ValidationError("Enter a case reference or a personnummer", code="audit.case_query")
    if any(ch.isalpha() for ch in text):
        return _by_reference(session, text)
    try:
        pnr = personnummer.parse(text, today=today)
    except PersonnummerError as exc:
        if exc.code in ("personnummer.format", "personnummer.empty"):  # neither a reference nor a personnummer
            raise ValidationError("Enter a case reference or a personnummer", code="audit.case_query") from None
        raise
    person_id = session.scalar(select(Person.id).where(Person.pnr == pnr.digits))
    if person_id is None:
        raise NotFound("No person with that personnummer", code="person.not_found")
    case_ids = tuple(session.scalars(select(Case.id).where(Case.person_id == person_id).order_by(Case.id)))
    return CaseScope(by="pnr", case_ids=case_ids, person_id=person_id, label=pnr.long_form())


def _by_reference(session: Session, text: str) -> CaseScope:
    reference = text.upper()
    # References are stored upper-case; IN keeps the unique index in use.
    case_id = session.scalar(select(Case.id).where(Case.reference.in_({text, reference})))
    if case_id is not None:
        return CaseScope(by="reference", case_ids=(case_id,), label=reference)
    # A disposed case: its events remain, found through the reference its GALLRING event kept.
    if session.scalar(select(DisposalLog.id).where(DisposalLog.record_ref == reference).limit(1)) is not None:
        ids = tuple(sorted({cid for cid, detail in session.execute(
            select(AuditEvent.case_id, AuditEvent.detail).where(AuditEvent.action == "GALLRING",
                                                                AuditEvent.entity == "case"))
            if cid is not None and _kept_reference(detail) == reference}))
        if ids:
            return CaseScope(by="reference", case_ids=ids, label=reference)
    raise NotFound("No case with that reference", code="case.not_found")
