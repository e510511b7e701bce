"""`import roster` with over-long call signs names the file and every bad row, through
the command line, and writes nothing (issue 21, item 10)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from rosterapp.cli.main import run
from rosterapp.services.roster.grid import read_grid
from rosterapp.storage import Database
from tests.factories import small_team


def test_every_over_long_call_sign_is_named_with_file_and_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(tmp_path / "r.sqlite3")
    db = Database.open(path)
    small_team(db)
    db.close()
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["shoulder_number", "date", "shift", "call_sign"])
    ws.append(["100T1", "2026-12-08", "E", "CS1"])
    ws.append(["100T1", "2026-12-09", "E", "A" * 17])
    ws.append(["101T1", "2026-12-09", "L", "B" * 40])
    book = tmp_path / "week.xlsx"
    wb.save(book)
    assert run(["--db", path, "import", "roster", str(book)]) == 1
    err = capsys.readouterr().err
    assert "week.xlsx" in err and "2 problem(s)" in err
    assert "row 3, column call_sign" in err and "row 4, column call_sign" in err
    db = Database.open(path)
    assert read_grid(db, "T1", date(2026, 12, 8), date(2026, 12, 9)).cells == {}
    db.close()
