"""The requests inbox driven with pytest-qt: 30 pending requests listed oldest first,
the impact of the selected one, approve, decline (with a reason), withdraw and cancel,
each one undo step, and no button cut off at the dock's narrowest."""

from __future__ import annotations

import json
import os
from datetime import timedelta
from pathlib import Path

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlmodel import select

from rosterapp.domain.requests import RequestKind, RequestStatus
from rosterapp.services.request_decisions import impact
from rosterapp.services.requests import NewRequest, add_request, list_requests
from rosterapp.services.roster.grid import read_grid
from rosterapp.ui import requests_inbox
from rosterapp.ui.mainwindow import MainWindow
from rosterapp.ui.qdates import to_qdate
from rosterapp.ui.request_dialogs import DecisionDialog
from tests.conftest import DEMO_START
from tests.gui.conftest import settle

WEEK = DEMO_START + timedelta(days=14)


def _thirty(window: MainWindow) -> list[str]:
    db = window.ops.db
    grid = read_grid(db, "WE", WEEK, WEEK + timedelta(days=6))
    people = [r.member.shoulder_number for r in grid.rows[:30]]
    for i, sn in enumerate(people):
        add_request(
            db,
            NewRequest(
                sn,
                RequestKind.REST_DAY,
                WEEK + timedelta(days=i % 7),
                note="childcare" if i % 3 == 0 else None,
            ),
        )
    return people


def test_inbox_lists_pending_shows_impact_and_approves_as_one_undo_step(
    window: MainWindow,
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    monkeypatch: object,
    tmp_path: Path,
) -> None:
    people = _thirty(window)
    inbox = window.inbox
    inbox.show()
    inbox.raise_()
    inbox.refresh()
    settle(window)
    assert inbox.model.rowCount() == 30
    qtmodeltester.check(inbox.model)
    assert [r.shoulder_number for r in inbox.model.rows] == people  # oldest first
    inbox.table.selectRow(0)
    settle(window)
    assert inbox.current is not None and inbox.current.request.shoulder_number == people[0]
    assert "Team leave limit" in inbox.impact_view.toPlainText()
    assert inbox.approve_button.isEnabled()
    shots = Path(os.environ.get("ROSTERAPP_SHOTS", tmp_path))
    window.resize(1500, 900)
    window.grab().save(str(shots / "inbox.png"))

    class Approving(DecisionDialog):
        def exec(self) -> int:
            self.grab().save(str(shots / "decision.png"))
            self.reason_edit.setText("agreed at briefing")
            return 1

    monkeypatch.setattr(requests_inbox, "DecisionDialog", Approving)  # type: ignore[attr-defined]
    first = inbox.current.request
    inbox.approve_button.click()
    settle(window)
    db = window.ops.db
    done = next(r for r in list_requests(db, "WE") if r.id == first.id)
    assert done.status is RequestStatus.APPROVED and done.decision_reason == "agreed at briefing"
    assert inbox.model.rowCount() == 29
    cell = read_grid(db, "WE", first.start, first.start).cell(first.member_id, first.start)
    assert cell is not None and cell.code == "RD"
    assert window.undo_stack.count() == 1
    window.undo_stack.undo()
    settle(window)
    again = next(r for r in list_requests(db, "WE") if r.id == first.id)
    assert again.status is RequestStatus.PENDING


def test_decision_dialog_needs_an_override_reason_for_a_blackout(
    window: MainWindow, qtbot: QtBot
) -> None:
    from rosterapp.services.requests import add_blackout

    db = window.ops.db
    sn = read_grid(db, "WE", WEEK, WEEK).rows[0].member.shoulder_number
    add_blackout(db, "WE", WEEK, WEEK + timedelta(days=6), "Christmas lights switch-on")
    req = add_request(db, NewRequest(sn, RequestKind.LEAVE, WEEK + timedelta(days=2)))
    found = impact(db, req.id)
    dialog = DecisionDialog(found, approve=True)
    qtbot.add_widget(dialog)
    ok = dialog.buttons.buttons()[0]
    assert "blackout" in found.overridable[-1] and not ok.isEnabled()
    dialog.override_edit.setText("booked before the blackout was set")
    assert ok.isEnabled() and dialog.override() == "booked before the blackout was set"


def test_new_request_dialog_names_the_wrong_field_then_saves(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    inbox = window.inbox
    inbox.new_button.click()
    dialog = inbox.new_dialog
    for edit in (dialog.shift_edit, dialog.with_edit):  # every hint is read whole
        hint = edit.fontMetrics().horizontalAdvance(edit.placeholderText())
        qtbot.waitUntil(lambda e=edit, h=hint: e.contentsRect().width() > h)
    sn = window.model.grid.rows[3].member.shoulder_number  # type: ignore[union-attr]
    dialog.member_edit.setText(sn)
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("shift"))
    dialog.from_edit.setDate(to_qdate(WEEK))
    dialog.shift_edit.setText("ZZ")
    dialog.accept()
    settle(window)
    assert "not a tour of duty" in dialog.error_label.text() and dialog.isVisible()
    shots = Path(os.environ.get("ROSTERAPP_SHOTS", tmp_path))
    dialog.grab().save(str(shots / "new-request.png"))
    dialog.shift_edit.setText("E")
    dialog.accept()
    settle(window)
    rows = list_requests(window.ops.db, "WE")
    assert [(r.shoulder_number, r.kind, r.shift, r.start) for r in rows] == [
        (sn, RequestKind.SHIFT, "E", WEEK)
    ]
    assert [r.shoulder_number for r in inbox.model.rows] == [sn]


