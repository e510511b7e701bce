"""Reading CSV files as spreadsheets save them: comma or semicolon, quoted or not."""

from __future__ import annotations

from pathlib import Path

import pytest

from rosterapp.importers.tabular import ImportFailed, read_table

ROSTER = ({"shoulder_number", "date", "shift"}, {"beat", "note"})
MEMBERS = (
    {"shoulder_number", "staff_number", "first_name", "last_name", "rank", "contracted_hours"},
    {"skills", "role"},
)


def table(tmp_path: Path, text: str, columns: tuple[set[str], set[str]] = ROSTER):  # type: ignore[no-untyped-def]
    path = tmp_path / "file.csv"
    path.write_text(text, encoding="utf-8")
    return read_table(path, *columns)


def test_semicolon_file_with_commas_inside_quoted_notes(tmp_path: Path) -> None:
    # Excel in a comma-decimal locale saves "CSV" like this.
    t = table(
        tmp_path,
        "shoulder_number;date;shift;beat;note\n"
        '1234CW;07/12/2026;E;SOH;"Meet at Soho, then Oxford St, 07:30"\n'
        "1235CW;08/12/2026;L;;\n",
    )
    assert t.columns == ["shoulder_number", "date", "shift", "beat", "note"]
    assert t.rows[0] == (
        2,
        {
            "shoulder_number": "1234CW",
            "date": "07/12/2026",
            "shift": "E",
            "beat": "SOH",
            "note": "Meet at Soho, then Oxford St, 07:30",
        },
    )
    assert t.rows[1][1]["shift"] == "L" and t.rows[1][1]["note"] == ""


def test_semicolon_file_keeps_quoted_semicolons_in_skills(tmp_path: Path) -> None:
    t = table(
        tmp_path,
        "shoulder_number;staff_number;first_name;last_name;rank;skills;contracted_hours\n"
        '2001CW;880001;Zoë;O\'Brien;PC;"driver;taser:2027-03-31";37,5\n',
        MEMBERS,
    )
    row = t.rows[0][1]
    assert row["skills"] == "driver;taser:2027-03-31" and row["contracted_hours"] == "37,5"
    assert row["last_name"] == "O'Brien"


def test_comma_file_with_unquoted_semicolons_in_every_row(tmp_path: Path) -> None:
    # More semicolons than commas in the rows must not turn the file into one column.
    t = table(
        tmp_path,
        "shoulder_number,staff_number,first_name,last_name,rank,skills,contracted_hours\n"
        "2001CW,880001,Gerard,'t Hooft,PC,driver;taser;first-aid;public-order,40\n"
        "2002CW,880002,Siobhán,O'Neill,PC,driver;taser;first-aid;cycle,40\n",
        MEMBERS,
    )
    assert [r["last_name"] for _, r in t.rows] == ["'t Hooft", "O'Neill"]
    assert t.rows[1][1]["skills"] == "driver;taser;first-aid;cycle"


def test_one_column_file_says_which_columns_are_missing(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match=r"missing column\(s\) date, shift"):
        table(tmp_path, "shoulder_number\n1234CW\n1235CW\n")


def test_extra_values_on_a_semicolon_row_name_the_row(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match="row 3: 5 values but 3 columns"):
        table(tmp_path, "shoulder_number;date;shift\n1234CW;2026-12-07;E\n1235CW;x;E;SOH;late\n")
