"""The benchmark's deterministic dataset: a municipality at XL, M, S (or TINY, for tests) scale.

The cases, persons, consents, plans and most meetings come from the demo generator
(``services.demo``), which already builds a realistic, consistent municipality. The
bulk the demo does not make (journal entries beyond ~2 per case, the rest of the
meetings and the 2,000,000 audit events of a few years of use) is written here with
raw ``executemany`` batches: going through the services would take hours.

The audit events carry a CORRECT HMAC chain continuing from the demo's head, and
the head in ``meta`` is moved with every batch, so ``audit verify`` passes on the
result (the benchmark checks that). Generation is slow at XL, so a dataset in the
output folder is reused when its scale, seed and format version match.
"""

from __future__ import annotations

import json
import random
import time
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Callable

from ..paths import key_file_for
from ..services.audit import GENESIS, META_AUDIT_HEAD, compute_mac
from ..services.database import Database, init_database, open_engine
from ..services.demo import DemoService
from ..services.demo.texts import JOURNAL
from ..services.users import UserService
from ..store.engine import raw
from ..vault.kdf import FLOOR
from ..vault.keyfile import KeyFile

#: Bump when the generated content changes, so an old dataset is not reused.
FORMAT_VERSION = 3  # 3: SSPF youths 12–20 on the reference date, guardians only for minors (issue 16)
DB_NAME = "bench.db"
INFO_NAME = "dataset.json"
#: The fixed "today" of the dataset and of every service call in the benchmark.
TODAY = date(2026, 11, 20)
ADMIN = "admin"
ADMIN_PASSWORD = "bench admin password 1"
PASSWORD = "Trygg-bench-2026"
#: A coordinator of every kind in every demo unit: sees all the cases (worst case for lists).
COORDINATOR = "benchkoordinator"
BATCH = 20_000


@dataclass(frozen=True)
class Scale:
    name: str
    cases: int
    persons: int
    journal: int
    meetings: int
    audit: int
    extract_journal: int  # journal entries on the register-extract person's case (≈ 100 pages at XL)


SCALES = {
    "XL": Scale("XL", 10_000, 20_000, 200_000, 30_000, 2_000_000, 3_000),
    "M": Scale("M", 2_000, 4_000, 40_000, 6_000, 400_000, 3_000),
    "S": Scale("S", 500, 1_000, 10_000, 1_500, 100_000, 3_000),
    "TINY": Scale("TINY", 40, 80, 400, 60, 2_000, 30),
}


