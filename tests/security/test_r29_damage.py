"""R29 – a damaged database, write-ahead log or key file never opens half-way.

Bytes are flipped on disk in (a) a data page of the main file, (b) a frame of a
``-wal`` left by a session that was still open when the files were copied, and
(c) the key file. Each must end in a typed error with a stable code
(``DatabaseDamaged`` / ``KeyFileError``; since key file format 2 a flip anywhere in
the key file fails its checksum, so it is never taken for a wrong password), never in a
crash, and never with a ``Database`` left open: every engine made during the
attempt has its key wiped and no SQLCipher connection stays open.
"""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

import pytest
import sqlcipher3.dbapi2 as sqlcipher

from trygg_desktop.domain.errors import EXIT_INTEGRITY, KeyFileError, TryggError, WrongPassword
from trygg_desktop.paths import key_file_for
from trygg_desktop.services import database as database_module
from trygg_desktop.services.database import unlock
from trygg_desktop.services.facade import Services
from trygg_desktop.store.engine import DatabaseDamaged, KeyHolder, raw_connect
from trygg_desktop.store.walcheck import FRAME_HEADER, HEADER, wal_problems
from trygg_desktop.vault.throttle import Throttle

from ..conftest import ADMIN_PASSWORD, PASSWORD, copy_database

PAGE = 4096
WAL_FRAME = FRAME_HEADER + PAGE
WAL_UNITS = [f"WAL-enhet {i}" for i in range(6)]


class KeyRecorder:
    """Records every ``KeyHolder`` the unlock makes, to prove each one is wiped."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.holders: list[KeyHolder] = []
        real = database_module.KeyHolder

        def record(dek):
            holder = real(dek)
            self.holders.append(holder)
            return holder

        monkeypatch.setattr(database_module, "KeyHolder", record)

    def all_wiped(self) -> bool:
        return all(h.wiped for h in self.holders)


def no_open_connections() -> bool:
    gc.collect()
    for conn in [o for o in gc.get_objects() if isinstance(o, sqlcipher.Connection)]:
        try:
            conn.execute("SELECT 1")
        except sqlcipher.ProgrammingError:
            continue  # closed
        return False
    return True


def flip(path: Path, offset: int, mask: int = 0x01) -> None:
    with open(path, "r+b") as fh:
        fh.seek(offset)
        byte = fh.read(1)[0]
        fh.seek(offset)
        fh.write(bytes([byte ^ mask]))


def attempt(path: Path, tmp: Path, username: str = "admin", password: str = ADMIN_PASSWORD):
    """Unlock with a fresh throttle, so earlier failures never turn into ``Throttled``."""
    attempt.n = getattr(attempt, "n", 0) + 1
    return unlock(path, username, password, throttle=Throttle(tmp / f"throttle{attempt.n}.json"))


# -- (a) the main file ---------------------------------------------------------------------
def test_flipped_data_page_is_refused_with_a_typed_error(template_db: Path, tmp_path: Path, state_dir: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    path = copy_database(template_db, tmp_path)
    pages = path.stat().st_size // PAGE
    flip(path, (pages - 1) * PAGE + 1500)  # the last page: table or index data, not the schema
    keys = KeyRecorder(monkeypatch)
    with pytest.raises(DatabaseDamaged) as info:
        attempt(path, tmp_path)
    err = info.value
    assert err.code == "db.damaged" and err.exit_code == EXIT_INTEGRITY
    assert err.params["problems"], "the check's lines travel with the error"
    assert err.params["pages"] == [pages], "the damaged page is named (R6)"
    assert keys.holders and keys.all_wiped(), "the key of the refused open is wiped"
    assert no_open_connections()


def test_data_page_flips_are_refused(template_db: Path, tmp_path: Path, state_dir: Path) -> None:
    """Every 10th page ≥ 2 (page 1 is covered by R6; a full sweep of all pages passed
    by hand, each open costs an Argon2 unlock): quick_check at open catches each
    one; none opens silently."""
    pristine = template_db.read_bytes()
    opened = []
    for page in range(2, len(pristine) // PAGE + 1, 10):
        path = tmp_path / "each.db"
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        data = bytearray(pristine)
        data[(page - 1) * PAGE + 2500] ^= 0x04
        path.write_bytes(bytes(data))
        shutil.copyfile(key_file_for(template_db), key_file_for(path))
        try:
            db, _ = attempt(path, tmp_path)
        except DatabaseDamaged:
            continue
        db.close()
        opened.append(page)
    assert not opened, f"damaged pages opened silently: {opened}"
    assert no_open_connections()


def test_healthy_copy_opens(template_db: Path, tmp_path: Path, state_dir: Path) -> None:
    db, _ = attempt(copy_database(template_db, tmp_path), tmp_path)
    db.close()


# -- (b) the write-ahead log ---------------------------------------------------------------
@pytest.fixture
def wal_snapshot(template_db: Path, tmp_path: Path, state_dir: Path) -> Path:
    """A copy of the files taken while another connection kept the WAL alive:
    six committed transactions live only in ``-wal`` (as after a crash)."""
    live = tmp_path / "live"
    live.mkdir()
    path = copy_database(template_db, live)
    db, admin = attempt(path, tmp_path)
    keeper = raw_connect(path, KeyHolder(db.key.copy()))  # its presence stops the checkpoint on close
    try:
        services = Services(db, admin)
        for name in WAL_UNITS:
            services.users.add_unit(name, agency="SOC", case_kind="SSPF", area="Wal")
        snap = tmp_path / "snap"
        snap.mkdir()
        for suffix in ("", "-wal"):
            shutil.copyfile(f"{path}{suffix}", f"{snap / path.name}{suffix}")
        shutil.copyfile(key_file_for(path), key_file_for(snap / path.name))
    finally:
        keeper.close()
        db.close()
    target = snap / path.name
    assert Path(f"{target}-wal").stat().st_size >= HEADER + 6 * WAL_FRAME
    return target


def _units(path: Path, tmp: Path) -> set[str]:
    db, admin = attempt(path, tmp)
    try:
        return {u.name for u in Services(db, admin).users.list_units()}
    finally:
        db.close()


def test_intact_wal_snapshot_holds_the_commits(wal_snapshot: Path, tmp_path: Path) -> None:
    """Control: the committed units are really only in the WAL, and replaying it works."""
    assert wal_problems(wal_snapshot) == []
    assert set(WAL_UNITS) <= _units(wal_snapshot, tmp_path)


def test_flipped_wal_frame_is_refused(wal_snapshot: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite would drop the bad frame and every commit after it without a word;
    we refuse to open instead, and leave the files as they were for the restore."""
    wal = Path(f"{wal_snapshot}-wal")
    flip(wal, HEADER + FRAME_HEADER + 700)  # page data of the first frame
    before = wal.read_bytes()
    assert wal_problems(wal_snapshot)
    keys = KeyRecorder(monkeypatch)
    with pytest.raises(DatabaseDamaged) as info:
        attempt(wal_snapshot, tmp_path)
    assert info.value.code == "db.damaged"
    assert any("wal frame 1" in line for line in info.value.params["problems"])
    assert wal.read_bytes() == before, "the refused open did not replay or checkpoint the log"
    assert keys.all_wiped() and no_open_connections()


