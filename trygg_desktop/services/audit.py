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
from typing import Any, Iterable, Sequence

from sqlalchemy import Insert, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from ..domain.access import Actor
from ..store.models import AuditEvent, Meta, stored_text, utcnow

GENESIS = "0" * 64
META_AUDIT_KEY = "audit_key"
META_AUDIT_HEAD = "audit_head"

_WORKSTATION = socket.gethostname()[:100]


def new_audit_key() -> str:
    return os.urandom(32).hex()


# One C encoder for every event: ``json.dumps`` with non-default options builds a new
# encoder per call, which was a third of the cost of verifying 2,000,000 events.
# Output is byte-identical to ``json.dumps(fields, ensure_ascii=False, separators=(",", ":"),
# default=str)``, the canonical form the chain was defined with.
_C_ENCODER = (json.encoder.c_make_encoder(None, str, json.encoder.encode_basestring, None, ":", ",", False, False,
                                          True) if json.encoder.c_make_encoder is not None else None)


def _encode(fields: list[Any]) -> bytes:
    if _C_ENCODER is None:  # pragma: no cover - CPython always has the C encoder
        return json.dumps(fields, ensure_ascii=False, separators=(",", ":"), default=str).encode()
    return "".join(_C_ENCODER(fields, 0)).encode()


def canonical(ev: AuditEvent | dict[str, Any], prev_mac: str) -> bytes:
    get = ev.get if isinstance(ev, dict) else (lambda k: getattr(ev, k))
    ts = get("ts")
    fields = [
        # The text form stored on SQLite (naive UTC), so a raw read matches.
        get("seq"), _ts_text(ts) if isinstance(ts, datetime) else ts,
        get("user_id"), get("username"), get("role"), get("agency"), get("action"), get("entity"),
        get("entity_id"), get("case_id"), get("person_id"), get("purpose"), get("detail"),
        get("workstation"), get("flags"), prev_mac,
    ]
    return _encode(fields)


def _ts_text(ts: datetime) -> str:
    """An event's time as the chain hashes it: aware (from the ORM) in UTC; a raw PostgreSQL read is
    already the naive UTC value stored."""
    return stored_text(ts) if ts.tzinfo is not None else ts.strftime("%Y-%m-%d %H:%M:%S.%f")


class _Hmac:
    """HMAC-SHA256 with the key's inner and outer pads hashed once (RFC 2104): the same
    digest as ``hmac.new(key, msg, sha256)`` at half the cost per event."""

    def __init__(self, key: bytes) -> None:
        block = key if len(key) <= 64 else hashlib.sha256(key).digest()
        block = block.ljust(64, b"\0")
        self._inner = hashlib.sha256(bytes(b ^ 0x36 for b in block))
        self._outer = hashlib.sha256(bytes(b ^ 0x5C for b in block))

    def hexdigest(self, msg: bytes) -> str:
        inner = self._inner.copy()
        inner.update(msg)
        outer = self._outer.copy()
        outer.update(inner.digest())
        return outer.hexdigest()


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
        return self.append_all(session, actor, [(action, dict(
            entity=entity, entity_id=entity_id, case_id=case_id, person_id=person_id, purpose=purpose,
            detail=detail, flags=flags))])[0]

    def append_all(self, session: Session, actor: Actor | None, events: Sequence[tuple[str, dict[str, Any]]],
                   *, also_write: Sequence[Insert] = ()) -> list[AuditEvent]:
        """Append ``events`` (action, ``append``'s keywords) to the chain in this order;
        ``also_write`` are single-row INSERTs that end the transaction with them (the server's
        doorbell, ``server_state.ring_statement``).

        On PostgreSQL the events, the new head and ``also_write`` go in as one statement: the
        head is locked from its read to the commit, every audited call of every user waits its
        turn on it, and each round trip inside that hold is one every other writer waits for too."""
        if not events:
            for statement in also_write:
                session.execute(statement)
            return []
        dialect = session.get_bind().dialect.name
        head = session.get(Meta, META_AUDIT_HEAD, **_HEAD_LOCK.get(dialect, {}))
        last_seq, prev = head.value.split(":", 1) if head is not None else ("0", GENESIS)
        seq = int(last_seq)
        built = []
        for action, kw in events:
            seq += 1
            ev = _event(seq, actor, action, **kw)
            ev.mac = prev = compute_mac(self._key, ev, prev)
            built.append(ev)
        value = f"{seq}:{prev}"
        if head is not None and dialect == "postgresql":
            # One single-row INSERT per event, each its own CTE: SQLAlchemy cannot cache the
            # compiled form of a multi-row VALUES, and compiling it took longer than the round trip.
            appended = [insert(AuditEvent.__table__).values({column: getattr(ev, column) for column in _EVENT_COLUMNS})
                        .cte(f"appended_{n}") for n, ev in enumerate(built)]
            also = [statement.cte(f"also_{n}") for n, statement in enumerate(also_write)]
            session.execute(update(Meta.__table__).where(Meta.__table__.c.key == META_AUDIT_HEAD)
                            .values(value=value).add_cte(*appended, *also))
            set_committed_value(head, "value", value)   # the session's copy says what the row says
        else:
            session.add_all(built)
            if head is None:
                session.add(Meta(key=META_AUDIT_HEAD, value=value))
            else:
                head.value = value
            session.flush()
            for statement in also_write:
                session.execute(statement)
        return built


