"""Cover requirements in force from a date: a new one does not flag last month, a
change keeps what was required before, a retired one stays for the rosters it covered."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from rosterapp.domain.cover import Requirement, cover_counts
from rosterapp.services.beats import end_requirement, list_requirements, set_requirement
from rosterapp.services.checks import check_team
from rosterapp.services.errors import NotFound
from rosterapp.services.roster.grid import read_grid
from rosterapp.storage import Database
from tests.factories import small_team

MON = date(2027, 1, 4)
LAST_MONTH = date(2026, 12, 7)  # a Monday too


def shortfalls(db: Database, start: date) -> list[date]:
    report = check_team(db, "T1", start, start + timedelta(days=6))
    return sorted(f.day for f in report.findings if f.rule == "cover-shortfall")


def test_a_new_requirement_does_not_flag_last_month(sqlite_db: Database) -> None:
    small_team(sqlite_db)
    set_requirement(sqlite_db, "T1", weekday=0, shift="E", min_count=2, effective_from=MON)
    assert shortfalls(sqlite_db, LAST_MONTH) == []  # nobody needed then
    assert shortfalls(sqlite_db, MON) == [MON]


def test_a_change_from_a_date_keeps_the_earlier_need(sqlite_db: Database) -> None:
    small_team(sqlite_db)
    set_requirement(sqlite_db, "T1", weekday=0, shift="E", min_count=0)  # always: none
    set_requirement(sqlite_db, "T1", weekday=0, shift="E", min_count=3, effective_from=MON)
    rows = sorted(
        list_requirements(sqlite_db, "T1", LAST_MONTH, MON + timedelta(days=6)),
        key=lambda r: r.effective_from or date.min,
    )
    assert [(r.min_count, r.effective_from, r.effective_to) for r in rows] == [
        (0, None, MON - timedelta(days=1)),
        (3, MON, None),
    ]
    assert shortfalls(sqlite_db, LAST_MONTH) == []
    assert shortfalls(sqlite_db, MON) == [MON]
    # Planning ahead (the auto-roster) sees the line as it will stand.
    assert [r.min_count for r in list_requirements(sqlite_db, "T1")] == [3]


def test_a_retired_requirement_stays_for_the_days_it_covered(sqlite_db: Database) -> None:
    small_team(sqlite_db)
    req = set_requirement(sqlite_db, "T1", weekday=0, shift="E", min_count=2, beat="SOH")
    end_requirement(sqlite_db, "T1", req.id, MON - timedelta(days=1))
    assert shortfalls(sqlite_db, LAST_MONTH) == [LAST_MONTH]  # still short back then
    assert shortfalls(sqlite_db, MON) == []
    with pytest.raises(NotFound):
        end_requirement(sqlite_db, "T1", 9999, MON)


def test_setting_the_same_start_again_changes_that_row(sqlite_db: Database) -> None:
    small_team(sqlite_db)
    set_requirement(sqlite_db, "T1", weekday=0, shift="L", min_count=1, effective_from=MON)
    set_requirement(sqlite_db, "T1", weekday=0, shift="L", min_count=2, effective_from=MON)
    rows = list_requirements(sqlite_db, "T1", MON, MON)
    assert [(r.min_count, r.effective_from) for r in rows] == [(2, MON)]


def test_the_cover_count_applies_a_requirement_only_on_its_days(sqlite_db: Database) -> None:
    small_team(sqlite_db)
    grid = read_grid(sqlite_db, "T1", LAST_MONTH, MON + timedelta(days=6))
    req = Requirement(1, None, 0, "E", 2, None, None, effective_from=MON)
    counted = {c.day for c in cover_counts(grid, [req])}
    assert counted == {MON}
    assert req.applies_on(MON) and not req.applies_on(LAST_MONTH)
    assert not req.applies_on(MON + timedelta(days=1))  # a Tuesday
