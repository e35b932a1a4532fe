"""Exchange files: export cases, persons and meetings as JSON, and import them again.

The format is documented in ``docs/exchange-format.md`` and described field by
field in ``resources/exchange.schema.json`` (JSON Schema 2020-12). In short: one
UTF-8 JSON object with ``units``, ``persons``, ``guardianships``, ``cases`` (each
with everything that belongs to it) and group ``meetings``. Records refer to
each other by identifiers that only mean something inside the file (``P1``,
``M3``, ``J2``), by unit name, by case reference, and to staff by user name.
User accounts never travel: their key slots cannot, so user names are mapped
to the accounts of the target database or dropped.

Import is hostile-input parsing (SECURITY.md R31): a size cap, strict UTF-8, a
nesting-depth guard *before* ``json.loads`` (the standard library has no limit
and recurses), schema validation, then checks of personnummer, identifiers and
cross references. Every failure is an ``ImportFormatError`` whose ``params``
name the JSON path (``$.cases[3].consents[0].valid_to``) and the problem, and
whose message never echoes the offending value (it may be personal data). The
import itself runs in one transaction: on any error nothing is written, not
even an audit event.

Export ids are deterministic (units by name, persons by personnummer then
reserve id, cases by reference, children in the order they were recorded), so
exporting a database, importing the file into a fresh database and exporting
that gives the same file apart from ``exported_at``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from functools import lru_cache
from itertools import islice
from typing import Any, Callable, Iterable

import jsonschema
from jsonschema.exceptions import ValidationError as SchemaError
from jsonschema.exceptions import best_match
from sqlalchemy import exc as sa_exc
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..domain import personnummer, vocab
from ..domain.access import Act, CaseFacts, Rec, RecordFacts, may_see_full_personnummer, may_see_protected_details
from ..domain.errors import AccessDenied, ImportFormatError, NotFound, PersonnummerError
from ..paths import resource
from ..store.models import (Action, AgendaItem, Assessment, AssessmentItem, Attendee, Case, CaseAssignment,
                            CaseReferenceCounter, CaseStatusChange, ConditionBreach, Conditions, Consent,
                            ConsentSignatory, Disclosure, Goal, Guardianship, InstrumentReference, JournalEntry,
                            Meeting, Person, Plan, ProtocolCorrection, RiskLevelEntry, ThreatAssessment, Unit, User)
from .base import Service, Tx
from .cases import REFERENCE_PREFIX
from .journal import journal_record
from .meetings import item_record, protocol_hash
from .plans import action_record

__all__ = [
    "FORMAT", "MAX_DEPTH", "MAX_IMPORT_BYTES", "MAX_STRING", "SCHEMA_NAME", "VERSION", "ExchangeService",
    "ImportSummary", "load_schema", "parse_document", "schema_valid", "to_bytes",
]

FORMAT = "trygg-exchange"
VERSION = 1
MAX_IMPORT_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 32
MAX_STRING = 100_000
SCHEMA_NAME = "exchange.schema.json"

# Case kind of each reference prefix (SSPF-2026-0001, TREFAS-…, AVH-…).
_KIND_OF_PREFIX = {prefix: kind for kind, prefix in REFERENCE_PREFIX.items()}
_REFERENCE_RE = re.compile(r"(?P<prefix>[A-Z]+)-(?P<year>[0-9]{4})-(?P<number>[0-9]{1,9})")
_MAX_COUNTER = 10**9

# Record kinds that only exist in one kind of case (as the services enforce).
_KIND_ONLY = {"risk_levels": "TREFAS", "threat_assessments": "AVHOPPARE", "conditions": "AVHOPPARE"}


# --------------------------------------------------------------------------------------------------
# Errors and small helpers
# --------------------------------------------------------------------------------------------------

def _fail(code: str, path: str, problem: str, **extra: Any) -> ImportFormatError:
    return ImportFormatError(f"{path}: {problem}", code=code, path=path, problem=problem, **extra)


_IDENT_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _join(path: str, part: str | int) -> str:
    if isinstance(part, int):
        return f"{path}[{part}]"
    if _IDENT_RE.fullmatch(part):
        return f"{path}.{part}"
    return f"{path}[{json.dumps(_clip(part), ensure_ascii=False)}]"


def _format_path(parts: Iterable[str | int]) -> str:
    path = "$"
    for part in parts:
        path = _join(path, part)
    return path


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


_SAFE_CODE_RE = re.compile(r"[A-Z][A-Z0-9_]{0,39}")


def _code_repr(value: Any) -> str:
    """Show a value in a message only when it looks like a code (never names, text or numbers)."""
    if isinstance(value, str) and _SAFE_CODE_RE.fullmatch(value):
        return repr(value)
    return "the value"


def _iso_date(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _iso_utc(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(timezone.utc).replace(tzinfo=None)
    return value.isoformat() + "Z"


def _iso_local(value: datetime | None) -> str | None:
    return value.replace(tzinfo=None).isoformat() if value is not None else None


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value is not None else None


def _utc(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value[:-1]) if value is not None else None


def _local(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value is not None else None


# --------------------------------------------------------------------------------------------------
# Schema and format checks
# --------------------------------------------------------------------------------------------------

_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_UTC_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?Z")
_LOCAL_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?")
_CODE_RE = re.compile(r"[A-Z0-9_]{1,40}")
_LOCAL_ID_RE = re.compile(r"[A-Za-z][A-Za-z0-9_.-]{0,39}")
_PNR_RE = re.compile(r"[0-9]{12}")
_CASE_REF_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_./-]{0,31}")
_SHA256_RE = re.compile(r"[0-9a-f]{64}")


def _parses(parser: Callable[[str], Any], pattern: re.Pattern[str]) -> Callable[[Any], bool]:
    def check(value: Any) -> bool:
        if not isinstance(value, str):
            return True  # the "type" keyword reports other types
        if pattern.fullmatch(value) is None:
            return False
        try:
            parser(value)
        except ValueError:
            return False
        return True
    return check


def _matches(pattern: re.Pattern[str]) -> Callable[[Any], bool]:
    # fullmatch, not the schema's "pattern": Python's "$" also matches before a final newline.
    return lambda value: not isinstance(value, str) or pattern.fullmatch(value) is not None


_FORMATS: dict[str, tuple[Callable[[Any], bool], str]] = {
    "date": (_parses(date.fromisoformat, _DATE_RE), "a date YYYY-MM-DD"),
    "trygg-timestamp": (_parses(lambda v: datetime.fromisoformat(v[:-1]), _UTC_RE),
                        "a UTC time YYYY-MM-DDTHH:MM:SSZ"),
    "trygg-local-datetime": (_parses(datetime.fromisoformat, _LOCAL_RE), "a local time YYYY-MM-DDTHH:MM:SS"),
    "trygg-code": (_matches(_CODE_RE), "a code (A-Z, 0-9, _)"),
    "trygg-id": (_matches(_LOCAL_ID_RE), "an identifier (a letter, then letters, digits, _ . -)"),
    "trygg-person-ref": (lambda v: not isinstance(v, str) or bool(_LOCAL_ID_RE.fullmatch(v) or _PNR_RE.fullmatch(v)),
                         "a person id or a 12-digit personnummer"),
    "trygg-reference": (_matches(_CASE_REF_RE), "a case reference"),
    "trygg-personnummer": (_matches(_PNR_RE), "12 digits YYYYMMDDNNNC"),
    "trygg-sha256": (_matches(_SHA256_RE), "a SHA-256 digest in lower-case hex"),
}


def load_schema() -> dict[str, Any]:
    """The published schema (a fresh copy; the validator keeps its own)."""
    with open(resource(SCHEMA_NAME), encoding="utf-8") as f:
        return json.load(f)


_ANNOTATIONS = frozenset({"description", "title", "$comment"})


def _inline_refs(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema with every local ``$ref`` replaced by its definition.

    Same meaning, but validation skips the reference lookups, which are a third of
    the time on a large file (the schema has no recursive definitions).
    """
    defs = schema.get("$defs", {})

    def inline(node: Any) -> Any:
        if isinstance(node, list):
            return [inline(item) for item in node]
        if not isinstance(node, dict):
            return node
        rest = {k: inline(v) for k, v in node.items() if k not in ("$ref", "$defs")}
        ref = node.get("$ref")
        if ref is None:
            return rest
        target = inline(defs[ref.removeprefix("#/$defs/")])
        if set(rest) <= _ANNOTATIONS:
            return target
        return {**rest, "allOf": [target, *rest.get("allOf", [])]}

    def nullable(node: Any) -> Any:
        """``anyOf: [{type: T, ...}, {type: null}]`` → ``{type: [T, null], ...}``: same meaning, one
        sub-schema less per value (keywords such as maxLength and format ignore null)."""
        if isinstance(node, list):
            return [nullable(item) for item in node]
        if not isinstance(node, dict):
            return node
        node = {k: nullable(v) for k, v in node.items()}
        branches = node.get("anyOf")
        if (isinstance(branches, list) and len(branches) == 2 and branches[1] == {"type": "null"}
                and isinstance(branches[0].get("type"), str) and "anyOf" not in branches[0]):
            merged = {**{k: v for k, v in node.items() if k != "anyOf"}, **branches[0]}
            merged["type"] = [branches[0]["type"], "null"]
            if "enum" in merged:
                merged["enum"] = [*merged["enum"], None]
            return merged
        return node

    return nullable(inline(schema))


