"""Persons: registration with personnummer validation, duplicate warnings, guardians.

A search that returns names is a read of personal data and is audited (R17);
it is open only to roles that register referrals, and it hides persons with
protected identity from everyone but the owners of their cases (DOMAIN 6.7).

Address, school and contact details of a person with protected identity, and of a
guardian of a protected child (their address is the child's), leave this layer as
None in every ordinary read, for every reader. ``reveal_protected`` returns them for
one person and one case on an explicit request, audited, and only to those the policy
allows (``domain.access.may_see_protected_details``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import aliased

from ..domain import personnummer, vocab
from ..domain.text import forbidden_character
from ..domain.access import Act, Rec, may_see_protected_details
from ..domain.errors import AccessDenied, ValidationError
from ..store.models import Case, Guardianship, Person
from . import mapping
from .base import Service, Tx, changes
from .dto import GuardianDTO, PersonDTO
from ..domain.topics import Topic

MAX_NAME = 200
SEARCH_LIMIT = 50
# Why protected details were shown: a code for the audit event, never free text (the log
# holds no personal data).
REVEAL_PURPOSES = frozenset({"case_view"})


@dataclass(frozen=True, slots=True)
class PersonInput:
    first_name: str
    last_name: str
    pnr: str | None = None
    reserve_id: str | None = None
    birth_date: date | None = None
    legal_gender: str = "OKAND"
    protected_identity: str = "NONE"
    school: str | None = None
    school_class: str | None = None
    phone: str | None = None
    email: str | None = None
    address: str | None = None
    postal_code: str | None = None
    city: str | None = None


def normalise_person(data: PersonInput, today: date) -> dict[str, object]:
    """Validate and normalise; raises ValidationError with a field code."""
    first, last = data.first_name.strip(), data.last_name.strip()
    if not first or not last:
        raise ValidationError("First and last name are required", code="person.name_required")
    if len(first) > MAX_NAME or len(last) > MAX_NAME:
        raise ValidationError("Name too long", code="person.name_long")
    # The same characters the import refuses (domain/text.py): a pasted NUL, a stray BOM or a
    # line break in a name would make two records that look alike differ.
    for field, value in (("first_name", first), ("last_name", last), ("reserve_id", data.reserve_id),
                         ("school", data.school), ("school_class", data.school_class), ("phone", data.phone),
                         ("email", data.email), ("address", data.address), ("postal_code", data.postal_code),
                         ("city", data.city)):
        if value and (found := forbidden_character(value, one_line=True)) is not None:
            raise ValidationError(f"{field} contains a character that is not allowed ({found[1]})",
                                  code="person.text_character", field=field, character=found[1])
    pnr = None
    birth = data.birth_date
    if data.pnr:
        parsed = personnummer.parse(data.pnr, today=today)
        pnr = parsed.digits
        birth = parsed.birth_date
    elif not (data.reserve_id and data.reserve_id.strip()):
        raise ValidationError("A personnummer or a reserve id is required", code="person.identifier_required")
    vocab.LEGAL_GENDER.check(data.legal_gender)
    vocab.PROTECTED_IDENTITY.check(data.protected_identity)
    return dict(first_name=first, last_name=last, pnr=pnr,
                reserve_id=data.reserve_id.strip() if data.reserve_id else None, birth_date=birth,
                legal_gender=data.legal_gender, protected_identity=data.protected_identity,
                school=data.school, school_class=data.school_class, phone=data.phone, email=data.email,
                address=data.address, postal_code=data.postal_code, city=data.city)


class PersonService(Service):

    @changes(Topic.PERSONS)
    def register(self, data: PersonInput) -> PersonDTO:
        values = normalise_person(data, self.today)
        with self.tx() as tx:
            tx.require(Act.CREATE, Rec.PERSON)
            if values["pnr"] and tx.session.scalar(select(Person.id).where(Person.pnr == values["pnr"])):
                raise ValidationError("A person with that personnummer exists", code="person.exists")
            person = Person(**values)
            tx.session.add(person)
            tx.session.flush()
            tx.audit("PERSON_CREATE", entity="person", entity_id=person.id, person_id=person.id)
            return mapping.person(person, self.actor, shielded=bool(shielded_ids(tx, [person.id])))

    def possible_duplicates(self, data: PersonInput) -> list[PersonDTO]:
        """Same personnummer, or same birth date and a similar name (case-insensitive).

        Names may still be empty while the user types a personnummer first."""
        if data.pnr and not (data.first_name.strip() and data.last_name.strip()):
            values: dict[str, object] = {"pnr": personnummer.parse(data.pnr, today=self.today).digits,
                                         "birth_date": None, "first_name": "", "last_name": ""}
        else:
            values = normalise_person(data, self.today)
        with self.tx() as tx:
            tx.require(Act.READ, Rec.PERSON)
            conds = []
            if values["pnr"]:
                conds.append(Person.pnr == values["pnr"])
            if values["birth_date"]:
                conds.append((Person.birth_date == values["birth_date"]) & or_(
                    func.lower(Person.last_name) == str(values["last_name"]).lower(),
                    func.lower(Person.first_name) == str(values["first_name"]).lower()))
            if not conds:
                return []
            found = list(tx.session.scalars(select(Person).where(or_(*conds)).limit(SEARCH_LIMIT)))
            tx.audit("PERSON_DUPLICATE_CHECK", entity="person", detail={"hits": len(found)})
            shielded = shielded_ids(tx, [p.id for p in found])
            return [mapping.person(p, self.actor, shielded=p.id in shielded) for p in found]

    def search(self, query: str, limit: int = SEARCH_LIMIT) -> list[PersonDTO]:
        """By personnummer (any accepted form) or by name; protected identities are left out."""
        query = query.strip()
        if len(query) < 2:
            return []
        with self.tx() as tx:
            tx.require(Act.CREATE, Rec.PERSON)  # searching the register is for those who register
            stmt = select(Person).where(Person.protected_identity == "NONE")
            try:
                stmt = stmt.where(Person.pnr == personnummer.parse(query, today=self.today).digits)
            except ValidationError:
                words = [w for w in query.lower().split() if w][:4]
                for w in words:
                    like = f"%{w}%"
                    stmt = stmt.where(or_(func.lower(Person.first_name).like(like),
                                          func.lower(Person.last_name).like(like)))
            found = list(tx.session.scalars(stmt.order_by(Person.last_name, Person.first_name).limit(limit)))
            tx.audit("PERSON_SEARCH", entity="person", detail={"hits": len(found)})
            shielded = shielded_ids(tx, [p.id for p in found])
            return [mapping.person(p, self.actor, shielded=p.id in shielded) for p in found]

    def get(self, person_id: int) -> PersonDTO:
        with self.tx() as tx:
            return self._get(tx, person_id)

    def _get(self, tx: Tx, person_id: int) -> PersonDTO:
        person = tx.get(Person, person_id)
        facts = self._reading_case(tx, person_id)
        if facts is None:
            tx.require(Act.CREATE, Rec.PERSON)
            if person.protected_identity != "NONE":
                tx.require(Act.READ, Rec.CASE, None)  # no case connection: refused and audited
        tx.audit("PERSON_READ", entity="person", entity_id=person_id, person_id=person_id)
        return mapping.person(person, self.actor, facts, shielded=bool(shielded_ids(tx, [person_id])))

    @changes()
    def reveal_protected(self, person_id: int, *, case_id: int, purpose: str = "case_view") -> PersonDTO:
        """Address, school and contact details of a person whose details ordinary reads
        hide (protected identity, or guardian of a protected child), for this one answer.

        ``person_id`` must be the case's person or one of their guardians, and the reader
        must own the case in the case-owning agency (``may_see_protected_details``). The
        answer is audited (``PROTECTED_DETAILS_SHOWN``, ids and codes only) in the same
        transaction, before it is returned; a refusal is ``access.protected_details``,
        audited as ACCESS_DENIED with the case and person ids. ``purpose`` is a code."""
        if purpose not in REVEAL_PURPOSES:
            raise ValidationError("Unknown purpose", code="audit.purpose")
        with self.tx() as tx:
            case = tx.get(Case, case_id)
            facts = tx.case_facts(case)
            level = tx.require(Act.READ, Rec.CASE, facts).level   # not connected: refused and audited
            person = tx.get(Person, person_id)
            guardian = person.id != case.person_id and tx.session.scalar(select(Guardianship.id).where(
                Guardianship.child_id == case.person_id, Guardianship.guardian_id == person.id)) is not None
            if person.id != case.person_id and not guardian:
                raise AccessDenied(code="access.protected_details", action=str(Act.READ), record=str(Rec.PERSON),
                                   case_id=case.id, person_id=person.id)
            shielded = bool(shielded_ids(tx, [person.id]))   # a guardian of a protected child
            if person.protected_identity == "NONE" and not shielded:
                raise ValidationError("Nothing is hidden about this person", code="person.not_protected")
            if not may_see_protected_details(self.actor, facts):
                raise AccessDenied(code="access.protected_details", action=str(Act.READ), record=str(Rec.PERSON),
                                   case_id=case.id, person_id=person.id, emergency=level == "EMERGENCY")
            tx.audit("PROTECTED_DETAILS_SHOWN", entity="person", entity_id=person.id, case_id=case.id,
                     person_id=person.id, purpose=purpose,
                     detail={"subject": "GUARDIAN" if guardian else "CASE_PERSON"})
            return mapping.person(person, self.actor, facts, reveal=True, shielded=shielded)

    def _reading_case(self, tx: Tx, person_id: int):
        """The facts of the first case of this person the actor may read, if any."""
        for case in tx.session.scalars(select(Case).where(Case.person_id == person_id)):
            facts = tx.case_facts(case)
            if tx.allowed(Act.READ, Rec.CASE, facts):
                return facts
        return None

    @changes(Topic.PERSONS)
    def add_guardian(self, child_id: int, guardian_id: int, *, has_custody: bool = True,
                     relation: str | None = None) -> None:
        if child_id == guardian_id:
            raise ValidationError("A person cannot be their own guardian", code="guardian.self")
        with self.tx() as tx:
            tx.require(Act.UPDATE, Rec.PERSON)
            tx.get(Person, child_id)
            tx.get(Person, guardian_id)
            exists = tx.session.scalar(select(Guardianship).where(
                Guardianship.child_id == child_id, Guardianship.guardian_id == guardian_id))
            if exists:
                exists.has_custody, exists.relation = has_custody, relation
            else:
                tx.session.add(Guardianship(child_id=child_id, guardian_id=guardian_id,
                                            has_custody=has_custody, relation=relation))
            tx.audit("GUARDIAN_SET", entity="person", entity_id=child_id, person_id=child_id,
                     detail={"guardian_id": guardian_id, "custody": has_custody})


def guardians_of(tx: Tx, child_id: int, facts=None) -> tuple[GuardianDTO, ...]:
    rows = tx.session.execute(select(Guardianship, Person).join(Person, Person.id == Guardianship.guardian_id)
                              .where(Guardianship.child_id == child_id).order_by(Guardianship.id)).all()
    shielded = shielded_ids(tx, [p.id for _g, p in rows])
    return tuple(GuardianDTO(person=mapping.person(p, tx.actor, facts, shielded=p.id in shielded),
                             has_custody=g.has_custody, relation=g.relation) for g, p in rows)


def shielded_ids(tx: Tx, person_ids: list[int]) -> set[int]:
    """Those of ``person_ids`` who are guardians of a child with protected identity: their
    address and contact details lead to the child, so they are hidden like the child's."""
    if not person_ids:
        return set()
    child = aliased(Person)
    return set(tx.session.scalars(
        select(Guardianship.guardian_id).join(child, child.id == Guardianship.child_id)
        .where(Guardianship.guardian_id.in_(person_ids), child.protected_identity != "NONE")))