def _event(seq: int, actor: Actor | None, action: str, *, entity: str | None = None, entity_id: Any = None,
           case_id: int | None = None, person_id: int | None = None, purpose: str | None = None,
           detail: dict[str, Any] | None = None, flags: Iterable[str] = ()) -> AuditEvent:
    return AuditEvent(
        seq=seq, ts=utcnow(),
        user_id=actor.user_id if actor else None,
        username=actor.username if actor else None,
        role=actor.role_label if actor else None,
        agency=actor.agency if actor else None,
        action=action, entity=entity, entity_id=None if entity_id is None else str(entity_id),
        case_id=case_id, person_id=person_id, purpose=purpose, detail=_detail(detail),
        workstation=_WORKSTATION, flags=",".join(sorted(set(flags))) or None,
    )


_EVENT_COLUMNS = tuple(AuditEvent.__table__.columns.keys())


#: How the chain head is read so that concurrent writers take turns: SQLite's BEGIN IMMEDIATE
#: already serialises every write; on PostgreSQL the head row is locked (SELECT … FOR UPDATE,
#: re-read after the wait) until the transaction ends, so the chain stays one chain.
_HEAD_LOCK = {"postgresql": {"with_for_update": True, "populate_existing": True}}


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


def _row_verifies(dbapi: Any, mac_of: Any, seq: int, prev_mac: str, mac: str) -> bool:
    """The exact check of one row with the Python canonical form (the definition of the chain)."""
    row = dbapi.execute(f"SELECT {', '.join(_COLUMNS)} FROM audit_event WHERE seq = ?", (seq,)).fetchone()
    return mac_of(_encode(_fields(row[:15], prev_mac))) == mac


def _fields(values: Any, prev_mac: str) -> list[Any]:
    """A stored row's chained fields (``_COLUMNS`` without the mac) as ``canonical`` lists them."""
    fields = [*values, prev_mac]
    if isinstance(fields[1], datetime):
        fields[1] = _ts_text(fields[1])
    return fields


def verify_chain(session: Session, key: bytes, anchors: Iterable[tuple[int, str]] = ()) -> ChainReport:
    """Recompute the chain and name every place where it breaks.

    Each row is checked against the stored mac of its predecessor, so one edited
    row is reported once instead of poisoning everything after it.
    """
    report = ChainReport()
    anchor_map = dict(anchors)
    expected_seq, prev_mac = 1, GENESIS
    mac_of = _Hmac(key).hexdigest
    # The DBAPI cursor of this transaction's connection, not ORM rows, and SQLite builds the
    # canonical JSON of each row (json_array): at 2,000,000 events the per-row Python work
    # of 16 column objects was most of the time (bench: audit_verify). (Adding the
    # predecessor's mac in SQL with lag() was slower: 13.4 s against 10.1 s.) A row whose
    # SQLite form does not verify is re-checked with the Python canonical form before it is
    # called edited, so a difference between the two JSON writers can never raise a false alarm.
    # PostgreSQL (server mode) has no json_array with SQLite's text forms: there each row is
    # checked with the Python canonical form directly (the same definition, so a chain moved
    # from a local file to the server verifies unchanged).
    postgres = session.get_bind().dialect.name == "postgresql"
    dbapi = session.connection().connection.dbapi_connection
    assert dbapi is not None
    cursor = dbapi.cursor()
    try:
        if postgres:
            cursor.execute(f"SELECT seq, {', '.join(_COLUMNS[:-1])}, mac FROM audit_event ORDER BY seq")
        else:
            cursor.execute(f"SELECT seq, json_array({', '.join(_COLUMNS[:-1])}), mac FROM audit_event ORDER BY seq")
        problems = report.problems
        count = 0
        while rows := cursor.fetchmany(10_000):
            for row in rows:
                seq, mac = row[0], row[-1]
                if seq != expected_seq:
                    problems.append(ChainProblem(expected_seq, "deleted" if seq > expected_seq else "reordered"))
                elif postgres:
                    if mac_of(_encode(_fields(row[1:-1], prev_mac))) != mac:
                        problems.append(ChainProblem(seq, "edited"))
                elif (mac_of(f'{row[1][:-1]},"{prev_mac}"]'.encode()) != mac
                      and not _row_verifies(dbapi, mac_of, seq, prev_mac, mac)):
                    problems.append(ChainProblem(seq, "edited"))
                if anchor_map and seq in anchor_map and anchor_map[seq] != mac:
                    problems.append(ChainProblem(seq, "anchor_mismatch"))
                count += 1
                expected_seq, prev_mac = seq + 1, mac
        report.events = count
        report.last_seq = expected_seq - 1 if count else 0
    finally:
        cursor.close()
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
