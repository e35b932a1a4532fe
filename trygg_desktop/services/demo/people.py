"""Persons: youths and guardians with test-range personnummer, fictional contact details and schools."""

from __future__ import annotations

from datetime import date

from ...domain import personnummer, vocab
from ...domain.consent import age_on, derive_status
from ...domain.errors import ValidationError
from ...store.models import Guardianship, Person
from .consents import Consents
from .core import DAY, at, years_before
from .model import ConsentPlan, Youth
from .places import AREAS, KOMMUN


class People(Consents):
    """The subject of a case and their guardians; ``youth`` resamples the birth date until the
    consent plan's derived status is one the scenario accepts."""

    def new_pnr(self, birth: date, gender: str) -> str | None:
        serials = [s for s in personnummer.TEST_SERIAL_RANGE if (s % 2 == 1) == (gender == "MAN")]
        start = self.rng.randrange(len(serials))
        for i in range(len(serials)):
            digits = personnummer.make(birth, serials[(start + i) % len(serials)]).digits
            if digits not in self.used_pnrs:
                return digits
        return None

    def birth_for_age(self, ref: date, age: int) -> date:
        """A birth date giving exactly ``age`` completed years on ``ref``."""
        hi = years_before(ref, age)
        lo = years_before(ref, age + 1) + DAY
        return self.between(lo, hi)

    def add_person(self, *, first: str, last: str, birth: date, gender: str, pnr: str, created: date,
                   protected: str = "NONE", school: str | None = None, school_class: str | None = None,
                   kommun: str = "Sollentuna", postal: str = "191 4", with_contact: bool = True,
                   address: tuple[str | None, str | None, str | None] | None = None) -> int:
        self.used_pnrs.add(pnr)
        if address is None:
            address = self.address(postal, kommun, protected)
        return self.rows.add(
            Person, pnr=pnr, first_name=first, last_name=last, birth_date=birth, legal_gender=gender,
            protected_identity=protected, school=school, school_class=school_class,
            phone=self.phone() if with_contact and self.chance(0.7) else None,
            email=(f"{first}.{last}@example.com".lower().replace("å", "a").replace("ä", "a").replace("ö", "o")
                   .replace(" ", "") if with_contact and self.chance(0.4) else None),
            address=address[0], postal_code=address[1], city=address[2],
            created_at=at(created, 8, 30), updated_at=at(created, 8, 30))

    def address(self, postal: str, kommun: str, protected: str) -> tuple[str | None, str | None, str | None]:
        street = f"{self.fake.street_name()} {self.rng.randint(1, 60)}"
        if protected == "SKYDDAD_FOLKBOKFORING":
            return None, None, None  # the real address is not in the register
        return street, f"{postal}{self.rng.randint(0, 9)}", KOMMUN[kommun]["city"]

    def first_name(self, gender: str) -> str:
        return self.fake.first_name_male() if gender == "MAN" else self.fake.first_name_female()

    def school_for(self, area: str, age: int) -> tuple[str | None, str | None]:
        info = AREAS.get(area)
        if info is None or age > 18:
            return None, None
        if age >= 16:
            return KOMMUN[info["kommun"]]["gymnasium"], f"{self.pick(('NA', 'SA', 'EK', 'BA', 'EL'))}{age - 15}"
        return self.pick(info["schools"]), f"{age - 6}{self.pick('ABC')}"

    def youth(self, *, kind: str, ref: date, ages: dict[int, float], male_share: float, area: str, kommun: str,
              protected: str, plan: ConsentPlan | None, family: str, created: date,
              max_age_today: int | None = None) -> tuple[Youth, list[tuple[str, date, bool]], bool, str | None]:
        """The subject of a case, ``ages`` old on the referral day ``ref`` (and at most
        ``max_age_today`` on ``today``, the demo's reference date); with a consent plan,
        resampled until the consent's derived status on ``today`` is one the scenario
        accepts (a birthday between signing and today can add a required signatory).
        Guardians only for someone who is still a minor on ``today``."""
        gender = "MAN" if self.chance(male_share) else "KVINNA"
        birth = pnr = None
        sigs: list[tuple[str, date, bool]] = []
        joint, exception = True, None
        for _attempt in range(60):
            age = self.wpick(ages)
            cand = self.birth_for_age(ref, age)
            if max_age_today is not None and age_on(cand, self.today) > max_age_today:
                continue
            minor = age_on(cand, ref) < vocab.ADULT_AGE
            joint = minor and family == "JOINT"
            exception = None if joint or not minor else self.pick((
                "Ensam vårdnad enligt dom", "Ensam vårdnad; den andra föräldern saknar vårdnad"))
            if plan is not None:
                cand_sigs = self.signatures(cand, plan, joint, exception)
                if cand_sigs is None:
                    continue
                status = derive_status(self.facts(cand, joint, exception, cand_sigs, plan), self.today)
                if status not in plan.accept:
                    continue
                sigs = cand_sigs
            found = self.new_pnr(cand, gender)
            if found is None:
                continue
            birth, pnr = cand, found
            break
        if birth is None or pnr is None:
            raise ValidationError("The test serial range is exhausted for these birth dates",
                                  code="demo.pnr_exhausted")
        first, last = self.first_name(gender), self.fake.last_name()
        age_now = age_on(birth, self.today)
        school, klass = self.school_for(area, age_now) if kind == "SSPF" else (None, None)
        info = AREAS.get(area, AREAS["Tureberg"])
        address = self.address(info["postal"], kommun, protected)
        pid = self.add_person(first=first, last=last, birth=birth, gender=gender, pnr=pnr, created=created,
                              protected=protected, school=school, school_class=klass, kommun=kommun,
                              postal=info["postal"], address=address, with_contact=kind != "AVHOPPARE")
        y = Youth(id=pid, first=first, last=last, birth=birth, protected=protected, school=school, guardians=[],
                  family=family if age_on(birth, ref) < vocab.ADULT_AGE else None)
        if age_now < vocab.ADULT_AGE:
            self.guardians(y, family, kommun, info["postal"], address, created)
        return y, sigs, joint, exception

    def guardians(self, y: Youth, family: str, kommun: str, postal: str,
                  home: tuple[str | None, str | None, str | None], created: date) -> None:
        youth_age = age_on(y.birth, self.today)
        count = 1 if family == "SOLE" else 2
        genders = ["KVINNA", "MAN"] if self.chance(0.65) else ["MAN", "KVINNA"]
        for i in range(count):
            gender = genders[i]
            lo, hi = max(30, youth_age + 20), min(60, youth_age + 45)
            for _attempt in range(30):
                birth = self.birth_for_age(self.today, self.rng.randint(lo, max(lo, hi)))
                pnr = self.new_pnr(birth, gender)
                if pnr is not None:
                    break
            else:
                continue
            last = y.last if self.chance(0.75) else self.fake.last_name()
            first = self.first_name(gender)
            custody = not (family == "SPLIT" and i == 1)
            separate = family != "JOINT" and i == 1
            address = self.address(postal, kommun, y.protected) if separate else home
            gid = self.add_person(first=first, last=last, birth=birth, gender=gender, pnr=pnr, created=created,
                                  protected=y.protected, kommun=kommun, postal=postal, address=address)
            relation = "Mor" if gender == "KVINNA" else "Far"
            self.rows.add(Guardianship, child_id=y.id, guardian_id=gid, has_custody=custody, relation=relation)
            y.guardians.append((gid, f"{first} {last}", custody))
