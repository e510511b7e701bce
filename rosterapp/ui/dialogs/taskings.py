"""The team's taskings still to print: reword in the table, raise or lower (the order
the briefing prints them in), end from a day, or add one."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rosterapp.domain.briefing import BriefingItemInfo
from rosterapp.services.taskings import end_tasking, list_taskings, update_tasking
from rosterapp.storage import Database
from rosterapp.ui.operations import Changes, Operations, sentence

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Priority", "From", "To", "Shifts", "Beat", "Tasking")
TEXT = 5
PRIORITY = {1: "1 – high", 2: "2 – normal", 3: "3 – low"}


class TaskingsModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.items: list[BriefingItemInfo] = []
        self.edit_handler: Callable[[int, str], None] | None = None

    def set_items(self, items: Sequence[BriefingItemInfo]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        it = self.items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return (
                PRIORITY.get(it.priority, str(it.priority)),
                f"{it.start_date:%a %d %b}",
                f"{it.end_date:%a %d %b %Y}",
                " ".join(it.shift_codes) or "all",
                it.beat or "all",
                it.text,
            )[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == TEXT:
            return it.text
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return str(section + 1) if 0 <= section < len(self.items) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
        return base | Qt.ItemFlag.ItemIsEditable if index.column() == TEXT else base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.edit_handler is None:
            return False
        self.edit_handler(self.items[index.row()].id, str(value))
        return True  # saved as an op; the row changes once it is


class TaskingsDialog(QDialog):
    def __init__(
        self,
        ops: Operations,
        team: str,
        since: date,
        add: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Briefing taskings")
        self.resize(820, 420)
        self.ops, self.team, self.since = ops, team, since
        self.model = TaskingsModel(self)
        self.model.edit_handler = lambda item, text: self._save(
            lambda db: update_tasking(db, team, item, text=text)
        )
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Briefing taskings")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b00020; font-weight: bold")
        self.error.setWordWrap(True)
        row = QHBoxLayout()
        for text, slot in (
            ("&New tasking…", add),
            ("&Raise", lambda: self.shift_priority(-1)),
            ("&Lower", lambda: self.shift_priority(1)),
            ("&End from today", self.end_selected),
        ):
            button = QPushButton(text, self)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        hint = QLabel(
            "Taskings print on the briefing sheets of their days, highest priority first. "
            "Type over a tasking to reword it; ending one keeps what was briefed before.",
            self,
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(self.table)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(close)
        self.refresh()

    def selected(self) -> BriefingItemInfo | None:
        idx = self.table.currentIndex()
        return self.model.items[idx.row()] if idx.isValid() else None

    def refresh(self) -> None:
        team, since = self.team, self.since
        self.ops.query(lambda db: list_taskings(db, team, since)).success(
            self.model.set_items
        ).failure(lambda exc: self.error.setText(sentence(exc))).run()

    def _save(self, fn: Callable[[Database], object]) -> None:
        def done(_result: object) -> None:
            self.error.setText("")
            self.refresh()

        self.ops.write(fn, Changes()).success(done).failure(
            lambda exc: self.error.setText(sentence(exc))
        ).run()

    def shift_priority(self, step: int) -> None:
        it = self.selected()
        if it is None:
            self.error.setText("Choose a tasking first")
            return
        team, item, priority = self.team, it.id, min(max(it.priority + step, 1), 3)
        self._save(lambda db: update_tasking(db, team, item, priority=priority))

    def end_selected(self, today: date | None = None) -> None:
        it = self.selected()
        if it is None:
            self.error.setText("Choose a tasking first")
            return
        team, item, last = self.team, it.id, today or date.today()
        self._save(lambda db: end_tasking(db, team, item, last))
