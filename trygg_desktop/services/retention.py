"""Gallring: the rules, legal holds, the due list (dry run) and the approved disposal run.

Who does what (domain/access.py, Rec.RETENTION): the archive manager (ARKIVANSVARIG)
reads, configures, sets and clears holds and approves a run; the system admin
configures rules and sees the dry run but cannot approve; a case's coordinator
(OWNER) may *set* a legal hold on that case — they are the first to know about a
complaint or a request for documents — but only the archive function (APPROVE) may
*clear* one, because clearing is what makes destruction possible.

Everything shown here is metadata (case reference, kind, dates, rule, counts): the
due list is also the input of the e-archive hand-over (``services/earchive.py``),
which reads the content under its own access checks.

A run deletes each approved record in its own transaction (a failure leaves the
others intact and the failed one whole), writes a GALLRING audit event and a
disposal-log row in that same transaction, then compacts the journal full-text
index and checkpoints the WAL so no copy of the deleted text lingers in the file.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import exc as sa_exc
from sqlalchemy import func, select, text

from ..domain import retention as R
from ..domain.access import Act, Rec, capable, decide
from ..domain.errors import NotFound, ValidationError
from ..store.engine import checkpoint, raw
from ..store.models import (AuditEvent, Case, CaseStatusChange, Consent, Disclosure, DisposalLog, JournalEntry,
                            LegalHold, Meeting, Person, RetentionRule, utcnow)
from . import retention_purge as purge
from .base import Service, Tx, changes
from .retention_dto import DisposalLogDTO, DisposalResult, DueRecord, LegalHoldDTO, RuleDTO
from ..domain.topics import Topic

MAX_REASON = 500


def _rule(row: RetentionRule) -> R.Rule:
    return R.Rule(row.record_type, row.years, row.start_event, row.enabled, row.research_sample,
                  R.DEFAULTS.get(row.record_type, R.DEFAULT_RULES[0]).source)


def _day(value: datetime | date | None) -> date | None:
    return value.date() if isinstance(value, datetime) else value


class RetentionService(Service):
    # -- rules ----------------------------------------------------------------
    def rules(self) -> list[RuleDTO]:
        with self.tx() as tx:
            tx.require_capability(Act.READ, Rec.RETENTION)
            return [self._rule_dto(r) for r in self._rule_rows(tx).values()]

    @changes(Topic.RETENTION)
    def set_rule(self, record_type: str, years: int, enabled: bool, *,
                 research_sample: bool | None = None) -> RuleDTO:
        try:
            R.validate_rule(record_type, years, enabled)
        except ValueError as exc:
            raise ValidationError("Invalid retention rule", code=str(exc)) from None
        with self.tx() as tx:
            tx.require_capability(Act.UPDATE, Rec.RETENTION)
            row = tx.get(RetentionRule, record_type)
            before = (row.years, row.enabled, row.research_sample)
            row.years, row.enabled = years, enabled
            if research_sample is not None:
                row.research_sample = research_sample
            row.updated_by, row.updated_at = self.actor.username, utcnow()
            tx.audit("RETENTION_RULE", entity="retention_rule", entity_id=record_type,
                     detail={"before": list(before), "after": [row.years, row.enabled, row.research_sample]})
            return self._rule_dto(row)

    @staticmethod
    def _rule_rows(tx: Tx) -> dict[str, RetentionRule]:
        rows = {r.record_type: r for r in tx.session.scalars(select(RetentionRule))}
        return {t: rows[t] for t in R.RECORD_TYPES if t in rows}

    @staticmethod
    def _rule_dto(row: RetentionRule) -> RuleDTO:
        return RuleDTO(row.record_type, row.years, row.start_event, row.enabled, row.research_sample,
                       row.record_type not in R.NOT_DISPOSABLE, R.DEFAULTS[row.record_type].source,
                       row.updated_by, row.updated_at)

    # -- legal hold -----------------------------------------------------------
    def _case(self, tx: Tx, case: int | str) -> Case:
        if isinstance(case, str):
            found = tx.session.scalar(select(Case).where(func.lower(Case.reference) == case.strip().lower()))
            if found is None:
                raise NotFound("No such case", code="case.not_found")
            return found
        return tx.get(Case, case)

    @changes(Topic.RETENTION)
    def set_legal_hold(self, case: int | str, reason: str) -> LegalHoldDTO:
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError("A legal hold needs a reason", code="retention.hold_reason")
        if len(reason) > MAX_REASON:
            raise ValidationError("The reason is too long", code="retention.hold_reason_long")
        with self.tx() as tx:
            row = self._case(tx, case)
            if not capable(self.actor, Act.UPDATE, Rec.RETENTION):
                decision = decide(self.actor, Act.UPDATE, Rec.CASE, tx.case_facts(row))
                if decision.level != "OWNER" or not decision:
                    tx.require(Act.UPDATE, Rec.RETENTION, audit_denial=True)
            hold = tx.session.get(LegalHold, row.id)
            if hold is None:
                hold = LegalHold(case_id=row.id, reason=reason, set_by=self.actor.username, set_at=utcnow())
                tx.session.add(hold)
            else:
                hold.reason, hold.set_by, hold.set_at = reason, self.actor.username, utcnow()
            row.legal_hold = True
            tx.audit("LEGAL_HOLD_SET", entity="case", entity_id=row.id, case_id=row.id)
            tx.session.flush()
            return LegalHoldDTO(row.id, row.reference, hold.reason, hold.set_by, hold.set_at)

    @changes(Topic.RETENTION)
    def clear_legal_hold(self, case: int | str) -> None:
        """Lifting a hold is what makes deletion possible again: the archive function's
        decision (APPROVE), like the run itself — an admin may set holds and rules, not lift."""
        with self.tx() as tx:
            tx.require_capability(Act.APPROVE, Rec.RETENTION)
            row = self._case(tx, case)
            hold = tx.session.get(LegalHold, row.id)
            if hold is None and not row.legal_hold:
                raise NotFound("The case has no legal hold", code="retention.no_hold")
            if hold is not None:
                tx.session.delete(hold)
            row.legal_hold = False  # also a bare flag from an exchange import
            tx.audit("LEGAL_HOLD_CLEARED", entity="case", entity_id=row.id, case_id=row.id)

    def legal_holds(self) -> list[LegalHoldDTO]:
        with self.tx() as tx:
            tx.require_capability(Act.READ, Rec.RETENTION)
            rows = tx.session.execute(select(LegalHold, Case.reference).join(Case, Case.id == LegalHold.case_id)
                                      .order_by(Case.reference)).all()
            out = [LegalHoldDTO(h.case_id, ref, h.reason, h.set_by, h.set_at) for h, ref in rows]
            # A flag without a hold row (an exchange import sets only the flag) still holds.
            flagged = tx.session.execute(select(Case.id, Case.reference, Case.updated_at).where(
                Case.legal_hold.is_(True), Case.id.not_in(select(LegalHold.case_id))).order_by(Case.reference))
            out += [LegalHoldDTO(cid, ref, "import", "", updated) for cid, ref, updated in flagged]
            return out

    def hold_of(self, case_id: int) -> LegalHoldDTO | None:
        """The hold on one case, for the case view (needs READ on the case or on retention)."""
        with self.tx() as tx:
            row = tx.get(Case, case_id)
            if not capable(self.actor, Act.READ, Rec.RETENTION):
                tx.require(Act.READ, Rec.CASE, tx.case_facts(row), audit_denial=False)
            hold = tx.session.get(LegalHold, case_id)
            return None if hold is None else LegalHoldDTO(case_id, row.reference, hold.reason, hold.set_by,
                                                          hold.set_at)

    # -- dry run --------------------------------------------------------------
    def due(self, today: date | None = None) -> list[DueRecord]:
        """Every record whose time has run out on ``today`` (held ones included, marked)."""
        with self.tx() as tx:
            tx.require_capability(Act.READ, Rec.RETENTION)
            records = self._due(tx, today or self.today)
            tx.audit("GALLRING_DRY_RUN", entity="retention",
                     detail={"due": len(records), "blocked": sum(1 for r in records if r.blocked_by)})
            return records

    def _due(self, tx: Tx, today: date, case_ids: Iterable[int] | None = None) -> list[DueRecord]:
        rules = {t: _rule(r) for t, r in self._rule_rows(tx).items()}
        stmt = select(Case, Person.birth_date).join(Person, Person.id == Case.person_id).order_by(Case.reference)
        if case_ids is not None:
            stmt = stmt.where(Case.id.in_(list(case_ids)))
        rows = tx.session.execute(stmt).all()
        if not rows:
            return []
        ids = [c.id for c, _b in rows]
        last = self._last_entries(tx, ids, today)
        holds = set(tx.session.scalars(select(LegalHold.case_id).where(LegalHold.case_id.in_(ids))))
        archived = dict(tx.session.execute(
            select(AuditEvent.case_id, func.max(AuditEvent.ts))
            .where(AuditEvent.case_id.in_(ids), AuditEvent.action == "EARCHIVE_EXPORT")
            .group_by(AuditEvent.case_id)).all())
        out: list[DueRecord] = []
        for case, birth in rows:
            facts = R.Facts(closed_at=case.closed_at, last_entry=last.get(case.id), birth_date=birth,
                            legal_hold=case.id in holds or bool(case.legal_hold))
            rule = rules.get(R.CASE_RECORD_TYPES.get(case.kind, ""))
            if rule is not None and R.is_due(rule, facts, today):
                out.append(self._record(f"CASE:{case.id}", rule, case, case.id, facts, today,
                                        archived.get(case.id)))
                continue  # the whole case goes; its items need no rule of their own
            out += self._due_items(tx, case, facts, rules, today)
        return out

    def _due_items(self, tx: Tx, case: Case, facts: R.Facts, rules: dict[str, R.Rule],
                   today: date) -> list[DueRecord]:
        out: list[DueRecord] = []
        consent_rule, protocol_rule = rules.get(R.CONSENT), rules.get(R.PROTOCOL)
        if consent_rule is not None and consent_rule.enabled:
            for c in tx.session.scalars(select(Consent).where(Consent.case_id == case.id)):
                item = R.Facts(consent_ended=c.revoked_at or c.valid_to, birth_date=facts.birth_date,
                               legal_hold=facts.legal_hold, closed_at=facts.closed_at, last_entry=facts.last_entry)
                if R.is_due(consent_rule, item, today):
                    out.append(self._record(f"CONSENT:{c.id}", consent_rule, case, c.id, item, today))
        if protocol_rule is not None and protocol_rule.enabled:
            for m in tx.session.scalars(select(Meeting).where(Meeting.case_id == case.id)):
                item = R.Facts(meeting_held=m.starts_at.date(), birth_date=facts.birth_date,
                               legal_hold=facts.legal_hold, closed_at=facts.closed_at, last_entry=facts.last_entry)
                if R.is_due(protocol_rule, item, today):
                    out.append(self._record(f"PROTOCOL:{m.id}", protocol_rule, case, m.id, item, today))
        return out

    @staticmethod
    def _record(key: str, rule: R.Rule, case: Case, record_id: int, facts: R.Facts, today: date,
                archived_at: datetime | None = None) -> DueRecord:
        due = R.due_date(rule, facts)
        start = R.start_date(rule, facts)
        assert due is not None and start is not None
        return DueRecord(key=key, record_type=rule.record_type, case_id=case.id, case_ref=case.reference,
                         case_kind=case.kind, record_id=record_id, closed_at=facts.closed_at,
                         last_entry=facts.last_entry, start_date=start, rule_years=rule.years,
                         rule_start_event=rule.start_event, due_date=due, deadline=R.deadline(due),
                         overdue=today > R.deadline(due), blocked_by=R.blocked_by(rule, facts),
                         archived_at=archived_at)

    @staticmethod
    def _last_entries(tx: Tx, ids: list[int], today: date) -> dict[int, date]:
        """The last entry of each case: journal (event and writing date), status changes,
        disclosures and meetings held. Dates in the future (a planned meeting) don't count."""
        s = tx.session
        queries = [
            select(JournalEntry.case_id, func.max(JournalEntry.event_date)).where(JournalEntry.case_id.in_(ids))
            .group_by(JournalEntry.case_id),
            select(JournalEntry.case_id, func.max(JournalEntry.written_at)).where(JournalEntry.case_id.in_(ids))
            .group_by(JournalEntry.case_id),
            select(CaseStatusChange.case_id, func.max(CaseStatusChange.changed_at))
            .where(CaseStatusChange.case_id.in_(ids)).group_by(CaseStatusChange.case_id),
            select(Disclosure.case_id, func.max(Disclosure.disclosed_at)).where(Disclosure.case_id.in_(ids))
            .group_by(Disclosure.case_id),
            select(Meeting.case_id, func.max(Meeting.starts_at)).where(Meeting.case_id.in_(ids))
            .group_by(Meeting.case_id),
        ]
        last: dict[int, date] = {}
        for q in queries:
            for case_id, value in s.execute(q):
                day = _day(value)
                if case_id is None or day is None or day > today:
                    continue
                if case_id not in last or day > last[case_id]:
                    last[case_id] = day
        return last

    # -- the run --------------------------------------------------------------
    @changes(Topic.RETENTION, Topic.CASES, Topic.PERSONS)
    def run(self, approved_keys: Iterable[str], *, approver: str | None = None) -> DisposalResult:
        """Dispose the approved records that are still due and not held.

        ``approver`` (optional) must name the acting user: a caller that shows
        "approved by X" can make sure X is who the service acts as.
        """
        if not capable(self.actor, Act.APPROVE, Rec.RETENTION):
            with self.tx() as tx:
                tx.require(Act.APPROVE, Rec.RETENTION)
        if approver is not None and approver != self.actor.username:
            raise ValidationError("The approver must be the acting user", code="retention.approver")
        keys = list(dict.fromkeys(approved_keys))
        if not keys:
            raise ValidationError("Nothing approved", code="retention.nothing_approved")
        run_id = secrets.token_hex(8)
        approved_at = utcnow()
        disposed: list[DisposalLogDTO] = []
        skipped: list[tuple[str, str]] = []
        persons = 0
        fts_secure = self._fts_secure_delete()
        for key in keys:
            try:
                outcome = self._dispose_one(key, run_id, approved_at)
            except (NotFound, ValidationError) as exc:
                skipped.append((key, exc.code))
                continue
            except sa_exc.IntegrityError:
                # A row outside the walk still points at the record (a foreign key the walk
                # treats as a reference but cannot null): its transaction rolled back whole.
                skipped.append((key, "retention.still_referenced"))
                continue
            if isinstance(outcome, str):
                skipped.append((key, outcome))
            else:
                log, n = outcome
                disposed.append(log)
                persons += n
        secure = self._after_run(bool(disposed))
        return DisposalResult(run_id, tuple(disposed), tuple(skipped), persons, secure, fts_secure)

    def _dispose_one(self, key: str, run_id: str, approved_at: datetime) -> tuple[DisposalLogDTO, int] | str:
        kind, _, ident = key.partition(":")
        if kind not in ("CASE", "CONSENT", "PROTOCOL") or not ident.isdigit():
            raise ValidationError("Unknown record key", code="retention.bad_key")
        with self.tx() as tx:
            tx.require(Act.APPROVE, Rec.RETENTION)
            record_id = int(ident)
            case_id = record_id if kind == "CASE" else self._owner_case(tx, kind, record_id)
            due = next((d for d in self._due(tx, self.today, [case_id]) if d.key == key), None)
            if due is None:
                return "retention.not_due"
            if due.blocked_by:
                return f"retention.blocked.{due.blocked_by.lower()}"
            table = {"CASE": Case, "CONSENT": Consent, "PROTOCOL": Meeting}[kind].__table__
            found = purge.collect(tx.session, table, [record_id])
            candidates = purge.referenced_persons(tx.session, found) if kind == "CASE" else set()
            counts = purge.delete_found(tx.session, found)
            person_counts = purge.purge_orphan_persons(tx.session, candidates)
            counts.update(person_counts)
            entry = DisposalLog(
                run_id=run_id, record_type=due.record_type,
                record_ref=due.case_ref if kind == "CASE" else f"{due.case_ref}/{kind}-{record_id}",
                closed_at=due.closed_at, last_entry=due.last_entry, rule_years=due.rule_years,
                rule_start_event=due.rule_start_event, due_date=due.due_date,
                approved_by=self.actor.username, approved_at=approved_at, executed_at=utcnow(),
                counts=json.dumps(counts, sort_keys=True))
            tx.session.add(entry)
            # The case reference stays in the log as it stays in the disposal log (metadata, no
            # personal data), so the log and case filters can still name a disposed case.
            tx.audit("GALLRING", entity=kind.lower(), entity_id=record_id, case_id=case_id,
                     detail={"run": run_id, "type": due.record_type, "due": due.due_date.isoformat(),
                             "ref": due.case_ref, "rows": sum(counts.values())})
            tx.session.flush()
            tx.session.expunge_all()  # rows deleted with Core must not be flushed by the ORM
            return self._log_dto(entry), person_counts.get("person", 0)

    @staticmethod
    def _owner_case(tx: Tx, kind: str, record_id: int) -> int:
        model = Consent if kind == "CONSENT" else Meeting
        row = tx.get(model, record_id)
        if row.case_id is None:
            raise NotFound("Not a case record", code="retention.not_case_record")
        return row.case_id

    def _fts_secure_delete(self) -> bool:
        """Make FTS5 remove deleted tokens from its index pages at once (SQLite ≥ 3.44).

        Without it a 'delete' only adds a tombstone and the old tokens stay in the
        segment until a merge; 'optimize' after the run merges anyway, this is the
        belt to that brace. Persistent in the FTS config table, so setting it twice
        is harmless."""
        try:
            with self.db.session() as s:
                s.execute(text("INSERT INTO journal_fts(journal_fts, rank) VALUES('secure-delete', 1)"))
            return True
        except sa_exc.OperationalError:
            return False

    def _after_run(self, anything: bool) -> bool:
        """Compact the FTS index, checkpoint the WAL into the file and truncate it.

        Returns whether ``secure_delete`` was on (it is set per connection in
        store.engine; freed pages and cells are zero-filled instead of left behind)."""
        if anything:
            with self.db.session() as s:
                s.execute(text("INSERT INTO journal_fts(journal_fts) VALUES('optimize')"))
        with raw(self.db.engine) as dbapi:
            secure = bool(dbapi.execute("PRAGMA secure_delete").fetchone()[0])
        checkpoint(self.db.engine)
        return secure

    # -- the disposal log -----------------------------------------------------
    def disposal_log(self, limit: int = 500) -> list[DisposalLogDTO]:
        with self.tx() as tx:
            tx.require_capability(Act.READ, Rec.RETENTION)
            rows = tx.session.scalars(select(DisposalLog).order_by(DisposalLog.id.desc()).limit(limit))
            return [self._log_dto(r) for r in rows]

    @staticmethod
    def _log_dto(r: DisposalLog) -> DisposalLogDTO:
        return DisposalLogDTO(r.id, r.run_id, r.record_type, r.record_ref, r.closed_at, r.last_entry, r.rule_years,
                              r.rule_start_event, r.due_date, r.approved_by, r.approved_at, r.executed_at,
                              json.loads(r.counts))


__all__ = ["DisposalLogDTO", "DisposalResult", "DueRecord", "LegalHoldDTO", "RetentionService", "RuleDTO"]
