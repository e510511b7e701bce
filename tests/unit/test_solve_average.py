"""The auto-roster keeps the 48-hour average (WTR reg. 4) with the weeks before the
period: judged by `check` on what is stored, and by the officer's stored duties."""

from __future__ import annotations

from datetime import date, time, timedelta

from rosterapp.domain.enums import EntryKind
from rosterapp.domain.grid import CellEdit
from rosterapp.services.beats import set_requirement
from rosterapp.services.checks import check_team
from rosterapp.services.roster.edits import set_cells
from rosterapp.services.roster.grid import read_grid
from rosterapp.services.shift_types import ShiftSpec, create_shift_type
from rosterapp.services.solving import apply_proposal, propose
from rosterapp.storage import Database
from tests.factories import small_team

MON = date(2027, 1, 4)
SUN = MON + timedelta(days=6)


def test_a_solved_week_keeps_the_48_hour_average_after_long_weeks(sqlite_db: Database) -> None:
    people = small_team(sqlite_db, n=6)
    for weekday in range(7):
        set_requirement(sqlite_db, "T1", weekday=weekday, shift="E", min_count=2, beat="SOH")
    create_shift_type(
        sqlite_db, ShiftSpec("X12", "Twelve-hour", EntryKind.DUTY, time(8), time(20), 60)
    )
    busy = people[2]
    # Thirteen weeks of five twelve-hour duties (780 h): 36 h are left of the 816 h a
    # 17-week reference period holds, four eight-hour earlies and not the five a
    # full-time officer's week would otherwise hold.
    history = [
        CellEdit(busy.id, MON - timedelta(days=7 * w) + timedelta(days=d), "X12", "SOH")
        for w in range(1, 14)
        for d in range(5)
    ]
    set_cells(sqlite_db, "T1", history)
    proposal = propose(sqlite_db, "T1", MON, SUN, time_limit=10)
    assert proposal.found and proposal.short == 0
    apply_proposal(sqlite_db, proposal)
    grid = read_grid(sqlite_db, "T1", MON, SUN)
    duties = [c.code for (mid, _d), c in grid.cells.items() if mid == busy.id and c.code == "E"]
    assert len(duties) == 4
    report = check_team(sqlite_db, "T1", MON, SUN)
    assert [f.message for f in report.findings if f.rule == "wtr-48h"] == []
    # The others keep their full weeks.
    for p in people[1:]:
        if p.id != busy.id:
            mine = [c for (mid, _d), c in grid.cells.items() if mid == p.id and c.code == "E"]
            assert len(mine) == 5, p.display_name
