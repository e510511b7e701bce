from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from rosterapp.services.roster.grid import read_grid
from rosterapp.ui.mainwindow import MainWindow
from tests.gui.conftest import settle

WEEK = date(2026, 12, 7)


def first_pc_row(win: MainWindow) -> int:
    return next(i for i, r in enumerate(win.model.rows) if r.member.rank.value == "pc")


def stored(win: MainWindow, row: int, col: int) -> str | None:
    mid, day = win.model.key(win.model.index(row, col))
    cell = read_grid(win.db, "WE", day, day).cell(mid, day)
    return None if cell is None else f"{cell.code} {cell.beat or ''}".strip()


def test_model_passes_qt_model_tester(window: MainWindow, qtmodeltester: ModelTester) -> None:
    qtmodeltester.check(window.model)


def test_window_shows_the_team_week(window: MainWindow) -> None:
    assert window.model.days[0] == WEEK and len(window.model.days) == 7
    assert 220 <= window.model.rowCount() <= 235
    header = window.model.headerData(0, Qt.Orientation.Horizontal)
    assert header == "Mon 7 Dec"
    text = window.model.data(window.model.index(0, 0), Qt.ItemDataRole.AccessibleTextRole)
    assert "Monday 7 December" in text and text.startswith("Insp ")


def test_type_a_code_undo_redo(window: MainWindow, qtbot: QtBot) -> None:
    row = first_pc_row(window)
    idx = window.model.index(row, 0)
    window.view.setFocus()
    window.view.setCurrentIndex(idx)
    qtbot.keyClicks(window.view, "S")
    editor = window.view.focusWidget()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The delegate commits on a queued call, as Qt does for every item view.
    qtbot.waitUntil(lambda: window.undo_stack.count() == 1)
    assert stored(window, row, 0) == "S"
    assert window.model.data(idx) == "S"
    window.undo_stack.undo()
    settle(window)
    assert stored(window, row, 0) != "S"
    window.undo_stack.redo()
    settle(window)
    assert stored(window, row, 0) == "S"


def test_unknown_code_is_refused_with_a_message(window: MainWindow) -> None:
    row = first_pc_row(window)
    before = stored(window, row, 1)
    window.view.setCurrentIndex(window.model.index(row, 1))
    window.set_cells_from_grid([window.model.key(window.model.index(row, 1))], "ZZ")
    settle(window)
    assert "unknown shift or absence code 'ZZ'" in window.statusBar().currentMessage()
    assert stored(window, row, 1) == before
    assert window.undo_stack.count() == 0


def test_multi_cell_set_and_delete_are_one_step_each(window: MainWindow, qtbot: QtBot) -> None:
    row = first_pc_row(window)
    sel = window.view.selectionModel()
    window.view.setCurrentIndex(window.model.index(row, 0))
    for col in range(3):
        sel.select(window.model.index(row, col), sel.SelectionFlag.Select)
    window.view.set_selected("AL")
    settle(window)
    assert [stored(window, row, c) for c in range(3)] == ["AL"] * 3
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    settle(window)
    assert [stored(window, row, c) for c in range(3)] == [None] * 3
    assert window.undo_stack.count() == 2
    window.undo_stack.undo()
    settle(window)
    assert [stored(window, row, c) for c in range(3)] == ["AL"] * 3


def test_copy_paste_tab_separated_block_is_one_undo_step(window: MainWindow) -> None:
    row = first_pc_row(window)
    QGuiApplication.clipboard().setText("E SOH\tL OXF\nRD\tLL SOH\n")
    window.view.setCurrentIndex(window.model.index(row, 2))
    before = [stored(window, row + r, 2 + c) for r in range(2) for c in range(2)]
    window.view.paste()
    settle(window)
    assert [stored(window, row + r, 2 + c) for r in range(2) for c in range(2)] == [
        "E SOH",
        "L OXF",
        "RD",
        "LL SOH",
    ]
    assert window.undo_stack.count() == 1
    window.undo_stack.undo()
    settle(window)
    assert [stored(window, row + r, 2 + c) for r in range(2) for c in range(2)] == before
    sel = window.view.selectionModel()
    sel.clearSelection()
    sel.select(window.model.index(row, 0), sel.SelectionFlag.Select)
    sel.select(window.model.index(row, 1), sel.SelectionFlag.Select)
    window.view.copy_selection()
    expected = "\t".join(window.model.data(window.model.index(row, c)) for c in range(2))
    assert QGuiApplication.clipboard().text() == expected


