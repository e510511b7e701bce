"""Every item model in the window passes Qt's model tester, loaded and while it changes.

The tester stays attached for the whole test: it checks each reset, dataChanged and
row count that the edits and week switches below cause, not only the first load.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from rosterapp.services.audit import list_events
from rosterapp.ui.audit_view import AuditModel
from rosterapp.ui.mainwindow import MainWindow

WEEK = date(2026, 12, 7)  # the week the window opens on


def first_pc_on_early(win: MainWindow) -> tuple[int, date]:
    """Someone who is on an early turn on a day of the week shown."""
    grid = win.model.grid
    assert grid is not None
    for row in win.model.rows:
        if row.member.rank.value != "pc":
            continue
        for day in win.model.days:
            cell = grid.cells.get((row.member.id, day))
            if cell is not None and cell.code == "E":
                return row.member.id, day
    raise AssertionError("the demo week has no PC on an early turn")


def cover_texts(win: MainWindow) -> list[str]:
    model = win.cover_dock.model
    return [
        model.data(model.index(r, c))
        for r in range(model.rowCount())
        for c in range(model.columnCount())
    ]


def test_roster_model_through_edits_filter_and_week_switches(
    window: MainWindow, qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    model = window.model
    qtmodeltester.check(model)
    assert model.rowCount() > 200 and model.columnCount() == 7
    mid, day = first_pc_on_early(window)
    window.set_cells_from_grid([(mid, day)], "S")  # one cell changes: dataChanged
    qtbot.waitUntil(lambda: model.data(model.index_of(mid, day)) == "S")
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: model.data(model.index_of(mid, day)) != "S")
    shoulder = next(r.member.shoulder_number for r in model.rows if r.member.id == mid)
    qtbot.keyClicks(window.filter_edit, shoulder)  # rows go: a reset
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    window.filter_edit.clear()
    qtbot.waitUntil(lambda: model.rowCount() > 200)
    window.move_weeks(1)  # new days, new people's cells: a reset
    qtbot.waitUntil(lambda: model.days[0] == date(2026, 12, 14))
    window.weeks_box.setCurrentIndex(window.weeks_box.findData(2))  # 7 → 14 columns
    qtbot.waitUntil(lambda: model.columnCount() == 14)
    qtmodeltester.check(model)


def test_cover_model_through_an_edit_and_a_week_switch(
    window: MainWindow, qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    cover = window.cover_dock.model
    qtmodeltester.check(cover)
    assert cover.rowCount() > 0 and cover.columnCount() == 7
    shown = [text for text in cover_texts(window) if text]  # blank: nothing required
    assert shown and all("/" in text for text in shown)
    header = cover.headerData(0, Qt.Orientation.Vertical)
    assert header and header.startswith("West End")
    before = cover_texts(window)
    mid, day = first_pc_on_early(window)
    window.set_cells_from_grid([(mid, day)], "S")  # one fewer on the early turn
    qtbot.waitUntil(lambda: cover_texts(window) != before)
    window.move_weeks(1)
    qtbot.waitUntil(lambda: cover.headerData(0, Qt.Orientation.Horizontal) == "Mon 14")
    window.weeks_box.setCurrentIndex(window.weeks_box.findData(2))
    qtbot.waitUntil(lambda: cover.columnCount() == 14)
    qtmodeltester.check(cover)


def test_audit_model_filled_filtered_and_emptied(
    window: MainWindow, qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    mid, day = first_pc_on_early(window)
    window.set_cells_from_grid([(mid, day)], "TR")
    window.set_cells_from_grid([(mid, day)], "S")
    model = AuditModel()
    qtmodeltester.check(model)  # empty, before the dialog's first load
    qtbot.waitUntil(lambda: len(list_events(window.db, "WE", day, day)) >= 2)
    model.set_rows(list_events(window.db, "WE", day, day))
    qtmodeltester.check(model)
    assert model.rowCount() >= 2 and model.columnCount() == 8
    assert model.data(model.index(0, 1)) == "sgt.tester"
    assert "code=S" in model.data(model.index(0, 6))  # newest first
    assert model.headerData(0, Qt.Orientation.Horizontal) == "When"
    model.set_rows(list_events(window.db, "WE", day, day, user="somebody else"))
    assert model.rowCount() == 0
    qtmodeltester.check(model)
