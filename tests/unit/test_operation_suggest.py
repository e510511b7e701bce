"""Choosing who to allocate to an operation (`allocate --auto`, the window's "Suggest
who"), on SQLite and PostgreSQL: each supplying team gives up to its share from its own
free and qualified officers, an officer counts for every need they meet, and what stays
short is said with the reason."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from rosterapp.cli.main import run
from rosterapp.domain.enums import AbsenceKind
from rosterapp.services.absences import add_absence
from rosterapp.services.operation_allocation import allocate
from rosterapp.services.operation_checks import shortfall
from rosterapp.services.operation_suggest import suggest
from rosterapp.services.operations import NewOperation, add_operation
from rosterapp.storage import Database
from tests.factories import small_team

TUE = date(2026, 12, 8)


def _lfr(needs: str, teams: str) -> NewOperation:
    return NewOperation(
        "LFR Oxford Circus",
        "lfr",
        datetime(2026, 12, 8, 10, 0),
        datetime(2026, 12, 8, 18, 0),
        needs,
        teams=teams,
        place="Oxford Circus",
    )


def test_a_team_supplying_part_of_the_need_gives_its_share(db: Database) -> None:
    people = small_team(db, "BX", n=10)  # a sergeant and 9 PCs
    op = add_operation(db, _lfr("PC:4", "BX:3")).operation
    occ = op.occurrences[0].id
    found = suggest(db, op.id, occ)
    assert len(found.shoulder_numbers) == 3
    assert set(found.shoulder_numbers) <= {m.shoulder_number for m in people[1:]}
    assert found.short_after == 1
    assert found.notes[0] == (
        "1 PC stays short: the supplying teams are asked for 3 in all (BX 3), all suggested; "
        "6 more free and qualified are beyond their team's share"
    )
    assert not any(n.startswith("passed over") for n in found.notes)
    allocate(db, op.id, occ, found.shoulder_numbers)  # the choice passes every check
    assert shortfall(db, op.id, occ).short == 1


def test_each_team_gives_up_to_its_own_share(db: Database) -> None:
    small_team(db, "BX", n=4)  # 3 PCs each
    small_team(db, "WE", n=4)
    op = add_operation(db, _lfr("PC:4", "BX:1,WE:3")).operation
    occ = op.occurrences[0].id
    found = suggest(db, op.id, occ)
    teams = [sn[-2:] for sn in found.shoulder_numbers]
    assert sorted(teams) == ["BX", "WE", "WE", "WE"] and found.short_after == 0
    allocate(db, op.id, occ, found.shoulder_numbers)
    assert shortfall(db, op.id, occ).short == 0


def test_a_share_already_given_is_not_asked_again(db: Database) -> None:
    bx = small_team(db, "BX", n=4)
    small_team(db, "WE", n=4)
    op = add_operation(db, _lfr("PC:4", "BX:2,WE")).operation
    occ = op.occurrences[0].id
    allocate(db, op.id, occ, [bx[1].shoulder_number, bx[2].shoulder_number])
    found = suggest(db, op.id, occ)
    assert [sn[-2:] for sn in found.shoulder_numbers] == ["WE", "WE"]
    assert found.short_after == 0


def test_what_stays_short_says_why_by_team(db: Database) -> None:
    people = small_team(db, "BX", n=4)  # 3 PCs, one on leave
    add_absence(db, people[3].shoulder_number, AbsenceKind.ANNUAL_LEAVE, TUE, TUE)
    op = add_operation(db, _lfr("PC:4,PS:1", "BX:4")).operation
    found = suggest(db, op.id, op.occurrences[0].id)
    assert len(found.shoulder_numbers) == 3  # 2 PCs and the sergeant
    assert found.short_after == 2
    assert found.notes[0] == (
        "2 PC stays short: nobody else in the supplying teams is free and qualified "
        "(1 on leave or absent)"
    )


def test_a_free_officer_beyond_their_teams_share_is_named_as_such(db: Database) -> None:
    small_team(db, "BX", n=4)
    small_team(db, "WE", n=2)  # a sergeant and 1 PC
    op = add_operation(db, _lfr("PC:4", "BX:1,WE:3")).operation
    found = suggest(db, op.id, op.occurrences[0].id)
    assert len(found.shoulder_numbers) == 2 and found.short_after == 2
    assert found.notes[0] == (
        "2 PC stays short: 2 more free and qualified are beyond their team's share "
        "(BX: 1, all given); WE has no more free and qualified"
    )


def test_an_officer_counts_for_every_need_they_meet(db: Database) -> None:
    small_team(db, "BX", n=6)  # every one a driver
    op = add_operation(db, _lfr("PC:2,driver:2", "BX")).operation
    found = suggest(db, op.id, op.occurrences[0].id)
    assert len(found.shoulder_numbers) == 2 and found.short_after == 0
    assert found.notes == ("ward officers (DWOs) chosen only where nobody else could go",)


@pytest.fixture
def bx(db_url: str) -> list[str]:
    database = Database.open(db_url)
    members = small_team(database, "BX", n=10)
    database.close()
    return [m.shoulder_number for m in members]


def test_allocate_auto_gives_the_teams_share_and_says_what_stays_short(
    db_url: str, bx: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    add = ["--db", db_url, "operation", "add", "--name", "LFR Oxford Circus", "--kind", "lfr"]
    add += ["--from", "2026-12-08T10:00", "--to", "2026-12-08T18:00"]
    assert run([*add, "--need", "PC:4", "--teams", "BX:3"]) == 0
    assert "the teams are asked for 3 officers in all" in capsys.readouterr().err
    assert run(["--db", db_url, "operation", "allocate", "1", "--auto"]) == 0
    out = capsys.readouterr()
    assert out.out.startswith("Allocated ") and "3 allocated, short 1 PC" in out.out
    assert sum(sn in out.out for sn in bx[1:]) == 3
    assert "note: 1 PC stays short: the supplying teams are asked for 3 in all (BX 3)" in (out.err)
    # Nothing more to give: a clear one-line refusal, nothing written.
    assert run(["--db", db_url, "operation", "allocate", "1", "--auto"]) == 1
    err = capsys.readouterr().err
    assert "rosterapp: nobody to allocate: 1 PC stays short: " in err
