from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from sqlmodel import select

from rosterapp.domain.tables import Assignment, Member
from rosterapp.importers.tabular import ImportFailed
from rosterapp.services.imports import import_members, import_roster
from rosterapp.services.roster.grid import read_grid
from rosterapp.storage import Database
from tests.factories import small_team

HEADER = "shoulder_number,staff_number,first_name,last_name,rank,team,role,skills,contracted_hours"
GOOD = [
    "2001CW,880001,Łukasz,Wójcik,PC,T1,DWO,driver;taser:2027-03-31,40",
    "2002CW,880002,Zoë,O'Brien,PCSO,T1,Ward PCSO,,37.5",
    "2003CW,880003,Ayşe,Yılmaz,Sergeant,T1,,first-aid,40",
]


def write(path: Path, lines: list[str], encoding: str = "utf-8") -> Path:
    path.write_text("\n".join(lines) + "\n", encoding=encoding)
    return path


def member_count(db: Database) -> int:
    with db.session() as s:
        return len(s.exec(select(Member)).all())


def test_members_csv_with_bom_and_semicolons(db: Database, tmp_path: Path) -> None:
    small_team(db)
    lines = [HEADER.replace(",", ";")] + [g.replace(",", ";") for g in GOOD]
    path = tmp_path / "m.csv"
    path.write_bytes(b"\xef\xbb\xbf" + "\n".join(lines).encode())
    # semicolon files keep their own skills separator inside a quoted field
    path.write_bytes(
        path.read_bytes().replace(b"driver;taser:2027-03-31", b'"driver;taser:2027-03-31"')
    )
    assert import_members(db, path).rows == 3
    with db.session() as s:
        m = s.exec(select(Member).where(Member.shoulder_number == "2001CW")).one()
        assert (m.first_name, m.last_name, m.rank.value) == ("Łukasz", "Wójcik", "pc")


def test_members_xlsx(db: Database, tmp_path: Path) -> None:
    small_team(db)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER.upper().split(","))  # header names are case-insensitive
    for g in GOOD:
        ws.append(g.split(","))
    path = tmp_path / "m.xlsx"
    wb.save(path)
    assert import_members(db, path).rows == 3


def test_dry_run_writes_nothing(db: Database, tmp_path: Path) -> None:
    small_team(db)
    result = import_members(db, write(tmp_path / "m.csv", [HEADER, *GOOD]), dry_run=True)
    assert (result.rows, result.written) == (3, False)
    assert member_count(db) == 3


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (["2001CW,880001,A,B,Chief,T1,,,40"], "row 3, column rank: unknown rank 'Chief'"),
        (["2001CW,880001,A,B,PC,T1,,,forty"], "row 3, column contracted_hours"),
        (["2001CW,880001,A,B,PC,T1,,taser:2027-02-30,40"], "row 3, column skills"),
        (["2001CW,880001,A,B,PC,T9,,,40"], "row 3, column team: no team 'T9'"),
        (
            [GOOD[0], GOOD[0].replace("880001", "880009")],
            "row 4, column shoulder_number: 2001CW is also on row 3",
        ),
        (["100T1,880001,A,B,PC,T1,,,40"], "already belongs to a member in the database"),
        (["2001CW,880001,,B,PC,T1,,,40"], "first name is required"),
    ],
)
def test_bad_rows_are_reported_and_nothing_is_written(
    db: Database, tmp_path: Path, rows: list[str], message: str
) -> None:
    small_team(db)
    path = write(tmp_path / "m.csv", [HEADER, GOOD[2], *rows])
    with pytest.raises(ImportFailed, match=message.replace("(", r"\(")):
        import_members(db, path)
    assert member_count(db) == 3


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"shoulder_number,first_name\n1,A\n", "missing column"),
        (HEADER.encode() + b"\n", "no rows"),
        (HEADER.encode() + b",rank\n", "appears twice"),
        ((HEADER + "\n2001CW,880001,Ren\xe9e,B,PC,T1,,,40\n").encode("latin-1"), "not UTF-8"),
        (b"\x00\x01\x02binary", "NUL"),
    ],
)
def test_bad_files_get_a_clear_message(
    db: Database, tmp_path: Path, content: bytes, message: str
) -> None:
    small_team(db)
    path = tmp_path / "m.csv"
    path.write_bytes(content)
    with pytest.raises(ImportFailed, match=message):
        import_members(db, path)


def test_not_a_workbook(tmp_path: Path, sqlite_db: Database) -> None:
    path = tmp_path / "m.xlsx"
    path.write_text("not a zip")
    with pytest.raises(ImportFailed, match="not a readable Excel workbook"):
        import_members(sqlite_db, path, team="T1")


