"""Integrity checks: the audit chain (R18, R20) and every page's HMAC (R6, R29)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from ..domain.access import Act, Rec
from ..store.engine import cipher_integrity_check, quick_check
from .audit import ChainProblem, verify_chain
from .base import Service


@dataclass(frozen=True, slots=True)
class IntegrityReport:
    events: int
    last_seq: int
    head_mac: str
    chain_problems: tuple[ChainProblem, ...] = ()
    page_problems: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.chain_problems and not self.page_problems


class IntegrityService(Service):

    def verify(self, anchors: Iterable[tuple[int, str]] = (), *, pages: bool = True) -> IntegrityReport:
        with self.tx() as tx:
            tx.require(Act.READ, Rec.INTEGRITY)
        page_problems = tuple(cipher_integrity_check(self.db.engine)) if pages else ()
        if pages and not page_problems:
            page_problems = tuple(quick_check(self.db.engine))
        with self.tx() as tx:
            chain = verify_chain(tx.session, self.db.audit.key, anchors)
            tx.audit("AUDIT_VERIFY", entity="audit_log",
                     detail={"events": chain.events, "ok": chain.ok and not page_problems})
        return IntegrityReport(events=chain.events, last_seq=chain.last_seq, head_mac=chain.head_mac,
                               chain_problems=tuple(chain.problems), page_problems=page_problems)
