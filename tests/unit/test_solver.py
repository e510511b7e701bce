from __future__ import annotations

from datetime import date, timedelta

from rosterapp.domain.grid import CellEdit
from rosterapp.services.roster.edits import set_cells
from rosterapp.services.roster.grid import read_grid
from rosterapp.services.solving import apply_proposal, propose
from rosterapp.storage import Database
from tests.factories import small_team

MON = date(2026, 12, 14)


def test_fill_respects_rules_and_keeps_what_is_there(sqlite_db: Database) -> None:
    people = small_team(sqlite_db, n=4)
    pinned = CellEdit(people[1].id, MON + timedelta(days=2), "LL", "SOH", pinned=True)
    set_cells(sqlite_db, "T1", [pinned, CellEdit(people[2].id, MON, "AL")])
    proposal = propose(sqlite_db, "T1", MON, MON + timedelta(days=6), time_limit=10)
    assert proposal.found
    changed = {(e.member_id, e.day) for e in proposal.edits}
    assert (people[1].id, MON + timedelta(days=2)) not in changed
    assert (people[2].id, MON) not in changed
    apply_proposal(sqlite_db, proposal)
    grid = read_grid(sqlite_db, "T1", MON, MON + timedelta(days=6))
    for p in people:
        week = [grid.cell(p.id, MON + timedelta(days=i)) for i in range(7)]
        assert all(c is not None for c in week)
        codes = [c.code for c in week if c]
        if p.id != people[2].id:
            assert codes.count("RD") >= 2
    from rosterapp.services.checks import check_team

    report = check_team(sqlite_db, "T1", MON, MON + timedelta(days=6))
    assert not [
        f
        for f in report.findings
        if f.rule in ("rest-11h", "rest-days-week", "rest-day-gap", "leave-clash")
    ]


def test_repair_changes_as_few_cells_as_needed(sqlite_db: Database) -> None:
    people = small_team(sqlite_db, n=3)
    week = [MON + timedelta(days=i) for i in range(7)]
    good = ["E", "E", "E", "E", "E", "RD", "RD"]
    set_cells(
        sqlite_db,
        "T1",
        [CellEdit(p.id, d, c) for p in people for d, c in zip(week, good, strict=True)],
    )
    # A late-late then an early for one person breaks the 11-hour rule: one cell to mend.
    set_cells(sqlite_db, "T1", [CellEdit(people[0].id, week[1], "LL")])
    proposal = propose(sqlite_db, "T1", MON, week[-1], mode="repair", time_limit=10)
    assert proposal.found
    assert 1 <= len(proposal.edits) <= 2
    assert all(e.member_id == people[0].id for e in proposal.edits)


def test_conflicting_fixed_entries_are_named(sqlite_db: Database) -> None:
    people = small_team(sqlite_db, n=2)
    a = people[1]
    # Pinned: a late-late then an early the next day: cannot both stand.
    set_cells(
        sqlite_db,
        "T1",
        [
            CellEdit(a.id, MON, "LL", pinned=True),
            CellEdit(a.id, MON + timedelta(days=1), "E", pinned=True),
        ],
    )
    proposal = propose(sqlite_db, "T1", MON, MON + timedelta(days=6), time_limit=10)
    # The solver plans around them and says which fixed entries break the rule.
    assert proposal.found
    assert not {(e.member_id, e.day) for e in proposal.edits} & {
        (a.id, MON),
        (a.id, MON + timedelta(days=1)),
    }
    text = " ".join(proposal.conflicts)
    assert "LL on Mon 14 Dec" in text and "E on Tue 15 Dec" in text


def test_shortfall_is_explained(sqlite_db: Database) -> None:
    from rosterapp.domain.enums import Rank
    from rosterapp.services.beats import set_requirement

    small_team(sqlite_db, n=3)
    set_requirement(sqlite_db, "T1", weekday=0, shift="L", min_count=2, rank=Rank.SERGEANT)
    proposal = propose(sqlite_db, "T1", MON, MON + timedelta(days=6), time_limit=10)
    assert proposal.found
    (text,) = [t for t in proposal.explanations if "Late on Mon 14 Dec" in t]
    assert "1 of 2 sergeants" in text and "1 could" in text


def test_a_requirement_counts_only_from_its_date(sqlite_db: Database) -> None:
    """A cover line in force from Thursday asks the solver for people only from then."""
    from rosterapp.services.beats import set_requirement

    small_team(sqlite_db, n=4)
    thursday = MON + timedelta(days=3)
    set_requirement(sqlite_db, "T1", weekday=0, shift="L", min_count=1)
    set_requirement(sqlite_db, "T1", weekday=4, shift="E", min_count=2, effective_from=thursday)
    set_requirement(sqlite_db, "T1", weekday=0, shift="E", min_count=2, effective_from=thursday)
    from rosterapp.services.beats import list_requirements
    from rosterapp.services.solve_problem import build

    end = MON + timedelta(days=6)
    requirements = list_requirements(sqlite_db, "T1", MON, end)
    tp = build(read_grid(sqlite_db, "T1", MON, end), requirements, MON, end, "fill")
    early_days = {c.day for c in tp.problem.cover if c.tour == "E" and c.under}
    assert early_days == {4}  # Friday's; Monday's line starts only after this Monday


def test_the_proposal_says_which_requests_it_could_not_meet_and_why(
    sqlite_db: Database,
) -> None:
    from rosterapp.domain.enums import Rank
    from rosterapp.domain.requests import RequestKind
    from rosterapp.services.beats import set_requirement
    from rosterapp.services.requests import NewRequest, add_request

    _, b, c = small_team(sqlite_db, n=3)
    # Both constables are needed on Monday's Late: a day off asked for cannot be given.
    set_requirement(sqlite_db, "T1", weekday=0, shift="L", min_count=2, rank=Rank.PC)
    add_request(sqlite_db, NewRequest(b.shoulder_number, RequestKind.AVOID, MON))
    add_request(
        sqlite_db,
        NewRequest(c.shoulder_number, RequestKind.SHIFT, MON + timedelta(days=1), shift="E"),
    )
    proposal = propose(sqlite_db, "T1", MON, MON + timedelta(days=6), time_limit=10)
    assert proposal.found
    day_off, early = sorted(t for t in proposal.explanations if "asked for" in t)
    assert b.display_name in day_off and "a day off on Mon 14 Dec" in day_off
    assert "cover on that tour needs every one of the 2 rostered" in day_off
    # The Late on Monday that cover needs leaves 9 hours before a Tuesday Early.
    assert c.display_name in early and "early on Tue 15 Dec" in early
    assert "under 11 hours' rest after the Late before it" in early
