"""R6 – tampering is detected and located.

A closed, checkpointed copy of the template database gets one bit flipped in the
encrypted area of one page (SQLCipher 4 page: 4096 bytes = 4016 bytes of
ciphertext + 16-byte IV + 64-byte HMAC). ``cipher_integrity_check`` through an
engine keyed with the right DEK must name that page; damage to page 1 (salt and
schema root) must make opening fail with an ``IntegrityFailure`` rather than
silently work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trygg_desktop.domain.errors import IntegrityFailure, WrongPassword
from trygg_desktop.paths import key_file_for
from trygg_desktop.services.database import unlock
from trygg_desktop.store.engine import (DatabaseDamaged, KeyHolder, WrongKey, cipher_integrity_check, make_engine,
                                        quick_check)
from trygg_desktop.vault.keyfile import KeyFile

from ..conftest import ADMIN_PASSWORD, copy_database

PAGE = 4096
RESERVE = 16 + 64  # IV + HMAC-SHA512 at the end of every page
ENCRYPTED_AREA = PAGE - RESERVE


@dataclass
class Pristine:
    data: bytes
    dek: bytes
    pages: int
    work: Path
    template: Path

    def damaged(self, page: int, offset: int, bit: int = 0, name: str = "damaged.db") -> Path:
        buf = bytearray(self.data)
        buf[(page - 1) * PAGE + offset] ^= 1 << bit
        target = self.work / name
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        target.write_bytes(bytes(buf))
        return target


@pytest.fixture(scope="module")
def pristine(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Pristine:
    work = tmp_path_factory.mktemp("r6")
    # The template is closed: its WAL was checkpointed into the main file at close.
    for suffix in ("-wal", "-journal"):
        side = Path(f"{template_db}{suffix}")
        assert not side.exists() or side.stat().st_size == 0
    data = template_db.read_bytes()
    assert len(data) % PAGE == 0 and len(data) // PAGE >= 20
    _slot, dek = KeyFile.load(key_file_for(template_db)).unlock_user("admin", ADMIN_PASSWORD)
    return Pristine(data=data, dek=bytes(dek), pages=len(data) // PAGE, work=work, template=template_db)


def check_pages(path: Path, dek: bytes) -> list[str]:
    engine = make_engine(path, KeyHolder(dek))
    try:
        return cipher_integrity_check(engine)
    finally:
        engine.dispose()


def _names(report: list[str], page: int) -> bool:
    return any(re.search(rf"\bpage {page}\b", line) for line in report)


def test_pristine_copy_is_clean(pristine: Pristine) -> None:
    path = pristine.damaged(2, 0, name="clean.db")
    path.write_bytes(pristine.data)  # undo: a byte-identical copy
    assert check_pages(path, pristine.dek) == []
    engine = make_engine(path, KeyHolder(pristine.dek))
    try:
        assert quick_check(engine) == []
    finally:
        engine.dispose()


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), offset=st.integers(0, ENCRYPTED_AREA - 1), bit=st.integers(0, 7))
def test_flipped_byte_is_reported_with_its_page(pristine: Pristine, data: st.DataObject, offset: int,
                                               bit: int) -> None:
    page = data.draw(st.integers(2, pristine.pages), label="page")
    path = pristine.damaged(page, offset, bit)
    try:
        report = check_pages(path, pristine.dek)
    except DatabaseDamaged:
        # The page holds part of the schema, so even keying fails: not silent, but the
        # page is not named (see test_every_damaged_page_is_named below).
        return
    assert report, f"flip at page {page} offset {offset} went unnoticed"
    assert _names(report, page), report
    assert all(_names([line], page) for line in report), f"other pages blamed: {report}"


def test_flip_in_iv_or_hmac_is_detected_too(pristine: Pristine) -> None:
    page = pristine.pages  # the last page: a data or index page
    for offset in (ENCRYPTED_AREA, ENCRYPTED_AREA + 15, PAGE - 1):
        report = check_pages(pristine.damaged(page, offset), pristine.dek)
        assert _names(report, page), (offset, report)


@pytest.mark.parametrize("offset", [0, 15, 16, 100, ENCRYPTED_AREA - 1, PAGE - 1])
def test_damaged_page_one_fails_to_open(pristine: Pristine, offset: int) -> None:
    """Bytes 0–15 are the salt, the rest the encrypted schema root: either way, no open."""
    path = pristine.damaged(1, offset)
    engine = make_engine(path, KeyHolder(pristine.dek))
    try:
        with pytest.raises((WrongKey, DatabaseDamaged)) as info:
            with engine.connect() as conn:
                conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
        assert isinstance(info.value, IntegrityFailure)
    finally:
        engine.dispose()


def test_unlock_of_damaged_page_one_is_an_integrity_failure(pristine: Pristine, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRYGG_STATE_DIR", str(tmp_path / "state"))
    path = copy_database(pristine.template, tmp_path)
    raw = bytearray(path.read_bytes())
    raw[200] ^= 0x10
    path.write_bytes(bytes(raw))
    with pytest.raises(IntegrityFailure) as info:
        unlock(path, "admin", ADMIN_PASSWORD)
    assert not isinstance(info.value, WrongPassword)


def test_unlock_then_damage_is_seen_by_the_check(pristine: Pristine, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The app's own engine (after a real unlock) reports a page damaged while it is open."""
    monkeypatch.setenv("TRYGG_STATE_DIR", str(tmp_path / "state"))
    path = copy_database(pristine.template, tmp_path)
    db, _admin = unlock(path, "admin", ADMIN_PASSWORD)
    try:
        assert cipher_integrity_check(db.engine) == []
        page = pristine.pages
        with open(path, "r+b") as fh:  # another process scribbles on the file
            fh.seek((page - 1) * PAGE + 1234)
            byte = fh.read(1)
            fh.seek((page - 1) * PAGE + 1234)
            fh.write(bytes([byte[0] ^ 0x80]))
        report = cipher_integrity_check(db.engine)
        assert _names(report, page), report
    finally:
        db.close()


def test_every_damaged_page_is_named(pristine: Pristine) -> None:
    """Exhaustive over all pages ≥ 2: whatever fails, the damaged page must be named,
    either in the check's report or in the error raised on open."""
    unnamed = []
    for page in range(2, pristine.pages + 1):
        path = pristine.damaged(page, 2000, name="each.db")
        try:
            report = check_pages(path, pristine.dek)
        except IntegrityFailure as exc:
            report = [str(exc), repr(exc.params)]
        if not _names(report, page):
            unnamed.append(page)
    assert not unnamed, f"pages not named when damaged: {unnamed}"


def test_damaged_copy_never_passes_silently_exhaustive(pristine: Pristine) -> None:
    """Weaker but total: every page ≥ 2 damaged → a report or an IntegrityFailure, never a clean open."""
    silent = []
    for page in range(2, pristine.pages + 1):
        path = pristine.damaged(page, 3000, name="each2.db")
        try:
            if not check_pages(path, pristine.dek):
                silent.append(page)
        except IntegrityFailure:
            pass
    assert not silent, silent

