"""Rows from a CSV (UTF-8, comma or semicolon) or XLSX file, with row numbers."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from rosterapp.domain.dates import outside_window

MAX_ROWS = 100_000
MAX_BYTES = 50 * 1024 * 1024
# An .xlsx unpacked (the sum of its zip members): 100,000 rows of a dozen columns are
# well under it.
MAX_UNZIPPED_BYTES = 200 * 1000 * 1000
MAX_COLUMNS = 200  # read of the header row; no import has a tenth as many
MAX_BLANK_ROWS = 10_000  # blank rows read past the limit before giving up
SNIFF_LINES, SNIFF_CHARS = 50, 64 * 1024  # what the delimiter is guessed from
# The headers teams write for a shoulder number (normalised), in every import.
SHOULDER_HEADERS = {
    h: "shoulder_number"
    for h in ("shoulder_no", "shoulder", "collar_number", "collar_no", "collar", "warrant_no")
}


@dataclass(frozen=True, slots=True)
class RowError:
    row: int  # as the user sees it in a spreadsheet: the header is row 1
    column: str | None
    message: str

    def __str__(self) -> str:
        where = f"row {self.row}" + (f", column {self.column}" if self.column else "")
        return f"{where}: {self.message}"


class ImportFailed(Exception):
    """The file cannot be imported; `errors` lists every bad row."""

    def __init__(self, message: str, errors: list[RowError] | None = None) -> None:
        self.errors = errors or []
        # Skills no one in the database has yet: the window asks whether to add them.
        self.unknown_skills: list[str] = []
        self.skill_rows: dict[str, list[int]] = {}  # each of those → the rows naming it
        self.known_skills: list[str] = []  # what they could have been
        if self.errors:
            shown = "; ".join(str(e) for e in self.errors[:5])
            more = f" (and {len(self.errors) - 5} more)" if len(self.errors) > 5 else ""
            message = f"{message}: {shown}{more}"
        super().__init__(message)


@dataclass
class Table:
    path: Path
    columns: list[str]
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)


def _norm_header(name: object) -> str:
    """'Shoulder No.' → 'shoulder_no'; 'First-name' → 'first_name'."""
    text = str(name or "").strip().lower()
    for mark in ".#:()'":
        text = text.replace(mark, "")
    return "_".join(text.replace("-", " ").replace("/", " ").split())


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def norm_header(name: object) -> str:
    return _norm_header(name)


def guess_mapping(header: list[str], known: set[str], aliases: dict[str, str]) -> dict[str, str]:
    """Each header of the file → the column it is guessed to be ('' when no guess)."""
    out = {}
    for h in header:
        c = _norm_header(h)
        if c:
            out[c] = c if c in known else aliases.get(c, "")
    return out


def peek(path: Path, rows: int = 5) -> tuple[list[str], list[list[str]]]:
    """The header and the first rows as text: what a column-mapping step shows."""
    _check_file(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        header, raw = _read_xlsx(path)
    else:
        header, raw = _read_csv(path)
    first = [[_cell_text(v) for v in values] for _n, values in raw[:rows]]
    return [str(h) for h in header], first


def _check_file(path: Path) -> None:
    if not path.is_file():
        raise ImportFailed(f"{path}: no such file")
    size = path.stat().st_size
    if size == 0:
        raise ImportFailed(f"{path.name} is empty")
    if size > MAX_BYTES:
        raise ImportFailed(f"{path.name} is {size // 1_000_000} MB; the limit is 50 MB")
    if path.suffix.lower() not in (".xlsx", ".xlsm", ".csv", ".txt"):
        raise ImportFailed(f"{path.name}: use a .csv or .xlsx file")


def read_table(
    path: Path,
    required: set[str],
    optional: set[str],
    aliases: dict[str, str] | None = None,
    mapping: dict[str, str] | None = None,
) -> Table:
    """The rows by column name. A header the app does not use by name ('Surname',
    'Shoulder No') is taken for the column `aliases` gives it; `mapping` (what the user
    chose, by normalised header) comes first, and maps a column to '' to leave it out."""
    _check_file(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        header, raw = _read_xlsx(path)
    else:
        header, raw = _read_csv(path)
    columns = _columns(path, header, required, optional, aliases, mapping)
    table = Table(path, columns)
    for number, values in raw:
        if not any(_cell_text(v) for v in values):
            continue  # blank lines are common at the end of spreadsheets
        if len(table.rows) >= MAX_ROWS:
            raise ImportFailed(f"{path.name} has more than {MAX_ROWS:,} rows; split it")
        if len(values) > len(columns):
            extra = [v for v in values[len(columns) :] if _cell_text(v)]
            if extra:
                raise ImportFailed(
                    f"{path.name}",
                    [RowError(number, None, f"{len(values)} values but {len(columns)} columns")],
                )
        row = {
            c: _cell_text(values[i]) if i < len(values) else "" for i, c in enumerate(columns) if c
        }
        table.rows.append((number, row))
    if not table.rows:
        raise ImportFailed(f"{path.name} has a header but no rows")
    return table


def _columns(
    path: Path,
    header: list[str],
    required: set[str],
    optional: set[str],
    aliases: dict[str, str] | None,
    mapping: dict[str, str] | None,
) -> list[str]:
    """Each header's column name ('' to leave it out), or ImportFailed saying why not."""
    known = required | optional
    chosen = mapping or {}
    columns = [_norm_header(h) for h in header]
    absent = sorted(set(chosen) - set(columns))
    if absent:  # a matching typed for another file (--column Officer=… with no Officer)
        raise ImportFailed(
            f"{path.name}: no column {', '.join(absent)} in the header "
            f"(it has: {', '.join(h for h in columns if h) or 'nothing'})"
        )
    columns = [
        chosen[c] if c in chosen else (c if c in known else (aliases or {}).get(c, c))
        for c in columns
    ]
    if not any(columns):
        raise ImportFailed(f"{path.name} has no header row")
    dupes = sorted({c for c in columns if c and columns.count(c) > 1})
    if dupes:
        raise ImportFailed(f"{path.name}: column {', '.join(dupes)} appears twice in the header")
    missing = sorted(required - set(columns))
    if missing:
        raise ImportFailed(
            f"{path.name}: missing column(s) {', '.join(missing)} "
            f"(the header has: {', '.join(c for c in columns if c) or 'nothing'})"
        )
    unknown = sorted(c for c in columns if c and c not in known)
    if unknown:
        raise ImportFailed(f"{path.name}: unknown column(s) {', '.join(unknown)}")
    return columns