def test_findings_refresh_as_you_type_and_jump(window: MainWindow) -> None:
    row = first_pc_row(window)
    mid = window.model.rows[row].member.id
    window.set_cells_from_grid([(mid, date(2026, 12, 7))], "LL SOH")
    settle(window)
    window.set_cells_from_grid([(mid, date(2026, 12, 8))], "E SOH")
    settle(window)
    rest = [f for f in window.all_findings() if f.rule == "rest-11h" and f.member_id == mid]
    assert rest and "5 h between Late-late" in rest[0].message
    severity = window.model.data(window.model.index(row, 1), 256 + 1)
    assert severity in ("warn", "block")
    texts = [window.dock.list.item(i).text() for i in range(window.dock.list.count())]
    assert rest[0].message in texts
    window.view.setCurrentIndex(window.model.index(0, 6))
    window.jump_to(mid, date(2026, 12, 8))
    assert window.model.key(window.view.currentIndex()) == (mid, date(2026, 12, 8))
    window.undo_stack.undo()
    settle(window)
    assert not [f for f in window.all_findings() if f.rule == "rest-11h" and f.member_id == mid]


def test_undo_survives_week_navigation(window: MainWindow) -> None:
    row = first_pc_row(window)
    mid = window.model.rows[row].member.id
    window.set_cells_from_grid([(mid, WEEK)], "TR")
    settle(window)
    window.move_weeks(1)
    settle(window)
    assert window.model.days[0] == date(2026, 12, 14)
    window.undo_stack.undo()
    settle(window)
    window.move_weeks(-1)
    settle(window)
    assert window.model.data(window.model.index_of(mid, WEEK)) != "TR"


def test_filter_finds_people_by_name_or_number(window: MainWindow, qtbot: QtBot) -> None:
    member = window.model.rows[5].member
    qtbot.keyClicks(window.filter_edit, member.shoulder_number.lower())
    assert [r.member.id for r in window.model.rows] == [member.id]
    window.filter_edit.clear()
    assert window.model.rowCount() > 200


def test_publish_offers_three_months_then_changes_are_recorded(window: MainWindow) -> None:
    from rosterapp.services.periods import list_changes, list_periods
    from rosterapp.ui.dialogs.form import FormDialog

    seen: list[FormDialog] = []

    def accept(dialog: FormDialog) -> bool:
        seen.append(dialog)
        dialog.ui.buttons.accepted.emit()
        settle(window)
        return dialog.result() == FormDialog.DialogCode.Accepted

    window.open_dialog = accept  # type: ignore[method-assign]
    window.publish()
    settle(window)
    (dialog,) = seen
    # Three months from the first day shown, to the end of that week (Annex E).
    assert dialog.chosen() == (WEEK, date(2027, 3, 7))
    assert "at least the 3 months Annex E asks for" in dialog.ui.span.text()
    assert "Annex E ask for a month's notice" in dialog.ui.notice.text()  # under a month
    assert any(
        p.start_date == WEEK and p.end_date == date(2027, 3, 7)
        for p in list_periods(window.db, "WE")
    )
    assert "Published" in window.period_label.text()
    row = first_pc_row(window)
    mid = window.model.rows[row].member.id
    window.set_cells_from_grid([(mid, WEEK)], "AID")
    settle(window)
    assert [c.new_code for c in list_changes(window.db, "WE", WEEK, WEEK)] == ["AID"]


def test_copy_previous_week_fills_empty_cells_only(window: MainWindow) -> None:
    row = first_pc_row(window)
    mid = window.model.rows[row].member.id
    window.move_weeks(1)  # 14 Dec: beyond the demo's four weeks, empty
    settle(window)
    assert window.model.data(window.model.index(row, 0)) == ""
    window.copy_previous_week()
    settle(window)
    assert window.model.data(window.model.index_of(mid, date(2026, 12, 14))) != ""
    window.undo_stack.undo()
    settle(window)
    assert window.model.data(window.model.index_of(mid, date(2026, 12, 14))) == ""


def test_four_week_view(window: MainWindow) -> None:
    window.weeks_box.setCurrentIndex(2)
    settle(window)
    assert len(window.model.days) == 28
    window.weeks_box.setCurrentIndex(0)
    settle(window)


