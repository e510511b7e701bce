"""Operations and events: every occurrence from the first day shown, with what it needs,
who is allocated and its shortfall; the selected one's shortfall explained. Add an
operation (with its repeats) and allocate officers from here."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from rosterapp.domain.operations import OccurrenceInfo, OperationInfo
from rosterapp.services.operation_checks import shortfall
from rosterapp.services.operations import delete_operation, list_operations
from rosterapp.storage import Database
from rosterapp.ui.dialogs.list_base import ListDialog, ListModel
from rosterapp.ui.dialogs.operation_allocate import AllocationDialog
from rosterapp.ui.dialogs.operation_form import OperationFormDialog
from rosterapp.ui.operation_undo import AddOperationCommand
from rosterapp.ui.operations import Changes, Operations, sentence
from rosterapp.ui.palette import hex_tone, tone

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


class OperationsModel(ListModel[Row]):
    """One row per occurrence, in date order."""

    columns = COLUMNS

    def arrange(self, rows: Sequence[Row]) -> list[Row]:
        return sorted(rows, key=lambda r: (r[1].day, r[0].starts, r[0].id))

    def texts(self, row: Row) -> Sequence[str]:
        op, occ = row
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
        )

    def value(self, row: Row, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and column == len(COLUMNS) - 1:
            return tone("error") if row[1].short else tone("good")
        return None


class OperationsDialog(ListDialog[Row]):
    noun = "operation"

    def __init__(
        self,
        ops: Operations,
        stack: QUndoStack,
        team: str,
        since: date,
        on_conflict: Callable[[str], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        title = "Operations and events"
        super().__init__(ops, OperationsModel(), title, (1100, 560), "Operations", parent)
        self.stack, self.team, self.since = stack, team, since
        self.on_conflict = on_conflict
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.doubleClicked.connect(lambda _i: self.allocate_selected())
        self.table.selectionModel().currentRowChanged.connect(lambda _a, _b: self.explain())
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setAccessibleName("The chosen operation: its plan and who is allocated")
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(f"color: {hex_tone('warning')}")
        hint = (
            f"Occurrences on or after {since:%a %d %b %Y}. An allocated officer's duty "
            "replaces their roster entry that day (a band on the left of the cell); taking "
            "them off puts it back. Ctrl+Z in the window undoes adding, allocating or taking off."
        )
        self.lay_out(
            [self.hint(hint)],
            [
                ("add", "&New operation…", self.add),
                ("allocate", "&Allocate officers…", self.allocate_selected),
                ("delete", "&Delete operation…", self.delete_selected),
            ],
            below=[self.detail, self.notice],
        )
        ops.changed.connect(self._changed)
        self.refresh()

    def _changed(self, _changes: object) -> None:
        if self.isVisible():
            self.refresh()

    def reader(self) -> Callable[[Database], Sequence[Row]]:
        since = self.since

        def occurrences(db: Database) -> list[Row]:
            found = list_operations(db, since, None)
            return [(op, o) for op in found for o in op.occurrences if o.day >= since]

        return occurrences

    def key(self, row: Row) -> object:
        return row[1].id

    def refresh(self, keep: object = None) -> None:
        """Read again, keeping the occurrence selected (or selecting the first)."""
        current = self.current()
        super().refresh(self.key(current) if current else None)

    def show_rows(self, rows: Sequence[Row], keep: object = None) -> None:
        self.model.set_rows(rows)
        if len(self.model.rows) <= 200:  # cheap for a list this size; a grid it is not
            self.table.resizeColumnsToContents()
        if not (keep is not None and self.select_row_of(keep)) and self.model.rows:
            self.table.selectRow(0)
        self.explain()

    def select_row_of(self, keep: object) -> bool:
        for i, row in enumerate(self.model.rows):
            if self.key(row) == keep:
                self.table.selectRow(i)
                return True
        return False

    def current(self) -> Row | None:
        return self.selected()

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
        if form.new is not None:  # saved already: pushing records it for Ctrl+Z
            self.stack.push(
                AddOperationCommand(self.ops, form.new, added.operation, self.on_conflict)
            )
        if first < self.since:
            self.since = first
        self.refresh()

    def confirm(self, text: str) -> bool:
        """Asked before deleting; tests replace it."""
        answer = QMessageBox.question(self, "Delete operation", text)
        return answer == QMessageBox.StandardButton.Yes

    def delete_selected(self) -> None:
        """An operation entered by mistake, with all its occurrences (none allocated)."""
        row = self.chosen()
        if row is None:
            return
        op = row[0]
        times = len(op.occurrences)
        if not self.confirm(f"Delete {op.name} ({op.code}) and its {times} occurrence(s)?"):
            return
        self.write(
            lambda db: delete_operation(db, op.id, expected_version=op.version),
            Changes(week=True),
            lambda _r: self.notice.setText(f"Deleted {op.name} ({op.code})"),
        )

    def allocate_selected(self) -> AllocationDialog | None:
        row = self.chosen()
        if row is None:
            return None
        op, occ = row
        dialog = AllocationDialog(self.ops, self.stack, op, occ.id, self.on_conflict, self)
        dialog.open()
        return dialog