def _read_csv(path: Path) -> tuple[list[str], list[tuple[int, list[object]]]]:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportFailed(
            f"{path.name} is not UTF-8 text (byte 0x{data[exc.start]:02x} on line {line}); "
            "save it as 'CSV UTF-8' and try again"
        ) from exc
    if "\x00" in text:
        raise ImportFailed(f"{path.name} contains NUL bytes: it is not a text CSV file")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        lines = list(reader)
    except csv.Error as exc:
        raise ImportFailed(f"{path.name}: not valid CSV (line {reader.line_num}: {exc})") from exc
    if not lines:
        raise ImportFailed(f"{path.name} is empty")
    return lines[0], [(i + 2, list(v)) for i, v in enumerate(lines[1:])]


def _delimiter(text: str) -> str:
    """Comma or semicolon: Excel saves "CSV" with semicolons where the decimal mark is a
    comma. The sniffer weighs the first lines together and sees quoted fields, so a
    quoted "driver;taser" or a note with commas does not mislead it."""
    lines = text[:SNIFF_CHARS].splitlines()
    try:
        # Only its delimiter is taken: its guess at a quote character could take the
        # apostrophe in O'Brien for one.
        return csv.Sniffer().sniff("\n".join(lines[:SNIFF_LINES]), delimiters=",;").delimiter
    except csv.Error:
        # Nothing it can tell (one column, or lines that disagree): the header decides.
        first = lines[0] if lines else ""
        return ";" if first.count(";") > first.count(",") else ","


def _read_xlsx(path: Path) -> tuple[list[str], list[tuple[int, list[object]]]]:
    from zipfile import BadZipFile

    import openpyxl

    _check_unzipped_size(path)
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ImportFailed(f"{path.name} is not a readable Excel workbook ({exc})") from exc
    try:
        ws = wb.worksheets[0]
        # The sheet's own "used range" can claim XFD1048576 in a 5 KB file: read the
        # header's width only, and stop at the row limit rather than at the sheet's word.
        first = next(ws.iter_rows(max_row=1, max_col=MAX_COLUMNS, values_only=True), None)
        header = list(first or ())
        while header and not _cell_text(header[-1]):
            header.pop()
        if not header:
            raise ImportFailed(f"{path.name}: the first sheet is empty")
        rows: list[tuple[int, list[object]]] = []
        # One column more than the header, so that values beyond it are still seen.
        for number, values in enumerate(
            ws.iter_rows(min_row=2, max_col=len(header) + 1, values_only=True), start=2
        ):
            if number > MAX_ROWS + MAX_BLANK_ROWS:
                raise ImportFailed(
                    f"{path.name} has more than {MAX_ROWS:,} rows (its first sheet runs to "
                    f"row {number:,} or beyond); split it, or delete the empty rows below "
                    "the data"
                )
            rows.append((number, list(values)))
        return [_cell_text(h) for h in header], rows
    finally:
        wb.close()


def _check_unzipped_size(path: Path) -> None:
    """An .xlsx is a zip: 400 KB can unpack to gigabytes. Sum what its members say they
    unpack to (the zip's directory; nothing is unpacked) before any parsing."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            total = sum(info.file_size for info in z.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise ImportFailed(f"{path.name} is not a readable Excel workbook ({exc})") from exc
    if total > MAX_UNZIPPED_BYTES:
        raise ImportFailed(
            f"{path.name} unpacks to {total // 1_000_000:,} MB; the limit is "
            f"{MAX_UNZIPPED_BYTES // 1_000_000} MB: save only the sheet to import, or as CSV"
        )


def parse_date(text: str) -> date:
    """ISO dates (2026-12-07); also 07/12/2026 as UK spreadsheets write them."""
    text = text.strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            day = datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        why = outside_window(day)
        if why:
            raise ValueError(why)
        return day
    raise ValueError(f"'{text}' is not a date (use YYYY-MM-DD)")
