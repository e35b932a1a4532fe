"""R20: the chain head of every signed-off log review is kept outside the database, so a
database rolled back to an older copy, or a log with its tail cut off and the head
rewritten, is caught by ``audit verify`` even though the chain itself is consistent.

The attacks work on the real files: an older copy of the database and key file put
back over the current ones, and a raw SQLCipher connection (the attacker holds the
DEK, as every user does) that drops the append-only trigger, deletes the newest
events and rewrites the head in ``meta``.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from trygg_desktop.cli import main
from trygg_desktop.domain.errors import AccessDenied, ValidationError
from trygg_desktop.paths import key_file_for
from trygg_desktop.services.anchors import anchor_path, read_anchors
from trygg_desktop.services.audit import META_AUDIT_HEAD
from trygg_desktop.services.database import unlock
from trygg_desktop.services.facade import Services
from trygg_desktop.store.engine import KeyHolder, checkpoint, raw_connect, sidecar_paths

from ..conftest import PASSWORD, World
from ..scenarios import sspf_case

PERIOD = (date(2026, 1, 1), date(2026, 12, 31))


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, state_dir: Path):
    def run(*args: str, password: str = PASSWORD) -> int:
        monkeypatch.setenv("TRYGG_PASSWORD", password)
        return main(list(args))
    return run


def _sign(world: World, comment: str = "Inga avvikelser"):
    return world.as_("granskare").log_review.sign_off(*PERIOD, comment)


def _copy_files(db: Path, folder: Path) -> Path:
    folder.mkdir()
    for path in (db, key_file_for(db)):
        shutil.copy2(path, folder / path.name)
    return folder


def _put_back(folder: Path, db: Path) -> None:
    """The attacker's rollback: the older database and key file over the current ones (anchors untouched)."""
    for stale in sidecar_paths(db):
        stale.unlink(missing_ok=True)
    for path in (db, key_file_for(db)):
        shutil.copy2(folder / path.name, path)


def _verify(world: World, *extra: Path):
    db, actor = unlock(world.path, "granskare", PASSWORD, throttle=world.throttle())
    try:
        return Services(db, actor).log_review.verify(extra)
    finally:
        db.close()


def test_sign_off_writes_review_event_and_anchor(world: World) -> None:
    sspf_case(world)
    signed = _sign(world)
    assert signed.anchor_file == str(anchor_path(world.path))
    anchors = read_anchors(anchor_path(world.path))
    assert [(a.seq, a.mac, a.review_id, a.reviewer) for a in anchors] == [
        (signed.head_seq, signed.head_mac, signed.review_id, "granskare")]
    # The anchor is the head AFTER the sign-off event: the event that records the sign-off.
    chain = world.as_("granskare").log_review.verify()
    assert chain.ok and chain.anchors_checked == 1
    reviews = world.as_("granskare").log_review.list_reviews()
    assert [(r.review_id, r.head_seq, r.comment, r.reviewer) for r in reviews] == [
        (signed.review_id, signed.head_seq, "Inga avvikelser", "granskare")]
    # Only seq, mac, date and user name: nothing about cases or persons.
    raw = anchor_path(world.path).read_text(encoding="utf-8")
    assert set(json.loads(raw.splitlines()[0])) == {"seq", "mac", "signed_at", "reviewer", "review_id"}
    assert "Alva" not in raw and "Berg" not in raw


def test_sign_off_needs_a_comment_and_the_reviewer_role(world: World) -> None:
    with pytest.raises(ValidationError) as exc:
        world.as_("granskare").log_review.sign_off(*PERIOD, "   ")
    assert exc.value.code == "review.comment_required"
    with pytest.raises(AccessDenied):
        world.as_("samordnare").log_review.sign_off(*PERIOD, "Jag granskar mig själv")
    assert not anchor_path(world.path).exists()


