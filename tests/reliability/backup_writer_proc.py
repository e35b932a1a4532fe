"""Child process for tests/reliability/test_backup_concurrent.py (not a test module).

``python backup_writer_proc.py PATH CASE_ID`` unlocks as samordnare
(TRYGG_TEST_PASSWORD) and adds journal entries to CASE_ID through
JournalService until killed, printing ``ready`` after the first commit. A 5 ms
pause between transactions keeps it a heavy but fair writer: SQLite's busy
handler sleeps between retries, so a writer that re-takes the lock the instant
it releases it can starve every other process on a loaded machine, which is
not what this test is about (R27 covers raw lock contention).
"""

from __future__ import annotations

import os
import sys
import time
from datetime import date
from pathlib import Path

from trygg_desktop.services.database import unlock
from trygg_desktop.services.facade import Services
from trygg_desktop.services.journal import JournalInput


def main(path: Path, case_id: int) -> None:
    db, actor = unlock(path, "samordnare", os.environ["TRYGG_TEST_PASSWORD"])
    services = Services(db, actor)
    i = 0
    while True:
        services.journal.add(JournalInput(case_id=case_id, event_date=date.today(), entry_type="SAMTAL",
                                          text=f"Anteckning {i} från process {os.getpid()}"))
        if i == 0:
            print("ready", flush=True)
        i += 1
        time.sleep(0.005)


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]))