def test_member_dialog_shows_the_balance_and_saves_the_service_start(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    from datetime import date

    from rosterapp.services.members import get_member
    from rosterapp.ui.dialogs.member import MemberDialog

    member = window.model.grid.rows[5].member  # type: ignore[union-attr]
    dialog = MemberDialog(window.ops, "WE", member, window)
    qtbot.add_widget(dialog)
    dialog.show()
    settle(window)
    label = dialog.ui.balance
    assert "days," in label.text() and "left" in label.text() and "owed" in label.text()
    # The balances come after the form is shown: it grows to hold every line of them.
    qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width()))
    dialog.ui.serviceStart.setText("2003-09-01")
    dialog.submit()
    settle(window)
    saved = get_member(window.ops.db, member.shoulder_number)
    assert saved.service_start == date(2003, 9, 1)
    dialog.grab().save(str(Path(os.environ.get("ROSTERAPP_SHOTS", tmp_path)) / "member.png"))


def _states(db: object) -> dict[int | None, RequestStatus]:
    return {r.id: r.status for r in list_requests(db, "WE")}  # type: ignore[arg-type]


def _on_leave(db: object, shoulder_number: str) -> bool:
    from rosterapp.services.absences import list_absences

    week = list_absences(db, "WE", WEEK, WEEK + timedelta(days=6))  # type: ignore[arg-type]
    return any(x.shoulder_number == shoulder_number for x in week)


def _select_request(window: MainWindow, request_id: int | None) -> None:
    inbox = window.inbox
    inbox.table.selectRow(next(i for i, r in enumerate(inbox.model.rows) if r.id == request_id))
    settle(window)


def test_withdraw_a_pending_and_cancel_a_granted_request(
    window: MainWindow, monkeypatch: object
) -> None:
    from rosterapp.services.request_decisions import decide

    db = window.ops.db
    grid = read_grid(db, "WE", WEEK, WEEK)
    a, b = (r.member.shoulder_number for r in grid.rows[:2])
    pending = add_request(db, NewRequest(a, RequestKind.REST_DAY, WEEK))
    leave = add_request(db, NewRequest(b, RequestKind.LEAVE, WEEK + timedelta(days=1)))
    decide(db, leave.id, approve=True, reason="fine")
    assert _on_leave(db, b)
    inbox = window.inbox
    inbox.ask_yes = lambda title, text: True  # type: ignore[method-assign]
    inbox.ask_reason = lambda title, text: "no longer needed"  # type: ignore[method-assign]
    inbox.status_box.setCurrentIndex(inbox.status_box.findData(""))  # all requests
    settle(window)
    _select_request(window, pending.id)
    assert inbox.withdraw_button.isEnabled() and not inbox.cancel_button.isEnabled()
    inbox.withdraw_button.click()
    settle(window)
    _select_request(window, leave.id)
    assert inbox.cancel_button.isEnabled() and not inbox.withdraw_button.isEnabled()
    inbox.cancel_button.click()
    settle(window)
    assert _states(db) == {pending.id: RequestStatus.WITHDRAWN, leave.id: RequestStatus.CANCELLED}
    assert not _on_leave(db, b)
    # Each was one step on the undo stack: the cancellation is undone first (the leave
    # is granted again, with its absence), then the withdrawal (pending again).
    stack = window.undo_stack
    assert [stack.text(i) for i in range(stack.count())] == [
        f"Withdraw rest day for {a}",
        f"Cancel annual leave for {b}",
    ]
    stack.undo()
    settle(window)
    assert _states(db) == {pending.id: RequestStatus.WITHDRAWN, leave.id: RequestStatus.APPROVED}
    assert _on_leave(db, b)
    stack.undo()
    settle(window)
    assert _states(db) == {pending.id: RequestStatus.PENDING, leave.id: RequestStatus.APPROVED}
    assert stack.index() == 0
    stack.redo()  # withdrawn again
    settle(window)
    stack.redo()  # and cancelled again
    settle(window)
    assert _states(db) == {pending.id: RequestStatus.WITHDRAWN, leave.id: RequestStatus.CANCELLED}


