"""A week read afresh is shown before each officer's rules have run; their findings
follow, and an edit's re-check does not use half of them."""

from __future__ import annotations

from datetime import date, timedelta

from rosterapp.domain.grid import CellEdit
from rosterapp.services.roster.edits import set_cells
from rosterapp.storage import Database
from rosterapp.ui.mainwindow import MainWindow
from rosterapp.ui.mainwindow.week_state import WeekState
from tests.gui.conftest import settle
from tests.gui.test_workspace import first_pc_row

WEEK = date(2026, 12, 7)


def _short_rest(db: Database, window: MainWindow) -> int:
    """A Late-late then an Early next morning in the week after WEEK: under 11 hours'
    rest."""
    mid = window.model.rows[first_pc_row(window)].member.id
    start = WEEK + timedelta(days=8)
    set_cells(
        db,
        "WE",
        [CellEdit(mid, start, "LL", None), CellEdit(mid, start + timedelta(days=1), "E", None)],
    )
    return mid


def test_officers_findings_follow_the_week(demo_db: Database, window: MainWindow) -> None:
    mid = _short_rest(demo_db, window)
    state = WeekState()
    first = WEEK + timedelta(days=7)
    loaded = state.load(demo_db, "WE", first, first + timedelta(days=6))
    assert loaded.findings.partial
    assert loaded.findings.member == {}
    checked = state.check()
    assert checked is not None and not checked.partial
    assert any(f.rule == "rest-11h" for f in checked.member.get(mid, []))


def test_an_edit_before_the_check_is_rechecked_with_everyone(
    demo_db: Database, window: MainWindow
) -> None:
    mid = _short_rest(demo_db, window)
    state = WeekState()
    first = WEEK + timedelta(days=7)
    loaded = state.load(demo_db, "WE", first, first + timedelta(days=6))
    other = next(r.member.id for r in loaded.grid.rows if r.member.id != mid)
    saved = state.save(
        demo_db, "WE", lambda db: set_cells(db, "WE", [CellEdit(other, first, "L", None)])
    )
    assert saved.findings is not None and not saved.findings.partial
    # The officer not edited keeps their findings: the whole week was checked first.
    assert any(f.rule == "rest-11h" for f in saved.findings.member.get(mid, []))


def test_the_window_shows_the_officers_findings_once_checked(
    demo_db: Database, window: MainWindow
) -> None:
    mid = _short_rest(demo_db, window)
    window.go_to(WEEK + timedelta(days=7))
    settle(window)
    assert window.findings is not None and not window.findings.partial
    assert any(f.member_id == mid and f.rule == "rest-11h" for f in window.all_findings())
    assert "Checking" not in window.dock.summary.text()
