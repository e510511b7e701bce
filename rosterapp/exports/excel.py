"""The HR workbook: timesheet, summary, roster grid and about, readable without the app.

Real dates and times, hours as numbers, frozen headers, filters, printable pages,
the protective marking in every header and footer. Text typed by users is always
written as text, never as a formula. Sheets are written row by row (openpyxl's
write-only mode) with each distinct style built once: per-cell styling is what
makes large workbooks slow (ECOSYSTEM.md).
"""

from __future__ import annotations

import warnings
from collections import Counter
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableStyleInfo

from rosterapp import __version__
from rosterapp.domain import compensation
from rosterapp.domain.calendar import LONDON
from rosterapp.domain.enums import AbsenceKind
from rosterapp.domain.grid import GridRow
from rosterapp.domain.operations import CATEGORY_LABELS
from rosterapp.domain.policy import REST_DAY_NOTICE_DAYS
from rosterapp.domain.report import DayLine, PeriodReport
from rosterapp.domain.values import MemberInfo
from rosterapp.exports.files import Cancelled, Progress, atomic_path, ensure_writable, no_progress
from rosterapp.exports.xlsx_balances import balances_sheet
from rosterapp.exports.xlsx_sheet import (
    BANK_FILL,
    BANK_HEADER_FILL,
    DATE_FORMAT,
    GRID_BORDER,
    HEADER_FILL,
    HEADER_FONT,
    HOURS_FORMAT,
    TIME_FORMAT,
    Sheet,
    bold,
    discard,
    total_style,
)

_ABSENCE_COLUMNS = [
    (AbsenceKind.ANNUAL_LEAVE, "Annual leave days"),
    (AbsenceKind.SICK, "Sick days"),
    (AbsenceKind.TRAINING, "Training days"),
    (AbsenceKind.COURT, "Court days"),
    (AbsenceKind.AID, "Aid days"),
    (AbsenceKind.TOIL, "TOIL days"),
    (AbsenceKind.DAY_IN_LIEU, "Days in lieu taken"),
    (AbsenceKind.PUBLIC_HOLIDAY_LEAVE, "Public holiday leave days"),
]


def write_workbook(report: PeriodReport, target: Path, progress: Progress = no_progress) -> Path:
    ensure_writable(target)
    wb = Workbook(write_only=True)
    styles: dict[object, Any] = {}
    try:
        lines = report.lines()  # one pass over people × days serves both sheets
        _timesheet(report, lines, Sheet(wb, "Timesheet", styles), progress)
        _summary(report, lines, Sheet(wb, "Summary", styles))
        _roster(report, Sheet(wb, "Roster", styles))
        balances_sheet(report, Sheet(wb, "Balances", styles))
        _about(report, Sheet(wb, "About", styles))
        if not progress(1, 1):
            raise Cancelled()
        with atomic_path(target) as tmp:
            wb.save(tmp)
    except BaseException:
        discard(wb)
        raise
    return target


_TIMESHEET_TITLES = [
    "Staff number",
    "Shoulder number",
    "Name",
    "Rank",
    "Team",
    "Date",
    "Code",
    "Beat",
    "Start",
    "End",
    "Paid hours",
    "Overtime hours",
    "Absence type",
    "Bank holiday",
    "Compensation class",
    "Abstraction",
]