def test_decline_with_a_reason_is_one_undo_step(window: MainWindow, monkeypatch: object) -> None:
    from rosterapp.domain.tables import AuditEvent

    db = window.ops.db
    sn = read_grid(db, "WE", WEEK, WEEK).rows[2].member.shoulder_number
    req = add_request(db, NewRequest(sn, RequestKind.SHIFT, WEEK, shift="E"))
    inbox = window.inbox
    inbox.refresh()
    settle(window)
    inbox.table.selectRow(0)
    settle(window)

    class Declining(DecisionDialog):
        def exec(self) -> int:
            assert not self.override_edit.isVisible()  # no override to decline
            self.reason_edit.setText("  cover is short that week ")
            return 1

    monkeypatch.setattr(requests_inbox, "DecisionDialog", Declining)  # type: ignore[attr-defined]
    cell_before = read_grid(db, "WE", WEEK, WEEK).cell(req.member_id, WEEK)
    inbox.decline_button.click()
    settle(window)
    (done,) = list_requests(db, "WE")
    assert done.status is RequestStatus.DECLINED
    assert done.decision_reason == "cover is short that week"
    assert read_grid(db, "WE", WEEK, WEEK).cell(req.member_id, WEEK) == cell_before
    assert inbox.model.rowCount() == 0  # pending only: a declined one leaves the list
    with db.session() as s:
        query = select(AuditEvent.reason).where(AuditEvent.action == "request.declined")
        assert s.exec(query).all() == ["cover is short that week"]
    assert window.undo_stack.text(0) == f"Decline tour for {sn}"
    window.undo_stack.undo()
    settle(window)
    assert list_requests(db, "WE")[0].status is RequestStatus.PENDING
    assert [r.id for r in inbox.model.rows] == [req.id]


def test_no_inbox_button_is_cut_off_at_the_docks_narrowest(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    from PySide6.QtCore import Qt

    inbox = window.inbox
    inbox.show()
    inbox.raise_()
    window.resize(1100, 800)
    body = inbox.widget()
    # Its content fits the dock's narrowest: one row of six controls did not, and held
    # the dock 94 px wider than that with the last button against the window's edge.
    assert body.minimumSizeHint().width() <= requests_inbox.MIN_WIDTH
    window.resizeDocks([inbox], [requests_inbox.MIN_WIDTH], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: inbox.width() == requests_inbox.MIN_WIDTH)
    # There every button is whole, inside the dock.
    for button in (
        inbox.new_button,
        inbox.approve_button,
        inbox.decline_button,
        inbox.withdraw_button,
        inbox.cancel_button,
    ):
        right = button.mapTo(body, button.rect().topRight()).x()
        assert right < body.width(), f"{button.text()} ends at {right} of {body.width()}"
        assert button.width() >= button.minimumSizeHint().width(), button.text()
    shots = Path(os.environ.get("ROSTERAPP_SHOTS", tmp_path))
    inbox.grab().save(str(shots / "inbox-narrow.png"))


def test_a_request_entered_elsewhere_reaches_the_inbox_on_the_next_poll(
    window: MainWindow,
) -> None:
    db = window.ops.db
    sn = read_grid(db, "WE", WEEK, WEEK).rows[0].member.shoulder_number
    window.inbox.refresh()
    settle(window)
    assert window.inbox.model.rowCount() == 0
    add_request(db, NewRequest(sn, RequestKind.REST_DAY, WEEK))  # another window or script
    window.poll_for_changes()
    settle(window)
    assert [r.shoulder_number for r in window.inbox.model.rows] == [sn]


def test_blackout_periods_are_added_and_removed_from_the_window(
    window: MainWindow, capsys: pytest.CaptureFixture[str]
) -> None:
    from rosterapp.cli.main import run
    from rosterapp.services.blackouts import list_blackouts

    dialog = window.list_blackouts()
    assert dialog is not None
    settle(window)
    assert dialog.table.rowCount() == 0
    dialog.start.setDate(to_qdate(WEEK))
    dialog.end.setDate(to_qdate(WEEK + timedelta(days=2)))
    dialog.reason.setText("")
    dialog.add()
    settle(window)
    assert "reason" in dialog.error.text().lower() and not list_blackouts(window.db, "WE")
    dialog.reason.setText("Christmas lights <b>switch-on</b>")
    dialog.add()
    settle(window)
    assert dialog.table.rowCount() == 1 and dialog.error.text() == ""
    assert dialog.table.item(0, 2).text() == "Christmas lights <b>switch-on</b>"  # as typed
    (saved,) = list_blackouts(window.db, "WE")
    assert (saved.start, saved.end) == (WEEK, WEEK + timedelta(days=2))
    assert (
        run(["--db", str(window.db.sqlite_path), "blackout", "list", "--team", "WE", "--json"]) == 0
    )
    assert json.loads(capsys.readouterr().out)[0]["reason"] == saved.reason
    dialog.table.selectRow(0)
    dialog.remove_selected()
    settle(window)
    assert dialog.table.rowCount() == 0 and not list_blackouts(window.db, "WE")
    dialog.close()
