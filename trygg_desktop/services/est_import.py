"""Bulk import of EST incidents from CSV or XLSX exports (reporting tools, the contact centre).

``EstImportService.import_file(data, filename, mapping)``: the file's bytes (read in memory,
never written anywhere), a column mapping, and one transaction: every row is checked first
and **nothing** is saved if any row is wrong. The error names the row (the header is row 1),
the column and the problem in Swedish; at most ``MAX_REPORTED_ERRORS`` are listed.

**Mapping** (JSON, optional; without one, columns named like the fields are used)::

    {"columns": {"Datum": "date", "Klockslag": "time", "Typ": "category", "Område": "area",
                 "Adress": "place", "Text": "description", "Källa": "reporting_agency"},
     "values": {"category": {"Klotter på fasad": "SKADEGORELSE.KLOTTER"},
                "area": {"Centrum": "Björkdalen"}, "reporting_agency": {"Kontaktcenter": "KONTAKTCENTER"}},
     "defaults": {"reporting_agency": "KONTAKTCENTER"},
     "date_format": "%d/%m/%Y", "delimiter": ";", "encoding": "utf-8", "sheet": "Blad1"}

Fields: ``date`` (required unless ``datetime``), ``datetime``, ``time`` ("22:15" or a window
"22:00-02:00"), ``time_to``, ``category`` (a category or subcategory, code or label; required),
``subcategory``, ``area`` (required), ``place``, ``description``, ``reporting_agency``,
``persons_involved``, ``police_reported`` (ja/nej, yes/no, 1/0, x), ``cleaned_up_on``,
``latitude``, ``longitude``. Text goes through the same checks as the form (``domain.text``,
no personnummer); a cell that is a formula is refused (the value a formula shows is not in
the file, and a formula has no business in a report).

Reading the file and the mapping is ``est_file``. Files: CSV in UTF-8 (with or without a byte-order mark; ``"encoding": "cp1252"`` for old
Excel exports), delimiter ; , or tab (sniffed from the header); XLSX (openpyxl, from the
bytes, read-only; the ZIP is checked for size first). At most ``MAX_BYTES`` and
``MAX_ROWS`` rows.
"""

from __future__ import annotations

import re
import time as clock
import uuid
from datetime import date, datetime, time

from sqlalchemy import insert, select

from ..domain import vocab
from ..domain.access import Act, Rec
from ..domain.errors import ImportFormatError, ValidationError
from ..store.models import EstIncident, utcnow
from ..domain import est as est_rules
from .est_common import EstBase, Lookup, name_warning, registered_name_pairs
from .est_dto import ImportResult, RowError
from .est_file import DEFAULT_COLUMNS, FIELD_LABELS, Formula, Mapping, format_error, read_table
from .est_incidents import IncidentInput, duplicate_key, normalise
from ..domain.topics import Topic
from .base import changes

MAX_CELL = 5000
MAX_REPORTED_ERRORS = 50

_TRUE = {"ja", "j", "yes", "y", "1", "x", "sant", "true"}
_FALSE = {"nej", "n", "no", "0", "", "falskt", "false"}
_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})(?:[:.]\d{2})?$")


class RowProblem(ValueError):
    pass


# -- one row ------------------------------------------------------------------------------------

def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Formula):
        raise RowProblem("cellen är en formel (formler importeras inte)")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if text.startswith("="):
        raise RowProblem("cellen är en formel (formler importeras inte)")
    if len(text) > MAX_CELL:
        raise RowProblem(f"cellen är längre än {MAX_CELL} tecken")
    return text


def _date(value: object, fmt: str | None) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    if not text:
        raise RowProblem("datum saknas")
    try:
        if fmt:
            return datetime.strptime(text, fmt).date()
        return date.fromisoformat(text[:10])
    except ValueError:
        raise RowProblem(f"{text[:20]!r} är inget datum (ÅÅÅÅ-MM-DD{', eller ' + fmt if fmt else ''})") from None


def _time(value: object) -> time | None:
    if isinstance(value, datetime):
        return value.time().replace(second=0, microsecond=0)
    if isinstance(value, time):
        return value.replace(second=0, microsecond=0)
    text = _text(value)
    if not text:
        return None
    m = _TIME.match(text)
    if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        raise RowProblem(f"{text[:20]!r} är ingen tid (TT:MM)")
    return time(int(m.group(1)), int(m.group(2)))


