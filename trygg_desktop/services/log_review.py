"""Log review (loggkontroll, DOMAIN.md §6.6; SECURITY.md R20, R21).

The unit manager's monthly routine: look through who read and changed what in a
period, with the events worth a second look flagged, then sign the review off.
The flags are COMPUTED here from the log joined with the organisation (units,
assignments at the time of the event, protected identities), not taken from the
flags the services wrote, because "outside the user's unit" or "without an
active assignment" is a judgement about the situation at review time of a
policy that may have let the access through (a coordinator, an emergency
access, a later-ended assignment).

Everything is computed in SQL over the period (joins and EXISTS probes on
indexed keys, aggregates in SQLite) so a month with a million events does not
turn into a million Python objects: only the per-flag and per-user counts and at
most ``limit`` rows leave the database.

Signing off writes the review row and an AUDIT_REVIEW_SIGNED event in one
transaction; the anchor is the chain head AFTER that event, i.e. the mac of the
sign-off event itself, so the anchor also proves the sign-off was logged. The
anchor is appended to the sidecar ``<db>.anchors`` after the commit.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterable

from sqlalchemy import select, text

from ..domain import personnummer
from ..domain.access import Act, Rec
from ..domain.errors import NotFound, ValidationError
from ..store.models import AuditReview, Person, User, from_stored, utcnow
from .anchors import Anchor, anchor_path, append_anchor, merge, read_anchors, write_anchors
from .audit import ChainProblem, verify_chain
from .audit_names import AuditNames, CaseScope, resolve_case_query, resolve_names, user_label
from .base import Service, changes
from .log_review_dto import MAX_ROWS, ChainSummary, ReviewFilter, ReviewReport, ReviewRow, ReviewSignOff, UserSummary
from .protocols import organisation_name
from .review_flags import (BIT, FLAG_KINDS, WORKDAY_END, WORKDAY_START, anchor_problems, merge_problems,
                           period_bounds, review_sql, ts_text, unusual_hours_sql)

__all__ = ["FLAG_KINDS", "WORKDAY_END", "WORKDAY_START", "ChainSummary", "LogReviewService", "ReviewFilter",
           "ReviewReport", "ReviewRow", "ReviewSignOff", "UserSummary", "anchor_problems", "merge_problems",
           "period_bounds", "unusual_hours_sql"]

MAX_COMMENT = 4000


class LogReviewService(Service):
    """The log reviewer's report, sign-off and anchors (LOGGGRANSKARE only)."""

    # -- the report ----------------------------------------------------------------------
    def report(self, f: ReviewFilter) -> ReviewReport:
        start, end = period_bounds(f.start, f.end)
        limit = max(0, min(f.limit, MAX_ROWS))
        with self.tx() as tx:
            tx.require(Act.READ, Rec.AUDIT_LOG)
            scope = (resolve_case_query(tx.session, f.case_query, tx.today)
                     if f.case_query and f.case_query.strip() else None)
            where, params = self._where(tx.session, f, start, end, scope)
            base = review_sql(where, unusual_hours_sql(start, end))
            users, counts, total, flagged, _groups = self._aggregate(tx.session, base, params)
            # No outer ORDER BY: the subquery yields in seq order, and a sort would make SQLite
            # read the whole period before the first row; LIMIT then stops the scan early.
            rows_sql = f"SELECT * FROM ({base}) {'WHERE mask <> 0' if f.flags_only else ''} LIMIT :limit"
            found = list(tx.session.execute(text(rows_sql), {**params, "limit": limit + 1}).mappings())
            names = resolve_names(tx.session, [(self._uid(r), r["case_id"], r["entity"], r["entity_id"])
                                               for r in found])
            rows = sorted((self._row(r, names) for r in found), key=lambda r: r.seq)
            users = self._named(tx.session, users)
            truncated = len(rows) > limit
            organisation = organisation_name(tx.session)
            case_label = scope.label if scope is not None else None
            if case_label is None and f.case_id is not None:  # an id from a script: name it by its reference
                case_label = resolve_names(tx.session, [(None, f.case_id, None, None)]).case(f.case_id)[0]
            case_filter = f.case_id if f.case_id is not None else (
                list(scope.case_ids) if scope is not None and scope.by == "reference" else None)
            person_filter = self._person_filter_id(f, params)
            if person_filter is None and scope is not None:
                person_filter = scope.person_id
            # Filtering by a personnummer reads whom the log is about: the event names the person
            # (their register extract lists it). The case stays in the detail, so the reviewer's
            # own work is not flagged as access to a case outside a unit.
            tx.audit("AUDIT_REPORT", entity="audit_log", person_id=person_filter, detail={
                "from": ts_text(start), "to": ts_text(end), "events": total, "flagged": flagged,
                "user": f.username, "case": case_filter, "person": person_filter, "flags_only": f.flags_only})
        return ReviewReport(period_start=start, period_end=end, filter=f, total_events=total,
                            flagged_events=flagged, counts=tuple((k, counts[k]) for k in FLAG_KINDS),
                            users=users, rows=tuple(rows[:limit]), truncated=truncated,
                            reviewer=self.actor.username, generated_at=utcnow(), organisation=organisation,
                            person_label=personnummer.parse(f.person_pnr, today=self.today).long_form()
                            if f.person_pnr else None, case_label=case_label)

    @staticmethod
    def _person_filter_id(f: ReviewFilter, params: dict[str, Any]) -> int | None:
        return params.get("pid") if (f.person_pnr or f.person_id is not None) else None

    def _where(self, session, f: ReviewFilter, start: datetime, end: datetime,
               scope: CaseScope | None = None) -> tuple[str, dict[str, Any]]:
        params: dict[str, Any] = {"start": ts_text(start), "end": ts_text(end)}
        # The period's first and last seq from the ts index (covering: no row is read), then the
        # scan walks the rows in seq order between them: exact even if the clock once went back,
        # and the row list can stop at its limit without sorting the period.
        lo, hi = session.execute(text("SELECT MIN(seq), MAX(seq) FROM audit_event "
                                      "WHERE ts >= :start AND ts < :end"), params).one()
        clauses = ["e.seq BETWEEN :seq_lo AND :seq_hi", "+e.ts >= :start", "+e.ts < :end"]
        params.update(seq_lo=lo or 0, seq_hi=hi or -1)  # an empty period matches nothing
        if f.username:
            uid = session.scalar(select(User.id).where(User.username == f.username.strip()))
            if uid is None:  # no such account: nothing in the log can be theirs
                clauses.append("0")
            else:
                # By id, so SQLite can use the user_id index; a failed login names the account in entity_id.
                clauses.append("(e.user_id = :uid OR (e.user_id IS NULL AND e.entity = 'user' "
                               "AND e.entity_id = :uid_text))")
                params["uid"], params["uid_text"] = uid, str(uid)
        if f.case_id is not None:
            clauses.append("e.case_id = :case_id")
            params["case_id"] = f.case_id
        if scope is not None:
            names = [f":scope_case_{i}" for i in range(len(scope.case_ids))]
            params.update({name[1:]: cid for name, cid in zip(names, scope.case_ids)})
            in_cases = f"e.case_id IN ({', '.join(names)})" if names else "0"
            if scope.person_id is not None:  # a personnummer: the person's cases and the events about them
                clauses.append(f"({in_cases} OR e.person_id = :scope_pid)")
                params["scope_pid"] = scope.person_id
            else:
                clauses.append(in_cases)
        if f.action:
            clauses.append("e.action = :action")
            params["action"] = f.action.strip().upper()
        pid = f.person_id
        if f.person_pnr:
            parsed = personnummer.parse(f.person_pnr, today=self.today)
            pid = session.scalar(select(Person.id).where(Person.pnr == parsed.digits))
            if pid is None:
                raise NotFound("No person with that personnummer", code="person.not_found")
        if pid is not None:
            clauses.append("(e.person_id = :pid OR c.person_id = :pid)")
            params["pid"] = pid
        return " AND ".join(clauses), params

    @staticmethod
    def _aggregate(session, base: str, params: dict[str, Any]):
        """One pass: SQLite groups by (user, flag mask), Python adds up the few groups."""
        sql = f"SELECT who, mask, COUNT(*) FROM ({base}) GROUP BY who, mask"
        per_user: dict[str, dict[str, int]] = {}
        counts = dict.fromkeys(FLAG_KINDS, 0)
        total = flagged = 0
        groups = [tuple(g) for g in session.execute(text(sql), params)]
        for who, mask, n in groups:
            acc = per_user.setdefault(who or "", {"#events": 0, "#flagged": 0})
            acc["#events"] += n
            total += n
            if mask:
                acc["#flagged"] += n
                flagged += n
            for kind, bit in BIT.items():
                if mask & bit:
                    acc[kind] = acc.get(kind, 0) + n
                    counts[kind] += n
        users = [UserSummary(username=who, events=acc["#events"], flagged=acc["#flagged"],
                             counts=tuple((k, acc[k]) for k in FLAG_KINDS if acc.get(k)))
                 for who, acc in per_user.items()]
        users.sort(key=lambda u: (-u.flagged, u.username))
        return tuple(users), counts, total, flagged, sorted(groups)

    @staticmethod
    def _uid(r) -> int | None:
        """The acting user; for a failed login the account that was tried."""
        if r["user_id"] is not None:
            return r["user_id"]
        entity_id = r["entity_id"]
        return int(entity_id) if r["entity"] == "user" and entity_id and entity_id.isdigit() else None

    @classmethod
    def _row(cls, r, names: AuditNames) -> ReviewRow:
        ts = from_stored(r["ts"])  # raw SQL: SQLite text, or PostgreSQL's naive timestamp
        reference, disposed = (r["case_ref"], False) if r["case_ref"] else names.case(r["case_id"])
        return ReviewRow(
            seq=r["seq"], ts=ts, username=r["who"] or None, role=r["role"], agency=r["agency"],
            action=r["action"], entity=r["entity"], entity_id=r["entity_id"], case_id=r["case_id"],
            case_reference=reference, person_id=r["person_id"],
            flags=tuple(k for k in FLAG_KINDS if r["mask"] & BIT[k]), logged_flags=r["flags"],
            user_name=names.user(cls._uid(r), r["who"] or None), case_disposed=disposed,
            record_name=names.record(r["entity"], r["entity_id"]))

    @staticmethod
    def _named(session, users: tuple[UserSummary, ...]) -> tuple[UserSummary, ...]:
        """The per-user summary with each user's name (one IN query over the usernames)."""
        wanted = sorted({u.username for u in users if u.username})
        display: dict[str, str] = {}
        for i in range(0, len(wanted), 500):
            display.update((u, d) for u, d in session.execute(
                select(User.username, User.display_name).where(User.username.in_(wanted[i:i + 500]))))
        return tuple(replace(u, user_name=user_label(display.get(u.username), u.username) if u.username else None)
                     for u in users)

    # -- the chain ---------------------------------------------------------------------------
    @property
    def anchor_file(self) -> Path:
        return anchor_path(self.db.path)

    def load_anchors(self, extra: Iterable[Path] = ()) -> list[Anchor]:
        """The sidecar beside the database (when present) plus any copies the reviewer kept."""
        lists = [read_anchors(self.anchor_file)] if self.anchor_file.exists() else []
        lists += [read_anchors(Path(p)) for p in extra]
        return merge(*lists)

    def verify(self, extra_anchor_files: Iterable[Path] = ()) -> ChainSummary:
        """Recompute the chain and hold it against every known anchor (pages are IntegrityService's job)."""
        anchors = self.load_anchors(extra_anchor_files)
        with self.tx() as tx:
            tx.require(Act.READ, Rec.INTEGRITY)
            chain = verify_chain(tx.session, self.db.audit.key)
            problems = merge_problems(chain.problems, anchor_problems(tx.session, anchors))
            tx.audit("AUDIT_VERIFY", entity="audit_log",
                     detail={"events": chain.events, "ok": not problems, "anchors": len(anchors)})
        return ChainSummary(ok=not problems, events=chain.events, last_seq=chain.last_seq, head_mac=chain.head_mac,
                            problems=tuple(str(p) for p in problems), anchors_checked=len(anchors))

    def check_anchors(self, anchors: Iterable[Anchor]) -> list[ChainProblem]:
        """Only the anchors (a primary-key probe each), for callers that verify the chain themselves."""
        with self.tx() as tx:
            tx.require(Act.READ, Rec.INTEGRITY)
            return anchor_problems(tx.session, list(anchors))

    # -- sign-off -----------------------------------------------------------------------------
    @changes()
    def sign_off(self, start: date | datetime, end: date | datetime, comment: str) -> ReviewSignOff:
        comment = (comment or "").strip()
        if not comment:
            raise ValidationError("A review needs a comment", code="review.comment_required")
        if len(comment) > MAX_COMMENT:
            raise ValidationError("The comment is too long", code="review.comment_too_long")
        lo, hi = period_bounds(start, end)
        with self.tx() as tx:
            tx.require(Act.READ, Rec.AUDIT_LOG)
            where, params = self._where(tx.session, ReviewFilter(lo, hi), lo, hi)
            base = review_sql(where, unusual_hours_sql(lo, hi))
            _users, counts, total, flagged, groups = self._aggregate(tx.session, base, params)
            # What was reviewed, reproducibly: the period and how many events of each user had which flags.
            digest = hashlib.sha256(json.dumps(
                {"from": ts_text(lo), "to": ts_text(hi), "events": total, "flags": FLAG_KINDS, "groups": groups},
                sort_keys=True, separators=(",", ":")).encode()).hexdigest()
            review = AuditReview(reviewer_user_id=self.actor.user_id, period_start=lo, period_end=hi,
                                 comment=comment, head_seq=0, head_mac="", flagged_count=flagged,
                                 report_sha256=digest)
            tx.session.add(review)
            tx.session.flush()
            event = self.db.audit.append(tx.session, self.actor, "AUDIT_REVIEW_SIGNED", entity="audit_review",
                                         entity_id=review.id, detail={"from": ts_text(lo), "to": ts_text(hi),
                                                                      "events": total, "flagged": flagged,
                                                                      "report_sha256": digest})
            review.head_seq, review.head_mac = event.seq, event.mac
            review.signed_at = event.ts
            tx.session.flush()
            result = dict(review_id=review.id, reviewer=self.actor.username, period_start=lo, period_end=hi,
                          comment=comment, signed_at=event.ts, head_seq=event.seq, head_mac=event.mac,
                          flagged_count=flagged, report_sha256=digest)
        anchor = Anchor(seq=result["head_seq"], mac=result["head_mac"], signed_at=result["signed_at"],
                        reviewer=result["reviewer"], review_id=result["review_id"])
        try:
            append_anchor(self.anchor_file, anchor)
            written: str | None = str(self.anchor_file)
        except (OSError, ValidationError):
            written = None  # signed and logged; the reviewer is told to save a copy by hand
        return ReviewSignOff(**result, anchor_file=written)

    def list_reviews(self) -> list[ReviewSignOff]:
        with self.tx() as tx:
            tx.require(Act.READ, Rec.AUDIT_LOG)
            names = dict(tx.session.execute(select(User.id, User.username)).all())
            rows = tx.session.scalars(select(AuditReview).order_by(AuditReview.signed_at.desc(),
                                                                    AuditReview.id.desc()))
            result = [ReviewSignOff(
                review_id=r.id, reviewer=names.get(r.reviewer_user_id, "?"), period_start=r.period_start,
                period_end=r.period_end, comment=r.comment, signed_at=r.signed_at, head_seq=r.head_seq,
                head_mac=r.head_mac, flagged_count=r.flagged_count, report_sha256=r.report_sha256,
                anchor_file=None) for r in rows]
            tx.audit("AUDIT_REVIEW_LIST", entity="audit_review", detail={"rows": len(result)})
        return result

    def export_anchors(self, path: Path) -> int:
        """Write every anchor (sidecar + signed reviews) to ``path`` for safekeeping elsewhere."""
        reviews = self.list_reviews()
        from_db = [Anchor(seq=r.head_seq, mac=r.head_mac, signed_at=r.signed_at, reviewer=r.reviewer,
                          review_id=r.review_id) for r in reviews]
        anchors = merge(self.load_anchors(), from_db)
        try:
            write_anchors(Path(path), anchors)
        except OSError as exc:
            raise ValidationError(f"Cannot write {Path(path).name}: {exc.strerror}",
                                  code="anchors.write") from None
        with self.tx() as tx:
            tx.audit("AUDIT_ANCHORS_EXPORT", entity="audit_review", detail={"anchors": len(anchors)})
        return len(anchors)

    def record_output(self, kind: str, start: datetime, end: datetime) -> None:
        """Log that the report left the program (printed or saved as PDF)."""
        act = Act.PRINT if kind == "PRINT" else Act.EXPORT
        with self.tx() as tx:
            tx.require(act, Rec.AUDIT_LOG)
            tx.audit("AUDIT_REPORT_PRINT" if kind == "PRINT" else "AUDIT_REPORT_EXPORT", entity="audit_log",
                     detail={"from": ts_text(start), "to": ts_text(end)}, flags=["EXPORT"] if kind != "PRINT" else ())
