"""A compiled yes/no validator for the schema's keywords.

jsonschema spends a few microseconds per value, which on a structure-dense file
comes close to the 1 s/MB budget (R31). The schema uses a small set of keywords,
so it is compiled once into closures that answer only "valid or not", about ten
times faster; the reference validator then runs only on a file already known to
be bad, to name the path and the problem. A keyword the compiler does not know
fails loudly at compile time, and the fuzz tests check that both agree.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any, Callable

from .schema import FORMATS, inline_refs, load_schema

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
        checks.append(FORMATS[node["format"]][0])
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
    return _compile(inline_refs(load_schema()))


def schema_valid(doc: Any) -> bool:
    """Whether ``doc`` satisfies the schema (the compiled check ``parse_document`` uses)."""
    return _fast_valid()(doc)
