"""What a protocol says, line by line: the person, the consent as of the meeting, attendance,
roles, next meeting, distribution, the unit and area; formatting from the records and the
frozen facts, deciding nothing about who may see what (that is ``protocol_scope``).

Split from ``protocols.py`` (issue 16: modules by purpose); the assembly and the disclosure
recording stay there.
"""

from __future__ import annotations

from ..domain import documents as texts
from ..domain import vocab
from ..domain.access import RESTRICTED_KINDS, CaseFacts
from ..store.models import Attendee, Case, Meeting, Person, Unit
from .base import Tx
from .documents import AttendeeLine
from .protocol_facts import ConsentStatement, UserNames


def minimised_pnr(person: Person) -> str:
    """``YYYYMMDD-XXXX``: the birth date only (data minimisation on paper)."""
    if person.birth_date is None:
        return ""
    return f"{person.birth_date:%Y%m%d}-{texts.PNR_MINIMISED_SUFFIX}"


def named_agency(code: str, detail: str | None, *, hide_detail: bool = False) -> str:
    label = vocab.AGENCIES.label(code)
    detail = (detail or "").strip()
    return f"{label} ({detail})" if detail and not hide_detail else label


def fmt_date(value) -> str:
    return f"{value:%Y-%m-%d}" if value is not None else ""


def person_line(person: Person | None, anonymised: bool) -> str:
    if person is None or anonymised:
        return ""
    if person.protected_identity != "NONE":
        return texts.PROTECTED_PERSON_LINE
    parts = [f"{person.first_name} {person.last_name}"]
    pnr = minimised_pnr(person)
    if pnr:
        parts.append(pnr)
    school = " ".join(x for x in (person.school, person.school_class) if x)
    if school:
        parts.append(f"skola/klass: {school}")
    return ", ".join(parts)

def consent_line(facts: CaseFacts | None, consent: ConsentStatement | None, unit: Unit | None,
                  basis: str | None, basis_text: str | None, protected: bool) -> str:
    """The consent as it stood on the meeting day (DOMAIN.md 2.3), or the basis printed on."""
    if facts is None or consent is None:
        return texts.ANONYMISED_CONSENT_LINE
    if basis is not None:
        label = basis_text.strip() if basis == "OTHER" and basis_text else vocab.LEGAL_BASES.label(basis)
        return texts.LEGAL_BASIS_LINE.format(basis=label)
    if consent.status == "NONE":
        if facts.kind in RESTRICTED_KINDS:
            return texts.RESTRICTED_NO_CONSENT_LINE.format(unit=unit.name if unit else "")
        return f"{texts.NO_CONSENT} {texts.CONSENT_INVALID_MARK}"
    if consent.status == "VALID":
        head = f"{vocab.CONSENT_STATUSES.label('VALID')} {texts.CONSENT_VALID_MARK}"
    else:
        head = f"{vocab.CONSENT_STATUSES.label(consent.status)} {texts.CONSENT_INVALID_MARK}"
        if consent.revoked_at:
            head += f" ({fmt_date(consent.revoked_at)})"
    signed = ", ".join(f"{vocab.SIGNATORY_ROLES.label(role)} ({fmt_date(day)})" for role, day in consent.signed)
    covers = ", ".join(named_agency(code, detail, hide_detail=protected) for code, detail in consent.agencies)
    parts = [head]
    if signed:
        parts.append(f"Undertecknat av: {signed}.")
    if covers:
        parts.append(f"Omfattar: {covers}.")
    parts.append(f"Giltigt t.o.m.: {fmt_date(consent.valid_to)}.")
    return "  ".join(parts)

def attendee_line(a: Attendee, protected: bool, by_agency: bool = False) -> AttendeeLine:
    organisation = a.organisation or ""
    if by_agency and not organisation and a.agency_code:  # an EST meeting's attendance is by agency
        organisation = vocab.AGENCIES.label(a.agency_code)
    if protected:  # a named school or fritidsgård would tell where the person is
        organisation = vocab.AGENCIES.label(a.agency_code) if a.agency_code else ""
    role = "" if a.meeting_role == "DELTAGARE" else vocab.MEETING_ROLES.label(a.meeting_role)
    return AttendeeLine(name=a.name, function=a.function or "", organisation=organisation, role=role,
                        present=a.present, part_note=a.part_note or "")

def role_name(meeting: Meeting, role: str, user_id: int | None, users: UserNames) -> str:
    attendee = next((a for a in meeting.attendees if a.meeting_role == role), None)
    if attendee is not None:
        return attendee.name
    return users.name(user_id) if user_id else ""

def next_meeting_line(meeting: Meeting, chair: str, protected: bool) -> str:
    when = meeting.next_meeting_at
    if when is None:
        return ""
    text = f"{when:%Y-%m-%d} kl. {when:%H.%M}"
    if meeting.next_meeting_place and not protected:
        text += f", {meeting.next_meeting_place}"
    if chair:
        text += f". Kallas av: {chair}"
    return text

def distribution(meeting: Meeting, facts: CaseFacts | None, consent: ConsentStatement | None,
                  protected: bool) -> tuple[str, ...]:
    """Who the protocol goes to: the parties the consent covered on the meeting day."""
    covered = tuple(named_agency(code, detail, hide_detail=protected) for code, detail in consent.agencies) \
        if consent is not None and consent.status == "VALID" else ()
    if facts is not None and not meeting.anonymised and facts.kind not in RESTRICTED_KINDS:
        return covered  # distribution is blocked without a valid consent (DOMAIN.md 1.4)
    if covered:
        return covered
    seen: dict[str, None] = {}
    for a in meeting.attendees:
        if a.agency_code:
            seen.setdefault(vocab.AGENCIES.label(a.agency_code), None)
    return tuple(seen)

def unit_area(unit: Unit | None, case: Case | None) -> str:
    if unit is None:
        return ""
    area = (case.area if case is not None else None) or unit.area
    return f"{unit.name} / {area}" if area and area != unit.name else unit.name

def disclosure_what(tx: Tx, meeting: Meeting, case: Case | None) -> str:
    where = case.reference if case is not None else ""
    if not where and meeting.unit_id is not None:
        unit = tx.session.get(Unit, meeting.unit_id)
        where = unit.name if unit else ""
    return (f"Protokoll {vocab.MEETING_TYPES.label(meeting.meeting_type)} "
            f"{fmt_date(meeting.starts_at)} ({where})")


def agencies_present(meeting: Meeting) -> tuple[str, ...]:
    codes = {a.agency_code for a in meeting.attendees if a.present and a.agency_code}
    return tuple(vocab.AGENCIES.label(c) for c in vocab.AGENCIES.codes if c in codes)
