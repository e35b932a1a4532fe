"""CLI for gallring: the dry run, the approved run, the rule table and legal holds.

    trygg-desktop gallring --db PATH --as USER --dry-run [--json]
    trygg-desktop gallring --db PATH --as USER --approve [--case REF ...]
    trygg-desktop gallring rules --db PATH --as USER [--set TYPE=YEARS ...] [--enable TYPE] [--disable TYPE]
                                 [--research-sample TYPE=on|off]
    trygg-desktop legal-hold --db PATH --as USER --case REF (--set --reason TEXT | --clear)
    trygg-desktop legal-hold --db PATH --as USER --list

``--approve`` is the archive manager's decision in writing: without the APPROVE
capability on gallring the service refuses (exit 3, ``access.no_capability``).
Output is metadata only (case references, dates, rules, counts).
"""

from __future__ import annotations

import argparse
from typing import Callable

from ..domain import retention as R
from ..domain import vocab
from ..domain.timefmt import fmt_date
from ..api.errors import EXIT_OK, ValidationError
from . import io
from .commands import session


def register(sub: argparse._SubParsersAction, common: Callable[..., None]) -> None:
    g = sub.add_parser("gallring", help="retention: list due records (--dry-run) or dispose them (--approve)")
    g.add_argument("--db", help="path to the database file")
    g.add_argument("--as", dest="as_user", metavar="USER", help="the acting user")
    g.add_argument("--password-file", help="read the acting user's password from this file")
    mode = g.add_mutually_exclusive_group()
    mode.add_argument("--dry-run", action="store_true", help="list what is due; change nothing")
    mode.add_argument("--approve", action="store_true",
                      help="dispose every due record that is not held (or only --case REF ...): irreversible")
    g.add_argument("--case", action="append", default=[], metavar="REF", help="with --approve: only these cases")
    g.add_argument("--json", action="store_true")
    g.set_defaults(func=cmd_gallring)
    rules_sub = g.add_subparsers(dest="gallring_command")
    p = rules_sub.add_parser("rules", help="show or change the retention rules")
    common(p)
    p.add_argument("--set", action="append", default=[], metavar="TYPE=YEARS")
    p.add_argument("--enable", action="append", default=[], metavar="TYPE")
    p.add_argument("--disable", action="append", default=[], metavar="TYPE")
    p.add_argument("--research-sample", action="append", default=[], metavar="TYPE=on|off",
                   help="keep people born on the 5th, 15th or 25th (SoF 7 kap.) under this rule")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_rules)

    p = sub.add_parser("legal-hold", help="set, clear or list legal holds (stops gallring of a case)")
    common(p)
    p.add_argument("--case", metavar="REF")
    action = p.add_mutually_exclusive_group(required=True)
    action.add_argument("--set", action="store_true")
    action.add_argument("--clear", action="store_true")
    action.add_argument("--list", action="store_true")
    p.add_argument("--reason", help="with --set: why the case must be kept (no names or personnummer)")
    p.set_defaults(func=cmd_legal_hold)


def _usage(message: str, code: str) -> None:
    raise io.UsageError(message, code=code)


def _print_due(records: list) -> None:
    rows = [[d.case_ref, vocab.RETENTION_RECORD_TYPES.label(d.record_type), str(d.closed_at or ""),
             str(d.last_entry or ""), f"{d.rule_years} år {vocab.RETENTION_START_EVENTS.label(d.rule_start_event)}",
             str(d.due_date), str(d.deadline) + (" (passerad)" if d.overdue else ""),
             fmt_date(d.archived_at) if d.archived_at else "ej överlämnat",
             vocab.RETENTION_BLOCKS.label(d.blocked_by) if d.blocked_by else "gallras"] for d in records]
    io.table(rows, ["Ärende", "Typ", "Avslutat", "Sista anteckning", "Regel", "Gallringsdag", "Senast",
                    "E-arkiv", "Status"])


