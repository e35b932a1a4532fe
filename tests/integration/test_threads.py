"""Services are safe to call from a worker thread (the UI's single DB thread) and
from several threads at once: each call has its own connection and transaction."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date

from trygg_desktop.services.audit import verify_chain
from trygg_desktop.services.journal import JournalInput

from ..conftest import World
from ..scenarios import sspf_case


def test_calls_from_several_threads_serialise_cleanly(world: World) -> None:
    built = sspf_case(world)
    journal = world.as_("samordnare").journal

    def write(i: int) -> int:
        return journal.add(JournalInput(built.case_id, date(2026, 11, 1), "ANTECKNING", f"Anteckning {i}")).id

    with ThreadPoolExecutor(max_workers=4) as pool:
        ids = list(pool.map(write, range(40)))
    assert len(set(ids)) == 40
    assert len(journal.list(built.case_id)) == 40
    with world.db.session() as s:
        report = verify_chain(s, world.db.audit.key)
    assert report.ok, report.problems
