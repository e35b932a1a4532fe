"""Colleagues' changes reach an open window on a shared server (issue 13): the change feed
(numbers and a yes/no, no data, not audited), polled by RemoteServices, and the real window
refreshing its case list when another user registers a case — not for its own saves."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Iterator

import pytest
from sqlalchemy import func, select

from trygg_desktop.client.connect import connect
from trygg_desktop.services.cases import Referral
from trygg_desktop.services.journal import JournalInput
from trygg_desktop.services.persons import PersonInput
from trygg_desktop.store.models import AuditEvent
from trygg_desktop.ui.main_window import MainWindow
from trygg_desktop.ui.tasks import Executor, set_executor

from ..conftest import PASSWORD, test_pnr
from .remote_support import RemoteWorld, build_remote_world


@pytest.fixture(scope="module")
def remote(pg_cluster, pg_template) -> Iterator[RemoteWorld]:
    yield from build_remote_world(pg_cluster, pg_template)


def test_a_colleagues_write_rings_reads_and_own_writes_do_not(remote: RemoteWorld) -> None:
    a = connect(remote.url, "samordnare", PASSWORD, ca=remote.cert)
    b = connect(remote.url, "socialsekreterare", PASSWORD, ca=remote.cert)
    try:
        case_id = remote.built.case_id
        assert a.colleague_changes() is False and b.colleague_changes() is False
        with remote.world.db.session() as s:
            audited = s.scalar(select(func.count()).select_from(AuditEvent))
        b.cases.list()                                     # a read: no doorbell
        assert a.colleague_changes() is False
        with remote.world.db.session() as s:               # polling itself leaves no audit trail
            assert s.scalar(select(func.count()).select_from(AuditEvent)) == audited + 1   # b's list only
        b.journal.add(JournalInput(case_id=case_id, event_date=date(2026, 11, 20), entry_type="ANTECKNING",
                                   text="Ny uppgift från socialtjänsten", visibility="SHARED"))
        assert a.colleague_changes() is True and a.colleague_changes() is False
        a.journal.add(JournalInput(case_id=case_id, event_date=date(2026, 11, 20), entry_type="ANTECKNING",
                                   text="Egen anteckning", visibility="SHARED"))
        assert a.colleague_changes() is False               # one's own save is no news
        assert b.colleague_changes() is True
    finally:
        a.close()
        b.close()


def test_the_window_picks_up_a_case_a_colleague_registers(remote: RemoteWorld, qapp, qtbot) -> None:
    executor = Executor(sync=True)
    set_executor(executor)
    mine = connect(remote.url, "samordnare", PASSWORD, ca=remote.cert)
    colleague = connect(remote.url, "samordnare", PASSWORD, ca=remote.cert)   # the same role, another PC
    try:
        window = MainWindow(mine, executor, remote.url)
        qtbot.addWidget(window)
        window.show()
        assert window.poll_timer.isActive()
        page = window.show_page("cases")
        shown = page.count_label.text()
        window.poll_changes()                              # the first poll takes the number
        person = colleague.persons.register(PersonInput("Noah", "Lind", pnr=test_pnr(2012, 3, 4, 981)))
        colleague.cases.create(Referral(kind="SSPF", person_id=person.id, unit_id=remote.world.units["SSPF Tureberg"],
                                        referral_date=date.today() - timedelta(days=1), concerns=("HOG_FRANVARO",),
                                        description="Ny aktualisering"))
        assert page.count_label.text() == shown            # not yet: nobody asked
        window.poll_changes()
        assert page.count_label.text() != shown             # refreshed: one case more
        window.clear_everything()
        assert not window.poll_timer.isActive()            # a locked window asks nothing
    finally:
        mine.close()
        colleague.close()
