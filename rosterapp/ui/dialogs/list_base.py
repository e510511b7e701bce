"""What the list dialogs share (beats, shift codes, taskings, cover, operations and the
allocation list): a table model over plain values, one per row, and a dialog around its
view with a row of actions, an error line and Close. Each list says its columns, how a
row reads, how its rows are read (a query op) and what its buttons do; reads and writes
go through ui/operations.py like every other database call of the window."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rosterapp.storage import Database
from rosterapp.ui.operations import Changes, Operations, sentence
from rosterapp.ui.palette import error_style

Index = QModelIndex | QPersistentModelIndex
Row = TypeVar("Row")
Display = Qt.ItemDataRole.DisplayRole
Edit = Qt.ItemDataRole.EditRole
# (name in `buttons`, label with its mnemonic, slot)
Action = tuple[str, str, Callable[[], object]]


class ListModel(QAbstractTableModel, Generic[Row]):
    """Rows of plain values under fixed column headings. A subclass gives `texts` (a
    row's cells as shown) and, for other roles, `value`; `arrange` orders new rows."""

    columns: Sequence[str] = ()
    text_roles: tuple[Qt.ItemDataRole, ...] = (Display,)
    editable: frozenset[int] = frozenset()  # columns typed over in the table

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Row] = []
        # (row, column, typed text): the dialog saves it as an op; the row changes once
        # it is saved and read again.
        self.edit_handler: Callable[[Row, int, str], None] | None = None

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self.rows = self.arrange(rows)
        self.endResetModel()

    def arrange(self, rows: Sequence[Row]) -> list[Row]:
        return list(rows)

    def texts(self, row: Row) -> Sequence[str]:
        raise NotImplementedError

    def value(self, row: Row, column: int, role: int) -> Any:
        """What a cell gives for a role other than its text (colours, tooltips…)."""
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Display) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role in self.text_roles:
            return self.texts(row)[index.column()]
        return self.value(row, index.column(), role)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Display) -> Any:
        if role != Display:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section] if 0 <= section < len(self.columns) else None
        return str(section + 1) if 0 <= section < len(self.rows) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
        return base | Qt.ItemFlag.ItemIsEditable if index.column() in self.editable else base

    def setData(self, index: Index, value: Any, role: int = Edit) -> bool:
        if role != Edit or not index.isValid() or self.edit_handler is None:
            return False
        if index.column() not in self.editable:
            return False
        self.edit_handler(self.rows[index.row()], index.column(), str(value))
        return True  # handed on to be saved; the row changes once it is


class ListDialog(QDialog, Generic[Row]):
    """A list in a dialog: the table (one row selected at a time unless a subclass says
    otherwise), then `lay_out` puts what the list adds around it with its actions."""

    noun = "row"  # "Choose a beat first"

    def __init__(
        self,
        ops: Operations,
        model: ListModel[Row],
        title: str,
        size: tuple[int, int],
        table_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(*size)
        self.ops = ops
        self.model = model
        model.setParent(self)
        self.table = QTableView(self)
        self.table.setModel(model)
        self.table.setAccessibleName(table_name)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.error = QLabel(self)
        self.error.setStyleSheet(error_style(bold=True))
        self.error.setWordWrap(True)
        self.buttons: dict[str, QPushButton] = {}

    def hint(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setWordWrap(True)
        return label

    def lay_out(
        self,
        above: Sequence[QWidget | QLayout],
        actions: Sequence[Action],
        below: Sequence[QWidget] = (),
    ) -> None:
        """Top to bottom: `above`, the table, `below`, the actions, the error line, Close."""
        row = QHBoxLayout()
        for name, text, slot in actions:
            button = QPushButton(text, self)
            button.clicked.connect(slot)
            row.addWidget(button)
            self.buttons[name] = button
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for part in [*above, self.table, *below]:
            if isinstance(part, QLayout):
                layout.addLayout(part)
            else:
                layout.addWidget(part)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(close)

    # --- reading ----------------------------------------------------------------
    def reader(self) -> Callable[[Database], Sequence[Row]]:
        """The query that reads the rows (built here, on the GUI thread, from plain
        values: the worker never touches the dialog)."""
        raise NotImplementedError

    def key(self, row: Row) -> object:
        """What names a row across a refresh (a code, an id)."""
        return row

    def refresh(self, keep: object = None) -> None:
        self.ops.query(self.reader()).success(lambda rows: self.show_rows(rows, keep)).failure(
            self.show_error
        ).run()

    def show_rows(self, rows: Sequence[Row], keep: object = None) -> None:
        self.model.set_rows(rows)
        if keep is not None:
            self.select(keep)

    def select(self, keep: object) -> bool:
        row = next((i for i, r in enumerate(self.model.rows) if self.key(r) == keep), -1)
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, 0))
        return row >= 0

    def selected(self) -> Row | None:
        idx = self.table.currentIndex()
        rows = self.model.rows
        return rows[idx.row()] if idx.isValid() and idx.row() < len(rows) else None

    def chosen(self) -> Row | None:
        """The selected row, or None with "Choose a … first" said."""
        row = self.selected()
        if row is None:
            self.error.setText(f"Choose {_article(self.noun)} {self.noun} first")
        return row

    # --- writing ----------------------------------------------------------------
    def show_error(self, exc: BaseException) -> None:
        self.error.setText(sentence(exc))

    def write(
        self, fn: Callable[[Database], Any], changes: Changes, done: Callable[[Any], None]
    ) -> None:
        self.ops.write(fn, changes).success(done).failure(self.show_error).run()

    def save(self, fn: Callable[[Database], object], changes: Changes, keep: object = None) -> None:
        """Write, then clear the error line and read the list again (keeping `keep`)."""

        def done(_result: object) -> None:
            self.error.setText("")
            self.refresh(keep)

        self.write(fn, changes, done)


def _article(noun: str) -> str:
    return "an" if noun[:1] in "aeiou" else "a"
