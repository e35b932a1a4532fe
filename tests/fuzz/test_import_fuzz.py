"""R31 – import robustness, with hypothesis.

For arbitrary bytes, truncations of a valid file, and random mutations of a valid
document (dropped keys, wrong types, huge strings, deep nesting, invalid
personnummer, duplicated and dangling references), ``import_bytes`` either
succeeds – and then the bytes are a valid document – or raises
``ImportFormatError``; never anything else. After every failure the target
database is unchanged: a raw dump of every table (audit log and meta included,
so strictly stronger than comparing exports) is compared after each attempt, and
the full export at the end of each test. Parsing stays under 1 s per MB.

The target already holds data (a renamed copy of the source), so "unchanged" is
meaningful, and each example gets fresh case references so that a mutation that
is still valid imports for real instead of failing on a duplicate reference.
"""

from __future__ import annotations

import copy
import json
import time
from datetime import date
from itertools import count
from pathlib import Path
from functools import lru_cache
from typing import Any, Iterator

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trygg_desktop.domain import personnummer
from trygg_desktop.domain.errors import ImportFormatError
from trygg_desktop.services import exchange
from trygg_desktop.services.database import Database
from trygg_desktop.services.exchange import ExchangeService, parse_document

from ..integration.test_exchange import (audit_head, make_world, open_fresh, populate, snapshot,
                                         without_time)

FUZZ = settings(deadline=None, max_examples=150, derandomize=False,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])


# --------------------------------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def source(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A valid document with every record kind (exported from a populated database)."""
    world = make_world(template_db, tmp_path_factory.mktemp("fuzz-source"))
    try:
        populate(world)
        return ExchangeService(world.db, world.actors["admin"]).export()
    finally:
        world.db.close()


_fresh = count(1)


def renamed(doc: dict[str, Any], tag: str) -> dict[str, Any]:
    """The document with every case reference (and link to one) given a new prefix."""
    doc = copy.deepcopy(doc)
    for case in doc["cases"]:
        case["reference"] = f"{tag}-{case['reference']}"
        if case.get("linked_case"):
            case["linked_case"] = f"{tag}-{case['linked_case']}"
    return doc


class Target:
    """A database with content; checks that every failed import leaves it exactly as it was."""

    def __init__(self, db: Database, service: ExchangeService, source: dict[str, Any]) -> None:
        self.db, self.service = db, service
        service.import_bytes(exchange.to_bytes(renamed(source, "PRE")))
        self.export = without_time(service.export())
        self.rebase()
        self.successes = self.failures = 0

    def rebase(self) -> None:
        self.rows, self.head = snapshot(self.db), audit_head(self.db)

    def attempt(self, data: bytes) -> None:
        try:
            summary = self.service.import_bytes(data)
        except ImportFormatError as err:
            self.failures += 1
            assert err.code.startswith("import."), err.code
            assert err.params["path"].startswith("$") and err.params["problem"], err.params
            assert audit_head(self.db) == self.head
            assert snapshot(self.db) == self.rows, "a failed import changed the database"
            return
        # Success only for a valid document (parse_document would have accepted it).
        self.successes += 1
        doc = parse_document(data)
        assert list(summary.case_references) == [c["reference"] for c in doc["cases"]]
        self.rebase()
        self.export = None  # the content grew; the end-of-test export check is for failures only

    def finish(self) -> None:
        if self.export is not None:
            assert without_time(self.service.export()) == self.export


@pytest.fixture
def target(template_db: Path, tmp_path: Path, state_dir: Path, source: dict[str, Any]) -> Iterator[Target]:
    db, admin = open_fresh(template_db, tmp_path / "target", state_dir)
    t = Target(db, ExchangeService(db, admin), source)
    yield t
    t.finish()
    db.close()


# --------------------------------------------------------------------------------------------------
# Arbitrary bytes and truncations
# --------------------------------------------------------------------------------------------------

_PREFIX = b'{"format": "trygg-exchange", "version": 1, '


@FUZZ
@given(data=st.one_of(
    st.binary(max_size=4096),
    st.binary(max_size=512).map(lambda b: _PREFIX + b),
    st.text(alphabet='{}[]":,0123456789.-+eEtrufalsn \\u\n', max_size=300).map(str.encode),
))
def test_arbitrary_bytes(target: Target, data: bytes) -> None:
    target.attempt(data)


@FUZZ
@given(st.data())
def test_truncated_valid_file(target: Target, source: dict[str, Any], data: st.DataObject) -> None:
    doc = renamed(source, f"T{next(_fresh):07d}")
    raw = exchange.to_bytes(doc) if data.draw(st.booleans()) else json.dumps(doc).encode()
    cut = data.draw(st.integers(0, len(raw) - 1), label="cut")
    target.attempt(raw[:cut])


