"""Export use cases shared by the GUI and the CLI: read, then write one file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlmodel import select

from rosterapp.domain.tables import Beat, ShiftType
from rosterapp.exports.files import Progress, no_progress
from rosterapp.services.briefing import briefing_data
from rosterapp.services.convert import shift_info
from rosterapp.services.errors import InvalidInput
from rosterapp.services.lookup import member_by_shoulder
from rosterapp.services.period_report import period_report
from rosterapp.services.roster.grid import member_roster
from rosterapp.storage import Database


def export_xlsx(
    db: Database, team: str, start: date, end: date, target: Path, progress: Progress = no_progress
) -> Path:
    from rosterapp.exports.excel import write_workbook

    return write_workbook(period_report(db, team, start, end), target, progress)


def export_briefing(db: Database, team: str, day: date, shift: str, target: Path) -> Path:
    from rosterapp.exports.briefing import write_briefing

    return write_briefing(briefing_data(db, team, day, shift), target)


def export_roster_pdf(
    db: Database, team: str, start: date, end: date, target: Path, paper: str = "auto"
) -> Path:
    from rosterapp.exports.roster_pdf import write_roster_pdf

    if (end - start).days > 34:
        raise InvalidInput("a printed roster covers at most five weeks")
    return write_roster_pdf(period_report(db, team, start, end), target, paper=paper)


def export_ics(db: Database, shoulder: str, start: date, end: date, target: Path) -> Path:
    from rosterapp.exports.ics import build_calendar, write_ics
    from rosterapp.services.members import get_member
    from rosterapp.services.operation_marks import marks_for

    member = get_member(db, shoulder)
    entries = member_roster(db, shoulder, start, end)
    with db.session() as s:
        member_by_shoulder(s, shoulder)
        shifts = {st.code: shift_info(st) for st in s.exec(select(ShiftType)).all()}
        beats = {b.code: b.name for b in s.exec(select(Beat)).all()}
        ops = marks_for(s, [st.id for st in shifts.values() if st.is_operation])
    calendar = build_calendar(member, entries, shifts, beats, ops)  # type: ignore[arg-type]
    return write_ics(calendar, target)


def export_overview(db: Database, start: date, end: date, target: Path) -> Path:
    """The inspector's overview as a workbook (.xlsx) or a one-page PDF (.pdf)."""
    from rosterapp.services.overview import overview

    suffix = target.suffix.lower()
    if suffix not in (".xlsx", ".pdf"):
        raise InvalidInput(f"write the overview to a .xlsx or .pdf file, not '{target.name}'")
    view = overview(db, start, end)
    if suffix == ".pdf":
        from rosterapp.exports.overview_pdf import write_overview_pdf

        return write_overview_pdf(view, target)
    from rosterapp.exports.overview_xlsx import write_overview_xlsx

    return write_overview_xlsx(view, target)


def export_npg(db: Database, start: date, end: date, target: Path) -> Path:
    """The Neighbourhood Policing Guarantee return for every ward (.xlsx)."""
    from rosterapp.exports.npg_xlsx import write_npg_xlsx
    from rosterapp.services.npg import npg_return

    if target.suffix.lower() != ".xlsx":
        raise InvalidInput(f"write the return to a .xlsx file, not '{target.name}'")
    return write_npg_xlsx(npg_return(db, start, end), target)
