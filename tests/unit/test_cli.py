from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from rosterapp import __version__
from rosterapp.cli.main import run


def rosterapp(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rosterapp", *args], capture_output=True, text=True, timeout=120
    )


def test_version() -> None:
    result = rosterapp("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"rosterapp {__version__}"


def test_bad_usage_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        run(["publish", "--team", "WE", "--from", "2026-02-30", "--to", "2026-03-01"])
    assert info.value.code == 2
    assert "is not a date" in capsys.readouterr().err


def test_errors_are_one_line_without_traceback(tmp_path: Path) -> None:
    db = str(tmp_path / "x.sqlite3")
    result = rosterapp(
        "--db", db, "publish", "--team", "NOPE", "--from", "2026-12-07", "--to", "2026-12-13"
    )
    assert result.returncode == 1
    assert result.stderr.strip() == "rosterapp: no team 'NOPE' (teams: none yet)"
    assert "Traceback" not in result.stderr


def test_demo_assign_publish_check_flow(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], db_url: str
) -> None:
    def cli(words: str) -> int:
        return run(["--db", db_url, *words.split()])

    assert cli("demo --start 2026-11-23") == 0
    assert "Loaded 7 teams" in capsys.readouterr().out
    # a late-late then an early: 5 hours' rest
    from datetime import date

    from rosterapp.services.roster.grid import read_grid
    from rosterapp.storage import Database

    db = Database.open(db_url)
    grid = read_grid(db, "WE", date(2026, 12, 7), date(2026, 12, 8))
    db.close()
    pc = next(r.member for r in grid.rows if r.member.rank.value == "pc")
    sn = pc.shoulder_number
    assert cli(f"assign --member {sn} --date 2026-12-07 --shift LL --beat SOH") == 0
    assert cli(f"assign --member {sn} --date 2026-12-08 --shift E --beat SOH") == 0
    capsys.readouterr()
    assert cli("check --team WE --from 2026-12-07 --to 2026-12-13 --json") in (0, 3)
    findings = json.loads(capsys.readouterr().out)
    rest = [f for f in findings if f["rule"] == "rest-11h" and f["member"] == sn]
    assert rest and rest[0]["date"] == "2026-12-08"
    assert set(rest[0]) == {"rule", "severity", "member", "date", "message", "class", "rule_source"}
    assert "5 h between Late-late" in rest[0]["message"]
    assert cli("publish --team WE --from 2026-12-14 --to 2027-03-14") == 0


def test_check_exits_3_on_a_blocking_finding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "d.sqlite3")
    assert run(["--db", db, "demo", "--start", "2026-11-23"]) == 0
    from datetime import date

    from rosterapp.domain.enums import AbsenceKind
    from rosterapp.services.absences import add_absence
    from rosterapp.storage import Database

    database = Database.open(db)
    from rosterapp.services.roster.grid import read_grid

    grid = read_grid(database, "BX", date(2026, 12, 7), date(2026, 12, 7))
    pc = next(
        r.member
        for r in grid.rows
        if r.member.rank.value == "pc" and (r.member.id, date(2026, 12, 7)) not in grid.leave_days
    )
    add_absence(
        database, pc.shoulder_number, AbsenceKind.SICK, date(2026, 12, 7), date(2026, 12, 7)
    )
    database.close()
    assert (
        run(
            [
                "--db",
                db,
                "assign",
                "--member",
                pc.shoulder_number,
                "--date",
                "2026-12-07",
                "--shift",
                "E",
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert (
        run(["--db", db, "check", "--team", "BX", "--from", "2026-12-07", "--to", "2026-12-07"])
        == 3
    )
    out = capsys.readouterr().out
    assert "leave-clash" in out and "is on sick leave that day" in out


def test_import_reports_rows(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "d.sqlite3")
    bad = tmp_path / "m.csv"
    bad.write_text(
        "shoulder_number,staff_number,first_name,last_name,rank,contracted_hours\n"
        "1X,2,A,B,Chief,40\n",
        encoding="utf-8",
    )
    assert run(["--db", db, "import", "members", str(bad), "--team", "WE"]) == 1
    err = capsys.readouterr().err
    assert "row 2, column rank: unknown rank 'Chief'" in err


@pytest.mark.slow
def test_self_test_passes() -> None:
    result = rosterapp("--self-test")
    assert result.returncode == 0, result.stderr
    assert "self-test passed" in result.stdout
    assert "main window rendered" in result.stdout
