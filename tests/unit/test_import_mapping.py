"""Every import reads a team's own spreadsheet: its headers guessed by name, or matched
by the user (--column in the command line); skills matched to the team's own, those
nobody has refused by row and value unless added or left out. All rows or none."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import select

from rosterapp.cli.main import run
from rosterapp.domain.tables import Assignment, MemberSkill
from rosterapp.importers.specs import SPECS, spec_for
from rosterapp.importers.tabular import ImportFailed
from rosterapp.services.imports import import_members, import_roster, skill_key
from rosterapp.services.members import get_member
from rosterapp.services.request_import import import_requests
from rosterapp.services.requests import list_requests
from rosterapp.storage import Database
from tests.factories import small_team


def write(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def entries(db: Database) -> int:
    with db.session() as s:
        return len(s.exec(select(Assignment)).all())


def test_a_roster_in_their_headers_is_read(db: Database, tmp_path: Path) -> None:
    small_team(db)
    path = write(
        tmp_path / "week.csv",
        "Shoulder No.,Day,Duty,Beat Code,Remarks",
        "101T1,2026-12-07,E,SOH,briefing at 7",
        "102T1,07/12/2026,L,,",
    )
    assert import_roster(db, path).rows == 2
    assert entries(db) == 2


def test_a_roster_with_unguessable_headers_takes_the_users_matching(
    db: Database, tmp_path: Path
) -> None:
    small_team(db)
    path = write(tmp_path / "week.csv", "Officer,When,What,Extra", "101T1,2026-12-07,E,x")
    with pytest.raises(ImportFailed, match="missing column"):
        import_roster(db, path)
    mapping = {"officer": "shoulder_number", "when": "date", "what": "shift", "extra": ""}
    assert import_roster(db, path, mapping=mapping).rows == 1


def test_a_bad_roster_row_writes_nothing_and_is_named(db: Database, tmp_path: Path) -> None:
    small_team(db)
    path = write(
        tmp_path / "week.csv",
        "Collar,Day,Tour",
        "101T1,2026-12-07,E",
        "102T1,2026-12-08,ZZ",
    )
    with pytest.raises(ImportFailed) as failed:
        import_roster(db, path)
    [error] = failed.value.errors
    assert (error.row, error.column) == (3, "shift") and "'ZZ'" in error.message
    assert entries(db) == 0


def test_requests_in_their_headers_are_read(db: Database, tmp_path: Path) -> None:
    small_team(db)
    path = write(
        tmp_path / "asks.csv",
        "Collar No,Type,Start,End,Reason",
        "101T1,leave,2027-01-04,2027-01-06,family",
        "102T1,rest-day,2027-01-05,,",
    )
    assert import_requests(db, path).rows == 2
    assert len(list_requests(db, "T1")) == 2


def test_the_command_line_takes_a_matching_for_every_import(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = Database.open(db_url)
    small_team(db)
    db.close()
    week = write(tmp_path / "week.csv", "Officer,When,What", "101T1,2026-12-07,E")
    cols = ["--column", "Officer=shoulder_number", "--column", "When=date"]
    assert run(["--db", db_url, "import", "roster", str(week), *cols, "--column", "What=x"]) == 1
    assert "no column 'x'" in capsys.readouterr().err
    assert (
        run(["--db", db_url, "import", "roster", str(week), *cols, "--column", "What=shift"]) == 0
    )
    asks = write(tmp_path / "asks.csv", "Officer,Sort,On", "102T1,rest-day,2027-01-05")
    args = ["--column", "Officer=shoulder_number", "--column", "Sort=kind", "--column", "On=from"]
    assert run(["--db", db_url, "import", "requests", str(asks), *args]) == 0
    staff = write(
        tmp_path / "staff.csv",
        "Surname,Forename,Collar,Payroll,Grade,Hours,Notes",
        "Okafor,Sandra,2101T1,881101,PC,40,prefers earlies",
    )
    m = ["--column", "Payroll=staff_number", "--column", "Grade=rank", "--column", "Notes="]
    assert run(["--db", db_url, "import", "members", str(staff), "--team", "T1", *m]) == 0
    db = Database.open(db_url)
    assert get_member(db, "2101T1").last_name == "Okafor"
    assert entries(db) == 1 and len(list_requests(db, "T1")) == 1
    db.close()


def test_skills_are_matched_to_the_teams_own_whatever_the_case(
    db: Database, tmp_path: Path
) -> None:
    small_team(db)
    with db.session(write=True) as s:
        member = get_member(db, "101T1")
        s.add(MemberSkill(member_id=member.id, skill="method of entry"))
    path = write(
        tmp_path / "staff.csv",
        "Surname,Forename,Shoulder No,Staff No,Rank,Hours,Qualifications",
        "Okafor,Sandra,2101T1,881101,PC,40,DRIVER / Method-of-Entry + First Aid",
    )
    assert import_members(db, path, team="T1").rows == 1
    assert sorted(s.name for s in get_member(db, "2101T1").skills) == [
        "driver",
        "first-aid",
        "method of entry",  # as the team spells it
    ]
    assert skill_key("PSU 2") == skill_key("psu-2") == "psu2"


def test_an_unknown_skill_is_named_by_row_and_may_be_left_out(db: Database, tmp_path: Path) -> None:
    small_team(db)
    path = write(
        tmp_path / "staff.csv",
        "Surname,Forename,Shoulder No,Staff No,Rank,Hours,Skills",
        "Okafor,Sandra,2101T1,881101,PC,40,Driver / Standard",
        "Khan,Ali,2102T1,881102,PC,40,Standard;Drone pilot",
    )
    with pytest.raises(ImportFailed) as failed:
        import_members(db, path, team="T1")
    assert failed.value.skill_rows == {"drone-pilot": [3], "standard": [2, 3]}
    assert get_member_or_none(db, "2101T1") is None  # nothing half-written
    rows = import_members(
        db, path, team="T1", new_skills=["drone-pilot"], ignore_skills=["standard"]
    ).rows
    assert rows == 2
    assert [s.name for s in get_member(db, "2101T1").skills] == ["driver"]
    assert [s.name for s in get_member(db, "2102T1").skills] == ["drone-pilot"]


def test_the_command_line_names_an_unknown_skill_and_its_row(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = Database.open(db_url)
    small_team(db)
    db.close()
    path = write(
        tmp_path / "staff.csv",
        "Surname,Forename,Shoulder No,Staff No,Rank,Hours,Skills",
        "Okafor,Sandra,2101T1,881101,PC,40,Driver / Standard",
    )
    base = ["--db", db_url, "import", "members", str(path), "--team", "T1"]
    assert run(base) == 1
    err = capsys.readouterr().err
    assert "row 2, column skills: 'standard'" in err and "Traceback" not in err
    assert run([*base, "--ignore-skill", "Standard"]) == 0


def test_each_import_says_what_it_reads() -> None:
    assert spec_for("members", team_chosen=False).required >= {"team", "shoulder_number"}
    assert "team" not in spec_for("members").required
    for spec in SPECS.values():
        assert all(spec.meaning.get(c) for c in spec.columns()), spec.kind
        assert set(spec.aliases.values()) <= set(spec.columns()), spec.kind
    assert "surname" in SPECS["members"].also_read_from("last_name")


def get_member_or_none(db: Database, shoulder: str) -> object:
    from rosterapp.services.errors import ServiceError

    try:
        return get_member(db, shoulder)
    except ServiceError:
        return None


def test_a_uk_expiry_date_is_not_split_as_two_skills() -> None:
    from datetime import date

    from rosterapp.importers.members import parse_skills

    found = parse_skills("Taser:31/03/2027 / Driver, PSU 2/First aid")
    assert [(s.name, s.expires) for s in found] == [
        ("taser", date(2027, 3, 31)),
        ("driver", None),
        ("psu-2", None),
        ("first-aid", None),
    ]


def test_a_matching_for_a_column_the_file_has_not_is_refused(
    sqlite_db: Database, tmp_path: Path
) -> None:
    small_team(sqlite_db)
    path = write(tmp_path / "week.csv", "shoulder_number,date,shift", "101T1,2026-12-07,E")
    with pytest.raises(ImportFailed, match="no column officer in the header"):
        import_roster(sqlite_db, path, mapping={"officer": "shoulder_number"})
    assert entries(sqlite_db) == 0


def test_an_excel_roster_in_their_headers_is_read(sqlite_db: Database, tmp_path: Path) -> None:
    from datetime import datetime

    import openpyxl

    small_team(sqlite_db)
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Shoulder No", "Day", "Tour", "Notes"])
    ws.append(["101T1", datetime(2026, 12, 7), "E", "first"])
    ws.append(["102T1", datetime(2026, 12, 7), "l", None])
    path = tmp_path / "week.xlsx"
    wb.save(path)
    assert import_roster(sqlite_db, path).rows == 2
