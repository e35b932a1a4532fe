"""R2 header not plaintext SQLite · R3 settings pinned · R4 raw key only."""

from __future__ import annotations

import ast
import os
import re
import shutil
import sqlite3
import statistics
import time
from pathlib import Path

import pytest

import trygg_desktop
from trygg_desktop.services.database import unlock
from trygg_desktop.store import engine as engine_mod
from trygg_desktop.store.engine import GOLDEN_CIPHER_SETTINGS, KeyHolder, cipher_settings, raw_connect

from ..conftest import ADMIN_PASSWORD, World

PACKAGE = Path(trygg_desktop.__file__).resolve().parent
HEX_KEY_PRAGMA = re.compile(r"""^PRAGMA (re)?key = "x'[0-9a-f]{64}'"$""")


# --------------------------------------------------------------------------- R2

def test_r2_header_is_not_plaintext_sqlite(template_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    shutil.copyfile(template_db, copy)
    header = copy.read_bytes()[:100]
    assert header[:16] != b"SQLite format 3\x00"
    assert b"SQLite" not in header
    conn = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
    try:
        with pytest.raises(sqlite3.DatabaseError):
            conn.execute("SELECT name FROM sqlite_master").fetchall()
    finally:
        conn.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.db"], "stdlib sqlite3 left files behind"


def test_r2_live_database_header(world: World) -> None:
    world.as_("samordnare").users.list_units()
    assert world.path.read_bytes()[:16] != b"SQLite format 3\x00"


# --------------------------------------------------------------------------- R3

def test_r3_cipher_settings_equal_golden(world: World) -> None:
    assert cipher_settings(world.db.engine) == GOLDEN_CIPHER_SETTINGS  # same items, same order
    with world.db.engine.connect() as conn:  # and through a SQLAlchemy connection (inside BEGIN)
        rows = tuple(r[0] for r in conn.exec_driver_sql("PRAGMA cipher_settings"))
    assert rows == GOLDEN_CIPHER_SETTINGS
    # The golden list itself says what R3 asks for.
    golden = set(GOLDEN_CIPHER_SETTINGS)
    assert "PRAGMA cipher_use_hmac = 1;" in golden
    assert "PRAGMA cipher_plaintext_header_size = 0;" in golden
    assert "PRAGMA cipher_page_size = 4096;" in golden


def _pragmas(run) -> dict[str, object]:
    names = ("temp_store", "journal_mode", "synchronous", "foreign_keys", "secure_delete", "busy_timeout")
    return {name: run(f"PRAGMA {name}") for name in names}


def test_r3_connection_pragmas_through_engine(world: World) -> None:
    with world.db.engine.connect() as conn:
        values = _pragmas(lambda sql: conn.exec_driver_sql(sql).scalar())
    assert values == {"temp_store": 2, "journal_mode": "wal", "synchronous": 2, "foreign_keys": 1,
                      "secure_delete": 1, "busy_timeout": 5000}


def test_r3_connection_pragmas_raw_and_readonly(world: World) -> None:
    for readonly in (False, True):
        conn = raw_connect(world.path, world.db.key, readonly=readonly)
        try:
            values = _pragmas(lambda sql: conn.execute(sql).fetchone()[0])
            settings = tuple(r[0] for r in conn.execute("PRAGMA cipher_settings"))
        finally:
            conn.close()
        assert settings == GOLDEN_CIPHER_SETTINGS
        assert values["temp_store"] == 2 and values["synchronous"] == 2, (readonly, values)
        assert values["foreign_keys"] == 1 and values["secure_delete"] == 1, (readonly, values)
        assert values["journal_mode"] == "wal", (readonly, values)


# --------------------------------------------------------------------------- R4

def _docstring_nodes(tree: ast.AST) -> set[int]:
    """ids of bare string expression statements (docstrings, commented-out prose)."""
    ids: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, (ast.Constant, ast.JoinedStr)):
            ids.add(id(node.value))
            ids.update(id(n) for n in ast.walk(node.value))
    return ids


