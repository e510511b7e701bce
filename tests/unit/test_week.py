from __future__ import annotations

from datetime import date, timedelta

import pytest

from rosterapp.domain.grid import CellEdit
from rosterapp.services import checks
from rosterapp.services.audit import latest_marker
from rosterapp.services.roster.edits import set_cells
from rosterapp.services.roster.grid import read_grid
from rosterapp.services.week import load_week
from rosterapp.storage import Database

WEEK = date(2026, 12, 7)


def test_load_week_holds_what_the_window_shows(demo_db: Database) -> None:
    week = load_week(demo_db, "WE", WEEK, WEEK + timedelta(days=6))
    ci = week.check_input
    assert week.grid.start == WEEK - timedelta(days=checks.CONTEXT_DAYS)
    assert week.grid.end == WEEK + timedelta(days=6)
    assert week.grid.cells == read_grid(demo_db, "WE", week.grid.start, week.grid.end).cells
    assert ci.requirements and ci.history_days and ci.history_start
    assert week.marker == latest_marker(demo_db, "WE")
    assert "WE" in [t.code for t in week.teams]


def test_a_save_during_the_load_is_wholly_after_it(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another user saves between the grid read and the marker read: the week must not
    show the old grid with the new marker (the window would then never see the save)."""
    other = Database.open(demo_db.display_name)
    grid = read_grid(demo_db, "WE", WEEK, WEEK)
    member = next(r.member for r in grid.rows if r.member.rank.value == "pc")
    before = latest_marker(demo_db, "WE")
    real = checks.history

    def save_meanwhile(db: Database, ids: list[int], lo: date, hi: date) -> checks.History:
        set_cells(other, "WE", [CellEdit(member.id, WEEK, "CT")])
        return real(db, ids, lo, hi)

    monkeypatch.setattr(checks, "history", save_meanwhile)
    try:
        week = load_week(demo_db, "WE", WEEK, WEEK + timedelta(days=6))
    finally:
        other.close()
    cell = week.grid.cells.get((member.id, WEEK))
    assert cell is None or cell.code != "CT"
    assert week.marker == before  # the same state as the grid
    assert latest_marker(demo_db, "WE") > before  # and the save is there for the next poll


def test_a_snapshot_refuses_writes_inside_it(demo_db: Database) -> None:
    with demo_db.snapshot(), pytest.raises(RuntimeError), demo_db.session(write=True):
        pass
