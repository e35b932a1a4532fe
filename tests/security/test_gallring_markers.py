"""Gallring leaves nothing behind (DOMAIN 6.5, R1): marker strings of a disposed case
are gone from every byte of the database once the run is over.

Three views of the file after the run, each with a control that proves the view can
see data at all (the markers of a KEPT case must be found in it):

1. the raw files (db, -wal, -shm): encrypted, so neither case's markers show — this
   only proves R1 still holds;
2. a plaintext ``sqlcipher_export`` of the whole database: the logical content —
   no row, index entry or FTS token of the disposed case may remain;
3. every page of the file decrypted with the key, free pages and slack space
   included: what ``secure_delete`` and the FTS 'optimize'/'secure-delete' are for —
   deleted cells and pages must be zeroed, not just unlinked.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from trygg_desktop.services.facade import Services
from trygg_desktop.store.engine import raw

from ..conftest import World
from ..gallring_scenarios import archivist, marked_case
from ..rawscan import scan_for_markers

PAGE = 4096
RESERVE = 80  # SQLCipher 4: 16-byte IV + 64-byte HMAC-SHA512 at the end of each page


def decrypt_pages(data: bytes, key: bytes) -> bytes:
    """Every page of an SQLCipher 4 file decrypted (raw key: no KDF; page 1 starts after the salt)."""
    out = bytearray()
    for n in range(len(data) // PAGE):
        page = data[n * PAGE:(n + 1) * PAGE]
        start = 16 if n == 0 else 0
        iv = page[PAGE - RESERVE:PAGE - RESERVE + 16]
        decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        out += decryptor.update(page[start:PAGE - RESERVE]) + decryptor.finalize()
    return bytes(out)


def _pnr(world: World, person_id: int) -> str:
    p = world.as_("samordnare").persons.get(person_id)
    assert p.pnr and not p.pnr_masked
    return p.pnr if "-" in p.pnr else f"{p.pnr[:8]}-{p.pnr[8:]}"


def _hits(folder: Path, markers: list[str]) -> set[str]:
    return {m for _p, m, _l in scan_for_markers(folder, markers)}


def test_disposed_case_leaves_no_marker_in_any_byte(world: World, tmp_path: Path) -> None:
    gone = marked_case(world, "Gone")
    kept = marked_case(world, "Kept", closed=date(2025, 6, 1))  # closed, but not due until 2030
    gone_markers = [*gone.markers, _pnr(world, gone.person_id)]
    kept_markers = [*kept.markers, _pnr(world, kept.person_id)]
    # The FTS index really holds the journal marker before the run.
    assert world.as_("samordnare").journal.search("ZqjournalGone")

    svc = Services(world.db, archivist(world), today=world.today).retention
    due = svc.due()
    assert [d.case_ref for d in due] == [gone.reference]
    result = svc.run([d.key for d in due])
    assert [d.record_ref for d in result.disposed] == [gone.reference]
    assert result.secure_delete, "PRAGMA secure_delete must be on during the run"

    # 1. Raw files: encrypted — no marker of either case (R1 still holds).
    assert _hits(world.path.parent, gone_markers + kept_markers) == set()
    wal = Path(str(world.path) + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0, "the run checkpoints and truncates the WAL"

    # 2. The whole database exported to plaintext.
    plain_dir = tmp_path / "plain"
    plain_dir.mkdir()
    with raw(world.db.engine) as dbapi:
        dbapi.execute("ATTACH DATABASE ? AS plain KEY ''", (str(plain_dir / "plain.db"),))
        dbapi.execute("SELECT sqlcipher_export('plain')")
        dbapi.execute("DETACH DATABASE plain")
    assert (plain_dir / "plain.db").read_bytes().startswith(b"SQLite format 3")
    assert _hits(plain_dir, kept_markers) == set(kept_markers), "control: the kept case is in the export"
    assert _hits(plain_dir, gone_markers) == set(), "the export still holds the disposed case"

    # 3. Every page of the file decrypted, free pages and slack space included.
    pages_dir = tmp_path / "pages"
    pages_dir.mkdir()
    (pages_dir / "pages.bin").write_bytes(decrypt_pages(world.path.read_bytes(), bytes(world.db.key.copy())))
    assert _hits(pages_dir, kept_markers) == set(kept_markers), "control: decryption sees the kept case"
    leftovers = scan_for_markers(pages_dir, gone_markers)
    assert leftovers == [], f"disposed data lingers in the file's pages: {leftovers}"


def test_without_secure_delete_the_scan_would_see_remnants(world: World, tmp_path: Path) -> None:
    """The page scan is able to fail: a plain DELETE with secure_delete OFF leaves the
    deleted journal text in the decrypted pages (why the run relies on it)."""
    case = marked_case(world, "Plain", closed=None)
    with raw(world.db.engine) as dbapi:
        dbapi.execute("PRAGMA secure_delete = OFF")
        dbapi.execute("DELETE FROM journal_entry WHERE case_id = ?", (case.case_id,))
        dbapi.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    pages = decrypt_pages(world.path.read_bytes(), bytes(world.db.key.copy()))
    assert b"ZqjournalPlain" in pages