def _timesheet(
    report: PeriodReport, lines: list[DayLine], sheet: Sheet, progress: Progress
) -> None:
    ws = sheet.ws
    # Write-only sheets write their settings before the first row: set them first.
    sheet.print_setup(report.team.protective_marking, "1:1")
    ws.freeze_panes = "D2"
    sheet.widths([13, 15, 28, 16, 16, 16, 7, 7, 7, 7, 11, 13, 16, 12, 26, 30])
    sheet.append(sheet.header(_TIMESHEET_TITLES))
    total = len(lines)
    for i, line in enumerate(lines):
        if i % 2000 == 0 and not progress(i, total + total // 4):
            raise Cancelled()
        sheet.append(_timesheet_row(report, line, sheet))
    _add_table(sheet, "Timesheet", _TIMESHEET_TITLES)


def _timesheet_row(report: PeriodReport, line: DayLine, sheet: Sheet) -> list[Any]:
    text, fmt = sheet.text, sheet.fmt
    m = line.member
    worked = bool(line.paid_hours and line.shift is not None)
    code = line.cell.code if line.cell else ("" if line.in_team else "not in team")
    return [
        text(m.staff_number),
        text(m.shoulder_number),
        text(m.full_name),
        m.rank.label,
        text(report.team.name),
        fmt(line.day, DATE_FORMAT),
        text(code),
        text(line.cell.beat) if line.cell and line.cell.beat else None,
        fmt(line.shift.start, TIME_FORMAT) if worked and line.shift else None,
        fmt(line.shift.end, TIME_FORMAT) if worked and line.shift else None,
        fmt(line.paid_hours, HOURS_FORMAT),
        fmt(line.overtime_hours, HOURS_FORMAT),
        line.absence.label if line.absence else None,
        "Yes" if line.bank_holiday else None,
        line.compensation,
        text(_abstraction(line)) if line.shift is not None else None,
    ]


def _abstraction(line: DayLine) -> str | None:
    """An operation's duty by its category and name; training, court and aid absences."""
    st = line.shift
    if st is None:
        return None
    if st.abstraction is not None and st.is_duty:
        return f"{CATEGORY_LABELS[st.abstraction]}: {st.name}"
    if st.absence_kind in _ABSTRACTIONS:
        return "mandatory" if st.absence_kind is not AbsenceKind.AID else "aid"
    return None


def _add_table(sheet: Sheet, name: str, titles: list[str]) -> None:
    table = Table(displayName=name, ref=f"A1:{get_column_letter(len(titles))}{max(sheet.rows, 2)}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    # Write-only sheets cannot read the header back: the column names must match it.
    table._initialise_columns()
    for column, title in zip(table.tableColumns, titles, strict=True):
        column.name = title
    with warnings.catch_warnings():  # openpyxl warns in write-only mode even when done
        warnings.filterwarnings("ignore", "In write-only mode you must add table columns")
        sheet.ws.add_table(table)


_SUMMARY_TITLES = [
    "Staff number",
    "Shoulder number",
    "Name",
    "Rank",
    "Rostered hours",
    "Contracted hours",
    "Difference",
    "Overtime hours",
    f"Rest days worked (<{REST_DAY_NOTICE_DAYS} days' notice)",
    f"Rest days worked ({REST_DAY_NOTICE_DAYS}+ days' notice)",
    "Bank holidays worked",
    *[t for _, t in _ABSENCE_COLUMNS],
    "Abstractions",
    "Abstraction %",
    "Rule findings",
]
_ABSTRACTIONS = (AbsenceKind.TRAINING, AbsenceKind.COURT, AbsenceKind.AID)


def _summary(report: PeriodReport, lines: list[DayLine], sheet: Sheet) -> None:
    titles = _SUMMARY_TITLES
    ws = sheet.ws
    sheet.print_setup(report.team.protective_marking, "1:1")
    ws.freeze_panes = "D2"
    sheet.widths([13, 15, 28, 16] + [12] * (len(titles) - 4))
    ws.row_dimensions[1].height = 45
    sheet.append(sheet.header(titles))
    weeks = len(report.days) / 7
    by_member: dict[int, list[DayLine]] = {}
    for line in lines:
        by_member.setdefault(line.member.id, []).append(line)
    for row in report.rows:
        m = row.member
        sheet.append(_summary_row(report, m, by_member.get(m.id, []), weeks, sheet))
    last = sheet.rows
    sheet.append(_totals(sheet, titles, last))
    ws.auto_filter.ref = f"A1:{get_column_letter(len(titles))}{last}"


def _summary_row(
    report: PeriodReport, m: MemberInfo, lines: list[DayLine], weeks: float, sheet: Sheet
) -> list[Any]:
    rostered = sum(x.paid_hours for x in lines)
    contracted = round(m.contracted_hours * weeks, 2)
    kinds = Counter(x.absence for x in lines if x.absence)
    # An operation's duty is paid as worked but counts as an abstraction from the ward.
    on_operations = sum(1 for x in lines if x.paid_hours and x.shift and x.shift.abstraction)
    worked = sum(1 for x in lines if x.paid_hours) - on_operations
    abstractions = sum(kinds[k] for k in _ABSTRACTIONS) + on_operations
    short = sum(
        1
        for x in lines
        if x.compensation in (compensation.REST_DAY_SHORT, compensation.STAFF_REST_DAY_SHORT)
    )
    return [
        sheet.text(m.staff_number),
        sheet.text(m.shoulder_number),
        sheet.text(m.full_name),
        m.rank.label,
        sheet.fmt(round(rostered, 2), HOURS_FORMAT),
        sheet.fmt(contracted, HOURS_FORMAT),
        sheet.fmt(round(rostered - contracted, 2), HOURS_FORMAT),
        sheet.fmt(round(sum(x.overtime_hours for x in lines), 2), HOURS_FORMAT),
        short,
        sum(1 for x in lines if x.compensation == compensation.REST_DAY_REPLACEMENT),
        sum(1 for x in lines if x.bank_holiday and x.paid_hours),
        *[kinds[k] for k, _ in _ABSENCE_COLUMNS],
        abstractions,
        round(100 * abstractions / (worked + abstractions), 1) if worked + abstractions else 0.0,
        report.findings_of(m.id),
    ]


def _totals(sheet: Sheet, titles: list[str], last: int) -> list[Any]:
    totals: list[Any] = [None, None, sheet.cell("Total", "bold", bold), None]
    for col in range(5, len(titles) + 1):
        if titles[col - 1] == "Abstraction %":
            totals.append(None)
            continue
        letter = get_column_letter(col)
        totals.append(
            sheet.cell(
                f"=SUM({letter}2:{letter}{last})",
                ("total", col <= 8),
                partial(total_style, hours=col <= 8),
            )
        )
    # The formula is ours, not typed by a user: undo the text guard for it.
    for c in totals[4:]:
        if c is not None:
            c.data_type = "f"
            c.quotePrefix = False
    return totals


def _roster(report: PeriodReport, sheet: Sheet) -> None:
    marking = report.team.protective_marking
    ws = sheet.ws
    header_row = 4
    sheet.print_setup(marking, f"{header_row}:{header_row}")
    ws.freeze_panes = f"D{header_row + 1}"
    sheet.widths([10, 26, 6] + [8.5] * len(report.days))
    ws.row_dimensions[header_row].height = 30
    _roster_heading(report, sheet)
    fills = {
        code: PatternFill("solid", fgColor=st.colour.lstrip("#").upper())
        for code, st in report.shift_types.items()
    }
    for row in report.rows:
        sheet.append(_roster_line(report, row, fills, sheet))


def _roster_heading(report: PeriodReport, sheet: Sheet) -> None:
    """Title, marking, bank holidays and the day headers, above the grid."""
    marking = report.team.protective_marking
    sheet.append(
        [
            sheet.cell(
                f"{report.team.name} roster, {report.start:%a %d %b %Y} – {report.end:%a %d %b %Y}",
                "title",
                lambda c: setattr(c, "font", Font(bold=True, size=14)),
            )
        ]
    )
    sheet.append(
        [
            sheet.cell(
                marking, "marking", lambda c: setattr(c, "font", Font(bold=True, color="B00020"))
            )
        ]
    )
    sheet.append(
        [None, None, None]
        + [
            sheet.cell("Bank hol.", "bh", lambda c: setattr(c, "font", Font(bold=True, size=8)))
            if day in report.bank_holidays
            else None
            for day in report.days
        ]
    )
    sheet.append(
        sheet.header(["Shoulder", "Name", "Rank"])
        + [
            sheet.cell(
                f"{day:%a}\n{day:%d/%m}",
                ("dayhead", day in report.bank_holidays),
                partial(_day_header, bank_holiday=day in report.bank_holidays),
            )
            for day in report.days
        ]
    )


def _roster_line(
    report: PeriodReport, row: GridRow, fills: dict[str, PatternFill], sheet: Sheet
) -> list[Any]:
    m = row.member
    line: list[Any] = [sheet.text(m.shoulder_number), sheet.text(m.full_name), m.rank.short]
    for day in report.days:
        value = report.cells.get((m.id, day))
        text = None
        fill_key: str | None = None
        if value is not None:
            text = f"{value.code} {value.beat}" if value.beat else value.code
            fill_key = value.code if value.code in fills else None
        elif not row.in_team(day):
            text = "–"
        if fill_key is None and day in report.bank_holidays:
            fill_key = "bank holiday"
        fill = fills.get(fill_key, BANK_FILL) if fill_key else None
        line.append(sheet.cell(text, ("grid", fill_key), partial(_grid_style, fill=fill)))
    return line


def _day_header(c: WriteOnlyCell, bank_holiday: bool) -> None:
    c.font = HEADER_FONT
    c.fill = BANK_HEADER_FILL if bank_holiday else HEADER_FILL
    c.alignment = Alignment(horizontal="center", wrap_text=True)


def _grid_style(c: WriteOnlyCell, fill: PatternFill | None) -> None:
    c.alignment = Alignment(horizontal="center")
    c.border = GRID_BORDER
    if fill is not None:
        c.fill = fill


def _about(report: PeriodReport, sheet: Sheet) -> None:
    generated = report.generated_at.astimezone(LONDON)
    rows: list[tuple[str, Any]] = [
        ("Team", report.team.name),
        ("Team code", report.team.code),
        ("Period from", report.start),
        ("Period to", report.end),
        ("People", len(report.rows)),
        ("Generated at", generated.replace(tzinfo=None)),
        ("Generated by", f"rosterapp {__version__}"),
        ("Protective marking", report.team.protective_marking),
        (
            "Hours",
            "Paid hours are tour lengths in Europe/London time, refreshment break "
            "included (Police Regulations Annex E), so clock-change tours count their "
            "real hours.",
        ),
        (
            "Compensation classes",
            "; ".join(f"{k}: {v}" for k, v in compensation.CLASS_DESCRIPTIONS.items()),
        ),
    ]
    sheet.print_setup(report.team.protective_marking, "1:1")
    sheet.widths([22, 100])
    for key, value in rows:
        if isinstance(value, date):
            fmt = "dd/mm/yyyy hh:mm" if key == "Generated at" else DATE_FORMAT
            right = sheet.fmt(value, fmt)
        else:
            right = sheet.cell(
                value,
                "wrap",
                lambda c: setattr(c, "alignment", Alignment(wrap_text=True, vertical="top")),
            )
        sheet.append([sheet.cell(key, "bold", bold), right])