@dataclass
class DatasetInfo:
    scale: str
    seed: int
    version: int
    counts: dict[str, int]
    extract_pnr: str
    extract_case_id: int
    open_case_id: int
    seconds: float

    def save(self, folder: Path) -> None:
        (folder / INFO_NAME).write_text(json.dumps(asdict(self), indent=2), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> "DatasetInfo | None":
        try:
            return cls(**json.loads((folder / INFO_NAME).read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            return None


def _wipe(folder: Path) -> None:
    for name in (DB_NAME, "plain.db"):
        for suffix in ("", "-wal", "-shm", "-journal", ".keys"):
            (folder / (name + suffix)).unlink(missing_ok=True)
    (folder / INFO_NAME).unlink(missing_ok=True)


def ensure_dataset(folder: Path, scale: Scale, seed: int, *, log: Callable[[str], None] = print) -> DatasetInfo:
    """The dataset in ``folder``: reused when it matches, else generated anew."""
    folder.mkdir(parents=True, exist_ok=True)
    info = DatasetInfo.load(folder)
    if (info is not None and info.scale == scale.name and info.seed == seed and info.version == FORMAT_VERSION
            and (folder / DB_NAME).exists() and key_file_for(folder / DB_NAME).exists()):
        log(f"dataset: reusing {folder / DB_NAME} ({scale.name}, seed {seed})")
        _top_up_extract(folder, info, scale, seed, log)
        return info
    _wipe(folder)
    started = time.perf_counter()
    db, admin, _recovery = init_database(folder / DB_NAME, ADMIN, ADMIN_PASSWORD, kdf_params=FLOOR)
    try:
        log(f"dataset: demo generator, {scale.cases} cases …")
        DemoService(db, admin, today=TODAY).generate(cases=scale.cases, seed=seed, password=PASSWORD)
        UserService(db, admin, today=TODAY).add_user(
            COORDINATOR, PASSWORD, agency="SOC",
            roles=["SSPF_KOORDINATOR", "TREFAS_KOORDINATOR", "AVHOPPARSAMORDNARE", "ORDFORANDE"],
            units=_demo_unit_ids(db), display_name="Bench Koordinator", title="Samordnare", kdf_params=FLOOR)
        rng = random.Random(seed * 1_000_003 + 7)
        with raw(db.engine) as conn:
            conn.execute("PRAGMA cache_size = -262144")
            extract_pnr, extract_case = _extract_subject(conn)
            log("dataset: persons, journal entries, meetings …")
            _top_up_persons(conn, rng, scale.persons)
            _top_up_journal(conn, rng, scale.journal, extract_case, scale.extract_journal)
            _top_up_meetings(conn, rng, scale.meetings)
            log(f"dataset: audit events up to {scale.audit:,} …")
            _top_up_audit(conn, rng, db.audit.key, scale.audit, log)
            counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # noqa: S608 (fixed names)
                      for t in ("person", "case_file", "journal_entry", "meeting", "agenda_item", "audit_event")}
            open_case = _typical_case(conn, extract_case)
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            conn.execute("ANALYZE")
    finally:
        db.close()
    info = DatasetInfo(scale=scale.name, seed=seed, version=FORMAT_VERSION, counts=counts,
                       extract_pnr=extract_pnr, extract_case_id=extract_case, open_case_id=open_case,
                       seconds=round(time.perf_counter() - started, 1))
    info.save(folder)
    log(f"dataset: ready in {info.seconds:.0f} s: {counts}")
    return info


def dataset_key(folder: Path) -> tuple[KeyFile, bytes]:
    """The benchmark file's key file and its DEK, unlocked with the coordinator's password."""
    keyfile = KeyFile.load(key_file_for(folder / DB_NAME))
    _slot, dek = keyfile.unlock_user(COORDINATOR, PASSWORD)
    return keyfile, dek


def open_dataset(folder: Path) -> Database:
    """The encrypted benchmark file, opened as the app does after the KDF."""
    keyfile, dek = dataset_key(folder)
    return open_engine(folder / DB_NAME, bytearray(dek), keyfile)


def _top_up_extract(folder: Path, info: DatasetInfo, scale: Scale, seed: int, log: Callable[[str], None]) -> None:
    """A dataset made when the extract case had fewer entries (1,400 gave 48 pages, not ~100)
    gets the rest; the plain twin is then exported again."""
    db = open_dataset(folder)
    try:
        with raw(db.engine) as conn:
            have = conn.execute("SELECT count(*) FROM journal_entry WHERE case_id = ?",
                                (info.extract_case_id,)).fetchone()[0]
            if have >= scale.extract_journal:
                return
            log(f"dataset: {scale.extract_journal - have} more journal entries on the register-extract case")
            rng = random.Random(seed * 1_000_003 + 11)
            total = conn.execute("SELECT count(*) FROM journal_entry").fetchone()[0]
            _top_up_journal(conn, rng, total + scale.extract_journal - have, info.extract_case_id,
                            scale.extract_journal - have)
            info.counts["journal_entry"] = conn.execute("SELECT count(*) FROM journal_entry").fetchone()[0]
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    finally:
        db.engine.dispose()
    info.save(folder)
    (folder / "plain.db").unlink(missing_ok=True)


def ensure_indexes(conn) -> list[str]:
    """Create any index of the ORM models that a reused file lacks (a dataset generated while
    migration 0007 was still a no-op is stamped 0007 without its index). Returns the names made."""
    from sqlalchemy.dialects import sqlite
    from sqlalchemy.schema import CreateIndex

    from ..store.models import Base
    have = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    made = []
    for table in Base.metadata.sorted_tables:
        for index in table.indexes:
            if index.name not in have:
                conn.execute(str(CreateIndex(index, if_not_exists=True).compile(dialect=sqlite.dialect())))
                made.append(str(index.name))
    return made


def _demo_unit_ids(db: Database) -> list[int]:
    with raw(db.engine) as conn:
        return [r[0] for r in conn.execute("SELECT id FROM unit WHERE case_kind IS NOT NULL ORDER BY id")]


def _extract_subject(conn) -> tuple[str, int]:
    """The youth of the first SSPF case with a personnummer: the register-extract subject."""
    row = conn.execute("SELECT p.pnr, c.id FROM case_file c JOIN person p ON p.id = c.person_id "
                       "WHERE c.kind = 'SSPF' AND p.pnr IS NOT NULL AND p.protected_identity = 'NONE' "
                       "ORDER BY c.id LIMIT 1").fetchone()
    return row[0], row[1]


def _typical_case(conn, exclude: int) -> int:
    """The case to open: the one with the most journal entries apart from the extract case
    (a busy, realistic case: every tab has rows)."""
    return conn.execute("SELECT case_id FROM journal_entry WHERE case_id != ? GROUP BY case_id "
                        "ORDER BY count(*) DESC, case_id LIMIT 1", (exclude,)).fetchone()[0]


def _insert(conn, table: str, rows: list[dict]) -> None:
    if not rows:
        return
    cols = list(rows[0])
    sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"  # noqa: S608
    for start in range(0, len(rows), BATCH):
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(sql, [tuple(r[c] for c in cols) for r in rows[start:start + BATCH]])
        conn.execute("COMMIT")


def _stamp(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


def _top_up_persons(conn, rng: random.Random, target: int) -> None:
    """Persons without a case (siblings, former guardians) up to ``target``; reserve ids only."""
    have = conn.execute("SELECT count(*) FROM person").fetchone()[0]
    first = ("Alva", "Elsa", "Saga", "Noah", "Liam", "Hugo", "Omar", "Sara", "Leo", "Maja", "Ali", "Nora")
    last = ("Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
            "Svensson", "Gustafsson", "Hassan", "Mohammed", "Lindberg", "Berg")
    now = _stamp(datetime(2026, 1, 1))
    rows = [dict(reserve_id=f"BENCH-{i:07d}", first_name=rng.choice(first), last_name=rng.choice(last),
                 legal_gender="OKAND", protected_identity="NONE", created_at=now, updated_at=now)
            for i in range(max(0, target - have))]
    _insert(conn, "person", rows)


def _top_up_journal(conn, rng: random.Random, target: int, extract_case: int, extract_entries: int) -> None:
    cases = conn.execute("SELECT c.id, c.kind, p.first_name, c.referral_date FROM case_file c "
                         "JOIN person p ON p.id = c.person_id ORDER BY c.id").fetchall()
    authors = conn.execute("SELECT id, display_name, title, agency_code FROM user_account "
                           "WHERE agency_code IS NOT NULL ORDER BY id").fetchall()
    by_agency: dict[str, list] = {}
    for a in authors:
        by_agency.setdefault(a[3], []).append(a)
    have = conn.execute("SELECT count(*) FROM journal_entry").fetchone()[0]
    fill = {"plats": "fritidsgården", "manad": "oktober", "brott": "skadegörelse", "pct": 70, "sport": "fotboll",
            "fritid": "fritidsgården", "datum": TODAY.isoformat()}
    kinds = {kind: [(agency, texts) for (k, agency), texts in JOURNAL.items() if k == kind] for kind in
             ("SSPF", "TREFAS", "AVHOPPARE")}
    case_by_id = {c[0]: c for c in cases}
    picks = [extract_case] * extract_entries
    picks += [rng.choice(cases)[0] for _ in range(max(0, target - have - extract_entries))]
    rows = []
    for case_id in picks:
        _cid, kind, name, referral = case_by_id[case_id]
        agency, texts = rng.choice(kinds.get(kind) or kinds["SSPF"])
        author = rng.choice(by_agency.get(agency) or authors)
        start = date.fromisoformat(str(referral)[:10])
        day = start + timedelta(days=rng.randint(0, max(0, (TODAY - start).days)))
        text = rng.choice(texts).format(**{**fill, "namn": name})
        written = datetime.combine(day, datetime.min.time()) + timedelta(hours=rng.randint(8, 17))
        rows.append(dict(case_id=case_id, event_date=day.isoformat(), written_at=_stamp(written),
                         author_user_id=author[0], author_name=author[1], author_title=author[2],
                         entry_type="ANTECKNING", text=text, source=None, owning_agency=author[3],
                         visibility="SHARED" if rng.random() < 0.6 else "INTERNAL",
                         information_category=_category(agency), corrects_id=None))
    _insert(conn, "journal_entry", rows)


def _category(agency: str) -> str:
    from ..domain import vocab
    return vocab.AGENCY_DEFAULT_CATEGORY.get(agency, "SOCIAL")


def _top_up_meetings(conn, rng: random.Random, target: int) -> None:
    """Case meetings with three agenda items each, spread over the cases' lifetimes."""
    have = conn.execute("SELECT count(*) FROM meeting").fetchone()[0]
    cases = conn.execute("SELECT id, unit_id, referral_date, responsible_user_id FROM case_file ORDER BY id").fetchall()
    next_id = (conn.execute("SELECT max(id) FROM meeting").fetchone()[0] or 0) + 1
    meetings, items = [], []
    for mid in range(next_id, next_id + max(0, target - have)):
        case_id, unit_id, referral, user_id = rng.choice(cases)
        start = date.fromisoformat(str(referral)[:10])
        day = start + timedelta(days=rng.randint(0, max(0, (TODAY - start).days) + 30))
        starts = datetime.combine(day, datetime.min.time()) + timedelta(hours=rng.randint(8, 15))
        held = day <= TODAY
        meetings.append(dict(id=mid, case_id=case_id, unit_id=unit_id, meeting_type="UPPFOLJNINGSMOTE",
                             starts_at=_stamp(starts), ends_at=_stamp(starts + timedelta(hours=1)),
                             place="Socialkontoret, rum 3", chair_user_id=user_id, secretary_user_id=user_id,
                             adjuster_user_id=None, anonymised=0, protocol_status="JUSTERAT" if held else "UTKAST",
                             next_meeting_at=None, next_meeting_place=None, guardians_informed=None,
                             justerat_at=_stamp(starts + timedelta(days=2)) if held else None, content_hash=None,
                             created_by=user_id, created_at=_stamp(starts - timedelta(days=7))))
        for number, heading in enumerate(("Mötets öppnande", "Uppföljning av planen", "Övrigt"), start=1):
            items.append(dict(meeting_id=mid, number=number, heading=heading,
                              note="Genomgång av läget sedan förra mötet." if number == 2 else None,
                              decision="Planen fortsätter oförändrad." if number == 2 else None,
                              owning_agency="SOC", visibility="SHARED"))
    _insert(conn, "meeting", meetings)
    _insert(conn, "agenda_item", items)


_ACTIONS = (("CASE_READ", "case", 0.35), ("CASE_LIST", "case", 0.2), ("JOURNAL_READ", "journal", 0.15),
            ("JOURNAL_CREATE", "journal", 0.1), ("DASHBOARD_READ", "dashboard", 0.1), ("LOGIN", "user", 0.05),
            ("PROTOCOL_UPDATE", "meeting", 0.05))


def _top_up_audit(conn, rng: random.Random, key: bytes, target: int, log: Callable[[str], None]) -> None:
    """Audit events up to ``target``, chained from the current head, in batches that move the head."""
    users = conn.execute("SELECT u.id, u.username, u.agency_code, group_concat(r.role) FROM user_account u "
                         "JOIN user_role r ON r.user_id = u.id GROUP BY u.id ORDER BY u.id").fetchall()
    cases = conn.execute("SELECT id, person_id FROM case_file ORDER BY id").fetchall()
    head = conn.execute("SELECT value FROM meta WHERE key = ?", (META_AUDIT_HEAD,)).fetchone()
    seq, prev = (0, GENESIS) if head is None else (int(head[0].split(":", 1)[0]), head[0].split(":", 1)[1])
    todo = max(0, target - seq)
    start = datetime(2023, 1, 2, 7, 0)
    step = (datetime(2026, 11, 1) - start) / max(1, todo)
    names = ("seq", "ts", "user_id", "username", "role", "agency", "action", "entity", "entity_id", "case_id",
             "person_id", "purpose", "detail", "workstation", "flags", "mac")
    sql = f"INSERT INTO audit_event ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"  # noqa: S608
    weights = [w for _a, _e, w in _ACTIONS]
    done = 0
    while done < todo:
        batch = []
        for _ in range(min(50_000, todo - done)):
            seq += 1
            done += 1
            user = rng.choice(users)
            action, entity, _w = rng.choices(_ACTIONS, weights)[0]
            case_id, person_id = rng.choice(cases) if entity in ("case", "journal") else (None, None)
            roles = ",".join(sorted(user[3].split(",")))
            ev = dict(seq=seq, ts=_stamp(start + step * done), user_id=user[0], username=user[1], role=roles,
                      agency=user[2], action=action, entity=entity,
                      entity_id=str(case_id) if action == "CASE_READ" else None, case_id=case_id,
                      person_id=person_id, purpose="case_view" if action == "CASE_READ" else None,
                      detail='{"rows":50}' if action == "CASE_LIST" else None, workstation="bench-ws01", flags=None)
            prev = ev["mac"] = compute_mac(key, ev, prev)
            batch.append(tuple(ev[n] for n in names))
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(sql, batch)
        conn.execute("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                     (META_AUDIT_HEAD, f"{seq}:{prev}"))
        conn.execute("COMMIT")
        if done % 500_000 < 50_000:
            log(f"dataset: audit {seq:,}")
