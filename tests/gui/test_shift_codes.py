"""The list of shift and absence codes: rename and recolour in the table, retire (past
rosters keep the code and its hours, new entries are refused), move up and down."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from rosterapp.services.checks import check_team
from rosterapp.services.shift_types import list_shift_types
from rosterapp.ui.dialogs.shift_codes import COLOUR, NAME, ShiftCodesDialog
from rosterapp.ui.mainwindow import MainWindow
from tests.gui.conftest import settle

WEEK = date(2026, 12, 7)


def codes_dialog(window: MainWindow) -> ShiftCodesDialog:
    dialog = window.edit_shift_codes()
    settle(window)
    return dialog


def row_of(dialog: ShiftCodesDialog, code: str) -> int:
    return next(i for i, c in enumerate(dialog.model.codes) if c.code == code)


def test_the_codes_model_passes_the_model_tester(
    window: MainWindow, qtmodeltester: ModelTester
) -> None:
    dialog = codes_dialog(window)
    qtmodeltester.check(dialog.model)
    assert dialog.model.rowCount() >= 10


def test_rename_and_recolour_in_the_table(window: MainWindow) -> None:
    dialog = codes_dialog(window)
    row = row_of(dialog, "TR")
    dialog.model.setData(dialog.model.index(row, NAME), "Training day")
    settle(window)
    dialog.model.setData(dialog.model.index(row_of(dialog, "TR"), COLOUR), "#AABBCC")
    settle(window)
    tr = next(c for c in list_shift_types(window.db) if c.code == "TR")
    assert (tr.name, tr.colour) == ("Training day", "#aabbcc")
    dialog.model.setData(dialog.model.index(row_of(dialog, "TR"), COLOUR), "blue")
    settle(window)
    assert "#rrggbb" in dialog.error.text()


def test_a_retired_code_keeps_past_hours_and_is_not_typed(window: MainWindow) -> None:
    hours_before = check_team(window.db, "WE", WEEK, WEEK).findings
    dialog = codes_dialog(window)
    dialog.table.setCurrentIndex(dialog.model.index(row_of(dialog, "L"), 0))
    dialog.toggle_active()
    settle(window)
    st = dialog.model.codes[row_of(dialog, "L")]
    assert not st.active
    assert dialog.model.data(dialog.model.index(row_of(dialog, "L"), 5)) == "retired"
    # Earlier entries keep the code: the grid still shows it, the checks are unchanged.
    grid = window.model.grid
    assert grid is not None and any(c.code == "L" for c in grid.cells.values())
    assert len(check_team(window.db, "WE", WEEK, WEEK).findings) == len(hours_before)
    assert "L" not in window.view.itemDelegate().codes  # type: ignore[attr-defined]
    empty = next(
        (r.member.id, d)
        for r in grid.rows
        for d in window.model.days
        if (r.member.id, d) not in grid.cells and r.in_team(d)
    )
    window.set_cells_from_grid([empty], "L")
    settle(window)
    assert "retired" in window.statusBar().currentMessage()
    dialog.toggle_active()
    settle(window)
    assert dialog.model.codes[row_of(dialog, "L")].active


def test_move_a_code_up_the_list(window: MainWindow) -> None:
    dialog = codes_dialog(window)
    row = row_of(dialog, "LL")
    above = dialog.model.codes[row - 1].code
    dialog.table.setCurrentIndex(dialog.model.index(row, 0))
    dialog.move_code(-1)
    settle(window)
    assert row_of(dialog, "LL") == row - 1 and row_of(dialog, above) == row
    assert dialog.table.currentIndex().row() == row - 1
    order = [
        c.code for c in sorted(window.model.grid.shift_types.values(), key=lambda s: s.sort_order)
    ]  # type: ignore[union-attr]
    assert order.index("LL") < order.index(above)
    assert dialog.model.data(dialog.model.index(0, COLOUR), Qt.ItemDataRole.BackgroundRole)


def test_look_at_the_codes_list(window: MainWindow) -> None:
    import os
    from pathlib import Path

    dialog = codes_dialog(window)
    folder = os.environ.get("ROSTERAPP_SHOTS")
    if folder:
        dialog.grab().save(str(Path(folder) / "shift-codes.png"))
    assert dialog.buttons["retire"].isEnabled()
