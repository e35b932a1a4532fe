"""The EST import file before any database: its column mapping and its table (CSV or XLSX).

Split from ``est_import`` (which turns the rows into incidents and saves them) so that reading
a hostile file (size, ZIP bomb, NUL bytes, wrong encoding, formulas) is one module with no
session in it. The format is described in ``est_import``'s module text.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass, field

from ..domain.errors import ImportFormatError

MAX_BYTES = 20 * 1024 * 1024
MAX_XLSX_UNPACKED = 200 * 1024 * 1024
MAX_ROWS = 100_000

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


def format_error(message: str, **params: object) -> ImportFormatError:
    return ImportFormatError(message, code="est_import.format", **params)


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
                raise format_error("Mappningsfilen är inte giltig JSON") from None
        if not isinstance(data, dict):
            raise format_error("Mappningen ska vara ett JSON-objekt")
        unknown = set(data) - {"columns", "values", "defaults", "date_format", "delimiter", "encoding", "sheet"}
        if unknown:
            raise format_error(f"Okänd nyckel i mappningen: {sorted(unknown)[0][:40]}")
        columns = data.get("columns") or {}
        values = data.get("values") or {}
        defaults = data.get("defaults") or {}
        if not all(isinstance(x, dict) for x in (columns, values, defaults)):
            raise format_error("columns, values och defaults ska vara objekt")
        for source, target in columns.items():
            if target not in FIELDS:
                raise format_error(f"Mappningen: kolumnen {str(source)[:40]!r} pekar på okänt fält {str(target)[:40]!r}; "
                              f"fälten är {', '.join(FIELDS)}")
        for name, table in values.items():
            if name not in FIELDS or not isinstance(table, dict):
                raise format_error(f"Mappningen: values.{str(name)[:40]} ska vara ett objekt för ett känt fält")
        for name in defaults:
            if name not in FIELDS:
                raise format_error(f"Mappningen: defaults.{str(name)[:40]} är inget känt fält")
        encoding = str(data.get("encoding") or "utf-8").lower()
        if encoding not in ("utf-8", "utf8", "cp1252", "windows-1252", "latin-1", "iso-8859-1"):
            raise format_error("encoding ska vara utf-8 eller cp1252")
        delimiter = data.get("delimiter")
        if delimiter is not None and delimiter not in (";", ",", "\t", "|"):
            raise format_error("delimiter ska vara ; , | eller tab")
        return cls(columns={str(k).strip().lower(): v for k, v in columns.items()},
                   values={k: {str(s).strip().lower(): t for s, t in v.items()} for k, v in values.items()},
                   defaults=dict(defaults), date_format=data.get("date_format"), delimiter=delimiter,
                   encoding=encoding, sheet=data.get("sheet"))


# -- reading the file ---------------------------------------------------------------------------

def read_table(data: bytes, filename: str, mapping: Mapping) -> tuple[list[str], list[list[object]]]:
    """(header, rows) from CSV or XLSX bytes. Cells are strings (CSV) or openpyxl values (XLSX)."""
    if len(data) > MAX_BYTES:
        raise format_error(f"Filen är större än {MAX_BYTES // (1024 * 1024)} MB")
    suffix = filename.lower().rsplit(".", 1)[-1] if "." in filename else ""
    if suffix == "xlsx" or data[:4] == b"PK\x03\x04":
        return _read_xlsx(data, mapping)
    if suffix not in ("csv", "txt", ""):
        raise format_error("Filen ska vara .csv eller .xlsx")
    return _read_csv(data, mapping)


def _read_csv(data: bytes, mapping: Mapping) -> tuple[list[str], list[list[object]]]:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data:
        raise format_error("Filen innehåller NUL-tecken: den är inte en textfil (UTF-16? spara som CSV UTF-8)")
    try:
        text = data.decode(mapping.encoding)
    except UnicodeDecodeError as exc:
        raise format_error(f"Filen är inte {mapping.encoding.upper()} (fel vid byte {exc.start + 1}). Spara den som "
                      "”CSV UTF-8” eller ange \"encoding\": \"cp1252\" i mappningen.") from None
    first = text.split("\n", 1)[0]
    delimiter = mapping.delimiter or max((";", ",", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise format_error("Filen är tom") from None
    except csv.Error:
        raise format_error("Rubrikraden kan inte läsas som CSV") from None
    rows: list[list[object]] = []
    try:
        for row in reader:
            if len(rows) >= MAX_ROWS:
                raise format_error(f"Filen har fler än {MAX_ROWS} rader")
            rows.append(list(row))
    except csv.Error as exc:
        raise format_error(f"Rad {reader.line_num}: kan inte läsas som CSV ({exc})") from None
    return [h.strip() for h in header], rows


def _read_xlsx(data: bytes, mapping: Mapping) -> tuple[list[str], list[list[object]]]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(i.file_size for i in archive.infolist()) > MAX_XLSX_UNPACKED:
                raise format_error("Arbetsboken packas upp till mer än 200 MB: den importeras inte")
    except zipfile.BadZipFile:
        raise format_error("Filen är inte en giltig XLSX-arbetsbok") from None
    from openpyxl import load_workbook
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds on a broken workbook
        raise format_error("Arbetsboken kan inte läsas (skadad, eller inte en XLSX-fil)") from None
    try:
        if mapping.sheet:
            if mapping.sheet not in book.sheetnames:
                raise format_error(f"Bladet {mapping.sheet[:40]!r} finns inte i arbetsboken")
            sheet = book[mapping.sheet]
        else:
            sheet = book.worksheets[0]
        rows_iter = sheet.iter_rows()
        try:
            header_cells = next(rows_iter)
        except StopIteration:
            raise format_error("Bladet är tomt") from None
        header = [str(c.value).strip() if c.value is not None else "" for c in header_cells]
        rows: list[list[object]] = []
        for cells in rows_iter:
            if len(rows) >= MAX_ROWS:
                raise format_error(f"Bladet har fler än {MAX_ROWS} rader")
            row: list[object] = []
            for c in cells:
                if getattr(c, "data_type", None) == "f":
                    row.append(Formula())
                else:
                    row.append(c.value)
            rows.append(row)
        return header, rows
    finally:
        book.close()


class Formula:
    """A cell that holds a formula: refused with the row's other problems."""
