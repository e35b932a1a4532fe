"""Server mode under load (issue 13): 20 client processes × 50 mixed writes against one real
trygg-server over TLS on PostgreSQL. No lost update (every journal token and every token
appended to the shared agenda item is there), stale saves come back as conflicts and write
nothing, no deadlock or other error, and the audit chain verifies afterwards."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Iterator

import pytest
from sqlalchemy import select

from trygg_desktop.services.audit import verify_chain
from trygg_desktop.services.meetings import MeetingInput
from trygg_desktop.store.models import AgendaItem, AuditEvent, JournalEntry

from ..conftest import PASSWORD
from .concurrent_writer import AGENDA_NUMBER
from .remote_support import RemoteWorld, build_remote_world

CLIENTS, WRITES = 20, 50
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def remote(pg_cluster, pg_template) -> Iterator[RemoteWorld]:
    yield from build_remote_world(pg_cluster, pg_template)


def test_twenty_clients_fifty_writes_each_lose_nothing(remote: RemoteWorld) -> None:
    world, case_id = remote.world, remote.built.case_id
    meeting = world.as_("samordnare").meetings.create(
        MeetingInput("NATVERKSMOTE", datetime(2026, 11, 24, 14, 0), case_id=case_id))
    with world.db.session() as s:
        journal_before = len(s.scalars(select(JournalEntry.id).where(JournalEntry.case_id == case_id)).all())
        audit_before = len(s.scalars(select(AuditEvent.seq)).all())
    # The coordinator (ORDFORANDE) writes the agenda; the journal writers are the case's three
    # connected users and the coordinator, so the load is spread over accounts and agencies.
    users = ("samordnare", "socialsekreterare", "skola", "polis")
    workers = [subprocess.Popen(
        [sys.executable, "-m", "tests.server.concurrent_writer", remote.url, str(remote.cert),
         "samordnare" if k % 2 == 0 else users[k % len(users)], PASSWORD, str(case_id), str(meeting.id), str(k),
         str(WRITES)], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True) for k in range(CLIENTS)]
    reports = []
    for process in workers:
        out, err = process.communicate(timeout=600)
        assert process.returncode == 0, err[-2000:]
        reports.append(json.loads(out.strip().splitlines()[-1]))

    errors = [e for r in reports for e in r["errors"]]
    assert errors == []                                               # no deadlock, no refusal, no 500
    journal_tokens = [t for r in reports for t in r["journal"]]
    agenda_tokens = [t for r in reports for t in r["agenda"]]
    assert len(journal_tokens) + len(agenda_tokens) == CLIENTS * WRITES
    with world.db.session() as s:
        texts = s.scalars(select(JournalEntry.text).where(JournalEntry.case_id == case_id)).all()
        assert len(texts) == journal_before + len(journal_tokens)
        assert {t.rsplit(" ", 1)[-1] for t in texts if t.startswith("Samtidig")} == set(journal_tokens)
        note = s.scalar(select(AgendaItem.note).where(AgendaItem.meeting_id == meeting.id,
                                                      AgendaItem.number == AGENDA_NUMBER))
        version = s.scalar(select(AgendaItem.version).where(AgendaItem.meeting_id == meeting.id,
                                                            AgendaItem.number == AGENDA_NUMBER))
        assert sorted(note.split("\n")) == sorted(agenda_tokens)      # every append survived, once
        assert version == 1 + len(agenda_tokens)                     # one version per successful save
        report = verify_chain(s, world.db.audit.key)
        events = len(s.scalars(select(AuditEvent.seq)).all())
    assert report.ok, report
    assert events > audit_before + CLIENTS * WRITES
    conflicts = sum(r["conflicts"] for r in reports)
    slowest = max(r["seconds"] for r in reports)
    print(f"\n{CLIENTS}×{WRITES} writes: {conflicts} conflicts reported and retried, slowest client {slowest} s")