def _int(value: object) -> int | None:
    text = _text(value)
    if not text:
        return None
    if not re.fullmatch(r"\d{1,6}", text):
        raise RowProblem(f"{text[:20]!r} är inget heltal")
    return int(text)


def _float(value: object) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    text = _text(value).replace(",", ".")
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise RowProblem(f"{text[:20]!r} är inget tal") from None


def _bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    text = _text(value).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise RowProblem(f"{text[:20]!r} ska vara ja eller nej")


def row_input(cells: dict[str, object], mapping: Mapping) -> IncidentInput:
    """One row (field → cell) as an IncidentInput; RowProblem names the field."""
    def get(name: str) -> object:
        value = cells.get(name)
        if (value is None or value == "") and name in mapping.defaults:
            value = mapping.defaults[name]
        table = mapping.values.get(name)
        if table and not isinstance(value, Formula) and value is not None:
            value = table.get(str(value).strip().lower(), value)
        return value

    def field_(name: str, parse):
        try:
            return parse(get(name))
        except RowProblem as exc:
            raise RowProblem(f"kolumnen {FIELD_LABELS[name]}: {exc}") from None

    when = get("datetime")
    if when not in (None, ""):
        if isinstance(when, datetime):
            day, start = when.date(), when.time().replace(second=0, microsecond=0)
        else:
            text = field_("datetime", _text)
            day = field_("datetime", lambda _v: _date(text[:10], None))
            start = field_("datetime", lambda _v: _time(text[10:].strip(" T")) if len(text) > 10 else None)
    else:
        day = field_("date", lambda v: _date(v, mapping.date_format))
        start = None
    end = None
    raw_time = get("time")
    if isinstance(raw_time, str) and re.search(r"\d\s*[-–]\s*\d", raw_time):
        first, second = re.split(r"\s*[-–]\s*", raw_time.strip(), maxsplit=1)
        start = field_("time", lambda _v: _time(first))
        end = field_("time", lambda _v: _time(second))
    elif raw_time not in (None, ""):
        start = field_("time", _time)
    if get("time_to") not in (None, ""):
        end = field_("time_to", _time)
    category = field_("category", _text)
    if not category:
        raise RowProblem("kolumnen kategori: saknas")
    area = field_("area", _text)
    if not area:
        raise RowProblem("kolumnen område: saknas")
    source = field_("reporting_agency", _text) or None
    if source is not None and source not in vocab.EST_SOURCES:
        upper = source.upper()
        by_label = {t.sv.lower(): t.code for t in vocab.EST_SOURCES}
        source = upper if upper in vocab.EST_SOURCES else by_label.get(source.lower(), source)
    return IncidentInput(
        category=category, subcategory=field_("subcategory", _text) or None, area=area, occurred_on=day,
        place=field_("place", _text) or None, time_from=start, time_to=end, reporting_agency=source,
        persons_involved=field_("persons_involved", _int), police_reported=field_("police_reported", _bool),
        cleaned_up_on=field_("cleaned_up_on", lambda v: _date(v, mapping.date_format) if _text(v) or isinstance(
            v, date) else None),
        description=field_("description", _text) or None, latitude=field_("latitude", _float),
        longitude=field_("longitude", _float))


def column_fields(header: list[str], mapping: Mapping) -> dict[int, str]:
    """Column index → field, from the mapping (or the default names); refuses a header that
    maps two columns to one field or leaves out a required field."""
    table = mapping.columns or DEFAULT_COLUMNS
    out: dict[int, str] = {}
    for i, name in enumerate(header):
        target = table.get(name.strip().lower())
        if target is None and not mapping.columns:
            continue
        if target is None:
            continue  # a column the mapping does not use
        if target in out.values():
            raise format_error(f"Två kolumner går till fältet {FIELD_LABELS[target]} (bl.a. {name[:40]!r})")
        out[i] = target
    present = set(out.values()) | set(mapping.defaults)
    missing = [FIELD_LABELS[f] for f in ("category", "area") if f not in present]
    if "date" not in present and "datetime" not in present:
        missing.insert(0, "datum")
    if missing:
        raise format_error(f"Kolumner saknas: {', '.join(missing)}. Rubrikraden har: "
                      f"{', '.join(h[:30] for h in header[:20]) or '(tom)'}. Ange en mappning (--mapping).")
    return out


# -- the service --------------------------------------------------------------------------------

