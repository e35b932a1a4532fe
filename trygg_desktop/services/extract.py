"""Registerutdrag (GDPR art. 15): everything about one person, after the secrecy review.

The extract is compiled by someone who registers persons (coordinators,
handläggare) and holds what that user may read about the person across cases.
The review step is built in: whatever the compiler may not read stays out and is
named in ``withheld`` with its ground (dataskyddslagen 5 kap. 1 §: data under
secrecy may be withheld), so the responsible unit can be asked to review it
(DOMAIN.md 6.3). The access log of the person's data is included, as is the
same content as JSON-ready data for an electronic answer. The sections are built in
``extract_builder``; this module decides who may compile one and audits it.
"""

from __future__ import annotations

from sqlalchemy import select

from ..domain import documents as texts
from ..domain import personnummer
from ..domain.access import Act, Rec, may_compile_extract
from ..domain.errors import AccessDenied, NotFound
from ..store.models import Case, Guardianship, Person
from .base import Service
from .documents import RegisterExtract
from .extract_builder import ExtractBuilder
from .extract_review import WithheldReview


class ExtractService(Service):

    def collect(self, pnr: str) -> RegisterExtract:
        """The register extract for the person with this personnummer (any accepted form)."""
        parsed = personnummer.parse(pnr, today=self.today)
        with self.tx() as tx:
            tx.require_capability(Act.CREATE, Rec.PERSON)  # those who register persons answer requests
            person = tx.session.scalar(select(Person).where(Person.pnr == parsed.digits))
            if person is None:
                raise NotFound(code="person.not_found")
            cases = list(tx.session.scalars(select(Case).where(Case.person_id == person.id)
                                            .order_by(Case.referral_date, Case.id)))
            facts = [(case, tx.case_facts(case)) for case in cases]
            readable = [(case, f) for case, f in facts if tx.allowed(Act.READ, Rec.CASE, f)]
            children = [tx.case_facts(c) for c in tx.session.scalars(
                select(Case).join(Guardianship, Guardianship.child_id == Case.person_id)
                .where(Guardianship.guardian_id == person.id))]
            decision = may_compile_extract(self.actor, [f for _, f in facts] + children)
            if not decision:  # refused and audited (Service.tx); nothing says whether cases exist
                raise AccessDenied(code=decision.reason, action=str(Act.READ), record=str(Rec.PERSON), case_id=None)
            # One fixed line, whether or not the person has cases the compiler cannot read: a
            # reference, unit, kind or count of such cases would reveal that they exist.
            review = WithheldReview()
            review.add(texts.EXTRACT_OTHER_CASES)
            extract = ExtractBuilder(tx, self, person, readable, cases, review).build()
            tx.audit("REGISTER_EXTRACT", entity="person", entity_id=person.id, person_id=person.id,
                     flags=["EXPORT"], purpose="gdpr_art15",
                     detail={"cases": len(readable), "withheld": len(extract.withheld),
                             "sections": len(extract.sections)})
            return extract
