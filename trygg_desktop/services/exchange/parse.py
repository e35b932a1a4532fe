"""Parsing an exchange file (SECURITY.md R31): size, encoding, depth, syntax, schema,
then the file's own consistency, each failure an ``ImportFormatError`` with a JSON path."""

from __future__ import annotations

import json
import re
from importlib import import_module
from itertools import islice
from typing import Any

from jsonschema.exceptions import best_match

from ...domain.text import forbidden_character
from .common import FORMAT, VERSION, fail, format_path
from .consistency import check_consistency
from .fastcheck import schema_valid
from .schema import describe, json_type, reference_validator


def _setting(name: str) -> Any:
    """A limit as the package exposes it (``exchange.MAX_IMPORT_BYTES``), read at each call so
    that a value set there, e.g. lowered by a test, is the one that applies."""
    return getattr(import_module(__package__), name)


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
        return format_path(parts)

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


# Names and identifiers: one line. Every other string is free text, where tabs and line breaks belong.
_ONE_LINE_KEYS = frozenset({
    "first_name", "last_name", "name", "personnummer", "reserve_id", "reference", "user", "username",
    "recipient_name", "author_name", "author_title", "email", "phone", "postal_code", "city", "address", "school",
    "school_class", "relation", "organisation", "function", "referring_person", "responsible_person", "unit",
    "assessor",
})


def _check_strings(doc: Any, *, surrogates: bool) -> None:
    """Every string (keys included) must be valid Unicode (no lone surrogate escape) and free
    of the characters ``domain.text`` forbids: NUL and other controls, a stray byte-order
    mark, bidirectional overrides; names and identifiers also of tabs and line breaks."""
    stack: list[tuple[Any, tuple[str | int, ...], bool]] = [(doc, (), False)]
    while stack:
        value, parts, one_line = stack.pop()
        if isinstance(value, str):
            if surrogates:
                try:
                    value.encode("utf-8")
                except UnicodeEncodeError:
                    raise fail("import.encoding", format_path(parts),
                               "contains an unpaired surrogate escape (not valid Unicode)") from None
            found = forbidden_character(value, one_line=one_line)
            if found is not None:
                at, char = found
                what = "a line break or tab" if char in ("U+0009", "U+000A", "U+000D", "U+2028", "U+2029") \
                    else "a control or invisible formatting character"
                raise fail("import.text", format_path(parts), f"contains {what} ({char}) at character {at + 1}",
                           character=char, position=at)
        elif isinstance(value, dict):
            for key, item in value.items():
                stack.append((key, parts, True))
                stack.append((item, parts + (key,), key in _ONE_LINE_KEYS))
        elif isinstance(value, list):
            stack.extend((item, parts + (i,), one_line) for i, item in enumerate(value))


def parse_document(data: bytes) -> dict[str, Any]:
    """Turn untrusted bytes into a validated exchange document, or raise ``ImportFormatError``.

    Checks, in order: size (``import.too_large``), UTF-8 without a byte-order mark
    (``import.encoding``), nesting depth (``import.depth``), JSON syntax and repeated keys
    (``import.format``), forbidden characters in strings (``import.text``), format and
    version, the JSON schema (``import.schema``),
    then the file's own consistency: personnummer (``import.personnummer``),
    identifiers (``import.duplicate``) and cross references (``import.reference``).
    Nothing here touches a database.
    """
    if isinstance(data, (bytearray, memoryview)):
        data = bytes(data)
    if not isinstance(data, bytes):
        raise fail("import.encoding", "$", "the file must be given as bytes")
    max_bytes, max_depth = _setting("MAX_IMPORT_BYTES"), _setting("MAX_DEPTH")
    if len(data) > max_bytes:
        raise fail("import.too_large", "$", f"the file is larger than {max_bytes} bytes",
                   size=len(data), limit=max_bytes)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        prefix = data[:exc.start].decode("utf-8", errors="replace")
        raise fail("import.encoding", _locate(prefix, offset=len(prefix)),
                   f"invalid UTF-8 at byte {exc.start}", position=exc.start) from None
    if text.startswith("\ufeff"):
        # Our exports never start with one: a byte-order mark means the file went through an
        # editor since, and RFC 8259 asks that none be added. Refused, saying how to fix it.
        raise fail("import.encoding", "$", "the file starts with a byte-order mark (U+FEFF): it is not the "
                   "file as exported; save it again as UTF-8 without BOM, or export again")
    if _nesting_exceeds(text, max_depth):
        raise fail("import.depth", _locate(text, depth=max_depth), f"nested deeper than {max_depth} levels")
    try:
        doc = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_reject_constant)
    except _DuplicateKey:
        raise fail("import.format", _locate(text, duplicate=True), "the same key appears twice") from None
    except json.JSONDecodeError as exc:
        raise fail("import.format", _locate(text, offset=exc.pos),
                   f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})",
                   line=exc.lineno, column=exc.colno) from None
    except (ValueError, RecursionError) as exc:  # e.g. an integer with thousands of digits, NaN
        raise fail("import.format", "$", f"not valid JSON ({type(exc).__name__})") from None
    _check_strings(doc, surrogates=_SURROGATE_ESCAPE_RE.search(text) is not None)
    del text
    if not isinstance(doc, dict):
        raise fail("import.format", "$", f"the file must hold a JSON object, not {json_type(doc)}")
    if doc.get("format") != FORMAT:
        raise fail("import.format", "$.format", f"must be {json.dumps(FORMAT)}: this is not an exchange file")
    if doc.get("version") != VERSION or isinstance(doc.get("version"), bool):
        raise fail("import.format", "$.version", f"unsupported version; this program reads version {VERSION}")
    if not schema_valid(doc):
        error = best_match(islice(reference_validator().iter_errors(doc), 200))
        if error is None:  # the compiled check is never more lenient; fail closed if it is stricter
            raise fail("import.schema", "$", "does not match the schema")
        parts, problem = describe(error)
        raise fail("import.schema", format_path(parts), problem)
    check_consistency(doc)
    return doc
