"""A long team name stops short of the protective marking in the PDF footer (issue 21,
item 11, last point), read back from the PDF by position."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics

from rosterapp.domain.grid import CellEdit
from rosterapp.exports.pdf import FONT, FONT_BOLD, fit_text, register_fonts
from rosterapp.services.exporting import export_briefing
from rosterapp.services.roster.edits import set_cells
from rosterapp.services.teams import update_team_settings
from rosterapp.storage import Database
from tests.factories import small_team

MON = date(2026, 12, 7)
LONG_NAME = "Westminster West End and St James's Safer Neighbourhood Team " * 2
MARKING = "OFFICIAL-SENSITIVE PERSONAL — NOT FOR CIRCULATION OUTSIDE"


def _footer_runs(path: Path) -> list[tuple[float, str]]:
    """(x, text) of what is drawn on the footer line of the first page."""
    runs: list[tuple[float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip() and abs(tm[5] - 14) < 1:
            runs.append((tm[4], text))

    PdfReader(path).pages[0].extract_text(visitor_text=visit)
    return sorted(runs)


def test_a_long_team_name_stops_short_of_the_marking(sqlite_db: Database, tmp_path: Path):
    a, *_ = small_team(sqlite_db)
    update_team_settings(sqlite_db, "T1", name=LONG_NAME[:120], protective_marking=MARKING)
    set_cells(sqlite_db, "T1", [CellEdit(a.id, MON, "E", "SOH")])
    out = export_briefing(sqlite_db, "T1", MON, "E", tmp_path / "b.pdf")
    register_fonts()
    runs = _footer_runs(out)
    left = next((x, t) for x, t in runs if t.startswith("Westminster"))
    marking = next((x, t) for x, t in runs if t.startswith("OFFICIAL"))
    left_end = left[0] + pdfmetrics.stringWidth(left[1], FONT, 7.5)
    assert left_end < marking[0], (left, marking)
    assert left[1].rstrip().endswith("…")
    assert pdfmetrics.stringWidth(marking[1], FONT_BOLD, 10) > 200  # a real squeeze


def test_fit_text_keeps_what_fits() -> None:
    register_fonts()
    assert fit_text("Team Soho", FONT, 7.5, 200) == "Team Soho"
    cut = fit_text("A" * 200, FONT, 7.5, 50)
    assert cut.endswith("…") and pdfmetrics.stringWidth(cut, FONT, 7.5) <= 50
    assert fit_text("Soho", FONT, 7.5, 0) == ""
    kept = fit_text("B" * 80 + " · E 07/12/2026", FONT, 7.5, 200)
    assert kept.endswith("… · E 07/12/2026") and pdfmetrics.stringWidth(kept, FONT, 7.5) <= 200
