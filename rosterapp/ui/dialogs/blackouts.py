"""The team's blackout periods: dates it grants no leave without an audited override
(Notting Hill Carnival, Christmas). Listed earliest first; add one or remove one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rosterapp.domain.requests import BlackoutInfo
from rosterapp.services.blackouts import list_blackouts, remove_blackout
from rosterapp.services.requests import add_blackout
from rosterapp.storage import Database
from rosterapp.ui.dialogs.fields import to_follows_from, typeable_dates
from rosterapp.ui.operations import Changes, Operations, sentence
from rosterapp.ui.palette import error_style
from rosterapp.ui.qdates import from_qdate, to_qdate

COLUMNS = ("From", "To", "Reason")


class BlackoutsDialog(QDialog):
    def __init__(
        self, ops: Operations, team: str, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Blackout periods — {team}")
        self.resize(760, 400)
        self.ops, self.team = ops, team
        self.rows: list[BlackoutInfo] = []
        layout = QVBoxLayout(self)
        hint = QLabel(
            "Leave asked for on these dates is approved only with a reason, which the audit "
            "trail keeps. Removing a blackout leaves decisions already made as they are.",
            self,
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setAccessibleName("Blackout periods")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        for column in (0, 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        layout.addWidget(self.table)
        layout.addLayout(self._add_row(today))
        self.error = QLabel(self)
        self.error.setStyleSheet(error_style(bold=True))
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        typeable_dates(self)
        self.refresh()

    def _add_row(self, today: date) -> QHBoxLayout:
        row = QHBoxLayout()
        self.start, self.end = QDateEdit(self), QDateEdit(self)
        for edit, name in ((self.start, "From"), (self.end, "To")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("ddd d MMM yyyy")
            edit.setAccessibleName(name)
        self.start.setDate(to_qdate(today))
        self.end.setDate(to_qdate(today + timedelta(days=1)))
        to_follows_from(self.start, self.end)
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText("Reason, e.g. Notting Hill Carnival")
        self.reason.setMaxLength(200)
        self.reason.setAccessibleName("Reason")
        self.add_button = QPushButton("&Add", self)
        self.remove_button = QPushButton("&Remove", self)
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove_selected)
        self.reason.returnPressed.connect(self.add)
        for w in (self.start, self.end, self.reason, self.add_button, self.remove_button):
            row.addWidget(w, 1 if w is self.reason else 0)
        return row

    def refresh(self) -> None:
        team = self.team
        self.ops.query(lambda db: list_blackouts(db, team)).success(self._show).failure(
            lambda exc: self.error.setText(sentence(exc))
        ).run()

    def _show(self, rows: list[BlackoutInfo]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for i, b in enumerate(rows):
            for j, text in enumerate((f"{b.start:%a %d %b %Y}", f"{b.end:%a %d %b %Y}", b.reason)):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.remove_button.setEnabled(bool(rows))

    def add(self) -> None:
        team, reason = self.team, self.reason.text()
        start, end = from_qdate(self.start.date()), from_qdate(self.end.date())
        self._save(lambda db: add_blackout(db, team, start, end, reason), self.reason.clear)

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.rows):
            self.error.setText("Choose a blackout first")
            return
        team, bid = self.team, self.rows[row].id
        self._save(lambda db: remove_blackout(db, team, bid), lambda: None)

    def _save(self, fn: Callable[[Database], object], then: Callable[[], None]) -> None:
        def done(_result: object) -> None:
            self.error.setText("")
            then()
            self.refresh()

        self.ops.write(fn, Changes()).success(done).failure(
            lambda exc: self.error.setText(sentence(exc)[:1].upper() + sentence(exc)[1:])
        ).run()
