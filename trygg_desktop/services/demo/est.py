"""EST demo data: a year of fictional incidents over fictional areas (DOMAIN 5).

The areas ("Björkdalen", "Ekhagen" …) and their square shapes are made up, so the demo never
suggests that a real district has these problems. The pattern is meant to look true: more
incidents on Friday and Saturday evenings, outdoor gatherings and moped driving in summer,
dark places in winter, fires around the turn of the year, and a **hotspot that moves** to the
next area every ``HOTSPOT_WEEKS`` weeks (three times the usual rate there). Descriptions are
fixed sentences about places, never about people. Deterministic for a seed and a ``today``.
"""

from __future__ import annotations

import json
import math
import random
from datetime import date, datetime, time, timedelta

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from ...store.models import EstAction, EstArea, EstCategory, EstIncident, EstPlace, utcnow

#: name → (base incidents per day, places)
EST_AREAS: dict[str, tuple[float, tuple[str, ...]]] = {
    "Björkdalen": (0.9, ("Björkdalens torg", "Gångtunneln vid skolan", "Parkeringshuset")),
    "Ekhagen": (0.6, ("Ekhagsskolan", "Ekhagens centrum", "Lekplatsen Ekbacken")),
    "Solbacka": (0.5, ("Solbacka station", "Busstorget", "Idrottsplatsen")),
    "Lindgården": (0.4, ("Lindgårdens gård", "Cykelgaraget", "Tvättstugan hus 4")),
    "Tallmon": (0.35, ("Tallmonskogen", "Motionsspåret", "Fritidsgården Tallen")),
    "Sjövik": (0.3, ("Badplatsen", "Sjöviks brygga", "Hamnplan")),
}
MUNICIPALITY = "Demokommun"
HOTSPOT_WEEKS = 10
DAYS = 365
WEEKDAY = (0.75, 0.7, 0.8, 0.95, 1.5, 1.7, 1.0)
MONTH = (0.8, 0.75, 0.85, 0.95, 1.1, 1.35, 1.45, 1.35, 1.0, 1.05, 1.0, 1.1)
HOURS = [0.6, 0.5, 0.35, 0.2, 0.1, 0.1, 0.15, 0.3, 0.4, 0.4, 0.45, 0.5, 0.6, 0.6, 0.7, 0.9, 1.1, 1.3, 1.5, 1.8,
         2.2, 2.4, 2.1, 1.3]
SOURCES = (("POLIS", 0.3), ("BOSTAD", 0.25), ("VAKTARE", 0.15), ("KONTAKTCENTER", 0.12), ("FRITID", 0.08),
           ("SKOLA", 0.06), ("SOC", 0.04))
SOURCE_AGENCY = {"POLIS": "POLIS", "BOSTAD": "BOSTAD", "FRITID": "FRITID", "SKOLA": "SKOLA", "SOC": "SOC"}
TEXTS = {
    "SKADEGORELSE.KLOTTER": ("Klotter på fasaden", "Nya tags i gångtunneln", "Klotter på busskuren"),
    "SKADEGORELSE.GLASKROSS": ("Krossad ruta i entrén", "Glaskross vid hållplatsen"),
    "SKADEGORELSE.BRAND": ("Brand i papperskorg", "Containerbrand på baksidan", "Anlagd brand i soprum"),
    "OTRYGG_SAMLING.TRAPPHUS": ("Grupp ungdomar i trapphuset sent på kvällen",),
    "OTRYGG_SAMLING.KALLARE": ("Samling i källargången, boende oroliga",),
    "OTRYGG_SAMLING.GARAGE": ("Samling i garaget, nedskräpat efteråt",),
    "OTRYGG_SAMLING.CENTRUM": ("Större grupp vid centrumentrén, butikspersonal otrygg",),
    "OTRYGG_SAMLING.UTOMHUS": ("Samling vid lekplatsen sent på kvällen", "Grupp vid badplatsen efter midnatt"),
    "ORDNINGSSTORANDE.BRAK": ("Bråk utanför kiosken", "Högljutt bråk på torget"),
    "ORDNINGSSTORANDE.VALD": ("Misshandel på torget enligt polis",),
    "ORDNINGSSTORANDE.HOT": ("Personal hotad vid entrén",),
    "ORDNINGSSTORANDE.INBROTT": ("Inbrott i förråd", "Inbrott i cykelgaraget"),
    "ORDNINGSSTORANDE.RAN": ("Rån vid hållplatsen enligt polis",),
    "ORDNINGSSTORANDE.NARKOTIKAHANDEL": ("Misstänkt försäljning vid gångtunneln",),
    "ORDNINGSSTORANDE.OLOVLIG_KORNING": ("Mopeder på gång- och cykelvägen", "Crossmotorcykel i parken"),
    "OTRYGG_PLATS.BELYSNING": ("Trasig belysning i gångtunneln", "Mörkt vid parkeringen"),
    "OTRYGG_PLATS.NEDSKRAPNING": ("Nedskräpat, sprutor funna", "Mycket skräp efter helgen"),
    "OTRYGG_PLATS.INSYN": ("Buskage skymmer gångvägen",),
    "OTRYGG_PLATS.ODE_PLATS": ("Öde och mörkt kvällstid",),
    "ARRANGEMANG": ("Skolavslutning, många i rörelse", "Evenemang på torget"),
}


