"""One client process of the concurrency test (test_concurrency.py): signs in to a real
trygg-server and makes ``N`` mixed writes, then prints what it did as JSON on stdout.

Writes, in turn: a journal entry carrying a unique token (appends: none may be lost), and
for the chair every third write a read-modify-write of one shared agenda item that appends the token to its
note with the version read (a colleague's save in between is a conflict: re-read and try again).

    python -m tests.server.concurrent_writer URL CERT USER PASSWORD CASE_ID MEETING_ID WORKER N
"""

from __future__ import annotations

import json
import sys
import time
from datetime import date
from pathlib import Path

from trygg_desktop.client.connect import connect
from trygg_desktop.domain.errors import EditConflict, TryggError
from trygg_desktop.services.journal import JournalInput

AGENDA_NUMBER = 4
CHAIR = "samordnare"
MAX_TRIES = 200


def main(argv: list[str]) -> int:
    url, cert, user, password, case_id, meeting_id, worker, n = argv
    case_id, meeting_id, worker, n = int(case_id), int(meeting_id), int(worker), int(n)
    report = {"worker": worker, "journal": [], "agenda": [], "conflicts": 0, "errors": [], "seconds": 0.0}
    started = time.perf_counter()
    services = connect(url, user, password, ca=Path(cert), timeout=120)  # twenty sign-ins queue for the KDF
    try:
        for i in range(n):
            token = f"w{worker:02d}-{i:02d}"
            try:
                if i % 3 == 2 and user == CHAIR:   # only the chair writes the protocol
                    _append_to_agenda(services, meeting_id, token, report)
                else:
                    services.journal.add(JournalInput(case_id=case_id, event_date=date(2026, 11, 20),
                                                      entry_type="ANTECKNING", text=f"Samtidig anteckning {token}",
                                                      visibility="SHARED"))
                    report["journal"].append(token)
            except TryggError as exc:
                report["errors"].append(f"{token}: {type(exc).__name__} {exc.code}")
    finally:
        services.close()
    report["seconds"] = round(time.perf_counter() - started, 2)
    print(json.dumps(report))
    return 0


def _append_to_agenda(services, meeting_id: int, token: str, report: dict) -> None:
    for _ in range(MAX_TRIES):
        item = next(i for i in services.meetings.get(meeting_id).agenda if i.number == AGENDA_NUMBER)
        note = f"{item.note}\n{token}" if item.note else token
        try:
            services.meetings.set_agenda_item(meeting_id, AGENDA_NUMBER, item.heading, note=note,
                                              visibility=item.visibility, expected_version=item.version)
        except EditConflict:
            report["conflicts"] += 1
            continue
        report["agenda"].append(token)
        return
    report["errors"].append(f"{token}: gave up after {MAX_TRIES} conflicts")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