@lru_cache(maxsize=1)
def _validator() -> jsonschema.protocols.Validator:
    """The reference validator: exact error paths and messages (used once a file is known bad)."""
    checker = jsonschema.FormatChecker(formats=())
    for name, (func, _) in _FORMATS.items():
        checker.checks(name)(func)
    return jsonschema.Draft202012Validator(_inline_refs(load_schema()), format_checker=checker)


# -- A compiled yes/no validator for the schema's keywords ------------------------------------------
#
# jsonschema spends a few microseconds per value, which on a structure-dense file
# comes close to the 1 s/MB budget (R31). The schema uses a small set of keywords,
# so it is compiled once into closures that answer only "valid or not", about ten
# times faster; the reference validator then runs only on a file already known to
# be bad, to name the path and the problem. A keyword the compiler does not know
# fails loudly at compile time, and the fuzz tests check that both agree.

_Check = Callable[[Any], bool]
_SKIP = frozenset({"description", "title", "$comment", "$schema", "$id", "$defs"})


def _is_type(value: Any, name: str) -> bool:
    if name == "string":
        return isinstance(value, str)
    if name == "object":
        return isinstance(value, dict)
    if name == "array":
        return isinstance(value, list)
    if name == "null":
        return value is None
    if name == "boolean":
        return isinstance(value, bool)
    if isinstance(value, bool):
        return False
    if name == "integer":
        return isinstance(value, int) or (isinstance(value, float) and value.is_integer())
    if name == "number":
        return isinstance(value, (int, float))
    raise ValueError(f"unknown JSON type {name!r}")