def test_accept_a_warning_from_the_findings_panel(window: MainWindow) -> None:
    row = first_pc_row(window)
    mid = window.model.rows[row].member.id
    window.set_cells_from_grid([(mid, date(2026, 12, 7))], "LL SOH")
    settle(window)
    window.set_cells_from_grid([(mid, date(2026, 12, 8))], "E SOH")
    settle(window)
    lst = window.dock.list
    i = next(
        i
        for i in range(lst.count())
        if "5 h between Late-late" in lst.item(i).text()
        and window.model.rows[row].member.full_name in lst.item(i).text()
    )
    lst.setCurrentRow(i)
    assert window.dock.accept_button.isEnabled()
    window.ask_reason = lambda finding: "Event cover agreed"  # type: ignore[method-assign]
    window.dock.accept_button.click()
    settle(window)
    texts = [lst.item(k).text() for k in range(lst.count())]
    assert any("✓ Accepted: Event cover agreed" in t for t in texts)
    marked = window.model.findings_by_cell.get((mid, date(2026, 12, 8)), [])
    assert not [f for f in marked if f.rule == "rest-11h"]  # accepted: no marker


def test_fill_down_and_drag_the_fill_handle(window: MainWindow, qtbot: QtBot) -> None:
    from PySide6.QtCore import QPoint

    row = first_pc_row(window)
    window.set_cells_from_grid([window.model.key(window.model.index(row, 0))], "N SOH")
    settle(window)
    sel = window.view.selectionModel()
    window.view.setCurrentIndex(window.model.index(row, 0))
    for r in range(row, row + 3):
        sel.select(window.model.index(r, 0), sel.SelectionFlag.Select)
    window.view.fill_down()
    settle(window)
    assert [stored(window, r, 0) for r in range(row, row + 3)] == ["N SOH"] * 3
    steps = window.undo_stack.count()
    # Drag the handle of the current cell two days to the right.
    window.view.setCurrentIndex(window.model.index(row, 0))
    window.view.scrollTo(window.model.index(row, 0))
    rect = window.view.visualRect(window.model.index(row, 0))
    target = window.view.visualRect(window.model.index(row, 2)).center()
    vp = window.view.viewport()
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=rect.bottomRight() - QPoint(2, 2))
    qtbot.mouseMove(vp, target)
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=target)
    settle(window)
    assert [stored(window, row, c) for c in range(3)] == ["N SOH"] * 3
    assert window.undo_stack.count() == steps + 1


def test_two_windows_on_one_file_never_overwrite_silently(window: MainWindow, qtbot: QtBot) -> None:
    from rosterapp.storage import Database

    other_db = Database.open(window.db.display_name)
    other = MainWindow(other_db, team="WE", week=WEEK)
    qtbot.add_widget(other)
    row = first_pc_row(window)
    key = window.model.key(window.model.index(row, 0))
    settle(other)
    other.set_cells_from_grid([key], "TR")  # the other sergeant saves first
    settle(other)
    asked: list[str] = []
    window.resolve_conflict = lambda message: asked.append(message) or "reload"  # type: ignore[method-assign]
    window.set_cells_from_grid([key], "AL")
    settle(window)
    assert asked and "was changed by" in asked[0] and "TR" in asked[0]
    assert window.model.data(window.model.index_of(*key)) == "TR"  # reloaded, nothing lost
    # The other window can still undo its own edit: nobody has changed the cell since.
    other.undo_stack.undo()
    settle(other)
    assert stored(other, row, 0) != "TR"
    other.close()
    other_db.close()


def test_undo_is_refused_when_someone_changed_the_cell_since(
    window: MainWindow, qtbot: QtBot
) -> None:
    from rosterapp.domain.grid import CellEdit
    from rosterapp.services.roster.edits import set_cells as service_set

    row = first_pc_row(window)
    key = window.model.key(window.model.index(row, 0))
    window.set_cells_from_grid([key], "TR")
    settle(window)
    service_set(window.db, "WE", [CellEdit(key[0], key[1], "CT")])  # another user
    window.undo_stack.undo()
    settle(window)
    assert "cannot undo" in window.statusBar().currentMessage()
    assert stored(window, row, 0) == "CT"


