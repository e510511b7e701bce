"""The stored history the 48-hour average and night-work rules read (services/checks.py)."""

from __future__ import annotations

from datetime import date, timedelta

from rosterapp.domain.enums import AbsenceKind
from rosterapp.domain.grid import CellEdit
from rosterapp.services import checks
from rosterapp.services.absences import add_absence
from rosterapp.services.roster.edits import set_cells
from rosterapp.storage import Database
from tests.factories import small_team

MON = date(2026, 12, 7)
SINCE = MON - timedelta(weeks=17) + timedelta(days=1)


def test_history_counts_hours_per_day_and_leave_both_typed_and_ranged(db: Database) -> None:
    a, b, _ = small_team(db)
    set_cells(
        db,
        "T1",
        [CellEdit(a.id, SINCE, "E"), CellEdit(a.id, SINCE + timedelta(days=1), "AL")],
    )
    add_absence(db, b.shoulder_number, AbsenceKind.SICK, SINCE, SINCE + timedelta(days=2))
    add_absence(
        db, a.shoulder_number, AbsenceKind.COURT, MON - timedelta(days=20), MON - timedelta(days=20)
    )
    past = checks.history(db, [a.id, b.id], SINCE, MON - timedelta(days=1))
    assert past.hours == {a.id: {SINCE: 8.0}}
    assert past.leave[a.id] == {SINCE + timedelta(days=1)}
    assert past.leave[b.id] == {SINCE + timedelta(days=k) for k in range(3)}
    assert past.abstracted == {a.id: {MON - timedelta(days=20)}}


def test_a_breach_in_stored_weeks_before_the_range_is_reported(db: Database) -> None:
    a, b, _ = small_team(db)
    days = [SINCE + timedelta(days=k) for k in range(119)]
    set_cells(db, "T1", [CellEdit(a.id, d, "E") for d in days])  # 56 h a week
    set_cells(db, "T1", [CellEdit(b.id, d, "E") for d in days if d.weekday() < 6])  # 48 h
    report = checks.check_team(db, "T1", MON, MON + timedelta(days=6))
    over = [f for f in report.findings if f.rule == "wtr-48h"]
    assert [f.member_id for f in over] == [a.id]
    assert "averages 56.0 h a week" in over[0].message


def test_a_day_typed_over_an_absence_range_counts_as_typed(db: Database) -> None:
    """As in the grid: a rest day typed inside a training course is a rest day."""
    a, *_ = small_team(db)
    first = MON - timedelta(days=30)
    add_absence(db, a.shoulder_number, AbsenceKind.TRAINING, first, first + timedelta(days=2))
    set_cells(db, "T1", [CellEdit(a.id, first + timedelta(days=1), "RD")])
    past = checks.history(db, [a.id], SINCE, MON - timedelta(days=1))
    assert past.abstracted == {a.id: {first, first + timedelta(days=2)}}