def test_flipped_wal_frame_header_is_refused(wal_snapshot: Path, tmp_path: Path) -> None:
    flip(Path(f"{wal_snapshot}-wal"), HEADER + WAL_FRAME + 2)  # page number field of frame 2
    with pytest.raises(DatabaseDamaged):
        attempt(wal_snapshot, tmp_path)


@pytest.mark.parametrize("offset", [3, 8, 28])  # magic, page size, header checksum
def test_flipped_wal_header_is_refused(wal_snapshot: Path, tmp_path: Path, offset: int) -> None:
    """A bad header makes SQLite ignore the whole log, i.e. lose every commit in it."""
    flip(Path(f"{wal_snapshot}-wal"), offset)
    assert wal_problems(wal_snapshot)
    with pytest.raises(DatabaseDamaged):
        attempt(wal_snapshot, tmp_path)


def test_torn_wal_tail_is_a_crash_not_damage(wal_snapshot: Path, tmp_path: Path) -> None:
    """A write cut off mid-frame (power loss) is normal SQLite recovery: it opens,
    and only the unfinished last transaction is missing."""
    wal = Path(f"{wal_snapshot}-wal")
    data = wal.read_bytes()
    wal.write_bytes(data[:len(data) - PAGE // 2])
    assert wal_problems(wal_snapshot) == []
    units = _units(wal_snapshot, tmp_path)
    assert set(WAL_UNITS[:-1]) <= units


def test_damage_in_the_last_wal_transaction_is_the_documented_residual(wal_snapshot: Path, tmp_path: Path) -> None:
    """Residual risk (README): a flip in the LAST transaction of the log cannot be
    told from an interrupted write; SQLite drops that one transaction."""
    wal = Path(f"{wal_snapshot}-wal")
    frames = (wal.stat().st_size - HEADER) // WAL_FRAME
    flip(wal, HEADER + (frames - 1) * WAL_FRAME + FRAME_HEADER + 100)
    assert wal_problems(wal_snapshot) == []
    units = _units(wal_snapshot, tmp_path)
    assert set(WAL_UNITS[:-1]) <= units and WAL_UNITS[-1] not in units


# -- (c) the key file ------------------------------------------------------------------------
def test_key_file_flips_give_typed_errors(template_db: Path, tmp_path: Path, state_dir: Path) -> None:
    """Flips spread over the whole key file: each gives a typed key file error,
    never a wrong password and never an open database; no connection left open."""
    source = key_file_for(template_db).read_bytes()
    outcomes: dict[str, int] = {}
    for offset in range(0, len(source), max(1, len(source) // 20)):
        path = copy_database(template_db, tmp_path)
        data = bytearray(source)
        data[offset] ^= 0x02
        key_file_for(path).write_bytes(bytes(data))
        try:
            db, _ = attempt(path, tmp_path)
        except KeyFileError as exc:
            assert exc.code.startswith("keyfile."), exc.code
            outcomes[exc.code] = outcomes.get(exc.code, 0) + 1
        except WrongPassword:
            outcomes["auth.wrong_password"] = outcomes.get("auth.wrong_password", 0) + 1
        except TryggError as exc:  # pragma: no cover - reported with its code
            pytest.fail(f"flip at {offset} gave an unexpected {exc!r}")
        else:
            db.close()
            outcomes["opened"] = outcomes.get("opened", 0) + 1
    assert outcomes.get("keyfile.malformed", 0) > 0, outcomes
    assert outcomes.get("keyfile.damaged", 0) > 0, outcomes
    assert "opened" not in outcomes and "auth.wrong_password" not in outcomes, outcomes
    assert no_open_connections()


def test_damaged_key_file_json_is_malformed(template_db: Path, tmp_path: Path, state_dir: Path) -> None:
    path = copy_database(template_db, tmp_path)
    flip(key_file_for(path), 0, 0x20)  # "{" → "["
    with pytest.raises(KeyFileError) as info:
        attempt(path, tmp_path)
    assert info.value.code == "keyfile.malformed"


def test_flip_in_one_users_slot_locks_everyone_out_as_damaged(template_db: Path, tmp_path: Path,
                                                              state_dir: Path) -> None:
    """Issue 12 (4): a byte changed in one user's slot is no longer noticed only by
    that user (as a "wrong password" that also fed their throttle): the key file's
    checksum fails for everyone, with the "key file damaged" code and exit 5."""
    import json
    path = copy_database(template_db, tmp_path)
    raw = key_file_for(path).read_bytes()
    doc = json.loads(raw)
    from trygg_desktop.vault.keyfile import KeyFile
    admin_slot = KeyFile.load(key_file_for(path)).unlock_user("admin", ADMIN_PASSWORD)[0]
    slot = next(s for s in doc["slots"] if s["id"] == admin_slot)
    ct = slot["dek"]["ct"]
    at = raw.index(ct.encode()) + len(ct) // 2
    letter = raw[at:at + 1]
    key_file_for(path).write_bytes(raw[:at] + (b"A" if letter != b"A" else b"B") + raw[at + 1:])
    for user, password in (("admin", ADMIN_PASSWORD), ("samordnare", PASSWORD)):
        with pytest.raises(KeyFileError) as info:
            attempt(path, tmp_path, user, password)
        assert info.value.code == "keyfile.damaged" and info.value.exit_code == EXIT_INTEGRITY
    assert no_open_connections()


def test_no_os_key_storage_so_the_password_always_suffices() -> None:
    """R16 holds by construction: no DPAPI/keyring "remember this device" store
    exists whose loss or corruption could lock anyone out. If one is added, R16's
    delete-and-corrupt test must come with it."""
    import trygg_desktop
    package = Path(trygg_desktop.__file__).parent
    needles = ("import keyring", "from keyring", "win32crypt", "CryptProtectData", "SecKeychain")
    hits = [f"{path.relative_to(package)}: {needle}" for path in package.rglob("*.py")
            for needle in needles if needle in path.read_text(encoding="utf-8")]
    assert not hits, hits