def _is_hex_key_fstring(node: ast.AST) -> bool:
    """``f"PRAGMA key = \\"x'{<expr>.hex()}'\\""`` (or rekey), nothing else."""
    if not isinstance(node, ast.JoinedStr) or len(node.values) != 3:
        return False
    head, value, tail = node.values
    return (isinstance(head, ast.Constant) and re.fullmatch(r"""PRAGMA (re)?key = "x'""", head.value) is not None
            and isinstance(value, ast.FormattedValue) and value.format_spec is None and value.conversion == -1
            and isinstance(value.value, ast.Call) and not value.value.args and not value.value.keywords
            and isinstance(value.value.func, ast.Attribute) and value.value.func.attr == "hex"
            and isinstance(tail, ast.Constant) and tail.value == "'\"")


def _is_derived_rekey(node: ast.AST) -> bool:
    """``<holder>.pragma().replace("PRAGMA key", "PRAGMA rekey"[, 1])``: the rekey
    statement built from KeyHolder.pragma(), which is itself the hex f-string."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "replace"):
        return False
    inner = node.func.value
    args = node.args
    return (isinstance(inner, ast.Call) and isinstance(inner.func, ast.Attribute) and inner.func.attr == "pragma"
            and not inner.args and not inner.keywords and len(args) in (2, 3) and not node.keywords
            and all(isinstance(a, ast.Constant) for a in args)
            and [a.value for a in args[:2]] == ["PRAGMA key", "PRAGMA rekey"]
            and (len(args) == 2 or args[2].value == 1))


def key_pragma_violations(source: str, filename: str = "<src>") -> list[str]:
    """Every string in code that mentions ``PRAGMA key``/``rekey`` and is not the hex f-string
    (or the rekey statement derived from KeyHolder.pragma())."""
    tree = ast.parse(source, filename)
    skip = _docstring_nodes(tree)
    for node in ast.walk(tree):
        if _is_derived_rekey(node):
            skip.update(id(a) for a in node.args)
    pattern = re.compile(r"pragma\s+(re)?key\b|\bkey\s*=\s*['\"]|sqlcipher_export|attach\b.*\bkey\b", re.I)
    problems = []
    checked: set[int] = set()
    for node in ast.walk(tree):
        if id(node) in skip or id(node) in checked:
            continue
        if isinstance(node, ast.JoinedStr):
            checked.update(id(n) for n in ast.walk(node))
            text = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
            if re.search(r"pragma\s+(re)?key", text, re.I) and not _is_hex_key_fstring(node):
                problems.append(f"{filename}:{node.lineno}: {text!r}")
            elif re.search(r"attach\b.*\bkey\b", text, re.I):
                problems.append(f"{filename}:{node.lineno}: {text!r}")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and pattern.search(node.value):
            if "sqlcipher_export" in node.value and "key" not in node.value.lower():
                continue  # an export into a database attached without its own passphrase
            problems.append(f"{filename}:{node.lineno}: {node.value!r}")
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) and isinstance(node.left, ast.Constant) \
                and isinstance(node.left.value, str) and re.search(r"pragma\s+(re)?key", node.left.value, re.I):
            problems.append(f"{filename}:{node.lineno}: %-formatted key pragma")
    return problems


def test_r4_checker_catches_passphrase_keys() -> None:
    bad = '''
PW = "secret"
a = f"PRAGMA key = '{PW}'"
b = "PRAGMA key = 'hunter2'"
c = "pragma rekey = '%s'" % PW
d = "PRAGMA key = \\"x'{}'\\"".format(PW)
e = f"PRAGMA key = \\"x'{PW}'\\""
f = f"ATTACH DATABASE 'b.db' AS b KEY '{PW}'"
g = "PRAGMA key = 'x'".replace("PRAGMA key", "PRAGMA rekey")
h = PW.replace("PRAGMA key", "PRAGMA rekey")
'''
    lines = {int(v.split(":")[1]) for v in key_pragma_violations(bad)}
    assert lines == {3, 4, 5, 6, 7, 8, 9, 10}, key_pragma_violations(bad)
    good = '''
"""Docstring: PRAGMA key = "passphrase" is what we never do."""
def k(dek):
    return f"PRAGMA key = \\"x'{dek.hex()}'\\""
def r(new_dek):
    return f"PRAGMA rekey = \\"x'{new_dek.hex()}'\\""
def r2(holder):
    return holder.pragma().replace("PRAGMA key", "PRAGMA rekey", 1)
'''
    assert key_pragma_violations(good) == []


# Reviewed exceptions, each exact: (file, statement) → why it is not a passphrase key.
REVIEWED_KEY_STATEMENTS = {
    ("services/backup.py", "ATTACH DATABASE ? AS trygg_backup KEY ?"):
        "the bound parameter is the raw key x'<hex of a fresh 32-byte backup DEK>'",
    ("bench/plain.py", "ATTACH DATABASE ? AS plain KEY ''"):
        "the benchmark's plain-SQLite twin of synthetic data: unencrypted on purpose (issue 6)",
}


def test_r4_no_code_path_keys_with_a_passphrase() -> None:
    problems: list[str] = []
    found_key = found_rekey = False
    for path in sorted(PACKAGE.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        rel = path.relative_to(PACKAGE).as_posix()
        problems += [v for v in key_pragma_violations(source, rel)
                     if (rel, ast.literal_eval(v.split(": ", 1)[1])) not in REVIEWED_KEY_STATEMENTS]
        tree = ast.parse(source)
        for node in ast.walk(tree):
            if _is_hex_key_fstring(node):
                head = node.values[0].value  # type: ignore[attr-defined]
                found_rekey |= head.startswith("PRAGMA rekey")
                found_key |= head.startswith("PRAGMA key")
            found_rekey |= _is_derived_rekey(node)
    assert not problems, "\n".join(problems)
    assert found_key and found_rekey, "the raw-key pragmas themselves were not found: checker is blind"


def test_r4_every_key_statement_sent_to_sqlcipher_is_hex(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    """Dynamic check: trace every statement of an unlock, a session, and a DEK rotation."""
    statements: list[str] = []
    real_connect = engine_mod.sqlcipher.connect

    def traced_connect(*args, **kwargs):
        conn = real_connect(*args, **kwargs)
        conn.set_trace_callback(statements.append)
        return conn

    monkeypatch.setattr(engine_mod.sqlcipher, "connect", traced_connect)
    world.db.close()
    db, _admin = unlock(world.path, "admin", ADMIN_PASSWORD, throttle=world.throttle())
    try:
        world.db = db
        world._services.clear()
        world.actors["admin"] = _admin
        world.as_("admin").users.remove_user("fritid")
    finally:
        db.close()
    key_statements = [s for s in statements if re.search(r"\b(re)?key\b", s, re.I) and "pragma" in s.lower()]
    assert any(s.startswith("PRAGMA key") for s in key_statements)
    assert any(s.startswith("PRAGMA rekey") for s in key_statements)
    bad = [s[:20] for s in key_statements if not HEX_KEY_PRAGMA.match(s)]
    assert not bad, bad


def test_r4_keyholder_pragma_is_hex() -> None:
    holder = KeyHolder(os.urandom(32))
    assert HEX_KEY_PRAGMA.match(holder.pragma())


def test_r4_open_with_raw_dek_is_fast(world: World) -> None:
    raw_connect(world.path, world.db.key).close()  # warm the page cache once
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        conn = raw_connect(world.path, world.db.key)
        conn.execute("SELECT count(*) FROM audit_event").fetchone()
        times.append(time.perf_counter() - t0)
        conn.close()
    median = statistics.median(times)
    print(f"\nR4 raw-DEK open (median of 5): {median * 1000:.2f} ms; all: "
          + ", ".join(f"{t * 1000:.2f}" for t in times))
    assert median < 0.050
