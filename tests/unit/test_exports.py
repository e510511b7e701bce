from __future__ import annotations

import os
from datetime import date, datetime, time, timedelta
from pathlib import Path

import openpyxl
import pytest
from icalendar import Calendar
from pypdf import PdfReader

from rosterapp.cli.main import run
from rosterapp.domain.enums import AbsenceKind, Rank
from rosterapp.domain.grid import CellEdit
from rosterapp.exports.files import ExportError
from rosterapp.services.absences import add_absence
from rosterapp.services.briefing_items import add_item
from rosterapp.services.exporting import export_briefing, export_ics, export_roster_pdf, export_xlsx
from rosterapp.services.members import MemberInput, create_member
from rosterapp.services.roster.edits import set_cells
from rosterapp.storage import Database
from tests.factories import small_team

MON = date(2026, 12, 7)
HOSTILE = [
    ('=HYPERLINK("http://x")', "Smith"),
    ("+44 7700", "-900"),
    ("@SUM(A1)", "Jones"),
    ("<b>Bold</b> & <i>co</i>", "O'Brien"),
    ("Νίκος", "Παπαδόπουλος"),
    ("Дмитрий", "Иванов"),
    ("Zoë", "Ní Bhriain"),
    ("Ł" * 60, "Ğ" * 60),
]


@pytest.fixture
def hostile(sqlite_db: Database) -> tuple[Database, list[int]]:
    small_team(sqlite_db)
    ids = []
    for i, (first, last) in enumerate(HOSTILE):
        m = create_member(
            sqlite_db,
            "T1",
            MemberInput(
                f"{500 + i}T1",
                f"5{i:04d}",
                first,
                last,
                Rank.PC,
                role="DWO",
                start_date=date(2020, 1, 1),
            ),
        )
        ids.append(m.id)
    edits = []
    for k, mid in enumerate(ids):
        for d in range(7):
            code = "RD" if d in (5, 6) else ("E" if k % 2 else "L")
            edits.append(
                CellEdit(
                    mid,
                    MON + timedelta(days=d),
                    code,
                    "SOH" if code != "RD" else None,
                    note="=cmd|' /C calc'!A0" if d == 0 else None,
                )
            )
    set_cells(sqlite_db, "T1", edits)
    add_absence(sqlite_db, "101T1", AbsenceKind.SICK, MON, MON + timedelta(days=1))
    from rosterapp.services.teams import update_team_settings

    update_team_settings(sqlite_db, "T1", name="=1+1 Team")  # even the team's name
    add_item(
        sqlite_db,
        "T1",
        MON,
        MON + timedelta(days=6),
        "<script>alert(1)</script> & patrol",
        shifts=("L",),
        beat="SOH",
        priority=1,
    )
    return sqlite_db, ids


