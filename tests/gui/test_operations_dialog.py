"""The Operations dialog and allocation, driven through the widgets: add an operation
with its repeats, see its shortfall explained, allocate free and qualified officers
from the list (the others say why not), see the duty in the grid, and undo it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, QTime
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from rosterapp.domain.operations import Candidate, OperationKind
from rosterapp.services.operations import list_operations
from rosterapp.ui.dialogs.operation_allocate import AllocationDialog
from rosterapp.ui.dialogs.operations_list import OperationsDialog
from rosterapp.ui.mainwindow import MainWindow
from rosterapp.ui.roster_model import OPERATION_ROLE
from tests.gui.conftest import settle

TUE = date(2026, 12, 8)


def _add_lfr(
    window: MainWindow, dialog: OperationsDialog, needs: str = "PC:2", teams: str = "WE"
) -> object:
    form = dialog.add()
    form.name.setText("LFR Oxford Circus")
    form.kind.setCurrentIndex(form.kind.findData(OperationKind.LFR))
    form.place.setText("Oxford Circus")
    form.day.setDate(QDate(2026, 12, 8))
    form.starts.setTime(QTime(10, 0))
    form.ends.setTime(QTime(18, 0))
    form.needs.setText(needs)
    form.teams.setText(teams)
    form.repeat.setCurrentIndex(form.repeat.findData("weekly"))
    form.times.setValue(2)
    form.save()
    settle(window)
    settle(window)
    return form


def test_add_an_operation_with_repeats_and_see_its_shortfall(
    window: MainWindow, qtmodeltester: ModelTester
) -> None:
    dialog = window.show_operations()
    settle(window)
    qtmodeltester.check(dialog.model)
    assert dialog.model.rowCount() == 0
    form = _add_lfr(window, dialog)
    assert form.added is not None and not form.isVisible()
    settle(window)
    assert [dialog.model.data(dialog.model.index(r, 0)) for r in range(2)] == [
        "Tue 08 Dec 2026",
        "Tue 15 Dec 2026",
    ]
    assert dialog.model.data(dialog.model.index(0, 1)) == "LFR1"
    assert dialog.model.data(dialog.model.index(0, 9)) == "short 2 PC"
    assert "Added LFR Oxford Circus (LFR1)" in dialog.notice.text()
    assert "PC 0/2 — 2 PC short: 0 of 2 allocated;" in dialog.detail.text()
    assert "more free and qualified" in dialog.detail.text()
    qtmodeltester.check(dialog.model)


def test_a_bad_form_says_what_and_keeps_what_was_typed(window: MainWindow) -> None:
    dialog = window.show_operations()
    settle(window)
    form = _add_lfr(window, dialog, needs="PC:two")
    assert form.added is None and form.isVisible()
    assert "'two' is not a whole number" in form.error.text()
    assert form.needs.hasFocus() or form.needs.text() == "PC:two"
    assert list_operations(window.db) == []
    form.reject()


def _check_who_is_free(alloc: AllocationDialog, qtmodeltester: ModelTester) -> list[Candidate]:
    """The list says why each refused officer cannot go, and filters by free and name;
    returns the free PCs."""
    rows = alloc.model.rows
    free = [c for c in rows if c.free and "PC" in c.matches]
    refused = [c for c in rows if not c.free]
    assert len(free) >= 2 and refused
    assert all(c.reasons for c in refused)
    last = alloc.model.columnCount() - 1
    some = next(i for i, c in enumerate(rows) if not c.free)
    assert alloc.model.data(alloc.model.index(some, last)) == "; ".join(rows[some].reasons)
    assert not alloc.model.flags(alloc.model.index(some, 0)) & Qt.ItemFlag.ItemIsUserCheckable
    alloc.only.setChecked(True)
    assert all(c.free or c.allocated for c in alloc.model.rows)
    alloc.search.setText(free[0].name.split()[-1])
    assert free[0] in alloc.model.rows and len(alloc.model.rows) < len(free)
    qtmodeltester.check(alloc.model)
    alloc.search.clear()
    alloc.only.setChecked(False)
    assert alloc.model.rows == rows
    return free


def test_allocate_from_who_is_free_and_undo(window: MainWindow, qtmodeltester: ModelTester) -> None:
    dialog = window.show_operations()
    settle(window)
    _add_lfr(window, dialog)
    settle(window)
    alloc = dialog.allocate_selected()
    assert alloc is not None
    settle(window)
    qtmodeltester.check(alloc.model)
    free = _check_who_is_free(alloc, qtmodeltester)
    chosen = [c.shoulder_number for c in free[:2]]
    ids = {c.shoulder_number: c.member_id for c in free[:2]}
    before = {sn: window.model.grid.cells.get((ids[sn], TUE)) for sn in chosen}
    for sn in chosen:
        alloc.model.tick(sn)
    alloc.apply(True)
    settle(window)
    settle(window)
    for sn in chosen:
        cell = window.model.grid.cells.get((ids[sn], TUE))
        assert cell is not None and cell.code == "LFR1"
        index = window.model.index_of(ids[sn], TUE)
        assert window.model.data(index, OPERATION_ROLE) == "lfr"
        tip = window.model.data(index, Qt.ItemDataRole.ToolTipRole)
        assert "Operation LFR Oxford Circus (live facial recognition, central aid)" in tip
        assert "10:00–18:00 at Oxford Circus" in tip
    assert dialog.model.data(dialog.model.index(0, 9)) == "fully allocated"
    assert sum(1 for c in alloc.model.rows if c.allocated) == 2
    window.view.setCurrentIndex(window.model.index_of(ids[chosen[0]], TUE))
    settle(window)
    assert "on operations 2 · " in window.cover_label.text()
    assert window.undo_stack.undoText().startswith(f"Allocate {chosen[0]}, {chosen[1]} to LFR")
    window.undo_stack.undo()
    settle(window)
    settle(window)
    for sn in chosen:
        now = window.model.grid.cells.get((ids[sn], TUE))
        was = before[sn]
        assert (now.code if now else None) == (was.code if was else None)
    assert dialog.model.data(dialog.model.index(0, 9)) == "short 2 PC"
    window.undo_stack.redo()
    settle(window)
    settle(window)
    assert all(window.model.grid.cells[(ids[sn], TUE)].code == "LFR1" for sn in chosen)
    alloc.model.tick(chosen[0])
    alloc.apply(False)
    settle(window)
    settle(window)
    assert window.model.grid.cells.get((ids[chosen[0]], TUE)) == before[chosen[0]]
    assert dialog.model.data(dialog.model.index(0, 9)) == "short 1 PC"


def test_the_menu_action_opens_the_dialog(window: MainWindow) -> None:
    action = window.actions_by_name["operations"]
    assert action.shortcut().toString() == "Ctrl+Shift+D"
    action.trigger()
    settle(window)
    dialog = window.findChild(OperationsDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.detail.text() == "No operations yet: add one with New operation."


def test_delete_an_operation_added_by_mistake(window: MainWindow) -> None:
    dialog = window.show_operations()
    settle(window)
    _add_lfr(window, dialog)
    settle(window)
    asked: list[str] = []
    dialog.confirm = lambda text: asked.append(text) or True  # type: ignore[method-assign]
    dialog.delete_selected()
    settle(window)
    settle(window)
    assert asked == ["Delete LFR Oxford Circus (LFR1) and its 2 occurrence(s)?"]
    assert dialog.model.rowCount() == 0 and list_operations(window.db) == []
    assert dialog.notice.text() == "Deleted LFR Oxford Circus (LFR1)"


def test_adding_an_operation_is_one_undo_step(window: MainWindow) -> None:
    dialog = window.show_operations()
    settle(window)
    _add_lfr(window, dialog)
    settle(window)
    stack = window.undo_stack
    assert stack.undoText() == "Add operation LFR Oxford Circus"
    stack.undo()
    settle(window)
    settle(window)
    assert list_operations(window.db) == [] and dialog.model.rowCount() == 0
    stack.redo()  # added again from what was typed, both occurrences
    settle(window)
    settle(window)
    again = list_operations(window.db)
    assert [(o.name, len(o.occurrences)) for o in again] == [("LFR Oxford Circus", 2)]
    assert dialog.model.rowCount() == 2
    stack.undo()  # the row added again is the one taken away
    settle(window)
    settle(window)
    assert list_operations(window.db) == []


def _suggested(window: MainWindow, **lfr: str) -> AllocationDialog:
    """An LFR added, its allocation dialog opened and Suggest who clicked."""
    dialog = window.show_operations()
    settle(window)
    _add_lfr(window, dialog, **lfr)
    settle(window)
    alloc = dialog.allocate_selected()
    assert alloc is not None
    settle(window)
    alloc.suggest_button.click()
    settle(window)
    return alloc


def test_suggest_ticks_enough_for_what_is_short(window: MainWindow) -> None:
    alloc = _suggested(window)
    ticked = alloc.model.chosen(allocated=False)
    assert len(ticked) == 2 and "Ticked 2" in alloc.error.text()
    assert all(c.free for c in alloc.model.everyone if c.shoulder_number in ticked)
    alloc.allocate_button.click()
    settle(window)
    assert sum(1 for c in alloc.model.everyone if c.allocated) == 2
    alloc.close()


def test_suggest_keeps_to_the_teams_share_and_says_what_stays_short(window: MainWindow) -> None:
    alloc = _suggested(window, needs="PC:4", teams="WE:3")
    ticked = alloc.model.chosen(allocated=False)
    assert len(ticked) == 3 and "Ticked 3" in alloc.error.text()
    assert "1 PC stays short: the supplying teams are asked for 3 in all (WE 3)" in (
        alloc.error.text()
    )
    alloc.allocate_button.click()
    settle(window)
    assert sum(1 for c in alloc.model.everyone if c.allocated) == 3
    alloc.close()


def test_repeat_on_named_days_creates_every_occurrence_in_one_save(
    window: MainWindow, qtbot: QtBot
) -> None:
    dialog = window.show_operations()
    settle(window)
    form = dialog.add()
    form.name.setText("LFR Oxford Circus")
    form.kind.setCurrentIndex(form.kind.findData(OperationKind.LFR))
    form.needs.setText("PC:2")
    form.teams.setText("WE")
    form.day.setDate(QDate(2026, 12, 8))  # a Tuesday
    form.starts.setTime(QTime(10, 0))
    form.ends.setTime(QTime(18, 0))
    days = {box.text(): box for box in form.repeats.days}
    assert not days["Tue"].isEnabled()  # days of the week are for a weekly repeat
    form.repeat.setCurrentIndex(form.repeat.findData("weekly"))
    assert form.times.suffix() == " weeks" and form.times.value() == 8
    assert [b.text() for b in days.values() if b.isChecked()] == ["Tue"]  # the date's day
    assert form.plan.text() == "8 occurrences, Tue 08 Dec 2026 to Tue 26 Jan 2027."
    qtbot.mouseClick(days["Fri"], Qt.MouseButton.LeftButton)
    assert form.repeats.text() == "weekly:8:tue,fri"
    assert form.plan.text() == "16 occurrences, Tue 08 Dec 2026 to Fri 29 Jan 2027."
    # Ticked days stay as they are when the date moves; none ticked is said, not saved.
    form.day.setDate(QDate(2026, 12, 9))
    assert [b.text() for b in days.values() if b.isChecked()] == ["Tue", "Fri"]
    assert form.plan.text().startswith("16 occurrences, Fri 11 Dec 2026 to Tue 02 Feb 2027")
    for name in ("Tue", "Fri"):
        qtbot.mouseClick(days[name], Qt.MouseButton.LeftButton)
    assert form.plan.text() == "Tick the days of the week it repeats on."
    form.save()
    settle(window)
    assert form.error.text() == "Tick the days of the week it repeats on"
    assert list_operations(window.db) == []
    form.day.setDate(QDate(2026, 12, 8))  # with nothing ticked, the date's day is
    assert [b.text() for b in days.values() if b.isChecked()] == ["Tue"]
    qtbot.mouseClick(days["Fri"], Qt.MouseButton.LeftButton)
    form.save()
    settle(window)
    settle(window)
    assert form.added is not None and len(form.added.operation.occurrences) == 16
    (op,) = list_operations(window.db)
    assert [o.day.strftime("%a") for o in op.occurrences[:4]] == ["Tue", "Fri", "Tue", "Fri"]
    settle(window)
    assert dialog.model.rowCount() == 16
    assert "Added LFR Oxford Circus" in dialog.notice.text()
