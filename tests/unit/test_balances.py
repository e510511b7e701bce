"""Balances (Annex O entitlement, pro rata, taken/booked/pending, lieu, overtime) and
the request commands and import, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from rosterapp.cli.main import run
from rosterapp.domain.enums import AbsenceKind
from rosterapp.domain.requests import RequestKind, annex_o_days, leave_year, pro_rata, service_years
from rosterapp.domain.tables import Member, RosterRequest
from rosterapp.importers.tabular import ImportFailed
from rosterapp.services.absences import add_absence
from rosterapp.services.balances import team_balances
from rosterapp.services.request_import import import_requests
from rosterapp.services.requests import NewRequest, add_request
from rosterapp.storage import Database
from tests.factories import small_team


def test_annex_o_bands_and_the_leave_year() -> None:
    assert [annex_o_days(y) for y in (0, 1, 2, 9, 10, 15, 19, 20, 35)] == [
        22,
        22,
        25,
        25,
        27,
        28,
        28,
        30,
        30,
    ]
    assert service_years(date(2016, 4, 2), date(2026, 4, 1)) == 9
    assert service_years(date(2016, 4, 1), date(2026, 4, 1)) == 10
    assert leave_year(date(2027, 3, 31), 4) == (date(2026, 4, 1), date(2027, 3, 31))
    assert leave_year(date(2027, 4, 1), 4) == (date(2027, 4, 1), date(2028, 3, 31))
    assert leave_year(date(2027, 6, 1), 1) == (date(2027, 1, 1), date(2027, 12, 31))
    year = (date(2026, 4, 1), date(2027, 3, 31))
    assert pro_rata(25, 20, year, None, None) == 12.5  # half-time
    # joined 1 October: 182 of 365 days of 22, rounded up to the half day
    assert pro_rata(22, 40, year, date(2026, 10, 1), None) == 11.0


def _set(db: Database, shoulder: str, **values: object) -> None:
    with db.session(write=True) as s:
        m = s.exec(select(Member).where(Member.shoulder_number == shoulder)).one()
        for k, v in values.items():
            setattr(m, k, v)
        s.add(m)


def test_balances_across_a_leave_year_boundary_and_part_time(db: Database) -> None:
    _, b, c = small_team(db)
    _set(db, b.shoulder_number, service_start=date(2010, 1, 1))  # 16 years: 28 days
    _set(db, c.shoulder_number, service_start=date(2025, 1, 1), contracted_hours=24.0)
    # Leave over the boundary: 30 and 31 March in 2026-27, 1–3 April in 2027-28.
    add_absence(
        db, b.shoulder_number, AbsenceKind.ANNUAL_LEAVE, date(2027, 3, 30), date(2027, 4, 3)
    )
    add_request(
        db, NewRequest(c.shoulder_number, RequestKind.LEAVE, date(2026, 12, 28), date(2026, 12, 29))
    )
    today = date(2027, 3, 30)
    this = {x.shoulder_number: x for x in team_balances(db, "T1", 2026, today=today)}
    nxt = {x.shoulder_number: x for x in team_balances(db, "T1", 2027, today=today)}
    assert (this[b.shoulder_number].entitlement, this[b.shoulder_number].taken) == (28, 1)
    assert this[b.shoulder_number].booked == 1 and this[b.shoulder_number].remaining == 26
    assert nxt[b.shoulder_number].booked == 3 and nxt[b.shoulder_number].taken == 0
    assert this[c.shoulder_number].entitlement == 13.5  # 22 days at 24 of 40 hours
    assert this[c.shoulder_number].pending == 2


def test_leave_and_toil_typed_into_the_grid_count_like_recorded_absences(db: Database) -> None:
    """A sergeant who types AL or TOIL into a cell has given that day off: the balance
    counts it, and a day both typed and recorded as an absence counts once."""
    from rosterapp.services.roster.edits import assign

    _, b, _c = small_team(db)
    _set(db, b.shoulder_number, service_start=date(2010, 1, 1))  # 28 days
    sn = b.shoulder_number
    assign(db, sn, date(2026, 12, 1), "AL")
    assign(db, sn, date(2026, 12, 2), "AL")
    add_absence(db, sn, AbsenceKind.ANNUAL_LEAVE, date(2026, 12, 2), date(2026, 12, 3))
    assign(db, sn, date(2027, 1, 20), "AL")
    assign(db, sn, date(2026, 12, 10), "TOIL")
    today = date(2026, 12, 15)
    mine = {x.shoulder_number: x for x in team_balances(db, "T1", 2026, today=today)}[sn]
    assert (mine.taken, mine.booked) == (3, 1)  # 1, 2 (typed and recorded) and 3 Dec; 20 Jan
    assert mine.remaining == 24
    assert mine.toil_hours == 8


def test_unused_leave_is_carried_over_up_to_the_teams_limit(db: Database) -> None:
    from rosterapp.services.teams import update_team_settings

    a, b, _c = small_team(db)
    _set(db, b.shoulder_number, service_start=date(2010, 1, 1))  # 28 days a year
    # 2025-26: 25 of 28 days taken, so 3 left; 2026-27 starts with them (limit 5).
    add_absence(
        db, b.shoulder_number, AbsenceKind.ANNUAL_LEAVE, date(2025, 5, 1), date(2025, 5, 25)
    )
    today = date(2026, 6, 1)
    mine = {x.shoulder_number: x for x in team_balances(db, "T1", 2026, today=today)}
    assert mine[b.shoulder_number].carried_over == 3
    assert mine[b.shoulder_number].remaining == 31
    # Nothing of that year is held for this member: their leave then is not known.
    assert mine[a.shoulder_number].carried_over == 0
    update_team_settings(db, "T1", leave_carry_over_days=2.0, leave_year_start_month=1)
    capped = {x.shoulder_number: x for x in team_balances(db, "T1", 2026, today=today)}
    assert capped[b.shoulder_number].year_start == date(2026, 1, 1)
    assert capped[b.shoulder_number].carried_over == 2  # the smaller limit


def test_a_rest_day_worked_is_owed_until_a_replacement_is_rostered(db: Database) -> None:
    from datetime import UTC, datetime, timedelta

    from rosterapp.domain.grid import CellEdit
    from rosterapp.services.checks import check_team
    from rosterapp.services.periods import publish_period
    from rosterapp.services.roster.edits import set_cells

    _, b, _c = small_team(db)
    mon = date(2027, 1, 4)
    week = ["E", "E", "E", "E", "E", "RD", "RD"]
    set_cells(
        db, "T1", [CellEdit(b.id, mon + timedelta(days=i), c, None) for i, c in enumerate(week * 2)]
    )
    publish_period(db, "T1", mon - timedelta(days=7), mon + timedelta(days=13))
    told = datetime(2026, 12, 10, 9, tzinfo=UTC)  # 24 clear days before Saturday's rest day
    sat = mon + timedelta(days=5)
    set_cells(db, "T1", [CellEdit(b.id, sat, "E", None)], told_at=told)
    owed = {x.shoulder_number: x for x in team_balances(db, "T1", 2026, today=mon)}
    assert owed[b.shoulder_number].rest_days_owed == 1
    due = [
        f
        for f in check_team(db, "T1", mon, mon + timedelta(days=13)).findings
        if f.rule == "rest-day-owed"
    ]
    assert [(f.member_id, f.day) for f in due] == [(b.id, sat + timedelta(days=4))]
    # The following Tuesday's duty becomes the replacement rest day.
    set_cells(db, "T1", [CellEdit(b.id, sat + timedelta(days=3), "RD", None)], told_at=told)
    given = {x.shoulder_number: x for x in team_balances(db, "T1", 2026, today=mon)}
    assert given[b.shoulder_number].rest_days_owed == 0
    assert not [
        f
        for f in check_team(db, "T1", mon, mon + timedelta(days=13)).findings
        if f.rule == "rest-day-owed"
    ]


def test_request_commands_and_refusal_exit_1(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db = Database.open(db_url)
    _, b, _c = small_team(db)
    db.close()
    day = "2026-12-07"
    base = ["--db", db_url]
    assert (
        run(
            [
                *base,
                "request",
                "add",
                "--member",
                b.shoulder_number,
                "--kind",
                "leave",
                "--from",
                day,
                "--to",
                "2026-12-08",
            ]
        )
        == 0
    )
    rid = int(capsys.readouterr().out.strip())
    assert run([*base, "request", "list", "--team", "T1", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(r["id"], r["status"], r["kind"]) for r in listed] == [(rid, "pending", "leave")]
    # 1 of 3 on leave is over the 20 % limit: refused in one line, then overridden.
    assert run([*base, "request", "decide", str(rid), "--approve"]) == 1
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "override reason" in err
    assert run([*base, "request", "decide", str(rid), "--approve", "--override", "agreed"]) == 0
    assert "approved" in capsys.readouterr().out
    assert run([*base, "balances", "--team", "T1", "--year", "2026", "--json"]) == 0
    rows = {r["shoulder_number"]: r for r in json.loads(capsys.readouterr().out)}
    assert set(rows[b.shoulder_number]) >= {
        "entitlement",
        "carried_over",
        "taken",
        "booked",
        "pending",
        "remaining",
        "days_in_lieu",
        "rest_days_owed",
        "toil_hours",
        "overtime_hours",
    }
    assert rows[b.shoulder_number]["taken"] + rows[b.shoulder_number]["booked"] == 2


def test_import_requests_is_all_or_nothing_naming_every_bad_row(
    db: Database, tmp_path: Path
) -> None:
    _, b, c = small_team(db)
    bad = tmp_path / "requests.csv"
    bad.write_text(
        "shoulder_number,kind,from,to,shift,with_shoulder_number,note\n"
        f"{b.shoulder_number},leave,2026-12-07,2026-12-09,,,\n"
        f"{b.shoulder_number},holiday,2026-12-07,,,,\n"
        f"{c.shoulder_number},shift,2026-12-08,,XX,,\n"
        f"999ZZ,rest-day,2026-12-08,,,,\n"
        f"{c.shoulder_number},swap,2026-12-10,,,{b.shoulder_number},\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportFailed) as info:
        import_requests(db, bad)
    assert [(e.row, e.column) for e in info.value.errors] == [
        (3, "kind"),
        (4, "shift"),
        (5, "shoulder_number"),
    ]
    with db.session() as s:
        assert s.exec(select(RosterRequest)).all() == []
    good = tmp_path / "good.csv"
    good.write_text(
        "\n".join(bad.read_text().splitlines()[0:2] + bad.read_text().splitlines()[5:]) + "\n"
    )
    assert import_requests(db, good).rows == 2


def test_hr_workbook_has_a_balances_sheet_with_real_numbers(
    sqlite_db: Database, tmp_path: Path
) -> None:
    import openpyxl

    from rosterapp.services.exporting import export_xlsx

    _, b, _ = small_team(sqlite_db)
    _set(sqlite_db, b.shoulder_number, service_start=date(2005, 6, 1))  # 21 years: 30 days
    add_absence(
        sqlite_db, b.shoulder_number, AbsenceKind.ANNUAL_LEAVE, date(2026, 12, 7), date(2026, 12, 9)
    )
    out = export_xlsx(sqlite_db, "T1", date(2026, 12, 7), date(2026, 12, 13), tmp_path / "hr.xlsx")
    ws = openpyxl.load_workbook(out)["Balances"]
    header = [c.value for c in ws[1]]
    rows = {
        r[0].value: dict(zip(header, (c.value for c in r), strict=True))
        for r in ws.iter_rows(min_row=2)
    }
    row = rows[b.shoulder_number]
    assert row["Entitlement (days)"] == 30
    assert row["Taken"] + row["Booked"] == 3 and row["Remaining"] == 27
    assert row["Leave year from"].date() == date(2026, 4, 1)
