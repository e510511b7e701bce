"""The list of shift and absence codes: add, rename and recolour (in the table),
retire or reinstate, and move up or down. Each change is saved as a write op."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHeaderView, QWidget

from rosterapp.domain.values import ShiftTypeInfo
from rosterapp.services.shift_codes import move_shift_type, set_shift_active, update_shift_label
from rosterapp.services.shift_types import list_shift_types
from rosterapp.storage import Database
from rosterapp.ui.dialogs.list_base import Display, Edit, ListDialog, ListModel
from rosterapp.ui.operations import Changes, Operations
from rosterapp.ui.palette import tone

COLUMNS = ("Code", "Name", "Times", "Kind", "Colour", "In use")
NAME, COLOUR = 1, 4


class ShiftCodesModel(ListModel[ShiftTypeInfo]):
    columns = COLUMNS
    text_roles = (Display, Edit)
    editable = frozenset({NAME, COLOUR})

    @property
    def codes(self) -> list[ShiftTypeInfo]:
        return self.rows

    def arrange(self, rows: Sequence[ShiftTypeInfo]) -> list[ShiftTypeInfo]:
        return sorted(rows, key=lambda c: (c.sort_order, c.code))

    def texts(self, st: ShiftTypeInfo) -> Sequence[str]:
        kind = "Duty" if st.is_duty else (st.absence_kind.label if st.absence_kind else "")
        return (
            st.code,
            st.name,
            st.times_label,
            kind,
            st.colour,
            "yes" if st.active else "retired",
        )

    def value(self, st: ShiftTypeInfo, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and column == COLOUR:
            return QColor(st.colour)
        if role == Qt.ItemDataRole.ForegroundRole and column == COLOUR:
            return tone("cell_text")  # the fill is the code's own, light in both schemes
        if role == Qt.ItemDataRole.ForegroundRole and not st.active:
            return tone("muted")
        if role == Qt.ItemDataRole.ToolTipRole and column == 2 and st.is_duty:
            return "Times never change once a code is made: add a new code and retire this one"
        return None


class ShiftCodesDialog(ListDialog[ShiftTypeInfo]):
    noun = "code"

    def __init__(
        self,
        ops: Operations,
        codes: Sequence[ShiftTypeInfo],
        add_code: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        title = "Shift and absence codes"
        super().__init__(ops, ShiftCodesModel(), title, (720, 460), title, parent)
        self.model.set_rows(codes)
        self.model.edit_handler = self._typed
        self.table.horizontalHeader().setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        hint = (
            "Type over a name or a colour to change it. A retired code stays on earlier "
            "rosters, with its hours, but is not typed any more."
        )
        self.lay_out(
            [self.hint(hint)],
            [
                ("add", "&New code…", add_code),
                ("retire", "&Retire / reinstate", self.toggle_active),
                ("up", "Move &up", lambda: self.move_code(-1)),
                ("down", "Move &down", lambda: self.move_code(1)),
            ],
        )

    def reader(self) -> Callable[[Database], Sequence[ShiftTypeInfo]]:
        return list_shift_types

    def key(self, row: ShiftTypeInfo) -> object:
        return row.code

    def _typed(self, st: ShiftTypeInfo, column: int, text: str) -> None:
        name = text if column == NAME else st.name
        colour = text if column == COLOUR else st.colour
        self.relabel(st.code, name, colour)

    def relabel(self, code: str, name: str, colour: str) -> None:
        self.save(lambda db: update_shift_label(db, code, name, colour), Changes(week=True), code)

    def toggle_active(self) -> None:
        st = self.chosen()
        if st is None:
            return
        code, active = st.code, not st.active
        self.save(lambda db: set_shift_active(db, code, active), Changes(week=True), code)

    def move_code(self, step: int) -> None:
        st = self.chosen()
        if st is None:
            return
        code = st.code
        self.save(lambda db: move_shift_type(db, code, step), Changes(week=True), code)