def _json_key(value: Any) -> Any:
    """A hashable key under which JSON-equal values (1 and 1.0, not 1 and true) coincide."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return (type(value).__name__, value)
    if isinstance(value, (int, float)):
        return ("number", value)
    return ("json", json.dumps(value, sort_keys=True, default=str))


def _compile(node: Any) -> _Check:
    if node is True:
        return lambda v: True
    if node is False:
        return lambda v: False
    checks: list[_Check] = []
    keys = set(node) - _SKIP
    if "type" in node:
        types = node["type"] if isinstance(node["type"], list) else [node["type"]]
        for name in types:
            _is_type(None, name)  # unknown names fail here, at compile time
        checks.append(lambda v, types=tuple(types): any(_is_type(v, t) for t in types))
    if "enum" in node:
        allowed = {_json_key(e) for e in node["enum"]}
        checks.append(lambda v: _json_key(v) in allowed)
    if "const" in node:
        const = _json_key(node["const"])
        checks.append(lambda v: _json_key(v) == const)
    if "maxLength" in node:
        checks.append(lambda v, n=node["maxLength"]: not isinstance(v, str) or len(v) <= n)
    if "minLength" in node:
        checks.append(lambda v, n=node["minLength"]: not isinstance(v, str) or len(v) >= n)
    if "pattern" in node:
        search = re.compile(node["pattern"]).search
        checks.append(lambda v: not isinstance(v, str) or search(v) is not None)
    if "format" in node:
        checks.append(_FORMATS[node["format"]][0])
    if "minimum" in node:
        checks.append(lambda v, n=node["minimum"]: not _is_type(v, "number") or v >= n)
    if "maximum" in node:
        checks.append(lambda v, n=node["maximum"]: not _is_type(v, "number") or v <= n)
    if "maxItems" in node:  # before uniqueItems: the length bounds the work
        checks.append(lambda v, n=node["maxItems"]: not isinstance(v, list) or len(v) <= n)
    if node.get("uniqueItems") is True:
        checks.append(lambda v: not isinstance(v, list) or len({_json_key(x) for x in v}) == len(v))
    if "items" in node:
        item = _compile(node["items"])
        checks.append(lambda v: not isinstance(v, list) or all(item(x) for x in v))
    if "required" in node:
        required = tuple(node["required"])
        checks.append(lambda v: not isinstance(v, dict) or all(k in v for k in required))
    if "properties" in node or "additionalProperties" in node:
        props = {k: _compile(s) for k, s in node.get("properties", {}).items()}
        extra = node.get("additionalProperties", True)
        other = _compile(extra)

        def properties(v: Any) -> bool:
            if not isinstance(v, dict):
                return True
            for k, x in v.items():
                check = props.get(k, other)
                if not check(x):
                    return False
            return True
        checks.append(properties)
    if "allOf" in node:
        parts = [_compile(s) for s in node["allOf"]]
        checks.append(lambda v: all(p(v) for p in parts))
    if "anyOf" in node:
        options = [_compile(s) for s in node["anyOf"]]
        checks.append(lambda v: any(o(v) for o in options))
    if "if" in node:
        condition = _compile(node["if"])
        then = _compile(node.get("then", True))
        otherwise = _compile(node.get("else", True))
        checks.append(lambda v: then(v) if condition(v) else otherwise(v))
    known = {"type", "enum", "const", "maxLength", "minLength", "pattern", "format", "minimum", "maximum",
             "maxItems", "uniqueItems", "items", "required", "properties", "additionalProperties", "allOf",
             "anyOf", "if", "then", "else"}
    if keys - known:
        raise ValueError(f"the exchange schema uses keywords the compiler does not know: {sorted(keys - known)}")
    if len(checks) == 1:
        return checks[0]
    return lambda v: all(c(v) for c in checks)


@lru_cache(maxsize=1)
def _fast_valid() -> _Check:
    return _compile(_inline_refs(load_schema()))


def schema_valid(doc: Any) -> bool:
    """Whether ``doc`` satisfies the schema (the compiled check ``parse_document`` uses)."""
    return _fast_valid()(doc)


def _vocab_for(codes: Any) -> str | None:
    if not isinstance(codes, list):
        return None
    codes = [c for c in codes if c is not None]  # nullable fields list null among the codes
    for v in vars(vocab).values():
        if isinstance(v, vocab.Vocabulary) and list(v.codes) == codes:
            return v.name
    return None


_JSON_TYPES = ((bool, "boolean"), (int, "integer"), (float, "number"), (str, "string"), (list, "array"),
               (dict, "object"), (type(None), "null"))


def _json_type(value: Any) -> str:
    for py, name in _JSON_TYPES:
        if isinstance(value, py):
            return name
    return type(value).__name__


def _describe(error: SchemaError) -> tuple[list[str | int], str]:
    """The path and a problem statement for a schema error, without echoing the value."""
    path: list[str | int] = list(error.absolute_path)
    kind, expected, value = error.validator, error.validator_value, error.instance
    if kind == "required":
        missing = [k for k in expected if isinstance(value, dict) and k not in value]
        if missing:
            return path + [missing[0]], "is required but missing"
        return path, "a required field is null"
    if kind == "additionalProperties":
        allowed = set(error.schema.get("properties", {}))
        extra = sorted(k for k in value if k not in allowed) if isinstance(value, dict) else []
        if extra:
            return path + [extra[0]], "is not a field of this object"
        return path, "has unknown fields"
    if kind == "type":
        wanted = " or ".join(expected) if isinstance(expected, list) else expected
        return path, f"must be {wanted}, not {_json_type(value)}"
    if kind == "enum":
        name = _vocab_for(expected)
        where = f"the '{name}' vocabulary" if name else "the allowed values"
        return path, f"{_code_repr(value)} is not a code of {where}"
    if kind == "const":
        return path, f"must be {json.dumps(expected)}"
    if kind == "format":
        return path, f"is not {_FORMATS.get(expected, (None, expected))[1]}"
    if kind == "pattern":
        return path, "does not have the required form"
    if kind == "maxLength":
        return path, f"is longer than {expected} characters"
    if kind == "minLength":
        return path, "must not be empty"
    if kind in ("minimum", "maximum"):
        return path, f"must be {'at least' if kind == 'minimum' else 'at most'} {expected}"
    if kind == "maxItems":
        return path, f"has more than {expected} items"
    if kind == "uniqueItems":
        return path, "lists the same value twice"
    if kind == "anyOf" and isinstance(value, dict) and "personnummer" in error.schema.get("properties", {}):
        return path, "needs a personnummer or a reserve_id"
    return path, f"does not match the schema ({kind})"


# --------------------------------------------------------------------------------------------------
# Parsing (R31): size, encoding, depth, syntax, schema, then the file's own consistency
# --------------------------------------------------------------------------------------------------

# A JSON string token (unrolled loop: linear, no backtracking), and the structural characters.
_STRING = r'"[^"\\]*(?:\\.[^"\\]*)*"'
_STRING_RE = re.compile(_STRING, re.S)
_NON_BRACKET_RE = re.compile(r"[^\[\]{}]+")
_TOKEN_RE = re.compile(_STRING + r"|[\[\]{},:]", re.S)
_SURROGATE_ESCAPE_RE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def _nesting_exceeds(text: str, limit: int) -> bool:
    """Whether any container nests deeper than ``limit``, without recursion.

    Strings are cut out first (brackets inside them do not count), then only the
    brackets are walked. Runs in C except for the bracket walk, which stops at the
    first level too deep.
    """
    skeleton = _NON_BRACKET_RE.sub("", _STRING_RE.sub("", text))
    depth = 0
    for ch in skeleton:
        if ch == "[" or ch == "{":
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False


class _Frame:
    __slots__ = ("is_object", "key", "index", "expect_key", "seen")

    def __init__(self, is_object: bool) -> None:
        self.is_object = is_object
        self.key: str | None = None
        self.index = 0
        self.expect_key = is_object
        self.seen: set[str] | None = set() if is_object else None

    def part(self) -> str | int | None:
        return self.key if self.is_object else self.index


def _locate(text: str, *, offset: int | None = None, depth: int | None = None,
            duplicate: bool = False) -> str:
    """The JSON path at a text offset, of the first container deeper than ``depth``,
    or of the first repeated key. Tolerates broken input (it only reads tokens)."""
    stack: list[_Frame] = []

    def path(frames: list[_Frame] | None = None, extra: str | None = None) -> str:
        parts = [p for p in (f.part() for f in (stack if frames is None else frames)) if p is not None]
        if extra is not None:
            parts.append(extra)
        return _format_path(parts)

    end = len(text) if offset is None else max(0, min(offset, len(text)))
    for m in _TOKEN_RE.finditer(text, 0, end):
        tok = m.group()
        first = tok[0]
        if first == '"':
            if stack and stack[-1].is_object and stack[-1].expect_key:
                try:
                    key = json.loads(tok)
                except ValueError:
                    key = tok[1:-1]
                top = stack[-1]
                if duplicate and top.seen is not None:
                    if key in top.seen:
                        return path(stack[:-1], key)
                    top.seen.add(key)
                top.key, top.expect_key = key, False
        elif first in "[{":
            if depth is not None and len(stack) >= depth:
                return path()
            stack.append(_Frame(first == "{"))
        elif first in "]}":
            if stack:
                stack.pop()
        elif first == ",":
            if stack:
                if stack[-1].is_object:
                    stack[-1].expect_key = True
                else:
                    stack[-1].index += 1
    return path()


class _DuplicateKey(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _DuplicateKey()
    return result


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _check_strings(doc: Any) -> None:
    """Every string must be encodable as UTF-8 (a lone surrogate escape is not)."""
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(doc, ())]
    while stack:
        value, parts = stack.pop()
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise _fail("import.encoding", _format_path(parts),
                            "contains an unpaired surrogate escape (not valid Unicode)") from None
        elif isinstance(value, dict):
            for key, item in value.items():
                stack.append((key, parts))
                stack.append((item, parts + (key,)))
        elif isinstance(value, list):
            stack.extend((item, parts + (i,)) for i, item in enumerate(value))


def parse_document(data: bytes) -> dict[str, Any]:
    """Turn untrusted bytes into a validated exchange document, or raise ``ImportFormatError``.

    Checks, in order: size (``import.too_large``), UTF-8 (``import.encoding``),
    nesting depth (``import.depth``), JSON syntax and repeated keys
    (``import.format``), format and version, the JSON schema (``import.schema``),
    then the file's own consistency: personnummer (``import.personnummer``),
    identifiers (``import.duplicate``) and cross references (``import.reference``).
    Nothing here touches a database.
    """
    if isinstance(data, (bytearray, memoryview)):
        data = bytes(data)
    if not isinstance(data, bytes):
        raise _fail("import.encoding", "$", "the file must be given as bytes")
    if len(data) > MAX_IMPORT_BYTES:
        raise _fail("import.too_large", "$", f"the file is larger than {MAX_IMPORT_BYTES} bytes",
                    size=len(data), limit=MAX_IMPORT_BYTES)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        prefix = data[:exc.start].decode("utf-8", errors="replace")
        raise _fail("import.encoding", _locate(prefix, offset=len(prefix)),
                    f"invalid UTF-8 at byte {exc.start}", position=exc.start) from None
    if text.startswith("\ufeff"):  # a byte order mark, as Windows editors write
        text = text[1:]
    if _nesting_exceeds(text, MAX_DEPTH):
        raise _fail("import.depth", _locate(text, depth=MAX_DEPTH),
                    f"nested deeper than {MAX_DEPTH} levels")
    try:
        doc = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_reject_constant)
    except _DuplicateKey:
        raise _fail("import.format", _locate(text, duplicate=True), "the same key appears twice") from None
    except json.JSONDecodeError as exc:
        raise _fail("import.format", _locate(text, offset=exc.pos),
                    f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})",
                    line=exc.lineno, column=exc.colno) from None
    except (ValueError, RecursionError) as exc:  # e.g. an integer with thousands of digits, NaN
        raise _fail("import.format", "$", f"not valid JSON ({type(exc).__name__})") from None
    if _SURROGATE_ESCAPE_RE.search(text):
        _check_strings(doc)
    del text
    if not isinstance(doc, dict):
        raise _fail("import.format", "$", f"the file must hold a JSON object, not {_json_type(doc)}")
    if doc.get("format") != FORMAT:
        raise _fail("import.format", "$.format", f"must be {json.dumps(FORMAT)}: this is not an exchange file")
    if doc.get("version") != VERSION or isinstance(doc.get("version"), bool):
        raise _fail("import.format", "$.version", f"unsupported version; this program reads version {VERSION}")
    if not schema_valid(doc):
        error = best_match(islice(_validator().iter_errors(doc), 200))
        if error is None:  # the compiled check is never more lenient; fail closed if it is stricter
            raise _fail("import.schema", "$", "does not match the schema")
        parts, problem = _describe(error)
        raise _fail("import.schema", _format_path(parts), problem)
    _Consistency(doc).check()
    return doc


class _Consistency:
    """Checks inside the file that the schema cannot express."""

    def __init__(self, doc: dict[str, Any]) -> None:
        self.doc = doc
        self.units: set[str] = set()
        self.persons: set[str] = set()
        self.meetings: set[str] = set()

    def person(self, ref: str | None, path: str) -> None:
        if ref is not None and ref not in self.persons:
            raise _fail("import.reference", path, "names no person of the file's 'persons' list")

    def unit(self, name: str | None, path: str) -> None:
        if name is not None and name not in self.units:
            raise _fail("import.reference", path, "names no unit of the file's 'units' list")

    def meeting(self, ref: str | None, path: str) -> None:
        if ref is not None and ref not in self.meetings:
            raise _fail("import.reference", path, "names no meeting of this file")

    def check(self) -> None:
        doc = self.doc
        for i, u in enumerate(doc["units"]):
            if u["name"] in self.units:
                raise _fail("import.duplicate", f"$.units[{i}].name", "another unit has the same name")
            self.units.add(u["name"])
        self._persons()
        pairs: set[tuple[str, str]] = set()
        aliases = self.aliases
        for i, g in enumerate(doc.get("guardianships", ())):
            self.person(g["child"], f"$.guardianships[{i}].child")
            self.person(g["guardian"], f"$.guardianships[{i}].guardian")
            pair = (aliases[g["child"]], aliases[g["guardian"]])
            if pair[0] == pair[1]:
                raise _fail("import.reference", f"$.guardianships[{i}].guardian",
                            "a person cannot be their own guardian")
            if pair in pairs:
                raise _fail("import.duplicate", f"$.guardianships[{i}]", "the same guardianship appears twice")
            pairs.add(pair)
        references: set[str] = set()
        for i, c in enumerate(doc["cases"]):
            if c["reference"] in references:
                raise _fail("import.duplicate", f"$.cases[{i}].reference", "another case has the same reference")
            references.add(c["reference"])
        self.references = references
        all_meetings = [(f"$.cases[{i}].meetings[{j}]", m) for i, c in enumerate(doc["cases"])
                        for j, m in enumerate(c.get("meetings", ()))]
        all_meetings += [(f"$.meetings[{j}]", m) for j, m in enumerate(doc.get("meetings", ()))]
        for path, m in all_meetings:
            if m["id"] in self.meetings:
                raise _fail("import.duplicate", f"{path}.id", "another meeting of the file has the same id")
            self.meetings.add(m["id"])
        for i, c in enumerate(doc["cases"]):
            self._case(c, f"$.cases[{i}]")
        for path, m in all_meetings:
            self._meeting(m, path, hash_complete=not self._agenda_withheld(path))
        for j, d in enumerate(doc.get("disclosures", ())):
            self.person(d.get("person"), f"$.disclosures[{j}].person")

    def _agenda_withheld(self, meeting_path: str) -> bool:
        match = re.match(r"\$\.cases\[(\d+)\]", meeting_path)
        if match is None:
            return False
        withheld = self.doc["cases"][int(match.group(1))].get("withheld") or {}
        return bool(withheld.get("agenda") or withheld.get("meetings"))

    def _persons(self) -> None:
        pnrs: dict[str, str] = {}
        reserve: set[str] = set()
        self.aliases: dict[str, str] = {}
        for i, p in enumerate(self.doc["persons"]):
            path = f"$.persons[{i}]"
            if p["id"] in self.persons:
                raise _fail("import.duplicate", f"{path}.id", "another person has the same id")
            self.persons.add(p["id"])
            self.aliases[p["id"]] = p["id"]
            pnr = p.get("personnummer")
            if pnr is not None:
                try:
                    parsed = personnummer.parse(pnr)
                except PersonnummerError as exc:
                    raise _fail("import.personnummer", f"{path}.personnummer",
                                f"not a valid personnummer ({exc.code})", reason=exc.code) from None
                if parsed.digits != pnr:
                    raise _fail("import.personnummer", f"{path}.personnummer", "must be exactly 12 digits")
                if pnr in pnrs:
                    raise _fail("import.duplicate", f"{path}.personnummer",
                                "another person has the same personnummer")
                birth = p.get("birth_date")
                if birth is not None and _date(birth) != parsed.birth_date:
                    raise _fail("import.personnummer", f"{path}.birth_date",
                                "does not agree with the personnummer")
                pnrs[pnr] = p["id"]
            rid = p.get("reserve_id")
            if rid is not None:
                if rid in reserve:
                    raise _fail("import.duplicate", f"{path}.reserve_id", "another person has the same reserve id")
                reserve.add(rid)
        # A reference may also be the personnummer of a listed person (ids never are 12 digits).
        self.aliases.update(pnrs)
        self.persons = set(self.aliases)

    def _case(self, c: dict[str, Any], path: str) -> None:
        kind = c["kind"]
        self.unit(c["unit"], f"{path}.unit")
        self.person(c["person"], f"{path}.person")
        statuses = vocab.CASE_STATUSES[kind]
        closures = vocab.CLOSURE_REASONS[kind]
        if c["status"] not in statuses:
            raise _fail("import.schema", f"{path}.status", f"is not a status of a {kind} case")
        if c.get("previous_status") is not None and c["previous_status"] not in statuses:
            raise _fail("import.schema", f"{path}.previous_status", f"is not a status of a {kind} case")
        closure = c.get("closure") or {}
        if closure.get("reason") is not None and closure["reason"] not in closures:
            raise _fail("import.schema", f"{path}.closure.reason", f"is not a closure reason of a {kind} case")
        for j, h in enumerate(c.get("status_history", ())):
            for key in ("from_status", "to_status"):
                if h.get(key) is not None and h[key] not in statuses:
                    raise _fail("import.schema", f"{path}.status_history[{j}].{key}",
                                f"is not a status of a {kind} case")
        for key, only in _KIND_ONLY.items():
            if c.get(key) and kind != only:
                raise _fail("import.schema", f"{path}.{key}", f"only {only} cases have {key.replace('_', ' ')}")
        for j, consent in enumerate(c.get("consents", ())):
            self.person(consent.get("subject"), f"{path}.consents[{j}].subject")
            for k, s in enumerate(consent.get("signatories", ())):
                self.person(s.get("person"), f"{path}.consents[{j}].signatories[{k}].person")
        goals: set[str] = set()
        versions: set[int] = set()
        for j, plan in enumerate(c.get("plans", ())):
            if plan["version"] in versions:
                raise _fail("import.duplicate", f"{path}.plans[{j}].version", "another plan has the same version")
            versions.add(plan["version"])
            self.meeting(plan.get("meeting"), f"{path}.plans[{j}].meeting")
            for k, g in enumerate(plan.get("goals", ())):
                if g["id"] in goals:
                    raise _fail("import.duplicate", f"{path}.plans[{j}].goals[{k}].id",
                                "another goal of the case has the same id")
                goals.add(g["id"])
        for j, plan in enumerate(c.get("plans", ())):
            for k, a in enumerate(plan.get("actions", ())):
                apath = f"{path}.plans[{j}].actions[{k}]"
                if a.get("goal") is not None and a["goal"] not in goals:
                    raise _fail("import.reference", f"{apath}.goal", "names no goal of this case")
                self.meeting(a.get("created_in_meeting"), f"{apath}.created_in_meeting")
                self.meeting(a.get("closed_in_meeting"), f"{apath}.closed_in_meeting")
        entries: set[str] = set()
        for j, e in enumerate(c.get("journal", ())):
            if e["id"] in entries:
                raise _fail("import.duplicate", f"{path}.journal[{j}].id", "another entry of the case has the same id")
            if e.get("corrects") is not None and e["corrects"] not in entries:
                raise _fail("import.reference", f"{path}.journal[{j}].corrects",
                            "names no earlier journal entry of this case")
            entries.add(e["id"])
        for j, d in enumerate(c.get("disclosures", ())):
            self.person(d.get("person"), f"{path}.disclosures[{j}].person")
        if c.get("linked_case") == c["reference"]:
            raise _fail("import.reference", f"{path}.linked_case", "a case cannot be linked to itself")

    def _meeting(self, m: dict[str, Any], path: str, *, hash_complete: bool) -> None:
        self.unit(m.get("unit"), f"{path}.unit")
        numbers: set[int] = set()
        for k, item in enumerate(m.get("agenda", ())):
            if item["number"] in numbers:
                raise _fail("import.duplicate", f"{path}.agenda[{k}].number", "another item has the same number")
            numbers.add(item["number"])
        for k, a in enumerate(m.get("attendees", ())):
            self.person(a.get("person"), f"{path}.attendees[{k}].person")
        if hash_complete and m.get("protocol_status") == "JUSTERAT" and m.get("content_hash") is not None:
            if _meeting_hash(m) != m["content_hash"]:
                raise _fail("import.integrity", f"{path}.content_hash",
                            "the approved protocol's content does not match its hash")


def _meeting_hash(m: dict[str, Any]) -> str:
    """``protocol_hash`` of the meeting as the file describes it (a transient ORM object)."""
    meeting = Meeting(meeting_type=m["type"], starts_at=_local(m["starts_at"]), place=m.get("place"))
    meeting.attendees = [Attendee(**_attendee_values(a)) for a in m.get("attendees", ())]
    meeting.agenda = [AgendaItem(**_agenda_values(i)) for i in sorted(m.get("agenda", ()), key=lambda i: i["number"])]
    return protocol_hash(meeting)


def _attendee_values(a: dict[str, Any]) -> dict[str, Any]:
    return dict(name=a["name"], function=a.get("function"), organisation=a.get("organisation"),
                agency_code=a.get("agency"), meeting_role=a.get("meeting_role", "DELTAGARE"),
                present=a.get("present", True), part_note=a.get("part_note"))


def _agenda_values(i: dict[str, Any]) -> dict[str, Any]:
    return dict(number=int(i["number"]), heading=i["heading"], note=i.get("note"), decision=i.get("decision"),
                owning_agency=i.get("owning_agency"), visibility=i.get("visibility", "SHARED"))


# --------------------------------------------------------------------------------------------------
# Export
# --------------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What an import created and reused; ``unknown_users`` were named in the file but
    have no account here, so their references were dropped (names kept as text)."""

    created: dict[str, int]
    reused: dict[str, int]
    case_references: tuple[str, ...]
    unknown_users: tuple[str, ...] = field(default=())


