"""``trygg-desktop --demo``: a demo database in the user data folder, ready to explore.

Creates the database the first time (admin account, demo accounts for every role,
synthetic cases) and opens it in the window, whose unlock screen lists the demo
accounts; ``--demo --terminal`` shows what the SSPF coordinator sees in the terminal.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..domain import vocab
from ..api.errors import EXIT_OK
from ..paths import user_data_dir
from ..api.inputs import CaseFilter
from ..api.operations import init_database, unlock
from ..api.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, EST_DEMO_ACCOUNTS
from ..api.facade import Services
from . import io

DEMO_CASES = 300


def demo_path() -> Path:
    return user_data_dir() / "demo" / "trygg-demo.db"


def ensure_demo(path: Path, password: str) -> bool:
    """Create the demo database if it is missing; True when it was created now."""
    if path.exists():
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    io.out(f"Skapar demodatabasen {path} …")
    db, admin, _recovery = init_database(path, "admin", password, admin_display_name="Demo-administratör")
    try:
        summary = Services(db, admin).demo.generate(cases=DEMO_CASES, seed=1, password=password, est=True)
    finally:
        db.close()
    io.out(f"  {summary.cases} ärenden, {summary.persons} personer, {summary.meetings} möten, "
           f"{summary.est_incidents} EST-händelser ({summary.seconds:.1f} s).")
    return True


def run_demo(gui: bool = True) -> int:
    password = os.environ.get("TRYGG_NEW_PASSWORD") or DEMO_PASSWORD
    path = demo_path()
    ensure_demo(path, password)
    if gui:
        from ..app import run_gui
        return run_gui(path, demo=True)
    db, actor = unlock(path, "samordnare", password, purpose="demo")
    try:
        s = Services(db, actor)
        rows, total = s.cases.list(CaseFilter(limit=15, open_only=True, order_by="referral_date", descending=True))
    finally:
        db.close()
    io.out("")
    io.out(f"Inloggad som {actor.display_name} ({', '.join(vocab.ROLES.label(r) for r in sorted(actor.roles))}).")
    io.out(f"Öppna ärenden ({len(rows)} av {total}):")
    io.table([[r.reference, vocab.CASE_STATUSES[r.kind].label(r.status), r.person_name, r.pnr_display or "",
               r.unit_name, r.consent_light] for r in rows],
             ["referens", "status", "namn", "personnummer", "enhet", "samtycke"])
    io.out("")
    io.out(f"Demokonton (lösenord: {password}):")
    io.table([[name, spec[3], vocab.AGENCIES.label(spec[0]), ", ".join(vocab.ROLES.label(r) for r in spec[1])]
              for name, spec in {**DEMO_ACCOUNTS, **EST_DEMO_ACCOUNTS}.items()],
             ["användare", "namn", "myndighet", "roller"])
    io.out("")
    io.out("Prova en annan roll, t.ex.:")
    io.out(f'  TRYGG_PASSWORD="{password}" trygg-desktop case list --db "{path}" --as polis')
    io.out(f'  TRYGG_PASSWORD="{password}" trygg-desktop est report --db "{path}" --as trygghetssamordnare '
           '--week <ÅÅÅÅ-Wvv> --out lagesbild.pdf')
    return EXIT_OK
