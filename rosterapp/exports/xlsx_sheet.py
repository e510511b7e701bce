"""A write-only openpyxl sheet whose cells share style arrays built once per style, and
the workbook's shared styles (per-cell styling is what makes large workbooks slow:
ECOSYSTEM.md). Text typed by users is always written as text, never as a formula."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from copy import copy
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from rosterapp.exports.text import is_formula_like

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F3864")
BANK_HEADER_FILL = PatternFill("solid", fgColor="2E5597")
BANK_FILL = PatternFill("solid", fgColor="DDE8F7")
THIN = Side(style="thin", color="B0B0B0")
GRID_BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
DATE_FORMAT = "ddd dd/mm/yyyy"
TIME_FORMAT = "hh:mm"
HOURS_FORMAT = "0.00"


class Sheet:
    """A write-only sheet whose cells share style arrays built once per style."""

    def __init__(self, wb: Workbook, title: str, styles: dict[object, Any]) -> None:
        self.ws = wb.create_sheet(title)
        self.styles = styles
        self.rows = 0

    def cell(
        self, value: Any, key: object = None, build: Callable[[WriteOnlyCell], None] | None = None
    ) -> WriteOnlyCell:
        c = WriteOnlyCell(self.ws, value=value)
        if isinstance(value, str) and is_formula_like(value):
            c.data_type = "s"  # what users typed is never a formula
            c.quotePrefix = True
        if key is not None and build is not None:
            array = self.styles.get(key)
            if array is None:
                build(c)
                self.styles[key] = copy(c._style)
            else:
                c._style = copy(array)
        return c

    def text(self, value: Any) -> Any:
        """A plain value, or a guarded cell when a user's text would start a formula
        (cheaper than a cell object for every name, which dominated the write time)."""
        if isinstance(value, str) and is_formula_like(value):
            return self.cell(value)
        return value

    def fmt(self, value: Any, number_format: str) -> WriteOnlyCell:
        return self.cell(
            value, ("fmt", number_format), lambda c: setattr(c, "number_format", number_format)
        )

    def header(self, titles: Sequence[str]) -> list[WriteOnlyCell]:
        return [self.cell(t, "header", header_style) for t in titles]

    def append(self, row: list[Any]) -> None:
        self.ws.append(row)
        self.rows += 1

    def widths(self, widths: Sequence[float]) -> None:
        for i, w in enumerate(widths, start=1):
            self.ws.column_dimensions[get_column_letter(i)].width = w

    def print_setup(self, marking: str, title_rows: str) -> None:
        ws = self.ws
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = "9"  # A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        # Without fitToPage, Excel ignores fitToWidth (measured: ECOSYSTEM.md).
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_title_rows = title_rows
        for part in (ws.oddHeader, ws.evenHeader, ws.oddFooter, ws.evenFooter):
            # '&' starts a field code in Excel headers (&P page, &[Path] file path):
            # doubled, it prints as itself, so a marking cannot leak the path.
            part.center.text = marking.replace("&", "&&")
        ws.oddFooter.right.text = "Page &P of &N"
        ws.evenFooter.right.text = "Page &P of &N"


def header_style(c: WriteOnlyCell) -> None:
    c.font = HEADER_FONT
    c.fill = HEADER_FILL
    c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def discard(wb: Workbook) -> None:
    """Finish and delete the sheets' temporary files after a failure or a cancel."""
    for ws in wb.worksheets:
        try:
            ws.close()
            ws._writer.cleanup()
        except Exception:
            pass


def bold(c: WriteOnlyCell) -> None:
    c.font = Font(bold=True)


def total_style(c: WriteOnlyCell, hours: bool) -> None:
    c.font = Font(bold=True)
    if hours:
        c.number_format = HOURS_FORMAT
