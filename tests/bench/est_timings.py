"""EST timings at 100,000 incidents over five years, SQLCipher against plain SQLite (issue 15;
not part of the test run).

    TRYGG_DATA_DIR=DIR trygg-desktop --demo --terminal </dev/null     # once: a demo with the EST year
    TRYGG_DATA_DIR=DIR python tests/bench/est_timings.py [DIR/demo/trygg-demo.db] [--out /tmp/est100k]

Copies the demo database, adds incidents with one bulk insert up to 100,000 (random days of
2022–2026, areas, categories, evening hours), makes the plain twin, and prints the medians of the
weekly and yearly lägesbild, the week's PDF and an import of 10,000 CSV rows on both, with the ratios.
"""
import random
import shutil
import statistics
import sys
import time
from datetime import date, datetime, time as dtime, timedelta, timezone
from pathlib import Path
from sqlalchemy import select, text
from trygg_desktop.paths import key_file_for
from trygg_desktop.services.database import unlock
from trygg_desktop.services.facade import Services
from trygg_desktop.bench.plain import export_plain, open_plain
from trygg_desktop.reports.est_pdf import render_est
from trygg_desktop.store.models import EstArea, EstCategory, User

args = [a for a in sys.argv[1:] if not a.startswith("--out")]
src = Path(args[0]) if args else Path.home() / ".local/share/TryggDesktop/demo/trygg-demo.db"
folder = Path(next((a.split("=", 1)[1] for a in sys.argv[1:] if a.startswith("--out=")), "/tmp/est100k"))
folder.mkdir(parents=True, exist_ok=True)
db_path = folder / "est.db"
for p in folder.glob("est.db*"): p.unlink()
for p in folder.glob("plain.db*"): p.unlink()
shutil.copyfile(src, db_path); shutil.copyfile(key_file_for(src), key_file_for(db_path))
db, admin = unlock(db_path, "trygghetssamordnare", "Trygg-demo-2026")
with db.session() as s:
    areas = [a.id for a in s.scalars(select(EstArea))]
    cats = [(c.id, c.parent_id) for c in s.scalars(select(EstCategory))]
    uid = s.scalar(select(User.id).where(User.username == "trygghetssamordnare"))
    before = s.execute(text("SELECT count(*) FROM est_incident")).scalar()
tops = [c for c, p in cats if p is None]
subs = {t: [c for c, p in cats if p == t] for t in tops}
rng = random.Random(7)
start, days = date(2022, 1, 1), (date(2026, 12, 5) - date(2022, 1, 1)).days
rows = []
want = 100_000 - before
for i in range(want):
    day = start + timedelta(days=rng.randrange(days))
    top = rng.choice(tops)
    sub = rng.choice(subs[top]) if subs[top] and rng.random() < 0.8 else None
    hour = rng.choice([8, 12, 15, 17, 19, 20, 21, 22, 23, 0, 1])
    at = datetime.combine(day, dtime(hour, rng.randrange(60)))
    rows.append({"c": top, "s": sub, "a": rng.choice(areas), "d": day, "f": at, "t": None, "k": True, "r": "POLIS",
                 "o": "SOC", "p": rng.random() < 0.3, "u": uid, "now": datetime.now(timezone.utc).replace(tzinfo=None)})
t0 = time.perf_counter()
with db.session() as s:
    s.execute(text("INSERT INTO est_incident(category_id, subcategory_id, area_id, occurred_on, occurred_from, "
                   "occurred_to, time_known, reporting_agency, owning_agency, police_reported, created_by_user_id, "
                   "created_at, updated_at, version) VALUES (:c, :s, :a, :d, :f, :t, :k, :r, :o, :p, :u, :now, :now, 1)"),
              rows)
print(f"inserted {want} in {time.perf_counter()-t0:.1f} s; total", before + want)
export_plain(db, folder / "plain.db")
plain = open_plain(folder / "plain.db")
from trygg_desktop.services.database import actor_for
with db.session() as s:
    actor = actor_for(s.get(User, uid))

def timeit(fn, n):
    out = []
    for _ in range(n):
        t = time.perf_counter(); fn(); out.append((time.perf_counter() - t) * 1000)
    return statistics.median(out)

csv = "datum;kategori;område\n" + "".join(f"2026-11-{(i % 20) + 1:02d};Skadegörelse;Björkdalen\n" for i in range(10_000))
results = {}
for name, d in (("sqlcipher", db), ("plain", plain)):
    s = Services(d, actor, today=date(2026, 12, 6))
    s.est_picture.picture("2026-W48")  # warm
    week = timeit(lambda: s.est_picture.picture("2026-W48"), 7)
    year = timeit(lambda: s.est_picture.picture("2025"), 3)
    pic = s.est_picture.picture("2026-W48")
    pdf = timeit(lambda: render_est(pic), 3)
    t = time.perf_counter()
    try:
        res = s.est_import.import_file(csv.encode("utf-8"), "händelser.csv",
                                       {"columns": {"datum": "date", "kategori": "category", "område": "area"}})
        imp = (time.perf_counter() - t) * 1000
    except Exception as exc:
        imp = f"failed: {exc}"
    results[name] = (week, year, pdf, imp)
    print(name, f"week {week:.0f} ms, year {year:.0f} ms, pdf {pdf:.0f} ms, import 10,000 rows {imp if isinstance(imp, str) else f'{imp:.0f} ms'}")
w, y, p, i = results["sqlcipher"]; pw, py, pp, pi = results["plain"]
print(f"ratios: week {w/pw:.2f}, year {y/py:.2f}, pdf {p/pp:.2f}" + (f", import {i/pi:.2f}" if not isinstance(i, str) and not isinstance(pi, str) else ""))
