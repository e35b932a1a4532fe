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

The modules, by purpose:

- ``common``: the format's constants, errors with JSON paths, date notation, ``to_bytes``
- ``schema``: the published schema, its formats, the reference validator, error wording
- ``fastcheck``: the compiled yes/no validator that runs first (``schema_valid``)
- ``parse``: bytes to a checked document (``parse_document``)
- ``consistency``: the checks inside a file that the schema cannot express
- ``export`` and ``export_records``: choosing the records, and writing them as the file's
- ``importer``: writing a document into the database (``ImportSummary``)
- ``service``: ``ExchangeService``, with access checks and audit events

The limits below are read from this package at each parse, so setting
``exchange.MAX_IMPORT_BYTES`` (or ``MAX_DEPTH``) here takes effect.
"""

from __future__ import annotations

from ...paths import resource
from .common import FORMAT, MAX_DEPTH, MAX_IMPORT_BYTES, MAX_STRING, SCHEMA_NAME, VERSION, to_bytes
from .fastcheck import schema_valid
from .importer import ImportSummary
from .parse import parse_document
from .schema import load_schema
from .schema import reference_validator as _validator  # the tests compare against its format checker
from .service import ExchangeService

__all__ = [
    "FORMAT", "MAX_DEPTH", "MAX_IMPORT_BYTES", "MAX_STRING", "SCHEMA_NAME", "VERSION", "ExchangeService",
    "ImportSummary", "load_schema", "parse_document", "schema_valid", "to_bytes",
]