def _category_weights(day: date) -> dict[str, float]:
    m = day.month
    summer, winter = m in (6, 7, 8), m in (11, 12, 1, 2)
    new_year = (m == 12 and day.day >= 20) or (m == 1 and day.day <= 6) or (m == 10 and day.day >= 28)
    return {
        "SKADEGORELSE.KLOTTER": 3.0, "SKADEGORELSE.GLASKROSS": 1.2, "SKADEGORELSE.BRAND": 2.5 if new_year else 0.5,
        "OTRYGG_SAMLING.TRAPPHUS": 1.5 if winter else 0.7, "OTRYGG_SAMLING.KALLARE": 0.6,
        "OTRYGG_SAMLING.GARAGE": 0.6, "OTRYGG_SAMLING.CENTRUM": 1.0,
        "OTRYGG_SAMLING.UTOMHUS": 2.5 if summer else 0.6, "ORDNINGSSTORANDE.BRAK": 1.0,
        "ORDNINGSSTORANDE.VALD": 0.3, "ORDNINGSSTORANDE.HOT": 0.3, "ORDNINGSSTORANDE.INBROTT": 0.6,
        "ORDNINGSSTORANDE.RAN": 0.15, "ORDNINGSSTORANDE.NARKOTIKAHANDEL": 0.5,
        "ORDNINGSSTORANDE.OLOVLIG_KORNING": 2.0 if summer else 0.4, "OTRYGG_PLATS.BELYSNING": 1.5 if winter else 0.2,
        "OTRYGG_PLATS.NEDSKRAPNING": 0.8, "OTRYGG_PLATS.INSYN": 0.3, "OTRYGG_PLATS.ODE_PLATS": 0.3,
        "ARRANGEMANG": 0.6 if m in (5, 6, 12) else 0.1,
    }


def _poisson(rng: random.Random, lam: float) -> int:
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def _square(col: int, row: int) -> str:
    x, y, d = 11.0 + col * 0.02, 58.0 + row * 0.015, 0.018
    ring = [[x, y], [x + d, y], [x + d, y + d * 0.8], [x, y + d * 0.8], [x, y]]
    return json.dumps({"type": "Polygon", "coordinates": [[[round(a, 4), round(b, 4)] for a, b in ring]]},
                      separators=(",", ":"))