def test_roster_import_all_or_nothing(db: Database, tmp_path: Path) -> None:
    members = small_team(db)
    good = write(
        tmp_path / "r.csv",
        [
            "shoulder_number,date,shift,beat,note",
            f'{members[0].shoulder_number},2026-12-07,E,SOH,=HYPERLINK("x")',
            f"{members[1].shoulder_number},07/12/2026,rd,,",
        ],
    )
    assert import_roster(db, good).rows == 2
    from datetime import date

    cell = read_grid(db, "T1", date(2026, 12, 7), date(2026, 12, 7)).cell(
        members[0].id, date(2026, 12, 7)
    )
    assert cell is not None and cell.note == '=HYPERLINK("x")'
    bad = write(
        tmp_path / "bad.csv",
        [
            "shoulder_number,date,shift",
            f"{members[2].shoulder_number},2026-12-08,E",
            "9999XX,2026-12-08,E",
            f"{members[2].shoulder_number},2026-02-30,E",
            f"{members[2].shoulder_number},2026-12-09,QQ",
            f"{members[2].shoulder_number},2026-12-08,L",
        ],
    )
    with pytest.raises(ImportFailed) as info:
        import_roster(db, bad)
    text = str(info.value)
    assert "row 3, column shoulder_number" in text
    assert "row 4, column date" in text
    assert "row 5, column shift: unknown code 'QQ'" in text
    assert "row 6, column date" in text and "also on row 2" in text
    with db.session() as s:
        assert len(s.exec(select(Assignment)).all()) == 2


def test_the_members_parser_names_every_bad_cell_without_a_database(tmp_path: Path) -> None:
    from rosterapp.importers.members import parse_members

    path = write(
        tmp_path / "m.csv",
        [
            HEADER + ",wtr_opt_out,start_date",
            GOOD[0] + ",yes,2026-01-05",
            "2004CW,880004,A,B,Chief,T1,,taser:2027-02-30,40,maybe,",
        ],
    )
    rows, errors = parse_members(path, team_column=True)
    assert [n for n, _ in rows] == [2]
    (_, row) = rows[0]
    assert row.wtr_opt_out and row.start_date is not None and row.skills[1].name == "taser"
    assert [(e.row, e.column) for e in errors] == [
        (3, "rank"),
        (3, "skills"),
        (3, "wtr_opt_out"),
    ]
    assert errors[0].message.startswith("unknown rank 'Chief'")


def test_the_opt_out_date_is_read_and_needs_the_opt_out(tmp_path: Path) -> None:
    from rosterapp.importers.members import parse_members

    path = write(
        tmp_path / "m.csv",
        [
            HEADER + ",wtr_opt_out,wtr_opt_out_since",
            GOOD[0] + ",yes,2026-03-02",
            GOOD[1] + ",no,2026-03-02",
        ],
    )
    rows, errors = parse_members(path, team_column=True)
    assert [(n, r.wtr_opt_out_since) for n, r in rows] == [(2, date(2026, 3, 2))]
    assert [(e.row, e.column) for e in errors] == [(3, "wtr_opt_out_since")]
    assert "needs wtr_opt_out set to yes" in errors[0].message


def test_every_bad_roster_row_is_named(db: Database, tmp_path: Path) -> None:
    members = small_team(db)
    sn = members[0].shoulder_number
    bad = write(
        tmp_path / "bad.csv",
        [
            "shoulder_number,date,shift,beat,call_sign",
            f"{sn},2026-12-08,RD,SOH,",
            f"{sn},2026-12-09,E,NOPE,",
            f"{sn},1999-12-09,E,,",
            f"{sn},2026-12-10,E,,{'X' * 17}",
        ],
    )
    with pytest.raises(ImportFailed) as info:
        import_roster(db, bad)
    assert [(e.row, e.column) for e in info.value.errors] == [
        (2, "beat"),
        (3, "beat"),
        (4, "date"),
        (5, "call_sign"),
    ]


PLANNING = HEADER + ",usual_beat,no_nights,max_late_lates,days_not_worked"


def test_members_import_carries_the_planning_fields(db: Database, tmp_path: Path) -> None:
    from rosterapp.services.members import get_member

    small_team(db)
    rows = [
        GOOD[0] + ",SOH,yes,2,",
        GOOD[1] + ",oxf,,,Sat;Sun",
        GOOD[2] + ",,no,,",
    ]
    assert import_members(db, write(tmp_path / "m.csv", [PLANNING, *rows])).rows == 3
    a, b, c = (get_member(db, sn) for sn in ("2001CW", "2002CW", "2003CW"))
    assert (a.no_nights, a.max_late_lates, a.free_days) == (True, 2, 0)
    assert b.free_days == 1 << 5 | 1 << 6 and not b.no_nights
    assert a.usual_beat_id is not None and b.usual_beat_id not in (None, a.usual_beat_id)
    assert c.usual_beat_id is None


def test_members_import_names_bad_planning_cells(db: Database, tmp_path: Path) -> None:
    small_team(db)
    before = member_count(db)
    rows = [GOOD[0] + ",XYZ,,,", GOOD[1] + ",,maybe,,", GOOD[2] + ",,,,Funday"]
    with pytest.raises(ImportFailed) as failed:
        import_members(db, write(tmp_path / "m.csv", [PLANNING, *rows]))
    where = {(e.row, e.column) for e in failed.value.errors}
    assert where == {(2, "usual_beat"), (3, "no_nights"), (4, "days_not_worked")}
    assert member_count(db) == before
