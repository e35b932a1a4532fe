"""R1 – no plaintext on disk.

Marker strings go in through the real services (person names, a personnummer,
a case description, FTS5-indexed journal text, a 50 KB note) and the data
folder is then read as raw bytes: while a connection is still open (so the
-wal and -shm files exist and hold the fresh pages), after a checkpoint, and
after the last connection has closed. The scanner itself is checked against a
plaintext control so that "no hits" means something.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from datetime import timedelta
from pathlib import Path

from trygg_desktop.paths import key_file_for
from trygg_desktop.services.cases import Referral
from trygg_desktop.services.journal import JournalInput
from trygg_desktop.services.persons import PersonInput
from trygg_desktop.store.engine import checkpoint, raw_connect

from ..conftest import World, test_pnr
from ..rawscan import marker_variants, scan_for_markers

SURNAME = "Markörsson"
A_RING = "Åsa-Markör"
FTS_WORD = "Zebrafinkmarkör"
LONG_MARKER = "Långanteckningsmarkör"
DESCRIPTION = "Beskrivningsmarkörtext"


def _markers(pnr: str) -> list[str]:
    folded = "".join(ch for ch in unicodedata.normalize("NFD", FTS_WORD.lower())
                     if not unicodedata.combining(ch))  # what FTS5 remove_diacritics stores
    return [SURNAME, A_RING, pnr, FTS_WORD, folded, LONG_MARKER, DESCRIPTION]


def _fill(world: World, pnr: str) -> None:
    s = world.as_("samordnare")
    person = s.persons.register(PersonInput(A_RING, SURNAME, pnr=pnr, city="Markörby"))
    case = s.cases.create(Referral(kind="SSPF", person_id=person.id, unit_id=world.units["SSPF Tureberg"],
                                   referral_date=world.today - timedelta(days=3), description=DESCRIPTION))
    for i in range(20):
        s.journal.add(JournalInput(case_id=case.id, event_date=world.today, entry_type="SAMTAL",
                                   text=f"Samtal {i} med {A_RING} {SURNAME} om {FTS_WORD} och skolan."))
    filler = "Lorem ipsum dolor sit amet, anteckning utan markör. "
    long_text = (filler * 500)[:25_000] + f" {LONG_MARKER} " + (filler * 500)[:25_000]
    assert len(long_text.encode()) > 50_000
    s.journal.add(JournalInput(case_id=case.id, event_date=world.today, entry_type="SAMTAL", text=long_text))
    # The data really is there and searchable (the FTS index holds the words).
    assert s.journal.search(FTS_WORD), "FTS search must find the marker word"
    assert s.journal.search(LONG_MARKER)


def _describe(hits: list[tuple[Path, str, str]]) -> str:
    return "; ".join(f"{p.name}: {m!r} as {label}" for p, m, label in hits)


def test_scanner_finds_plaintext_markers(tmp_path: Path) -> None:
    """Control: the scanner sees every encoding it claims to, and a plain SQLite file leaks."""
    pnr = test_pnr(2010, 3, 14, 982)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "u16.txt").write_bytes(SURNAME.encode("utf-16-le"))
    (tmp_path / "lower.txt").write_bytes(A_RING.lower().encode())
    (tmp_path / "digits.txt").write_bytes(pnr.replace("-", "").encode())
    found = {(p.name, m) for p, m, _ in scan_for_markers(tmp_path, [SURNAME, A_RING, pnr])}
    assert found == {("u16.txt", SURNAME), ("lower.txt", A_RING), ("digits.txt", pnr)}
    assert "digits/utf-8" in marker_variants(pnr)

    plain = tmp_path / "plain"
    plain.mkdir()
    conn = sqlite3.connect(plain / "plain.db")
    conn.execute("CREATE VIRTUAL TABLE f USING fts5(t, tokenize='unicode61 remove_diacritics 2')")
    conn.execute("INSERT INTO f VALUES (?)", (f"{SURNAME} {pnr.replace('-', '')}",))
    conn.commit()
    conn.close()
    assert {m for _, m, _ in scan_for_markers(plain, [SURNAME, pnr])} == {SURNAME, pnr}


def test_no_plaintext_in_data_folder_open_checkpointed_and_closed(world: World) -> None:
    pnr = test_pnr(2010, 3, 14, 982)
    markers = _markers(pnr)
    folder = world.path.parent
    # Hold one connection open for the whole write phase: the -wal and -shm files
    # then stay on disk with the new pages instead of being folded in at close.
    held = raw_connect(world.path, world.db.key)
    try:
        _fill(world, pnr)
        names = {p.name for p in world.files()}
        assert {"case.db", "case.db-wal", "case.db-shm", "case.db.keys"} <= names, names
        assert Path(f"{world.path}-wal").stat().st_size > 50_000, "the WAL should hold the fresh pages"
        hits = scan_for_markers(folder, markers) + scan_for_markers(world.state_dir, markers)
        assert not hits, f"plaintext while open: {_describe(hits)}"

        checkpoint(world.db.engine)
        assert Path(f"{world.path}-wal").stat().st_size == 0
        hits = scan_for_markers(folder, markers)
        assert not hits, f"plaintext after checkpoint: {_describe(hits)}"
    finally:
        held.close()
    world.db.close()
    assert not Path(f"{world.path}-wal").exists() or Path(f"{world.path}-wal").stat().st_size == 0
    hits = scan_for_markers(folder, markers) + scan_for_markers(world.state_dir, markers)
    assert not hits, f"plaintext after close: {_describe(hits)}"


def test_engine_checkpoint_helper_empties_the_wal(world: World) -> None:
    held = raw_connect(world.path, world.db.key)  # keeps the WAL from being folded in at close
    try:
        world.as_("samordnare").persons.register(PersonInput("Checkpoint", SURNAME, pnr=test_pnr(2010, 3, 15, 983)))
        assert Path(f"{world.path}-wal").stat().st_size > 0
        checkpoint(world.db.engine)
        assert Path(f"{world.path}-wal").stat().st_size == 0
    finally:
        held.close()


def test_key_file_holds_no_user_names(world: World) -> None:
    key_file = key_file_for(world.path)
    names = ["samordnare", "admin", "socialsekreterare", "polis", "Samordnare"]
    hits = scan_for_markers(key_file.parent, names)
    assert not [h for h in hits if h[0] == key_file], _describe(hits)
    assert not scan_for_markers(world.state_dir, names)
