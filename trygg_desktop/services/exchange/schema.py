"""The published JSON Schema: loading it, the formats it names, the reference
validator, and turning its errors into a path and a problem that never echo the value."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from functools import lru_cache
from typing import Any, Callable

import jsonschema
from jsonschema.exceptions import ValidationError as SchemaError

from ...domain import vocab
from ...paths import resource
from .common import SCHEMA_NAME, code_repr

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


# The schema's "format" names: the check, and what a value must be (for messages).
FORMATS: dict[str, tuple[Callable[[Any], bool], str]] = {
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


def inline_refs(schema: dict[str, Any]) -> dict[str, Any]:
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
def reference_validator() -> jsonschema.protocols.Validator:
    """The reference validator: exact error paths and messages (used once a file is known bad)."""
    checker = jsonschema.FormatChecker(formats=())
    for name, (func, _) in FORMATS.items():
        checker.checks(name)(func)
    return jsonschema.Draft202012Validator(inline_refs(load_schema()), format_checker=checker)


# -- Schema errors as path and problem ----------------------------------------------------------------

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


def json_type(value: Any) -> str:
    """The JSON name of a parsed value's type."""
    for py, name in _JSON_TYPES:
        if isinstance(value, py):
            return name
    return type(value).__name__


# The problem for the keywords whose message needs only the keyword's value (and the instance's type).
_PROBLEMS: dict[str, Callable[[Any, Any], str]] = {
    "type": lambda expected, value:
        f"must be {' or '.join(expected) if isinstance(expected, list) else expected}, not {json_type(value)}",
    "const": lambda expected, _: f"must be {json.dumps(expected)}",
    "format": lambda expected, _: f"is not {FORMATS.get(expected, (None, expected))[1]}",
    "pattern": lambda *_: "does not have the required form",
    "maxLength": lambda expected, _: f"is longer than {expected} characters",
    "minLength": lambda *_: "must not be empty",
    "minimum": lambda expected, _: f"must be at least {expected}",
    "maximum": lambda expected, _: f"must be at most {expected}",
    "maxItems": lambda expected, _: f"has more than {expected} items",
    "uniqueItems": lambda *_: "lists the same value twice",
}


def describe(error: SchemaError) -> tuple[list[str | int], str]:
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
    if kind == "enum":
        name = _vocab_for(expected)
        where = f"the '{name}' vocabulary" if name else "the allowed values"
        return path, f"{code_repr(value)} is not a code of {where}"
    if kind == "anyOf" and isinstance(value, dict) and "personnummer" in error.schema.get("properties", {}):
        return path, "needs a personnummer or a reserve_id"
    problem = _PROBLEMS.get(kind)
    return path, problem(expected, value) if problem else f"does not match the schema ({kind})"
