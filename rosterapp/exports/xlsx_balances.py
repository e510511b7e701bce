"""The HR workbook's Balances sheet: each member's leave year in numbers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from openpyxl.utils import get_column_letter

from rosterapp.exports.xlsx_sheet import Sheet

if TYPE_CHECKING:
    from rosterapp.domain.report import PeriodReport

TITLES = [
    "Shoulder number",
    "Name",
    "Leave year from",
    "Leave year to",
    "Entitlement (days)",
    "Carried over",
    "Taken",
    "Booked",
    "Pending",
    "Remaining",
    "Bank holidays worked",
    "Days in lieu carried in",
    "Days in lieu given back",
    "Days in lieu owed",
    "Rest days owed",
    "TOIL hours taken",
    "TOIL hours earned",
    "TOIL hours left",
    "Overtime hours",
]


def balances_sheet(report: PeriodReport, sheet: Sheet) -> None:
    ws = sheet.ws
    sheet.print_setup(report.team.protective_marking, "1:1")
    ws.freeze_panes = "C2"
    # Two lines of heading in each column: "Bank holidays" needs a little more than 12.
    wide = {"Bank holidays worked": 14}
    sheet.widths([15, 28, 14, 14] + [wide.get(t, 12) for t in TITLES[4:]])
    ws.row_dimensions[1].height = 30
    sheet.append(sheet.header(TITLES))
    for b in report.balances:
        sheet.append(
            [
                sheet.text(b.shoulder_number),
                sheet.text(b.name),
                sheet.fmt(b.year_start, "dd/mm/yyyy"),
                sheet.fmt(b.year_end, "dd/mm/yyyy"),
                sheet.fmt(b.entitlement, "0.0"),
                sheet.fmt(b.carried_over, "0.0"),
                sheet.fmt(b.taken, "0.0"),
                sheet.fmt(b.booked, "0.0"),
                sheet.fmt(b.pending, "0.0"),
                sheet.fmt(b.remaining, "0.0"),
                b.bank_holidays_worked,
                b.lieu_carried,
                b.lieu_taken,
                b.days_in_lieu,
                b.rest_days_owed,
                sheet.fmt(b.toil_hours, "0.00"),
                sheet.fmt(b.toil_earned, "0.00"),
                sheet.fmt(b.toil_left, "0.00"),
                sheet.fmt(b.overtime_hours, "0.00"),
            ]
        )
    ws.auto_filter.ref = f"A1:{get_column_letter(len(TITLES))}{max(sheet.rows, 2)}"
