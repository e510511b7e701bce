"""The request commands a script relies on: list with its header (or a line saying
there is none), withdraw, and a leave year outside the dates rosterapp holds."""

from __future__ import annotations

import pytest

from rosterapp.cli.main import run
from rosterapp.storage import Database
from tests.factories import small_team


def test_list_withdraw_and_a_year_out_of_range(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db = Database.open(db_url)
    _, b, _c = small_team(db)
    db.close()
    base = ["--db", db_url]
    assert run([*base, "request", "list", "--team", "T1"]) == 0
    assert capsys.readouterr().out.strip() == "No requests for T1."
    add = ["request", "add", "--member", b.shoulder_number, "--kind", "rest-day"]
    assert run([*base, *add, "--from", "2026-12-08"]) == 0
    number = capsys.readouterr().out.split()[-1].lstrip("#")
    assert run([*base, "request", "list", "--team", "T1"]) == 0
    head, row = capsys.readouterr().out.strip().splitlines()
    assert head.split("\t") == [
        *("id", "status", "officer", "kind", "dates", "shift or partner", "asked"),
    ]
    assert row.startswith(f"#{number}\tpending\t{b.shoulder_number}\trest-day\t2026-12-08\t")
    assert run([*base, "request", "withdraw", number]) == 0
    assert capsys.readouterr().out.strip() == f"Request #{number} withdrawn"
    assert run([*base, "request", "withdraw", number]) == 1
    assert "only a pending one is withdrawn" in capsys.readouterr().err
    assert run([*base, "request", "list", "--team", "T1", "--status", "pending"]) == 0
    assert capsys.readouterr().out.strip() == "No pending requests for T1."
    with pytest.raises(SystemExit) as info:
        run([*base, "balances", "--team", "T1", "--year", "1800"])
    assert info.value.code == 2
    assert "1800-01-01 is outside the dates rosterapp accepts" in capsys.readouterr().err
