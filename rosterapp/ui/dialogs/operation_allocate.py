"""Allocating officers to one occurrence of an operation: everyone of the supplying
teams, who is free and qualified first, and for the others why not (on leave, on
another operation, a rest rule the duty would break…). Tick and allocate; tick an
allocated officer and take them off. Each is one undo step in the window."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QWidget,
)

from rosterapp.domain.calendar import LONDON
from rosterapp.domain.operations import AllocationChange, Candidate, OperationInfo
from rosterapp.services.operation_allocation import allocate, unallocate
from rosterapp.services.operation_checks import candidates
from rosterapp.services.operation_suggest import Suggestion, suggest
from rosterapp.storage import Database
from rosterapp.ui.dialogs.list_base import Index, ListDialog, ListModel
from rosterapp.ui.operation_undo import AllocationCommand
from rosterapp.ui.operations import Changes, Operations
from rosterapp.ui.palette import tone

COLUMNS = ("", "Shoulder", "Name", "Team", "Counts for", "Free?")


class CandidatesModel(ListModel[Candidate]):
    """Everyone of the supplying teams; `rows` are those the filter shows."""

    columns = COLUMNS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.everyone: list[Candidate] = []
        self.ticked: set[str] = set()
        self.text = ""
        self.only_available = False

    def set_rows(self, rows: Sequence[Candidate]) -> None:
        self.everyone = list(rows)
        self.ticked &= {c.shoulder_number for c in rows if c.free or c.allocated}
        self._filter()

    def set_filter(self, text: str, only_available: bool) -> None:
        self.text, self.only_available = text.strip().casefold(), only_available
        self._filter()

    def _filter(self) -> None:
        def shown(c: Candidate) -> bool:
            if self.only_available and not (c.free or c.allocated):
                return False
            return (
                not self.text
                or self.text in f"{c.shoulder_number} {c.name} {c.team_code}".casefold()
            )

        super().set_rows([c for c in self.everyone if shown(c)])

    def _status(self, c: Candidate) -> str:
        if c.allocated:
            return "allocated"
        return "free and qualified" if c.free else "; ".join(c.reasons)

    def texts(self, c: Candidate) -> Sequence[str]:
        return ("", c.shoulder_number, c.name, c.team_code, ", ".join(c.matches), self._status(c))

    def value(self, c: Candidate, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.CheckStateRole and column == 0:
            if not (c.free or c.allocated):
                return None
            ticked = c.shoulder_number in self.ticked
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole and column == len(COLUMNS) - 1:
            return "\n".join(c.reasons) or None
        if role == Qt.ItemDataRole.ForegroundRole and not (c.free or c.allocated):
            return tone("muted")
        if role == Qt.ItemDataRole.FontRole and c.allocated:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        c = self.rows[index.row()]
        if index.column() == 0 and (c.free or c.allocated):
            base |= Qt.ItemFlag.ItemIsUserCheckable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or index.column():
            return False
        c = self.rows[index.row()]
        if not (c.free or c.allocated):
            return False
        state = Qt.CheckState(value) if isinstance(value, int) else value
        if state == Qt.CheckState.Checked:
            self.ticked.add(c.shoulder_number)
        else:
            self.ticked.discard(c.shoulder_number)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True

    def tick(self, shoulder: str, on: bool = True) -> None:
        row = next(i for i, c in enumerate(self.rows) if c.shoulder_number == shoulder)
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        self.setData(self.index(row, 0), state, Qt.ItemDataRole.CheckStateRole)

    def tick_only(self, shoulders: Sequence[str]) -> None:
        """Tick these (a suggestion), and nobody else."""
        self.ticked = set(shoulders)
        if self.rows:
            last = self.index(len(self.rows) - 1, 0)
            self.dataChanged.emit(self.index(0, 0), last, [Qt.ItemDataRole.CheckStateRole])

    def chosen(self, allocated: bool) -> list[str]:
        return [
            c.shoulder_number
            for c in self.everyone
            if c.shoulder_number in self.ticked and c.allocated is allocated
        ]


class AllocationDialog(ListDialog[Candidate]):
    model: CandidatesModel

    def __init__(
        self,
        ops: Operations,
        stack: QUndoStack,
        operation: OperationInfo,
        occurrence_id: int,
        on_conflict: Callable[[str], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        occ = operation.occurrence(occurrence_id)
        assert occ is not None
        title = f"Allocate: {operation.name}, {occ.day:%a %d %b %Y}"
        table_name = "Officers of the supplying teams"
        super().__init__(ops, CandidatesModel(), title, (900, 560), table_name, parent)
        self.stack, self.operation, self.occurrence_id = stack, operation, occ.id
        self.on_conflict = on_conflict
        begins, ends = occ.begins.astimezone(LONDON), occ.ends.astimezone(LONDON)
        self._set_up_table()
        head = self.hint(
            f"{operation.code} · {operation.kind.label}, {operation.category_label} · "
            f"{occ.day:%a %d %b %Y} {begins:%H:%M}–{ends:%H:%M}"
            + (f" · {operation.place}" if operation.place else "")
            + f" · needs {operation.needs_label}"
        )
        self.summary = self.hint("")
        self.lay_out(
            [head, self._filters(), self.summary],
            [
                ("suggest", "&Suggest who", self.suggest),
                ("allocate", "&Allocate ticked", lambda: self.apply(True)),
                ("remove", "&Take ticked off", lambda: self.apply(False)),
            ],
        )
        self.suggest_button = self.buttons["suggest"]
        self.suggest_button.setToolTip(
            "Tick enough free and qualified officers for what is short, keeping ward "
            "officers on their wards and rest days as rest days where others can go"
        )
        self.allocate_button, self.remove_button = self.buttons["allocate"], self.buttons["remove"]
        ops.changed.connect(self._changed)
        self.refresh()

    def _set_up_table(self) -> None:
        table = self.table
        # Several rows may be selected: ticks, not the selection, say who is allocated.
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.horizontalHeader().setStretchLastSection(True)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        table.setColumnWidth(0, 28)
        table.setColumnWidth(2, 200)

    def _filters(self) -> QHBoxLayout:
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Find by name, shoulder number or team")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Find an officer")
        self.only = QCheckBox("&Only those who can be allocated", self)
        self.search.textChanged.connect(self._refilter)
        self.only.toggled.connect(self._refilter)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.only)
        return filters

    def _refilter(self) -> None:
        self.model.set_filter(self.search.text(), self.only.isChecked())

    def _changed(self, _changes: object) -> None:
        if self.isVisible():
            self.refresh()

    def reader(self) -> Callable[[Database], Sequence[Candidate]]:
        op, occ = self.operation.id, self.occurrence_id
        return lambda db: candidates(db, op, occ)

    def show_rows(self, rows: Sequence[Candidate], keep: object = None) -> None:
        self.model.set_rows(rows)
        free = sum(1 for c in rows if c.free)
        allocated = sum(1 for c in rows if c.allocated)
        self.summary.setText(
            f"{allocated} allocated · {free} more free and qualified · "
            f"{len(rows) - free - allocated} cannot be (hover for why)"
        )

    def suggest(self) -> None:
        op, occ = self.operation.id, self.occurrence_id
        self.ops.query(lambda db: suggest(db, op, occ)).success(self._suggested).failure(
            self.show_error
        ).run()

    def _suggested(self, found: Suggestion) -> None:
        self.model.tick_only(found.shoulder_numbers)
        head = (
            f"Ticked {len(found.shoulder_numbers)}: check them, then Allocate ticked."
            if found.shoulder_numbers
            else "Nobody to suggest."
        )
        self.error.setText("\n".join([head, *found.notes]))

    def apply(self, allocating: bool) -> None:
        chosen = self.model.chosen(allocated=not allocating)
        if not chosen:
            self.error.setText(
                "Tick the officers to allocate first"
                if allocating
                else "Tick allocated officers to take off first"
            )
            return
        op, occ = self.operation.id, self.occurrence_id
        do = allocate if allocating else unallocate
        self.write(lambda db: do(db, op, occ, chosen), Changes(week=True), self._done)

    def _done(self, change: AllocationChange) -> None:
        self.stack.push(AllocationCommand(self.ops, change, self.operation.name, self.on_conflict))
        self.model.ticked.clear()
        self.error.setText("\n".join(f"Note: {w}" for w in change.warnings))
        # The write's `changed` broadcast refreshes the list (and the window's grid).
