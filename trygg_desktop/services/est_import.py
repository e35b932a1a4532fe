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

Files: CSV in UTF-8 (with or without a byte-order mark; ``"encoding": "cp1252"`` for old
Excel exports), delimiter ; , or tab (sniffed from the header); XLSX (openpyxl, from the
bytes, read-only; the ZIP is checked for size first). At most ``MAX_BYTES`` and
``MAX_ROWS`` rows.
"""

from __future__ import annotations

import csv
import io
import json
import re
import time as clock
import uuid
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time

from sqlalchemy import insert, select

from ..domain import vocab
from ..domain.access import Act, Rec
from ..domain.errors import ImportFormatError, ValidationError
from ..store.models import EstIncident, utcnow
from ..domain import est as est_rules
from .est_common import EstBase, Lookup, name_warning, registered_name_pairs
from .est_dto import ImportResult, RowError
from .est_incidents import IncidentInput, duplicate_key, normalise
from ..domain.topics import Topic
from .base import changes

MAX_BYTES = 20 * 1024 * 1024
MAX_XLSX_UNPACKED = 200 * 1024 * 1024
MAX_ROWS = 100_000
MAX_CELL = 5000
MAX_REPORTED_ERRORS = 50

FIELDS = ("date", "datetime", "time", "time_to", "category", "subcategory", "area", "place", "description",
          "reporting_agency", "persons_involved", "police_reported", "cleaned_up_on", "latitude", "longitude")
#: Column names understood without a mapping (lower case) → field.
DEFAULT_COLUMNS = {
    **{f: f for f in FIELDS},
    "datum": "date", "tidpunkt": "datetime", "tid": "time", "klockslag": "time", "till": "time_to",
    "kategori": "category", "underkategori": "subcategory", "område": "area", "omrade": "area",
    "plats": "place", "beskrivning": "description", "rapporterande aktör": "reporting_agency",
    "rapportör": "reporting_agency", "källa": "reporting_agency", "antal personer": "persons_involved",
    "antal": "persons_involved", "polisanmäld": "police_reported", "sanerad": "cleaned_up_on",
    "latitud": "latitude", "longitud": "longitude",
}
FIELD_LABELS = {"date": "datum", "datetime": "tidpunkt", "time": "tid", "time_to": "tid till",
                "category": "kategori", "subcategory": "underkategori", "area": "område", "place": "plats",
                "description": "beskrivning", "reporting_agency": "rapporterande aktör",
                "persons_involved": "antal personer", "police_reported": "polisanmäld",
                "cleaned_up_on": "sanerad", "latitude": "latitud", "longitude": "longitud"}
_TRUE = {"ja", "j", "yes", "y", "1", "x", "sant", "true"}
_FALSE = {"nej", "n", "no", "0", "", "falskt", "false"}
_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})(?:[:.]\d{2})?$")


class RowProblem(ValueError):
    pass


@dataclass(frozen=True)
class Mapping:
    columns: dict[str, str] = field(default_factory=dict)      # source column (lower case) → field
    values: dict[str, dict[str, object]] = field(default_factory=dict)  # field → {source value (lower) → value}
    defaults: dict[str, object] = field(default_factory=dict)
    date_format: str | None = None
    delimiter: str | None = None
    encoding: str = "utf-8"
    sheet: str | None = None

    @classmethod
    def parse(cls, data: bytes | str | dict | None) -> "Mapping":
        if data is None:
            return cls()
        if isinstance(data, (bytes, str)):
            try:
                data = json.loads(data)
            except (ValueError, UnicodeDecodeError):
                raise _format("Mappningsfilen är inte giltig JSON") from None
        if not isinstance(data, dict):
            raise _format("Mappningen ska vara ett JSON-objekt")
        unknown = set(data) - {"columns", "values", "defaults", "date_format", "delimiter", "encoding", "sheet"}
        if unknown:
            raise _format(f"Okänd nyckel i mappningen: {sorted(unknown)[0][:40]}")
        columns = data.get("columns") or {}
        values = data.get("values") or {}
        defaults = data.get("defaults") or {}
        if not all(isinstance(x, dict) for x in (columns, values, defaults)):
            raise _format("columns, values och defaults ska vara objekt")
        for source, target in columns.items():
            if target not in FIELDS:
                raise _format(f"Mappningen: kolumnen {str(source)[:40]!r} pekar på okänt fält {str(target)[:40]!r}; "
                              f"fälten är {', '.join(FIELDS)}")
        for name, table in values.items():
            if name not in FIELDS or not isinstance(table, dict):
                raise _format(f"Mappningen: values.{str(name)[:40]} ska vara ett objekt för ett känt fält")
        for name in defaults:
            if name not in FIELDS:
                raise _format(f"Mappningen: defaults.{str(name)[:40]} är inget känt fält")
        encoding = str(data.get("encoding") or "utf-8").lower()
        if encoding not in ("utf-8", "utf8", "cp1252", "windows-1252", "latin-1", "iso-8859-1"):
            raise _format("encoding ska vara utf-8 eller cp1252")
        delimiter = data.get("delimiter")
        if delimiter is not None and delimiter not in (";", ",", "\t", "|"):
            raise _format("delimiter ska vara ; , | eller tab")
        return cls(columns={str(k).strip().lower(): v for k, v in columns.items()},
                   values={k: {str(s).strip().lower(): t for s, t in v.items()} for k, v in values.items()},
                   defaults=dict(defaults), date_format=data.get("date_format"), delimiter=delimiter,
                   encoding=encoding, sheet=data.get("sheet"))


def _format(message: str, **params: object) -> ImportFormatError:
    return ImportFormatError(message, code="est_import.format", **params)


# -- reading the file ---------------------------------------------------------------------------

def read_table(data: bytes, filename: str, mapping: Mapping) -> tuple[list[str], list[list[object]]]:
    """(header, rows) from CSV or XLSX bytes. Cells are strings (CSV) or openpyxl values (XLSX)."""
    if len(data) > MAX_BYTES:
        raise _format(f"Filen är större än {MAX_BYTES // (1024 * 1024)} MB")
    suffix = filename.lower().rsplit(".", 1)[-1] if "." in filename else ""
    if suffix == "xlsx" or data[:4] == b"PK\x03\x04":
        return _read_xlsx(data, mapping)
    if suffix not in ("csv", "txt", ""):
        raise _format("Filen ska vara .csv eller .xlsx")
    return _read_csv(data, mapping)


def _read_csv(data: bytes, mapping: Mapping) -> tuple[list[str], list[list[object]]]:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data:
        raise _format("Filen innehåller NUL-tecken: den är inte en textfil (UTF-16? spara som CSV UTF-8)")
    try:
        text = data.decode(mapping.encoding)
    except UnicodeDecodeError as exc:
        raise _format(f"Filen är inte {mapping.encoding.upper()} (fel vid byte {exc.start + 1}). Spara den som "
                      "”CSV UTF-8” eller ange \"encoding\": \"cp1252\" i mappningen.") from None
    first = text.split("\n", 1)[0]
    delimiter = mapping.delimiter or max((";", ",", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise _format("Filen är tom") from None
    except csv.Error:
        raise _format("Rubrikraden kan inte läsas som CSV") from None
    rows: list[list[object]] = []
    try:
        for row in reader:
            if len(rows) >= MAX_ROWS:
                raise _format(f"Filen har fler än {MAX_ROWS} rader")
            rows.append(list(row))
    except csv.Error as exc:
        raise _format(f"Rad {reader.line_num}: kan inte läsas som CSV ({exc})") from None
    return [h.strip() for h in header], rows


def _read_xlsx(data: bytes, mapping: Mapping) -> tuple[list[str], list[list[object]]]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(i.file_size for i in archive.infolist()) > MAX_XLSX_UNPACKED:
                raise _format("Arbetsboken packas upp till mer än 200 MB: den importeras inte")
    except zipfile.BadZipFile:
        raise _format("Filen är inte en giltig XLSX-arbetsbok") from None
    from openpyxl import load_workbook
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds on a broken workbook
        raise _format("Arbetsboken kan inte läsas (skadad, eller inte en XLSX-fil)") from None
    try:
        if mapping.sheet:
            if mapping.sheet not in book.sheetnames:
                raise _format(f"Bladet {mapping.sheet[:40]!r} finns inte i arbetsboken")
            sheet = book[mapping.sheet]
        else:
            sheet = book.worksheets[0]
        rows_iter = sheet.iter_rows()
        try:
            header_cells = next(rows_iter)
        except StopIteration:
            raise _format("Bladet är tomt") from None
        header = [str(c.value).strip() if c.value is not None else "" for c in header_cells]
        rows: list[list[object]] = []
        for cells in rows_iter:
            if len(rows) >= MAX_ROWS:
                raise _format(f"Bladet har fler än {MAX_ROWS} rader")
            row: list[object] = []
            for c in cells:
                if getattr(c, "data_type", None) == "f":
                    row.append(_Formula())
                else:
                    row.append(c.value)
            rows.append(row)
        return header, rows
    finally:
        book.close()


class _Formula:
    """A cell that holds a formula: refused with the row's other problems."""


# -- one row ------------------------------------------------------------------------------------

def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, _Formula):
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
        if table and not isinstance(value, _Formula) and value is not None:
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
            raise _format(f"Två kolumner går till fältet {FIELD_LABELS[target]} (bl.a. {name[:40]!r})")
        out[i] = target
    present = set(out.values()) | set(mapping.defaults)
    missing = [FIELD_LABELS[f] for f in ("category", "area") if f not in present]
    if "date" not in present and "datetime" not in present:
        missing.insert(0, "datum")
    if missing:
        raise _format(f"Kolumner saknas: {', '.join(missing)}. Rubrikraden har: "
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
                raise _format("Filen har inga rader att importera")
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