def test_workbook_types_totals_and_no_formulas_from_users(hostile, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, _ = hostile
    out = export_xlsx(db, "T1", MON, MON + timedelta(days=6), tmp_path / "hr.xlsx")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Timesheet", "Summary", "Roster", "Balances", "About"]
    ts = wb["Timesheet"]
    header = [c.value for c in ts[1]]
    rows = [dict(zip(header, (c.value for c in r), strict=True)) for r in ts.iter_rows(min_row=2)]
    assert len(rows) == (3 + len(HOSTILE)) * 7
    assert all(isinstance(r["Date"], datetime) for r in rows)
    assert all(isinstance(r["Paid hours"], int | float) for r in rows)
    starts = [r["Start"] for r in rows if r["Code"] == "L"]
    assert starts and all(s == time(15) for s in starts)
    assert sum(r["Paid hours"] for r in rows) == len(HOSTILE) * 5 * 8
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f" and not str(c.value).startswith("=SUM("):
                    pytest.fail(f"{ws.title}!{c.coordinate} became a formula: {c.value}")
    names = {r["Name"] for r in rows}
    assert '=HYPERLINK("http://x") Smith' in names and "Νίκος Παπαδόπουλος" in names
    assert "Timesheet" in ts.tables
    assert ts.freeze_panes == "D2"
    summary = wb["Summary"]
    total_row = [c.value for c in summary[summary.max_row]]
    assert total_row[2] == "Total" and total_row[4].startswith("=SUM(E2:E")
    roster = wb["Roster"]
    assert roster.oddHeader.center.text == "OFFICIAL-SENSITIVE"
    assert roster.oddFooter.center.text == "OFFICIAL-SENSITIVE"
    assert roster.page_setup.orientation == "landscape"
    assert roster.sheet_properties.pageSetUpPr.fitToPage
    assert roster.print_title_rows == "$4:$4"


def test_clock_change_hours_are_real(sqlite_db: Database, tmp_path: Path) -> None:
    a, *_ = small_team(sqlite_db)
    sat = date(2026, 10, 24)  # clocks go back during the night
    set_cells(sqlite_db, "T1", [CellEdit(a.id, sat, "LL")])
    out = export_xlsx(sqlite_db, "T1", sat, sat, tmp_path / "dst.xlsx")
    ts = openpyxl.load_workbook(out)["Timesheet"]
    hours = {r[1].value: r[10].value for r in ts.iter_rows(min_row=2)}
    assert hours[a.shoulder_number] == 9


def pdf_pages(path: Path) -> list[str]:
    return [p.extract_text() for p in PdfReader(path).pages]


def test_briefing_prints_every_name_marking_and_page_numbers(hostile, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, _ = hostile
    out = export_briefing(db, "T1", MON, "L", tmp_path / "brief.pdf")
    pages = pdf_pages(out)
    text = "\n".join(pages)
    for page_no, page in enumerate(pages, start=1):
        assert page.count("OFFICIAL-SENSITIVE") == 2
        assert f"Page {page_no} of {len(pages)}" in page
    for first, _ in HOSTILE[0::2]:  # the Late shift: even k
        assert first[:20] in text.replace("\n", "")
    assert "Νίκος" in text or "Дмитрий" in text
    assert "<script>alert(1)</script> & patrol" in text
    assert "Late briefing" in text and "Soho" in text
    assert "Hotspot visits of 15 min" in text
    reader = PdfReader(out)
    embedded = [
        reader.get_object(f)["/BaseFont"]
        for p in reader.pages
        for f in p["/Resources"]["/Font"].values()
    ]
    assert embedded and all("DejaVu" in str(name) for name in embedded), embedded


def test_absent_shown_or_hidden_by_team_setting(hostile, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from rosterapp.services.teams import update_team_settings

    db, _ = hostile
    text = "\n".join(pdf_pages(export_briefing(db, "T1", MON, "E", tmp_path / "a.pdf")))
    assert "Sick" in text
    update_team_settings(db, "T1", show_absence_reason=False)
    text = "\n".join(pdf_pages(export_briefing(db, "T1", MON, "E", tmp_path / "b.pdf")))
    assert "Sick" not in text and "Absent" in text


def test_roster_pdf_marks_every_page_and_has_a_legend(hostile, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, _ = hostile
    out = export_roster_pdf(db, "T1", MON, MON + timedelta(days=27), tmp_path / "r.pdf")
    pages = pdf_pages(out)
    assert all(p.count("OFFICIAL-SENSITIVE") == 2 for p in pages)
    assert "Codes" in pages[-1] and "Late-late 18:00–02:00" in pages[-1]
    assert "Bank holiday" in pages[-1] or "BH" in pages[0]  # 25–28 Dec in range


def test_calendar_round_trip_and_stable_uids(hostile, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, _ = hostile
    first = export_ics(db, "501T1", MON, MON + timedelta(days=6), tmp_path / "a.ics")
    cal = Calendar.from_ical(first.read_bytes())
    events = [c for c in cal.walk("VEVENT")]
    assert len(events) == 5
    assert cal.walk("VTIMEZONE")[0]["TZID"] == "Europe/London"
    ev = events[0]
    assert str(ev["DTSTART"].params["TZID"]) == "Europe/London"
    assert ev.decoded("DTSTART").hour == 7
    assert "Beat: Soho" in str(ev["DESCRIPTION"])
    second = export_ics(db, "501T1", MON, MON + timedelta(days=6), tmp_path / "b.ics")
    uids = lambda p: [str(e["UID"]) for e in Calendar.from_ical(p.read_bytes()).walk("VEVENT")]  # noqa: E731
    assert uids(first) == uids(second)


def test_failed_export_leaves_no_file(hostile, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    db, _ = hostile
    import rosterapp.exports.excel as excel

    def boom(*args: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(excel, "_about", boom)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(RuntimeError):
        export_xlsx(db, "T1", MON, MON + timedelta(days=6), out / "hr.xlsx")
    assert list(out.iterdir()) == []


def test_file_open_elsewhere_is_a_clear_error(hostile, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Windows refuses to replace a workbook that Excel has open: say so, keep the old one."""
    db, _ = hostile
    target = tmp_path / "hr.xlsx"
    target.write_text("old")

    def locked(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(ExportError, match="open in another program"):
        export_xlsx(db, "T1", MON, MON, target)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".hr")] == []


def test_cli_exports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "d.sqlite3")
    assert run(["--db", db, "demo", "--start", "2026-11-23"]) == 0

    def export(words: str, out: Path) -> int:
        return run(["--db", db, "export", *words.split(), "-o", str(out)])

    week = "--team WE --from 2026-11-23 --to 2026-11-29"
    assert export(f"xlsx {week}", tmp_path / "we.xlsx") == 0
    assert export("briefing --team WE --date 2026-11-27 --shift L", tmp_path / "b.pdf") == 0
    assert export("briefing --team BX --date 2026-11-27", tmp_path / "bx.pdf") == 0
    assert {p.name for p in tmp_path.glob("bx-*.pdf")} == {
        "bx-E.pdf",
        "bx-L.pdf",
        "bx-LL.pdf",
        "bx-N.pdf",
    }
    assert export("roster-pdf --team WE --from 2026-11-23 --to 2026-12-20", tmp_path / "r.pdf") == 0
    capsys.readouterr()
    assert export(f"xlsx {week}", tmp_path / "missing" / "we.xlsx") == 1
    assert "folder" in capsys.readouterr().err
    assert export("briefing --team WE --date 2026-11-27 --shift RD", tmp_path / "x.pdf") == 1
    assert "not a tour of duty" in capsys.readouterr().err
