"""Run Alembic programmatically on the unlocked connection.

Before a pending migration, an encrypted copy of the database is kept beside it
(same key: the copy is as safe as the original), so a failed migration loses nothing.
The copy ``<db>.pre-<revision>-<UTC stamp>.bak`` opens with the database's own key
file (copy ``<db>.keys`` to ``<copy>.keys`` to open it); only the newest
``PRE_MIGRATION_KEEP`` copies are kept.
"""

from __future__ import annotations

import functools
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from ..paths import migrations_dir
from .engine import raw


def alembic_config(connection: Any = None, target_metadata: Any = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    cfg.attributes["connection"] = connection
    cfg.attributes["target_metadata"] = target_metadata
    return cfg


@functools.cache
def head_revision() -> str:
    # Cached: the scripts ship with the program and cannot change while it runs, and
    # reading them costs ~60 ms, which every unlock paid (bench: unlock scenario).
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), revision)


def pre_migration_copy_path(db_path: Path, revision: str | None) -> Path:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    return Path(f"{db_path}.pre-{revision or 'empty'}-{stamp}.bak")


PRE_MIGRATION_KEEP = 3


def prune_pre_migration_copies(db_path: Path, keep: int = PRE_MIGRATION_KEEP) -> list[Path]:
    """Delete all but the newest ``keep`` pre-migration copies of ``db_path``.

    The UTC stamp in the name sorts chronologically; only files matching our own
    naming pattern are candidates.
    """
    db_path = Path(db_path)
    copies = sorted(db_path.parent.glob(f"{db_path.name}.pre-*-*T*Z.bak"),
                    key=lambda p: p.name.rsplit("-", 1)[-1])
    removed = []
    for old in copies[: max(0, len(copies) - keep)]:
        try:
            old.unlink()
            removed.append(old)
        except OSError:
            pass
    return removed


def encrypted_copy(engine: Engine, target: Path) -> Path:
    """A consistent online copy under the same key (``sqlcipher_export`` into an
    attached database keyed like the main one: never a raw copy of a live file)."""
    if target.exists():
        raise FileExistsError(target)
    with raw(engine) as dbapi:
        # ATTACH without KEY uses the main database's key (SQLCipher semantics).
        dbapi.execute("ATTACH DATABASE ? AS migration_copy", (str(target),))
        try:
            dbapi.execute("SELECT sqlcipher_export('migration_copy')")
        finally:
            dbapi.execute("DETACH DATABASE migration_copy")
    return target


def migrate_if_needed(engine: Engine, db_path: Path) -> Path | None:
    """Upgrade to head; returns the path of the safety copy when one was made."""
    current = current_revision(engine)
    if current == head_revision():
        return None
    copy = None
    if current is not None:
        copy = encrypted_copy(engine, pre_migration_copy_path(db_path, current))
        prune_pre_migration_copies(db_path)
    upgrade(engine)
    return copy
