"""E-archive hand-over: closed cases leave for the municipality's e-archive before gallring.

By law (arkivlagen, SoL 12 kap.) the archive manager hands the records over, so
this export is NOT limited by case connection: the archive role's capability
(``Act.EXPORT`` on ``Rec.RETENTION``) is the whole check, the data is read with
direct queries (other services would apply their case-worker access rules), and
every case handed over gets its own ``EARCHIVE_EXPORT`` audit event with counts
only. Open cases are refused: an archived copy of a case still being worked on
would be incomplete the day after.

Everything is built in memory and leaves the process only as one encrypted
container (``earchive_package``); the services layer cannot import ``reports``
(layer contract), so the caller hands in the protocol renderer (the CLI passes
``reports.protocol.render_protocol``, the UI the renderer ``app.py`` installed).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

from sqlalchemy import select

from .. import __version__
from ..domain.access import Act, Rec
from ..domain.errors import NotFound, ValidationError
from ..domain.lifecycle import CASE_MACHINES
from ..store.models import Case, Meeting
from . import earchive_package as pkg
from .base import Service, Tx
from .documents import ProtocolDocument
from .earchive_readme import readme_text
from .exchange.common import iso_date, iso_local
from .exchange.export import Exporter
from .protocols import ProtocolService, organisation_name

ProtocolRenderer = Callable[[ProtocolDocument], bytes]
PRODUCER = "Trygg Desktop"
ARCHIVE_COPY = "Arkivexemplar för e-arkiv (fullständig version)"


@dataclass(frozen=True, slots=True)
class EArchiveInfo:
    """What was handed over (no personal data: references, counts and sizes)."""

    path: Path
    references: tuple[str, ...]
    protocols: int
    files: int
    size: int                  # bytes of the encrypted container
    created_at: str


@dataclass(frozen=True, slots=True)
class EArchiveCandidate:
    """A case as the archive dialog lists it: reference, kind and closure only."""

    id: int
    reference: str
    kind: str
    status: str
    closed_on: str | None
    open: bool


class _ArchiveTx(Tx):
    """The archive copy is the full record: the protocol assembly's per-record reading
    checks (written for case workers) all answer yes. Used only inside ``export``
    after the archive capability was required."""

    def allowed(self, *_args: Any, **_kwargs: Any) -> bool:  # noqa: D102
        return True


class EArchiveService(Service):
    """Export closed cases as an encrypted, self-describing e-archive package."""

    def candidates(self, references: Sequence[str]) -> list[EArchiveCandidate]:
        """Resolve case references (CLI ``--case``) for the archive role; unknown ones raise."""
        with self.tx() as tx:
            tx.require(Act.EXPORT, Rec.RETENTION)
            out = []
            for ref in references:
                case = tx.session.scalar(select(Case).where(Case.reference == ref.strip()))
                if case is None:
                    raise NotFound("No case with that reference", code="case.not_found", reference=ref)
                out.append(_candidate(case))
            return out

    def export(self, case_ids: Sequence[int], out: Path, passphrase: str, *,
               render_protocol: ProtocolRenderer) -> EArchiveInfo:
        """Seal the closed cases ``case_ids`` into ``out`` for ``passphrase`` (one transaction).

        The audit events are written in the same transaction as the reads and are
        committed only after the container was written; if the commit fails, the
        container is removed again, so no hand-over exists without its audit trail.
        """
        pkg.check_passphrase(passphrase)
        ids = list(dict.fromkeys(case_ids))
        if not ids:
            raise ValidationError("Choose at least one case", code="earchive.no_cases")
        out = Path(out)
        if out.exists() or out.is_symlink():  # never replace a file (the database itself, an older package)
            raise ValidationError("A file already exists at that path", code="earchive.out_exists")
        if not out.parent.is_dir():
            raise ValidationError("The folder does not exist", code="earchive.no_folder")
        written = False
        try:
            with self.tx() as tx:
                tx.require(Act.EXPORT, Rec.RETENTION)
                cases = [tx.get(Case, case_id) for case_id in ids]
                still_open = [c.reference for c in cases if not CASE_MACHINES[c.kind].is_closed(c.status)]
                if still_open:
                    raise ValidationError("Only closed cases can be handed over to the e-archive",
                                          code="earchive.case_open", references=still_open)
                created_at = pkg.utc_now_text()
                builder = pkg.PackageBuilder()
                summaries: list[dict[str, Any]] = []
                counts: dict[int, dict[str, int]] = {}
                for case in sorted(cases, key=lambda c: c.reference):
                    summary, counts[case.id] = self._add_case(tx, builder, case, created_at, render_protocol)
                    summaries.append(summary)
                builder.add_schemas()
                producer = f"{PRODUCER} {__version__}"
                builder.add(pkg.README, readme_text(format=pkg.FORMAT, version=pkg.VERSION, created_at=created_at,
                                                    producer=producer, cases=len(cases)),
                            "Swedish and English: what this package is and how to open it")
                head = {
                    "created_at": created_at,
                    "producer": {"name": PRODUCER, "version": __version__},
                    "organisation": organisation_name(tx.session),
                    "exported_by": {"username": self.actor.username, "roles": sorted(self.actor.roles)},
                    "description": ("Closed cases handed over to the e-archive before disposal (gallring). "
                                    "See README.txt. Not an FGS SIP; README.txt says how it maps to FGS."),
                    "cases": summaries,
                }
                data = builder.zip_bytes(head)
                meta = {"kind": pkg.FORMAT, "version": pkg.VERSION, "created_at": created_at,
                        "producer": producer, "cases": len(cases)}
                pkg.seal(out, data, passphrase, meta)
                written = True
                for case in cases:
                    tx.audit("EARCHIVE_EXPORT", entity="case", entity_id=case.id, case_id=case.id,
                             person_id=case.person_id, flags=["EXPORT"], detail=counts[case.id])
        except BaseException:
            if written:
                out.unlink(missing_ok=True)
            raise
        return EArchiveInfo(path=out, references=tuple(s["reference"] for s in summaries),
                            protocols=sum(len(s["protocols"]) for s in summaries),
                            files=len(builder.files) + 1, size=out.stat().st_size, created_at=created_at)

    # -- one case ---------------------------------------------------------------------------------

    def _add_case(self, tx: Tx, builder: pkg.PackageBuilder, case: Case, created_at: str,
                  render_protocol: ProtocolRenderer) -> tuple[dict[str, Any], dict[str, int]]:
        exporter = Exporter(tx, None)  # no facts: the whole record, nothing withheld
        record = exporter.document([case], scope="case")
        folder = pkg.case_folder(case.reference)
        protocols = []
        for meeting, document in self._protocols(tx, case):
            name = f"{meeting.starts_at:%Y-%m-%d}-{meeting.id}.pdf"
            path = f"{folder}/protocols/{name}"
            digest = builder.add(path, render_protocol(document),
                                 f"Justerat protokoll, fullständig version ({case.reference}, "
                                 f"{meeting.starts_at:%Y-%m-%d})")
            protocols.append({"meeting": exporter.meeting_ids.get(meeting.id), "starts_at": iso_local(meeting.starts_at),
                              "file": f"protocols/{name}", "sha256": digest, "content_hash": meeting.content_hash})
        case_doc = {
            "format": pkg.CASE_FORMAT, "version": pkg.VERSION, "exported_at": created_at,
            "reference": case.reference, "kind": case.kind, "status": case.status,
            "closed_on": iso_date(case.closed_at), "closure_reason": case.closure_reason,
            "legal_hold": bool(case.legal_hold), "protocols": protocols, "record": record,
        }
        builder.add(f"{folder}/case.json", pkg.json_bytes(case_doc),
                    f"The case {case.reference} and everything recorded in it (schema: {pkg.CASE_SCHEMA_PATH})")
        summary = {"reference": case.reference, "kind": case.kind, "closed_on": iso_date(case.closed_at),
                   "folder": folder, "case_json": f"{folder}/case.json",
                   "protocols": [f"{folder}/{p['file']}" for p in protocols]}
        counts = {key: n for key, n in sorted(exporter.counts.items()) if key not in ("cases", "units")}
        counts["protocols"] = len(protocols)
        return summary, counts

    def _protocols(self, tx: Tx, case: Case) -> list[tuple[Meeting, ProtocolDocument]]:
        """The case's justerade protocols as full-version documents (the archive copy)."""
        meetings = list(tx.session.scalars(select(Meeting).where(
            Meeting.case_id == case.id, Meeting.protocol_status == "JUSTERAT").order_by(Meeting.starts_at, Meeting.id)))
        if not meetings:
            return []
        archive_tx = _ArchiveTx(session=tx.session, actor=tx.actor, db=tx.db, today=tx.today,
                                emergency_cases=tx.emergency_cases, pending_audit=tx.pending_audit)
        facts = tx.case_facts(case)
        assembler = ProtocolService(self.db, self.actor, today=self._today)
        out = []
        for meeting in meetings:
            document = assembler.full_document_in(archive_tx, meeting, case, facts)
            out.append((meeting, dataclasses.replace(document, recipient=ARCHIVE_COPY)))
        return out


def _candidate(case: Case) -> EArchiveCandidate:
    closed = CASE_MACHINES[case.kind].is_closed(case.status)
    return EArchiveCandidate(id=case.id, reference=case.reference, kind=case.kind, status=case.status,
                             closed_on=iso_date(case.closed_at), open=not closed)

