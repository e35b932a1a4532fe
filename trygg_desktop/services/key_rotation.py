"""Key rotation (R11): remove key-file slots and re-encrypt the embedded database under a new key.

Its own module below both ``database`` (which finishes an interrupted removal at unlock) and
``users`` (which removes an account), so neither imports the other for it.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Protocol

from sqlalchemy import Engine

from ..domain.errors import IntegrityFailure
from ..store.engine import KeyHolder, fsync_dir, make_engine, rekey
from ..vault.keyfile import KeyFile

log = logging.getLogger(__name__)

#: The rotated key file is written beside the real one under this suffix first.
PENDING_KEYFILE_SUFFIX = ".next"


class KeyedFile(Protocol):
    """What key rotation and the key-file credentials need of an unlocked embedded database
    (``database.Database``), named here so that neither module imports ``database``: that
    one imports both."""

    path: Path | None
    engine: Engine
    key: KeyHolder | None

    @property
    def key_path(self) -> Path: ...

    def load_keyfile(self) -> KeyFile: ...


def rotate_database_key(db: KeyedFile, remove_slots: list[str]) -> None:
    """Remove slots and re-encrypt the database under a new key (R11).

    Crash safety: the rotated key file is first written beside the real one
    (``.keys.next``), then the database and its pre-migration safety copies are
    rekeyed, then the new key file replaces the old. If the rekey happened but
    not the swap, ``unlock`` promotes the pending file; if the process died before
    the rekey, the next unlock sees a removed user who still has a slot and
    rotates again.
    """
    keyfile = db.load_keyfile()
    for slot_id in remove_slots:
        if slot_id in keyfile.slot_ids():
            keyfile.remove_slot(slot_id)
    new_dek = bytearray(os.urandom(32))
    keyfile.rotate(new_dek)
    pending = Path(str(db.key_path) + PENDING_KEYFILE_SUFFIX)
    keyfile.save(pending)
    new_key = KeyHolder(new_dek)
    new_dek[:] = bytes(len(new_dek))
    db.engine.dispose()
    rekey(db.engine, new_key)
    for copy in sorted(db.path.parent.glob(db.path.name + ".pre-*.bak")):
        copy_engine = make_engine(copy, db.key)
        try:
            rekey(copy_engine, new_key)
        except IntegrityFailure:
            log.warning("a safety copy could not be rekeyed; it keeps the old key")
        finally:
            copy_engine.dispose()
    os.replace(pending, db.key_path)
    fsync_dir(db.key_path.parent)
    old = db.key
    db.key = new_key
    db.engine = make_engine(db.path, db.key)
    old.wipe()
