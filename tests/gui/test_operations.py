"""The database worker: the window keeps painting and taking keys while it is busy."""

from __future__ import annotations

import threading
from datetime import timedelta

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from rosterapp.services.errors import InvalidInput
from rosterapp.ui.mainwindow import MainWindow
from rosterapp.ui.operations import Changes
from tests.gui.conftest import settle


class PaintCounter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


def test_a_blocked_worker_leaves_the_window_painting_and_typing(
    window: MainWindow, qtbot: QtBot
) -> None:
    started, gate = threading.Event(), threading.Event()
    got: list[str] = []

    def blocked(db: object) -> str:
        started.set()
        assert gate.wait(20), "the test never released the worker"
        return "released"

    window.ops.query(blocked).success(got.append).run()
    qtbot.waitUntil(started.is_set)
    first = window.model.days[0]
    window.move_weeks(1)  # queued behind the blocked op: the old week stays on screen
    # The window repaints...
    counter = PaintCounter()
    window.view.viewport().installEventFilter(counter)
    window.view.viewport().update()
    qtbot.waitUntil(lambda: counter.paints > 0)
    # ...and takes keys: typing in the filter narrows the grid at once.
    member = window.model.rows[3].member
    qtbot.keyClicks(window.filter_edit, member.shoulder_number)
    assert window.filter_edit.text() == member.shoulder_number
    assert [r.member.id for r in window.model.rows] == [member.id]
    assert not got and window.model.days[0] == first and not window.ops.idle
    gate.set()
    settle(window)
    assert got == ["released"]
    assert window.model.days[0] == first + timedelta(days=7)  # the week switch then landed
    assert [r.member.id for r in window.model.rows] == [member.id]  # filter kept
    window.view.viewport().removeEventFilter(counter)


def test_every_op_runs_on_one_worker_thread_in_order(window: MainWindow) -> None:
    seen: list[tuple[int, int]] = []
    for i in range(5):
        window.ops.query(lambda db, i=i: seen.append((i, threading.get_ident()))).run()
    settle(window)
    assert [i for i, _ in seen] == list(range(5))
    threads = {t for _, t in seen}
    assert len(threads) == 1 and threading.get_ident() not in threads


def test_a_write_broadcasts_what_it_changed(window: MainWindow, qtbot: QtBot) -> None:
    with qtbot.waitSignal(window.ops.changed, timeout=10_000) as blocker:
        window.ops.write(lambda db: 42, Changes(week=True)).run()
    assert blocker.args == [Changes(week=True)]
    settle(window)


def test_a_failure_carries_the_error_and_says_a_sentence(window: MainWindow, qtbot: QtBot) -> None:
    refused = InvalidInput("the shift code 'ZZ' is unknown")

    def refuse(db: object) -> None:
        raise refused

    op = window.ops.write(refuse, Changes(week=True))
    with qtbot.waitSignal(op.failed, timeout=10_000) as blocker:
        op.run()
    assert blocker.args[0] is refused  # the object, not its text parsed again

    def crash(db: object) -> None:
        raise KeyError("boom")

    window.ops.query(crash).run()
    settle(window)
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert boxes, "an op nobody handles shows a popup"
    text = boxes[-1].text()
    assert "Unexpected error: 'boom' (details in" in text and "Traceback" not in text
    for box in boxes:
        box.close()


def test_a_newer_query_makes_an_older_one_moot(window: MainWindow) -> None:
    gate = threading.Event()
    got: list[str] = []
    window.ops.query(lambda db: gate.wait(20)).run()  # hold the worker
    window.ops.query(lambda db: "old", key="k").success(got.append).run()
    window.ops.query(lambda db: "new", key="k").success(got.append).run()
    gate.set()
    settle(window)
    assert got == ["new"]


def test_closing_the_window_stops_long_work(window: MainWindow, qtbot: QtBot) -> None:
    stopped = threading.Event()

    def long(db: object, progress) -> None:  # type: ignore[no-untyped-def]
        while progress(0, 1):
            threading.Event().wait(0.01)
        stopped.set()

    window.ops.job(long).run()
    qtbot.wait(50)
    window.close()
    assert stopped.is_set()  # cancelled and waited for, before the window went


def test_edits_typed_before_the_last_save_landed_see_it(window: MainWindow, qtbot: QtBot) -> None:
    """Two codes typed into one cell while the worker is busy: the second is checked
    against the first one's save (no 'changed by someone else'), and Ctrl+Z pressed
    straight after undoes the second, not the step before it."""
    from tests.gui.test_workspace import first_pc_row, stored

    row = first_pc_row(window)
    key = window.model.key(window.model.index(row, 0))
    before = stored(window, row, 0)
    asked: list[str] = []
    window.resolve_conflict = lambda message: asked.append(message) or "cancel"  # type: ignore[method-assign]
    window.set_cells_from_grid([window.model.key(window.model.index(row + 1, 0))], "TR")
    settle(window)  # an earlier step, so that Ctrl+Z is enabled
    gate = threading.Event()
    window.ops.query(lambda db: gate.wait(20)).run()
    window.set_cells_from_grid([key], "E")
    window.set_cells_from_grid([key], "L")
    window.actions_by_name["undo"].trigger()  # Ctrl+Z before either has been saved
    gate.set()
    settle(window)
    assert not asked
    assert stored(window, row, 0) == "E" and window.model.data(
        window.model.index_of(*key)
    ).startswith("E")
    assert window.undo_stack.count() == 3 and window.undo_stack.index() == 2
    window.undo_stack.undo()
    settle(window)
    assert stored(window, row, 0) == before


def test_the_gui_thread_runs_no_sql(window: MainWindow, qtbot: QtBot) -> None:
    """Every statement of a week switch, an edit, undo, redo, the poll, a form save and
    the audit trail runs on the worker (recorded by the engine itself)."""
    import sqlalchemy as sa

    from rosterapp.ui.audit_view import AuditDialog
    from tests.gui.test_dialogs import drive
    from tests.gui.test_workspace import first_pc_row

    on_gui: list[str] = []
    on_worker: list[str] = []
    gui = threading.get_ident()

    def record(conn, cursor, statement, *args) -> None:  # type: ignore[no-untyped-def]
        (on_gui if threading.get_ident() == gui else on_worker).append(statement)

    sa.event.listen(window.db.engine, "before_cursor_execute", record)
    try:
        window.move_weeks(1)
        window.move_weeks(-1)
        row = first_pc_row(window)
        window.set_cells_from_grid([window.model.key(window.model.index(row, 0))], "TR")
        settle(window)
        window.undo_stack.undo()
        settle(window)
        window.undo_stack.redo()
        window.poll_for_changes()
        settle(window)
        window.view.setCurrentIndex(window.model.index(row, 0))
        drive(window, lambda d: d.ui.role.setCurrentText("Schools officer"))
        window.edit_member()
        settle(window)
        AuditDialog(window.ops, "WE", window.first_day, window.last_day, window).close()
        settle(window)
    finally:
        sa.event.remove(window.db.engine, "before_cursor_execute", record)
    assert on_gui == []
    assert len(on_worker) > 20  # the listener saw the work
    assert window.model.rows[row].member.role == "Schools officer"
