"""Consents: signatures as the required signatories would give them, stored with their derived status."""

from __future__ import annotations

from datetime import date, timedelta

from ...domain.consent import ConsentFacts, Signature, derive_status, next_signatory_change, required_signatories
from ...store.models import Consent, ConsentSignatory
from .core import DAY, GeneratorBase, at
from .model import Acct, ConsentPlan, Youth
from .texts import OPINIONS, REVOKE


class Consents(GeneratorBase):
    """A consent plan (``ConsentPlan``) becomes signatures, a consent row and its signatories."""

    def signatures(self, birth: date, plan: ConsentPlan, joint: bool,
                   exception: str | None) -> list[tuple[str, date, bool]] | None:
        required = sorted(required_signatories(birth, plan.sd, joint, exception))
        if plan.mode == "NONE":
            return []
        if plan.mode == "ALL":
            return [(role, plan.sd, False) for role in required] + self._birthday_signatures(
                birth, plan, joint, exception, set(required))
        if plan.mode == "PARTIAL":
            if len(required) < 2:
                return None
            drop = self.pick(required)
            return [(role, plan.sd, False) for role in required if role != drop]
        # DECLINED: one required signatory refuses; the others may have signed already.
        refuser = "YOUTH" if "YOUTH" in required and self.chance(0.5) else self.pick(required)
        return [(role, plan.sd, role == refuser) for role in required if role == refuser or self.chance(0.5)]

    def _birthday_signatures(self, birth: date, plan: ConsentPlan, joint: bool, exception: str | None,
                             signed: set[str]) -> list[tuple[str, date, bool]]:
        """A consent that runs over the 15th or 18th birthday stays valid only if the
        coordinator collects the newly required signature in time (the youth's own at 15,
        the adult's own at 18): do so a few days before the birthday, as DOMAIN.md 1.4
        asks, so that no demo meeting is held under a consent that lapsed on a birthday."""
        out: list[tuple[str, date, bool]] = []
        on, end = plan.sd, min(plan.valid_to, plan.revoked_at or plan.valid_to, self.today)
        while (change := next_signatory_change(birth, on)) is not None and change <= end:
            for role in sorted(required_signatories(birth, change, joint, exception) - signed):
                out.append((role, max(plan.sd, change - timedelta(days=self.rng.randint(0, 14))), False))
                signed.add(role)
            on = change
        return out

    def facts(self, birth: date, joint: bool, exception: str | None, sigs: list[tuple[str, date, bool]],
              plan: ConsentPlan) -> ConsentFacts:
        return ConsentFacts(youth_birth_date=birth, joint_custody=joint, single_guardian_exception=exception,
                            signatures=tuple(Signature(role=r, signed_at=d, declined=x) for r, d, x in sigs),
                            valid_from=plan.sd, valid_to=plan.valid_to, revoked_at=plan.revoked_at)

    def add_consent(self, case_id: int, y: Youth, plan: ConsentPlan, sigs: list[tuple[str, date, bool]],
                    joint: bool, exception: str | None, *, kind: str, scope: list[dict[str, str]],
                    info: list[str], coordinator: Acct, created: date) -> str:
        status = derive_status(self.facts(y.birth, joint, exception, sigs, plan), self.today)
        revoke = self.pick(REVOKE) if plan.revoked_at else (None, None)
        purpose = (f"SSPF-samverkan kring {y.name}" if kind == "SSPF"
                   else f"Informationsutbyte inom avhopparverksamheten kring {y.name}")
        cid = self.rows.add(
            Consent, case_id=case_id, subject_person_id=y.id, purpose=purpose, scope_agencies=scope,
            scope_information=info, valid_from=plan.sd, valid_to=plan.valid_to, joint_custody=joint,
            single_guardian_exception=exception,
            youth_opinion=(self.pick(OPINIONS) if kind == "SSPF" else
                           "Den enskilde samtycker till informationsutbyte med polisen för att kunna genomföra "
                           "avhoppet."),
            status=status, revoked_at=plan.revoked_at,
            revoked_by_user_id=coordinator.user_id if plan.revoked_at else None,
            revocation_channel=revoke[0], revocation_note=revoke[1], created_at=at(min(created, plan.sd), 10),
            version=1)
        guardian_ids = [g[0] for g in y.guardians]
        for role, signed, declined in sigs:
            person_id = y.id if role in ("YOUTH", "ADULT_SELF") else (
                guardian_ids[0] if role == "GUARDIAN_1" and guardian_ids else
                guardian_ids[1] if role == "GUARDIAN_2" and len(guardian_ids) > 1 else None)
            self.rows.add(ConsentSignatory, consent_id=cid, person_id=person_id, role=role, signed_at=signed,
                          method=self.wpick({"WRITTEN_PAPER": 6, "WRITTEN_DIGITAL": 3, "ORAL_DOCUMENTED": 1}),
                          declined=declined, recorded_by_user_id=coordinator.user_id)
        return status

    def renew(self, sd: date, until: date, ahead: int = 0) -> tuple[date, list[ConsentPlan]]:
        """Consents run a year: a case longer than that has older consents, each renewed
        shortly before it ran out (and no later than ``until``), before the current one."""
        older: list[ConsentPlan] = []
        until = min(until, self.today)
        while sd + timedelta(days=365) < until + timedelta(days=ahead):
            nxt = min(sd + timedelta(days=365 - self.rng.randint(0, 30)), until)
            if nxt <= sd:
                break
            older.append(ConsentPlan("ALL", sd, nxt - DAY))
            sd = nxt
        return sd, older
