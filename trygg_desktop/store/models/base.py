"""Declarative base and column helpers shared by every model.

Codes from ``domain.vocab`` are stored as short strings; lists (concern categories,
consent scope) as JSON text. Instants are ``UtcDateTime`` columns (``utc.py``): aware UTC
in Python, naive UTC in the database as before.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import MetaData, String, Text, TypeDecorator
from sqlalchemy.orm import DeclarativeBase

# Stable constraint names make Alembic batch migrations on SQLite reproducible.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class JsonList(TypeDecorator[list[Any]]):
    """A JSON array stored as text; always returns a list."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: list[Any] | None, dialect: Any) -> str:
        return json.dumps(list(value or []), ensure_ascii=False, separators=(",", ":"))

    def process_result_value(self, value: str | None, dialect: Any) -> list[Any]:
        return list(json.loads(value)) if value else []


def code(length: int = 40) -> String:
    """A vocabulary code column type."""
    return String(length)