def cmd_gallring(args: argparse.Namespace) -> int:
    if not args.db or not args.as_user:
        _usage("gallring kräver --db och --as", "usage.gallring_db")
    if not (args.dry_run or args.approve):
        _usage("Välj --dry-run eller --approve", "usage.gallring_mode")
    if args.case and not args.approve:
        _usage("--case hör ihop med --approve", "usage.gallring_case")
    with session(args) as s:
        svc = s.retention
        if args.approve:
            # Refuse before listing anything: the run needs the approval right.
            due = svc.due()
            wanted = {ref.strip().lower() for ref in args.case}
            unknown = wanted - {d.case_ref.lower() for d in due}
            if unknown:
                raise ValidationError("Ett ärende som angetts med --case är inte gallringsbart ännu", code="retention.case_not_due")
            keys = [d.key for d in due if not d.blocked_by and (not wanted or d.case_ref.lower() in wanted)]
            if not keys:
                io.out("Inget att gallra.")
                return EXIT_OK
            result = svc.run(keys, approver=s.actor.username)
            if args.json:
                io.out_json(result)
                return EXIT_OK
            io.out(f"Gallringskörning {result.run_id}: {len(result.disposed)} gallrade, "
                   f"{result.persons_deleted} personer borttagna ur registret.")
            for log in result.disposed:
                io.out(f"  {log.record_ref}  ({vocab.RETENTION_RECORD_TYPES.label(log.record_type)}, "
                       f"gallringsdag {log.due_date}, {sum(log.counts.values())} rader)")
            for key, reason in result.skipped:
                io.out(f"  hoppades över: {key} ({reason})")
            return EXIT_OK
        due = svc.due()
    if args.json:
        io.out_json(due)
        return EXIT_OK
    _print_due(due)
    blocked = sum(1 for d in due if d.blocked_by)
    io.out(f"\n{len(due) - blocked} att gallra, {blocked} bevaras (bevarandebeslut eller forskningsurval). "
           "Inget har ändrats (torrkörning).")
    return EXIT_OK


def _type(value: str) -> str:
    code = value.strip().upper()
    if code not in R.RECORD_TYPES:
        raise ValidationError("Okänd uppgiftstyp", code="retention.unknown_type")
    return code


def cmd_rules(args: argparse.Namespace) -> int:
    # Parse every change before unlocking: a typo is a usage error, nothing is written.
    years: dict[str, int] = {}
    for item in args.set:
        name, sep, value = item.partition("=")
        if not sep or not value.strip().isdigit():
            _usage("--set tar TYP=ÅR", "usage.rule_set")
        years[_type(name)] = int(value)
    enabled = {_type(n): True for n in args.enable} | {_type(n): False for n in args.disable}
    sample: dict[str, bool] = {}
    for item in args.research_sample:
        name, sep, value = item.partition("=")
        if not sep or value.strip().lower() not in ("on", "off"):
            _usage("--research-sample tar TYP=on eller TYP=off", "usage.rule_sample")
        sample[_type(name)] = value.strip().lower() == "on"
    with session(args) as s:
        svc = s.retention
        current = {r.record_type: r for r in svc.rules()}
        for code in sorted(set(years) | set(enabled) | set(sample)):
            svc.set_rule(code, years.get(code, current[code].years), enabled.get(code, current[code].enabled),
                         research_sample=sample.get(code))
        rules = svc.rules()
    if args.json:
        io.out_json(rules)
        return EXIT_OK
    io.table([[r.record_type, str(r.years), vocab.RETENTION_START_EVENTS.label(r.start_event),
               ("på" if r.enabled else "av") if r.disposable else "gallras inte",
               "ja" if r.research_sample else "nej", r.source] for r in rules],
             ["Typ", "År", "Räknas", "Gallring", "Forskningsurval", "Grund"])
    return EXIT_OK


def cmd_legal_hold(args: argparse.Namespace) -> int:
    if (args.set or args.clear) and not args.case:
        _usage("--set och --clear kräver --case REF", "usage.hold_case")
    if args.set and not args.reason:
        _usage("--set kräver --reason", "usage.hold_reason")
    with session(args) as s:
        svc = s.retention
        if args.list:
            holds = svc.legal_holds()
            io.table([[h.case_ref, h.set_by, fmt_date(h.set_at), h.reason] for h in holds],
                     ["Ärende", "Satt av", "Datum", "Skäl"])
            return EXIT_OK
        if args.set:
            hold = svc.set_legal_hold(args.case, args.reason)
            io.out(f"Bevarandebeslut satt för {hold.case_ref}: ärendet gallras inte.")
        else:
            svc.clear_legal_hold(args.case)
            io.out(f"Bevarandebeslutet för {args.case} är hävt.")
    return EXIT_OK
