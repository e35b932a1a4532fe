"""Run Alembic programmatically on the unlocked connection.

Before a pending migration, an encrypted copy of the database is kept beside it
(same key: the copy is as safe as the original), so a failed migration loses nothing.
The copy ``<db>.pre-<revision>-<UTC stamp>.bak`` opens with the database's own key
file (copy ``<db>.keys`` to ``<copy>.keys`` to open it); only the newest
``PRE_MIGRATION_KEEP`` copies are kept.

Alembic is imported only when a migration is due (or asked for): importing it costs
about a tenth of a second of the start-up, and on almost every unlock the database is
already at head. That check reads the revision ids from the scripts' headers and the
``alembic_version`` row with plain SQL, and leaves anything unusual (several heads, a
script it cannot read) to Alembic itself.
"""

from __future__ import annotations

import functools
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, inspect, text

from ..paths import migrations_dir
from .engine import raw

if TYPE_CHECKING:
    from alembic.config import Config

VERSION_TABLE = "alembic_version"  # Alembic's default, which migrations/env.py keeps
_REVISION = re.compile(r"^revision(?:\s*:\s*str)?\s*=\s*['\"]([^'\"]+)['\"]\s*$", re.M)
_DOWN_REVISION = re.compile(r"^down_revision(?:\s*:[^=]+)?\s*=\s*(.+?)\s*$", re.M)


def alembic_config(connection: Any = None, target_metadata: Any = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    cfg.attributes["connection"] = connection
    cfg.attributes["target_metadata"] = target_metadata
    return cfg


def _script_head(folder: Path) -> str | None:
    """The one head of the revision chain in ``folder``, read from the scripts' ``revision``
    and ``down_revision`` lines; None when that is not clear-cut (Alembic decides then)."""
    revisions: set[str] = set()
    pointed_to: set[str] = set()
    for script in sorted(folder.glob("*.py")):
        source = script.read_text(encoding="utf-8")
        found = _REVISION.findall(source)
        if script.name == "__init__.py" and not found:
            continue
        down = _DOWN_REVISION.findall(source)
        if len(found) != 1 or len(down) != 1:
            return None
        parents = re.findall(r"['\"]([^'\"]+)['\"]", down[0])
        if not parents and down[0] != "None":
            return None
        revisions.add(found[0])
        pointed_to.update(parents)
    heads = revisions - pointed_to
    return heads.pop() if len(heads) == 1 and pointed_to <= revisions else None


@functools.cache
def head_revision() -> str:
    # Cached: the scripts ship with the program and cannot change while it runs.
    head = _script_head(migrations_dir() / "versions")
    if head is None:
        from alembic.script import ScriptDirectory

        head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _stored_revisions(engine: Engine) -> list[str]:
    """The rows of the version table, without Alembic (none: a new or foreign database)."""
    with engine.connect() as conn:
        if not inspect(conn).has_table(VERSION_TABLE):
            return []
        return [row[0] for row in conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}"))]  # noqa: S608


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

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
    if _stored_revisions(engine) == [head_revision()]:
        return None  # at head: the usual unlock, without importing Alembic
    current = current_revision(engine)
    if current == head_revision():
        return None
    copy = None
    if current is not None:
        copy = encrypted_copy(engine, pre_migration_copy_path(db_path, current))
        prune_pre_migration_copies(db_path)
    upgrade(engine)
    return copy