def hotspot_area(day: date, today: date) -> str:
    """The area that is the hotspot on ``day``: it moves every HOTSPOT_WEEKS weeks, ending on
    the first area in the weeks up to ``today`` (so the demo's current picture shows it)."""
    names = list(EST_AREAS)
    blocks = ((today - day).days // 7) // HOTSPOT_WEEKS
    return names[blocks % len(names)]


def generate_est(session: Session, today: date, seed: int, user_id: int | None) -> dict[str, int]:
    """Areas, places, a year of incidents up to yesterday and the last weeks' actions; nothing
    when EST incidents exist already. Returns counts."""
    if session.scalar(select(EstIncident.id).limit(1)) is not None:
        return {"est_areas": 0, "est_incidents": 0, "est_actions": 0}
    rng = random.Random(seed * 104729 + 15)
    areas: dict[str, EstArea] = {a.name: a for a in session.scalars(select(EstArea))}
    places: dict[str, list[EstPlace]] = {}
    for i, (name, (_rate, place_names)) in enumerate(EST_AREAS.items()):
        area = areas.get(name)
        if area is None:
            area = EstArea(code=f"DEMO_{i + 1}", name=name, municipality=MUNICIPALITY, geometry=_square(i % 3, i // 3),
                           active=True, sort_order=(i + 1) * 10)
            session.add(area)
            session.flush()
            areas[name] = area
        places[name] = []
        for place_name in place_names:
            place = EstPlace(area_id=area.id, name=place_name, active=True)
            session.add(place)
            places[name].append(place)
    session.flush()
    cats = {c.code: c for c in session.scalars(select(EstCategory))}
    sources, source_w = zip(*SOURCES)
    hours = list(range(24))
    rows, now = [], utcnow()
    for back in range(DAYS, 0, -1):
        day = today - timedelta(days=back)
        weights = _category_weights(day)
        codes, code_w = list(weights), list(weights.values())
        hot = hotspot_area(day, today)
        for name, (rate, _p) in EST_AREAS.items():
            lam = rate * WEEKDAY[day.weekday()] * MONTH[day.month - 1] * (3.0 if name == hot else 1.0)
            for _ in range(_poisson(rng, lam)):
                code = rng.choices(codes, code_w)[0]
                sub = cats[code] if "." in code else None
                top = cats[code.split(".")[0]]
                known = rng.random() > 0.12
                hour = rng.choices(hours, HOURS)[0] if known else 0
                start = datetime.combine(day, time(hour, rng.choice((0, 10, 15, 20, 30, 40, 45, 50))))
                window = known and rng.random() < 0.1
                source = rng.choices(sources, source_w)[0]
                place = rng.choice(places[name]) if rng.random() < 0.8 else None
                damage = code.startswith("SKADEGORELSE")
                cleaned = day + timedelta(days=rng.choice((0, 1, 1, 2, 3, 7))) if damage and rng.random() < 0.7 else None
                rows.append(dict(
                    category_id=top.id, subcategory_id=sub.id if sub else None, area_id=areas[name].id,
                    place_id=place.id if place else None, place_text=None if place else "Okänd adress i området",
                    occurred_on=day, occurred_from=start,
                    occurred_to=start + timedelta(hours=rng.choice((3, 6, 8))) if window else None,
                    time_known=known, reporting_agency=source, owning_agency=SOURCE_AGENCY.get(source, "OTHER"),
                    persons_involved=rng.choice((None, 1, 2, 3, 4, 6, 10)) if code.startswith(
                        ("OTRYGG_SAMLING", "ORDNINGSSTORANDE")) else None,
                    police_reported=source == "POLIS" or rng.random() < 0.2,
                    cleaned_up_on=cleaned if cleaned is None or cleaned < today else None,
                    description=rng.choice(TEXTS[code]), import_batch="demo", created_by_user_id=user_id,
                    created_at=now, updated_at=now, version=1))
    for i in range(0, len(rows), 5000):
        session.execute(insert(EstIncident), rows[i:i + 5000])
    actions = 0
    monday = today - timedelta(days=today.weekday())
    plans = (("Förstärkt fältarbete fredag och lördag 20–24", "FRITID"), ("Sanering av klotter inom 24 timmar",
             "BOSTAD"), ("Polisiär närvaro kvällstid", "POLIS"), ("Byta trasig belysning", "SOC"),
             ("Väktarrond i garage och källare", "VAKTARE"), ("Trygghetsvandring med boende", "SOC"))
    for week in range(8, -1, -1):
        tuesday = monday - timedelta(weeks=week) + timedelta(days=1)
        if tuesday >= today:
            continue
        hot = areas[hotspot_area(tuesday, today)]
        for what, agency in rng.sample(plans, 2):
            due = tuesday + timedelta(days=rng.choice((3, 4, 7, 14)))
            status = "PLANERAD" if due >= today else rng.choice(("GENOMFORD", "GENOMFORD", "GENOMFORD", "EJ_GENOMFORD",
                                                               "PAGAR"))
            session.add(EstAction(description=what, agency=agency, area_id=hot.id, decided_on=tuesday, due_on=due,
                                  status=status, follow_up_note="Genomfört enligt plan" if status == "GENOMFORD"
                                  else None, created_by_user_id=user_id, version=1))
            actions += 1
    session.flush()
    return {"est_areas": len(EST_AREAS), "est_incidents": len(rows), "est_actions": actions}
