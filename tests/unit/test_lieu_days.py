"""Days in lieu: a bank holiday worked earns one, a day in lieu (DIL) gives one back —
by a request, an absence or a typed code — and giving back more than is owed is refused
with the numbers. The balances, the CLI and the HR workbook show all three figures.
SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from rosterapp.cli.main import run
from rosterapp.domain.enums import AbsenceKind
from rosterapp.domain.grid import CellEdit
from rosterapp.domain.requests import RequestKind, RequestStatus
from rosterapp.services.absences import add_absence, list_absences
from rosterapp.services.balances import team_balances
from rosterapp.services.errors import InvalidInput
from rosterapp.services.request_cancel import cancel_request
from rosterapp.services.request_decisions import Refused, decide, impact
from rosterapp.services.requests import NewRequest, add_request
from rosterapp.services.roster.edits import assign, set_cells
from rosterapp.services.roster.grid import read_grid
from rosterapp.storage import Database
from tests.factories import small_team

CHRISTMAS = date(2026, 12, 25)  # a bank holiday
BOXING_DAY = date(2026, 12, 28)  # its substitute day, a bank holiday too
LATER = date(2027, 1, 13)


def _lieu(db: Database, shoulder: str, year: int = 2026) -> tuple[int, int, int, int]:
    (b,) = [x for x in team_balances(db, "T1", year) if x.shoulder_number == shoulder]
    return b.bank_holidays_worked, b.lieu_carried, b.lieu_taken, b.days_in_lieu


def test_a_day_in_lieu_request_gives_back_a_day_owed_and_no_more(db: Database) -> None:
    _, b, *_ = small_team(db, n=6)
    sn = b.shoulder_number
    assign(db, sn, CHRISTMAS, "E", beat="SOH")
    assign(db, sn, LATER, "E", beat="SOH")
    assert _lieu(db, sn) == (1, 0, 0, 1)
    first = add_request(db, NewRequest(sn, RequestKind.LIEU, LATER))
    found = impact(db, first.id)
    assert (found.remaining_before, found.remaining_after, found.refusals) == (1, 0, [])
    decision = decide(db, first.id, approve=True, reason="for Christmas Day")
    assert decision.absence is not None and decision.absence.kind is AbsenceKind.DAY_IN_LIEU
    cell = read_grid(db, "T1", LATER, LATER).cell(b.id, LATER)
    assert cell is not None and (cell.code, cell.from_absence) == ("DIL", True)  # duty gone
    assert _lieu(db, sn) == (1, 0, 1, 0)
    # A second day is more than Christmas Day earned: refused, saying the numbers.
    again = add_request(db, NewRequest(sn, RequestKind.LIEU, date(2027, 1, 20)))
    with pytest.raises(Refused, match=rf"{sn} is owed 0 day\(s\) in lieu and asks for 1"):
        decide(db, again.id, approve=True)
    # Cancelled, the day is owed again and the second request goes through.
    cancel_request(db, first.id, reason="working after all")
    assert _lieu(db, sn) == (1, 0, 0, 1)
    assert decide(db, again.id, approve=True).request.status is RequestStatus.APPROVED


def test_a_typed_dil_or_an_absence_beyond_what_is_owed_is_refused(db: Database) -> None:
    _, b, *_ = small_team(db, n=6)
    sn = b.shoulder_number
    set_cells(db, "T1", [CellEdit(b.id, CHRISTMAS, "E", None), CellEdit(b.id, BOXING_DAY, "L")])
    set_cells(db, "T1", [CellEdit(b.id, LATER, "dil", None)])  # typed, as AL is
    assert _lieu(db, sn) == (2, 0, 1, 1)
    with pytest.raises(InvalidInput, match=r"is owed 2 day\(s\) in lieu .* giving back 3") as e:
        set_cells(
            db,
            "T1",
            [
                CellEdit(b.id, date(2027, 1, 14), "DIL", None),
                CellEdit(b.id, date(2027, 1, 15), "DIL"),
            ],
        )
    assert e.value.field == "shift"
    grid = read_grid(db, "T1", date(2027, 1, 14), date(2027, 1, 15))
    assert grid.cell(b.id, date(2027, 1, 14)) is None  # nothing of the paste was written
    assert grid.cell(b.id, date(2027, 1, 15)) is None
    with pytest.raises(InvalidInput, match="2 bank holiday"):
        add_absence(db, sn, AbsenceKind.DAY_IN_LIEU, date(2027, 2, 1), date(2027, 2, 2))
    assert list_absences(db, "T1", date(2027, 2, 1), date(2027, 2, 2)) == []
    add_absence(db, sn, AbsenceKind.DAY_IN_LIEU, date(2027, 2, 1), date(2027, 2, 1))
    assert _lieu(db, sn) == (2, 0, 2, 0)
    # Taking the bank holiday duty away leaves nothing to refuse on other edits.
    set_cells(db, "T1", [CellEdit(b.id, BOXING_DAY, None, None)])
    set_cells(db, "T1", [CellEdit(b.id, date(2027, 2, 3), "E", None)])
    assert _lieu(db, sn) == (1, 0, 2, -1)


def test_a_day_owed_in_march_is_given_back_in_the_next_leave_year(db: Database) -> None:
    _, b, *_ = small_team(db, n=6)
    sn = b.shoulder_number
    assign(db, sn, date(2027, 3, 29), "E")  # Easter Monday, three days before 1 April
    req = add_request(db, NewRequest(sn, RequestKind.LIEU, date(2027, 4, 6)))
    decide(db, req.id, approve=True)
    assert _lieu(db, sn, 2026) == (1, 0, 0, 1)  # owed at the year's end ...
    assert _lieu(db, sn, 2027) == (0, 1, 1, 0)  # ... carried in, and given back


def test_the_cli_and_the_hr_workbook_show_lieu_earned_given_back_and_owed(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import openpyxl

    db = Database.open(db_url)
    _, b, *_ = small_team(db, n=6)
    sn = b.shoulder_number
    assign(db, sn, CHRISTMAS, "E")
    assign(db, sn, BOXING_DAY, "E")
    db.close()
    base = ["--db", db_url]
    add = [*base, "request", "add", "--member", sn, "--kind", "lieu", "--from", "2027-01-13"]
    assert run(add) == 0
    rid = capsys.readouterr().out.strip()
    assert run([*base, "request", "decide", rid, "--approve"]) == 0
    capsys.readouterr()
    assert run([*base, "balances", "--team", "T1", "--year", "2026", "--json"]) == 0
    mine = {r["shoulder_number"]: r for r in json.loads(capsys.readouterr().out)}[sn]
    assert (mine["bank_holidays_worked"], mine["lieu_taken"], mine["days_in_lieu"]) == (2, 1, 1)
    assert run([*base, "balances", "--team", "T1", "--year", "2026"]) == 0
    head, *lines = capsys.readouterr().out.splitlines()
    mine_line = next(x for x in lines if x.startswith(sn))
    row = dict(zip(head.split("\t"), mine_line.split("\t"), strict=True))
    assert (row["BH worked"], row["lieu taken"], row["lieu owed"]) == ("2", "1", "1")
    out = tmp_path / "hr.xlsx"
    export = [*base, "export", "xlsx", "--team", "T1", "--from", "2027-01-11"]
    assert run([*export, "--to", "2027-01-17", "-o", str(out)]) == 0
    ws = openpyxl.load_workbook(out)["Balances"]
    header = [c.value for c in ws[1]]
    sheet = {
        r[0].value: dict(zip(header, (c.value for c in r), strict=True))
        for r in ws.iter_rows(min_row=2)
    }
    got = sheet[sn]
    assert (got["Bank holidays worked"], got["Days in lieu given back"]) == (2, 1)
    assert got["Days in lieu owed"] == 1
    summary = openpyxl.load_workbook(out)["Summary"]
    titles = [c.value for c in summary[1]]
    assert "Days in lieu taken" in titles


def test_an_older_database_gets_the_dil_code(db_url: str) -> None:
    from sqlalchemy import text

    from rosterapp.storage.engine import make_engine, resolve_url
    from rosterapp.storage.migrate import upgrade

    url = resolve_url(db_url)
    old = Database(url, make_engine(url))
    upgrade(old, "0017")
    with old.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO shift_type (code, name, kind, refreshment_minutes, colour, "
                "absence_kind, sort_order, active, version) VALUES ('AL', 'Annual leave', "
                "'absence', 0, '#c8efc8', 'annual_leave', 4, true, 1)"
            )
        )
    old.engine.dispose()
    new = Database.open(db_url)
    with new.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT code, absence_kind, sort_order FROM shift_type ORDER BY code")
        ).all()
    new.close()
    assert [tuple(r) for r in rows] == [("AL", "annual_leave", 4), ("DIL", "day_in_lieu", 5)]


def test_a_cancellation_is_undone_with_its_absence_unless_the_day_is_rostered_since(
    db: Database,
) -> None:
    from rosterapp.services.errors import Conflict
    from rosterapp.services.request_cancel import undo_cancel
    from rosterapp.services.request_decisions import undo_decision
    from rosterapp.services.requests import list_requests, withdraw_request

    _, b, c, *_ = small_team(db, n=6)
    assign(db, b.shoulder_number, CHRISTMAS, "E")
    lieu = add_request(db, NewRequest(b.shoulder_number, RequestKind.LIEU, LATER))
    decide(db, lieu.id, approve=True, reason="for Christmas Day")
    cancelled = cancel_request(db, lieu.id, reason="needed after all")
    assert cancelled.absence is not None and cancelled.previous is not None
    assert _lieu(db, b.shoulder_number) == (1, 0, 0, 1)
    again = undo_cancel(db, cancelled)
    assert again.status is RequestStatus.APPROVED and again.decision_reason == "for Christmas Day"
    assert _lieu(db, b.shoulder_number) == (1, 0, 1, 0)  # the day in lieu is back
    # Cancelled again, then the day rostered: the undo is refused and nothing moves.
    cancelled = cancel_request(db, lieu.id)
    assign(db, b.shoulder_number, LATER, "L")
    with pytest.raises(Conflict, match=r"rostered on Wed 13 Jan"):
        undo_cancel(db, cancelled)
    (row,) = [r for r in list_requests(db, "T1") if r.id == lieu.id]
    assert row.status is RequestStatus.CANCELLED
    assert list_absences(db, "T1", LATER, LATER) == []
    # A withdrawal is undone to pending.
    rd = add_request(db, NewRequest(c.shoulder_number, RequestKind.REST_DAY, LATER))
    from rosterapp.services.request_decisions import Decision

    gone = withdraw_request(db, rd.id)
    assert undo_decision(db, Decision(gone, [], None)).status is RequestStatus.PENDING


def test_days_in_lieu_are_imported_by_their_code(db: Database, tmp_path: Path) -> None:
    from rosterapp.services.request_import import import_requests
    from rosterapp.services.requests import list_requests

    _, b, *_ = small_team(db, n=6)
    asks = tmp_path / "asks.csv"
    asks.write_text(
        "shoulder_number,kind,from,to,shift,with_shoulder_number,note\n"
        f"{b.shoulder_number},DIL,2027-01-13,,,,for Christmas Day\n"
        f"{b.shoulder_number},day in lieu,2027-01-20,2027-01-21,,,\n",
        encoding="utf-8",
    )
    assert import_requests(db, asks).rows == 2
    assert [r.kind for r in list_requests(db, "T1")] == [RequestKind.LIEU, RequestKind.LIEU]
