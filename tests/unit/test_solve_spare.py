"""Spare officers go where the team's work is: a hotspot's evenings, the taskings' tours
(services/solve_spare.py) — judged from the roster as stored, cover still first."""

from __future__ import annotations

from datetime import date, timedelta

from rosterapp.services.beats import BeatInput, list_beats, set_requirement, update_beat
from rosterapp.services.briefing_items import add_item
from rosterapp.services.members import update_member
from rosterapp.services.roster.grid import read_grid
from rosterapp.services.solving import apply_proposal, propose
from rosterapp.storage import Database
from tests.factories import member_input, small_team

MON = date(2027, 1, 4)
SUN = MON + timedelta(days=6)


def _team(db: Database) -> None:
    """Eight officers of Soho; cover asks for two earlies a day and a late on Fridays,
    so each day some 3-4 officers on duty are spare."""
    people = small_team(db, n=8)
    soho = next(b for b in list_beats(db, "T1") if b.code == "SOH")
    for p in people:
        update_member(db, p.id, member_input(p, usual_beat_id=soho.id))
    for weekday in range(7):
        set_requirement(db, "T1", weekday=weekday, shift="E", min_count=2, beat="SOH")
    set_requirement(db, "T1", weekday=4, shift="L", min_count=1, beat="SOH")


def _set_hotspot(db: Database, hotspot: bool) -> None:
    soho = next(b for b in list_beats(db, "T1") if b.code == "SOH")
    data = BeatInput(soho.code, soho.name, soho.ward, soho.priorities, hotspot)
    update_beat(db, "T1", soho.id, data)


def _stored(db: Database, code: str, days: list[date]) -> int:
    grid = read_grid(db, "T1", MON, SUN)
    return sum(1 for (_m, d), c in grid.cells.items() if d in days and c.code == code)


def _filled(db: Database) -> None:
    proposal = propose(db, "T1", MON, SUN, time_limit=10)
    assert proposal.found
    assert proposal.short == 0  # cover comes first
    apply_proposal(db, proposal)


def test_spare_officers_go_to_a_hotspots_evening(sqlite_db: Database) -> None:
    _team(sqlite_db)
    _set_hotspot(sqlite_db, False)
    plain = propose(sqlite_db, "T1", MON, SUN, time_limit=10)
    lates_plain = sum(1 for e in plain.edits if e.code == "L")
    _set_hotspot(sqlite_db, True)
    _filled(sqlite_db)
    week = [MON + timedelta(days=i) for i in range(7)]
    lates = _stored(sqlite_db, "L", week)
    # Each day beyond the two earlies, the spare officers take the Late (14:00-22:00,
    # four hours of the 18:00-02:00 window), never a late-late nobody asked for.
    assert lates > lates_plain
    assert lates >= 14
    assert _stored(sqlite_db, "LL", week) == 0
    assert _stored(sqlite_db, "E", week) >= 14


def test_a_tasking_draws_spare_officers_to_its_tour_and_days(sqlite_db: Database) -> None:
    _team(sqlite_db)
    _set_hotspot(sqlite_db, False)
    tue, wed = MON + timedelta(days=1), MON + timedelta(days=2)

    def lates_on_the_tasking_days() -> int:
        proposal = propose(sqlite_db, "T1", MON, SUN, time_limit=10)
        assert proposal.found and proposal.short == 0
        return sum(1 for e in proposal.edits if e.code == "L" and e.day in (tue, wed))

    before = lates_on_the_tasking_days()
    add_item(
        sqlite_db, "T1", tue, wed, "Retail crime patrols", shifts=("L",), beat="SOH", priority=1
    )
    after = lates_on_the_tasking_days()
    # The spare officers of those two days (beyond the two earlies) take the Late.
    assert after > before
    assert after >= 2 * 3
