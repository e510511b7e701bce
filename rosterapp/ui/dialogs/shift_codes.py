"""The list of shift and absence codes: add, rename and recolour (in the table),
retire or reinstate, and move up or down. Each change is saved as a write op."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
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

from rosterapp.domain.values import ShiftTypeInfo
from rosterapp.services.shift_codes import move_shift_type, set_shift_active, update_shift_label
from rosterapp.services.shift_types import list_shift_types
from rosterapp.storage import Database
from rosterapp.ui.operations import Changes, Operations, sentence

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Code", "Name", "Times", "Kind", "Colour", "In use")
NAME, COLOUR = 1, 4


class ShiftCodesModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.codes: list[ShiftTypeInfo] = []
        # (code, name, colour) typed into the table: the dialog saves it.
        self.edit_handler: Callable[[str, str, str], None] | None = None

    def set_codes(self, codes: Sequence[ShiftTypeInfo]) -> None:
        self.beginResetModel()
        self.codes = sorted(codes, key=lambda c: (c.sort_order, c.code))
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.codes)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        st, col = self.codes[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            kind = "Duty" if st.is_duty else (st.absence_kind.label if st.absence_kind else "")
            return (
                st.code,
                st.name,
                st.times_label,
                kind,
                st.colour,
                "yes" if st.active else "retired",
            )[col]
        if role == Qt.ItemDataRole.BackgroundRole and col == COLOUR:
            return QColor(st.colour)
        if role == Qt.ItemDataRole.ForegroundRole and not st.active:
            return QColor("#777777")
        if role == Qt.ItemDataRole.ToolTipRole and col == 2 and st.is_duty:
            return "Times never change once a code is made: add a new code and retire this one"
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return str(section + 1) if 0 <= section < len(self.codes) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
        return base | Qt.ItemFlag.ItemIsEditable if index.column() in (NAME, COLOUR) else base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.edit_handler is None:
            return False
        st = self.codes[index.row()]
        name = str(value) if index.column() == NAME else st.name
        colour = str(value) if index.column() == COLOUR else st.colour
        self.edit_handler(st.code, name, colour)
        return True  # handed on to be saved; the row changes once it is


class ShiftCodesDialog(QDialog):
    def __init__(
        self,
        ops: Operations,
        codes: Sequence[ShiftTypeInfo],
        add_code: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Shift and absence codes")
        self.resize(720, 460)
        self.ops = ops
        self.model = ShiftCodesModel(self)
        self.model.set_codes(codes)
        self.model.edit_handler = self.relabel
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Shift and absence codes")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b00020; font-weight: bold")
        self.error.setWordWrap(True)
        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for name, text, slot in (
            ("add", "&New code…", add_code),
            ("retire", "&Retire / reinstate", self.toggle_active),
            ("up", "Move &up", lambda: self.move_code(-1)),
            ("down", "Move &down", lambda: self.move_code(1)),
        ):
            button = QPushButton(text, self)
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self.buttons[name] = button
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        hint = QLabel(
            "Type over a name or a colour to change it. A retired code stays on earlier "
            "rosters, with its hours, but is not typed any more.",
            self,
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        layout.addWidget(close)

    def selected(self) -> ShiftTypeInfo | None:
        idx = self.table.currentIndex()
        return self.model.codes[idx.row()] if idx.isValid() else None

    def _save(self, fn: Callable[[Database], object], keep: str) -> None:
        def done(_result: object) -> None:
            self.error.setText("")
            self.refresh(keep)

        self.ops.write(fn, Changes(week=True)).success(done).failure(
            lambda exc: self.error.setText(sentence(exc))
        ).run()

    def refresh(self, keep: str | None = None) -> None:
        self.ops.query(list_shift_types).success(lambda codes: self._show(codes, keep)).run()

    def _show(self, codes: list[ShiftTypeInfo], keep: str | None) -> None:
        self.model.set_codes(codes)
        row = next((i for i, c in enumerate(self.model.codes) if c.code == keep), -1)
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, 0))

    def relabel(self, code: str, name: str, colour: str) -> None:
        self._save(lambda db: update_shift_label(db, code, name, colour), code)

    def toggle_active(self) -> None:
        st = self.selected()
        if st is None:
            self.error.setText("Choose a code first")
            return
        code, active = st.code, not st.active
        self._save(lambda db: set_shift_active(db, code, active), code)

    def move_code(self, step: int) -> None:
        st = self.selected()
        if st is None:
            self.error.setText("Choose a code first")
            return
        code = st.code
        self._save(lambda db: move_shift_type(db, code, step), code)