def test_changes_by_others_appear_without_losing_the_cursor(window: MainWindow) -> None:
    from rosterapp.domain.grid import CellEdit
    from rosterapp.services.roster.edits import set_cells as service_set

    row = first_pc_row(window)
    window.view.setCurrentIndex(window.model.index(row + 2, 3))
    window.poll_for_changes()
    settle(window)
    assert "saved by others" not in window.statusBar().currentMessage()  # nothing new yet
    key = window.model.key(window.model.index(row, 0))
    service_set(window.db, "WE", [CellEdit(key[0], key[1], "CT")])  # someone else saves
    assert window.poll_for_changes() is not None
    settle(window)
    assert "Updated with changes saved by others" in window.statusBar().currentMessage()
    assert window.model.data(window.model.index(row, 0)) == "CT"
    assert (window.view.currentIndex().row(), window.view.currentIndex().column()) == (row + 2, 3)
    window.set_cells_from_grid([key], "TR")  # our own edit is not "new" to us
    assert not window.poll_for_changes()


def test_told_at_decides_the_compensation_of_a_change(window: MainWindow) -> None:
    from rosterapp.services.periods import list_changes

    window.move_weeks(-1)  # 30 Nov: a published week of the demo
    settle(window)
    row = first_pc_row(window)
    col = next(c for c in range(7) if window.model.data(window.model.index(row, c)) == "RD")
    mid, day = window.model.key(window.model.index(row, col))
    assert not window.set_told_at("not a time")
    assert window.set_told_at((day - timedelta(days=20)).isoformat() + " 09:00")
    window.set_cells_from_grid([(mid, day)], "E")
    settle(window)
    (change,) = [c for c in list_changes(window.db, "WE", day, day) if c.member_id == mid]
    assert change.compensation_class == "rest-day-replacement"  # 19 clear days' notice
    assert [f for f in window.all_findings() if f.rule == "change-notice" and f.member_id == mid]


def test_daily_backups_keep_the_number_set(window: MainWindow) -> None:
    window.settings.setValue("backups/keep", 3)
    assert window.backups_to_keep() == 3
    window.settings.setValue("backups/keep", "many")
    assert window.backups_to_keep() == 14
    window.settings.remove("backups/keep")


def test_findings_panel_filters_counts_and_groups(window: MainWindow) -> None:
    row = first_pc_row(window)
    member = window.model.rows[row].member
    window.set_cells_from_grid([(member.id, date(2026, 12, 7))], "LL SOH")
    settle(window)
    window.set_cells_from_grid([(member.id, date(2026, 12, 8))], "E SOH")
    settle(window)
    dock = window.dock
    lst = dock.list
    texts = [lst.item(i).text() for i in range(lst.count())]
    assert not [t for t in texts if "people required" in t]  # cover is in the cover panel
    assert "listed" in dock.summary.text()
    at = dock.rule_filter.findData("rest-11h")
    assert at > 0 and "(" in dock.rule_filter.itemText(at)  # a count per rule
    dock.rule_filter.setCurrentIndex(at)
    shown = [lst.item(i).text() for i in range(lst.count())]
    assert shown and all("between" in t for t in shown)
    dock.person_filter.setCurrentIndex(dock.person_filter.findData(member.shoulder_number))
    shown = [lst.item(i).text() for i in range(lst.count())]
    assert len(shown) == 1 and "5 h between Late-late" in shown[0]
    dock.rule_filter.setCurrentIndex(0)
    dock.group.setChecked(True)
    assert "—" in lst.item(0).text()  # a rule's header with its count
    window.grab().save("/tmp/rt_findings.png")


def test_publishing_with_blocking_findings_is_refused_with_the_list(window: MainWindow) -> None:
    from rosterapp.domain.enums import AbsenceKind
    from rosterapp.services.absences import add_absence
    from rosterapp.services.periods import list_periods

    member = window.model.rows[first_pc_row(window)].member
    add_absence(window.db, member.shoulder_number, AbsenceKind.SICK, WEEK, WEEK)
    window.reload()
    settle(window)
    window.set_cells_from_grid([(member.id, WEEK)], "E SOH")  # a duty on a day off sick
    settle(window)
    blocking = [f for f in window.all_findings() if f.severity.value == "block"]
    assert blocking
    told: list[str] = []
    window.tell = lambda title, text: told.append(text)  # type: ignore[method-assign]
    window.open_dialog = lambda dialog: True  # type: ignore[method-assign]
    window.publish()
    settle(window)
    assert told and "cannot be published" in told[0] and blocking[0].message in told[0]
    assert not any(p.start_date == WEEK for p in list_periods(window.db, "WE"))