_WITHHELD_KEYS = ("consents", "assessments", "instruments", "risk_levels", "threat_assessments", "conditions",
                  "plans", "actions", "meetings", "agenda", "journal", "disclosures", "status_history")


class _Exporter:
    """Builds the document inside the caller's transaction.

    ``facts`` is set for a single-case export by a case worker: then every record
    goes through the access policy like the case view, what the reader may not see
    is left out and counted in ``withheld``, and protected identities lose their
    contact details unless the reader may see them.
    """

    def __init__(self, tx: Tx, facts: CaseFacts | None) -> None:
        self.tx = tx
        self.s: Session = tx.session
        self.facts = facts
        self.users = {u.id: u.username for u in self.s.scalars(select(User))}
        self.person_ids: dict[int, str] = {}
        self.meeting_ids: dict[int, str] = {}
        self.case_refs: dict[int, str] = {}
        self.unit_names: dict[int, str] = {}
        self.children: dict[int, dict[str, list[Any]]] = {}
        self.counts: dict[str, int] = {}

    # -- access -----------------------------------------------------------------------------------
    def _allowed(self, rec: Rec, record: RecordFacts | None = None) -> bool:
        if self.facts is None:
            return True
        return self.tx.allowed(Act.READ, rec, self.facts, record)

    def _filter(self, key: str, rows: list[Any], rec: Rec,
                to_facts: Callable[[Any], RecordFacts | None] = lambda r: None,
                withheld: dict[str, int] | None = None) -> list[Any]:
        if self.facts is None:
            return rows
        if not self._allowed(rec):
            shown: list[Any] = []
        else:
            shown = [r for r in rows if self._allowed(rec, to_facts(r))]
        if withheld is not None and len(shown) != len(rows):
            withheld[key] = withheld.get(key, 0) + len(rows) - len(shown)
        return shown

    def _user(self, user_id: int | None) -> str | None:
        return self.users.get(user_id) if user_id is not None else None

    def _count(self, key: str, n: int = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + n

    # -- document ---------------------------------------------------------------------------------
    def document(self, cases: list[Case], *, scope: str) -> dict[str, Any]:
        s = self.s
        cases = sorted(cases, key=lambda c: c.reference)
        self.case_refs = {c.id: c.reference for c in cases}
        case_ids = list(self.case_refs)
        whole = scope == "database"

        def rows(model: Any, *order: Any) -> dict[int, list[Any]]:
            grouped: dict[int, list[Any]] = {}
            stmt = select(model).order_by(*order)
            if not whole:
                stmt = stmt.where(model.case_id.in_(case_ids))
            for row in s.scalars(stmt):
                grouped.setdefault(row.case_id, []).append(row)
            return grouped

        children = {
            "assignments": rows(CaseAssignment, CaseAssignment.id),
            "status_history": rows(CaseStatusChange, CaseStatusChange.id),
            "consents": rows(Consent, Consent.id),
            "assessments": rows(Assessment, Assessment.id),
            "instruments": rows(InstrumentReference, InstrumentReference.id),
            "risk_levels": rows(RiskLevelEntry, RiskLevelEntry.id),
            "threat_assessments": rows(ThreatAssessment, ThreatAssessment.id),
            "conditions": rows(Conditions, Conditions.id),
            "plans": rows(Plan, Plan.version, Plan.id),
            "meetings": rows(Meeting, Meeting.starts_at, Meeting.id),
            "journal": rows(JournalEntry, JournalEntry.id),
            "disclosures": rows(Disclosure, Disclosure.disclosed_at, Disclosure.id),
        }
        withheld: dict[int, dict[str, int]] = {c.id: {} for c in cases}
        # Filter first: meeting and person ids are numbered over what is actually exported.
        for c in cases:
            w = withheld[c.id]
            ch = {key: grouped.get(c.id, []) for key, grouped in children.items()}
            ch["consents"] = self._filter("consents", ch["consents"], Rec.CONSENT, withheld=w)
            ch["assessments"] = self._filter("assessments", ch["assessments"], Rec.ASSESSMENT,
                                             lambda a: RecordFacts(a.owning_agency, a.visibility), w)
            ch["instruments"] = self._filter("instruments", ch["instruments"], Rec.ASSESSMENT,
                                             lambda i: RecordFacts(i.owning_agency, "SHARED"), w)
            ch["risk_levels"] = self._filter("risk_levels", ch["risk_levels"], Rec.RISK_LEVEL,
                                             lambda r: RecordFacts(None, "SHARED"), w)
            ch["threat_assessments"] = self._filter("threat_assessments", ch["threat_assessments"],
                                                    Rec.THREAT_ASSESSMENT,
                                                    lambda t: RecordFacts(t.assessed_by_agency, "INTERNAL"), w)
            ch["conditions"] = self._filter("conditions", ch["conditions"], Rec.CONDITIONS,
                                            lambda x: RecordFacts(None, "SHARED"), w)
            ch["plans"] = self._filter("plans", ch["plans"], Rec.PLAN, withheld=w)
            ch["meetings"] = self._filter("meetings", ch["meetings"], Rec.MEETING, withheld=w)
            ch["journal"] = self._filter("journal", ch["journal"], Rec.JOURNAL, journal_record, w)
            ch["disclosures"] = self._filter("disclosures", ch["disclosures"], Rec.DISCLOSURE,
                                             lambda d: RecordFacts(None, "SHARED"), w)
            self.children[c.id] = ch
        group_meetings: list[Meeting] = []
        loose_disclosures: list[Disclosure] = []
        if whole:
            group_meetings = list(s.scalars(select(Meeting).where(Meeting.case_id.is_(None))
                                            .order_by(Meeting.starts_at, Meeting.id)))
            loose_disclosures = list(s.scalars(select(Disclosure).where(Disclosure.case_id.is_(None))
                                               .order_by(Disclosure.disclosed_at, Disclosure.id)))
        n = 0
        for m in [m for c in cases for m in self.children[c.id]["meetings"]] + group_meetings:
            n += 1
            self.meeting_ids[m.id] = f"M{n}"

        # Persons: everyone (database) or everyone the case's records name (case).
        if whole:
            persons = list(s.scalars(select(Person)))
            guardianships = list(s.scalars(select(Guardianship)))
        else:
            wanted: set[int] = set()
            for c in cases:
                ch = self.children[c.id]
                wanted.add(c.person_id)
                for consent in ch["consents"]:
                    wanted.add(consent.subject_person_id)
                    wanted.update(sg.person_id for sg in consent.signatories if sg.person_id is not None)
                for m in ch["meetings"]:
                    wanted.update(a.person_id for a in m.attendees if a.person_id is not None)
                wanted.update(d.person_id for d in ch["disclosures"] if d.person_id is not None)
            guardianships = list(s.scalars(select(Guardianship).where(
                Guardianship.child_id.in_([c.person_id for c in cases]))))
            wanted.update(g.guardian_id for g in guardianships)
            persons = list(s.scalars(select(Person).where(Person.id.in_(wanted))))
        persons.sort(key=lambda p: (p.pnr is None, p.pnr or "", p.reserve_id or ""))
        self.person_ids = {p.id: f"P{i}" for i, p in enumerate(persons, start=1)}
        guardianships = [g for g in guardianships if g.child_id in self.person_ids and g.guardian_id in self.person_ids]
        guardianships.sort(key=lambda g: (int(self.person_ids[g.child_id][1:]), int(self.person_ids[g.guardian_id][1:])))

        unit_ids: set[int] = set()
        if whole:
            units = list(s.scalars(select(Unit).order_by(Unit.name)))
        else:
            for c in cases:
                unit_ids.add(c.unit_id)
                unit_ids.update(m.unit_id for m in self.children[c.id]["meetings"] if m.unit_id is not None)
            units = list(s.scalars(select(Unit).where(Unit.id.in_(unit_ids)).order_by(Unit.name)))
        self.unit_names = {u.id: u.name for u in s.scalars(select(Unit))}

        doc: dict[str, Any] = {
            "format": FORMAT,
            "version": VERSION,
            "exported_at": _iso_utc(datetime.now(timezone.utc)),
            "scope": scope,
            "units": [{"name": u.name, "agency": u.agency_code, "case_kind": u.case_kind, "area": u.area}
                      for u in units],
            "persons": [self._person(p) for p in persons],
            "guardianships": [{"child": self.person_ids[g.child_id], "guardian": self.person_ids[g.guardian_id],
                               "has_custody": bool(g.has_custody), "relation": g.relation} for g in guardianships],
            "cases": [self._case(c, withheld[c.id]) for c in cases],
            "meetings": [self._meeting(m) for m in group_meetings],
            "disclosures": [self._disclosure(d) for d in loose_disclosures],
        }
        self._count("units", len(units))
        self._count("persons", len(persons))
        self._count("cases", len(cases))
        self._count("group_meetings", len(group_meetings))
        return doc

    def _person(self, p: Person) -> dict[str, Any]:
        hide = (self.facts is not None and p.protected_identity != "NONE"
                and not may_see_protected_details(self.tx.actor, self.facts))

        def detail(value: str | None) -> str | None:
            return None if hide else value

        return {
            "id": self.person_ids[p.id], "personnummer": p.pnr, "reserve_id": p.reserve_id,
            "first_name": p.first_name, "last_name": p.last_name, "birth_date": _iso_date(p.birth_date),
            "legal_gender": p.legal_gender, "protected_identity": p.protected_identity,
            "school": detail(p.school), "school_class": detail(p.school_class), "phone": detail(p.phone),
            "email": detail(p.email), "address": detail(p.address), "postal_code": detail(p.postal_code),
            "city": detail(p.city), "created_at": _iso_utc(p.created_at), "updated_at": _iso_utc(p.updated_at),
        }

    def _pref(self, person_id: int | None) -> str | None:
        return self.person_ids.get(person_id) if person_id is not None else None

    def _case(self, c: Case, withheld: dict[str, int]) -> dict[str, Any]:
        ch = self.children[c.id]
        closure = None
        if c.closed_at is not None or c.closure_reason is not None or c.closure_note is not None:
            closure = {"date": _iso_date(c.closed_at), "reason": c.closure_reason, "note": c.closure_note}
        out: dict[str, Any] = {
            "reference": c.reference, "kind": c.kind, "status": c.status, "previous_status": c.previous_status,
            "unit": self.unit_names[c.unit_id], "area": c.area, "person": self.person_ids[c.person_id],
            "responsible": self._user(c.responsible_user_id),
            "referral": {
                "date": _iso_date(c.referral_date), "referring_agency": c.referring_agency,
                "referring_person": c.referring_person, "concerns": list(c.concerns), "description": c.description,
                "urgency": c.urgency, "orosanmalan": c.orosanmalan,
            },
            "environment": c.environment, "follow_up_date": _iso_date(c.follow_up_date), "closure": closure,
            "linked_case": self.case_refs.get(c.linked_case_id) if c.linked_case_id is not None else None,
            "legal_hold": bool(c.legal_hold), "created_at": _iso_utc(c.created_at),
            "updated_at": _iso_utc(c.updated_at),
            "assignments": [{"user": self._user(a.user_id), "role_in_case": a.role_in_case,
                             "assigned_at": _iso_utc(a.assigned_at), "ended_at": _iso_utc(a.ended_at)}
                            for a in ch["assignments"] if self._user(a.user_id) is not None],
            "status_history": [{"from_status": h.from_status, "to_status": h.to_status, "reason": h.reason,
                                "changed_at": _iso_utc(h.changed_at), "changed_by": self._user(h.changed_by)}
                               for h in ch["status_history"]],
            "consents": [self._consent(x) for x in ch["consents"]],
            "assessments": [self._assessment(x) for x in ch["assessments"]],
            "instruments": [{"instrument": i.instrument, "assessed_on": _iso_date(i.assessed_on),
                             "assessor": i.assessor, "overall_risk": i.overall_risk, "summary": i.summary,
                             "owning_agency": i.owning_agency} for i in ch["instruments"]],
            "risk_levels": [{"level": r.level, "assessed_on": _iso_date(r.assessed_on),
                             "assessing_agency": r.assessing_agency, "note": r.note,
                             "recorded_by": self._user(r.recorded_by), "recorded_at": _iso_utc(r.recorded_at)}
                            for r in ch["risk_levels"]],
            "threat_assessments": [{"assessed_by_agency": t.assessed_by_agency,
                                    "assessed_on": _iso_date(t.assessed_on), "level": t.level, "summary": t.summary,
                                    "review_date": _iso_date(t.review_date), "recorded_by": self._user(t.recorded_by),
                                    "recorded_at": _iso_utc(t.recorded_at)} for t in ch["threat_assessments"]],
            "conditions": [{"signed_at": _iso_date(x.signed_at), "conditions": list(x.conditions),
                            "drug_test_schedule": x.drug_test_schedule, "created_at": _iso_utc(x.created_at),
                            "breaches": [{"occurred_on": _iso_date(b.occurred_on), "breach_type": b.breach_type,
                                          "consequence": b.consequence} for b in x.breaches]}
                           for x in ch["conditions"]],
            "plans": self._plans(ch["plans"], withheld),
            "meetings": [self._meeting(m, withheld) for m in ch["meetings"]],
            "journal": self._journal(ch["journal"]),
            "disclosures": [self._disclosure(d) for d in ch["disclosures"]],
        }
        if self.facts is not None:
            out["withheld"] = {k: withheld.get(k, 0) for k in _WITHHELD_KEYS}
        for key in ("consents", "meetings", "journal", "disclosures", "plans"):
            self._count(key, len(out[key]))
        return out

    def _consent(self, x: Consent) -> dict[str, Any]:
        return {
            "subject": self._pref(x.subject_person_id), "purpose": x.purpose,
            "scope": {"agencies": [{"agency": a["agency"], "detail": a.get("detail")} for a in x.scope_agencies],
                      "information": list(x.scope_information)},
            "valid_from": _iso_date(x.valid_from), "valid_to": _iso_date(x.valid_to),
            "joint_custody": bool(x.joint_custody), "single_guardian_exception": x.single_guardian_exception,
            "youth_opinion": x.youth_opinion, "status": x.status, "revoked_at": _iso_date(x.revoked_at),
            "revoked_by": self._user(x.revoked_by_user_id), "revocation_channel": x.revocation_channel,
            "revocation_note": x.revocation_note, "version": x.version, "created_at": _iso_utc(x.created_at),
            "signatories": [{"role": sg.role, "person": self._pref(sg.person_id), "signed_at": _iso_date(sg.signed_at),
                             "method": sg.method, "declined": bool(sg.declined),
                             "recorded_by": self._user(sg.recorded_by_user_id)} for sg in x.signatories],
        }

    def _assessment(self, a: Assessment) -> dict[str, Any]:
        return {
            "assessed_on": _iso_date(a.assessed_on), "author": self._user(a.author_user_id),
            "owning_agency": a.owning_agency, "visibility": a.visibility, "youth_view": a.youth_view,
            "guardian_view": a.guardian_view, "note": a.note, "created_at": _iso_utc(a.created_at),
            "items": [{"domain": i.domain, "risk": i.risk, "protection": i.protection, "note": i.note,
                       "source_agency": i.source_agency} for i in a.items],
        }

    def _plans(self, plans: list[Plan], withheld: dict[str, int]) -> list[dict[str, Any]]:
        goal_ids: dict[int, str] = {}
        for plan in plans:
            for g in plan.goals:
                goal_ids[g.id] = f"G{len(goal_ids) + 1}"
        out = []
        for plan in plans:
            actions = self._filter("actions", list(plan.actions), Rec.PLAN, action_record, withheld)
            out.append({
                "version": plan.version, "valid_from": _iso_date(plan.valid_from),
                "meeting": self.meeting_ids.get(plan.created_in_meeting_id), "created_by": self._user(plan.created_by),
                "created_at": _iso_utc(plan.created_at),
                "goals": [{"id": goal_ids[g.id], "text": g.text, "area": g.area, "indicator": g.indicator,
                           "baseline": g.baseline, "target": g.target, "target_date": _iso_date(g.target_date),
                           "status": g.status} for g in plan.goals],
                "actions": [{
                    "goal": goal_ids.get(a.goal_id) if a.goal_id is not None else None,
                    "description": a.description, "action_type": a.action_type, "measure_type": a.measure_type,
                    "support_area": a.support_area, "responsible_agency": a.responsible_agency,
                    "responsible_person": a.responsible_person, "responsible_user": self._user(a.responsible_user_id),
                    "due_date": _iso_date(a.due_date), "status": a.status, "status_reason": a.status_reason,
                    "follow_up_date": _iso_date(a.follow_up_date), "outcome": a.outcome,
                    "created_in_meeting": self.meeting_ids.get(a.created_in_meeting_id),
                    "closed_in_meeting": self.meeting_ids.get(a.closed_in_meeting_id),
                } for a in actions],
            })
            self._count("actions", len(actions))
        return out

    def _meeting(self, m: Meeting, withheld: dict[str, int] | None = None) -> dict[str, Any]:
        agenda = self._filter("agenda", list(m.agenda), Rec.PROTOCOL, item_record, withheld)
        return {
            "id": self.meeting_ids[m.id], "type": m.meeting_type,
            "unit": self.unit_names.get(m.unit_id) if m.unit_id is not None else None,
            "starts_at": _iso_local(m.starts_at), "ends_at": _iso_local(m.ends_at), "place": m.place,
            "chair": self._user(m.chair_user_id), "secretary": self._user(m.secretary_user_id),
            "adjuster": self._user(m.adjuster_user_id), "anonymised": bool(m.anonymised),
            "protocol_status": m.protocol_status, "next_meeting_at": _iso_local(m.next_meeting_at),
            "next_meeting_place": m.next_meeting_place, "guardians_informed": m.guardians_informed,
            "justerat_at": _iso_utc(m.justerat_at), "content_hash": m.content_hash,
            "created_by": self._user(m.created_by), "created_at": _iso_utc(m.created_at),
            "attendees": [{"name": a.name, "function": a.function, "organisation": a.organisation,
                           "agency": a.agency_code, "meeting_role": a.meeting_role, "present": bool(a.present),
                           "part_note": a.part_note, "person": self._pref(a.person_id), "user": self._user(a.user_id)}
                          for a in m.attendees],
            "agenda": [{"number": i.number, "heading": i.heading, "note": i.note, "decision": i.decision,
                        "owning_agency": i.owning_agency, "visibility": i.visibility} for i in agenda],
            "corrections": [{"text": x.text, "author": self._user(x.author_user_id),
                             "created_at": _iso_utc(x.created_at)} for x in m.corrections],
        }

    def _journal(self, entries: list[JournalEntry]) -> list[dict[str, Any]]:
        ids = {e.id: f"J{n}" for n, e in enumerate(entries, start=1)}
        return [{
            "id": ids[e.id], "event_date": _iso_date(e.event_date), "written_at": _iso_utc(e.written_at),
            "author": self._user(e.author_user_id), "author_name": e.author_name, "author_title": e.author_title,
            "entry_type": e.entry_type, "text": e.text, "source": e.source, "owning_agency": e.owning_agency,
            "visibility": e.visibility, "information_category": e.information_category,
            # A correction of an entry left out of the file (withheld) cannot point at it.
            "corrects": ids.get(e.corrects_id) if e.corrects_id is not None else None,
        } for e in entries]

    def _disclosure(self, d: Disclosure) -> dict[str, Any]:
        return {
            "person": self._pref(d.person_id), "what": d.what, "recipient_agency": d.recipient_agency,
            "recipient_name": d.recipient_name, "legal_basis": d.legal_basis, "legal_basis_text": d.legal_basis_text,
            "harm_assessment": d.harm_assessment, "channel": d.channel, "decided_by": self._user(d.decided_by_user_id),
            "disclosed_at": _iso_utc(d.disclosed_at),
        }


# --------------------------------------------------------------------------------------------------
# Import
# --------------------------------------------------------------------------------------------------

def _given(**values: Any) -> dict[str, Any]:
    """Keyword arguments without the ``None`` ones, so column defaults apply."""
    return {k: v for k, v in values.items() if v is not None}


def _same_name(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


class _Importer:
    def __init__(self, tx: Tx, doc: dict[str, Any]) -> None:
        self.tx = tx
        self.s: Session = tx.session
        self.doc = doc
        self.users = {u.username: u.id for u in self.s.scalars(select(User))}
        self.unknown_users: set[str] = set()
        self.created: dict[str, int] = {}
        self.reused: dict[str, int] = {"units": 0, "persons": 0, "guardianships": 0}
        self.units: dict[str, Unit] = {}
        self.persons: dict[str, int] = {}
        self.cases: list[Case] = []
        self.meetings: dict[str, Meeting] = {}

    def _count(self, key: str, n: int = 1) -> None:
        self.created[key] = self.created.get(key, 0) + n

    def user(self, name: str | None) -> int | None:
        if name is None:
            return None
        uid = self.users.get(name)
        if uid is None:
            self.unknown_users.add(name)
        return uid

    def person(self, ref: str | None) -> int | None:
        return self.persons[ref] if ref is not None else None

    def run(self) -> ImportSummary:
        self._units()
        self._persons()
        self._guardianships()
        self._cases()
        self.s.flush()
        return ImportSummary(created=dict(sorted(self.created.items())), reused=dict(sorted(self.reused.items())),
                             case_references=tuple(c.reference for c in self.cases),
                             unknown_users=tuple(sorted(self.unknown_users)))

    # -- units, persons, guardianships ------------------------------------------------------------
    def _units(self) -> None:
        existing = {u.name: u for u in self.s.scalars(select(Unit))}
        for u in self.doc["units"]:
            unit = existing.get(u["name"])
            if unit is not None:
                self.reused["units"] += 1
            else:
                unit = Unit(name=u["name"], agency_code=u["agency"], case_kind=u.get("case_kind"), area=u.get("area"))
                self.s.add(unit)
                self._count("units")
            self.units[u["name"]] = unit
        self.s.flush()

    def _persons(self) -> None:
        objects: dict[str, Person] = {}
        for i, p in enumerate(self.doc["persons"]):
            path = f"$.persons[{i}]"
            found = None
            if p.get("personnummer") is not None:
                found = self.s.scalar(select(Person).where(Person.pnr == p["personnummer"]))
            if found is None and p.get("reserve_id") is not None:
                found = self.s.scalar(select(Person).where(Person.reserve_id == p["reserve_id"]))
                if found is not None and found.pnr is not None and found.pnr != p.get("personnummer"):
                    raise _fail("import.duplicate", f"{path}.reserve_id",
                                "the reserve id belongs to another person in the database")
            if found is not None:
                if not (_same_name(found.first_name, p["first_name"]) and _same_name(found.last_name, p["last_name"])):
                    key = "personnummer" if p.get("personnummer") is not None else "reserve_id"
                    raise _fail("import.duplicate", f"{path}.{key}",
                                "a person with this identifier but another name exists in the database")
                self.reused["persons"] += 1
                person = found
            else:
                birth = _date(p.get("birth_date"))
                if p.get("personnummer") is not None:
                    birth = personnummer.Personnummer(p["personnummer"]).birth_date
                person = Person(**_given(
                    pnr=p.get("personnummer"), reserve_id=p.get("reserve_id"), first_name=p["first_name"],
                    last_name=p["last_name"], birth_date=birth, legal_gender=p.get("legal_gender"),
                    protected_identity=p.get("protected_identity"), school=p.get("school"),
                    school_class=p.get("school_class"), phone=p.get("phone"), email=p.get("email"),
                    address=p.get("address"), postal_code=p.get("postal_code"), city=p.get("city"),
                    created_at=_utc(p.get("created_at")), updated_at=_utc(p.get("updated_at"))))
                self.s.add(person)
                self._count("persons")
            objects[p["id"]] = person
        self.s.flush()
        for p in self.doc["persons"]:
            self.persons[p["id"]] = objects[p["id"]].id
            if p.get("personnummer") is not None:  # references may use the personnummer
                self.persons[p["personnummer"]] = objects[p["id"]].id

    def _guardianships(self) -> None:
        for i, g in enumerate(self.doc.get("guardianships", ())):
            child, guardian = self.person(g["child"]), self.person(g["guardian"])
            if child == guardian:
                raise _fail("import.reference", f"$.guardianships[{i}].guardian",
                            "names the same person as the child")
            has_custody = g.get("has_custody", True)
            existing = self.s.scalar(select(Guardianship).where(Guardianship.child_id == child,
                                                                Guardianship.guardian_id == guardian))
            if existing is not None:
                if bool(existing.has_custody) != has_custody or existing.relation != g.get("relation"):
                    raise _fail("import.duplicate", f"$.guardianships[{i}]",
                                "the database records this guardianship differently")
                self.reused["guardianships"] += 1
                continue
            self.s.add(Guardianship(child_id=child, guardian_id=guardian, has_custody=has_custody,
                                    relation=g.get("relation")))
            self._count("guardianships")
        self.s.flush()

    # -- cases ------------------------------------------------------------------------------------
    def _cases(self) -> None:
        doc = self.doc
        by_reference: dict[str, Case] = {}
        for i, c in enumerate(doc["cases"]):
            path = f"$.cases[{i}]"
            if self.s.scalar(select(Case.id).where(Case.reference == c["reference"])) is not None:
                raise _fail("import.duplicate", f"{path}.reference", "a case with this reference already exists")
            unit = self.units[c["unit"]]
            if unit.case_kind not in (None, c["kind"]):
                raise _fail("import.schema", f"{path}.unit", f"the unit does not handle {c['kind']} cases")
            referral = c["referral"]
            closure = c.get("closure") or {}
            case = Case(**_given(
                kind=c["kind"], reference=c["reference"], person_id=self.person(c["person"]), unit_id=unit.id,
                area=c.get("area"), status=c["status"], previous_status=c.get("previous_status"),
                responsible_user_id=self.user(c.get("responsible")), referral_date=_date(referral["date"]),
                referring_agency=referral.get("referring_agency"), referring_person=referral.get("referring_person"),
                concerns=list(referral.get("concerns", [])), description=referral.get("description"),
                urgency=referral.get("urgency"), orosanmalan=referral.get("orosanmalan"),
                environment=c.get("environment"), follow_up_date=_date(c.get("follow_up_date")),
                closed_at=_date(closure.get("date")), closure_reason=closure.get("reason"),
                closure_note=closure.get("note"), legal_hold=c.get("legal_hold"),
                created_at=_utc(c.get("created_at")), updated_at=_utc(c.get("updated_at"))))
            self.s.add(case)
            self.cases.append(case)
            by_reference[c["reference"]] = case
            self._raise_counter(c["reference"])
        self.s.flush()
        self._count("cases", len(self.cases))
        for i, c in enumerate(doc["cases"]):
            if c.get("linked_case") is None:
                continue
            target = by_reference.get(c["linked_case"])
            target_id = target.id if target is not None else self.s.scalar(
                select(Case.id).where(Case.reference == c["linked_case"]))
            if target_id is None:
                raise _fail("import.reference", f"$.cases[{i}].linked_case",
                            "names no case of the file or of the database")
            # A Core UPDATE that names updated_at keeps the file's value (no onupdate stamp).
            self.s.execute(update(Case).where(Case.id == self.cases[i].id)
                           .values(linked_case_id=target_id, updated_at=Case.updated_at)
                           .execution_options(synchronize_session=False))
        for case, c in zip(self.cases, doc["cases"]):
            self._case_records(case, c)
        self.s.flush()
        # Meetings (of cases, then group meetings) before plans and actions, which name them.
        for case, c in zip(self.cases, doc["cases"]):
            for m in c.get("meetings", ()):
                self._meeting(m, case)
        for m in doc.get("meetings", ()):
            self._meeting(m, None)
        self.s.flush()
        for case, c in zip(self.cases, doc["cases"]):
            self._plans(case, c)
            self._journal(case, c)
            for d in c.get("disclosures", ()):
                self._disclosure(d, case.id)
        for d in doc.get("disclosures", ()):
            self._disclosure(d, None)

    def _raise_counter(self, reference: str) -> None:
        """Keep generated references from colliding with imported ones."""
        m = _REFERENCE_RE.fullmatch(reference)
        if m is None or m["prefix"] not in _KIND_OF_PREFIX or int(m["number"]) >= _MAX_COUNTER:
            return
        kind, year, number = _KIND_OF_PREFIX[m["prefix"]], int(m["year"]), int(m["number"])
        counter = self.s.get(CaseReferenceCounter, (kind, year))
        if counter is None:
            self.s.add(CaseReferenceCounter(kind=kind, year=year, last_number=number))
            self.s.flush()
        elif counter.last_number < number:
            counter.last_number = number

    def _case_records(self, case: Case, c: dict[str, Any]) -> None:
        s = self.s
        for a in c.get("assignments", ()):
            uid = self.user(a["user"])
            if uid is None:
                continue  # a connection to an account that does not exist here cannot be kept
            s.add(CaseAssignment(**_given(case_id=case.id, user_id=uid, role_in_case=a["role_in_case"],
                                          assigned_at=_utc(a.get("assigned_at")), ended_at=_utc(a.get("ended_at")))))
        for h in c.get("status_history", ()):
            s.add(CaseStatusChange(**_given(case_id=case.id, from_status=h.get("from_status"), to_status=h["to_status"],
                                            reason=h.get("reason"), changed_at=_utc(h.get("changed_at")),
                                            changed_by=self.user(h.get("changed_by")))))
        for x in c.get("consents", ()):
            scope = x["scope"]
            consent = Consent(**_given(
                case_id=case.id, subject_person_id=self.person(x.get("subject")) or case.person_id,
                purpose=x["purpose"],
                scope_agencies=[{"agency": a["agency"], "detail": a.get("detail")} for a in scope["agencies"]],
                scope_information=list(scope["information"]), valid_from=_date(x["valid_from"]),
                valid_to=_date(x["valid_to"]), joint_custody=x.get("joint_custody"),
                single_guardian_exception=x.get("single_guardian_exception"), youth_opinion=x.get("youth_opinion"),
                status=x["status"], revoked_at=_date(x.get("revoked_at")),
                revoked_by_user_id=self.user(x.get("revoked_by")), revocation_channel=x.get("revocation_channel"),
                revocation_note=x.get("revocation_note"), version=int(x.get("version", 1)),
                created_at=_utc(x.get("created_at"))))
            consent.signatories = [ConsentSignatory(**_given(
                person_id=self.person(sg.get("person")), role=sg["role"], signed_at=_date(sg.get("signed_at")),
                method=sg.get("method"), declined=sg.get("declined"),
                recorded_by_user_id=self.user(sg.get("recorded_by")))) for sg in x.get("signatories", ())]
            s.add(consent)
            self._count("consents")
        for a in c.get("assessments", ()):
            s.add(Assessment(**_given(
                case_id=case.id, assessed_on=_date(a["assessed_on"]), author_user_id=self.user(a.get("author")),
                owning_agency=a["owning_agency"], visibility=a.get("visibility"), youth_view=a.get("youth_view"),
                guardian_view=a.get("guardian_view"), note=a.get("note"), created_at=_utc(a.get("created_at")),
                items=[AssessmentItem(domain=i["domain"], risk=int(i["risk"]), protection=int(i["protection"]),
                                      note=i.get("note"), source_agency=i["source_agency"])
                       for i in a.get("items", ())])))
            self._count("assessments")
        for i in c.get("instruments", ()):
            s.add(InstrumentReference(case_id=case.id, instrument=i["instrument"], assessed_on=_date(i["assessed_on"]),
                                      assessor=i["assessor"], overall_risk=i.get("overall_risk"),
                                      summary=i.get("summary"), owning_agency=i["owning_agency"]))
            self._count("instruments")
        for r in c.get("risk_levels", ()):
            s.add(RiskLevelEntry(**_given(
                case_id=case.id, level=r["level"], assessed_on=_date(r["assessed_on"]),
                assessing_agency=r["assessing_agency"], note=r.get("note"), recorded_by=self.user(r.get("recorded_by")),
                recorded_at=_utc(r.get("recorded_at")))))
            self._count("risk_levels")
        for t in c.get("threat_assessments", ()):
            s.add(ThreatAssessment(**_given(
                case_id=case.id, assessed_by_agency=t["assessed_by_agency"], assessed_on=_date(t["assessed_on"]),
                level=t["level"], summary=t.get("summary"), review_date=_date(t.get("review_date")),
                recorded_by=self.user(t.get("recorded_by")), recorded_at=_utc(t.get("recorded_at")))))
            self._count("threat_assessments")
        for x in c.get("conditions", ()):
            s.add(Conditions(**_given(
                case_id=case.id, signed_at=_date(x.get("signed_at")), conditions=list(x["conditions"]),
                drug_test_schedule=x.get("drug_test_schedule"), created_at=_utc(x.get("created_at")),
                breaches=[ConditionBreach(occurred_on=_date(b["occurred_on"]), breach_type=b["breach_type"],
                                          consequence=b.get("consequence")) for b in x.get("breaches", ())])))
            self._count("conditions")

    def _meeting(self, m: dict[str, Any], case: Case | None) -> None:
        unit_id = self.units[m["unit"]].id if m.get("unit") is not None else (case.unit_id if case else None)
        meeting = Meeting(**_given(
            case_id=case.id if case else None, unit_id=unit_id, meeting_type=m["type"],
            starts_at=_local(m["starts_at"]), ends_at=_local(m.get("ends_at")), place=m.get("place"),
            chair_user_id=self.user(m.get("chair")), secretary_user_id=self.user(m.get("secretary")),
            adjuster_user_id=self.user(m.get("adjuster")), anonymised=m.get("anonymised"),
            protocol_status=m.get("protocol_status"), next_meeting_at=_local(m.get("next_meeting_at")),
            next_meeting_place=m.get("next_meeting_place"), guardians_informed=m.get("guardians_informed"),
            justerat_at=_utc(m.get("justerat_at")), content_hash=m.get("content_hash"),
            created_by=self.user(m.get("created_by")), created_at=_utc(m.get("created_at"))))
        for a in m.get("attendees", ()):
            meeting.attendees.append(Attendee(**_attendee_values(a), person_id=self.person(a.get("person")),
                                              user_id=self.user(a.get("user"))))
        for item in m.get("agenda", ()):
            meeting.agenda.append(AgendaItem(**_agenda_values(item)))
        for x in m.get("corrections", ()):
            meeting.corrections.append(ProtocolCorrection(**_given(
                text=x["text"], author_user_id=self.user(x.get("author")), created_at=_utc(x.get("created_at")))))
        self.s.add(meeting)
        self.meetings[m["id"]] = meeting
        self._count("meetings")

    def _meeting_id(self, ref: str | None) -> int | None:
        return self.meetings[ref].id if ref is not None else None

    def _plans(self, case: Case, c: dict[str, Any]) -> None:
        goals: dict[str, Goal] = {}
        plans: list[tuple[Plan, dict[str, Any]]] = []
        for p in c.get("plans", ()):
            plan = Plan(**_given(case_id=case.id, version=int(p["version"]), valid_from=_date(p["valid_from"]),
                                 created_in_meeting_id=self._meeting_id(p.get("meeting")),
                                 created_by=self.user(p.get("created_by")), created_at=_utc(p.get("created_at"))))
            for g in p.get("goals", ()):
                goal = Goal(**_given(text=g["text"], area=g.get("area"), indicator=g.get("indicator"),
                                     baseline=g.get("baseline"), target=g.get("target"),
                                     target_date=_date(g.get("target_date")), status=g.get("status")))
                plan.goals.append(goal)
                goals[g["id"]] = goal
            self.s.add(plan)
            plans.append((plan, p))
            self._count("plans")
        if not plans:
            return
        self.s.flush()
        for plan, p in plans:
            for a in p.get("actions", ()):
                responsible_user = self.user(a.get("responsible_user"))
                responsible_person = a.get("responsible_person")
                if responsible_user is None and responsible_person is None:
                    responsible_person = a.get("responsible_user")  # keep the name as text
                plan.actions.append(Action(**_given(
                    goal_id=goals[a["goal"]].id if a.get("goal") is not None else None,
                    description=a["description"], action_type=a.get("action_type"),
                    measure_type=a.get("measure_type"), support_area=a.get("support_area"),
                    responsible_agency=a["responsible_agency"], responsible_person=responsible_person,
                    responsible_user_id=responsible_user, due_date=_date(a.get("due_date")), status=a.get("status"),
                    status_reason=a.get("status_reason"), follow_up_date=_date(a.get("follow_up_date")),
                    outcome=a.get("outcome"), created_in_meeting_id=self._meeting_id(a.get("created_in_meeting")),
                    closed_in_meeting_id=self._meeting_id(a.get("closed_in_meeting")))))
                self._count("actions")

    def _journal(self, case: Case, c: dict[str, Any]) -> None:
        entries: dict[str, JournalEntry] = {}
        pending: list[tuple[JournalEntry, str]] = []
        for e in c.get("journal", ()):
            entry = JournalEntry(**_given(
                case_id=case.id, event_date=_date(e["event_date"]), written_at=_utc(e.get("written_at")),
                author_user_id=self.user(e.get("author")), author_name=e["author_name"],
                author_title=e.get("author_title"), entry_type=e["entry_type"], text=e["text"], source=e.get("source"),
                owning_agency=e["owning_agency"], visibility=e.get("visibility"),
                information_category=e["information_category"]))
            self.s.add(entry)
            entries[e["id"]] = entry
            if e.get("corrects") is not None:
                pending.append((entry, e["corrects"]))
            self._count("journal_entries")
        if pending:
            self.s.flush()
            for entry, original in pending:
                entry.corrects_id = entries[original].id

    def _disclosure(self, d: dict[str, Any], case_id: int | None) -> None:
        self.s.add(Disclosure(**_given(
            case_id=case_id, person_id=self.person(d.get("person")), what=d["what"],
            recipient_agency=d["recipient_agency"], recipient_name=d.get("recipient_name"),
            legal_basis=d["legal_basis"], legal_basis_text=d.get("legal_basis_text"),
            harm_assessment=d.get("harm_assessment"), channel=d.get("channel"),
            decided_by_user_id=self.user(d.get("decided_by")), disclosed_at=_utc(d.get("disclosed_at")))))
        self._count("disclosures")


# --------------------------------------------------------------------------------------------------
# The service
# --------------------------------------------------------------------------------------------------

class ExchangeService(Service):
    """Export (whole database or one case) and import of exchange files."""

    def export(self, *, case_reference: str | None = None) -> dict[str, Any]:
        """The exchange document as a JSON-ready dict.

        Without ``case_reference``: the whole database, for a system administrator
        (``Act.EXPORT`` on ``Rec.BULK``), audited ``BULK_EXPORT``. With it: one case,
        for the administrator or for a user allowed ``Act.EXPORT`` on that case,
        audited ``CASE_EXPORT``; a case worker's file leaves out what they may not read.
        """
        with self.tx() as tx:
            if case_reference is None:
                tx.require(Act.EXPORT, Rec.BULK)
                exporter = _Exporter(tx, None)
                cases = list(tx.session.scalars(select(Case)))
                doc = exporter.document(cases, scope="database")
                tx.audit("BULK_EXPORT", entity="database", flags=["BULK", "EXPORT"], detail=exporter.counts)
                return doc
            bulk = tx.allowed(Act.EXPORT, Rec.BULK)
            if not bulk:
                tx.require_capability(Act.EXPORT, Rec.CASE)
            case = tx.session.scalar(select(Case).where(Case.reference == case_reference))
            if case is None:
                raise NotFound("No case with that reference", code="case.not_found")
            facts = None
            if not bulk:
                facts = tx.case_facts(case)
                tx.require(Act.EXPORT, Rec.CASE, facts)
                if not may_see_full_personnummer(self.actor):
                    raise AccessDenied(code="access.restricted", action=str(Act.EXPORT), record=str(Rec.CASE),
                                       case_id=case.id)
            exporter = _Exporter(tx, facts)
            doc = exporter.document([case], scope="case")
            withheld = sum(doc["cases"][0].get("withheld", {}).values())
            tx.audit("CASE_EXPORT", entity="case", entity_id=case.id, case_id=case.id, person_id=case.person_id,
                     flags=["BULK", "EXPORT"] if bulk else ["EXPORT"],
                     detail={**exporter.counts, "withheld": withheld})
            return doc

    def export_bytes(self, *, case_reference: str | None = None) -> bytes:
        """The document as UTF-8 JSON: sorted keys, two-space indent, non-ASCII kept."""
        return to_bytes(self.export(case_reference=case_reference))

    def import_bytes(self, data: bytes) -> ImportSummary:
        """Import a file in one transaction: all of it, or (on ``ImportFormatError``) nothing.

        Needs ``Act.CREATE`` on ``Rec.BULK`` (system administrators); checked before
        the file is even parsed, and again in the import's transaction.
        """
        with self.tx() as tx:
            tx.require(Act.CREATE, Rec.BULK)
        # Parsing a large file happens outside the write transaction (no lock held).
        doc = parse_document(data)
        try:
            with self.tx() as tx:
                tx.require(Act.CREATE, Rec.BULK)
                summary = _Importer(tx, doc).run()
                tx.audit("BULK_IMPORT", entity="database", flags=["BULK"],
                         detail={"created": summary.created, "reused": summary.reused,
                                 "unknown_users": len(summary.unknown_users)})
                return summary
        except sa_exc.IntegrityError:
            # Every conflict the checks know of is reported with its path above; this is
            # the backstop (e.g. a unit of the same name created meanwhile). Rolled back.
            raise _fail("import.duplicate", "$", "the file conflicts with data in the database") from None


def to_bytes(doc: dict[str, Any]) -> bytes:
    return (json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode("utf-8")
