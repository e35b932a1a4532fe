"""Delete a record and everything that belongs to it, found from the schema itself.

Why walk the foreign keys instead of listing tables: other features add tables that
hang off a case (emergency grants, future modules). A hand-written list would
silently leave their rows — and the personal data in them — behind after gallring.
The walk treats a foreign key as *ownership* (the child goes with its parent) when
the column is NOT NULL or is the ``case_id``/``meeting_id`` of its row; any other
nullable foreign key is a mere *reference* (``case_file.linked_case_id``, a plan's
``created_in_meeting_id``): surviving rows get it set to NULL.

Persons are not part of the walk: SoL 12 kap. 1 § keeps a person's data while other
data on that person remains, so ``purge_orphan_persons`` deletes a person (and the
guardianship rows that describe them as a child) only when no row anywhere refers
to them any longer.

Everything here runs inside the caller's transaction, with Core statements (no ORM
cascades that could miss a table). ``PRAGMA secure_delete`` (set on every
connection by ``store.engine``) overwrites the freed cells and pages with zeros.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Column, Table, delete, func, select, update
from sqlalchemy.orm import Session

from ..store.models import Base

_OWNING_NAMES = frozenset({"case_id", "meeting_id"})
# Never reached by the walk whatever their columns say: the audit log is append-only
# (HMAC chain) and the disposal log must outlive what it describes.
_NEVER = frozenset({"audit_event", "disposal_log", "person", "user_account", "unit", "agency"})
_CHUNK = 500


def _chunks(ids: Iterable[Any]) -> Iterable[list[Any]]:
    items = sorted(ids)
    for i in range(0, len(items), _CHUNK):
        yield items[i:i + _CHUNK]


def _pk(table: Table) -> Column[Any]:
    cols = list(table.primary_key.columns)
    if len(cols) != 1:  # pragma: no cover - no such table hangs off a case today
        raise RuntimeError(f"{table.name}: composite primary key in the gallring walk")
    return cols[0]


def _owning(col: Column[Any]) -> bool:
    fk_target = next(iter(col.foreign_keys)).column.table
    if fk_target is col.table:
        return False  # self references (corrections, linked cases) are references
    return not col.nullable or col.name in _OWNING_NAMES


def collect(session: Session, root: Table, root_ids: Iterable[Any]) -> dict[str, set[Any]]:
    """Primary keys of every row that belongs to ``root_ids``, by table name (a fixpoint)."""
    tables = {t.name: t for t in Base.metadata.sorted_tables}
    found: dict[str, set[Any]] = {root.name: set(root_ids)}
    changed = True
    while changed:
        changed = False
        for table in tables.values():
            if table.name in _NEVER:
                continue
            for fk in table.foreign_keys:
                parent = fk.column.table.name
                if parent not in found or not _owning(fk.parent):
                    continue
                pk = _pk(table)
                for chunk in _chunks(found[parent]):
                    ids = set(session.scalars(select(pk).where(fk.parent.in_(chunk))))
                    new = ids - found.get(table.name, set())
                    if new:
                        found.setdefault(table.name, set()).update(new)
                        changed = True
    return found


def referenced_persons(session: Session, found: dict[str, set[Any]]) -> set[int]:
    """Person ids the rows about to go refer to (the case's person, signatories, attendees)."""
    person = Base.metadata.tables["person"]
    result: set[int] = set()
    for name, ids in found.items():
        table = Base.metadata.tables[name]
        for fk in table.foreign_keys:
            if fk.column.table is person:
                for chunk in _chunks(ids):
                    result.update(v for v in session.scalars(
                        select(fk.parent).where(_pk(table).in_(chunk))) if v is not None)
    return result


def delete_found(session: Session, found: dict[str, set[Any]]) -> dict[str, int]:
    """Null references from surviving rows, then delete children before parents."""
    tables = Base.metadata.tables
    for table in tables.values():
        for fk in table.foreign_keys:
            parent = fk.column.table.name
            if parent not in found or _owning(fk.parent) or table.name in _NEVER:
                continue
            keep = found.get(table.name, set())
            for chunk in _chunks(found[parent]):
                stmt = update(table).where(fk.parent.in_(chunk)).values({fk.parent.name: None})
                if keep:
                    stmt = stmt.where(_pk(table).not_in(sorted(keep)))
                session.execute(stmt)
    counts: dict[str, int] = {}
    for table in reversed(Base.metadata.sorted_tables):
        ids = found.get(table.name)
        if not ids:
            continue
        for chunk in _chunks(ids):
            session.execute(delete(table).where(_pk(table).in_(chunk)))
        counts[table.name] = len(ids)
    return counts


def _still_referenced(session: Session, person_id: int, ignore_child_guardianship: bool) -> bool:
    person = Base.metadata.tables["person"]
    for table in Base.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table is not person:
                continue
            if ignore_child_guardianship and table.name == "guardianship" and fk.parent.name == "child_id":
                continue
            if session.scalar(select(func.count()).select_from(table).where(fk.parent == person_id)):
                return True
    return False


def purge_orphan_persons(session: Session, candidates: set[int]) -> dict[str, int]:
    """Delete each candidate person nothing refers to any more (with their child-guardianships).

    A child's guardians become candidates once the child goes: a guardian registered
    only for this child's case has no other reason to be in the register.
    """
    guardianship = Base.metadata.tables["guardianship"]
    person = Base.metadata.tables["person"]
    counts = {"person": 0, "guardianship": 0}
    pending = set(candidates)
    progress = True
    while progress:  # until a pass deletes nobody: a guardian may be freed by the child going
        progress = False
        for pid in sorted(pending):
            if _still_referenced(session, pid, ignore_child_guardianship=True):
                continue
            guardians = set(session.scalars(
                select(guardianship.c.guardian_id).where(guardianship.c.child_id == pid)))
            counts["guardianship"] += session.execute(
                delete(guardianship).where(guardianship.c.child_id == pid)).rowcount or 0
            counts["person"] += session.execute(delete(person).where(person.c.id == pid)).rowcount or 0
            pending.discard(pid)
            pending |= guardians
            progress = True
    return {k: v for k, v in counts.items() if v}
