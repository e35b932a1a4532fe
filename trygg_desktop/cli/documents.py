"""CLI commands for documents: a protocol PDF (per recipient), a register extract, the meeting list.

The services decide the content, record disclosures and write the audit events;
the PDF comes from ``reports``. A file written here is NOT encrypted, so every
command that writes one says so on stderr.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..domain import vocab
from ..api.errors import EXIT_OK, NotFound, ValidationError
from ..vault.private_file import write_private
from . import io
from .commands import session


def _warn_plaintext(path: Path) -> None:
    io.err(f"VARNING: {path} är inte krypterad och innehåller sekretessbelagda personuppgifter. "
           "Förvara och radera den säkert.")


def _write(path: Path, data: bytes) -> None:
    """Owner-only (0600) and atomic; a symbolic link at ``path`` is refused (``file.unsafe_target``)."""
    try:
        write_private(path, data)
    except OSError as exc:
        raise ValidationError(f"Kan inte skriva {path.name}: {exc.strerror}", code="document.write") from None


def cmd_protocol(args: argparse.Namespace) -> int:
    from ..reports.protocol import render_protocol
    with session(args) as s:
        document = s.protocols.protocol(
            args.meeting, for_agency=args.for_agency, disclose=True, legal_basis=args.legal_basis)
    data = render_protocol(document)
    out = Path(args.out)
    _write(out, data)
    io.out(f"Protokollet är sparat: {out} ({document.recipient}).")
    for line in document.omitted:
        io.out(f"  {line}")
    _warn_plaintext(out)
    return EXIT_OK


def cmd_extract(args: argparse.Namespace) -> int:
    from ..reports.register_extract import render_extract
    with session(args) as s:
        extract = s.extract.collect(args.person)
    data = render_extract(extract)
    out = Path(args.out)
    _write(out, data)
    written = [out]
    if args.json:
        json_path = Path(args.json)
        _write(json_path, json.dumps(extract.data, ensure_ascii=False, indent=2).encode("utf-8"))
        written.append(json_path)
    io.out(f"Registerutdraget är sparat: {', '.join(str(p) for p in written)}.")
    if extract.withheld:
        io.out("Undantaget efter sekretessprövning:")
        for line in extract.withheld:
            io.out(f"  {line}")
    for path in written:
        _warn_plaintext(path)
    return EXIT_OK


def cmd_meeting_list(args: argparse.Namespace) -> int:
    from ..api.inputs import CaseFilter
    with session(args) as s:
        case_id = None
        if args.case:
            rows, _total = s.cases.list(CaseFilter(query=args.case, limit=50))
            match = next((r for r in rows if r.reference.lower() == args.case.strip().lower()), None)
            if match is None:
                raise NotFound("No such case", code="case.not_found")
            case_id = match.id
        meetings = s.meetings.list(case_id=case_id)
    rows = [{"id": m.id, "starts_at": m.starts_at, "meeting_type": m.meeting_type,
             "case_reference": m.case_reference, "protocol_status": m.protocol_status,
             "anonymised": m.anonymised} for m in meetings]
    if args.json:
        io.out_json(rows)
        return EXIT_OK
    io.table([[str(m.id), f"{m.starts_at:%Y-%m-%d %H.%M}", vocab.MEETING_TYPES.label(m.meeting_type),
               m.case_reference or "(gruppnivå)", vocab.PROTOCOL_STATUSES.label(m.protocol_status)]
              for m in meetings], ["id", "datum", "mötestyp", "ärende", "protokoll"])
    io.out(f"{len(meetings)} möten")
    return EXIT_OK
