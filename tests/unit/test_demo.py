from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from rosterapp.services.demo import build_demo
from rosterapp.services.errors import InvalidInput
from rosterapp.services.roster.grid import read_grid
from rosterapp.services.teams import list_teams
from rosterapp.storage import Database
from tests.conftest import DEMO_START


def test_demo_has_the_seed_teams_at_their_sizes(demo_db: Database) -> None:
    teams = {t.code: t.name for t in list_teams(demo_db)}
    assert set(teams.values()) == {
        "West End",
        "Brixton",
        "Kingston",
        "Ealing",
        "Finsbury Park",
        "Southwark",
        "Spitalfields",
    }
    grid = read_grid(demo_db, "WE", DEMO_START, date(2026, 11, 29))
    assert 220 <= len(grid.rows) <= 235
    ranks = {r.member.rank.value for r in grid.rows}
    assert {"inspector", "sergeant", "pc", "pcso"} <= ranks
    codes = {c.code for c in grid.cells.values()}
    assert {"E", "L", "LL", "RD"} <= codes
    assert codes & {"AL", "S", "TR", "CT", "AID"}
    names = " ".join(r.member.full_name for r in grid.rows)
    assert any(ch in names for ch in "ŁÓğéöüñ'")
    assert {"Oxford Street", "Soho", "Covent Garden", "Leicester Square"} <= {
        b.name for b in grid.beats.values()
    }


@pytest.mark.slow
def test_demo_is_deterministic_for_a_seed(tmp_path: Path) -> None:
    def names(path: Path, seed: int) -> list[str]:
        db = Database.open(str(path))
        build_demo(db, seed=seed, start=DEMO_START)
        grid = read_grid(db, "BX", DEMO_START, DEMO_START)
        db.close()
        return [r.member.full_name for r in grid.rows]

    assert names(tmp_path / "a.sqlite3", 7) == names(tmp_path / "b.sqlite3", 7)
    assert names(tmp_path / "c.sqlite3", 7) != names(tmp_path / "d.sqlite3", 8)


def test_demo_people_have_names_of_their_own(demo_db: Database) -> None:
    people = [
        (r.member.first_name, r.member.last_name)
        for team in list_teams(demo_db)
        for r in read_grid(demo_db, team.code, DEMO_START, DEMO_START).rows
    ]
    assert len(people) > 400 and len(set(people)) == len(people)
    assert len({last for _, last in people}) > 100  # not a handful of families
    assert any(not first.isascii() for first, _ in people)


def test_demo_refuses_a_database_with_teams(demo_db: Database) -> None:
    with pytest.raises(InvalidInput, match="already has teams"):
        build_demo(demo_db)


def test_demo_leave_is_within_everyone_s_entitlement(demo_db: Database) -> None:
    """Specials (volunteers) have no annual leave: the demo books them none, and no one's
    balance starts below zero."""
    from rosterapp.services.balances import team_balances

    for team in list_teams(demo_db):
        short = [
            b.shoulder_number for b in team_balances(demo_db, team.code, 2026) if b.remaining < 0
        ]
        assert short == [], team.code
