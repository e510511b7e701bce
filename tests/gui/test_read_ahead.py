"""The next week is read ahead while the user looks at this one; it is used only if
nobody has saved since."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from rosterapp.domain.grid import CellEdit
from rosterapp.services.roster.edits import set_cells
from rosterapp.storage import Database
from rosterapp.ui.mainwindow import MainWindow, week_state
from tests.gui.conftest import settle
from tests.gui.test_workspace import first_pc_row

WEEK = date(2026, 12, 7)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[date]:
    """The first day of every week read from the database."""
    seen: list[date] = []
    real = week_state.load_week

    def counted(db: Database, team: str, first: date, last: date, **kw: bool) -> object:
        seen.append(first)
        return real(db, team, first, last, **kw)

    monkeypatch.setattr(week_state, "load_week", counted)
    return seen


def test_going_on_uses_the_week_read_ahead(reads: list[date], window: MainWindow) -> None:
    days = [WEEK + timedelta(days=7 * n) for n in range(-1, 4)]
    assert reads == [days[1], days[2]]  # the week shown, then the next one ahead
    reads.clear()
    window.move_weeks(1)
    settle(window)
    assert window.model.days[0] == days[2]
    assert reads == [days[3]]  # taken from what was read ahead; the next one ahead
    reads.clear()
    window.move_weeks(-1)  # turning back: read again, and ahead the other way
    settle(window)
    assert window.model.days[0] == days[1]
    assert reads == [days[1], days[0]]


def test_a_save_by_someone_else_is_not_hidden_by_the_read_ahead(
    reads: list[date], window: MainWindow
) -> None:
    ahead = WEEK + timedelta(days=7)
    assert window.model.days[0] == WEEK and ahead in reads  # read ahead at start
    row = first_pc_row(window)
    mid = window.model.rows[row].member.id
    other = Database.open(window.db.display_name)
    try:
        set_cells(other, "WE", [CellEdit(mid, ahead, "CT")])  # after it was read ahead
    finally:
        other.close()
    reads.clear()
    window.move_weeks(1)
    settle(window)
    assert reads[0] == ahead  # read again: the team's marker had moved on
    assert window.model.data(window.model.index_of(mid, ahead)) == "CT"


def test_our_own_save_makes_the_read_ahead_stale(reads: list[date], window: MainWindow) -> None:
    row = first_pc_row(window)
    mid = window.model.rows[row].member.id
    window.set_cells_from_grid([(mid, WEEK + timedelta(days=6))], "TR")  # Sunday
    settle(window)
    reads.clear()
    window.move_weeks(1)  # the rules of next week look back at this Sunday
    settle(window)
    assert reads[0] == WEEK + timedelta(days=7)
