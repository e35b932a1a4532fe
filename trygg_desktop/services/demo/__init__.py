"""Demo data: a realistic, deterministic municipality for training, demos and load tests.

``DemoService.generate`` fills an (empty or used) database with SSPF, TREFAS and
avhoppare cases in Sollentuna and Sigtuna: persons and guardians, referrals,
consents in every status, kartläggning, risk and threat records, plans, meetings
with protocols, journal entries and disclosures, plus demo accounts to log in with.

Rules the generator keeps, so the demo behaves like real data in every view:

* **Recognisable as demo data.** Every personnummer uses a birth number in
  980–999 (``personnummer.TEST_SERIAL_RANGE``); schools, meeting rooms and
  phone numbers are fictional (PTS's fiction series 070-174 06 05…99); the
  ``meta`` table gets a ``demo_data`` row.
* **Deterministic.** Same seed and same ``today`` on the same database give the
  same data: one ``random.Random(seed)`` and one ``Faker("sv_SE")`` seeded with
  ``seed_instance(seed)``, used in a fixed order, no iteration over sets, and no
  wall clock in the data (timestamps are derived from the generated dates).
  Only the audit events carry the real time.
* **Consistent with the domain rules.** Case statuses follow the walks the state
  machines allow (a ``CaseStatusChange`` row per step); consents are built from
  ``required_signatories`` and stored with ``derive_status(facts, today)`` so
  stored and derived status agree; references come from ``cases.next_reference``
  so the counter continues correctly for real cases; justerade protocols are
  frozen and hashed by ``protocol_facts.freeze``, as the service does at justering.
* **Fast and bounded.** Rows are built as plain dicts with primary keys assigned
  inside the batch transaction (``max(id)`` + n, under BEGIN IMMEDIATE) and
  written with SQLAlchemy's ORM bulk INSERT (``session.execute(insert(Model),
  rows)``): no per-row unit of work, no per-row service call, no query per row.
  One transaction and one ``DEMO_GENERATE`` audit event (flag ``BULK``, counts
  only) per batch of ``BATCH_CASES`` cases; memory holds one batch at a time
  (plus the set of used personnummer), and the batch connection gets a larger
  page cache so index inserts into big tables stay flat (about 1 s per batch).

Only an actor allowed ``CREATE`` on ``BULK`` (SYSTEMADMIN) may run it.

Layout: this module holds the service (setup, accounts, batches); ``accounts`` the demo
units and accounts; ``places`` and ``texts`` the fictional places and Swedish texts;
``model`` the generator's value types; ``rows`` the batch row writer; ``core`` the shared
seeded state and helpers; ``people``, ``consents``, ``records``, ``meetings`` and
``plans`` the building blocks; ``sspf``, ``trefas`` and ``avhoppare`` one case of each
kind; ``generator`` puts them together. ``DEMO_ACCOUNTS`` is read from this module at
run time, so replacing it here (as the tests do) changes which accounts are created.
"""

from __future__ import annotations

import json
import os
import random
import time
from dataclasses import dataclass
from typing import Callable

from sqlalchemy import select

from ...domain.access import Act, Rec
from ...domain.errors import ValidationError
from ...store.models import Case, Consent, JournalEntry, Meeting, Meta, Person, Unit, User
from ...vault.kdf import calibrated
from ..base import Service, Tx
from ..cases import next_reference
from ..account_rules import check_password
from ..protocol_facts import freeze
from ..users import UserService
from .accounts import DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_UNITS, EST_DEMO_ACCOUNTS
from .est import generate_est
from .est_meetings import generate_est_meetings
from .generator import Generator
from .model import Acct, UnitInfo
from .places import AREAS
from .rows import Rows

__all__ = ["BATCH_CASES", "DEMO_ACCOUNTS", "DEMO_PASSWORD", "DEMO_UNITS", "EST_DEMO_ACCOUNTS", "MAX_CASES",
           "META_DEMO_DATA", "DemoService", "DemoSummary"]


@dataclass(frozen=True)
class DemoSummary:
    """What one run wrote. ``accounts``: the demo accounts this run created (existing ones are left alone)."""

    persons: int
    cases: int
    consents: int
    meetings: int
    journal_entries: int
    accounts: tuple[str, ...]
    seconds: float
    est_incidents: int = 0


