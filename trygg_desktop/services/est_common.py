"""Shared parts of the EST services: the access check, look-ups, text checks and DTO builders.

Access is ``domain.access_aggregates.decide_est`` (capability, then the agency of a single row); a
refusal raises ``AccessDenied`` inside the transaction, so ``Service.tx`` rolls back and
audits it (ACCESS_DENIED) like every other refusal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain import est as est_rules
from ..domain import vocab
from ..domain.access import Act, Rec
from ..domain.access_aggregates import decide_est
from ..domain.errors import AccessDenied, ValidationError
from ..domain.personnummer import looks_like_personnummer
from ..domain.text import forbidden_character
from ..store.models import EstAction, EstArea, EstCategory, EstIncident, EstPlace, Person
from .base import Service, Tx
from .est_dto import ActionDTO, AreaDTO, CategoryDTO, EstSetup, EstWarning, IncidentDTO, PlaceDTO

MAX_DESCRIPTION = 4000
MAX_PLACE = 300

#: The reporting source a user's agency reports as by default ("my agency").
AGENCY_SOURCE = {"SOC": "SOC", "SKOLA": "SKOLA", "POLIS": "POLIS", "FRITID": "FRITID", "BOSTAD": "BOSTAD",
                 "KRIMINALVARD": "OTHER", "OTHER": "OTHER"}

NAME_WARNING = ("Texten ser ut att innehålla ett namn. Skriv inga namn på personer i EST – beskriv platsen "
                "och situationen.")


class EstBase(Service):
    def _require(self, tx: Tx, act: Act, rec: Rec, owning_agency: str | None = None) -> None:
        decision = decide_est(self.actor, act, rec, owning_agency)
        if not decision:
            raise AccessDenied(code=decision.reason, action=str(act), record=str(rec), case_id=None)


def bad(message: str, code: str, **params: object) -> ValidationError:
    return ValidationError(message, code=code, **params)


def check_free_text(value: str | None, label: str, *, limit: int, one_line: bool = False) -> str | None:
    """Trimmed text (None when empty); refuses control characters, bidi overrides (domain.text),
    over-long text and anything that looks like a personnummer."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise bad(f"{label}: ska vara text", "est.text")
    value = value.strip()
    if not value:
        return None
    if len(value) > limit:
        raise bad(f"{label}: längre än {limit} tecken", "est.text_long", limit=limit)
    if (found := forbidden_character(value, one_line=one_line)) is not None:
        raise bad(f"{label}: otillåtet tecken {found[1]} på plats {found[0] + 1}", "est.text_character")
    if looks_like_personnummer(value):
        raise bad(f"{label}: texten innehåller något som liknar ett personnummer. EST ska inte innehålla "
                  "personuppgifter – ta bort numret.", "est.description_pnr")
    return value


# -- look-ups -------------------------------------------------------------------------------

@dataclass
class Lookup:
    """Areas, places and categories of the database, loaded once per transaction."""

    areas: dict[int, EstArea]
    places: dict[int, EstPlace]
    categories: dict[int, EstCategory]
    _known: frozenset[str] | None = None

    @classmethod
    def load(cls, session: Session) -> "Lookup":
        return cls({a.id: a for a in session.scalars(select(EstArea))},
                   {p.id: p for p in session.scalars(select(EstPlace))},
                   {c.id: c for c in session.scalars(select(EstCategory))})

    def known_words(self) -> frozenset[str]:
        if self._known is not None:
            return self._known
        words: set[str] = set()
        for text in [a.name for a in self.areas.values()] + [p.name for p in self.places.values()] + [
                c.label for c in self.categories.values()]:
            words.update(w.lower() for w in text.replace("-", " ").split())
        self._known = frozenset(words)
        return self._known

    def area(self, ref: object) -> EstArea:
        """An active area by id, code or name (case-insensitive)."""
        if isinstance(ref, int) and not isinstance(ref, bool):
            area = self.areas.get(ref)
        else:
            key = str(ref or "").strip().lower()
            area = next((a for a in self.areas.values() if key in (a.code.lower(), a.name.lower())), None)
            if area is None and key.isdigit():
                area = self.areas.get(int(key))
        if area is None or not area.active:
            raise bad(f"Okänt område {str(ref)[:60]!r}", "est.area")
        return area

    def category(self, ref: object, *, parent: EstCategory | None = None) -> EstCategory:
        """An active category (or, with ``parent``, one of its subcategories) by code or label;
        a subcategory's code may be given without its category prefix."""
        key = str(ref or "").strip().lower()
        for c in self.categories.values():
            if not c.active or (c.parent_id is None) is (parent is not None):
                continue
            if parent is not None and c.parent_id != parent.id:
                continue
            codes = {c.code.lower(), c.label.lower()}
            if parent is not None:
                codes.add(c.code.split(".", 1)[-1].lower())
            if key in codes:
                return c
        what = "underkategori" if parent is not None else "kategori"
        raise bad(f"Okänd {what} {str(ref)[:60]!r}", "est.category")

    def any_category(self, ref: object) -> tuple[EstCategory, EstCategory | None]:
        """A category or a subcategory by code or label: (category, subcategory or None)."""
        try:
            return self.category(ref), None
        except ValidationError:
            pass
        key = str(ref or "").strip().lower()
        for c in self.categories.values():
            if c.active and c.parent_id is not None and key in (c.code.lower(), c.label.lower()):
                return self.categories[c.parent_id], c
        raise bad(f"Okänd kategori {str(ref)[:60]!r}", "est.category")

    def place(self, area: EstArea, name: str | None) -> EstPlace | None:
        if not name:
            return None
        key = name.strip().lower()
        return next((p for p in self.places.values() if p.area_id == area.id and p.active and p.name.lower() == key),
                    None)


