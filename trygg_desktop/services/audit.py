"""The tamper-evident audit log: append in the caller's transaction, verify the chain.

``mac_i = HMAC-SHA256(K_audit, canonical(event_i, mac_{i-1}))`` with contiguous
``seq`` (R18). K_audit is a random key kept in the encrypted ``meta`` table rather
than HKDF(DEK) as SECURITY.md R18 suggests: removing a user rotates the DEK (R11),
and a chain keyed by the DEK would break at every rotation. Every user who can
unlock holds the DEK either way, so the security is the same; external anchors
(R20) are what protect against a user who rebuilds the chain.

The head (last seq and mac) is also kept in ``meta`` so a truncated tail is found
without anchors. Details never hold personal data: ids and codes only.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import socket
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Iterable

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from ..domain.access import Actor
from ..store.models import AuditEvent, Meta, utcnow

GENESIS = "0" * 64
META_AUDIT_KEY = "audit_key"
META_AUDIT_HEAD = "audit_head"

_WORKSTATION = socket.gethostname()[:100]


def new_audit_key() -> str:
    return os.urandom(32).hex()


def canonical(ev: AuditEvent | dict[str, Any], prev_mac: str) -> bytes:
    get = ev.get if isinstance(ev, dict) else (lambda k: getattr(ev, k))
    ts = get("ts")
    fields = [
        # The text form SQLAlchemy stores for DateTime on SQLite, so a raw read matches.
        get("seq"), ts.strftime("%Y-%m-%d %H:%M:%S.%f") if isinstance(ts, datetime) else ts,
        get("user_id"), get("username"), get("role"), get("agency"), get("action"), get("entity"),
        get("entity_id"), get("case_id"), get("person_id"), get("purpose"), get("detail"),
        get("workstation"), get("flags"), prev_mac,
    ]
    return json.dumps(fields, ensure_ascii=False, separators=(",", ":"), default=str).encode()


def compute_mac(key: bytes, ev: AuditEvent | dict[str, Any], prev_mac: str) -> str:
    return hmac.new(key, canonical(ev, prev_mac), hashlib.sha256).hexdigest()


def _detail(detail: dict[str, Any] | None) -> str | None:
    if not detail:
        return None
    return json.dumps(detail, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


class AuditLog:
    """Appends events inside the current transaction (BEGIN IMMEDIATE serialises writers)."""

    def __init__(self, key: bytes) -> None:
        self._key = key

    @property
    def key(self) -> bytes:
        return self._key

    def append(self, session: Session, actor: Actor | None, action: str, *, entity: str | None = None,
               entity_id: Any = None, case_id: int | None = None, person_id: int | None = None,
               purpose: str | None = None, detail: dict[str, Any] | None = None,
               flags: Iterable[str] = ()) -> AuditEvent:
        head = session.get(Meta, META_AUDIT_HEAD)
        if head is None:
            seq, prev = 1, GENESIS
        else:
            last_seq, prev = head.value.split(":", 1)
            seq = int(last_seq) + 1
        ev = AuditEvent(
            seq=seq, ts=utcnow(),
            user_id=actor.user_id if actor else None,
            username=actor.username if actor else None,
            role=actor.role_label if actor else None,
            agency=actor.agency if actor else None,
            action=action, entity=entity, entity_id=None if entity_id is None else str(entity_id),
            case_id=case_id, person_id=person_id, purpose=purpose, detail=_detail(detail),
            workstation=_WORKSTATION, flags=",".join(sorted(set(flags))) or None,
        )
        ev.mac = compute_mac(self._key, ev, prev)
        session.add(ev)
        if head is None:
            session.add(Meta(key=META_AUDIT_HEAD, value=f"{seq}:{ev.mac}"))
        else:
            head.value = f"{seq}:{ev.mac}"
        session.flush()
        return ev


@dataclass(frozen=True, slots=True)
class ChainProblem:
    seq: int
    kind: str  # edited | deleted | reordered | truncated | anchor_mismatch | head_mismatch

    def __str__(self) -> str:
        return f"seq {self.seq}: {self.kind}"


@dataclass(slots=True)
class ChainReport:
    events: int = 0
    last_seq: int = 0
    head_mac: str = GENESIS
    problems: list[ChainProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def first_problem(self) -> ChainProblem | None:
        return self.problems[0] if self.problems else None


_COLUMNS = ("seq", "ts", "user_id", "username", "role", "agency", "action", "entity", "entity_id",
            "case_id", "person_id", "purpose", "detail", "workstation", "flags", "mac")


def verify_chain(session: Session, key: bytes, anchors: Iterable[tuple[int, str]] = ()) -> ChainReport:
    """Recompute the chain and name every place where it breaks.

    Each row is checked against the stored mac of its predecessor, so one edited
    row is reported once instead of poisoning everything after it.
    """
    report = ChainReport()
    anchor_map = dict(anchors)
    expected_seq, prev_mac = 1, GENESIS
    sql = text(f"SELECT {', '.join(_COLUMNS)} FROM audit_event ORDER BY seq")
    result = session.execute(sql.execution_options(yield_per=10_000))
    for row in result:
        ev = dict(zip(_COLUMNS, row))
        seq = ev["seq"]
        if seq != expected_seq:
            kind = "deleted" if seq > expected_seq else "reordered"
            report.problems.append(ChainProblem(expected_seq, kind))
        elif compute_mac(key, ev, prev_mac) != ev["mac"]:
            report.problems.append(ChainProblem(seq, "edited"))
        if seq in anchor_map and anchor_map[seq] != ev["mac"]:
            report.problems.append(ChainProblem(seq, "anchor_mismatch"))
        report.events += 1
        expected_seq, prev_mac = seq + 1, ev["mac"]
        report.last_seq = seq
    report.head_mac = prev_mac
    head = session.get(Meta, META_AUDIT_HEAD)
    if head is not None:
        head_seq, head_mac = head.value.split(":", 1)
        if int(head_seq) > report.last_seq:
            report.problems.append(ChainProblem(report.last_seq + 1, "truncated"))
        elif int(head_seq) < report.last_seq or head_mac != prev_mac:
            report.problems.append(ChainProblem(int(head_seq), "head_mismatch"))
    for seq in anchor_map:
        if seq > report.last_seq:
            report.problems.append(ChainProblem(report.last_seq + 1, "truncated"))
            break
    return report


def events_for_case(session: Session, case_id: int, limit: int = 500) -> list[AuditEvent]:
    return list(session.scalars(
        select(AuditEvent).where(AuditEvent.case_id == case_id).order_by(AuditEvent.seq.desc()).limit(limit)))
