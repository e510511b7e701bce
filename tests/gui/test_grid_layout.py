"""The grid as a sergeant reads it: four weeks at a readable width that scroll under
frozen names, zoom, compact codes, the cover table day under day, a month view, and
the keys of Find and of Enter after an edit."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from rosterapp.ui.mainwindow import MainWindow
from rosterapp.ui.mainwindow.grid_layout import MIN_COLUMN
from rosterapp.ui.mainwindow.navigation import add_months, month_span
from rosterapp.ui.roster_model import short_role
from tests.gui.conftest import settle


def shoot(window: MainWindow, name: str) -> None:
    """Saved for a person to look at when ROSTERAPP_SHOTS names a folder."""
    folder = os.environ.get("ROSTERAPP_SHOTS")
    if folder:
        window.grab().save(str(Path(folder) / f"{name}.png"))


def four_weeks(window: MainWindow, width: int) -> None:
    window.resize(width, 900)
    window.set_span("4")
    settle(window)
    QTest.qWait(50)  # the resize reaches the grid


def test_four_weeks_keep_a_readable_width_and_scroll_sideways(window: MainWindow) -> None:
    four_weeks(window, 1280)
    header = window.view.horizontalHeader()
    assert len(window.model.days) == 28
    assert min(header.sectionSize(i) for i in range(28)) >= MIN_COLUMN
    bar = window.view.horizontalScrollBar()
    assert bar.maximum() > 0  # the days scroll; the names (row headings) do not
    names = window.view.verticalHeader()
    assert names.isVisible() and names.width() >= 120
    shoot(window, "four-weeks-1280")
    # The cover table has the same columns and scrolls with the grid.
    cover = window.cover_dock.table
    assert cover.horizontalHeader().sectionSize(0) == header.sectionSize(0)
    assert cover.verticalHeader().width() == names.width()
    bar.setValue(bar.maximum() // 2)
    assert cover.horizontalScrollBar().value() == bar.value()
    cover.horizontalScrollBar().setValue(0)
    assert bar.value() == 0


def test_the_cover_panel_follows_the_weeks_shown(window: MainWindow) -> None:
    four_weeks(window, 1600)
    model = window.cover_dock.model
    assert model.days == window.model.days and model.columnCount() == 28
    window.set_span("1")
    settle(window)
    assert model.columnCount() == 7 and model.days == window.model.days


def test_a_week_fills_the_width(window: MainWindow) -> None:
    window.resize(1600, 900)
    settle(window)
    QTest.qWait(50)
    header = window.view.horizontalHeader()
    assert window.view.horizontalScrollBar().maximum() == 0
    assert header.sectionSize(0) > MIN_COLUMN
    assert window.model.headerData(0, Qt.Orientation.Horizontal) == "Mon 7 Dec"


def test_narrow_columns_head_the_day_on_two_lines(window: MainWindow) -> None:
    four_weeks(window, 1280)
    assert window.model.headerData(0, Qt.Orientation.Horizontal) == "Mon\n7 Dec"


def test_zoom_with_the_keyboard_and_it_is_remembered(window: MainWindow, qtbot: QtBot) -> None:
    four_weeks(window, 1280)
    before = window.view.horizontalHeader().sectionSize(0)
    rows = window.view.verticalHeader().defaultSectionSize()
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.view.verticalHeader().defaultSectionSize() > rows
    assert window.view.horizontalHeader().sectionSize(0) > before
    assert window.view.state() != window.view.State.EditingState  # no cell was typed in
    qtbot.keyClick(window.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.view.verticalHeader().defaultSectionSize() < rows
    shoot(window, "four-weeks-zoomed-out-1280")
    assert window.settings.value("grid/zoom") == window.zoom_step
    window.zoom_reset()
    assert window.view.verticalHeader().defaultSectionSize() == rows


def test_compact_shows_the_codes_and_keeps_the_beat_in_the_tooltip(window: MainWindow) -> None:
    four_weeks(window, 1600)
    model = window.model
    key, cell = next((k, c) for k, c in model.grid.cells.items() if c.beat and k[1] in model.days)
    idx = model.index_of(*key)
    assert model.data(idx) == f"{cell.code} {cell.beat}"
    wide = window.view.horizontalScrollBar().maximum()
    window.actions_by_name["compact"].trigger()
    assert model.compact and window.actions_by_name["compact"].isChecked()
    assert model.data(idx) == cell.code
    assert model.data(idx, Qt.ItemDataRole.EditRole) == f"{cell.code} {cell.beat}"
    beat = model.grid.beats[cell.beat].name
    assert beat in model.data(idx, Qt.ItemDataRole.ToolTipRole)
    QTest.qWait(20)
    assert window.view.horizontalScrollBar().maximum() < wide  # four weeks nearly fit
    assert window.model.headerData(0, Qt.Orientation.Horizontal) == "Mon\n7"
    shoot(window, "four-weeks-compact-1600")
    window.actions_by_name["compact"].trigger()
    assert model.data(idx) == f"{cell.code} {cell.beat}"


def test_month_view_covers_the_month_in_whole_weeks(
    window: MainWindow, qtmodeltester: ModelTester
) -> None:
    window.set_span("month")  # shown: the week of 7 December 2026
    settle(window)
    days = window.model.days
    assert days[0] == date(2026, 11, 30) and days[-1] == date(2027, 1, 3)
    assert window.cover_dock.model.days == days
    grey = window.model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.ForegroundRole)
    assert grey is not None  # 30 November is not December's
    assert (
        window.model.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.ForegroundRole)
        is None
    )
    qtmodeltester.check(window.model)
    window.move_weeks(1)
    settle(window)
    assert window.model.days[0] == date(2026, 12, 28) and window.model.days[-1] == date(2027, 1, 31)
    window.set_span("1")
    settle(window)
    assert window.model.days[0] == date(2026, 12, 28) and len(window.model.days) == 7


def test_month_arithmetic() -> None:
    assert add_months(date(2026, 12, 15), 1) == date(2027, 1, 1)
    assert add_months(date(2026, 1, 31), -1) == date(2025, 12, 1)
    assert month_span(date(2028, 2, 10)) == (date(2028, 2, 1), date(2028, 2, 29))


def test_the_role_stands_beside_the_rank() -> None:
    assert short_role("DWO", "Police Constable") == "DWO"
    assert short_role("Town centre officer", "Police Constable") == "TCO"
    assert short_role("Neighbourhood sergeant", "Police Sergeant") == ""
    assert short_role("", "Police Constable") == ""


def test_ctrl_f_on_the_grid_reaches_find_and_escape_clears_it(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.view.setFocus()
    window.view.setCurrentIndex(window.model.index(3, 2))
    qtbot.waitUntil(window.view.hasFocus)
    QTest.keySequence(window.view, QKeySequence(QKeySequence.StandardKey.Find))
    assert window.filter_edit.hasFocus()
    assert window.view.state() != window.view.State.EditingState
    qtbot.keyClicks(window.filter_edit, "campbell")
    assert 0 < window.model.rowCount() < 20
    qtbot.keyClick(window.filter_edit, Qt.Key.Key_Escape)
    assert window.filter_edit.text() == "" and window.model.rowCount() > 200
    assert window.view.hasFocus()
    # Escape on the grid also clears a filter left on.
    window.filter_edit.setText("campbell")
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)
    assert window.filter_edit.text() == ""


def test_ctrl_f_while_typing_in_a_cell_leaves_the_cell_unsaved(
    window: MainWindow, qtbot: QtBot
) -> None:
    idx = window.model.index(4, 1)
    before = window.model.data(idx)
    window.view.setFocus()
    window.view.setCurrentIndex(idx)
    qtbot.keyClicks(window.view, "S")
    assert window.view.state() == window.view.State.EditingState
    window.actions_by_name["find"].trigger()
    settle(window)
    assert window.filter_edit.hasFocus()
    assert window.model.data(idx) == before and window.undo_stack.count() == 0


def test_enter_saves_and_moves_down_as_in_a_spreadsheet(window: MainWindow, qtbot: QtBot) -> None:
    row = next(i for i, r in enumerate(window.model.rows) if r.member.rank.value == "pc")
    idx = window.model.index(row, 0)
    window.view.setFocus()
    window.view.setCurrentIndex(idx)
    qtbot.keyClicks(window.view, "S")
    qtbot.keyClick(window.view.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.undo_stack.count() == 1)
    settle(window)
    assert window.model.data(idx) == "S"
    qtbot.waitUntil(lambda: window.view.currentIndex().row() == row + 1)
    assert window.view.currentIndex().column() == 0
    # Escape abandons the typing and stays put.
    qtbot.keyClicks(window.view, "A")
    qtbot.keyClicks(window.view.focusWidget(), "L")
    qtbot.keyClick(window.view.focusWidget(), Qt.Key.Key_Escape)
    assert window.view.currentIndex().row() == row + 1 and window.undo_stack.count() == 1
