"""Plain table sheets for the cross-team workbooks (overview, NPG return): a header row
with filters, frozen titles, printable pages with the marking, user text kept as text."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from rosterapp import __version__
from rosterapp.exports.files import atomic_path, ensure_writable
from rosterapp.exports.xlsx_sheet import Sheet, discard

FLAG_FILL = PatternFill("solid", fgColor="F8D7DA")  # needs a look: short, over, waiting
PERCENT = "0.0"
HOURS = "0.00"


@dataclass(frozen=True, slots=True)
class Num:
    """A number written with a format, optionally flagged."""

    value: float | int | None
    fmt: str = "0"
    flag: bool = False


@dataclass(frozen=True)
class TableSpec:
    title: str
    headers: Sequence[str]
    widths: Sequence[float]
    rows: Sequence[Sequence[Any]]  # str (user text), Num, date, or None
    freeze: str = "B2"


def _cell(sheet: Sheet, value: Any) -> Any:
    if isinstance(value, Num):
        if value.value is None:
            return None
        fmt = value.fmt

        def build(c: WriteOnlyCell) -> None:
            c.number_format = fmt
            if value.flag:
                c.fill = FLAG_FILL
                c.font = Font(bold=True)

        return sheet.cell(value.value, ("num", fmt, value.flag), build)
    if hasattr(value, "isoformat") and not isinstance(value, str):
        return sheet.fmt(value, "ddd dd/mm/yyyy")
    return sheet.text(value)


def table_sheet(wb: Workbook, styles: dict[object, Any], spec: TableSpec, marking: str) -> None:
    sheet = Sheet(wb, spec.title, styles)
    ws = sheet.ws
    sheet.print_setup(marking, "1:1")
    ws.freeze_panes = spec.freeze
    sheet.widths(spec.widths)
    ws.row_dimensions[1].height = 32
    sheet.append(sheet.header(spec.headers))
    for row in spec.rows:
        sheet.append([_cell(sheet, v) for v in row])
    ws.auto_filter.ref = f"A1:{get_column_letter(len(spec.headers))}{max(sheet.rows, 2)}"


def about_sheet(
    wb: Workbook, styles: dict[object, Any], marking: str, lines: Sequence[tuple[str, Any]]
) -> None:
    sheet = Sheet(wb, "About", styles)
    sheet.print_setup(marking, "1:1")
    sheet.widths([26, 90])
    for label, value in lines:
        key = sheet.cell(label, "about-label", _bold)
        sheet.append([key, _cell(sheet, value) if value is not None else None])
    sheet.append([sheet.cell("Written by", "about-label", _bold), f"rosterapp {__version__}"])


def _bold(c: WriteOnlyCell) -> None:
    c.font = Font(bold=True)
    c.alignment = Alignment(vertical="top")


def write_tables(
    target: Path, marking: str, tables: Sequence[TableSpec], about: Sequence[tuple[str, Any]]
) -> Path:
    """One workbook of `tables` and an About sheet, written whole or not at all."""
    ensure_writable(target)
    wb = Workbook(write_only=True)
    styles: dict[object, Any] = {}
    try:
        for spec in tables:
            table_sheet(wb, styles, spec, marking)
        about_sheet(wb, styles, marking, about)
        with atomic_path(target) as tmp:
            wb.save(tmp)
    except BaseException:
        discard(wb)
        raise
    return target
