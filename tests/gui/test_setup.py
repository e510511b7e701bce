"""Team set-up from the window: a new member's start date and usual beat, a member who
leaves (ended, not deleted), a beat retired and reinstated."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate

from rosterapp.services.leavers import end_member
from rosterapp.services.members import get_member, team_members
from rosterapp.services.roster.grid import read_grid
from rosterapp.ui.dialogs import FormDialog
from rosterapp.ui.mainwindow import MainWindow
from tests.gui.conftest import settle
from tests.gui.test_dialogs import drive

WEEK = date(2026, 12, 7)


def test_a_new_member_starts_on_the_day_given_with_a_usual_beat(window: MainWindow) -> None:
    def fill(d: FormDialog) -> None:
        u = d.ui
        u.shoulder.setText("9998CW")
        u.staff.setText("889998")
        u.firstName.setText("Sandra")
        u.lastName.setText("Okafor")
        assert u.startDate.date() == QDate(2026, 12, 7)  # the day the cursor is on
        u.startDate.setDate(QDate(2026, 12, 10))
        u.usualBeat.setCurrentIndex(u.usualBeat.findData(window.model.grid.beats["SOH"].id))  # type: ignore[union-attr]

    drive(window, fill)
    window.edit_member(new=True)
    settle(window)
    member = get_member(window.db, "9998CW")
    assert member.start_date == date(2026, 12, 10)
    assert member.usual_beat_id == window.model.grid.beats["SOH"].id  # type: ignore[union-attr]
    row = next(r for r in window.model.grid.rows if r.member.shoulder_number == "9998CW")  # type: ignore[union-attr]
    assert not row.in_team(WEEK) and row.in_team(date(2026, 12, 10))


def test_a_member_who_leaves_is_ended_not_deleted(window: MainWindow) -> None:
    row = next(r for r in window.model.rows if r.member.rank.value == "pc")
    shoulder = row.member.shoulder_number
    last = WEEK + timedelta(days=13)

    def fill(d: FormDialog) -> None:
        d.ui.member.setEditText(shoulder)
        d.ui.lastDay.setDate(QDate(last.year, last.month, last.day))

    drive(window, fill)
    window.end_membership()
    settle(window)
    assert get_member(window.db, shoulder).end_date == last
    after = team_members(window.db, "WE", last + timedelta(days=1), last + timedelta(days=7))
    assert shoulder not in {m.shoulder_number for m in after}
    before = read_grid(window.db, "WE", WEEK, WEEK + timedelta(days=6))
    assert any(r.member.shoulder_number == shoulder for r in before.rows)  # history stays


def test_ending_a_member_with_duties_after_the_day_says_so(window: MainWindow) -> None:
    row = next(r for r in window.model.rows if r.member.rank.value == "pc")
    mid = row.member.id
    duty = next(d for d in window.model.days if window.model.grid.cells.get((mid, d)))  # type: ignore[union-attr]

    def fill(d: FormDialog) -> None:
        d.ui.member.setEditText(row.member.shoulder_number)
        last = duty - timedelta(days=1)
        d.ui.lastDay.setDate(QDate(last.year, last.month, last.day))

    seen = drive(window, fill)
    window.end_membership()
    settle(window)
    assert "clear them first" in seen[0].ui.error.text()
    assert get_member(window.db, row.member.shoulder_number).end_date is None


def test_retire_and_reinstate_a_beat(window: MainWindow) -> None:
    grid = window.model.grid
    assert grid is not None and grid.beats["SOH"].active
    window.choose_item = lambda title, label, items: next(i for i in items if i.startswith("SOH"))  # type: ignore[method-assign]
    window.retire_beat()
    settle(window)
    assert not window.model.grid.beats["SOH"].active  # type: ignore[union-attr]
    cells = [c for c in window.model.grid.cells.values() if c.beat == "SOH"]  # type: ignore[union-attr]
    assert cells  # past duties keep their beat
    grid = window.model.grid
    assert grid is not None
    empty = next(
        (r.member.id, d)
        for r in grid.rows
        for d in window.model.days
        if (r.member.id, d) not in grid.cells and r.in_team(d)
    )
    window.set_cells_from_grid([empty], "E SOH")
    settle(window)
    assert "retired" in window.statusBar().currentMessage()
    window.retire_beat()
    settle(window)
    assert window.model.grid.beats["SOH"].active  # type: ignore[union-attr]


def test_end_member_refuses_someone_not_in_the_team(window: MainWindow) -> None:
    import pytest

    from rosterapp.services.errors import InvalidInput

    shoulder = window.model.rows[0].member.shoulder_number
    with pytest.raises(InvalidInput, match="not in team"):
        end_member(window.db, "WE", shoulder, date(2001, 1, 1))


def test_the_columns_expected_are_said_before_a_file_is_chosen() -> None:
    from rosterapp.ui.mainwindow.imports import expected_columns

    text = expected_columns("members")
    assert text.startswith("contracted_hours, first_name, last_name, rank")
    assert "optional" in text and "usual_beat" in text
