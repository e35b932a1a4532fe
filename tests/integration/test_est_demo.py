"""The EST demo: a year of fictional incidents with weekly and seasonal patterns and a moving hotspot."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from sqlalchemy import select

from trygg_desktop.services.demo import EST_DEMO_ACCOUNTS, DemoService
from trygg_desktop.services.demo.est import EST_AREAS, HOTSPOT_WEEKS, hotspot_area
from trygg_desktop.store.models import EstArea, EstIncident, User

from ..conftest import World


def test_est_demo_patterns_accounts_and_no_personal_data(world: World) -> None:
    summary = DemoService(world.db, world.actors["admin"], today=world.today).generate(cases=0, seed=3, est=True)
    assert summary.est_incidents > 1000 and set(summary.accounts) == set(EST_DEMO_ACCOUNTS)
    with world.db.session() as s:
        rows = s.execute(select(EstIncident.occurred_on, EstIncident.occurred_from, EstIncident.area_id,
                                EstIncident.description)).all()
        areas = {a.id: a.name for a in s.scalars(select(EstArea))}
        roles = {u.username: {r.role for r in u.roles} for u in s.scalars(select(User))}
    assert set(areas.values()) == set(EST_AREAS) and roles["trygghetssamordnare"] == {"TRYGGHETSSAMORDNARE"}
    assert min(r.occurred_on for r in rows) == world.today - timedelta(days=365)
    assert max(r.occurred_on for r in rows) < world.today
    weekday = Counter(r.occurred_on.weekday() for r in rows)
    assert weekday[4] + weekday[5] > 1.6 * (weekday[0] + weekday[1]), "Friday and Saturday are busiest"
    evening = sum(1 for r in rows if r.occurred_from.hour >= 18)
    assert evening > sum(1 for r in rows if 6 <= r.occurred_from.hour < 12) * 2
    # The hotspot moves: the busiest area of each 10-week block is that block's hotspot.
    blocks: dict[int, Counter] = {}
    for r in rows:
        blocks.setdefault(((world.today - r.occurred_on).days // 7) // HOTSPOT_WEEKS, Counter())[areas[r.area_id]] += 1
    leaders = {b: c.most_common(1)[0][0] for b, c in blocks.items() if b < 5}
    assert len(set(leaders.values())) >= 3
    for b in range(5):
        hot = hotspot_area(world.today - timedelta(weeks=b * HOTSPOT_WEEKS + 1), world.today)
        others = [blocks[o][hot] for o in range(5) if o != b]
        assert blocks[b][hot] > 2 * sum(others) / len(others), (b, hot)  # three times its usual rate there
    from trygg_desktop.domain.personnummer import looks_like_personnummer
    assert not any(looks_like_personnummer(r.description) for r in rows)
    # A second run adds no second year.
    again = DemoService(world.db, world.actors["admin"], today=world.today).generate(cases=0, seed=3, est=True)
    assert again.est_incidents == 0
    picture = world.as_("admin").as_user(_actor(world, "trygghetssamordnare")).est_picture.picture("2026-W46")
    assert picture.total > 0 and len(picture.rows) == len(EST_AREAS)


def _actor(world: World, username: str):
    from trygg_desktop.services.database import actor_for
    with world.db.session() as s:
        return actor_for(s.scalar(select(User).where(User.username == username)))
