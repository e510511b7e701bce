"""The team's cover requirements in force from a day on: each with its dates; add one
(or change one: a new minimum from a date), or end one (kept for the days before)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rosterapp.domain.cover import Requirement
from rosterapp.services.cover_requirements import end_requirement, list_requirements
from rosterapp.ui.operations import Changes, Operations, sentence

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Where", "Day", "Shift", "At least", "Rank", "Skill", "From", "Until")
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _day(d: date | None, none: str) -> str:
    return f"{d:%a %d %b %Y}" if d else none


class CoverListModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Requirement] = []
        self.order: dict[str, int] = {}  # shift code → its place in the codes list

    def set_rows(self, rows: Sequence[Requirement]) -> None:
        self.beginResetModel()
        self.rows = sorted(
            rows,
            key=lambda r: (
                r.beat or "",
                self.order.get(r.shift, 99),
                r.weekday,
                r.rank.value if r.rank else "",
                r.skill or "",
                r.effective_from or date.min,
            ),
        )
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        r = self.rows[index.row()]
        return (
            r.beat or "whole team",
            DAYS[r.weekday],
            r.shift,
            str(r.min_count),
            r.rank.label if r.rank else "any",
            r.skill or "any",
            _day(r.effective_from, "always"),
            _day(r.effective_to, "—"),
        )[index.column()]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return str(section + 1) if 0 <= section < len(self.rows) else None


class CoverListDialog(QDialog):
    def __init__(
        self,
        ops: Operations,
        team: str,
        since: date,
        shift_order: dict[str, int],
        add: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Cover requirements")
        self.resize(860, 460)
        self.ops, self.team, self.since = ops, team, since
        self.model = CoverListModel(self)
        self.model.order = shift_order
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Cover requirements")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b00020; font-weight: bold")
        self.error.setWordWrap(True)
        row = QHBoxLayout()
        for text, slot in (("&New or changed requirement…", add), ("&End", self.end_selected)):
            button = QPushButton(text, self)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        hint = QLabel(
            f"In force on or after {since:%a %d %b %Y}. A change is a new minimum from a "
            "date: the old one ends the day before, so earlier rosters are checked against "
            "what was required then. Ending one keeps it for the days it covered.",
            self,
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(self.table)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(close)
        self.refresh()

    def refresh(self) -> None:
        team, since = self.team, self.since
        self.ops.query(lambda db: list_requirements(db, team, since, date.max)).success(
            self.model.set_rows
        ).failure(lambda exc: self.error.setText(sentence(exc))).run()

    def end_selected(self, today: date | None = None) -> None:
        """In force until yesterday: today's rosters and later no longer need it."""
        idx = self.table.currentIndex()
        if not idx.isValid():
            self.error.setText("Choose a requirement first")
            return
        team, rid = self.team, self.model.rows[idx.row()].id
        last = (today or date.today()) - timedelta(days=1)

        def done(_result: object) -> None:
            self.error.setText("")
            self.refresh()

        self.ops.write(lambda db: end_requirement(db, team, rid, last), Changes(week=True)).success(
            done
        ).failure(lambda exc: self.error.setText(sentence(exc))).run()
