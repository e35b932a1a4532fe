"""The batch row writer: rows as plain dicts with primary keys assigned in the batch transaction,
written with one ORM bulk INSERT (executemany) per table."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from ...store.models import (Action, AgendaItem, Assessment, AssessmentItem, Attendee, Case, CaseAssignment,
                             CaseStatusChange, ConditionBreach, Conditions, Consent, ConsentSignatory, Disclosure,
                             Goal, Guardianship, InstrumentReference, JournalEntry, Meeting, Person, Plan,
                             RiskLevelEntry, ThreatAssessment)
from ...store.server_engine import advance_identities


def _template(model: type) -> dict[str, Any]:
    """Every column with its scalar default (None without one); columns with a callable
    default are left out unless the generator passes them (it passes all the dated ones)."""
    row: dict[str, Any] = {}
    for col in model.__table__.columns:
        default = col.default
        if default is not None and not default.is_scalar:
            continue
        row[col.key] = default.arg if default is not None else None
    return row


# Parents before children: foreign keys are checked row by row.
_INSERT_ORDER: tuple[type, ...] = (
    Person, Guardianship, Case, CaseStatusChange, CaseAssignment, Consent, ConsentSignatory, Assessment,
    AssessmentItem, InstrumentReference, RiskLevelEntry, ThreatAssessment, Conditions, ConditionBreach, Meeting,
    Attendee, AgendaItem, Plan, Goal, Action, JournalEntry, Disclosure,
)
_TEMPLATES = {model: _template(model) for model in _INSERT_ORDER}


class Rows:
    """One batch of rows, with primary keys assigned from the table maxima read in this transaction."""

    def __init__(self, session: Session) -> None:
        self.next_id = {m: session.scalar(select(func.max(m.id))) or 0 for m in _INSERT_ORDER}
        self.rows: dict[type, list[dict[str, Any]]] = {m: [] for m in _INSERT_ORDER}
        self.case_links: list[dict[str, Any]] = []

    def add(self, model: type, **values: Any) -> int:
        self.next_id[model] += 1
        row = dict(_TEMPLATES[model])
        row.update(values)
        row["id"] = self.next_id[model]
        self.rows[model].append(row)
        return row["id"]

    def count(self, model: type) -> int:
        return len(self.rows[model])

    def write(self, session: Session) -> None:
        for model in _INSERT_ORDER:
            if self.rows[model]:
                # render_nulls: None is sent as NULL instead of leaving the column out, so every
                # row has the same columns and the whole list goes to one executemany().
                session.execute(insert(model).execution_options(render_nulls=True), self.rows[model])
        if self.case_links:
            session.execute(update(Case), self.case_links)
        advance_identities(session, [m.__table__ for m in _INSERT_ORDER if self.rows[m]])