class EstImportService(EstBase):

    @changes(Topic.EST)
    def import_file(self, data: bytes, filename: str, mapping: Mapping | bytes | dict | None = None) -> ImportResult:
        """Import every row or none (see the module text). ``ImportFormatError`` lists the
        problems as ``params['errors']`` (``RowError``s) and in its Swedish message."""
        started = clock.perf_counter()
        if not isinstance(mapping, Mapping):
            mapping = Mapping.parse(mapping)
        with self.tx() as tx:
            # Access first: a refused user learns nothing about the file's problems.
            self._require(tx, Act.CREATE, Rec.EST_IMPORT)
            self._require(tx, Act.CREATE, Rec.EST_INCIDENT)
        header, rows = read_table(data, filename, mapping)
        columns = column_fields(header, mapping)
        with self.tx() as tx:
            self._require(tx, Act.CREATE, Rec.EST_IMPORT)
            lookup = Lookup.load(tx.session)
            errors: list[RowError] = []
            prepared: list[tuple[int, dict]] = []
            for offset, raw in enumerate(rows):
                number = offset + 2
                if not any(_blank(v) is False for v in raw):
                    continue  # an empty line
                cells = {name: raw[i] if i < len(raw) else None for i, name in columns.items()}
                try:
                    values = normalise(row_input(cells, mapping), lookup, tx.today, self.actor.agency)
                except RowProblem as exc:
                    errors.append(RowError(number, str(exc)))
                except ValidationError as exc:
                    errors.append(RowError(number, exc.message))
                else:
                    prepared.append((number, values))
                if len(errors) >= MAX_REPORTED_ERRORS:
                    break
            if errors:
                shown = "\n".join(f"  rad {e.row}: {e.message}" for e in errors)
                more = " (de första visas)" if len(errors) >= MAX_REPORTED_ERRORS else ""
                raise ImportFormatError(f"Inget importerades: {len(errors)} rader har fel{more}:\n{shown}",
                                        code="est_import.rows", errors=tuple(errors))
            if not prepared:
                raise format_error("Filen har inga rader att importera")
            warnings, dupes = self._warnings(tx, lookup, prepared)
            batch = uuid.uuid4().hex
            now = utcnow()
            payload = [{**values, "owning_agency": self.actor.agency, "created_by_user_id": self.actor.user_id,
                        "import_batch": batch, "created_at": now, "updated_at": now, "version": 1}
                       for _n, values in prepared]
            tx.session.execute(insert(EstIncident), payload)
            tx.audit("EST_IMPORT", entity="est_import", flags=["BULK"],
                     detail={"batch": batch, "rows": len(payload), "duplicates": dupes,
                             "format": "xlsx" if data[:4] == b"PK\x03\x04" else "csv",
                             "warnings": len(warnings)})
            return ImportResult(batch=batch, rows=len(rows), created=len(payload), duplicates=dupes,
                                warnings=tuple(warnings), seconds=clock.perf_counter() - started)

    @staticmethod
    def _warnings(tx, lookup: Lookup, prepared: list[tuple[int, dict]]) -> tuple[list[RowError], int]:
        """Duplicates (against the register and within the file) and names, per row."""
        days = [v["occurred_on"] for _n, v in prepared]
        seen: dict[tuple, int] = {}
        for place_id, text, day, cat, sub, area in tx.session.execute(
                select(EstIncident.place_id, EstIncident.place_text, EstIncident.occurred_on,
                       EstIncident.category_id, EstIncident.subcategory_id, EstIncident.area_id)
                .where(EstIncident.occurred_on >= min(days), EstIncident.occurred_on <= max(days))):
            key = duplicate_key({"place_id": place_id, "place_text": text, "occurred_on": day, "category_id": cat,
                                 "subcategory_id": sub, "area_id": area})
            seen[key] = seen.get(key, 0) + 1
        out: list[RowError] = []
        dupes = 0
        pairs = {pair for _n, v in prepared for text in (v["description"], v["place_text"]) if text
                 for pair in est_rules.word_pairs(text)}
        registered = registered_name_pairs(tx.session, sorted(pairs))
        for number, values in prepared:
            key = duplicate_key(values)
            if seen.get(key):
                dupes += 1
                out.append(RowError(number, "samma kategori, plats och dag som en annan händelse (dubblett?)"))
            seen[key] = seen.get(key, 0) + 1
            if values["description"] or values["place_text"]:
                warning = name_warning(None, lookup, values["description"], values["place_text"],
                                       registered=registered)
                if warning is not None:
                    out.append(RowError(number, warning.message))
        return out, dupes


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