#: Cases per transaction (and per audit event and progress call).
BATCH_CASES = 500
#: Upper bound of one run: the test serial range gives 20 numbers per birth date, which
#: is plenty for this, and it keeps a mistyped count from filling the disk.
MAX_CASES = 50_000

META_DEMO_DATA = "demo_data"
#: Page cache of a batch connection, in KiB.
CACHE_KIB = 64 * 1024


class DemoService(Service):
    """Generates demo data; SYSTEMADMIN only (``CREATE`` on ``BULK``)."""

    def generate(self, *, cases: int = 200, seed: int = 1, password: str | None = None,
                 create_accounts: bool = True, est: bool = False,
                 progress: Callable[[int, int], None] | None = None) -> DemoSummary:
        """``est``: also the EST demo (``demo.est``: fictional areas, a year of incidents, the
        last weeks' actions, and the EST_DEMO_ACCOUNTS)."""
        if isinstance(cases, bool) or not isinstance(cases, int) or not 0 <= cases <= MAX_CASES:
            raise ValidationError("The number of demo cases is out of range", code="demo.cases", maximum=MAX_CASES)
        started = time.perf_counter()
        today = self.today
        secret = password or os.environ.get("TRYGG_NEW_PASSWORD") or DEMO_PASSWORD
        if create_accounts:
            check_password(secret)  # fail before anything is written

        # 1. Access, units and the demo marker: one transaction, one audit event.
        with self.tx() as tx:
            tx.require(Act.CREATE, Rec.BULK)
            units_created = self._ensure_units(tx)
            marker = tx.session.get(Meta, META_DEMO_DATA)
            value = json.dumps({"seed": seed, "today": today.isoformat(), "cases": cases}, separators=(",", ":"))
            if marker is None:
                tx.session.add(Meta(key=META_DEMO_DATA, value=value))
            else:
                marker.value = value
            existing = set(tx.session.scalars(select(User.username)))
            tx.audit("DEMO_GENERATE", entity="demo", flags=["BULK"],
                     detail={"phase": "setup", "units_created": units_created, "cases_requested": cases})

        # 2. Accounts, through the user service (it writes the key-file slot and its own audit event).
        created: list[str] = []
        if create_accounts:
            users = UserService(self.db, self.actor, today=today)
            params = None
            accounts = {**DEMO_ACCOUNTS, **(EST_DEMO_ACCOUNTS if est else {})}
            for username, (agency, roles, unit_names, display, title) in accounts.items():
                if username in existing:
                    continue
                params = params or calibrated()  # measure once, not once per account
                users.add_user(username, secret, agency=agency, roles=list(roles), units=list(unit_names),
                               display_name=display, title=title, kdf_params=params)
                created.append(username)

        # 3. The cases, in batches.
        totals = dict(persons=0, cases=0, consents=0, meetings=0, journal_entries=0)
        kinds = self._kinds(cases, seed)
        gen: Generator | None = None
        for batch_no, start in enumerate(range(0, cases, BATCH_CASES)):
            chunk = kinds[start:start + BATCH_CASES]
            with self.tx() as tx:
                tx.require(Act.CREATE, Rec.BULK)
                if gen is None:
                    gen = Generator(seed, today, self._accounts(tx), self._units(tx))
                counts = self._batch(tx, gen, chunk, group_meetings=batch_no == 0, total=cases)
                tx.audit("DEMO_GENERATE", entity="demo", flags=["BULK"], detail={"batch": batch_no + 1, **counts})
            for key in totals:
                totals[key] += counts[key]
            if progress is not None:
                progress(start + len(chunk), cases)
        est_incidents = 0
        if est:
            with self.tx() as tx:
                tx.require(Act.CREATE, Rec.BULK)
                coordinator = tx.session.scalar(select(User.id).where(User.username == "trygghetssamordnare"))
                counts = generate_est(tx.session, today, seed, coordinator)
                tx.audit("DEMO_GENERATE", entity="demo", flags=["BULK"], detail={"phase": "est", **counts})
                est_incidents = counts["est_incidents"]
            generate_est_meetings(self.db, today)
        return DemoSummary(accounts=tuple(created), seconds=time.perf_counter() - started,
                           est_incidents=est_incidents, **totals)

    # -- steps -----------------------------------------------------------------------
    def _ensure_units(self, tx: Tx) -> int:
        existing = set(tx.session.scalars(select(Unit.name).where(Unit.name.in_(list(DEMO_UNITS)))))
        missing = [name for name in DEMO_UNITS if name not in existing]
        for name in missing:
            kind, area, _kommun = DEMO_UNITS[name]
            tx.session.add(Unit(name=name, agency_code="SOC", case_kind=kind, area=area))
        tx.session.flush()
        return len(missing)

    @staticmethod
    def _kinds(cases: int, seed: int) -> list[str]:
        """About 70 % SSPF, 20 % TREFAS, 10 % avhoppare, shuffled by the seed; every kind from 3 cases."""
        trefas = round(cases * 0.2)
        avh = round(cases * 0.1)
        if cases >= 3:
            trefas, avh = max(1, trefas), max(1, avh)
        kinds = ["SSPF"] * (cases - trefas - avh) + ["TREFAS"] * trefas + ["AVHOPPARE"] * avh
        random.Random(seed * 7919 + 17).shuffle(kinds)
        return kinds

    def _accounts(self, tx: Tx) -> dict[str, Acct]:
        """The demo accounts as they are in this database; a missing one falls back to any active
        user with the same first role, then to a name without a login."""
        users = list(tx.session.scalars(select(User).where(User.active.is_(True)).order_by(User.id)))
        by_name = {u.username: u for u in users}
        out: dict[str, Acct] = {}
        for key, (agency, roles, _units, display, title) in DEMO_ACCOUNTS.items():
            user = by_name.get(key) or next((u for u in users if roles[0] in {r.role for r in u.roles}
                                             and u.agency_code == agency), None)
            if user is not None:
                out[key] = Acct(key, user.id, user.display_name, user.title or title, user.agency_code)
            else:
                out[key] = Acct(key, None, display, title, agency)
        return out

    def _units(self, tx: Tx) -> dict[str, UnitInfo]:
        out = {}
        for unit in tx.session.scalars(select(Unit).where(Unit.name.in_(list(DEMO_UNITS)))):
            kind, area, kommun = DEMO_UNITS[unit.name]
            real_area = unit.area if unit.area in AREAS else area
            out[unit.name] = UnitInfo(unit.id, unit.name, kind, real_area, kommun)
        return out

    def _batch(self, tx: Tx, gen: Generator, kinds: list[str], *, group_meetings: bool,
               total: int) -> dict[str, int]:
        session = tx.session
        # A bigger page cache while generating: every index insert into a large table would
        # otherwise decrypt pages again. The pooled connection keeps it until the lock closes it.
        if session.get_bind().dialect.name == "sqlite":  # the server's cache is PostgreSQL's own
            session.connection().exec_driver_sql(f"PRAGMA cache_size = -{CACHE_KIB}")
        # Numbers registered since the last batch (by anyone) are taken too.
        for pid, pnr in session.execute(select(Person.id, Person.pnr).where(Person.id > gen.seen_person_id)):
            if pnr:
                gen.used_pnrs.add(pnr)
            gen.seen_person_id = max(gen.seen_person_id, pid)
        gen.rows = rows = Rows(session)
        gen.cases_in_batch = []
        if group_meetings:
            gen.group_meetings(total)
        for kind in kinds:
            {"SSPF": gen.sspf, "TREFAS": gen.trefas, "AVHOPPARE": gen.avhoppare}[kind]()
        # References in referral order within the batch, from the shared counter (next_reference).
        for row in sorted(gen.cases_in_batch, key=lambda r: (r["referral_date"], r["id"])):
            row["reference"] = next_reference(tx, row["kind"], row["referral_date"].year)
        session.flush()
        rows.write(session)
        for row in rows.rows[Meeting]:
            if row["protocol_status"] == "JUSTERAT":
                freeze(session, session.get(Meeting, row["id"]))
        session.flush()
        gen.seen_person_id = max(gen.seen_person_id, rows.next_id[Person])
        return dict(persons=rows.count(Person), cases=rows.count(Case), consents=rows.count(Consent),
                    meetings=rows.count(Meeting), journal_entries=rows.count(JournalEntry))
