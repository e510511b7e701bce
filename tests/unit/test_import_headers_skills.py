"""Importing a team's own spreadsheet: its headers ('Surname, Forename, Shoulder No')
are understood, and skills are matched against the skills people have, never taken
as free text ('Driver / Taser' is two skills; 'Standard' is not a skill)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rosterapp.importers.members import parse_skills
from rosterapp.importers.tabular import ImportFailed
from rosterapp.services.imports import import_members
from rosterapp.services.members import get_member
from rosterapp.storage import Database
from tests.factories import small_team

THEIR_HEADER = "Surname,Forename,Shoulder No.,Staff No,Rank,Hours per week,Skills"


def write(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_teams_own_headers_are_understood(sqlite_db: Database, tmp_path: Path) -> None:
    small_team(sqlite_db)
    path = write(
        tmp_path / "staff.csv",
        THEIR_HEADER,
        "Okafor,Sandra,2101CW,881101,PC,40,Driver / Taser",
    )
    assert import_members(sqlite_db, path, team="T1").rows == 1
    member = get_member(sqlite_db, "2101CW")
    assert (member.first_name, member.last_name) == ("Sandra", "Okafor")
    assert sorted(s.name for s in member.skills) == ["driver", "taser"]


def test_an_unknown_skill_is_refused_by_row_and_named(sqlite_db: Database, tmp_path: Path) -> None:
    small_team(sqlite_db)
    path = write(
        tmp_path / "staff.csv",
        THEIR_HEADER,
        "Okafor,Sandra,2101CW,881101,PC,40,Standard",
        "Khan,Ali,2102CW,881102,PC,40,First Aid; Taser",
    )
    with pytest.raises(ImportFailed) as failed:
        import_members(sqlite_db, path, team="T1")
    assert failed.value.unknown_skills == ["standard"]
    [error] = failed.value.errors
    assert (error.row, error.column) == (2, "skills") and "'standard'" in error.message
    # Said to be new: imported.
    assert import_members(sqlite_db, path, team="T1", new_skills=["standard"]).rows == 2
    assert [s.name for s in get_member(sqlite_db, "2102CW").skills] == ["first-aid", "taser"]


def test_a_column_still_missing_is_named(sqlite_db: Database, tmp_path: Path) -> None:
    small_team(sqlite_db)
    path = write(tmp_path / "staff.csv", "Surname,Forename,Shoulder No,Rank", "Okafor,S,2101CW,PC")
    with pytest.raises(ImportFailed, match=r"missing column.*contracted_hours.*staff_number"):
        import_members(sqlite_db, path, team="T1")


def test_skills_split_on_the_marks_people_use() -> None:
    assert [s.name for s in parse_skills("Driver / Taser, PSU 2 + first aid")] == [
        "driver",
        "taser",
        "psu-2",
        "first-aid",
    ]