# --------------------------------------------------------------------------------------------------
# Mutations of a valid document
# --------------------------------------------------------------------------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats(allow_nan=False)
    | st.text(max_size=30) | st.sampled_from(["P1", "P999", "M1", "J1", "G1", "SOC", "VALID", "2026-02-30",
                                              "2026-11-22", "2026-11-22T10:00:00Z", "SSPF-2026-0001", ""]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3),
    max_leaves=6)

OPERATIONS = ("drop", "replace", "huge", "deep", "pnr", "duplicate", "code", "reference", "swap")


def _nodes(doc: Any) -> list[tuple[Any, ...]]:
    """Every path below the root, as tuples of keys and indexes."""
    found: list[tuple[Any, ...]] = []
    stack: list[tuple[Any, tuple[Any, ...]]] = [(doc, ())]
    while stack:
        node, path = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, child in items:
            found.append(path + (key,))
            stack.append((child, path + (key,)))
    found.sort(key=lambda p: [str(x) for x in p])
    return found


def _parent(doc: Any, path: tuple[Any, ...]) -> Any:
    for key in path[:-1]:
        doc = doc[key]
    return doc


def _bad_personnummer(draw: st.DrawFn, doc: dict[str, Any]) -> None:
    persons = doc.get("persons") if isinstance(doc, dict) else None
    # An earlier mutation may have dropped the list or turned an entry into another type.
    people = [p for p in persons if isinstance(p, dict) and isinstance(p.get("personnummer"), str)
              and len(p["personnummer"]) == 12] if isinstance(persons, list) else []
    if not people:
        return
    person = draw(st.sampled_from(people))
    digits = person["personnummer"]
    choice = draw(st.sampled_from(["digit", "garbage", "other_valid", "samordning"]))
    if choice == "digit":
        at = draw(st.integers(0, 11))
        person["personnummer"] = digits[:at] + str((int(digits[at]) + draw(st.integers(1, 9))) % 10) + digits[at + 1:]
    elif choice == "garbage":
        person["personnummer"] = draw(st.from_regex(r"[0-9]{10,13}|[0-9]{8}-[0-9]{4}|19000229[0-9]{4}",
                                                    fullmatch=True))
    elif choice == "other_valid":  # valid, but birth_date and any existing person disagree
        person["personnummer"] = personnummer.make(date(2010, 6, 15), draw(st.integers(980, 999))).digits
    else:
        person["personnummer"] = personnummer.make(date(2011, 5, 3), 981, samordningsnummer=True).digits


@st.composite
def mutated(draw: st.DrawFn, source: dict[str, Any]) -> bytes:
    doc = renamed(source, f"M{next(_fresh):07d}")
    for _ in range(draw(st.integers(1, 3), label="mutations")):
        paths = _nodes(doc)
        op = draw(st.sampled_from(OPERATIONS), label="op")
        if op == "pnr":
            _bad_personnummer(draw, doc)
            continue
        path = draw(st.sampled_from(paths), label="path")
        parent, key = _parent(doc, path), path[-1]
        if op == "drop":
            del parent[key]
        elif op == "replace":
            parent[key] = draw(JSON_VALUES)
        elif op == "huge":
            size = draw(st.sampled_from([exchange.MAX_STRING, exchange.MAX_STRING + 1, 201, 5001, 300_000]))
            parent[key] = draw(st.sampled_from(["x", "å", "\u202e", "\x00"])) * size
        elif op == "deep":
            depth = draw(st.integers(1, 3 * exchange.MAX_DEPTH))
            value = parent[key]
            for _ in range(depth):
                value = [value] if draw(st.booleans()) else {"k": value}
            parent[key] = value
        elif op == "duplicate" and isinstance(parent, list):
            parent.insert(key, copy.deepcopy(parent[key]))
        elif op == "code":
            parent[key] = draw(st.from_regex(r"[A-Z_]{1,12}", fullmatch=True))
        elif op == "reference":
            parent[key] = draw(st.sampled_from(["P1", "P2", "P999", "M1", "M2", "M999", "J1", "J999", "G1", "G9",
                                                "SSPF Tureberg", "Okänd", "PRE-SSPF-2026-0001"]))
        elif op == "swap":
            other = draw(st.sampled_from(paths), label="other")
            nested = other[:len(path)] == path or path[:len(other)] == other
            if not nested:  # swapping a value with its own part would make a cycle
                other_parent = _parent(doc, other)
                parent[key], other_parent[other[-1]] = other_parent[other[-1]], parent[key]
    if draw(st.booleans()):
        return exchange.to_bytes(doc)
    return json.dumps(doc, ensure_ascii=draw(st.booleans())).encode("utf-8")