def registered_name_pairs(session: Session, pairs: list[tuple[str, str]]) -> set[tuple[str, str]]:
    """Which of the (lower-case) word pairs are a registered person's first and last name.
    Only the fact leaves this function, never who it is."""
    if not pairs:
        return set()
    lasts = sorted({b for _, b in pairs})
    variants = sorted({v for w in lasts for v in (w, w.capitalize(), w.upper(), w.title())})
    found: set[tuple[str, str]] = set()
    wanted = set(pairs)
    for i in range(0, len(variants), 400):
        for first, last in session.execute(select(Person.first_name, Person.last_name)
                                           .where(Person.last_name.in_(variants[i:i + 400]))):
            for part in (first or "").lower().replace("-", " ").split() + [(first or "").lower()]:
                if (part, (last or "").lower()) in wanted:
                    found.add((part, (last or "").lower()))
    return found


def name_warning(session: Session | None, lookup: Lookup, *texts: str | None,
                 registered: set[tuple[str, str]] | None = None) -> EstWarning | None:
    """One warning, the same for a name-like pair and for a name in the person register.
    ``registered``: the register's matches looked up beforehand for many texts at once
    (an import), else they are looked up in ``session`` now."""
    known = lookup.known_words()
    for text in texts:
        if not text:
            continue
        if est_rules.name_like_pairs(text, known):
            return EstWarning("est.description_name", NAME_WARNING)
        pairs = est_rules.word_pairs(text)
        hits = registered & set(pairs) if registered is not None else registered_name_pairs(session, pairs)
        if hits:
            return EstWarning("est.description_name", NAME_WARNING)
    return None


# -- DTOs -----------------------------------------------------------------------------------

def area_dto(area: EstArea, places: list[EstPlace]) -> AreaDTO:
    return AreaDTO(area.id, area.code, area.name, area.municipality, bool(area.geometry), area.active,
                   tuple(PlaceDTO(p.id, p.area_id, p.name, p.latitude, p.longitude)
                         for p in sorted(places, key=lambda p: p.name)))


def setup_dto(lookup: Lookup) -> EstSetup:
    areas = sorted(lookup.areas.values(), key=lambda a: (a.sort_order, a.name))
    by_area: dict[int, list[EstPlace]] = {}
    for p in lookup.places.values():
        by_area.setdefault(p.area_id, []).append(p)
    cats = sorted(lookup.categories.values(), key=lambda c: (c.sort_order, c.id))
    tops = [c for c in cats if c.parent_id is None]
    return EstSetup(
        areas=tuple(area_dto(a, by_area.get(a.id, [])) for a in areas),
        categories=tuple(CategoryDTO(c.id, c.code, c.label, c.active, tuple(
            CategoryDTO(s.id, s.code, s.label, s.active) for s in cats if s.parent_id == c.id)) for c in tops))


def incident_dto(row: EstIncident, lookup: Lookup, warnings: tuple[EstWarning, ...] = ()) -> IncidentDTO:
    cat = lookup.categories[row.category_id]
    sub = lookup.categories.get(row.subcategory_id) if row.subcategory_id else None
    place = lookup.places.get(row.place_id) if row.place_id else None
    return IncidentDTO(
        id=row.id, category_code=cat.code, category_label=cat.label,
        subcategory_code=sub.code if sub else None, subcategory_label=sub.label if sub else None,
        area_id=row.area_id, area_name=lookup.areas[row.area_id].name, place_id=row.place_id,
        place=place.name if place else row.place_text, latitude=row.latitude, longitude=row.longitude,
        occurred_on=row.occurred_on, occurred_from=row.occurred_from, occurred_to=row.occurred_to,
        time_known=row.time_known, reporting_agency=row.reporting_agency, owning_agency=row.owning_agency,
        persons_involved=row.persons_involved, police_reported=row.police_reported,
        cleaned_up_on=row.cleaned_up_on, description=row.description, version=row.version, warnings=warnings)


def action_dto(row: EstAction, areas: dict[int, EstArea], today: date) -> ActionDTO:
    return ActionDTO(
        id=row.id, description=row.description, agency=row.agency, agency_label=vocab.EST_SOURCES.label(row.agency),
        area_id=row.area_id, area_name=areas[row.area_id].name if row.area_id in areas else None,
        place_text=row.place_text, decided_on=row.decided_on, due_on=row.due_on, status=row.status,
        status_label=vocab.ACTION_STATUSES.label(row.status), follow_up_note=row.follow_up_note,
        overdue=row.due_on is not None and row.due_on < today and row.status in ("PLANERAD", "PAGAR"),
        version=row.version)
