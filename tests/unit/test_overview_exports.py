"""The overview workbook and one-page PDF, and the NPG return: reopened and read back."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from rosterapp.domain.enums import AbsenceKind, AbstractionCategory
from rosterapp.domain.grid import CellEdit
from rosterapp.services.absences import add_absence
from rosterapp.services.errors import InvalidInput
from rosterapp.services.exporting import export_npg, export_overview
from rosterapp.services.members import update_member
from rosterapp.services.roster.edits import set_cells
from rosterapp.services.teams import update_team_settings
from rosterapp.storage import Database
from tests.factories import member_input, small_team

MON = date(2026, 12, 7)


def _team(db: Database) -> None:
    people = small_team(db, "T1", 3)
    update_member(db, people[1].id, member_input(people[1], first_name='=HYPERLINK("x")'))
    update_team_settings(db, "T1", protective_marking="OFFICIAL & SENSITIVE")
    edits = [CellEdit(m.id, MON + timedelta(days=i), "E", "OXF") for m in people for i in range(4)]
    set_cells(db, "T1", edits)
    add_absence(
        db,
        people[1].shoulder_number,
        AbsenceKind.AID,
        MON + timedelta(4),
        MON + timedelta(4),
        category=AbstractionCategory.CENTRAL_AID,
    )
    set_cells(db, "T1", [CellEdit(people[2].id, MON + timedelta(days=4), "TR")])


def test_npg_return_per_ward_and_officer(db: Database, tmp_path: Path) -> None:
    _team(db)
    out = export_npg(db, MON, MON + timedelta(days=6), tmp_path / "npg.xlsx")
    wb = load_workbook(out)
    assert wb.sheetnames == ["Wards", "Officers", "About"]
    wards = list(wb["Wards"].iter_rows(values_only=True))
    assert wards[0][:6] == (
        "Team",
        "Team name",
        "Ward",
        "Beat",
        "Dedicated ward officers",
        "Duties",
    )
    [oxf] = [r for r in wards[1:] if r[3] == "OXF"]
    # 3 DWOs, 12 duties; 1 central aid (recorded), 1 training (typed: mandatory).
    assert oxf[4:12] == (3, 12, 1, 0, 1, 0, 2, round(100 * 2 / 14, 1))
    officers = wb["Officers"]
    names = [c for c in officers["D"] if c.value and str(c.value).startswith("=")]
    assert names and all(c.data_type == "s" for c in names)  # a name, never a formula
    assert officers.oddHeader.center.text == "OFFICIAL && SENSITIVE"
    assert wb["Wards"].freeze_panes == "D2" and wb["Wards"].auto_filter.ref


def test_overview_workbook_and_one_page_pdf(db: Database, tmp_path: Path) -> None:
    _team(db)
    end = MON + timedelta(days=6)
    wb = load_workbook(export_overview(db, MON, end, tmp_path / "ov.xlsx"))
    assert wb.sheetnames == ["Teams", "Strength", "Shortfalls", "Wards", "Hotspots", "About"]
    teams = list(wb["Teams"].iter_rows(values_only=True))
    assert teams[1][:2] == ("T1", "Team T1")
    pdf = PdfReader(export_overview(db, MON, end, tmp_path / "ov.pdf"))
    assert len(pdf.pages) == 1
    text = pdf.pages[0].extract_text()
    assert "Inspector's overview: Mon 07 Dec 2026" in text and "Team T1 (T1)" in text
    assert "OFFICIAL & SENSITIVE" in text


def test_a_month_of_many_teams_stays_on_one_page(demo_db: Database, tmp_path: Path) -> None:
    out = export_overview(demo_db, date(2026, 12, 1), date(2026, 12, 31), tmp_path / "m.pdf")
    assert len(PdfReader(out).pages) == 1


def test_export_names_a_wrong_file_type(db: Database, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match=r"a \.xlsx or \.pdf file"):
        export_overview(db, MON, MON, tmp_path / "ov.csv")
    with pytest.raises(InvalidInput, match=r"a \.xlsx file"):
        export_npg(db, MON, MON, tmp_path / "npg.pdf")
    assert not list(tmp_path.glob("ov*")) and not list(tmp_path.glob("npg*"))
