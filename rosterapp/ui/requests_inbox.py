"""The requests inbox: a team's requests oldest first with their state; the selected
one's impact (cover before and after, the findings the change would bring, the leave
limit, blackouts, the balance); approve or decline with a reason, withdraw a pending
request or cancel a granted one — each decision one undo step."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from rosterapp.domain.requests import RequestInfo, RequestStatus
from rosterapp.services.errors import ServiceError
from rosterapp.services.request_decisions import Impact, impact
from rosterapp.services.requests import add_request, list_requests
from rosterapp.ui.new_request import NewRequestDialog
from rosterapp.ui.operations import Changes, Operations, sentence
from rosterapp.ui.request_dialogs import DecisionDialog, impact_html
from rosterapp.ui.request_undo import cancel_with_undo, decide_with_undo, withdraw_with_undo

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Officer", "Request", "Dates", "State", "Asked")
# The dock's narrowest, leaving the grid its room; its rows of buttons are laid out to
# fit in it (the table scrolls sideways instead).
MIN_WIDTH = 430


class RequestsModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[RequestInfo] = []

    def set_rows(self, rows: list[RequestInfo]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        r = self.rows[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return r.id
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return r.note or r.decision_reason or None
        col = index.column()
        if col == 0:
            return f"{r.shoulder_number} {r.member_name.split()[-1]}"
        if col == 1:
            extra = r.shift or (f"with {r.with_shoulder}" if r.with_shoulder else "")
            return f"{r.kind.label} {extra}".strip()
        if col == 2:
            return _day(r.start) + ("" if r.end == r.start else f" – {_day(r.end)}")
        if col == 3:
            return r.status.value.capitalize()
        return f"{r.asked_at:%d %b %H:%M}"


def _summary(r: RequestInfo) -> str:
    dates = _day(r.start) + ("" if r.end == r.start else f" – {_day(r.end)}")
    return f"the {r.kind.label.lower()} request of {r.member_name} ({dates})"


def _day(d: date) -> str:
    return f"{d:%a} {d.day} {d:%b}"


class InboxDock(QDockWidget):
    """Docked beside the roster; `team` says whose requests, `changed` that a decision
    was saved (the window reloads the week)."""

    changed = Signal()

    def __init__(
        self,
        ops: Operations,
        undo_stack: QUndoStack,
        team: Callable[[], str | None],
        parent: QWidget | None = None,
        people: Callable[[], list[str]] = list,
    ) -> None:
        super().__init__("Requests", parent)
        self.setObjectName("requestsDock")
        self.setMinimumWidth(MIN_WIDTH)
        self.ops, self.undo_stack, self.team, self.people = ops, undo_stack, team, people
        self.current: Impact | None = None
        self.may_ask = self.may_decide = True  # until the connected login's rights are known
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.addLayout(self._build_top(body))
        layout.addWidget(self._build_views(body), 1)
        layout.addLayout(self._build_decisions(body))
        self.setWidget(body)
        self._connect()
        self._buttons()

    def _build_top(self, body: QWidget) -> QHBoxLayout:
        """What to list, and a new request."""
        top = QHBoxLayout()
        self.status_box = QComboBox(body)
        self.status_box.setAccessibleName("Show requests")
        self.status_box.addItem("Pending", RequestStatus.PENDING.value)
        self.status_box.addItem("All", "")
        top.addWidget(self.status_box)
        top.addStretch(1)
        self.new_button = QPushButton("&New…", body)
        self.new_button.setToolTip("Enter a request for an officer")
        top.addWidget(self.new_button)
        return top

    def _build_views(self, body: QWidget) -> QSplitter:
        split = QSplitter(Qt.Orientation.Vertical, body)
        self.model = RequestsModel(self)
        self.table = QTableView(split)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAccessibleName("Requests")
        self.impact_view = QTextBrowser(split)
        self.impact_view.setAccessibleName("Impact of the selected request")
        return split

    def _build_decisions(self, body: QWidget) -> QHBoxLayout:
        """The decisions on the selected request, under its impact (read, then decide),
        in a row of their own: in one row with the filter and New… the six controls
        held the dock 94 px wider than MIN_WIDTH, the last one against its edge."""
        row = QHBoxLayout()
        self.approve_button = QPushButton("&Approve…", body)
        self.decline_button = QPushButton("&Decline…", body)
        self.withdraw_button = QPushButton("&Withdraw", body)
        self.withdraw_button.setToolTip("The officer no longer wants this pending request")
        self.cancel_button = QPushButton("Ca&ncel…", body)
        self.cancel_button.setToolTip(
            "The officer no longer needs this granted request: leave, TOIL or a day in "
            "lieu is given back"
        )
        row.addWidget(self.approve_button)
        row.addWidget(self.decline_button)
        row.addStretch(1)
        row.addWidget(self.withdraw_button)
        row.addWidget(self.cancel_button)
        return row

    def _connect(self) -> None:
        self.status_box.currentIndexChanged.connect(lambda *_: self.refresh())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._selected())
        self.new_button.clicked.connect(self.new_request)
        self.approve_button.clicked.connect(lambda: self.decide(approve=True))
        self.decline_button.clicked.connect(lambda: self.decide(approve=False))
        self.withdraw_button.clicked.connect(self.withdraw)
        self.cancel_button.clicked.connect(self.cancel)

    def refresh(self) -> None:
        team = self.team()
        if team is None:
            return
        wanted = self.status_box.currentData()
        status = RequestStatus(wanted) if wanted else None
        self.ops.query(lambda db: list_requests(db, team, status), key="requests").success(
            self._show
        ).failure(lambda exc: self.impact_view.setPlainText(sentence(exc))).run()

    def _show(self, rows: list[RequestInfo]) -> None:
        keep = self.current.request.id if self.current else None
        self.model.set_rows(rows)
        self.current = None
        for i, r in enumerate(rows):
            if r.id == keep:
                self.table.selectRow(i)
                break
        else:
            self.impact_view.setPlainText(f"{len(rows)} request(s). Select one to see its impact.")
        self._buttons()

    def selected(self) -> RequestInfo | None:
        idx = self.table.currentIndex()
        return self.model.rows[idx.row()] if idx.isValid() else None

    def _selected(self) -> None:
        r = self.selected()
        self.current = None
        self._buttons()
        if r is None:
            return
        self.impact_view.setPlainText("Working out the impact…")
        self.ops.query(lambda db: impact(db, r.id), key="request-impact").success(
            self._show_impact
        ).failure(lambda exc: self.impact_view.setPlainText(sentence(exc))).run()

    def _show_impact(self, found: Impact) -> None:
        self.current = found
        self.impact_view.setHtml(impact_html(found))
        self._buttons()

    def set_rights(self, *, ask: bool, decide: bool, why: str) -> None:
        """What the connected login may do here (a shared database's roles)."""
        self.may_ask, self.may_decide = ask, decide
        self.new_button.setToolTip("Enter a request for an officer" if ask else why)
        for button in (self.approve_button, self.decline_button):
            button.setToolTip("" if decide else why)
        self._buttons()

    def _buttons(self) -> None:
        pending = self.current is not None and self.current.request.status is RequestStatus.PENDING
        approved = (
            self.current is not None and self.current.request.status is RequestStatus.APPROVED
        )
        self.new_button.setEnabled(self.may_ask)
        self.approve_button.setEnabled(pending and self.may_decide)
        self.decline_button.setEnabled(pending and self.may_decide)
        # Withdrawing or cancelling is a decision on the request too.
        self.withdraw_button.setEnabled(pending and self.may_decide)
        self.cancel_button.setEnabled(approved and self.may_decide)

    def decide(self, *, approve: bool) -> None:
        found = self.current
        if found is None:
            return
        dialog = DecisionDialog(found, approve=approve, parent=self)
        if not dialog.exec():
            return
        decide_with_undo(
            self.ops,
            self.undo_stack,
            found.request,
            approve=approve,
            reason=dialog.reason(),
            override=dialog.override(),
            done=self._decided,
        )

    def withdraw(self) -> None:
        """A pending request the officer no longer wants; one undo step."""
        found = self.current
        if found is None or not self.ask_yes(
            "Withdraw request", f"Withdraw {_summary(found.request)}? It stays listed as withdrawn."
        ):
            return
        withdraw_with_undo(self.ops, self.undo_stack, found.request, self._decided)

    def cancel(self) -> None:
        """A granted request given back: the absence goes, the cells stay for the
        sergeant; one undo step (undo grants it again)."""
        found = self.current
        if found is None:
            return
        reason = self.ask_reason(
            "Cancel request",
            f"Cancel {_summary(found.request)}? Leave, TOIL or a day in lieu is given back; "
            "the roster's cells stay as they are for you to change.\n\nReason:",
        )
        if reason is None:
            return
        cancel_with_undo(self.ops, self.undo_stack, found.request, reason or None, self._decided)

    def ask_yes(self, title: str, text: str) -> bool:
        """Tests replace this and ask_reason to answer for the user."""
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def ask_reason(self, title: str, text: str) -> str | None:
        reason, ok = QInputDialog.getText(self, title, text)
        return reason.strip() if ok else None

    def new_request(self) -> None:
        """Enter a request; a refusal keeps the dialog open with the field focused."""
        self.new_dialog = NewRequestDialog(self.people(), date.today(), self)
        self.new_dialog.accepted.connect(self._save_new)
        self.new_dialog.open()

    def _save_new(self) -> None:
        dialog = self.new_dialog
        req = dialog.request()

        def refused(exc: BaseException) -> None:
            if not isinstance(exc, ServiceError):
                self.ops.show_failure(exc)
                return
            dialog.show_error(sentence(exc), exc.field)
            dialog.open()

        self.ops.write(lambda db: add_request(db, req), Changes()).success(
            lambda _info: self.refresh()
        ).failure(refused).run()

    def _decided(self) -> None:
        self.refresh()
        self.changed.emit()
