"""`rosterapp operation add|allocate|unallocate|list|shortfall`, on SQLite and
PostgreSQL: output, warnings on stderr, exit codes and one-line errors."""

from __future__ import annotations

import json
from datetime import date

import pytest

from rosterapp.cli.main import run
from rosterapp.domain.enums import AbsenceKind
from rosterapp.services.absences import add_absence
from rosterapp.storage import Database
from tests.factories import small_team


@pytest.fixture
def team(db_url: str) -> list[str]:
    database = Database.open(db_url)
    members = small_team(database, n=4)
    sat = date(2026, 12, 12)
    add_absence(database, members[3].shoulder_number, AbsenceKind.ANNUAL_LEAVE, sat, sat)
    database.close()
    return [m.shoulder_number for m in members]


def _add(db_url: str, *extra: str) -> int:
    return run(
        [
            "--db",
            db_url,
            "operation",
            "add",
            "--name",
            "Notting Hill Carnival",
            "--kind",
            "central-aid",
            "--from",
            "2026-12-12T08:00",
            "--to",
            "2026-12-12T20:00",
            "--need",
            "PC:4,PS:1",
            "--teams",
            "T1",
            "--place",
            "Ladbroke Grove",
            *extra,
        ]
    )


def test_add_allocate_list_and_shortfall(
    db_url: str, team: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert _add(db_url, "--repeat", "weekly:2") == 0
    out = capsys.readouterr()
    assert out.out.strip() == (
        "Operation #1 Notting Hill Carnival (NHC1): 2 occurrences from Sat 12 Dec 2026, "
        "08:00–20:00; needs 4 PC, 1 PS"
    )
    assert "warning: needs 4 PC on Sat 12 Dec 2026 but T1 has only 3 (1 short)" in out.err
    args = ["--db", db_url, "operation", "allocate", "1", "--member", team[1]]
    assert run(args) == 1
    assert "happens on 2 days (2026-12-12, 2026-12-19): say which with --on DATE" in (
        capsys.readouterr().err
    )
    assert run([*args, "--member", team[2], "--on", "2026-12-12"]) == 0
    assert capsys.readouterr().out.strip() == (
        f"Allocated {team[1]}, {team[2]} on Sat 12 Dec 2026: 2 allocated, short 2 PC, 1 PS"
    )
    assert run(["--db", db_url, "operation", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    first = listed[0]["occurrences"][0]
    assert listed[0]["code"] == "NHC1" and listed[0]["category"] == "central_aid"
    assert first["allocated"] == [team[1], team[2]] and first["short"] == 3
    assert first["begins"] == "2026-12-12T08:00:00+00:00"
    assert {"rank": "pc", "needed": 4, "allocated": 2, "short": 2} in first["needs"]
    assert run(["--db", db_url, "operation", "list"]) == 0
    text = capsys.readouterr().out
    assert "#1 NHC1 Notting Hill Carnival — Aid to a central event, central aid at Ladbroke" in text
    assert "  Sat 19 Dec 2026: 0 allocated, short 4 PC, 1 PS" in text
    assert run(["--db", db_url, "operation", "shortfall", "1", "--on", "2026-12-12"]) == 0
    text = capsys.readouterr().out
    assert "PC 2/4 — 2 PC short: 2 of 4 allocated" in text and "1 on leave or absent" in text
    assert (
        run(
            [
                "--db",
                db_url,
                "operation",
                "unallocate",
                "1",
                "--on",
                "2026-12-12",
                "--member",
                team[2],
            ]
        )
        == 0
    )
    assert "Took off" in capsys.readouterr().out


def test_allocation_over_leave_is_a_one_line_error(
    db_url: str, team: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert _add(db_url) == 0
    capsys.readouterr()
    assert run(["--db", db_url, "operation", "allocate", "1", "--member", team[3]]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("rosterapp: not allocated: PC ")
    assert f"({team[3]}) is on annual leave on Sat 12 Dec 2026" in err
    assert "\n" not in err


def test_bad_input_exits_1_or_2(
    db_url: str, team: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert _add(db_url, "--need", "PC:0") == 1
    assert "rosterapp: --need: need 1 'PC:0': the count must be at least 1" in (
        capsys.readouterr().err
    )
    with pytest.raises(SystemExit) as info:
        run(
            [
                "--db",
                db_url,
                "operation",
                "add",
                "--name",
                "x",
                "--kind",
                "parade",
                "--from",
                "2026-12-12T08:00",
                "--to",
                "2026-12-12T09:00",
                "--need",
                "PC:1",
            ]
        )
    assert info.value.code == 2
    assert run(["--db", db_url, "operation", "allocate", "9", "--member", team[0]]) == 1
    assert "no operation #9" in capsys.readouterr().err
    assert run(["--db", db_url, "operation", "list"]) == 0
    assert capsys.readouterr().out.strip() == "No operations."
    assert _add(db_url) == 0
    number = capsys.readouterr().out.split()[1].lstrip("#")  # "Operation #N …"
    assert run(["--db", db_url, "operation", "delete", number]) == 0
    out = capsys.readouterr().out.strip()
    assert out == f"Operation #{number} Notting Hill Carnival (NHC{number}) deleted"


def test_allocate_auto_chooses_for_what_is_short(
    db_url: str, team: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert _add(db_url) == 0
    capsys.readouterr()
    assert run(["--db", db_url, "operation", "allocate", "1", "--auto"]) == 0
    out = capsys.readouterr()
    # T1 has 3 PCs, one on leave that day, and 1 sergeant: 2 PC and the PS go.
    assert "Allocated" in out.out and "3 allocated, short 2 PC" in out.out
    assert (
        "note: 2 PC stays short: nobody else in the supplying teams is free and qualified "
        "(1 on leave or absent)"
    ) in out.err
    assert team[3] not in out.out  # on leave
    assert run(["--db", db_url, "operation", "allocate", "1"]) == 1
    assert "say who to allocate" in capsys.readouterr().err


def test_add_twice_a_week_for_eight_weeks_in_one_step(
    db_url: str, team: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    bad = ["--repeat", "weekly:8:sat,fry"]
    assert _add(db_url, *bad) == 1
    err = capsys.readouterr().err.strip()
    assert err == (
        "rosterapp: repeat 'weekly:8:sat,fry': 'fry' is not a day of the week "
        "(mon, tue, wed, thu, fri, sat, sun)"
    )
    assert run(["--db", db_url, "operation", "list"]) == 0
    assert capsys.readouterr().out.strip() == "No operations."  # nothing written
    assert _add(db_url, "--repeat", "weekly:8:sat,tue") == 0
    out = capsys.readouterr().out.strip()
    assert out.startswith("Operation #1 Notting Hill Carnival (NHC1): 16 occurrences from Sat 12")
    assert run(["--db", db_url, "operation", "list", "--json"]) == 0
    days = [o["date"] for o in json.loads(capsys.readouterr().out)[0]["occurrences"]]
    assert days[:4] == ["2026-12-12", "2026-12-15", "2026-12-19", "2026-12-22"]
    assert len(days) == 16 and days[-1] == "2027-02-02"
