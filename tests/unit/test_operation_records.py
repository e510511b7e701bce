"""An operation's duties as records, on SQLite and PostgreSQL: they count as
abstractions for the ward officer's rate and in the HR workbook (paid as worked), show
on the briefing sheet as who is away and where, and in the officer's calendar."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader

from rosterapp.domain.values import MemberInfo
from rosterapp.services.briefing import briefing_data
from rosterapp.services.checks import check_team
from rosterapp.services.exporting import export_briefing, export_ics, export_xlsx
from rosterapp.services.operation_allocation import allocate
from rosterapp.services.operations import NewOperation, add_operation
from rosterapp.services.roster.edits import assign
from rosterapp.storage import Database
from tests.factories import small_team

MON = date(2026, 11, 16)  # four weeks to Sun 13 Dec
WED = MON + timedelta(weeks=3, days=2)


def _four_weeks(db: Database, m: MemberInfo) -> None:
    for week in range(4):
        for day in range(7):
            code = "E" if day < 5 else "RD"
            assign(
                db,
                m.shoulder_number,
                MON + timedelta(weeks=week, days=day),
                code,
                beat="SOH" if code == "E" else None,
            )


def _allocated(db: Database) -> tuple[MemberInfo, MemberInfo]:
    sgt, a, *_ = small_team(db, n=3)
    _four_weeks(db, a)
    assign(db, sgt.shoulder_number, WED, "E", beat="SOH")
    op = add_operation(
        db,
        NewOperation(
            "Notting Hill Carnival",
            "central-aid",
            datetime.combine(WED, datetime.min.time()).replace(hour=8),
            datetime.combine(WED, datetime.min.time()).replace(hour=16),
            "PC:1",
            teams="T1",
            repeat="daily:2",
            place="Ladbroke Grove",
        ),
    ).operation
    for occ in op.occurrences:
        allocate(db, op.id, occ.id, [a.shoulder_number])
    return sgt, a


def test_operation_duties_count_against_the_ward_officers_abstraction_rate(db: Database) -> None:
    _, a = _allocated(db)
    report = check_team(db, "T1", MON, MON + timedelta(days=27))
    rates = [f for f in report.findings if f.rule == "abstraction-rate" and f.member_id == a.id]
    assert rates, [f.message for f in report.findings]
    assert "abstracted on 2 of 20 working days (10.0 %)" in rates[0].message


def test_hr_workbook_pays_the_duty_and_counts_the_abstraction(db: Database, tmp_path: Path) -> None:
    _, a = _allocated(db)
    out = export_xlsx(db, "T1", MON, MON + timedelta(days=27), tmp_path / "hr.xlsx")
    wb = load_workbook(out)
    sheet = wb["Timesheet"]
    titles = [c.value for c in sheet[1]]
    rows = [
        dict(zip(titles, (c.value for c in r), strict=True)) for r in sheet.iter_rows(min_row=2)
    ]
    day = next(r for r in rows if r["Shoulder number"] == a.shoulder_number and r["Code"] == "NHC1")
    assert day["Abstraction"] == "central aid: Notting Hill Carnival"
    assert day["Paid hours"] and day["Paid hours"] > 7
    summary = wb["Summary"]
    titles = [c.value for c in summary[1]]
    mine = next(
        dict(zip(titles, (c.value for c in r), strict=True))
        for r in summary.iter_rows(min_row=2)
        if r[1].value == a.shoulder_number
    )
    assert mine["Abstractions"] == 2 and mine["Abstraction %"] == 10.0


def test_briefing_sheet_says_who_is_away_and_where(db: Database) -> None:
    sgt, a = _allocated(db)
    data = briefing_data(db, "T1", WED, "E")
    assert [d.member.id for d in data.on_duty] == [sgt.id]
    assert all(x.member.id != a.id for x in data.absent)
    [away] = data.away
    assert away.code == "NHC1" and [m.id for m in away.members] == [a.id]
    assert away.description == (
        "Operation Notting Hill Carnival (aid to a central event, central aid) "
        "08:00–16:00 at Ladbroke Grove"
    )


def test_briefing_pdf_has_the_away_section(db: Database, tmp_path: Path) -> None:
    _, a = _allocated(db)
    out = export_briefing(db, "T1", WED, "E", tmp_path / "b.pdf")
    text = " ".join(p.extract_text() for p in PdfReader(out).pages)
    assert "Away on operations" in text and "Ladbroke Grove" in text
    assert a.shoulder_number in text


def test_calendar_has_the_operation_with_its_place(db: Database, tmp_path: Path) -> None:
    _, a = _allocated(db)
    out = export_ics(db, a.shoulder_number, WED, WED + timedelta(days=1), tmp_path / "a.ics")
    text = out.read_text(encoding="utf-8").replace("\r\n ", "")
    assert text.count("SUMMARY:Operation Notting Hill Carnival (NHC1)") == 2
    assert "LOCATION:Ladbroke Grove" in text
    assert "DTSTART;TZID=Europe/London:20261209T080000" in text


def test_backup_and_restore_keep_operations(db: Database, db_url: str, tmp_path: Path) -> None:
    from rosterapp.services.backups import backup, restore
    from rosterapp.services.operations import list_operations

    _allocated(db)
    before = list_operations(db)
    snapshot = backup(db, tmp_path / "snap.sqlite3")
    db.close()
    restore(db_url, snapshot)
    again = Database.open(db_url)
    try:
        assert list_operations(again) == before
    finally:
        again.close()


def test_every_table_walk_sees_the_operations_tables_in_a_fresh_process() -> None:
    """Backups walk the registered tables: a process that never opened the operations
    services (a plain `rosterapp backup`) must still register them."""
    import subprocess
    import sys

    code = (
        "from rosterapp.services.backups import tables;"
        "print(sorted(t.name for t in tables() if t.name.startswith('operation')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == (
        "['operation', 'operation_allocation', 'operation_occurrence', 'operation_team']"
    )
