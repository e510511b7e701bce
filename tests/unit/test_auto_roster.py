"""The auto-roster through the service a sergeant uses: neighbours, beats, restrictions,
concurrent edits, long horizons and repair — judged from what is stored."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from rosterapp.domain.enums import AbsenceKind
from rosterapp.domain.grid import CellEdit
from rosterapp.domain.values import MemberInfo
from rosterapp.services.absences import record_absence
from rosterapp.services.beats import list_beats, list_requirements, set_requirement
from rosterapp.services.checks import check_team
from rosterapp.services.errors import InvalidInput
from rosterapp.services.members import update_member
from rosterapp.services.roster.edits import set_cells
from rosterapp.services.roster.grid import read_grid
from rosterapp.services.roster_shape import measure
from rosterapp.services.solving import apply_proposal, propose
from rosterapp.storage import Database
from tests.factories import member_input, small_team

MON = date(2027, 1, 4)
REST_RULES = ("rest-11h", "rest-days-week", "rest-day-gap", "leave-clash")


def team(db: Database, n: int = 8) -> list[MemberInfo]:
    people = small_team(db, n=n)
    for weekday in range(7):
        set_requirement(db, "T1", weekday=weekday, shift="E", min_count=2, beat="SOH")
        set_requirement(db, "T1", weekday=weekday, shift="L", min_count=1, beat="OXF")
        if weekday >= 4:
            set_requirement(db, "T1", weekday=weekday, shift="LL", min_count=1, beat="SOH")
    return people


def week(start: date) -> list[date]:
    return [start + timedelta(days=i) for i in range(7)]


def rest_findings(db: Database, start: date, end: date) -> list[str]:
    report = check_team(db, "T1", start, end)
    return [f"{f.rule}: {f.message}" for f in report.findings if f.rule in REST_RULES]


def test_a_week_between_filled_weeks_joins_both_without_a_breach(sqlite_db: Database) -> None:
    people = team(sqlite_db)
    # Before: late-lates to Sunday. After: earlies from Monday. The middle week must give
    # 11 hours after the Sunday late-late and before the Monday early, and rest days.
    before = ["RD", "RD", "E", "L", "LL", "LL", "LL"]
    after = ["E", "E", "E", "E", "E", "RD", "RD"]
    edits = [
        CellEdit(p.id, d, code, "SOH" if code != "RD" else None)
        for p in people
        for days, codes in (
            (week(MON - timedelta(days=7)), before),
            (week(MON + timedelta(7)), after),
        )
        for d, code in zip(days, codes, strict=True)
    ]
    set_cells(sqlite_db, "T1", edits)
    proposal = propose(sqlite_db, "T1", MON, MON + timedelta(days=6), time_limit=10)
    assert proposal.found
    apply_proposal(sqlite_db, proposal)
    assert rest_findings(sqlite_db, MON - timedelta(days=7), MON + timedelta(days=13)) == []
    grid = read_grid(sqlite_db, "T1", MON, MON + timedelta(days=6))
    for p in people:  # after three late-lates, no early on Monday
        cell = grid.cell(p.id, MON)
        assert cell is not None and cell.code != "E"


def test_duties_go_on_the_usual_beat_after_an_empty_week(sqlite_db: Database) -> None:
    people = team(sqlite_db, n=6)
    beats = {b.code: b.id for b in list_beats(sqlite_db, "T1")}
    update_member(sqlite_db, people[2].id, member_input(people[2], usual_beat_id=beats["OXF"]))
    proposal = propose(sqlite_db, "T1", MON, MON + timedelta(days=6), time_limit=10)
    apply_proposal(sqlite_db, proposal)
    grid = read_grid(sqlite_db, "T1", MON, MON + timedelta(days=6))
    shape = measure(grid, list_requirements(sqlite_db, "T1"), MON, MON + timedelta(days=6))
    assert shape.no_beat == 0 and shape.short == 0
    mine = {grid.cell(people[2].id, d).beat for d in week(MON)} - {None}  # type: ignore[union-attr]
    assert mine == {"OXF"}


def test_a_usual_beat_must_be_the_teams(sqlite_db: Database) -> None:
    people = small_team(sqlite_db, n=2)
    with pytest.raises(InvalidInput, match="usual beat"):
        update_member(sqlite_db, people[1].id, member_input(people[1], usual_beat_id=9999))


def test_no_nights_is_respected(sqlite_db: Database) -> None:
    people = team(sqlite_db)
    restricted = people[3]
    update_member(sqlite_db, restricted.id, member_input(restricted, no_nights=True))
    proposal = propose(sqlite_db, "T1", MON, MON + timedelta(days=13), time_limit=10)
    assert proposal.found
    mine = [e.code for e in proposal.edits if e.member_id == restricted.id]
    assert mine and "LL" not in mine and "N" not in mine


def test_late_lates_only_where_cover_asks(sqlite_db: Database) -> None:
    team(sqlite_db)
    proposal = propose(sqlite_db, "T1", MON, MON + timedelta(days=13), time_limit=10)
    apply_proposal(sqlite_db, proposal)
    grid = read_grid(sqlite_db, "T1", MON - timedelta(days=1), MON + timedelta(days=14))
    shape = measure(grid, list_requirements(sqlite_db, "T1"), MON, MON + timedelta(days=13))
    assert shape.unsocial_duties == shape.unsocial_needed  # 2 weeks x 3 days x 1
    assert shape.short == 0


def test_a_cell_changed_while_solving_is_kept_and_named(db: Database) -> None:
    people = team(db, n=4)
    proposal = propose(db, "T1", MON, MON + timedelta(days=6), time_limit=10)
    target = next(e for e in proposal.edits if e.code != "RD")
    # Someone types annual leave into that cell while the proposal is being reviewed.
    set_cells(db, "T1", [CellEdit(target.member_id, target.day, "AL")])
    applied = apply_proposal(db, proposal)
    grid = read_grid(db, "T1", MON, MON + timedelta(days=6))
    assert grid.cell(target.member_id, target.day).code == "AL"  # type: ignore[union-attr]
    assert len(applied.kept) == 1 and "AL" in applied.kept[0]
    assert len(applied.changes) == len(proposal.edits) - 1
    assert people


def test_thirteen_weeks_at_once_and_no_more_than_fourteen(sqlite_db: Database) -> None:
    team(sqlite_db, n=6)
    end = MON + timedelta(days=7 * 13 - 1)
    proposal = propose(sqlite_db, "T1", MON, end, time_limit=20)
    assert proposal.found
    apply_proposal(sqlite_db, proposal)
    assert rest_findings(sqlite_db, MON, end) == []
    with pytest.raises(InvalidInput, match="at most 14 weeks"):
        propose(sqlite_db, "T1", MON, MON + timedelta(days=7 * 15), time_limit=1)


def test_repair_after_a_week_of_sickness_changes_little(sqlite_db: Database) -> None:
    people = team(sqlite_db)
    proposal = propose(sqlite_db, "T1", MON, MON + timedelta(days=13), time_limit=10)
    apply_proposal(sqlite_db, proposal)
    sick = people[4]
    _, cleared = record_absence(
        sqlite_db,
        sick.shoulder_number,
        AbsenceKind.SICK,
        MON + timedelta(days=7),
        MON + timedelta(days=13),
    )
    lost = len(cleared)
    assert lost >= 1
    repair = propose(
        sqlite_db,
        "T1",
        MON + timedelta(days=7),
        MON + timedelta(days=13),
        mode="repair",
        time_limit=10,
    )
    assert repair.found
    assert len(repair.edits) <= 3 * lost


def test_shape_of_a_filled_fortnight(sqlite_db: Database) -> None:
    team(sqlite_db, n=10)
    proposal = propose(sqlite_db, "T1", MON, MON + timedelta(days=13), time_limit=15)
    apply_proposal(sqlite_db, proposal)
    grid = read_grid(sqlite_db, "T1", MON - timedelta(days=1), MON + timedelta(days=14))
    shape = measure(grid, list_requirements(sqlite_db, "T1"), MON, MON + timedelta(days=13))
    assert shape.changes_per_week <= 0.5
    assert shape.paired_share >= 0.8
    assert rest_findings(sqlite_db, MON, MON + timedelta(days=13)) == []


def test_a_part_timers_days_not_worked_are_kept_free(sqlite_db: Database) -> None:
    people = team(sqlite_db)
    part_timer = people[5]
    weekend = 1 << 5 | 1 << 6
    update_member(
        sqlite_db,
        part_timer.id,
        member_input(part_timer, contracted_hours=24.0, free_days=weekend),
    )
    proposal = propose(sqlite_db, "T1", MON, MON + timedelta(days=13), time_limit=10)
    apply_proposal(sqlite_db, proposal)
    grid = read_grid(sqlite_db, "T1", MON, MON + timedelta(days=13))
    days = [MON + timedelta(days=i) for i in range(14)]
    codes = {d: grid.cell(part_timer.id, d).code for d in days}  # type: ignore[union-attr]
    assert all(codes[d] == "PT" for d in days if d.weekday() >= 5)
    # Three duties a week (24 hours) and two rest days on the other five days.
    for week in (days[:7], days[7:]):
        duties = [d for d in week if codes[d] not in ("PT", "RD")]
        assert len(duties) == 3 and all(d.weekday() < 5 for d in duties)
    assert rest_findings(sqlite_db, MON, MON + timedelta(days=13)) == []


def test_part_time_days_are_checked(sqlite_db: Database) -> None:
    people = small_team(sqlite_db, n=2)
    with pytest.raises(InvalidInput, match="at most five weekdays"):
        update_member(sqlite_db, people[1].id, member_input(people[1], free_days=0b111111))
