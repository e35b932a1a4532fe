"""``trygg-desktop audit …``: verify the chain against anchors, the log review report, sign-off.

* ``audit verify`` recomputes the chain and checks every page, against the
  anchors in ``<db>.anchors`` (read automatically when present) and any anchor
  copies given with ``--anchors``: a database rolled back to an older copy, or
  a log with its newest events cut off, no longer reaches an anchored head and
  fails with exit code 5 (R20).
* ``audit report`` writes the log review report (loggkontroll, R21) as PDF. The
  file is not encrypted, so the command says so, like every PDF command.
  ``--case`` takes the case reference (SSPF-2026-0012); an internal case id (digits
  only, at most nine) is still accepted for scripts. ``--person`` takes a personnummer.
* ``audit signoff`` signs a review off and appends the chain head to the anchor
  list; ``--anchors-out`` also writes a copy to keep somewhere else.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Callable

from ..api.errors import EXIT_INTEGRITY, EXIT_OK, ValidationError
from ..domain.timefmt import fmt_instant, utc_midnight
from ..vault.private_file import write_private
from . import io
from .commands import session

CHAIN_TEXT = {
    "edited": "en händelse är ändrad",
    "deleted": "en händelse saknas",
    "reordered": "händelserna ligger i fel ordning",
    "truncated": "de senaste händelserna är bortklippta eller databasen är återställd till en äldre kopia",
    "anchor_mismatch": "en händelse stämmer inte med ett sparat ankare (databasen är utbytt eller omskriven)",
    "head_mismatch": "kedjans huvud stämmer inte",
}


def register(sub: argparse._SubParsersAction, common: Callable[[argparse.ArgumentParser], None]) -> None:
    """The ``audit`` command group (called from ``build_parser``)."""
    audit = sub.add_parser("audit", help="the audit log").add_subparsers(dest="audit_command", required=True)
    p = audit.add_parser("verify", help="verify the audit chain (against the saved anchors) and every page")
    common(p)
    p.add_argument("--anchors", action="extend", nargs="+", default=[], metavar="FILE",
                   help="anchor lists kept elsewhere; <db>.anchors is always read when present")
    p.set_defaults(func=cmd_audit_verify)

    p = audit.add_parser("report", help="log review report (loggkontroll) as PDF (unencrypted!)")
    common(p)
    _period(p)
    p.add_argument("--user", metavar="USERNAME")
    p.add_argument("--person", metavar="PERSONNUMMER")
    p.add_argument("--case", type=_case_arg, metavar="REF",
                   help="case reference, e.g. SSPF-2026-0012 (an internal case id also works)")
    p.add_argument("--action")
    p.add_argument("--flagged-only", action="store_true", help="list only the flagged events")
    p.add_argument("--all-rows", action="store_true", help="also list every event (up to the row limit)")
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    p.set_defaults(func=cmd_audit_report)

    p = audit.add_parser("signoff", help="sign a log review off and save the chain head as an anchor")
    common(p)
    _period(p)
    p.add_argument("--comment", required=True)
    p.add_argument("--anchors-out", metavar="FILE", help="also write every anchor to this file (keep it elsewhere)")
    p.set_defaults(func=cmd_audit_signoff)
    _emergency(audit, common)


def _emergency(audit: argparse._SubParsersAction, common: Callable[[argparse.ArgumentParser], None]) -> None:
    p = audit.add_parser("emergency", help="emergency access grants (nödåtkomst) with their reasons, for review")
    common(p)
    p.add_argument("--since", type=_date, metavar="YYYY-MM-DD", help="grants from this day on")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_audit_emergency)


def _period(p: argparse.ArgumentParser) -> None:
    p.add_argument("--from", dest="start", required=True, type=_date, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="end", required=True, type=_date, metavar="YYYY-MM-DD",
                   help="the last day of the period (included)")


def _case_arg(value: str) -> int | str:
    """An internal id (digits only, at most nine: shorter than any personnummer) or a reference."""
    value = value.strip()
    return int(value) if value.isdigit() and len(value) <= 9 else value


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def _anchor_files(args: argparse.Namespace) -> list[Path]:
    files = [Path(p) for p in args.anchors]
    for path in files:
        if not path.is_file():
            raise ValidationError(f"Ingen ankarfil {path}", code="anchors.not_found")
    return files


def cmd_audit_verify(args: argparse.Namespace) -> int:
    files = _anchor_files(args)
    from ..api.operations import merge_problems
    with session(args) as s:
        anchors = s.log_review.load_anchors(files)
        report = s.integrity.verify()
        # A damaged file is reported as such; its events cannot be held against anchors.
        anchor_problems = s.log_review.check_anchors(anchors) if anchors and not report.page_problems else []
        problems = merge_problems(report.chain_problems, anchor_problems)
    for problem in report.page_problems:
        io.err(f"Sidfel: {problem}")
    for problem in problems:
        io.err(f"Loggkedjan bruten vid händelse {problem.seq}: {problem.kind} – "
               f"{CHAIN_TEXT.get(problem.kind, problem.kind)}")
    if report.page_problems or problems:
        return EXIT_INTEGRITY
    io.out(f"OK: {report.events} händelser, kedjans huvud {report.last_seq}:{report.head_mac[:16]}…, "
           f"{len(anchors)} ankare stämmer, alla sidor oskadade.")
    return EXIT_OK


def cmd_audit_report(args: argparse.Namespace) -> int:
    from ..reports.audit_report import render_audit_report
    from ..api.inputs import ReviewFilter
    case_id, case_query = (args.case, None) if isinstance(args.case, int) else (None, args.case)
    review_filter = ReviewFilter(start=args.start, end=args.end, username=args.user, person_pnr=args.person,
                                 case_id=case_id, case_query=case_query, action=args.action,
                                 flags_only=args.flagged_only)
    with session(args) as s:
        report = s.log_review.report(review_filter)
        chain = s.log_review.verify()
        s.log_review.record_output("EXPORT", report.period_start, report.period_end)
    data = render_audit_report(report, chain, all_rows=args.all_rows)
    out = Path(args.out)
    try:
        write_private(out, data)  # owner-only (0600), atomic; a symbolic link is refused
    except OSError as exc:
        raise ValidationError(f"Kan inte skriva {out.name}: {exc.strerror}", code="document.write") from None
    io.out(f"Granskningsrapporten är sparad: {out} ({report.total_events} händelser, "
           f"{report.flagged_events} flaggade).")
    if not chain.ok:
        io.err("VARNING: loggkedjan är bruten: " + "; ".join(chain.problems))
    io.err(f"VARNING: {out} är inte krypterad och innehåller uppgifter ur loggen (användare, ärenden). "
           "Förvara och radera den säkert.")
    return EXIT_OK


def cmd_audit_signoff(args: argparse.Namespace) -> int:
    with session(args) as s:
        signed = s.log_review.sign_off(args.start, args.end, args.comment)
        exported = s.log_review.export_anchors(Path(args.anchors_out)) if args.anchors_out else None
    io.out(f"Granskningen är signerad (nr {signed.review_id}): {signed.flagged_count} flaggade händelser.")
    io.out(f"Ankare: händelse {signed.head_seq}, {signed.head_mac}")
    if signed.anchor_file:
        io.out(f"Ankaret är tillagt i {signed.anchor_file}.")
    else:
        io.err("VARNING: ankaret kunde inte sparas bredvid databasen. Spara en kopia med --anchors-out.")
    if exported is not None:
        io.out(f"{exported} ankare är sparade i {args.anchors_out}. Förvara kopian utanför datorn.")
    return EXIT_OK


def cmd_audit_emergency(args: argparse.Namespace) -> int:
    """The log reviewer's list of emergency grants: who, which case, why, for how long.
    The reasons live in the database, never in the audit log (they may name people)."""
    since = utc_midnight(args.since) if args.since else None  # the local day's start, as an instant
    with session(args) as s:
        rows = s.emergency.review(since=since)
    if args.json:
        io.out_json(rows)
        return EXIT_OK
    io.table([[fmt_instant(r.grant.granted_at), r.username, r.agency, r.grant.reference,
               r.grant.purpose, fmt_instant(r.grant.ended_at or r.grant.expires_at),
               r.grant.reason] for r in rows],
             ["beviljad", "användare", "myndighet", "ärende", "syfte", "slut", "skäl"])   # local time
    return EXIT_OK
