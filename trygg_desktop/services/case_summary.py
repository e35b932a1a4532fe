"""A case as one row of a list: the ``CaseSummary`` that the case list, the case view
and a status change all return.

A shared query over ``Tx`` rather than a method of ``CaseService``, so the case
view (and any other service) builds the same summary without reaching into the
case service's private helpers. The personnummer is shown as far as the reader
may see it (``mapping.pnr_display``) and the consent light is today's.
"""

from __future__ import annotations

from datetime import date

from ..domain.access import Actor
from ..domain.consent import traffic_light
from ..store.models import Case, Person, Unit
from . import mapping
from .base import CaseContext, Tx, consent_status_now, current_consent
from .dto import CaseSummary


def case_summary(tx: Tx, case: Case, context: CaseContext | None = None) -> CaseSummary:
    """The summary of ``case`` as the transaction's actor sees it today (``context``: the case's,
    when the caller has it already, so the consent is not read again)."""
    if context is None:
        consent = current_consent(tx.session, case.id)
        status, valid_to = consent_status_now(tx.session, consent, tx.today), consent.valid_to if consent else None
    else:
        status, valid_to = context.consent_status, context.consent_valid_to
    return summary_of(case, tx.session.get(Person, case.person_id), tx.session.get(Unit, case.unit_id),
                      status, valid_to, tx.actor, tx.today)


def summary_of(case: Case, person: Person, unit: Unit, status: str, valid_to: date | None, actor: Actor,
               today: date) -> CaseSummary:
    """The summary from rows already loaded (the case list loads a page of them at once)."""
    shown, _ = mapping.pnr_display(person.pnr, actor)
    return CaseSummary(
        id=case.id, kind=case.kind, reference=case.reference, status=case.status, person_id=person.id,
        person_name=f"{person.first_name} {person.last_name}", pnr_display=shown or person.reserve_id,
        unit_id=unit.id, unit_name=unit.name, area=case.area, responsible_user_id=case.responsible_user_id,
        referral_date=case.referral_date, follow_up_date=case.follow_up_date,
        protected_identity=person.protected_identity,
        consent_light=traffic_light(status, valid_to, today))
