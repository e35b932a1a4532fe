"""The exchange service: export (whole database or one case) and atomic import, with the
access checks and audit events around the work done by the other modules of this package."""

from __future__ import annotations

from typing import Any

from sqlalchemy import exc as sa_exc
from sqlalchemy import select

from ...domain.access import Act, Rec, may_see_full_personnummer
from ...domain.errors import AccessDenied, NotFound
from ...store.models import Case
from ..base import Service, changes
from .common import fail, to_bytes
from .export import Exporter
from .importer import Importer, ImportSummary
from .parse import parse_document
from ...domain.topics import Topic


class ExchangeService(Service):
    """Export (whole database or one case) and import of exchange files."""

    def export(self, *, case_reference: str | None = None) -> dict[str, Any]:
        """The exchange document as a JSON-ready dict.

        Without ``case_reference``: the whole database, for a system administrator
        (``Act.EXPORT`` on ``Rec.BULK``), audited ``BULK_EXPORT``. With it: one case,
        for the administrator or for a user allowed ``Act.EXPORT`` on that case,
        audited ``CASE_EXPORT``; a case worker's file leaves out what they may not read.
        """
        with self.tx() as tx:
            if case_reference is None:
                tx.require(Act.EXPORT, Rec.BULK)
                exporter = Exporter(tx, None)
                cases = list(tx.session.scalars(select(Case)))
                doc = exporter.document(cases, scope="database")
                tx.audit("BULK_EXPORT", entity="database", flags=["BULK", "EXPORT"], detail=exporter.counts)
                return doc
            bulk = tx.allowed(Act.EXPORT, Rec.BULK)
            if not bulk:
                tx.require_capability(Act.EXPORT, Rec.CASE)
            case = tx.session.scalar(select(Case).where(Case.reference == case_reference))
            if case is None:
                raise NotFound("No case with that reference", code="case.not_found")
            facts = None
            if not bulk:
                facts = tx.case_facts(case)
                tx.require(Act.EXPORT, Rec.CASE, facts)
                if not may_see_full_personnummer(self.actor):
                    raise AccessDenied(code="access.restricted", action=str(Act.EXPORT), record=str(Rec.CASE),
                                       case_id=case.id)
            exporter = Exporter(tx, facts)
            doc = exporter.document([case], scope="case")
            withheld = sum(doc["cases"][0].get("withheld", {}).values())
            tx.audit("CASE_EXPORT", entity="case", entity_id=case.id, case_id=case.id, person_id=case.person_id,
                     flags=["BULK", "EXPORT"] if bulk else ["EXPORT"],
                     detail={**exporter.counts, "withheld": withheld})
            return doc

    def export_bytes(self, *, case_reference: str | None = None) -> bytes:
        """The document as UTF-8 JSON: sorted keys, two-space indent, non-ASCII kept."""
        return to_bytes(self.export(case_reference=case_reference))

    @changes(Topic.CASE, Topic.CASES, Topic.PERSONS)
    def import_bytes(self, data: bytes) -> ImportSummary:
        """Import a file in one transaction: all of it, or (on ``ImportFormatError``) nothing.

        Needs ``Act.CREATE`` on ``Rec.BULK`` (system administrators); checked before
        the file is even parsed, and again in the import's transaction.
        """
        with self.tx() as tx:
            tx.require(Act.CREATE, Rec.BULK)
        # Parsing a large file happens outside the write transaction (no lock held).
        doc = parse_document(data)
        try:
            with self.tx() as tx:
                tx.require(Act.CREATE, Rec.BULK)
                summary = Importer(tx, doc).run()
                tx.audit("BULK_IMPORT", entity="database", flags=["BULK"],
                         detail={"created": summary.created, "reused": summary.reused,
                                 "unknown_users": len(summary.unknown_users)})
                return summary
        except sa_exc.IntegrityError:
            # Every conflict the checks know of is reported with its path above; this is
            # the backstop (e.g. a unit of the same name created meanwhile). Rolled back.
            raise fail("import.duplicate", "$", "the file conflicts with data in the database") from None
