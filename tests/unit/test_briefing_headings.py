"""A briefing sheet's section heading never stands alone at the foot of a page: it goes
over with the first lines of its section (read back from the demo team's sheets)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from pypdf import PdfReader

from rosterapp.services.exporting import export_briefing
from rosterapp.storage import Database
from tests.conftest import DEMO_START

HEADINGS = {
    "On duty",
    "Beats, priorities and hotspot patrols",
    "Taskings and notes",
    "Away on operations",
    "Absent",
}


def _last_lines(path: Path) -> list[str]:
    """The last line of the body (above the footer) of every page but the last."""
    out = []
    for page in PdfReader(path).pages[:-1]:
        lines = [line.strip() for line in page.extract_text().splitlines() if line.strip()]
        footer = ("OFFICIAL", "Page ", "rosterapp ")  # the marking, page number and footer
        body = [line for line in lines if not any(mark in line for mark in footer)]
        out.append(body[-1] if body else "")
    return out


def test_no_heading_is_left_at_the_foot_of_a_page(demo_db: Database, tmp_path: Path) -> None:
    ends = []
    for offset in range(0, 28, 2):
        day = DEMO_START + timedelta(days=offset)
        for shift in ("E", "L"):
            path = export_briefing(demo_db, "WE", day, shift, tmp_path / f"{offset}-{shift}.pdf")
            ends.extend(_last_lines(path))
    assert len(ends) >= 10  # long sheets: page breaks to look at
    assert [line for line in ends if line in HEADINGS] == []
