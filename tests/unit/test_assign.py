"""`assign` (the CLI's one-cell edit) as a service: the member's team on that day is the
one place that says which roster the cell is in."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import select

from rosterapp.domain.tables import Assignment, Team
from rosterapp.services.errors import InvalidInput, NotFound
from rosterapp.services.members import transfer_member
from rosterapp.services.roster.edits import assign
from rosterapp.services.roster.grid import read_grid
from rosterapp.services.teams import create_team
from rosterapp.storage import Database
from tests.factories import small_team

MON = date(2026, 12, 7)


def test_assign_sets_the_cell_in_the_team_of_that_day(db: Database) -> None:
    a, *_ = small_team(db)
    create_team(db, "T2", "Team two")
    transfer_member(db, a.shoulder_number, "T2", MON + timedelta(days=7))
    before = assign(db, a.shoulder_number.lower(), MON, "e", beat="soh", note="front desk")
    after = assign(db, a.shoulder_number, MON + timedelta(days=7), "L")
    assert before is not None and before.after is not None
    assert (before.after.code, before.after.beat, before.after.note) == ("E", "SOH", "front desk")
    assert after is not None and after.after is not None and after.after.code == "L"
    with db.session() as s:
        teams = {t.id: t.code for t in s.exec(select(Team)).all()}
        rows = {a.day: teams[a.team_id] for a in s.exec(select(Assignment)).all()}
    assert rows == {MON: "T1", MON + timedelta(days=7): "T2"}
    assert read_grid(db, "T2", MON, MON + timedelta(days=7)).cell(a.id, MON) is None


def test_assign_again_is_unchanged(db: Database) -> None:
    a, *_ = small_team(db)
    assert assign(db, a.shoulder_number, MON, "E") is not None
    assert assign(db, a.shoulder_number, MON, "E") is None


def test_assign_outside_any_team_says_so_and_writes_nothing(db: Database) -> None:
    a, *_ = small_team(db)
    with pytest.raises(InvalidInput, match=r"is not in any team on 2019-12-02") as info:
        assign(db, a.shoulder_number, date(2019, 12, 2), "E")
    assert info.value.field == "day"
    with pytest.raises(NotFound, match="unknown shift or absence code 'ZZ'") as found:
        assign(db, a.shoulder_number, MON, "ZZ")
    assert found.value.field == "shift"
    with pytest.raises(NotFound, match="no member with shoulder number 'NOPE'"):
        assign(db, "NOPE", MON, "E")
    with db.session() as s:
        assert s.exec(select(Assignment)).all() == []