@FUZZ
@given(st.data())
def test_mutated_document(target: Target, source: dict[str, Any], data: st.DataObject) -> None:
    target.attempt(data.draw(mutated(source)))


@lru_cache(maxsize=1)
def _reference_validator() -> jsonschema.Draft202012Validator:
    """jsonschema on the published schema as written ($refs, anyOf for null), not the importer's
    inlined copy: so the cross-check below covers that transformation as well."""
    return jsonschema.Draft202012Validator(exchange.load_schema(),
                                           format_checker=exchange._validator().format_checker)


@settings(FUZZ, max_examples=150)
@given(st.data())
def test_compiled_schema_check_agrees_with_jsonschema(source: dict[str, Any], data: st.DataObject) -> None:
    raw = data.draw(mutated(source))
    try:
        doc = json.loads(raw)
    except ValueError:
        return
    assert exchange.schema_valid(doc) == _reference_validator().is_valid(doc)


def test_mutations_reach_both_outcomes(target: Target, source: dict[str, Any]) -> None:
    """Sanity check of the fuzzer itself: a plain renamed copy imports, a broken one does not."""
    target.attempt(exchange.to_bytes(renamed(source, "OK")))
    assert target.successes == 1
    broken = renamed(source, "BAD")
    broken["cases"][0]["person"] = "P999"
    target.attempt(exchange.to_bytes(broken))
    assert target.failures == 1


# --------------------------------------------------------------------------------------------------
# Speed: under 1 s per MB
# --------------------------------------------------------------------------------------------------

def _large_document(source: dict[str, Any], size: int) -> bytes:
    """A valid document of about ``size`` bytes: the source's cases over and over, each with its own
    person (distinct personnummer) and reference."""
    doc = copy.deepcopy(source)
    template_cases = [c for c in source["cases"] if c["kind"] == "SSPF"]
    person_of = {p["id"]: p for p in source["persons"]}
    n, estimate = 0, len(exchange.to_bytes(doc))
    while estimate < size:
        for case in template_cases:
            n += 1
            clone = copy.deepcopy(case)
            clone["reference"] = f"BIG-{n:06d}"
            clone["linked_case"] = None
            pid = f"X{n}"
            born = date(2005 + n % 10, 1 + n % 12, 1 + n % 28)
            person = dict(person_of[case["person"]], id=pid,
                          personnummer=personnummer.make(born, 1 + (n // 336) % 999).digits,
                          birth_date=born.isoformat())
            doc["persons"].append(person)
            clone["person"] = pid
            for consent in clone["consents"]:
                consent["subject"] = pid
                for signatory in consent["signatories"]:
                    signatory["person"] = None
            for meeting in clone["meetings"]:
                meeting["id"] = f"{meeting['id']}x{n}"
                for attendee in meeting["attendees"]:
                    attendee["person"] = None
            for plan in clone["plans"]:
                plan["meeting"] = None
                for action in plan["actions"]:
                    action["created_in_meeting"] = action["closed_in_meeting"] = None
            for disclosure in clone["disclosures"]:
                disclosure["person"] = pid
            doc["cases"].append(clone)
            estimate += len(exchange.to_bytes(clone)) + len(exchange.to_bytes(person))
    return exchange.to_bytes(doc)


def test_parse_time_under_one_second_per_megabyte(source: dict[str, Any]) -> None:
    data = _large_document(source, 2 * 1024 * 1024)
    megabytes = len(data) / (1024 * 1024)
    parse_document(data)  # warm the schema validator (built once per process)
    started = time.perf_counter()
    doc = parse_document(data)
    elapsed = time.perf_counter() - started
    assert len(doc["cases"]) > 100
    assert elapsed < megabytes, f"{elapsed:.2f} s for {megabytes:.1f} MB"


@pytest.mark.parametrize("hostile", [
    b"[" * (4 * 1024 * 1024),
    b"[]" * (2 * 1024 * 1024),
    b'{"a":' * (800 * 1024),
    b'["' + b"x" * (4 * 1024 * 1024),
    b'{"format": "trygg-exchange", "version": 1, "x": "' + b"\\u00e5" * (700 * 1024) + b'"}',
])
def test_hostile_shapes_are_refused_quickly(hostile: bytes) -> None:
    started = time.perf_counter()
    with pytest.raises(ImportFormatError):
        parse_document(hostile)
    elapsed = time.perf_counter() - started
    assert elapsed < max(0.5, len(hostile) / (1024 * 1024)), f"{elapsed:.2f} s for {len(hostile)} bytes"
