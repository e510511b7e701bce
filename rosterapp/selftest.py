"""`rosterapp --self-test`: a temporary database, the demo, migrations, rules and the
grid rendered offscreen. Exit 0 only if every step worked (the frozen build runs it)."""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path


def _exports(db: object, folder: Path, monday: date) -> str:
    """Write a workbook, a briefing and a calendar, and read each back."""
    import openpyxl
    from icalendar import Calendar

    from rosterapp.services import exporting
    from rosterapp.services.roster.grid import read_grid

    end = monday + timedelta(days=6)
    xlsx = exporting.export_xlsx(db, "WE", monday, end, folder / "hr.xlsx")  # type: ignore[arg-type]
    wb = openpyxl.load_workbook(xlsx, read_only=True)
    assert wb.sheetnames == ["Timesheet", "Summary", "Roster", "Balances", "About"]
    wb.close()
    pdf = exporting.export_briefing(db, "WE", monday, "E", folder / "b.pdf")  # type: ignore[arg-type]
    assert pdf.read_bytes().startswith(b"%PDF")
    grid = read_grid(db, "WE", monday, end)  # type: ignore[arg-type]
    officer = grid.rows[-1].member.shoulder_number
    ics = exporting.export_ics(db, officer, monday, end, folder / "d.ics")  # type: ignore[arg-type]
    Calendar.from_ical(ics.read_bytes())
    overview = exporting.export_overview(db, monday, end, folder / "o.pdf")  # type: ignore[arg-type]
    assert overview.read_bytes().startswith(b"%PDF")
    npg = exporting.export_npg(db, monday, end, folder / "npg.xlsx")  # type: ignore[arg-type]
    wb = openpyxl.load_workbook(npg, read_only=True)
    assert wb.sheetnames == ["Wards", "Officers", "About"]
    wb.close()
    return "xlsx, briefing PDF, calendar, overview PDF and NPG return written and re-read"


def _printing(source: Path, out: Path) -> str:
    """The briefing sent to a PDF printer, as Print briefing… does (PDFium and Qt's
    print support, both of which the frozen build must carry)."""
    from rosterapp.ui.pdf_print import print_to_file, read_pages

    sent = print_to_file(source, out)
    pages = read_pages(source).count
    assert sent == pages and read_pages(out).count == pages
    return f"briefing printed ({sent} pages)"


def self_test() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    steps: list[str] = []
    with tempfile.TemporaryDirectory(prefix="rosterapp-selftest-") as tmp:
        try:
            from rosterapp.domain.calendar import week_start
            from rosterapp.services.checks import check_team
            from rosterapp.services.demo import build_demo
            from rosterapp.services.roster.grid import read_grid
            from rosterapp.storage import Database
            from rosterapp.storage.migrate import current_revision, head_revision

            db = Database.open(str(Path(tmp) / "selftest.sqlite3"))
            assert current_revision(db) == head_revision()
            steps.append(f"database and migrations (schema {head_revision()})")
            summary = build_demo(db)
            steps.append(f"demo data ({summary.members} members)")
            monday = week_start(date.today())
            grid = read_grid(db, "WE", monday, monday + timedelta(days=6))
            assert len(grid.rows) > 200 and grid.cells
            report = check_team(db, "WE", monday, monday + timedelta(days=6))
            steps.append(f"rule check ({len(report.findings)} findings)")
            steps.append(_exports(db, Path(tmp), monday))
            from rosterapp.services.solving import propose

            proposal = propose(
                db, "KT", monday + timedelta(days=21), monday + timedelta(days=27), time_limit=10
            )
            assert proposal.found and proposal.edits
            steps.append(f"a week solved ({len(proposal.edits)} cells)")
            from rosterapp.ui.app import install_error_handling, make_app, save_screenshot
            from rosterapp.ui.mainwindow import MainWindow

            app = make_app()
            install_error_handling()
            window = MainWindow(db, team="WE", week=monday)
            assert window.ops.wait(), "the first week was not read in time"
            assert window.model.rowCount() > 200
            shot = Path(tmp) / "window.png"
            assert save_screenshot(app, window, shot) == 0 and shot.stat().st_size > 10_000
            steps.append("main window rendered")
            steps.append(_printing(Path(tmp) / "b.pdf", Path(tmp) / "printed.pdf"))
            db.close()
        except Exception as exc:  # the point is to report any failure as one line
            print(
                f"self-test FAILED after: {', '.join(steps) or 'nothing'}: {exc!r}", file=sys.stderr
            )
            return 1
    print("self-test passed: " + "; ".join(steps))
    return 0