def test_rolled_back_database_fails_verify(world: World, tmp_path: Path, cli, capsys) -> None:
    first = _sign(world)
    checkpoint(world.db.engine)
    older = _copy_files(world.path, tmp_path / "older")
    sspf_case(world)  # more work after the older copy was taken
    second = _sign(world, "Andra granskningen")
    assert second.head_seq > first.head_seq + 5
    kept = tmp_path / "kept-elsewhere.anchors"
    assert world.as_("granskare").log_review.export_anchors(kept) == 2
    world.db.close()
    assert cli("audit", "verify", "--db", str(world.path), "--as", "granskare") == 0
    capsys.readouterr()

    _put_back(older, world.path)
    chain = _verify(world)
    assert not chain.ok
    assert any(p.endswith("truncated") for p in chain.problems), chain.problems
    assert cli("audit", "verify", "--db", str(world.path), "--as", "granskare") == 5
    assert "truncated" in capsys.readouterr().err
    # The attacker also rolls back the sidecar beside the database: the copy kept elsewhere still catches it.
    anchor_path(world.path).unlink()
    assert cli("audit", "verify", "--db", str(world.path), "--as", "granskare") == 0  # why copies matter
    capsys.readouterr()
    assert cli("audit", "verify", "--db", str(world.path), "--as", "granskare", "--anchors", str(kept)) == 5
    other = tmp_path / "second-copy.anchors"
    shutil.copy2(kept, other)
    assert cli("audit", "verify", "--db", str(world.path), "--as", "granskare", "--anchors", str(other),
               str(kept)) == 5


def test_truncated_tail_with_rewritten_head_fails_verify(world: World, cli, capsys) -> None:
    sspf_case(world)
    signed = _sign(world)
    dek = bytes(world.db.key.copy())
    checkpoint(world.db.engine)
    world.db.close()
    keep_until = signed.head_seq - 4
    conn = raw_connect(world.path, KeyHolder(bytearray(dek)))
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("DROP TRIGGER audit_event_no_delete")
        mac = conn.execute("SELECT mac FROM audit_event WHERE seq = ?", (keep_until,)).fetchone()[0]
        conn.execute("DELETE FROM audit_event WHERE seq > ?", (keep_until,))
        conn.execute("DELETE FROM audit_review")
        conn.execute("UPDATE meta SET value = ? WHERE key = ?", (f"{keep_until}:{mac}", META_AUDIT_HEAD))
        conn.execute("COMMIT")
    finally:
        conn.close()
    # The chain alone is consistent again; only the anchor outside the database tells.
    moved = anchor_path(world.path).rename(anchor_path(world.path).with_suffix(".aside"))
    assert cli("audit", "verify", "--db", str(world.path), "--as", "granskare") == 0
    capsys.readouterr()
    moved.rename(anchor_path(world.path))
    assert cli("audit", "verify", "--db", str(world.path), "--as", "granskare") == 5
    err = capsys.readouterr().err
    assert "truncated" in err or "anchor_mismatch" in err


def test_clean_log_passes_with_anchors_and_bad_anchor_files_are_refused(world: World, tmp_path: Path,
                                                                         cli, capsys) -> None:
    _sign(world)
    sspf_case(world)
    _sign(world, "Andra")
    world.db.close()
    assert cli("audit", "verify", "--db", str(world.path), "--as", "granskare") == 0
    assert "2 ankare stämmer" in capsys.readouterr().out
    assert cli("audit", "verify", "--db", str(world.path), "--as", "granskare",
               "--anchors", str(tmp_path / "missing.anchors")) == 4
    garbage = tmp_path / "garbage.anchors"
    garbage.write_text("not json\n", encoding="utf-8")
    assert cli("audit", "verify", "--db", str(world.path), "--as", "granskare", "--anchors", str(garbage)) == 4
    # A forged anchor (right seq, other mac) is a mismatch.
    line = json.loads(anchor_path(world.path).read_text(encoding="utf-8").splitlines()[0])
    line["mac"] = "0" * 64
    forged = tmp_path / "forged.anchors"
    forged.write_text(json.dumps(line) + "\n", encoding="utf-8")
    assert cli("audit", "verify", "--db", str(world.path), "--as", "granskare", "--anchors", str(forged)) == 5
    assert "anchor_mismatch" in capsys.readouterr().err
