"""Dates outside the window (1990–2100 unless ROSTERAPP_YEARS says otherwise) are refused
at every entry point, before anything is stored (issue 21, item 7)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from rosterapp.cli.main import run
from rosterapp.domain.enums import AbsenceKind
from rosterapp.domain.grid import CellEdit
from rosterapp.domain.requests import RequestKind
from rosterapp.importers.tabular import ImportFailed
from rosterapp.services.absences import add_absence
from rosterapp.services.errors import InvalidInput
from rosterapp.services.imports import import_roster
from rosterapp.services.periods import publish_period
from rosterapp.services.requests import NewRequest, add_blackout, add_request
from rosterapp.services.roster.edits import assign, set_cells
from rosterapp.services.roster.grid import read_grid
from rosterapp.storage import Database
from tests.factories import small_team

FAR = (date(1, 1, 1), date(9999, 12, 31), date(1989, 12, 31), date(2101, 1, 1))


@pytest.mark.parametrize("day", FAR)
def test_every_service_refuses_a_date_outside_the_window(sqlite_db: Database, day: date):
    a, *_ = small_team(sqlite_db)
    calls = [
        lambda: set_cells(sqlite_db, "T1", [CellEdit(a.id, day, "E")]),
        lambda: assign(sqlite_db, a.shoulder_number, day, "E"),
        lambda: publish_period(sqlite_db, "T1", day, day),
        lambda: add_request(sqlite_db, NewRequest(a.shoulder_number, RequestKind.LEAVE, day)),
        lambda: add_absence(sqlite_db, a.shoulder_number, AbsenceKind.ANNUAL_LEAVE, day, day),
        lambda: add_blackout(sqlite_db, "T1", day, day, "Carnival"),
    ]
    for call in calls:
        with pytest.raises(InvalidInput, match="outside the dates rosterapp accepts"):
            call()


def test_the_window_is_a_setting(sqlite_db: Database, monkeypatch: pytest.MonkeyPatch):
    a, *_ = small_team(sqlite_db)
    monkeypatch.setenv("ROSTERAPP_YEARS", "2000-2030")
    with pytest.raises(InvalidInput, match="2000–2030"):
        assign(sqlite_db, a.shoulder_number, date(2031, 1, 6), "E")
    monkeypatch.setenv("ROSTERAPP_YEARS", "1-9999")  # nonsense: the default stays
    with pytest.raises(InvalidInput, match="1990–2100"):
        assign(sqlite_db, a.shoulder_number, date(2101, 1, 6), "E")


@pytest.mark.parametrize(
    "args",
    [
        ["assign", "--member", "100T1", "--date", "0001-01-01", "--shift", "E"],
        ["publish", "--team", "T1", "--from", "9999-12-31", "--to", "9999-12-31"],
        ["check", "--team", "T1", "--from", "2026-12-07", "--to", "9999-12-31"],
    ],
)
def test_cli_dates_outside_the_window_are_usage_errors(
    tmp_path: Path, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        run(["--db", str(tmp_path / "r.sqlite3"), *args])
    assert stop.value.code == 2
    assert "outside the dates rosterapp accepts" in capsys.readouterr().err


def test_import_roster_names_every_row_outside_the_window(sqlite_db: Database, tmp_path: Path):
    small_team(sqlite_db)
    csv = tmp_path / "roster.csv"
    csv.write_text(
        "shoulder_number,date,shift\n100T1,2026-12-07,E\n100T1,0001-01-01,E\n101T1,31/12/9999,L\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportFailed) as failed:
        import_roster(sqlite_db, csv)
    text = str(failed.value) + " ".join(str(e) for e in failed.value.errors)
    assert "row 3" in text and "row 4" in text and "outside the dates" in text
    assert read_grid(sqlite_db, "T1", date(2026, 12, 7), date(2026, 12, 7)).cells == {}
