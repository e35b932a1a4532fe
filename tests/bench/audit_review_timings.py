"""Log review timings over 1,000,000 audit events (not part of the test run).

    python tests/bench/audit_review_timings.py [--events 1000000] [--dir /tmp/lr-bench]

Builds a database with two units, a few users and 200 cases, then appends the
events with bulk raw inserts and a correct HMAC chain (the same ``compute_mac``
the log uses), spread over one month. Prints the time for: the log review report
of that month, a sign-off, the chain verification with anchors (service), and
``trygg-desktop audit verify`` (CLI, includes the page check and unlock).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("TRYGG_KDF_CALIBRATE", "floor")

from sqlalchemy import select, text  # noqa: E402

from trygg_desktop.services.audit import META_AUDIT_HEAD, compute_mac  # noqa: E402
from trygg_desktop.services.cases import Referral  # noqa: E402
from trygg_desktop.services.database import actor_for, init_database  # noqa: E402
from trygg_desktop.services.facade import Services  # noqa: E402
from trygg_desktop.services.log_review import ReviewFilter  # noqa: E402
from trygg_desktop.services.persons import PersonInput  # noqa: E402
from trygg_desktop.domain import personnummer  # noqa: E402
from trygg_desktop.store.models import Meta, User  # noqa: E402

PASSWORD = "correct horse battery"


class Timer:
    """Wall and CPU time: on a shared machine the CPU time is the figure that carries over."""

    def __enter__(self) -> "Timer":
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc) -> None:
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu

    def __str__(self) -> str:
        return f"{self.wall:.1f} s wall, {self.cpu:.1f} s CPU"
ACTIONS = ["CASE_READ"] * 6 + ["JOURNAL_READ"] * 3 + ["PERSON_READ", "PLAN_PRINT", "LOGIN", "CASE_LIST"]


def build(folder: Path, events: int) -> Path:
    path = folder / "bench.db"
    db, admin, _ = init_database(path, "admin", "admin password 1")
    s = Services(db, admin)
    u1 = s.users.add_unit("SSPF A", agency="SOC", case_kind="SSPF", area="A").id
    s.users.add_unit("SSPF B", agency="SOC", case_kind="SSPF", area="B")
    s.users.add_user("koord", PASSWORD, agency="SOC", roles=["SSPF_KOORDINATOR"], units=["SSPF A"])
    s.users.add_user("granskare", PASSWORD, agency="SOC", roles=["LOGGGRANSKARE"], units=[])
    for i in range(8):
        s.users.add_user(f"user{i}", PASSWORD, agency="SOC", roles=["HANDLAGGARE"],
                         units=["SSPF A" if i < 5 else "SSPF B"])
    with db.session() as ss:
        actors = {u.username: actor_for(u) for u in ss.scalars(select(User))}
    k = Services(db, actors["koord"])
    case_ids, person_ids = [], []
    for i in range(200):
        born = date(2010, 1, 1) + timedelta(days=i * 7)
        pid = k.persons.register(PersonInput("Test", f"Person{i}", pnr=personnummer.make(born, 980 + i % 20)
                                             .long_form(), protected_identity="SKYDDAD_FOLKBOKFORING"
                                             if i % 50 == 0 else "NONE")).id
        case = k.cases.create(Referral(kind="SSPF", person_id=pid, unit_id=u1, referral_date=date(2026, 9, 1)))
        if i % 2 == 0:
            k.cases.assign(case.id, actors[f"user{i % 5}"].user_id)
        case_ids.append(case.id)
        person_ids.append(pid)
    rng = random.Random(1)
    users = [actors[f"user{i}"] for i in range(8)] + [actors["koord"]]
    start = datetime(2026, 10, 1)
    span = 31 * 86400
    with db.session() as ss:
        head = ss.get(Meta, META_AUDIT_HEAD)
        last, prev = head.value.split(":", 1)
        seq = int(last)
    key = db.audit.key
    cols = ("seq", "ts", "user_id", "username", "role", "agency", "action", "entity", "entity_id", "case_id",
            "person_id", "purpose", "detail", "workstation", "flags", "mac")
    sql = text(f"INSERT INTO audit_event ({', '.join(cols)}) VALUES ({', '.join(':' + c for c in cols)})")
    batch: list[dict] = []
    started = time.perf_counter()
    offsets = sorted(rng.randrange(span) for _ in range(events))
    with db.session() as ss:
        for off in offsets:
            seq += 1
            actor = rng.choice(users)
            action = rng.choice(ACTIONS)
            c = rng.randrange(200)
            ev = {"seq": seq, "ts": (start + timedelta(seconds=off, microseconds=seq % 1000))
                  .strftime("%Y-%m-%d %H:%M:%S.%f"),
                  "user_id": actor.user_id, "username": actor.username, "role": actor.role_label,
                  "agency": actor.agency, "action": action, "entity": "case", "entity_id": str(case_ids[c]),
                  "case_id": case_ids[c] if action in ("CASE_READ", "JOURNAL_READ", "PLAN_PRINT") else None,
                  "person_id": person_ids[c], "purpose": None, "detail": None, "workstation": "bench",
                  "flags": "EXPORT" if action == "PLAN_PRINT" else None}
            ev["mac"] = prev = compute_mac(key, ev, prev)
            batch.append(ev)
            if len(batch) == 20_000:
                ss.execute(sql, batch)
                batch.clear()
        if batch:
            ss.execute(sql, batch)
        ss.get(Meta, META_AUDIT_HEAD).value = f"{seq}:{prev}"
    print(f"generated {events:,} events in {time.perf_counter() - started:.1f} s")
    db.close()
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--dir", default="/tmp/lr-bench")
    parser.add_argument("--reuse", action="store_true", help="time again on the database made last time")
    args = parser.parse_args()
    folder = Path(args.dir)
    if args.reuse and (folder / "bench.db").exists():
        path = folder / "bench.db"
    else:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        path = build(folder, args.events)
    from trygg_desktop.services.database import unlock
    db, actor = unlock(path, "granskare", PASSWORD)
    s = Services(db, actor)
    for flags_only in (False, True):
        with Timer() as t:
            r = s.log_review.report(ReviewFilter(date(2026, 10, 1), date(2026, 10, 31), flags_only=flags_only))
        print(f"report (flags_only={flags_only}): {t}; {r.total_events:,} events, "
              f"{r.flagged_events:,} flagged; {dict(r.counts)}", flush=True)
    with Timer() as t:
        r = s.log_review.report(ReviewFilter(date(2026, 10, 1), date(2026, 10, 31), username="user6"))
    print(f"report for one user: {t}; {r.total_events:,} events", flush=True)
    with Timer() as t:
        r = s.log_review.report(ReviewFilter(date(2026, 10, 1), date(2026, 10, 1)))
    print(f"report for one day: {t}; {r.total_events:,} events", flush=True)
    with Timer() as t:
        so = s.log_review.sign_off(date(2026, 10, 1), date(2026, 10, 31), "Benchmark")
    print(f"sign-off: {t}; head {so.head_seq}", flush=True)
    with Timer() as t:
        v = s.log_review.verify()
    print(f"chain verify with anchors (service): {t}; ok={v.ok} events={v.events:,}", flush=True)
    db.close()
    env = dict(os.environ, TRYGG_PASSWORD=PASSWORD)
    t = time.perf_counter()
    before = os.times()
    proc = subprocess.run([sys.executable, "-m", "trygg_desktop", "audit", "verify", "--db", str(path),
                           "--as", "granskare"], env=env, capture_output=True, text=True)
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    print(f"CLI audit verify: {time.perf_counter() - t:.1f} s wall, {cpu:.1f} s CPU; exit {proc.returncode}; "
          f"{proc.stdout.strip()} {proc.stderr.strip()}")


if __name__ == "__main__":
    main()
