"""Operations and events: every occurrence from the first day shown, with what it needs,
who is allocated and its shortfall; the selected one's shortfall explained. Add an
operation (with its repeats) and allocate officers from here."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rosterapp.domain.operations import OccurrenceInfo, OperationInfo
from rosterapp.services.operation_checks import shortfall
from rosterapp.services.operations import delete_operation, list_operations
from rosterapp.ui.dialogs.operation_allocate import AllocationDialog
from rosterapp.ui.dialogs.operation_form import OperationFormDialog
from rosterapp.ui.operations import Changes, Operations, sentence

Index = QModelIndex | QPersistentModelIndex
COLUMNS = (
    "Date",
    "Code",
    "Operation",
    "Kind",
    "Tour",
    "Place",
    "Needs",
    "Teams",
    "Allocated",
    "Shortfall",
)
Row = tuple[OperationInfo, OccurrenceInfo]


class OperationsModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Row] = []

    def set_operations(self, ops: Sequence[OperationInfo], since: date) -> None:
        self.beginResetModel()
        self.rows = sorted(
            ((op, o) for op in ops for o in op.occurrences if o.day >= since),
            key=lambda r: (r[1].day, r[0].starts, r[0].id),
        )
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        op, occ = self.rows[index.row()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == len(COLUMNS) - 1:
            return QColor("#b00020") if occ.short else QColor("#1b6e20")
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            f"{occ.day:%a %d %b %Y}",
            op.code,
            op.name,
            f"{op.kind.label} ({op.category_label})",
            op.times_label,
            op.place,
            op.needs_label,
            ", ".join(t.label for t in op.teams) or "any team",
            str(len(occ.allocated)),
            occ.shortfall_label,
        )[index.column()]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return str(section + 1) if 0 <= section < len(self.rows) else None


class OperationsDialog(QDialog):
    def __init__(
        self,
        ops: Operations,
        stack: QUndoStack,
        team: str,
        since: date,
        on_conflict: Callable[[str], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Operations and events")
        self.resize(1100, 560)
        self.ops, self.stack, self.team, self.since = ops, stack, team, since
        self.on_conflict = on_conflict
        self.model = OperationsModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Operations")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.doubleClicked.connect(lambda _i: self.allocate_selected())
        self.table.selectionModel().currentRowChanged.connect(lambda _a, _b: self.explain())
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: #8a5a00")
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b00020; font-weight: bold")
        self.error.setWordWrap(True)
        row = QHBoxLayout()
        for text, slot in (
            ("&New operation…", self.add),
            ("&Allocate officers…", self.allocate_selected),
            ("&Delete operation…", self.delete_selected),
        ):
            button = QPushButton(text, self)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        hint = QLabel(
            f"Occurrences on or after {since:%a %d %b %Y}. An allocated officer's duty "
            "replaces their roster entry that day (a band on the left of the cell); taking "
            "them off puts it back. Ctrl+Z in the window undoes either.",
            self,
        )
        hint.setWordWrap(True)
        for widget in (hint, self.table, self.detail, self.notice):
            layout.addWidget(widget)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(close)
        ops.changed.connect(self._changed)
        self.refresh()

    def _changed(self, _changes: object) -> None:
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        since = self.since
        keep = self.current()
        self.ops.query(lambda db: list_operations(db, since, None)).success(
            lambda found: self._show(found, keep)
        ).failure(lambda exc: self.error.setText(sentence(exc))).run()

    def _show(self, found: list[OperationInfo], keep: Row | None) -> None:
        self.model.set_operations(found, self.since)
        if len(self.model.rows) <= 200:  # cheap for a list this size; a grid it is not
            self.table.resizeColumnsToContents()
        for i, (_, occ) in enumerate(self.model.rows):
            if keep is not None and occ.id == keep[1].id:
                self.table.selectRow(i)
                break
        else:
            if self.model.rows:
                self.table.selectRow(0)
        self.explain()

    def current(self) -> Row | None:
        idx = self.table.currentIndex()
        return (
            self.model.rows[idx.row()]
            if idx.isValid() and idx.row() < len(self.model.rows)
            else None
        )

    def explain(self) -> None:
        """The selected occurrence's shortfall, need by need, with why."""
        row = self.current()
        if row is None:
            self.detail.setText("No operations yet: add one with New operation.")
            return
        op, occ = row
        self.ops.query(lambda db: shortfall(db, op.id, occ.id), key="operation-shortfall").success(
            lambda found: self._explained(op, found)
        ).failure(lambda exc: self.detail.setText(sentence(exc))).run()

    def _explained(self, op: OperationInfo, occ: OccurrenceInfo) -> None:
        lines = [f"{op.name}, {occ.day:%a %d %b %Y}: {occ.shortfall_label}"]
        lines += [
            f"• {c.label}" + (f" — {c.explanation}" if c.explanation else "") for c in occ.counts
        ]
        self.detail.setText("\n".join(lines))

    def add(self) -> OperationFormDialog:
        form = OperationFormDialog(self.ops, self.team, self.since, self)
        form.accepted.connect(lambda: self._added(form))
        form.open()
        return form

    def _added(self, form: OperationFormDialog) -> None:
        added = form.added
        if added is None:
            return
        self.error.setText("")
        first = added.operation.occurrences[0].day
        text = f"Added {added.operation.name} ({added.operation.code})"
        if added.warnings:
            text += ". Warning: " + "; ".join(added.warnings)
        self.notice.setText(text)
        if first < self.since:
            self.since = first
        self.refresh()

    def confirm(self, text: str) -> bool:
        """Asked before deleting; tests replace it."""
        answer = QMessageBox.question(self, "Delete operation", text)
        return answer == QMessageBox.StandardButton.Yes

    def delete_selected(self) -> None:
        """An operation entered by mistake, with all its occurrences (none allocated)."""
        row = self.current()
        if row is None:
            self.error.setText("Choose an operation first")
            return
        op = row[0]
        times = len(op.occurrences)
        if not self.confirm(f"Delete {op.name} ({op.code}) and its {times} occurrence(s)?"):
            return
        self.ops.write(
            lambda db: delete_operation(db, op.id, expected_version=op.version), Changes(week=True)
        ).success(lambda _r: self.notice.setText(f"Deleted {op.name} ({op.code})")).failure(
            lambda exc: self.error.setText(sentence(exc))
        ).run()

    def allocate_selected(self) -> AllocationDialog | None:
        row = self.current()
        if row is None:
            self.error.setText("Choose an operation first")
            return None
        op, occ = row
        dialog = AllocationDialog(self.ops, self.stack, op, occ.id, self.on_conflict, self)
        dialog.open()
        return dialog
